"""Chart builders through to_dict(): the comparison keeps its value order and colours each bar by
its own status, axis titles say one thing, legends are there; formatting of gaps and changes."""

import datetime as dt

import polars as pl

from app import charts
from app import formatting as F

STATUS = {"domain": ["达标", "预警", "落后"], "range": ["#2e7d32", "#f9a825", "#c62828"]}


def labels(**kw):
    return {"value": "数值", "status": "状态（2026年10月数值）", "area": "区域", "goal": "阶段目标",
            "status_domain": STATUS["domain"], "status_range": STATUS["range"], **kw}


def layer(spec: dict, mark: str) -> dict:
    return next(x for x in spec["layer"] if (x["mark"]["type"] if isinstance(x["mark"], dict)
                                             else x["mark"]) == mark)


def test_comparison_keeps_value_order_not_character_order():
    df = pl.DataFrame({"area": ["北塘区", "城关区", "东湖区", "南江区"],
                       "value": [2.58, 1.24, 2.07, 4.85],
                       "status_label": ["达标", "达标", "预警", "落后"]})
    lower = charts.comparison(df, 5.0, labels(sort_desc=False), "只/(灯·夜)").to_dict()
    bars = layer(lower, "bar")
    assert bars["encoding"]["y"]["sort"] == ["城关区", "东湖区", "北塘区", "南江区"]
    higher = charts.comparison(df, 5.0, labels(sort_desc=True), "%").to_dict()
    assert layer(higher, "bar")["encoding"]["y"]["sort"] == ["南江区", "北塘区", "东湖区", "城关区"]
    # horizontal bars: names read level on the y axis, values on x
    assert bars["encoding"]["x"]["field"] == "value" and bars["encoding"]["y"]["field"] == "area"
    assert bars["encoding"]["color"]["field"] == "status_label"
    assert bars["encoding"]["color"]["title"] == "状态（2026年10月数值）"


def test_comparison_draws_the_goal_under_the_labels():
    df = pl.DataFrame({"area": ["甲", "乙"], "value": [1.0, 6.0], "status_label": ["达标", "落后"]})
    spec = charts.comparison(df, 5.0, labels(), "只").to_dict()
    kinds = [x["mark"]["type"] if isinstance(x["mark"], dict) else x["mark"] for x in spec["layer"]]
    assert kinds == ["rule", "bar", "text", "text"]          # rule first: labels sit on top
    halo = spec["layer"][2]["mark"]
    assert halo["stroke"] == "#ffffff" and halo["strokeWidth"] >= 3


def test_comparison_leaves_missing_values_out_of_the_bars():
    df = pl.DataFrame({"area": ["甲", "乙"], "value": [1.0, None], "status_label": ["达标",
                                                                                  "暂无数据"]})
    spec = charts.comparison(df, None, labels(), "%").to_dict()
    assert layer(spec, "bar")["encoding"]["y"]["sort"] == ["甲"]


def test_trend_has_one_axis_title():
    values = pl.DataFrame({"period_start": [dt.date(2024, 1, 1), dt.date(2025, 1, 1)],
                           "value": [28.0, 31.5], "ci_low": [26.0, 29.5], "ci_high": [30.0, 33.5]})
    goals = charts.goal_steps([{"deadline": dt.date(2026, 12, 31), "target_value": 35.0,
                                "stage_name": "巩固迎检年"}], dt.date(2024, 1, 1))
    glide = pl.DataFrame({"date": [dt.date(2023, 12, 31), dt.date(2026, 12, 31)],
                          "value": [25.4, 35.0]})
    spec = charts.trend(values, goals, glide, {"actual": "实际值", "goal": "阶段目标",
                                               "glide": "进度线", "period": "统计期",
                                               "value": "数值"}, "%", ci=True).to_dict()
    titles = {x["encoding"]["y"].get("title") for x in spec["layer"]}
    assert titles == {"数值 (%)"}


def test_seasons_and_graded_lines_have_legends():
    weeks = pl.DataFrame({"season": ["2025年", "2026年"], "iso_week": [30, 30],
                          "value": [3.0, 2.0]})
    spec = charts.seasons(weeks, {"week": "周", "value": "数值", "season": "年份"}).to_dict()
    assert spec["encoding"]["color"]["title"] == "年份"
    assert spec["encoding"]["color"].get("legend") != None      # noqa: E711 (shown, not None)
    lines = pl.DataFrame({"area": ["甲", "乙"], "period_start": [dt.date(2026, 5, 1)] * 2,
                          "value": [0.4, 0.9], "grade": ["B", "D"]})
    grades = [{"grade": "A", "max": 0.1, "label_zh": "A级", "label_en": "A"},
              {"grade": "D", "label_zh": "D级", "label_en": "D"}]
    spec = charts.graded_trend(lines, grades, {"value": "数值", "grade": "等级", "period": "期",
                                               "area": "区域",
                                               "grade_names": {"A": "A级", "D": "D级"},
                                               "pass_grade": "A"}).to_dict()
    line = layer(spec, "line")
    assert line["encoding"]["color"]["field"] == "area"     # one colour per area, not dashes
    assert "strokeDash" not in line["encoding"]


def test_gaps_and_changes_of_rates_are_percentage_points():
    rate = {"unit": "%", "unit_en": "%", "format": "{:.1f}%"}
    density = {"unit": "只/(灯·夜)", "unit_en": "per trap-night", "format": "{:.2f}"}
    assert F.gap(0.93, rate, "zh") == "差 0.9 个百分点"
    assert F.gap(0.93, rate, "en") == "0.9 pp short"
    assert F.gap(-1.1, rate, "zh") == "超出 1.1 个百分点"
    assert F.gap(0.0, rate, "zh") == "已达到目标"
    assert F.gap(2.431, density, "zh") == "差 2.43 只/(灯·夜)"
    assert F.gap(2.431, density, "en") == "2.43 per trap-night short"
    assert F.delta(0.4, rate, "zh") == "+0.4 个百分点"
    assert F.delta(-0.12, density, "zh") == "−0.12 只/(灯·夜)"
    assert F.delta(0.01, rate, "zh") == "0"
    assert F.value(None, rate) == "—" and F.value(float("nan"), rate) == "—"
    assert F.value(43.71, rate) == "43.7%" and F.value(9.24, density, with_unit=True) == \
        "9.24 只/(灯·夜)"


def test_periods_dates_and_times_read_the_same_everywhere():
    assert F.period(dt.date(2026, 7, 1), "quarter", "zh") == "2026年第3季度"
    assert F.period(dt.date(2026, 7, 1), "quarter", "en") == "2026 Q3"
    assert F.period(dt.date(2026, 11, 16), "week", "zh") == "2026年第47周（11-16起）"
    assert F.period_pair(dt.date(2026, 10, 1), dt.date(2026, 9, 1), "month") == "10月较9月"
    assert F.period_pair(dt.date(2026, 1, 1), dt.date(2025, 12, 1), "month") == \
        "2026年1月较2025年12月"
    assert F.timestamp("2026-11-27T16:05:59.123") == "2026-11-27 16:05"
    assert F.date(dt.datetime(2026, 11, 16, 0, 0)) == "2026-11-16"
    assert F.stage("巩固迎检年", 2026, "en") == "2026 stage"
    assert F.stage("巩固迎检年", 2026, "en", "Consolidation year") == "Consolidation year"
