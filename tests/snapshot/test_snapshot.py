"""The weekly snapshot (周调度简报) on the sample city: numbers equal indicator_values, the PDF
embeds the CJK font and its text holds the Chinese title and sections, charts render text, the
pack is reproducible, missing data is said in words, the CLI fails in plain words."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import openpyxl
import pytest
from pypdf import PdfReader

from app.snapshot import build as B
from app.snapshot import images
from app.snapshot import text as T
from app.snapshot.__main__ import main
from app.snapshot.pack import make

pytestmark = pytest.mark.slow
WEEK = "2025-W32"


@pytest.fixture(scope="module")
def pack(con_info):
    return make(*con_info, WEEK)


def pdf_text(data: bytes, pages: int | None = None) -> str:
    """The PDF's text (pypdf), without whitespace."""
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages[:pages]))


def test_pdf_embeds_a_cjk_font_and_holds_the_chinese_text(pack):
    reader = PdfReader(io.BytesIO(pack.pdf))
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.5)   # A4
    fonts, embedded = set(), False
    for page in reader.pages:
        for f in page["/Resources"]["/Font"].values():
            f = f.get_object()
            fonts.add(str(f["/BaseFont"]))
            for d in f.get("/DescendantFonts", []):
                desc = d.get_object()["/FontDescriptor"].get_object()
                embedded |= any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert any("NotoSansCJK" in f for f in fonts), fonts
    assert embedded
    text = pdf_text(pack.pdf)
    assert "《XX市创建国家卫生城市工作周调度简报》" in text
    for title in T.SECTIONS.values():
        assert title in text, title
    assert "2025年第32期" in text and "2025-08-04至2025-08-10" in text
    assert "数据版本v1" in text and "第1/" in text   # footer with page numbers


def test_numbers_equal_indicator_values(pack, con_info):
    con, _ = con_info
    snap = pack.snapshot
    table = snap.sections["indicators"].table
    text = pdf_text(pack.pdf)
    wb = openpyxl.load_workbook(io.BytesIO(pack.xlsx))
    ws = wb[T.SHEETS["indicators"]]
    header = [c.value for c in ws[1]]
    xlsx_values = {r[header.index("指标")]: r[header.index("最新值")]
                   for r in ws.iter_rows(min_row=2, values_only=True) if r[0]}
    headline = con.sql("select indicator_id from dim_indicator where headline").fetchall()
    assert {h[0] for h in headline} <= set(table["indicator_id"])
    checked = 0
    from app import formatting as F
    from warehouse import queries

    meta = {m["indicator_id"]: m for m in queries.run(con, "indicator_meta").iter_rows(named=True)}
    for r in table.iter_rows(named=True):
        # a past week's briefing sees only the periods complete by its Sunday: a month or a
        # quarter once it has ended, a year once its registered close day (a survey's or a
        # season's) has passed
        want = con.sql(
            "select v.value from indicator_values v join dim_indicator d using (indicator_id) "
            "where v.indicator_id = $i and v.area_code = '990100' and v.period_grain = "
            "d.status_grain and v.value is not null and v.closes_on <= $s "
            "order by v.period_start desc limit 1",
            params={"i": r["indicator_id"], "s": snap.sunday}).fetchall()
        if not want:
            assert r["最新值"] is None
            continue
        assert r["最新值"] == pytest.approx(want[0][0], abs=1e-12)
        assert xlsx_values[r["指标"]] == pytest.approx(want[0][0], abs=1e-12)
        assert F.value(want[0][0], meta[r["indicator_id"]]).replace(" ", "") in text
        checked += 1
    assert checked >= 10


def test_weekly_tables_equal_the_warehouse(pack, con_info):
    con, _ = con_info
    snap = pack.snapshot
    mq = snap.sections["mosquito"].table
    want = con.sql("select value from indicator_values where indicator_id = "
                   "'mosq_light_trap_density' and period_grain = 'week' and area_code = '990100' "
                   "and period_start = $m", params={"m": snap.monday}).fetchall()[0][0]
    assert mq["本周诱蚊灯密度"][0] == pytest.approx(want)
    wl = snap.sections["waterlogging"].table
    found = con.sql("select count(*) from stg_waterlogging where found_date between $a and $b",
                    params={"a": snap.monday, "b": snap.sunday}).fetchall()[0][0]
    assert wl["本周新发现"][-1] == found
    rk = snap.sections["ranking"].table
    assert rk["名次"].to_list() == list(range(1, rk.height + 1))


def test_xlsx_sheets_headers_formats_colours(pack):
    wb = openpyxl.load_workbook(io.BytesIO(pack.xlsx))
    assert wb.sheetnames == [T.SHEETS[k] for k in pack.snapshot.sections]
    ws = wb[T.SHEETS["indicators"]]
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    assert "状态" in header and "最新值" in header and "indicator_id" not in header
    col = header.index("状态") + 1
    fills = {"达标": "2E7D32", "预警": "F9A825", "落后": "C62828", "数据不全": "9E9E9E",
             "无阶段目标": "90A4AE", "暂无数据": "CFD8DC"}
    seen = set()
    for row in range(2, 2 + pack.snapshot.sections["indicators"].table.height):
        cell = ws.cell(row, col)
        assert cell.fill.fgColor.rgb.endswith(fills[cell.value])
        seen.add(cell.value)
    assert {"达标", "落后"} <= seen
    value_cell = ws.cell(2, header.index("最新值") + 1)
    assert value_cell.number_format == '0.0"%"'
    # gaps and changes of a rate are in percentage points, of a density in its own unit
    rows = {ws.cell(r, header.index("指标") + 1).value: r for r in range(2, ws.max_row + 1)}
    assert ws.cell(rows["生活垃圾回收利用率"], header.index("差距") + 1).number_format == \
        '0.0" 个百分点"'
    assert ws.cell(rows["生活垃圾回收利用率"], header.index("较上周") + 1).number_format == \
        '+0.0" 个百分点";-0.0" 个百分点";0'
    assert ws.cell(rows["诱蚊灯法成蚊密度"], header.index("差距") + 1).number_format == \
        '0.00" 只/(灯·夜)"'


def test_same_week_same_pack(con_info, pack):
    again = make(*con_info, WEEK)
    assert again.manifest == pack.manifest
    assert again.xlsx == pack.xlsx
    for k in pack.snapshot.sections:
        assert again.snapshot.sections[k].table.equals(pack.snapshot.sections[k].table)
    m = pack.manifest
    assert m["week"] == WEEK and m["data_version"] == 1 and len(m["tables"]) == 9
    stamps = re.findall(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", json.dumps(m))
    assert stamps == [m["published_at"][:16]]   # no timestamp but the warehouse's own


def test_charts_render_chinese_text_not_boxes(pack):
    from PIL import Image, ImageChops

    chart = pack.snapshot.charts[0]

    def render(**labels):
        return Image.open(io.BytesIO(images.png(chart, {**images.LABELS, **labels}))).convert("L")

    a, b = render(title="生活垃圾回收利用率"), render(title="蚊虫密度阶段目标达")
    blank = render(title=" ", actual=" ", goal="  ", glide="   ", period=" ", value=" ")
    top = (a.width // 4, 0, 3 * a.width // 4, 44)   # the title's band, above the plot
    ink = lambda im: sum(1 for p in im.crop(top).tobytes() if p < 128)  # noqa: E731
    assert ink(a) > 200 and ink(blank) < 20          # the title draws ink
    # Two different titles of nine characters: tofu boxes would draw the same shapes.
    assert ImageChops.difference(a.crop(top), b.crop(top)).getbbox() is not None
    assert len(pack.charts) == 7          # one per headline indicator


def test_a_week_without_data_says_so(con_info):
    snap = B.build(*con_info, "2025-W02")          # winter: no light-trap surveys
    mq = snap.sections["mosquito"]
    assert mq.table["本周诱蚊灯密度"].null_count() == mq.table.height   # blank, not 0
    assert any("不代表密度为零" in n for n in mq.lead)   # said before the table
    assert any("无诱蚊灯监测数据" in line for line in snap.overview)
    late = B.build(*con_info, "2026-W47")          # the ledger stops on 2026-11-20
    assert any("尚未上报" in n for n in late.sections["waterlogging"].lead)


def test_district_briefing(con_info):
    snap = B.build(*con_info, WEEK, "990105")
    assert "南江区" in snap.title
    assert set(snap.sections["waterlogging"].table["区域"][:-1]) <= set(
        r[0] for r in con_info[0].sql("select name_zh from dim_area where parent_code='990105'")
        .fetchall())


def test_cli_writes_the_pack_and_fails_in_plain_words(sample_warehouse, tmp_path, capsys):
    assert main(["--week", WEEK, "--out", str(tmp_path / "a"), "--warehouse",
                 str(sample_warehouse), "--quiet"]) == 0
    files = sorted(p.relative_to(tmp_path / "a").as_posix() for p in (tmp_path / "a").rglob("*")
                   if p.is_file())
    assert "manifest.json" in files and f"周调度简报_{WEEK}.pdf" in files
    assert len([f for f in files if f.endswith(".png")]) == 7
    assert main(["--week", "2025-W99", "--out", str(tmp_path / "b"), "--warehouse",
                 str(sample_warehouse)]) == 2
    assert "没有第 99 周" in capsys.readouterr().err
    assert main(["--week", "2040-W01", "--out", str(tmp_path / "b"), "--warehouse",
                 str(sample_warehouse)]) == 2
    assert "不在数据范围内" in capsys.readouterr().err
    assert main(["--week", WEEK, "--out", str(tmp_path / "c"), "--warehouse",
                 str(tmp_path / "empty")]) == 2
    assert "仓库是空的" in capsys.readouterr().err


def test_week_parsing():
    assert B.parse_week("2025-W32")[2:] == (dt.date(2025, 8, 4), dt.date(2025, 8, 10))
    assert B.parse_week("2020w53")[2] == dt.date(2020, 12, 28)
    with pytest.raises(B.SnapshotError):
        B.parse_week("2025-32")
