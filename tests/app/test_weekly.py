"""AppTest of the 简报导出 page: it opens without building; on request (the button, or ?build=1)
it builds last week's pack and offers the downloads."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, signed_in

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_weekly_page_offers_the_downloads(sample_warehouse, monkeypatch, lang):
    monkeypatch.setenv("HC_WAREHOUSE_DIR", str(sample_warehouse))
    at = AppTest.from_file(str(ROOT / "app" / "main.py"), default_timeout=120)
    signed_in(at)
    at.query_params["lang"] = lang
    at.switch_page("../pages/weekly.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.selectbox(key="w_week").value.startswith("20")
    assert len(at.get("download_button")) == 0 and at.info     # nothing built on opening
    at.button(key="w_build").click().run()
    assert len(at.get("download_button")) == 3
    assert "《XX市创建国家卫生城市工作周调度简报》" in " ".join(m.value for m in at.markdown)
    at.selectbox(key="w_scope").set_value("990105").run()
    assert not at.exception
    assert "南江区" in " ".join(m.value for m in at.markdown)


def test_a_week_not_yet_loaded_is_offered_but_not_chosen(run_page):
    # the sample's weekly values end with 2026-W47 (16–22 Nov); on 5 December the last complete
    # week is W48: the page lists W48 but opens on W47, which it can build
    at = run_page("weekly", as_of="2026-12-05", build="1")
    box = at.selectbox(key="w_week")
    assert box.options[0].startswith("2026-W48")
    assert box.value == "2026-W47"
    assert len(at.get("download_button")) == 3 and not at.error


def test_a_briefing_download_is_audited(run_page, state_folder):
    from warehouse import audit

    at = run_page("weekly", role="clerk", build="1")
    button = at.get("download_button")[0]
    assert hasattr(button, "click"), "AppTest cannot click a download button"
    button.click().run()
    entries = [e for e in audit.read(folder=state_folder) if e["action"] == "briefing_export"]
    assert entries and entries[0]["who"] == "tester" and entries[0]["detail"]["file"] == "pdf"


@pytest.mark.parametrize(("kind", "period", "title"), [
    ("month", "2026-10", "《XX市创建国家卫生城市工作月度通报》"),
    ("quarter", "2026-Q3", "《XX市创建国家卫生城市工作季度考核通报》")])
def test_the_page_builds_a_month_or_a_quarter(run_page, kind, period, title):
    at = run_page("weekly", kind=kind, as_of="2026-11-27", build="1")
    assert at.selectbox(key=f"w_{kind}").value == period     # the latest complete one
    assert title in " ".join(m.value for m in at.markdown)
    assert len(at.get("download_button")) == 3
    assert f"--{kind} {period}" in at.code[0].value
