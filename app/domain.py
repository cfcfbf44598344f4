"""The shared body of the four domain pages: status table, indicator trend against the stage goals
and glide path, grain switch, comparison of the area's children, drill table, provenance — all
as of the app's one date, with only complete periods."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl
import streamlit as st

from app import charts, db
from app import components as ui
from app import formatting as F
from app.i18n import current_lang, t
from app.summaries import goal_text, projection_text, reason
from warehouse.status import VOCABULARY, period_end

CHILD = {"city": "district", "district": "street", "street": "grid"}


@dataclass
class DomainContext:
    version: int
    area: ui.Area
    meta: pl.DataFrame
    statuses: pl.DataFrame
    lang: str
    as_of: dt.date

    def ind(self, indicator_id: str) -> dict:
        return self.meta.filter(pl.col("indicator_id") == indicator_id).row(0, named=True)

    def assessment(self, indicator_id: str) -> dict:
        a = self.statuses.filter(pl.col("indicator_id") == indicator_id)
        return a.row(0, named=True) if a.height else {"status": "no_data"}


def indicator_name(ind: dict, lang: str) -> str:
    return ind["name_zh"] if lang == "zh" else ind["name_en"]


def open_domain(domain: str) -> DomainContext:
    """Frame, filters and the domain's statuses for the selected area, as of the app's date."""
    version = ui.page_frame(f"nav.{domain}")
    meta_all = db.query("indicator_meta", version)
    meta = meta_all.filter(pl.col("domain") == domain)
    levels = {lv for lvs in meta["levels"].to_list() for lv in lvs}
    finest = next((lv for lv in ("grid", "street") if lv in levels), "district")
    area = ui.area_filter(version, finest=finest)
    as_of = ui.as_of()
    with st.spinner(t("loading")):
        statuses = db.statuses(version, as_of, (area.level,), area.parent_code).filter(
            pl.col("area_code") == area.code)
    ui.data_ends(version, meta["source_table"].unique().to_list())
    return DomainContext(version, area, meta, statuses, current_lang(), as_of)


def status_table(ctx: DomainContext) -> None:
    """Every indicator of the domain for the area: value and period, goal, gap in the
    indicator's unit, glide path, projection (or why none), status and why, completeness."""
    rows, raw = [], []
    lang = ctx.lang
    for ind in ctx.meta.iter_rows(named=True):
        a = ctx.assessment(ind["indicator_id"])
        rows.append({
            t("col.indicator"): indicator_name(ind, lang),
            t("col.period"): F.period(a.get("period_start"), a.get("period_grain"), lang),
            t("col.value"): F.value(a.get("value"), ind, lang, with_unit=True),
            t("col.status"): t(f"status.{a['status']}"),
            t("col.goal"): goal_text(a, ind, lang),
            t("col.gap"): F.gap(a.get("gap"), ind, lang),
            t("col.glide"): F.value(a.get("glide"), ind, lang),
            t("col.projection"): projection_text(a, ind, lang) or F.DASH,
            t("col.why"): reason(a, ind, lang),
            t("col.reporting"): (f"{a['reporting_units']}/{a['expected_units']}"
                                 if a.get("expected_units") else F.DASH),
        })
        raw.append({"indicator_id": ind["indicator_id"], t("col.indicator"): rows[-1][
            t("col.indicator")], t("col.period"): rows[-1][t("col.period")],
            t("col.value"): a.get("value"), t("col.unit"): F.unit(ind, lang),
            t("col.status"): rows[-1][t("col.status")], t("col.goal"): a.get("goal"),
            t("col.deadline"): F.date(a["deadline"]) if a.get("deadline") else None,
            t("col.gap_unit"): a.get("gap"), t("col.glide"): a.get("glide"),
            t("col.projection"): a.get("projection"),
            t("col.reporting"): rows[-1][t("col.reporting")]})
    table = pl.DataFrame(rows)
    colours = {t(f"status.{k}"): s for k, s in VOCABULARY.items()}
    st.dataframe(table.to_pandas().style.map(
        lambda v: (f"background-color:{colours[v].colour};color:{colours[v].text_colour}"
                   if v in colours else ""), subset=[t("col.status")]),
        hide_index=True, width="stretch")
    ui.downloads(pl.DataFrame(raw, infer_schema_length=None), f"{ctx.area.code}_status",
                 key="dl_status")


def pick_indicator(ctx: DomainContext, key: str = "indicator") -> dict:
    ids = ctx.meta["indicator_id"].to_list()
    names = {r["indicator_id"]: indicator_name(r, ctx.lang) for r in ctx.meta.iter_rows(named=True)}
    chosen = ui.url_widget(st.selectbox, t("col.indicator"), ids, key, ids[0],
                           format_func=lambda i: names[i])
    return ctx.ind(chosen or ids[0])


def trend_section(ctx: DomainContext, ind: dict, grain: str, key: str,
                  extra: pl.DataFrame | None = None, area: ui.Area | None = None) -> pl.DataFrame:
    """Trend of one indicator for the area (complete periods by the as-of date) with the stage
    goals in force as steps and the glide path of the goal in force."""
    area = area or ctx.area
    values = db.series(ctx.version, ind["indicator_id"], area.code, grain, ctx.as_of)
    if values.height == 0:
        st.info(t("empty.no_values"))
        return values
    goals = db.query("goals_in_force", ctx.version, areas=[area.code],
                     indicators=[ind["indicator_id"]])
    steps = charts.goal_steps(goals.to_dicts(), values["period_start"][0])
    a = ctx.assessment(ind["indicator_id"]) if area.code == ctx.area.code else {}
    glide = pl.DataFrame(schema={"date": pl.Date, "value": pl.Float64})
    if a.get("goal") is not None and a.get("baseline_date") is not None:
        glide = pl.DataFrame({"date": [a["baseline_date"], a["deadline"]],
                              "value": [a["baseline"], a["goal"]]})
    labels = {"actual": t("series.actual"), "goal": t("series.goal"), "glide": t("series.glide"),
              "period": t("col.period"), "value": t("col.value"), "stage": t("col.stage"),
              "deadline": t("col.deadline")}
    if extra is not None and extra.height:
        for s in extra["series"].unique():
            labels[s] = t(f"series.{s}")
        extra = extra.with_columns(pl.col("series").replace_strict(
            {s: t(f"series.{s}") for s in extra["series"].unique()}))
    chart = charts.trend(charts.with_gaps(values, grain), steps, glide, labels,
                         F.unit(ind, ctx.lang), ci=ind["kind"] == "survey", extra=extra,
                         grain=grain)
    st.altair_chart(chart, width="stretch")
    st.caption(t("domain.complete_only", date=F.date(ctx.as_of)))
    data = values.select(
        pl.col("period_start").alias(t("col.period")), pl.col("value").alias(t("col.value")),
        pl.col("numerator").alias(t("col.numerator")),
        pl.col("denominator").alias(t("col.denominator")),
        pl.col("reporting_units").alias(t("col.reporting_units")),
        pl.col("expected_units").alias(t("col.expected_units")),
        *([pl.col("n").alias(t("col.n")), pl.col("ci_low").alias(t("col.ci_low")),
           pl.col("ci_high").alias(t("col.ci_high"))] if ind["kind"] == "survey" else []),
        *([pl.col("grade").alias(t("col.grade"))] if has_grades(ind) else []))
    ui.downloads(data, f"{ind['indicator_id']}_{area.code}_{grain}", key=f"dl_{key}")
    ui.provenance(ctx.version, ind["indicator_id"], area, grain,
                  values["period_start"].to_list(), key=f"prov_{key}")
    return values


def has_grades(ind: dict) -> bool:
    return bool(ind.get("grades"))


def children_section(ctx: DomainContext, ind: dict, grain: str, period: dt.date,
                     key: str) -> None:
    """The area's children (districts / streets / grids) compared at one complete period, each
    bar coloured by the status of its own value and period (assessed on that period's end)."""
    child = CHILD.get(ctx.area.level)
    if child is None or child not in ind["levels"]:
        st.caption(t("empty.not_that_fine", level=t(f"level.{ctx.area.level}")))
        return
    rows = db.query("children_values", ctx.version, indicator=ind["indicator_id"], grain=grain,
                    period=period, parent=ctx.area.code)
    if rows.filter(pl.col("value").is_not_null()).height == 0:
        st.info(t("empty.no_values"))
        return
    lang = ctx.lang
    statuses = db.statuses(ctx.version, period_end(period, grain), (child,), ctx.area.code,
                           grain=grain, indicators=(ind["indicator_id"],))
    statuses = statuses.filter(pl.col("period_start") == period).select("area_code", "status")
    names = ui.area_names(ctx.version)
    labels_map = ui.status_labels()
    rows = rows.join(statuses, on="area_code", how="left").with_columns(
        pl.col("status").fill_null("no_data"),
        pl.col("area_code").replace_strict(names, default=None).alias("area"))
    df = rows.select("area", "value", pl.col("status").replace_strict(labels_map)
                     .alias("status_label"))
    domain, rng = charts.status_scale(labels_map)
    goal = ctx.assessment(ind["indicator_id"]).get("goal")
    assessed = t("col.status_of_period", period=F.period(period, grain, lang))
    st.altair_chart(charts.comparison(
        df, goal, {"value": t("col.value"), "status": assessed, "area": t("col.area"),
                   "goal": t("col.goal"), "status_domain": domain, "status_range": rng,
                   "sort_desc": ind["direction"] == "higher",
                   "format": f".{F.decimals(ind)}f"}, F.unit(ind, lang)), width="stretch")
    st.caption(t("domain.children_rule", period=F.period(period, grain, lang)))
    display = rows.select(
        pl.col("area_code").alias(t("col.area_code")), pl.col("area").alias(t("col.area")),
        pl.col("value").map_elements(lambda v: F.value(v, ind, lang), return_dtype=pl.Utf8)
        .alias(t("col.value")),
        pl.col("status").replace_strict(labels_map).alias(assessed),
        pl.concat_str([pl.col("reporting_units").cast(pl.Utf8),
                       pl.col("expected_units").cast(pl.Utf8)], separator="/")
        .fill_null(F.DASH).alias(t("col.reporting")),
        *([pl.col("grade").fill_null(F.DASH).alias(t("col.grade"))] if has_grades(ind) else []))
    st.dataframe(display, hide_index=True, width="stretch")
    data = rows.select(
        pl.col("area_code").alias(t("col.area_code")), pl.col("area").alias(t("col.area")),
        pl.col("value").alias(t("col.value")),
        pl.col("status").replace_strict(labels_map).alias(assessed),
        pl.col("numerator").alias(t("col.numerator")),
        pl.col("denominator").alias(t("col.denominator")),
        pl.col("reporting_units").alias(t("col.reporting_units")),
        pl.col("expected_units").alias(t("col.expected_units")),
        *([pl.col("grade").alias(t("col.grade"))] if has_grades(ind) else []))
    ui.downloads(data, f"{ind['indicator_id']}_{ctx.area.code}_children", key=f"dl_{key}")


def national_series(ind: dict) -> pl.DataFrame | None:
    """The registry's national reference values (health literacy) as an extra trend series."""
    series = ind.get("national_series") or []
    if not series:
        return None
    return pl.DataFrame({"period_start": [dt.date(s["year"], 1, 1) for s in series],
                         "value": [s["value"] for s in series],
                         "series": ["national"] * len(series)})


def standard_body(ctx: DomainContext, extras: Callable[[DomainContext, dict, str,
                                                          pl.DataFrame], None] | None = None
                  ) -> None:
    """The default page body: status table, then the chosen indicator's trend and children."""
    status_table(ctx)
    st.divider()
    ind = pick_indicator(ctx)
    grains = list(ind["grains"])
    grain = ui.grain_switch(grains, default="month" if "month" in grains else grains[-1])
    st.caption(f"{ind['formula']} · {t('direction.' + ind['direction'])}")
    values = trend_section(ctx, ind, grain, key="main", extra=national_series(ind))
    if values.height:
        latest = values["period_start"][-1]
        st.subheader(F.md(f"{t('col.area')}: {ctx.area.name} → "
                          f"{F.period(latest, grain, ctx.lang)}"))
        children_section(ctx, ind, grain, latest, key="children")
    if extras is not None:
        extras(ctx, ind, grain, values)
    ui.footer(ctx.version)
