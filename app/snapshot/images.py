"""Chart PNGs of the briefing: the altair builders of app/charts rendered offline by vl-convert,
with the vendored CJK font (app/fonts) registered so Chinese renders on any machine."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import altair as alt
import vl_convert as vlc

from app import charts
from app.snapshot import text as T
from app.snapshot.build import Chart

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
WIDTH, HEIGHT = 720, 240
LABELS = T.CHART_LABELS


@lru_cache(maxsize=1)
def register_fonts() -> None:
    vlc.register_font_directory(str(FONT_DIR))


def chart_spec(c: Chart, labels: dict | None = None) -> alt.TopLevelMixin:
    labels = labels or LABELS
    values = charts.with_gaps(c.values, c.grain)
    chart = charts.trend(values, c.goals, c.glide, labels, c.unit)
    return chart.properties(width=WIDTH, height=HEIGHT, title=labels.get("title", c.title))


def png(c: Chart, labels: dict | None = None, scale: float = 2.0) -> bytes:
    register_fonts()
    return vlc.vegalite_to_png(chart_spec(c, labels).to_dict(), scale=scale)
