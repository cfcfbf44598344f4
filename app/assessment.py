"""The quarterly assessment page's tables as data (pure; the page renders them): the quarters
offered, the scores of one object type, one object's items, and the scheme in force — every
column and word in the page's language (the assessment's words in app/i18n/assessment.py)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from app import formatting as F
from app.i18n import t
from warehouse.assessment import BUILT_IN, OBJECT_TYPES, STREETS

TYPES = tuple(OBJECT_TYPES)
COUNTS = BUILT_IN[2:]      # 暗访问题数 counts problems: shown without decimals


def quarter_label(start: dt.date, end: dt.date, lang: str) -> str:
    return t("assess.quarter_option", lang, year=start.year, q=(start.month - 1) // 3 + 1,
             start=start, end=end)


def quarter_text(day: dt.date | None) -> str:
    return F.DASH if day is None else f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def measure_name(measure: str, names: dict[str, str], lang: str) -> str:
    """An indicator's name, or a built-in measure's words."""
    if measure in BUILT_IN:
        return t(f"assess.measure.{measure}", lang)
    return names.get(measure, measure)


def _num(v: float | None, places: int = 2) -> str:
    return F.DASH if v is None else f"{v:.{places}f}"


def names_of(rows: pl.DataFrame, areas: dict[str, str], column: str = "object") -> list[str]:
    """Objects' names in the page's language: an area's from `areas` (area_names), a
    department's as the ledger writes it."""
    return [areas.get(c) or n for c, n in zip(rows[f"{column}_code"], rows[f"{column}_name"])]


def scores(totals: pl.DataFrame, otype: str, lang: str, areas: dict[str, str]) -> pl.DataFrame:
    """Rank, name (and district for streets), score, last quarter's score and rank, change,
    the two-quarters-last flag."""
    rows = totals.filter(pl.col("object_type") == otype)
    out = {
        t("assess.col.rank", lang): [F.DASH if r is None else str(r) for r in rows["rank"]],
        **({t("assess.col.district", lang): names_of(rows, areas, "group")} if otype == STREETS
           else {}),
        t("assess.col.name", lang): names_of(rows, areas),
        t("assess.col.score", lang): [_num(v) for v in rows["score"]],
        t("assess.col.prev_score", lang): [_num(v) for v in rows["prev_score"]],
        t("assess.col.change", lang): [
            F.DASH if a is None or b is None else f"{a - b:+.2f}"
            for a, b in zip(rows["score"], rows["prev_score"])],
        t("assess.col.prev_rank", lang): [F.DASH if r is None else str(r)
                                          for r in rows["prev_rank"]],
        t("assess.col.last_twice", lang): [t("assess.yes", lang) if f else ""
                                           for f in rows["last_twice"]],
    }
    return pl.DataFrame(out)


def breakdown(items: pl.DataFrame, code: str, names: dict[str, str], lang: str
              ) -> pl.DataFrame:
    """One object's items: the measure, method, weight, value, target, points and a note."""
    rows = items.filter(pl.col("object_code") == code).sort("item")
    return pl.DataFrame({
        t("assess.col.item", lang): rows["item"].to_list(),
        t("assess.col.measure", lang): [measure_name(m, names, lang) for m in rows["measure"]],
        t("assess.col.method", lang): [t(f"assess.method.{m}", lang) for m in rows["method"]],
        t("assess.col.weight", lang): [f"{w:g}" for w in rows["weight"]],
        t("assess.col.value", lang): [_num(v, 0 if m in COUNTS else 2)
                                      for v, m in zip(rows["value"], rows["measure"])],
        t("assess.col.target", lang): [_num(v, 0 if m in COUNTS else 2)
                                       for v, m in zip(rows["target"], rows["measure"])],
        t("assess.col.points", lang): [_num(v) for v in rows["points"]],
        t("assess.col.note", lang): [t(f"assess.note.{n}", lang) if n else ""
                                     for n in rows["note"]],
    })


def scheme_table(scheme: pl.DataFrame, names: dict[str, str], lang: str) -> pl.DataFrame:
    return pl.DataFrame({
        t("assess.col.type", lang): [t(f"assess.type.{o}", lang) for o in scheme["object_type"]],
        t("assess.col.item", lang): scheme["item"].to_list(),
        t("assess.col.measure", lang): [measure_name(m, names, lang) for m in scheme["measure"]],
        t("assess.col.weight", lang): [f"{w:g}" for w in scheme["weight"]],
        t("assess.col.method", lang): [t(f"assess.method.{m}", lang) for m in scheme["method"]],
        t("assess.col.from", lang): [quarter_text(d) for d in scheme["effective_from"]],
        t("assess.col.until", lang): [quarter_text(d) for d in scheme["effective_until"]],
    })


def types_present(totals: pl.DataFrame) -> list[str]:
    return [o for o in TYPES if o in totals["object_type"].unique().to_list()]


def of_type(totals: pl.DataFrame, otype: str) -> pl.DataFrame:
    return totals.filter(pl.col("object_type") == otype)


def last_twice(totals: pl.DataFrame, areas: dict[str, str]) -> list[str]:
    """The names flagged last of their type in this quarter and the one before."""
    return names_of(totals.filter(pl.col("last_twice")), areas)


def object_row(totals: pl.DataFrame, code: str) -> dict:
    return totals.filter(pl.col("object_code") == code).row(0, named=True)


def indicator_names(meta: pl.DataFrame, lang: str) -> dict[str, str]:
    return dict(zip(meta["indicator_id"], meta["name_zh" if lang == "zh" else "name_en"]))


def labels(rows: pl.DataFrame, areas: dict[str, str]) -> dict[str, str]:
    """code → name in the page's language, in the scores' order."""
    return dict(zip(rows["object_code"], names_of(rows, areas)))
