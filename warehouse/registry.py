"""The indicator registry (warehouse/indicators.yml): load, validate, expose as dim_indicator."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

import yaml

from warehouse import ledger
from warehouse.paths import REGISTRY_FILE

KINDS = ("flow", "stock", "survey", "grade", "register")
DIRECTIONS = ("higher", "lower")
GRAINS = ("week", "month", "quarter", "year")
LEVELS = ("grid", "street", "district", "city")
REQUIRED = ("id", "domain", "name_zh", "name_en", "unit", "unit_en", "direction", "kind",
            "formula", "format", "grains", "derive")
# Ledger measures (warehouse/derive.py LEDGER) and the parameters each takes from its entry:
# name → required?
LEDGER_MEASURES = {
    "eliminated_share": {}, "open_points": {},
    "cohort_eliminated_share": {"cohort_open_on": True},
    "on_time_closure_share": {"within_days": True, "point_class": False},
    "overdue_items": {}, "deadline_closure_share": {},
}
# Measures that need the ledger to have a 整改时限 (fact ledger.deadline).
NEEDS_DEADLINE = ("overdue_items", "deadline_closure_share")
# A ledger fact's `ledger:` block: items (the table its measures read, default the fact's table),
# the closing-date and class columns, an optional deadline column, the breakdown columns and the
# levels they are published at.
LEDGER_KEYS = ("items", "closed", "class", "deadline", "breakdowns", "breakdown_levels")
IDENT = re.compile(r"^[a-z][a-z0-9_]*$")
MONTH_DAY = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
# A value a derive entry's `where` compares a column with: letters, digits and Chinese only.
WORD = re.compile(r"^[\w\u4e00-\u9fff]+$")
# Only column names, numbers, arithmetic and parentheses may appear in a derive expression.
EXPR = re.compile(r"^[a-z0-9_ .+\-*/()]+$")


class RegistryError(ValueError):
    pass


def load(path: Path = REGISTRY_FILE) -> dict:
    return _load(Path(path).resolve())


@lru_cache(maxsize=4)
def _load(path: Path) -> dict:
    # NOTE: libyaml's loader when PyYAML has it (ten times the pure-Python one's speed: every
    # load and every page process reads the registry once).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    doc = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (safe loader)
    validate(doc)
    return doc


def indicators(path: Path = REGISTRY_FILE) -> list[dict]:
    return load(path)["indicators"]


def by_id(path: Path = REGISTRY_FILE) -> dict[str, dict]:
    return {i["id"]: i for i in indicators(path)}


def validate(doc: dict) -> None:
    """Raise RegistryError naming the entry and field of the first problem found."""
    facts, domains = doc.get("facts") or {}, doc.get("domains") or {}
    seen = set()
    for fact, spec in facts.items():
        for k in ("table", "unit", "unit_column", "date_column", "levels"):
            if k not in spec:
                raise RegistryError(f"fact {fact}: missing {k}")
        if not set(spec["levels"]) <= set(LEVELS):
            raise RegistryError(f"fact {fact}: unknown level in {spec['levels']}")
        if "pass_share" in spec and not 0 < float(spec["pass_share"]) <= 1:
            raise RegistryError(f"fact {fact}: pass_share must be in (0, 1]")
        _validate_ledger_fact(fact, spec.get("ledger"))
        closes = spec.get("year_closes")
        if closes is not None and not MONTH_DAY.match(str(closes)):
            raise RegistryError(f"fact {fact}: year_closes must be MM-DD, not {closes!r}")
    for ind in doc.get("indicators") or []:
        iid = ind.get("id", "?")
        for k in REQUIRED:
            if ind.get(k) in (None, "", []):
                raise RegistryError(f"indicator {iid}: missing {k}")
        if not IDENT.match(iid) or iid in seen:
            raise RegistryError(f"indicator {iid}: bad or duplicate id")
        seen.add(iid)
        if ind["domain"] not in domains:
            raise RegistryError(f"indicator {iid}: unknown domain {ind['domain']}")
        if ind["kind"] not in KINDS or ind["direction"] not in DIRECTIONS:
            raise RegistryError(f"indicator {iid}: kind/direction must be {KINDS}/{DIRECTIONS}")
        if not set(ind["grains"]) <= set(GRAINS):
            raise RegistryError(f"indicator {iid}: unknown grain in {ind['grains']}")
        d = ind["derive"]
        if d.get("fact") not in facts:
            raise RegistryError(f"indicator {iid}: derive.fact {d.get('fact')} is not a fact")
        if ind["kind"] == "survey":
            if not IDENT.match(str(d.get("score", ""))) or not d.get("max_points"):
                raise RegistryError(f"indicator {iid}: survey needs derive.score and max_points")
            if "pass_share" not in facts[d["fact"]]:
                raise RegistryError(f"indicator {iid}: its survey fact needs a pass_share")
            if date_grain(facts[d["fact"]]["date_column"]) == "year" and ind["grains"] != [
                    "year"]:
                raise RegistryError(f"indicator {iid}: a survey dated by year derives at grain "
                                    "year only")
        elif "measure" in d:
            _validate_ledger(iid, d)
            lf = facts[d["fact"]].get("ledger")
            if lf is None:
                raise RegistryError(f"indicator {iid}: a ledger measure needs a fact with ledger:")
            if d["measure"] in NEEDS_DEADLINE and not lf.get("deadline"):
                raise RegistryError(f"indicator {iid}: {d['measure']} needs ledger.deadline")
        elif ind["kind"] == "grade":
            _validate_grade(iid, ind, facts[d["fact"]])
        elif ind["kind"] == "register":
            reg = facts[d["fact"]].get("register") or {}
            if not IDENT.match(str(reg.get("base_table", ""))):
                raise RegistryError(f"indicator {iid}: a register needs a fact with "
                                    "register.base_table")
            if not IDENT.match(str(d.get("base", ""))) or not d.get("where"):
                raise RegistryError(f"indicator {iid}: a register needs derive.where and "
                                    "derive.base (a column of the base table)")
            _validate_where(iid, d.get("where"))
        else:
            for k in ("numerator", "denominator", "multiplier"):
                if k not in d or not EXPR.match(str(d[k])):
                    raise RegistryError(f"indicator {iid}: derive.{k} missing or not allowed")
        try:
            ind["format"].format(1.0)
        except (ValueError, IndexError, KeyError) as e:
            raise RegistryError(f"indicator {iid}: bad format {ind['format']!r}") from e
        if ind.get("status_grain") is not None and ind["status_grain"] not in ind["grains"]:
            raise RegistryError(f"indicator {iid}: status_grain must be one of its grains")
        grades = ind.get("grades") or []
        if ind.get("pass_grade") is not None and str(ind["pass_grade"]) not in {
                str(g.get("grade")) for g in grades}:
            raise RegistryError(f"indicator {iid}: pass_grade {ind['pass_grade']} is not a grade")
        for i, g in enumerate(grades):
            last = i == len(grades) - 1
            if "grade" not in g or "label_zh" not in g or "label_en" not in g or (
                    ("max" in g) == last):
                raise RegistryError(f"indicator {iid}: grade {i} needs grade, labels, and a max "
                                    "(all but the last)")


def _validate_where(iid: str, where: object) -> None:
    """derive.where: column → a value or a list of values, written as plain words."""
    if not isinstance(where, dict):
        raise RegistryError(f"indicator {iid}: derive.where must map columns to values")
    for column, value in where.items():
        values = value if isinstance(value, list) else [value]
        if not IDENT.match(str(column)) or not values or not all(
                WORD.match(str(v)) for v in values):
            raise RegistryError(f"indicator {iid}: derive.where.{column} must name a column "
                                "and plain values")


def _validate_grade(iid: str, ind: dict, fact: dict) -> None:
    """A grade indicator reads a fact's graded column (fact `grade: {column, scale}`, best
    first). One member (derive.where): its registry grades are the scale, at places 1, 2, …
    A count (derive.each, of, pass_grade): how many of the listed members pass."""
    g, d = fact.get("grade") or {}, ind["derive"]
    scale = [str(x) for x in g.get("scale") or []]
    if not IDENT.match(str(g.get("column", ""))) or len(scale) < 2 or not all(
            WORD.match(x) for x in scale):
        raise RegistryError(f"indicator {iid}: a grade needs a fact with grade.column and "
                            "grade.scale")
    if "each" in d:
        if not IDENT.match(str(d["each"])) or str(d.get("pass_grade")) not in scale:
            raise RegistryError(f"indicator {iid}: derive.each must name a column and "
                                "derive.pass_grade be a grade of the scale")
        _validate_where(iid, {d["each"]: d.get("of") or []})
        if "/" in ind["format"] and not ind["format"].endswith(f"/{len(d['of'])}"):
            raise RegistryError(f"indicator {iid}: its format must end /{len(d['of'])}, the "
                                "number of members in derive.of")
        return
    _validate_where(iid, d.get("where"))
    grades = ind.get("grades") or []
    if [str(x.get("grade")) for x in grades] != scale or any(
            float(x.get("max") or 0) != i for i, x in enumerate(grades[:-1], 1)):
        raise RegistryError(f"indicator {iid}: its grades must be the fact's scale "
                            f"{scale}, with max 1, 2, …")


def _validate_ledger_fact(fact: str, spec: dict | None) -> None:
    """A fact's ledger block names columns and tables only (they reach the SQL as written)."""
    if spec is None:
        return
    unknown = set(spec) - set(LEDGER_KEYS)
    if unknown:
        raise RegistryError(f"fact {fact}: ledger.{sorted(unknown)[0]} is not a ledger key")
    for k in ("closed", "class"):
        if not IDENT.match(str(spec.get(k, ""))):
            raise RegistryError(f"fact {fact}: ledger.{k} must name a column")
    for k in ("items", "deadline"):
        if k in spec and not IDENT.match(str(spec[k])):
            raise RegistryError(f"fact {fact}: ledger.{k} must name a column or table")
    if not all(IDENT.match(str(c)) for c in spec.get("breakdowns") or []):
        raise RegistryError(f"fact {fact}: ledger.breakdowns must name columns")
    if not set(spec.get("breakdown_levels") or []) <= set(LEVELS):
        raise RegistryError(f"fact {fact}: unknown level in ledger.breakdown_levels")


def _validate_ledger(iid: str, d: dict) -> None:
    """A ledger measure with exactly its parameters: a cohort date, a number of days (≥ 0) and
    a class name written in Chinese — nothing else reaches the SQL."""
    params = LEDGER_MEASURES.get(d["measure"])
    if params is None:
        raise RegistryError(f"indicator {iid}: unknown ledger measure {d['measure']}")
    extra = set(d) - {"fact", "measure", *params}
    if extra:
        raise RegistryError(f"indicator {iid}: derive.{sorted(extra)[0]} is not a parameter of "
                            f"{d['measure']}")
    for name, required in params.items():
        if required and name not in d:
            raise RegistryError(f"indicator {iid}: {d['measure']} needs derive.{name}")
    if "cohort_open_on" in d:
        if not isinstance(d["cohort_open_on"], dt.date) or isinstance(d["cohort_open_on"],
                                                                     dt.datetime):
            raise RegistryError(f"indicator {iid}: derive.cohort_open_on must be a date "
                                "(YYYY-MM-DD)")
    if "within_days" in d and (isinstance(d["within_days"], bool)
                               or not isinstance(d["within_days"], int) or d["within_days"] < 0):
        raise RegistryError(f"indicator {iid}: derive.within_days must be a whole number ≥ 0")
    if "point_class" in d and d["point_class"] not in ledger.WATERLOGGING_CLASSES:
        raise RegistryError(f"indicator {iid}: derive.point_class must be one of "
                            f"{'、'.join(ledger.WATERLOGGING_CLASSES)}")


def date_grain(column: str) -> str:
    """The grain of a fact's dates, from the column's name: year for a survey year (`*_year`,
    a whole number), month for a 统计月份 (`month`), else day (a date)."""
    return "year" if column.endswith("_year") else "month" if column == "month" else "day"


def status_grain(ind: dict) -> str:
    """The grain the status rule judges an indicator on: the entry's own `status_grain` when it
    gives one (a flow of few events a month, judged by quarter); else year for surveys and
    seasonal indicators (like seasons compared), else month."""
    if ind.get("status_grain"):
        return ind["status_grain"]
    return "year" if ind["kind"] == "survey" or ind.get("seasonal") else "month"


def dim_indicator_rows(path: Path = REGISTRY_FILE) -> list[dict]:
    """Rows of the dim_indicator table."""
    doc = load(path)
    rows = []
    for order, ind in enumerate(doc["indicators"]):
        dom = doc["domains"][ind["domain"]]
        rows.append({
            "indicator_id": ind["id"], "sort_order": order, "domain": ind["domain"],
            "domain_zh": dom["name_zh"], "domain_en": dom["name_en"],
            "name_zh": ind["name_zh"], "name_en": ind["name_en"], "unit": ind["unit"],
            "unit_en": ind["unit_en"],
            "direction": ind["direction"], "kind": ind["kind"], "formula": ind["formula"],
            "format": ind["format"], "grains": list(ind["grains"]),
            "levels": list(doc["facts"][ind["derive"]["fact"]]["levels"]),
            "source_table": doc["facts"][ind["derive"]["fact"]]["table"],
            "headline": bool(ind.get("headline", False)),
            "seasonal": bool(ind.get("seasonal", False)),
            "status_grain": status_grain(ind),
            "year_closes": doc["facts"][ind["derive"]["fact"]].get("year_closes"),
            "grades": [{"grade": str(g["grade"]), "max": g.get("max"),
                        "label_zh": g["label_zh"], "label_en": g["label_en"]}
                       for g in ind.get("grades") or []],
            "pass_grade": ind.get("pass_grade"),
            "pass_score": pass_score(ind, doc),
            "national_series": [{"year": int(y), "value": float(v)}
                                for y, v in (ind.get("national_series") or {}).items()],
        })
    return rows


def pass_score(ind: dict, doc: dict | None = None) -> float | None:
    """A survey indicator's pass mark: the fact's pass share of the score's maximum (literacy:
    80% of 66 = 52.8, so ≥ 53 for integer scores); None for other kinds."""
    if ind["kind"] != "survey":
        return None
    doc = doc or load()
    fact = doc["facts"][ind["derive"]["fact"]]
    return float(fact["pass_share"]) * float(ind["derive"]["max_points"])

