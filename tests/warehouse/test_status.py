"""The status rule on literal cases: glide path, projection, tolerance, completeness, deadlines,
and what happens once the deadline's own data are in."""

import datetime as dt

import pytest

from warehouse import settings
from warehouse.status import (
    VOCABULARY,
    assess,
    glide_at,
    goal_for_period,
    period_end,
    progress_share,
    project,
    severity,
)

D = dt.date
GOAL_2026 = [(45.0, D(2026, 12, 31), "巩固迎检年", 2026)]
BASE = (28.0, D(2022, 12, 31))


JAN_2026 = D(2026, 1, 1)


def monthly(values, start=JAN_2026, rep=60, exp=60):
    return [(D(start.year + (start.month - 1 + i) // 12, (start.month - 1 + i) % 12 + 1, 1), v,
             rep, exp) for i, v in enumerate(values)]


def yearly(pairs):
    return [(D(y, 1, 1), v, None, None) for y, v in pairs]


def test_glide_path_is_a_straight_line_to_the_deadline():
    # 2022-12-31 → 2026-12-31 is 1461 days; 2024-12-31 is day 731.
    assert glide_at(D(2024, 12, 31), 28.0, D(2022, 12, 31), 45.0, D(2026, 12, 31)) == \
        pytest.approx(28.0 + 17.0 * 731 / 1461)
    assert glide_at(D(2027, 3, 1), 28.0, D(2022, 12, 31), 45.0, D(2026, 12, 31)) == 45.0


def test_projection_is_the_least_squares_line_at_the_deadline():
    days = [D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1)]
    values = [10.0 + 0.1 * (d - days[0]).days for d in days]
    assert project(days, values, D(2026, 12, 31)) == pytest.approx(10.0 + 0.1 * 364)
    assert project(days[:2], values[:2], D(2026, 12, 31)) is None   # too few points


def test_on_track_at_risk_and_off_track():
    # Ten complete months Jan–Oct 2026; glide at 2026-10-31: 28 + 17 × 1400/1461 = 44.29
    on = assess(monthly([43.0] * 9 + [44.5]), "month", "higher", GOAL_2026, BASE, D(2026, 11, 5))
    assert on.status == "on_track" and on.glide == pytest.approx(28 + 17 * 1400 / 1461)
    assert on.projection_kind == "trend" and on.trend_points == 10
    rising = [40.0 + 0.5 * i for i in range(10)]          # 44.5 at Oct, projected ≈ 45.5
    risk = assess(monthly(rising[:-1] + [44.0]), "month", "higher", GOAL_2026, BASE,
                  D(2026, 11, 5))
    assert risk.status == "at_risk" and risk.projection > 45.0 - 0.1 * 17
    flat = assess(monthly([40.0] * 10), "month", "higher", GOAL_2026, BASE, D(2026, 11, 5))
    assert flat.status == "off_track" and flat.gap == pytest.approx(5.0)
    assert flat.projection == pytest.approx(40.0) and not flat.overdue


def test_yearly_survey_in_the_deadline_year_is_the_outcome():
    # Health literacy: 2026 goal 35 % due 2026-12-31; the 2026 survey is in (its year closed on
    # 2026-06-30), so it decides — no line drawn past it.
    goals = [(32.0, D(2025, 6, 30), "全面提升年", 2025), (35.0, D(2026, 12, 31), "巩固迎检年",
                                                     2026)]
    base = (25.4, D(2023, 12, 31))
    series = yearly([(2023, 25.4), (2024, 29.7), (2025, 31.5)])
    below = assess([*series, (D(2026, 1, 1), 32.5, None, None)], "year", "higher", goals, base,
                   D(2026, 11, 27))
    assert (below.status, below.projection, below.projection_kind) == ("off_track", 32.5, "final")
    assert (below.goal, below.deadline, below.glide) == (35.0, D(2026, 12, 31), 35.0)
    assert below.gap == pytest.approx(2.5) and not below.overdue       # due 2026-12-31
    at = assess([*series, (D(2026, 1, 1), 35.0, None, None)], "year", "higher", goals, base,
                D(2026, 11, 27))
    assert (at.status, at.projection, at.gap) == ("on_track", 35.0, 0.0)
    above = assess([*series, (D(2026, 1, 1), 36.1, None, None)], "year", "higher", goals, base,
                   D(2027, 2, 1))
    assert (above.status, above.projection) == ("on_track", 36.1)
    assert above.gap == pytest.approx(-1.1) and not above.overdue
    missed = assess([*series, (D(2026, 1, 1), 32.5, None, None)], "year", "higher", goals, base,
                    D(2027, 2, 1))
    assert missed.status == "off_track" and missed.overdue


def test_a_year_value_meets_the_goal_due_within_that_year():
    # The 2025 survey is judged against the 32 % due 2025-06-30, not the 2026 goal.
    goals = [(32.0, D(2025, 6, 30), "全面提升年", 2025), (35.0, D(2026, 12, 31), "巩固迎检年",
                                                     2026)]
    a = assess(yearly([(2024, 29.7), (2025, 31.5)]), "year", "higher", goals,
               (25.4, D(2023, 12, 31)), D(2025, 7, 1))
    assert (a.goal, a.stage_year, a.status, a.projection_kind) == (32.0, 2025, "off_track",
                                                                   "final")
    assert a.overdue and a.gap == pytest.approx(0.5)


def test_seasonal_indicator_after_its_season():
    # Mosquito density ≤ 5 by 2026-12-31; the 2026 season (closed 11-30) is in at 7.43.
    goal = [(5.0, D(2026, 12, 31), "巩固迎检年", 2026)]
    a = assess(yearly([(2023, 12.3), (2024, 10.9), (2025, 9.1), (2026, 7.43)]), "year", "lower",
               goal, (12.3, D(2023, 12, 31)), D(2026, 12, 5))
    assert (a.status, a.projection, a.projection_kind) == ("off_track", 7.43, "final")
    assert a.gap == pytest.approx(2.43) and not a.overdue


def test_seasonal_indicator_during_its_season_uses_complete_seasons():
    # Before the season closes the series ends at 2025; three seasons make a line.
    goal = [(5.0, D(2026, 12, 31), "巩固迎检年", 2026)]
    a = assess(yearly([(2023, 12.3), (2024, 10.9), (2025, 9.1)]), "year", "lower", goal,
               (12.3, D(2023, 12, 31)), D(2026, 11, 27))
    # glide at 2025-12-31: 12.3 − 7.3 × 731/1096 = 7.43; 9.1 is behind it
    assert a.period_start == D(2025, 1, 1) and a.glide == pytest.approx(12.3 - 7.3 * 731 / 1096)
    assert a.projection_kind == "trend" and a.trend_points == 3
    assert a.status in ("at_risk", "off_track")


def test_one_or_two_yearly_points_are_not_projected():
    a = assess(yearly([(2024, 29.7), (2025, 31.5)]), "year", "higher", GOAL_2026, BASE,
               D(2026, 3, 1))
    assert a.projection is None and a.projection_kind == "few_points" and a.trend_points == 2


def test_monthly_stock_mid_month_uses_the_last_complete_month():
    # As of 2026-11-15 the complete months end with October (the series the SQL hands over);
    # the value and status belong to October.
    a = assess(monthly([70.0 + i for i in range(10)]), "month", "higher",
               [(80.0, D(2026, 12, 31), "巩固迎检年", 2026)], (58.7, D(2023, 12, 31)),
               D(2026, 11, 15))
    assert a.period_start == D(2026, 10, 1) and a.value == 79.0
    # glide at 2026-10-31: 58.7 + 21.3 × 1035/1096 = 78.81
    assert a.glide == pytest.approx(58.7 + 21.3 * 1035 / 1096) and a.status == "on_track"


def test_lower_is_better_direction():
    goal = [(5.0, D(2026, 12, 31), "巩固迎检年", 2026)]
    a = assess(monthly([9.0, 8.0, 7.0, 5.5], start=D(2026, 6, 1), rep=1, exp=1), "month", "lower",
               goal, (12.3, D(2023, 12, 31)), D(2026, 10, 2))
    # glide at 2026-09-30: 12.3 − 7.3 × 1004/1096
    assert a.glide == pytest.approx(12.3 - 7.3 * 1004 / 1096)
    assert a.status == "on_track" and a.gap == pytest.approx(0.5)


def test_incomplete_when_too_few_units_report():
    a = assess(monthly([50.0] * 10, rep=60, exp=80), "month", "higher", GOAL_2026, BASE,
               D(2026, 11, 5))
    assert 60 / 80 < settings.MIN_COMPLETENESS and a.status == "incomplete"


def test_after_the_deadline_the_goal_itself_decides():
    goal = [(90.0, D(2025, 12, 31), "全面提升年", 2025)]
    met = assess(monthly([91.0] * 3), "month", "higher", goal, None, D(2026, 4, 1))
    missed = assess(monthly([85.0] * 3), "month", "higher", goal, None, D(2026, 4, 1))
    assert met.status == "on_track" and met.projection_kind == "past" and not met.overdue
    assert missed.status == "off_track" and missed.overdue and missed.projection == 85.0


def test_goal_in_force_follows_the_value_period():
    goals = [(35.0, D(2025, 12, 31), "全面提升年", 2025), (45.0, D(2026, 12, 31), "巩固迎检年",
                                                      2026)]
    assert goal_for_period(goals, D(2025, 12, 1))[0] == 35.0
    assert goal_for_period(goals, D(2026, 1, 1))[0] == 45.0
    assert goal_for_period(goals, D(2027, 1, 1))[0] == 45.0     # after the plan: the last goal
    a = assess(monthly([30.0] * 3, start=D(2025, 3, 1)), "month", "higher", goals, BASE,
               D(2025, 6, 1))
    assert (a.goal, a.stage_name) == (35.0, "全面提升年")


def test_no_goal_and_no_data():
    assert assess([], "month", "higher", GOAL_2026, BASE, D(2026, 1, 1)).status == "no_data"
    assert assess(monthly([1.0]), "month", "higher", [], None, D(2026, 3, 1)).status == "no_goal"


def test_trend_can_be_switched_off():
    a = assess(monthly([30.0 + i for i in range(6)]), "month", "higher", GOAL_2026, BASE,
               D(2026, 7, 1), trend=False)
    assert a.projection is None and a.projection_kind is None and a.status == "off_track"


def test_period_end_progress_share_and_severity():
    assert period_end(D(2026, 10, 1), "quarter") == D(2026, 12, 31)
    assert period_end(D(2026, 11, 16), "week") == D(2026, 11, 22)
    assert progress_share(36.5, 28.0, 45.0) == pytest.approx(0.5)
    assert progress_share(8.65, 12.3, 5.0) == pytest.approx(0.5)   # lower is better too
    assert severity({"gap": 2.0, "goal": 45.0, "baseline": 25.0}) == pytest.approx(0.1)
    assert severity({"gap": 1.0, "goal": 5.0, "baseline": 12.3, "overdue": True}) > 10


def test_vocabulary_has_words_colours_and_readable_text():
    assert [s.zh for s in VOCABULARY.values()] == ["达标", "预警", "落后", "数据不全", "无阶段目标",
                                                    "暂无数据"]
    assert VOCABULARY["off_track"].rgb == (0xc6, 0x28, 0x28)
    assert VOCABULARY["at_risk"].text_rgb == (0x21, 0x21, 0x21)


def test_projection_of_a_rate_stays_within_0_and_100():
    rising = monthly([90.0 + i for i in range(10)])          # +1 a month: 102 by December
    a = assess(rising, "month", "higher", [(100.0, D(2026, 12, 31), "巩固迎检年", 2026)],
               (80.0, D(2023, 12, 31)), D(2026, 11, 5), ceiling=100.0)
    assert a.projection == 100.0
    falling = assess(monthly([5.0 - i for i in range(5)]), "month", "lower",
                     [(0.0, D(2026, 12, 31), "巩固迎检年", 2026)], (8.0, D(2023, 12, 31)),
                     D(2026, 6, 5))
    assert falling.projection == 0.0


def test_district_ranking_on_literal_values():
    import polars as pl

    from warehouse.status import district_ranking

    # Two districts, two domains; progress = (value − baseline) / (goal − baseline), capped.
    rows = [("a", "d1", 36.5, 28.0, 45.0),   # (36.5−28)/(45−28) = 0.5
            ("b", "d1", 8.65, 12.3, 5.0),    # lower is better: (8.65−12.3)/(5−12.3) = 0.5
            ("a", "d2", 45.0, 28.0, 45.0),   # 1.0
            ("b", "d2", 5.0, 12.3, 5.0),     # 1.0
            ("a", "d2", 70.0, 28.0, 45.0)]   # 2.47 → capped at 1.5
    ids = {"a": "garbage", "b": "mosquito"}
    st = pl.DataFrame({"indicator_id": [f"{r[0]}{i}" for i, r in enumerate(rows)],
                       "area_level": ["district"] * 5, "area_code": [r[1] for r in rows],
                       "value": [r[2] for r in rows], "baseline": [r[3] for r in rows],
                       "goal": [r[4] for r in rows]})
    meta = pl.DataFrame({"indicator_id": st["indicator_id"],
                         "domain": [ids[r[0]] for r in rows]})
    out = {(r["domain"], r["area_code"]): (round(r["score"], 6), r["rank"])
           for r in district_ranking(st, meta).iter_rows(named=True)}
    assert out == {("garbage", "d1"): (0.5, 2), ("garbage", "d2"): (1.25, 1),
                   ("mosquito", "d1"): (0.5, 2), ("mosquito", "d2"): (1.0, 1),
                   ("overall", "d1"): (0.5, 2), ("overall", "d2"): (1.125, 1)}


def test_the_ranking_rule_on_literal_values():
    """area_ranking: the clamp, a missing domain left out of the mean (not zero), equal scores
    sharing a rank, streets ranked within their district, an area with no share not ranked."""
    import polars as pl

    from warehouse.status import area_ranking

    rows = [  # (indicator, domain, street, value, baseline, goal)
        ("i1", "garbage", "s1", 45.0, 28.0, 45.0),     # 1.0
        ("i2", "mosquito", "s1", 12.3, 12.3, 5.0),     # 0.0 → overall 0.5
        ("i1", "garbage", "s2", 36.5, 28.0, 45.0),     # 0.5; mosquito missing → overall 0.5
        ("i1", "garbage", "s3", 10.0, 28.0, 45.0),     # −1.06 → clamped to −1
        ("i2", "mosquito", "s3", 1.0, 12.3, 5.0),      # 1.55 → clamped to 1.5 → overall 0.25
        ("i1", "garbage", "s4", None, 28.0, 45.0),     # no value: not ranked
    ]
    st = pl.DataFrame({"indicator_id": [r[0] for r in rows], "area_level": ["street"] * 6,
                       "area_code": [r[2] for r in rows], "value": [r[3] for r in rows],
                       "baseline": [r[4] for r in rows], "goal": [r[5] for r in rows]})
    meta = pl.DataFrame({"indicator_id": ["i1", "i2"], "domain": ["garbage", "mosquito"]})
    parents = {"s1": "d1", "s2": "d1", "s3": "d2", "s4": "d2"}
    out = {(r["domain"], r["area_code"]): (round(r["score"], 6), r["rank"], r["domains"])
           for r in area_ranking(st, meta, "street", parents).iter_rows(named=True)}
    assert out[("overall", "s1")] == (0.5, 1, 2)
    assert out[("overall", "s2")] == (0.5, 1, 1)       # same score: same rank within d1
    assert out[("overall", "s3")] == (0.25, 1, 2)      # first within d2 (s4 has no share)
    assert out[("garbage", "s3")] == (-1.0, 1, 1) and out[("mosquito", "s3")] == (1.5, 1, 1)
    assert ("overall", "s4") not in out
    city = {r["area_code"]: r["rank"] for r in area_ranking(st, meta, "street")
            .filter(pl.col("domain") == "overall").iter_rows(named=True)}
    assert city == {"s1": 1, "s2": 1, "s3": 3}
