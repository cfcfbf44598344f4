"""4 积水点台账: the waterlogging-point ledger; a re-sent ledger replaces each point (history
kept)."""

from __future__ import annotations

import polars as pl

from etl.contract import Col, Contract, Meta, Rule
from etl.sources._common import enum, grid_code, location, to_wgs84
from warehouse import ledger

CLASSES = ledger.WATERLOGGING_CLASSES
TYPES = ledger.WATERLOGGING_TYPES
FOUND_BY = ledger.WATERLOGGING_FOUND_BY
STATUSES = ledger.WATERLOGGING_STATUSES
ELIMINATED = ledger.CLOSED

META = Meta("waterlogging", "积水点台账", "Waterlogging point ledger",
            department=("市城市管理局", "City urban management bureau"), keys=("point_id",),
            foreign_keys={"grid_code": "grid"}, history=True,
            number='4', rhythm='continuous', period_grain='day',
            period='greatest(found_date, coalesce(eliminated_date, found_date))')



SOURCE = Contract(
    META,
    (
        Col("point_id", ("积水点编号", "编号"), "code", label_en="Waterlogging point number"),
        Col("point_class", ("积水类别",), "enum", values=enum(CLASSES), label_en="Class"),
        # NOTE: the type and how a point was found describe it; no indicator counts by them, so a
        # spelling outside the list is kept as written rather than dropping the point.
        Col("point_type", ("积水类型",), "enum", values=enum(TYPES, {"其它": "其他"}),
            descriptive=True, label_en="Type"),
        *location(),
        grid_code(),
        Col("found_date", ("发现日期",), "date", label_en="Date found"),
        Col("found_by", ("发现方式",), "enum", descriptive=True,
            values=enum(FOUND_BY, {"12345": "12345热线", "市民热线": "12345热线"}),
            label_en="Found by"),
        Col("larvae_found", ("是否发现幼虫", "发现幼虫"), "bool", label_en="Larvae found"),
        Col("status", ("状态", "整改状态"), "enum",
            values=enum(STATUSES, ledger.WATERLOGGING_STATUS_ALIASES),
            label_en="Status"),
        Col("measures", ("整改措施",), "text", required=False, nullable=True, label_en="Measures"),
        Col("eliminated_date", ("销号日期",), "date", nullable=True, label_en="Date eliminated"),
        Col("responsible_unit", ("责任单位",), "text", nullable=True, label_en="Responsible unit"),
    ),
    rules=(
        Rule("eliminated_date", pl.col("eliminated_date") >= pl.col("found_date"),
             "销号日期早于发现日期 / eliminated before found"),
        Rule("eliminated_date", (pl.col("status") != ELIMINATED) | pl.col("eliminated_date")
             .is_not_null(), "状态为已销号但没有销号日期 / eliminated without a date"),
    ),
    post=to_wgs84,
)
CONTRACT = SOURCE.schema
read, transform = SOURCE.read, SOURCE.transform
