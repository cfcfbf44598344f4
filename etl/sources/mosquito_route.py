"""3c 路径法调查: route length and small water bodies found / positive, per street (monthly)."""

from __future__ import annotations

import polars as pl

from etl.contract import Col, Contract, Meta, Rule
from etl.sources._common import count, street_code

META = Meta("mosquito_route", "路径法调查", "Route (path) survey",
            department=("市疾病预防控制中心", "City CDC"),
            keys=("street_code", "survey_date"), foreign_keys={"street_code": "street"},
            number='3c', rhythm='monthly_season', period_grain='month',
            period="date_trunc('month', survey_date)::date", unit_type='street',
            unit_column='street_code')

SOURCE = Contract(
    META,
    (
        street_code(),
        Col("survey_date", ("调查日期",), "date", label_en="Survey date"),
        Col("route_length_m", ("路径长度(米)", "路径长度", "路径长度(m)"), "num", min=1,
            units=("米", "m"), label_en="Route length (m)"),
        count("water_found", "小型积水处数", "小型积水数", label_en="Small water bodies found"),
        count("water_positive", "阳性积水处数", "阳性积水数",
              label_en="Larva-positive small water bodies"),
    ),
    rules=(Rule("water_positive", pl.col("water_positive") <= pl.col("water_found"),
                "阳性积水处数不能大于小型积水处数 / positive exceeds found"),),
)
CONTRACT = SOURCE.schema
read, transform = SOURCE.read, SOURCE.transform
