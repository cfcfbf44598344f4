"""The 数据导入 page in the app (AppTest, the loader in its own process as in production): drop
a file, the dry run's tables (rejects, changes, headline moves), the marked-up workbook, tick the
warnings, confirm → a new data version loaded by the signed-in user, restore the old version;
a district reporter's rows of another district are rejected; only admins and district reporters
see the page."""

import io

import openpyxl
import pytest

from etl.load import load
from tests.conftest import ROOT, signed_in, write_tiny_city
from warehouse import audit
from warehouse.store import connect_readonly

pytestmark = pytest.mark.slow
MAIN = str(ROOT / "app" / "main.py")
HEAD = "街道编码,统计月份,检查车次,混装混运车次\n"
GOAL = ("指标编码,区域编码,阶段名称,年份,目标值,截止日期,来源\n"
        "mixed_collection_transport_rate,660100,第一阶段,2025,15,2025-06-30,方案\n")


@pytest.fixture
def tiny(tmp_path, monkeypatch):
    """A tiny city warehouse of its own (the page publishes into it)."""
    wdir, files = tmp_path / "wh", write_tiny_city(tmp_path / "files")
    (files / "阶段目标.csv").write_text(GOAL, encoding="utf-8")   # ≤ 15 % by 2025-06-30
    load([files], wdir, progress=lambda _m: None)
    monkeypatch.setenv("HC_WAREHOUSE_DIR", str(wdir))
    return wdir


def open_intake(role="admin", district=None, name="clerkwang"):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(MAIN, default_timeout=180)
    signed_in(at, role, district, name)
    at.switch_page("../pages/intake.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def dry_run(at, name, data):
    at.get("file_uploader")[0].upload(name, data).run()       # a drop reruns the page
    at.button(key="intake_check").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def frame(at, columns):
    """The first table on the page with these columns, as a list of row dicts."""
    for d in at.dataframe:
        df = d.value
        if set(columns) <= set(df.columns):
            return df[list(columns)].to_dict("records")
    raise AssertionError(f"no table with {columns}")


def loaders(wdir):
    """(data version, file, loaded by) of every file load in the warehouse."""
    con, _ = connect_readonly(wdir)
    rows = con.sql("select data_version, file_name, loaded_by from etl_runs order by run_id"
                   ).fetchall()
    con.close()
    return rows


def test_dry_run_confirm_then_restore(tiny):
    at = open_intake()
    assert at.title[0].value.startswith("数据导入")
    assert at.button(key="intake_check").disabled           # nothing dropped yet
    fix = (HEAD + "660102001,202506,10,9\n"                  # changes 2 → 9 mixed trips
           "660102002,202506,abc,3\n").encode()               # rejected: not a number
    dry_run(at, "收运检查_更正.csv", fix)
    assert frame(at, ["文件", "模板", "读取", "可导入", "拒绝", "修改"]) == [
        {"文件": "收运检查_更正.csv", "模板": "2c 收运检查", "读取": 2, "可导入": 1, "拒绝": 1,
         "修改": 1}]
    assert at.expander[0].label == "收运检查\\_更正\\.csv（2c 收运检查）：读取 2 行，拒绝 1 行"
    assert frame(at, ["行号", "列", "值", "原因"]) == [
        {"行号": "3", "列": "检查车次", "值": "abc", "原因": "不是有效数字"}]
    assert frame(at, ["模板", "单位", "统计期", "类型"]) == [
        {"模板": "2c 收运检查", "单位": "一街", "统计期": "2025年6月", "类型": "修改"}]
    moves = frame(at, ["区域", "统计期", "导入前", "导入后"])
    # 一街 2/10 → 9/10; the city (2+3)/40 → (9+3)/40 (the rejected row keeps its old value)
    assert {"区域": "一街", "统计期": "2025年6月", "导入前": "20.0%", "导入后": "90.0%"} in moves
    assert {"区域": "小城市", "统计期": "2025年6月", "导入前": "12.5%", "导入后": "30.0%"} in moves
    first = loaders(tiny)
    assert {r[0] for r in first} == {1}                        # a dry run publishes nothing
    # the department's file back with its errors
    name, book = at.session_state["_intake"].errors_workbook(
        at.session_state["_intake"].files[0].as_posix())
    assert name == "收运检查_更正_错误标注.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(book)).worksheets[1]
    assert sheet["C3"].fill.fgColor.rgb == "FFFFC7CE" and sheet["E3"].value.startswith("检查车次")
    # the city's and the district's status flip 达标 → 落后: warnings to tick off first
    boxes = [c for c in at.checkbox if c.key and c.key.startswith("warn_")]
    confirm = at.button(key="intake_confirm")
    assert len(boxes) == 2 and "状态由「达标」变为「落后」" in boxes[0].label
    assert confirm.disabled
    for box in boxes:
        box.check()
    at.run()
    at.button(key="intake_confirm").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert [s.value for s in at.success] == ["已导入，发布数据版本 2。各页面已显示新数据。"]
    assert loaders(tiny) == [*first, (2, "收运检查_更正.csv", "clerkwang")]
    versions = frame(at, ["版本", "类型", "操作人", "文件"])
    assert versions[0] == {"版本": "2（当前）", "类型": "导入", "操作人": "clerkwang",
                           "文件": "收运检查_更正.csv"}
    # undo it in one click: version 1's data back, as version 3
    assert at.selectbox(key="intake_restore").options == ["版本 1"]
    assert at.button(key="intake_rollback").disabled             # until a version is chosen
    at.selectbox(key="intake_restore").select(1).run()
    at.button(key="intake_rollback").click().run()
    assert [s.value for s in at.success][-1] == "已恢复到版本 1 的数据（发布为新的数据版本）。"
    assert frame(at, ["版本", "类型", "操作人"])[0] == {
        "版本": "3（当前）", "类型": "回滚（恢复自版本 1）", "操作人": "clerkwang"}
    assert [(e["who"], e["action"]) for e in audit.read(3)] == [
        ("clerkwang", "rollback"), ("clerkwang", "load"), ("clerkwang", "dry_run")]
    con, _ = connect_readonly(tiny)
    mixed = con.sql("select trips_mixed from stg_garbage_inspection where street_code = "
                    "'660102001'").fetchall()
    con.close()
    assert mixed == [(2,)]


def test_a_district_reporter_loads_only_its_district(tiny):
    at = open_intake("district", "660102", "东区填报员")
    assert at.info[0].value.startswith("本账户只能导入 东区 的数据")
    dry_run(at, "收运检查_7月.csv", (HEAD + "660102001,202507,10,1\n").encode())
    assert frame(at, ["读取", "可导入", "拒绝"]) == [{"读取": 1, "可导入": 1, "拒绝": 0}]
    assert not at.get("selectbox") or "intake_restore" not in [s.key for s in at.selectbox]
    at.get("file_uploader")[0].set_value(None).run()              # the file taken off again
    dry_run(at, "收运检查_6月重报.csv", (HEAD + "660102001,202506,10,2\n").encode())
    assert frame(at, ["文件", "修改"]) == [{"文件": "收运检查_6月重报.csv", "修改": 0}]
    assert "这些文件与仓库中的数据相同，导入不会改变任何数据。" in [m.value for m in at.markdown]
    assert "intake_confirm" not in [b.key for b in at.button]     # nothing to confirm


def test_a_file_that_is_not_a_report_gets_plain_words(tiny):
    at = open_intake()
    dry_run(at, "随便.txt.csv", "姓名,电话\n张三,13800000000\n".encode())
    shown = " ".join(str(e.value) for kind in ("markdown", "error") for e in getattr(at, kind))
    assert "Traceback" not in shown
    assert "无法导入" in shown or "拒绝" in shown


@pytest.mark.parametrize("role", ["leader", "analyst", "clerk"])
def test_only_admins_and_district_reporters_see_intake(tiny, role):
    at = open_intake(role)
    assert not at.title or not at.title[0].value.startswith("数据导入")
    assert not at.get("file_uploader")


def test_a_blank_template_from_the_page_comes_back_clean(tiny):
    from app import intake

    at = open_intake()
    offered = at.selectbox(key="intake_template")
    assert "2c 收运检查" in offered.options and "1 行政区划与网格" not in offered.options
    at.selectbox(key="intake_template").select("garbage_inspection").run()
    book = openpyxl.load_workbook(io.BytesIO(intake.blank_template("garbage_inspection")))
    assert book.sheetnames == ["收运检查", "说明"]
    book.worksheets[0].append(["660102001", "2025-07", 12, 1])
    filled = io.BytesIO()
    book.save(filled)
    dry_run(at, "东区收运检查7月.xlsx", filled.getvalue())
    assert frame(at, ["读取", "可导入", "拒绝", "新增"]) == [
        {"读取": 1, "可导入": 1, "拒绝": 0, "新增": 1}]
    assert not [c for c in at.checkbox if c.key and c.key.startswith("warn_")]
    assert not at.button(key="intake_confirm").disabled
