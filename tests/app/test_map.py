"""The waterlogging and grid map: the pure builders of app/maps.py (grid status rule, offline
deck, tooltips, view fitting, basemap tiles) and an AppTest of pages/map.py on the sample city
in Chinese and English."""

from __future__ import annotations

import datetime as dt
import json

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from app import maps
from tests.conftest import ROOT, signed_in

MAIN = str(ROOT / "app" / "main.py")


# --- pure builders ----------------------------------------------------------------------------

def _points(*rows: tuple) -> pl.DataFrame:
    """rows: (grid_code, is_open, larvae_found, days_open)."""
    return pl.DataFrame(rows, schema={"grid_code": pl.String, "is_open": pl.Boolean,
                                      "larvae_found": pl.Boolean, "days_open": pl.Int64},
                        orient="row")


def _sites(*rows: tuple) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"grid_code": pl.String, "alert": pl.Boolean}, orient="row")


def test_grid_status_rule_red_amber_green_and_the_stale_boundary():
    points = _points(
        ("G1", True, True, 8),       # larvae-positive, open 8 days > 7 → red
        ("G2", True, True, 7),       # open exactly 7 days: not older than 7 → amber
        ("G3", True, False, 90),     # open a long time but no larvae → amber
        ("G4", False, True, 120),    # eliminated by the date → no longer counts → green
        ("G6", True, None, 30),      # larvae unknown → not positive → amber
        ("G7", True, True, 3), ("G7", True, False, 40),   # several open, none stale → amber
    )
    sites = _sites(("G5", True), ("G4", False), ("G3", None))
    out = maps.grid_status(["G1", "G2", "G3", "G4", "G5", "G6", "G7", "G8"], points, sites,
                           stale_days=7)
    status = dict(zip(out["grid_code"], out["status"]))
    assert status == {"G1": "red", "G2": "amber", "G3": "amber", "G4": "green", "G5": "red",
                      "G6": "amber", "G7": "amber", "G8": "green"}
    row = out.filter(pl.col("grid_code") == "G7").row(0, named=True)
    assert (row["open_points"], row["stale_points"], row["alert_sites"]) == (2, 0, 0)
    assert out.filter(pl.col("grid_code") == "G5")["alert_sites"][0] == 1


def test_grid_status_threshold_is_a_parameter():
    points = _points(("G1", True, True, 8))
    assert maps.grid_status(["G1"], points, _sites(), stale_days=7)["status"][0] == "red"
    assert maps.grid_status(["G1"], points, _sites(), stale_days=8)["status"][0] == "amber"


def test_an_overdue_problem_turns_its_grid_red():
    """One rule for every map: a problem open past its deadline by more than the setting's
    days turns the cell red; any open problem makes it amber; a closed one does not count."""
    problems = pl.DataFrame({"grid_code": ["G1", "G2", "G3", "G4"],
                             "is_open": [True, True, True, False],
                             "days_overdue": [3, 0, 1, 40]})
    out = maps.grid_status(["G1", "G2", "G3", "G4", "G5"], _points(), _sites(), 7, problems)
    assert dict(zip(out["grid_code"], out["status"])) == {
        "G1": "red", "G2": "amber", "G3": "red", "G4": "green", "G5": "green"}
    strict = maps.grid_status(["G1", "G3"], _points(), _sites(), 7, problems, overdue_days=2)
    assert strict["status"].to_list() == ["red", "amber"]       # 3 > 2 days; 1 is not
    assert strict["overdue_problems"].to_list() == [1, 0]
    assert strict["open_problems"].to_list() == [1, 1]
    # a waterlogging point in the problem list is judged by the points' rule only, never twice
    listed = problems.with_columns(pl.Series("ledger", ["waterlogging", "problems",
                                                        "problems", "problems"]))
    once = maps.grid_status(["G1"], _points(("G1", True, False, 2)), _sites(), 7, listed)
    assert once.row(0, named=True)["status"] == "amber"     # not red by the problem rule
    assert (once["open_points"][0], once["open_problems"][0]) == (1, 0)


def _square(x0, y0, x1, y1):
    return json.dumps({"type": "Polygon",
                       "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]})


AREAS = pl.DataFrame({
    "area_code": ["990100", "990102", "990102001", "990102001001", "990102001002"],
    "area_level": ["city", "district", "street", "grid", "grid"],
    "parent_code": [None, "990100", "990102", "990102001", "990102001"],
    "name_zh": ["XX市", "城关区", "解放街道", "解放街道第1网格", "解放街道第2网格"],
    "geometry": [_square(113.0, 28.0, 113.4, 28.4), _square(113.0, 28.0, 113.2, 28.2),
                 _square(113.0, 28.0, 113.1, 28.1), _square(113.0, 28.0, 113.05, 28.1),
                 _square(113.05, 28.0, 113.1, 28.1)],
})
POINTS = pl.DataFrame({
    "point_id": ["JS1", "JS2"], "point_class": ["孳生积水", "易涝积水"],
    "point_type": ["轮胎", "道路低洼"], "status_as_of": ["未整改", "已销号"],
    "is_open": [True, False], "found_date": [dt.date(2026, 11, 1), dt.date(2026, 10, 1)],
    "days_open": [19, 5], "larvae_found": [True, False],
    "responsible_unit": ["解放街道办事处", None], "grid_code": ["990102001001", "990102001002"],
    "lon": [113.02, 113.07], "lat": [28.05, 28.05],
})
SITES = pl.DataFrame({
    "site_code": ["MS1", "MS2"], "site_name": ["中心医院", None], "habitat": ["医院", "公园"],
    "lon": [113.03, 113.08], "lat": [28.06, 28.02], "grid_code": ["990102001001", "990102001002"],
    "density": [6.5, None], "baseline_density": [2.0, None], "goal": [5.0, 5.0],
    "alert": [True, False],
})


def _deck(lang: str = "zh", tile_url: str = "") -> tuple:
    grids = maps.grid_status(["990102001001", "990102001002"], POINTS, SITES, 7)
    view = maps.fit_view(maps.bounds(AREAS.filter(pl.col("area_code") == "990102001")
                                     ["geometry"]))
    layers = [*maps.tile_layers(tile_url, view), *maps.area_layers(AREAS, grids, lang, 7),
              maps.site_layer(SITES, lang, "只/(灯·夜)"), maps.point_layer(POINTS, lang)]
    deck = maps.deck(layers, view)
    return deck, json.loads(deck.to_json())


def test_deck_is_offline_no_basemap_provider_or_style():
    deck, spec = _deck()
    assert deck.map_provider is None
    assert "mapProvider" not in spec
    # NOTE: pydeck writes its "__MAP_STYLE__" sentinel when no map_style is given, and Streamlit
    # drops it; a real style (or None/"", which Streamlit replaces with CARTO's) would be fetched.
    assert spec.get("mapStyle", "__MAP_STYLE__") == "__MAP_STYLE__"
    text = deck.to_json()
    for host in ("http://", "https://", "cartocdn", "mapbox", "googleapis"):
        assert host not in text
    # unit props stay strings: a bare "pixels" would become an accessor and break the layer
    assert "@@=pixels" not in text
    assert {layer["id"] for layer in spec["layers"]} == {
        "grid-status", "area-outlines", "light-trap-sites", "waterlogging-points"}


def test_grid_fill_follows_the_status():
    _, spec = _deck()
    fills = {r["area_code"]: r for r in
             next(x for x in spec["layers"] if x["id"] == "grid-status")["data"]}
    assert fills["990102001001"]["status"] == "red"           # stale larvae point and alert site
    assert fills["990102001001"]["fill"][:3] == [0xc6, 0x28, 0x28]   # the off-track red
    assert fills["990102001002"]["status"] == "green"         # its only point is eliminated
    assert "绿" in fills["990102001002"]["body"]


@pytest.mark.parametrize("lang,words", [
    ("zh", ["积水类型：轮胎（孳生积水）", "发现日期：2026-11-01", "持续天数：19",
            "责任单位：解放街道办事处", "状态（截至日期）：未整改", "发现幼虫：是"]),
    ("en", ["Type: Tyres (Breeding water)", "Found: 2026-11-01", "Days open: 19",
            "Responsible unit: 解放街道办事处", "Not yet fixed", "Larvae found: yes"]),
])
def test_point_tooltip_fields(lang, words):
    deck, spec = _deck(lang)
    assert "{title}" in deck._tooltip["html"] and "{body}" in deck._tooltip["html"]
    points = next(x for x in spec["layers"] if x["id"] == "waterlogging-points")["data"]
    first = next(p for p in points if p["point_id"] == "JS1")
    # only what the map draws and says is sent (each field reaches the browser for every point)
    assert set(first) == {"position", "point_id", "colour", "title", "body"}
    assert first["title"].endswith("JS1")
    for w in words:
        assert w in first["body"]
    second = next(p for p in points if p["point_id"] == "JS2")
    assert "责任单位" not in second["body"] and "Responsible" not in second["body"]   # no unit


def test_site_tooltip_and_size():
    _, spec = _deck("en")
    sites = {s["site_code"]: s for s in
             next(x for x in spec["layers"] if x["id"] == "light-trap-sites")["data"]}
    assert sites["MS1"]["alert"] and sites["MS1"]["line"][:3] == list(maps.SITE_COLOURS["alert"])
    assert "4-week density (只/(灯·夜)): 6.50" in sites["MS1"]["body"]
    assert sites["MS1"]["radius"] > sites["MS2"]["radius"]
    assert maps.site_radius(4.0) > maps.site_radius(1.0) > maps.site_radius(0.0)


def test_view_fits_the_selected_area():
    box = maps.bounds(AREAS.filter(pl.col("area_code") == "990102001")["geometry"])
    assert box == (113.0, 28.0, 113.1, 28.1)
    view = maps.fit_view(box)
    w, s, e, n = maps.view_bounds(view)
    assert w < 113.0 and e > 113.1 and s < 28.0 and n > 28.1       # the whole area shows
    assert (e - w) < 0.5 and (n - s) < 0.5                          # and not much more
    assert abs(view.longitude - 113.05) < 1e-6 and abs(view.latitude - 28.05) < 0.01
    city = maps.fit_view(maps.bounds(AREAS["geometry"]))
    assert city.zoom < view.zoom


def test_polygons_reads_polygon_multipolygon_and_feature():
    multi = json.dumps({"type": "MultiPolygon", "coordinates": [
        [[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[2, 2], [3, 2], [3, 3], [2, 2]]]]})
    feature = json.dumps({"type": "Feature", "properties": {}, "geometry": json.loads(multi)})
    assert len(maps.polygons(multi)) == 2 and len(maps.polygons(feature)) == 2
    assert maps.polygons(None) == [] and maps.bounds([multi]) == (0, 0, 3, 3)


def test_basemap_only_from_the_configured_tile_server():
    assert maps.tile_layers("", maps.fit_view((113.0, 28.0, 113.1, 28.1))) == []
    url = "http://gis.local/tiles/{z}/{x}/{y}.png"
    _, spec = _deck(tile_url=url)
    tiles = [x for x in spec["layers"] if x["@@type"] == "BitmapLayer"]
    assert 0 < len(tiles) <= 64
    for tile in tiles:
        assert tile["image"].startswith("http://gis.local/tiles/") and "@@" not in tile["image"]
        w, s, e, n = tile["bounds"]
        assert w < e and s < n
    assert spec.get("mapStyle", "__MAP_STYLE__") == "__MAP_STYLE__"


def test_legend_has_words_for_every_colour():
    items = maps.legend_items("en", 7, "goal", 1.5)
    assert len(items) == len(maps.GRID_STATUSES) + len(maps.POINT_STATUSES) + 3
    assert all(words.strip() for _, _, words in items)
    html = maps.legend_html(items)
    assert "over 7 days" in html and "Not yet fixed" in html and "stage goal" in html
    assert "1.5×" in maps.legend_html(maps.legend_items("en", 7, "baseline", 1.5))


# --- the page on the sample city --------------------------------------------------------------

@pytest.fixture
def app(sample_warehouse, monkeypatch):
    import streamlit as st

    monkeypatch.setenv("HC_WAREHOUSE_DIR", str(sample_warehouse))
    # NOTE: cached connections are keyed by data version only; other tests' warehouses share
    # version numbers, so start clean.
    st.cache_data.clear()
    st.cache_resource.clear()

    def run(lang: str = "zh", **params: str) -> AppTest:
        at = AppTest.from_file(MAIN, default_timeout=120)
        signed_in(at)
        at.query_params["lang"] = lang
        for k, v in params.items():
            at.query_params[k] = v
        at.switch_page("../pages/map.py")
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        return at

    return run


def _deck_spec(at: AppTest) -> dict:
    charts = at.get("deck_gl_json_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.json)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_map_page_renders(app, lang):
    at = app(lang)
    assert at.title[0].value == ("积水点与网格地图" if lang == "zh"
                                 else "Waterlogging points and grid cells")
    spec = _deck_spec(at)
    assert spec.get("mapStyle", "__MAP_STYLE__") == "__MAP_STYLE__"
    ids = {layer["id"] for layer in spec["layers"]}
    assert {"grid-status", "area-outlines", "light-trap-sites", "waterlogging-points"} <= ids
    grid_layer = next(x for x in spec["layers"] if x["id"] == "grid-status")
    assert len(grid_layer["data"]) == 300                   # every grid cell of the city
    legend = " ".join(m.value for m in at.markdown)
    assert ("红色网格" if lang == "zh" else "Red cell") in legend
    table = at.dataframe[0].value
    assert len(table) > 0
    status_col = "状态（截至日期）" if lang == "zh" else "Status (as of)"
    assert status_col in table.columns
    assert "已销号" not in set(table[status_col])           # default: open points only
    if lang == "en":
        assert set(table["Larvae found"]) <= {"yes", "no"}
        assert set(table["Class"]) <= {"Breeding water", "Flood-prone water"}


@pytest.mark.slow
def test_district_filter_changes_points_and_view(app):
    at = app()
    before = at.dataframe[0].value.copy()
    zoom_before = _deck_spec(at)["initialViewState"]["zoom"]
    at.selectbox(key="w_district").set_value("990105").run()
    assert not at.exception
    after = at.dataframe[0].value
    assert 0 < len(after) < len(before)
    assert set(after["网格编码"].str[:6]) == {"990105"}
    spec = _deck_spec(at)
    assert spec["initialViewState"]["zoom"] > zoom_before
    assert {r["area_code"][:6] for r in
            next(x for x in spec["layers"] if x["id"] == "grid-status")["data"]} == {"990105"}


@pytest.mark.slow
def test_status_filter_and_as_of_date_change_the_table(app):
    at = app()
    before = at.dataframe[0].value
    at.multiselect(key="w_status_zh").set_value(["未整改"]).run()
    assert not at.exception
    only = at.dataframe[0].value
    assert 0 < len(only) < len(before) and set(only["状态（截至日期）"]) == {"未整改"}
    # earlier in the year: points eliminated later were still open then
    at.multiselect(key="w_status_zh").set_value(list(maps.OPEN_STATUSES)).run()
    at.date_input(key="as_of").set_value(dt.date(2026, 6, 1)).run()
    assert not at.exception
    june = at.dataframe[0].value
    assert "未销号（其后已销号）" in set(june["状态（截至日期）"])
    assert (june["发现日期"] <= "2026-06-01").all()


@pytest.mark.slow
def test_url_filters_are_codes_whatever_the_language(app):
    at = app("en", status="复发", **{"class": "孳生积水"}, as_of="2026-11-20")
    assert at.multiselect(key="w_status_en").value == ["复发"]
    assert at.multiselect(key="w_class_en").value == ["孳生积水"]
    table = at.dataframe[0].value
    assert set(table["Status (as of)"]) == {"Recurred"}
    assert set(table["Class"]) == {"Breeding water"}
    # NOTE: set_value runs every widget's format_func outside the script, where t() falls back
    # to Chinese, so the English sidebar cannot be driven from AppTest; the URL is checked in zh.
    at = app()
    at.multiselect(key="w_status_zh").set_value(["未整改", "复发"]).run()
    assert at.query_params.get("status") == ["未整改", "复发"]
    at.multiselect(key="w_status_zh").set_value(list(maps.OPEN_STATUSES)).run()
    assert "status" not in at.query_params                  # the default keeps the URL clean


def test_map_page_without_ledger_or_sites(monkeypatch, tmp_path):
    import streamlit as st

    from etl.load import load
    from tests.conftest import write_tiny_city

    load([write_tiny_city(tmp_path / "files")], tmp_path / "wh", progress=lambda _m: None)
    monkeypatch.setenv("HC_WAREHOUSE_DIR", str(tmp_path / "wh"))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(MAIN, default_timeout=60)
    signed_in(at)
    at.switch_page("../pages/map.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert [m.value for m in at.metric] == ["0"] * 6
    assert at.info[0].value == "所选范围和条件下没有积水点。"
    spec = _deck_spec(at)
    outlines = next(x for x in spec["layers"] if x["id"] == "area-outlines")["data"]
    assert {o["level"] for o in outlines} == {"city", "district", "street"}


def test_roll_up_gives_each_street_its_worst_grid():
    grids = pl.DataFrame({"grid_code": ["g1", "g2", "g3"], "status": ["green", "red", "amber"],
                          "open_points": [0, 2, 1], "stale_points": [0, 1, 0],
                          "alert_sites": [0, 0, 1], "open_problems": [0, 1, 2],
                          "overdue_problems": [0, 1, 0]})
    areas = pl.DataFrame({"area_code": ["g1", "g2", "g3", "s1", "s2"],
                          "area_level": ["grid", "grid", "grid", "street", "street"],
                          "parent_code": ["s1", "s1", "s2", "d", "d"]})
    out = {r["grid_code"]: r for r in maps.roll_up(grids, areas).iter_rows(named=True)}
    assert out["s1"]["status"] == "red" and out["s1"]["open_points"] == 2
    assert out["s2"]["status"] == "amber" and out["s2"]["alert_sites"] == 1
    assert (out["s1"]["overdue_problems"], out["s2"]["open_problems"]) == (1, 2)


def test_too_many_markers_are_drawn_one_circle_per_street():
    sites = pl.concat([SITES, SITES.with_columns(
        pl.Series("site_code", ["MS3", "MS4"]), pl.Series("grid_code", ["990102002001"] * 2),
        pl.Series("density", [1.0, 2.0]), pl.Series("alert", [False, False]))])
    layer = maps.street_site_layer(sites, {"990102001": "解放街道", "990102002": "府前街道"}, "zh",
                                   "只/(灯·夜)")
    rows = {r["street"]: r for r in json.loads(maps.deck([layer], maps.fit_view(None)).to_json())
            ["layers"][0]["data"]}
    one, two = rows["990102001"], rows["990102002"]
    # 解放街道: two sites, one over the alert (red), the highest density 6.50, not an average
    assert one["line"][:3] == list(maps.SITE_COLOURS["alert"])
    assert "监测点数：2" in one["body"] and "超过预警：1" in one["body"]
    assert "6.50" in one["body"] and one["position"] == [113.055, 28.04]
    assert two["line"][:3] == list(maps.SITE_COLOURS["normal"]) and "2.00" in two["body"]
    assert "解放街道" in one["title"]
    points = maps.street_point_layer(POINTS.with_columns(pl.lit("990102001001").alias(
        "grid_code")), {"990102001": "解放街道"}, "zh")
    got = json.loads(maps.deck([points], maps.fit_view(None)).to_json())["layers"][0]["data"]
    assert len(got) == 1 and f"显示的积水点：{POINTS.height}" in got[0]["body"]
