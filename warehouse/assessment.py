"""季考核, the quarterly assessment: each object's score from the assessment scheme (template 12,
stg_assessment_scheme) — items, weights and scoring methods are data, never constants here.

For a quarter, the scheme **in force** is every row with 生效季度 ≤ the quarter ≤ 截止季度 (or no
截止季度). Each item of an object type (区县 district, 街道 street, 部门 department) measures
every object of that type:
- an **indicator** of the registry: the area's value as of the quarter's last day by the one
  status rule (warehouse.status: only complete periods), at the quarter grain when the indicator
  has one, else at its status grain; its **target** is the status rule's progress line (进度线:
  baseline → stage goal, read at the value's period; the goal itself once the deadline's period
  is in) and its **start** the baseline. Not measured for departments;
- **问题按期销号率**: problems closed in the quarter by their 整改时限 / problems closed in it ×
  100 — the indicator problem_on_time_closure_rate of the area for the quarter, or for a
  department (a 责任单位 of the ledger) its breakdown; target the indicator's stage goal in force
  for the city (or the area's own), start 0. Nothing closed in the quarter: not applicable;
- **数据按时上报率**: the reporting rule (warehouse/reporting.py) over the reports due in the
  quarter: an area's units, or a department's templates; target 100, start 0. No report due:
  not applicable;
- departments: the problem ledger's 责任单位 (a street's or town's own office is assessed as
  that street, not again here) and the departments that send periodic templates;
- **暗访问题数**: problems found in the quarter by unannounced checks (暗访, 省级暗访, 国家暗访) in
  the area or of the department; lower is better; target 0, start the largest count among the
  objects (so the worst scores 0 by progress).

Scoring methods, an item of weight w:
- **达标满分**: w when the value is at least as good as the target, else 0;
- **按进度比例**: w × (value − start) / (target − start), clamped to [0, 1] (w when target =
  start and the value meets it);
- **按排名**: the objects with a value ranked (best first, equal values share the better rank):
  w × (n − rank) / (n − 1) — first w, last 0; w when only one object has a value.
An applicable item without a value (no data for the area) scores 0 and says so (缺数据). An item
that does not apply (see above) is left out and the object's score is scaled to the full weight:
score = Σ points ÷ Σ weights of the applicable items × Σ weights of the type's items. Objects
are ranked by score (equal scores share a rank); an object with no applicable item is not
scored. "连续两季末位": last of its type in this quarter and the one before.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import polars as pl

from warehouse import queries, reporting
from warehouse.status import better_or_equal, goal_for_period, goals_by_area, status_table

DISTRICTS, STREETS, DEPARTMENTS = "区县", "街道", "部门"     # 考核对象类型 as the scheme writes it
OBJECT_TYPES = {DISTRICTS: "district", STREETS: "street", DEPARTMENTS: "department"}
METHODS = {"达标满分": "pass_full", "按进度比例": "progress", "按排名": "rank"}
BUILT_IN = ("问题按期销号率", "数据按时上报率", "暗访问题数")
UNANNOUNCED = ("暗访", "省级暗访", "国家暗访")
CLOSURE_INDICATOR = "problem_on_time_closure_rate"
EPS = 1e-9

MEASURE_SCHEMA = {"object_type": pl.Utf8, "object_code": pl.Utf8, "object_name": pl.Utf8,
                  "group_code": pl.Utf8, "group_name": pl.Utf8, "measure": pl.Utf8,
                  "value": pl.Float64, "target": pl.Float64, "start": pl.Float64,
                  "direction": pl.Utf8, "applicable": pl.Boolean, "note": pl.Utf8}
ITEM_SCHEMA = {**MEASURE_SCHEMA, "item": pl.Utf8, "weight": pl.Float64, "method": pl.Utf8,
               "rank_in_item": pl.Int64, "ranked": pl.Int64, "points": pl.Float64}


@dataclass
class Result:
    quarter_start: dt.date
    quarter_end: dt.date
    scheme: pl.DataFrame       # the rows in force
    items: pl.DataFrame        # object × item: value, target, points (ITEM_SCHEMA)
    totals: pl.DataFrame       # object: score, rank, of, previous quarter, flags


def quarter_of(day: dt.date) -> tuple[dt.date, dt.date]:
    q0 = dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    y, m = (q0.year, q0.month + 3) if q0.month < 10 else (q0.year + 1, 1)
    return q0, dt.date(y, m, 1) - dt.timedelta(days=1)


def scheme_in_force(con: duckdb.DuckDBPyConnection, quarter_start: dt.date) -> pl.DataFrame:
    """The scheme's rows in force in the quarter starting `quarter_start` (empty when the
    warehouse holds no scheme)."""
    held = con.execute("select count(*) from (select view_name as n from duckdb_views() "
                       "union all select table_name from duckdb_tables()) "
                       "where n = 'stg_assessment_scheme'").fetchall()[0][0]
    if not held:
        return pl.DataFrame(schema={"object_type": pl.Utf8, "item": pl.Utf8, "measure": pl.Utf8,
                                    "weight": pl.Float64, "method": pl.Utf8,
                                    "effective_from": pl.Date, "effective_until": pl.Date})
    return queries.run(con, "assessment_scheme", quarter=quarter_start)


# -- scoring (pure: literal tests feed it hand-made measures)

def points(method: str, weight: float, value: float | None, target: float | None,
           start: float | None, direction: str, rank: int | None, ranked: int) -> float:
    """The points of one object on one item (see the module's rule)."""
    if value is None:
        return 0.0
    if method == "按排名":
        if rank is None:
            return 0.0
        return weight if ranked <= 1 else weight * (ranked - rank) / (ranked - 1)
    if target is None:
        return 0.0
    met = better_or_equal(value, target, direction)
    if method == "达标满分":
        return weight if met else 0.0
    if start is None or abs(target - start) < EPS:
        return weight if met else 0.0
    return weight * min(1.0, max(0.0, (value - start) / (target - start)))


def score(scheme: pl.DataFrame, measures: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(items, totals) of every object of the measures: `scheme` rows (object_type, item,
    measure, weight, method), `measures` rows (MEASURE_SCHEMA)."""
    rows = []
    for s in scheme.iter_rows(named=True):
        ms = measures.filter((pl.col("object_type") == s["object_type"])
                             & (pl.col("measure") == s["measure"]))
        have = ms.filter(pl.col("applicable") & pl.col("value").is_not_null())
        ordered = sorted(have.iter_rows(named=True),
                         key=lambda r: -r["value"] if r["direction"] == "higher" else r["value"])
        rank_of: dict[str, int] = {}
        for i, r in enumerate(ordered):
            same = i and abs(r["value"] - ordered[i - 1]["value"]) < EPS
            rank_of[r["object_code"]] = rank_of[ordered[i - 1]["object_code"]] if same else i + 1
        for m in ms.iter_rows(named=True):
            rank = rank_of.get(m["object_code"])
            if (m["applicable"] and s["method"] != "按排名" and m["value"] is not None
                    and m["target"] is None):
                # no stage goal in force: a goal-based method cannot score it
                m = {**m, "applicable": False, "note": "no_goal"}
            pts = (points(s["method"], s["weight"], m["value"], m["target"], m["start"],
                          m["direction"], rank, len(ordered)) if m["applicable"] else None)
            rows.append({**m, "item": s["item"], "weight": s["weight"], "method": s["method"],
                         "rank_in_item": rank, "ranked": len(ordered), "points": pts})
    items = pl.DataFrame(rows, schema=ITEM_SCHEMA)
    full = scheme.group_by("object_type").agg(pl.col("weight").sum().alias("full"))
    totals = (items.group_by("object_type", "object_code", "object_name", "group_code",
                             "group_name")
              .agg(pl.col("points").sum().alias("points"),
                   pl.col("weight").filter(pl.col("applicable")).sum().alias("applicable_weight"),
                   pl.col("applicable").sum().cast(pl.Int64).alias("applicable_items"),
                   pl.len().alias("items"))
              .join(full, on="object_type", how="left")
              .with_columns(pl.when(pl.col("applicable_weight") > 0).then(
                  (pl.col("points") / pl.col("applicable_weight") * pl.col("full")).round(9))
                  .alias("score")))
    totals = totals.with_columns(
        pl.col("score").rank("min", descending=True).over("object_type").cast(pl.Int64)
        .alias("rank"),
        pl.col("score").count().over("object_type").cast(pl.Int64).alias("of"))
    return (items.sort("object_type", "object_code", "item"),
            totals.sort("object_type", "rank", "object_code", nulls_last=True))


# -- measuring (the warehouse's data for one quarter)

@dataclass
class _Quarter:
    """What every measure of one quarter reads, fetched once: its days, the areas, the city's
    code, and the reports due in it (None when no item of the scheme measures reporting)."""
    start: dt.date
    end: dt.date
    areas: pl.DataFrame
    city: str
    due: pl.DataFrame | None


def _areas(q: _Quarter, level: str) -> pl.DataFrame:
    a = q.areas
    names = dict(zip(a["area_code"], a["name_zh"]))
    mine = a.filter(pl.col("area_level") == level)
    groups = [p if level == "street" else "" for p in mine["parent_code"]]
    return pl.DataFrame({"object_code": mine["area_code"], "object_name": mine["name_zh"],
                         "group_code": groups, "group_name": [names.get(p, "") for p in groups]},
                        schema={"object_code": pl.Utf8, "object_name": pl.Utf8,
                                "group_code": pl.Utf8, "group_name": pl.Utf8})


def _frame(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=MEASURE_SCHEMA)


def measure_areas(con, q: _Quarter, level: str, measures: list[str]) -> pl.DataFrame:
    """Every measure of the scheme for every area of `level` (district or street)."""
    q0, q1 = q.start, q.end
    otype = {v: k for k, v in OBJECT_TYPES.items()}[level]
    areas = _areas(q, level)
    meta = {m["indicator_id"]: m for m in queries.run(con, "indicator_meta").iter_rows(named=True)}
    ids = [m for m in measures if m in meta or m == "问题按期销号率"]
    ids = list(dict.fromkeys(CLOSURE_INDICATOR if m == "问题按期销号率" else m for m in ids))
    found: dict[tuple[str, str], dict] = {}
    if ids:
        quarterly = [i for i in ids if "quarter" in meta[i]["grains"]]
        other = [i for i in ids if i not in quarterly]
        parts = []
        if quarterly:
            parts.append(status_table(con, q1, (level,), grain="quarter", indicators=quarterly))
        if other:
            parts.append(status_table(con, q1, (level,), indicators=other))
        for r in pl.concat(parts).iter_rows(named=True):
            found[(r["indicator_id"], r["area_code"])] = r
    due = q.due if "数据按时上报率" in measures else None
    on_time = ({r[f"{level}_code"]: r for r in reporting.rates(due, f"{level}_code")
                .iter_rows(named=True)} if due is not None and due.height else {})
    visits = (queries.run(con, "assessment_unannounced", start=q0, end=q1,
                          kinds=list(UNANNOUNCED), level=level)
              if "暗访问题数" in measures else None)
    counts = dict(zip(visits["object_code"], visits["n"])) if visits is not None else {}
    worst = float(max([counts.get(c, 0) for c in areas["object_code"]] or [0]))
    rows = []
    for a in areas.iter_rows(named=True):
        code = a["object_code"]
        for m in measures:
            base = {"object_type": otype, **a, "measure": m}
            if m == "数据按时上报率":
                r = on_time.get(code)
                rows.append({**base, "value": r["rate"] if r else None, "target": 100.0,
                             "start": 0.0, "direction": "higher", "applicable": r is not None,
                             "note": None if r else "no_reports"})
            elif m == "暗访问题数":
                rows.append({**base, "value": float(counts.get(code, 0)), "target": 0.0,
                             "start": worst, "direction": "lower", "applicable": True,
                             "note": None})
            else:
                iid = CLOSURE_INDICATOR if m == "问题按期销号率" else m
                r = found.get((iid, code))
                value = r["value"] if r else None
                target = (r["goal"] if m == "问题按期销号率" else r["glide"]) if r else None
                start = (0.0 if m == "问题按期销号率" else r["baseline"]) if r else None
                if m == "问题按期销号率" and value is None:
                    rows.append({**base, "value": None, "target": target, "start": start,
                                 "direction": "higher", "applicable": False,
                                 "note": "no_closures"})
                    continue
                rows.append({**base, "value": value, "target": target, "start": start,
                             "direction": meta[iid]["direction"], "applicable": True,
                             "note": None if value is not None else "no_data"})
    return _frame(rows)


def measure_departments(con, q: _Quarter, measures: list[str]) -> pl.DataFrame:
    """Every measure for every department: the problem ledger's 责任单位 and the departments
    that send periodic templates."""
    q0, q1, city = q.start, q.end, q.city
    # NOTE: a street's or town's own office (解放街道办事处, 柳林镇人民政府) is assessed as that
    # street (街道), not again as a department.
    streets = tuple(_areas(q, "street")["object_name"].to_list())
    units = [u for u in queries.run(con, "assessment_units", end=q1)["responsible_unit"]
             if not u.startswith(streets)]
    due = q.due if q.due is not None and q.due.height else None
    senders = ([d for d in due["department_zh"].unique().sort().to_list() if d]
               if due is not None else [])
    on_time = ({r["department_zh"]: r for r in reporting.rates(due, "department_zh")
                .iter_rows(named=True)} if due is not None else {})
    closure = queries.run(con, "assessment_unit_closure", start=q0, indicator=CLOSURE_INDICATOR,
                          area=city)
    closed = dict(zip(closure["responsible_unit"], closure["value"]))
    goals = goals_by_area(con, [city], [CLOSURE_INDICATOR]).get((CLOSURE_INDICATOR, city), [])
    goal = goal_for_period(goals, q0)
    visits = queries.run(con, "assessment_unannounced", start=q0, end=q1,
                         kinds=list(UNANNOUNCED), level="department")
    counts = dict(zip(visits["object_code"], visits["n"]))
    everyone = list(dict.fromkeys([*units, *senders]))
    worst = float(max([counts.get(u, 0) for u in units] or [0]))
    rows = []
    for u in everyone:
        base = {"object_type": DEPARTMENTS, "object_code": u, "object_name": u, "group_code": "",
                "group_name": ""}
        for m in measures:
            b = {**base, "measure": m}
            if m == "问题按期销号率":
                v = closed.get(u)
                rows.append({**b, "value": v, "target": goal[0] if goal else None, "start": 0.0,
                             "direction": "higher", "applicable": v is not None,
                             "note": None if v is not None else "no_closures"})
            elif m == "数据按时上报率":
                r = on_time.get(u)
                rows.append({**b, "value": r["rate"] if r else None, "target": 100.0,
                             "start": 0.0, "direction": "higher", "applicable": r is not None,
                             "note": None if r else "no_reports"})
            elif m == "暗访问题数":
                known = u in units
                rows.append({**b, "value": float(counts.get(u, 0)) if known else None,
                             "target": 0.0, "start": worst, "direction": "lower",
                             "applicable": known, "note": None if known else "no_problems"})
            else:
                rows.append({**b, "value": None, "target": None, "start": None,
                             "direction": "higher", "applicable": False,
                             "note": "area_indicator"})
    return _frame(rows)


def _one_quarter(con, q0: dt.date, q1: dt.date) -> tuple[pl.DataFrame, pl.DataFrame,
                                                           pl.DataFrame]:
    scheme = scheme_in_force(con, q0)
    areas = queries.run(con, "areas")
    city = areas.filter(pl.col("area_level") == "city")["area_code"][0] if areas.height else ""
    # the reports due: read once when an item measures reporting (or departments, who are found
    # among the senders of the reports due too)
    wanted = "数据按时上报率" in scheme["measure"] or DEPARTMENTS in scheme["object_type"]
    q = _Quarter(q0, q1, areas, city,
                 reporting.due_reports(con, city, q0, q1) if wanted and city else None)
    parts = []
    for otype, level in OBJECT_TYPES.items():
        ms = scheme.filter(pl.col("object_type") == otype)["measure"].unique().sort().to_list()
        if not ms:
            continue
        parts.append(measure_departments(con, q, ms) if level == "department"
                     else measure_areas(con, q, level, ms))
    measures = pl.concat(parts) if parts else _frame([])
    items, totals = score(scheme, measures)
    return scheme, items, totals


def assess(con: duckdb.DuckDBPyConnection, quarter_start: dt.date) -> Result:
    """The quarter's assessment with the quarter before it (its own scheme in force then):
    totals carry prev_score, prev_rank, prev_of and last_twice."""
    q0, q1 = quarter_of(quarter_start)
    scheme, items, totals = _one_quarter(con, q0, q1)
    p0, p1 = quarter_of(q0 - dt.timedelta(days=1))
    _s, _i, prev = _one_quarter(con, p0, p1)
    prev = prev.select("object_type", "object_code", pl.col("score").alias("prev_score"),
                       pl.col("rank").alias("prev_rank"), pl.col("of").alias("prev_of"))
    totals = totals.join(prev, on=["object_type", "object_code"], how="left").with_columns(
        ((pl.col("rank") == pl.col("of")) & (pl.col("prev_rank") == pl.col("prev_of"))
         & (pl.col("of") > 1)).fill_null(False).alias("last_twice"))
    return Result(q0, q1, scheme, items, totals.sort("object_type", "rank", "object_code",
                                                     nulls_last=True))
