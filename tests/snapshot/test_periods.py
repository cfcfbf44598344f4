"""The monthly bulletin (月度通报) and the quarterly assessment (季度考核通报) on the sample city:
periods parsed in plain words, each built twice is identical to the byte, a past month does not
change when later data arrive, the sections follow their rules, the CLI writes them."""

from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
import polars as pl
import pytest
from pypdf import PdfReader

from app.snapshot import build as B
from app.snapshot import text as T
from app.snapshot.__main__ import main
from app.snapshot.pack import make
from app.snapshot.periods import parse
from warehouse import settings

MONTH, QUARTER = "2026-10", "2026-Q3"


def test_periods_in_plain_words():
    m = parse("2026-10")
    assert (m.kind, m.start, m.end, m.number) == ("month", dt.date(2026, 10, 1),
                                                  dt.date(2026, 10, 31), 10)
    assert parse("2026-2").end == dt.date(2026, 2, 28) and parse("2024-02").end.day == 29
    q = parse("2026q3")
    assert (q.key, q.start, q.end, q.number) == ("2026-Q3", dt.date(2026, 7, 1),
                                                 dt.date(2026, 9, 30), 3)
    assert parse("2026-01").before().key == "2025-12" and parse("2026-Q1").before().key == "2025-Q4"
    assert parse("2026-10").last_year().key == "2025-10"
    assert parse("2026-Q3").last_year().key == "2025-Q3"
    assert B.last_complete("month", dt.date(2026, 11, 28)).key == "2026-10"
    assert B.last_complete("month", dt.date(2026, 11, 30)).key == "2026-11"
    assert B.last_complete("quarter", dt.date(2026, 11, 28)).key == "2026-Q3"
    for bad, kind, words in (("2026-13", "month", "2026-10（年-月）"),
                             ("2026-Q5", "quarter", "2026-Q3"), ("十月", None, "周写成")):
        with pytest.raises(B.SnapshotError, match=re.escape(words)):
            parse(bad, kind)


@pytest.fixture(scope="module")
def packs(con_info):
    return {k: make(*con_info, k) for k in (MONTH, QUARTER)}


def pdf_text(data: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


@pytest.mark.slow
@pytest.mark.parametrize("key", [MONTH, QUARTER])
def test_built_twice_identical(con_info, packs, key):
    again = make(*con_info, key)
    first = packs[key]
    assert again.pdf == first.pdf and again.xlsx == first.xlsx
    assert again.manifest == first.manifest and again.charts == first.charts


@pytest.mark.slow
def test_the_monthly_bulletin(packs):
    pack = packs[MONTH]
    s = pack.snapshot
    assert s.title == "《XX市创建国家卫生城市工作月度通报》"
    assert s.issue.startswith("2026年第10期（2026年10月")
    text = pdf_text(pack.pdf)
    for heading, _keys in T.LAYOUT["month"]:
        assert re.sub(r"\s+", "", heading) in text, heading
    ind = s.sections["indicators"].table
    assert {T.COLS["d_month"], T.COLS["d_year"]} <= set(ind.columns)
    # district ranking: six districts, movement and three months' ranks
    rk = s.sections["ranking"].table
    assert rk.height == 6 and rk[T.COLS["rank"]].to_list() == sorted(rk[T.COLS["rank"]])
    assert all(h.count("月") == 3 for h in rk[T.COLS["history"]])
    assert rk.filter(pl.col(T.COLS["district"]) == "南江区")[T.COLS["rank"]][0] == 6
    # streets ranked within their district: each district's ranks start at 1
    sr = s.sections["street_ranking"].table
    assert sr.height == 60
    assert set(sr.group_by(T.COLS["district"]).agg(pl.col(T.COLS["rank"]).min())[
        T.COLS["rank"]]) == {1}
    # praise and criticism follow the configured rule
    pr = s.sections["praise"].table
    streets = pr.filter(pl.col(T.COLS["object"]) == T.OBJECT_STREET)
    assert streets.filter(pl.col(T.COLS["category"]) == T.PRAISE).height == \
        settings.BULLETIN_TOP_N
    worst = sr.sort(T.COLS["rank_city"], descending=True).head(settings.BULLETIN_TOP_N)
    assert set(streets.filter(pl.col(T.COLS["category"]) == T.CRITICISE)[T.COLS["name"]]) == \
        set(worst[T.COLS["street"]])
    # the month's problems: found in October, open at its end
    assert s.sections["problems"].lead[-1].startswith("本月新发现问题")
    book = openpyxl.load_workbook(io.BytesIO(pack.xlsx))
    assert {"3 区县排名", "3b 街道排名", "4 表扬与通报批评", "7 部门按时上报",
            "7b 迟报缺报明细", "1c 到期与逾期事项"} <= set(book.sheetnames)


@pytest.mark.slow
def test_the_quarterly_assessment(packs):
    pack = packs[QUARTER]
    s = pack.snapshot
    assert s.title == "《XX市创建国家卫生城市工作季度考核通报》"
    d = s.sections["assess_district"].table
    assert d.height == 6 and d[T.COLS["rank"]].to_list() == list(range(1, 7))
    assert d.filter(pl.col(T.COLS["last_twice"]) == T.YES)[T.COLS["name"]].to_list() == ["南江区"]
    # every item's points: the score is their sum scaled to the weights that apply
    items = s.sections["assess_items"].table
    assert items.height > 6 * 8
    book = openpyxl.load_workbook(io.BytesIO(pack.xlsx))
    ws = book["3d 考核明细"]
    assert [c.value for c in ws[1]][:6] == [T.COLS[k] for k in (
        "object_type", "name", "item", "measure", "method", "weight")]
    assert "3e 考核办法" in book.sheetnames
    assert "连续两个季度末位：南江区（区县）。" in s.overview
    text = pdf_text(pack.pdf)
    assert "三、季度考核得分" in text and "南江区" in text


@pytest.mark.slow
def test_a_past_month_is_the_same_before_and_after_later_data(sample_warehouse):
    from tests.snapshot.test_stability import assert_same, built_before_and_after

    later, before = built_before_and_after(sample_warehouse, MONTH, dt.date(2026, 10, 31))
    # the ledger's last entry before the cut is 10-29: the early bulletin says its waterlogging
    # figures reach only that day (a partial period, said in words), the later one has the month
    assert before.sections["waterlogging"].lead[0].startswith("积水点台账最新日期为 2026-10-29")
    assert_same(later, before, partial=("waterlogging",))


@pytest.mark.slow
def test_cli_month_and_quarter(sample_warehouse, tmp_path, capsys):
    assert main(["--month", MONTH, "--district", "990105", "--out", str(tmp_path / "m"),
                 "--warehouse", str(sample_warehouse), "--quiet"]) == 0
    assert (tmp_path / "m" / f"月度通报_{MONTH}_990105.pdf").exists()
    assert main(["--quarter", "2026-Q5", "--out", str(tmp_path / "q"), "--warehouse",
                 str(sample_warehouse)]) == 2
    assert "季度“2026-Q5”格式不对" in capsys.readouterr().err
    assert main(["--month", "2040-01", "--out", str(tmp_path / "q"), "--warehouse",
                 str(sample_warehouse)]) == 2
    assert "不在数据范围内" in capsys.readouterr().err


def test_the_default_briefing_is_the_newest_period_the_warehouse_holds():
    # on Saturday 5 December the last complete week is W48 (23–29 Nov); the weekly values
    # reach the week of Monday 16 November (W47): W48 is offered, W47 is the default
    weeks = B.available(dt.date(2023, 1, 2), dt.date(2026, 12, 5), "week")
    assert [p.key for p in weeks[:2]] == ["2026-W48", "2026-W47"]
    assert B.latest_with_data(weeks, dt.date(2026, 11, 16)) == 1
    assert B.latest_with_data(weeks, dt.date(2026, 11, 23)) == 0
    assert B.latest_with_data(weeks, None) == 0
    # months: values reaching November 2026 make November the default on 5 December
    months = B.available(dt.date(2023, 1, 1), dt.date(2026, 12, 5), "month")
    assert months[0].key == "2026-11" and B.latest_with_data(months, dt.date(2026, 11, 1)) == 0
