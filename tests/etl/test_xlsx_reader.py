"""The XLSX reader (python-calamine) gives the same cells openpyxl gives, on every workbook of the
sample city and the tests' fixtures and on one made of what departments' workbooks hold (a
merged title, error cells, dates with and without a time, a time of day, booleans, a percent, a
formula, a hidden row, column and sheet): the text of every cell, its row number, the sheets and
their visibility."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import xlsxwriter
from openpyxl import load_workbook

from etl import readers

ROOT = Path(__file__).resolve().parents[2]
WORKBOOKS = sorted([*(ROOT / "sample_data").rglob("*.xlsx"),
                    *(ROOT / "tests" / "fixtures").rglob("*.xlsx")])


def by_openpyxl(path: Path) -> list[tuple[str, str, list[tuple[int, list[str | None]]]]]:
    """(sheet, state, [(row number, cell texts)]) as openpyxl's read-only mode gives them."""
    wb = load_workbook(path, read_only=True, data_only=True)
    out = []
    try:
        for ws in wb.worksheets:
            ws.reset_dimensions()
            rows = []
            for n, values in enumerate(ws.iter_rows(values_only=True), 1):
                texts = [readers._cell_text(v) for v in values]
                while texts and texts[-1] is None:
                    texts.pop()
                if any(v is not None for v in values):
                    rows.append((n, texts))
            out.append((ws.title, ws.sheet_state or "visible", rows))
    finally:
        wb.close()
    return out


def by_reader(path: Path) -> list[tuple[str, str, list[tuple[int, list[str | None]]]]]:
    out = []
    for s in readers.read_xlsx_grid(path):
        cols = [c for c in s.grid.columns if c != "_row"]
        rows = []
        for r in s.grid.iter_rows(named=True):
            texts = [r[c] for c in cols]
            while texts and texts[-1] is None:
                texts.pop()
            rows.append((r["_row"], texts))
        out.append((s.sheet, s.state, rows))
    return out


def odd_workbook(path: Path) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("数据")
    ws.merge_range(0, 0, 0, 4, "测试市2025年6月 合并标题")
    ws.write_row(1, 0, ["街道编码", "数值", "是否", "时间", "时刻"])
    ws.write_formula(2, 0, "=1/0", None, "#DIV/0!")
    ws.write_formula(2, 1, "=NA()", None, "#N/A")
    ws.write_boolean(2, 2, True)
    ws.write_datetime(2, 3, dt.datetime(2025, 6, 30, 13, 45),
                      wb.add_format({"num_format": "yyyy-mm-dd hh:mm"}))
    ws.write_datetime(2, 4, dt.datetime(1900, 1, 1, 12, 30), wb.add_format({"num_format": "hh:mm"}))
    ws.write_number(3, 0, 0.1 + 0.2)
    ws.write_number(3, 1, 0.853, wb.add_format({"num_format": "0.0%"}))
    ws.write_datetime(3, 2, dt.datetime(2025, 6, 30), wb.add_format({"num_format": "yyyy/m/d"}))
    ws.write_number(3, 3, 45403)
    ws.write_formula(4, 0, "=B4*2", None, 1.706)
    ws.write_string(5, 0, "隐藏行")
    ws.set_row(5, None, None, {"hidden": True})
    ws.set_column(4, 4, None, None, {"hidden": True})
    ws.write_formula(40, 2, "=1/0", None, "#DIV/0!")      # an error cell alone, far down
    hidden = wb.add_worksheet("说明")
    hidden.write(0, 0, "填表说明")
    hidden.hide()
    wb.add_worksheet("空表")
    wb.close()
    return path


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_the_same_cells_as_openpyxl(path):
    assert by_reader(path) == by_openpyxl(path)


def test_what_departments_workbooks_hold(tmp_path):
    path = odd_workbook(tmp_path / "odd.xlsx")
    assert by_reader(path) == by_openpyxl(path)
    data = readers.read_xlsx_grid(path)[0]
    assert data.hidden_rows == frozenset({6}) and data.hidden_columns == frozenset({4})
    cells = by_reader(path)[0][2]
    assert cells[2] == (3, ["#DIV/0!", "#N/A", "是", "2025-06-30 13:45:00", "12:30:00"])
    assert cells[-1] == (41, [None, None, "#DIV/0!"])
    assert [s.state for s in readers.read_xlsx_grid(path)] == ["visible", "hidden", "visible"]
