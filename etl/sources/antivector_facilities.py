"""3f 三防设施检查: per street, month and trade, the units inspected and those whose rodent-proof
and fly-proof facilities (防鼠、防蝇设施) passed — the sanitary city asks ≥ 95% in key trades."""

from __future__ import annotations

import polars as pl

from etl.contract import Col, Contract, Meta, Rule
from etl.sources._common import count, enum, street_code

TRADES = ("餐饮", "食品生产加工", "农贸市场", "超市", "宾馆", "医疗机构", "学校", "其他")

META = Meta("antivector_facilities", "三防设施检查", "Anti-vector facility inspections",
            department=("市爱卫办", "City patriotic health office"),
            keys=("street_code", "inspection_date", "trade"),
            foreign_keys={"street_code": "street"},
            number='3f', rhythm='monthly', period_grain='month',
            period="date_trunc('month', inspection_date)::date",
            unit_type='street', unit_column='street_code')

SOURCE = Contract(
    META,
    (
        street_code(),
        Col("inspection_date", ("检查日期", "检查时间"), "date", label_en="Inspection date"),
        Col("trade", ("行业类别", "行业", "行业类型"), "enum",
            values=enum(TRADES, {"餐饮业": "餐饮", "餐饮服务": "餐饮", "食品生产": "食品生产加工",
                                 "食品加工": "食品生产加工", "农贸市场（集贸市场）": "农贸市场",
                                 "集贸市场": "农贸市场", "商超": "超市", "宾馆酒店": "宾馆",
                                 "酒店": "宾馆", "医院": "医疗机构", "学校（托幼机构）": "学校"}),
            label_en="Trade"),
        count("units_inspected", "检查单位数", nullable=False, min=1, label_en="Units inspected"),
        count("rodent_pass", "防鼠设施合格单位数", "防鼠合格单位数",
              label_en="Units with rodent-proof facilities passing"),
        count("fly_pass", "防蝇设施合格单位数", "防蝇合格单位数",
              label_en="Units with fly-proof facilities passing"),
    ),
    rules=(
        Rule("rodent_pass", pl.col("rodent_pass") <= pl.col("units_inspected"),
             "防鼠设施合格单位数不能大于检查单位数 / more rodent passes than units inspected"),
        Rule("fly_pass", pl.col("fly_pass") <= pl.col("units_inspected"),
             "防蝇设施合格单位数不能大于检查单位数 / more fly passes than units inspected"),
    ),
)
CONTRACT = SOURCE.schema
read, transform = SOURCE.read, SOURCE.transform
