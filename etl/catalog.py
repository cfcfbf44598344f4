"""The sources and template detection: which contract a sheet follows, where its header is."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import etl.sources
from etl.contract import Contract, EtlFatal, Notice
from etl.readers import (
    GEO,
    INSTRUCTION_SHEET,
    SUPPORTED,
    RawSheet,
    UnreadableFile,
    display_path,
    read_tabular,
)

HEADER_SCAN_ROWS = 15
MIN_SHARE = 0.6      # share of a template's columns a header row must carry to be recognised
MIN_COLUMNS = 3


def sources() -> list[Contract]:
    """Every source module's contract, in load order (dimensions first)."""
    found = []
    for info in pkgutil.iter_modules(etl.sources.__path__):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"etl.sources.{info.name}")
        found.append(mod.SOURCE)
    return sorted(found, key=lambda c: (c.meta.order, c.meta.name))


def by_name() -> dict[str, Contract]:
    return {c.meta.name: c for c in sources()}


def dim_column_rows() -> list[dict]:
    """Rows of dim_column: every staged table's columns (lineage included) with their Chinese
    label (the template's first Chinese header) and English label."""
    rows = []
    for c in sources():
        for column, label_zh, label_en in c.labels():
            rows.append({"source": c.meta.name, "template_zh": c.meta.title_zh,
                         "template_en": c.meta.title_en, "table_name": c.meta.table,
                         "column_name": column, "label_zh": label_zh, "label_en": label_en,
                         "sort_order": len(rows)})
    return rows


def dim_template_rows() -> list[dict]:
    """Rows of dim_template: every template's metadata from its Meta (number, titles, staged
    table, rhythm, the period a row reports and its reporting unit, whether it is sent as a
    spreadsheet and so has a blank XLSX template), in document order."""
    ordered = sorted(sources(), key=lambda c: (_number_key(c.meta.number), c.meta.order,
                                               c.meta.name))
    return [{"template": c.meta.name, "number": c.meta.number, "title_zh": c.meta.title_zh,
             "title_en": c.meta.title_en, "table_name": c.meta.table, "rhythm": c.meta.rhythm,
             "period_grain": c.meta.period_grain, "period_sql": c.meta.period,
             "unit_type": c.meta.unit_type, "unit_column": c.meta.unit_column,
             "department_zh": c.meta.department[0], "department_en": c.meta.department[1],
             "load_order": c.meta.order, "sort_order": i,
             "spreadsheet": c.reader is read_tabular} for i, c in enumerate(ordered)]


def _number_key(number: str) -> tuple[int, str]:
    """'2a' → (2, 'a'); templates without a number last."""
    digits = "".join(ch for ch in number if ch.isdigit())
    return (int(digits) if digits else 99, number)


def columns_fingerprint() -> str:
    """sha256 of dim_column's and dim_template's rows: a warehouse published with other labels
    or template metadata republishes them."""
    import hashlib
    import json

    rows = [dim_column_rows(), dim_template_rows()]
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()


def detect(sheet: RawSheet, candidates: list[Contract]) -> tuple[Contract, RawSheet] | None:
    """The best (contract, sheet-with-header) over the first rows, or None if nothing fits."""
    best: tuple[float, int, int, Contract] | None = None
    for i in range(min(HEADER_SCAN_ROWS, sheet.grid.height)):
        header = sheet.with_header(i).header
        for c in candidates:
            share, n = c.match_score(header)
            if share >= MIN_SHARE and n >= min(MIN_COLUMNS, len(c.columns)):
                key = (share, n, -i)
                if best is None or key > best[:3]:
                    best = (share, n, -i, c)
    if best is None:
        return None
    return best[3], sheet.with_header(-best[2])


def read_file(path: Path) -> list[tuple[Contract, RawSheet]]:
    """Read a file and recognise each sheet's template (see read_workbook)."""
    return read_workbook(path)[0]


def read_workbook(path: Path) -> tuple[list[tuple[Contract, RawSheet]], list[Notice]]:
    """Read a file and recognise each sheet's template. A file where no sheet matches is fatal,
    and so is a hidden sheet that matches one (its rows were not what the sender saw). Warnings:
    a visible sheet with data that matches no template is not loaded (instruction sheets, 说明,
    excepted), and a workbook whose data come from several sheets says which."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise EtlFatal(path, f"不支持的文件类型 {suffix} (unsupported file type)")
    all_sources = sources()
    try:
        if suffix in GEO:
            geo = [c for c in all_sources if c.reader is not read_tabular]
            return [(geo[0], s) for s in geo[0].read(path)], []
        sheets = read_tabular(path)
    except UnreadableFile as e:
        raise EtlFatal(path, e.message, column=e.column, row=e.row, sheet=e.sheet) from e
    except OSError as e:
        raise EtlFatal(path, f"无法读取文件 (cannot read the file: {e.strerror})") from e
    tabular = [c for c in all_sources if c.reader is read_tabular]
    out, notices = [], []
    for s in sheets:
        match = detect(s, tabular)
        if match is not None and s.state != "visible":
            raise EtlFatal(path, f"隐藏的工作表「{s.sheet}」含有「{match[0].meta.title_zh}」数据；"
                           "请取消隐藏并确认，或删除该工作表后再导入 "
                           "(a hidden sheet holds template data)",
                           sheet=s.sheet)
        if match is not None:
            out.append(match)
        elif (s.state == "visible" and s.has_data()
              and not INSTRUCTION_SHEET.search(s.sheet or "")):
            notices.append(Notice("sheet_skipped", f"工作表「{s.sheet}」与任何数据模板都不匹配，"
                                  "未导入 / a sheet matching no template was not loaded", s.sheet))
    if not out:
        raise EtlFatal(path, "无法识别的文件模板：表头与任何数据模板都不匹配 "
                       "(unknown template: no header row matches a known template)")
    if len(out) > 1:
        names = "、".join(s.sheet or "" for _, s in out)
        notices.append(Notice("sheets", f"导入了 {len(out)} 个工作表：{names} / several sheets "
                              f"loaded: {names}"))
    return out, notices


__all__ = ["sources", "by_name", "detect", "read_file", "read_workbook", "display_path"]
