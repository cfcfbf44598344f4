"""A loader that never crashes and never guesses: one test per class of bad input a tester found.
Each input gets a plain-words fatal error naming file, sheet, row and column (exit 2, warehouse
byte-identical) or row rejects with reasons — never a traceback, never a silently wrong value."""

import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile

import duckdb
import polars as pl
import pytest
from openpyxl import Workbook

from etl.__main__ import main
from etl.catalog import read_file, read_workbook
from etl.contract import EtlFatal
from etl.load import load
from etl.sources import garbage_inspection, mosquito_route, waterlogging
from tests.conftest import ROOT, sheet, tree_hashes, write_tiny_city
from warehouse import store
from warehouse.store import connect_readonly

QUIET = {"progress": lambda _m: None}
INSPECTION = "街道编码,统计月份,检查车次,混装混运车次\n"
ROUTE = ["街道编码", "调查日期", "路径长度(米)", "小型积水处数", "阳性积水处数"]


@pytest.fixture
def city(tmp_path):
    return write_tiny_city(tmp_path / "files")


@pytest.fixture
def wdir(city, tmp_path):
    wdir = tmp_path / "wh"
    load([city], wdir, **QUIET)
    return wdir


def rejects_of(result):
    return result.rejects.select("row_number", "column", "value", "reason").rows()


def cli(args, capsys):
    code = main(args)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def xlsx(path, rows, title="Sheet", edit=None):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    if edit:
        edit(wb, ws)
    wb.save(path)
    return path


def patch_member(path, member, change):
    """Rewrite one part of a workbook's zip through `change(bytes) -> bytes`."""
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    parts[member] = change(parts[member])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


# ------------------------------------------------------------------- tracebacks seen before
def test_rejects_from_two_different_checks_are_kept_together(city, tmp_path):
    """A parse reject (sheet null) and an unknown-street reject (found later) in one CSV."""
    (city / "收运检查_202506.csv").write_text(
        INSPECTION + "660102001,202506,abc,2\n660102002,202506,30,3\n660102009,202506,5,1\n",
        encoding="utf-8")
    summary = load([city], tmp_path / "wh", **QUIET)
    report = next(f for f in summary.files if f.name == "收运检查_202506.csv")
    assert (report.rows_loaded, report.rows_rejected) == (1, 2)
    assert report.reject_frame().select("row_number", "column", "reason").rows() == [
        (2, "检查车次", "不是有效数字 / not a number"),
        (4, "街道编码", "未知的街道编码 / unknown street code")]


def test_one_enormous_cell_is_fatal_naming_row_and_column(tmp_path):
    p = tmp_path / "收运检查.csv"
    p.write_text(INSPECTION + "990102001,202506,10,2\n990102002,202506,20," + "3" * 40_000
                 + "\n", encoding="utf-8")
    with pytest.raises(EtlFatal, match="32767") as e:
        read_file(p)
    assert e.value.row == 3
    big = xlsx(tmp_path / "大.xlsx", [INSPECTION.strip().split(","),
                                      ["990102001", "202506", 10, "BIG"]])
    # NOTE: openpyxl cuts what it writes at Excel's limit; a hostile file is written by hand.
    patch_member(big, "xl/worksheets/sheet1.xml",
                 lambda b: b.replace(b">BIG<", b">" + "备".encode() * 40_000 + b"<"))
    with pytest.raises(EtlFatal, match="32767") as e:
        read_file(big)
    assert (e.value.sheet, e.value.row, e.value.column) == ("Sheet", 2, "D")


def test_a_file_name_in_a_legacy_encoding_loads_and_is_named_readably(city, tmp_path, capsys):
    gbk_name = os.fsencode(city) + b"/" + "收运检查_202507.csv".encode("gbk")
    with open(gbk_name, "wb") as fh:
        fh.write((INSPECTION + "660102001,202507,10,1\n").encode("utf-8"))
    wdir = tmp_path / "wh"
    code, out, _ = cli(["load", "--warehouse", str(wdir), "--json", str(city)], capsys)
    assert code == 0
    files = [f["file"] for f in json.loads(out)["files"]]
    assert str(city / "收运检查_202507.csv") in files
    con, _ = connect_readonly(wdir)
    assert ("收运检查_202507.csv",) in con.sql("select file_name from etl_runs").fetchall()


def test_corrupt_workbook_xml_is_fatal(tmp_path):
    p = xlsx(tmp_path / "坏.xlsx", [INSPECTION.strip().split(","), ["990102001", 202506, 1, 0]])
    patch_member(p, "xl/worksheets/sheet1.xml", lambda b: b[: len(b) // 2])
    with pytest.raises(EtlFatal, match="Excel 文件内容损坏") as e:
        read_file(p)
    assert e.value.file.endswith("坏.xlsx")


@pytest.mark.parametrize("doc,row", [
    ({"type": "FeatureCollection", "features": {"a": 1}}, None),
    ({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": "660100"}, "geometry": None}, 7]}, 3),
    ({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": ["code", "name"], "geometry": None}]}, 2),
])
def test_malformed_geojson_is_fatal_naming_the_feature(tmp_path, doc, row):
    p = tmp_path / "streets.geojson"
    p.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(EtlFatal, match="GeoJSON") as e:
        read_file(p)
    assert e.value.row == row


# ------------------------------------------------------------- values silently accepted before
def test_decimal_commas_are_rejected_thousands_groups_are_read():
    r = mosquito_route.transform(sheet(ROUTE, ["990102001", "2025-06-30", "1,5", "5", "1"],
                                       ["990102002", "2025-06-30", "2,000", "5", "1"],
                                       ["990102003", "2025-06-30", "12,34", "5", "1"]))
    assert r.frame["route_length_m"].to_list() == [2000.0]
    reason = ("逗号不是千位分隔符：小数请用小数点（如 1.5），千位分隔只用于 1,234 这样三位一组 / a "
              "comma that is not a thousands separator (decimal comma?)")
    assert rejects_of(r) == [(2, "路径长度(米)", "1,5", reason),
                             (4, "路径长度(米)", "12,34", reason)]


def test_nan_infinity_and_overflow_are_not_numbers():
    r = mosquito_route.transform(sheet(ROUTE, ["990102001", "2025-06-30", "NaN", "5", "1"],
                                       ["990102002", "2025-06-30", "inf", "5", "1"],
                                       ["990102003", "2025-06-30", "1e400", "5", "1"]))
    assert r.frame.height == 0
    why = "不是有限的数字（NaN、无穷大或超出范围） / not a finite number"
    assert rejects_of(r) == [(2, "路径长度(米)", "NaN", why), (3, "路径长度(米)", "inf", why),
                             (4, "路径长度(米)", "1e400", why)]


def test_dates_before_2000_or_in_the_future_are_rejected():
    r = mosquito_route.transform(sheet(ROUTE, ["990102001", "1900-01-01", "2000", "5", "1"],
                                       ["990102002", "2099-06-30", "2000", "5", "1"],
                                       ["990102003", "2025-06-30", "2000", "5", "1"]))
    assert r.frame["street_code"].to_list() == ["990102003"]
    rows = rejects_of(r)
    assert rows[0] == (2, "调查日期", "1900-01-01",
                       "日期早于2000年（可能是 Excel 的占位日期 1900-01-01） / date before 2000 "
                       "(a placeholder?)")
    assert rows[1][:3] == (3, "调查日期", "2099-06-30") and "date in the future" in rows[1][3]


def test_a_formula_without_a_calculated_value_is_fatal(tmp_path):
    p = xlsx(tmp_path / "公式.xlsx", [INSPECTION.strip().split(","),
                                      ["990102001", 202506, 10, 2],
                                      ["990102002", 202506, "=C2*2", 3]])
    (c, s), = read_file(p)
    with pytest.raises(EtlFatal, match="公式单元格没有计算结果") as e:
        c.transform(s)
    assert (e.value.sheet, e.value.row, e.value.column) == ("Sheet", 3, "检查车次")


def test_a_file_whose_encoding_changes_halfway_is_fatal(tmp_path):
    p = tmp_path / "收运检查.csv"
    p.write_bytes((INSPECTION.strip() + ",备注\n").encode("utf-8")
                  + "990102001,202506,10,2,抽查\n".encode()
                  + "990102002,202506,20,3,复查\n".encode("gbk"))
    with pytest.raises(EtlFatal, match="编码前后不一致") as e:
        read_file(p)
    assert e.value.row == 3


def test_a_gbk_line_that_happens_to_be_valid_utf8_is_read_as_gbk(tmp_path):
    # 学校 in GBK (D1A7 D0A3) is also valid UTF-8 ("ѧУ"): no evidence of a mixed file
    p = tmp_path / "收运检查.csv"
    p.write_bytes((INSPECTION.strip() + ",备注\n").encode("gbk")
                  + "990102001,202506,10,2,学校\n".encode("gbk"))
    (_contract, raw), = read_file(p)
    assert "学校" in raw.grid.row(-1)


def test_two_columns_naming_one_field_are_fatal():
    with pytest.raises(EtlFatal, match="两列都对应「检查车次」") as e:
        garbage_inspection.transform(sheet(
            ["街道编码", "统计月份", "检查车次", "检查车次（次）", "混装混运车次"],
            ["990102001", "202506", "10", "12", "2"]))
    assert e.value.column == "检查车次（次）"


@pytest.mark.parametrize("column,value", [("整改措施", "已清理，联系人：张三"),
                                          ("整改措施", "王女士反映后清理"),
                                          ("备注", "请致电 138 1234 5678"),
                                          ("备注", "0571-88886666"),
                                          ("备注", "zhang.san@example.com")])
def test_personal_data_in_free_text_is_fatal(column, value):
    header = ["积水点编号", "积水类别", "积水类型", "经度", "纬度", "网格编码", "发现日期",
              "发现方式", "是否发现幼虫", "状态", "整改措施", "销号日期", "责任单位", "备注"]
    row = ["W01", "孳生积水", "轮胎", "113.3", "23.1", "990102001001", "2025-06-01",
           "日常巡查", "是", "未整改", "清理", "", "城管局", ""]
    row[header.index(column)] = value
    with pytest.raises(EtlFatal, match="拒绝导入") as e:
        waterlogging.transform(sheet(header, row))
    assert (e.value.row, e.value.column) == (2, column)


def test_hidden_columns_warn_and_stop_a_real_load(wdir, tmp_path, capsys):
    def hide(_wb, ws):
        ws.column_dimensions["C"].hidden = True

    p = xlsx(tmp_path / "收运检查_202507.xlsx", [INSPECTION.strip().split(","),
                                                ["660102001", 202507, 10, 1]], edit=hide)
    (c, s), = read_file(p)
    assert [(w.kind, w.column, w.row) for w in c.transform(s).warnings] == [
        ("hidden_column", "检查车次", 1)]
    before = tree_hashes(wdir)
    code, out, err = cli(["load", "--warehouse", str(wdir), str(p)], capsys)
    assert code == 3 and "列「检查车次」在 Excel 中是隐藏的" in err
    assert tree_hashes(wdir) == before


def test_a_second_sheet_never_silently_replaces_the_first(tmp_path):
    def more(wb, _ws):
        ws2 = wb.create_sheet("6月(改)")
        ws2.append(INSPECTION.strip().split(","))
        ws2.append(["990102001", 202506, 10, 5])      # same key, other data: a conflict
        ws2.append(["990102002", 202506, 20, 3])      # the same row again: a duplicate
        wb.create_sheet("备注").append(["抽查情况另行报送"])

    p = xlsx(tmp_path / "收运检查.xlsx", [INSPECTION.strip().split(","),
                                          ["990102001", 202506, 10, 2],
                                          ["990102002", 202506, 20, 3]], "6月", edit=more)
    found, notices = read_workbook(p)
    assert [(n.kind, n.sheet) for n in notices] == [("sheet_skipped", "备注"), ("sheets", None)]
    from etl.contract import combine_sheets

    results = [c.transform(s) for c, s in found]
    combine_sheets(found[0][0], results)
    assert [r.frame["street_code"].to_list() for r in results] == [["990102002"], []]
    assert rejects_of(results[0]) == [(2, "街道编码", "990102001 2025-06-01",
                                       "同一编码和期间在多个工作表中出现且数据不同 / conflicting "
                                       "duplicate key across sheets")]
    assert [r[3] for r in rejects_of(results[1])] == [
        "同一编码和期间在多个工作表中出现且数据不同（另见工作表「6月」第2行） / conflicting "
        "duplicate key across sheets",
        "与工作表「6月」第3行完全重复 / exact duplicate of a row in another sheet"]


LITERACY = ["问卷编号", "调查年份", "区县编码", "街道编码", "城乡", "性别", "年龄", "文化程度",
            "总分", "基本知识和理念得分", "健康生活方式与行为得分", "基本技能得分",
            "科学健康观得分", "传染病防治得分", "慢性病防治得分", "安全与急救得分", "基本医疗得分",
            "健康信息得分", "权重"]


def test_education_bands_keep_the_respondent_in_the_literacy_level(city, tmp_path):
    scores = {60: [25, 20, 15, 11, 7, 12, 14, 8, 8], 40: [15, 15, 10, 8, 5, 8, 8, 6, 5],
              55: [25, 17, 13, 11, 7, 10, 12, 8, 7]}
    rows = [["Q1", 2025, "660102", "660102001", "城市", "男", 30, "小学及以下", 60],
            ["Q2", 2025, "660102", "660102001", "农村", "女", 40, "大专及以上", 40],
            ["Q3", 2025, "660102", "660102002", "城市", "女", 50, "扫盲班", 55]]
    lines = [",".join(LITERACY)] + [",".join(map(str, [*r, *scores[r[-1]], 1])) for r in rows]
    (city / "健康素养2025.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = load([city], tmp_path / "wh", **QUIET)
    report = next(f for f in summary.files if f.name == "健康素养2025.csv")
    assert (report.rows_loaded, report.rows_rejected) == (3, 0)
    assert [(w.kind, w.row, w.column) for w in report.warnings] == [("label_kept", 4, "文化程度")]
    con, _ = connect_readonly(tmp_path / "wh")
    assert con.sql("select education from stg_health_literacy order by questionnaire_id"
                   ).fetchall() == [("小学及以下",), ("大专及以上",), ("扫盲班",)]
    assert con.sql("select value, n from indicator_values where indicator_id = "
                   "'health_literacy_level' and area_level = 'city'").fetchall() == [
        (pytest.approx(200 / 3), 3)]


# ---------------------------------------------------------------------- hostile files, bounded
def test_a_zip_bomb_is_refused_in_seconds(tmp_path, monkeypatch):
    monkeypatch.setenv("HC_ETL_MAX_UNPACKED_MB", "10")
    p = xlsx(tmp_path / "炸弹.xlsx", [["街道编码"]])
    with zipfile.ZipFile(p, "a", zipfile.ZIP_DEFLATED) as zf, zf.open("xl/media/x.bin", "w") as fh:
        for _ in range(20):
            fh.write(bytes(1 << 20))
    assert p.stat().st_size < 200_000
    started = time.perf_counter()
    with pytest.raises(EtlFatal, match="疑似压缩炸弹"):
        read_file(p)
    assert time.perf_counter() - started < 5


def test_a_declared_million_rows_is_read_as_the_rows_present(tmp_path):
    p = xlsx(tmp_path / "收运检查.xlsx", [INSPECTION.strip().split(","),
                                          ["990102001", 202506, 10, 2]])
    patch_member(p, "xl/worksheets/sheet1.xml",
                 lambda b: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', b))
    assert b"XFD1048576" in zipfile.ZipFile(p).read("xl/worksheets/sheet1.xml")
    started = time.perf_counter()
    (c, s), = read_file(p)
    assert c.transform(s).frame["trips_inspected"].to_list() == [10]
    assert time.perf_counter() - started < 5


def test_xml_entity_expansion_is_refused(tmp_path):
    lol = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1
                                                      else b"&lol;") * 10) for i in range(1, 10))
           + b"]>")
    p = xlsx(tmp_path / "实体.xlsx", [INSPECTION.strip().split(","), ["990102001", 202506, 1, 0]])
    patch_member(p, "xl/worksheets/sheet1.xml",
                 lambda b: lol + b.replace(b"<t>", b"<t>&lol9;", 1))
    started = time.perf_counter()
    with pytest.raises(EtlFatal, match="DTD"):
        read_file(p)
    assert time.perf_counter() - started < 5


def test_a_cell_far_to_the_right_is_refused(tmp_path):
    def far(_wb, ws):
        ws["XFD2"] = "x"

    p = xlsx(tmp_path / "宽.xlsx", [INSPECTION.strip().split(","), ["990102001", 202506, 1, 0]],
             edit=far)
    with pytest.raises(EtlFatal, match="XFD2"):
        read_file(p)


# ------------------------------------------------------------------ the analysts' catalog
@pytest.mark.slow
def test_a_kill_between_current_and_the_catalog_is_repaired_by_the_next_load(wdir, tmp_path):
    more = tmp_path / "more.csv"
    more.write_text(INSPECTION + "660102001,202507,10,1\n", encoding="utf-8")
    env = {**os.environ, "HC_ETL_CRASH_AT": "after_commit"}
    proc = subprocess.run([sys.executable, "-m", "etl", "load", "--warehouse", str(wdir),
                           str(more)], cwd=ROOT, env=env, capture_output=True, timeout=120)
    assert proc.returncode == 9
    assert (store.data_version(wdir), store.catalog_version(wdir)) == (2, 1)   # stale
    again = load([more], wdir, **QUIET)
    assert not again.published and again.files[0].status == "unchanged"
    assert store.catalog_version(wdir) == 2


def test_the_catalog_opens_after_the_warehouse_moves(wdir, tmp_path, monkeypatch):
    moved = tmp_path / "elsewhere" / "wh"
    shutil.copytree(wdir, moved)
    shutil.rmtree(wdir)
    query = "select count(*) from indicator_values where indicator_id = " \
            "'mixed_collection_transport_rate'"
    monkeypatch.chdir(moved)
    con = duckdb.connect("warehouse.duckdb", read_only=True)
    assert con.sql(query).fetchall() == [(12,)]     # 4 areas × month, quarter, year
    con.close()
    monkeypatch.chdir(tmp_path)
    con = duckdb.connect(str(moved / "warehouse.duckdb"), read_only=True,
                         config={"file_search_path": str(moved)})
    assert con.sql("select data_version from data_version").fetchall() == [(1,)]
    assert con.sql(query).fetchall() == [(12,)]
    con.close()


# ------------------------------------------------------------------ where the output goes
def test_warehouse_or_out_at_a_file_or_unwritable_place_is_a_plain_message(city, tmp_path,
                                                                            capsys):
    a_file = tmp_path / "note.txt"
    a_file.write_text("x", encoding="utf-8")
    cases = [
        (["load", "--warehouse", str(a_file), str(city)], "--warehouse 应为文件夹"),
        (["load", "--warehouse", str(a_file / "wh"), str(city)], "--warehouse 无法创建"),
        (["load", "--warehouse", str(tmp_path / "wh"), "--errors-out", str(a_file), str(city)],
         "--errors-out 应为文件夹"),
        (["template", "garbage_inspection", "--out", str(a_file / "x.xlsx")],
         "--out 所在文件夹 应为文件夹"),
        (["template", "--all", "--out", str(a_file)], "--out 应为文件夹"),
        (["versions", "--warehouse", str(a_file)], "--warehouse 应为文件夹"),
    ]
    for args, said in cases:
        code, _, err = cli(args, capsys)
        assert (code, said in err) == (2, True), (args, err)
    assert not (tmp_path / "wh").exists()


def test_unexpected_failures_are_said_in_plain_words(city, tmp_path, capsys, monkeypatch):
    import etl.__main__ as cli_module

    def boom(*_a, **_k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(cli_module, "load", boom)
    code, _, err = cli(["load", "--warehouse", str(tmp_path / "wh"), str(city)], capsys)
    assert code == 2 and "意外错误" in err and "disk on fire" in err
    code, out, _ = cli(["load", "--warehouse", str(tmp_path / "wh"), "--json", str(city)], capsys)
    got = json.loads(out)
    assert (code, got["ok"], got["published"]) == (2, False, None)
    said = got["fatal"]["message"]
    assert said.startswith("意外错误") and "disk on fire" in said and got["fatal"]["file"] is None
    code, out, err = cli(["load", "--json", "--bogus", str(city)], capsys)
    assert code == 2 and "unrecognized arguments: --bogus" in err
    assert json.loads(out)["fatal"]["message"].startswith("命令行参数有误")


def test_frames_of_rejects_share_one_schema():
    """Rejects of a sheet without a name (a CSV) and of a named sheet concatenate."""
    from etl.contract import as_rejects

    a = as_rejects(pl.DataFrame({"row_number": [2], "column": ["x"], "value": [None],
                                 "reason": ["r"]}), "f.csv", None)
    b = as_rejects(pl.DataFrame({"row_number": [3], "column": ["y"], "value": ["1"],
                                 "reason": ["s"]}), "f.xlsx", "6月")
    assert pl.concat([a, b]).height == 2
