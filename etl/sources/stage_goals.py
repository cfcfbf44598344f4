"""7 阶段目标: the plan's stage goals per indicator and area (city or district) — data, not code."""

from __future__ import annotations

from etl.contract import Col, Contract, Meta
from etl.sources._common import AREA_CODE, INDICATOR_CODE

META = Meta("stage_goals", "阶段目标", "Stage goals",
            department=("创卫办", "Sanitary-city office"),
            keys=("indicator_id", "area_code", "year"),
            foreign_keys={"indicator_id": "indicator", "area_code": "area"}, whole_table=True,
            order=3,
            number='7')

SOURCE = Contract(
    META,
    (
        Col("indicator_id", ("指标编码", "指标代码"), "code", pattern=INDICATOR_CODE,
            label_en="Indicator code"),
        Col("area_code", ("区域编码",), "code", pattern=AREA_CODE, label_en="Area code"),
        Col("stage_name", ("阶段名称", "阶段"), "text", label_en="Stage"),
        # NOTE: '阶段名称（英文）' differs from '阶段名称' only in brackets: exact headers first.
        Col("stage_name_en", ("阶段名称（英文）", "阶段名称(英文)", "英文阶段名称",
                              "stage_name_en"),
            "text", required=False, nullable=True, label_en="Stage (English)"),
        Col("year", ("年份", "目标年份"), "year", min=2000, max=2100, future_ok=True,
            label_en="Year"),
        Col("target_value", ("目标值",), "num", percent_ok=True, label_en="Target value"),
        Col("deadline", ("截止日期", "完成时限"), "date", future_ok=True, label_en="Deadline"),
        Col("source_doc", ("来源", "依据"), "text", required=False, nullable=True,
            label_en="Source"),
    ),
)
CONTRACT = SOURCE.schema
read, transform = SOURCE.read, SOURCE.transform
