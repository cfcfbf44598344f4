"""Briefing periods: an ISO week today (周调度), a month or quarter next (月通报, 季考核) — parsing
what a person types, the period's first and last day, the one before it, and the list of
complete periods by a date. A briefing is computed as of its period's last day."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import duckdb

from app.snapshot import text as T
from warehouse import queries

WEEK_RE = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


class SnapshotError(ValueError):
    """A plain-words problem with the request (bad period, empty warehouse, unknown district)."""


@dataclass(frozen=True)
class Period:
    kind: str          # week (month and quarter next)
    key: str           # 2026-W47
    start: dt.date     # its first day (a week's Monday)
    end: dt.date       # its last day, the as-of date of its briefing (a week's Sunday)
    year: int          # its year (ISO year for a week)
    number: int        # its number in the year (ISO week), the briefing's issue number

    def before(self) -> Period:
        """The same kind of period just before this one."""
        return week(week_of(self.start - dt.timedelta(days=7)))


def week(text: str) -> Period:
    """An ISO week from "2026-W47" (or "2026W47", any case)."""
    m = WEEK_RE.match(text.strip())
    if not m:
        raise SnapshotError(T.BAD_WEEK.format(week=text))
    year, num = int(m.group(1)), int(m.group(2))
    try:
        monday = dt.date.fromisocalendar(year, num, 1)
    except ValueError:
        raise SnapshotError(T.NO_SUCH_WEEK.format(year=year, num=num)) from None
    return Period("week", f"{year}-W{num:02d}", monday, monday + dt.timedelta(days=6), year, num)


def parse_week(text: str) -> tuple[int, int, dt.date, dt.date]:
    p = week(text)
    return p.year, p.number, p.start, p.end


def week_of(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def last_complete_week(as_of: dt.date) -> str:
    """The latest ISO week whose Sunday is on or before `as_of` (the default briefing)."""
    return week_of(as_of - dt.timedelta(days=as_of.isoweekday() % 7))


def weeks_available(con: duckdb.DuckDBPyConnection, as_of: dt.date) -> list[str]:
    """Every ISO week from the first with weekly data to the last complete one by `as_of`,
    newest first."""
    cover = queries.run(con, "weekly_coverage", monday=dt.date(1900, 1, 1), area="").row(
        0, named=True)
    first = cover["first_week"]
    if first is None:
        return []
    out, day = [], as_of - dt.timedelta(days=as_of.isoweekday() % 7)
    while day >= first:
        out.append(week_of(day))
        day -= dt.timedelta(days=7)
    return out


def month_before(day: dt.date) -> dt.date:
    """The same day a month earlier (the month's last day when it has no such day)."""
    y, m = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(y, m, d)
        except ValueError:
            continue
    raise AssertionError


def same_week_last_year(monday: dt.date) -> dt.date:
    iso = monday.isocalendar()
    return dt.date.fromisocalendar(iso.year - 1, min(iso.week, 52), 1)
