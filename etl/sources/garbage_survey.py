"""2b 垃圾分类入户调查: households surveyed, aware and taking part, per street (quarterly)."""

from __future__ import annotations

import polars as pl

from etl.contract import Col, Contract, Meta, Rule
from etl.sources._common import count, street_code

META = Meta("garbage_survey", "垃圾分类入户调查", "Garbage sorting household survey",
            department=("市城市管理局", "City urban management bureau"),
            keys=("street_code", "survey_date"), foreign_keys={"street_code": "street"},
            number='2b', rhythm='quarterly', period_grain='quarter',
            period="date_trunc('quarter', survey_date)::date")

SOURCE = Contract(
    META,
    (
        street_code(),
        Col("survey_date", ("调查日期",), "date", label_en="Survey date"),
        count("households_surveyed", "调查户数", nullable=False, min=1,
              label_en="Households surveyed"),
        count("households_aware", "知晓户数", label_en="Households aware"),
        count("households_participating", "参与户数", label_en="Households participating"),
    ),
    rules=(
        Rule("households_aware", pl.col("households_aware") <= pl.col("households_surveyed"),
             "知晓户数不能大于调查户数 / aware exceeds surveyed"),
        Rule("households_participating",
             pl.col("households_participating") <= pl.col("households_surveyed"),
             "参与户数不能大于调查户数 / participating exceeds surveyed"),
    ),
)
CONTRACT = SOURCE.schema
read, transform = SOURCE.read, SOURCE.transform
