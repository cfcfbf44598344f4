"""AppTest of the overview and the four domain pages, in Chinese and English, on the sample city:
no exception, key widgets present, a filter change changes the data."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow
MAIN = str(ROOT / "app" / "main.py")
PAGES = ["overview", "garbage", "mosquito", "chronic", "literacy", "satisfaction", "problems"]


@pytest.fixture
def app(run_page):
    return run_page


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_renders(app, page, lang):
    at = app(page, lang)
    titles = {"overview": ("创卫与健康城市建设 · 一屏统览", "Sanitary City & Healthy City · at a "
                                               "glance"),
              "garbage": ("垃圾分类", "Garbage sorting"), "mosquito": ("病媒生物",
                                                                   "Vector control"),
              "chronic": ("慢病管理", "Chronic disease"), "literacy": ("健康素养",
                                                                   "Health literacy"),
              "satisfaction": ("群众满意度", "Public satisfaction"),
              "problems": ("问题台账", "Problem ledger")}
    assert at.title[0].value == titles[page][0 if lang == "zh" else 1]
    assert at.selectbox(key="w_district").value == ""             # the whole city by default
    if page != "overview":
        charts = [e for e in at.main if getattr(e, "type", None) == "vega_lite_chart"]
        assert len(charts) >= 2                                     # trend and children
        assert len(at.dataframe) >= 2
    assert ("Filters" if lang == "en" else "筛选") in [s.value for s in at.subheader]


def test_overview_tiles_and_off_track_list(app):
    at = app("overview", as_of="2026-11-27")
    labels = [m.label for m in at.metric]
    assert len(labels) == 7 and any("生活垃圾回收利用率" in x for x in labels)
    heading = next(s.value for s in at.subheader if s.value.startswith("落后清单"))
    table = at.dataframe[0].value
    # the heading counts what the list shows; the city and every district are in it
    assert heading.startswith(f"落后清单：全市及各区县共 {len(table)} 项")
    assert "南江区" in set(table["区域"]) and "XX市" in set(table["区域"])
    assert all("个百分点" in g or "只/(灯·夜)" in g or "处/km" in g or g.startswith("差 ")
               for g in table["差距"])
    # the district filter narrows the list to that district
    at.selectbox(key="w_district").set_value("990105").run()
    only = at.dataframe[0].value
    assert set(only["区域"]) == {"南江区"} and 0 < len(only) < len(table)
    assert next(s.value for s in at.subheader if s.value.startswith("落后清单")).startswith(
        f"落后清单：南江区共 {len(only)} 项")


@pytest.mark.parametrize("page", ["garbage", "chronic"])
def test_district_filter_changes_the_data(app, page):
    at = app(page)
    before = at.dataframe[0].value.copy()
    at.selectbox(key="w_district").set_value("990105").run()
    assert not at.exception
    after = at.dataframe[0].value
    assert not before.equals(after)
    assert at.query_params.get("district") in ("990105", ["990105"])


def test_url_reproduces_the_view(app):
    at = app("garbage", district="990105", street="990105001")
    assert at.selectbox(key="w_district").value == "990105"
    assert at.selectbox(key="w_street").value == "990105001"


SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")
ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}(T| )\d{2}:\d{2}:\d{2}")
RAW = re.compile(r"(?<![A-Za-z])(None|nan|NaN|NaT|null)(?![A-Za-z])")
ALL_PAGES = ["overview", "screen", "garbage", "mosquito", "chronic", "literacy", "satisfaction",
             "creation", "map", "problems", "assessment", "data_status", "weekly", "admin",
             "intake"]


def shown_text(at: AppTest) -> list[str]:
    """Every piece of text the page shows: headings, markdown, captions, metrics, alerts and
    every dataframe's header and cells."""
    out = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "info",
                                "success", "warning", "error")
           for e in getattr(at, kind)]
    out += [f"{m.label} {m.value}" for m in at.metric]
    for d in at.dataframe:
        df = d.value if hasattr(d.value, "columns") else d.value.data
        out += [str(c) for c in df.columns]
        out += [str(v) for col in df.columns for v in df[col].tolist()]
    return out


@pytest.mark.parametrize("page", ALL_PAGES)
def test_nothing_raw_reaches_the_chinese_ui(app, page):
    at = app(page, as_of="2026-11-27")
    for d in at.dataframe:
        df = d.value if hasattr(d.value, "columns") else d.value.data
        assert not df.isna().any().any(), (page, [c for c in df.columns if df[c].isna().any()])
        snake = [c for c in df.columns if SNAKE.match(str(c))]
        assert not snake, (page, snake)
    for text in shown_text(at):
        assert not RAW.search(text), (page, text[:200])
        assert not ISO_TIME.search(text), (page, text[:200])
    # an empty placeholder makes the browser show Streamlit's English "Choose options"
    for w in at.multiselect:
        assert (w.placeholder or "").strip(), (page, w.label)
    for w in at.selectbox:
        if not w.proto.HasField("default"):     # index=None: the placeholder shows
            assert (w.placeholder or "").strip(), (page, w.label)
