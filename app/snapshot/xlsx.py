"""The XLSX pack: one sheet per section table, Chinese headers, full-precision numbers shown with
their unit (percentage points for gaps and changes of rates), status cells filled with the status
vocabulary's colours (warehouse.status.VOCABULARY), frozen header rows."""

from __future__ import annotations

import datetime as dt
import io

import xlsxwriter

from app.snapshot import text as T
from app.snapshot.build import STATUS_KEY, Snapshot
from warehouse.status import VOCABULARY


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

    def num(excel: str):
        if excel not in cache:
            cache[excel] = wb.add_format({"num_format": excel, "valign": "top"})
        return cache[excel]

    status_fmt = {k: wb.add_format({"bg_color": s.colour, "align": "center", "valign": "top",
                                    "font_color": s.text_colour})
                  for k, s in VOCABULARY.items()}
    for key, sec in snap.sections.items():
        ws = wb.add_worksheet(T.sheet(key, snap.kind))
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
                    excel = (sec.row_formats[i].get(c) if sec.row_formats else None) or (
                        excel_format(sec.formats[c]) if c in sec.formats else None)
                    ws.write_number(i + 1, j, v, num(excel) if excel else None)
                else:
                    ws.write_string(i + 1, j, str(v))
        ws.freeze_panes(1, 0)
        if df.height:
            ws.autofilter(0, 0, df.height, len(cols) - 1)
        for k, n in enumerate([*sec.lead, *sec.notes]):
            ws.write_string(df.height + 2 + k, 0, n)
    wb.close()
    return buf.getvalue()
