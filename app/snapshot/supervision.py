"""The 督办单 (supervision notice): one A4 page per responsible unit listing its open problems,
the batch's XLSX (a summary sheet and one sheet per unit) and a ZIP of both; pure (fpdf2,
xlsxwriter), the words in app/snapshot/text.py."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import xlsxwriter
from fpdf import FPDF

from app import formatting as F
from app.snapshot import text as T

# NOTE: the same font, name and colours as app/snapshot/pdf.py; not imported from there because
# pdf.py pulls in build.py and with it duckdb, and this module stays pure.
FONT_FILE = Path(__file__).resolve().parent.parent / "fonts" / "NotoSansSC-Regular-GB2312.ttf"
FONT = "NotoSansCJKsc"
RED = (192, 0, 0)
GREY = (90, 90, 90)
HEAD_FILL = (234, 238, 244)
RED_HEX = "#C00000"
HEAD_HEX = "#EAEEF4"

PROBLEM_SCHEMA = {
    "problem_id": pl.String, "category": pl.String, "description": pl.String,
    "street_name": pl.String, "grid_name": pl.String, "found_date": pl.Date,
    "found_by": pl.String, "deadline": pl.Date, "status": pl.String, "days_open": pl.Int64,
    "overdue": pl.Boolean, "days_overdue": pl.Int64,
}
SHEET_NAME_MAX = 31
ELLIPSIS = "\u2026"
# Characters a line must not start with (Chinese line-breaking rule): carried with the one before.
NO_LINE_START = set("，。、；：？！）》」』】〕…”’,.;:?!)%\u3001\uff05")
# What a line is broken between: a run of letters and digits with, after a space, the one
# character that follows (a number and its measure word), or any other single character.
_TOKENS = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-/%]*(?: [^\sA-Za-z0-9])?|.", re.S)


@dataclass(frozen=True)
class Notice:
    """One unit's 督办单 on a date."""

    unit: str
    as_of: dt.date
    city: str
    serial: str
    problems: pl.DataFrame
    closed_on_time: int | None
    closed_total: int | None
    reply_days: int = 5

    def __post_init__(self) -> None:
        on, total = self.closed_on_time, self.closed_total
        if (on is None) != (total is None):
            raise ValueError("closed_on_time and closed_total: give both or neither")
        if total is not None and not 0 <= on <= total:
            raise ValueError(f"closed_on_time {on} is not between 0 and closed_total {total}")
        if self.reply_days < 1:
            raise ValueError(f"reply_days must be at least 1, not {self.reply_days}")


def notice_serial(as_of: dt.date, index: int) -> str:
    """督办编号 of the index-th notice (1-based) issued for as_of, numbered by ISO year and week
    like the weekly briefing's issues: 2026-11-20, 3 → 督办〔2026〕第47-03号."""
    if index < 1:
        raise ValueError(f"notice index is 1-based, got {index}")
    iso = as_of.isocalendar()
    return T.SUP_SERIAL.format(year=iso.year, week=iso.week, index=index)


def open_problems(problems: pl.DataFrame) -> pl.DataFrame:
    """The problems in PROBLEM_SCHEMA's columns and types, overdue first, then by days overdue
    and days open (most first), then problem_id, whatever the input order."""
    missing = [c for c in PROBLEM_SCHEMA if c not in problems.columns]
    if missing and problems.height:
        raise ValueError(f"problems lack columns {missing}")
    if missing:
        return pl.DataFrame(schema=PROBLEM_SCHEMA)
    df = problems.select([pl.col(c).cast(t) for c, t in PROBLEM_SCHEMA.items()])
    df = df.with_columns(pl.col("overdue").fill_null(False),
                         pl.col("days_overdue").fill_null(0), pl.col("days_open").fill_null(0))
    return df.sort(["overdue", "days_overdue", "days_open", "problem_id"],
                   descending=[True, True, True, False], nulls_last=True)


def _counts(df: pl.DataFrame) -> tuple[int, int, int | None]:
    """Open, overdue, oldest days open (None when nothing is open)."""
    if not df.height:
        return 0, 0, None
    return df.height, int(df["overdue"].sum()), int(df["days_open"].max())


def _office(n: Notice) -> str:
    return T.ORG.format(city=n.city)


def _clean(v: object) -> str:
    """A data value as one line of text (line breaks and tabs of typed descriptions collapsed)."""
    if v is None:
        return ""
    return " ".join(str(v).split())


# ---------------------------------------------------------------------------------------- PDF
class _Page(FPDF):
    def __init__(self, n: Notice):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.add_font(FONT, "", str(FONT_FILE))
        self.set_margins(15, 15, 15)
        # NOTE: one page whatever the count: nothing may flow onto a second page, the table is
        # cut to what fits instead (see _fit_rows).
        self.set_auto_page_break(False)
        self.c_margin = 0           # NOTE: paddings are explicit; text is measured to the edge
        self.set_creation_date(dt.datetime.combine(n.as_of, dt.time(), tzinfo=dt.UTC))
        self.set_title(f"{T.SUP_TITLE} {n.unit}")
        self.set_subject(n.serial)
        self.set_author(_office(n))
        self.set_producer("Healthy City Cockpit")
        self.add_page()

    @property
    def width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def lines(self, text: str, width: float, max_lines: int | None = None) -> list[str]:
        """text broken into lines no wider than width: between characters, never inside a run of
        letters and digits nor between a number and the word after it ("40 项"), never before
        closing punctuation (carried with the character before it); a space where a line breaks
        is dropped; past max_lines the last line ends in an ellipsis."""
        tokens: list[str] = []
        for tok in _TOKENS.findall(text):
            # NOTE: a token wider than the line itself (a long code) is broken between characters
            tokens += [tok] if self.get_string_width(tok) <= width else list(tok)
        out: list[str] = []
        line: list[str] = []
        for tok in tokens:
            if line and self.get_string_width("".join(line) + tok) > width:
                carry = line.pop() if tok[0] in NO_LINE_START and len(line) > 1 else None
                out.append("".join(line).rstrip())
                line = [carry] if carry else []
                if max_lines is not None and len(out) > max_lines:
                    break
                if tok == " " and not line:
                    continue
            line.append(tok)
        out.append("".join(line))
        if max_lines is not None and len(out) > max_lines:
            last = out[max_lines - 1]
            while last and self.get_string_width(last + ELLIPSIS) > width:
                last = last[:-1]
            out = [*out[:max_lines - 1], last + ELLIPSIS]
        return out

    def text_block(self, text: str, size: float, height: float, align: str = "L",
                   colour=(0, 0, 0), indent: bool = False) -> None:
        """A paragraph; an indented one is justified (every line but the last reaches the right
        margin, by spacing its characters), as an official letter is set."""
        self.set_font(FONT, size=size)
        self.set_text_color(*colour)
        lines = self.lines(("\u3000\u3000" if indent else "") + text, self.width)
        for k, line in enumerate(lines):
            slack = self.width - self.get_string_width(line)
            if indent and k < len(lines) - 1 and len(line) > 1 and 0 < slack < 3 * size / 2.8:
                # NOTE: fpdf2's character spacing is in points whatever the document unit
                self.set_char_spacing(slack * self.k / (len(line) - 1))
            self.set_x(self.l_margin)
            self.cell(self.width, height, line, align=align)
            self.set_char_spacing(0)
            self.ln(height)
        self.set_text_color(0, 0, 0)


# the table: column, width (mm), alignment, lines at most; 180 mm = the text width
TABLE = (("problem_id", 23, "C", 2), ("category", 19, "C", 2), ("description", 55, "L", 2),
         ("place", 27, "L", 2), ("found_date", 17, "C", 1), ("deadline", 17, "C", 1),
         ("status", 12, "C", 1), ("days_overdue", 10, "C", 1))
TABLE_SIZE = 7.5
TABLE_LINE = 3.3
PAD_X, PAD_Y = 1.0, 0.9


def _row_cells(pdf: _Page, r: dict) -> list[list[str]]:
    pdf.set_font(FONT, size=TABLE_SIZE)
    cells = []
    for key, width, _align, most in TABLE:
        inner = width - 2 * PAD_X
        if key == "place":
            street, grid = _clean(r["street_name"]), _clean(r["grid_name"])
            if grid:
                lines = pdf.lines(street, inner, 1) + pdf.lines(grid, inner, 1)
            else:
                lines = pdf.lines(street or F.DASH, inner, most)
        elif key in ("found_date", "deadline"):
            lines = [F.date(r[key])]
        elif key == "days_overdue":
            lines = [str(r[key]) if r["overdue"] else F.DASH]
        else:
            lines = pdf.lines(_clean(r[key]) or F.DASH, inner, most)
        cells.append(lines)
    return cells


def _head_lines(pdf: _Page, label: str, width: float) -> list[str]:
    """A column heading on one line, else split in two halves (逾期/天数, not 逾期天/数)."""
    if pdf.get_string_width(label) <= width:
        return [label]
    half = (len(label) + 1) // 2
    return [label[:half], label[half:]]


def _height(cells: list[list[str]]) -> float:
    return max(len(c) for c in cells) * TABLE_LINE + 2 * PAD_Y


def _draw_row(pdf: _Page, cells: list[list[str]], y: float, head: bool = False,
              red_last: bool = False) -> float:
    h = _height(cells)
    x = pdf.l_margin
    pdf.set_font(FONT, size=TABLE_SIZE)
    pdf.set_draw_color(160, 160, 160)
    pdf.set_fill_color(*HEAD_FILL)
    for j, ((_key, width, align, _most), lines) in enumerate(zip(TABLE, cells)):
        pdf.rect(x, y, width, h, style="DF" if head else "D")
        top = y + (h - len(lines) * TABLE_LINE) / 2
        if red_last and j == len(TABLE) - 1:
            pdf.set_text_color(*RED)
        for k, line in enumerate(lines):
            pdf.set_xy(x + PAD_X, top + k * TABLE_LINE)
            pdf.cell(width - 2 * PAD_X, TABLE_LINE, line, align="C" if head else align)
        pdf.set_text_color(0, 0, 0)
        x += width
    return y + h


def notice_pdf(n: Notice) -> bytes:
    """The notice as one A4 page: the office's red heading, 督办单, serial and date, the unit,
    the counts and the request, this year's on-time closing, the open problems (as many as fit,
    the count of the rest), the office's signature and the data note."""
    df = open_problems(n.problems)
    n_open, n_overdue, oldest = _counts(df)
    pdf = _Page(n)
    office = _office(n)

    # heading: the office in red, the title, serial and date over a red rule
    pdf.set_y(16)
    pdf.text_block(office, 18, 10, align="C", colour=RED)
    pdf.ln(1)
    pdf.set_font(FONT, size=24)
    pdf.set_char_spacing(16)   # points: 督 办 单
    pdf.set_x(pdf.l_margin)
    pdf.cell(pdf.width, 13, T.SUP_TITLE, align="C")
    pdf.set_char_spacing(0)
    pdf.ln(15)
    pdf.set_font(FONT, size=10.5)
    pdf.set_x(pdf.l_margin)
    pdf.cell(pdf.width, 7, n.serial, align="L")
    pdf.set_x(pdf.l_margin)
    pdf.cell(pdf.width, 7, T.DATE_LINE.format(d=n.as_of), align="R")
    pdf.ln(7)
    pdf.set_draw_color(*RED)
    pdf.set_line_width(0.6)
    pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.w - pdf.r_margin, pdf.get_y() + 1)
    pdf.set_line_width(0.2)
    pdf.ln(6)

    # the letter
    pdf.text_block(T.SUP_TO.format(unit=n.unit), 12, 8)
    pdf.ln(1)
    date = F.date(n.as_of)
    if n_open:
        lead = T.SUP_LEAD if n_overdue else T.SUP_LEAD_NONE_OVERDUE
        body = (lead.format(date=date, open=n_open, overdue=n_overdue, oldest=oldest)
                + T.SUP_ASK.format(days=n.reply_days))
    else:
        body = T.SUP_NONE.format(date=date)
    pdf.text_block(body, 12, 7, indent=True)
    if n.closed_total is not None:
        line = (T.SUP_ON_TIME.format(on=n.closed_on_time, total=n.closed_total,
                                     share=n.closed_on_time / n.closed_total)
                if n.closed_total else T.SUP_ON_TIME_NONE)
        pdf.text_block(line, 12, 7, indent=True)

    sign_h = 6 + 2 * 7          # gap and two lines of the signature
    bottom = pdf.h - 17         # the footer's rule is at h - 13
    if n_open:
        pdf.ln(3)
        pdf.text_block(T.SUP_TABLE, 10.5, 7)
        pdf.set_font(FONT, size=TABLE_SIZE)
        head = [_head_lines(pdf, T.SUP_COLS[k], w - 2 * PAD_X) for k, w, _a, _m in TABLE]
        rows = [(_row_cells(pdf, r), bool(r["overdue"])) for r in df.iter_rows(named=True)]
        note_h = 4.5
        y = pdf.get_y() + 1
        room = bottom - sign_h - note_h - y - _height(head)
        heights = [_height(c) for c, _o in rows]
        shown = _fit(heights, room, 5.5)
        y = _draw_row(pdf, head, y, head=True)
        for cells, overdue in rows[:shown]:
            y = _draw_row(pdf, cells, y, red_last=overdue)
        pdf.set_y(y + 0.8)
        pdf.text_block(T.SUP_TABLE_NOTE, 7.5, 4.5, colour=GREY)
        if shown < len(rows):
            pdf.text_block(T.SUP_MORE.format(n=len(rows) - shown), 10, 5.5)

    # signature: the office and the date, centred on each other at the right margin
    pdf.set_font(FONT, size=12)
    block = max(pdf.get_string_width(office), pdf.get_string_width(T.DATE_LINE.format(
        d=n.as_of))) + 4
    y = min(pdf.get_y() + 6, bottom - 2 * 7)
    for k, text in enumerate([office, T.DATE_LINE.format(d=n.as_of)]):
        pdf.set_xy(pdf.w - pdf.r_margin - block, y + k * 7)
        pdf.cell(block, 7, text, align="C")

    # footer: where the numbers come from
    pdf.set_draw_color(180, 180, 180)
    pdf.line(pdf.l_margin, pdf.h - 13, pdf.w - pdf.r_margin, pdf.h - 13)
    pdf.set_font(FONT, size=8)
    pdf.set_text_color(*GREY)
    pdf.set_xy(pdf.l_margin, pdf.h - 12.5)
    pdf.cell(pdf.width, 5, T.SUP_FOOTER.format(date=date, serial=n.serial), align="L")
    return bytes(pdf.output())


def _fit(heights: list[float], room: float, more_h: float) -> int:
    """How many rows of these heights fit in room: all of them, or as many as leave room for the
    line saying how many more there are."""
    if sum(heights) <= room:
        return len(heights)
    used, shown = 0.0, 0
    for h in heights:
        if used + h > room - more_h:
            break
        used += h
        shown += 1
    return shown


# --------------------------------------------------------------------------------------- XLSX
_SHEET_BAD = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_FILE_BAD = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def sheet_names(units: list[str]) -> list[str]:
    """One worksheet name per unit: Excel's forbidden characters replaced, at most 31 characters,
    unique ignoring case and distinct from the summary sheet ("…(2)" when cut names collide)."""
    taken = {T.SUP_SHEET_SUMMARY.casefold()}
    out = []
    for unit in units:
        base = _SHEET_BAD.sub("_", unit).strip("'").strip() or "_"
        name, k = base[:SHEET_NAME_MAX], 1
        while name.casefold() in taken:
            k += 1
            suffix = f"({k})"
            name = base[:SHEET_NAME_MAX - len(suffix)] + suffix
        taken.add(name.casefold())
        out.append(name)
    return out


def _text_width(values: list[object], header: str, cap: float) -> float:
    """A column width in Excel's character units (a Chinese character counts two)."""
    def width(v: object) -> int:
        return sum(2 if ord(c) > 0x2E7F else 1 for c in str(v))
    return min(cap, max(width(v) for v in [header, *values] if v is not None) + 2)


def _batch_date(notices: list[Notice]) -> dt.date | None:
    dates = {n.as_of for n in notices}
    if len(dates) > 1:
        raise ValueError(f"notices of one batch must share as_of, got {sorted(dates)}")
    return next(iter(dates), None)


def notice_xlsx(notices: list[Notice]) -> bytes:
    """One workbook: a summary sheet (every unit: open, overdue, oldest days open, this year's
    on-time closing, a link to its sheet) and one sheet per unit with every open problem."""
    as_of = _batch_date(notices)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    stamp = dt.datetime.combine(as_of or dt.date(2000, 1, 1), dt.time())
    date = F.date(as_of) if as_of else F.DASH
    wb.set_properties({"title": T.SUP_XLSX_TITLE.format(date=date), "created": stamp,
                       "author": _office(notices[0]) if notices else ""})
    head = wb.add_format({"bold": True, "bg_color": HEAD_HEX, "border": 1, "text_wrap": True,
                          "valign": "vcenter", "align": "center"})
    top = wb.add_format({"valign": "top"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    day = wb.add_format({"num_format": "yyyy-mm-dd", "valign": "top", "align": "center"})
    centre = wb.add_format({"valign": "top", "align": "center"})
    red = wb.add_format({"valign": "top", "align": "center", "font_color": RED_HEX,
                         "bold": True})
    share_fmt = wb.add_format({"num_format": "0.0%", "valign": "top"})
    link = wb.add_format({"font_color": "#0563C1", "underline": 1, "valign": "top"})

    names = sheet_names([n.unit for n in notices])
    frames = [open_problems(n.problems) for n in notices]

    # the summary
    ws = wb.add_worksheet(T.SUP_SHEET_SUMMARY)
    cols = T.SUP_SUMMARY_COLS
    for j, key in enumerate(cols):
        ws.write_string(0, j, cols[key], head)
    for i, (n, df, name) in enumerate(zip(notices, frames, names), start=1):
        n_open, n_overdue, oldest = _counts(df)
        ws.write_string(i, 0, n.unit, top)
        ws.write_string(i, 1, n.serial, top)
        ws.write_number(i, 2, n_open, top)
        ws.write_number(i, 3, n_overdue, red if n_overdue else top)
        _number_or_blank(ws, i, 4, oldest, top)
        _number_or_blank(ws, i, 5, n.closed_on_time, top)
        _number_or_blank(ws, i, 6, n.closed_total, top)
        _number_or_blank(ws, i, 7, n.closed_on_time / n.closed_total if n.closed_total else None,
                         share_fmt)
        ws.write_url(i, 8, f"internal:'{name.replace(chr(39), chr(39) * 2)}'!A1", link,
                     string=name)
    widths = [_text_width([n.unit for n in notices], cols["unit"], 40),
              _text_width([n.serial for n in notices], cols["serial"], 30),
              *[_text_width([], cols[k], 20) for k in list(cols)[2:8]],
              _text_width(names, cols["sheet"], 40)]
    for j, w in enumerate(widths):
        ws.set_column(j, j, w)
    ws.freeze_panes(1, 0)
    ws.write_string(len(notices) + 2, 0, T.SUP_XLSX_NOTE.format(date=date))

    # one sheet per unit
    keys = list(PROBLEM_SCHEMA)
    for n, df, name in zip(notices, frames, names):
        ws = wb.add_worksheet(name)
        for j, key in enumerate(keys):
            ws.write_string(0, j, T.SUP_COLS[key], head)
        for i, r in enumerate(df.iter_rows(named=True), start=1):
            for j, key in enumerate(keys):
                v = r[key]
                if v is None:
                    ws.write_blank(i, j, None, top)
                elif key in ("found_date", "deadline"):
                    ws.write_datetime(i, j, v, day)
                elif key == "overdue":
                    ws.write_string(i, j, T.SUP_YES if v else T.SUP_NO, red if v else centre)
                elif key == "days_overdue":
                    ws.write_number(i, j, v, red if r["overdue"] else centre)
                elif isinstance(v, int):
                    ws.write_number(i, j, v, centre)
                else:
                    ws.write_string(i, j, str(v), wrap if key == "description" else top)
        for j, key in enumerate(keys):
            if key in ("found_date", "deadline"):
                width = 12
            elif key == "description":
                width = max(30, _text_width(df[key].to_list(), T.SUP_COLS[key], 50))
            else:
                width = _text_width(df[key].to_list(), T.SUP_COLS[key], 30)
            ws.set_column(j, j, width)
        ws.freeze_panes(1, 0)
        if df.height:
            ws.autofilter(0, 0, df.height, len(keys) - 1)
        ws.write_string(df.height + 2, 0, T.SUP_XLSX_UNIT_NOTE.format(unit=n.unit,
                                                                      serial=n.serial))
        ws.write_string(df.height + 3, 0, T.SUP_XLSX_NOTE.format(date=F.date(n.as_of)))
    wb.close()
    return buf.getvalue()


def _number_or_blank(ws, row: int, col: int, v: float | None, fmt) -> None:
    if v is None:
        ws.write_blank(row, col, None, fmt)
    else:
        ws.write_number(row, col, v, fmt)


# ---------------------------------------------------------------------------------------- ZIP
def file_names(notices: list[Notice]) -> list[str]:
    """The PDF file name of each notice (督办单_{unit}_{as_of:%Y%m%d}.pdf), characters a file
    system refuses replaced, unique."""
    out: list[str] = []
    for n in notices:
        name = T.SUP_FILE_PDF.format(unit=_FILE_BAD.sub("_", n.unit).strip() or "_",
                                     date=n.as_of)
        stem, k = name[:-4], 1
        while name in out:
            k += 1
            name = f"{stem}({k}).pdf"
        out.append(name)
    return out


def notices_zip(notices: list[Notice]) -> bytes:
    """A ZIP of every unit's PDF and the batch's XLSX, byte for byte the same for the same
    notices (entries dated as_of, in the notices' order, the XLSX last)."""
    as_of = _batch_date(notices)
    stamp = (as_of or dt.date(2000, 1, 1)).timetuple()[:6]
    entries = [(name, notice_pdf(n)) for name, n in zip(file_names(notices), notices)]
    xlsx_name = T.SUP_FILE_XLSX.format(date=as_of) if as_of else \
        T.SUP_FILE_XLSX.replace("_{date:%Y%m%d}", "")
    entries.append((xlsx_name, notice_xlsx(notices)))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buf.getvalue()
