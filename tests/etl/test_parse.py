"""Every value form TEMPLATES.md lists: numbers, percentages, full-width digits, dates, months."""

import datetime as dt

import polars as pl
import pytest

from etl import parse


def run(expr_fn, values):
    df = pl.DataFrame({"x": values}, schema={"x": pl.Utf8})
    return df.select(expr_fn(parse.clean_text(pl.col("x")))).to_series().to_list()


def test_numbers_with_separators_percent_fullwidth_and_blanks():
    got = run(lambda s: parse.parse_number(s, allow_percent=True),
              ["1,234", "1,234.5", "85.3%", "８５.３％", "１２３", " 12 ", "", "-", None, "abc"])
    assert got == [1234.0, 1234.5, 85.3, 85.3, 123.0, 12.0, None, None, None, None]


def test_percent_refused_where_not_allowed():
    assert run(lambda s: parse.parse_number(s, allow_percent=False), ["85%", "85"]) == [None, 85.0]


@pytest.mark.parametrize("text", ["2025-06-30", "2025/6/30", "2025年6月30日", "45838", "45838.0",
                                  "20250630", "2025.6.30", "2025-06-30 00:00:00",
                                  "２０２５年６月３０日"])
def test_dates_in_every_form(text):
    assert run(parse.parse_date, [text]) == [dt.date(2025, 6, 30)]


def test_impossible_dates_are_null():
    assert run(parse.parse_date, ["2025-02-30", "2025-13-01", "30/6/2025", "abc"]) == [None] * 4


@pytest.mark.parametrize("text", ["2025-06", "2025/6", "2025年6月", "202506", "2025-06-15",
                                  "2025年06月", "45809"])
def test_months_in_every_form(text):
    assert run(parse.parse_month, [text]) == [dt.date(2025, 6, 1)]


def test_impossible_months_are_null_beside_good_ones():
    """Month 00 or 13 is no month: null (the row is then rejected), never an error for the whole
    column (polars evaluates a date built in when().then() on every row)."""
    got = run(parse.parse_month, ["2025-06", "2024-13", "2024-00", "2024年13月", "202413"])
    assert got == [dt.date(2025, 6, 1), None, None, None, None]


def test_bool_words():
    got = run(parse.parse_bool, ["是", "否", "有", "无", "Y", "x"])
    assert got == [True, False, True, False, True, None]


@pytest.mark.parametrize("header,expected", [
    ("生活垃圾清运量（吨）", "生活垃圾清运量"), ("生活垃圾清运量(吨)", "生活垃圾清运量"),
    ("生活垃圾清运量 (吨)", "生活垃圾清运量"), (" 生活垃圾清运量 ", "生活垃圾清运量"),
    ("路径长度(米)", "路径长度"), ("Code", "code")])
def test_header_variants_normalise_alike(header, expected):
    assert parse.normalize_header(header) == expected
