"""The weekly snapshot's tables: pure data (polars) read from the warehouse for one ISO week.

Everything is computed "as of" the Sunday that ends the chosen week — never today's date — so
the same week from the same warehouse always gives the same tables. Statuses come from the one
status rule (warehouse.status.status_table); the SQL lives in warehouse/sql/queries/weekly_*.sql.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from app import formatting as F
from app.snapshot import text as T
from app.summaries import projection_text, reason
from warehouse import queries, settings
from warehouse.status import VOCABULARY, district_ranking, progress_share, status_table

HERE = Path(__file__).resolve().parent
MILESTONES = Path(settings.MILESTONES_FILE or HERE / "milestones.csv")
DUE_WEEKS = settings.SNAPSHOT_DUE_WEEKS
WEEK_RE = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
STATUS_ZH = {k: v.zh for k, v in VOCABULARY.items()}
STATUS_KEY = {v: k for k, v in STATUS_ZH.items()}


class SnapshotError(ValueError):
    """A plain-words problem with the request (bad week, empty warehouse, unknown district)."""


@dataclass
class Section:
    key: str                       # sheet key (text.SHEETS)
    table: pl.DataFrame            # display-ready, Chinese headers, raw numbers
    formats: dict[str, str] = field(default_factory=dict)   # column → python format
    # per row, column → Excel number format (a table whose rows are different indicators)
    row_formats: list[dict[str, str]] | None = None
    status_col: str | None = None
    notes: list[str] = field(default_factory=list)
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


@dataclass
class Snapshot:
    week: str                      # 2025-W32
    iso_year: int
    iso_week: int
    monday: dt.date
    sunday: dt.date
    city_code: str
    city_name: str
    area_code: str                 # the city, or the district with --district
    area_name: str
    district: str | None
    version: int
    published_at: str
    title: str
    issue: str
    overview: list[str]
    sections: dict[str, Section]
    charts: list[Chart]

    def manifest(self) -> dict:
        """The week, the data version and a hash of every table (no timestamps but the
        warehouse's own published_at)."""
        return {
            "week": self.week, "monday": self.monday.isoformat(), "sunday": self.sunday.isoformat(),
            "area_code": self.area_code, "area_name": self.area_name, "district": self.district,
            "data_version": self.version, "published_at": self.published_at,
            "tables": {T.SHEETS[k]: {"rows": s.table.height, "sha256": table_hash(s.table)}
                       for k, s in self.sections.items()},
        }


def parse_week(week: str) -> tuple[int, int, dt.date, dt.date]:
    m = WEEK_RE.match(week.strip())
    if not m:
        raise SnapshotError(f"周次“{week}”格式不对：请写成 2025-W32（ISO 年-W周）。")
    year, num = int(m.group(1)), int(m.group(2))
    try:
        monday = dt.date.fromisocalendar(year, num, 1)
    except ValueError:
        raise SnapshotError(f"{year} 年没有第 {num} 周（ISO 周为 1–52 或 53）。") from None
    return year, num, monday, monday + dt.timedelta(days=6)


def week_of(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def last_complete_week(as_of: dt.date) -> str:
    """The latest ISO week whose Sunday is on or before `as_of` (the default briefing)."""
    return week_of(as_of - dt.timedelta(days=as_of.isoweekday() % 7))


def weeks_available(con: duckdb.DuckDBPyConnection, as_of: dt.date) -> list[str]:
    """Every ISO week from the first with weekly data to the last complete one by `as_of`,
    newest first."""
    cover = queries.run(con, "weekly_coverage", monday=dt.date(1900, 1, 1), area="").row(
        0, named=True)
    first = cover["first_week"]
    if first is None:
        return []
    out, day = [], as_of - dt.timedelta(days=as_of.isoweekday() % 7)
    while day >= first:
        out.append(week_of(day))
        day -= dt.timedelta(days=7)
    return out


def table_hash(df: pl.DataFrame) -> str:
    """sha256 over the canonical CSV of a table (header, rows in order, floats as repr)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(df.columns)
    for row in df.iter_rows():
        w.writerow(["" if v is None else repr(v) if isinstance(v, float) else str(v) for v in row])
    return hashlib.sha256(buf.getvalue().encode("utf-8")).hexdigest()


def _month_before(day: dt.date) -> dt.date:
    y, m = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(y, m, d)
        except ValueError:
            continue
    raise AssertionError


def load_milestones(path: Path = MILESTONES) -> list[dict]:
    """Work milestones (date, area_code, item) from a small CSV; empty if there is none."""
    if not path.exists():
        return []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [{"date": dt.date.fromisoformat(r["date"]), "area_code": r["area_code"].strip(),
                 "item": r["item"].strip()} for r in csv.DictReader(fh) if r.get("date")]


def build(con: duckdb.DuckDBPyConnection, info: dict | None, week: str,
          district: str | None = None, progress=lambda _m: None) -> Snapshot:
    if not info:
        raise SnapshotError("仓库是空的：还没有任何数据入库。请先运行 python -m etl load 数据文件夹。")
    iso_year, iso_week, monday, sunday = parse_week(week)
    week = f"{iso_year}-W{iso_week:02d}"
    areas = queries.run(con, "areas")
    names = dict(zip(areas["area_code"], areas["name_zh"]))
    city = areas.filter(pl.col("area_level") == "city")
    if city.height == 0:
        raise SnapshotError("仓库里还没有行政区划（城市、区县、街道、网格）。请先导入区划 GeoJSON 文件，"
                            "再重新导入其他数据。")
    city_code, city_name = city["area_code"][0], city["name_zh"][0]
    if district:
        d = areas.filter((pl.col("area_code") == district) & (pl.col("area_level") == "district"))
        if d.height == 0:
            known = "、".join(f"{c} {n}" for c, n in areas.filter(pl.col("area_level") == "district")
                             .select("area_code", "name_zh").iter_rows())
            raise SnapshotError(f"没有编码为 {district} 的区县。可选：{known}。")
    area_code = district or city_code
    area_name = names[area_code]
    cover = queries.run(con, "weekly_coverage", monday=monday, area=area_code).row(0, named=True)
    first, last = cover["first_week"], cover["last_week"]
    if first is None:
        raise SnapshotError("仓库中没有任何周度数据，无法生成周报。")
    if monday > last or sunday < first:
        raise SnapshotError(f"{week}（{monday} 至 {sunday}）不在数据范围内：仓库中的周度数据从 "
                            f"{week_of(first)}（{first}）到 {week_of(last)}（{last}）。")

    progress("指标状态（本周末、上周末、上月同日）")
    meta = queries.run(con, "indicator_meta")
    info_by_id = {m["indicator_id"]: m for m in meta.iter_rows(named=True)}
    now = status_table(con, sunday)
    last_week = status_table(con, sunday - dt.timedelta(days=7))
    last_month = status_table(con, _month_before(sunday))

    sections: dict[str, Section] = {}
    ind = _indicator_section(now, last_week, last_month, meta, area_code)
    sections["indicators"] = ind
    progress("积水点")
    sections["waterlogging"] = _waterlogging_section(con, area_code, monday, sunday)
    progress("蚊虫监测")
    sections["sites"] = _sites_section(con, area_code, sunday)
    sections["mosquito"] = _mosquito_section(con, area_code, monday, names, cover)
    progress("区县排名")
    sections["ranking"] = _ranking_section(now, last_week, meta, names, district)
    due = _due_section(con, area_code, city_code, sunday, info_by_id)
    overview = _overview(now, last_week, ind, due, meta, area_code, area_name, monday, sunday,
                         cover["rows_this_week"])
    overview.insert(-1, _week_line(sections, area_name))
    sections = {"overview": Section("overview", pl.DataFrame({T.COLS["line"]: overview})),
                "due": due, **sections}
    progress("趋势图数据")
    charts = _charts(con, now, meta, area_code, city_code, sunday)
    title = (T.TITLE_DISTRICT.format(city=city_name, district=area_name) if district
             else T.TITLE.format(city=city_name))
    issue = T.ISSUE.format(year=iso_year, week=iso_week, monday=monday, sunday=sunday)
    return Snapshot(week, iso_year, iso_week, monday, sunday, city_code, city_name, area_code,
                    area_name, district, int(info["version"]), str(info.get("published_at", "")),
                    title, issue, overview, sections, charts)


def _indicator_rows(now: pl.DataFrame, meta: pl.DataFrame, area_code: str) -> list[dict]:
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
        suffix = '" 个百分点"' if F.is_rate(ind) else (f'" {ind["unit"]}"' if ind["unit"] else "")
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


def _indicator_section(now, last_week, last_month, meta, area_code) -> Section:
    def by_id(df):
        return {r["indicator_id"]: r
                for r in df.filter(pl.col("area_code") == area_code).iter_rows(named=True)}
    lw, lm = by_id(last_week), by_id(last_month)
    C = T.COLS
    rows, shown, formats = [], [], []
    for item in _indicator_rows(now, meta, area_code):
        m, a = item["meta"], item["a"]
        d_week, basis_week, text_week = compare(a, lw.get(m["indicator_id"]), m)
        d_month, basis_month, text_month = compare(a, lm.get(m["indicator_id"]), m)
        period = F.period(a["period_start"], a["period_grain"], "zh")
        why = reason(a, m, "zh")
        proj = projection_text(a, m, "zh") if a["goal"] is not None else None
        rows.append({
            C["domain"]: m["domain_zh"], C["indicator"]: m["name_zh"], C["unit"]: m["unit"],
            C["period"]: period, C["value"]: a["value"], C["goal"]: a["goal"],
            C["deadline"]: F.date(a["deadline"]) if a["deadline"] else None,
            C["gap"]: a["gap"],
            C["gap_unit"]: ("个百分点" if F.is_rate(m) else m["unit"]) if a["gap"] is not None
            else None,
            C["status"]: STATUS_ZH[a["status"]],
            C["overdue"]: T.OVERDUE if a.get("overdue") else None,
            C["why"]: why, C["projection"]: proj,
            C["d_week"]: d_week, C["basis_week"]: basis_week,
            C["d_month"]: d_month, C["basis_month"]: basis_month,
            "indicator_id": m["indicator_id"],
        })
        shown.append({
            C["indicator"]: m["name_zh"] + ("" if F.is_rate(m) else f"（{m['unit']}）"),
            C["period"]: period, C["value"]: F.value(a["value"], m, "zh"),
            C["goal"]: F.DASH if a["goal"] is None else
            f"{F.value(a['goal'], m, 'zh')}\n{F.date(a['deadline'])}",
            C["gap"]: F.gap(a["gap"], m, "zh"),
            C["status"]: STATUS_ZH[a["status"]] + (f"\n{T.OVERDUE}" if a.get("overdue") else ""),
            C["d_week"]: text_week, C["d_month"]: text_month,
            C["why"]: why + (f"；{proj}" if proj and a.get("projection_kind") == "few_points"
                             else ""),
        })
        formats.append({C["value"]: excel_number(m), C["goal"]: excel_number(m),
                        C["gap"]: excel_number(m, "diff"),
                        C["d_week"]: excel_number(m, "diff", signed=True),
                        C["d_month"]: excel_number(m, "diff", signed=True)})
    text = {k: pl.Utf8 for k in ("domain", "indicator", "unit", "period", "deadline", "gap_unit",
                                 "status", "overdue", "why", "projection", "basis_week",
                                 "basis_month")}
    schema = {C[k]: text.get(k, pl.Float64) for k in (
        "domain", "indicator", "unit", "period", "value", "goal", "deadline", "gap", "gap_unit",
        "status", "overdue", "why", "projection", "d_week", "basis_week", "d_month",
        "basis_month")} | {"indicator_id": pl.Utf8}
    table = pl.DataFrame(rows, schema=schema)
    display = pl.DataFrame(shown, schema={C[k]: pl.Utf8 for k in (
        "indicator", "period", "value", "goal", "gap", "status", "d_week", "d_month", "why")})
    return Section("indicators", table, row_formats=formats, status_col=C["status"],
                   notes=[T.INDICATOR_RULE.format(share=settings.MIN_COMPLETENESS)],
                   display=display)


def _waterlogging_section(con, area_code, monday, sunday) -> Section:
    C = T.COLS
    df = queries.run(con, "weekly_waterlogging", area=area_code, monday=monday, sunday=sunday,
                     stale_days=settings.STALE_DAYS)
    latest = queries.run(con, "weekly_ledger_dates")["latest"][0]
    stale = C["stale"].format(days=settings.STALE_DAYS)
    cols = {"name_zh": C["area"], "found_week": C["found"], "eliminated_week": C["eliminated"],
            "open_end": C["open"], "open_stale": stale}
    notes = []
    if latest is None or latest < monday:
        notes.append(T.LEDGER_NONE.format(latest=latest or "—"))
        table = pl.DataFrame(schema={v: pl.Utf8 if k == "name_zh" else pl.Int64
                                     for k, v in cols.items()})
        return Section("waterlogging", table, notes=notes)
    if latest < sunday:
        notes.append(T.LEDGER_PARTIAL.format(latest=latest, missing=latest + dt.timedelta(days=1)))
    table = df.select(pl.col(k).alias(v) for k, v in cols.items())
    total = table.select(pl.lit(T.TOTAL).alias(C["area"]),
                         *[pl.col(c).sum() for c in table.columns[1:]])
    table = pl.concat([table, total]).with_columns(pl.col(table.columns[1:]).cast(pl.Int64))
    return Section("waterlogging", table, notes=notes)


def _sites_section(con, area_code, sunday) -> Section:
    C = T.COLS
    sites = queries.run(con, "light_trap_sites", area=area_code, as_of=sunday,
                        rule=settings.ALERT_RULE, k=settings.ALERT_K)
    dist = queries.run(con, "weekly_site_districts")
    alert = sites.filter(pl.col("alert")).join(dist, on="site_code", how="left").sort(
        "density", "site_code", descending=[True, False])
    table = alert.select(pl.col("district_name").alias(C["district"]),
                         pl.col("site_code").alias(C["site_code"]),
                         pl.col("site_name").alias(C["site"]), pl.col("habitat").alias(C["habitat"]),
                         pl.col("density").alias(C["density4"]),
                         pl.col("baseline_density").alias(C["baseline_density"]),
                         pl.col("last_survey").map_elements(F.date, return_dtype=pl.Utf8)
                         .alias(C["last_survey"]))
    if settings.ALERT_RULE == "baseline":
        rule = T.SITES_RULE_BASE.format(k=settings.ALERT_K)
    else:
        g = sites.head(1)
        goal = g["goal"][0] if g.height else None
        rule = (T.SITES_RULE_NO_GOAL if goal is None else
                T.SITES_RULE_GOAL.format(goal=f"{goal:.2f}", stage=g["stage_name"][0]))
    notes = [rule] + ([T.SITES_NONE] if table.height == 0 else [])
    return Section("sites", table, formats={C["density4"]: "{:.2f}",
                                            C["baseline_density"]: "{:.2f}"}, notes=notes)


def _mosquito_section(con, area_code, monday, names, cover) -> Section:
    C = T.COLS
    ly_monday = dt.date.fromisocalendar(monday.isocalendar().year - 1,
                                        min(monday.isocalendar().week, 52), 1)
    df = queries.run(con, "weekly_mosquito", area=area_code, monday=monday,
                     monday_last_year=ly_monday)
    notes = [T.ROUTE_RULE, f"去年同周 = {week_of(ly_monday)}（{ly_monday} 起）。"]
    if df["density"].is_null().all() and df["route_index"].is_null().all():
        notes.insert(0, T.MOSQ_NONE)
    table = df.select(
        pl.col("name_zh").alias(C["area"]), pl.col("density").alias(C["density"]),
        pl.col("density_last_year").alias(C["density_ly"]),
        (pl.col("density") - pl.col("density_last_year")).alias(C["density_change"]),
        pl.col("route_index").alias(C["route"]), pl.col("route_grade").alias(C["grade"]),
        pl.when(pl.col("route_streets_expected").is_not_null()).then(
            pl.format("{}/{}", pl.col("route_streets").fill_null(0),
                      pl.col("route_streets_expected"))).alias(C["reported"]))
    return Section("mosquito", table, formats={C["density"]: "{:.2f}", C["density_ly"]: "{:.2f}",
                                               C["density_change"]: "{:+.2f}",
                                               C["route"]: "{:.2f}"}, notes=notes)


def _ranking_section(now, last_week, meta, names, district) -> Section:
    C = T.COLS
    domains = meta.select("domain", "domain_zh").unique(maintain_order=True)
    r_now = district_ranking(now, meta)
    r_last = district_ranking(last_week, meta).filter(pl.col("domain") == "overall").select(
        "area_code", pl.col("rank").alias("rank_last"))
    # NOTE: scores rounded to 1e-9: the ranking's group means may differ in the last bits from
    # run to run (summation order), which would change the table hash of the same week.
    r_now = r_now.with_columns(pl.col("score").round(9))
    wide = r_now.pivot(on="domain", index="area_code", values="score")
    ranks = r_now.filter(pl.col("domain") == "overall").select("area_code", "rank")
    wide = wide.join(ranks, on="area_code", how="left").join(r_last, on="area_code", how="left")
    wide = wide.sort("rank", "area_code", nulls_last=True)

    def move(r, lr):
        if r is None or lr is None:
            return T.MOVE_SAME
        return T.MOVE_UP.format(n=lr - r) if r < lr else (
            T.MOVE_DOWN.format(n=r - lr) if r > lr else T.MOVE_SAME)
    moves = [move(r, lr) for r, lr in zip(wide["rank"], wide["rank_last"])]
    cols = [pl.col("rank").cast(pl.Int64).alias(C["rank"]),
            pl.col("area_code").replace_strict(names, default="").alias(C["district"]),
            pl.col("overall").alias(C["score"])]
    formats = {C["score"]: "{:.2f}"}
    for d, dzh in domains.iter_rows():
        if d in wide.columns:
            cols.append(pl.col(d).alias(dzh))
            formats[dzh] = "{:.2f}"
    cols += [pl.col("rank_last").cast(pl.Int64).alias(C["rank_last"]),
             pl.Series(C["move"], moves, dtype=pl.Utf8)]
    table = wide.select(cols)
    notes = [T.RANKING_RULE]
    if district:
        notes.append(f"本区：{names.get(district, district)}。")
    return Section("ranking", table, formats=formats, notes=notes)


def _due_section(con, area_code, city_code, sunday, info_by_id) -> Section:
    C = T.COLS
    horizon = sunday + dt.timedelta(weeks=DUE_WEEKS)
    goals = queries.run(con, "goals_in_force", areas=[area_code], indicators=None)
    rows = []
    upcoming = goals.filter((pl.col("deadline") > sunday) & (pl.col("deadline") <= horizon))
    for (deadline, stage), grp in upcoming.group_by("deadline", "stage_name", maintain_order=True):
        names = "、".join(info_by_id[i]["name_zh"] for i in dict.fromkeys(grp["indicator_id"])
                         if i in info_by_id)
        rows.append({C["date"]: deadline.isoformat(), C["kind"]: "阶段目标",
                     C["item"]: f"{stage}阶段目标到期：{names}"})
    for m in load_milestones():
        if sunday < m["date"] <= horizon and m["area_code"] in ("", city_code, area_code):
            rows.append({C["date"]: m["date"].isoformat(), C["kind"]: "工作节点",
                         C["item"]: m["item"]})
    table = pl.DataFrame(rows, schema={C["date"]: pl.Utf8, C["kind"]: pl.Utf8, C["item"]: pl.Utf8})
    table = table.sort(C["date"], C["kind"], C["item"])
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


def _overview(now, last_week, ind: Section, due: Section, meta, area_code, area_name, monday,
              sunday, rows_this_week) -> list[str]:
    C = T.COLS
    info = {m["indicator_id"]: m for m in meta.iter_rows(named=True)}
    st = ind.table
    counts = {k: st.filter(pl.col(C["status"]) == STATUS_ZH[k]).height for k in STATUS_ZH}
    rest = T.COUNTS_REST.format(inc=counts["incomplete"], nodata=counts["no_data"]) \
        if counts["incomplete"] or counts["no_data"] else ""
    lines = []
    if not rows_this_week:
        lines.append(T.NO_WEEK_DATA.format(monday=monday, sunday=sunday))
    lines.append(T.COUNTS.format(sunday=sunday, area=area_name, total=st.height,
                                 on=counts["on_track"], risk=counts["at_risk"],
                                 off=counts["off_track"], rest=rest))
    off = st.filter(pl.col(C["status"]) == STATUS_ZH["off_track"])
    if off.height:
        items = [f"{n}（{T.OVERDUE}）" if o else n
                 for n, o in zip(off[C["indicator"]], off[C["overdue"]])]
        lines.append(T.OFF_LIST.format(items="、".join(items)))
    # What changed since last week, like with like: a newer period taken in for the first time
    # (both periods named), or a revision of the same period; biggest moves (progress from
    # baseline to goal, so units compare) and status changes first.
    before = {r["indicator_id"]: r for r in last_week.filter(pl.col("area_code") == area_code)
              .iter_rows(named=True)}
    shown = set(st["indicator_id"])
    new, revised = [], []
    for r in now.filter(pl.col("area_code") == area_code).iter_rows(named=True):
        b = before.get(r["indicator_id"])
        if r["indicator_id"] not in shown or r["value"] is None:
            continue
        m = info[r["indicator_id"]]
        status = T.STATUS_MOVE.format(old=STATUS_ZH[b["status"]], new=STATUS_ZH[r["status"]]) \
            if b is not None and r["status"] != b["status"] else ""
        p1 = progress_share(r["value"], r["baseline"], r["goal"])
        p0 = progress_share(b["value"], b["baseline"], b["goal"]) if b and b["value"] is not None \
            else None
        size = abs(p1 - p0) if p1 is not None and p0 is not None else 0.0
        period = F.period(r["period_start"], r["period_grain"], "zh")
        if b is None or b["value"] is None or b["period_start"] != r["period_start"]:
            prev = (T.NEW_PREV.format(period=F.period(b["period_start"], b["period_grain"], "zh"),
                                      value=F.value(b["value"], m, "zh"))
                    if b is not None and b["value"] is not None else T.NEW_NO_PREV)
            new.append((bool(status), size, r["indicator_id"], T.NEW_ITEM.format(
                name=m["name_zh"], period=period, value=F.value(r["value"], m, "zh"),
                prev=prev, status=status)))
        elif abs(r["value"] - b["value"]) >= 0.5 * 10 ** -F.decimals(m) or status:
            revised.append((bool(status), size, r["indicator_id"], T.REVISED_ITEM.format(
                name=m["name_zh"], period=period, old=F.value(b["value"], m, "zh"),
                new=F.value(r["value"], m, "zh"), status=status)))
    for found, template in ((new, T.NEW_PERIODS), (revised, T.REVISIONS)):
        found.sort(key=lambda x: (not x[0], -x[1], x[2]))
        if found:
            lines.append(template.format(items="；".join(x[3] for x in found)))
    if not new and not revised:
        lines.append(T.NO_CHANGES)
    if due.table.height:
        items = "；".join(f"{d} {i}" for d, i in zip(due.table[C["date"]], due.table[C["item"]]))
        lines.append(T.DUE.format(weeks=DUE_WEEKS, items=items))
    else:
        lines.extend(due.notes)
    return lines


def _week_line(sections: dict[str, Section], area_name: str) -> str:
    """本周: waterlogging counts, this week's light-trap density against last year, site alerts."""
    C = T.COLS
    parts = []
    wl = sections["waterlogging"].table
    if wl.height:
        tot = wl.row(-1, named=True)
        stale = [c for c in wl.columns if c.startswith("未销号超过")][0]
        parts.append(f"积水点新发现 {tot[C['found']]} 处、销号 {tot[C['eliminated']]} 处，周末未销号 "
                     f"{tot[C['open']]} 处（其中{stale} {tot[stale]} 处）")
    else:
        parts.append("积水点台账本周无数据")
    mq = sections["mosquito"].table.row(0, named=True)
    if mq[C["density"]] is not None:
        ly = mq[C["density_ly"]]
        parts.append(f"{area_name}诱蚊灯密度 {mq[C['density']]:.2f} 只/(灯·夜)"
                     + (f"（去年同周 {ly:.2f}）" if ly is not None else "（去年同周无数据）"))
    else:
        parts.append("本周无诱蚊灯监测数据")
    parts.append(f"近 4 周 {sections['sites'].table.height} 个监测点超过预警规则")
    return "本周" + "；".join(parts) + "。"


def _charts(con, now, meta, area_code, city_code, sunday) -> list[Chart]:
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
