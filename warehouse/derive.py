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
POLARS_STEPS = {"week": "1w", "month": "1mo", "quarter": "3mo", "year": "1y"}
# The ledger measures over warehouse/sql/ledger.sql: which items can be members of a period's
# population, and the days each is a member and a hit (from, until the day before; null: for
# good); {cohort}, {within_days} and {class_filter} come from the registry entry (validated there:
# a date, a whole number, a class name).
SHARE = "case when denominator > 0 then numerator / denominator * 100 end"
# a closure counts in the period that holds its 销号日期 (until the next period starts)
CLOSED_IN_PERIOD = {"member_if": "p.eliminated_on is not null{class_filter}",
                    "member_from": "p.eliminated_on",
                    "member_to": ("date_trunc('{grain}', p.eliminated_on) "
                                  "+ interval '{step}'")}
SPANS = ("member_if", "member_from", "member_to", "hit_from", "hit_to")
AS_OF_END = {"member_if": "true", "member_from": "p.found_date", "member_to": "null"}
LEDGER = {
    "eliminated_share": {**AS_OF_END, "hit_from": "p.eliminated_on", "hit_to": "null",
                         "numerator": "hits", "denominator": "members", "value": SHARE},
    "open_points": {**AS_OF_END, "hit_from": "p.eliminated_on", "hit_to": "null",
                    "numerator": "members - hits", "denominator": "null", "value": "numerator"},
    # NOTE: the cohort is the points open on C by the ledger's current rows (found by C and not
    # 已销号 by C); it has values from the period that holds C on.
    "cohort_eliminated_share": {
        "member_if": ("p.found_date <= {cohort} and (p.eliminated_on is null "
                      "or p.eliminated_on > {cohort})"),
        "member_from": "{cohort}", "member_to": "null",
        "hit_from": "p.eliminated_on", "hit_to": "null",
        "numerator": "hits", "denominator": "members", "value": SHARE},
    "on_time_closure_share": {
        **CLOSED_IN_PERIOD,
        "hit_from": ("case when datediff('day', p.found_date, p.eliminated_on) <= {within_days} "
                     "then p.eliminated_on end"),
        "hit_to": "null",
        "numerator": "hits", "denominator": "members", "value": SHARE},
    # overdue on E (ledger.py): open then, and its 整改时限 before E; counted among the items
    # found by E, so an area whose problems are all on time has 0, not no value
    "overdue_items": {**AS_OF_END, "hit_from": "p.deadline + 1", "hit_to": "p.eliminated_on",
                      "numerator": "hits", "denominator": "null", "value": "numerator"},
    "deadline_closure_share": {
        **CLOSED_IN_PERIOD,
        "member_if": "p.eliminated_on is not null",
        "hit_from": "case when p.eliminated_on <= p.deadline then p.eliminated_on end",
        "hit_to": "null",
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


def breakdown_sql(con: duckdb.DuckDBPyConnection, ind: dict, fact: dict, grain: str,
                  column: str) -> str:
    """One ledger indicator's values per member of a breakdown column (问题类别, 发现方式,
    责任单位) at the fact's breakdown levels: the same rule as its indicator_values (SQL over
    the counts ledger_counts registers in `con`)."""
    levels = fact["ledger"].get("breakdown_levels") or fact["levels"]
    body = ledger_sql(con, ind, fact, grain, levels, by=column)
    return (f"select indicator_id, '{column}' as dimension, breakdown, area_level, area_code, "
            f"period_grain, period_start::date as period_start, value, numerator, denominator, "
            f"{closes_on_sql(fact, grain)} as closes_on from ({body}) as v")


def indicator_sql(con: duckdb.DuckDBPyConnection, ind: dict, fact: dict, grain: str) -> str:
    """SQL of one indicator's values at one grain (a ledger indicator's reads the counts
    ledger_counts registers in `con`)."""
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
        body = ledger_sql(con, ind, fact, grain, fact["levels"])
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


def ledger_sql(con: duckdb.DuckDBPyConnection, ind: dict, fact: dict, grain: str,
               levels: list[str], by: str | None = None) -> str:
    """A ledger indicator's values at one grain and its levels (per member of `by`): its counts
    (ledger_counts, registered in `con` as a relation of their own) with the measure's numerator,
    denominator and value."""
    d = ind["derive"]
    name = f"_ledger_{ind['id']}_{grain}_{by or 'all'}"
    con.register(name, ledger_counts(con, d, fact, grain, levels, by))
    m = LEDGER[d["measure"]]
    return (f"select *, {m['value']} as value from ("
            f"select '{ind['id']}' as indicator_id, area_level, area_code, breakdown, "
            f"'{grain}' as period_grain, period_start, {m['numerator']}::double as numerator, "
            f"{m['denominator']}::double as denominator, null::bigint as reporting_units "
            f"from {name})")


def ledger_counts(con: duckdb.DuckDBPyConnection, d: dict, fact: dict, grain: str,
                  levels: list[str], by: str | None = None) -> pl.DataFrame:
    """The running counts of a ledger measure: per area (and member of `by`) and period, from
    the area's first change on, the members and hits at the period's end (warehouse/sql/
    ledger.sql gives each period's changes; they are added up here, where a running sum over
    areas × periods takes little memory — DuckDB's window sort over a province's grids × weeks
    did not fit in HC_ETL_MEMORY_MB). Rows with no member are left out."""
    sql = render(sql_template("ledger"), grain=grain, levels=", ".join(f"'{lv}'" for lv in levels),
                 **ledger_parts(d, fact, grain, by))
    changes = _frame(con, sql)
    keys = ["area_level", "area_code", "breakdown"]
    if changes.height == 0:
        return changes.select(*keys, "period_start", "members", "hits")
    first, last = changes.select(pl.first("first_period", "last_period")).row(0)
    periods = pl.DataFrame({"period_start": pl.date_range(first, last, POLARS_STEPS[grain],
                                                          eager=True)})
    starts = changes.group_by(keys).agg(pl.col("period_start").min().alias("_first"))
    cells = (starts.join(periods, how="cross")
             .filter(pl.col("period_start") >= pl.col("_first")).drop("_first"))
    return (cells.join(changes.drop("first_period", "last_period"),
                       on=[*keys, "period_start"], how="left", nulls_equal=True)
            .sort([*keys, "period_start"], nulls_last=False)
            .with_columns(pl.col("members", "hits").fill_null(0).cum_sum().over(keys))
            .filter(pl.col("members") > 0))


def ledger_parts(d: dict, fact: dict, grain: str, by: str | None = None) -> dict[str, str]:
    """The ledger template's tables, columns and member/hit days for a derive entry of a ledger
    fact at a grain (`by`: a breakdown column)."""
    cohort = d.get("cohort_open_on")
    fill = {"grain": grain, "step": STEPS[grain],
            "cohort": f"date '{cohort.isoformat()}'" if cohort else "null",
            "within_days": int(d.get("within_days") or 0),
            "class_filter": (f" and p.point_class = '{d['point_class']}'"
                             if d.get("point_class") else "")}
    lf = fact["ledger"]
    return {"items": lf.get("items", fact["table"]), "closed": lf["closed"],
            "class": lf["class"], "deadline": lf.get("deadline") or "null::date",
            "by": by or "null::varchar",
            **{k: v.format(**fill) for k, v in LEDGER[d["measure"]].items() if k in SPANS}}


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
            before = _registered(con)
            parts = ([_values_sql(con, ind, fact, g) for g in ind["grains"]]
                     if table == "indicator_values" else
                     [breakdown_sql(con, ind, fact, g, column) for column in
                      (fact.get("ledger") or {}).get("breakdowns", [])
                      for g in ind["grains"] if "measure" in ind["derive"]])
            if parts:
                written = _write_part(con, table, ind["id"], "\nunion all\n".join(parts),
                                      scratch)
                files += [written] if written else []
            for name in _registered(con) - before:     # a ledger's counts
                con.unregister(name)
        if not files:
            # a table with no row at all keeps one empty part, so it still has its columns
            first = doc["indicators"][0]
            shape = _values_sql(con, first, facts[first["derive"]["fact"]], first["grains"][0])
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


# How a derived table's part is cut to be sorted: groups of rows by the sort key's leading
# columns and the area code cut at the street (a grid's code starts with its street's: cutting
# keeps the order), packed in order into chunks of about CHUNK_ROWS rows, each sorted on its own
# and written after the one before. DuckDB's ORDER BY of a province's ledger indicator (5 M
# rows) did not fit in HC_ETL_MEMORY_MB; a chunk does.
CHUNK_BY = {"indicator_values": ("indicator_id", "period_grain", "area_level",
                                 "left(area_code, 9)"),
            "indicator_breakdowns": ("indicator_id", "dimension", "period_grain", "area_level",
                                     "left(area_code, 9)")}
CHUNK_ROWS = 500_000


def _write_part(con: duckdb.DuckDBPyConnection, table: str, key: str, body: str, folder: Path,
                keep_empty: bool = False) -> Path | None:
    """One indicator's rows of a derived table, sorted by the table's key, written to
    folder/<table>@<key>.parquet; None when there is no row. The same rows give the same bytes
    whichever load derives them: the key is unique, so the order is, and so are the chunks
    (CHUNK_BY) the rows are sorted and written in."""
    import pyarrow.parquet as pq

    con.execute(f"create or replace table _part_rows as select * from ({body})")
    try:
        groups = _frame(con, f"select {', '.join(CHUNK_BY[table])}, count(*) as _rows "
                             "from _part_rows group by all order by all")
        if groups.height == 0 and not keep_empty:
            return None
        names = [f"_g{i}" for i in range(groups.width - 1)]
        groups = groups.rename(dict(zip(groups.columns[:-1], names, strict=True)))
        # consecutive groups into chunks of about CHUNK_ROWS rows
        chunk, rows, numbers = 0, 0, []
        for n in groups["_rows"]:
            if rows and rows + n > CHUNK_ROWS:
                chunk, rows = chunk + 1, 0
            numbers.append(chunk)
            rows += n
        con.register("_part_chunks", groups.with_columns(_chunk=pl.Series(numbers)))
        path = Path(folder) / f"{store.part_name(table, key)}.parquet"
        match = " and ".join(f"c.{g} = {expr}" for g, expr in
                             zip(names, CHUNK_BY[table], strict=True))
        con.complete()
        schema = con.sql("select * from _part_rows limit 0").to_arrow_table().schema
        with pq.ParquetWriter(path, schema, compression="zstd") as writer:
            for i in range(chunk + 1 if groups.height else 0):
                con.complete()
                writer.write_table(con.sql(
                    f"select * from _part_rows semi join (select * from _part_chunks where "
                    f"_chunk = {i}) as c on {match} order by {SORT_KEYS[table]}"
                ).to_arrow_table())
        con.unregister("_part_chunks")
        return path
    finally:
        con.execute("drop table _part_rows")


def _frame(con: duckdb.DuckDBPyConnection, sql: str) -> pl.DataFrame:
    con.complete()      # NOTE: a result an earlier execute() left unfetched would block sql()
    return con.sql(sql).pl()


def _registered(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The names of the Python objects registered in `con` (a ledger's counts)."""
    return {r[0] for r in con.execute(
        "select view_name from duckdb_views() where temporary and view_name like '\\_ledger\\_%'"
        " escape '\\'").fetchall()}


_EMPTY_BREAKDOWNS = (
    "select null::varchar as indicator_id, null::varchar as dimension, null::varchar as breakdown,"
    " null::varchar as area_level, null::varchar as area_code, null::varchar as period_grain,"
    " null::date as period_start, null::double as value, null::double as numerator,"
    " null::double as denominator, null::date as closes_on where false")


def _values_sql(con: duckdb.DuckDBPyConnection, ind: dict, fact: dict, grain: str) -> str:
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
        from ({indicator_sql(con, ind, fact, grain)}) as v
        left join expected_units as e
          on e.unit_type = '{fact['unit']}' and e.area_level = v.area_level
         and e.area_code = v.area_code"""


def _dim_indicator(con: duckdb.DuckDBPyConnection) -> None:
    dim_rows = pl.DataFrame(registry.dim_indicator_rows(), schema_overrides={  # noqa: F841
        "grades": pl.List(pl.Struct({"grade": pl.Utf8, "max": pl.Float64, "label_zh": pl.Utf8,
                                     "label_en": pl.Utf8})),
        "national_series": pl.List(pl.Struct({"year": pl.Int64, "value": pl.Float64}))})
    con.execute("create or replace table dim_indicator as select * from dim_rows")
