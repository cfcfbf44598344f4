"""12 考核办法: the quarterly assessment scheme as data — per object type (区县/街道/部门) its
items, each an indicator of the registry or a built-in measure, with a weight, a scoring method
and the quarters it is in force. The office edits and re-sends it whole when the scheme changes;
the scoring rule is warehouse/assessment.py."""

from __future__ import annotations

import polars as pl

from etl.contract import Col, Contract, Meta, Rule
from etl.sources._common import enum
from warehouse import assessment, registry

META = Meta("assessment_scheme", "考核办法", "Assessment scheme",
            department=("创卫办", "Sanitary-city office"),
            keys=("object_type", "item", "effective_from"), whole_table=True, order=4,
            number='12', rhythm='as_needed')

MEASURES = (*[i["id"] for i in registry.indicators()], *assessment.BUILT_IN)

SOURCE = Contract(
    META,
    (
        Col("object_type", ("考核对象类型", "考核对象"), "enum",
            values=enum(tuple(assessment.OBJECT_TYPES),
                        {"区": "区县", "县区": "区县", "区（县）": "区县", "区(县)": "区县",
                         "街道（乡镇）": "街道", "街道(乡镇)": "街道", "乡镇街道": "街道",
                         "镇街": "街道",
                         "市直部门": "部门", "责任单位": "部门"}),
            label_en="Object type"),
        Col("item", ("考核项目", "考核内容", "项目"), "text", label_en="Item"),
        Col("measure", ("指标编码", "指标代码", "考核指标"), "text",
            label_en="Indicator code or built-in measure"),
        Col("weight", ("权重", "分值", "权重（分）"), "num", min=1e-9, max=1000,
            label_en="Weight (points)"),
        Col("method", ("计分方法", "评分方法"), "enum",
            values=enum(tuple(assessment.METHODS),
                        {"达标得满分": "达标满分", "按进度比例计分": "按进度比例",
                         "按比例": "按进度比例", "按排名计分": "按排名", "排名": "按排名"}),
            label_en="Scoring method"),
        Col("effective_from", ("生效季度", "起始季度"), "quarter", future_ok=True,
            label_en="First quarter in force"),
        Col("effective_until", ("截止季度", "终止季度"), "quarter", nullable=True,
            future_ok=True, label_en="Last quarter in force"),
    ),
    rules=(
        Rule("measure", pl.col("measure").is_in(MEASURES),
             "不是指标编码，也不是内置考核项（问题按期销号率、数据按时上报率、暗访问题数） / "
             "neither an indicator code nor a built-in measure"),
        Rule("effective_until", pl.col("effective_until").is_null()
             | (pl.col("effective_until") >= pl.col("effective_from")),
             "截止季度早于生效季度 / last quarter before the first"),
    ),
)
CONTRACT = SOURCE.schema
read, transform = SOURCE.read, SOURCE.transform
