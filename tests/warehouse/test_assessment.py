"""季考核: the scoring rule on a hand-made scheme (every method, ties, missing data, items that
do not apply, no stage goal), and the sample city's quarter scored from its scheme file, each
built-in measure checked against the raw rows."""

import datetime as dt

import polars as pl
import pytest

from warehouse.assessment import MEASURE_SCHEMA, assess, points, score

D = dt.date


def scheme(*rows):
    return pl.DataFrame(rows, schema=["object_type", "item", "measure", "weight", "method"],
                        orient="row")


def measures(*rows):
    """(object, measure, value, target, start, direction, applicable, note)"""
    return pl.DataFrame([{"object_type": "区县", "object_code": o, "object_name": o,
                          "group_code": "", "group_name": "", "measure": m, "value": v,
                          "target": tg, "start": s, "direction": d, "applicable": a, "note": n}
                         for o, m, v, tg, s, d, a, n in rows], schema=MEASURE_SCHEMA)


def test_pass_full():
    assert points("达标满分", 10, 80.0, 80.0, 50.0, "higher", None, 0) == 10
    assert points("达标满分", 10, 79.9, 80.0, 50.0, "higher", None, 0) == 0
    assert points("达标满分", 10, 0.8, 0.8, 1.2, "lower", None, 0) == 10     # lower is better
    assert points("达标满分", 10, 0.81, 0.8, 1.2, "lower", None, 0) == 0


def test_by_progress_is_clamped_to_the_weight():
    assert points("按进度比例", 20, 65.0, 80.0, 50.0, "higher", None, 0) == pytest.approx(10)
    assert points("按进度比例", 20, 95.0, 80.0, 50.0, "higher", None, 0) == 20   # above: full
    assert points("按进度比例", 20, 40.0, 80.0, 50.0, "higher", None, 0) == 0    # below start
    assert points("按进度比例", 20, 1.0, 0.8, 1.2, "lower", None, 0) == pytest.approx(10)
    # target = start (the plan's first day): met or not
    assert points("按进度比例", 20, 50.0, 50.0, 50.0, "higher", None, 0) == 20
    assert points("按进度比例", 20, 49.0, 50.0, 50.0, "higher", None, 0) == 0


def test_by_rank_first_full_last_zero_ties_share():
    items, totals = score(
        scheme(("区县", "暗访", "暗访问题数", 30.0, "按排名")),
        measures(("a", "暗访问题数", 0.0, 0.0, 4.0, "lower", True, None),
                 ("b", "暗访问题数", 2.0, 0.0, 4.0, "lower", True, None),
                 ("c", "暗访问题数", 2.0, 0.0, 4.0, "lower", True, None),
                 ("d", "暗访问题数", 4.0, 0.0, 4.0, "lower", True, None)))
    got = {r["object_code"]: (r["rank_in_item"], r["points"]) for r in items.iter_rows(named=True)}
    # n = 4: rank 1 → 30, rank 2 (shared) → 30 × 2/3 = 20, rank 4 → 0
    assert got == {"a": (1, 30.0), "b": (2, 20.0), "c": (2, 20.0), "d": (4, 0.0)}
    ranks = dict(zip(totals["object_code"], totals["rank"]))
    assert ranks == {"a": 1, "b": 2, "c": 2, "d": 4}


def test_missing_data_scores_zero_and_what_does_not_apply_is_rescaled():
    s = scheme(("区县", "回收", "hw_recycling_rate", 60.0, "按进度比例"),
               ("区县", "销号", "问题按期销号率", 40.0, "按进度比例"))
    items, totals = score(s, measures(
        # a: 30 of 60 on the first, nothing closed (not applicable) → 30 / 60 × 100 = 50
        ("a", "hw_recycling_rate", 35.0, 40.0, 30.0, "higher", True, None),
        ("a", "问题按期销号率", None, 95.0, 0.0, "higher", False, "no_closures"),
        # b: no data on the first (0 of 60) and 95% closed on time (40 of 40) → 40
        ("b", "hw_recycling_rate", None, 40.0, 30.0, "higher", True, "no_data"),
        ("b", "问题按期销号率", 95.0, 95.0, 0.0, "higher", True, None),
        # c: nothing applies → not scored, not ranked
        ("c", "hw_recycling_rate", None, None, None, "higher", False, "no_data"),
        ("c", "问题按期销号率", None, 95.0, 0.0, "higher", False, "no_closures")))
    got = {r["object_code"]: (r["score"], r["rank"], r["of"]) for r in totals.iter_rows(named=True)}
    assert got == {"a": (50.0, 1, 2), "b": (40.0, 2, 2), "c": (None, None, 2)}
    pts = {(r["object_code"], r["measure"]): r["points"] for r in items.iter_rows(named=True)}
    assert pts[("a", "问题按期销号率")] is None and pts[("b", "hw_recycling_rate")] == 0.0


def test_a_goal_based_method_without_a_goal_does_not_apply():
    items, totals = score(
        scheme(("区县", "积水", "standing_water_elimination_rate", 50.0, "达标满分"),
               ("区县", "回收", "hw_recycling_rate", 50.0, "按排名")),
        measures(("a", "standing_water_elimination_rate", 97.0, None, None, "higher", True,
                  None),
                 ("a", "hw_recycling_rate", 40.0, 45.0, 30.0, "higher", True, None)))
    row = items.filter(pl.col("measure") == "standing_water_elimination_rate").row(0, named=True)
    assert (row["applicable"], row["note"], row["points"]) == (False, "no_goal", None)
    assert totals["score"].to_list() == [100.0]      # 50 of the 50 that apply → 100


@pytest.mark.slow
def test_the_sample_quarter_is_scored_from_its_scheme(sample_warehouse):
    from warehouse import store

    con, _info = store.connect_readonly(sample_warehouse)
    try:
        res = assess(con, D(2026, 7, 1))
        none = assess(con, D(2023, 10, 1))     # before the scheme's first quarter
        raw_visits = con.execute("""
            select u.area_code, count(*) from problem_items p
            join unit_area u on u.unit_type = 'grid' and u.unit_code = p.grid_code
                            and u.area_level = 'district'
            where p.found_date between DATE '2026-07-01' and DATE '2026-09-30'
              and p.found_by in ('暗访', '省级暗访', '国家暗访')
            group by 1""").fetchall()
        closure = dict(con.execute("""
            select area_code, value from indicator_values
            where indicator_id = 'problem_on_time_closure_rate' and period_grain = 'quarter'
              and period_start = DATE '2026-07-01' and area_level = 'district'""").fetchall())
    finally:
        con.close()
    assert none.scheme.height == 0 and none.totals.height == 0
    # the weights in force in 2026 (the revised scheme) make 100 per object type
    assert dict(res.scheme.group_by("object_type").agg(pl.col("weight").sum()).rows()) == {
        "区县": 100.0, "街道": 100.0, "部门": 100.0}
    tot = res.totals
    assert tot.filter(pl.col("score").is_not_null())["score"].is_between(0, 100).all()
    districts = tot.filter(pl.col("object_type") == "区县")
    assert districts.height == 6 and districts["rank"].to_list() == sorted(districts["rank"])
    # the sample's storyline: 南江区 last in Q2 and Q3
    assert districts.filter(pl.col("last_twice"))["object_name"].to_list() == ["南江区"]
    items = res.items.filter(pl.col("object_type") == "区县")
    visits = dict(zip(*items.filter(pl.col("measure") == "暗访问题数")
                      .select("object_code", "value")))
    assert visits == {c: float(dict(raw_visits).get(c, 0)) for c in visits}
    on_time = dict(zip(*items.filter(pl.col("measure") == "问题按期销号率")
                       .select("object_code", "value")))
    assert on_time == pytest.approx(closure)
    # a street's own office is assessed as the street, not as a department
    depts = tot.filter(pl.col("object_type") == "部门")["object_name"].to_list()
    assert depts and not [d for d in depts if d.endswith(("街道办事处", "镇人民政府"))]
