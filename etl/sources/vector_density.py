"""3e 病媒生物密度监测结果: per area (district or street; the city for a city-wide check) and
survey round, each pest's density by each method and the control level it reached (A/B/C/D per
GB/T 27770–27773), with who assessed it. C or better on all four pests is the sanitary city's
pass line (a veto condition); the indicators take the worst grade of an area's round."""

from __future__ import annotations

import polars as pl

from etl.contract import Col, Contract, Meta, Rule
from etl.sources._common import count, enum

AREA = r"^\d{6}(\d{3})?$"      # a district (or the city) or a street, never a grid
PESTS = ("鼠", "蚊", "蝇", "蟑螂")
LEVELS = ("A", "B", "C", "D")
METHODS = ("粘鼠板法", "鼠迹法", "笼夜法", "诱蚊灯法", "路径法", "布雷图指数法", "目测法", "粘捕法",
           "诱蝇笼法", "粘蟑纸法", "药激法", "人诱停落法", "勺捕法")
ASSESSORS = ("自评", "第三方", "省级", "国家暗访")

META = Meta("vector_density", "病媒生物密度监测结果", "Vector density surveillance results",
            department=("市疾控中心", "City CDC"),
            keys=("area_code", "survey_date", "pest", "method", "assessor"),
            foreign_keys={"area_code": "area"},
            number='3e', rhythm='spring_autumn', period_grain='quarter',
            period="date_trunc('quarter', survey_date)::date")

SOURCE = Contract(
    META,
    (
        Col("area_code", ("区域编码", "区县编码", "区县(街道)编码", "监测区域编码", "街道编码"),
            "code", pattern=AREA, label_en="Area code"),
        Col("survey_date", ("监测日期", "调查日期", "监测时间"), "date", label_en="Survey date"),
        Col("pest", ("病媒类别", "病媒种类", "病媒生物类别", "类别"), "enum",
            values=enum(PESTS, {"鼠类": "鼠", "老鼠": "鼠", "蚊虫": "蚊", "蚊子": "蚊",
                                "蚊类": "蚊", "蝇类": "蝇", "苍蝇": "蝇", "蜚蠊": "蟑螂",
                                "蟑": "蟑螂"}),
            label_en="Pest"),
        # NOTE: a method outside the list is kept as written (a warning): the grade, not the
        # method, feeds the indicators.
        Col("method", ("监测方法", "调查方法"), "enum", values=enum(METHODS), descriptive=True,
            label_en="Method"),
        count("surveyed", "调查数", "调查数量", label_en="Surveyed"),
        count("positive", "阳性数", "阳性数量", label_en="Positive"),
        Col("density_index", ("密度指数", "密度", "指数"), "num", nullable=True, min=0,
            percent_ok=True, label_en="Density index"),
        Col("control_level", ("控制水平", "密度控制水平", "控制水平等级", "等级"), "enum",
            values=enum(LEVELS, {**{f"{g}级": g for g in LEVELS},
                                 **{g.lower(): g for g in LEVELS},
                                 **{f"0{i}": g for i, g in enumerate(LEVELS, 1)},
                                 "不达标": "D", "未达标": "D", "低于C级": "D"}),
            label_en="Control level"),
        Col("assessor", ("评估主体", "评估单位类型", "评估方式"), "enum",
            values=enum(ASSESSORS, {"自查": "自评", "自评估": "自评", "第三方评估": "第三方",
                                    "省级评估": "省级", "省级暗访": "省级", "省级抽查": "省级",
                                    "国家级暗访": "国家暗访", "国家": "国家暗访",
                                    "国家级": "国家暗访"}),
            label_en="Assessed by"),
    ),
    rules=(
        Rule("positive", pl.col("positive") <= pl.col("surveyed"),
             "阳性数不能大于调查数 / more positives than surveyed"),
    ),
)
CONTRACT = SOURCE.schema
read, transform = SOURCE.read, SOURCE.transform
