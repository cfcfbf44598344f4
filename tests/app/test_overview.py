"""AppTest of the overview: the empty state without a warehouse; tiles, counts and ranking."""

from streamlit.testing.v1 import AppTest

from etl.load import load
from tests.conftest import ROOT, signed_in, write_tiny_city

MAIN = str(ROOT / "app" / "main.py")


def run_app(monkeypatch, wdir, lang="zh"):
    monkeypatch.setenv("HC_WAREHOUSE_DIR", str(wdir))
    at = AppTest.from_file(MAIN, default_timeout=60)
    signed_in(at)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    return at


def test_empty_warehouse_says_how_to_load(monkeypatch, tmp_path):
    at = run_app(monkeypatch, tmp_path / "none")
    assert "python -m etl load" in at.info[0].value
    at = run_app(monkeypatch, tmp_path / "none", lang="en")
    assert "The warehouse is empty" in at.info[0].value


def test_tiles_counts_and_ranking_on_a_small_city(monkeypatch, tmp_path):
    files = write_tiny_city(tmp_path / "files")
    (files / "阶段目标.csv").write_text(
        "指标编码,区域编码,阶段名称,年份,目标值,截止日期,来源\n"
        "mixed_collection_transport_rate,660100,巩固迎检年,2026,0%,2026-12-31,方案\n",
        encoding="utf-8")
    load([files], tmp_path / "wh", progress=lambda _m: None)
    at = run_app(monkeypatch, tmp_path / "wh")
    assert len(at.metric) == 7                      # one tile per headline indicator
    assert all(m.value == "—" for m in at.metric)   # the small city reports none of them
    assert any("达标" in m.value and "落后" in m.value for m in at.markdown)
    assert [s.value for s in at.subheader][:4] == [
        "核心指标", "落后清单：全市及各区县共 2 项（其中逾期未达标 0 项）",
        "逾期问题（按责任单位）：小城市共 0 项，涉及 0 个单位", "区县评比"]
    assert "截至所选日期没有逾期未销号的问题。" in [s.value for s in at.success]
    # 5 of 40 trips mixed (the third street is unknown and rejected): 12.5 % against a goal of
    # 0 %, so 12.5 percentage points short, in the city and its one district alike.
    table = at.dataframe[0].value
    assert list(table["区域"]) == ["小城市", "东区"]
    assert list(table["数值（统计期）"]) == ["12.5%（2025年6月）"] * 2
    assert list(table["差距"]) == ["差 12.5 个百分点"] * 2
    assert list(table["指标页"]) == [
        "garbage?indicator=mixed_collection_transport_rate&as_of=" + at.session_state["as_of"]
        .isoformat(),
        "garbage?indicator=mixed_collection_transport_rate&district=660102&as_of="
        + at.session_state["as_of"].isoformat()]
    assert "小城市" in " ".join(c.value for c in at.caption)
