"""The status rule on literal cases: glide path, projection, tolerance, completeness, deadlines."""

import datetime as dt

import pytest

from warehouse import settings
from warehouse.status import assess, glide_at, period_end, progress_share, project

D = dt.date
GOAL_2026 = [(45.0, D(2026, 12, 31), "巩固迎检年")]
BASE = (28.0, D(2022, 12, 31))


JAN_2026 = D(2026, 1, 1)


def monthly(values, start=JAN_2026, rep=60, exp=60):
    return [(D(start.year, start.month + i, 1), v, rep, exp) for i, v in enumerate(values)]


def test_glide_path_is_a_straight_line_to_the_deadline():
    # 2022-12-31 → 2026-12-31 is 1461 days; 2024-12-31 is day 731.
    assert glide_at(D(2024, 12, 31), 28.0, D(2022, 12, 31), 45.0, D(2026, 12, 31)) == \
        pytest.approx(28.0 + 17.0 * 731 / 1461)
    assert glide_at(D(2027, 3, 1), 28.0, D(2022, 12, 31), 45.0, D(2026, 12, 31)) == 45.0


def test_projection_is_the_least_squares_line_at_the_deadline():
    days = [D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1)]
    # exactly linear: +1 per 31/28 days is not linear in days, so use values linear in days
    values = [10.0 + 0.1 * (d - days[0]).days for d in days]
    assert project(days, values, D(2026, 12, 31)) == pytest.approx(10.0 + 0.1 * 364)
    assert project(days[:2], values[:2], D(2026, 12, 31)) is None   # too few points


def test_on_track_at_risk_and_off_track():
    # glide at 2026-10-31: 28 + 17 × 1400/1461 = 44.29
    on = assess(monthly([43.0] * 9 + [44.5]), "month", "higher", GOAL_2026, BASE, D(2026, 11, 5))
    assert on.status == "on_track" and on.glide == pytest.approx(28 + 17 * 1400 / 1461)
    rising = [40.0 + 0.5 * i for i in range(10)]          # 44.5 at Oct, projected ≈ 45.5
    risk = assess(monthly(rising[:-1] + [44.0]), "month", "higher", GOAL_2026, BASE,
                  D(2026, 11, 5))
    assert risk.status == "at_risk" and risk.projection > 45.0 - 0.1 * 17
    flat = assess(monthly([40.0] * 10), "month", "higher", GOAL_2026, BASE, D(2026, 11, 5))
    assert flat.status == "off_track" and flat.gap == pytest.approx(5.0)


def test_lower_is_better_direction():
    goal = [(5.0, D(2026, 12, 31), "巩固迎检年")]
    a = assess([(D(2025, 1, 1), 9.0, 1, 1), (D(2026, 1, 1), 5.5, 1, 1)], "year", "lower", goal,
               (12.3, D(2023, 12, 31)), D(2026, 11, 22))
    # glide at 2026-11-22: 12.3 − 7.3 × 1057/1096 = 5.26; 5.5 is behind it
    assert a.glide == pytest.approx(12.3 - 7.3 * 1057 / 1096)
    assert a.status in ("at_risk", "off_track")
    assert a.gap == pytest.approx(0.5)


def test_incomplete_when_too_few_units_report():
    a = assess(monthly([50.0] * 10, rep=60, exp=80), "month", "higher", GOAL_2026, BASE,
               D(2026, 11, 5))
    assert 60 / 80 < settings.MIN_COMPLETENESS and a.status == "incomplete"


def test_after_the_deadline_the_goal_itself_decides():
    goal = [(90.0, D(2025, 12, 31), "全面提升年")]
    met = assess(monthly([91.0] * 3), "month", "higher", goal, None, D(2026, 4, 1))
    missed = assess(monthly([85.0] * 3), "month", "higher", goal, None, D(2026, 4, 1))
    assert met.status == "on_track" and met.projection is None
    assert missed.status == "off_track"


def test_nearest_deadline_ahead_is_in_force():
    goals = [(35.0, D(2025, 12, 31), "全面提升年"), (45.0, D(2026, 12, 31), "巩固迎检年")]
    a = assess(monthly([30.0] * 3, start=D(2025, 3, 1)), "month", "higher", goals, BASE,
               D(2025, 6, 1))
    assert (a.goal, a.stage_name) == (35.0, "全面提升年")


def test_no_goal_and_no_data():
    assert assess([], "month", "higher", GOAL_2026, BASE, D(2026, 1, 1)).status == "no_data"
    assert assess(monthly([1.0]), "month", "higher", [], None, D(2026, 3, 1)).status == "no_goal"


def test_period_end_and_progress_share():
    assert period_end(D(2026, 10, 1), "quarter") == D(2026, 12, 31)
    assert period_end(D(2026, 11, 16), "week") == D(2026, 11, 22)
    assert progress_share(36.5, 28.0, 45.0) == pytest.approx(0.5)
    assert progress_share(8.65, 12.3, 5.0) == pytest.approx(0.5)   # lower is better too
