"""6 健康素养监测: anonymous respondent microdata with aspect and category scores and weights."""

from __future__ import annotations

import polars as pl

from etl.contract import Col, Contract, Meta, Rule
from etl.sources._common import DISTRICT_CODE, enum, street_code

# (column, header, maximum points): the national questionnaire's 3 aspects and 6 categories.
ASPECTS = (
    ("score_knowledge", "基本知识和理念得分", 28),
    ("score_lifestyle", "健康生活方式与行为得分", 22),
    ("score_skills", "基本技能得分", 16),
)
CATEGORIES = (
    ("score_scientific_view", "科学健康观得分", 11),
    ("score_infectious", "传染病防治得分", 7),
    ("score_chronic", "慢性病防治得分", 12),
    ("score_safety_first_aid", "安全与急救得分", 14),
    ("score_basic_medical", "基本医疗得分", 14),
    ("score_health_information", "健康信息得分", 8),
)
SCORE_EN = {
    "score_knowledge": "Score: basic knowledge and concepts",
    "score_lifestyle": "Score: healthy lifestyle and behaviour",
    "score_skills": "Score: basic skills",
    "score_scientific_view": "Score: scientific view of health",
    "score_infectious": "Score: infectious disease prevention",
    "score_chronic": "Score: chronic disease prevention",
    "score_safety_first_aid": "Score: safety and first aid",
    "score_basic_medical": "Score: basic medical care",
    "score_health_information": "Score: health information",
}
EDUCATION = ("不识字/少识字", "小学", "初中", "高中/职高/中专", "大专/本科", "硕士及以上")
# Collapsed bands some surveys report instead (each spans several of the groups above): kept as
# given in the breakdown.
EDUCATION_BANDS = ("小学及以下", "初中及以下", "高中及以上", "大专及以上")

# 健康知识主要获取渠道 (TEMPLATES §11, optional): the new-media share counts 网络新媒体.
CHANNELS = ("电视", "报刊", "网络新媒体", "医务人员", "亲友", "其他")
NEW_MEDIA = "网络新媒体"

META = Meta("health_literacy", "健康素养监测", "Health literacy survey",
            department=("市健康教育所", "City health education institute"),
            keys=("survey_year", "questionnaire_id"),
            foreign_keys={"district_code": "district", "street_code": "street"},
            number='6', rhythm='yearly', period_grain='year',
            period='make_date(survey_year::int, 1, 1)')


def _score(col: str, header: str, top: float) -> Col:
    return Col(col, (header, header.removesuffix("得分")), "num", max=top, label_en=SCORE_EN[col])


def _flags(df: pl.DataFrame) -> pl.DataFrame:
    """The two optional answers as 1/0 for the survey indicators (blank or an absent column stays
    null: that respondent — or that year — has no value, never a zero)."""
    return df.with_columns(
        pl.col("smoker").cast(pl.Int8).alias("smoker_flag"),
        pl.when(pl.col("info_channel").is_null()).then(None)
        .otherwise((pl.col("info_channel") == NEW_MEDIA).cast(pl.Int8)).alias("new_media_flag"))


def _sums_to_total(parts: tuple[tuple[str, str, int], ...], what: str) -> Rule:
    total = pl.sum_horizontal([pl.col(c) for c, _, _ in parts])
    return Rule("total_score", (total - pl.col("total_score")).abs() <= 0.5,
                f"{what}得分之和不等于总分 / {what} scores do not add up to the total")


SOURCE = Contract(
    META,
    (
        Col("questionnaire_id", ("问卷编号",), "code", label_en="Questionnaire number"),
        Col("survey_year", ("调查年份", "年份"), "year", min=2000, max=2100,
            label_en="Survey year"),
        Col("district_code", ("区县编码", "区县代码"), "code", pattern=DISTRICT_CODE,
            label_en="District code"),
        street_code(),
        Col("urban_rural", ("城乡",), "enum", descriptive=True,
            values={"城市": "城市", "农村": "农村", "城镇": "城市", "乡村": "农村"},
            label_en="Urban or rural"),
        Col("sex", ("性别",), "enum", descriptive=True,
            values={"男": "男", "女": "女", "男性": "男", "女性": "女"}, label_en="Sex"),
        Col("age", ("年龄",), "int", min=15, max=69, label_en="Age"),
        # NOTE: education, sex and urban/rural only break the level down: a spelling outside the
        # list (or a collapsed band such as 小学及以下, which spans two of the national groups)
        # is kept as written, so the respondent still counts in the overall literacy level.
        Col("education", ("文化程度",), "enum", descriptive=True,
            values={**{e: e for e in EDUCATION}, **{g: g for g in EDUCATION_BANDS},
                    "不识字或少识字": "不识字/少识字", "不识字": "不识字/少识字",
                    "少识字": "不识字/少识字", "文盲/半文盲": "不识字/少识字",
                    "高中": "高中/职高/中专", "中专": "高中/职高/中专", "职高": "高中/职高/中专",
                    "技校": "高中/职高/中专", "中技": "高中/职高/中专",
                    "大专": "大专/本科", "本科": "大专/本科", "大学专科": "大专/本科",
                    "大学本科": "大专/本科", "研究生": "硕士及以上", "研究生及以上": "硕士及以上",
                    "硕士": "硕士及以上", "博士": "硕士及以上"}, label_en="Education"),
        Col("total_score", ("总分",), "num", max=66, label_en="Total score"),
        *[_score(c, h, m) for c, h, m in ASPECTS + CATEGORIES],
        Col("weight", ("权重", "加权权重", "最终权重"), "num", min=1e-9, label_en="Weight"),
        # Optional (a year's survey may not ask them): smoking and the main source of health
        # knowledge, for 15–69 岁人群吸烟率 and 健康知识新媒体获取率.
        Col("smoker", ("是否吸烟", "吸烟", "现在是否吸烟"), "bool", required=False, nullable=True,
            label_en="Smokes"),
        Col("info_channel", ("健康知识主要获取渠道", "主要获取渠道", "健康知识获取渠道"), "enum",
            required=False, nullable=True,
            values=enum(CHANNELS, {"网络": NEW_MEDIA, "新媒体": NEW_MEDIA, "互联网": NEW_MEDIA,
                                   "网络/新媒体": NEW_MEDIA, "微信": NEW_MEDIA,
                                   "短视频": NEW_MEDIA, "报纸": "报刊", "报纸杂志": "报刊",
                                   "杂志": "报刊", "医生": "医务人员", "医护人员": "医务人员",
                                   "亲戚朋友": "亲友", "家人朋友": "亲友"}),
            label_en="Main source of health knowledge"),
    ),
    post=_flags,
    post_labels=(("smoker_flag", "吸烟（1/0）", "Smokes (1/0)"),
                 ("new_media_flag", "主要经网络新媒体获取健康知识（1/0）",
                  "Health knowledge mainly from new media (1/0)")),
    rules=(
        Rule("street_code", pl.col("street_code").str.starts_with(pl.col("district_code")),
             "街道不属于该区县 / street is not in that district"),
        _sums_to_total(ASPECTS, "三个方面"),
        _sums_to_total(CATEGORIES, "六类问题"),
    ),
)
CONTRACT = SOURCE.schema
read, transform = SOURCE.read, SOURCE.transform
