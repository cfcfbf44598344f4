"""The 健康细胞与控烟 page on the sample city, zh and en: the rates grid holds the status rule's
values, the counts by level and the expiring designations are what the register says on the
as-of date (recomputed here from the staged rows), the survey's two rates carry n and CI; a
district user sees only its district."""

import datetime as dt

import pytest

pytestmark = pytest.mark.slow
AS_OF = dt.date(2026, 11, 27)


def table_with(at, column):
    return next(d.value for d in at.dataframe if column in d.value.columns)


@pytest.fixture(scope="module")
def register(sample_warehouse):
    from warehouse import store

    con, _info = store.connect_readonly(sample_warehouse)
    try:
        holding = dict(con.execute("""
            select creation_type, count(*) from stg_creation_units
            where designation_holds(status, named_date, valid_until, revoked_date, ?)
            group by 1""", [AS_OF]).fetchall())
        expiring = con.execute("""
            select count(*) from stg_creation_units
            where designation_holds(status, named_date, valid_until, revoked_date, ?)
              and valid_until <= ?""", [AS_OF, AS_OF + dt.timedelta(days=90)]).fetchone()[0]
        community = con.execute("""
            select value from indicator_values where indicator_id = 'creation_rate_community'
              and area_code = '990105' and period_grain = 'month'
              and period_start = DATE '2026-10-01'""").fetchone()[0]
    finally:
        con.close()
    return holding, expiring, community


def test_the_page_in_chinese(run_page, register):
    holding, expiring, community = register
    at = run_page("creation", as_of=AS_OF.isoformat())
    assert at.title[0].value == "健康细胞与控烟"
    counts = table_with(at, "合计")
    assert dict(zip(counts["创建类型"], counts["合计"])) == holding
    assert any(s.value == f"90 天内到期的命名（{expiring} 个）" for s in at.subheader)
    rates = table_with(at, "建成率")
    nanjiang = rates[(rates["区域"] == "南江区") & (rates["创建类型"] == "健康社区建成率")].iloc[0]
    assert nanjiang["建成率"] == f"{community:.1f}%"
    assert set(rates["状态"]) <= {"达标", "预警", "落后", "数据不全", "无阶段目标", "暂无数据"}
    assert sum("95% 置信区间" in c.value for c in at.caption) == 2     # smoking, new media


def test_the_page_in_english(run_page):
    at = run_page("creation", lang="en", as_of=AS_OF.isoformat())
    assert at.title[0].value == "Healthy cells & tobacco control"
    counts = table_with(at, "Total")
    assert "Healthy communities" in set(counts["Type"])
    assert sum("95% CI" in c.value for c in at.caption) == 2


def test_a_district_user_sees_its_district(run_page, sample_warehouse):
    from warehouse import store

    con, _info = store.connect_readonly(sample_warehouse)
    try:
        streets = {r[0] for r in con.execute(
            "select name_zh from dim_area where parent_code = '990105'").fetchall()}
    finally:
        con.close()
    at = run_page("creation", role="district", scope="990105", as_of=AS_OF.isoformat())
    rates = table_with(at, "建成率")
    assert set(rates["区域"]) == {"南江区"}
    soon = table_with(at, "剩余天数")
    assert len(soon) and set(soon["街道"]) <= streets


def test_many_units_are_drawn_one_circle_per_street(run_page, sample_warehouse, monkeypatch):
    """Above HC_MAP_MAX_MARKERS the map draws a circle per street: each counts the street's
    units in force with a position (recomputed from the register), and the page says so."""
    import json

    from warehouse import settings, store

    con, _info = store.connect_readonly(sample_warehouse)
    try:
        per_street = dict(con.execute("""
            select street_code, count(*) from stg_creation_units
            where designation_holds(status, named_date, valid_until, revoked_date, ?)
              and lon is not null and lat is not null and named_date <= ?
            group by 1""", [AS_OF, AS_OF]).fetchall())
    finally:
        con.close()
    monkeypatch.setattr(settings, "MAP_MAX_MARKERS", 5)
    at = run_page("creation", as_of=AS_OF.isoformat())
    n = sum(per_street.values())
    assert any(f"有效命名单位（{n} 个）" in i.value for i in at.info)
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    layer = next(la for la in spec["layers"] if la["id"] == "creation-streets")
    got = {r["street"]: int(r["body"].split("\n")[0].split("：")[1]) for r in layer["data"]}
    assert got == per_street
    assert any("街道汇总" in m.value for m in at.markdown)
