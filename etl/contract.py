"""The contract machinery every source shares: columns, rules, header mapping, parsing, rejects."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import polars as pl

from etl import parse
from etl.readers import RawSheet, column_letter, display_path, read_tabular

# Kind of a column → polars dtype of the contracted frame.
DTYPES = {
    "code": pl.Utf8, "text": pl.Utf8, "enum": pl.Utf8, "geometry": pl.Utf8,
    "int": pl.Int64, "year": pl.Int64,
    "num": pl.Float64, "pct": pl.Float64, "lon": pl.Float64, "lat": pl.Float64,
    "date": pl.Date, "month": pl.Date, "quarter": pl.Date, "bool": pl.Boolean,
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
# …and the same written with separators, landlines, e-mail addresses.
PHONE_SPACED = r"(?:^|[^\d.])(?:\+?86[ -]?)?1[3-9]\d[ -]\d{4}[ -]\d{4}(?:[^\d.]|$)"
LANDLINE = r"(?:^|[^\d.\-])0\d{2,3}-\d{7,8}(?:[^\d.\-]|$)"
ID_SPACED = r"(?:^|[^\d.])\d{6} \d{8} \d{3}[\dXx](?:[^\d.]|$)"
EMAIL = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
PERSONAL_VALUES = "|".join(f"(?:{p})" for p in (PHONE, ID_NUMBER, PHONE_SPACED, LANDLINE,
                                                  ID_SPACED, EMAIL))
# A person's name in free text: after a role and a colon ('联系人：张三'), or with an honorific.
NAME_IN_TEXT = (r"(?:联系人|负责人|姓名|户主|患者|举报人|报告人|经办人|填报人|填表人|审核人|网格员)"
                r"\s*[:：]\s*[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff](?:先生|女士)")
CODE_DEFAULT = r"^[0-9A-Za-z_\-]{1,32}$"


class EtlFatal(Exception):  # noqa: N818 (a load that must stop: the name says so)
    """A problem that stops the whole load: nothing is written."""

    def __init__(self, file: str | Path, message: str, column: str | None = None,
                 row: int | None = None, sheet: str | None = None):
        self.file = display_path(file) if isinstance(file, Path) else str(file)
        self.message, self.column, self.row, self.sheet = message, column, row, sheet
        where = f"{self.file}"
        if sheet:
            where += f" 工作表「{sheet}」"
        if row is not None:
            where += f" 第{row}行"
        if column:
            where += f" 列「{column}」"
        super().__init__(f"{where}: {message}")

    def as_dict(self) -> dict:
        return {"file": self.file, "sheet": self.sheet, "row": self.row, "column": self.column,
                "message": self.message}


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
    future_ok: bool = False      # a date or year may lie ahead (a plan's deadlines), else ≤ today
    # A descriptive label that feeds no indicator's count (education, habitat, point type): a
    # spelling outside `values` is kept as written with a warning, never rejecting the row.
    descriptive: bool = False

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
    # the department that sends it (Chinese, English): late reports are counted per department
    department: tuple[str, str] = ("", "")

    @property
    def table(self) -> str:
        return f"stg_{self.name}"


@dataclass(frozen=True)
class Notice:
    """A warning about a file: `kind` says what (GATING kinds need --accept-warnings to load),
    `message` says it in plain words (Chinese / English); sheet, row and column where known."""

    kind: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    @property
    def gating(self) -> bool:
        return self.kind in GATING

    def as_dict(self) -> dict:
        return {"kind": self.kind, "gates": self.gating, "sheet": self.sheet, "row": self.row,
                "column": self.column, "message": self.message}

    def __str__(self) -> str:
        where = "".join([f"工作表「{self.sheet}」" if self.sheet else "",
                         f"第{self.row}行" if self.row is not None else "",
                         f"列「{self.column}」" if self.column else ""])
        return f"{where} {self.message}".strip()


# Warnings that stop a real load unless accepted: the data may not be what the sender saw
# (hidden columns or rows), or they look implausible against history, their total or a status.
GATING = frozenset({"hidden_column", "hidden_rows", "history", "component", "status_flip"})


@dataclass
class Result:
    """What transform() returns for one sheet: the contracted rows, the rejects, the warnings and
    where each column sits in the sheet (header text or canonical name → 0-based index)."""

    frame: pl.DataFrame
    rejects: pl.DataFrame
    rows_read: int
    warnings: list[Notice]
    sheet: str | None = None
    header_row: int | None = None
    columns: dict[str, int] = field(default_factory=dict)
    file: str | None = None
    headers: dict[str, str] = field(default_factory=dict)   # canonical name → header as written


REJECT_SCHEMA = {"file": pl.Utf8, "sheet": pl.Utf8, "row_number": pl.Int64, "column": pl.Utf8,
                 "value": pl.Utf8, "reason": pl.Utf8}


def empty_rejects() -> pl.DataFrame:
    return pl.DataFrame(schema=REJECT_SCHEMA)


def as_rejects(df: pl.DataFrame, file: str | None = None, sheet: str | None = None
               ) -> pl.DataFrame:
    """Rejects in REJECT_SCHEMA's exact types (frames from different checks concatenate), with
    `file` and `sheet` filled in when given."""
    if file is not None or "file" not in df.columns:
        df = df.with_columns(pl.lit(file, dtype=pl.Utf8).alias("file"))
    if sheet is not None or "sheet" not in df.columns:
        df = df.with_columns(pl.lit(sheet, dtype=pl.Utf8).alias("sheet"))
    return df.select([pl.col(k).cast(t) for k, t in REJECT_SCHEMA.items()])


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
    # Plausibility checks that warn instead of rejecting: a part larger than its total across
    # columns where no rule already rejects it (see part_of).
    warn_rules: tuple[Rule, ...] = ()

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
        # NOTE: remembered per header text: template detection asks every contract about every
        # cell of a sheet's first rows (a workbook of 47 sheets asked 240k times).
        memo = self.__dict__.setdefault("_column_memo", {})
        key = header if header is None or isinstance(header, str) else str(header)
        if key in memo:
            return memo[key]
        exact = self.exact_header_keys.get(parse.normalize_header(header, keep_brackets=True))
        found = exact or self.header_keys.get(parse.normalize_header(header))
        if len(memo) < 10_000:
            memo[key] = found
        return found

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


def _with_value(reason: str, value: object) -> str:
    """A reason "中文 / English" with the value it is about in both halves."""
    zh, _, en = reason.partition(" / ")
    return f"{zh}（{value}） / {en} ({value})" if en else f"{zh}（{value}）"


def part_of(part: str, total: str, reason: str) -> Rule:
    """A plausibility warning: `part` should not exceed `total` (reason: Chinese / English)."""
    return Rule(part, pl.col(part) <= pl.col(total), reason)


def check_personal_data(raw: RawSheet) -> None:
    """Refuse a sheet whose headers or values look like names, ID numbers, phone numbers or
    e-mail addresses (in any column, ignored ones included)."""
    for h in raw.header:
        key = parse.normalize_header(h)
        if any(p in key for p in PERSONAL_HEADERS):
            raise EtlFatal(raw.file, "含有个人信息列，拒绝导入 (personal data column refused)",
                           column=str(h), sheet=raw.sheet)
    if hit := _first_hit(raw, range(len(raw.header)), PERSONAL_VALUES):
        i, row = hit
        raise EtlFatal(raw.file, "单元格内容疑似手机号或身份证号（或电话、电子邮箱），拒绝导入 "
                       "(value shaped like a phone, ID number or e-mail refused)",
                       column=str(raw.header[i]) or column_letter(i), row=row, sheet=raw.sheet)


def _first_hit(raw: RawSheet, columns: Iterable[int], pattern: str) -> tuple[int, int] | None:
    """(column index, row number) of the first cell matching `pattern`, columns taken in the
    order given — one pass over the sheet, however many columns."""
    df = raw.rows
    wanted = [i for i in columns if f"c{i}" in df.columns]
    if not wanted or df.height == 0:
        return None
    first = df.select(pl.col("_row").filter(pl.col(f"c{i}").str.contains(pattern)).first()
                      .alias(str(n)) for n, i in enumerate(wanted)).row(0)
    return next(((i, int(row)) for i, row in zip(wanted, first) if row is not None), None)


def check_names(raw: RawSheet, columns: list[int]) -> None:
    """Refuse a sheet whose free-text columns name a person ('联系人：张三', '王女士')."""
    if hit := _first_hit(raw, columns, NAME_IN_TEXT):
        i, row = hit
        raise EtlFatal(raw.file, "文字内容中含有人名（如“联系人：张三”），拒绝导入；"
                       "请删去个人信息 (a person's name in free text refused)",
                       column=raw.header[i] or column_letter(i), row=row, sheet=raw.sheet)


NUMBER_KINDS = ("int", "year", "num", "pct", "lon", "lat")


def _read_column(c: Col, s: pl.Expr) -> pl.Expr | None:
    """The costly reading of a column's cleaned text `s` (a number, date, quarter, yes/no or
    label): computed once, in its own pass, so that every check of `_parse_column` asks a
    column of the result instead of reading the text again (None: nothing to read)."""
    if c.kind == "enum":
        assert c.values is not None
        return s.replace_strict(c.values, default=s if c.descriptive else None)
    if c.kind == "bool":
        return parse.parse_bool(s)
    if c.kind == "quarter":
        return parse.parse_quarter(s)
    if c.kind == "date":
        return parse.parse_date(s)
    if c.kind == "month":
        return parse.parse_month(s)
    if c.kind in NUMBER_KINDS:
        return parse.read_number(s, allow_percent=c.percent_ok)
    return None


def _parse_column(c: Col, s: pl.Expr, read: pl.Expr | None = None) -> tuple[pl.Expr, pl.Expr]:
    """(parsed value, reject reason or null) for raw cleaned text `s`; `read` is the column
    `_read_column` made of `s` (computed here when not given)."""
    if read is None:
        read = _read_column(c, s)
    bad: list[tuple[pl.Expr, str]] = []
    if c.kind in ("code", "text", "geometry"):
        value = s
        if c.kind == "code":
            value = s.str.replace_all(r"\s", "")
            bad.append((~value.str.contains(c.pattern or CODE_DEFAULT), "编码格式不正确 / bad "
                                                                        "code"))
    elif c.kind == "enum":
        assert c.values is not None and read is not None
        value = read
        if not c.descriptive:
            # NOTE: a label outside the list is kept as written when the column is descriptive
            # (warned in apply_contract): the row still counts in every indicator; only its
            # breakdown shows the label as given.
            allowed = "、".join(dict.fromkeys(c.values.values()))
            bad.append((value.is_null(), f"取值不在允许范围（{allowed}） / value not allowed"))
    elif c.kind == "bool":
        value = read
        bad.append((value.is_null(), "应为 是/否 / expected yes or no"))
    elif c.kind == "quarter":
        value = read
        bad.append((value.is_null(), "季度无法识别（应写成 2025-Q1 或 2025年第1季度） / unreadable "
                                     "quarter (write 2025-Q1)"))
    elif c.kind in ("date", "month"):
        value = read
        bad.append((value.is_null(), "日期无法识别 / unreadable date" if c.kind == "date"
                    else "月份无法识别 / unreadable month"))
        bad.append((value < parse.EARLIEST, "日期早于2000年（可能是 Excel 的占位日期 "
                                            "1900-01-01） / date before 2000 (a placeholder?)"))
        if not c.future_ok:
            bad.append((value > parse.today(), f"日期晚于今天（{parse.today()}） / date in the "
                                               "future"))
    else:  # numbers
        assert read is not None
        num = parse.finite(read)
        bad.append((parse.bad_comma(s), "逗号不是千位分隔符：小数请用小数点（如 1.5），"
                                        "千位分隔只用于 1,234 这样三位一组 / a comma that is "
                                        "not a thousands separator (decimal comma?)"))
        bad.append((read.is_not_null() & ~read.is_finite(), "不是有限的数字（NaN、无穷大或超出"
                                                            "范围） / not a finite number"))
        bad.append((num.is_null(), "不是有效数字 / not a number"))
        bad.append((num.abs() > parse.LARGEST, "数值过大 / number too large"))
        if c.kind in ("int", "year"):
            bad.append((~parse.is_integral(num), "应为整数 / expected a whole number"))
            value = pl.when(num.abs() <= parse.LARGEST).then(num.round(0)).cast(
                pl.Int64, strict=False)
        else:
            value = num
        if c.kind == "year" and not c.future_ok:
            bad.append((num > parse.today().year, f"年份晚于今年（{parse.today().year}） / year in "
                                                  "the future"))
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


def map_headers(contract: Contract, raw: RawSheet
                ) -> tuple[dict[str, tuple[str, str]], list[Notice]]:
    """canonical name → (raw column id, header as written); warnings for ignored columns. Two
    columns naming the same field are fatal: which of them is right cannot be guessed."""
    mapping: dict[str, tuple[str, str]] = {}
    warnings = []
    for i, h in enumerate(raw.header):
        if not parse.normalize_header(h):
            continue
        col = contract.column_for(h)
        if col is None:
            warnings.append(Notice("unknown_column", f"忽略未知列「{h}」 / unknown column ignored",
                                   raw.sheet, raw.header_row, str(h)))
        elif col.name in mapping:
            first = mapping[col.name][1]
            raise EtlFatal(raw.file, f"「{first}」和「{h}」两列都对应「{col.header}」，"
                           "无法判断以哪列为准，请删去其中一列 (two columns map to the same field)",
                           column=str(h), row=raw.header_row, sheet=raw.sheet)
        elif col.units and (unit := parse.header_unit(h)) and unit not in col.units:
            raise EtlFatal(raw.file, f"列「{h}」的单位应为{'/'.join(col.units)}，不能自动换算 "
                           "(unexpected unit in header)", column=str(h), sheet=raw.sheet)
        else:
            mapping[col.name] = (f"c{i}", str(h).strip())
    for c in contract.columns:
        if c.required and c.name not in mapping:
            raise EtlFatal(raw.file, f"缺少必需列「{c.header}」 (missing required column)",
                           column=c.header, sheet=raw.sheet)
    return mapping, warnings


def _reject_frame(df: pl.DataFrame, column: str, value: pl.Expr, reason: str | pl.Expr
                  ) -> pl.DataFrame:
    return df.select(pl.col("_row").alias("row_number"), pl.lit(column).alias("column"),
                     value.cast(pl.Utf8).alias("value"),
                     (pl.lit(reason) if isinstance(reason, str) else reason).alias("reason"))


def _column_checks(contract: Contract) -> tuple[list[pl.Expr], list[pl.Expr], list[pl.Expr]]:
    """(each column's reading as `<name>__read`, its parsed value, its reject reason as
    `<name>__why`) — the same for every sheet of a template on a given day (a date's "not in the
    future" check names today), so built once a day per template: a workbook of 47 sheets paid
    for building them 47 times."""
    today = parse.today()
    cached = contract.__dict__.get("_checks")
    if cached is not None and cached[0] == today:
        return cached[1]
    reads: dict[str, pl.Expr] = {c.name: e for c in contract.columns
                                 if (e := _read_column(c, pl.col(c.name))) is not None}
    parsed_exprs, reason_exprs = [], []
    for c in contract.columns:
        value, reason = _parse_column(c, pl.col(c.name), pl.col(f"{c.name}__read")
                                      if c.name in reads else None)
        parsed_exprs.append(value.alias(c.name))
        reason_exprs.append(reason.alias(f"{c.name}__why"))
    built = ([e.alias(f"{n}__read") for n, e in reads.items()], parsed_exprs, reason_exprs)
    # NOTE: a frozen dataclass: stored as functools.cached_property stores its values
    contract.__dict__["_checks"] = (today, built)
    return built


def apply_contract(contract: Contract, raw: RawSheet) -> Result:
    check_personal_data(raw)
    mapping, warnings = map_headers(contract, raw)
    headers = {name: h for name, (_, h) in mapping.items()}
    index = {name: int(cid[1:]) for name, (cid, _) in mapping.items()}
    by_name = {c.name: c for c in contract.columns}
    check_names(raw, [i for i in range(raw.width) if f"c{i}" not in
                      {cid for cid, _ in mapping.values()}]
                + [index[n] for n in mapping if by_name[n].kind == "text"])
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
    warnings += _sheet_warnings(contract, raw, text, mapping, index)

    # NOTE: two passes — each column's text is read once (numbers, dates…), then every check asks
    # the result; in one pass polars read the text again inside each check.
    reads, parsed_exprs, reason_exprs = _column_checks(contract)
    text = text.with_columns(reads)
    staged = text.select(pl.col("_row"), *[pl.col(n).alias(f"{n}__raw") for n in names],
                         *parsed_exprs, *reason_exprs)

    reject_parts = []
    # NOTE: which columns have rejects is asked once: a filter per column costs a pass each.
    rejecting = staged.select(pl.col(f"{n}__why").is_not_null().any() for n in names).row(0) \
        if staged.height else (False,) * len(names)
    for c, any_rejected in zip(contract.columns, rejecting):
        if any_rejected:
            bad = staged.filter(pl.col(f"{c.name}__why").is_not_null())
            reject_parts.append(_reject_frame(bad, headers.get(c.name, c.header),
                                              pl.col(f"{c.name}__raw"),
                                              pl.col(f"{c.name}__why")))
        if c.descriptive and c.name in mapping:
            kept = staged.filter(pl.col(f"{c.name}__raw").is_not_null()
                                 & ~pl.col(f"{c.name}__raw").is_in(list(c.values or {})))
            for label, n, first in kept.group_by(f"{c.name}__raw", maintain_order=True).agg(
                    pl.len(), pl.col("_row").min()).iter_rows():
                warnings.append(Notice(
                    "label_kept", f"「{label}」不在{headers[c.name]}的标准分组中，"
                    f"按原样保留（{n} 行，仍计入总体指标） / label kept as written "
                    "(the rows still count)",
                    raw.sheet, first, headers[c.name]))
    any_bad = pl.any_horizontal([pl.col(f"{n}__why").is_not_null() for n in names])
    good = staged.filter(~any_bad).select("_row", *names)

    # NOTE: rules are row-wise; a row is rejected by the first rule it breaks (as if each rule
    # filtered the rows the earlier ones kept), all rules checked in one pass.
    if contract.rules and good.height:
        oks = [f"__ok{k}" for k in range(len(contract.rules))]
        checked = good.with_columns(rule.check.fill_null(True).alias(ok)
                                    for rule, ok in zip(contract.rules, oks))
        first_broken = [~pl.col(oks[k]) & pl.all_horizontal(pl.col(oks[:k])) if k
                        else ~pl.col(oks[0]) for k in range(len(oks))]
        broken = checked.select(b.any() for b in first_broken).row(0)
        for rule, by_it, any_broken in zip(contract.rules, first_broken, broken):
            if any_broken:
                bad = checked.filter(by_it)
                reject_parts.append(_reject_frame(bad, headers.get(rule.column, rule.column),
                                                  pl.col(rule.column), rule.reason))
        good = checked.filter(pl.all_horizontal(pl.col(oks))).drop(oks)
    if contract.warn_rules and good.height:
        warned = good.select(pl.any_horizontal(~rule.check.fill_null(True)
                                               for rule in contract.warn_rules)).to_series()
        if warned.any():
            for rule in contract.warn_rules:
                bad = good.filter(~rule.check.fill_null(True))
                for row, value in bad.select("_row",
                                             pl.col(rule.column).cast(pl.Utf8)).iter_rows():
                    warnings.append(Notice("component", _with_value(rule.reason, value),
                                           raw.sheet, row, headers.get(rule.column, rule.column)))

    if contract.meta.sum_duplicates:
        good = _sum_duplicates(good, contract)
    else:
        good, dup_rejects = _reject_duplicates(good, contract.meta.keys, names, headers)
        reject_parts.extend(dup_rejects)
    if contract.post is not None:
        good = contract.post(good)
    rejects = (
        as_rejects(pl.concat([as_rejects(p) for p in reject_parts]), raw.file, raw.sheet)
        .sort("row_number", "column") if reject_parts else empty_rejects()
    )
    columns = {**{h: index[n] for n, h in headers.items()}, **index}
    return Result(good, rejects, rows_read, warnings, raw.sheet, raw.header_row, columns,
                  raw.file, headers)


def _sheet_warnings(contract: Contract, raw: RawSheet, text: pl.DataFrame,
                    mapping: dict[str, tuple[str, str]], index: dict[str, int]) -> list[Notice]:
    """What the sender may not have seen: mapped columns that are hidden, data rows that are
    hidden (fatal: formulas whose value was never calculated would load as blank)."""
    out = []
    data_rows = set(text["_row"].to_list())
    for name, (_, header) in mapping.items():
        if index[name] in raw.hidden_columns:
            out.append(Notice("hidden_column", f"列「{header}」在 Excel 中是隐藏的，"
                              "其数据也会导入；请确认 / a hidden column is loaded too", raw.sheet,
                              raw.header_row, header))
    hidden = sorted(data_rows & set(raw.hidden_rows))
    if hidden:
        shown = "、".join(map(str, hidden[:10])) + ("…" if len(hidden) > 10 else "")
        out.append(Notice("hidden_rows", f"有 {len(hidden)} 行数据在 Excel 中是隐藏的"
                          f"（第 {shown} 行），也会导入；请确认 / {len(hidden)} hidden rows are "
                          "loaded too",
                          raw.sheet, hidden[0]))
    mapped = {int(cid[1:]): header for cid, header in mapping.values()}
    for row, col in raw.uncached_formulas:
        if row in data_rows and col in mapped:
            raise EtlFatal(raw.file, "公式单元格没有计算结果（文件不是在 Excel 中保存的）；"
                           "请用 Excel 打开并保存后再导入 (a formula without a calculated value)",
                           column=mapped[col], row=row, sheet=raw.sheet)
    return out


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


def combine_sheets(contract: Contract, results: list[Result]) -> None:
    """Sheets of one workbook that follow one template are one file: a key in two sheets is an
    exact duplicate (the later copy is rejected) or a conflict (every copy is rejected), as within
    a sheet — a later sheet never silently replaces an earlier one. Parts to add up
    (Meta.sum_duplicates) are added up across sheets into the first sheet's row."""
    if len(results) < 2:
        return
    keys = list(contract.meta.keys)
    tagged = pl.concat([r.frame.with_columns(pl.lit(i, dtype=pl.Int64).alias("_sheet"))
                        for i, r in enumerate(results)], how="vertical_relaxed")
    spanning = tagged.group_by(keys).agg(pl.col("_sheet").n_unique().alias("n")).filter(
        pl.col("n") > 1).select(keys)
    if spanning.height == 0:
        return
    shared = tagged.join(spanning, on=keys, how="semi", nulls_equal=True)
    if contract.meta.sum_duplicates:
        first = shared.group_by(keys).agg(pl.col("_sheet").min().alias("_first"))
        moved = shared.join(first, on=keys, nulls_equal=True)
        for i, r in enumerate(results):
            own = r.frame.join(spanning, on=keys, how="anti", nulls_equal=True)
            parts = moved.filter(pl.col("_first") == i).drop("_sheet", "_first")
            r.frame = _sum_duplicates(pl.concat([own, parts.select(own.columns)]), contract)
        return
    data = [c for c in results[0].frame.columns if c != "_row"]
    shared = shared.with_columns(
        pl.struct(data).n_unique().over(keys).alias("_variants"),
        pl.struct("_sheet", "_row").rank("ordinal").over(keys).alias("_nth"))
    sheet_names = [r.sheet or "" for r in results]
    first_of = shared.filter(pl.col("_nth") == 1).select(
        *keys, pl.col("_sheet").alias("_s0"), pl.col("_row").alias("_r0"))
    shared = shared.join(first_of, on=keys, nulls_equal=True)
    header = next((c.header for c in contract.columns if c.name == keys[0]), keys[0])
    for i, r in enumerate(results):
        mine = shared.filter(pl.col("_sheet") == i)
        dropped = mine.filter((pl.col("_variants") > 1) | (pl.col("_nth") > 1))
        if dropped.height == 0:
            continue
        reason = pl.when(pl.col("_variants") > 1).then(pl.format(
            "同一编码和期间在多个工作表中出现且数据不同（另见工作表「{}」第{}行） / conflicting "
            "duplicate key across sheets", pl.col("_s0").replace_strict(
                dict(enumerate(sheet_names)), return_dtype=pl.Utf8), pl.col("_r0"))).otherwise(
            pl.format("与工作表「{}」第{}行完全重复 / exact duplicate of a row in another sheet",
                      pl.col("_s0").replace_strict(dict(enumerate(sheet_names)),
                                                   return_dtype=pl.Utf8), pl.col("_r0")))
        # NOTE: the first copy of a conflicting key is rejected too; it cites another copy.
        reason = pl.when((pl.col("_variants") > 1) & (pl.col("_nth") == 1)).then(pl.lit(
            "同一编码和期间在多个工作表中出现且数据不同 / conflicting duplicate key across sheets")
        ).otherwise(reason)
        rejects = as_rejects(_reject_frame(
            dropped, header, pl.concat_str([pl.col(k).cast(pl.Utf8) for k in keys],
                                           separator=" "), reason), r.file, r.sheet)
        r.frame = r.frame.join(dropped.select("_row"), on="_row", how="anti")
        r.rejects = pl.concat([r.rejects, rejects]).sort("row_number", "column")
