"""11 群众满意度调查: anonymous respondent microdata with two satisfaction answers and weights."""

from __future__ import annotations

import polars as pl

from etl.contract import Col, Contract, Meta, Rule
from etl.sources._common import DISTRICT_CODE, enum, street_code

# The five answers, best first, and the score each is staged as (5 = 很满意). A file may write
# the answer or its score 1–5.
ANSWERS = ("很满意", "满意", "一般", "不满意", "很不满意")
SCORE = {a: 5 - i for i, a in enumerate(ANSWERS)}
ANSWER_ALIASES = {**{str(s): a for a, s in SCORE.items()},
                  "非常满意": "很满意", "比较满意": "满意", "基本满意": "一般",
                  "比较不满意": "不满意", "非常不满意": "很不满意"}
# (column, header, English label) of the satisfaction questions.
QUESTIONS = (
    ("sanitation_score", "环境卫生满意度", "Satisfaction with sanitation"),
    ("public_health_service_score", "公共卫生服务满意度",
     "Satisfaction with public health services"),
)
AGE_BANDS = ("18岁以下", "18-29岁", "30-39岁", "40-49岁", "50-59岁", "60岁及以上")

META = Meta("satisfaction_survey", "群众满意度调查", "Public satisfaction survey",
            department=("第三方评估机构", "Third-party assessor"),
            keys=("survey_date", "questionnaire_id"),
            foreign_keys={"district_code": "district", "street_code": "street"},
            number='11', rhythm='quarterly', period_grain='quarter',
            period="date_trunc('quarter', survey_date)::date")


def _question(col: str, header: str, label_en: str) -> Col:
    # NOTE: a blank answer is a question not answered: the respondent is left out of that
    # question's rate only (survey.sql counts non-null scores), never counted as dissatisfied.
    return Col(col, (header,), "enum", nullable=True, values=enum(ANSWERS, ANSWER_ALIASES),
               label_en=label_en)


def _scores(df: pl.DataFrame) -> pl.DataFrame:
    """The answers become scores 1–5 (5 = 很满意)."""
    return df.with_columns(pl.col(c).replace_strict(SCORE, default=None, return_dtype=pl.Int64)
                           for c, _, _ in QUESTIONS)


SOURCE = Contract(
    META,
    (
        Col("questionnaire_id", ("问卷编号",), "code", label_en="Questionnaire number"),
        Col("survey_date", ("调查日期", "调查时间"), "date", label_en="Survey date"),
        Col("district_code", ("区县编码", "区县代码"), "code", pattern=DISTRICT_CODE,
            label_en="District code"),
        street_code(),
        # NOTE: sex and age band only break the rates down: blank or a spelling outside the
        # list is kept (as written), the respondent still counts.
        Col("sex", ("性别",), "enum", nullable=True, descriptive=True,
            values=enum(("男", "女"), {"男性": "男", "女性": "女"}), label_en="Sex"),
        Col("age_band", ("年龄段", "年龄组"), "enum", nullable=True, descriptive=True,
            values=enum(AGE_BANDS, {
                **{b.replace("-", sep): b for b in AGE_BANDS if "-" in b
                   for sep in ("~", "～", "—", "–", "至")},
                "18岁及以下": "18岁以下", "未满18岁": "18岁以下", "60岁以上": "60岁及以上",
                "60及以上": "60岁及以上"}),
            label_en="Age band"),
        *[_question(c, h, en) for c, h, en in QUESTIONS],
        Col("aware", ("知晓创卫工作", "是否知晓创卫工作"), "bool", nullable=True,
            label_en="Aware of the sanitary-city campaign"),
        Col("supportive", ("支持创卫工作", "是否支持创卫工作"), "bool", nullable=True,
            label_en="Supports the sanitary-city campaign"),
        Col("weight", ("权重", "加权权重", "最终权重"), "num", min=1e-9, label_en="Weight"),
    ),
    rules=(
        Rule("street_code", pl.col("street_code").str.starts_with(pl.col("district_code")),
             "街道不属于该区县 / street is not in that district"),
        Rule(QUESTIONS[0][0], pl.any_horizontal([pl.col(c).is_not_null() for c, _, _ in QUESTIONS]),
             "两项满意度均未作答 / neither satisfaction question answered"),
    ),
    post=_scores,
)
CONTRACT = SOURCE.schema
read, transform = SOURCE.read, SOURCE.transform
