"""7 基线: each indicator's baseline value and year per area, from the plan documents."""

from __future__ import annotations

from etl.contract import Col, Contract, Meta
from etl.sources._common import AREA_CODE, INDICATOR_CODE

META = Meta("baselines", "基线", "Baselines",
            department=("创卫办", "Sanitary-city office"), keys=("indicator_id", "area_code"),
            foreign_keys={"indicator_id": "indicator", "area_code": "area"}, whole_table=True,
            order=3,
            number='7')

SOURCE = Contract(
    META,
    (
        Col("indicator_id", ("指标编码", "指标代码"), "code", pattern=INDICATOR_CODE,
            label_en="Indicator code"),
        Col("area_code", ("区域编码",), "code", pattern=AREA_CODE, label_en="Area code"),
        Col("baseline_year", ("基线年份",), "year", min=2000, max=2100, label_en="Baseline year"),
        Col("baseline_value", ("基线值",), "num", percent_ok=True, label_en="Baseline value"),
        Col("source_doc", ("来源", "依据"), "text", required=False, nullable=True,
            label_en="Source"),
    ),
)
CONTRACT = SOURCE.schema
read, transform = SOURCE.read, SOURCE.transform
