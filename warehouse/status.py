"""The one status rule (达标 / 预警 / 落后 / 数据不全) and its vocabulary, used by every page,
chart, map and export.

For an indicator, an area and an as-of date:
- only **complete periods** count: a period whose close day (`indicator_values.closes_on`: its
  last day, or for a year the registry's `year_closes`, e.g. the end of the mosquito season or
  the day a survey's result is due) is on or before the date — whatever was loaded later, so a
  past briefing never changes when data for later periods arrive;
- the **value** is the latest complete period's; the **goal in force** for it is the area's stage
  goal with the earliest deadline on or after that period's start (a district's own goal
  replacing the city's for the same stage year); after the plan's last deadline, the last goal;
- the **glide path**: a straight line from the baseline (the 基线 file; else the first value) to
  the goal at its deadline, read at the value's period end;
- when the value's period contains or follows the deadline, the deadline's own data are in: the
  "projection" is that value and the goal alone decides (达标 if met, else 落后; 逾期未达标 once the
  deadline has passed). Otherwise the projection is a least-squares line through the last
  TREND_PERIODS complete values, read at the deadline — none with fewer than MIN_TREND_POINTS;
- on_track = at or better than the glide path; at_risk = behind it but projected within the
  tolerance of the goal; off_track = otherwise; incomplete = fewer than MIN_COMPLETENESS of the
  expected units reported; no_goal / no_data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

import duckdb
import numpy as np
import polars as pl

from warehouse import queries, settings


@dataclass(frozen=True)
class Status:
    """One word of the status vocabulary: colour (with the text colour readable on it), the
    words in both languages, and the Streamlit badge colour."""
    code: str
    colour: str
    text_colour: str
    zh: str
    en: str
    badge: str

    @property
    def rgb(self) -> tuple[int, int, int]:
        h = self.colour.lstrip("#")
        return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)

    @property
    def text_rgb(self) -> tuple[int, int, int]:
        h = self.text_colour.lstrip("#")
        return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)

    def word(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


# Colours always travel with the words and the number (never colour alone).
VOCABULARY: dict[str, Status] = {s.code: s for s in (
    Status("on_track", "#2e7d32", "#ffffff", "达标", "On track", "green"),
    Status("at_risk", "#f9a825", "#212121", "预警", "At risk", "orange"),
    Status("off_track", "#c62828", "#ffffff", "落后", "Off track", "red"),
    Status("incomplete", "#9e9e9e", "#212121", "数据不全", "Incomplete data", "gray"),
    Status("no_goal", "#90a4ae", "#212121", "无阶段目标", "No stage goal", "gray"),
    Status("no_data", "#cfd8dc", "#212121", "暂无数据", "No data", "gray"),
)}
COLOURS = {k: s.colour for k, s in VOCABULARY.items()}
# An off-track value whose deadline has passed (a flag beside the status, not a status).
OVERDUE = ("逾期未达标", "Deadline passed, goal missed")
STEP_MONTHS = {"week": 0, "month": 1, "quarter": 3, "year": 12}


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
    stage_name_en: str | None = None
    stage_year: int | None = None
    baseline: float | None = None
    baseline_date: dt.date | None = None
    glide: float | None = None
    projection: float | None = None
    # "trend" (a line through recent values), "final" (the deadline's period is complete: the
    # projection is its value), "past" (a later period, the deadline long gone: its value),
    # "few_points" (too few values for a line), "grades" (a grade: never projected), None (no
    # goal or no trend wanted)
    projection_kind: str | None = None
    trend_points: int | None = None
    gap: float | None = None           # goal − value, signed so that > 0 means short of the goal
    overdue: bool = False              # the deadline has passed and the goal was missed
    reporting_units: int | None = None
    expected_units: int | None = None


def better_or_equal(a: float, b: float, direction: str) -> bool:
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


# target, deadline, stage name, stage year[, the stage's English name]
Goal = tuple[float, dt.date, str, int] | tuple[float, dt.date, str, int, str | None]


def goal_for_period(goals: list[Goal], start: dt.date) -> Goal | None:
    """The goal in force for a value of the period starting `start`: the earliest deadline on or
    after the period's start (so a year's value meets the goal due within that year); after the
    plan's last deadline, the last goal."""
    if not goals:
        return None
    ahead = sorted((g for g in goals if g[1] >= start), key=lambda g: g[1])
    return ahead[0] if ahead else max(goals, key=lambda g: g[1])


def assess(series: list[tuple[dt.date, float, int | None, int | None]], grain: str,
           direction: str, goals: list[Goal], baseline: tuple[float, dt.date] | None,
           as_of: dt.date, trend: bool = True, ceiling: float | None = None) -> Assessment:
    """series: complete periods (period_start, value, reporting_units, expected_units), oldest
    first. goals: (target, deadline, stage name, stage year) in force for this area.
    baseline: (value, date). trend=False: never project (e.g. a seasonal indicator's months).
    ceiling: the most a value can be (100 for a rate); a projection stays within [0, ceiling]."""
    if not series:
        return Assessment("no_data", period_grain=grain)
    start, value, rep, exp = series[-1]
    end = period_end(start, grain)
    out = Assessment("no_goal", value, start, grain, reporting_units=rep, expected_units=exp)
    chosen = goal_for_period(goals, start)
    if chosen is not None:
        goal, deadline, stage, year = chosen[:4]
        out.goal, out.deadline, out.stage_name, out.stage_year = goal, deadline, stage, year
        out.stage_name_en = chosen[4] if len(chosen) > 4 else None
        out.gap = (goal - value) if direction == "higher" else (value - goal)
        base_value, base_date = baseline if baseline else (series[0][1], series[0][0])
        out.baseline, out.baseline_date = base_value, base_date
        out.glide = glide_at(min(end, deadline), base_value, base_date, goal, deadline)
        met = better_or_equal(value, goal, direction)
        if end >= deadline:
            # The period holding the deadline is complete (its value is the outcome), or the
            # deadline is past and the goal stands: the value itself decides.
            out.projection = value
            out.projection_kind = "final" if start <= deadline else "past"
            out.status = "on_track" if met else "off_track"
            out.overdue = not met and as_of > deadline
        else:
            recent = series[-settings.TREND_PERIODS:]
            out.trend_points = len(recent)
            if trend:
                out.projection = project([s[0] for s in recent], [s[1] for s in recent],
                                         deadline)
                if out.projection is not None:
                    out.projection = max(0.0, out.projection if ceiling is None
                                         else min(ceiling, out.projection))
                out.projection_kind = "trend" if out.projection is not None else "few_points"
            tolerance = max(settings.TOLERANCE_SHARE * abs(goal - base_value),
                            settings.TOLERANCE_MIN_SHARE * abs(goal), 1e-9)
            if better_or_equal(value, out.glide, direction):
                out.status = "on_track"
            elif out.projection is not None and better_or_equal(
                    out.projection, goal - tolerance if direction == "higher"
                    else goal + tolerance, direction):
                out.status = "at_risk"
            else:
                out.status = "off_track"
    if exp and rep is not None and rep / exp < settings.MIN_COMPLETENESS:
        out.status = "incomplete"
    return out


def goals_by_area(con: duckdb.DuckDBPyConnection, areas: list[str],
                  indicators: list[str] | None = None) -> dict[tuple[str, str], list[Goal]]:
    """Goals in force per (indicator, area): the area's own and its ancestors', the nearest
    area's goal winning for each stage year (warehouse/sql/queries/goals_in_force.sql)."""
    rows = queries.run(con, "goals_in_force", areas=areas, indicators=indicators)
    out: dict[tuple[str, str], list[Goal]] = {}
    for g in rows.iter_rows(named=True):
        out.setdefault((g["indicator_id"], g["area_code"]), []).append(
            (g["target_value"], g["deadline"], g["stage_name"], g["year"], g["stage_name_en"]))
    return out


def status_table(con: duckdb.DuckDBPyConnection, as_of: dt.date,
                 levels: tuple[str, ...] = ("city", "district"),
                 parent: str | None = None, grain: str | None = None,
                 indicators: list[str] | None = None) -> pl.DataFrame:
    """The assessment of every indicator (or `indicators`) in every area of `levels` (only the
    children of `parent` when given), as of a date, at each indicator's status grain or at
    `grain` (then a seasonal indicator's months are not projected)."""
    rows = queries.run(con, "status_inputs", as_of=as_of, levels=list(levels),
                       periods=settings.TREND_PERIODS, parent=parent, grain=grain,
                       indicators=indicators)
    meta = {m["indicator_id"]: m for m in queries.run(con, "indicator_meta").iter_rows(named=True)}
    goals = goals_by_area(con, rows["area_code"].unique().to_list(), indicators)
    bases = queries.run(con, "baselines_in_force", areas=rows["area_code"].unique().to_list())
    base_map = {(b["indicator_id"], b["area_code"]): (b["baseline_value"], b["baseline_date"])
                for b in bases.iter_rows(named=True)}
    out = []
    for (iid, level, code, g), grp in rows.group_by(
            ["indicator_id", "area_level", "area_code", "period_grain"], maintain_order=True):
        m = meta[iid]
        grp = grp.sort("period_start")
        series = list(zip(grp["period_start"], grp["value"], grp["reporting_units"],
                          grp["expected_units"]))
        # NOTE: grades are places on a scale, not a quantity a line can be drawn through.
        trend = not (m["seasonal"] and g != m["status_grain"]) and m["kind"] != "grade"
        a = assess(series, g, m["direction"], goals.get((iid, code), []),
                   base_map.get((iid, code)), as_of, trend=trend,
                   ceiling=100.0 if m["unit"] == "%" else None)
        if m["kind"] == "grade" and a.goal is not None and a.projection_kind is None:
            a.projection_kind = "grades"
        out.append({"indicator_id": iid, "area_level": level, "area_code": code, **asdict(a)})
    schema = {"indicator_id": pl.Utf8, "area_level": pl.Utf8, "area_code": pl.Utf8,
              **{f: _dtype(f) for f in Assessment.__dataclass_fields__}}
    return pl.DataFrame(out, schema=schema)


def _dtype(field: str) -> pl.DataType:
    if field in ("status", "period_grain", "stage_name", "stage_name_en", "projection_kind"):
        return pl.Utf8
    if field in ("period_start", "deadline", "baseline_date"):
        return pl.Date
    if field in ("reporting_units", "expected_units", "stage_year", "trend_points"):
        return pl.Int64
    if field == "overdue":
        return pl.Boolean
    return pl.Float64


def severity(a: dict) -> float:
    """How far an assessment is from its goal, comparable across units: the gap as a share of the
    baseline→goal distance (1 = still at the baseline); overdue first."""
    if a.get("gap") is None:
        return 0.0
    span = abs((a.get("goal") or 0.0) - (a.get("baseline") or 0.0)) or abs(a["goal"] or 1.0) or 1.0
    return (10.0 if a.get("overdue") else 0.0) + a["gap"] / span


def progress_share(value: float | None, baseline: float | None, goal: float | None) -> float | None:
    """How far from the baseline to the goal a value has come (1 = goal reached), capped to
    [-1, 1.5] so one indicator cannot dominate a ranking."""
    if value is None or baseline is None or goal is None or abs(goal - baseline) < 1e-12:
        return None
    return max(-1.0, min(1.5, (value - baseline) / (goal - baseline)))


def area_ranking(statuses: pl.DataFrame, meta: pl.DataFrame, level: str = "district",
                 parents: dict[str, str] | None = None) -> pl.DataFrame:
    """评比, the one ranking rule (districts in the city, streets within their district):
    - each indicator with a value, a baseline and a goal in force gives the area's **progress
      share** (value − baseline) / (goal − baseline): 0 at the baseline, 1 at the goal, for
      "lower is better" indicators too; clamped to [−1, 1.5] so one indicator cannot dominate;
      indicators without a goal or a value (no data, a stage not yet set) are left out;
    - a **domain score** is the mean share of the domain's indicators, the **overall score** the
      mean of the domain scores the area has: a domain with no share (missing data) is left out
      of the mean, not counted as zero, and the `domains` column says how many counted;
    - rank 1 = the highest score within the group (the city for districts; the parent district
      for streets, from `parents`); equal scores share a rank, ordered by area code; an area
      with no share at all is not ranked.
    Scores are rounded to 1e-9 so the same data always give the same order (a group mean's last
    bits depend on summation order)."""
    rows = statuses.filter(pl.col("area_level") == level).join(
        meta.select("indicator_id", "domain"), on="indicator_id")
    rows = rows.with_columns(pl.Series("progress", [
        progress_share(v, b, g) for v, b, g in zip(rows["value"], rows["baseline"], rows["goal"])],
        dtype=pl.Float64))
    rows = rows.with_columns(pl.col("area_code").replace_strict(parents or {}, default="")
                             .alias("group"))
    by_domain = (rows.filter(pl.col("progress").is_not_null())
                 .group_by("group", "area_code", "domain")
                 .agg(pl.col("progress").mean().alias("score"), pl.len().alias("indicators")))
    overall = by_domain.group_by("group", "area_code").agg(
        pl.col("score").mean().alias("score"), pl.col("indicators").sum(),
        pl.len().alias("domains"))
    overall = overall.with_columns(pl.lit("overall").alias("domain"))
    by_domain = by_domain.with_columns(pl.lit(1, dtype=pl.UInt32).alias("domains"))
    both = pl.concat([by_domain, overall.select(by_domain.columns)]).with_columns(
        pl.col("score").round(9))
    return both.with_columns(
        pl.col("score").rank("min", descending=True).over("group", "domain").alias("rank")
    ).sort("domain", "group", "rank", "area_code").drop("group")


def district_ranking(statuses: pl.DataFrame, meta: pl.DataFrame) -> pl.DataFrame:
    """The districts of the city ranked by the one ranking rule (area_ranking)."""
    return area_ranking(statuses, meta, "district")
