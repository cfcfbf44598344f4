"""The 督办单 (supervision notice): one A4 page whatever the count, the CJK font embedded, the
unit, heading and problem numbers in the text, the XLSX summary and unit sheets (real dates, red
overdue days), reproducible bytes, the ZIP's files; every printed character in the font."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import openpyxl
import polars as pl
import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from app.snapshot import supervision as S
from app.snapshot import text as T

AS_OF = dt.date(2026, 11, 20)
CATEGORIES = ["环境卫生", "垃圾分类", "病媒生物", "农贸市场", "背街小巷", "“三小”场所"]
STATUSES = ["未整改", "整改中", "待复核", "复发", "未销号"]
STREETS = ["月湖街道", "东湖街道", "南江路街道", "新华街道"]
FOUND_BY = ["日常巡查", "暗访", "12345热线", "第三方评估"]
DESCRIPTIONS = [
    "农贸市场东侧垃圾收集点未密闭，周边地面有积存垃圾和污水，蝇类密度超标",
    "背街小巷路面破损积水",
    "餐饮店后厨防鼠设施缺失，排水沟未加装防鼠网；从业人员健康证过期，未公示“门前三包”责任书",
    "公共厕所无人保洁",
]


def problems(n: int, unit: int = 0) -> pl.DataFrame:
    """n open problems on AS_OF, deterministic, deliberately not in the notice's order."""
    rows = []
    for i in range(n):
        found = AS_OF - dt.timedelta(days=3 + (i * 37) % 120)
        deadline = found + dt.timedelta(days=(15, 30, 60)[i % 3])
        overdue = deadline < AS_OF
        rows.append({
            "problem_id": f"DB2026-{unit}{i + 1:04d}", "category": CATEGORIES[i % 6],
            "description": DESCRIPTIONS[i % 4], "street_name": STREETS[i % 4],
            "grid_name": None if i % 5 == 0 else f"第{i % 9 + 1}网格",
            "found_date": found, "found_by": FOUND_BY[i % 4], "deadline": deadline,
            "status": STATUSES[i % 5], "days_open": (AS_OF - found).days, "overdue": overdue,
            "days_overdue": (AS_OF - deadline).days if overdue else 0,
        })
    return pl.DataFrame(rows, schema=S.PROBLEM_SCHEMA)


def notice(n: int, unit: str = "南江区城市管理局", index: int = 1, closed=(37, 41)) -> S.Notice:
    return S.Notice(unit=unit, as_of=AS_OF, city="XX市", serial=S.notice_serial(AS_OF, index),
                    problems=problems(n, index), closed_on_time=closed[0],
                    closed_total=closed[1])


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))


def test_serial_is_numbered_by_iso_week_and_index():
    assert S.notice_serial(AS_OF, 3) == "督办〔2026〕第47-03号"
    assert S.notice_serial(dt.date(2027, 1, 1), 12) == "督办〔2026〕第53-12号"   # ISO year
    with pytest.raises(ValueError):
        S.notice_serial(AS_OF, 0)


def test_problems_are_sorted_overdue_first_whatever_the_input_order():
    df = S.open_problems(problems(30).reverse())
    assert df["overdue"].to_list() == sorted(df["overdue"].to_list(), reverse=True)
    over = df.filter(pl.col("overdue"))
    assert over["days_overdue"].to_list() == sorted(over["days_overdue"].to_list(), reverse=True)
    rest = df.filter(~pl.col("overdue"))
    assert rest["days_open"].to_list() == sorted(rest["days_open"].to_list(), reverse=True)


def test_counts_must_make_sense():
    with pytest.raises(ValueError):
        notice(3, closed=(5, 4))
    with pytest.raises(ValueError):
        notice(3, closed=(5, None))


@pytest.mark.parametrize("count", [0, 3, 60])
def test_the_pdf_is_one_a4_page(count):
    data = S.notice_pdf(notice(count))
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.5)
    text = pdf_text(data)
    assert "南江区城市管理局" in text and "督办单" in text
    assert "XX市爱国卫生运动委员会办公室（创卫办）" in text
    assert "督办〔2026〕第47-01号" in text and "2026年11月20日" in text
    assert "数据截至2026-11-20，依据督查问题台账" in text
    assert "今年按期销号37/41项（90.2%）" in text


def test_three_problems_are_all_listed_with_the_counts():
    n = notice(3)
    text = pdf_text(S.notice_pdf(n))
    for pid in n.problems["problem_id"]:
        assert pid in text
    df = S.open_problems(n.problems)
    overdue, oldest = int(df["overdue"].sum()), int(df["days_open"].max())
    assert 0 < overdue < 3
    assert f"尚有未销号问题3项，其中已超过整改时限{overdue}项" in text
    assert f"已{oldest}天未销号" in text
    assert "请于收到本督办单后5个工作日内完成整改并反馈整改情况" in text
    assert "另有" not in text


def test_sixty_problems_list_what_fits_and_count_the_rest():
    n = notice(60)
    text = pdf_text(S.notice_pdf(n))
    ids = S.open_problems(n.problems)["problem_id"].to_list()
    listed = [pid for pid in ids if pid in text]
    assert 10 <= len(listed) < 60
    assert listed == ids[:len(listed)]         # the first rows in the notice's order
    assert f"另有{60 - len(listed)}项未列出，详见附表（XLSX）" in text


def test_no_open_problems_says_so_without_a_table():
    text = pdf_text(S.notice_pdf(notice(0, closed=(0, 0))))
    assert "截至2026-11-20，督查问题台账中你单位没有未销号的问题" in text
    assert T.SUP_COLS["problem_id"] not in text and "另有" not in text
    assert "今年尚无销号问题" in text
    bare = S.Notice("东湖区城市管理局", AS_OF, "XX市", S.notice_serial(AS_OF, 2),
                    pl.DataFrame(), None, None)
    text = pdf_text(S.notice_pdf(bare))
    assert "没有未销号的问题" in text and "按期销号" not in text


def test_the_pdf_embeds_the_noto_font():
    reader = PdfReader(io.BytesIO(S.notice_pdf(notice(3))))
    fonts, embedded = [], False
    for f in reader.pages[0]["/Resources"]["/Font"].values():
        f = f.get_object()
        fonts.append(str(f["/BaseFont"]))
        for d in f.get("/DescendantFonts", []):
            desc = d.get_object()["/FontDescriptor"].get_object()
            embedded |= "/FontFile2" in desc
    assert fonts and all("Noto" in f for f in fonts), fonts
    assert embedded


def test_every_printed_character_is_in_the_font():
    cmap = TTFont(S.FONT_FILE).getBestCmap()
    words = [v for k, v in vars(T).items() if k.startswith("SUP_") and isinstance(v, str)]
    words += [v for k, v in vars(T).items() if k.startswith("SUP_") and isinstance(v, dict)
              for v in v.values()]
    words += [T.ORG, T.DATE_LINE, S.ELLIPSIS, *CATEGORIES, *STATUSES, *DESCRIPTIONS]
    missing = {c for w in words for c in w if ord(c) not in cmap}
    assert missing == set()


def test_long_unit_names_long_texts_stay_on_one_page():
    unit = "南江区住房和城乡建设局（南江区人民防空办公室、南江区城市综合执法局）市容环境卫生管理科"
    df = problems(25).with_columns(pl.concat_str([pl.col("description")] * 4),
                                       pl.concat_str([pl.col("problem_id")] * 3, separator="-"))
    n = S.Notice(unit, AS_OF, "XX市", S.notice_serial(AS_OF, 9), df, 3, 10, reply_days=10)
    data = S.notice_pdf(n)
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    assert "10个工作日内" in pdf_text(data)


def workbook(notices):
    return openpyxl.load_workbook(io.BytesIO(S.notice_xlsx(notices)))


def data_rows(ws) -> list[tuple]:
    rows = []
    for r in ws.iter_rows(min_row=2, values_only=True):
        if r[0] is None:
            break
        rows.append(r)
    return rows


def test_the_xlsx_has_a_summary_and_a_sheet_per_unit():
    notices = [notice(3, "南江区城市管理局", 1), notice(60, "东湖区市场监督管理局", 2),
               notice(0, "月湖街道办事处", 3, closed=(0, 0))]
    wb = workbook(notices)
    assert wb.sheetnames == [T.SUP_SHEET_SUMMARY, "南江区城市管理局", "东湖区市场监督管理局",
                             "月湖街道办事处"]
    summary = wb[T.SUP_SHEET_SUMMARY]
    header = [c.value for c in summary[1]]
    assert header == list(T.SUP_SUMMARY_COLS.values())
    assert summary.freeze_panes == "A2"
    rows = data_rows(summary)
    assert [r[0] for r in rows] == [n.unit for n in notices]
    for r, n in zip(rows, notices):
        df = S.open_problems(n.problems)
        assert r[2] == df.height and r[3] == int(df["overdue"].sum())
        assert r[4] == (int(df["days_open"].max()) if df.height else None)
    assert rows[0][7] == pytest.approx(37 / 41)
    for n in notices:
        ws = wb[n.unit]
        header = [c.value for c in ws[1]]
        assert header == [T.SUP_COLS[k] for k in S.PROBLEM_SCHEMA]
        assert ws.freeze_panes == "A2"
        rows = data_rows(ws)
        df = S.open_problems(n.problems)
        assert len(rows) == df.height
        assert [r[0] for r in rows] == df["problem_id"].to_list()
        assert ws.column_dimensions["C"].width >= 20        # 问题描述
        assert ws.column_dimensions["F"].width >= 10        # 发现日期, shown whole


def test_xlsx_dates_are_dates_and_overdue_days_are_red():
    n = notice(20)
    ws = workbook([n])[n.unit]
    header = [c.value for c in ws[1]]
    col = {k: header.index(T.SUP_COLS[k]) + 1 for k in S.PROBLEM_SCHEMA}
    df = S.open_problems(n.problems)
    assert df["overdue"].any() and not df["overdue"].all()
    for i, r in enumerate(df.iter_rows(named=True), start=2):
        found = ws.cell(i, col["found_date"])
        assert found.is_date and found.value.date() == r["found_date"]
        assert found.number_format == "yyyy-mm-dd"
        assert ws.cell(i, col["deadline"]).value.date() == r["deadline"]
        days = ws.cell(i, col["days_overdue"])
        assert days.value == r["days_overdue"]
        red = days.font.color is not None and days.font.color.rgb == "FFC00000"
        assert red == r["overdue"], (i, r)
    formulas = [c for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_sheet_names_are_short_unique_and_legal():
    long = "南江区住房和城乡建设局（南江区人民防空办公室）市容环境卫生管理科第一小组"
    names = S.sheet_names([long, long + "二", "汇总", "a/b:c", "A/B:C"])
    assert all(len(n) <= 31 for n in names)
    assert len({n.casefold() for n in names} | {T.SUP_SHEET_SUMMARY}) == 6
    assert names[0] == long[:31] and names[1].endswith("(2)")
    assert names[2] == "汇总(2)" and names[3] == "a_b_c" and names[4] == "A_B_C(2)"
    notices = [notice(2, long, 1), notice(1, long + "二", 2)]
    assert workbook(notices).sheetnames[1:] == names[:2]


def test_same_input_same_bytes():
    notices = [notice(3, "南江区城市管理局", 1), notice(60, "东湖区市场监督管理局", 2)]
    again = [notice(3, "南江区城市管理局", 1), notice(60, "东湖区市场监督管理局", 2)]
    assert S.notice_pdf(notices[1]) == S.notice_pdf(again[1])
    assert S.notice_xlsx(notices) == S.notice_xlsx(again)
    assert S.notices_zip(notices) == S.notices_zip(again)


def test_the_zip_holds_every_pdf_and_the_xlsx():
    notices = [notice(3, "南江区城市管理局", 1), notice(0, "月湖街道办事处", 2),
               notice(1, "东湖区/西湖区联合办", 3)]
    with zipfile.ZipFile(io.BytesIO(S.notices_zip(notices))) as zf:
        assert zf.namelist() == ["督办单_南江区城市管理局_20261120.pdf",
                                 "督办单_月湖街道办事处_20261120.pdf",
                                 "督办单_东湖区_西湖区联合办_20261120.pdf",
                                 "督办单汇总_20261120.xlsx"]
        assert zf.read(zf.namelist()[0]) == S.notice_pdf(notices[0])
        wb = openpyxl.load_workbook(io.BytesIO(zf.read("督办单汇总_20261120.xlsx")))
        assert len(wb.sheetnames) == 4


def test_a_batch_shares_its_date():
    other = S.Notice("东湖区城市管理局", AS_OF - dt.timedelta(days=7), "XX市",
                     S.notice_serial(AS_OF, 2), problems(1), None, None)
    with pytest.raises(ValueError):
        S.notice_xlsx([notice(1), other])


def test_an_empty_batch_still_gives_a_workbook():
    wb = workbook([])
    assert wb.sheetnames == [T.SUP_SHEET_SUMMARY]
    with zipfile.ZipFile(io.BytesIO(S.notices_zip([]))) as zf:
        assert zf.namelist() == ["督办单汇总.xlsx"]
