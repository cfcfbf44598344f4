"""Pure map builders (pydeck, no streamlit) for the waterlogging and grid map: the grid status
rule, polygons from dim_area's GeoJSON text, point and light-trap site layers with tooltips, the
view fitted to an area, an optional basemap from the city's own tile server, and the legend.
Tested through `deck.to_json()`.

Offline by construction: `pdk.Deck(map_provider=None)` without a map_style keeps pydeck's
"__MAP_STYLE__" sentinel, which Streamlit drops; any other map_style (even None or "") makes
Streamlit's front end load a CARTO basemap from a CDN.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl
import pydeck as pdk

from app import formatting as F
from app import problems as P
from app.i18n import t
from warehouse import ledger
from warehouse.status import VOCABULARY

GRID_STATUSES = ("red", "amber", "green")
# The layers a map may draw over the grid cells (the page's layer switch).
LAYERS = ("points", "problems", "sites")
# A grid's warning colour (红/黄/绿) is the status vocabulary's colour of the same weight.
GRID_COLOURS = {"red": VOCABULARY["off_track"].rgb, "amber": VOCABULARY["at_risk"].rgb,
                "green": VOCABULARY["on_track"].rgb}
GRID_ALPHA = 120
# What grid_status counts per grid (summed when grids roll up to their street).
COUNTS = ("open_points", "stale_points", "alert_sites", "open_problems", "overdue_problems")
# Ledger statuses as of the map's date; 未销号 = eliminated only after that date (open then).
POINT_STATUSES = ledger.POINT_STATES
OPEN_STATUSES = ledger.OPEN_STATES
POINT_COLOURS = {"未整改": (213, 0, 0), "整改中": (255, 111, 0), "复发": (106, 27, 154),
                 "未销号": (21, 101, 192), "已销号": (117, 117, 117)}
POINT_KEYS = {"未整改": "open", "整改中": "fixing", "复发": "recurred", "未销号": "open_then",
              "已销号": "eliminated"}
CLASSES = ledger.WATERLOGGING_CLASSES
CLASS_KEYS = {"孳生积水": "breeding", "易涝积水": "flooding"}
TYPE_KEYS = {"绿化带": "green_belt", "地下车库": "garage", "建筑工地": "construction",
             "道路低洼": "road_dip", "废弃容器": "container", "轮胎": "tyre",
             "下水道口": "drain", "景观池": "pond", "楼顶": "rooftop", "其他": "other"}
# Open problems on the map: past their deadline or not (closed ones are not drawn); hues apart
# from the waterlogging points' red, orange, purple and blue.
PROBLEM_COLOURS = {"overdue": (194, 24, 91), "open": (109, 76, 65)}
SITE_COLOURS = {"normal": (0, 131, 143), "alert": (213, 0, 0), "no_data": (158, 158, 158)}
LEVEL_LINES = {"city": (33, 33, 33, 255, 3.0), "district": (33, 33, 33, 230, 2.0),
               "street": (66, 66, 66, 200, 1.2), "grid": (97, 97, 97, 150, 0.5)}
MAP_HEIGHT = 620
WALL_HEIGHT = 780      # the command screen's map (1080 px tall at 100%, 2160 at 200%)
# NOTE: pydeck turns every plain string prop into an accessor expression ("@@=pixels");
# a quoted string stays a string.
PIXELS = '"pixels"'
TOOLTIP = "<b>{title}</b><div style='white-space:pre-line'>{body}</div>"
TIP_STYLE = {"backgroundColor": "rgba(33,33,33,0.92)", "color": "#ffffff", "fontSize": "13px",
             "fontFamily": "'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif"}


def _literal(text: str) -> str:
    return f'"{text}"'


# --- the grid status rule ---------------------------------------------------------------------

def grid_status(grids: Iterable[str], points: pl.DataFrame, sites: pl.DataFrame,
                stale_days: int, problems: pl.DataFrame | None = None,
                overdue_days: int = 0) -> pl.DataFrame:
    """Each grid's status on the map's date — the one grid-status rule, for every map.

    points: grid_code, is_open, larvae_found, days_open (every point found by then, whatever the
    page's display filters); sites: grid_code, alert; problems (optional): grid_code, is_open,
    days_overdue (the problem_list query's columns).
    red = an open larvae-positive point open for more than `stale_days` days, a light-trap site
    over the alert, or an open problem overdue by more than `overdue_days` days; amber = any
    open point or open problem; green = none.
    Returns grid_code, status, open_points, stale_points, alert_sites, open_problems,
    overdue_problems.
    """
    frame = pl.DataFrame({"grid_code": list(grids)}, schema={"grid_code": pl.String})
    pts = points.filter(pl.col("is_open")).group_by("grid_code").agg(
        pl.len().cast(pl.Int64).alias("open_points"),
        (pl.col("larvae_found").fill_null(False) & (pl.col("days_open") > stale_days))
        .sum().cast(pl.Int64).alias("stale_points"))
    alerts = sites.filter(pl.col("alert").fill_null(False)).group_by("grid_code").agg(
        pl.len().cast(pl.Int64).alias("alert_sites"))
    out = frame.join(pts, on="grid_code", how="left").join(alerts, on="grid_code", how="left")
    if problems is not None and problems.height:
        # NOTE: a waterlogging point in the problem list (HC_PROBLEMS_INCLUDE_WATERLOGGING) is
        # judged by the points' own rule above, never twice.
        if "ledger" in problems.columns:
            problems = problems.filter(pl.col("ledger") != "waterlogging")
        probs = problems.filter(pl.col("is_open")).group_by("grid_code").agg(
            pl.len().cast(pl.Int64).alias("open_problems"),
            (pl.col("days_overdue") > overdue_days).sum().cast(pl.Int64)
            .alias("overdue_problems"))
        out = out.join(probs, on="grid_code", how="left")
    else:
        out = out.with_columns(pl.lit(0, pl.Int64).alias("open_problems"),
                               pl.lit(0, pl.Int64).alias("overdue_problems"))
    counts = ["open_points", "stale_points", "alert_sites", "open_problems", "overdue_problems"]
    out = out.with_columns(pl.col(counts).fill_null(0))
    return out.with_columns(
        pl.when((pl.col("stale_points") > 0) | (pl.col("alert_sites") > 0)
                | (pl.col("overdue_problems") > 0)).then(pl.lit("red"))
        .when((pl.col("open_points") > 0) | (pl.col("open_problems") > 0)).then(pl.lit("amber"))
        .otherwise(pl.lit("green")).alias("status"))


@dataclass
class MapView:
    """What the map page draws for an area on a date: every grid's status, the areas and states
    drawn (streets by their worst grid above `max_grids` cells), the points the filters keep,
    the headline counts and the box to fit."""
    grids: pl.DataFrame
    drawn_areas: pl.DataFrame
    drawn_states: pl.DataFrame
    shown: pl.DataFrame
    counts: dict[str, int]
    box: tuple[float, float, float, float] | None
    rolled_up: bool


def map_view(areas: pl.DataFrame, points: pl.DataFrame, sites: pl.DataFrame, area_code: str,
             statuses: list[str], classes: list[str], stale_days: int,
             max_grids: int, problems: pl.DataFrame | None = None,
             overdue_days: int = 0) -> MapView:
    grids = grid_status(areas.filter(pl.col("area_level") == "grid")["area_code"], points, sites,
                        stale_days, problems, overdue_days)
    rolled_up = grids.height > max_grids
    # NOTE: tens of thousands of cells would make a page of 100+ MB: streets take the worst
    # status of their grids until a district or street is chosen.
    drawn_areas = areas.filter(pl.col("area_level") != "grid") if rolled_up else areas
    drawn_states = roll_up(grids, areas) if rolled_up else grids
    shown = points.filter(pl.col("status_as_of").is_in(statuses)
                          & pl.col("point_class").is_in(classes))
    counts = {"open": int(points["is_open"].sum()), "stale": int(grids["stale_points"].sum()),
              "red": grids.filter(pl.col("status") == "red").height,
              "alert": int(sites["alert"].sum()), "shown": shown.height,
              "overdue_problems": int(grids["overdue_problems"].sum())}
    box = bounds(areas.filter(pl.col("area_code") == area_code)["geometry"]) \
        or bounds(areas["geometry"])
    return MapView(grids, drawn_areas, drawn_states, shown, counts, box, rolled_up)


def points_table(shown: pl.DataFrame, grids: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The points shown with their grid's status, every word and column in the language."""
    words = {s: status_label(s, lang) for s in POINT_STATUSES} \
        | {c: class_label(c, lang) for c in CLASSES} \
        | {k: type_label(k, lang) for k in TYPE_KEYS} \
        | {g: grid_label(g, lang) for g in GRID_STATUSES}

    def said(col: str) -> pl.Expr:
        return pl.col(col).replace(words)

    table = shown.join(grids.select("grid_code", "status"), on="grid_code", how="left").select(
        pl.col("point_id").alias(t("map.col.point_id", lang)),
        said("point_class").alias(t("map.col.class", lang)),
        said("point_type").alias(t("map.col.type", lang)),
        said("status_as_of").alias(t("map.col.status", lang)),
        pl.col("found_date").map_elements(F.date, return_dtype=pl.Utf8)
        .alias(t("map.col.found_date", lang)),
        pl.col("days_open").alias(t("map.col.days_open", lang)),
        pl.when(pl.col("larvae_found")).then(pl.lit(t("map.yes", lang)))
        .when(pl.col("larvae_found").not_()).then(pl.lit(t("map.no", lang)))
        .alias(t("map.col.larvae", lang)),
        pl.col("responsible_unit").alias(t("map.col.responsible_unit", lang)),
        pl.col("street_name").alias(t("map.col.street", lang)),
        pl.col("grid_name").alias(t("map.col.grid", lang)),
        pl.col("grid_code").alias(t("map.col.grid_code", lang)),
        said("status").alias(t("map.col.grid_status", lang)),
        said("ledger_status").alias(t("map.col.ledger_status", lang)),
        pl.col("eliminated_date").map_elements(F.date, return_dtype=pl.Utf8)
        .alias(t("map.col.eliminated_date", lang)),
        pl.col("lon").alias(t("map.col.lon", lang)), pl.col("lat").alias(t("map.col.lat", lang)))
    return table.with_columns(pl.col(pl.Utf8).fill_null(F.DASH))


# --- geometry and view ------------------------------------------------------------------------

def polygons(geometry: str | None) -> list[list[list[list[float]]]]:
    """GeoJSON text (Polygon, MultiPolygon or a Feature of one) → a list of polygons, each a
    list of rings (outer first)."""
    if not geometry:
        return []
    geo = json.loads(geometry)
    if geo.get("type") == "Feature":
        geo = geo.get("geometry") or {}
    if geo.get("type") == "Polygon":
        return [geo["coordinates"]]
    if geo.get("type") == "MultiPolygon":
        return list(geo["coordinates"])
    return []


def bounds(geometries: Iterable[str | None]) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of the outer rings of every geometry; None if none."""
    xs, ys = [], []
    for geometry in geometries:
        for poly in polygons(geometry):
            for x, y, *_ in poly[0]:
                xs.append(x)
                ys.append(y)
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def _merc_y(lat: float) -> float:
    """Latitude → Web Mercator y in [0, 1] (0 = north edge)."""
    lat = max(min(lat, 85.0511), -85.0511)
    s = math.sin(math.radians(lat))
    return 0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)


def _merc_lat(y: float) -> float:
    return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y))))


def fit_view(box: tuple[float, float, float, float] | None, width: int = 1000,
             height: int = MAP_HEIGHT, padding: float = 0.08) -> pdk.ViewState:
    """The view that shows `box` whole in a width × height map (deck.gl: 512 px world at
    zoom 0), with `padding` of the map on each side."""
    if box is None:
        return pdk.ViewState(longitude=0, latitude=0, zoom=1)
    w, s, e, n = box
    dx = max((e - w) / 360, 1e-9)
    dy = max(_merc_y(s) - _merc_y(n), 1e-9)
    usable = 1 - 2 * padding
    zoom = min(math.log2(width * usable / (512 * dx)), math.log2(height * usable / (512 * dy)))
    centre_y = (_merc_y(s) + _merc_y(n)) / 2
    return pdk.ViewState(longitude=round((w + e) / 2, 6), latitude=round(_merc_lat(centre_y), 6),
                         zoom=round(max(min(zoom, 20), 0), 2), min_zoom=0, max_zoom=20)


def view_bounds(view: pdk.ViewState, width: int = 1000,
                height: int = MAP_HEIGHT) -> tuple[float, float, float, float]:
    """(west, south, east, north) that the view shows in a width × height map."""
    scale = 512 * 2 ** view.zoom
    cx = (view.longitude + 180) / 360
    cy = _merc_y(view.latitude)
    half_x, half_y = width / 2 / scale, height / 2 / scale
    return ((cx - half_x) * 360 - 180, _merc_lat(min(cy + half_y, 1.0)),
            (cx + half_x) * 360 - 180, _merc_lat(max(cy - half_y, 0.0)))


# --- layers -----------------------------------------------------------------------------------

def _tip(title: str, lines: Iterable[tuple[str, object]], lang: str) -> dict[str, str]:
    """An object's tooltip fields. Streamlit HTML-escapes the values it puts into the tooltip
    template, so they are plain text; the template keeps the body's line breaks."""
    sep = "：" if lang == "zh" else ": "
    body = "\n".join(f"{k}{sep}{v}" for k, v in lines if v is not None and v != "")
    return {"title": title, "body": body}


def _paren(text: str, lang: str) -> str:
    return f"（{text}）" if lang == "zh" else f" ({text})"


def _label(prefix: str, keys: dict[str, str], value: str | None, lang: str) -> str:
    if value is None:
        return ""
    return t(prefix + keys[value], lang=lang) if value in keys else value


def status_label(status: str, lang: str) -> str:
    return _label("map.status.", POINT_KEYS, status, lang)


def class_label(point_class: str, lang: str) -> str:
    return _label("map.class.", CLASS_KEYS, point_class, lang)


def type_label(point_type: str | None, lang: str) -> str:
    return _label("map.type.", TYPE_KEYS, point_type, lang)


def grid_label(status: str, lang: str) -> str:
    return t(f"map.grid.{status}", lang=lang)


def area_layers(areas: pl.DataFrame, grids: pl.DataFrame, lang: str,
                stale_days: int, overdue_days: int = 0) -> list[pdk.Layer]:
    """Grid cells filled by status (pickable, with a tooltip) under the outlines of the city,
    districts and streets. areas: area_code, area_level, name_zh, geometry; grids: the
    output of grid_status."""
    state = {r["grid_code"]: r for r in grids.iter_rows(named=True)}
    fills, outlines = [], []
    for a in areas.sort("area_code").iter_rows(named=True):
        r, g, b, alpha, width = LEVEL_LINES.get(a["area_level"], LEVEL_LINES["grid"])
        for poly in polygons(a["geometry"]):
            outlines.append({"polygon": poly, "line": [r, g, b, alpha], "width": width,
                             "level": a["area_level"]})
            cell = state.get(a["area_code"])
            if cell is None:
                continue
            level = t(f"level.{a['area_level']}", lang=lang)
            title = f"{level} {a['name_zh']}{_paren(a['area_code'], lang)}"
            fills.append({
                "polygon": poly, "area_code": a["area_code"], "name": a["name_zh"],
                "status": cell["status"], "fill": [*GRID_COLOURS[cell["status"]], GRID_ALPHA],
                **_tip(title, [
                    (t("map.tip.grid_status", lang=lang), grid_label(cell["status"], lang)),
                    (t("map.tip.open_points", lang=lang), cell["open_points"]),
                    (t("map.tip.stale_points", lang=lang, days=stale_days), cell["stale_points"]),
                    (t("map.tip.alert_sites", lang=lang), cell["alert_sites"]),
                    (t("map.tip.open_problems", lang=lang), cell.get("open_problems")),
                    (t("map.tip.overdue_problems", lang=lang, days=overdue_days),
                     cell.get("overdue_problems")),
                ], lang)})
    # NOTE: outlines finest first, so the city's and districts' thicker lines are drawn on top.
    order = {"grid": 0, "street": 1, "district": 2, "city": 3}
    outlines.sort(key=lambda o: order.get(o["level"], 0))
    return [
        pdk.Layer("PolygonLayer", id="grid-status", data=fills, get_polygon="polygon",
                  get_fill_color="fill", filled=True, stroked=False, pickable=True,
                  auto_highlight=True, highlight_color=[255, 255, 255, 90]),
        pdk.Layer("PolygonLayer", id="area-outlines", data=outlines, get_polygon="polygon",
                  filled=False, stroked=True, get_line_color="line", get_line_width="width",
                  line_width_units=PIXELS, pickable=False),
    ]


def roll_up(grids: pl.DataFrame, areas: pl.DataFrame) -> pl.DataFrame:
    """Grid statuses rolled up to their parent streets (the worst grid decides; counts add up),
    for a view with too many grid cells to draw. Same columns as grid_status, keyed by street."""
    worst = {"green": 0, "amber": 1, "red": 2}
    parents = areas.filter(pl.col("area_level") == "grid").select(
        pl.col("area_code").alias("grid_code"), pl.col("parent_code"))
    return (grids.join(parents, on="grid_code")
            .with_columns(pl.col("status").replace_strict(worst).alias("rank"))
            .group_by("parent_code").agg(pl.col("rank").max(), pl.col(COUNTS).sum())
            .with_columns(pl.col("rank").replace_strict({v: k for k, v in worst.items()})
                          .alias("status"))
            .select(pl.col("parent_code").alias("grid_code"), "status", *COUNTS))


def point_rows(points: pl.DataFrame, lang: str) -> list[dict]:
    """One dict per waterlogging point: position, colour and the tooltip (type, status, found
    date, days open, larvae, responsible unit). points: the map_points query's columns."""
    rows = []
    for p in points.iter_rows(named=True):
        status, larvae = p["status_as_of"], p.get("larvae_found")
        found = p["found_date"].isoformat() if p["found_date"] else ""
        kind = (type_label(p["point_type"], lang)
                + _paren(class_label(p["point_class"], lang), lang))
        # NOTE: only what the map draws and its tooltip says: every field is sent to the browser
        rows.append({
            "position": [p["lon"], p["lat"]], "point_id": p["point_id"],
            "colour": [*POINT_COLOURS.get(status, (0, 0, 0)), 235],
            **_tip(f"{t('map.tip.point', lang=lang)} {p['point_id']}", [
                (t("map.col.type", lang=lang), kind),
                (t("map.col.status", lang=lang), status_label(status, lang)),
                (t("map.col.found_date", lang=lang), found),
                (t("map.col.days_open", lang=lang), p["days_open"]),
                (t("map.col.larvae", lang=lang),
                 None if larvae is None else t("map.yes" if larvae else "map.no", lang=lang)),
                (t("map.col.responsible_unit", lang=lang), p.get("responsible_unit")),
            ], lang)})
    return rows


def point_layer(points: pl.DataFrame, lang: str) -> pdk.Layer:
    return pdk.Layer("ScatterplotLayer", id="waterlogging-points", data=point_rows(points, lang),
                     get_position="position", get_fill_color="colour", get_line_color=[0, 0, 0],
                     get_radius=6, radius_units=PIXELS, line_width_min_pixels=1,
                     stroked=True, filled=True, pickable=True, auto_highlight=True)


def own_problems(problems: pl.DataFrame) -> pl.DataFrame:
    """The problem ledger's own problems (a map that draws the waterlogging points already
    leaves out the points counted in the problem list)."""
    return problems.filter(pl.col("ledger") != "waterlogging") if "ledger" in problems.columns \
        else problems


def problem_layer(problems: pl.DataFrame, lang: str) -> pdk.Layer:
    """Open problems with coordinates as white-edged dots, crimson when past their deadline,
    brown otherwise (hues the waterlogging points do not use). problems: the problem_list
    query's columns."""
    rows = []
    for p in problems.filter(pl.col("is_open") & pl.col("lon").is_not_null()
                             & pl.col("lat").is_not_null()).iter_rows(named=True):
        key = "overdue" if p["overdue"] else "open"
        rows.append({
            "position": [p["lon"], p["lat"]], "problem_id": p["problem_id"],
            "colour": [*PROBLEM_COLOURS[key], 240],
            **_tip(f"{t('map.tip.problem', lang=lang)} {p['problem_id']}", [
                (t("problems.col.category", lang=lang), P.word("category", p["category"], lang)),
                (t("problems.col.description", lang=lang), p["description"]),
                (t("problems.col.responsible_unit", lang=lang), p["responsible_unit"]),
                (t("problems.col.found_date", lang=lang), F.date(p["found_date"])),
                (t("problems.col.deadline", lang=lang), F.date(p["deadline"])),
                (t("problems.col.state", lang=lang), t(f"map.problem.{key}", lang=lang)),
                (t("problems.col.days_overdue", lang=lang),
                 p["days_overdue"] if p["overdue"] else None),
            ], lang)})
    return pdk.Layer("ScatterplotLayer", id="problems", data=rows, get_position="position",
                     get_fill_color="colour", get_line_color=[255, 255, 255], get_radius=7,
                     radius_units=PIXELS, line_width_min_pixels=2, stroked=True, filled=True,
                     pickable=True, auto_highlight=True)


def site_radius(density: float | None) -> float:
    """Circle radius in pixels: grows with the square root of the density (area ∝ density)."""
    if density is None:
        return 4.0
    return round(min(3 + 4 * math.sqrt(max(density, 0)), 24), 2)


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def site_layer(sites: pl.DataFrame, lang: str, unit: str) -> pdk.Layer:
    """Light-trap sites as circles sized by the 4-week density, red when over the alert.
    sites: the light_trap_sites query's columns."""
    rows = []
    for s in sites.iter_rows(named=True):
        kind = "no_data" if s["density"] is None else "alert" if s["alert"] else "normal"
        title = (f"{t('map.tip.site', lang=lang)} {s['site_name'] or ''}"
                 f"{_paren(s['site_code'], lang)}")
        rows.append({
            "position": [s["lon"], s["lat"]], "site_code": s["site_code"],
            "density": s["density"], "radius": site_radius(s["density"]), "alert": s["alert"],
            "fill": [*SITE_COLOURS[kind], 50], "line": [*SITE_COLOURS[kind], 255],
            **_tip(title, [
                (t("map.tip.habitat", lang=lang), s.get("habitat")),
                (t("map.tip.density", lang=lang, unit=unit), _num(s["density"])),
                (t("map.tip.goal", lang=lang), _num(s.get("goal"))),
                (t("map.tip.baseline", lang=lang), _num(s.get("baseline_density"))),
                (t("map.tip.alert", lang=lang),
                 t("map.yes" if s["alert"] else "map.no", lang=lang)),
            ], lang)})
    return pdk.Layer("ScatterplotLayer", id="light-trap-sites", data=rows,
                     get_position="position", get_radius="radius", radius_units=PIXELS,
                     get_fill_color="fill", get_line_color="line", line_width_min_pixels=2,
                     stroked=True, filled=True, pickable=True, auto_highlight=True)


def _by_street(df: pl.DataFrame, *aggs: pl.Expr, street: pl.Expr | None = None
               ) -> pl.DataFrame:
    """Markers grouped by their street (`street`; by default their grid's): the middle of their
    positions, their number `n` and `aggs`."""
    if street is None:
        street = pl.col("grid_code").str.slice(0, 9)
    return (df.filter(pl.col("lon").is_not_null() & pl.col("lat").is_not_null())
            .with_columns(street.alias("street"))
            .group_by("street").agg(pl.col("lon").mean(), pl.col("lat").mean(),
                                    pl.len().alias("n"), *aggs)
            .sort("street"))


def _street_layer(layer_id: str, rows: list[dict]) -> pdk.Layer:
    return pdk.Layer("ScatterplotLayer", id=layer_id, data=rows, get_position="position",
                     get_radius="radius", radius_units=PIXELS, get_fill_color="fill",
                     get_line_color="line", line_width_min_pixels=2, stroked=True, filled=True,
                     pickable=True, auto_highlight=True)


def _street_title(key: str, street: str, names: dict[str, str], lang: str) -> str:
    return f"{t(key, lang=lang)} {names.get(street, '')}{_paren(street, lang)}"


def street_site_layer(sites: pl.DataFrame, names: dict[str, str], lang: str,
                      unit: str) -> pdk.Layer:
    """Light-trap sites rolled up to their street, for a view with too many to send: one circle
    at the middle of the street's sites, sized by the highest 4-week density, red when any site
    is over the alert; its tooltip says how many sites, how many over the alert and the highest
    density (no average of densities)."""
    rows = []
    for s in _by_street(sites, pl.col("alert").fill_null(False).sum().alias("alerts"),
                        pl.col("density").max().alias("top")).iter_rows(named=True):
        kind = "alert" if s["alerts"] else "no_data" if s["top"] is None else "normal"
        rows.append({
            "position": [round(s["lon"], 6), round(s["lat"], 6)], "street": s["street"],
            "radius": site_radius(s["top"]), "fill": [*SITE_COLOURS[kind], 50],
            "line": [*SITE_COLOURS[kind], 255],
            **_tip(_street_title("map.tip.street_sites", s["street"], names, lang), [
                (t("map.tip.sites_n", lang=lang), s["n"]),
                (t("map.tip.sites_alert", lang=lang), s["alerts"]),
                (t("map.tip.density_max", lang=lang, unit=unit), _num(s["top"]))], lang)})
    return _street_layer("light-trap-streets", rows)


def marker_count(layer: str, frame: pl.DataFrame) -> int:
    """How many markers a layer would draw: every site and point shown, the open problems with
    a position."""
    if layer != "problems":
        return frame.height
    return frame.filter(pl.col("is_open") & pl.col("lon").is_not_null()
                        & pl.col("lat").is_not_null()).height


def markers(key: str, frame: pl.DataFrame, names: dict[str, str], lang: str, limit: int,
            unit: str = "") -> tuple[pdk.Layer, int | None]:
    """The layer of light-trap sites, waterlogging points or open problems (`key`: sites,
    points, problems): a marker each, or — above `limit` markers (HC_MAP_MAX_MARKERS) — one
    circle per street, since at province scale every marker with its tooltip would make a visit
    of several MB. Returns the layer and, when rolled up, the number of markers it stands for."""
    each, by_street = {
        "sites": (lambda: site_layer(frame, lang, unit),
                  lambda: street_site_layer(frame, names, lang, unit)),
        "points": (lambda: point_layer(frame, lang),
                   lambda: street_point_layer(frame, names, lang)),
        "problems": (lambda: problem_layer(frame, lang),
                     lambda: street_problem_layer(frame, names, lang)),
    }[key]
    n = marker_count(key, frame)
    return (by_street(), n) if n > limit else (each(), None)


def count_radius(n: int) -> float:
    """A street's circle in pixels: its area grows with the number of markers it stands for."""
    return round(min(4 + 2 * math.sqrt(max(n, 0)), 30), 2)


def street_point_layer(points: pl.DataFrame, names: dict[str, str], lang: str) -> pdk.Layer:
    """The waterlogging points shown, rolled up to their street: a circle sized by their number,
    in the colour of the most urgent status among them (复发, then 未整改, then the rest), with the
    count per status in its tooltip."""
    urgency = [s for s in ("复发", "未整改", *POINT_STATUSES) if s in POINT_COLOURS]
    rows = []
    for s in _by_street(points, *[(pl.col("status_as_of") == st).sum().alias(st)
                                  for st in dict.fromkeys(urgency)]).iter_rows(named=True):
        worst = next((st for st in urgency if s.get(st)), urgency[-1])
        rows.append({
            "position": [round(s["lon"], 6), round(s["lat"], 6)], "street": s["street"],
            "radius": count_radius(s["n"]), "fill": [*POINT_COLOURS[worst], 90],
            "line": [*POINT_COLOURS[worst], 255],
            **_tip(_street_title("map.tip.street_points", s["street"], names, lang), [
                (t("map.tip.points_n", lang=lang), s["n"]),
                *[(status_label(st, lang), s[st]) for st in dict.fromkeys(urgency) if s[st]]],
                lang)})
    return _street_layer("waterlogging-streets", rows)


def street_problem_layer(problems: pl.DataFrame, names: dict[str, str], lang: str
                         ) -> pdk.Layer:
    """Open problems rolled up to their street: a circle sized by their number, crimson when any
    is past its deadline, with the open and overdue counts in its tooltip."""
    open_ = problems.filter(pl.col("is_open"))
    rows = []
    for s in _by_street(open_, pl.col("overdue").fill_null(False).sum().alias("late")
                        ).iter_rows(named=True):
        key = "overdue" if s["late"] else "open"
        rows.append({
            "position": [round(s["lon"], 6), round(s["lat"], 6)], "street": s["street"],
            "radius": count_radius(s["n"]), "fill": [*PROBLEM_COLOURS[key], 90],
            "line": [255, 255, 255, 255],
            **_tip(_street_title("map.tip.street_problems", s["street"], names, lang), [
                (t("map.tip.problems_open", lang=lang), s["n"]),
                (t("map.tip.problems_overdue", lang=lang), s["late"])], lang)})
    return _street_layer("problem-streets", rows)


def _tile_xy(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2 ** z
    return (min(max(int((lon + 180) / 360 * n), 0), n - 1),
            min(max(int(_merc_y(lat) * n), 0), n - 1))


def _tile_box(x: int, y: int, z: int) -> list[float]:
    n = 2 ** z
    return [x / n * 360 - 180, _merc_lat((y + 1) / n), (x + 1) / n * 360 - 180, _merc_lat(y / n)]


def tile_layers(url: str, view: pdk.ViewState, width: int = 1000, height: int = MAP_HEIGHT,
                max_tiles: int = 64) -> list[pdk.Layer]:
    """The city's own XYZ tile server ({z}/{x}/{y}) as a basemap: the tiles covering the fitted
    view, one BitmapLayer each. (A pydeck TileLayer would fetch the tiles but draw nothing: its
    default sub-layer is a GeoJsonLayer, and Streamlit's JSON cannot give it the BitmapLayer
    renderSubLayers function that raster tiles need.) Empty url = no basemap."""
    if not url:
        return []
    w, s, e, n = view_bounds(view, width, height)
    z = max(min(round(view.zoom) + 1, 19), 0)      # 256-px raster tiles: one level above deck's
    while z > 0:
        x0, y0 = _tile_xy(w, n, z)
        x1, y1 = _tile_xy(e, s, z)
        if (x1 - x0 + 1) * (y1 - y0 + 1) <= max_tiles:
            break
        z -= 1
    x0, y0 = _tile_xy(w, n, z)
    x1, y1 = _tile_xy(e, s, z)
    return [pdk.Layer("BitmapLayer", id=f"tile-{z}-{x}-{y}", bounds=_tile_box(x, y, z),
                      image=_literal(url.replace("{z}", str(z)).replace("{x}", str(x))
                                     .replace("{y}", str(y))))
            for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]


def deck(layers: list[pdk.Layer], view: pdk.ViewState, height: int = MAP_HEIGHT) -> pdk.Deck:
    """The map: no basemap provider and no map_style (see the module docstring)."""
    return pdk.Deck(layers=layers, initial_view_state=view, map_provider=None,
                    tooltip={"html": TOOLTIP, "style": TIP_STYLE}, height=height,
                    views=[pdk.View(type="MapView", controller=True)])


# --- legend -----------------------------------------------------------------------------------

def _hex(rgb: tuple[int, ...]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb[:3])


def legend_items(lang: str, stale_days: int, alert_rule: str, alert_k: float,
                 overdue_days: int = 0, layers: Iterable[str] = ("points", "sites")
                 ) -> list[tuple[str, str, str]]:
    """(shape, colour, words) for every mark on the map (the layers drawn); shape ∈ square,
    dot, ring, edged (a white-edged dot: a problem)."""
    overdue = (t("map.legend.overdue_days", lang=lang, n=overdue_days) if overdue_days
               else t("map.legend.overdue_any", lang=lang))
    items = [("square", _hex(GRID_COLOURS[s]),
              t(f"map.legend.grid_{s}", lang=lang, days=stale_days, overdue=overdue))
             for s in GRID_STATUSES]
    if "points" in layers:
        items += [("dot", _hex(POINT_COLOURS[s]), t("map.legend.point", lang=lang,
                                                     status=status_label(s, lang)))
                  for s in POINT_STATUSES]
    if "problems" in layers:
        items += [("edged", _hex(PROBLEM_COLOURS[k]), t("map.legend.problem", lang=lang,
                                                           state=t(f"map.problem.{k}", lang=lang)))
                  for k in PROBLEM_COLOURS]
    if "sites" not in layers:
        return items
    rule = (t("map.legend.rule_baseline", lang=lang, k=alert_k) if alert_rule == "baseline"
            else t("map.legend.rule_goal", lang=lang))
    items += [("ring", _hex(SITE_COLOURS["normal"]), t("map.legend.site", lang=lang)),
              ("ring", _hex(SITE_COLOURS["alert"]), t("map.legend.site_alert", lang=lang,
                                                      rule=rule)),
              ("ring", _hex(SITE_COLOURS["no_data"]), t("map.legend.site_none", lang=lang))]
    return items


def legend_html(items: list[tuple[str, str, str]]) -> str:
    """The legend as HTML for st.markdown: a swatch and the words for every item."""
    shapes = {"square": "width:14px;height:14px;border-radius:2px;background:{c};opacity:.75",
              "dot": "width:11px;height:11px;border-radius:50%;background:{c};"
                     "border:1px solid #000",
              "ring": "width:13px;height:13px;border-radius:50%;border:2px solid {c};"
                      "background:{c}33",
              "edged": "width:12px;height:12px;border-radius:50%;background:{c};"
                       "border:2px solid #fff;box-shadow:0 0 0 1px #555"}
    spans = [f'<span style="display:inline-flex;align-items:center;gap:6px;margin:2px 14px 2px 0;'
             f'font-size:0.9em"><span style="display:inline-block;{shapes[s].format(c=c)}">'
             f"</span>{html.escape(words)}</span>" for s, c, words in items]
    return "<div>" + "".join(spans) + "</div>"
