"""Readers: CSV (UTF-8, UTF-8 BOM, GBK/GB18030, UTF-16), XLSX (every sheet) and GeoJSON into text
grids, in bounded time and memory: a hostile file is refused in plain words, never half-read."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import os
import re
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import polars as pl

from warehouse import settings

TABULAR = {".csv", ".txt", ".xlsx", ".xlsm"}
GEO = {".geojson", ".json"}
SUPPORTED = TABULAR | GEO
MAX_CELL = 32767          # characters in one cell: Excel's own limit
MAX_COLUMNS = 702         # columns A…ZZ; a department template has a few dozen
MAX_ZIP_MEMBERS = 10_000
INSTRUCTION_SHEET = re.compile(r"说明|instructions?", re.IGNORECASE)


@dataclass(frozen=True)
class RawSheet:
    """A sheet as text: `grid` holds every row (columns c0…cN, `_row` = spreadsheet row number);
    `header_at` is the index in `grid` of the header row once it is known. From a workbook also:
    hidden columns (0-based indexes), hidden rows (row numbers), the sheet's visibility, and the
    cells holding a formula with no calculated value (row number, 0-based column)."""

    file: str
    sheet: str | None
    grid: pl.DataFrame
    header_at: int = 0
    hidden_columns: frozenset[int] = frozenset()
    hidden_rows: frozenset[int] = frozenset()
    state: str = "visible"
    uncached_formulas: tuple[tuple[int, int], ...] = field(default=())

    @property
    def header(self) -> list[str]:
        if self.grid.height == 0:
            return []
        row = self.grid.row(self.header_at, named=True)
        return ["" if row[f"c{i}"] is None else str(row[f"c{i}"]) for i in range(self.width)]

    @property
    def header_row(self) -> int | None:
        """The spreadsheet row number of the header row."""
        return int(self.grid["_row"][self.header_at]) if self.grid.height else None

    @property
    def width(self) -> int:
        return len(self.grid.columns) - 1

    @property
    def rows(self) -> pl.DataFrame:
        return self.grid.slice(self.header_at + 1)

    def with_header(self, index: int) -> RawSheet:
        return replace(self, header_at=index)

    def has_data(self) -> bool:
        """True when any cell of the sheet holds something."""
        cols = [c for c in self.grid.columns if c != "_row"]
        return bool(cols) and self.grid.select(
            pl.any_horizontal([pl.col(c).is_not_null() for c in cols]).any()).item()

    @classmethod
    def from_rows(cls, header: list[str], rows: list[list[object]], file: str = "inline.csv",
                  sheet: str | None = None) -> RawSheet:
        """A sheet built in code (tests): the header is row 1, data from row 2."""
        return cls(file, sheet, _grid([header, *rows], start=1))


class UnreadableFile(Exception):  # noqa: N818 (names what happened to the file)
    """A file that cannot be read as a whole; where it is known, the sheet, row and column."""

    def __init__(self, message: str, sheet: str | None = None, row: int | None = None,
                 column: str | None = None):
        super().__init__(message)
        self.message, self.sheet, self.row, self.column = message, sheet, row, column


def display_path(path: str | os.PathLike) -> str:
    """A path as text that can be printed, stored and sent as JSON. A file name written in a
    legacy encoding (GBK bytes on a UTF-8 system) arrives with undecodable bytes: they are read
    as GB18030, else replaced — never a crash on the way to a message."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        raw = os.fsencode(path)
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            return raw.decode("utf-8", "replace")


def _limit(env: str) -> int:
    return int(settings.get(env))


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing a file larger than HC_ETL_MAX_FILE_MB."""
    limit = _limit("HC_ETL_MAX_FILE_MB")
    size = path.stat().st_size
    if size > limit * 1024 * 1024:
        raise UnreadableFile(f"文件过大（{size / 1024 / 1024:.0f} MB，上限 {limit} MB） "
                             f"(file larger than {limit} MB)")
    return path.read_bytes()


def _float_text(v: float) -> str:
    """A number cell's text: 12 for 12.0, else Python's shortest repr (0.1, 1e-05)."""
    return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)


def _cell_text(v: object) -> str | None:
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat(" ")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, float):
        return _float_text(v)
    text = str(v)
    return text if text.strip() else None


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _grid(rows: list[list[object]], start: int = 1, numbers: list[int] | None = None,
          sheet: str | None = None, max_cell: int | None = MAX_CELL) -> pl.DataFrame:
    """Rows of cells → text columns c0…cN and `_row` (consecutive from `start`, or `numbers`);
    a cell longer than `max_cell` characters is refused (None: no limit, for GeoJSON geometry)."""
    width = max((len(r) for r in rows), default=0)
    if width > MAX_COLUMNS:
        raise UnreadableFile(f"表格超过 {MAX_COLUMNS} 列，不是数据模板 (more than {MAX_COLUMNS} "
                             "columns)", sheet=sheet)
    # NOTE: column by column (a transposed copy made by zip), text cells kept as they are unless
    # blank: a Python call per cell was most of the time of reading a large workbook.
    padded = (r if len(r) == width else list(r) + [None] * (width - len(r)) for r in rows)
    cols: dict[str, list] = {}
    for i, cells in enumerate(zip(*padded)):
        cols[f"c{i}"] = [v if type(v) is str and v.strip() else
                         _float_text(v) if type(v) is float else _cell_text(v) for v in cells]
    if width == 0:   # no cell anywhere (a file of blank lines): a sheet with nothing in it
        return pl.DataFrame(schema={"_row": pl.Int64})
    df = pl.DataFrame(cols, schema={k: pl.Utf8 for k in cols})
    if max_cell is not None and width and rows:
        too_long = df.select(pl.any_horizontal(pl.all().str.len_chars() > max_cell)
                             .arg_true().first()).item()
        if too_long is not None:
            lengths = [len(text or "") for text in df.row(too_long)]
            i = next(i for i, n in enumerate(lengths) if n > max_cell)
            raise UnreadableFile(
                f"单元格超过 {MAX_CELL} 个字符（Excel 单元格上限），不是正常的填报内容 "
                f"(a cell longer than {MAX_CELL} characters)", sheet=sheet,
                row=numbers[too_long] if numbers else start + too_long, column=column_letter(i))
    row_numbers = (pl.Series("_row", numbers, dtype=pl.Int64) if numbers is not None
                   else pl.int_range(start, start + len(rows), dtype=pl.Int64, eager=True))
    return df.with_columns(row_numbers.alias("_row"))


def decode_text(data: bytes) -> str:
    """UTF-16 (with its BOM), UTF-8 (with or without BOM), else GB18030 (a superset of GBK). A file
    whose encoding changes part-way (UTF-8 lines and GBK lines pasted together) is refused:
    decoding it either way would load mojibake as names."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise UnreadableFile("UTF-16 文件内容损坏 (broken UTF-16 text)") from e
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    utf8 = [i for i, line in enumerate(lines) if not line.isascii() and _is_utf8(line)]
    other = [i for i, line in enumerate(lines) if not line.isascii() and not _is_utf8(line)]
    if utf8 and other:
        first, second = (utf8[0], other[0]) if utf8[0] < other[0] else (other[0], utf8[0])
        raise UnreadableFile(
            f"文件编码前后不一致：第{first + 1}行与第{second + 1}行的编码不同（UTF-8 与 GBK 混在"
            "一个文件里），请统一另存为 UTF-8 后再导入 (the text encoding changes within the file)",
            row=second + 1)
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as e:
        raise UnreadableFile("无法识别文件编码（应为 UTF-8 或 GBK） (unknown text encoding)") from e


CJK = re.compile(r"[\u4e00-\u9fff]")


def _is_utf8(line: bytes) -> bool:
    """A line that is Chinese written in UTF-8: it decodes as UTF-8 *and* holds a CJK character.
    NOTE: some short GBK text is valid UTF-8 by chance (学校 in GBK reads as "ѧУ"), which is no
    evidence of UTF-8."""
    try:
        return CJK.search(line.decode("utf-8")) is not None
    except UnicodeDecodeError:
        return False


# Python's whitespace (str.strip, hence _cell_text): a cell of only these characters is blank.
# Written out (listing them from all of Unicode at import cost 60 ms of every load); the test
# tests/etl/test_csv_reader.py checks the list against str.isspace.
WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
              "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def read_csv_grid(path: Path) -> list[RawSheet]:
    text = decode_text(read_bytes(path))
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    grid = _polars_grid(text, delimiter)
    if grid is None:
        grid = _csv_module_grid(text, delimiter)
    return [RawSheet(display_path(path), None, grid)]


def _polars_grid(text: str, delimiter: str) -> pl.DataFrame | None:
    """The CSV's cells as _grid gives them (text columns c0…cN, blank cells null, `_row` from 1),
    read by polars at once; None for what only the csv module reads or words exactly: a line
    with more cells than the first, a stray quote, a cell over MAX_CELL characters, more than
    MAX_COLUMNS columns, an empty file. (The same cells as the csv module's path on every sample
    and fixture CSV: tests/etl/test_csv_reader.py.)"""
    if not text.strip(WHITESPACE):
        return None
    # NOTE: polars takes the number of columns from the first line (a title row has one): a
    # first line of as many empty cells as the fullest row has is put before the text and
    # dropped after. Without quotes a row is a line; with them, the csv module counts the cells
    # (its C parser alone is quick; the per-cell Python work was the slow part).
    try:
        width = (max(line.count(delimiter) for line in text.split("\n")) + 1
                 if '"' not in text else
                 max(map(len, csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))))
    except (csv.Error, ValueError):
        return None
    if width > MAX_COLUMNS:
        return None
    try:
        raw = pl.read_csv(io.BytesIO((delimiter * (width - 1) + "\n" + text).encode("utf-8")),
                          has_header=False, separator=delimiter, infer_schema=False,
                          quote_char='"').slice(1)
    except pl.exceptions.PolarsError:
        return None
    if raw.height > _limit("HC_ETL_MAX_ROWS"):
        return None
    cells = raw.rename({c: f"c{i}" for i, c in enumerate(raw.columns)})
    if cells.height and cells.select(pl.max_horizontal(
            pl.all().str.len_chars().max()) > MAX_CELL).item():
        return None
    return cells.with_columns(
        pl.when(pl.all().str.strip_chars(WHITESPACE) == "").then(None).otherwise(pl.all())
        .name.keep(),
        pl.int_range(1, cells.height + 1, dtype=pl.Int64).alias("_row"))


def _csv_module_grid(text: str, delimiter: str) -> pl.DataFrame:
    previous = csv.field_size_limit(MAX_CELL)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = []
        for row in reader:
            rows.append(row)
            if len(rows) > _limit("HC_ETL_MAX_ROWS"):
                raise UnreadableFile(f"超过 {_limit('HC_ETL_MAX_ROWS')} 行 (more rows than "
                                     "HC_ETL_MAX_ROWS)", row=len(rows))
    except csv.Error as e:
        raise UnreadableFile(f"第{reader.line_num}行无法按 CSV 读取：单元格超过 {MAX_CELL} 个字符"
                             f"或引号不成对 (unreadable CSV line: {e})", row=reader.line_num) from e
    finally:
        csv.field_size_limit(previous)
    return _grid(rows, start=1)


# --------------------------------------------------------------------------- XLSX
# NOTE: what openpyxl's read-only mode does not tell (hidden columns and rows, formulas without a
# calculated value) is read from the sheet XML with byte patterns, one chunk of rows at a time.
_COL = re.compile(rb"<(?:\w+:)?col\b([^>]*)>")
_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_MIN = re.compile(rb'\bmin="(\d+)"')
_MAX = re.compile(rb'\bmax="(\d+)"')
_R = re.compile(rb'\br="(\d+)"')
# A formula cell whose value element is missing or empty (`<v/>`); an empty `<v></v>` of a text
# formula (t="str") is a calculated empty text, not a missing value.
_UNCACHED = re.compile(rb'<(?:\w+:)?c\b([^>]*?\br="([A-Z]{1,3})(\d+)"[^>]*)>\s*'
                       rb'<(?:\w+:)?f\b[^>]*(?:/>|>[^<]*</(?:\w+:)?f>)\s*'
                       rb'(<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>')
# An error cell (t="e": #DIV/0!, #N/A …) with its text: calamine reads it as empty, openpyxl as
# its text, which the value parser then rejects — never a silently blank value.
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\b(?=[^>]*\bt="e")[^>]*?\br="([A-Z]{1,3})(\d+)"[^>]*>'
                         rb'(?:(?!</(?:\w+:)?c>).)*?<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>', re.S)
_FAR_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{3}\d+)"')
_FAR_HINT = re.compile(rb'\br="[A-Z]{3}\d')          # needed for _FAR_CELL, much cheaper
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_ROOT = re.compile(rb"<[A-Za-z_]")


def _check_archive(path: Path) -> zipfile.ZipFile:
    """Open the workbook's zip and refuse what would take unbounded time or memory: too many
    members, more unpacked bytes than HC_ETL_MAX_UNPACKED_MB (a zip bomb), XML with a DTD
    (entity expansion: a workbook never needs one)."""
    limit = _limit("HC_ETL_MAX_FILE_MB")
    if path.stat().st_size > limit * 1024 * 1024:
        raise UnreadableFile(f"文件过大（上限 {limit} MB） (file larger than {limit} MB)")
    try:
        zf = zipfile.ZipFile(path)
        members = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise UnreadableFile(f"无法打开 Excel 文件：文件已损坏或不是 .xlsx (cannot open workbook: "
                             f"{e})") from e
    unpacked = sum(m.file_size for m in members)
    cap = _limit("HC_ETL_MAX_UNPACKED_MB")
    if len(members) > MAX_ZIP_MEMBERS or unpacked > cap * 1024 * 1024:
        zf.close()
        raise UnreadableFile(f"Excel 文件解压后过大（{unpacked / 1024 / 1024:.0f} MB，"
                             f"上限 {cap} MB），疑似压缩炸弹 (unpacks to more than {cap} MB)")
    for m in members:
        if m.filename.lower().endswith((".xml", ".rels", ".vml")):
            with zf.open(m) as fh:
                if _has_doctype(fh):
                    zf.close()
                    raise UnreadableFile(f"Excel 文件的 {m.filename} 含有 DTD/实体定义，拒绝读取 "
                                         "(XML with a DTD refused: entity expansion)")
    return zf


def _has_doctype(fh) -> bool:
    """True when a DTD comes before the XML's root element."""
    seen = b""
    while chunk := fh.read(1 << 16):
        seen = seen[-16:] + chunk
        doctype, root = _DOCTYPE.search(seen), _ROOT.search(seen)
        if doctype and (root is None or doctype.start() < root.start()):
            return True
        if root:
            return False
    return False


def _sheet_flags(zf: zipfile.ZipFile, member: str, sheet: str
                 ) -> tuple[set[int], set[int], list, dict]:
    """(hidden column indexes, hidden row numbers, uncached formula cells, error cells' texts by
    (row number, column index)) of one sheet's XML; a cell beyond column ZZ is refused."""
    cols: set[int] = set()
    rows: set[int] = set()
    uncached: list[tuple[int, int]] = []
    errors: dict[tuple[int, int], str] = {}
    carry = b""
    with zf.open(member) as fh:
        while True:
            chunk = fh.read(1 << 22)
            data = carry + chunk
            # NOTE: scan only up to the last row start; the rest waits for the next chunk.
            cut = data.rfind(b"<row") if chunk else len(data)
            if cut <= 0:
                cut = len(data) if not chunk else 0
            part, carry = data[:cut], data[cut:]
            # NOTE: each scan below runs only when a cheap test of the chunk says it can find
            # something (a sheet of plain values has no "hidden", no t="e", no formula).
            if b'hidden="' in part:
                for m in _COL.finditer(part):
                    attrs = m.group(1)
                    lo, hi = _MIN.search(attrs), _MAX.search(attrs)
                    if _HIDDEN.search(attrs) and lo and hi:
                        cols.update(range(int(lo.group(1)) - 1,
                                          min(int(hi.group(1)), MAX_COLUMNS)))
                for m in _ROW.finditer(part):
                    r = _R.search(m.group(1))
                    if r and _HIDDEN.search(m.group(1)):
                        rows.add(int(r.group(1)))
            if _FAR_HINT.search(part) and (far := _FAR_CELL.search(part)):
                raise UnreadableFile(f"表格在 {far.group(1).decode()} 处有单元格，"
                                     f"超过 {MAX_COLUMNS} 列 (a cell beyond column ZZ)",
                                     sheet=sheet)
            if b't="e"' in part:
                for m in _ERROR_CELL.finditer(part):
                    errors[(int(m.group(2)), _column_index(m.group(1).decode()))] = \
                        m.group(3).decode("utf-8", "replace")
            if b"<f" in part or b":f" in part:      # <f …> or <x:f …>: needed for _UNCACHED
                for m in _UNCACHED.finditer(part):
                    empty_text = m.group(4) and b"</" in m.group(4) and b't="str"' in m.group(1)
                    if not empty_text:
                        uncached.append((int(m.group(3)), _column_index(m.group(2).decode())))
            if not chunk:
                break
    return cols, rows, uncached, errors


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


_SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)/?>")
_NAME = re.compile(rb'\bname="([^"]*)"')
_RID = re.compile(rb'\br:id="([^"]*)"|\b\w+:id="([^"]*)"')
_REL = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)/?>")
_ID = re.compile(rb'\bId="([^"]*)"')
_TARGET = re.compile(rb'\bTarget="([^"]*)"')


def _sheet_members(zf: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's name → its XML member in the zip (xl/workbook.xml and its relationships),
    for the flags calamine does not give (hidden columns and rows, formulas without a value)."""
    import html

    try:
        book = zf.read("xl/workbook.xml")
        rels = zf.read("xl/_rels/workbook.xml.rels")
    except KeyError as e:
        raise UnreadableFile(f"Excel 文件缺少工作簿结构，无法读取 (workbook parts missing: "
                             f"{e})") from e
    targets = {}
    for m in _REL.finditer(rels):
        rid, target = _ID.search(m.group(1)), _TARGET.search(m.group(1))
        if rid and target:
            t = html.unescape(target.group(1).decode("utf-8"))
            targets[rid.group(1)] = t.lstrip("/") if t.startswith("/") else f"xl/{t}"
    out = {}
    for m in _SHEET.finditer(book):
        name, rid = _NAME.search(m.group(1)), _RID.search(m.group(1))
        if name and rid:
            key = rid.group(1) or rid.group(2)
            if key in targets:
                out[html.unescape(name.group(1).decode("utf-8"))] = targets[key]
    return out


def read_xlsx_grid(path: Path) -> list[RawSheet]:
    """Every worksheet's cells as text (python-calamine, the Rust reader: 5–8 times openpyxl's
    speed, the same cells — tests/etl/test_readers.py compares the two on every workbook), with
    what a department's workbook may hide read from its XML."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    zf = _check_archive(path)
    name = display_path(path)
    max_rows = _limit("HC_ETL_MAX_ROWS")
    states = ((SheetVisibleEnum.Hidden, "hidden"), (SheetVisibleEnum.VeryHidden, "veryHidden"))
    try:
        members = _sheet_members(zf)
        try:
            wb = CalamineWorkbook.from_path(str(path))
        except Exception as e:   # noqa: BLE001 (any parser error is an unreadable workbook)
            raise UnreadableFile(f"无法打开 Excel 文件：文件已损坏或不是 .xlsx "
                                 f"(cannot open workbook: {type(e).__name__}: {e})") from e
        sheets = []
        try:
            for meta in wb.sheets_metadata:
                if meta.typ != SheetTypeEnum.WorkSheet or meta.name not in members:
                    continue   # a chart sheet holds no cells
                hidden_cols, hidden_rows, uncached, errors = _sheet_flags(
                    zf, members[meta.name], meta.name)
                grid = wb.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
                by_row: dict[int, list[tuple[int, str]]] = {}
                for (r, c), text in errors.items():
                    by_row.setdefault(r, []).append((c, text))
                grid += [[]] * (max(by_row, default=0) - len(grid))
                rows, numbers = [], []
                for n, values in enumerate(grid, 1):
                    values = [None if v == "" else v for v in values]
                    for c, text in by_row.get(n, ()):
                        values += [None] * (c + 1 - len(values))
                        values[c] = text
                    if not any(v is not None for v in values):
                        continue
                    if n > max_rows:
                        raise UnreadableFile(f"工作表超过 {max_rows} 行 (more rows than "
                                             "HC_ETL_MAX_ROWS)", sheet=meta.name, row=n)
                    while values and values[-1] is None:
                        values.pop()
                    rows.append(values)
                    numbers.append(n)
                sheets.append(RawSheet(name, meta.name, _grid(rows, numbers=numbers,
                                                              sheet=meta.name),
                                       hidden_columns=frozenset(hidden_cols),
                                       hidden_rows=frozenset(hidden_rows),
                                       state=next((w for v, w in states if meta.visible == v),
                                                  "visible"),
                                       uncached_formulas=tuple(uncached)))
        except UnreadableFile:
            raise
        except Exception as e:   # noqa: BLE001 (broken XML inside the workbook)
            raise UnreadableFile(f"Excel 文件内容损坏，无法读取 (broken workbook content: "
                                 f"{type(e).__name__}: {e})") from e
        finally:
            wb.close()
        return sheets
    finally:
        zf.close()


def read_tabular(path: Path) -> list[RawSheet]:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        return read_csv_grid(path)
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx_grid(path)
    raise UnreadableFile(f"不支持的文件类型 {suffix}（请用 CSV 或 XLSX；.xls 请另存为 .xlsx） "
                         "(unsupported file type)")


def read_geojson(path: Path) -> list[RawSheet]:
    """A FeatureCollection → one row per feature: its properties plus `geometry` as GeoJSON text.
    Anything else (broken JSON, a feature that is not an object, properties that are not an
    object) is refused naming the feature's row (header = row 1, first feature = row 2)."""

    def no_constants(token: str) -> None:
        raise ValueError(f"{token} is not JSON")

    try:
        doc = json.loads(decode_text(read_bytes(path)), parse_constant=no_constants)
    except (json.JSONDecodeError, ValueError, RecursionError) as e:
        raise UnreadableFile(f"不是有效的 GeoJSON (invalid JSON: {e})") from e
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise UnreadableFile("GeoJSON 应为 FeatureCollection (not a FeatureCollection)")
    features = doc.get("features")
    if not isinstance(features, list):
        raise UnreadableFile("GeoJSON 的 features 应为列表 (features is not a list)")
    if len(features) > _limit("HC_ETL_MAX_ROWS"):
        raise UnreadableFile(f"GeoJSON 要素超过 {_limit('HC_ETL_MAX_ROWS')} 个 (more features than "
                             "HC_ETL_MAX_ROWS)")
    keys: list[str] = []
    for i, f in enumerate(features):
        if not isinstance(f, dict) or not isinstance(f.get("properties") or {}, dict) \
                or not isinstance(f.get("geometry") or {}, dict):
            raise UnreadableFile("GeoJSON 要素格式不对：要素、properties 与 geometry 都应为对象 "
                                 "(a feature, its properties and its geometry must be objects)",
                                 row=i + 2)
        for k in (f.get("properties") or {}):
            if k not in keys:
                keys.append(str(k))
    header = [*keys, "geometry"]
    rows: list[list[object]] = [header]
    for f in features:
        props = f.get("properties") or {}
        geom = f.get("geometry")
        cells = [props.get(k) for k in keys]
        cells = [json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
                 for v in cells]
        rows.append(cells + [json.dumps(geom, ensure_ascii=False, separators=(",", ":"))
                             if geom else None])
    # NOTE: row numbers of a GeoJSON are feature numbers (header = row 1, first feature = row 2);
    # a polygon's text may be longer than a spreadsheet cell.
    return [RawSheet(display_path(path), None, _grid(rows, start=1, max_cell=None))]
