"""Derive indicator_values from the staged tables, driven by the registry and warehouse/sql."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from warehouse import ledger, registry, store
from warehouse.paths import SQL_DIR

# The tables build() writes (a load that derives publishes them all; their sort keys below).
TABLES = ("indicator_values", "dim_indicator", "unit_area", "problem_items",
          "indicator_breakdowns")
SORT_KEYS = {
    "indicator_values": "indicator_id, period_grain, area_level, area_code, period_start",
    "dim_indicator": "sort_order",
    "unit_area": "unit_type, unit_code, area_level",
    "problem_items": "item_id, ledger",
    "indicator_breakdowns": ("indicator_id, dimension, period_grain, area_level, area_code, "
                             "breakdown, period_start"),
}
STEPS = {"week": "7 days", "month": "1 month", "quarter": "3 months", "year": "1 year"}
# The ledger measures over warehouse/sql/ledger.sql: which points are members of a period's
# population and which of them are hits; {cohort}, {within_days} and {class_filter} come from the
# registry entry (validated there: a date, a whole number, a class name).
SHARE = "case when denominator > 0 then numerator / denominator * 100 end"
FOUND_BY_END = "p.found_date <= e.period_end"
ELIMINATED_BY_END = "p.eliminated_on <= e.period_end"
OPEN_AT_END = "(p.eliminated_on is null or p.eliminated_on > e.period_end)"
LEDGER = {
    "eliminated_share": {"member": FOUND_BY_END, "hit": ELIMINATED_BY_END,
                         "numerator": "hits", "denominator": "members", "value": SHARE},
    "open_points": {"member": FOUND_BY_END, "hit": ELIMINATED_BY_END,
                    "numerator": "members - hits", "denominator": "null", "value": "numerator"},
    # NOTE: the cohort is the points open on C by the ledger's current rows (found by C and not
    # 已销号 by C); it has values from the period that holds C on.
    "cohort_eliminated_share": {
        "member": ("p.found_date <= {cohort} and (p.eliminated_on is null "
                   "or p.eliminated_on > {cohort}) and e.period_end >= {cohort}"),
        "hit": ELIMINATED_BY_END, "numerator": "hits", "denominator": "members", "value": SHARE},
    "on_time_closure_share": {
        "member": "p.eliminated_on between e.period_start and e.period_end{class_filter}",
        "hit": "datediff('day', p.found_date, p.eliminated_on) <= {within_days}",
        "numerator": "hits", "denominator": "members", "value": SHARE},
    # overdue on E (ledger.py): open then, and its 整改时限 before E; counted among the items
    # found by E, so an area whose problems are all on time has 0, not no value
    "overdue_items": {"member": FOUND_BY_END, "hit": f"{OPEN_AT_END} and p.deadline < e.period_end",
                      "numerator": "hits", "denominator": "null", "value": "numerator"},
    "deadline_closure_share": {
        "member": "p.eliminated_on between e.period_start and e.period_end",
        "hit": "p.eliminated_on <= p.deadline",
        "numerator": "hits", "denominator": "members", "value": SHARE},
}


def fingerprint() -> str:
    """sha256 of what derivation depends on: the registry, the derivation SQL templates and how
    derived tables are stored (a warehouse stored otherwise is derived again in full)."""
    import hashlib

    from warehouse.paths import REGISTRY_FILE

    h = hashlib.sha256(REGISTRY_FILE.read_bytes() + ledger.settings_key().encode()
                       + f"|parts:{','.join(store.PARTITIONED)}".encode())
    for p in sorted(SQL_DIR.glob("*.sql")):
        h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()


def sql_template(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def render(template: str, **values: object) -> str:
    """Fill {{name}} placeholders; values come from the validated registry, never from users."""
    out = template
    for k, v in values.items():
        out = out.replace("{{" + k + "}}", str(v))
    if "{{" in out:
        raise ValueError(f"unfilled placeholder in SQL: {out[out.index('{{'):][:40]}")
    return out


def breakdown_sql(ind: dict, fact: dict, grain: str, column: str) -> str:
    """One ledger indicator's values per member of a breakdown column (问题类别, 发现方式,
    责任单位) at the fact's breakdown levels: the same rule as its indicator_values."""
    lf = fact["ledger"]
    levels = lf.get("breakdown_levels") or fact["levels"]
    body = render(sql_template("ledger"), step=STEPS[grain], indicator_id=ind["id"], grain=grain,
                  levels=", ".join(f"'{lv}'" for lv in levels),
                  **ledger_parts(ind["derive"], fact, by=column))
    return (f"select indicator_id, '{column}' as dimension, breakdown, area_level, area_code, "
            f"period_grain, period_start::date as period_start, value, numerator, denominator, "
            f"{closes_on_sql(fact, grain)} as closes_on from ({body}) as v")


def indicator_sql(ind: dict, fact: dict, grain: str) -> str:
    d = ind["derive"]
    common = dict(indicator_id=ind["id"], grain=grain, table=fact["table"], unit=fact["unit"],
                  unit_column=fact["unit_column"], date_column=fact["date_column"],
                  levels=", ".join(f"'{lv}'" for lv in fact["levels"]))
    if ind["kind"] == "survey":
        threshold = registry.pass_score(ind)
        body = render(sql_template("survey"), score=d["score"], threshold=repr(threshold),
                      period_start=survey_period_sql(fact, grain), **common)
        return f"select {', '.join(_survey_cols())} from ({body})"
    if "measure" in d:
        body = render(sql_template("ledger"), step=STEPS[grain], **ledger_parts(d, fact),
                      **common)
    elif ind["kind"] == "grade":
        body = render(sql_template("grade"), **grade_parts(ind, fact), **common)
    elif ind["kind"] == "register":
        body = render(sql_template("register"), step=STEPS[grain], where=where_sql(d),
                      base=d["base"], base_table=fact["register"]["base_table"], **common)
    else:
        body = render(sql_template(ind["kind"]), numerator=d["numerator"],
                      denominator=d["denominator"], multiplier=d["multiplier"], **common)
    return (f"select indicator_id, area_level, area_code, period_grain, period_start, value, "
            f"numerator, denominator, reporting_units, null::bigint as n, null::double as ci_low,"
            f" null::double as ci_high from ({body})")


def survey_period_sql(fact: dict, grain: str) -> str:
    """SQL of the period a survey respondent counts in: the first day of a survey year (the
    registry allows only the year grain there), or the survey date truncated to the grain."""
    column = fact["date_column"]
    if registry.date_grain(column) == "year":
        return f"make_date({column}::int, 1, 1)"
    return f"date_trunc('{grain}', {column})::date"


def ledger_parts(d: dict, fact: dict, by: str | None = None) -> dict[str, str]:
    """The ledger template's tables, columns, member/hit conditions and value expressions for a
    derive entry of a ledger fact (`by`: a breakdown column)."""
    cohort = d.get("cohort_open_on")
    fill = {"cohort": f"date '{cohort.isoformat()}'" if cohort else "null",
            "within_days": int(d.get("within_days") or 0),
            "class_filter": (f" and p.point_class = '{d['point_class']}'"
                             if d.get("point_class") else "")}
    lf = fact["ledger"]
    return {"items": lf.get("items", fact["table"]), "closed": lf["closed"],
            "class": lf["class"], "deadline": lf.get("deadline") or "null::date",
            "by": by or "null::varchar",
            **{k: v.format(**fill) for k, v in LEDGER[d["measure"]].items()}}


def where_sql(d: dict) -> str:
    """SQL of a derive entry's `where` (column → value, or → a list of values), validated by the
    registry: column names and plain words only."""
    parts = []
    for column, value in (d.get("where") or {}).items():
        values = value if isinstance(value, list) else [value]
        parts.append(f"{column} in ({', '.join(repr(str(v)) for v in values)})")
    return " and ".join(parts) or "true"


def grade_parts(ind: dict, fact: dict) -> dict[str, str]:
    """The grade template's pieces: the grade column as its place in the fact's scale, and the
    value — the worst place (one pest), or with `each` the number of the listed members at the
    pass grade or better, out of the members listed."""
    d, g = ind["derive"], fact["grade"]
    ordinal = " ".join(f"when '{grade}' then {i}" for i, grade in enumerate(g["scale"], 1))
    common = {"ordinal": f"case {g['column']} {ordinal} end"}
    if "each" not in d:
        return {**common, "where": where_sql(d), "part": "null::varchar",
                "numerator": "max(worst)::double", "denominator": "null::double",
                "value": "numerator"}
    members = d["of"]
    passing = list(g["scale"]).index(str(d["pass_grade"])) + 1
    return {**common, "where": where_sql({"where": {d["each"]: members}}), "part": d["each"],
            "numerator": f"(count(*) filter (where worst <= {passing}))::double",
            "denominator": f"{len(members)}::double", "value": "numerator"}


def _survey_cols() -> list[str]:
    return ["indicator_id", "area_level", "area_code", "period_grain", "period_start", "value",
            "numerator", "denominator", "reporting_units", "n", "ci_low", "ci_high"]


def grade_case(ind: dict, column: str) -> str:
    """SQL CASE giving the registry grade (A/B/C/D, 0–3) of `column`; null without grades."""
    grades = ind.get("grades") or []
    if not grades:
        return "null::varchar"
    parts = [f"when {column} <= {float(g['max'])!r} then '{g['grade']}'" for g in grades[:-1]]
    return (f"case when {column} is null then null {' '.join(parts)} "
            f"else '{grades[-1]['grade']}' end")


def closes_on_sql(fact: dict, grain: str) -> str:
    """SQL date from which a period's value is complete (the status rule and every page use only
    periods closed by their as-of date): the period's last day; for a year, the fact's
    `year_closes` day of that year when the registry gives one (the day a yearly survey's result
    is due, the end of a monitoring season)."""
    if grain == "year" and fact.get("year_closes"):
        month, day = (int(x) for x in str(fact["year_closes"]).split("-"))
        return f"make_date(year(v.period_start)::int, {month}, {day})"
    return f"(v.period_start::date + interval '{STEPS[grain]}' - interval '1 day')::date"


# What unit_area is built from: a change there may move any value, so everything is derived.
AREA_SOURCES = ("stg_geography", "stg_mosquito_sites", "stg_health_centres")
# What problem_items is built from (warehouse/sql/problem_items.sql).
PROBLEM_SOURCES = ("stg_problems", "stg_waterlogging")


def sources_of(fact: dict) -> set[str]:
    """The tables a fact's indicators read: its table, its ledger's items, its register's base."""
    items = (fact.get("ledger") or {}).get("items")
    return {fact["table"], *([items] if items else []),
            *([fact["register"]["base_table"]] if fact.get("register") else [])}


def build(con: duckdb.DuckDBPyConnection, scratch: Path, previous: dict | None = None,
          changed: set[str] | None = None) -> Derived:
    """(Re)create the derived tables (TABLES) in `con` from its stg_* tables; indicator_values
    and indicator_breakdowns are written one part per indicator into `scratch`
    (<table>@<indicator_id>.parquet, what a version stores) and read through views. With
    `previous` (the published version's table paths) and `changed` (the staged tables this load
    changed), only the indicators whose sources changed are derived again; the views then join
    the published parts of every other indicator — the same rows and files a full derivation
    gives (a test compares them byte for byte). Returns the derived tables rebuilt and the
    indicators derived again (None: all of them)."""
    doc = registry.load()
    con.execute(sql_template("macros"))
    stored = set(store.files_of(previous)) if previous is not None else set()
    # NOTE: a version written before tables were stored per indicator is derived in full once.
    full = (previous is None or changed is None or not set(TABLES) <= stored
            or bool(changed & set(AREA_SOURCES)) or bool(set(store.PARTITIONED) & set(previous)))
    if full:
        _dim_indicator(con)
        con.execute(f"create or replace table unit_area as {sql_template('unit_area')}")
        con.execute(f"create or replace table problem_items as {ledger.problem_items_sql()}")
    else:
        for t in ("dim_indicator", "unit_area"):
            con.execute(f"create or replace view {t} as select * from "
                        f"{store.relation(previous, t)}")
        if changed & set(PROBLEM_SOURCES):
            con.execute(f"create or replace table problem_items as {ledger.problem_items_sql()}")
        else:
            con.execute("create or replace view problem_items as select * from "
                        f"{store.relation(previous, 'problem_items')}")
    con.execute("""create or replace table expected_units as
                   select unit_type, area_level, area_code, count(distinct unit_code) as n
                   from unit_area group by all""")
    rebuilt = set(TABLES) if full else (
        {"problem_items"} if changed & set(PROBLEM_SOURCES) else set())
    touched = changed | ({"problem_items"} if "problem_items" in rebuilt else set()) \
        if not full else set()
    dirty_facts = {name for name, fact in doc["facts"].items() if sources_of(fact) & touched}
    # NOTE: an indicator whose source holds no row derives no row; its SQL is skipped (a small
    # city that sends a few templates derives only those).
    filled = {name for name, fact in doc["facts"].items()
              if (full or name in dirty_facts)
              and con.execute(f"select exists (select 1 from "
                              f"{(fact.get('ledger') or {}).get('items', fact['table'])})")
              .fetchone()[0]}
    redo = [i for i in doc["indicators"] if full or i["derive"]["fact"] in dirty_facts]
    indicators = [i for i in redo if i["derive"]["fact"] in filled]
    ids = {i["id"] for i in redo}
    facts = doc["facts"]
    stored_parts: dict[str, Path] = {}
    for table in ("indicator_values", "indicator_breakdowns"):
        needs = ids if table == "indicator_values" else {
            i["id"] for i in redo if "measure" in i["derive"]}
        if not full and not needs:
            # nothing of this table derived again: the published rows, as they are
            con.execute(f"create or replace view {table} as select * from "
                        f"{store.relation(previous, table)}")
            continue
        # NOTE: one indicator at a time, each written to its own part in `scratch` and read back
        # through a view: memory holds one indicator's rows, never the whole table, and a part's
        # bytes are the same whichever load derives it.
        files = [] if full else [
            f for name, f in previous.items() if store.logical(name) == table
            and name.split(store.PART, 1)[-1] not in (*needs, "_")]
        for ind in indicators:
            fact = facts[ind["derive"]["fact"]]
            parts = ([_values_sql(ind, fact, g) for g in ind["grains"]]
                     if table == "indicator_values" else
                     [breakdown_sql(ind, fact, g, column) for column in
                      (fact.get("ledger") or {}).get("breakdowns", [])
                      for g in ind["grains"] if "measure" in ind["derive"]])
            if parts:
                written = _write_part(con, table, ind["id"], "\nunion all\n".join(parts),
                                      scratch)
                files += [written] if written else []
        if not files:
            # a table with no row at all keeps one empty part, so it still has its columns
            first = doc["indicators"][0]
            shape = _values_sql(first, facts[first["derive"]["fact"]], first["grains"][0])
            empty = (f"select * from ({shape}) where false" if table == "indicator_values"
                     else _EMPTY_BREAKDOWNS)
            files = [_write_part(con, table, "_", empty, scratch, keep_empty=True)]
        files = sorted(files, key=lambda f: Path(f).name)
        listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
        con.execute(f"create or replace view {table} as select * from read_parquet([{listed}])")
        rebuilt.add(table)
        stored_parts.update({Path(f).stem: Path(f) for f in files})
    return Derived(rebuilt, None if full else ids, stored_parts)


@dataclass
class Derived:
    """What build() did: the derived tables rebuilt, the indicators derived again (None: all),
    and every file of the rebuilt partitioned tables (name → path: the published parts kept and
    the new ones in the scratch folder) — what the new version stores for them."""
    rebuilt: set[str]
    redone: set[str] | None
    parts: dict[str, Path]


def _write_part(con: duckdb.DuckDBPyConnection, table: str, key: str, body: str, folder: Path,
                keep_empty: bool = False) -> Path | None:
    """One indicator's rows of a derived table, sorted, written to folder/<table>@<key>.parquet
    (materialised first: DuckDB marks a column REQUIRED when the rows hold no null, so the same
    rows always give the same bytes); None when there is no row."""
    con.execute(f"create or replace temp table _part as select * from ({body}) "
                f"order by {SORT_KEYS[table]}")
    try:
        if not keep_empty and not con.execute("select exists (select 1 from _part)").fetchone()[0]:
            return None
        path = Path(folder) / f"{store.part_name(table, key)}.parquet"
        target = str(path).replace("'", "''")
        con.execute(f"copy _part to '{target}' (format parquet, compression zstd)")
        return path
    finally:
        con.execute("drop table _part")


_EMPTY_BREAKDOWNS = (
    "select null::varchar as indicator_id, null::varchar as dimension, null::varchar as breakdown,"
    " null::varchar as area_level, null::varchar as area_code, null::varchar as period_grain,"
    " null::date as period_start, null::double as value, null::double as numerator,"
    " null::double as denominator, null::date as closes_on where false")


def _values_sql(ind: dict, fact: dict, grain: str) -> str:
    """One indicator's rows of indicator_values at one grain (with completeness, CI, grade and
    the day its period closes)."""
    expected = ("null::bigint" if "measure" in ind["derive"]
                or ind["kind"] in ("grade", "register") else "e.n")
    return f"""
        select v.indicator_id, v.area_level, v.area_code, v.period_grain,
               v.period_start::date as period_start, v.value, v.numerator,
               v.denominator, v.reporting_units::bigint as reporting_units,
               {expected}::bigint as expected_units, v.n::bigint as n, v.ci_low,
               v.ci_high, {grade_case(ind, 'v.value')} as grade,
               {closes_on_sql(fact, grain)} as closes_on
        from ({indicator_sql(ind, fact, grain)}) as v
        left join expected_units as e
          on e.unit_type = '{fact['unit']}' and e.area_level = v.area_level
         and e.area_code = v.area_code"""


def _dim_indicator(con: duckdb.DuckDBPyConnection) -> None:
    dim_rows = pl.DataFrame(registry.dim_indicator_rows(), schema_overrides={  # noqa: F841
        "grades": pl.List(pl.Struct({"grade": pl.Utf8, "max": pl.Float64, "label_zh": pl.Utf8,
                                     "label_en": pl.Utf8})),
        "national_series": pl.List(pl.Struct({"year": pl.Int64, "value": pl.Float64}))})
    con.execute("create or replace table dim_indicator as select * from dim_rows")
