"""A past week's briefing never changes because data for later periods arrived, and every change
it reports compares like with like (the same period, or both periods named)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import duckdb
import pytest

from app.snapshot import build as B
from app.snapshot import text as T
from warehouse import derive, registry, store
from warehouse.paths import SQL_DIR

pytestmark = pytest.mark.slow
WEEK = "2026-W40"                      # Sunday 2026-10-04
CUT = dt.date(2026, 10, 4)


def cut_warehouse(wdir, cut: dt.date) -> duckdb.DuckDBPyConnection:
    """The sample warehouse as it would be had nothing dated after `cut` been loaded yet: every
    fact table's rows up to `cut` (by its registry date column), indicators derived again."""
    info = store.current(wdir)
    paths = store.table_paths(wdir, info)
    facts = {f["table"]: f for f in registry.load()["facts"].values()}
    con = duckdb.connect(":memory:")
    for name, path in paths.items():
        if store.logical(name) in ("indicator_values", "indicator_breakdowns", "dim_indicator",
                                   "unit_area"):
            continue
        where = ""
        if name in facts:
            col = facts[name]["date_column"]
            if col.endswith("_year"):
                # NOTE: a survey year is in once its result is due (the fact's year_closes).
                month, day = map(int, facts[name].get("year_closes", "12-31").split("-"))
                year = cut.year if cut >= dt.date(cut.year, month, day) else cut.year - 1
                where = f" where {col} <= {year}"
            else:
                where = f" where {col} <= DATE '{cut}'"
        con.execute(f"create table {name} as select * from read_parquet('{path}'){where}")
    # The ledger: eliminations after the cut were not known yet.
    con.execute(f"""update stg_waterlogging set status = '整改中', eliminated_date = null
                    where eliminated_date > DATE '{cut}'""")
    derive.build(con, Path(tempfile.mkdtemp(prefix="hc-cut-")))
    con.execute((SQL_DIR / "macros.sql").read_text(encoding="utf-8"))
    con.execute((SQL_DIR / "views.sql").read_text(encoding="utf-8"))
    store.template_views(con)
    return con


def built_before_and_after(wdir, key: str, cut: dt.date):
    """The briefing of `key` from the whole warehouse and from the warehouse cut at `cut`."""
    full, info = store.connect_readonly(wdir)
    early = cut_warehouse(wdir, cut)
    try:
        return B.build(full, info, key), B.build(early, info, key)
    finally:
        full.close()
        early.close()


def assert_same(later, before, partial: tuple[str, ...] = ()) -> None:
    """Every table, lead and note of the two builds equal — but the sections in `partial`."""
    assert later.overview == before.overview
    for key, sec in later.sections.items():
        if key in partial:
            continue
        assert B.table_hash(sec.table) == B.table_hash(before.sections[key].table), key
        assert (sec.lead, sec.notes) == (before.sections[key].lead, before.sections[key].notes), key
    for a, b in zip(later.charts, before.charts):
        assert a.values.equals(b.values) and a.goals.equals(b.goals), a.indicator_id


def test_a_past_week_is_the_same_before_and_after_later_data(sample_warehouse):
    assert_same(*built_before_and_after(sample_warehouse, WEEK, CUT))


@pytest.mark.parametrize("week", ["2026-W40", "2026-W41", "2026-W45", "2026-W47"])
def test_every_change_compares_the_same_period_or_names_both(sample_warehouse, week):
    con, info = store.connect_readonly(sample_warehouse)
    try:
        snap = B.build(con, info, week)
        last = B.build(con, info, B.week_of(snap.monday - dt.timedelta(days=7)))
    finally:
        con.close()
    cols = T.COLS
    now = {r["indicator_id"]: r for r in snap.sections["indicators"].table.iter_rows(named=True)}
    before = {r["indicator_id"]: r
              for r in last.sections["indicators"].table.iter_rows(named=True)}
    for iid, r in now.items():
        if r[cols["d_week"]] is None:
            continue
        b = before[iid]
        if r[cols["period"]] == b[cols["period"]]:
            # same period: a revision, and here none (nothing was loaded between the two)
            assert r[cols["basis_week"]] == T.BASIS_SAME and r[cols["d_week"]] == 0.0, iid
        else:
            assert r[cols["basis_week"]] == T.BASIS_NEW.format(new=r[cols["period"]],
                                                            old=b[cols["period"]]), iid
            assert r[cols["d_week"]] == pytest.approx(r[cols["value"]] - b[cols["value"]]), iid
    text = "".join(snap.overview)
    # a new period is announced with both periods; never "由 x 变为 y" across periods
    assert "变为" not in text
    for line in snap.overview:
        if line.startswith("本周首次纳入新一期数据"):
            assert "上一期" in line or "此前无数据" in line


def test_the_2026_literacy_survey_comes_in_as_a_new_period(sample_warehouse):
    # The survey year closes on 30 June: W27 (ending 2026-07-05) takes in 2026 for the first time.
    con, info = store.connect_readonly(sample_warehouse)
    try:
        snap = B.build(con, info, "2026-W27")
    finally:
        con.close()
    row = snap.sections["indicators"].table.filter(
        snap.sections["indicators"].table["indicator_id"] == "health_literacy_level").row(
        0, named=True)
    assert row[T.COLS["period"]] == "2026年"
    assert row[T.COLS["basis_week"]] == T.BASIS_NEW.format(new="2026年", old="2025年")
    line = next(x for x in snap.overview if x.startswith("本周首次纳入新一期数据"))
    assert "居民健康素养水平 2026年" in line and "上一期 2025年" in line
