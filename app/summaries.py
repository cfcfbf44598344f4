"""Plain-language explanations of an assessment — the goal in force, the projection (or why there
is none), the reason for the status — in Chinese or English, for pages and briefings alike."""

from __future__ import annotations

from app import formatting as F
from app.i18n import t


def goal_text(a: dict, ind: dict, lang: str) -> str:
    """阶段目标 45.0%（巩固迎检年，2026-12-31）"""
    if a.get("goal") is None:
        return t("assess.no_goal", lang)
    return t("assess.goal", lang, goal=F.value(a["goal"], ind, lang, with_unit=True),
             stage=F.stage(a.get("stage_name"), a.get("stage_year"), lang,
                           a.get("stage_name_en")),
             deadline=F.date(a["deadline"]))


def projection_text(a: dict, ind: dict, lang: str) -> str | None:
    """The projection, said for what it is: the deadline period's own value, a trend line (with
    how many values it rests on), or why there is none. None without a goal."""
    kind = a.get("projection_kind")
    grain = t(f"assess.grain.{a.get('period_grain') or 'month'}", lang)
    if kind == "final":
        return t("assess.final", lang, period=F.period(a["period_start"], a["period_grain"], lang),
                 value=F.value(a["projection"], ind, lang, with_unit=True))
    if kind == "past":
        return t("assess.past", lang, deadline=F.date(a["deadline"]))
    if kind == "trend":
        return t("assess.trend", lang, n=a["trend_points"], grain=grain,
                 deadline=F.date(a["deadline"]),
                 projection=F.value(a["projection"], ind, lang, with_unit=True))
    if kind == "few_points":
        return t("assess.few_points", lang, n=a["trend_points"], grain=grain)
    if kind == "grades":
        return t("assess.grades", lang)
    return None


def reason(a: dict, ind: dict, lang: str) -> str:
    """Why the status is what it is, in one clause."""
    s = a["status"]
    if s in ("no_data", "no_goal"):
        return t(f"why.{s}", lang)
    if s == "incomplete":
        return t("why.incomplete", lang, rep=a["reporting_units"], exp=a["expected_units"])
    glide = F.value(a.get("glide"), ind, lang)
    kind = a.get("projection_kind")
    if s == "on_track":
        return t("why.on_final" if kind in ("final", "past") else "why.on_glide", lang,
                 glide=glide)
    if s == "at_risk":
        return t("why.risk", lang, glide=glide, proj=F.value(a["projection"], ind, lang))
    if kind in ("final", "past"):
        return t("why.off_overdue" if a.get("overdue") else "why.off_final", lang)
    if kind == "trend":
        return t("why.off", lang, glide=glide, proj=F.value(a["projection"], ind, lang))
    if kind == "grades":
        return t("why.off_grades", lang, glide=glide)
    return t("why.off_few", lang, glide=glide)
