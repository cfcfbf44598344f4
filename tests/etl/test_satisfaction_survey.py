"""satisfaction_survey (11): answers as words or 1–5, yes/no columns, street inside district,
weights, bad values rejected with row and column, personal data refused."""

import polars as pl
import pytest

from etl.contract import EtlFatal
from etl.sources import satisfaction_survey
from tests.conftest import sheet

HEADER = ["问卷编号", "调查日期", "区县编码", "街道编码", "性别", "年龄段", "环境卫生满意度",
          "公共卫生服务满意度", "知晓创卫工作", "支持创卫工作", "权重"]
GOOD = ["2025Q2-000001", "2025-05-12", "990102", "990102001", "女", "30-39岁", "满意", "很满意",
        "是", "是", "1.2"]


def with_(i, v, row=GOOD):
    r = list(row)
    r[i] = v
    return r


def test_words_become_scores():
    rows = [with_(0, f"Q{i}", with_(6, a, with_(7, a)))
            for i, a in enumerate(("很满意", "满意", "一般", "不满意", "很不满意"))]
    r = satisfaction_survey.transform(sheet(HEADER, *rows))
    assert r.rejects.height == 0
    assert r.frame["sanitation_score"].to_list() == [5, 4, 3, 2, 1]
    assert r.frame["public_health_service_score"].to_list() == [5, 4, 3, 2, 1]
    assert r.frame.schema["sanitation_score"] == pl.Int64


def test_digits_and_aliases_become_scores():
    rows = [with_(0, "Q1", with_(6, "5", with_(7, "1"))),
            with_(0, "Q2", with_(6, "３", with_(7, 2))),          # full-width digit, a number cell
            with_(0, "Q3", with_(6, "非常满意", with_(7, "比较不满意")))]
    r = satisfaction_survey.transform(sheet(HEADER, *rows))
    assert r.rejects.height == 0
    assert r.frame.select("sanitation_score", "public_health_service_score").rows() == [
        (5, 1), (3, 2), (5, 2)]


def test_rules():
    r = satisfaction_survey.transform(sheet(
        HEADER, GOOD,
        with_(0, "B2", with_(6, "6")),                  # 3: a score outside 1–5
        with_(0, "B3", with_(7, "0")),                  # 4
        with_(0, "B4", with_(6, "还行")),                # 5: a word outside the list
        with_(0, "B5", with_(3, "990103001")),          # 6: street not in the district
        with_(0, "B6", with_(10, "0")),                 # 7: weight must be > 0
        with_(0, "B7", with_(10, "")),                  # 8: weight missing
        with_(0, "B8", with_(8, "不知道")),              # 9: not yes or no
        with_(0, "B9", with_(1, "2025-13-01")),         # 10: not a date
        with_(0, "B10", with_(2, "99010")),             # 11: bad district code
        with_(0, "B11", with_(6, "", with_(7, ""))),    # 12: neither question answered
    ))
    assert r.frame["questionnaire_id"].to_list() == ["2025Q2-000001"]
    got = {(row, col) for row, col in r.rejects.select("row_number", "column").rows()}
    assert got == {(3, "环境卫生满意度"), (4, "公共卫生服务满意度"), (5, "环境卫生满意度"),
                   (6, "街道编码"), (7, "权重"), (8, "权重"), (9, "知晓创卫工作"),
                   (10, "调查日期"), (11, "区县编码"), (12, "环境卫生满意度")}
    bad6 = r.rejects.filter(pl.col("row_number") == 3).row(0, named=True)
    assert bad6["value"] == "6" and "取值不在允许范围" in bad6["reason"]
    assert "很满意" in bad6["reason"]


def test_one_question_blank_keeps_the_respondent():
    r = satisfaction_survey.transform(sheet(HEADER, with_(7, "")))
    assert r.rejects.height == 0
    assert r.frame.select("sanitation_score", "public_health_service_score").row(0) == (4, None)


def test_yes_no_columns():
    rows = [with_(0, "Q1", with_(8, "是", with_(9, "否"))),
            with_(0, "Q2", with_(8, "否", with_(9, "是"))),
            with_(0, "Q3", with_(8, "", with_(9, "")))]   # not answered: null, still counted
    r = satisfaction_survey.transform(sheet(HEADER, *rows))
    assert r.rejects.height == 0
    assert r.frame.select("aware", "supportive").rows() == [(True, False), (False, True),
                                                           (None, None)]
    assert r.frame.schema["aware"] == pl.Boolean


def test_descriptive_labels_kept():
    rows = [with_(0, "Q1", with_(5, "30~39岁")), with_(0, "Q2", with_(5, "35岁左右")),
            with_(0, "Q3", with_(4, "男性")), with_(0, "Q4", with_(5, ""))]
    r = satisfaction_survey.transform(sheet(HEADER, *rows))
    assert r.rejects.height == 0
    assert r.frame["age_band"].to_list() == ["30-39岁", "35岁左右", "30-39岁", None]
    assert r.frame["sex"].to_list() == ["女", "女", "男", "女"]
    assert any(w.kind == "label_kept" and w.column == "年龄段" for w in r.warnings)


def test_date_styles_and_key():
    rows = [with_(1, "2025/5/12"), with_(1, "2025年5月12日"), with_(0, "Q2", with_(1, "45789"))]
    r = satisfaction_survey.transform(sheet(HEADER, *rows))
    # the first two are the same questionnaire on the same day: an exact duplicate
    assert r.frame["questionnaire_id"].to_list() == ["2025Q2-000001", "Q2"]
    assert r.frame["survey_date"].cast(pl.Utf8).to_list() == ["2025-05-12", "2025-05-12"]
    assert r.rejects["reason"].str.contains("完全重复").to_list() == [True]
    conflict = satisfaction_survey.transform(sheet(HEADER, GOOD, with_(6, "一般")))
    assert conflict.frame.height == 0 and conflict.rejects.height == 2


def test_missing_column_is_fatal():
    with pytest.raises(EtlFatal, match="权重"):
        satisfaction_survey.transform(sheet(HEADER[:-1], GOOD[:-1]))


@pytest.mark.parametrize("header, row", [
    (HEADER + ["姓名"], GOOD + ["张三"]),
    (HEADER + ["联系电话"], GOOD + [""]),
    (HEADER + ["备注"], GOOD + ["回访 13912345678"]),
    (HEADER + ["备注"], GOOD + ["联系人：王小明"]),
])
def test_personal_data_refused(header, row):
    with pytest.raises(EtlFatal, match="拒绝导入"):
        satisfaction_survey.transform(sheet(header, row))


def test_meta():
    m = satisfaction_survey.META
    assert (m.name, m.number, m.rhythm, m.period_grain) == ("satisfaction_survey", "11",
                                                           "quarterly", "quarter")
    assert satisfaction_survey.CONTRACT["sanitation_score"] == pl.Int64
