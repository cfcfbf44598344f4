"""Vectorised parsers for the value forms departments write: numbers, percentages, dates, months."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

import polars as pl

# NOTE: NFKC turns full-width digits, letters, brackets, '％' and the ideographic space into their
# ASCII forms, which is exactly the normalisation the templates need for codes and numbers.
# NOTE: 'NaN' is not among them: a number that is not a number is rejected, not read as blank.
_BLANKS = ["", "-", "--", "—", "/", "NA", "N/A", "None", "null"]
EXCEL_EPOCH = pl.date(1899, 12, 30)
# The earliest date a department's data can hold (Excel's 1900-01-01 is a placeholder, not data).
EARLIEST = dt.date(2000, 1, 1)
# Thousands separators only in groups of three: 1,234 and 12,345,678.5 — never 1,5 or 12,34.
THOUSANDS = r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?%?$"
LARGEST = 1e15   # beyond this a count or amount is not a department's number


def today() -> dt.date:
    """Today, the latest date a record can carry (a plan's deadlines excepted)."""
    return dt.date.today()


def clean_text(col: pl.Expr) -> pl.Expr:
    """NFKC-normalise, trim, and turn the usual blank markers into null."""
    s = col.cast(pl.Utf8).str.normalize("NFKC").str.strip_chars()
    return pl.when(s.is_in(_BLANKS)).then(None).otherwise(s)


def _number_text(s: pl.Expr, allow_percent: bool) -> pl.Expr:
    t = s.str.replace_all(r"\s", "")
    t = pl.when(t.str.contains(",") & ~t.str.contains(THOUSANDS)).then(None).otherwise(
        t.str.replace_all(",", ""))
    return t.str.strip_suffix("%") if allow_percent else t


def read_number(s: pl.Expr, allow_percent: bool) -> pl.Expr:
    """The text read as a float, NaN and infinities included: a column read once, then asked
    whether it is finite (`finite`) and whether it is a number at all."""
    return _number_text(s, allow_percent).cast(pl.Float64, strict=False)


def finite(x: pl.Expr) -> pl.Expr:
    """A `read_number` result without NaN and infinities."""
    return pl.when(x.is_finite()).then(x)


def parse_number(s: pl.Expr, allow_percent: bool) -> pl.Expr:
    """'1,234.5' → 1234.5; '85.3%' → 85.3 when percentages are allowed, else null. Null too for a
    comma that is not a thousands separator ('1,5'), and for NaN, infinities and overflow
    ('1e400')."""
    return finite(read_number(s, allow_percent))


def bad_comma(s: pl.Expr) -> pl.Expr:
    """A comma that is not in 1,234-shaped groups (a decimal comma '1,5', or '12,34')."""
    t = s.str.replace_all(r"\s", "")
    return t.str.contains(",") & ~t.str.contains(THOUSANDS)


def is_integral(x: pl.Expr) -> pl.Expr:
    return (x - x.round(0)).abs() < 1e-9


def parse_date(s: pl.Expr) -> pl.Expr:
    """2025-06-30, 2025/6/30, 2025年6月30日, 2025.6.30, 20250630, Excel serials, ISO timestamps."""
    t = (
        s.str.replace(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$", "")
        .str.replace_all(r"[年月/.]", "-")
        .str.replace_all("日", "")
    )
    ymd = t.str.extract_groups(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
    compact = t.str.extract_groups(r"^(\d{4})(\d{2})(\d{2})$")
    serial = s.str.extract(r"^(\d{5})(?:\.0+)?$", 1).cast(pl.Int64, strict=False)

    def build(groups: pl.Expr) -> pl.Expr:
        y = groups.struct.field("1").cast(pl.Int32, strict=False)
        m = groups.struct.field("2").cast(pl.Int8, strict=False)
        d = groups.struct.field("3").cast(pl.Int8, strict=False)
        ok = m.is_between(1, 12) & d.is_between(1, 31) & y.is_between(1900, 2100)
        # NOTE: strptime rejects impossible days (2025-02-30) where pl.date would raise.
        text = pl.format("{}-{}-{}", y, m.cast(pl.Utf8).str.zfill(2), d.cast(pl.Utf8).str.zfill(2))
        return pl.when(ok).then(text.str.strptime(pl.Date, "%Y-%m-%d", strict=False))

    from_serial = pl.when(serial.is_between(20000, 80000)).then(
        EXCEL_EPOCH + pl.duration(days=serial)
    )
    return pl.coalesce(build(ymd), build(compact), from_serial).cast(pl.Date)


def parse_month(s: pl.Expr) -> pl.Expr:
    """2025-06, 2025/6, 2025年6月, 202506, or any full date → first day of that month."""
    t = (
        s.str.replace(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$", "")
        .str.replace_all(r"[年/.]", "-")
        .str.replace_all("月", "-")
        .str.replace_all("日", "")
        .str.strip_chars("-")
    )
    ym = t.str.extract_groups(r"^(\d{4})-(\d{1,2})$")
    compact = t.str.extract_groups(r"^(\d{4})(\d{2})$")

    def build(groups: pl.Expr) -> pl.Expr:
        y = groups.struct.field("1").cast(pl.Int32, strict=False)
        m = groups.struct.field("2").cast(pl.Int8, strict=False)
        # NOTE: built through strptime, not pl.date: polars works pl.date out on every row
        # whatever the when() says, and month 13 raised for the whole column.
        text = pl.format("{}-{}-01", y, m.cast(pl.Utf8).str.zfill(2))
        return pl.when(m.is_between(1, 12) & y.is_between(1900, 2100)).then(
            text.str.strptime(pl.Date, "%Y-%m-%d", strict=False))

    full = parse_date(s).dt.truncate("1mo")
    return pl.coalesce(build(ym), build(compact), full).cast(pl.Date)


QUARTER_DIGITS = {"一": "1", "二": "2", "三": "3", "四": "4", "1": "1", "2": "2", "3": "3",
                  "4": "4"}


def parse_quarter(s: pl.Expr) -> pl.Expr:
    """2025-Q1, 2025Q1, 2025 Q1, 2025年第1季度, 2025年一季度, 2025年第一季度 → the quarter's
    first day."""
    t = s.str.replace_all(r"\s", "").str.to_uppercase()
    groups = t.str.extract_groups(r"^(\d{4})(?:-?Q|年第?)([1-4一二三四])(?:季度?)?$")
    y = groups.struct.field("1").cast(pl.Int32, strict=False)
    q = groups.struct.field("2").replace_strict(QUARTER_DIGITS, default=None).cast(
        pl.Int8, strict=False)
    return pl.when(y.is_between(1900, 2100) & q.is_not_null()).then(
        pl.date(y, q * 3 - 2, 1)).cast(pl.Date)


TRUE_WORDS = ["是", "有", "Y", "y", "yes", "Yes", "YES", "1", "true", "True", "TRUE", "阳性"]
FALSE_WORDS = ["否", "无", "N", "n", "no", "No", "NO", "0", "false", "False", "FALSE", "阴性"]


def parse_bool(s: pl.Expr) -> pl.Expr:
    return pl.when(s.is_in(TRUE_WORDS)).then(True).when(s.is_in(FALSE_WORDS)).then(False)


def header_unit(text: object) -> str | None:
    """The unit a header names in brackets: '路径长度（千米）' → '千米'; None without brackets."""
    m = re.search(r"\(([^)]*)\)\s*$", unicodedata.normalize("NFKC", str(text or "")))
    return m.group(1).strip().lower() if m else None


def normalize_header(text: object, keep_brackets: bool = False) -> str:
    """Header key: NFKC, no whitespace, lower case, and (unless `keep_brackets`) no parenthesised
    unit — so '阶段名称（英文）' is '阶段名称(英文)' with brackets kept, '阶段名称' without."""
    if text is None:
        return ""
    return _normalize_header(str(text), keep_brackets)


@lru_cache(maxsize=4096)
def _normalize_header(text: str, keep_brackets: bool) -> str:
    t = unicodedata.normalize("NFKC", text)
    t = re.sub(r"\s+", "", t)
    if not keep_brackets:
        t = re.sub(r"\([^)]*\)", "", t)
        t = re.sub(r"\[[^\]]*\]", "", t)
    return t.lower()
