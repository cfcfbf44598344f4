"""AppTest of the data status page: templates, late reports per district, loads and rejected
rows, in Chinese and English; empty states for no warehouse and for a clean tiny load."""

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from etl import catalog
from etl.load import load
from tests.conftest import ROOT, signed_in, write_tiny_city
from warehouse.store import connect_readonly

MAIN = str(ROOT / "app" / "main.py")
PAGE = "../pages/data_status.py"   # NOTE: switch_page paths are relative to app/main.py


def open_page(monkeypatch, wdir: Path, lang: str = "zh") -> AppTest:
    # NOTE: app/db caches per data version, not per warehouse folder; every test warehouse here
    # is version 1, so start each test with empty caches.
    st.cache_data.clear()
    st.cache_resource.clear()
    monkeypatch.setenv("HC_WAREHOUSE_DIR", str(wdir))
    at = AppTest.from_file(MAIN, default_timeout=60)
    signed_in(at)
    at.query_params["lang"] = lang
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, at.exception
    return at


def frame(at: AppTest, column: str):
    """The first table on the page that has `column`."""
    for df in at.dataframe:
        if column in df.value.columns:
            return df.value
    raise AssertionError(f"no table with column {column!r}")


def district_box(at: AppTest, label: str):
    return next(s for s in at.sidebar.selectbox if s.label == label)


def late_centres(wdir: Path) -> set[str]:
    """Centres without a chronic disease row in the latest month, read straight from the tables."""
    con, _ = connect_readonly(wdir)
    return {r[0] for r in con.sql(
        "select centre_code from dim_centre except select centre_code from stg_chronic_disease "
        "where month = (select max(month) from stg_chronic_disease)").fetchall()}


def test_empty_warehouse_says_how_to_load(monkeypatch, tmp_path):
    at = open_page(monkeypatch, tmp_path / "none")
    assert at.title[0].value == "数据状态"
    assert "python -m etl load" in at.info[0].value


def test_clean_load_says_nothing_was_rejected(monkeypatch, tmp_path):
    files = write_tiny_city(tmp_path / "files")
    (files / "收运检查_202506.csv").write_text(
        "街道编码,统计月份,检查车次,混装混运车次\n660102001,202506,10,2\n660102002,202506,30,3\n",
        encoding="utf-8")
    load([files], tmp_path / "wh", progress=lambda _m: None)
    at = open_page(monkeypatch, tmp_path / "wh")
    overview = frame(at, "模板（中文）")
    assert overview.shape[0] == len(catalog.sources())
    row = overview[overview["模板（中文）"] == "收运检查"].iloc[0]
    assert (row["最新统计期"], row["行数"]) == ("2025年6月", 2)
    assert overview[overview["模板（中文）"] == "慢病管理月报"].iloc[0]["最新统计期"] == "未导入"
    late = frame(at, "小城市")
    assert late[late["模板"] == "2c 收运检查"].iloc[0]["小城市"] == "2/2"
    assert late[late["模板"] == "2a 垃圾分类月报"].iloc[0]["小城市"] == "未导入"
    successes = [s.value for s in at.success]
    assert "所选区域内，已导入模板的最新一期均已报齐。" in successes
    assert "所有导入均没有被拒绝的行。" in successes


@pytest.mark.slow
def test_sample_city_in_chinese(monkeypatch, sample_warehouse):
    at = open_page(monkeypatch, sample_warehouse)
    overview = frame(at, "模板（中文）")
    assert sorted(overview["模板（中文）"]) == sorted(c.meta.title_zh for c in catalog.sources())
    assert sorted(overview["模板（英文）"]) == sorted(c.meta.title_en for c in catalog.sources())
    chronic = overview[overview["模板（中文）"] == "慢病管理月报"].iloc[0]
    assert (chronic["报送频率"], chronic["最新统计期"]) == ("每月", "2026年11月")

    # who is late: 64 of 80 centres have sent 2026-11, and the page names the other 16
    late = frame(at, "XX市")
    row = late[late["模板"] == "5b 慢病管理月报"].iloc[0]
    assert (row["最新一期"], row["XX市"]) == ("2026年11月", "⚠ 64/80")
    assert late[late["模板"] == "2a 垃圾分类月报"].iloc[0]["XX市"] == "60/60"
    missing = frame(at, "单位编码")
    assert set(missing["单位编码"]) == late_centres(sample_warehouse)
    assert len(missing) == 16 and missing["单位名称"].str.contains("卫生").all()

    # earlier gaps: the sample's three missing monthly reports
    gaps = frame(at, "漏报统计期")
    found = set(zip(gaps["单位编码"], gaps["漏报统计期"]))
    assert {("CHC012", "2024年3月"), ("CHC037", "2025年2月"), ("CHC058", "2025年9月")} <= found

    # the eight deliberately bad rows, with file, row number and reason
    bad = frame(at, "原因")
    assert set(zip(bad["文件"], bad["行号"])) == {
        ("XX市2024年9月垃圾分类月报.xlsx", 65), ("诱蚊灯监测_2024年.csv", 36),
        ("积水点台账_2025年底.xlsx", 12), ("慢性病管理月报_2025年.xlsx", 7),
        ("健康素养监测_2025年.csv", 101), ("督查问题台账_2025年底.xlsx", 12),
        ("督查问题台账_2025年底.xlsx", 13), ("群众满意度调查_2025年第2季度.csv", 51)}
    reasons = " ".join(bad["原因"])
    for reason in ("未知的街道编码", "各蚊种数之和大于雌蚊数", "状态为已销号但没有销号日期",
                   "复核日期早于销号日期",
                   "高血压规范管理人数大于在管患者数", "不能大于 69",
                   "取值不在允许范围（很满意、满意、一般、不满意、很不满意）"):
        assert reason in reasons

    # drill-down: one load's rejects, then a load without any
    runs = frame(at, "读取行数")
    assert runs["批次"].is_monotonic_decreasing
    garbage = runs[runs["文件"] == "XX市2024年9月垃圾分类月报.xlsx"].iloc[0]["批次"]
    at.selectbox(key="ds_load").set_value(int(garbage)).run()
    assert not at.exception
    one = frame(at, "原因")
    assert list(one["列"]) == ["街道编码"] and list(one["值"]) == ["990199999"]
    clean = runs[runs["拒绝行数"] == 0].iloc[0]["批次"]
    at.selectbox(key="ds_load").set_value(int(clean)).run()
    assert "该批次没有被拒绝的行，文件中的行全部导入。" in [s.value for s in at.success]


@pytest.mark.slow
def test_district_filter_changes_the_late_table(monkeypatch, sample_warehouse):
    at = open_page(monkeypatch, sample_warehouse)
    city = frame(at, "XX市")
    district_box(at, "区县").set_value("990105").run()
    assert not at.exception
    assert at.query_params.get("district") in ("990105", ["990105"])   # kept in the URL
    late = frame(at, "南江区")
    assert "XX市" not in late.columns and "城关区" not in late.columns
    assert list(late["南江区"]) == list(city["南江区"])
    missing = frame(at, "单位编码")
    assert set(missing["区县"]) == {"南江区"}
    assert len(missing) < 16


@pytest.mark.slow
def test_sample_city_in_english(monkeypatch, sample_warehouse):
    at = open_page(monkeypatch, sample_warehouse, lang="en")
    assert at.title[0].value == "Data status"
    overview = frame(at, "Template (English)")
    assert len(overview) == 22
    trap = overview[overview["Template (English)"] == "Light-trap records"].iloc[0]
    assert (trap["Rhythm"], trap["Latest period"]) == ("Twice a month (Apr–Nov)",
                                                      "2026-11 (2nd half)")
    late = frame(at, "XX市")
    row = late[late["Template"] == "5b Chronic disease management monthly report"].iloc[0]
    assert (row["Latest period"], row["XX市"], row["Reporting unit"]) == (
        "2026-11", "⚠ 64/80", "Health centre")
    assert set(frame(at, "Unit code")["Last reported"]) == {"2026-10"}
    bad = frame(at, "Reason")
    assert "unknown street code" in set(bad["Reason"])
    assert "Garbage sorting monthly report" in set(frame(at, "Rows read")["Template"])


def test_a_new_template_is_one_module_and_the_data_status_page_picks_it_up(tmp_path,
                                                                           monkeypatch):
    """Adding a template = its contract (Meta says its number, rhythm, period and reporting
    unit); dim_template, the late-report views and the page's template table follow."""
    from etl import catalog
    from etl.contract import Contract, Meta
    from etl.load import load
    from etl.sources._common import count, month, street_code
    from tests.conftest import write_tiny_city
    from warehouse import queries
    from warehouse.store import connect_readonly

    toilets = Contract(
        Meta("public_toilets", "公厕巡查月报", "Public toilet inspections",
             keys=("street_code", "month"), foreign_keys={"street_code": "street"},
             number="9z", rhythm="monthly", period_grain="month", period="month",
             unit_type="street", unit_column="street_code"),
        (street_code(), month(), count("toilets_checked", "检查公厕数", label_en="Checked")))
    real = catalog.sources()
    monkeypatch.setattr(catalog, "sources", lambda: [*real, toilets])
    files = write_tiny_city(tmp_path / "files")
    (files / "公厕巡查_202506.csv").write_text(
        "街道编码,统计月份,检查公厕数\n660102001,202506,12\n", encoding="utf-8")
    load([files], tmp_path / "wh", progress=lambda _m: None)
    con, _ = connect_readonly(tmp_path / "wh")
    templates = queries.run(con, "datastatus_templates")
    row = templates.filter(templates["template"] == "public_toilets").row(0, named=True)
    assert (row["template_no"], row["title_zh"], row["rhythm"], row["n_rows"]) == (
        "9z", "公厕巡查月报", "monthly", 1)
    assert str(row["latest_period"]) == "2025-06-01"
    late = queries.run(con, "datastatus_late", area="660100")
    mine = late.filter(late["template"] == "public_toilets").row(0, named=True)
    assert (mine["expected_units"], mine["received_units"], mine["missing_names"]) == (2, 1, "二街")
    from app import datastatus as D
    loads = queries.run(con, "datastatus_loads")
    table = D.templates_table(templates, loads, "zh")
    assert "公厕巡查月报" in table["模板（中文）"].to_list()
    assert table.filter(table["模板（中文）"] == "公厕巡查月报")["最新统计期"][0] == "2025年6月"
