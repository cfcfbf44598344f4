"""The briefing's sections as data (polars, Chinese headers, full-precision numbers): the
indicator progress table, waterlogging points, light-trap sites over the alert, mosquito
density, district ranking, what falls due, and the trend charts — each for one area as of a
date. Every sentence comes from app/snapshot/text.py; a section carries its `lead` (paragraphs
printed before its table) and `notes` (footnotes after it)."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from app import formatting as F
from app.snapshot import text as T
from app.snapshot.periods import same_week_last_year, week_of
from app.summaries import projection_text, reason
from warehouse import queries, settings
from warehouse.status import VOCABULARY, district_ranking

HERE = Path(__file__).resolve().parent
MILESTONES = Path(settings.MILESTONES_FILE or HERE / "milestones.csv")
DUE_WEEKS = settings.SNAPSHOT_DUE_WEEKS
STATUS_ZH = {k: v.zh for k, v in VOCABULARY.items()}
STATUS_KEY = {v: k for k, v in STATUS_ZH.items()}


@dataclass
class Section:
    key: str                       # sheet key (text.SHEETS)
    table: pl.DataFrame            # Chinese headers, full-precision numbers
    formats: dict[str, str] = field(default_factory=dict)   # column → python format
    # per row, column → Excel number format (a table whose rows are different indicators)
    row_formats: list[dict[str, str]] | None = None
    status_col: str | None = None
    lead: list[str] = field(default_factory=list)    # paragraphs before the table
    notes: list[str] = field(default_factory=list)   # footnotes after it
    display: pl.DataFrame | None = None     # the same rows as text for the PDF and the page


@dataclass
class Chart:
    indicator_id: str
    title: str
    unit: str
    grain: str
    values: pl.DataFrame           # period_start, value
    goals: pl.DataFrame            # start, end, target, stage
    glide: pl.DataFrame            # date, value


def load_milestones(path: Path = MILESTONES) -> list[dict]:
    """Work milestones (date, area_code, item) from a small CSV; empty if there is none."""
    if not path.exists():
        return []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [{"date": dt.date.fromisoformat(r["date"]), "area_code": r["area_code"].strip(),
                 "item": r["item"].strip()} for r in csv.DictReader(fh) if r.get("date")]


def indicator_rows(now: pl.DataFrame, meta: pl.DataFrame, area_code: str) -> list[dict]:
    """Headline indicators and every indicator with a goal for the area, in registry order."""
    mine = {r["indicator_id"]: r for r in now.filter(pl.col("area_code") == area_code)
            .iter_rows(named=True)}
    out = []
    for m in meta.iter_rows(named=True):
        a = mine.get(m["indicator_id"])
        if a is None and not m["headline"]:
            continue
        if a is not None and a["goal"] is None and not m["headline"]:
            continue
        a = a or {"status": "no_data", "value": None, "period_start": None, "period_grain": None,
                  "goal": None, "deadline": None, "stage_name": None, "stage_year": None,
                  "gap": None, "glide": None, "projection": None, "projection_kind": None,
                  "trend_points": None, "overdue": False, "baseline": None,
                  "reporting_units": None, "expected_units": None}
        out.append({"meta": m, "a": a})
    return out


def excel_number(ind: dict, kind: str = "value", signed: bool = False) -> str:
    """Excel number format of an indicator's value, or of a gap/change (kind="diff": percentage
    points for a rate, else the indicator's unit)."""
    places = F.decimals(ind)
    num = "0" + ("." + "0" * places if places else "")
    if kind == "value":
        suffix = '"%"' if F.is_rate(ind) else ""
    else:
        suffix = f'" {T.POINTS}"' if F.is_rate(ind) else (f'" {ind["unit"]}"' if ind["unit"]
                                                           else "")
    return f"+{num}{suffix};-{num}{suffix};0" if signed else f"{num}{suffix}"


def compare(a: dict, b: dict | None, ind: dict) -> tuple[float | None, str, str]:
    """A change that compares like with like: (Δ, basis, text). The same period as seen on both
    dates is a revision (usually none); a newer period names both periods — never a period
    switch passed off as the week's change."""
    if b is None or b.get("value") is None or a.get("value") is None:
        return None, T.BASIS_NONE, F.DASH
    d = a["value"] - b["value"]
    pa = F.period(a["period_start"], a["period_grain"], "zh")
    if a["period_start"] == b["period_start"]:
        if abs(d) < 0.5 * 10 ** -F.decimals(ind):
            return d, T.BASIS_SAME, T.CHANGE_NONE
        return d, T.BASIS_REVISED.format(period=pa), T.CHANGE_REVISED.format(
            delta=F.delta(d, ind, "zh"))
    pb = F.period(b["period_start"], b["period_grain"], "zh")
    pair = F.period_pair(a["period_start"], b["period_start"], a["period_grain"], "zh")
    return d, T.BASIS_NEW.format(new=pa, old=pb), T.CHANGE_NEW.format(
        pair=pair, delta=F.delta(d, ind, "zh"))


WEEK_CHANGES = ("d_week", "basis_week", "d_month", "basis_month")


def indicators(now, last_week, last_month, meta, area_code,
               changes: tuple[str, str, str, str] = WEEK_CHANGES) -> Section:
    """The indicator table: each indicator against its goal, and its change against two earlier
    dates (`changes`: the COLS keys of the two changes and their bases — last week and last month
    for a week; last month and a year ago for a month; last quarter and a year ago for a
    quarter)."""
    def by_id(df):
        return {r["indicator_id"]: r
                for r in df.filter(pl.col("area_code") == area_code).iter_rows(named=True)}
    lw, lm = by_id(last_week), by_id(last_month)
    cols = T.COLS
    rows, shown, formats = [], [], []
    for item in indicator_rows(now, meta, area_code):
        m, a = item["meta"], item["a"]
        d_week, basis_week, text_week = compare(a, lw.get(m["indicator_id"]), m)
        d_month, basis_month, text_month = compare(a, lm.get(m["indicator_id"]), m)
        period = F.period(a["period_start"], a["period_grain"], "zh")
        why = reason(a, m, "zh")
        proj = projection_text(a, m, "zh") if a["goal"] is not None else None
        rows.append({
            cols["domain"]: m["domain_zh"], cols["indicator"]: m["name_zh"],
            cols["unit"]: m["unit"],
            cols["period"]: period, cols["value"]: a["value"], cols["goal"]: a["goal"],
            cols["deadline"]: F.date(a["deadline"]) if a["deadline"] else None,
            cols["gap"]: a["gap"],
            cols["gap_unit"]: (T.POINTS if F.is_rate(m) else m["unit"]) if a["gap"] is not None
            else None,
            cols["status"]: STATUS_ZH[a["status"]],
            cols["overdue"]: T.OVERDUE if a.get("overdue") else None,
            cols["why"]: why, cols["projection"]: proj,
            cols[changes[0]]: d_week, cols[changes[1]]: basis_week,
            cols[changes[2]]: d_month, cols[changes[3]]: basis_month,
            "indicator_id": m["indicator_id"],
        })
        shown.append({
            cols["indicator"]: m["name_zh"] + ("" if F.is_rate(m) else f"（{m['unit']}）"),
            cols["period"]: period, cols["value"]: F.value(a["value"], m, "zh"),
            cols["goal"]: F.DASH if a["goal"] is None else
            f"{F.value(a['goal'], m, 'zh')}\n{F.date(a['deadline'])}",
            cols["gap"]: F.gap(a["gap"], m, "zh"),
            cols["status"]: STATUS_ZH[a["status"]] + (f"\n{T.OVERDUE}" if a.get("overdue") else ""),
            cols[changes[0]]: text_week, cols[changes[2]]: text_month,
            cols["why"]: why + (f"；{proj}" if proj and a.get("projection_kind") == "few_points"
                             else ""),
        })
        formats.append({cols["value"]: excel_number(m), cols["goal"]: excel_number(m),
                        cols["gap"]: excel_number(m, "diff"),
                        cols[changes[0]]: excel_number(m, "diff", signed=True),
                        cols[changes[2]]: excel_number(m, "diff", signed=True)})
    text = {k: pl.Utf8 for k in ("domain", "indicator", "unit", "period", "deadline", "gap_unit",
                                 "status", "overdue", "why", "projection", "basis_week",
                                 "basis_month")}
    text |= {changes[1]: pl.Utf8, changes[3]: pl.Utf8}
    schema = {cols[k]: text.get(k, pl.Float64) for k in (
        "domain", "indicator", "unit", "period", "value", "goal", "deadline", "gap", "gap_unit",
        "status", "overdue", "why", "projection", *changes)} | {"indicator_id": pl.Utf8}
    table = pl.DataFrame(rows, schema=schema)
    display = pl.DataFrame(shown, schema={cols[k]: pl.Utf8 for k in (
        "indicator", "period", "value", "goal", "gap", "status", changes[0], changes[2], "why")})
    return Section("indicators", table, row_formats=formats, status_col=cols["status"],
                   notes=[T.INDICATOR_RULE.format(share=settings.MIN_COMPLETENESS)],
                   display=display)


def waterlogging(con, area_code, monday, sunday) -> Section:
    cols = T.COLS
    df = queries.run(con, "weekly_waterlogging", area=area_code, monday=monday, sunday=sunday,
                     stale_days=settings.STALE_DAYS)
    latest = queries.run(con, "weekly_ledger_dates")["latest"][0]
    stale = cols["stale"].format(days=settings.STALE_DAYS)
    names = {"name_zh": cols["area"], "found_week": cols["found"],
             "eliminated_week": cols["eliminated"], "open_end": cols["open"], "open_stale": stale}
    lead = []
    if latest is None or latest < monday:
        lead.append(T.LEDGER_NONE.format(latest=latest or F.DASH))
        table = pl.DataFrame(schema={v: pl.Utf8 if k == "name_zh" else pl.Int64
                                     for k, v in names.items()})
        return Section("waterlogging", table, lead=lead)
    if latest < sunday:
        lead.append(T.LEDGER_PARTIAL.format(latest=latest, missing=latest + dt.timedelta(days=1)))
    table = df.select(pl.col(k).alias(v) for k, v in names.items())
    total = table.select(pl.lit(T.TOTAL).alias(cols["area"]),
                         *[pl.col(c).sum() for c in table.columns[1:]])
    table = pl.concat([table, total]).with_columns(pl.col(table.columns[1:]).cast(pl.Int64))
    return Section("waterlogging", table, lead=lead)


def problems(con, area_code, monday, sunday) -> tuple[Section, Section]:
    """督查问题 of the week: per responsible unit found and closed in the week, open and overdue
    at its end (the problem_list query as of Sunday: the ledger rule), most overdue first; and
    the longest-open problems. A lead line says the week's totals."""
    from app import problems as P

    cols = T.PROBLEM_COLS
    items = queries.run(con, "problem_list", area=area_code, as_of=sunday)
    latest = queries.run(con, "problem_dates")["latest_date"][0]
    week_items = items.with_columns(
        (pl.col("found_date") >= monday).alias("found_week"),
        (~pl.col("is_open") & (pl.col("closed_date") >= monday)).alias("closed_week"))
    units = (week_items.group_by("responsible_unit").agg(
        pl.col("found_week").sum().cast(pl.Int64).alias(cols["found"]),
        pl.col("closed_week").sum().cast(pl.Int64).alias(cols["closed"]),
        pl.col("is_open").sum().cast(pl.Int64).alias(cols["open"]),
        pl.col("overdue").sum().cast(pl.Int64).alias(cols["overdue"]),
        pl.col("days_overdue").max().cast(pl.Int64).alias(cols["most_overdue"]))
        .filter((pl.col(cols["found"]) > 0) | (pl.col(cols["closed"]) > 0)
                | (pl.col(cols["open"]) > 0))
        .sort([cols["overdue"], cols["most_overdue"], cols["open"], "responsible_unit"],
              descending=[True, True, True, False])
        .rename({"responsible_unit": cols["unit"]})) if items.height else pl.DataFrame(
        schema={cols["unit"]: pl.Utf8, **{cols[k]: pl.Int64 for k in (
            "found", "closed", "open", "overdue", "most_overdue")}})
    lead = []
    if latest is None or latest < monday:
        lead.append(T.PROBLEMS_NONE.format(latest=latest or F.DASH))
    else:
        if latest < sunday:
            lead.append(T.PROBLEMS_PARTIAL.format(latest=latest))
        n = P.counts(items, sunday) if items.height else {}
        if items.height:
            n["found_week"] = int(week_items["found_week"].sum())
            n["closed_week"] = int(week_items["closed_week"].sum())
            lead.append(T.PROBLEMS_LEAD.format(**n))
    if units.height:
        total = units.select(pl.lit(T.TOTAL).alias(cols["unit"]),
                             *[pl.col(c).sum() for c in units.columns[1:-1]],
                             pl.col(cols["most_overdue"]).max())
        units = pl.concat([units, total])
    oldest = items.filter(pl.col("is_open")).sort(
        ["overdue", "days_open", "problem_id"], descending=[True, True, False]).head(
        T.PROBLEMS_OLDEST_N).select(
        pl.col("problem_id").alias(cols["id"]), pl.col("category").alias(cols["category"]),
        pl.col("description").alias(cols["description"]),
        pl.col("responsible_unit").alias(cols["unit"]),
        pl.col("district_name").alias(cols["district"]),
        pl.col("found_date").map_elements(F.date, return_dtype=pl.Utf8).alias(cols["found_date"]),
        pl.col("deadline").map_elements(F.date, return_dtype=pl.Utf8).alias(cols["deadline"]),
        pl.col("days_open").cast(pl.Int64).alias(cols["days_open"]),
        pl.col("days_overdue").cast(pl.Int64).alias(cols["days_overdue"]))
    return (Section("problems", units, lead=lead),
            Section("problems_oldest", oldest,
                    notes=[T.PROBLEMS_OLDEST_NOTE.format(n=T.PROBLEMS_OLDEST_N)]))


def sites(con, area_code, sunday) -> Section:
    cols = T.COLS
    sites = queries.run(con, "light_trap_sites", area=area_code, as_of=sunday,
                        rule=settings.ALERT_RULE, k=settings.ALERT_K)
    dist = queries.run(con, "weekly_site_districts")
    alert = sites.filter(pl.col("alert")).join(dist, on="site_code", how="left").sort(
        "density", "site_code", descending=[True, False])
    table = alert.select(pl.col("district_name").alias(cols["district"]),
                         pl.col("site_code").alias(cols["site_code"]),
                         pl.col("site_name").alias(cols["site"]),
                         pl.col("habitat").alias(cols["habitat"]),
                         pl.col("density").alias(cols["density4"]),
                         pl.col("baseline_density").alias(cols["baseline_density"]),
                         pl.col("last_survey").map_elements(F.date, return_dtype=pl.Utf8)
                         .alias(cols["last_survey"]))
    if settings.ALERT_RULE == "baseline":
        rule = T.SITES_RULE_BASE.format(k=settings.ALERT_K)
    else:
        g = sites.head(1)
        goal = g["goal"][0] if g.height else None
        rule = (T.SITES_RULE_NO_GOAL if goal is None else
                T.SITES_RULE_GOAL.format(goal=f"{goal:.2f}", stage=g["stage_name"][0]))
    notes = [rule] + ([T.SITES_NONE] if table.height == 0 else [])
    return Section("sites", table, formats={cols["density4"]: "{:.2f}",
                                            cols["baseline_density"]: "{:.2f}"}, notes=notes)


def mosquito(con, area_code, monday) -> Section:
    cols = T.COLS
    ly_monday = same_week_last_year(monday)
    df = queries.run(con, "weekly_mosquito", area=area_code, monday=monday,
                     monday_last_year=ly_monday)
    notes = [T.ROUTE_RULE, T.LAST_YEAR_WEEK.format(week=week_of(ly_monday), monday=ly_monday)]
    lead = [T.MOSQ_NONE] if df["density"].is_null().all() and df["route_index"].is_null().all() \
        else []
    table = df.select(
        pl.col("name_zh").alias(cols["area"]), pl.col("density").alias(cols["density"]),
        pl.col("density_last_year").alias(cols["density_ly"]),
        (pl.col("density") - pl.col("density_last_year")).alias(cols["density_change"]),
        pl.col("route_index").alias(cols["route"]), pl.col("route_grade").alias(cols["grade"]),
        pl.when(pl.col("route_streets_expected").is_not_null()).then(
            pl.format("{}/{}", pl.col("route_streets").fill_null(0),
                      pl.col("route_streets_expected"))).alias(cols["reported"]))
    return Section("mosquito", table, formats={cols["density"]: "{:.2f}",
                                               cols["density_ly"]: "{:.2f}",
                                               cols["density_change"]: "{:+.2f}",
                                               cols["route"]: "{:.2f}"}, lead=lead, notes=notes)


def movement(rank: int | None, before: int | None) -> str:
    """A rank's move against an earlier one: ↑n, ↓n, or — (unchanged or either unknown)."""
    if rank is None or before is None:
        return T.MOVE_SAME
    return (T.MOVE_UP.format(n=before - rank) if rank < before else
            T.MOVE_DOWN.format(n=rank - before) if rank > before else T.MOVE_SAME)


def ranking(now, last_week, meta, names, district) -> Section:
    cols = T.COLS
    domains = meta.select("domain", "domain_zh").unique(maintain_order=True)
    r_now = district_ranking(now, meta)
    r_last = district_ranking(last_week, meta).filter(pl.col("domain") == "overall").select(
        "area_code", pl.col("rank").alias("rank_last"))
    wide = r_now.pivot(on="domain", index="area_code", values="score")
    ranks = r_now.filter(pl.col("domain") == "overall").select("area_code", "rank")
    wide = wide.join(ranks, on="area_code", how="left").join(r_last, on="area_code", how="left")
    wide = wide.sort("rank", "area_code", nulls_last=True)
    moves = [movement(r, lr) for r, lr in zip(wide["rank"], wide["rank_last"])]
    shown = [pl.col("rank").cast(pl.Int64).alias(cols["rank"]),
             pl.col("area_code").replace_strict(names, default="").alias(cols["district"]),
             pl.col("overall").alias(cols["score"])]
    formats = {cols["score"]: "{:.2f}"}
    for d, dzh in domains.iter_rows():
        if d in wide.columns:
            shown.append(pl.col(d).alias(dzh))
            formats[dzh] = "{:.2f}"
    shown += [pl.col("rank_last").cast(pl.Int64).alias(cols["rank_last"]),
              pl.Series(cols["move"], moves, dtype=pl.Utf8)]
    table = wide.select(shown)
    notes = [T.RANKING_RULE]
    if district:
        notes.append(T.RANKING_MINE.format(district=names.get(district, district)))
    return Section("ranking", table, formats=formats, notes=notes)


def due(con, area_code, city_code, sunday, info_by_id) -> Section:
    cols = T.COLS
    horizon = sunday + dt.timedelta(weeks=DUE_WEEKS)
    goals = queries.run(con, "goals_in_force", areas=[area_code], indicators=None)
    rows = []
    upcoming = goals.filter((pl.col("deadline") > sunday) & (pl.col("deadline") <= horizon))
    for (deadline, stage), grp in upcoming.group_by("deadline", "stage_name", maintain_order=True):
        names = "、".join(info_by_id[i]["name_zh"] for i in dict.fromkeys(grp["indicator_id"])
                         if i in info_by_id)
        rows.append({cols["date"]: deadline.isoformat(), cols["kind"]: T.DUE_KIND_GOAL,
                     cols["item"]: T.DUE_GOAL_ITEM.format(stage=stage, names=names)})
    for m in load_milestones():
        if sunday < m["date"] <= horizon and m["area_code"] in ("", city_code, area_code):
            rows.append({cols["date"]: m["date"].isoformat(), cols["kind"]: T.DUE_KIND_MILESTONE,
                         cols["item"]: m["item"]})
    table = pl.DataFrame(rows, schema={cols["date"]: pl.Utf8, cols["kind"]: pl.Utf8,
                                       cols["item"]: pl.Utf8})
    table = table.sort(cols["date"], cols["kind"], cols["item"])
    later = goals.filter(pl.col("deadline") > horizon).sort("deadline")
    nxt = None
    if later.height:
        d0 = later["deadline"][0]
        first = later.filter(pl.col("deadline") == d0)
        nxt = (d0, first["stage_name"][0], first.height)
    sec = Section("due", table)
    sec.notes = [T.DUE_NONE.format(weeks=DUE_WEEKS, next=nxt[0], stage=nxt[1], n=nxt[2]) if nxt
                 else T.DUE_NONE_AT_ALL.format(weeks=DUE_WEEKS)] if table.height == 0 else []
    return sec


def charts(con, now, meta, area_code, sunday) -> list[Chart]:
    """The headline indicators' complete periods by the Sunday, with the stage goals in force for
    the area (view goals_in_force) as steps and the glide path of the goal in force."""
    out = []
    mine = {r["indicator_id"]: r for r in now.filter(pl.col("area_code") == area_code)
            .iter_rows(named=True)}
    heads = meta.filter(pl.col("headline"))
    goals = queries.run(con, "goals_in_force", areas=[area_code],
                        indicators=heads["indicator_id"].to_list())
    for m in heads.iter_rows(named=True):
        grains = list(m["grains"])
        grain = "month" if "month" in grains else m["status_grain"]
        values = queries.run(con, "weekly_chart_series", indicator=m["indicator_id"],
                             area=area_code, grain=grain, as_of=sunday)
        start = values["period_start"][0] if values.height else sunday
        rows, prev = [], start
        for g in goals.filter(pl.col("indicator_id") == m["indicator_id"]).iter_rows(named=True):
            rows.append({"start": prev, "end": g["deadline"], "target": g["target_value"],
                         "stage": g["stage_name"]})
            prev = g["deadline"]
        steps = pl.DataFrame(rows, schema={"start": pl.Date, "end": pl.Date,
                                           "target": pl.Float64, "stage": pl.Utf8})
        a = mine.get(m["indicator_id"])
        glide = pl.DataFrame(schema={"date": pl.Date, "value": pl.Float64})
        if a and a["goal"] is not None and a["baseline_date"] is not None:
            glide = pl.DataFrame({"date": [a["baseline_date"], a["deadline"]],
                                  "value": [a["baseline"], a["goal"]]})
        out.append(Chart(m["indicator_id"], m["name_zh"], m["unit"], grain, values, steps, glide))
    return out
