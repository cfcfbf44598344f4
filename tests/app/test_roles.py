"""Roles in the app (AppTest): nothing without a user; what each role sees in the navigation and
may download; a district user sees only its district and the city total on every page."""

import re

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow
MAIN = str(ROOT / "app" / "main.py")
OTHER_DISTRICTS = ("990102", "990103", "990104", "990106", "990107")
OTHER_NAMES = ("城关区", "东湖区", "西山区", "北塘区", "新港区")


@pytest.fixture
def app(run_page):
    return run_page


def test_nothing_is_shown_without_a_signed_in_user(app):
    at = app(user=False)
    assert [e.value for e in at.error] == ["请先登录。"]
    assert not at.title and not at.dataframe and not at.metric


def test_a_leader_views_and_an_analyst_downloads(app):
    assert not app(role="leader").get("download_button")
    assert app(role="analyst").get("download_button")


@pytest.mark.parametrize(("role", "page", "allowed"), [
    ("leader", "data_status", False), ("leader", "admin", False), ("analyst", "admin", False),
    ("clerk", "weekly", True), ("district", "admin", False), ("admin", "admin", True)])
def test_a_page_outside_the_role_is_not_served(app, role, page, allowed):
    at = app(page, role=role, scope="990105" if role == "district" else None)
    titles = {"data_status": "数据状态", "admin": "账户与审计日志", "weekly": "简报导出"}
    assert (at.title[0].value.startswith(titles[page])) == allowed


@pytest.mark.parametrize("page", ["overview", "garbage", "mosquito", "chronic", "literacy",
                                  "map", "data_status", "weekly"])
def test_a_district_user_sees_only_its_district(app, page):
    at = app(page, role="district", scope="990105")
    if page == "weekly":
        assert at.selectbox(key="w_scope").options == ["南江区"]    # its own briefing only
    else:
        assert at.selectbox(key="w_district").value == "990105"    # starts in its district
        assert at.selectbox(key="w_district").options == ["全市", "南江区"]
    texts = [str(e.value) for kind in ("markdown", "caption", "subheader", "info", "success")
             for e in getattr(at, kind)]
    for d in at.dataframe:
        df = d.value if hasattr(d.value, "columns") else d.value.data
        texts += [str(c) for c in df.columns]
        texts += [str(v) for col in df.columns for v in df[col].tolist()]
    joined = " ".join(texts)
    for code, name in zip(OTHER_DISTRICTS, OTHER_NAMES):
        assert not re.search(rf"(?<!\d){code}", joined), (page, code)
        assert name not in joined, (page, name)
