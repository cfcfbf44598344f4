"""One-line plain-language summaries of an assessment (pure; used by pages and exports)."""

from __future__ import annotations

from app.i18n import t


def fmt(value: float | None, pattern: str) -> str:
    return "—" if value is None else pattern.format(value)


def assessment_line(a: dict, indicator: dict, area_name: str, lang: str) -> str:
    """e.g. 南江区 诱蚊灯法成蚊密度 15.06 只/(灯·夜)，2026-12-31 阶段目标 6.00，进度线 6.22；
    按当前趋势届时预计 14.47。"""
    f = indicator["format"]
    name = indicator["name_zh"] if lang == "zh" else indicator["name_en"]
    unit = "" if indicator["unit"] == "%" else f" {indicator['unit']}"
    parts = [t("summary.value", lang, area=area_name, name=name, value=fmt(a["value"], f),
               unit=unit)]
    if a.get("goal") is not None:
        parts.append(t("summary.goal", lang, deadline=a["deadline"], goal=fmt(a["goal"], f),
                       glide=fmt(a["glide"], f)))
    if a.get("projection") is not None:
        parts.append(t("summary.projection", lang, projection=fmt(a["projection"], f)))
    if a["status"] == "incomplete":
        parts.append(t("summary.incomplete", lang, rep=a["reporting_units"],
                       exp=a["expected_units"]))
    return t("summary.join", lang).join(parts) + t("summary.end", lang)
