"""The one status rule (达标 / 预警 / 落后 / 数据不全) used by every page, chart, map and export.

For an indicator, an area and a date:
- the stage goal in force: the nearest deadline on or after the date (once every deadline has
  passed, the last one) among the city's goals, a district's own goal replacing the city's for
  the same stage year;
- the glide path: a straight line from the baseline (the 基线 file; else the first observed
  value) to the goal at its deadline;
- the projection: a least-squares line through the last TREND_PERIODS values at the status grain
  (month; year for surveys and seasonal indicators, so like seasons are compared), read at the
  deadline.
on_track = at or better than the glide path (or the goal, once its deadline has passed);
at_risk = behind, but projected within the tolerance of the goal; off_track = otherwise;
incomplete = fewer than MIN_COMPLETENESS of the expected units reported; no_goal / no_data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

import duckdb
import numpy as np
import polars as pl

from warehouse import queries, settings

STATUSES = ("on_track", "at_risk", "off_track", "incomplete", "no_goal", "no_data")
# Colours always travel with the words and the number (never colour alone).
COLOURS = {"on_track": "#2e7d32", "at_risk": "#f9a825", "off_track": "#c62828",
           "incomplete": "#9e9e9e", "no_goal": "#90a4ae", "no_data": "#cfd8dc"}
LABELS = {
    "on_track": ("达标", "On track"), "at_risk": ("预警", "At risk"),
    "off_track": ("落后", "Off track"), "incomplete": ("数据不全", "Incomplete data"),
    "no_goal": ("无阶段目标", "No stage goal"), "no_data": ("暂无数据", "No data"),
}
STEP_MONTHS = {"week": 0, "month": 1, "quarter": 3, "year": 12}


def label(status: str, lang: str = "zh") -> str:
    zh, en = LABELS[status]
    return zh if lang == "zh" else en


def period_end(start: dt.date, grain: str) -> dt.date:
    if grain == "week":
        return start + dt.timedelta(days=6)
    months = STEP_MONTHS[grain]
    y, m = divmod(start.month - 1 + months, 12)
    return dt.date(start.year + y, m + 1, 1) - dt.timedelta(days=1)


@dataclass
class Assessment:
    status: str
    value: float | None = None
    period_start: dt.date | None = None
    period_grain: str | None = None
    goal: float | None = None
    deadline: dt.date | None = None
    stage_name: str | None = None
    baseline: float | None = None
    baseline_date: dt.date | None = None
    glide: float | None = None
    projection: float | None = None
    gap: float | None = None           # goal − value, signed so that > 0 means short of the goal
    reporting_units: int | None = None
    expected_units: int | None = None


def _better_or_equal(a: float, b: float, direction: str) -> bool:
    return a >= b - 1e-9 if direction == "higher" else a <= b + 1e-9


def glide_at(day: dt.date, baseline: float, baseline_date: dt.date, goal: float,
             deadline: dt.date) -> float:
    if day >= deadline or deadline <= baseline_date:
        return goal
    if day <= baseline_date:
        return baseline
    share = (day - baseline_date).days / (deadline - baseline_date).days
    return baseline + (goal - baseline) * share


def project(dates: list[dt.date], values: list[float], deadline: dt.date) -> float | None:
    """Least-squares line through (date, value), read at the deadline."""
    if len(values) < settings.MIN_TREND_POINTS:
        return None
    x = np.array([d.toordinal() for d in dates], dtype=float)
    if np.ptp(x) == 0:
        return None
    slope, intercept = np.polyfit(x - x.mean(), np.array(values, dtype=float), 1)
    return float(intercept + slope * (deadline.toordinal() - x.mean()))


def assess(series: list[tuple[dt.date, float, int | None, int | None]], grain: str,
           direction: str, goals: list[tuple[float, dt.date, str]],
           baseline: tuple[float, dt.date] | None, as_of: dt.date) -> Assessment:
    """series: (period_start, value, reporting_units, expected_units), oldest first, ≤ as_of.
    goals: (target, deadline, stage name) in force for this area. baseline: (value, date)."""
    if not series:
        return Assessment("no_data", period_grain=grain)
    start, value, rep, exp = series[-1]
    day = min(period_end(start, grain), as_of)
    out = Assessment("no_goal", value, start, grain, reporting_units=rep, expected_units=exp)
    if goals:
        ahead = sorted((g for g in goals if g[1] >= day), key=lambda g: g[1])
        goal, deadline, stage = ahead[0] if ahead else max(goals, key=lambda g: g[1])
        out.goal, out.deadline, out.stage_name = goal, deadline, stage
        out.gap = (goal - value) if direction == "higher" else (value - goal)
        base_value, base_date = baseline if baseline else (series[0][1], series[0][0])
        out.baseline, out.baseline_date = base_value, base_date
        out.glide = glide_at(day, base_value, base_date, goal, deadline)
        if day < deadline:
            recent = series[-settings.TREND_PERIODS:]
            out.projection = project([s[0] for s in recent], [s[1] for s in recent], deadline)
        tolerance = max(settings.TOLERANCE_SHARE * abs(goal - base_value),
                        settings.TOLERANCE_MIN_SHARE * abs(goal), 1e-9)
        if _better_or_equal(value, out.glide, direction):
            out.status = "on_track"
        elif out.projection is not None and _better_or_equal(
                out.projection, goal - tolerance if direction == "higher" else goal + tolerance,
                direction):
            out.status = "at_risk"
        else:
            out.status = "off_track"
    if exp and rep is not None and rep / exp < settings.MIN_COMPLETENESS:
        out.status = "incomplete"
    return out


def status_table(con: duckdb.DuckDBPyConnection, as_of: dt.date,
                 levels: tuple[str, ...] = ("city", "district"),
                 parent: str | None = None) -> pl.DataFrame:
    """The assessment of every indicator in every area of `levels` (only the children of
    `parent` when given), as of a date."""
    rows = queries.run(con, "status_inputs", as_of=as_of, levels=list(levels),
                       periods=settings.TREND_PERIODS, parent=parent)
    goals = queries.run(con, "status_goals")
    meta = queries.run(con, "indicator_meta")
    parents = dict(queries.run(con, "area_parents").iter_rows())
    goal_map: dict[tuple[str, str], dict[int, tuple]] = {}
    for g in goals.iter_rows(named=True):
        goal_map.setdefault((g["indicator_id"], g["area_code"]), {})[g["year"]] = (
            g["target_value"], g["deadline"], g["stage_name"])
    base_map = {(b["indicator_id"], b["area_code"]): (b["baseline_value"], b["baseline_date"])
                for b in queries.run(con, "status_baselines").iter_rows(named=True)}
    info = {m["indicator_id"]: m for m in meta.iter_rows(named=True)}
    out = []
    for (iid, level, code), grp in rows.group_by(["indicator_id", "area_level", "area_code"],
                                                 maintain_order=True):
        m = info[iid]
        grp = grp.sort("period_start")
        series = list(zip(grp["period_start"], grp["value"], grp["reporting_units"],
                          grp["expected_units"]))
        chain = [code, *_ancestors(code, parents)]
        # A district's own goal replaces the city's for the same stage year; other years keep
        # the city's goals.
        by_year: dict[int, tuple] = {}
        for c in reversed(chain):
            by_year.update(goal_map.get((iid, c), {}))
        goal_list = list(by_year.values())
        baseline = next((base_map[(iid, c)] for c in chain if (iid, c) in base_map), None)
        a = assess(series, m["status_grain"], m["direction"], goal_list, baseline, as_of)
        out.append({"indicator_id": iid, "area_level": level, "area_code": code, **asdict(a)})
    schema = {"indicator_id": pl.Utf8, "area_level": pl.Utf8, "area_code": pl.Utf8,
              **{f: _dtype(f) for f in Assessment.__dataclass_fields__}}
    return pl.DataFrame(out, schema=schema)


def _ancestors(code: str, parents: dict[str, str | None]) -> list[str]:
    chain = []
    while (code := parents.get(code)) is not None and code not in chain:
        chain.append(code)
    return chain


def _dtype(field: str) -> pl.DataType:
    if field in ("status", "period_grain", "stage_name"):
        return pl.Utf8
    if field in ("period_start", "deadline", "baseline_date"):
        return pl.Date
    if field in ("reporting_units", "expected_units"):
        return pl.Int64
    return pl.Float64


def progress_share(value: float | None, baseline: float | None, goal: float | None) -> float | None:
    """How far from the baseline to the goal a value has come (1 = goal reached), capped to
    [-1, 1.5] so one indicator cannot dominate a ranking."""
    if value is None or baseline is None or goal is None or abs(goal - baseline) < 1e-12:
        return None
    return max(-1.0, min(1.5, (value - baseline) / (goal - baseline)))


def district_ranking(statuses: pl.DataFrame, meta: pl.DataFrame) -> pl.DataFrame:
    """评比: per district, each domain's mean progress share over its indicators with a goal, and
    the overall mean of the domain scores; rank 1 = furthest along."""
    rows = statuses.filter(pl.col("area_level") == "district").join(
        meta.select("indicator_id", "domain"), on="indicator_id")
    rows = rows.with_columns(pl.struct("value", "baseline", "goal").map_elements(
        lambda r: progress_share(r["value"], r["baseline"], r["goal"]),
        return_dtype=pl.Float64).alias("progress"))
    by_domain = (rows.filter(pl.col("progress").is_not_null())
                 .group_by("area_code", "domain").agg(pl.col("progress").mean().alias("score"),
                                                      pl.len().alias("indicators")))
    overall = by_domain.group_by("area_code").agg(pl.col("score").mean().alias("score"),
                                                  pl.col("indicators").sum())
    overall = overall.with_columns(pl.lit("overall").alias("domain"))
    both = pl.concat([by_domain, overall.select(by_domain.columns)])
    return both.with_columns(
        pl.col("score").rank("ordinal", descending=True).over("domain").alias("rank")
    ).sort("domain", "rank")
