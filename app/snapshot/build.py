"""The briefing for one period and scope as data: every section (app/snapshot/sections.py) as of
the period's last day — never today's date — so the same period from the same warehouse always
gives the same tables, and data for later periods never change them. Statuses come from the one
status rule (warehouse.status.status_table); the wording from app/snapshot/text.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from dataclasses import dataclass

import duckdb
import polars as pl

from app import formatting as F
from app.snapshot import bulletin as BL
from app.snapshot import sections as S
from app.snapshot import text as T
from app.snapshot.periods import (  # noqa: F401 (the briefing's public names)
    KINDS,
    Period,
    SnapshotError,
    available,
    coverage_grain,
    last_complete,
    last_complete_week,
    latest_with_data,
    month_before,
    parse,
    parse_week,
    week,
    week_of,
)
from app.snapshot.sections import (  # noqa: F401
    DUE_WEEKS,
    STATUS_KEY,
    STATUS_ZH,
    Chart,
    Section,
    load_milestones,
)
from warehouse import queries, settings
from warehouse.status import progress_share, status_table


@dataclass
class Snapshot:
    period: Period
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

    @property
    def week(self) -> str:
        return self.period.key

    @property
    def iso_year(self) -> int:
        return self.period.year

    @property
    def iso_week(self) -> int:
        return self.period.number

    @property
    def monday(self) -> dt.date:
        return self.period.start

    @property
    def sunday(self) -> dt.date:
        return self.period.end

    @property
    def kind(self) -> str:
        return self.period.kind

    def manifest(self) -> dict:
        """The period, the data version and a hash of every table (no timestamps but the
        warehouse's own published_at)."""
        p = self.period
        when = ({"week": self.week, "monday": self.monday.isoformat(),
                 "sunday": self.sunday.isoformat()} if p.kind == "week" else {})
        return {
            "kind": p.kind, "period": p.key, "start": p.start.isoformat(),
            "end": p.end.isoformat(), **when,
            "area_code": self.area_code, "area_name": self.area_name, "district": self.district,
            "data_version": self.version, "published_at": self.published_at,
            "tables": {T.sheet(k, p.kind): {"rows": s.table.height,
                                            "sha256": table_hash(s.table)}
                       for k, s in self.sections.items()},
        }


def table_hash(df: pl.DataFrame) -> str:
    """sha256 over the canonical CSV of a table (header, rows in order, floats as repr)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(df.columns)
    for row in df.iter_rows():
        w.writerow(["" if v is None else repr(v) if isinstance(v, float) else str(v) for v in row])
    return hashlib.sha256(buf.getvalue().encode("utf-8")).hexdigest()


def scope(con: duckdb.DuckDBPyConnection, district: str | None
          ) -> tuple[str, str, str, str, dict[str, str]]:
    """(city code, city name, area code, area name, names): the briefing's area, the city or one
    of its districts; a plain-words error when the warehouse has no geography or no such
    district."""
    areas = queries.run(con, "areas")
    names = dict(zip(areas["area_code"], areas["name_zh"]))
    city = areas.filter(pl.col("area_level") == "city")
    if city.height == 0:
        raise SnapshotError(T.NO_GEOGRAPHY)
    city_code, city_name = city["area_code"][0], city["name_zh"][0]
    if district:
        d = areas.filter((pl.col("area_code") == district) & (pl.col("area_level") == "district"))
        if d.height == 0:
            known = ("、").join(f"{c} "
                              f"{n}" for c, n in areas.filter(pl.col("area_level") == "district")
                             .select("area_code", "name_zh").iter_rows())
            raise SnapshotError(T.NO_SUCH_DISTRICT.format(district=district, known=known))
    area_code = district or city_code
    return city_code, city_name, area_code, names[area_code], names


def build(con: duckdb.DuckDBPyConnection, info: dict | None, key: str,
          district: str | None = None, progress=lambda _m: None) -> Snapshot:
    """The briefing of a week (2026-W47: 周调度简报), a month (2026-10: 月度通报) or a quarter
    (2026-Q3: 季度考核通报) for the city or one district, as of the period's last day."""
    if not info:
        raise SnapshotError(T.EMPTY_WAREHOUSE)
    period = parse(key)
    if period.kind != "week":
        return build_period(con, info, period, district, progress)
    return build_week(con, info, period, district, progress)


def build_week(con: duckdb.DuckDBPyConnection, info: dict, period: Period,
               district: str | None = None, progress=lambda _m: None) -> Snapshot:
    monday, sunday = period.start, period.end
    city_code, city_name, area_code, area_name, names = scope(con, district)
    cover = queries.run(con, "weekly_coverage", monday=monday, area=area_code).row(0, named=True)
    first, last = cover["first_week"], cover["last_week"]
    if first is None:
        raise SnapshotError(T.NO_WEEKLY_DATA)
    if monday > last or sunday < first:
        raise SnapshotError(T.OUT_OF_RANGE.format(
            week=period.key, monday=monday, sunday=sunday, first_week=week_of(first),
            first=first, last_week=week_of(last), last=last))

    progress(T.PROGRESS_STATUS)
    meta = queries.run(con, "indicator_meta")
    info_by_id = {m["indicator_id"]: m for m in meta.iter_rows(named=True)}
    now = status_table(con, sunday)
    before = status_table(con, period.before().end)
    month_ago = status_table(con, month_before(sunday))

    sections: dict[str, Section] = {}
    ind = S.indicators(now, before, month_ago, meta, area_code)
    sections["indicators"] = ind
    progress(T.PROGRESS_WATERLOGGING)
    sections["waterlogging"] = S.waterlogging(con, area_code, monday, sunday)
    progress(T.PROGRESS_MOSQUITO)
    sections["sites"] = S.sites(con, area_code, sunday)
    sections["mosquito"] = S.mosquito(con, area_code, monday)
    progress(T.PROGRESS_PROBLEMS)
    sections["problems"], sections["problems_oldest"] = S.problems(con, area_code, monday, sunday)
    progress(T.PROGRESS_RANKING)
    sections["ranking"] = S.ranking(now, before, meta, names, district)
    due = S.due(con, area_code, city_code, sunday, info_by_id)
    overview = overview_lines(now, before, ind, due, meta, area_code, area_name, monday, sunday,
                              cover["rows_this_week"])
    overview.insert(-1, period_line(sections, area_name))
    sections = {"overview": Section("overview", pl.DataFrame({T.COLS["line"]: overview})),
                "due": due, **sections}
    progress(T.PROGRESS_CHARTS)
    charts = S.charts(con, now, meta, area_code, sunday)
    title = (T.TITLE_DISTRICT.format(city=city_name, district=area_name) if district
             else T.TITLE.format(city=city_name))
    issue = T.ISSUE.format(year=period.year, week=period.number, monday=monday, sunday=sunday)
    return Snapshot(period, city_code, city_name, area_code, area_name, district,
                    int(info["version"]), str(info.get("published_at", "")), title, issue,
                    overview, sections, charts)


def overview_lines(now, last_week, ind: Section, due: Section, meta, area_code, area_name, monday,
              sunday, rows_this_week) -> list[str]:
    cols = T.COLS
    info = {m["indicator_id"]: m for m in meta.iter_rows(named=True)}
    st = ind.table
    counts = {k: st.filter(pl.col(cols["status"]) == STATUS_ZH[k]).height for k in STATUS_ZH}
    rest = T.COUNTS_REST.format(inc=counts["incomplete"], nodata=counts["no_data"]) \
        if counts["incomplete"] or counts["no_data"] else ""
    lines = []
    if not rows_this_week:
        lines.append(T.NO_WEEK_DATA.format(monday=monday, sunday=sunday))
    lines.append(T.COUNTS.format(sunday=sunday, area=area_name, total=st.height,
                                 on=counts["on_track"], risk=counts["at_risk"],
                                 off=counts["off_track"], rest=rest))
    off = st.filter(pl.col(cols["status"]) == STATUS_ZH["off_track"])
    if off.height:
        items = [f"{n}（{T.OVERDUE}）" if o else n
                 for n, o in zip(off[cols["indicator"]], off[cols["overdue"]])]
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
        items = ("；").join(f"{d} "
                          f"{i}" for d, i in zip(due.table[cols["date"]], due.table[cols["item"]]))
        lines.append(T.DUE.format(weeks=S.DUE_WEEKS, items=items))
    else:
        lines.extend(due.notes)
    return lines


def period_line(sections: dict[str, Section], area_name: str) -> str:
    """本周: waterlogging counts, this week's light-trap density against last year, site alerts."""
    cols = T.COLS
    parts = []
    wl = sections["waterlogging"].table
    if wl.height:
        tot = wl.row(-1, named=True)
        stale = cols["stale"].format(days=settings.STALE_DAYS)
        parts.append(T.WEEK_WATERLOGGING.format(found=tot[cols["found"]],
                                                eliminated=tot[cols["eliminated"]],
                                                open=tot[cols["open"]], stale=stale,
                                                n_stale=tot[stale]))
    else:
        parts.append(T.WEEK_NO_LEDGER)
    mq = sections["mosquito"].table.row(0, named=True)
    if mq[cols["density"]] is not None:
        ly = mq[cols["density_ly"]]
        parts.append(T.WEEK_DENSITY.format(area=area_name, density=mq[cols["density"]])
                     + (T.WEEK_DENSITY_LY.format(ly=ly) if ly is not None
                        else T.WEEK_DENSITY_NO_LY))
    else:
        parts.append(T.WEEK_NO_TRAPS)
    parts.append(T.WEEK_SITES.format(n=sections["sites"].table.height))
    if sections["problems"].lead:
        parts.append(sections["problems"].lead[-1].rstrip("。"))
    return T.WEEK_LINE.format(parts="；".join(parts))


def build_period(con: duckdb.DuckDBPyConnection, info: dict, period: Period,
                 district: str | None = None, progress=lambda _m: None) -> Snapshot:
    """月通报 (a month) or 季考核 (a quarter): the weekly briefing's indicator table, problems and
    waterlogging over the period, and the sections of app/snapshot/bulletin.py."""
    kind, end = period.kind, period.end
    city_code, city_name, area_code, area_name, names = scope(con, district)
    cover = queries.run(con, "briefing_coverage", grain="month").row(0, named=True)
    if cover["first_start"] is None:
        raise SnapshotError(T.NO_MONTHLY_DATA.format(kind=T.KIND_NAME[kind]))
    if period.start > cover["last_start"] or end < cover["first_start"]:
        raise SnapshotError(T.OUT_OF_RANGE_PERIOD.format(
            key=period.key, start=period.start, end=end,
            first=F.period(cover["first_start"], "month", "zh"),
            last=F.period(cover["last_start"], "month", "zh")))
    areas = queries.run(con, "areas")
    parents = dict(zip(areas["area_code"], areas["parent_code"].fill_null("")))

    progress(T.PROGRESS_STATUS_KIND[kind])
    meta = queries.run(con, "indicator_meta")
    info_by_id = {m["indicator_id"]: m for m in meta.iter_rows(named=True)}
    history = BL.previous_periods(period, 3)
    statuses = {p.key: status_table(con, p.end) for p in history}
    now, before = statuses[period.key], statuses[history[-2].key]
    year_ago = status_table(con, period.last_year().end)
    changes = (("d_month", "basis_month") if kind == "month"
               else ("d_quarter", "basis_quarter")) + ("d_year", "basis_year")

    sections: dict[str, Section] = {}
    ind = S.indicators(now, before, year_ago, meta, area_code, changes)
    ind.notes = [T.reword(n, kind) for n in ind.notes]
    sections["indicators"] = ind
    due = S.due(con, area_code, city_code, end, info_by_id)
    sections["milestones"] = BL.milestones(con, now, meta, area_code, city_code, period)
    extra: list[str] = []
    if kind == "month":
        progress(T.PROGRESS_RANKING)
        sections["ranking"] = BL.ranking([(p, statuses[p.key]) for p in history], meta, names,
                                         district)
        progress(T.PROGRESS_STREETS)
        street_now = status_table(con, end, ("street",))
        street_before = status_table(con, history[-2].end, ("street",))
        within, city = BL.street_scores(street_now, meta, parents)
        within_before, _c = BL.street_scores(street_before, meta, parents)
        sections["street_ranking"] = BL.street_ranking(within, within_before, city, names,
                                                       parents, district)
        items = queries.run(con, "problem_list", area=area_code, as_of=end)
        sections["praise"] = BL.praise(city, items, names, parents, district)
    else:
        progress(T.PROGRESS_ASSESSMENT)
        assessed, extra = BL.assessment_sections(con, period, district, names, parents)
        sections.update(assessed)
    progress(T.PROGRESS_PROBLEMS)
    pb, old = S.problems(con, area_code, period.start, end)
    sections["problems"], sections["problems_oldest"] = reworded(pb, kind), reworded(old, kind)
    sections["unit_closure"] = BL.unit_closure(con, area_code, period)
    if kind == "month":
        progress(T.PROGRESS_WATERLOGGING)
        sections["waterlogging"] = reworded(S.waterlogging(con, area_code, period.start, end),
                                            kind)
    progress(T.PROGRESS_REPORTING)
    sections["reporting"], sections["reporting_late"] = BL.reporting_sections(con, area_code,
                                                                              period, names)
    lines = [T.reword(x, kind) for x in overview_lines(
        now, before, ind, due, meta, area_code, area_name, period.start, end, 1)]
    lines[-1:-1] = [*extra, *sections["problems"].lead[-1:], *sections["reporting"].lead[:1]]
    sections = {"overview": Section("overview", pl.DataFrame({T.COLS["line"]: lines})),
                "due": due, **sections}
    progress(T.PROGRESS_CHARTS)
    charts = S.charts(con, now, meta, area_code, end)
    title = T.TITLE_KIND[kind].format(city=city_name, district=area_name if district else "")
    issue = T.ISSUE_KIND[kind].format(year=period.year, number=period.number,
                                      start=period.start, end=end)
    return Snapshot(period, city_code, city_name, area_code, area_name, district,
                    int(info["version"]), str(info.get("published_at", "")), title, issue,
                    lines, sections, charts)


def reworded(sec: Section, kind: str) -> Section:
    """A weekly section said of a month or a quarter: its column names, lead and notes."""
    sec.table = sec.table.rename({c: T.reword(c, kind) for c in sec.table.columns})
    sec.formats = {T.reword(c, kind): f for c, f in sec.formats.items()}
    sec.lead = [T.reword(x, kind) for x in sec.lead]
    sec.notes = [T.reword(x, kind) for x in sec.notes]
    return sec
