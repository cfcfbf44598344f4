"""Readers and template detection: encodings, title rows, merged cells, 合计 rows, sheets."""

import pytest
from openpyxl import Workbook

from etl.catalog import read_file
from etl.contract import EtlFatal

INSPECTION = "街道编码,统计月份,检查车次,混装混运车次\n"


def names(found):
    """(template, sheet, the header's row number in the sheet)."""
    return [(c.meta.name, s.sheet, s.header_row) for c, s in found]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings(tmp_path, encoding):
    p = tmp_path / "收运检查.csv"
    p.write_bytes(("XX市收运检查情况\n" + INSPECTION + "990102001,202506,10,2\n").encode(encoding))
    (contract, s), = read_file(p)
    assert contract.meta.name == "garbage_inspection"
    assert s.header_at == 1   # the title line is skipped
    result = contract.transform(s)
    assert result.frame["trips_mixed"].to_list() == [2]
    assert result.frame["_row"].to_list() == [3]


def test_xlsx_title_rows_merged_cells_total_row_and_several_sheets(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "6月"
    ws.append(["XX市2025年6月收运检查月报"])
    ws.merge_cells("A1:D1")
    ws.append(["填报单位：城管局"])
    ws.append([])
    ws.append(["街道编码", "统计月份", "检查车次", "混装混运车次"])
    ws.append(["990102001", "2025年6月", 10, 2])
    ws.append(["990102002", "2025年6月", 20, 3])
    ws.append(["合计", None, 30, 5])
    ws2 = wb.create_sheet("7月")
    ws2.append(["街道编码", "统计月份", "检查车次", "混装混运车次"])
    ws2.append(["990102001", 202507, 12, 1])
    wb.create_sheet("填表说明").append(["本表由街道填报"])
    p = tmp_path / "收运检查.xlsx"
    wb.save(p)
    found = read_file(p)
    assert names(found) == [("garbage_inspection", "6月", 4), ("garbage_inspection", "7月", 1)]
    first = found[0][0].transform(found[0][1])
    assert first.frame["trips_inspected"].to_list() == [10, 20]   # 合计 dropped, not counted
    assert first.frame["_row"].to_list() == [5, 6]
    assert first.rejects.height == 0
    second = found[1][0].transform(found[1][1])
    assert str(second.frame["month"][0]) == "2025-07-01"


def test_excel_serial_and_date_cells(tmp_path):
    import datetime as dt

    wb = Workbook()
    ws = wb.active
    ws.append(["街道编码", "调查日期", "路径长度(米)", "小型积水处数", "阳性积水处数"])
    ws.append(["990102001", 45838, 2000, 5, 1])
    ws.append(["990102002", dt.datetime(2025, 6, 30), "２０００", "5", "1"])
    p = tmp_path / "路径法.xlsx"
    wb.save(p)
    (c, s), = read_file(p)
    r = c.transform(s)
    assert [str(d) for d in r.frame["survey_date"]] == ["2025-06-30", "2025-06-30"]
    assert r.frame["route_length_m"].to_list() == [2000.0, 2000.0]


def test_unknown_template_is_fatal(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("甲,乙,丙\n1,2,3\n", encoding="utf-8")
    with pytest.raises(EtlFatal, match="无法识别的文件模板") as e:
        read_file(p)
    assert e.value.file.endswith("x.csv")


@pytest.mark.parametrize("text", ["", "\r\n\r\n", "\n \n\t\n"])
def test_an_empty_file_or_one_of_blank_lines_is_said_in_plain_words(tmp_path, text):
    p = tmp_path / "空.csv"
    p.write_bytes(text.encode())
    with pytest.raises(EtlFatal, match="无法识别的文件模板") as e:
        read_file(p)
    assert e.value.file.endswith("空.csv")


def test_missing_required_column_is_fatal_and_named(tmp_path):
    p = tmp_path / "月报.csv"
    p.write_text("街道编码,统计月份,生活垃圾清运量(吨),可回收物回收量(吨),厨余垃圾量(吨),"
                 "有害垃圾量(吨),其他垃圾量(吨),小区总数,分类覆盖小区数\n", encoding="utf-8")
    (c, s), = read_file(p)
    with pytest.raises(EtlFatal, match="厨余垃圾资源化利用量") as e:
        c.transform(s)
    assert e.value.column == "厨余垃圾资源化利用量(吨)"


@pytest.mark.parametrize("name,content", [("坏.xlsx", b"not a zip"), ("旧.xls", b"\xd0\xcf"),
                                          ("乱码.csv", b"\xff\xfe\x00\xd8\x00\xdc" * 3)])
def test_unreadable_files_are_fatal(tmp_path, name, content):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(EtlFatal):
        read_file(p)


def test_unknown_extra_column_is_ignored_with_a_warning(tmp_path):
    p = tmp_path / "收运.csv"
    p.write_text(INSPECTION.strip() + ",备注\n990102001,202506,10,2,抽查\n", encoding="utf-8")
    (c, s), = read_file(p)
    r = c.transform(s)
    assert r.frame.height == 1
    assert [(w.kind, w.column) for w in r.warnings] == [("unknown_column", "备注")]


def test_a_unit_the_template_does_not_use_is_fatal(tmp_path):
    p = tmp_path / "路径法.csv"
    p.write_text("街道编码,调查日期,路径长度（千米）,小型积水处数,阳性积水处数\n990102001,"
                 "2025-06-30,2,5,1\n",
                 encoding="utf-8")
    (c, s), = read_file(p)
    with pytest.raises(EtlFatal, match="单位应为米") as e:
        c.transform(s)
    assert e.value.column == "路径长度（千米）"
