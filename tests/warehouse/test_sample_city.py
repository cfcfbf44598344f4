"""The committed sample city loads cleanly and its indicator table is internally consistent."""

import duckdb
import pytest

from tests.conftest import ROOT
from warehouse import registry
from warehouse.store import connect_readonly

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def con(sample_warehouse) -> duckdb.DuckDBPyConnection:
    c, _ = connect_readonly(sample_warehouse)
    return c


def test_every_indicator_has_city_values(con):
    have = {r[0] for r in con.sql("select distinct indicator_id from indicator_values "
                                  "where area_level = 'city' and value is not null").fetchall()}
    assert set(registry.by_id()) <= have


def test_every_grain_and_level_the_registry_promises(con):
    doc = registry.load()
    got = set(con.sql("select distinct indicator_id, period_grain, area_level "
                      "from indicator_values").fetchall())
    for ind in doc["indicators"]:
        for grain in ind["grains"]:
            for level in doc["facts"][ind["derive"]["fact"]]["levels"]:
                assert (ind["id"], grain, level) in got, (ind["id"], grain, level)


def test_keys_unique_and_weeks_start_on_monday(con):
    assert con.sql("""select count(*) from (select indicator_id, area_level, area_code,
                      period_grain, period_start, count(*) n from indicator_values
                      group by all having n > 1)""").fetchall() == [(0,)]
    assert con.sql("""select count(*) from indicator_values where period_grain = 'week'
                      and isodow(period_start) <> 1""").fetchall() == [(0,)]


def test_districts_add_up_to_the_city_for_flows(con):
    rows = con.sql("""
        with d as (select indicator_id, period_grain, period_start, sum(numerator) num,
                          sum(denominator) den
                   from indicator_values where area_level = 'district' group by all),
             c as (select indicator_id, period_grain, period_start, numerator num, denominator den
                   from indicator_values where area_level = 'city')
        select c.indicator_id, c.period_start, c.num, d.num, c.den, d.den
        from c join d using (indicator_id, period_grain, period_start)
        join dim_indicator i using (indicator_id)
        where i.kind in ('flow', 'stock') and i.indicator_id <> 'standing_water_open_points'
          and (abs(c.num - d.num) > 1e-6 * greatest(1, abs(c.num))
               or abs(c.den - d.den) > 1e-6 * greatest(1, abs(c.den)))""").fetchall()
    assert rows == []


def test_rates_stay_in_range_and_survey_carries_ci(con):
    bad = con.sql("""select v.indicator_id, v.value from indicator_values v
                     join dim_indicator i using (indicator_id)
                     where i.unit = '%' and (v.value < 0 or v.value > 100)""").fetchall()
    assert bad == []
    ci = con.sql("""select count(*) from indicator_values where indicator_id like 'h%l%'
                    and (n is null or ci_low > value or ci_high < value)
                    and indicator_id in (select indicator_id from dim_indicator
                                         where kind = 'survey')""").fetchall()
    assert ci == [(0,)]


def test_deliberately_bad_sample_rows_are_rejected_with_reasons(con):
    rejects = con.sql("select file, row_number, \"column\", reason from etl_rejects").fetchall()
    assert 3 <= len(rejects) <= 20
    assert all(r[1] and r[2] and r[3] for r in rejects)
    runs = con.sql("select count(*), sum(rows_rejected) from etl_runs").fetchall()[0]
    assert runs[0] > 20 and runs[1] >= 3


def test_route_index_grades_follow_the_registry(con):
    wrong = con.sql("""select count(*) from indicator_values where indicator_id = 'route_index'
                       and value is not null and grade <> case when value <= 0.1 then 'A'
                       when value <= 0.5 then 'B' when value <= 0.8 then 'C' else 'D' end"""
                    ).fetchall()
    assert wrong == [(0,)]


def test_district_goals_replace_the_citys_for_their_stage_year(con):
    import datetime as dt

    from warehouse.status import status_table

    def goals(day):
        st = status_table(con, day, ("district",))
        return st, {r["area_code"]: (r["goal"], r["period_start"].year)
                    for r in st.iter_rows(named=True)
                    if r["indicator_id"] == "mosq_light_trap_density"}

    # 2026-11-22: the 2026 season (closes 11-30) is not complete, so the 2025 season is assessed
    # against the goal due in 2025: 新港区's own 8.0, the city's 2026 goal for the others.
    st, goal = goals(dt.date(2026, 11, 22))
    assert goal["990107"] == (8.0, 2025)
    assert goal["990105"] == (6.0, 2025)     # 南江区's own 2026 goal (no 2025 goal of its own)
    assert goal["990102"] == (5.0, 2025)
    assert {r["status"] for r in st.iter_rows(named=True)} >= {"on_track", "at_risk", "off_track"}
    # 2026-12-05: the 2026 season is in; 新港区's own goal was for 2025, the city's 2026 applies.
    _, goal = goals(dt.date(2026, 12, 5))
    assert goal["990107"] == (5.0, 2026) and goal["990105"] == (6.0, 2026)


def test_a_registry_change_rederives_without_reloading_files(sample_warehouse, tmp_path,
                                                             monkeypatch):
    import shutil

    from etl.load import load
    from warehouse import derive

    wdir = tmp_path / "wh"
    shutil.copytree(sample_warehouse, wdir)
    assert not load([ROOT / "sample_data"], wdir, progress=lambda _m: None).published
    monkeypatch.setattr(derive, "fingerprint", lambda: "changed")
    summary = load([ROOT / "sample_data"], wdir, progress=lambda _m: None)
    assert summary.published and all(f.status == "unchanged" for f in summary.files)


def test_a_past_date_sees_only_periods_that_had_ended(con):
    import datetime as dt

    from warehouse.status import status_table

    st = status_table(con, dt.date(2025, 8, 10), ("city",))
    row = {r["indicator_id"]: r for r in st.iter_rows(named=True)}
    assert row["mosq_light_trap_density"]["period_start"] == dt.date(2024, 1, 1)   # year grain
    assert row["hw_recycling_rate"]["period_start"] == dt.date(2025, 7, 1)          # month grain
