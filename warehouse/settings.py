"""Every tunable of the status rule, the alert rule, the map, the briefings and the loader, as a
registry:
name, environment variable, default, kind, limits and what it means.

Order of precedence: environment variable > default here. Nothing else in the project holds a
threshold. A value that cannot be used (not a number, out of range, not one of the choices) is
refused with a warning naming the variable, and the default applies. The README's settings table
lists every entry (a test checks it). The warehouse folder is a path: warehouse/paths.py.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    env: str
    default: float | int | str
    help: str
    low: float | None = None       # inclusive
    high: float | None = None      # inclusive
    choices: tuple[str, ...] = ()

    def read(self) -> float | int | str:
        raw = os.environ.get(self.env)
        if raw is None or raw.strip() == "":
            return self.default
        raw = raw.strip()
        kind = type(self.default)
        if kind is str:
            if self.choices and raw not in self.choices:
                return self._refuse(raw, f"不是 {' / '.join(self.choices)} 之一 (not one of "
                                         f"{', '.join(self.choices)})")
            return raw
        try:
            value = kind(float(raw)) if kind is int and float(raw).is_integer() else kind(raw)
        except ValueError:
            return self._refuse(raw, f"不是{'整数' if kind is int else '数字'} (not a "
                                     f"{'whole number' if kind is int else 'number'})")
        if (self.low is not None and value < self.low) or (self.high is not None
                                                           and value > self.high):
            return self._refuse(raw, f"不在 {self.low}–{self.high} 之间 (outside "
                                     f"{self.low}–{self.high})")
        return value

    def _refuse(self, raw: str, why: str) -> float | int | str:
        warnings.warn(f"设置 {self.env}={raw!r} {why}，改用默认值 {self.default} "
                      f"(setting ignored, default used)", RuntimeWarning, stacklevel=3)
        return self.default


REGISTRY: dict[str, Setting] = {s.env: s for s in (
    # The status rule (达标 / 预警 / 落后 / 数据不全), used by every page and export.
    Setting("HC_STATUS_TOLERANCE_SHARE", 0.10,
            "at risk if projected within this share of the baseline→goal distance", 0, 1),
    Setting("HC_STATUS_TOLERANCE_MIN_SHARE", 0.02,
            "…or within this share of the goal itself, whichever is larger", 0, 1),
    Setting("HC_STATUS_MIN_COMPLETENESS", 0.80,
            "below this share of expected units reporting → 数据不全", 0, 1),
    Setting("HC_STATUS_TREND_PERIODS", 12, "complete periods in the projection's trend", 2, 120),
    Setting("HC_STATUS_MIN_TREND_POINTS", 3, "fewer values than this: no projection, said so",
            2, 120),
    # Light-trap site alert: "goal" = density above the city's stage goal; "baseline" = above
    # k × the site's own density in the same month of earlier years.
    Setting("HC_ALERT_RULE", "goal", "light-trap site alert rule",
            choices=("goal", "baseline")),
    Setting("HC_ALERT_K", 1.5, "with the baseline rule: alert above k × the site's own "
            "same-month density of earlier years", 1, 100),
    # Map: a grid is red when an open larvae-positive point is older than this many days.
    Setting("HC_MAP_STALE_DAYS", 7, "a grid is red when an open larvae-positive point is older "
            "than this many days", 0, 365),
    # …and when an open problem (督查问题台账) is past its 整改时限 by more than this many days.
    Setting("HC_MAP_OVERDUE_DAYS", 0, "a grid is red when an open problem is overdue by more "
            "than this many days (0 = any overdue problem)", 0, 365),
    Setting("HC_MAP_MAX_GRIDS", 3000, "above this many grid cells in view, the map colours "
            "streets by their worst grid", 1, 10_000_000),
    Setting("HC_MAP_MAX_MARKERS", 500, "above this many light-trap sites, waterlogging points "
            "or problems of a layer in view, the map draws that layer one circle per street "
            "(with its counts)", 1, 10_000_000),
    Setting("HC_TABLE_MAX_ROWS", 500, "a page's long lists (problems, waterlogging points, the "
            "source rows behind a value) show their first this many rows; the download holds "
            "every row", 50, 1_000_000),
    # Optional tile server of the city's own basemap (e.g. http://gis.local/{z}/{x}/{y}.png);
    # empty = no basemap, only the city's own polygons (offline).
    Setting("HC_TILE_URL", "", "optional tile server of the city's own basemap; empty = none"),
    # The problem list: waterlogging points also counted as problems (类别 病媒生物, 整改时限 =
    # found + N days), once each (a point already in the problem ledger under its own number is
    # not added again). Changing either re-derives the problem indicators on the next load.
    Setting("HC_PROBLEMS_INCLUDE_WATERLOGGING", "no", "count waterlogging points in the problem "
            "list too (yes/no)", choices=("no", "yes")),
    Setting("HC_PROBLEMS_WATERLOGGING_DAYS", 7, "a waterlogging point counted as a problem is due "
            "this many days after it was found", 0, 365),
    # Briefings: "due soon" looks this many weeks ahead; milestones come from this CSV
    # (date, area_code, item; empty = app/snapshot/milestones.csv, the plan's 关键节点).
    Setting("HC_SNAPSHOT_DUE_WEEKS", 8, "the weekly briefing's \"due soon\" horizon in weeks",
            1, 104),
    Setting("HC_MILESTONES_FILE", "", "the milestone list (CSV date,area_code,item); empty = "
            "the built-in app/snapshot/milestones.csv"),
    # Reporting on time: a periodic report is due this many days after its period's last day
    # (a month's report by the 5th of the next month); the monthly bulletin lists the reports
    # due in its month that are missing, and 数据按时上报率 counts them.
    Setting("HC_REPORT_DUE_DAYS", 5, "a periodic report is due this many days after its "
            "period ends", 0, 90),
    # The monthly bulletin's 表扬 / 通报批评: the N best and N worst streets of the ranking, and
    # every responsible unit with at least this many overdue problems at the month's end.
    Setting("HC_BULLETIN_TOP_N", 3, "the monthly bulletin praises the N best-ranked and "
            "criticises the N worst-ranked streets", 0, 50),
    Setting("HC_BULLETIN_OVERDUE_MIN", 5, "the monthly bulletin criticises a responsible unit "
            "with at least this many overdue problems", 1, 10_000),
    # The loader: hostile or broken files are refused within these bounds (time and memory).
    Setting("HC_ETL_MAX_FILE_MB", 100, "a department file larger than this many MB is refused",
            1, 10_000),
    Setting("HC_ETL_MAX_UNPACKED_MB", 300, "an XLSX that unpacks to more than this many MB is "
            "refused (zip bomb)", 1, 100_000),
    Setting("HC_ETL_MAX_ROWS", 500_000, "a sheet with more rows than this is refused", 10,
            10_000_000),
    # The loader's working database stays within this memory, moving the rest to disk.
    Setting("HC_ETL_MEMORY_MB", 1024, "the loader's working database stays within this many MB "
            "of memory and moves the rest to a scratch file (0 = all in memory)", 0, 1_000_000),
    # Plausibility warnings: a value above k × or below 1/k × the median of the same unit and
    # calendar month in earlier years needs --accept-warnings to load.
    Setting("HC_WARN_HISTORY_FACTOR", 3.0, "plausibility: warn when a value is more than k × or "
            "under 1/k × its unit's same-month median of earlier years", 1.01, 1000),
    # Data versions kept on disk for rollback (and for readers that opened an older version).
    Setting("HC_KEEP_VERSIONS", 20, "data versions kept on disk (rollback reaches back this far)",
            2, 10_000),
)}


def get(env: str) -> float | int | str:
    return REGISTRY[env].read()


TOLERANCE_SHARE = get("HC_STATUS_TOLERANCE_SHARE")
TOLERANCE_MIN_SHARE = get("HC_STATUS_TOLERANCE_MIN_SHARE")
MIN_COMPLETENESS = get("HC_STATUS_MIN_COMPLETENESS")
TREND_PERIODS = get("HC_STATUS_TREND_PERIODS")
MIN_TREND_POINTS = get("HC_STATUS_MIN_TREND_POINTS")
ALERT_RULE = get("HC_ALERT_RULE")
ALERT_K = get("HC_ALERT_K")
STALE_DAYS = get("HC_MAP_STALE_DAYS")
OVERDUE_DAYS = get("HC_MAP_OVERDUE_DAYS")
PROBLEMS_INCLUDE_WATERLOGGING = get("HC_PROBLEMS_INCLUDE_WATERLOGGING") == "yes"
PROBLEMS_WATERLOGGING_DAYS = get("HC_PROBLEMS_WATERLOGGING_DAYS")
MAP_MAX_GRIDS = get("HC_MAP_MAX_GRIDS")
MAP_MAX_MARKERS = get("HC_MAP_MAX_MARKERS")
TABLE_MAX_ROWS = get("HC_TABLE_MAX_ROWS")
TILE_URL = get("HC_TILE_URL")
SNAPSHOT_DUE_WEEKS = get("HC_SNAPSHOT_DUE_WEEKS")
MILESTONES_FILE = get("HC_MILESTONES_FILE")
KEEP_VERSIONS = get("HC_KEEP_VERSIONS")
REPORT_DUE_DAYS = get("HC_REPORT_DUE_DAYS")
BULLETIN_TOP_N = get("HC_BULLETIN_TOP_N")
BULLETIN_OVERDUE_MIN = get("HC_BULLETIN_OVERDUE_MIN")
