"""9a 创建单位名录: the 爱卫办's register of units in a creation programme — healthy
cells (健康机关/社区/村庄/学校/医院/企业), sanitary units, villages and towns, smoke-free
units — with their level, status, the day they were named and how long the designation
holds. A designation counts from its 命名日期 until its 有效期至 or its 撤销日期 (the macro
designation_holds, warehouse/sql/macros.sql)."""

from __future__ import annotations

import polars as pl

from etl.contract import Col, Contract, Meta, Rule
from etl.sources._common import enum, location, street_code, to_wgs84

TYPES = ("健康机关", "健康社区", "健康村庄", "健康学校", "健康医院", "健康企业", "卫生先进单位",
         "卫生村", "卫生镇", "无烟党政机关", "无烟医疗卫生机构", "无烟学校")
LEVELS = ("市级", "省级", "国家级")
STATUSES = ("创建中", "已命名", "已复核", "已撤销")

META = Meta("creation_units", "创建单位名录", "Creation register",
            department=("市爱卫办", "City patriotic health office"),
            keys=("unit_code", "creation_type"), foreign_keys={"street_code": "street"},
            number='9a', rhythm='as_needed')

SOURCE = Contract(
    META,
    (
        Col("unit_code", ("单位编码", "单位代码", "统一社会信用代码"), "code",
            label_en="Unit code"),
        Col("unit_name", ("单位名称", "名称"), "text", label_en="Unit name"),
        street_code(),
        Col("creation_type", ("创建类型", "创建类别", "类型"), "enum",
            values=enum(TYPES, {"健康促进医院": "健康医院", "健康村": "健康村庄",
                                "卫生单位": "卫生先进单位", "无烟机关": "无烟党政机关",
                                "无烟医疗机构": "无烟医疗卫生机构",
                                "无烟卫生机构": "无烟医疗卫生机构", "国家卫生镇": "卫生镇",
                                "省级卫生镇": "卫生镇", "卫生乡镇": "卫生镇",
                                "省卫生村": "卫生村"}),
            label_en="Creation type"),
        Col("level", ("级别", "命名级别"), "enum",
            values=enum(LEVELS, {"市": "市级", "省": "省级", "国家": "国家级",
                                 "省级(示范)": "省级"}),
            label_en="Level"),
        Col("status", ("状态", "创建状态"), "enum",
            values=enum(STATUSES, {"在创": "创建中", "命名": "已命名", "复核通过": "已复核",
                                   "撤销": "已撤销", "已取消": "已撤销"}),
            label_en="Status"),
        Col("named_date", ("命名日期", "命名时间"), "date", nullable=True, label_en="Date named"),
        Col("valid_until", ("有效期至", "有效期", "有效期截止日期"), "date", nullable=True,
            future_ok=True, label_en="Valid until"),
        Col("revoked_date", ("撤销日期",), "date", required=False, nullable=True,
            label_en="Date revoked"),
        *location(required=False),
    ),
    rules=(
        Rule("named_date", pl.col("status").is_in(["创建中"]) | pl.col("named_date").is_not_null(),
             "已命名、已复核或已撤销的单位须填写命名日期 / a named unit needs its date named"),
        Rule("revoked_date", (pl.col("status") != "已撤销") | pl.col("revoked_date").is_not_null(),
             "已撤销的单位须填写撤销日期（否则无法知道撤销前的月份是否计入） / a revoked "
             "unit needs its date revoked"),
        Rule("valid_until", pl.col("valid_until").is_null() | pl.col("named_date").is_null()
             | (pl.col("valid_until") >= pl.col("named_date")),
             "有效期至早于命名日期 / valid until before the date named"),
        Rule("revoked_date", pl.col("revoked_date").is_null() | pl.col("named_date").is_null()
             | (pl.col("revoked_date") >= pl.col("named_date")),
             "撤销日期早于命名日期 / revoked before it was named"),
        Rule("lat", pl.col("lon").is_null() | pl.col("lat").is_not_null(),
             "有经度但没有纬度 / longitude without latitude"),
        Rule("lon", pl.col("lat").is_null() | pl.col("lon").is_not_null(),
             "有纬度但没有经度 / latitude without longitude"),
    ),
    post=to_wgs84,
)
CONTRACT = SOURCE.schema
read, transform = SOURCE.read, SOURCE.transform
