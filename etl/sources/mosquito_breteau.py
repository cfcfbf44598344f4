"""3d 布雷图指数调查: households inspected and Aedes-positive containers, per street (monthly)."""

from __future__ import annotations

import polars as pl

from etl.contract import Col, Contract, Meta, Rule
from etl.sources._common import count, street_code

# NOTE: rows are per community, but the template carries no community column: the rows of one
# street and date are that street's communities and are added up.
META = Meta("mosquito_breteau", "布雷图指数调查", "Breteau index survey",
            department=("市疾病预防控制中心", "City CDC"),
            keys=("street_code", "survey_date"), foreign_keys={"street_code": "street"},
            sum_duplicates=True,
            number='3d', rhythm='monthly_summer', period_grain='month',
            period="date_trunc('month', survey_date)::date")

SOURCE = Contract(
    META,
    (
        street_code(),
        Col("survey_date", ("调查日期",), "date", label_en="Survey date"),
        count("households", "调查户数", nullable=False, min=1, label_en="Households surveyed"),
        count("containers_wet", "积水容器数", label_en="Containers holding water"),
        count("containers_positive", "阳性容器数", label_en="Larva-positive containers"),
    ),
    rules=(Rule("containers_positive", pl.col("containers_positive") <= pl.col("containers_wet"),
                "阳性容器数不能大于积水容器数 / positive exceeds wet containers"),),
)
CONTRACT = SOURCE.schema
read, transform = SOURCE.read, SOURCE.transform
