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


PAYLOADS = ["=HYPERLINK(\"http://x\",\"点击\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
            "\t=1+1", "南江区", "-12.5", "+3", "-4%"]


def test_csv_neutralises_formula_payloads_in_text_cells():
    data = export.csv_bytes(pl.DataFrame({"名称": PAYLOADS, "数值": [-1.5] * len(PAYLOADS)}))
    import csv

    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == [
        "'=HYPERLINK(\"http://x\",\"点击\")", "'+1+cmd|' /C calc'!A0", "'-2+3", "'@SUM(A1:A9)",
        "'\t=1+1", "南江区", "-12.5", "+3", "-4%"]
    assert {r[1] for r in rows[1:]} == {"-1.5"}          # numbers are numbers, untouched


def test_xlsx_writes_formula_payloads_as_text():
    wb = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes(pl.DataFrame({"名称": PAYLOADS}))))
    cells = list(wb.active["A"])[1:]
    assert [(c.value, c.data_type) for c in cells] == [(p, "s") for p in PAYLOADS]
