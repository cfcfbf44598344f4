"""Population (人口): resident and adult population per area and year."""

from __future__ import annotations

import polars as pl

from etl.contract import Col, Contract, Meta, Rule
from etl.sources._common import AREA_CODE, count

META = Meta("population", "人口", "Population",
            department=("市统计局", "City statistics bureau"), keys=("area_code", "year"),
            foreign_keys={"area_code": "area"}, order=1,
            number='1', rhythm='yearly', period_grain='year', period='make_date(year::int, 1, 1)')

SOURCE = Contract(
    META,
    (
        Col("area_code", ("区域编码", "区划编码", "行政区划编码"), "code", pattern=AREA_CODE,
            label_en="Area code"),
        Col("year", ("年份", "年度"), "year", min=1990, max=2100, label_en="Year"),
        count("resident_population", "常住人口", nullable=False, label_en="Resident population"),
        count("resident_adults", "常住成人人口(18岁及以上)", "常住成人人口", "18岁及以上常住人口",
              required=False, label_en="Resident adults (18 and over)"),
    ),
    rules=(Rule("resident_adults", pl.col("resident_adults") <= pl.col("resident_population"),
                "成人人口不能大于常住人口 / adults exceed residents"),),
)
CONTRACT = SOURCE.schema
read, transform = SOURCE.read, SOURCE.transform
