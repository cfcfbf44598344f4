"""The sections only a month's bulletin (月通报) or a quarter's assessment (季考核) carries, as
data: the district ranking with its history, the street ranking within each district, 表扬 /
通报批评, the goals and milestones due or overdue, the reports due and missing by department,
the responsible units' on-time closure, and the assessment's scores, items and scheme. Each is
computed as of the period's last day from the one rule it shows (warehouse.status.area_ranking,
warehouse.reporting, warehouse.assessment); every sentence comes from app/snapshot/text.py."""

from __future__ import annotations

import polars as pl

from app import formatting as F
from app.datastatus import period_text
from app.i18n import t
from app.snapshot import text as T
from app.snapshot.periods import Period
from app.snapshot.sections import Section, load_milestones, movement
from warehouse import assessment as A
from warehouse import queries, reporting, settings
from warehouse.status import area_ranking

C = T.COLS


def _label(p: Period) -> str:
    return T.PERIOD_SHORT[p.kind].format(year=p.year, number=p.number, key=p.key)


def ranking(history: list[tuple[Period, pl.DataFrame]], meta: pl.DataFrame,
            names: dict[str, str], district: str | None) -> Section:
    """区县排名 at the period's end (the last of `history`, oldest first: each period with its
    status table), its movement against the period before, and the last three periods' ranks."""
    ranks = [(p, area_ranking(st, meta)) for p, st in history]
    now = ranks[-1][1]
    overall = [r.filter(pl.col("domain") == "overall") for _p, r in ranks]
    by_period = [dict(zip(o["area_code"], o["rank"])) for o in overall]
    wide = now.pivot(on="domain", index="area_code", values="score")
    wide = wide.join(overall[-1].select("area_code", "rank", "domains"), on="area_code",
                     how="left").sort("rank", "area_code", nulls_last=True)
    domains = meta.select("domain", "domain_zh").unique(maintain_order=True)
    rows = []
    for r in wide.iter_rows(named=True):
        code = r["area_code"]
        before = by_period[-2].get(code) if len(by_period) > 1 else None
        row = {C["rank"]: r["rank"], C["district"]: names.get(code, code),
               C["score"]: r.get("overall")}
        for d, dzh in domains.iter_rows():
            if d in wide.columns:
                row[dzh] = r[d]
        row |= {C["rank_prev"]: before, C["move"]: movement(r["rank"], before),
                C["history"]: " · ".join(
                    T.HISTORY_ITEM.format(label=_label(p), rank=b.get(code, F.DASH))
                    for (p, _r), b in zip(ranks[-3:], by_period[-3:]))}
        rows.append(row)
    table = pl.DataFrame(rows)
    if table.height:
        table = table.with_columns(pl.col(C["rank"]).cast(pl.Int64),
                                   pl.col(C["rank_prev"]).cast(pl.Int64))
    notes = [T.RANKING_RULE_PERIOD]
    if district:
        notes.append(T.RANKING_MINE.format(district=names.get(district, district)))
    return Section("ranking", table, formats={c: "{:.2f}" for c in table.columns
                                              if table[c].dtype == pl.Float64}, notes=notes)


def street_scores(statuses: pl.DataFrame, meta: pl.DataFrame, parents: dict[str, str]
                  ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(within-district ranking, city-wide ranking) of the streets' overall scores."""
    within = area_ranking(statuses, meta, "street", parents).filter(pl.col("domain") == "overall")
    # the same scores ranked across the city (the rule's tie and order, one group)
    city = within.with_columns(pl.col("score").rank("min", descending=True).alias("rank")).sort(
        "rank", "area_code", nulls_last=True)
    return within, city


def street_ranking(now: pl.DataFrame, before: pl.DataFrame, city: pl.DataFrame,
                   names: dict[str, str], parents: dict[str, str],
                   district: str | None) -> Section:
    prev = dict(zip(before["area_code"], before["rank"]))
    city_rank = dict(zip(city["area_code"], city["rank"]))
    rows = []
    for r in now.iter_rows(named=True):
        code = r["area_code"]
        if district and parents.get(code) != district:
            continue
        rows.append({C["district"]: names.get(parents.get(code, ""), ""), C["rank"]: r["rank"],
                     C["street"]: names.get(code, code), C["score"]: r["score"],
                     C["rank_prev"]: prev.get(code), C["move"]: movement(r["rank"], prev.get(code)),
                     C["rank_city"]: city_rank.get(code), C["domains"]: r["domains"]})
    schema = {C["district"]: pl.Utf8, C["rank"]: pl.Int64, C["street"]: pl.Utf8,
              C["score"]: pl.Float64, C["rank_prev"]: pl.Int64, C["move"]: pl.Utf8,
              C["rank_city"]: pl.Int64, C["domains"]: pl.Int64}
    table = pl.DataFrame(rows, schema=schema).sort(C["district"], C["rank"], C["street"])
    return Section("street_ranking", table, formats={C["score"]: "{:.2f}"},
                   lead=[T.CAPTIONS["street_ranking"]], notes=[T.STREET_RANKING_NOTE])


def praise(city: pl.DataFrame, items: pl.DataFrame, names: dict[str, str],
           parents: dict[str, str], district: str | None) -> Section:
    """表扬 / 通报批评 by the configured rule: the best and worst streets of the city-wide
    ranking, and the responsible units with many overdue problems at the period's end."""
    n, overdue_min = settings.BULLETIN_TOP_N, settings.BULLETIN_OVERDUE_MIN
    ranked = city.filter(pl.col("rank").is_not_null()).sort("rank", "area_code")
    rows = []
    top = ranked.head(n)
    bottom = ranked.tail(n).reverse().filter(
        ~pl.col("area_code").is_in(top["area_code"].to_list()))
    for r in top.iter_rows(named=True):
        rows.append((T.PRAISE, T.OBJECT_STREET, r["area_code"], names.get(r["area_code"], ""),
                     T.PRAISE_STREET.format(rank=r["rank"], score=r["score"])))
    for k, r in enumerate(bottom.iter_rows(named=True), start=1):
        rows.append((T.CRITICISE, T.OBJECT_STREET, r["area_code"],
                     names.get(r["area_code"], ""),
                     T.CRITICISE_STREET.format(k=k, score=r["score"])))
    if items.height:
        late = (items.filter(pl.col("overdue")).group_by("responsible_unit")
                .agg(pl.len().alias("n"), pl.col("days_overdue").max().alias("days"))
                .filter(pl.col("n") >= overdue_min).sort(["n", "responsible_unit"],
                                                          descending=[True, False]))
        for r in late.iter_rows(named=True):
            rows.append((T.CRITICISE, T.OBJECT_UNIT, "", r["responsible_unit"],
                         T.CRITICISE_UNIT.format(n=r["n"], days=r["days"])))
    if district:
        rows = [r for r in rows if r[1] == T.OBJECT_UNIT or parents.get(r[2]) == district]
    table = pl.DataFrame([(a, b, names.get(parents.get(c, ""), "") if c else "", d, e)
                          for a, b, c, d, e in rows],
                         schema={C["category"]: pl.Utf8, C["object"]: pl.Utf8,
                                 C["district"]: pl.Utf8, C["name"]: pl.Utf8,
                                 C["basis"]: pl.Utf8}, orient="row")
    notes = [T.PRAISE_RULE.format(n=n, overdue=overdue_min)]
    return Section("praise", table, lead=[] if table.height else [T.PRAISE_NONE], notes=notes)


def milestones(con, now: pl.DataFrame, meta: pl.DataFrame, area_code: str, city_code: str,
               period: Period) -> Section:
    """Stage goals and milestones falling due in the period (a goal: met, missed, or its data
    not in yet), and every indicator past its deadline with the goal missed."""
    info = {m["indicator_id"]: m for m in meta.iter_rows(named=True)}
    mine = {r["indicator_id"]: r for r in now.filter(pl.col("area_code") == area_code)
            .iter_rows(named=True)}
    goals = queries.run(con, "goals_in_force", areas=[area_code], indicators=None)
    rows = []
    for g in goals.filter(pl.col("deadline").is_between(period.start, period.end)
                          ).iter_rows(named=True):
        if g["indicator_id"] not in info:
            continue
        a = mine.get(g["indicator_id"])
        met = (a is not None and a["deadline"] == g["deadline"] and a["projection_kind"] in (
            "final", "past"))
        state = (T.MILESTONE_WAIT if not met else T.MILESTONE_MET if a["status"] == "on_track"
                 else T.MILESTONE_MISSED)
        rows.append({C["date"]: g["deadline"].isoformat(), C["kind"]: T.DUE_KIND_GOAL,
                     C["item"]: T.DUE_GOAL_ITEM.format(stage=g["stage_name"],
                                                       names=info[g["indicator_id"]]["name_zh"]),
                     C["situation"]: state})
    for m in load_milestones():
        if period.start <= m["date"] <= period.end and m["area_code"] in ("", city_code,
                                                                            area_code):
            rows.append({C["date"]: m["date"].isoformat(), C["kind"]: T.DUE_KIND_MILESTONE,
                         C["item"]: m["item"], C["situation"]: T.MILESTONE_DUE})
    seen = {(r[C["item"]]) for r in rows}
    for iid, a in mine.items():
        if a["overdue"] and iid in info:
            item = T.DUE_GOAL_ITEM.format(stage=a["stage_name"], names=info[iid]["name_zh"])
            if item not in seen:
                rows.append({C["date"]: a["deadline"].isoformat(), C["kind"]: T.DUE_KIND_GOAL,
                             C["item"]: item, C["situation"]: T.MILESTONE_MISSED})
    table = pl.DataFrame(rows, schema={C["date"]: pl.Utf8, C["kind"]: pl.Utf8,
                                       C["item"]: pl.Utf8, C["situation"]: pl.Utf8})
    table = table.sort(C["date"], C["kind"], C["item"])
    return Section("milestones", table, lead=[] if table.height else [T.MILESTONES_NONE])


def reporting_sections(con, area_code: str, period: Period, names: dict[str, str]
                       ) -> tuple[Section, Section]:
    """部门按时上报 (departments ranked by the reports due in the period that are in) and the
    missing reports one by one."""
    due = reporting.due_reports(con, area_code, period.start, period.end)
    notes = [T.REPORTING_RULE.format(days=settings.REPORT_DUE_DAYS)]
    dept = pl.DataFrame(schema={C["rank"]: pl.Int64, C["department"]: pl.Utf8, C["due"]: pl.Int64,
                                C["on_time"]: pl.Int64, C["rate"]: pl.Float64,
                                C["template"]: pl.Utf8})
    late = pl.DataFrame(schema={C["department"]: pl.Utf8, C["template"]: pl.Utf8,
                                C["period_due"]: pl.Utf8, C["due_on"]: pl.Utf8,
                                C["unit_name"]: pl.Utf8, C["district"]: pl.Utf8})
    if not due.height:
        return Section("reporting", dept, lead=[T.REPORTING_NONE], notes=notes), \
            Section("reporting_late", late)
    by = reporting.rates(due, "department_zh")
    templates = due.group_by("department_zh").agg(pl.col("title_zh").unique().sort()
                                                  .str.join("、"))
    by = by.join(templates, on="department_zh").sort(["rate", "department_zh"],
                                                     descending=[True, False])
    by = by.with_columns(pl.col("rate").rank("min", descending=True).cast(pl.Int64).alias("rk"))
    dept = by.select(pl.col("rk").alias(C["rank"]),
                     pl.col("department_zh").replace("", F.DASH).alias(C["department"]),
                     pl.col("due").cast(pl.Int64).alias(C["due"]),
                     pl.col("on_time").alias(C["on_time"]), pl.col("rate").alias(C["rate"]),
                     pl.col("title_zh").alias(C["template"]))
    total = reporting.rates(due.with_columns(pl.lit("").alias("all")), "all").row(0, named=True)
    missing = due.filter(~pl.col("reported"))
    late = missing.sort("department_zh", "template_no", "period_start", "unit_code").select(
        pl.col("department_zh").replace("", F.DASH).alias(C["department"]),
        pl.col("title_zh").alias(C["template"]),
        pl.Series([period_text(p, g, "zh") for p, g in zip(missing["period_start"],
                                                           missing["period_grain"])],
                  dtype=pl.Utf8).alias(C["period_due"]),
        pl.col("due_on").cast(pl.Utf8).alias(C["due_on"]),
        pl.coalesce("unit_name", "unit_code").alias(C["unit_name"]),
        pl.col("district_code").replace_strict(names, default="").alias(C["district"]))
    lead = ([T.REPORTING_ALL.format(due=total["due"])] if total["due"] == total["on_time"] else
            [T.REPORTING_LEAD.format(due=total["due"], on_time=total["on_time"],
                                     rate=total["rate"], late=total["due"] - total["on_time"])])
    return (Section("reporting", dept, formats={C["rate"]: "{:.1f}%"}, lead=lead, notes=notes),
            Section("reporting_late", late, lead=[T.CAPTIONS["reporting_late"]]
                    if late.height else []))


def unit_closure(con, area_code: str, period: Period) -> Section:
    """责任单位按期销号率 for the period (the problem_unit_ranking query at its grain)."""
    ranked = queries.run(con, "problem_unit_ranking", area=area_code, grain=period.kind,
                         as_of=period.end)
    table = ranked.select(pl.col("rank").cast(pl.Int64).alias(C["rank"]),
                          pl.col("responsible_unit").alias(C["unit"]),
                          pl.col("on_time_rate").alias(C["on_time_rate"]),
                          pl.col("closed_on_time").cast(pl.Int64).alias(C["closed_on_time"]),
                          pl.col("closed").cast(pl.Int64).alias(C["closed"]))
    label = F.period(ranked["period_start"][0], period.kind, "zh") if ranked.height else F.DASH
    return Section("unit_closure", table, formats={C["on_time_rate"]: "{:.1f}%"},
                   lead=[T.CAPTIONS["unit_closure"].format(period=label)])


# -- 季考核

def _note(code: str | None) -> str | None:
    return t(f"assess.note.{code}", "zh") if code else None


def assessment_sections(con, period: Period, district: str | None, names: dict[str, str],
                        parents: dict[str, str]) -> tuple[dict[str, Section], list[str]]:
    """The quarter's scores by object type, every item's points, the scheme in force, and the
    overview's lines."""
    res = A.assess(con, period.start)
    names_zh = dict(zip(*queries.run(con, "indicator_meta").select("indicator_id", "name_zh")))
    measure = pl.col("measure").replace_strict(names_zh, default=pl.col("measure"))
    out: dict[str, Section] = {}
    if not res.scheme.height:
        empty = pl.DataFrame({C["line"]: [T.ASSESS_NONE]})
        return {"assess_district": Section("assess_district", empty)}, [T.ASSESS_NONE]
    tot = res.totals
    for otype, key in ((A.DISTRICTS, "assess_district"), (A.STREETS, "assess_street"),
                       (A.DEPARTMENTS, "assess_department")):
        rows = tot.filter(pl.col("object_type") == otype)
        if otype == A.STREETS and district:
            rows = rows.filter(pl.col("object_code").replace_strict(parents, default="")
                               == district)
        if otype == A.DEPARTMENTS and district:
            continue
        if not rows.height:
            continue
        table = rows.select(
            pl.col("rank").alias(C["rank"]),
            *([pl.col("group_name").alias(C["district"])] if otype == A.STREETS else []),
            pl.col("object_name").alias(C["name"]),
            pl.col("score").alias(C["score_total"]),
            pl.col("prev_score").alias(C["prev_score"]),
            (pl.col("score") - pl.col("prev_score")).alias(C["change"]),
            pl.col("prev_rank").alias(C["prev_rank"]),
            pl.when(pl.col("last_twice")).then(pl.lit(T.YES)).alias(C["last_twice"]),
            pl.when(pl.col("score").is_null()).then(pl.lit(T.ASSESS_NOT_SCORED))
            .alias(C["note"]))
        out[key] = Section(key, table, formats={C["score_total"]: "{:.2f}",
                                                C["prev_score"]: "{:.2f}",
                                                C["change"]: "{:+.2f}"},
                           lead=[T.CAPTIONS[key]])
    items = res.items
    if district:
        items = items.filter((pl.col("object_code") == district) | (pl.col(
            "object_code").replace_strict(parents, default="") == district))
    out["assess_items"] = Section("assess_items", items.select(
        pl.col("object_type").alias(C["object_type"]), pl.col("object_name").alias(C["name"]),
        pl.col("item").alias(C["item"]), measure.alias(C["measure"]),
        pl.col("method").alias(C["method"]), pl.col("weight").alias(C["weight"]),
        pl.col("value").alias(C["value"]), pl.col("target").alias(C["target"]),
        pl.col("start").alias(C["start"]), pl.col("points").alias(C["points"]),
        pl.Series([_note(n) for n in items["note"]], dtype=pl.Utf8).alias(C["note"])),
        formats={C["value"]: "{:.2f}", C["target"]: "{:.2f}", C["start"]: "{:.2f}",
                 C["points"]: "{:.2f}", C["weight"]: "{:g}"},
        lead=[T.CAPTIONS["assess_items"]], notes=[T.ASSESS_RULE])
    out["scheme"] = Section("scheme", res.scheme.select(
        pl.col("object_type").alias(C["object_type"]), pl.col("item").alias(C["item"]),
        measure.alias(C["measure"]), pl.col("weight").alias(C["weight"]),
        pl.col("method").alias(C["method"]),
        pl.col("effective_from").map_elements(lambda d: f"{d.year}-Q{(d.month - 1) // 3 + 1}",
                                              return_dtype=pl.Utf8).alias(C["effective_from"]),
        pl.col("effective_until").map_elements(
            lambda d: f"{d.year}-Q{(d.month - 1) // 3 + 1}", return_dtype=pl.Utf8)
        .alias(C["effective_until"])), formats={C["weight"]: "{:g}"},
        lead=[T.CAPTIONS["scheme"]])
    lines = []
    d = tot.filter((pl.col("object_type") == A.DISTRICTS) & pl.col("score").is_not_null())
    if d.height:
        top, bottom = d.row(0, named=True), d.row(-1, named=True)
        lines.append(T.ASSESS_LEAD.format(scheme_n=res.scheme.height, top=top["object_name"],
                                          top_score=top["score"],
                                          bottom=bottom["object_name"],
                                          bottom_score=bottom["score"]))
    twice = tot.filter(pl.col("last_twice"))
    if twice.height:
        lines.append(T.ASSESS_LAST_TWICE.format(names="、".join(
            f"{r['object_name']}（{r['object_type']}）" for r in twice.iter_rows(named=True))))
    return out, lines


def previous_periods(period: Period, n: int) -> list[Period]:
    """The `n` periods ending with `period`, oldest first."""
    out = [period]
    while len(out) < n:
        out.insert(0, out[0].before())
    return out
