"""Names are data, never markup: a city, district or street name holding a markdown image, a
link or HTML is shown as itself on every page (no element renders it as markdown)."""

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from app import formatting as F
from etl.load import load
from tests.conftest import ROOT, signed_in, write_tiny_city

MAIN = str(ROOT / "app" / "main.py")
CITY = "![x](http://evil.example/x.png)市"
DISTRICT = '<a style="position:fixed;inset:0" href="http://evil.example">东区</a>'
STREET = ":red[一街] **粗** [点我](http://evil.example)"
UNSAFE = re.compile(r"(?<!\\)(!\[|\]\(|<a |:red\[|\*\*粗)")


def test_markdown_escaping_keeps_the_words():
    assert F.md(CITY) == r"\!\[x\]\(http\://evil\.example/x\.png\)市"
    assert not UNSAFE.search(F.md(DISTRICT)) and not UNSAFE.search(F.md(STREET))


@pytest.fixture(scope="module")
def hostile_warehouse(tmp_path_factory):
    files = write_tiny_city(tmp_path_factory.mktemp("hostile") / "files")
    names = {"city.geojson": CITY, "districts.geojson": DISTRICT}
    for f, name in names.items():
        doc = json.loads((files / "geo" / f).read_text(encoding="utf-8"))
        doc["features"][0]["properties"]["name"] = name
        (files / "geo" / f).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    doc = json.loads((files / "geo" / "streets.geojson").read_text(encoding="utf-8"))
    doc["features"][0]["properties"]["name"] = STREET
    (files / "geo" / "streets.geojson").write_text(json.dumps(doc, ensure_ascii=False),
                                                   encoding="utf-8")
    wdir = tmp_path_factory.mktemp("hostile_wh")
    load([files], wdir, progress=lambda _m: None)
    return wdir


@pytest.mark.parametrize("page", ["overview", "screen", "garbage", "map", "problems",
                                  "data_status", "weekly"])
def test_hostile_names_render_as_text(hostile_warehouse, monkeypatch, page):
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    monkeypatch.setenv("HC_WAREHOUSE_DIR", str(hostile_warehouse))
    at = AppTest.from_file(MAIN, default_timeout=120)
    signed_in(at)
    at.query_params["district"] = "660102"
    if page != "overview":
        at.switch_page(f"../pages/{page}.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    rendered = [e.value for kind in ("markdown", "caption", "subheader", "title", "success",
                                     "info", "warning", "error") for e in getattr(at, kind)]
    shown = rendered + [str(o) for b in at.selectbox for o in b.options]
    assert any("东区" in r or "evil" in r for r in shown)   # the names are there, as words
    for r in rendered:
        assert not UNSAFE.search(r), (page, r[:120])
