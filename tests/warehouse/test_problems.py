"""The problem ledger's indicators, by hand: a ledger of five problems sent twice (the second
re-sends every problem: one recurs, two are closed since, one is new), in the hand city's grids.
Every expected number below is counted by hand from the rows written here and the formulas of
TEMPLATES.md ("Formulas the cockpit uses")."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from etl.load import load
from tests.conftest import csv_file
from warehouse.store import connect_readonly

HAND_CITY = Path(__file__).resolve().parent.parent / "fixtures" / "hand_city" / "1_地理"
CITY, D1, D2 = "770100", "770102", "770103"
G_A1, G_A2, G_B1, G_C1, G_D1 = ("770102001001", "770102001002", "770102002001", "770103001001",
                               "770103002001")
HEADER = ["问题编号", "问题类别", "问题描述", "网格编码", "发现日期", "发现方式", "责任单位",
          "整改时限", "状态", "整改措施", "销号日期", "复核日期"]
CGJ, SCJ, JKW = "城关区城市管理局", "城关区市场监督管理局", "东湖区卫生健康局"
# Sent on 2025-06-30. The ledger reaches 2025-06-25 (P4 found).
#   P1 closed before its deadline; P2 closed late; P3 open and past its deadline on 06-25;
#   P4 open, deadline ahead.
FIRST = [
    ["P1", "环境卫生", "道路两侧垃圾堆积", G_A1, "2025-06-02", "日常巡查", CGJ, "2025-06-09",
     "已销号", "已清运", "2025-06-05", "2025-06-06"],
    ["P2", "农贸市场", "市场内排水沟堵塞", G_A2, "2025-06-03", "暗访", SCJ, "2025-06-10",
     "已销号", "已疏通", "2025-06-20", ""],
    ["P3", "背街小巷", "小巷乱堆杂物", G_B1, "2025-06-10", "12345热线", CGJ, "2025-06-17",
     "整改中", "", "", ""],
    ["P4", "控烟", "室内公共场所有人吸烟", G_C1, "2025-06-25", "群众举报", JKW, "2025-07-25",
     "未整改", "", "", ""],
]
# Re-sent on 2025-07-31: P1 recurred (复发, its closing date cleared); P3 closed late on 07-02;
# P4 closed on 07-20, before its deadline; P5 new, awaiting review (still open). The ledger now
# reaches 2025-07-20.
SECOND = [
    ["P1", "环境卫生", "道路两侧垃圾堆积", G_A1, "2025-06-02", "日常巡查", CGJ, "2025-06-09",
     "复发", "", "", ""],
    FIRST[1],
    ["P3", "背街小巷", "小巷乱堆杂物", G_B1, "2025-06-10", "12345热线", CGJ, "2025-06-17",
     "已销号", "已清理", "2025-07-02", "2025-07-03"],
    ["P4", "控烟", "室内公共场所有人吸烟", G_C1, "2025-06-25", "群众举报", JKW, "2025-07-25",
     "已销号", "已张贴禁烟标识", "2025-07-20", ""],
    ["P5", "垃圾分类", "小区分类桶站混投", G_D1, "2025-07-15", "督导检查", JKW, "2025-07-22",
     "待复核", "已整改", "", ""],
]


def write(path: Path, rows: list[list[str]]) -> Path:
    return csv_file(path, HEADER, rows)


@pytest.fixture(scope="module")
def wdir(tmp_path_factory) -> Path:
    files = tmp_path_factory.mktemp("problem_files")
    geo = files / "geo"
    shutil.copytree(HAND_CITY, geo)
    out = tmp_path_factory.mktemp("problem_wh")
    quiet = {"progress": lambda _m: None}
    assert load([geo, write(files / "督查问题台账_2025-06-30.csv", FIRST)], out, **quiet).published
    return out


def value(con, indicator: str, code: str, start: str, grain: str = "month",
          breakdown: tuple[str, str] | None = None) -> float | None:
    if breakdown is None:
        rows = con.execute(
            "select value from indicator_values where indicator_id = ? and area_code = ? and "
            "period_grain = ? and period_start = ?",
            [indicator, code, grain, dt.date.fromisoformat(start)]).fetchall()
    else:
        rows = con.execute(
            "select value from indicator_breakdowns where indicator_id = ? and area_code = ? "
            "and period_grain = ? and period_start = ? and dimension = ? and breakdown = ?",
            [indicator, code, grain, dt.date.fromisoformat(start), *breakdown]).fetchall()
    assert len(rows) <= 1, rows
    return rows[0][0] if rows else None


def test_first_ledger(wdir):
    con, _ = connect_readonly(wdir)
    try:
        # June, counted to the ledger's reach 06-25: P1, P2 closed of P1–P4
        assert value(con, "problem_open_count", CITY, "2025-06-01") == 2
        assert value(con, "problem_overdue_count", CITY, "2025-06-01") == 1       # P3
        assert value(con, "problem_closure_rate", CITY, "2025-06-01") == 50.0
        assert value(con, "problem_on_time_closure_rate", CITY, "2025-06-01") == 50.0  # P1 / P1+P2
        assert value(con, "problem_on_time_closure_rate", CITY, "2025-06-01",
                     breakdown=("responsible_unit", SCJ)) == 0.0                 # P2 late
        assert value(con, "problem_on_time_closure_rate", CITY, "2025-06-01",
                     breakdown=("responsible_unit", CGJ)) == 100.0               # P1
    finally:
        con.close()


@pytest.fixture(scope="module")
def resent(wdir, tmp_path_factory) -> Path:
    files = tmp_path_factory.mktemp("problem_files_2")
    assert load([write(files / "督查问题台账_2025-07-31.csv", SECOND)], wdir,
                progress=lambda _m: None).published
    return wdir


def test_resent_ledger_replaces_each_problem(resent):
    con, _ = connect_readonly(resent)
    try:
        # June again, now to 06-30: P1 recurred (open), P2 closed, P3 closed only in July
        assert value(con, "problem_open_count", CITY, "2025-06-01") == 3          # P1, P3, P4
        assert value(con, "problem_overdue_count", CITY, "2025-06-01") == 2       # P1, P3
        assert value(con, "problem_closure_rate", CITY, "2025-06-01") == 25.0     # 1 of 4
        assert value(con, "problem_on_time_closure_rate", CITY, "2025-06-01") == 0.0  # P2 late
        # July, to the reach 07-20: P2, P3, P4 closed of five; P1 overdue, P5 due 07-22
        assert value(con, "problem_open_count", CITY, "2025-07-01") == 2          # P1, P5
        assert value(con, "problem_overdue_count", CITY, "2025-07-01") == 1       # P1
        assert value(con, "problem_closure_rate", CITY, "2025-07-01") == 60.0
        assert value(con, "problem_on_time_closure_rate", CITY, "2025-07-01") == 50.0  # P4 / P3+P4
        # districts: 城关区 P1–P3, 东湖区 P4, P5
        assert value(con, "problem_open_count", D1, "2025-07-01") == 1
        assert value(con, "problem_overdue_count", D1, "2025-07-01") == 1
        assert value(con, "problem_open_count", D2, "2025-07-01") == 1
        assert value(con, "problem_overdue_count", D2, "2025-07-01") == 0         # 0, not missing
        assert value(con, "problem_on_time_closure_rate", D1, "2025-07-01") == 0.0   # P3 late
        assert value(con, "problem_on_time_closure_rate", D2, "2025-07-01") == 100.0  # P4
        # a grid and a week: P1's grid is overdue in the ISO week of 07-14 (to 07-20)
        assert value(con, "problem_overdue_count", G_A1, "2025-07-14", "week") == 1
        # breakdowns by category, how found and unit
        assert value(con, "problem_open_count", CITY, "2025-07-01",
                     breakdown=("category", "环境卫生")) == 1
        assert value(con, "problem_open_count", CITY, "2025-07-01",
                     breakdown=("category", "农贸市场")) == 0
        assert value(con, "problem_open_count", CITY, "2025-07-01",
                     breakdown=("found_by", "督导检查")) == 1
        assert value(con, "problem_on_time_closure_rate", CITY, "2025-07-01",
                     breakdown=("responsible_unit", JKW)) == 100.0
        assert value(con, "problem_on_time_closure_rate", CITY, "2025-07-01",
                     breakdown=("responsible_unit", CGJ)) == 0.0
        assert value(con, "problem_on_time_closure_rate", CITY, "2025-07-01",
                     breakdown=("responsible_unit", SCJ)) is None   # nothing closed in July
        # the replaced rows are kept: P1 (recurred), P3 and P4 (closed) as first sent
        kept = con.execute("select problem_id, status from stg_problems_history "
                           "order by problem_id").fetchall()
        assert kept == [("P1", "已销号"), ("P3", "整改中"), ("P4", "未整改")]
    finally:
        con.close()


def test_the_page_query_counts_as_the_indicator(resent):
    """The problem list of a date (the page, the map, the notices) and the indicator of the
    period ending on that date apply one rule."""
    from warehouse.queries import run

    con, _ = connect_readonly(resent)
    try:
        items = run(con, "problem_list", area=CITY, as_of=dt.date(2025, 7, 31))
        assert items.filter(items["is_open"]).height == 2
        assert sorted(items.filter(items["overdue"])["problem_id"].to_list()) == ["P1"]
        p1 = items.filter(items["problem_id"] == "P1").row(0, named=True)
        # counted to the ledger's reach 07-20, not to 07-31: nothing after it is known
        assert (p1["days_open"], p1["days_overdue"]) == (48, 41)
        p3 = items.filter(items["problem_id"] == "P3").row(0, named=True)
        assert (p3["status_as_of"], p3["closed_late"], p3["days_open"]) == ("已销号", True, 22)
        june = run(con, "problem_list", area=CITY, as_of=dt.date(2025, 6, 30))
        assert june.filter(june["problem_id"] == "P3")["status_as_of"].to_list() == ["未销号"]
        weeks = run(con, "problem_weeks", area=CITY, as_of=dt.date(2025, 7, 20))
        last = weeks.row(-1, named=True)
        assert last["week_start"] == dt.date(2025, 7, 14)
        assert (last["found"], last["closed"], last["open_end"], last["overdue_end"]) == (
            1, 1, 2, 1)     # P5 found, P4 closed; P1, P5 open; P1 overdue
        ranked = run(con, "problem_unit_ranking", area=CITY, grain="month",
                     as_of=dt.date(2025, 8, 1))
        assert ranked.select("rank", "responsible_unit", "on_time_rate").rows() == [
            (1, JKW, 100.0), (2, CGJ, 0.0)]
    finally:
        con.close()


def test_waterlogging_points_join_the_list_once(tmp_path, monkeypatch):
    """HC_PROBLEMS_INCLUDE_WATERLOGGING=yes: points count as problems (病媒生物, due found + N
    days); a point the problem ledger lists under its own number counts once."""
    monkeypatch.setenv("HC_PROBLEMS_INCLUDE_WATERLOGGING", "yes")
    monkeypatch.setenv("HC_PROBLEMS_WATERLOGGING_DAYS", "5")
    geo = tmp_path / "geo"
    shutil.copytree(HAND_CITY, geo)
    points = csv_file(tmp_path / "积水点台账_2025-06-30.csv", [
        "积水点编号", "积水类别", "积水类型", "经度", "纬度", "坐标系", "网格编码", "发现日期",
        "发现方式", "是否发现幼虫", "状态", "整改措施", "销号日期", "责任单位"], [
        ["JS1", "孳生积水", "绿化带", "113.01", "28.01", "WGS84", G_A1, "2025-06-01", "日常巡查",
         "是", "未整改", "", "", CGJ],
        ["JS2", "孳生积水", "轮胎", "113.02", "28.01", "WGS84", G_A2, "2025-06-01", "暗访", "否",
         "已销号", "清除", "2025-06-03", CGJ]])
    ledger = write(tmp_path / "督查问题台账_2025-06-30.csv", [
        ["JS2", "病媒生物", "积水点JS2复查", G_A2, "2025-06-01", "暗访", CGJ, "2025-06-04",
         "已销号", "清除", "2025-06-03", ""],
        ["P9", "环境卫生", "路面破损积水", G_B1, "2025-06-20", "日常巡查", CGJ, "2025-06-27",
         "未整改", "", "", ""]])
    out = tmp_path / "wh"
    assert load([geo, points, ledger], out, progress=lambda _m: None).published
    con, _ = connect_readonly(out)
    try:
        items = con.execute("select item_id, ledger, category, deadline from problem_items "
                            "order by item_id").fetchall()
        assert items == [("JS1", "waterlogging", "病媒生物", dt.date(2025, 6, 6)),
                         ("JS2", "problems", "病媒生物", dt.date(2025, 6, 4)),
                         ("P9", "problems", "环境卫生", dt.date(2025, 6, 27))]
        # June to the reach 06-20: JS1 open and overdue (due 06-06), P9 open; JS2 closed
        assert value(con, "problem_open_count", CITY, "2025-06-01") == 2
        assert value(con, "problem_overdue_count", CITY, "2025-06-01") == 1
        # the waterlogging indicators are the points' own, unchanged
        assert value(con, "standing_water_open_points", CITY, "2025-06-01") == 1
    finally:
        con.close()
