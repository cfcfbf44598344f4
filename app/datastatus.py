"""The data-status page's tables as data (pure; the page renders them): templates with their
latest period and last load (dim_template), who is late, earlier gaps, loads and rejected rows —
every column and word in the page's language."""

from __future__ import annotations

import polars as pl

from app import formatting as F
from app.i18n import t


def period_text(start, grain: str | None, lang: str) -> str:
    """A period label; besides the usual grains, light-trap half-months and the ledger's date."""
    if start is None or grain is None:
        return F.DASH
    if grain == "half_month":
        return t("datastatus.half_first" if start.day == 1 else "datastatus.half_second", lang,
                 year=start.year, month=start.month, ym=f"{start:%Y-%m}")
    if grain == "day":
        return t("datastatus.as_of_day", lang, date=F.date(start))
    return F.period(start, grain, lang)


def periods(df: pl.DataFrame, lang: str, column: str = "period_start") -> pl.Series:
    # NOTE: a plain loop, not map_elements: polars may call a UDF off the script thread.
    return pl.Series([period_text(p, g, lang) for p, g in zip(df[column], df["period_grain"])],
                     dtype=pl.String)


def cells(df: pl.DataFrame, lang: str) -> pl.Series:
    """`60/60` when every expected unit sent the latest period, else `⚠ 64/80`."""
    return pl.Series([
        t("datastatus.not_loaded", lang) if p is None else f"{rec}/{exp}" if rec == exp
        else f"⚠ {rec}/{exp}"
        for p, rec, exp in zip(df["period_start"], df["received_units"], df["expected_units"])],
        dtype=pl.String)


def kpis(templates: pl.DataFrame, runs: pl.DataFrame, late: pl.DataFrame,
         area_code: str) -> dict:
    mine = late.filter(pl.col("area_code") == area_code)
    return {"loaded": int((templates["n_rows"] > 0).sum()), "templates": templates.height,
            "last_load": F.timestamp(runs["finished_at"].max()) if runs.height else F.DASH,
            "late": int((mine["expected_units"] - mine["received_units"]).sum() or 0),
            "rejected": int(runs["rows_rejected"].sum() or 0)}


def templates_table(templates: pl.DataFrame, loads: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Per template, city-wide: number, titles, rhythm, latest period, rows, last load."""
    last = {r["template"]: r for r in loads.iter_rows(named=True)}
    rows = []
    for r in templates.iter_rows(named=True):
        ld = last.get(r["template"], {})
        latest = (t("datastatus.not_loaded", lang) if not r["n_rows"]
                  else period_text(r["latest_period"], r["period_grain"], lang)
                  if r["period_grain"] else t("datastatus.no_period", lang))
        rows.append({
            t("datastatus.col.no", lang): r["template_no"] or F.DASH,
            t("datastatus.col.template_zh", lang): r["title_zh"],
            t("datastatus.col.template_en", lang): r["title_en"],
            t("datastatus.col.rhythm", lang): t(f"datastatus.rhythm.{r['rhythm']}", lang),
            t("datastatus.col.latest", lang): latest,
            t("datastatus.col.rows", lang): r["n_rows"] or 0,
            t("datastatus.col.last_load", lang): F.timestamp(ld.get("last_load_at")),
            t("datastatus.col.last_file", lang): ld.get("last_file") or F.DASH,
        })
    return pl.DataFrame(rows)


def late_tables(late: pl.DataFrame, titles: dict[str, str], lang: str
                ) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(template × area matrix of received/expected, its long download, the late frame with the
    period and template labelled)."""
    units = {u: t(f"datastatus.unit.{u}", lang) for u in ("street", "site", "centre")}
    late = late.with_columns(
        periods(late, lang).alias("period"), cells(late, lang).alias("cell"),
        pl.format("{} {}", "template_no", pl.col("template").replace_strict(titles, default=""))
        .alias("template"),
        pl.col("unit_type").replace_strict(units, default=""))
    index = {"template": t("datastatus.col.template", lang),
             "period": t("datastatus.col.period", lang),
             "unit_type": t("datastatus.col.unit_type", lang)}
    matrix = late.pivot(on="area_name", index=list(index), values="cell").rename(index)
    long = late.select(*[pl.col(k).alias(v) for k, v in index.items()],
                       pl.col("area_name").alias(t("datastatus.col.area", lang)),
                       pl.col("received_units").alias(t("datastatus.col.received_n", lang)),
                       pl.col("expected_units").alias(t("datastatus.col.expected_n", lang)),
                       pl.col("missing_names").alias(t("datastatus.col.missing", lang)))
    return matrix, long, late


def missing_units(late: pl.DataFrame, area_code: str, lang: str) -> pl.DataFrame:
    """The units of the area that have not sent the latest period, by name."""
    missing = (late.filter(pl.col("area_code") == area_code)
               .select("template", "period", "period_grain", "missing")
               .explode("missing").drop_nulls("missing").unnest("missing"))
    if missing.height == 0:
        return missing
    return missing.with_columns(periods(missing, lang, "last_period").alias("last")).select(
        pl.col("template").alias(t("datastatus.col.template", lang)),
        pl.col("period").alias(t("datastatus.col.period", lang)),
        pl.col("district_name").alias(t("datastatus.col.district", lang)),
        pl.col("unit_code").alias(t("datastatus.col.unit_code", lang)),
        pl.col("unit_name").alias(t("datastatus.col.unit_name", lang)),
        pl.col("last").replace(F.DASH, t("datastatus.never", lang))
        .alias(t("datastatus.col.last_period", lang)))


def gaps_table(gaps: pl.DataFrame, titles: dict[str, str], lang: str) -> pl.DataFrame:
    return gaps.with_columns(periods(gaps, lang).alias("period")).select(
        pl.format("{} {}", "template_no", pl.col("template").replace_strict(titles, default=""))
        .alias(t("datastatus.col.template", lang)),
        pl.col("period").alias(t("datastatus.col.gap_period", lang)),
        pl.col("district_name").alias(t("datastatus.col.district", lang)),
        pl.col("unit_code").alias(t("datastatus.col.unit_code", lang)),
        pl.col("unit_name").alias(t("datastatus.col.unit_name", lang)),
        pl.when(pl.col("reported_later")).then(pl.lit(t("datastatus.yes", lang)))
        .otherwise(pl.lit(t("datastatus.no", lang))).alias(t("datastatus.col.reported_later",
                                                             lang)))


def runs_table(runs: pl.DataFrame, lang: str) -> pl.DataFrame:
    return runs.select(
        pl.col("run_id").alias(t("datastatus.col.run", lang)),
        pl.col("file_name").alias(t("datastatus.col.file", lang)),
        pl.col("titles_zh" if lang == "zh" else "titles_en").list.join(", ")
        .alias(t("datastatus.col.template", lang)),
        pl.col("finished_at").dt.strftime("%Y-%m-%d %H:%M").alias(t("datastatus.col.finished",
                                                                     lang)),
        pl.col("rows_read").alias(t("datastatus.col.read", lang)),
        pl.col("rows_loaded").alias(t("datastatus.col.loaded", lang)),
        pl.col("rows_rejected").alias(t("datastatus.col.rejected", lang)),
        pl.col("rows_changed").alias(t("datastatus.col.changed", lang)),
        pl.col("data_version").alias(t("datastatus.col.version", lang)),
        pl.col("warnings").fill_null("").alias(t("datastatus.col.warnings", lang)))


def load_labels(runs: pl.DataFrame, lang: str) -> dict[int, str]:
    return {r["run_id"]: t("datastatus.load_option", lang, run=r["run_id"], file=r["file_name"],
                           n=r["rows_rejected"]) for r in runs.iter_rows(named=True)}


def rejects_table(rejects: pl.DataFrame, labels: dict[str, str], lang: str) -> pl.DataFrame:
    """Rejected rows: file, sheet, row, the column (its template label), the value and the
    reason in the page's language (the ETL writes "中文 / English")."""
    reason = pl.col("reason").str.split(" / ")
    return rejects.select(
        pl.col("run_id").alias(t("datastatus.col.run", lang)),
        pl.col("file_name").alias(t("datastatus.col.file", lang)),
        pl.col("sheet").fill_null(F.DASH).alias(t("datastatus.col.sheet", lang)),
        pl.col("row_number").alias(t("datastatus.col.row", lang)),
        pl.col("column").replace(labels).alias(t("datastatus.col.column", lang)),
        pl.col("value").fill_null(t("datastatus.blank", lang)).alias(t("datastatus.col.value",
                                                                       lang)),
        (reason.list.first() if lang == "zh" else reason.list.last()).fill_null(pl.col("reason"))
        .alias(t("datastatus.col.reason", lang)))
