"""The department's file back with its errors: an XLSX copy of the original (a CSV or GeoJSON
becomes XLSX) with every rejected cell filled red and commented with the reason, a 错误原因
column on each rejected row, and a 汇总 summary sheet — what the office sends back."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from etl import catalog
from etl.readers import MAX_CELL, read_geojson, read_tabular

if TYPE_CHECKING:
    from etl.load import FileReport

RED = PatternFill("solid", fgColor="FFFFC7CE")       # Excel's own "bad" red
RED_TEXT = Font(color="FF9C0006")
BOLD = Font(bold=True)
REASON_HEADER = "错误原因"
SUMMARY = "汇总"
AUTHOR = "创卫办数据核对"
SUFFIX = "_错误标注.xlsx"


def write_all(reports: list[FileReport], out: Path) -> dict[str, str]:
    """One errors workbook per file with rejects, in `out`; returns {file: workbook path}."""
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, str] = {}
    taken: set[str] = set()
    for report in reports:
        rejects = report.reject_frame()
        if rejects.height == 0:
            continue
        stem = report.path.stem
        name, n = f"{stem}{SUFFIX}", 1
        while name in taken:
            n += 1
            name = f"{stem}_{n}{SUFFIX}"
        taken.add(name)
        target = out / _safe_file_name(name)
        write_one(report, target)
        written[report.file] = str(target)
    return written


def _safe_file_name(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name)


def write_one(report: FileReport, target: Path) -> None:
    """The errors workbook of one file."""
    rejects = report.reject_frame()
    wb, sheet_of = _copy_of_original(report)
    located = {(r.sheet, c.meta.name): r for c, r in report.results}
    results = {r.sheet: r for (_, _), r in located.items()}
    by_row: dict[tuple[str | None, int], list[tuple[str, str]]] = {}
    by_cell: dict[tuple[str | None, int, int], list[str]] = {}
    for _, sheet, row, column, _value, reason in rejects.iter_rows():
        by_row.setdefault((sheet, row), []).append((column, reason))
        result = results.get(sheet)
        index = result.columns.get(column) if result else None
        if index is not None:
            by_cell.setdefault((sheet, row, index), []).append(reason)
    for (sheet, row, index), reasons in by_cell.items():
        ws = sheet_of(sheet)
        cell = ws.cell(row=row, column=index + 1)
        cell.fill = RED
        cell.comment = Comment("\n".join(dict.fromkeys(reasons)), AUTHOR, width=320, height=120)
    reason_columns: dict[str | None, int] = {}
    for (sheet, row), items in sorted(by_row.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])):
        ws = sheet_of(sheet)
        if sheet not in reason_columns:
            result = results.get(sheet)
            col = ws.max_column + 1
            reason_columns[sheet] = col
            head = ws.cell(row=(result.header_row if result and result.header_row else 1),
                           column=col, value=REASON_HEADER)
            head.font = BOLD
            ws.column_dimensions[get_column_letter(col)].width = 60
        text = "；".join(dict.fromkeys(f"{column}：{reason}" for column, reason in items))
        cell = ws.cell(row=row, column=reason_columns[sheet], value=text)
        cell.font = RED_TEXT
    _summary(wb, report, rejects)
    wb.save(target)


def _copy_of_original(report: FileReport):
    """(workbook, sheet name → worksheet): the original workbook itself, or for a CSV or GeoJSON
    a workbook holding its cells as text at their row numbers."""
    path = report.path
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        wb = openpyxl.load_workbook(path)

        def sheet_of(name: str | None):
            return wb[name] if name in wb.sheetnames else wb.worksheets[0]
        return wb, sheet_of
    sheets = (read_geojson(path) if path.suffix.lower() in (".geojson", ".json")
              else read_tabular(path))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = _sheet_title(path.stem)
    raw = sheets[0]
    cols = [c for c in raw.grid.columns if c != "_row"]
    for values in raw.grid.iter_rows(named=True):
        for i, c in enumerate(cols):
            text = values[c]
            if text is None:
                continue
            if len(text) > MAX_CELL:
                text = text[:MAX_CELL - 20] + "…（内容过长已截断）"
            cell = ws.cell(row=values["_row"], column=i + 1, value=text)
            # NOTE: text the department wrote stays text, even when it starts with '='.
            cell.data_type = "s"
    return wb, lambda _name: ws


def _sheet_title(stem: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "_", stem)[:31] or "数据"


def _summary(wb, report: FileReport, rejects) -> None:
    title = SUMMARY if SUMMARY not in wb.sheetnames else "错误汇总"
    ws = wb.create_sheet(title, 0)
    titles = {c.meta.name: c.meta.title_zh for c in catalog.sources()}
    templates = "、".join(titles.get(t, t) for t in dict.fromkeys(report.templates))
    rows = [("文件 File", report.name), ("模板 Template", templates),
            ("读取行数 Rows read", report.rows_read), ("导入行数 Rows loaded", report.rows_loaded),
            ("拒绝行数 Rows rejected", report.rows_rejected)]
    for label, value in rows:
        ws.append([label, value])
        ws.cell(row=ws.max_row, column=1).font = BOLD
    ws.append([])
    ws.append(["错误原因 Reason", "次数 Count"])
    for cell in ws[ws.max_row]:
        cell.font = BOLD
    counted = Counter(rejects["reason"].to_list())
    for reason, n in sorted(counted.items(), key=lambda kv: (-kv[1], kv[0])):
        ws.append([reason, n])
    ws.append([])
    ws.append(["说明：被拒绝的单元格已标红并附批注，每行末尾的“错误原因”列写明原因；请更正后重新报送。"])
    ws.column_dimensions["A"].width = 70
    ws.column_dimensions["B"].width = 40
