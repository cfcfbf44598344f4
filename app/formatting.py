"""The one formatter of what a person reads: values with their unit, gaps and changes (percentage
points for rates), periods, dates and times, area and stage names, in Chinese or English.

Pure (no streamlit): pages, charts' labels, the briefing PDF and XLSX all call it. Downloads keep
full precision; only the text a person reads is rounded here.
"""

from __future__ import annotations

import datetime as dt
import math
import re

DASH = "—"
_DECIMALS = re.compile(r"\{:[^}]*\.(\d+)f\}")


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$=])")


def md(text: object) -> str:
    """Text from the data (names of areas, sites, stages, users) made safe for a Streamlit
    markdown element: every markdown, directive (:red[…], :material/x:) and HTML character
    escaped, so a name is only ever shown as itself — never a link, an image or a style."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def missing(v: object) -> bool:
    return v is None or (isinstance(v, float) and (math.isnan(v) or math.isinf(v)))


def decimals(ind: dict) -> int:
    """Decimal places of an indicator's registry format ("{:.1f}%" → 1)."""
    m = _DECIMALS.search(ind.get("format") or "")
    return int(m.group(1)) if m else 2


def is_rate(ind: dict) -> bool:
    return ind.get("unit") == "%"


def unit(ind: dict, lang: str = "zh") -> str:
    """The unit in the language (registry `unit_en`, else the Chinese unit)."""
    if lang == "en":
        return ind.get("unit_en") or ind.get("unit") or ""
    return ind.get("unit") or ""


def is_grade(ind: dict) -> bool:
    """A graded indicator whose value is its grade's place (kind grade with grades: 3 = C)."""
    return ind.get("kind") == "grade" and bool(ind.get("grades"))


def grade_label(v: float, ind: dict, lang: str = "zh") -> str:
    """The grade at place `v` of a graded indicator: "C级" / "Grade C"."""
    grades = ind.get("grades") or []
    g = grades[min(max(int(round(v)), 1), len(grades)) - 1]
    return g["label_zh"] if lang == "zh" else g["label_en"]


def value(v: float | None, ind: dict, lang: str = "zh", with_unit: bool = False) -> str:
    """An indicator value as the registry formats it ("43.7%", "9.24"); `with_unit` adds a
    non-percent unit ("9.24 只/(灯·夜)"); a graded indicator's value reads as its grade
    ("C级")."""
    if missing(v):
        return DASH
    if is_grade(ind):
        return grade_label(v, ind, lang)
    text = (ind.get("format") or "{:.2f}").format(v)
    if with_unit and not is_rate(ind) and unit(ind, lang):
        text += f" {unit(ind, lang)}"
    return text


def _points(lang: str) -> str:
    return "个百分点" if lang == "zh" else "pp"


def amount(v: float, ind: dict, lang: str = "zh") -> str:
    """A difference of two values of the indicator, unsigned, with its unit: percentage points
    for a rate ("2.5 个百分点", "2.5 pp"), else the indicator's unit ("2.43 只/(灯·夜)")."""
    text = f"{abs(v):.{decimals(ind)}f}"
    if is_grade(ind):
        return (f"{text} 级" if lang == "zh" else
                f"{text} grade{'' if round(abs(v)) == 1 else 's'}")
    u = _points(lang) if is_rate(ind) else unit(ind, lang)
    return f"{text} {u}".strip()


def gap(v: float | None, ind: dict, lang: str = "zh") -> str:
    """The distance to the goal (assessment.gap: > 0 short of it, ≤ 0 reached):
    "差 2.5 个百分点" / "2.5 pp short", "已达到目标" / "goal reached",
    "超出 1.1 个百分点" / "1.1 pp beyond"."""
    if missing(v):
        return DASH
    if abs(v) < 0.5 * 10 ** -decimals(ind):
        return "已达到目标" if lang == "zh" else "goal reached"
    if v > 0:
        return f"差 {amount(v, ind, lang)}" if lang == "zh" else f"{amount(v, ind, lang)} short"
    return f"超出 {amount(v, ind, lang)}" if lang == "zh" else f"{amount(v, ind, lang)} beyond"


def delta(v: float | None, ind: dict, lang: str = "zh") -> str:
    """A signed change ("+0.4 个百分点", "−0.12 只/(灯·夜)", "0")."""
    if missing(v):
        return DASH
    if abs(v) < 0.5 * 10 ** -decimals(ind):
        return "0"
    return ("+" if v > 0 else "−") + amount(v, ind, lang)


def period(start: dt.date | None, grain: str | None, lang: str = "zh") -> str:
    """2026年 / 2026年第3季度 / 2026年11月 / 2026年第47周（11-16起）; 2026 / 2026 Q3 / 2026-11 /
    2026-W47 (from 11-16)."""
    if start is None or grain is None:
        return DASH
    zh = lang == "zh"
    if grain == "year":
        return f"{start.year}年" if zh else f"{start.year}"
    if grain == "quarter":
        q = (start.month - 1) // 3 + 1
        return f"{start.year}年第{q}季度" if zh else f"{start.year} Q{q}"
    if grain == "month":
        return f"{start.year}年{start.month}月" if zh else f"{start:%Y-%m}"
    iso = start.isocalendar()
    return (f"{iso.year}年第{iso.week}周（{start:%m-%d}起）" if zh
            else f"{iso.year}-W{iso.week:02d} (from {start:%m-%d})")


def period_pair(new: dt.date, old: dt.date, grain: str, lang: str = "zh") -> str:
    """Two periods compared, as short as stays unambiguous: 10月较9月 / 2026年1月较2025年12月 /
    2026年较2025年; 2026-10 vs 2026-09."""
    if lang == "zh":
        if grain == "month" and new.year == old.year:
            return f"{new.month}月较{old.month}月"
        return f"{period(new, grain, lang)}较{period(old, grain, lang)}"
    return f"{period(new, grain, lang)} vs {period(old, grain, lang)}"


def date(d: dt.date | dt.datetime | str | None) -> str:
    """2026-11-27 (a date, never a time of day)."""
    if d is None or d == "":
        return DASH
    if isinstance(d, str):
        d = dt.date.fromisoformat(d[:10])
    return f"{d:%Y-%m-%d}"


def timestamp(ts: dt.datetime | str | None) -> str:
    """2026-11-27 16:05 (no seconds, no "T")."""
    if ts is None or ts == "":
        return DASH
    if isinstance(ts, str):
        ts = dt.datetime.fromisoformat(ts)
    return f"{ts:%Y-%m-%d %H:%M}"


def area_name(row: dict, lang: str = "zh") -> str:
    """An area's name in the language (dim_area.name_en when the geography gives it)."""
    if lang == "en" and row.get("name_en"):
        return row["name_en"]
    return row.get("name_zh") or row.get("area_code") or DASH


def stage(name: str | None, year: int | None, lang: str = "zh",
          name_en: str | None = None) -> str:
    """A stage of the plan: its own name in Chinese; in English its English name when the goals
    file gives one, else "2026 stage"."""
    if lang == "zh":
        return name or (f"{year}年阶段" if year else DASH)
    return name_en or (f"{year} stage" if year else DASH)


def count(n: int | None, lang: str = "zh", zh_unit: str = "", en_unit: str = "") -> str:
    if n is None:
        return DASH
    return f"{n}{zh_unit}" if lang == "zh" else f"{n} {en_unit}".strip()
