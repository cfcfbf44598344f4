"""The health-literacy page's extras as data (pure): weighted shares by group with their CI
against the national level, and the aspects and categories of a survey year."""

from __future__ import annotations

import polars as pl

from app import db
from app.i18n import t

DIMS = ("age_group", "sex", "education", "urban_rural")


def national(ind: dict, year: int) -> float | None:
    """The registry's national level of the indicator for a year (None if none)."""
    return next((s["value"] for s in ind.get("national_series") or [] if s["year"] == year),
                None)


def breakdown(version: int, ind: dict, dim: str, area: str, year: int) -> pl.DataFrame:
    """Weighted literacy by one grouping, passing at the registry's pass score."""
    return db.query("literacy_breakdown", version, dim=dim, area=area, year=year,
                    threshold=ind["pass_score"])


def aspects(version: int, meta: pl.DataFrame, area: str, year: int, lang: str
            ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(chart rows: group, value, CI, n) and the download (with the national level) of the three
    aspects and six categories."""
    # the national questionnaire's aspects and categories (hl_*), not the domain's other
    # survey indicators (smoking, new media)
    ids = [i for i in meta["indicator_id"] if i.startswith(("hl_aspect_", "hl_cat_"))]
    parts = db.query("area_indicators_year", version, indicators=ids, area=area, year=year)
    info = {m["indicator_id"]: m for m in meta.iter_rows(named=True)}
    chart = parts.select(pl.col("name_zh" if lang == "zh" else "name_en").alias("group"),
                         "value", "ci_low", "ci_high", "n")
    levels = [national(info[i], year) for i in parts["indicator_id"]]
    download = chart.rename({"group": t("literacy.group", lang), "value": t("col.value", lang),
                             "ci_low": t("col.ci_low", lang), "ci_high": t("col.ci_high", lang),
                             "n": t("col.n", lang)}).with_columns(
        pl.Series(t("series.national", lang), levels, dtype=pl.Float64))
    return chart, download
