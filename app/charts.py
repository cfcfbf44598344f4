"""Pure chart builders (altair, no streamlit): trends against stage goals, comparisons, breakdowns.
Tested through `chart.to_dict()`."""

from __future__ import annotations

import datetime as dt

import altair as alt
import polars as pl

from warehouse.status import COLOURS

# NOTE: a font *list*: a single missing font renders exported PNG/PDF with no text at all.
FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"
SERIES_COLOURS = {"actual": "#1565c0", "goal": "#c62828", "glide": "#757575",
                  "last_year": "#90caf9", "national": "#6a1b9a"}


def _config(chart: alt.Chart) -> alt.Chart:
    return chart.configure(font=FONT).configure_axis(labelFont=FONT, titleFont=FONT) \
        .configure_legend(labelFont=FONT, titleFont=FONT, orient="bottom")


def trend(values: pl.DataFrame, goals: pl.DataFrame, glide: pl.DataFrame, labels: dict,
          unit: str, ci: bool = False, extra: pl.DataFrame | None = None,
          grain: str = "month") -> alt.Chart:
    """values: period_start, value[, ci_low, ci_high]; goals: start, end, target (one step per
    stage); glide: date, value; extra: period_start, value, series (e.g. last year, national).
    labels: series key → display name, plus 'period', 'value'."""
    # NOTE: numeric date labels read the same in Chinese and English (no month names).
    x = alt.X("period_start:T", title=labels["period"],
              axis=alt.Axis(format="%Y" if grain == "year" else "%Y-%m",
                            tickCount="year" if grain == "year" else alt.Undefined))
    names = [labels[k] for k in ("actual", "goal", "glide", "last_year", "national") if k in labels]
    colours = [SERIES_COLOURS[k] for k in ("actual", "goal", "glide", "last_year", "national")
               if k in labels]
    colour = alt.Color("series:N", title=None, scale=alt.Scale(domain=names, range=colours))
    y_title = f"{labels['value']} ({unit})"
    actual = values.with_columns(pl.lit(labels["actual"]).alias("series"))
    layers = [alt.Chart(actual).mark_line(point=True).encode(
        x, alt.Y("value:Q", title=y_title), colour,
        tooltip=[alt.Tooltip("period_start:T", title=labels["period"]),
                 alt.Tooltip("value:Q", title=labels["value"], format=".2f")])]
    if ci and "ci_low" in values.columns:
        layers.insert(0, alt.Chart(values).mark_area(opacity=0.2, color=SERIES_COLOURS["actual"])
                      .encode(x, alt.Y("ci_low:Q", title=y_title), alt.Y2("ci_high:Q")))
    if extra is not None and extra.height:
        layers.append(alt.Chart(extra).mark_line(strokeDash=[2, 2], point=True).encode(
            x, alt.Y("value:Q", title=y_title), colour,
            tooltip=["series:N", alt.Tooltip("period_start:T", title=labels["period"]),
                     alt.Tooltip("value:Q", title=labels["value"], format=".2f")]))
    if goals.height:
        g = goals.with_columns(pl.lit(labels["goal"]).alias("series"))
        layers.append(alt.Chart(g).mark_rule(strokeWidth=3).encode(
            alt.X("start:T", title=labels["period"]), alt.X2("end:T"),
            alt.Y("target:Q", title=y_title), colour,
            tooltip=[alt.Tooltip("stage:N", title=labels.get("stage", "stage")),
                     alt.Tooltip("target:Q", title=labels["goal"]),
                     alt.Tooltip("end:T", title=labels.get("deadline", "deadline"))]))
    if glide.height:
        gl = glide.with_columns(pl.lit(labels["glide"]).alias("series"))
        layers.append(alt.Chart(gl).mark_line(strokeDash=[6, 4]).encode(
            alt.X("date:T", title=labels["period"]), alt.Y("value:Q", title=y_title), colour))
    return _config(alt.layer(*layers).properties(height=320, width="container"))


def comparison(df: pl.DataFrame, goal: float | None, labels: dict, unit: str) -> alt.Chart:
    """Horizontal bars per area (names read level), in value order (best first), each coloured
    by the status of its own value and period; value labels beside the bars on a white halo so
    the goal line never strikes through them. df: area, value, status_label."""
    rows = df.filter(pl.col("value").is_not_null())
    order = rows.sort(["value", "area"], descending=[labels.get("sort_desc", True), False])
    order = order["area"].to_list()
    fmt = labels.get("format", ".1f")
    y = alt.Y("area:N", sort=order, title=None,
              axis=alt.Axis(labelLimit=260, labelOverlap=False, labelFontSize=12))
    # NOTE: room on the right for the value labels beyond the longest bar and the goal line.
    top = max([*rows["value"].to_list(), goal or 0.0, 0.0]) * 1.12 or 1.0
    x = alt.X("value:Q", title=f"{labels['value']} ({unit})",
              scale=alt.Scale(domain=[0, top], nice=False))
    bars = alt.Chart(rows).mark_bar().encode(
        y, x, alt.Color("status_label:N", title=labels["status"],
                        scale=alt.Scale(domain=labels["status_domain"],
                                        range=labels["status_range"]),
                        legend=alt.Legend(labelLimit=400, titleLimit=600)),
        tooltip=[alt.Tooltip("area:N", title=labels["area"]),
                 alt.Tooltip("value:Q", title=labels["value"], format=fmt),
                 alt.Tooltip("status_label:N", title=labels["status"])])
    text = alt.Chart(rows).encode(y, x, alt.Text("value:Q", format=fmt))
    halo = text.mark_text(align="left", dx=4, fontSize=11, stroke="#ffffff", strokeWidth=4,
                          strokeJoin="round")
    label = text.mark_text(align="left", dx=4, fontSize=11, color="#333333")
    layers = []
    if goal is not None:
        layers.append(alt.Chart(pl.DataFrame({"goal": [goal]})).mark_rule(
            color=SERIES_COLOURS["goal"], strokeDash=[6, 3], strokeWidth=2).encode(
            x=alt.X("goal:Q"), tooltip=[alt.Tooltip("goal:Q", title=labels["goal"])]))
    layers += [bars, halo, label]
    # NOTE: Streamlit sizes charts with autosize "fit": the height includes the x axis and the
    # legend below, so they are added to the bars' own share.
    height = 30 * max(len(order), 2) + 110
    return _config(alt.layer(*layers).properties(height=height, width="container"))


def status_scale(lang_labels: dict[str, str]) -> tuple[list[str], list[str]]:
    """(domain, range) of the status colour scale in the display language."""
    keys = list(COLOURS)
    return [lang_labels[k] for k in keys], [COLOURS[k] for k in keys]


def breakdown(df: pl.DataFrame, labels: dict, reference: float | None = None) -> alt.Chart:
    """Weighted shares by group with 95% CI error bars; df: group, value, ci_low, ci_high, n."""
    base = alt.Chart(df)
    points = base.mark_bar(opacity=0.8, color=SERIES_COLOURS["actual"]).encode(
        alt.X("group:N", sort=None, title=None), alt.Y("value:Q", title=labels["value"]),
        tooltip=[alt.Tooltip("group:N", title=labels["group"]),
                 alt.Tooltip("value:Q", format=".1f", title=labels["value"]),
                 alt.Tooltip("ci_low:Q", format=".1f"), alt.Tooltip("ci_high:Q", format=".1f"),
                 alt.Tooltip("n:Q", title=labels["n"])])
    bars = base.mark_errorbar(color="#333").encode(alt.X("group:N", sort=None),
                                                   alt.Y("ci_low:Q"), alt.Y2("ci_high:Q"))
    layers = [points, bars]
    if reference is not None:
        layers.append(alt.Chart(pl.DataFrame({"ref": [reference]})).mark_rule(
            color=SERIES_COLOURS["national"], strokeDash=[4, 3]).encode(y="ref:Q"))
    return _config(alt.layer(*layers).properties(height=260, width="container"))


def goal_steps(goals: list[dict], start: dt.date) -> pl.DataFrame:
    """Stage goals as steps: each runs from the previous deadline (or `start`) to its own."""
    rows, prev = [], start
    for g in sorted(goals, key=lambda g: g["deadline"]):
        rows.append({"start": prev, "end": g["deadline"], "target": g["target_value"],
                     "stage": g["stage_name"]})
        prev = g["deadline"]
    return pl.DataFrame(rows, schema={"start": pl.Date, "end": pl.Date, "target": pl.Float64,
                                      "stage": pl.Utf8})


def seasons(df: pl.DataFrame, labels: dict) -> alt.Chart:
    """Weekly values by ISO week, one line per season (this year solid, last year dashed)."""
    return _config(alt.Chart(df).mark_line(point=True).encode(
        alt.X("iso_week:Q", title=labels["week"], scale=alt.Scale(domain=[1, 53])),
        alt.Y("value:Q", title=labels["value"]),
        alt.Color("season:N", title=labels.get("season"),
                  scale=alt.Scale(range=[SERIES_COLOURS["last_year"], SERIES_COLOURS["actual"]]),
                  legend=alt.Legend(orient="top")),
        alt.StrokeDash("season:N", legend=None, scale=alt.Scale(range=[[4, 3], [1, 0]])),
        tooltip=["season:N", "iso_week:Q", alt.Tooltip("value:Q", format=".2f")],
    ).properties(height=280, width="container"))


def graded_trend(df: pl.DataFrame, grades: list[dict], labels: dict) -> alt.Chart:
    """Lines per area over graded background bands (e.g. route index A/B/C/D, C = pass line)."""
    top = max([g.get("max") or 0 for g in grades] + [float(df["value"].max() or 0) * 1.1])
    bands, low = [], 0.0
    for g in grades:
        high = g["max"] if g.get("max") is not None else top
        bands.append({"low": low, "high": high, "grade": labels["grade_names"][g["grade"]]})
        low = high
    band_colours = ["#e8f5e9", "#f1f8e9", "#fff8e1", "#ffebee"][:len(bands)]
    layer_bands = alt.Chart(pl.DataFrame(bands)).mark_rect(opacity=0.7).encode(
        alt.Y("low:Q", title=labels["value"]), alt.Y2("high:Q"),
        alt.Color("grade:N", title=labels["grade"],
                  scale=alt.Scale(domain=[b["grade"] for b in bands], range=band_colours)))
    lines = alt.Chart(df).mark_line(point=True).encode(
        alt.X("period_start:T", title=labels["period"], axis=alt.Axis(format="%Y-%m")),
        alt.Y("value:Q", title=labels["value"]),
        alt.Color("area:N", title=labels["area"], scale=alt.Scale(scheme="tableau10"),
                  legend=alt.Legend(labelLimit=300, columns=2)),
        tooltip=[alt.Tooltip("area:N", title=labels["area"]),
                 alt.Tooltip("period_start:T", format="%Y-%m", title=labels["period"]),
                 alt.Tooltip("value:Q", format=".2f", title=labels["value"]),
                 alt.Tooltip("grade:N", title=labels["grade"])])
    layers = [layer_bands, lines]
    pass_line = next((g["max"] for g in grades if g["grade"] == labels.get("pass_grade")), None)
    if pass_line is not None:
        layers.append(alt.Chart(pl.DataFrame({"y": [pass_line]})).mark_rule(
            color=SERIES_COLOURS["goal"], strokeWidth=2).encode(y="y:Q"))
    return _config(alt.layer(*layers).resolve_scale(color="independent")
                   .properties(height=320, width="container"))


def cell_grid(df: pl.DataFrame, labels: dict) -> alt.Chart:
    """A grid of coloured cells with words in them: the four pests' grades (areas × pests,
    rounds × pests), creation rates (areas × types). df: x, y, text (in the cell), verdict
    (words: the colour's meaning); labels: x, y, value (the text's title), x_order, y_order,
    colours (verdict → colour, in legend order)."""
    base = alt.Chart(df).encode(
        alt.X("x:N", title=labels["x"], sort=labels["x_order"],
              axis=alt.Axis(orient="top", labelAngle=0, labelLimit=200)),
        alt.Y("y:N", title=labels["y"], sort=labels["y_order"], axis=alt.Axis(labelLimit=220)))
    colours = labels["colours"]
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        alt.Color("verdict:N", title=None,
                  scale=alt.Scale(domain=list(colours), range=list(colours.values())),
                  legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("y:N", title=labels["y"]), alt.Tooltip("x:N", title=labels["x"]),
                 alt.Tooltip("text:N", title=labels["value"]),
                 alt.Tooltip("verdict:N", title=labels.get("verdict", labels["value"]))])
    text = base.mark_text(fontSize=14, fontWeight="bold", color="white").encode(text="text:N")
    return _config(alt.layer(cells, text).properties(height=grid_height(df),
                                                     width="container"))


def grid_height(df: pl.DataFrame) -> int:
    """A grade grid's height in pixels: 40 a row, room for the axis and the legend."""
    return min(40 * max(1, df["y"].n_unique()) + 40, 520)


INTERVALS = {"week": "1w", "month": "1mo", "quarter": "3mo", "year": "1y"}


def with_gaps(values: pl.DataFrame, grain: str) -> pl.DataFrame:
    """Every period between the first and last, missing ones null, so lines break across gaps
    (e.g. the winter months without mosquito monitoring) instead of bridging them."""
    if values.height < 2:
        return values
    span = pl.date_range(values["period_start"].min(), values["period_start"].max(),
                         INTERVALS[grain], eager=True).alias("period_start")
    return pl.DataFrame(span).join(values, on="period_start", how="left")


def problem_weeks(df: pl.DataFrame, labels: dict) -> alt.Chart:
    """Problems found and closed per week (bars side by side) and overdue at the week's end (a
    line); df: week (its Monday, text), series (in words), count; labels: week, count, series,
    found, closed, overdue (the series' words, for colours)."""
    colours = {labels["found"]: SERIES_COLOURS["actual"], labels["closed"]: COLOURS["on_track"],
               labels["overdue"]: COLOURS["off_track"]}
    scale = alt.Scale(domain=list(colours), range=list(colours.values()))
    tip = [alt.Tooltip("week:O", title=labels["week"]),
           alt.Tooltip("series:N", title=labels["series"]),
           alt.Tooltip("count:Q", title=labels["count"])]
    base = alt.Chart(df).encode(alt.X("week:O", title=labels["week"],
                                      axis=alt.Axis(labelAngle=-45)),
                                alt.Color("series:N", scale=scale, title=None,
                                          legend=alt.Legend(orient="bottom")))
    bars = base.transform_filter(alt.datum.series != labels["overdue"]).mark_bar(
        opacity=0.8).encode(alt.Y("count:Q", title=labels["count"]), alt.XOffset("series:N"),
                            tooltip=tip)
    line = base.transform_filter(alt.datum.series == labels["overdue"]).mark_line(
        point=True, strokeWidth=2.5).encode(alt.Y("count:Q"), tooltip=tip)
    return _config(alt.layer(bars, line).properties(height=300, width="container"))
