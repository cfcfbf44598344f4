"""AppTest of the 周报导出 page: it builds last week's pack and offers the downloads."""

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
    assert len(at.get("download_button")) == 3
    assert "《XX市创建国家卫生城市工作周调度简报》" in " ".join(m.value for m in at.markdown)
    at.selectbox(key="w_scope").set_value("990105").run()
    assert not at.exception
    assert "南江区" in " ".join(m.value for m in at.markdown)
