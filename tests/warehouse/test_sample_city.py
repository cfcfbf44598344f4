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


# ------------------------------------------------------------------ the plan (shared/seeds/000)
PLAN = "创建国家卫生城市工作方案(2024—2026年)"


def goals(con) -> dict[tuple[str, str, int], tuple]:
    return {r[:3]: r[3:] for r in con.sql(
        "select indicator_id, area_code, year, target_value, deadline, stage_name, stage_name_en, "
        "source_doc from stage_goals").fetchall()}


def test_the_plans_goals_and_deadlines(con):
    import datetime as dt

    g = goals(con)
    city = {(i, y): v[:2] for (i, a, y), v in g.items() if a == "990100"}
    assert city[("mixed_collection_transport_rate", 2025)] == (0.0, dt.date(2025, 12, 31))
    assert ("mixed_collection_transport_rate", 2026) not in city
    for ind in ("htn_standardized_management_rate", "t2dm_standardized_management_rate"):
        assert city[(ind, 2025)] == (80.0, dt.date(2025, 12, 31))        # §5.2
    assert city[("t2dm_standardized_management_rate", 2026)][0] == 75.0
    assert city[("ehr_filing_rate_key_pop", 2024)] == (85.0, dt.date(2024, 12, 31))
    assert city[("ehr_filing_rate_key_pop", 2026)] == (100.0, dt.date(2026, 12, 31))
    assert city[("ehr_dynamic_update_rate", 2025)] == (70.0, dt.date(2025, 12, 31))
    assert city[("ehr_dynamic_update_rate", 2026)] == (85.0, dt.date(2026, 12, 31))
    assert city[("waterlogging_cohort_elimination_rate", 2026)] == (100.0, dt.date(2026, 12, 31))
    no_goal = {"ehr_filing_rate", "ehr_dynamic_use_rate", "standing_water_elimination_rate",
               "standing_water_open_points", "breeding_point_on_time_closure_rate"}
    assert no_goal.isdisjoint(i for i, _, _ in g)


def test_every_goal_and_baseline_names_its_source(con):
    g = goals(con)
    stage_en = {"基础夯实年": "Foundation year 2024", "全面提升年": "Full improvement year 2025",
                "巩固迎检年": "Consolidation and inspection year 2026"}
    for (ind, area, year), (_, _, stage, en, source) in g.items():
        assert en == stage_en[stage], (ind, year)
        if area != "990100":
            assert source == "示例数据(虚构的区级目标)", (ind, area)   # brackets NFKC-normalised
        elif ind == "residential_sorting_coverage_rate":
            assert source.startswith("商州区健康城市建设规划(2022-2025年)")   # seed 002
        elif ind == "problem_on_time_closure_rate":
            # the plans ask for a closing loop (销号制) but set no share: said so, and why
            assert source.startswith("示例数据(虚构目标;") and "销号制" in source
        elif ind == "smoking_rate_15_69":
            # 健康中国行动's 2030 target taken early by the sample city: its own goal, said so
            assert source.startswith("示例数据(虚构目标;") and "健康中国行动" in source
        elif ind.startswith("creation_rate_smoke_free"):
            # seed 004's 无烟环境建设“三个100%” by 2022, the sample city's deadline 2025: said so
            assert source.startswith("示例数据(虚构目标;") and "三个100%" in source
        elif ind.startswith("creation_rate_"):
            # seed 002: healthy cells 60% by 2025, sanitary towns and villages 60% by 2025
            assert source.startswith("商州区健康城市建设规划(2022-2025年) 三(二)1.")
            assert "60%" in source
        elif ind == "sanitation_satisfaction_rate":
            # the plans name the indicator but give it no goal: the sample's own, said so
            assert source == "示例数据(虚构目标;68.4%→92%)", source
        else:
            assert source.startswith(PLAN) and "§" in source, (ind, year, source)
    base = con.sql("select indicator_id, baseline_year, baseline_value, source_doc "
                   "from baselines").fetchall()
    assert all(s.startswith(PLAN) and "§" in s for i, *_, s in base
               if i != "sanitation_satisfaction_rate")
    assert {s for i, *_, s in base if i == "sanitation_satisfaction_rate"} == {
        "示例数据(虚构基线;2023年各季度第三方调查)"}
    by_id = {i: (y, v) for i, y, v, _ in base}
    assert by_id["sorting_participation_rate"] == (2022, 58.3)
    assert by_id["ehr_filing_rate_key_pop"] == (2023, 72.3)
    assert by_id["ehr_dynamic_update_rate"] == (2023, 38.0)
    assert by_id["waterlogging_cohort_elimination_rate"] == (2023, 0.0)
    assert {"ehr_filing_rate", "ehr_dynamic_use_rate"}.isdisjoint(by_id)


def city_value(con, indicator: str, grain: str, start: str) -> float:
    return con.execute("select value from indicator_values where indicator_id = ? and "
                       "area_level = 'city' and period_grain = ? and period_start = ?",
                       [indicator, grain, start]).fetchall()[0][0]


def test_the_sample_agrees_with_its_baselines(con):
    # participation: 58.3 in 2022, a little above it in 2023
    assert 58.3 < city_value(con, "sorting_participation_rate", "year", "2023-01-01") < 61
    # the key population's records at the end of 2023 sit at the plan's 72.3 and <40
    assert abs(city_value(con, "ehr_filing_rate_key_pop", "year", "2023-01-01") - 72.3) < 1.5
    assert 36 < city_value(con, "ehr_dynamic_update_rate", "year", "2023-01-01") < 40
    # satisfaction with sanitation: 2023's quarters pooled sit at the sample's 68.4; the 2026
    # quarters near 90 %, 南江区 lagging
    assert abs(city_value(con, "sanitation_satisfaction_rate", "year", "2023-01-01") - 68.4) < 1
    assert city_value(con, "sanitation_satisfaction_rate", "quarter", "2026-07-01") > 87
    nanjiang = con.execute("select value from indicator_values where indicator_id = "
                           "'sanitation_satisfaction_rate' and area_code = '990105' and "
                           "period_grain = 'year' and period_start = '2026-01-01'").fetchall()[0][0]
    assert nanjiang < city_value(con, "sanitation_satisfaction_rate", "year", "2026-01-01") - 5


def test_mixed_transport_ends_with_the_2025_grid_rollout(con):
    rows = con.sql("""select area_level, area_code, period_start, value from indicator_values
                      where indicator_id = 'mixed_collection_transport_rate'
                      and period_grain = 'month' and area_level in ('city', 'district')""").pl()
    city = {r["period_start"].isoformat(): r["value"] for r in rows.iter_rows(named=True)
            if r["area_level"] == "city"}
    assert city["2023-06-01"] > 38 and 12 < city["2025-06-01"] < city["2024-06-01"]
    assert city["2025-12-01"] < 2                                  # near zero at the deadline
    assert [city[f"2026-{m:02d}-01"] for m in range(6, 12)] == [0.0] * 6   # reached in 2026
    in_2026 = rows.filter((rows["area_level"] == "district")
                          & (rows["period_start"].dt.year() == 2026))
    lagging = {r["area_code"] for r in in_2026.iter_rows(named=True) if r["value"] > 0}
    assert lagging == {"990105"}                                   # one district lags


def test_the_2023_flood_season_cohort(con):
    # exactly 47 points open on 2023-08-31; none eliminated on the census date itself
    aug = con.sql("select numerator, denominator from indicator_values where indicator_id = "
                  "'waterlogging_cohort_elimination_rate' and area_level = 'city' and "
                  "period_grain = 'month' and period_start = '2023-08-01'").fetchall()
    assert aug == [(0.0, 47.0)]
    open_on_census = con.sql("""select count(*) from stg_waterlogging
                                where found_date <= date '2023-08-31'
                                and not (status = '已销号' and eliminated_date <= date '2023-08-31')
                             """).fetchall()[0][0]
    assert open_on_census == 47
    # the drainage works close the flood-prone points through 2024–2025; 南江区's last is open
    assert city_value(con, "waterlogging_cohort_elimination_rate", "year", "2024-01-01") < 80
    assert 95 < city_value(con, "waterlogging_cohort_elimination_rate", "month", "2026-11-01") < 100


def test_english_names_of_every_area(con):
    names = con.sql("select area_level, area_code, name_zh, name_en from dim_area").fetchall()
    assert all(en and en.isascii() for *_, en in names)
    by_code = {c: en for _, c, _, en in names}
    assert by_code["990100"] == "XX City" and by_code["990105"] == "Nanjiang District"
    assert by_code["990102001"] == "Jiefang Street"
    assert by_code["990102001001"] == "Jiefang Street Grid 001"
