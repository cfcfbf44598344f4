"""The printed briefing (A4, Chinese, the vendored CJK font embedded) with fpdf2."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos
from fpdf.fonts import FontFace
from PIL import Image

from app import formatting as F
from app.snapshot import text as T
from app.snapshot.build import STATUS_KEY, Section, Snapshot
from warehouse.assessment import DISTRICTS
from warehouse.status import VOCABULARY

FONT_FILE = Path(__file__).resolve().parent.parent / "fonts" / "NotoSansSC-Regular-GB2312.ttf"
FONT = "NotoSansCJKsc"
RED = (192, 0, 0)
GREY = (90, 90, 90)
HEAD_FILL = (234, 238, 244)
MAX_SITES = 15
# The indicator table's columns (indicator, period, value, goal, gap, status, two changes, why)
INDICATOR_WIDTHS = [30, 15, 13, 17, 18, 12, 16, 19, 40]
INDICATOR_ALIGN = ["L", "C", "R", "C", "R", "C", "C", "C", "L"]


class Briefing(FPDF):
    def __init__(self, snap: Snapshot):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.snap = snap
        self.add_font(FONT, "", str(FONT_FILE))
        self.add_font(FONT, "B", str(FONT_FILE))   # one weight: headings use size and colour
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=18)
        self.alias_nb_pages("{nb}")

    def footer(self) -> None:
        s = self.snap
        self.set_y(-13)
        self.set_draw_color(180, 180, 180)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.set_font(FONT, size=7.5)
        self.set_text_color(*GREY)
        left = T.FOOTER.format(version=s.version, published=s.published_at.replace("T", " "),
                               sunday=s.sunday)
        self.cell(0, 6, left, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 6, T.PAGE.format(page=self.page_no(), pages="{nb}"), align="R")
        self.set_text_color(0, 0, 0)

    # -- building blocks
    def heading(self, text: str) -> None:
        if self.get_y() > self.h - 45:
            self.add_page()
        self.ln(3)
        self.set_font(FONT, size=13)
        self.set_text_color(*RED)
        self.cell(0, 8, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)

    def para(self, text: str, size: float = 10, colour=(0, 0, 0), indent: bool = True) -> None:
        self.set_font(FONT, size=size)
        self.set_text_color(*colour)
        self.multi_cell(0, size * 0.55, ("\u3000\u3000" if indent else "") + text,
                        wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)
        self.ln(1)

    def note(self, text: str) -> None:
        self.para(text, size=8, colour=GREY, indent=False)

    def grid(self, header: list[str], rows: list[list[str]], widths: list[float],
             align: list[str], statuses: list[str | None] | None = None,
             status_idx: int | None = None, size: float = 8) -> None:
        self.set_font(FONT, size=size)
        self.set_draw_color(160, 160, 160)
        with self.table(col_widths=widths, text_align=align, line_height=size * 0.5,
                        wrapmode=WrapMode.CHAR, first_row_as_headings=True,
                        headings_style=FontFace(fill_color=HEAD_FILL),
                        padding=(0.8, 1), repeat_headings=1) as table:
            hr = table.row()
            for h in header:
                hr.cell(h, align="C")
            for i, r in enumerate(rows):
                row = table.row()
                for j, v in enumerate(r):
                    if statuses is not None and j == status_idx and statuses[i]:
                        st = statuses[i]
                        row.cell(v, align="C", style=FontFace(
                            color=VOCABULARY[st].text_rgb, fill_color=VOCABULARY[st].rgb))
                    else:
                        row.cell(v)
        self.ln(1.5)


def _cell(v, pattern: str | None = None) -> str:
    if F.missing(v):
        return F.DASH
    if isinstance(v, float):
        text = pattern.format(v) if pattern else f"{v:.2f}"
        # a small negative number rounded to zero prints as 0.00, not -0.00
        return text[1:] if text.startswith("-") and not text.strip("-0.%") else text
    return str(v)


def _plain(sec: Section, limit: int | None = None) -> tuple[list[str], list[list[str]]]:
    df = sec.table if limit is None else sec.table.head(limit)
    rows = [[_cell(v, sec.formats.get(c)) for c, v in zip(df.columns, r)] for r in df.iter_rows()]
    return df.columns, rows


def _width(text: str) -> int:
    """Printed width of a text in half-width characters (a CJK character counts two)."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def auto_grid(pdf: Briefing, header: list[str], rows: list[list[str]],
              statuses: list[str | None] | None = None, status_idx: int | None = None) -> None:
    """A table whose column widths follow their content: narrow columns (codes, numbers, short
    names) get what they need, wide text columns share the rest of the page width."""
    size = 7 if len(header) > 7 else 8
    usable = pdf.w - pdf.l_margin - pdf.r_margin
    per_char = size * 0.19          # mm per half-width character at this size
    need = [max([_width(h) * 0.6] + [max(_width(x) for x in r[j].split("\n")) for r in rows])
            * per_char + 2.5 for j, h in enumerate(header)]
    narrow = [n <= 16 * per_char + 2.5 for n in need]
    fixed = sum(n for n, k in zip(need, narrow) if k)
    wide = sum(n for n, k in zip(need, narrow) if not k)
    if fixed + wide <= usable:
        widths = [n * usable / (fixed + wide) for n in need]
    elif wide and fixed < usable:
        widths = [n if k else n * (usable - fixed) / wide for n, k in zip(need, narrow)]
    else:
        widths = [n * usable / (fixed + wide) for n in need]
    align = ["R" if rows and all(_numeric(r[j]) for r in rows) else "L"
             for j in range(len(header))]
    pdf.grid(header, rows, [round(w, 1) for w in widths], align, statuses, status_idx, size=size)


def _numeric(v: str) -> bool:
    return v == F.DASH or v.replace(".", "", 1).replace("%", "").lstrip("+-").isdigit()


def masthead(pdf: Briefing, snap: Snapshot) -> None:
    pdf.set_font(FONT, size=18)
    pdf.set_text_color(*RED)
    pdf.multi_cell(0, 10, snap.title, align="C", wrapmode=WrapMode.CHAR,
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=10.5)
    pdf.set_text_color(0, 0, 0)
    pdf.cell(0, 7, snap.issue, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=9)
    pdf.cell(0, 6, T.ORG.format(city=snap.city_name), align="L")
    pdf.set_x(pdf.l_margin)
    pdf.cell(0, 6, T.DATE_LINE.format(d=snap.sunday), align="R",
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(*RED)
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.w - pdf.r_margin, pdf.get_y() + 1)
    pdf.set_line_width(0.2)
    pdf.ln(3)


# Rows of a long table printed in a month's or quarter's PDF (all of them are in the XLSX).
PRINT_ROWS = {"problems": 15, "unit_closure": 15, "problems_oldest": 10, "reporting_late": 20,
              "assess_items": None}


def _new_document(snap: Snapshot) -> Briefing:
    pdf = Briefing(snap)
    stamp = dt.datetime.fromisoformat(snap.published_at) if snap.published_at else \
        dt.datetime(2000, 1, 1)
    pdf.set_creation_date(stamp.replace(tzinfo=dt.UTC))
    pdf.set_title(snap.title.strip("《》") + " " + snap.issue)
    pdf.set_author(T.ORG.format(city=snap.city_name))
    pdf.set_producer("Healthy City Cockpit")
    pdf.add_page()
    masthead(pdf, snap)
    return pdf


def render_period(snap: Snapshot, images: list[bytes]) -> bytes:
    """A month's bulletin or a quarter's assessment: the headings of text.LAYOUT, each with its
    sections' lead lines, tables (long ones cut, with a pointer to the XLSX) and notes."""
    kind, p = snap.kind, snap.period
    pdf = _new_document(snap)
    pdf.note(T.ISSUE_RULE_KIND[kind].format(year=p.year, number=p.number, end=p.end))
    secs = snap.sections
    for i, (heading, keys) in enumerate(T.LAYOUT[kind]):
        pdf.heading(heading)
        if i == 0:
            for line in snap.overview:
                pdf.para(line)
        for key in keys:
            sec = secs.get(key)
            if sec is None or (key == "due" and not sec.table.height):
                continue    # (nothing due: the overview already says so)
            for n in sec.lead:
                pdf.para(n, size=9, indent=False)
            if key == "indicators":
                shown = sec.display
                statuses = [STATUS_KEY[s] for s in sec.table[T.COLS["status"]]]
                pdf.grid(shown.columns, [list(r) for r in shown.iter_rows()], INDICATOR_WIDTHS,
                         INDICATOR_ALIGN, statuses, shown.columns.index(T.COLS["status"]),
                         size=7)
            elif sec.table.height and key != "overview":
                table = sec.table
                if key == "assess_items":
                    table = table.filter(table[T.COLS["object_type"]] == DISTRICTS)
                limit = PRINT_ROWS.get(key, 60) or table.height
                h, rows = _plain(Section(key, table, sec.formats))
                if len(rows) > limit:
                    # a table ending in its 合计 row keeps it
                    rows = rows[:limit] + (rows[-1:] if rows[-1][0] == T.TOTAL else [])
                auto_grid(pdf, h, rows)
                if table.height < sec.table.height or sec.table.height > limit:
                    pdf.note(T.MORE_ROWS.format(top=min(limit, table.height),
                                                n=sec.table.height,
                                                sheet=T.sheet(key, kind)))
            for n in sec.notes:
                pdf.note(n)
    pdf.heading(T.CHARTS_HEADING[kind])
    pdf.note(T.CHARTS_NOTE.format(sunday=p.end))
    _charts(pdf, images)
    return bytes(pdf.output())


def _charts(pdf: Briefing, images: list[bytes]) -> None:
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for png in images:
        with Image.open(io.BytesIO(png)) as im:
            height = width * im.height / im.width
        if pdf.get_y() + height > pdf.h - 18:
            pdf.add_page()
        pdf.image(io.BytesIO(png), x=pdf.l_margin, w=width)
        pdf.ln(2)


def render(snap: Snapshot, images: list[bytes]) -> bytes:
    if snap.kind != "week":
        return render_period(snap, images)
    pdf = _new_document(snap)
    pdf.note(T.ISSUE_RULE.format(year=snap.iso_year, week=snap.iso_week, sunday=snap.sunday))

    # 1. overview
    secs, cols = snap.sections, T.COLS
    pdf.heading(T.SECTIONS["overview"])
    for line in snap.overview:
        pdf.para(line)
    if secs["due"].table.height:
        h, rows = _plain(secs["due"])
        pdf.grid(h, rows, [24, 20, 136], ["C", "C", "L"])

    # 2. indicators
    pdf.heading(T.SECTIONS["indicators"])
    shown = secs["indicators"].display
    header = [cols["indicator"], cols["period"], cols["value"], cols["goal"], cols["gap"],
              cols["status"],
              cols["d_week"], cols["d_month"], cols["why"]]
    rows = [[r[c] for c in header] for r in shown.iter_rows(named=True)]
    statuses = [STATUS_KEY[s] for s in secs["indicators"].table[cols["status"]]]
    pdf.grid(header, rows, INDICATOR_WIDTHS, INDICATOR_ALIGN, statuses, 5, size=7)
    for n in secs["indicators"].notes:
        pdf.note(n)

    # 3. waterlogging
    pdf.heading(T.SECTIONS["waterlogging"])
    for n in secs["waterlogging"].lead:
        pdf.para(n, size=9)
    if secs["waterlogging"].table.height:
        h, rows = _plain(secs["waterlogging"])
        pdf.grid(h, rows, [40, 35, 35, 35, 35], ["L", "R", "R", "R", "R"])

    # 4. mosquitoes
    pdf.heading(T.SECTIONS["mosquito"])
    mq = secs["mosquito"]
    for n in mq.lead:
        pdf.para(n, size=9)
    pdf.para(T.MOSQ_TABLE, size=10, indent=False)
    h, rows = _plain(mq)
    pdf.grid(h, rows, [24, 28, 28, 24, 22, 18, 36], ["L", "R", "R", "R", "R", "C", "C"])
    for n in mq.notes:
        pdf.note(n)
    sites = secs["sites"]
    pdf.para(T.SITES_TABLE.format(n=sites.table.height), size=10, indent=False)
    for n in sites.notes:
        pdf.note(n)
    if sites.table.height:
        h, rows = _plain(sites, MAX_SITES)
        pdf.grid(h, rows, [18, 20, 48, 24, 22, 24, 24], ["C", "C", "L", "C", "R", "R", "C"])
        if sites.table.height > MAX_SITES:
            pdf.note(T.SITES_TOP.format(top=MAX_SITES, n=sites.table.height,
                                        sheet=T.SHEETS["sites"]))

    # 5. inspection problems
    pdf.heading(T.SECTIONS["problems"])
    pb, old = secs["problems"], secs["problems_oldest"]
    for n in pb.lead:
        pdf.para(n, size=9)
    if pb.table.height:
        pdf.para(T.PROBLEMS_TABLE, size=10, indent=False)
        h, rows = _plain(pb)
        more = len(rows) - 1 > T.PROBLEMS_UNITS_N       # the last row is the total
        rows = [*rows[:T.PROBLEMS_UNITS_N], rows[-1]] if more else rows
        pdf.grid(h, rows, [60, 24, 24, 24, 24, 24], ["L", "R", "R", "R", "R", "R"])
        if more:
            pdf.note(T.PROBLEMS_UNITS_TOP.format(top=T.PROBLEMS_UNITS_N,
                                                 n=pb.table.height - 1,
                                                 sheet=T.SHEETS["problems"]))
    if old.table.height:
        pdf.para(T.PROBLEMS_OLDEST_TABLE, size=10, indent=False)
        h, rows = _plain(old)
        pdf.grid(h, rows, [18, 16, 38, 30, 14, 17, 17, 14, 16],
                 ["C", "C", "L", "L", "C", "C", "C", "R", "R"], size=7)
        for n in old.notes:
            pdf.note(n)

    # 6. ranking
    pdf.heading(T.SECTIONS["ranking"])
    rk = secs["ranking"]
    h, rows = _plain(rk)
    n_dom = len(h) - 5
    pdf.grid(h, rows, [12, 22, 20, *([round(96 / max(n_dom, 1), 1)] * n_dom), 16, 14],
             ["C", "L", "R", *(["R"] * n_dom), "C", "C"])
    for n in rk.notes:
        pdf.note(n)

    # 7. charts
    pdf.heading(T.SECTIONS["charts"])
    pdf.note(T.CHARTS_NOTE.format(sunday=snap.sunday))
    _charts(pdf, images)
    return bytes(pdf.output())

