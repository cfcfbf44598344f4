"""The problem ledger page's content as data (pure, no streamlit): the filters, the headline
counts, the list in words, 督办 per responsible unit and its notices, the weekly trend and the
unit ranking. Every row comes from the problem_list / problem_weeks / problem_unit_ranking
queries (warehouse/sql/queries), which apply the ledger rule of warehouse/ledger.py."""

from __future__ import annotations

import datetime as dt

import polars as pl

from app import formatting as F
from app.i18n import STRINGS, t
from warehouse import ledger

# The states a problem can be in on a date (status_as_of): the ledger statuses of open problems,
# "open then" (closed only later), closed.
STATES = (*[s for s in ledger.PROBLEM_STATUSES if s != ledger.CLOSED], ledger.OPEN_THEN,
          ledger.CLOSED)
OPEN_STATES = STATES[:-1]
CATEGORIES = ledger.PROBLEM_CATEGORIES
FOUND_BY = (*ledger.PROBLEM_FOUND_BY, *ledger.WATERLOGGING_FOUND_BY)


def word(family: str, value: str | None, lang: str) -> str:
    """A ledger word (state, category, found by) in the language; unknown words as written."""
    if value is None:
        return F.DASH
    key = f"problems.{family}.{value}"
    return t(key, lang) if key in STRINGS else value


def name(column: str, lang: str) -> str:
    """The problem_list column holding an area's name in the language."""
    return f"{column}_en" if lang == "en" else column


def choices(items: pl.DataFrame, column: str, known: tuple[str, ...]) -> tuple[str, ...]:
    """A filter's options: the known words first (in the template's order), then any other
    word the data holds."""
    present = [v for v in items[column].unique().sort().to_list() if v is not None] \
        if items.height else []
    return (*[k for k in known if k in present], *[v for v in present if v not in known])


def filtered(items: pl.DataFrame, categories: list[str], found_by: list[str], units: list[str],
             states: list[str], overdue_only: bool) -> pl.DataFrame:
    """The problems the filters keep (an empty multiselect keeps everything of that kind)."""
    keep = pl.lit(True)
    for column, chosen in (("category", categories), ("found_by", found_by),
                           ("responsible_unit", units), ("status_as_of", states)):
        if chosen:
            keep = keep & pl.col(column).is_in(chosen)
    if overdue_only:
        keep = keep & pl.col("overdue")
    return items.filter(keep)


def week_of(as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The ISO week holding `as_of`: its Monday and `as_of` (the week so far)."""
    return as_of - dt.timedelta(days=as_of.weekday()), as_of


def counts(items: pl.DataFrame, as_of: dt.date) -> dict[str, int]:
    """Open, overdue, found and closed in the week so far, units with an overdue problem."""
    monday, _ = week_of(as_of)
    if items.height == 0:
        return {"open": 0, "overdue": 0, "found_week": 0, "closed_week": 0, "units": 0}
    return {
        "open": int(items["is_open"].sum()),
        "overdue": int(items["overdue"].sum()),
        "found_week": items.filter(pl.col("found_date") >= monday).height,
        "closed_week": items.filter(~pl.col("is_open")
                                    & (pl.col("closed_date") >= monday)).height,
        "units": items.filter(pl.col("overdue"))["responsible_unit"].n_unique(),
    }


def table(items: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The list as a person reads it: every word and column in the language, dates as dates,
    the source file and row of each problem."""
    yes, no = t("problems.yes", lang), t("problems.no", lang)
    source = (pl.col("source_file").str.replace(r"^.*[/\\]", "").fill_null("") + " · "
              + pl.col("source_row").cast(pl.Utf8).fill_null(""))
    out = items.select(
        pl.col("problem_id").alias(t("problems.col.problem_id", lang)),
        pl.col("category").map_elements(lambda v: word("category", v, lang),
                                        return_dtype=pl.Utf8)
        .alias(t("problems.col.category", lang)),
        pl.col("description").alias(t("problems.col.description", lang)),
        pl.col("responsible_unit").alias(t("problems.col.responsible_unit", lang)),
        pl.col("status_as_of").map_elements(lambda v: word("state", v, lang),
                                            return_dtype=pl.Utf8)
        .alias(t("problems.col.state", lang)),
        pl.when(pl.col("overdue")).then(pl.lit(yes)).otherwise(pl.lit(no))
        .alias(t("problems.col.overdue", lang)),
        pl.col("days_overdue").alias(t("problems.col.days_overdue", lang)),
        pl.col("days_open").alias(t("problems.col.days_open", lang)),
        pl.col("found_date").map_elements(F.date, return_dtype=pl.Utf8)
        .alias(t("problems.col.found_date", lang)),
        pl.col("deadline").map_elements(F.date, return_dtype=pl.Utf8)
        .alias(t("problems.col.deadline", lang)),
        pl.col("closed_date").map_elements(F.date, return_dtype=pl.Utf8)
        .alias(t("problems.col.closed_date", lang)),
        pl.col("found_by").map_elements(lambda v: word("found_by", v, lang),
                                        return_dtype=pl.Utf8)
        .alias(t("problems.col.found_by", lang)),
        pl.col(name("district_name", lang)).alias(t("problems.col.district", lang)),
        pl.col(name("street_name", lang)).alias(t("problems.col.street", lang)),
        pl.col(name("grid_name", lang)).alias(t("problems.col.grid", lang)),
        source.alias(t("problems.col.source", lang)))
    return out.with_columns(pl.col(pl.Utf8).fill_null(F.DASH))


def by_unit(items: pl.DataFrame) -> pl.DataFrame:
    """Per responsible unit its open problems on the date: how many, how many overdue, the
    longest open and the longest overdue; the most overdue units first."""
    schema = {"responsible_unit": pl.Utf8, "open": pl.Int64, "overdue": pl.Int64,
              "oldest": pl.Int64, "most_overdue": pl.Int64}
    open_ = items.filter(pl.col("is_open"))
    if open_.height == 0:
        return pl.DataFrame(schema=schema)
    return (open_.group_by("responsible_unit")
            .agg(pl.len().cast(pl.Int64).alias("open"),
                 pl.col("overdue").sum().cast(pl.Int64).alias("overdue"),
                 pl.col("days_open").max().cast(pl.Int64).alias("oldest"),
                 pl.col("days_overdue").max().cast(pl.Int64).alias("most_overdue"))
            .sort(["overdue", "most_overdue", "open", "responsible_unit"],
                  descending=[True, True, True, False]))


def unit_table(units: pl.DataFrame, lang: str) -> pl.DataFrame:
    return units.rename({
        "responsible_unit": t("problems.col.responsible_unit", lang),
        "open": t("problems.col.open", lang), "overdue": t("problems.col.overdue_n", lang),
        "oldest": t("problems.col.oldest", lang),
        "most_overdue": t("problems.col.most_overdue", lang)})


NOTICE_COLUMNS = ("problem_id", "category", "description", "street_name", "grid_name",
                  "found_date", "found_by", "deadline", "status_as_of", "days_open", "overdue",
                  "days_overdue")


def notices(items: pl.DataFrame, units: list[str], as_of: dt.date, city: str,
            closures: pl.DataFrame | None = None) -> list:
    """The 督办单 of each unit (app.snapshot.supervision.Notice), numbered in `units` order;
    `closures` (responsible_unit, closed_on_time, closed): the unit's line "今年按期销号"."""
    from app.snapshot import supervision as S

    done = {r["responsible_unit"]: r for r in (closures.iter_rows(named=True)
                                               if closures is not None else [])}
    # NOTE: split once by unit (a filter per unit was a pass over the ledger each)
    rows_of = items.filter(pl.col("is_open")).select(
        "responsible_unit", *NOTICE_COLUMNS[:8], pl.col("status_as_of").alias("status"),
        *NOTICE_COLUMNS[9:]).partition_by("responsible_unit", as_dict=True,
                                          include_key=False, maintain_order=True)
    empty = items.clear().select(*NOTICE_COLUMNS[:8], pl.col("status_as_of").alias("status"),
                                 *NOTICE_COLUMNS[9:])
    out = []
    for i, unit in enumerate(units, start=1):
        rows = rows_of.get((unit,), empty)
        c = done.get(unit)
        out.append(S.Notice(unit=unit, as_of=as_of, city=city,
                            serial=S.notice_serial(as_of, i), problems=rows,
                            closed_on_time=int(c["closed_on_time"]) if c else None,
                            closed_total=int(c["closed"]) if c else None))
    return out


def year_closures(items: pl.DataFrame, as_of: dt.date) -> pl.DataFrame:
    """Per unit, the problems closed from 1 January to the date and, of them, those closed by
    their deadline (the notice's line; the same rule as problem_on_time_closure_rate)."""
    start = dt.date(as_of.year, 1, 1)
    closed = items.filter(~pl.col("is_open") & (pl.col("closed_date") >= start))
    return closed.group_by("responsible_unit").agg(
        pl.len().alias("closed"), (~pl.col("closed_late")).sum().alias("closed_on_time"))


def weeks_long(weeks: pl.DataFrame, n: int, lang: str) -> pl.DataFrame:
    """The last `n` weeks of problem_weeks, long: week (its Monday, as text), series (in words),
    count."""
    last = weeks.tail(n).with_columns(
        pl.col("week_start").map_elements(F.date, return_dtype=pl.Utf8).alias("week"))
    return last.unpivot(index="week", on=["found", "closed", "overdue_end"],
                        variable_name="series", value_name="count").with_columns(
        pl.col("series").replace_strict({
            "found": t("problems.series.found", lang),
            "closed": t("problems.series.closed", lang),
            "overdue_end": t("problems.series.overdue", lang)}))


def ranking_table(ranked: pl.DataFrame, lang: str) -> pl.DataFrame:
    """problem_unit_ranking rows as a person reads them (the rate with one decimal)."""
    return ranked.select(
        pl.col("rank").alias(t("problems.col.rank", lang)),
        pl.col("responsible_unit").alias(t("problems.col.responsible_unit", lang)),
        pl.col("on_time_rate").round(1).alias(t("problems.col.on_time_rate", lang)),
        pl.col("closed_on_time").cast(pl.Int64).alias(t("problems.col.on_time_n", lang)),
        pl.col("closed").cast(pl.Int64).alias(t("problems.col.closed_n", lang)))
