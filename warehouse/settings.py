"""Every tunable of the status rule, the alert rule and the map, with environment overrides.

Order of precedence: environment variable > default here. Nothing else in the project holds a
threshold.
"""

from __future__ import annotations

import os


def _float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


def _int(name: str, default: int) -> int:
    return int(_float(name, default))


# The status rule (达标 / 预警 / 落后 / 数据不全), used by every page and export.
# at risk = behind the glide path but projected to end within TOLERANCE_SHARE of the distance
# from baseline to goal (or TOLERANCE_MIN_SHARE of the goal itself, whichever is larger).
TOLERANCE_SHARE = _float("HC_STATUS_TOLERANCE_SHARE", 0.10)
TOLERANCE_MIN_SHARE = _float("HC_STATUS_TOLERANCE_MIN_SHARE", 0.02)
MIN_COMPLETENESS = _float("HC_STATUS_MIN_COMPLETENESS", 0.80)   # reporting / expected units
TREND_PERIODS = _int("HC_STATUS_TREND_PERIODS", 12)              # months used for the trend
MIN_TREND_POINTS = _int("HC_STATUS_MIN_TREND_POINTS", 3)

# Mosquito alert rule for light-trap sites: "goal" = density above the city's stage goal;
# "baseline" = above ALERT_K × the site's own density in the same month of earlier years.
ALERT_RULE = os.environ.get("HC_ALERT_RULE", "goal")
ALERT_K = _float("HC_ALERT_K", 1.5)

# Map: a grid is red when an open larvae-positive point is older than this many days.
STALE_DAYS = _int("HC_MAP_STALE_DAYS", 7)
# Above this many grid cells in view, streets are coloured by their worst grid instead.
MAP_MAX_GRIDS = _int("HC_MAP_MAX_GRIDS", 3000)
# Optional tile server of the city's own basemap (e.g. http://gis.local/{z}/{x}/{y}.png);
# empty = no basemap, only the city's own polygons (offline).
TILE_URL = os.environ.get("HC_TILE_URL", "")

# Weekly snapshot: "due soon" looks this many weeks ahead; milestones come from this CSV
# (date, area_code, item; empty = app/snapshot/milestones.csv, the plan's 关键节点).
SNAPSHOT_DUE_WEEKS = _int("HC_SNAPSHOT_DUE_WEEKS", 8)
MILESTONES_FILE = os.environ.get("HC_MILESTONES_FILE", "")
