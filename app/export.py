"""Pure export builders (no streamlit): CSV with a BOM for Excel on Chinese Windows, and XLSX.

Text that a spreadsheet would run as a formula (a cell starting with =, +, -, @, a tab or a
carriage return: CSV/formula injection) is neutralised in CSV with a leading apostrophe, and
written as text, never as a formula, in XLSX."""

from __future__ import annotations

import io
import re

import polars as pl

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# NOTE: a plain number written as text ('-12.5', '+3', '-4%') is left alone: it is not a formula.
PLAIN_NUMBER = r"^[+-]?\d+(\.\d+)?%?$"


def neutralise(df: pl.DataFrame) -> pl.DataFrame:
    """Text cells a spreadsheet would read as a formula, prefixed with an apostrophe."""
    text = [c for c, t in df.schema.items() if t == pl.Utf8]
    risky = "^[" + re.escape("".join(FORMULA_START)) + "]"
    return df.with_columns([
        pl.when(pl.col(c).str.contains(risky) & ~pl.col(c).str.contains(PLAIN_NUMBER))
        .then(pl.lit("'") + pl.col(c)).otherwise(pl.col(c)).alias(c) for c in text])


def csv_bytes(df: pl.DataFrame) -> bytes:
    return neutralise(df).write_csv(include_bom=True).encode("utf-8")


def xlsx_bytes(df: pl.DataFrame, sheet: str = "数据") -> bytes:
    from xlsxwriter import Workbook

    buf = io.BytesIO()
    # NOTE: text stays text: no formulas and no links made from strings.
    with Workbook(buf, {"strings_to_formulas": False, "strings_to_urls": False,
                        "nan_inf_to_errors": True}) as wb:
        df.write_excel(wb, worksheet=sheet[:31], autofit=True, freeze_panes=(1, 0),
                       header_format={"bold": True})
    return buf.getvalue()
