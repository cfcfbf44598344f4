"""AppTest of the first page: empty state without a warehouse; the city's indicators with one."""

import pytest
from streamlit.testing.v1 import AppTest

from etl.load import load
from tests.conftest import ROOT, write_tiny_city

MAIN = str(ROOT / "app" / "main.py")


def run_app(monkeypatch, wdir):
    monkeypatch.setenv("HC_WAREHOUSE_DIR", str(wdir))
    at = AppTest.from_file(MAIN, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def test_empty_warehouse_says_how_to_load(monkeypatch, tmp_path):
    at = run_app(monkeypatch, tmp_path / "none")
    assert "python -m etl load" in at.info[0].value


def test_lists_indicators_with_latest_value_and_goal(monkeypatch, tmp_path):
    files = write_tiny_city(tmp_path / "files")
    (files / "阶段目标.csv").write_text(
        "指标编码,区域编码,阶段名称,年份,目标值,截止日期,来源\n"
        "mixed_collection_transport_rate,660100,巩固迎检年,2026,0%,2026-12-31,方案\n"
        "mixed_collection_transport_rate,660100,全面提升年,2025,10%,2025-12-31,方案\n",
        encoding="utf-8")
    load([files], tmp_path / "wh", progress=lambda _m: None)
    at = run_app(monkeypatch, tmp_path / "wh")
    assert [s.value for s in at.subheader] == ["生活垃圾分类", "蚊虫密度", "慢病管理", "健康素养"]
    garbage = at.dataframe[0].value
    row = garbage[garbage["指标"] == "混装混运率"].iloc[0]
    assert row["最新值"] == "12.5%"          # (2 + 3) / (10 + 30)
    assert row["统计期"] == "2025年6月"
    assert row["上报单位"] == "2/2"
    assert row["当前阶段目标"] in ("0.0%", "10.0%")
    assert "小城市" in at.caption[0].value
    none = garbage[garbage["指标"] == "生活垃圾回收利用率"].iloc[0]
    assert none["最新值"] == "暂无数据"


@pytest.mark.parametrize("today,goal", [("2025-06-01", "10.0%"), ("2026-01-05", "0.0%")])
def test_current_goal_is_the_next_deadline(tmp_path, today, goal):
    import datetime as dt

    from warehouse import queries
    from warehouse.store import connect_readonly

    files = write_tiny_city(tmp_path / "files")
    (files / "阶段目标.csv").write_text(
        "指标编码,区域编码,阶段名称,年份,目标值,截止日期\n"
        "mixed_collection_transport_rate,660100,巩固迎检年,2026,0,2026-12-31\n"
        "mixed_collection_transport_rate,660100,全面提升年,2025,10,2025-12-31\n", encoding="utf-8")
    load([files], tmp_path / "wh", progress=lambda _m: None)
    con, _ = connect_readonly(tmp_path / "wh")
    rows = queries.run(con, "city_latest", today=dt.date.fromisoformat(today))
    r = rows.filter(rows["indicator_id"] == "mixed_collection_transport_rate").row(0, named=True)
    assert r["format"].format(r["target_value"]) == goal
