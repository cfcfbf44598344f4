"""Pure export builders (no streamlit): CSV with a BOM for Excel on Chinese Windows, and XLSX."""

from __future__ import annotations

import io

import polars as pl


def csv_bytes(df: pl.DataFrame) -> bytes:
    return df.write_csv(include_bom=True).encode("utf-8")


def xlsx_bytes(df: pl.DataFrame, sheet: str = "数据") -> bytes:
    buf = io.BytesIO()
    df.write_excel(buf, worksheet=sheet[:31], autofit=True, freeze_panes=(1, 0),
                   header_format={"bold": True})
    return buf.getvalue()
