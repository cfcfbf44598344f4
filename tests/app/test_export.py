"""Downloads: a CSV Excel opens in Chinese (UTF-8 with a BOM), an XLSX with a sheet name Excel
accepts (31 characters at most) and the numbers at full precision."""

import io

import openpyxl
import polars as pl

from app import export


def test_csv_starts_with_a_bom_and_keeps_chinese_and_precision():
    data = export.csv_bytes(pl.DataFrame({"区域": ["南江区"], "数值": [43.68468912]}))
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == ["区域,数值", "南江区,43.68468912"]


def test_xlsx_sheet_names_are_cut_to_31_characters():
    long = "居民小区生活垃圾分类覆盖率按街道按月的全部数据与来源说明附表一及附表二"
    wb = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes(
        pl.DataFrame({"数值": [1.23456789]}), sheet=long)))
    assert wb.sheetnames == [long[:31]] and len(long) > 31
    ws = wb[long[:31]]
    assert ws["A1"].value == "数值" and ws["A2"].value == 1.23456789
    assert ws.freeze_panes == "A2"
