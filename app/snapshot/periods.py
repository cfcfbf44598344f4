"""Briefing periods: an ISO week (周调度), a month (月通报) or a quarter (季考核) — parsing what a
person types, the period's first and last day, the one before it, the same period a year
earlier, and the list of complete periods by a date. A briefing is computed as of its period's
last day."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from app.snapshot import text as T

WEEK_RE = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
QUARTER_RE = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)
KINDS = ("week", "month", "quarter")


class SnapshotError(ValueError):
    """A plain-words problem with the request (bad period, empty warehouse, unknown district)."""


@dataclass(frozen=True)
class Period:
    kind: str          # week, month or quarter
    key: str           # 2026-W47, 2026-10, 2026-Q3
    start: dt.date     # its first day (a week's Monday)
    end: dt.date       # its last day, the as-of date of its briefing (a week's Sunday)
    year: int          # its year (ISO year for a week)
    number: int        # its number in the year (ISO week, month, quarter): the issue number

    def before(self) -> Period:
        """The same kind of period just before this one."""
        return of(self.kind, self.start - dt.timedelta(days=1))

    def last_year(self) -> Period:
        """The same period a year earlier (for a week: the same ISO week number, or 52)."""
        if self.kind == "week":
            return of("week", same_week_last_year(self.start))
        return of(self.kind, self.start.replace(year=self.start.year - 1))


def _month_end(year: int, month: int) -> dt.date:
    y, m = (year, month + 1) if month < 12 else (year + 1, 1)
    return dt.date(y, m, 1) - dt.timedelta(days=1)


def of(kind: str, day: dt.date) -> Period:
    """The period of `kind` holding `day`."""
    if kind == "week":
        return week(week_of(day))
    if kind == "month":
        return Period("month", f"{day.year}-{day.month:02d}", day.replace(day=1),
                      _month_end(day.year, day.month), day.year, day.month)
    q = (day.month - 1) // 3 + 1
    return Period("quarter", f"{day.year}-Q{q}", dt.date(day.year, 3 * q - 2, 1),
                  _month_end(day.year, 3 * q), day.year, q)


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


def parse(text: str, kind: str | None = None) -> Period:
    """A week (2026-W47), a month (2026-10) or a quarter (2026-Q3); `kind` when the caller knows
    which it asked for (the message then names the expected form)."""
    s = text.strip()
    if kind == "week" or (kind is None and WEEK_RE.match(s)):
        return week(s)
    m = MONTH_RE.match(s)
    if m and kind in (None, "month") and 1 <= int(m.group(2)) <= 12:
        return of("month", dt.date(int(m.group(1)), int(m.group(2)), 1))
    q = QUARTER_RE.match(s)
    if q and kind in (None, "quarter"):
        return of("quarter", dt.date(int(q.group(1)), 3 * int(q.group(2)) - 2, 1))
    raise SnapshotError({"month": T.BAD_MONTH, "quarter": T.BAD_QUARTER}.get(
        kind or "", T.BAD_PERIOD).format(period=text))


def parse_week(text: str) -> tuple[int, int, dt.date, dt.date]:
    p = week(text)
    return p.year, p.number, p.start, p.end


def week_of(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def last_complete(kind: str, as_of: dt.date) -> Period:
    """The latest period of `kind` whose last day is on or before `as_of` (the default)."""
    p = of(kind, as_of)
    return p if p.end <= as_of else p.before()


def last_complete_week(as_of: dt.date) -> str:
    """The latest ISO week whose Sunday is on or before `as_of` (the default briefing)."""
    return last_complete("week", as_of).key


def coverage_grain(kind: str) -> str:
    """The grain whose first value opens a kind's briefings (query briefing_coverage): weekly
    values for a week, monthly ones for a month and a quarter."""
    return "week" if kind == "week" else "month"


def available(first: dt.date | None, as_of: dt.date, kind: str) -> list[Period]:
    """Every period of `kind` from the one holding `first` (briefing_coverage's first_start at
    coverage_grain(kind)) to the last complete one by `as_of`, newest first."""
    if first is None:
        return []
    out, p = [], last_complete(kind, as_of)
    while p.end >= first:
        out.append(p)
        p = p.before()
    return out


def latest_with_data(periods: list[Period], last: dt.date | None) -> int:
    """The place in `periods` (newest first, from available()) of the newest period that starts
    by `last` (briefing_coverage's last_start): the default briefing, so that a week whose
    files have not come in yet is offered, not chosen."""
    return next((i for i, p in enumerate(periods) if last is None or p.start <= last), 0)


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
