"""指挥大屏 (the leadership wall) as data and HTML (pure, no streamlit): the overview's headline
tiles, each district's statuses, this week's waterlogging and problem figures and how far the
data reach, for one date — the same numbers as the overview (app.overview builds the tiles) —
and the dark, large-type style that fits one screen (1920×1080, or 3840×2160 at 200%)."""

from __future__ import annotations

import datetime as dt
import time

import polars as pl

from app import formatting as F
from app.i18n import t
from app.overview import Tile
from warehouse.status import VOCABULARY

BACKGROUND = "#0b1220"
PANEL = "#131c2e"
TEXT = "#e8edf5"
MUTED = "#93a1b8"
# NOTE: sizes in vw/vh so that one layout fills a 1920×1080 and a 3840×2160 wall alike; the
# sidebar, header and toolbar are hidden; nothing scrolls (overflow hidden on the page).
STYLE = f"""
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], footer, .block-container h1,
[data-testid="stCaptionContainer"] {{ display: none !important; }}
html, body, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {{
  background: {BACKGROUND} !important; color: {TEXT}; overflow: hidden !important; }}
.block-container, [data-testid="stMainBlockContainer"] {{
  padding: 1vh 1.2vw 0 1.2vw !important; max-width: 100% !important; }}
[data-testid="stMain"], [data-testid="stAppViewContainer"] {{ padding-top: 0 !important;
  margin-top: 0 !important; top: 0 !important; }}
[data-testid="stVerticalBlock"] {{ gap: 0.3vh !important; }}
[data-testid="stElementContainer"]:has(> [data-testid="stCaptionContainer"]),
[data-testid="stElementContainer"]:has(h1),
[data-testid="stElementContainer"]:has(style) {{ display: none !important; }}
.hc-head {{ display: flex; justify-content: space-between; align-items: baseline;
  margin-bottom: 0.8vh; }}
.hc-title {{ font-size: 2.2vw; font-weight: 700; color: {TEXT}; letter-spacing: 0.1vw; }}
.hc-sub {{ font-size: 0.95vw; color: {MUTED}; }}
.hc-panel {{ background: {PANEL}; border-radius: 0.5vw; padding: 0.9vh 0.9vw;
  margin-bottom: 1vh; }}
.hc-h {{ font-size: 1.05vw; color: {MUTED}; margin-bottom: 0.5vh; }}
.hc-tile {{ display: flex; justify-content: space-between; align-items: center;
  border-bottom: 1px solid #22304a; padding: 0.3vh 0; }}
.hc-tile:last-child {{ border-bottom: none; }}
.hc-name {{ font-size: 0.95vw; color: {TEXT}; max-width: 60%; line-height: 1.25; }}
.hc-period {{ font-size: 0.75vw; color: {MUTED}; }}
.hc-value {{ font-size: 1.7vw; font-weight: 700; color: {TEXT}; text-align: right;
  line-height: 1.1; }}
.hc-badge {{ display: inline-block; font-size: 0.8vw; padding: 0.1vh 0.45vw;
  border-radius: 0.3vw; margin-top: 0.3vh; }}
.hc-row {{ display: flex; justify-content: space-between; font-size: 0.95vw; padding: 0.25vh 0;
  border-bottom: 1px solid #22304a; }}
.hc-row:last-child {{ border-bottom: none; }}
.hc-num {{ font-weight: 700; font-size: 1.25vw; }}
.hc-pills span {{ display: inline-block; min-width: 2.2vw; text-align: center;
  border-radius: 0.3vw; margin-left: 0.3vw; font-weight: 700; }}
.hc-ends {{ display: grid; grid-template-columns: 1fr 1fr; column-gap: 1vw;
  font-size: 0.68vw; color: {TEXT}; }}
.hc-ends div {{ display: flex; justify-content: space-between; padding: 0.1vh 0;
  border-bottom: 1px solid #22304a; }}
.hc-legend {{ font-size: 0.8vw; color: {MUTED}; }}
</style>
"""


# HTML's and markdown's characters as entities, in one pass: st.markdown still reads markdown
# around raw HTML, so a name like "![x](http://…)" must reach the page as text, never as an image
# or a link.
ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
                          **{c: f"&#{ord(c)};" for c in "![]()*_`:$~#\\"}})


def esc(text: object) -> str:
    """Text from the data (area, unit, source names) for this module's HTML, shown as itself."""
    return str(text).translate(ENTITIES)


def clock() -> float:
    """The wall clock the rotation follows (seconds since the epoch)."""
    return time.time()


def rotation(city: str, districts: list[str], seconds: int, now: float) -> str:
    """The area the wall shows now when it rotates (?rotate=N): the city, then each district in
    code order, N seconds each, the same on every wall at the same moment (by the clock)."""
    areas = [city, *sorted(districts)]
    if seconds <= 0:
        return city
    return areas[int(now // seconds) % len(areas)]


def rotate_seconds(value: str | None) -> int:
    """?rotate=N: N seconds per area, at least 10 (a wall must be readable); else 0 (no
    rotation)."""
    try:
        n = int(value or 0)
    except ValueError:
        return 0
    return max(10, n) if n > 0 else 0


def badge(status: str, lang: str) -> str:
    s = VOCABULARY[status]
    return (f'<span class="hc-badge" style="background:{s.colour};color:{s.text_colour}">'
            f"{esc(s.word(lang))}</span>")


def head(city: str, as_of: dt.date, version: int, lang: str) -> str:
    return (f'<div class="hc-head"><div class="hc-title">{esc(t("screen.title", lang, city=city))}'
            f'</div><div class="hc-sub">{esc(t("screen.sub", lang, date=F.date(as_of), v=version))}'
            "</div></div>")


def counts_html(text: str) -> str:
    return f'<div class="hc-sub" style="font-size:1.2vw;margin-bottom:0.8vh">{esc(text)}</div>'


def tiles_html(tiles: list[Tile], lang: str) -> str:
    """The overview's headline tiles, one row each: name and period, value, status."""
    rows = []
    for tile in tiles:
        a = tile.assessment
        period = F.period(a.get("period_start"), a.get("period_grain"), lang)
        rows.append(
            f'<div class="hc-tile"><div class="hc-name">{esc(tile.title)}<br>'
            f'<span class="hc-period">{esc(period)}</span></div><div class="hc-value">'
            f'{esc(tile.value)}<br>{badge(a.get("status", "no_data"), lang)}</div></div>')
    return panel(t("screen.headlines", lang), "".join(rows))


def panel(title: str, body: str) -> str:
    return f'<div class="hc-panel"><div class="hc-h">{esc(title)}</div>{body}</div>'


def district_counts(statuses: pl.DataFrame, names: dict[str, str]) -> pl.DataFrame:
    """Per district (code order): how many of its assessments are off track, at risk, on track
    — the same status table as the overview's counts."""
    d = statuses.filter(pl.col("area_level") == "district")
    if d.height == 0:
        return pl.DataFrame(schema={"area_code": pl.Utf8, "name": pl.Utf8, "off_track": pl.Int64,
                                    "at_risk": pl.Int64, "on_track": pl.Int64})
    out = d.group_by("area_code").agg(
        *[(pl.col("status") == k).sum().cast(pl.Int64).alias(k)
          for k in ("off_track", "at_risk", "on_track")]).sort("area_code")
    return out.with_columns(pl.col("area_code").replace_strict(names, default="").alias("name")) \
        .select("area_code", "name", "off_track", "at_risk", "on_track")


def districts_html(counts: pl.DataFrame, lang: str) -> str:
    rows = []
    for r in counts.sort(["off_track", "at_risk", "area_code"],
                         descending=[True, True, False]).iter_rows(named=True):
        pills = "".join(
            f'<span style="background:{VOCABULARY[k].colour};color:{VOCABULARY[k].text_colour}">'
            f"{r[k]}</span>" for k in ("off_track", "at_risk", "on_track"))
        rows.append(f'<div class="hc-row"><span>{esc(r["name"])}</span>'
                    f'<span class="hc-pills">{pills}</span></div>')
    legend = " · ".join(f"{VOCABULARY[k].word(lang)}" for k in ("off_track", "at_risk",
                                                                "on_track"))
    return panel(t("screen.districts", lang), "".join(rows)
                 + f'<div class="hc-legend">{esc(legend)}</div>')


def week_html(water: dict[str, int] | None, problems: dict[str, int], week_known: bool,
              stale_days: int, lang: str) -> str:
    """This week's waterlogging (found, eliminated, open at the date, open > N days) and
    problem figures (found, closed, open, overdue); a week the ledger has not reached says —."""
    def row(label: str, value: object) -> str:
        return (f'<div class="hc-row"><span>{esc(label)}</span>'
                f'<span class="hc-num">{esc(value)}</span></div>')

    dash, w = F.DASH, water or {}
    body = [row(t("screen.w_found", lang), w.get("found_week", dash)),
            row(t("screen.w_eliminated", lang), w.get("eliminated_week", dash)),
            row(t("screen.w_open", lang), w.get("open_end", dash)),
            row(t("screen.w_stale", lang, days=stale_days), w.get("open_stale", dash))]
    probs = [row(t("screen.p_found", lang), problems["found_week"] if week_known else dash),
             row(t("screen.p_closed", lang), problems["closed_week"] if week_known else dash),
             row(t("screen.p_open", lang), problems["open"]),
             row(t("screen.p_overdue", lang), problems["overdue"])]
    return (panel(t("screen.waterlogging", lang), "".join(body))
            + panel(t("screen.problems", lang), "".join(probs)))


def ends_html(ends: pl.DataFrame, lang: str) -> str:
    """How far each source reaches (the latest date, month or year it holds)."""
    rows = []
    for r in ends.sort("title_zh", nulls_last=True).iter_rows(named=True):
        if r["last"] is None:
            continue
        title = r["title_zh"] if lang == "zh" else r["title_en"]
        when = F.period(r["last"], r["grain"], lang) if r["grain"] != "day" else F.date(r["last"])
        rows.append(f'<div><span>{esc(title or r["fact"])}</span><span>{esc(when)}</span></div>')
    return panel(t("screen.ends", lang), f'<div class="hc-ends">{"".join(rows)}</div>')


def water_totals(df: pl.DataFrame) -> dict[str, int] | None:
    """The weekly_waterlogging rows of the districts summed (None when there are none)."""
    if df.height == 0:
        return None
    return {c: int(df[c].sum()) for c in ("found_week", "eliminated_week", "open_end",
                                          "open_stale")}

