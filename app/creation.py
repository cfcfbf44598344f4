"""The 健康细胞与控烟 page's content as data (pure): creation rates as an areas × types grid
coloured by status, units in force counted by level, the units for the map, the designations
about to expire, the survey's smoking and new-media values."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pydeck as pdk

from app import formatting as F
from app.i18n import t
from app.i18n.creation import TYPES
from app.maps import _by_street, _street_layer, _street_title, _tip, count_radius
from app.overview import Tile, tile
from warehouse.status import COLOURS, VOCABULARY

# A creation type's group (by the first two characters of its name) and its colour on the map.
GROUPS = {"健康": "healthy", "卫生": "sanitary", "无烟": "smoke_free"}
GROUP_COLOURS = {"healthy": (46, 125, 50), "sanitary": (21, 101, 192),
                 "smoke_free": (106, 27, 154)}
LEVELS = ("市级", "省级", "国家级")
EXPIRING_DAYS = 90
TOBACCO = ("smoking_rate_15_69", "new_media_use_rate")


def group(creation_type: str) -> str:
    return GROUPS.get(creation_type[:2], "healthy")


def type_name(creation_type: str, lang: str) -> str:
    return t(f"creation.type.{creation_type}", lang)


def rate_cells(statuses: pl.DataFrame, meta: pl.DataFrame, names: dict[str, str], lang: str,
               only: str | None = None) -> pl.DataFrame:
    """The creation rates' latest complete values per area (the status rule's rows; `only`:
    one area's) as grid cells: y the type, x the area, the value in the cell, the status as
    the colour."""
    inds = {m["indicator_id"]: m for m in meta.iter_rows(named=True)}
    if only is not None:
        statuses = statuses.filter(pl.col("area_code") == only)
    out = []
    for r in statuses.filter(pl.col("value").is_not_null()).iter_rows(named=True):
        ind = inds[r["indicator_id"]]
        out.append({"x": names.get(r["area_code"], r["area_code"]),
                    "y": ind["name_zh"] if lang == "zh" else ind["name_en"],
                    "text": F.value(r["value"], ind, lang),
                    "verdict": VOCABULARY[r["status"]].word(lang),
                    "area_code": r["area_code"], "period_start": r["period_start"],
                    "period_grain": r["period_grain"]})
    order = {iid: i for i, iid in enumerate(inds)}
    names_order = {(m["name_zh"] if lang == "zh" else m["name_en"]): order[m["indicator_id"]]
                   for m in inds.values()}
    return pl.DataFrame(out, schema={"x": pl.Utf8, "y": pl.Utf8, "text": pl.Utf8,
                                     "verdict": pl.Utf8, "area_code": pl.Utf8,
                                     "period_start": pl.Date, "period_grain": pl.Utf8}).sort(
        pl.col("y").replace_strict(names_order, default=99, return_dtype=pl.Int64), "area_code")


def status_colours(lang: str) -> dict[str, str]:
    return {VOCABULARY[s].word(lang): COLOURS[s] for s in VOCABULARY}


def rate_table(cells: pl.DataFrame, lang: str) -> pl.DataFrame:
    return cells.select(pl.col("y").alias(t("creation.col.type", lang)),
                        pl.col("x").alias(t("creation.col.area", lang)),
                        pl.col("text").alias(t("creation.col.rate", lang)),
                        pl.col("verdict").alias(t("col.status", lang)))


def level_counts(units: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Units whose designation holds on the as-of date, per type and level (and in all)."""
    holding = units.filter(pl.col("holds"))
    rows = []
    known = list(TYPES)
    for kind in sorted(holding["creation_type"].unique().to_list(),
                       key=lambda k: (known.index(k) if k in known else len(known), k)):
        mine = holding.filter(pl.col("creation_type") == kind)
        counts = {lv: mine.filter(pl.col("level") == lv).height for lv in LEVELS}
        rows.append({t("creation.col.type", lang): type_name(kind, lang),
                     **{t(f"creation.level.{lv}", lang): counts[lv] for lv in LEVELS},
                     t("creation.col.total", lang): mine.height})
    schema = {t("creation.col.type", lang): pl.Utf8,
              **{t(f"creation.level.{lv}", lang): pl.Int64 for lv in LEVELS},
              t("creation.col.total", lang): pl.Int64}
    return pl.DataFrame(rows, schema=schema)


def unit_layer(units: pl.DataFrame, lang: str) -> pdk.Layer:
    """Units in force with coordinates as dots coloured by group, with a tooltip."""
    rows = []
    for u in units.filter(pl.col("holds") & pl.col("lon").is_not_null()
                          & pl.col("lat").is_not_null()).iter_rows(named=True):
        street = u["street_en"] if lang == "en" and u["street_en"] else u["street_zh"]
        rows.append({
            "position": [u["lon"], u["lat"]], "unit_code": u["unit_code"],
            "colour": [*GROUP_COLOURS[group(u["creation_type"])], 220],
            **_tip(f"{u['unit_name']}（{u['unit_code']}）" if lang == "zh"
                   else f"{u['unit_name']} ({u['unit_code']})", [
                (t("creation.tip.type", lang), type_name(u["creation_type"], lang)),
                (t("creation.tip.level", lang), t(f"creation.level.{u['level']}", lang)),
                (t("creation.tip.until", lang), F.date(u["valid_until"])),
                (t("creation.tip.street", lang), street)], lang)})
    return pdk.Layer("ScatterplotLayer", id="creation-units", data=rows,
                     get_position="position", get_fill_color="colour", get_radius=5,
                     radius_units='"pixels"', stroked=True, get_line_color=[255, 255, 255],
                     line_width_min_pixels=1, pickable=True, auto_highlight=True)


def street_unit_layer(units: pl.DataFrame, names: dict[str, str], lang: str) -> pdk.Layer:
    """Units in force rolled up to their street, for a view with too many to send: a ring at
    the middle of the street's units, sized by their number, in the colour of the group most of
    them belong to; its tooltip counts the units of each group."""
    holding = units.filter(pl.col("holds"))
    groups = {ct: group(ct) for ct in holding["creation_type"].unique().to_list()}
    holding = holding.with_columns(pl.col("creation_type").replace_strict(groups).alias("group"))
    rows = []
    for r in _by_street(holding, *[(pl.col("group") == g).sum().alias(g) for g in GROUP_COLOURS],
                        street=pl.col("street_code")).iter_rows(named=True):
        most = max(GROUP_COLOURS, key=lambda g: r[g])
        rows.append({
            "position": [round(r["lon"], 6), round(r["lat"], 6)], "street": r["street"],
            "radius": count_radius(r["n"]), "fill": [*GROUP_COLOURS[most], 70],
            "line": [*GROUP_COLOURS[most], 255],
            **_tip(_street_title("creation.tip.street_units", r["street"], names, lang),
                   [(t("creation.tip.units", lang), r["n"]),
                    *[(t(f"creation.group.{g}", lang), r[g]) for g in GROUP_COLOURS if r[g]]],
                   lang)})
    return _street_layer("creation-streets", rows)


def mapped(units: pl.DataFrame) -> int:
    return units.filter(pl.col("holds") & pl.col("lon").is_not_null()
                        & pl.col("lat").is_not_null()).height


def unmapped(units: pl.DataFrame) -> int:
    return units.filter(pl.col("holds") & (pl.col("lon").is_null() | pl.col("lat").is_null())
                        ).height


def legend(lang: str, rolled_up: bool = False) -> list[tuple[str, str, str]]:
    shape = "ring" if rolled_up else "dot"
    items = [(shape, "#{:02x}{:02x}{:02x}".format(*c), t(f"creation.group.{g}", lang))
             for g, c in GROUP_COLOURS.items()]
    return items + ([("ring", "#555555", t("creation.legend_streets", lang))] if rolled_up
                    else [])


def expiring(units: pl.DataFrame, as_of: dt.date, lang: str) -> pl.DataFrame:
    """Designations in force that expire within EXPIRING_DAYS of the as-of date, soonest
    first."""
    soon = units.filter(pl.col("expiring")).sort("valid_until", "unit_code")
    return pl.DataFrame({
        t("creation.col.unit", lang): soon["unit_name"].to_list(),
        t("creation.col.code", lang): soon["unit_code"].to_list(),
        t("creation.col.street", lang): [
            (r["street_en"] if lang == "en" and r["street_en"] else r["street_zh"]) or F.DASH
            for r in soon.iter_rows(named=True)],
        t("creation.col.type", lang): [type_name(k, lang) for k in soon["creation_type"]],
        t("creation.col.level", lang): [t(f"creation.level.{lv}", lang) for lv in soon["level"]],
        t("creation.col.until", lang): [F.date(d) for d in soon["valid_until"]],
        t("creation.col.days_left", lang): [(d - as_of).days for d in soon["valid_until"]],
    }, schema={t("creation.col.unit", lang): pl.Utf8, t("creation.col.code", lang): pl.Utf8,
               t("creation.col.street", lang): pl.Utf8, t("creation.col.type", lang): pl.Utf8,
               t("creation.col.level", lang): pl.Utf8, t("creation.col.until", lang): pl.Utf8,
               t("creation.col.days_left", lang): pl.Int64})


def lapsed(units: pl.DataFrame) -> int:
    return units.filter(pl.col("lapsed")).height


def tobacco_tile(iid: str, meta: pl.DataFrame, statuses: pl.DataFrame, series: pl.DataFrame,
                 area_code: str, lang: str) -> tuple[Tile, str | None]:
    """A survey indicator's tile for the area (the overview's) and its n and CI line."""
    ind = meta.filter(pl.col("indicator_id") == iid).row(0, named=True)
    mine = statuses.filter((pl.col("area_code") == area_code) & (pl.col("indicator_id") == iid))
    a = mine.row(0, named=True) if mine.height else None
    shown = tile(ind, a, lang, spark=series["value"].to_list())
    row = series.filter(pl.col("period_start") == a["period_start"])
    return shown, ci_line(row.row(0, named=True), ind, lang) if a and row.height else None


def ci_line(a: dict, ind: dict, lang: str) -> str | None:
    """A survey value's sample and interval ("n = 1,234，95% 置信区间 18.1%–21.0%")."""
    if a.get("n") is None or a.get("ci_low") is None:
        return None
    return t("creation.ci", lang, n=f"{int(a['n']):,}", low=F.value(a["ci_low"], ind, lang),
             high=F.value(a["ci_high"], ind, lang))



def map_parts(areas: pl.DataFrame, units: pl.DataFrame, area_code: str, lang: str,
              names: dict[str, str], limit: int
              ) -> tuple[list[pdk.Layer], pdk.ViewState, int | None]:
    """The map's layers (the outlines of the city, districts and streets, then the units in
    force: a dot each, or above `limit` (HC_MAP_MAX_MARKERS) a circle per street), the view
    fitted to the chosen area, and — when rolled up — how many units the circles stand for."""
    from app import maps

    drawn = areas.filter(pl.col("area_level") != "grid")
    outlines = maps.area_layers(drawn, pl.DataFrame(schema={"grid_code": pl.Utf8}), lang, 0)
    box = maps.bounds(areas.filter(pl.col("area_code") == area_code)["geometry"]) \
        or maps.bounds(areas["geometry"])
    n = mapped(units)
    if n > limit:
        return [*outlines, street_unit_layer(units, names, lang)], maps.fit_view(box), n
    return [*outlines, unit_layer(units, lang)], maps.fit_view(box), None
