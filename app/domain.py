"""The shared body of the four domain pages: status table, indicator trend against the stage goals
and glide path, grain switch, comparison of the area's children, drill table, provenance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl
import streamlit as st

from app import charts, db
from app import components as ui
from app.i18n import current_lang, t

CHILD = {"city": "district", "district": "street", "street": "grid"}


@dataclass
class DomainContext:
    version: int
    area: ui.Area
    meta: pl.DataFrame
    statuses: pl.DataFrame
    lang: str
    today: dt.date

    def ind(self, indicator_id: str) -> dict:
        return self.meta.filter(pl.col("indicator_id") == indicator_id).row(0, named=True)


def indicator_name(ind: dict, lang: str) -> str:
    return ind["name_zh"] if lang == "zh" else ind["name_en"]


def open_domain(domain: str) -> DomainContext:
    """Frame, filters and the domain's statuses for the selected area."""
    version = ui.page_frame(f"nav.{domain}")
    meta_all = db.query("indicator_meta", version)
    meta = meta_all.filter(pl.col("domain") == domain)
    finest = "grid" if any("grid" in lv for lv in meta["levels"]) else "street"
    area = ui.area_filter(version, finest=finest)
    today = dt.date.today()
    with st.spinner(t("loading")):
        statuses = db.statuses(version, today, (area.level,), area.parent_code).filter(
            pl.col("area_code") == area.code)
    return DomainContext(version, area, meta, statuses, current_lang(), today)


def status_table(ctx: DomainContext) -> None:
    """Every indicator of the domain for the area: value, period, goal, status, completeness."""
    rows = []
    for ind in ctx.meta.iter_rows(named=True):
        a = ctx.statuses.filter(pl.col("indicator_id") == ind["indicator_id"])
        a = a.row(0, named=True) if a.height else {"status": "no_data"}
        rows.append({
            t("col.indicator"): indicator_name(ind, ctx.lang),
            t("col.value"): ui.fmt_value(ind["format"], a.get("value")),
            t("col.unit"): ind["unit"],
            t("col.period"): ui.period_label(a.get("period_start"), a.get("period_grain") or ""),
            t("col.status"): t(f"status.{a['status']}"),
            t("col.goal"): ui.fmt_value(ind["format"], a.get("goal")),
            t("col.deadline"): a["deadline"].isoformat() if a.get("deadline") else "—",
            t("col.glide"): ui.fmt_value(ind["format"], a.get("glide")),
            t("col.projection"): ui.fmt_value(ind["format"], a.get("projection")),
            t("col.reporting"): (f"{a['reporting_units']}/{a['expected_units']}"
                                 if a.get("expected_units") else "—"),
        })
    table = pl.DataFrame(rows)
    colours = {t(f"status.{k}"): v for k, v in ui.COLOURS.items()}
    st.dataframe(table.to_pandas().style.map(
        lambda v: f"background-color:{colours[v]};color:white" if v in colours else "",
        subset=[t("col.status")]), hide_index=True, width="stretch")
    ui.downloads(table, f"{ctx.area.code}_status", key="dl_status")


def pick_indicator(ctx: DomainContext, key: str = "indicator") -> dict:
    ids = ctx.meta["indicator_id"].to_list()
    names = {r["indicator_id"]: indicator_name(r, ctx.lang) for r in ctx.meta.iter_rows(named=True)}
    chosen = ui.url_widget(st.selectbox, t("col.indicator"), ids, key, ids[0],
                           format_func=lambda i: names[i])
    return ctx.ind(chosen or ids[0])


def goals_for(ctx: DomainContext, indicator_id: str, area_code: str) -> list[dict]:
    """Stage goals for the area: per stage year, the nearest area's (a district's own first)."""
    rows = db.query("goals_for", ctx.version, indicator=indicator_id, area=area_code)
    by_year: dict[int, dict] = {}
    for r in rows.sort("depth", descending=True).iter_rows(named=True):
        by_year[r["year"]] = r
    return sorted(by_year.values(), key=lambda r: r["deadline"])


def trend_section(ctx: DomainContext, ind: dict, grain: str, key: str,
                  extra: pl.DataFrame | None = None, area: ui.Area | None = None) -> pl.DataFrame:
    """Trend of one indicator for the area with stage-goal steps and the glide path."""
    area = area or ctx.area
    values = db.query("series", ctx.version, indicator=ind["indicator_id"], area=area.code,
                      grain=grain)
    if values.height == 0:
        st.info(t("empty.no_values"))
        return values
    goals = goals_for(ctx, ind["indicator_id"], area.code)
    first = values["period_start"][0]
    steps = charts.goal_steps(goals, first)
    a = ctx.statuses.filter(pl.col("indicator_id") == ind["indicator_id"])
    glide = pl.DataFrame(schema={"date": pl.Date, "value": pl.Float64})
    if a.height and a["goal"][0] is not None:
        # The glide path: a straight line from the baseline to the goal in force at its deadline.
        glide = pl.DataFrame({"date": [a["baseline_date"][0], a["deadline"][0]],
                              "value": [a["baseline"][0], a["goal"][0]]})
    labels = {"actual": t("series.actual"), "goal": t("series.goal"), "glide": t("series.glide"),
              "period": t("col.period"), "value": t("col.value"), "stage": t("col.stage"),
              "deadline": t("col.deadline")}
    if extra is not None and extra.height:
        for s in extra["series"].unique():
            labels[s] = t(f"series.{s}")
        extra = extra.with_columns(pl.col("series").map_elements(lambda s: t(f"series.{s}"),
                                                                 return_dtype=pl.Utf8))
    chart = charts.trend(charts.with_gaps(values, grain), steps, glide, labels, ind["unit"],
                         ci=ind["kind"] == "survey", extra=extra)
    st.altair_chart(chart, width="stretch")
    data = values.select(
        pl.col("period_start").alias(t("col.period")), pl.col("value").alias(t("col.value")),
        pl.col("numerator").alias(t("col.numerator")),
        pl.col("denominator").alias(t("col.denominator")),
        pl.col("reporting_units"), pl.col("expected_units"),
        *([pl.col("n").alias(t("col.n")), pl.col("ci_low"), pl.col("ci_high")]
          if ind["kind"] == "survey" else []),
        *([pl.col("grade").alias(t("col.grade"))] if ind["grades"] != "[]" else []))
    ui.downloads(data, f"{ind['indicator_id']}_{area.code}_{grain}", key=f"dl_{key}")
    ui.provenance(ctx.version, ind["indicator_id"], area, grain,
                  values["period_start"].to_list(), key=f"prov_{key}")
    return values


def children_section(ctx: DomainContext, ind: dict, grain: str, period: dt.date,
                     key: str) -> None:
    """The area's children (districts / streets / grids) compared at one period, coloured by
    the status rule; falls back to the finest level the source has."""
    child = CHILD.get(ctx.area.level)
    if child is None or child not in ind["levels"].split(","):
        st.caption(t("empty.not_that_fine", level=t(f"level.{ctx.area.level}")))
        return
    rows = db.query("children_values", ctx.version, indicator=ind["indicator_id"], grain=grain,
                    period=period, parent=ctx.area.code)
    if rows.filter(pl.col("value").is_not_null()).height == 0:
        st.info(t("empty.no_values"))
        return
    statuses = db.statuses(ctx.version, ctx.today, (child,), ctx.area.code).filter(
        pl.col("indicator_id") == ind["indicator_id"]).select("area_code", "status")
    rows = rows.join(statuses, on="area_code", how="left").with_columns(
        pl.col("status").fill_null("no_data"))
    labels_map = ui.status_labels()
    df = rows.select(pl.col("name_zh").alias("area"), pl.col("value"),
                     pl.col("status"), pl.col("status").replace_strict(labels_map)
                     .alias("status_label"))
    domain, rng = charts.status_scale(labels_map)
    goal = ctx.statuses.filter(pl.col("indicator_id") == ind["indicator_id"])["goal"]
    st.altair_chart(charts.comparison(
        df, goal[0] if goal.len() else None,
        {"value": t("col.value"), "status": t("col.status_now"), "area": t("col.area"),
         "goal": t("col.goal"), "status_domain": domain, "status_range": rng,
         "sort_desc": ind["direction"] == "higher"}, ind["unit"]), width="stretch")
    table = rows.select(
        pl.col("area_code").alias(t("col.area_code")), pl.col("name_zh").alias(t("col.area")),
        pl.col("value").round(3).alias(t("col.value")),
        pl.col("status").replace_strict(labels_map).alias(t("col.status_now")),
        pl.col("numerator").alias(t("col.numerator")),
        pl.col("denominator").alias(t("col.denominator")),
        pl.concat_str([pl.col("reporting_units").cast(pl.Utf8),
                       pl.col("expected_units").cast(pl.Utf8)], separator="/")
        .alias(t("col.reporting")),
        *([pl.col("grade").alias(t("col.grade"))] if ind["grades"] != "[]" else []))
    st.dataframe(table, hide_index=True, width="stretch")
    ui.downloads(table, f"{ind['indicator_id']}_{ctx.area.code}_children", key=f"dl_{key}")


def national_series(ind: dict) -> pl.DataFrame | None:
    """The registry's national reference values (health literacy) as an extra trend series."""
    import json

    series = json.loads(ind.get("national_series") or "{}")
    if not series:
        return None
    return pl.DataFrame({"period_start": [dt.date(int(y), 1, 1) for y in series],
                         "value": [float(v) for v in series.values()],
                         "series": ["national"] * len(series)})


def standard_body(ctx: DomainContext, extras: Callable[[DomainContext, dict, str,
                                                          pl.DataFrame], None] | None = None
                  ) -> None:
    """The default page body: status table, then the chosen indicator's trend and children."""
    status_table(ctx)
    st.divider()
    ind = pick_indicator(ctx)
    grains = ind["grains"].split(",")
    grain = ui.grain_switch(grains, default="month" if "month" in grains else grains[-1])
    st.caption(f"{ind['formula']} · {t('direction.' + ind['direction'])}")
    values = trend_section(ctx, ind, grain, key="main", extra=national_series(ind))
    if values.height:
        latest = values["period_start"][-1]
        st.subheader(f"{t('col.area')}: {ctx.area.name} → {ui.period_label(latest, grain)}")
        children_section(ctx, ind, grain, latest, key="children")
    if extras is not None:
        extras(ctx, ind, grain, values)
    ui.footer(ctx.version)
