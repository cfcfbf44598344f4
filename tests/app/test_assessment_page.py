"""AppTest of the 季考核 page on the sample city: the scores from the scheme in both languages,
the breakdown of a chosen object whose points add up to its score, the scheme in force, a
district user's own district only, and the page without a scheme."""

import pytest

pytestmark = pytest.mark.slow


def frame(at, column):
    for d in at.dataframe:
        df = d.value if hasattr(d.value, "columns") else d.value.data
        if column in df.columns:
            return df
    raise AssertionError(f"no table with {column!r}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_scores_breakdown_and_scheme(run_page, lang):
    at = run_page("assessment", lang=lang, as_of="2026-11-27")
    assert not at.exception
    zh = lang == "zh"
    assert at.title[0].value == ("季考核 · 季度考核得分" if zh else "Quarterly assessment · scores")
    assert at.selectbox(key="w_quarter").value == "2026-Q3"
    scores = frame(at, "得分" if zh else "Score")
    assert len(scores) == 6
    assert list(scores["名次" if zh else "Rank"]) == ["1", "2", "3", "4", "5", "6"]
    last = scores.iloc[-1]["名称" if zh else "Name"]
    assert last == ("南江区" if zh else "Nanjiang District")
    assert any(("连续两个季度末位" if zh else "Last two quarters") in w.value for w in at.warning)
    # the breakdown of the first district: its points add up to its score (all items apply)
    items = frame(at, "考核项目" if zh else "Item")
    points = [float(v) for v in items["得分" if zh else "Points"] if v != "—"]
    first = float(scores.iloc[0]["得分" if zh else "Score"])
    assert sum(points) == pytest.approx(first, abs=0.01)
    scheme = frame(at, "生效季度" if zh else "From")
    assert len(scheme) == 17
    # streets: 60 of them with their district (the type kept in the URL, as a link gives it)
    at = run_page("assessment", lang=lang, as_of="2026-11-27", type="街道")
    assert len(frame(at, "所属区县" if zh else "District")) == 60


def test_a_district_user_sees_its_own_district_and_streets(run_page):
    at = run_page("assessment", role="district", scope="990105", as_of="2026-11-27")
    assert not at.exception
    scores = frame(at, "得分")
    assert list(scores["名称"]) == ["南江区"]
    assert "部门" not in at.segmented_control(key="w_type").options
