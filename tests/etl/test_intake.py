"""The intake machinery on the loader: the dry run and its JSON, who loaded, a district's load,
the errors workbook sent back, blank templates that load back, plausibility warnings, versions
and rollback, reloading the original after a wrong correction, and the audit log."""

import json
import os

import duckdb
import openpyxl
import pytest

from etl.__main__ import main
from etl.load import load
from tests.conftest import tree_hashes, write_tiny_city
from warehouse import audit, store
from warehouse.store import connect_readonly

QUIET = {"progress": lambda _m: None}
INSPECTION = "街道编码,统计月份,检查车次,混装混运车次\n"
GOALS = "指标编码,区域编码,阶段名称,年份,目标值,截止日期,来源\n"


@pytest.fixture
def city(tmp_path):
    return write_tiny_city(tmp_path / "files")


def run(args, capsys):
    """(exit code, stdout, stderr) of the command line, in process."""
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def city_values(wdir, indicator="mixed_collection_transport_rate"):
    con, _ = connect_readonly(wdir)
    rows = con.sql(f"""select period_grain, period_start::varchar, value from indicator_values
                       where indicator_id = '{indicator}' and area_level = 'city'
                       order by all""").fetchall()
    con.close()
    return rows


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------------------ the dry run
def test_dry_run_reports_in_json_and_changes_nothing_on_disk(city, tmp_path, capsys):
    write(city / "阶段目标.csv",
          GOALS + "mixed_collection_transport_rate,660100,全面提升年,2025,0,2025-12-31,方案\n")
    wdir = tmp_path / "wh"
    load([city], wdir, **QUIET)
    fix = write(tmp_path / "in" / "收运检查_更正.csv", INSPECTION + "660102001,202506,10,0\n"
                "660102002,202507,20,2\n660102009,202507,1,0\n")
    before = tree_hashes(wdir)
    code, out, err = run(["load", fix, "--warehouse", wdir, "--dry-run", "--json"], capsys)
    assert code == 0 and "读取 read" in err          # progress on stderr, one object on stdout
    assert tree_hashes(wdir) == before
    got = json.loads(out)
    moves = got.pop("moves")
    assert got == {
        "ok": True, "published": None, "dry_run": True, "would_publish": True,
        "needs_accept_warnings": False, "fatal": None, "errors_workbooks": {},
        "files": [{
            "file": str(fix), "status": "would_load", "templates": ["garbage_inspection"],
            "rows_read": 3, "rows_loaded": 2, "rows_rejected": 1, "rows_new": 1,
            "rows_changed": 1,
            "rejects": [{"sheet": None, "row": 4, "column": "街道编码", "value": "660102009",
                         "reason": "未知的街道编码 / unknown street code"}],
            "changes": [{"template": "garbage_inspection", "unit": "660102001",
                         "period": "2025-06-01", "kind": "changed"},
                        {"template": "garbage_inspection", "unit": "660102002",
                         "period": "2025-07-01", "kind": "new"}],
            "changes_total": 2, "warnings": []}]}
    # Before: 一街 2/10, 二街 3/30, city and district 5/40. After: 一街 0/10 in June, 二街 2/20 in
    # July; the year 2025: (0 + 3 + 2) / 60. Revisions first, biggest relative change first.
    assert [(m["area_code"], m["area_name"], m["period_grain"], m["period_start"], m["before"],
             m["after"]) for m in moves] == [
        ("660102001", "一街", "month", "2025-06-01", 20.0, 0.0),
        ("660102001", "一街", "quarter", "2025-04-01", 20.0, 0.0),
        ("660102001", "一街", "year", "2025-01-01", 20.0, 0.0),
        ("660100", "小城市", "month", "2025-06-01", 12.5, 7.5),
        ("660100", "小城市", "quarter", "2025-04-01", 12.5, 7.5),
        ("660102", "东区", "month", "2025-06-01", 12.5, 7.5),
        ("660102", "东区", "quarter", "2025-04-01", 12.5, 7.5),
        ("660100", "小城市", "year", "2025-01-01", 12.5, pytest.approx(500 / 60)),
        ("660102", "东区", "year", "2025-01-01", 12.5, pytest.approx(500 / 60)),
        ("660100", "小城市", "month", "2025-07-01", None, 10.0),
        ("660100", "小城市", "quarter", "2025-07-01", None, 10.0),
        ("660102", "东区", "month", "2025-07-01", None, 10.0),
        ("660102", "东区", "quarter", "2025-07-01", None, 10.0),
        ("660102002", "二街", "month", "2025-07-01", None, 10.0),
        ("660102002", "二街", "quarter", "2025-07-01", None, 10.0)]
    assert {(m["indicator_id"], m["name_zh"]) for m in moves} == {
        ("mixed_collection_transport_rate", "混装混运率")}
    # the real load publishes the same changes and says which version
    code, out, _ = run(["load", fix, "--warehouse", wdir, "--json", "--loaded-by", "张三"],
                       capsys)
    assert code == 0 and json.loads(out)["published"] == 2
    con, _ = connect_readonly(wdir)
    assert con.sql("select file_name, loaded_by, rows_changed from etl_runs where run_id = "
                   "(select max(run_id) from etl_runs)").fetchall() == [
        ("收运检查_更正.csv", "张三", 2)]
    assert con.sql('select version, kind, "by", runs from data_versions order by version'
                   ).fetchall() == [(1, "load", None, [1, 2, 3, 4, 5]), (2, "load", "张三", [6])]


def test_a_dry_run_of_a_fatal_file_says_where_in_json(city, tmp_path, capsys):
    bad = write(tmp_path / "缺列.csv", "街道编码,统计月份,检查车次\n660102001,202507,1\n")
    code, out, _ = run(["load", bad, "--warehouse", tmp_path / "wh", "--dry-run", "--json"],
                       capsys)
    assert code == 2
    got = json.loads(out)
    assert (got["ok"], got["published"], got["files"]) == (False, None, [])
    assert got["fatal"] == {"file": str(bad), "sheet": None, "row": None,
                            "column": "混装混运车次",
                            "message": "缺少必需列「混装混运车次」 (missing required column)"}
    assert not (tmp_path / "wh").exists()


# ----------------------------------------------------------------------- a district's load
def test_a_district_loads_only_its_own_rows(city, tmp_path, capsys):
    from tests.conftest import _rect

    geo = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": c, "name": n, "parent_code": p},
         "geometry": _rect(2, 0, 3, 1)} for c, n, p in (("660103", "西区", "660100"),
                                                        ("660103001", "西一街", "660103"))]}
    write(city / "geo" / "west.geojson", json.dumps(geo, ensure_ascii=False))
    wdir = tmp_path / "wh"
    load([city], wdir, **QUIET)
    mine = write(tmp_path / "区报" / "收运检查_202507.csv",
                 INSPECTION + "660102001,202507,10,1\n660103001,202507,8,1\n")
    code, out, _ = run(["load", mine, "--warehouse", wdir, "--district", "660102", "--json"],
                       capsys)
    assert code == 0
    f = json.loads(out)["files"][0]
    assert (f["rows_loaded"], f["rows_rejected"]) == (1, 1)
    assert f["rejects"] == [{"sheet": None, "row": 3, "column": "街道编码", "value": "660103001",
                             "reason": "不属于本区（660102）的数据，区县只能导入本区数据 / "
                                       "outside district 660102"}]
    plan = write(tmp_path / "区报" / "阶段目标.csv",
                 GOALS + "hw_recycling_rate,660102,巩固迎检年,2026,45%,2026-12-31,区方案\n")
    before = tree_hashes(wdir)
    code, _, err = run(["load", plan, "--warehouse", wdir, "--district", "660102"], capsys)
    assert code == 2 and "全市方案的整表" in err
    code, _, err = run(["load", mine, "--warehouse", wdir, "--district", "660199"], capsys)
    assert code == 2 and "未知的区县编码" in err
    assert tree_hashes(wdir) == before


# ---------------------------------------------------------------- the errors workbook
def test_the_errors_workbook_marks_cells_rows_and_sums_up(city, tmp_path, capsys):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "6月"
    ws.append(["小城市2025年6月收运检查"])
    ws.append(INSPECTION.strip().split(","))
    ws.append(["660102001", "2025-06", "十", 2])        # row 3: not a number (column C)
    ws.append(["660102002", "2025-06", 3, 5])           # row 4: mixed > inspected (column D)
    ws.append(["660102009", "2025-06", 5, 1])           # row 5: unknown street (column A)
    ws.append(["660102002", "2025-07", 20, 1])          # row 6: good
    original = tmp_path / "in" / "收运检查_6月.xlsx"
    original.parent.mkdir()
    wb.save(original)
    csv = write(tmp_path / "in" / "收运检查_7月.csv", INSPECTION + "660102001,202507,x,1\n")
    wdir, out_dir = tmp_path / "wh", tmp_path / "退回"
    load([city / "geo"], wdir, **QUIET)
    code, out, _ = run(["load", original, csv, "--warehouse", wdir, "--dry-run", "--json",
                        "--errors-out", out_dir], capsys)
    assert code == 0
    paths = json.loads(out)["errors_workbooks"]
    assert paths == {str(original): str(out_dir / "收运检查_6月_错误标注.xlsx"),
                     str(csv): str(out_dir / "收运检查_7月_错误标注.xlsx")}
    book = openpyxl.load_workbook(paths[str(original)])
    assert book.sheetnames == ["汇总", "6月"]
    sheet = book["6月"]
    red = {c.coordinate for row in sheet.iter_rows() for c in row
           if c.fill.fgColor.rgb == "FFFFC7CE"}
    assert red == {"C3", "D4", "A5"}
    assert sheet["C3"].comment.text == "不是有效数字 / not a number"
    assert sheet["D4"].comment.text == "混装混运车次不能大于检查车次 / mixed trips exceed inspected"
    assert sheet["A5"].comment.text == "未知的街道编码 / unknown street code"
    assert [sheet.cell(row=r, column=5).value for r in range(2, 7)] == [
        "错误原因", "检查车次：不是有效数字 / not a number",
        "混装混运车次：混装混运车次不能大于检查车次 / mixed trips exceed inspected",
        "街道编码：未知的街道编码 / unknown street code", None]
    assert sheet["C6"].value == 20 and sheet["A1"].value == "小城市2025年6月收运检查"
    summary = [[c.value for c in row] for row in book["汇总"].iter_rows(max_col=2)]
    assert summary[:5] == [["文件 File", "收运检查_6月.xlsx"], ["模板 Template", "收运检查"],
                           ["读取行数 Rows read", 4], ["导入行数 Rows loaded", 1],
                           ["拒绝行数 Rows rejected", 3]]
    assert summary[6] == ["错误原因 Reason", "次数 Count"]
    assert sorted(summary[7:10]) == [["不是有效数字 / not a number", 1],
                                     ["未知的街道编码 / unknown street code", 1],
                                     ["混装混运车次不能大于检查车次 / mixed trips exceed "
                                      "inspected", 1]]
    from_csv = openpyxl.load_workbook(paths[str(csv)])
    data = from_csv[from_csv.sheetnames[1]]
    assert [c.value for c in data[2]] == ["660102001", "202507", "x", "1",
                                          "检查车次：不是有效数字 / not a number"]
    assert data["C2"].fill.fgColor.rgb == "FFFFC7CE"


# ------------------------------------------------------------------------- blank templates
def test_blank_templates_say_what_to_write(tmp_path, capsys):
    code, out, _ = run(["template", "--all", "--out", tmp_path / "模板"], capsys)
    assert code == 0
    files = sorted(p.name for p in (tmp_path / "模板").iterdir())
    assert len(files) == 21 and "3f_三防设施检查.xlsx" in files
    assert "9a_创建单位名录.xlsx" in files and "12_考核办法.xlsx" in files
    book = openpyxl.load_workbook(tmp_path / "模板" / "4_积水点台账.xlsx")
    assert book.sheetnames == ["积水点台账", "说明"]
    ws = book["积水点台账"]
    assert [c.value for c in ws[1]][:4] == ["积水点编号", "积水类别", "积水类型", "经度"]
    lists = {str(dv.sqref).split(":")[0]: dv.formula1
             for dv in ws.data_validations.dataValidation}
    assert lists["B2"] == '"孳生积水,易涝积水"'
    assert lists["J2"] == '"是,否"'
    notes = {r[0]: r for r in book["说明"].iter_rows(min_row=7, values_only=True) if r[0]}
    assert notes["销号日期"][1:7] == ("销号日期", "Date eliminated", "日期，如 2025-06-30 / date",
                                     None, "2000-01-01 以后，不晚于今天",
                                     "可空（空 = 缺失，不是 0）")
    texts = [r[0] for r in book["说明"].iter_rows(values_only=True) if r[0]]
    assert "销号日期早于发现日期 / eliminated before found" in texts
    code, _, err = run(["template", "geography", "--out", tmp_path / "geo.xlsx"], capsys)
    assert code == 2 and "GeoJSON" in err


@pytest.mark.parametrize("name,rows", [
    ("garbage_inspection", [["660102001", "2025-06", 10, 2], ["660102002", "2025-06", 30, 3]]),
    ("2a", [["660102001", "2025-06", 100, 30, 40, 35, 1, 59, 20, 18]]),
    ("路径法调查", [["660102001", "2025-06-30", 2000, 5, 1]]),
    ("population", [["660102", 2025, 12000, 9000], ["660102001", 2025, 5000, ""]]),
])
def test_a_filled_blank_template_loads_back_cleanly(city, tmp_path, capsys, name, rows):
    blank = tmp_path / "blank.xlsx"
    assert run(["template", name, "--out", blank], capsys)[0] == 0
    book = openpyxl.load_workbook(blank)
    for r in rows:
        book.worksheets[0].append(r)
    filled = tmp_path / "filled" / "报送.xlsx"
    filled.parent.mkdir()
    book.save(filled)
    wdir = tmp_path / "wh"
    load([city / "geo"], wdir, **QUIET)
    summary = load([filled], wdir, **QUIET)
    f = summary.files[0]
    assert (f.rows_read, f.rows_loaded, f.rows_rejected, f.warnings) == (len(rows), len(rows),
                                                                         0, [])


# ----------------------------------------------------------------- plausibility warnings
def test_a_fourfold_jump_warns_and_needs_accepting(city, tmp_path, capsys):
    write(city / "收运检查_2023.csv", INSPECTION + "660102001,202306,10,1\n")
    write(city / "收运检查_2024.csv", INSPECTION + "660102001,202406,10,1\n")
    wdir = tmp_path / "wh"
    assert load([city], wdir, accept_warnings=False, **QUIET).published   # no history yet
    jump = write(tmp_path / "in" / "收运检查_更正.csv", INSPECTION + "660102001,202506,40,2\n")
    said = ("「检查车次」为 40，是该街道往年同月中位数 10 的 4.0 倍，请核实 / 40 is 4.00× the "
            "median of the same month in earlier years, 10")
    code, out, _ = run(["load", jump, "--warehouse", wdir, "--dry-run", "--json"], capsys)
    assert code == 0
    assert json.loads(out)["files"][0]["warnings"] == [
        {"kind": "history", "gates": True, "sheet": None, "row": 2, "column": "检查车次",
         "message": said}]
    before = tree_hashes(wdir)
    code, out, err = run(["load", jump, "--warehouse", wdir, "--json"], capsys)
    assert code == 3 and said in err
    got = json.loads(out)
    assert (got["ok"], got["published"], got["needs_accept_warnings"]) == (False, None, True)
    assert tree_hashes(wdir) == before
    code, out, _ = run(["load", jump, "--warehouse", wdir, "--accept-warnings", "--json"],
                       capsys)
    assert code == 0 and json.loads(out)["published"] == 2
    con, _ = connect_readonly(wdir)
    assert con.sql("select warnings from etl_runs where file_name = '收运检查_更正.csv'"
                   ).fetchall() == [("第2行列「检查车次」 " + said,)]


def test_a_load_that_flips_a_status_warns(city, tmp_path, capsys):
    # The goal (≤ 15 % by 2025-06-30) is decided by June's value: 5/40 = 12.5 % meets it (达标);
    # the correction makes it (9 + 3)/40 = 30 % (落后), in the city and in the district.
    write(city / "阶段目标.csv",
          GOALS + "mixed_collection_transport_rate,660100,第一阶段,2025,15,2025-06-30,方案\n")
    wdir = tmp_path / "wh"
    load([city], wdir, **QUIET)
    fix = write(tmp_path / "in" / "更正.csv", INSPECTION + "660102001,202506,10,9\n")
    code, out, _ = run(["load", fix, "--warehouse", wdir, "--dry-run", "--json"], capsys)
    assert code == 0
    assert [(w["kind"], w["column"], w["message"]) for w in json.loads(out)["files"][0][
        "warnings"]] == [
        ("status_flip", None,
         f"混装混运率（{area}）状态由「达标」变为「落后」（12.5% → 30%） / Mixed collection "
         f"and transport rate ({area}): status flips from On track to Off track (12.5% → 30%)")
        for area in ("小城市", "东区")]
    assert run(["load", fix, "--warehouse", wdir], capsys)[0] == 3
    assert run(["load", fix, "--warehouse", wdir, "--accept-warnings"], capsys)[0] == 0


def test_a_part_larger_than_its_total_warns():
    from etl.sources import garbage_monthly
    from tests.conftest import sheet

    r = garbage_monthly.transform(sheet(
        ["街道编码", "统计月份", "生活垃圾清运量(吨)", "可回收物回收量(吨)", "厨余垃圾量(吨)",
         "厨余垃圾资源化利用量(吨)", "有害垃圾量(吨)", "其他垃圾量(吨)", "小区总数",
         "分类覆盖小区数"],
        ["990102001", "2025-06", "100", "30", "120", "35", "1", "59", "20", "18"]))
    assert r.frame.height == 1
    assert [(w.kind, w.row, w.column, w.message) for w in r.warnings] == [
        ("component", 2, "厨余垃圾量(吨)",
         "厨余垃圾量大于生活垃圾清运量（120.0） / kitchen waste exceeds household waste collected "
         "(120.0)")]


# ------------------------------------------------------------------ versions and rollback
def test_rollback_publishes_an_old_versions_tables_as_a_new_version(city, tmp_path, capsys,
                                                                    monkeypatch):
    monkeypatch.setenv("HC_KEEP_VERSIONS", "5")
    wdir = tmp_path / "wh"
    load([city], wdir, **QUIET)                                                        # v1
    load([write(tmp_path / "a.csv", INSPECTION + "660102001,202506,10,9\n")], wdir,
         loaded_by="李四", **QUIET)                                                     # v2
    load([write(tmp_path / "b.csv", INSPECTION + "660102002,202507,10,1\n")], wdir, **QUIET)  # v3
    code, out, _ = run(["rollback", "1", "--warehouse", wdir, "--by", "王五", "--json"], capsys)
    assert code == 0 and json.loads(out) == {"ok": True, "published": 4, "restored_from": 1}

    def values(v):
        con = duckdb.connect()
        rows = con.execute("select * from read_parquet(?) order by all",
                           [str(wdir / "versions" / f"{v:06d}" / "indicator_values@*.parquet")]
                           ).fetchall()
        con.close()
        return rows

    assert values(4) == values(1) and values(4) != values(3)
    v1, v4 = (wdir / "versions" / f"{v:06d}" / "stg_garbage_inspection.parquet" for v in (1, 4))
    assert os.stat(v1).st_ino == os.stat(v4).st_ino                   # a hard link
    code, out, _ = run(["versions", "--warehouse", wdir, "--json"], capsys)
    listed = json.loads(out)
    assert listed["current"] == 4
    assert [v["rows_changed"] for v in listed["versions"]] == [2, 1, 1, 6]   # 2: a.csv, b.csv
    assert [v["loaded_by"] for v in listed["versions"]] == [[], [], ["李四"], []]
    assert [(v["version"], v["kind"], v["restored_from"], v["by"], v["files"])
            for v in listed["versions"]] == [
        (4, "rollback", 1, "王五", []), (3, "load", None, None, ["b.csv"]),
        (2, "load", None, "李四", ["a.csv"]),
        (1, "load", None, None, ["city.geojson", "districts.geojson", "streets.geojson",
                                 "收运检查_202506.csv"])]
    con, _ = connect_readonly(wdir)
    assert con.sql("select count(*) from etl_runs").fetchall() == [(6,)]   # the log is kept
    entry = audit.read(limit=1)[0]
    assert (entry["who"], entry["action"], entry["detail"]["to"],
            entry["detail"]["published"]) == ("王五", "rollback", 1, 4)
    code, _, err = run(["rollback", "99", "--warehouse", wdir], capsys)
    assert code == 2 and "版本 99 不在磁盘上" in err
    for _ in range(3):
        load([write(tmp_path / "c.csv", INSPECTION + f"660102002,202508,10,{_}\n")], wdir,
             **QUIET)
    assert store.versions_on_disk(wdir) == [3, 4, 5, 6, 7]          # HC_KEEP_VERSIONS=5


def test_loading_the_original_again_undoes_a_wrong_correction(city, tmp_path):
    wdir = tmp_path / "wh"
    load([city], wdir, **QUIET)
    original = city / "收运检查_202506.csv"
    good = city_values(wdir)
    wrong = write(tmp_path / "更正.csv", INSPECTION + "660102001,202506,10,9\n")
    load([wrong], wdir, **QUIET)
    assert city_values(wdir) != good
    again = load([original], wdir, **QUIET)
    assert again.published and again.files[0].status == "loaded"
    assert (again.files[0].rows_new, again.files[0].rows_changed) == (0, 1)
    assert city_values(wdir) == good == [("month", "2025-06-01", 12.5),
                                         ("quarter", "2025-04-01", 12.5),
                                         ("year", "2025-01-01", 12.5)]
    assert not load([original], wdir, **QUIET).published


def test_every_load_dry_run_refusal_and_rollback_is_audited(city, tmp_path, capsys):
    wdir = tmp_path / "wh"
    start = len(audit.read(limit=10_000))
    run(["load", city, "--warehouse", wdir, "--loaded-by", "赵六", "--quiet"], capsys)
    run(["load", city, "--warehouse", wdir, "--dry-run", "--loaded-by", "赵六"], capsys)
    run(["load", write(tmp_path / "坏.csv", "甲,乙\n1,2\n"), "--warehouse", wdir,
         "--loaded-by", "赵六"], capsys)
    entries = audit.read(limit=10_000)[: len(audit.read(limit=10_000)) - start]
    assert [(e["who"], e["action"]) for e in reversed(entries)] == [
        ("赵六", "load"), ("赵六", "dry_run"), ("赵六", "refused")]
    assert entries[2]["detail"]["published"] == 1
    assert "无法识别的文件模板" in entries[0]["detail"]["fatal"]["message"]
