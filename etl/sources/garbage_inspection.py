"""2c 收运检查: collection trips inspected and found mixed, per street and month."""

from __future__ import annotations

import polars as pl

from etl.contract import Contract, Meta, Rule
from etl.sources._common import count, month, street_code

META = Meta("garbage_inspection", "收运检查", "Collection and transport inspection",
            department=("市城市管理局", "City urban management bureau"),
            keys=("street_code", "month"), foreign_keys={"street_code": "street"},
            number='2c', rhythm='monthly', period_grain='month', period='month',
            unit_type='street', unit_column='street_code')

SOURCE = Contract(
    META,
    (
        street_code(),
        month(),
        count("trips_inspected", "检查车次", label_en="Trips inspected"),
        count("trips_mixed", "混装混运车次", label_en="Trips with mixed loads"),
    ),
    rules=(Rule("trips_mixed", pl.col("trips_mixed") <= pl.col("trips_inspected"),
                "混装混运车次不能大于检查车次 / mixed trips exceed inspected"),),
)
CONTRACT = SOURCE.schema
read, transform = SOURCE.read, SOURCE.transform
