"""2a 垃圾分类月报: tonnage by stream and community coverage, per street and month (城管局)."""

from __future__ import annotations

import polars as pl

from etl.contract import Contract, Meta, Rule, part_of
from etl.sources._common import count, month, street_code, tonnes

META = Meta("garbage_monthly", "垃圾分类月报", "Garbage sorting monthly report",
            department=("市城市管理局", "City urban management bureau"),
            keys=("street_code", "month"), foreign_keys={"street_code": "street"},
            number='2a', rhythm='monthly', period_grain='month', period='month',
            unit_type='street', unit_column='street_code')

SOURCE = Contract(
    META,
    (
        street_code(),
        month(),
        tonnes("collected_t", "生活垃圾清运量(吨)", "生活垃圾清运量",
               label_en="Household waste collected (t)"),
        tonnes("recyclables_t", "可回收物回收量(吨)", "可回收物回收量",
               label_en="Recyclables recovered (t)"),
        tonnes("kitchen_t", "厨余垃圾量(吨)", "厨余垃圾量", "厨余垃圾分出量",
               label_en="Kitchen waste (t)"),
        tonnes("kitchen_utilized_t", "厨余垃圾资源化利用量(吨)", "厨余垃圾资源化利用量",
               label_en="Kitchen waste utilised (t)"),
        tonnes("hazardous_t", "有害垃圾量(吨)", "有害垃圾量", label_en="Hazardous waste (t)"),
        tonnes("other_t", "其他垃圾量(吨)", "其他垃圾量", label_en="Other waste (t)"),
        count("communities_total", "小区总数", "居民小区总数",
              label_en="Residential communities"),
        count("communities_covered", "分类覆盖小区数", "覆盖小区数",
              label_en="Communities covered by sorting"),
    ),
    rules=(
        Rule("kitchen_utilized_t", pl.col("kitchen_utilized_t") <= pl.col("kitchen_t"),
             "厨余垃圾资源化利用量不能大于厨余垃圾量 / utilised exceeds kitchen waste"),
        Rule("communities_covered", pl.col("communities_covered") <= pl.col("communities_total"),
             "分类覆盖小区数不能大于小区总数 / covered exceeds total"),
    ),
    # NOTE: kitchen, hazardous and other waste are streams of the household waste collected
    # (recyclables are counted apart): one larger than the total is suspicious, not impossible
    # (a stream collected from outside the street), so it warns.
    warn_rules=(
        part_of("kitchen_t", "collected_t", "厨余垃圾量大于生活垃圾清运量 / kitchen waste exceeds "
                "household waste collected"),
        part_of("hazardous_t", "collected_t", "有害垃圾量大于生活垃圾清运量 / hazardous waste "
                "exceeds household waste collected"),
        part_of("other_t", "collected_t", "其他垃圾量大于生活垃圾清运量 / other waste exceeds "
                "household waste collected"),
    ),
)
CONTRACT = SOURCE.schema
read, transform = SOURCE.read, SOURCE.transform
