"""The 病媒生物 page's extras as data (pure): weekly seasons, light-trap sites over the alert
rule with labelled columns, route-index lines by child area, the four pests' control levels as
grids (areas × pests for the latest round, rounds × pests for the area), the anti-vector
facilities by trade and by child area."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from app import db
from app import formatting as F
from app.i18n import t
from warehouse import settings
from warehouse.status import COLOURS


def season_weeks(version: int, area: str, as_of: dt.date, lang: str) -> pl.DataFrame:
    """Weekly light-trap density this year and last, complete weeks by `as_of`; the season
    column reads as a year ("2026年" / "2026")."""
    weeks = db.query("season_weeks", version, indicator="mosq_light_trap_density", area=area,
                     as_of=as_of)
    return weeks.with_columns(pl.col("season").map_elements(
        lambda y: F.period(dt.date(y, 1, 1), "year", lang), return_dtype=pl.Utf8))


def alert_rule_text(sites: pl.DataFrame, lang: str) -> str:
    if settings.ALERT_RULE == "baseline":
        return t("mosq.alert_rule_baseline", lang, k=settings.ALERT_K)
    goal = sites["goal"][0] if sites.height else None
    if goal is None:
        return t("mosq.alert_rule_no_goal", lang)
    return t("mosq.alert_rule_goal", lang, goal=f"{goal:.2f}",
             stage=F.stage(sites["stage_name"][0], None, lang) if lang == "zh"
             else F.date(sites["deadline"][0]))


def alert_table(sites: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Sites over the alert, densest first, every column named in the language."""
    over = sites.filter(pl.col("alert")).with_columns(
        (pl.col("baseline_density") * settings.ALERT_K if settings.ALERT_RULE == "baseline"
         else pl.col("goal")).alias("threshold")).sort("density", "site_code",
                                                       descending=[True, False])
    return over.select(
        pl.col("site_code").alias(t("mosq.site_code", lang)),
        pl.col("site_name").alias(t("mosq.site", lang)),
        pl.col("habitat").alias(t("mosq.habitat", lang)),
        pl.col("density").round(2).alias(t("mosq.density", lang)),
        pl.col("threshold").round(2).alias(t("mosq.threshold", lang)),
        pl.col("last_survey").map_elements(F.date, return_dtype=pl.Utf8)
        .alias(t("mosq.last_survey", lang)),
        pl.col("grid_code").alias(t("mosq.grid_code", lang)))


def route_lines(version: int, area, as_of: dt.date, lang: str) -> pl.DataFrame:
    """Monthly route index of the area's children (districts of the city, streets of a district)
    with grades, complete months by `as_of`; area names in the language."""
    parent = area.code if area.level in ("city", "district") else area.code[:6]
    lines = db.query("district_series", version, indicator="route_index", grain="month",
                     parent=parent, as_of=as_of)
    names = db.area_names(version, lang)
    return lines.select(pl.col("area_code").replace_strict(names, default=None).alias("area"),
                        "period_start", "value", "grade")


def facility_table(df: pl.DataFrame, goal: float | None, lang: str) -> pl.DataFrame:
    """三防设施 by trade as a person reads it: units inspected, both pass rates (one decimal),
    and whether each meets the goal (the indicators' stage goal in force, e.g. 95%)."""
    def mark(rodent: float, fly: float) -> str:
        if goal is None:
            return F.DASH
        return t("mosq.facility_met" if min(rodent, fly) >= goal - 1e-9 else
                 "mosq.facility_below", lang, goal=f"{goal:g}")
    return pl.DataFrame({
        t("mosq.facility_trade", lang): [t(f"mosq.trade.{x}", lang) for x in df["trade"]],
        t("mosq.facility_inspected", lang): df["inspected"].cast(pl.Int64).to_list(),
        t("mosq.facility_rodent", lang): [f"{v:.1f}%" for v in df["rodent_rate"]],
        t("mosq.facility_fly", lang): [f"{v:.1f}%" for v in df["fly_rate"]],
        t("mosq.facility_goal", lang): [mark(r, f) for r, f in zip(df["rodent_rate"],
                                                                   df["fly_rate"])],
    })


def graded_ids(meta: pl.DataFrame) -> list[str]:
    """The four pests' control levels: the domain's graded indicators, in registry order."""
    return [m["indicator_id"] for m in meta.iter_rows(named=True)
            if m["domain"] == "mosquito" and m["kind"] == "grade" and m["grades"]]


def _passes(value: float, ind: dict) -> bool:
    """At or better than the pass grade (places: A = 1 …; lower is better)."""
    places = [g["grade"] for g in ind["grades"]]
    return value <= places.index(ind["pass_grade"]) + 1


def grade_cells(rows: pl.DataFrame, inds: dict[str, dict], lang: str, x: str) -> pl.DataFrame:
    """Cells of a grade grid: y the pest, x the area (x="area") or the round (x="period"), the
    grade in words and whether it passes."""
    out = []
    for r in rows.iter_rows(named=True):
        ind = inds[r["indicator_id"]]
        out.append({
            "x": (F.area_name(r, lang) if x == "area"
                  else F.period(r["period_start"], "quarter", lang)),
            "y": t(f"vector.pest.{r['indicator_id']}", lang),
            "text": F.value(r["value"], ind, lang),
            "verdict": t("vector.passed" if _passes(r["value"], ind) else "vector.failed", lang),
            "passes": _passes(r["value"], ind)})
    return pl.DataFrame(out, schema={"x": pl.Utf8, "y": pl.Utf8, "text": pl.Utf8,
                                     "verdict": pl.Utf8, "passes": pl.Boolean})


def grade_colours(lang: str) -> dict[str, str]:
    """The grade grids' colours: at or better than the pass line as on track, below as off."""
    return {t("vector.passed", lang): COLOURS["on_track"], t("vector.failed", lang):
            COLOURS["off_track"]}


@dataclass
class VectorLevels:
    period: dt.date          # the latest round (quarter) with a grade in the area or a child
    passed: int | None       # the area's pests at the pass grade or better in that round (None:
                             # the area itself has no grade that round, only its children)
    graded: int              # …out of the pests listed
    latest: pl.DataFrame     # cells: areas × pests in that round
    rounds: pl.DataFrame     # cells: the area's rounds × pests
    round_order: list[str]   # the rounds in time order, as the cells name them


def vector_levels(grades: pl.DataFrame, inds: dict[str, dict], lang: str) -> VectorLevels:
    """The grade_matrix query's rows as the page's two grids and its line of words."""
    period = grades["period_start"].max()
    latest = grades.filter(pl.col("period_start") == period)
    own = grades.filter(pl.col("is_self"))
    mine = grade_cells(latest.filter(pl.col("is_self")), inds, lang, "area")
    return VectorLevels(
        period, int(mine["passes"].sum()) if mine.height else None, len(inds),
        grade_cells(latest, inds, lang, "area"),
        grade_cells(own, inds, lang, "period"),
        [F.period(p, "quarter", lang) for p in sorted(own["period_start"].unique())])


def grade_table(cells: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The grid as a table to download: one row per cell, columns named in the language."""
    return cells.select(pl.col("x").alias(t("vector.col.area", lang)),
                        pl.col("y").alias(t("vector.col.pest", lang)),
                        pl.col("text").alias(t("vector.col.grade", lang)),
                        pl.col("verdict").alias(t("col.status", lang)))


def facilities_by_area(rodent: pl.DataFrame, fly: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The child areas' rodent- and fly-proof pass rates for one month (children_values of the
    two indicators), worst rodent-proofing first; an area without inspections reads —."""
    both = rodent.select("area_code", "name_zh", "value").join(
        fly.select("area_code", pl.col("value").alias("fly")), on="area_code", how="left")
    both = both.sort("value", "area_code", nulls_last=True)
    return pl.DataFrame({
        t("mosq.col.area", lang): [F.area_name(r, lang) for r in both.iter_rows(named=True)],
        t("mosq.facility_rodent", lang): [F.DASH if F.missing(v) else f"{v:.1f}%"
                                          for v in both["value"]],
        t("mosq.facility_fly", lang): [F.DASH if F.missing(v) else f"{v:.1f}%"
                                       for v in both["fly"]]})
