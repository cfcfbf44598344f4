"""The intake page's content as data: the uploaded files and the loader's report kept for the
session (dry run, then publish the very same files), and the report's tables and sentences in
the page's language. The loader itself runs in its own process (app/intake.py)."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from app import db, intake
from app import formatting as F
from app.i18n import t

KEY = "_intake"


@dataclass
class Session:
    folder: Path | None = None
    files: list[Path] = field(default_factory=list)
    report: dict | None = None
    error: str | None = None

    def _reset(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
        self.folder, self.files, self.report, self.error = None, [], None, None

    def check(self, uploads: list[tuple[str, bytes]], user) -> None:
        """Save the uploads and run the dry run (nothing published)."""
        self._reset()
        self.folder = intake.workspace()
        try:
            self.files = intake.save_uploads(uploads, self.folder / "in")
        except intake.IntakeError as e:
            self.error = str(e)
            return
        done = intake.dry_run(self.files, user.name, user.district, self.folder / "errors")
        self.report, self.error = done.report, (done.message if done.report is None else None)

    def publish(self, user, accept_warnings: bool) -> None:
        """The same files for real; the report then says which version was published."""
        done = intake.publish(self.files, user.name, user.district, self.folder / "errors",
                              accept_warnings)
        if done.report is not None:
            self.report = done.report
        # NOTE: the pages' caches follow the publish by themselves (keyed on its time).
        self.error = None if done.code == 0 else (done.message or self.error)

    def errors_workbook(self, file: str) -> tuple[str, bytes] | None:
        """The marked-up copy of `file` to send back (its name and bytes), if it had rejects."""
        path = (self.report or {}).get("errors_workbooks", {}).get(file)
        return (Path(path).name, Path(path).read_bytes()) if path and Path(path).exists() \
            else None


def session(state) -> Session:
    if KEY not in state:
        state[KEY] = Session()
    return state[KEY]


@dataclass(frozen=True)
class Names:
    """What the report's codes are called on the page: templates (number and title, grain of
    their periods), areas, indicators (names and formats), in the page's language."""
    lang: str
    templates: dict[str, dict]
    areas: dict[str, str]
    indicators: dict[str, dict]

    def template(self, name: str | None) -> str:
        d = self.templates.get(name or "")
        if d is None:
            return name or F.DASH
        return f"{d['template_no']} {d['title_zh' if self.lang == 'zh' else 'title_en']}"

    def templates_of(self, f: dict) -> str:
        return "、".join(self.template(n) for n in f.get("templates") or []) or F.DASH

    def period(self, template: str | None, value: str | None) -> str:
        """A change's period in words (2025年6月), at the grain of its template."""
        if not value:
            return F.DASH
        day = dt.date.fromisoformat(str(value)[:10])
        grain = (self.templates.get(template or "") or {}).get("period_grain")
        return F.period(day, grain, self.lang) if grain else F.date(day)


def names(version: int, lang: str) -> Names:
    return Names(
        lang,
        {r["template"]: r for r in db.query("datastatus_templates", version).iter_rows(named=True)},
        {a["area_code"]: F.area_name(a, lang)
         for a in db.query("areas", version).iter_rows(named=True)},
        {m["indicator_id"]: m for m in db.query("indicator_meta", version).iter_rows(named=True)})


def file_title(f: dict, names: Names) -> str:
    return t("intake.file_title", names.lang, file=Path(f["file"]).name,
             templates=names.templates_of(f),
             read=f.get("rows_read", 0), rejected=f.get("rows_rejected", 0))


def summary(report: dict, lang: str) -> list[str]:
    files = report.get("files", [])
    lines = []
    fatal = report.get("fatal")
    if fatal:
        lines.append(t("intake.fatal", lang, file=Path(fatal.get("file") or "").name,
                       sheet=fatal.get("sheet") or F.DASH, row=fatal.get("row") or F.DASH,
                       column=fatal.get("column") or F.DASH, message=fatal.get("message", "")))
        return lines
    total = {k: sum(f.get(k, 0) or 0 for f in files)
             for k in ("rows_read", "rows_loaded", "rows_rejected", "rows_new", "rows_changed")}
    lines.append(t("intake.summary", lang, files=len(files), **total))
    if not (total["rows_new"] or total["rows_changed"]) and not report.get("published"):
        lines.append(t("intake.nothing_changes", lang))
    return lines


def files_table(report: dict, names: Names) -> pl.DataFrame:
    lang = names.lang
    rows = [{t("intake.col.file", lang): Path(f["file"]).name,
             t("intake.col.template", lang): names.templates_of(f),
             t("intake.col.read", lang): f.get("rows_read", 0),
             t("intake.col.loaded", lang): f.get("rows_loaded", 0),
             t("intake.col.rejected", lang): f.get("rows_rejected", 0),
             t("intake.col.new", lang): f.get("rows_new", 0),
             t("intake.col.changed", lang): f.get("rows_changed", 0),
             t("intake.col.warnings", lang): len(f.get("warnings") or [])}
            for f in report.get("files", [])]
    return pl.DataFrame(rows) if rows else pl.DataFrame()


def _reason(text: str | None, lang: str) -> str:
    parts = (text or "").split(" / ")
    return (parts[0] if lang == "zh" else parts[-1]) or F.DASH


def rejects_table(f: dict, lang: str) -> pl.DataFrame:
    rows = [{t("intake.col.sheet", lang): r.get("sheet") or F.DASH,
             t("intake.col.row", lang): str(r.get("row") or F.DASH),
             t("intake.col.column", lang): r.get("column") or F.DASH,
             t("intake.col.value", lang): F.DASH if r.get("value") is None else str(r["value"]),
             t("intake.col.reason", lang): _reason(r.get("reason"), lang)}
            for r in f.get("rejects") or []]
    return pl.DataFrame(rows) if rows else pl.DataFrame()


def changes_table(f: dict, names: Names) -> pl.DataFrame:
    """What a file would add, change or remove: template, unit (an area by its name; a site or
    point by its code), period in words."""
    lang = names.lang
    rows = [{t("intake.col.template", lang): names.template(c.get("template")),
             t("intake.col.unit", lang): names.areas.get(c.get("unit") or "")
             or c.get("unit") or F.DASH,
             t("intake.col.period", lang): names.period(c.get("template"), c.get("period")),
             t("intake.col.kind", lang): t(f"intake.kind.{c.get('kind', 'changed')}", lang)}
            for c in f.get("changes") or []]
    return pl.DataFrame(rows) if rows else pl.DataFrame()


def moves_table(report: dict, names: Names) -> pl.DataFrame:
    """How headline values would move: 回收利用率 南江街道 2026-11 32.9% → 53.0% (in each
    indicator's format, area names in the page's language)."""
    lang = names.lang
    rows = []
    for m in report.get("moves") or []:
        ind = names.indicators.get(m.get("indicator_id"), {"format": "{:.2f}", "unit": ""})
        start = m.get("period_start")
        start = dt.date.fromisoformat(start[:10]) if isinstance(start, str) else start
        rows.append({
            t("intake.col.indicator", lang): m.get("name_zh" if lang == "zh" else "name_en")
            or m.get("indicator_id"),
            t("intake.col.area", lang): names.areas.get(m.get("area_code"))
            or m.get("area_name") or m.get("area_code"),
            t("intake.col.period", lang): F.period(start, m.get("period_grain"), lang),
            t("intake.col.before", lang): F.value(m.get("before"), ind, lang),
            t("intake.col.after", lang): F.value(m.get("after"), ind, lang)})
    return pl.DataFrame(rows) if rows else pl.DataFrame()


def warnings_list(report: dict, lang: str, gating: bool = True) -> list[str]:
    """The plausibility warnings a person must tick off before loading (gating=True), or the
    notes that never stop a load (an unknown column ignored, a label kept as written …)."""
    return [_warning(Path(f["file"]).name, w, lang)
            for f in report.get("files", []) for w in f.get("warnings") or []
            if bool(w.get("gates")) == gating]


def _warning(file: str, w: dict, lang: str) -> str:
    message = _reason(w.get("message"), lang)
    if not (w.get("sheet") or w.get("row") or w.get("column")):     # about the file as a whole
        return t("intake.warning_file", lang, file=file, message=message)
    return t("intake.warning", lang, file=file, sheet=w.get("sheet") or F.DASH,
             row=w.get("row") or F.DASH, column=w.get("column") or F.DASH, message=message)


def template_names(names: Names) -> dict[str, str]:
    """Every template with its number and title, for the blank-template download."""
    return {n: names.template(n) for n, d in names.templates.items() if d.get("spreadsheet")}


def versions_table(lang: str) -> tuple[pl.DataFrame, list[int]]:
    """The data versions on disk, newest first (the current one marked), and the ones a
    rollback can restore."""
    rows = intake.versions()
    table = pl.DataFrame([{
        t("intake.col.version", lang): str(v.get("version"))
        + (t("intake.current", lang) if v.get("current") else ""),
        t("intake.col.published", lang): F.timestamp(v.get("published_at")),
        t("intake.col.kind", lang): t(f"intake.version_kind.{v.get('kind', 'load')}", lang)
        + (t("intake.restored_from", lang, v=v["restored_from"]) if v.get("restored_from")
           else ""),
        t("intake.col.by", lang): v.get("by") or "、".join(v.get("loaded_by") or []) or F.DASH,
        t("intake.col.files", lang): "、".join(Path(x).name for x in v.get("files") or [])
        or F.DASH,
        t("intake.col.changed", lang): v.get("rows_changed") or 0} for v in rows]) \
        if rows else pl.DataFrame()
    return table, [v["version"] for v in rows if not v.get("current")]
