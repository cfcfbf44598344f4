"""The contract machinery every source shares: columns, rules, header mapping, parsing, rejects."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import polars as pl

from etl import parse
from etl.readers import RawSheet, read_tabular

# Kind of a column → polars dtype of the contracted frame.
DTYPES = {
    "code": pl.Utf8, "text": pl.Utf8, "enum": pl.Utf8, "geometry": pl.Utf8,
    "int": pl.Int64, "year": pl.Int64,
    "num": pl.Float64, "pct": pl.Float64, "lon": pl.Float64, "lat": pl.Float64,
    "date": pl.Date, "month": pl.Date, "bool": pl.Boolean,
}
LINEAGE = {"run_id": pl.Int64, "source_file": pl.Utf8, "source_sheet": pl.Utf8,
           "source_row": pl.Int64}
# Chinese and English labels of the lineage columns every staged table carries.
LINEAGE_LABELS = {"run_id": ("导入批次", "Load run"), "source_file": ("来源文件", "Source file"),
                  "source_sheet": ("工作表", "Sheet"), "source_row": ("行号", "Row number")}
CJK = re.compile(r"[\u4e00-\u9fff]")
TOTAL_ROW = re.compile(r"^(合计|总计|小计|全市合计|全区合计|总合计)$")
# Personal data: never accepted (TEMPLATES.md §5; DESIGN quality bar).
PERSONAL_HEADERS = ("姓名", "身份证", "手机", "电话", "联系方式", "家庭住址", "证件号")
# NOTE: digits next to a '.' belong to a decimal (a coordinate), not to a phone or ID number.
PHONE = r"(?:^|[^\d.])1[3-9]\d{9}(?:[^\d.]|$)"
ID_NUMBER = r"(?:^|[^\d.])(?:\d{17}[\dXx]|\d{15})(?:[^\d.]|$)"
CODE_DEFAULT = r"^[0-9A-Za-z_\-]{1,32}$"


class EtlFatal(Exception):  # noqa: N818 (a load that must stop: the name says so)
    """A problem that stops the whole load: nothing is written."""

    def __init__(self, file: str | Path, message: str, column: str | None = None,
                 row: int | None = None):
        self.file, self.column, self.row = str(file), column, row
        where = f"{self.file}"
        if row is not None:
            where += f" 第{row}行"
        if column:
            where += f" 列「{column}」"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Col:
    """One canonical column: its Chinese header(s), kind and the checks on its values."""

    name: str
    headers: tuple[str, ...]
    kind: str
    required: bool = True        # the column must be present in the file
    nullable: bool = False       # a blank value is allowed (blank = missing, never zero)
    min: float | None = None
    max: float | None = None
    values: dict[str, str] | None = None   # enum: accepted spelling → canonical value
    pattern: str | None = None
    percent_ok: bool = False     # '85.3%' accepted (value kept in percent units)
    units: tuple[str, ...] = ()  # units a header may name in brackets, e.g. ("吨", "t")
    label_en: str = ""           # English label (UI in English, dim_column)

    @property
    def header(self) -> str:
        return self.headers[0]

    @property
    def label_zh(self) -> str:
        """The Chinese label: the first header written in Chinese (GeoJSON keys come first)."""
        return next((h for h in self.headers if CJK.search(h)), self.headers[0])


@dataclass(frozen=True)
class Rule:
    """A cross-field check: `check` true (or null) passes; failing rows are rejected."""

    column: str
    check: pl.Expr
    reason: str


@dataclass(frozen=True)
class Meta:
    name: str            # source id: module name, sample folder, staged table stg_<name>
    title_zh: str
    title_en: str
    keys: tuple[str, ...]   # natural key: a re-sent row with the same key replaces the old one
    foreign_keys: dict[str, str] = field(default_factory=dict)   # column → dimension kind
    history: bool = False   # keep replaced versions in stg_<name>_history
    sum_duplicates: bool = False   # rows sharing a key are parts to add up, not conflicts
    # the file is the whole table (e.g. the plan's stage goals, edited and re-sent whole): a row
    # missing from the new file is gone from the warehouse too
    whole_table: bool = False
    order: int = 50         # load order: dimensions before facts
    # What the office knows of the template (published as dim_template; the data-status page and
    # the late-report views read it from there):
    number: str = ""        # its number in the templates document: 1, 2a, 3b …
    rhythm: str = "as_needed"   # how often it is sent (monthly, quarterly, yearly, continuous …)
    period_grain: str | None = None    # the grain of the period one row reports
    period: str | None = None  # SQL over the staged columns: the start of that period
    unit_type: str | None = None   # a periodic report's reporting unit (street, site, centre)
    unit_column: str | None = None  # …and the staged column that names it

    @property
    def table(self) -> str:
        return f"stg_{self.name}"


@dataclass
class Result:
    """What transform() returns for one sheet."""

    frame: pl.DataFrame
    rejects: pl.DataFrame
    rows_read: int
    warnings: list[str]
    sheet: str | None = None


REJECT_SCHEMA = {"file": pl.Utf8, "sheet": pl.Utf8, "row_number": pl.Int64, "column": pl.Utf8,
                 "value": pl.Utf8, "reason": pl.Utf8}


def empty_rejects() -> pl.DataFrame:
    return pl.DataFrame(schema=REJECT_SCHEMA)


@dataclass(frozen=True)
class Contract:
    """A source file type: metadata, columns and rules; `read` and `transform` implement it."""

    meta: Meta
    columns: tuple[Col, ...]
    rules: tuple[Rule, ...] = ()
    post: Callable[[pl.DataFrame], pl.DataFrame] | None = None
    reader: Callable[[Path], list[RawSheet]] = read_tabular
    # (column, label_zh, label_en) of the columns `post` adds, e.g. geography's area_level
    post_labels: tuple[tuple[str, str, str], ...] = ()

    @property
    def schema(self) -> dict[str, pl.DataType]:
        out = {c.name: DTYPES[c.kind] for c in self.columns}
        if self.post is not None:
            out = dict(self.post(pl.DataFrame(schema=out)).schema)
        return out

    @cached_property
    def header_keys(self) -> dict[str, Col]:
        """Header key without bracketed text → column; the first column listing a key keeps it."""
        out: dict[str, Col] = {}
        for c in self.columns:
            for h in c.headers:
                out.setdefault(parse.normalize_header(h), c)
        return out

    @cached_property
    def exact_header_keys(self) -> dict[str, Col]:
        """Header key with its brackets → column: '阶段名称（英文）' is not '阶段名称'."""
        return {parse.normalize_header(h, keep_brackets=True): c
                for c in self.columns for h in c.headers}

    def column_for(self, header: object) -> Col | None:
        """The column a header names: an exact match (brackets included) first, then the header
        without its bracketed unit."""
        exact = self.exact_header_keys.get(parse.normalize_header(header, keep_brackets=True))
        return exact or self.header_keys.get(parse.normalize_header(header))

    def match_score(self, header: Sequence[object]) -> tuple[float, int]:
        """(share of this contract's columns found in `header`, count found)."""
        found = {c.name for h in header if (c := self.column_for(h)) is not None}
        return len(found) / len(self.columns), len(found)

    def labels(self) -> list[tuple[str, str, str]]:
        """(column, label_zh, label_en) of every column of the staged table, lineage included."""
        out = [(c.name, c.label_zh, c.label_en) for c in self.columns]
        out += list(self.post_labels)
        out += [(name, zh, en) for name, (zh, en) in LINEAGE_LABELS.items()]
        return out

    def read(self, path: Path) -> list[RawSheet]:
        return self.reader(Path(path))

    def transform(self, raw: RawSheet) -> Result:
        return apply_contract(self, raw)


def check_personal_data(raw: RawSheet) -> None:
    """Refuse a sheet whose headers or values look like names, ID numbers or phone numbers."""
    for h in raw.header:
        key = parse.normalize_header(h)
        if any(p in key for p in PERSONAL_HEADERS):
            raise EtlFatal(raw.file, "含有个人信息列，拒绝导入 (personal data column refused)",
                           column=str(h))
    df = raw.rows
    for i, h in enumerate(raw.header):
        c = f"c{i}"
        if c not in df.columns:
            continue
        hit = df.filter(pl.col(c).str.contains(PHONE) | pl.col(c).str.contains(ID_NUMBER))
        if hit.height:
            raise EtlFatal(raw.file, "单元格内容疑似手机号或身份证号，拒绝导入 "
                           "(value shaped like a phone or ID number refused)",
                           column=str(h), row=int(hit["_row"][0]))


def _parse_column(c: Col, s: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """(parsed value, reject reason or null) for raw cleaned text `s`."""
    bad: list[tuple[pl.Expr, str]] = []
    if c.kind in ("code", "text", "geometry"):
        value = s
        if c.kind == "code":
            value = s.str.replace_all(r"\s", "")
            bad.append((~value.str.contains(c.pattern or CODE_DEFAULT), "编码格式不正确 / bad "
                                                                        "code"))
    elif c.kind == "enum":
        assert c.values is not None
        value = s.replace_strict(c.values, default=None)
        allowed = "、".join(dict.fromkeys(c.values.values()))
        bad.append((value.is_null(), f"取值不在允许范围（{allowed}） / value not allowed"))
    elif c.kind == "bool":
        value = parse.parse_bool(s)
        bad.append((value.is_null(), "应为 是/否 / expected yes or no"))
    elif c.kind in ("date", "month"):
        value = parse.parse_date(s) if c.kind == "date" else parse.parse_month(s)
        bad.append((value.is_null(), "日期无法识别 / unreadable date" if c.kind == "date"
                    else "月份无法识别 / unreadable month"))
    else:  # numbers
        num = parse.parse_number(s, allow_percent=c.percent_ok)
        bad.append((num.is_null(), "不是有效数字 / not a number"))
        if c.kind in ("int", "year"):
            bad.append((~parse.is_integral(num), "应为整数 / expected a whole number"))
            value = num.round(0).cast(pl.Int64)
        else:
            value = num
        if c.kind == "lon":
            bad.append((~num.is_between(73, 136), "经度超出中国范围 / longitude out of range"))
        if c.kind == "lat":
            bad.append((~num.is_between(3, 54), "纬度超出中国范围 / latitude out of range"))
        lo = 0 if c.min is None and c.kind in ("int", "num", "pct") else c.min
        if lo is not None:
            bad.append((num < lo, f"不能小于 {lo:g} / below {lo:g}"))
        if c.max is not None:
            bad.append((num > c.max, f"不能大于 {c.max:g} / above {c.max:g}"))
    reason = pl.lit(None, dtype=pl.Utf8)
    for cond, text in reversed(bad):
        reason = (pl.when(s.is_not_null() & cond.fill_null(False)).then(pl.lit(text))
                  .otherwise(reason))
    if not c.nullable:
        reason = pl.when(s.is_null()).then(pl.lit("必填项为空 / required value missing")).otherwise(
            reason)
    return value.cast(DTYPES[c.kind]), reason


def map_headers(contract: Contract, raw: RawSheet) -> tuple[dict[str, tuple[str, str]], list[str]]:
    """canonical name → (raw column id, header as written); warnings for ignored columns."""
    mapping: dict[str, tuple[str, str]] = {}
    warnings = []
    for i, h in enumerate(raw.header):
        if not parse.normalize_header(h):
            continue
        col = contract.column_for(h)
        if col is None:
            warnings.append(f"忽略未知列「{h}」 (unknown column ignored)")
        elif col.name in mapping:
            warnings.append(f"重复列「{h}」已忽略 (duplicate column ignored)")
        elif col.units and (unit := parse.header_unit(h)) and unit not in col.units:
            raise EtlFatal(raw.file, f"列「{h}」的单位应为{'/'.join(col.units)}，不能自动换算 "
                           "(unexpected unit in header)", column=str(h))
        else:
            mapping[col.name] = (f"c{i}", str(h).strip())
    for c in contract.columns:
        if c.required and c.name not in mapping:
            raise EtlFatal(raw.file, f"缺少必需列「{c.header}」 (missing required column)",
                           column=c.header)
    return mapping, warnings


def apply_contract(contract: Contract, raw: RawSheet) -> Result:
    check_personal_data(raw)
    mapping, warnings = map_headers(contract, raw)
    headers = {name: h for name, (_, h) in mapping.items()}
    text = raw.rows.select(
        pl.col("_row"),
        *[parse.clean_text(pl.col(cid)).alias(name) for name, (cid, _) in mapping.items()],
        *[pl.lit(None, dtype=pl.Utf8).alias(c.name) for c in contract.columns
          if c.name not in mapping],
    )
    names = [c.name for c in contract.columns]
    # Blank rows and 合计/总计 rows (the label may sit in any column, 序号 or 街道名称 included) are
    # not data: a total is never counted twice.
    raw_cols = [c for c in raw.rows.columns if c != "_row"]
    total_rows = raw.rows.filter(pl.any_horizontal(
        [pl.col(c).str.replace_all(r"\s", "").str.contains(TOTAL_ROW.pattern).fill_null(False)
         for c in raw_cols]))["_row"] if raw_cols else pl.Series([], dtype=pl.Int64)
    blank = pl.all_horizontal([pl.col(n).is_null() for n in names])
    text = text.filter(~blank & ~pl.col("_row").is_in(total_rows.implode()))
    rows_read = text.height

    parsed_exprs, reason_exprs = [], []
    for c in contract.columns:
        value, reason = _parse_column(c, pl.col(c.name))
        parsed_exprs.append(value.alias(c.name))
        reason_exprs.append(reason.alias(f"{c.name}__why"))
    staged = text.select(pl.col("_row"), *[pl.col(n).alias(f"{n}__raw") for n in names],
                         *parsed_exprs, *reason_exprs)

    reject_parts = []
    for c in contract.columns:
        bad = staged.filter(pl.col(f"{c.name}__why").is_not_null())
        if bad.height:
            reject_parts.append(bad.select(
                pl.col("_row").alias("row_number"), pl.lit(headers.get(c.name, c.header)).alias(
                    "column"), pl.col(f"{c.name}__raw").alias("value"),
                pl.col(f"{c.name}__why").alias("reason")))
    any_bad = pl.any_horizontal([pl.col(f"{n}__why").is_not_null() for n in names])
    good = staged.filter(~any_bad).select("_row", *names)

    for rule in contract.rules:
        ok = rule.check.fill_null(True)
        bad = good.filter(~ok)
        if bad.height:
            reject_parts.append(bad.select(
                pl.col("_row").alias("row_number"),
                pl.lit(headers.get(rule.column, rule.column)).alias("column"),
                pl.col(rule.column).cast(pl.Utf8).alias("value"),
                pl.lit(rule.reason).alias("reason")))
            good = good.filter(ok)

    if contract.meta.sum_duplicates:
        good = _sum_duplicates(good, contract)
    else:
        good, dup_rejects = _reject_duplicates(good, contract.meta.keys, names, headers)
        reject_parts.extend(dup_rejects)
    if contract.post is not None:
        good = contract.post(good)
    rejects = (
        pl.concat(reject_parts).with_columns(pl.lit(raw.file).alias("file"),
                                             pl.lit(raw.sheet).alias("sheet"))
        .select(list(REJECT_SCHEMA)).sort("row_number", "column")
        if reject_parts else empty_rejects()
    )
    return Result(good, rejects, rows_read, warnings, raw.sheet)


def _sum_duplicates(df: pl.DataFrame, contract: Contract) -> pl.DataFrame:
    """Rows sharing a key are parts of one unit (e.g. the communities of a street): add them up;
    the first row number stands for the sum."""
    keys = list(contract.meta.keys)
    numeric = [c.name for c in contract.columns if c.name not in keys and c.kind in ("int", "num")]
    other = [c.name for c in contract.columns if c.name not in keys and c.name not in numeric]
    # NOTE: a blank part makes the sum missing (blank = missing, never zero).
    summed = [pl.when(pl.col(n).null_count() == 0).then(pl.col(n).sum()).alias(n) for n in numeric]
    return df.group_by(keys, maintain_order=True).agg(
        pl.col("_row").min(), *summed, *[pl.col(n).first() for n in other]
    ).select("_row", *[c.name for c in contract.columns])


def _reject_duplicates(df: pl.DataFrame, keys: tuple[str, ...], names: list[str],
                       headers: dict[str, str]) -> tuple[pl.DataFrame, list[pl.DataFrame]]:
    """Exact duplicate rows keep their first copy; rows sharing a key with other data are all
    rejected, since the file itself cannot say which one is right."""
    parts = []
    exact = ~df.select(pl.struct(names).is_first_distinct()).to_series()
    key_col = headers.get(keys[0], keys[0])
    if exact.any():
        parts.append(df.filter(exact).select(
            pl.col("_row").alias("row_number"), pl.lit(key_col).alias("column"),
            pl.concat_str([pl.col(k).cast(pl.Utf8) for k in keys], separator=" ").alias("value"),
            pl.lit("与前面的行完全重复 / exact duplicate row").alias("reason")))
        df = df.filter(~exact)
    clash = df.select(pl.struct(list(keys)).is_duplicated()).to_series()
    if clash.any():
        parts.append(df.filter(clash).select(
            pl.col("_row").alias("row_number"), pl.lit(key_col).alias("column"),
            pl.concat_str([pl.col(k).cast(pl.Utf8) for k in keys], separator=" ").alias("value"),
            pl.lit("同一文件内同一编码和期间出现多次且数据不同 / conflicting duplicate key in file")
            .alias("reason")))
        df = df.filter(~clash)
    return df, parts
