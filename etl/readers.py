"""Readers: CSV (UTF-8, UTF-8 BOM, GBK/GB18030), XLSX (every sheet) and GeoJSON into text grids."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, replace
from pathlib import Path

import polars as pl

TABULAR = {".csv", ".txt", ".xlsx", ".xlsm"}
GEO = {".geojson", ".json"}
SUPPORTED = TABULAR | GEO


@dataclass(frozen=True)
class RawSheet:
    """A sheet as text: `grid` holds every row (columns c0…cN, `_row` = spreadsheet row number);
    `header_at` is the index in `grid` of the header row once it is known."""

    file: str
    sheet: str | None
    grid: pl.DataFrame
    header_at: int = 0

    @property
    def header(self) -> list[str]:
        if self.grid.height == 0:
            return []
        row = self.grid.row(self.header_at, named=True)
        return ["" if row[f"c{i}"] is None else str(row[f"c{i}"]) for i in range(self.width)]

    @property
    def width(self) -> int:
        return len(self.grid.columns) - 1

    @property
    def rows(self) -> pl.DataFrame:
        return self.grid.slice(self.header_at + 1)

    def with_header(self, index: int) -> RawSheet:
        return replace(self, header_at=index)

    @classmethod
    def from_rows(cls, header: list[str], rows: list[list[object]], file: str = "inline.csv",
                  sheet: str | None = None) -> RawSheet:
        """A sheet built in code (tests): the header is row 1, data from row 2."""
        return cls(file, sheet, _grid([header, *rows], start=1))


class UnreadableFile(Exception):  # noqa: N818 (names what happened to the file)
    pass


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
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return repr(v)
    text = str(v)
    return text if text.strip() else None


def _grid(rows: list[list[object]], start: int) -> pl.DataFrame:
    width = max((len(r) for r in rows), default=0)
    cols: dict[str, list] = {f"c{i}": [] for i in range(width)}
    for r in rows:
        for i in range(width):
            cols[f"c{i}"].append(_cell_text(r[i]) if i < len(r) else None)
    df = pl.DataFrame(cols, schema={k: pl.Utf8 for k in cols})
    return df.with_columns(pl.int_range(start, start + len(rows), dtype=pl.Int64).alias("_row"))


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK)."""
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(f"{name}: 无法识别文件编码（应为 UTF-8 或 GBK） (unknown text encoding)")


def read_csv_grid(path: Path) -> list[RawSheet]:
    text = decode_text(path.read_bytes(), path.name)
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return [RawSheet(str(path), None, _grid(rows, start=1))]


def read_xlsx_grid(path: Path) -> list[RawSheet]:
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise UnreadableFile(f"{path.name}: 无法打开 Excel 文件 (cannot open workbook: {e})") from e
    try:
        sheets = []
        for ws in wb.worksheets:
            rows = [list(r) for r in ws.iter_rows(min_row=1, values_only=True)]
            sheets.append(RawSheet(str(path), ws.title, _grid(rows, start=1)))
        return sheets
    finally:
        wb.close()


def read_tabular(path: Path) -> list[RawSheet]:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        return read_csv_grid(path)
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx_grid(path)
    raise UnreadableFile(f"{path.name}: 不支持的文件类型 {suffix}（请用 CSV 或 XLSX；.xls 请另存为 "
                         f".xlsx）"
                         " (unsupported file type)")


def read_geojson(path: Path) -> list[RawSheet]:
    """A FeatureCollection → one row per feature: its properties plus `geometry` as GeoJSON text."""
    try:
        doc = json.loads(decode_text(path.read_bytes(), path.name))
    except json.JSONDecodeError as e:
        raise UnreadableFile(f"{path.name}: 不是有效的 GeoJSON (invalid JSON: {e})") from e
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise UnreadableFile(f"{path.name}: GeoJSON 应为 FeatureCollection (not a "
                             f"FeatureCollection)")
    features = doc.get("features") or []
    keys: list[str] = []
    for f in features:
        for k in (f.get("properties") or {}):
            if k not in keys:
                keys.append(k)
    header = [*keys, "geometry"]
    rows: list[list[object]] = [header]
    for f in features:
        props = f.get("properties") or {}
        geom = f.get("geometry")
        rows.append([props.get(k) for k in keys]
                    + [json.dumps(geom, ensure_ascii=False, separators=(",",
                                                                        ":")) if geom else None])
    # NOTE: row numbers of a GeoJSON are feature numbers (header = row 1, first feature = row 2).
    return [RawSheet(str(path), None, _grid(rows, start=1))]
