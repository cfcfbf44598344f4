"""The reporting rule (数据按时上报): a periodic report (a template with a reporting unit: a
street's garbage monthly report, a site's light-trap record, a health centre's chronic-disease
monthly report) is **due** `HC_REPORT_DUE_DAYS` days after its period's last day. For a window
of days (a month, a quarter), the reports due in it are every expected unit × every period of
the template that at least one unit reported (so a season's months count only in the season);
a report is **on time** when the unit's row for that period is in the warehouse. The rate is
Σ on time / Σ due — summed over units, periods and templates, never an average of rates.

The warehouse knows which reports are in, not the hour each arrived (the sample city is loaded
at once), so "on time" reads "in the warehouse"; a report sent late still counts once it is in,
like any revision of a past period."""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl

from warehouse import queries, settings


def due_reports(con: duckdb.DuckDBPyConnection, area: str, start: dt.date,
                end: dt.date) -> pl.DataFrame:
    """Every report due from `start` to `end` of a unit in `area`: template, department, period,
    unit (name, district, street) and `reported`."""
    return queries.run(con, "reporting_due", area=area, start=start, end=end,
                       due_days=settings.REPORT_DUE_DAYS)


def rates(due: pl.DataFrame, by: str | list[str]) -> pl.DataFrame:
    """Per `by` (e.g. department_zh, district_code, street_code): reports due, on time, the
    rate (%), and the missing ones as text (unit 期次)."""
    keys = [by] if isinstance(by, str) else by
    return (due.group_by(keys).agg(
        pl.len().alias("due"), pl.col("reported").sum().cast(pl.Int64).alias("on_time"),
        pl.col("unit_name").filter(~pl.col("reported")).unique().sort().str.join("、")
        .alias("missing_units"))
        .with_columns((pl.col("on_time") / pl.col("due") * 100).alias("rate"))
        .sort(keys))
