"""8 督查问题台账: the inspection problem ledger; a re-sent ledger replaces each problem (history
kept), the same mechanism as the waterlogging ledger."""

from __future__ import annotations

import polars as pl

from etl.contract import Col, Contract, Meta, Rule
from etl.sources._common import enum, grid_code, location, to_wgs84
from warehouse import ledger

CATEGORIES = ledger.PROBLEM_CATEGORIES
FOUND_BY = ledger.PROBLEM_FOUND_BY
STATUSES = ledger.PROBLEM_STATUSES
CLOSED = ledger.CLOSED

META = Meta("problems", "督查问题台账", "Inspection problem ledger",
            department=("督查考核组", "Inspection and assessment group"), keys=("problem_id",),
            foreign_keys={"grid_code": "grid"}, history=True,
            number='8', rhythm='continuous', period_grain='day',
            period='greatest(found_date, coalesce(closed_date, found_date), '
                   'coalesce(reviewed_date, found_date))')



SOURCE = Contract(
    META,
    (
        Col("problem_id", ("问题编号", "督查问题编号"), "code", label_en="Problem number"),
        Col("category", ("问题类别", "问题类型"), "enum",
            values=enum(CATEGORIES, ledger.PROBLEM_CATEGORY_ALIASES), label_en="Category"),
        # NOTE: free text like 整改措施 and 责任单位: a name or a phone number in it refuses the
        # file (etl/contract.py check_personal_data, check_names).
        Col("description", ("问题描述", "问题内容"), "text", nullable=True,
            label_en="Description"),
        grid_code(),
        # NOTE: a problem reported by phone (12345) may have no position.
        *location(required=False),
        Col("found_date", ("发现日期", "督查日期"), "date", label_en="Date found"),
        # NOTE: unlike the waterlogging ledger's, indicators are broken down by how a problem was
        # found (暗访, 省级暗访 …): a spelling outside the list is a reject, not a kept label.
        Col("found_by", ("发现方式", "问题来源"), "enum",
            values=enum(FOUND_BY, ledger.PROBLEM_FOUND_BY_ALIASES), label_en="Found by"),
        Col("responsible_unit", ("责任单位", "整改责任单位"), "text", label_en="Responsible unit"),
        # NOTE: a deadline is set ahead, so it may lie after today.
        Col("deadline", ("整改时限", "整改期限"), "date", future_ok=True,
            label_en="Rectification deadline"),
        Col("status", ("状态", "整改状态"), "enum",
            values=enum(STATUSES, ledger.PROBLEM_STATUS_ALIASES), label_en="Status"),
        Col("measures", ("整改措施", "整改情况"), "text", required=False, nullable=True,
            label_en="Measures"),
        Col("closed_date", ("销号日期",), "date", nullable=True, label_en="Date closed"),
        Col("reviewed_date", ("复核日期",), "date", required=False, nullable=True,
            label_en="Date reviewed"),
    ),
    rules=(
        Rule("lat", pl.col("lon").is_null() | pl.col("lat").is_not_null(),
             "有经度但没有纬度 / longitude without latitude"),
        Rule("lon", pl.col("lat").is_null() | pl.col("lon").is_not_null(),
             "有纬度但没有经度 / latitude without longitude"),
        Rule("deadline", pl.col("deadline") >= pl.col("found_date"),
             "整改时限早于发现日期 / deadline before found"),
        Rule("closed_date", pl.col("closed_date") >= pl.col("found_date"),
             "销号日期早于发现日期 / closed before found"),
        Rule("closed_date", (pl.col("status") != CLOSED) | pl.col("closed_date").is_not_null(),
             "状态为已销号但没有销号日期 / closed without a date"),
        Rule("reviewed_date", pl.col("reviewed_date").is_null()
             | pl.col("closed_date").is_not_null(),
             "有复核日期但没有销号日期 / reviewed without a closing date"),
        Rule("reviewed_date", pl.col("reviewed_date") >= pl.col("closed_date"),
             "复核日期早于销号日期 / reviewed before closed"),
    ),
    post=to_wgs84,
)
CONTRACT = SOURCE.schema
read, transform = SOURCE.read, SOURCE.transform
