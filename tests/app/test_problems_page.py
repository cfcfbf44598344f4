"""问题台账 page on the sample city (AppTest, zh and en), its 督办单 from the page's own rows, the
overview's overdue-by-unit list and the weekly briefing's problem section — each checked
against the problem_list query as of the same date (one ledger rule)."""

from __future__ import annotations

import datetime as dt
import io
import re

import polars as pl
import pytest
from pypdf import PdfReader

from app import problems as P
from warehouse.queries import run
from warehouse.store import connect_readonly

AS_OF = "2026-11-20"        # the sample ledger's last day


@pytest.fixture(scope="module")
def items(sample_warehouse) -> pl.DataFrame:
    con, _ = connect_readonly(sample_warehouse)
    try:
        return run(con, "problem_list", area="990100", as_of=dt.date.fromisoformat(AS_OF))
    finally:
        con.close()


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_page_answers_how_many_open_overdue_and_whose(run_page, items):
    at = run_page("problems", as_of=AS_OF)
    m = metrics(at)
    open_, overdue = int(items["is_open"].sum()), int(items["overdue"].sum())
    assert open_ > 0 and overdue > 0
    assert (m["未销号问题"], m["其中逾期"]) == (str(open_), str(overdue))
    units = items.filter(pl.col("overdue"))["responsible_unit"].n_unique()
    assert m["有逾期问题的责任单位"] == str(units)
    tables = {tuple(d.value.columns[:3]): d.value for d in reversed(at.dataframe)}
    listing = tables[("问题编号", "问题类别", "问题描述")]      # the first such table
    assert len(listing) == open_                     # the default filter: open states
    assert listing["逾期"].head(overdue).eq("是").all()   # overdue first
    per_unit = tables[("责任单位", "未销号", "其中逾期")]
    assert per_unit["其中逾期"].sum() == overdue and per_unit["未销号"].sum() == open_
    assert list(per_unit["其中逾期"]) == sorted(per_unit["其中逾期"], reverse=True)
    # the source column names the ledger file and row, without folders
    assert listing["来源（文件 · 行）"].str.match(r"^督查问题台账_[^/]+ · \d+$").all()


def test_filters_come_from_the_url(run_page, items):
    unit = items.filter(pl.col("overdue"))["responsible_unit"][0]
    at = run_page("problems", as_of=AS_OF, unit=unit, overdue="True")
    listing = next(d.value for d in at.dataframe if d.value.columns[0] == "问题编号")
    expected = items.filter(pl.col("overdue") & (pl.col("responsible_unit") == unit))
    assert sorted(listing["问题编号"]) == sorted(expected["problem_id"].to_list())


def test_page_in_english(run_page, items):
    at = run_page("problems", lang="en", as_of=AS_OF)
    m = metrics(at)
    assert m["Open problems"] == str(int(items["is_open"].sum()))
    listing = next(d.value for d in at.dataframe if d.value.columns[0] == "Problem number")
    assert set(listing["Overdue"]) <= {"yes", "no"}
    # categories and states in English; no Chinese word of the ledger vocabulary left
    assert not listing["State"].str.contains(r"[\u4e00-\u9fff]").any()
    assert not listing["Category"].str.contains(r"[\u4e00-\u9fff]").any()


def test_a_district_user_sees_its_own_problems_only(run_page, items):
    at = run_page("problems", role="district", scope="990105", as_of=AS_OF)
    mine = items.filter(pl.col("district_code") == "990105")
    assert metrics(at)["未销号问题"] == str(int(mine["is_open"].sum()))
    listing = next(d.value for d in at.dataframe if d.value.columns[0] == "问题编号")
    assert set(listing["区县"]) == {"南江区"}


def test_notice_of_a_unit_lists_its_open_problems(items):
    unit = items.filter(pl.col("overdue"))["responsible_unit"][0]
    from app.snapshot import supervision as S

    notices = P.notices(items, [unit], dt.date.fromisoformat(AS_OF), "XX市",
                        P.year_closures(items, dt.date.fromisoformat(AS_OF)))
    pdf = PdfReader(io.BytesIO(S.notice_pdf(notices[0])))
    assert len(pdf.pages) == 1
    text = re.sub(r"\s+", "", pdf.pages[0].extract_text())
    assert unit in text and "督办" in text
    mine = items.filter(pl.col("is_open") & (pl.col("responsible_unit") == unit))
    for pid in mine["problem_id"].head(10):
        assert pid in text
    fonts = [f for p in pdf.pages for f in p["/Resources"]["/Font"].values()]
    assert all("Noto" in str(f.get_object()["/BaseFont"]) for f in fonts)


def test_overview_lists_overdue_problems_by_unit(run_page, items):
    at = run_page("overview", as_of=AS_OF)
    table = next(d.value for d in at.dataframe if d.value.columns[0] == "责任单位")
    overdue = items.filter(pl.col("overdue"))
    assert table["其中逾期"].sum() == overdue.height
    assert set(table["责任单位"]) == set(overdue["responsible_unit"])
    heading = next(s.value for s in at.subheader if s.value.startswith("逾期问题"))
    assert f"共 {overdue.height} 项" in heading


def test_weekly_briefing_says_the_same(sample_warehouse):
    from app.snapshot.build import build
    from warehouse.store import current

    con, _ = connect_readonly(sample_warehouse)
    try:
        snap = build(con, current(sample_warehouse), "2026-W47")
        sunday = snap.sunday
        items = run(con, "problem_list", area="990100", as_of=sunday)
    finally:
        con.close()
    units = snap.sections["problems"].table
    total = units.row(-1, named=True)
    assert total["责任单位"] == "合计"
    assert total["未销号"] == int(items["is_open"].sum())
    assert total["其中逾期"] == int(items["overdue"].sum())
    lead = snap.sections["problems"].lead[-1]
    assert f"其中逾期 {int(items['overdue'].sum())} 个" in lead
    oldest = snap.sections["problems_oldest"].table
    assert 0 < oldest.height <= 10
    assert oldest["问题编号"][0] == items.filter(pl.col("is_open")).sort(
        ["overdue", "days_open", "problem_id"], descending=[True, True, False])["problem_id"][0]


def test_a_district_user_at_city_level_sees_no_other_districts_units(run_page, items):
    """The whole city chosen: the counts, list, trend and ranking are still its own district's
    (the city's total is for comparison only, never the other districts' units)."""
    at = run_page("problems", role="district", scope="990105", as_of=AS_OF, district="")
    assert at.selectbox(key="w_district").value == ""
    mine = items.filter(pl.col("district_code") == "990105")
    assert metrics(at)["未销号问题"] == str(int(mine["is_open"].sum()))
    ranking = next(d.value for d in at.dataframe if d.value.columns[0] == "名次")
    con_units = set(mine["responsible_unit"])
    assert len(ranking) > 0 and set(ranking["责任单位"]) <= con_units


def test_english_list_names_areas_in_english(run_page):
    at = run_page("problems", lang="en", as_of=AS_OF)
    listing = next(d.value for d in at.dataframe if d.value.columns[0] == "Problem number")
    assert not listing["District"].str.contains(r"[\u4e00-\u9fff]").any()


def test_command_screen_shows_the_overviews_numbers(run_page):
    """指挥大屏 and 总览 for the same date: the same headline values and statuses, the same city
    counts, the same problem figures."""
    overview = run_page("overview", as_of=AS_OF)
    screen = run_page("screen", as_of=AS_OF)
    html = " ".join(m.value for m in screen.markdown)
    for m in overview.metric:
        assert f">{m.value}<" in html.replace("<br>", "<"), m.label
    counts = next(m.value for m in overview.markdown if "达标" in m.value and "落后" in m.value)
    assert counts.replace("\\", "") in html
    overdue = next(s.value for s in overview.subheader if s.value.startswith("逾期问题"))
    n = overdue.split("共 ")[1].split(" 项")[0]
    assert f'其中逾期</span><span class="hc-num">{n}</span>' in html


def test_the_wall_rotates_through_the_districts():
    """?rotate=N: the city, then each district in code order, N seconds each (at least 10)."""
    from app.screen import rotate_seconds, rotation

    districts = ["990103", "990102"]
    assert [rotation("990100", districts, 60, t) for t in (0, 59, 60, 150, 180)] == [
        "990100", "990100", "990102", "990103", "990100"]
    assert rotation("990100", districts, 0, 1e9) == "990100"
    assert (rotate_seconds("60"), rotate_seconds("3"), rotate_seconds(None),
            rotate_seconds("abc"), rotate_seconds("-5")) == (60, 10, 0, 0, 0)


def test_a_rotating_wall_shows_a_district_with_the_overviews_numbers(run_page, monkeypatch):
    from app import screen

    monkeypatch.setattr(screen, "clock", lambda: 60.0 * 4 + 1)  # the 4th district: 南江区 990105
    overview = run_page("overview", as_of=AS_OF, district="990105")
    screen = run_page("screen", as_of=AS_OF, rotate="60")
    html = " ".join(m.value for m in screen.markdown)
    assert "XX市南江区创建国家卫生城市" in html
    for m in overview.metric:
        assert f">{m.value}<" in html.replace("<br>", "<"), m.label


def test_many_open_problems_are_drawn_one_circle_per_street(run_page, items, monkeypatch):
    """Above HC_MAP_MAX_MARKERS the page's map draws a circle per street (as the map page does):
    each circle counts that street's open problems with a position, and the page says so."""
    import json

    from warehouse import settings

    placed = items.filter(pl.col("is_open") & pl.col("lon").is_not_null()
                          & pl.col("lat").is_not_null())
    assert placed.height > 5
    monkeypatch.setattr(settings, "MAP_MAX_MARKERS", 5)
    at = run_page("problems", as_of=AS_OF)
    assert any(f"督查问题（{placed.height} 个）" in i.value and "按街道汇总" in i.value
               for i in at.info)
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    layer = next(la for la in spec["layers"] if la["id"] == "problem-streets")
    per_street = {r["street"]: int(re.search(r"(\d+)", r["body"]).group(1))
                  for r in layer["data"]}
    expected = placed.group_by(pl.col("grid_code").str.slice(0, 9)).len()
    assert per_street == dict(expected.iter_rows())


def test_a_long_list_shows_its_first_rows_and_says_how_many_more(run_page, items, monkeypatch):
    """HC_TABLE_MAX_ROWS: the list shows its first rows in its own order (overdue first), and a
    caption gives the whole count; a filter still narrows the whole list."""
    from warehouse import settings

    open_ = int(items["is_open"].sum())
    full = next(d.value for d in run_page("problems", as_of=AS_OF).dataframe
                if d.value.columns[0] == "问题编号")
    assert len(full) == open_ > 10
    monkeypatch.setattr(settings, "TABLE_MAX_ROWS", 10)
    at = run_page("problems", as_of=AS_OF)
    listing = next(d.value for d in at.dataframe if d.value.columns[0] == "问题编号")
    assert list(listing["问题编号"]) == list(full["问题编号"].head(10))
    assert any(f"共 {open_} 行，此处显示排在最前的 10 行" in c.value for c in at.caption)
    # the source rows behind the indicator value (the expander under the trend) are capped too
    sources = [d.value for d in at.dataframe if "网格编码" in d.value.columns
               and d.value.columns[0] == "问题编号"]
    assert sources and all(len(s) <= 10 for s in sources)


def test_a_leader_who_may_not_download_is_not_told_of_a_download(run_page, items, monkeypatch):
    from warehouse import settings

    monkeypatch.setattr(settings, "TABLE_MAX_ROWS", 10)
    at = run_page("problems", role="leader", as_of=AS_OF)
    said = [c.value for c in at.caption if "此处显示排在最前的 10 行" in c.value]
    assert said and all("下载" not in c for c in said)
    assert not any(b.label == "下载 CSV" for b in at.get("download_button"))
