"""The XLSX pack: one sheet per section table, Chinese headers, number formats, status cells
filled with the status rule's colours (warehouse.status.COLOURS), frozen header rows."""

from __future__ import annotations

import datetime as dt
import io

import xlsxwriter

from app.snapshot import text as T
from app.snapshot.build import STATUS_KEY, Snapshot
from warehouse.status import COLOURS


def excel_format(pattern: str) -> str:
    """python format ('{:.1f}%', '{:+.2f}', '{:.0f}') → Excel number format."""
    body = pattern.strip("{}").lstrip(":")
    pct = pattern.endswith("%")
    body = body.rstrip("%}").rstrip("}")
    plus = body.startswith("+")
    decimals = int(body.split(".")[1].rstrip("f")) if "." in body else 0
    num = "0" + ("." + "0" * decimals if decimals else "")
    suffix = '"%"' if pct else ""
    return f"+{num}{suffix};-{num}{suffix};0" if plus else f"{num}{suffix}"


def render(snap: Snapshot) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    stamp = dt.datetime.fromisoformat(snap.published_at) if snap.published_at else \
        dt.datetime(2000, 1, 1)
    wb.set_properties({"title": snap.title + snap.issue, "created": stamp,
                       "author": T.ORG.format(city=snap.city_name)})
    head = wb.add_format({"bold": True, "bg_color": "#EAEEF4", "border": 1, "text_wrap": True,
                          "valign": "vcenter", "align": "center"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    cache: dict[str, object] = {}

    def num(pattern: str):
        key = excel_format(pattern)
        if key not in cache:
            cache[key] = wb.add_format({"num_format": key, "valign": "top"})
        return cache[key]

    status_fmt = {k: wb.add_format({"bg_color": c, "align": "center", "valign": "top",
                                    "font_color": "#212121" if k in (
                                        "at_risk", "no_data", "no_goal", "incomplete")
                                    else "#FFFFFF"}) for k, c in COLOURS.items()}
    for key, sec in snap.sections.items():
        ws = wb.add_worksheet(T.SHEETS[key])
        df = sec.table
        cols = [c for c in df.columns if c != "indicator_id"]
        for j, c in enumerate(cols):
            ws.write_string(0, j, c, head)
            longest = max([len(str(v)) for v in df[c].to_list() if v is not None] + [len(c)])
            ws.set_column(j, j, min(60, max(8, longest * 1.6 + 2)),
                          wrap if df[c].dtype == str else None)
        for i, row in enumerate(df.select(cols).iter_rows()):
            for j, (c, v) in enumerate(zip(cols, row)):
                if v is None:
                    ws.write_blank(i + 1, j, None)
                elif c == sec.status_col:
                    ws.write_string(i + 1, j, v, status_fmt[STATUS_KEY[v]])
                elif isinstance(v, (int, float)) and not isinstance(v, bool):
                    pattern = (sec.row_formats[i] if c in sec.row_format_cols and sec.row_formats
                               else sec.formats.get(c))
                    if pattern and c in (T.COLS["d_week"], T.COLS["d_month"]):
                        pattern = pattern.replace("%", "").replace("{:", "{:+")
                    ws.write_number(i + 1, j, v, num(pattern) if pattern else None)
                else:
                    ws.write_string(i + 1, j, str(v))
        ws.freeze_panes(1, 0)
        if df.height:
            ws.autofilter(0, 0, df.height, len(cols) - 1)
        for k, n in enumerate(sec.notes):
            ws.write_string(df.height + 2 + k, 0, n)
    wb.close()
    return buf.getvalue()
