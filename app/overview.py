"""The overview's content as data (pure; the page and the big screen render it): headline tiles,
the off-track list as a table with gaps in the indicator's unit, severity and links, and the
district ranking table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

import polars as pl

from app import formatting as F
from app.i18n import t
from app.summaries import goal_text, projection_text, reason
from warehouse.status import severity

# A domain's page in the navigation (pages/<domain>.py → /<domain>).
DOMAIN_PAGE = {"garbage": "garbage", "mosquito": "mosquito", "chronic": "chronic",
               "literacy": "literacy", "problems": "problems", "satisfaction": "satisfaction",
               "creation": "creation"}


TILES_PER_ROW = 4


@dataclass
class Tile:
    indicator: dict
    assessment: dict
    title: str
    domain: str
    value: str
    lines: list[str] = field(default_factory=list)
    spark: list[float] = field(default_factory=list)


def tile(ind: dict, a: dict | None, lang: str, running: dict | None = None,
         spark: list[float] | None = None) -> Tile:
    """One headline tile: value and period, goal, gap (in the indicator's unit), projection (or
    why there is none), completeness, and the running period's value when it is not complete."""
    a = a or {"status": "no_data"}
    name = ind["name_zh"] if lang == "zh" else ind["name_en"]
    unit = F.unit(ind, lang)
    title = name if ind["unit"] == "%" else f"{name}（{unit}）" if lang == "zh" else (f"{name} ("
                                                                                    f"{unit})")
    lines = [F.period(a.get("period_start"), a.get("period_grain"), lang)]
    lines.append(goal_text(a, ind, lang))
    if a.get("goal") is not None and a.get("gap") is not None:
        lines.append(t("assess.gap", lang, gap=F.gap(a["gap"], ind, lang)))
        proj = projection_text(a, ind, lang)
        if proj:
            lines.append(proj)
        if a.get("overdue"):
            lines.append(t("assess.overdue", lang))
    if a.get("expected_units"):
        lines.append(t("assess.reporting", lang, rep=a["reporting_units"],
                       exp=a["expected_units"]))
    if running:
        lines.append(t("assess.running", lang,
                       period=F.period(running["period_start"], running["period_grain"], lang),
                       value=F.value(running["value"], ind, lang)))
    domain = ind["domain_zh"] if lang == "zh" else ind["domain_en"]
    return Tile(ind, a, title, domain, F.value(a.get("value"), ind, lang), lines, spark or [])


def status_counts(statuses: pl.DataFrame, area_code: str) -> dict[str, int]:
    mine = statuses.filter(pl.col("area_code") == area_code)
    return dict(zip(*mine.group_by("status").len().to_dict(as_series=False).values()))


def list_scope(area, names: dict[str, str], lang: str) -> str:
    """What the off-track list covers, in words: the city and every district; the city and a
    district user's own district; or the chosen district."""
    from app import auth

    if area.level != "city":
        return t("overview.scope_district", lang, area=area.name)
    mine = auth.district()
    if mine:
        return t("overview.scope_city_and", lang, district=names.get(mine, mine))
    return t("overview.scope_city", lang)


def page_link(ind: dict, area_code: str, area_level: str, as_of: dt.date, lang: str) -> str:
    """The indicator's domain page with the area, indicator and date selected."""
    params = {"indicator": ind["indicator_id"]}
    if area_level == "district":
        params["district"] = area_code
    params["as_of"] = as_of.isoformat()
    if lang != "zh":
        params["lang"] = lang
    return f"{DOMAIN_PAGE.get(ind['domain'], '')}?{urlencode(params)}"


def off_track(statuses: pl.DataFrame, meta: pl.DataFrame, names: dict[str, str],
              area_code: str, area_level: str, as_of: dt.date, lang: str,
              group: str = "domain") -> pl.DataFrame:
    """Every off-track assessment the area filter covers (the city: the city and every district;
    a district: that district), grouped by domain or district and sorted by severity (overdue
    first, then the gap as a share of the baseline→goal distance). Display text, one row each,
    plus the link to the indicator's page."""
    info = {m["indicator_id"]: m for m in meta.iter_rows(named=True)}
    scope = statuses.filter(pl.col("status") == "off_track")
    if area_level == "city":
        scope = scope.filter(pl.col("area_level").is_in(["city", "district"]))
    else:
        scope = scope.filter(pl.col("area_code") == area_code)
    rows = []
    for a in scope.iter_rows(named=True):
        ind = info[a["indicator_id"]]
        domain = ind["domain_zh"] if lang == "zh" else ind["domain_en"]
        area = names.get(a["area_code"], a["area_code"])
        rows.append({
            "group": domain if group == "domain" else area,
            "order": (f"{ind['sort_order']:04d}" if group == "domain"
                      else f"{0 if a['area_level'] == 'city' else 1}{a['area_code']}"),
            "severity": severity(a),
            "indicator": ind["name_zh"] if lang == "zh" else ind["name_en"],
            "area": area,
            "value": f"{F.value(a['value'], ind, lang, with_unit=True)}"
                     f"（{F.period(a['period_start'], a['period_grain'], lang)}）" if lang == "zh"
                     else f"{F.value(a['value'], ind, lang, with_unit=True)} "
                          f"({F.period(a['period_start'], a['period_grain'], lang)})",
            "goal": t("assess.goal_short", lang, goal=F.value(a["goal"], ind, lang),
                      deadline=F.date(a["deadline"])),
            "gap": F.gap(a["gap"], ind, lang),
            "glide": F.value(a["glide"], ind, lang),
            "projection": projection_text(a, ind, lang) or "—",
            "state": t("assess.overdue", lang) if a["overdue"] else reason(a, ind, lang),
            "link": page_link(ind, a["area_code"], a["area_level"], as_of, lang),
            "overdue": bool(a["overdue"]),
        })
    schema = {k: pl.Utf8 for k in ("group", "indicator", "area", "value", "goal", "gap", "glide",
                                   "projection", "state", "link")} | {"overdue": pl.Boolean}
    if not rows:
        return pl.DataFrame(schema=schema)
    df = pl.DataFrame(rows)
    # NOTE: groups in registry / area order; within a group the most severe first.
    first = df.group_by("group").agg(pl.col("order").min().alias("g_order"))
    df = df.join(first, on="group").sort(["g_order", "severity", "indicator"],
                                         descending=[False, True, False])
    return df.select(list(schema))


def overdue_units(items: pl.DataFrame, area_code: str, area_level: str, as_of: dt.date,
                  lang: str) -> pl.DataFrame:
    """The off-track list's problem part: each responsible unit with problems open past their
    deadline on the date (the problem_list query of the area), most overdue first, with the link
    to the problem page showing that unit's overdue problems."""
    from app import problems

    units = problems.by_unit(items).filter(pl.col("overdue") > 0)

    def link(unit: str) -> str:
        params = [("unit", unit), ("overdue", "True"), ("as_of", as_of.isoformat())]
        if area_level == "district":
            params.append(("district", area_code))
        if lang != "zh":
            params.append(("lang", lang))
        return f"problems?{urlencode(params)}"

    return units.select(
        pl.col("responsible_unit").alias(t("problems.col.responsible_unit", lang)),
        pl.col("overdue").alias(t("problems.col.overdue_n", lang)),
        pl.col("most_overdue").alias(t("problems.col.most_overdue", lang)),
        pl.col("open").alias(t("problems.col.open", lang)),
        pl.col("responsible_unit").map_elements(link, return_dtype=pl.Utf8)
        .alias(t("overview.col.unit_link", lang)))


def headline_download(headlines: list[dict], mine: dict[str, dict], lang: str) -> pl.DataFrame:
    """The tiles' numbers at full precision, for the download (gaps in the indicator's unit:
    percentage points for a rate)."""
    rows = []
    for ind in headlines:
        a = mine.get(ind["indicator_id"]) or {}
        rows.append({
            t("col.indicator", lang): ind["name_zh"] if lang == "zh" else ind["name_en"],
            t("col.period", lang): F.period(a.get("period_start"), a.get("period_grain"), lang),
            t("col.value", lang): a.get("value"),
            t("col.unit", lang): F.unit(ind, lang),
            t("col.goal", lang): a.get("goal"),
            t("col.deadline", lang): F.date(a.get("deadline")) if a.get("deadline") else None,
            t("col.status", lang): t(f"status.{a.get('status', 'no_data')}", lang),
            t("col.gap_unit", lang): a.get("gap"),
            t("col.gap_in", lang): (("个百分点" if lang == "zh" else "pp") if ind["unit"] == "%"
                                    else F.unit(ind, lang)),
            t("col.projection", lang): a.get("projection"),
        })
    return pl.DataFrame(rows, schema={k: (pl.Float64 if k in (
        t("col.value", lang), t("col.goal", lang), t("col.gap_unit", lang),
        t("col.projection", lang)) else pl.Utf8) for k in rows[0]}) if rows else pl.DataFrame()


def ranking(ranked: pl.DataFrame, meta: pl.DataFrame, names: dict[str, str],
            lang: str) -> tuple[pl.DataFrame, list[str]]:
    """District ranking (warehouse.status.district_ranking rows) per domain and overall: display
    columns in the language, each district's rank, and the domain column names in order."""
    if ranked.height == 0:
        return pl.DataFrame(), []
    domains = [*meta["domain"].unique(maintain_order=True), "overall"]
    label = {r["domain"]: r["domain_zh" if lang == "zh" else "domain_en"]
             for r in meta.iter_rows(named=True)} | {"overall": t("overview.overall", lang)}
    wide = ranked.pivot(on="domain", index="area_code", values="score").sort(
        "overall", "area_code", descending=[True, False], nulls_last=True)
    rank = ranked.filter(pl.col("domain") == "overall").select("area_code", "rank")
    wide = wide.join(rank, on="area_code", how="left")
    cols = [d for d in domains if d in wide.columns]
    table = wide.select(
        pl.col("rank").alias(t("overview.rank", lang)),
        pl.col("area_code").replace_strict(names, default="").alias(t("overview.district", lang)),
        *[pl.col(d).alias(label[d]) for d in cols])
    return table, [label[d] for d in cols]
