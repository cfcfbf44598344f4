"""AppTest of the overview and the four domain pages, in Chinese and English, on the sample city:
no exception, key widgets present, a filter change changes the data."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow
MAIN = str(ROOT / "app" / "main.py")
PAGES = ["overview", "garbage", "mosquito", "chronic", "literacy"]


@pytest.fixture
def app(sample_warehouse, monkeypatch):
    monkeypatch.setenv("HC_WAREHOUSE_DIR", str(sample_warehouse))

    def run(page: str, lang: str = "zh", **params: str) -> AppTest:
        at = AppTest.from_file(MAIN, default_timeout=120)
        at.query_params["lang"] = lang
        for k, v in params.items():
            at.query_params[k] = v
        if page != "overview":
            at.switch_page(f"../pages/{page}.py")
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        return at

    return run


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_renders(app, page, lang):
    at = app(page, lang)
    assert at.title[0].value
    assert at.selectbox(key="w_district") is not None
    if page != "overview":
        assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
        assert len(at.dataframe) >= 2
    text = " ".join(str(m.value) for m in at.markdown) + " ".join(at.title[0].value)
    if lang == "en":
        assert "Filters" in [s.value for s in at.subheader]
    else:
        assert "筛选" in [s.value for s in at.subheader]
    assert text


def test_overview_tiles_and_off_track_list(app):
    at = app("overview")
    labels = [m.label for m in at.metric]
    assert len(labels) == 5 and any("生活垃圾回收利用率" in x for x in labels)
    markdown = " ".join(m.value for m in at.markdown)
    assert "南江区" in markdown and "落后" in markdown


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
