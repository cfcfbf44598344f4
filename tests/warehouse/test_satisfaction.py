"""The public satisfaction survey's rates, by hand: two quarterly surveys of the hand city (one
with answers as words, one as 1–5 with a bad answer 6), re-sent once. Every expected number below
is computed by hand from the rows written here, TEMPLATES.md §11 (weighted share of 很满意 + 满意,
with the unweighted n and a 95% CI) and warehouse/sql/macros.sql (Wilson on Kish's n_eff)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from pytest import approx

from etl.load import load
from tests.conftest import csv_file
from warehouse import queries
from warehouse.store import connect_readonly

HAND_CITY = Path(__file__).resolve().parent.parent / "fixtures" / "hand_city" / "1_地理"
CITY, D1, D2 = "770100", "770102", "770103"
S1, S2, S3 = "770102001", "770102002", "770103001"      # S1, S2 in D1; S3 in D2
HEADER = ["问卷编号", "调查日期", "区县编码", "街道编码", "性别", "年龄段", "环境卫生满意度",
          "公共卫生服务满意度", "知晓创卫工作", "支持创卫工作", "权重"]
SAN, SVC = "sanitation_satisfaction_rate", "public_health_service_satisfaction_rate"
# 2025 Q1, answers as words.            sanitation  satisfied?   service     satisfied?  weight
Q1 = [
    ["Q1-001", "2025-02-10", D1, S1, "女", "30-39岁", "很满意", "满意", "是", "是", "1.0"],
    #                                   yes                          yes          1.0
    ["Q1-002", "2025-02-11", D1, S1, "男", "60岁及以上", "满意", "一般", "是", "是", "2.0"],
    #                                   yes                          no           2.0
    ["Q1-003", "2025/2/12", D1, S1, "女", "18-29岁", "一般", "满意", "否", "是", "1.0"],
    #                                   no                           yes          1.0
    ["Q1-004", "2025年2月13日", D1, S2, "男", "40-49岁", "不满意", "很满意", "否", "否", "0.5"],
    #                                   no                           yes          0.5
    ["Q1-005", "2025-02-14", D2, S3, "女", "50-59岁", "很满意", "很不满意", "是", "是", "1.5"],
    #                                   yes                          no           1.5
]
# 2025 Q2, answers as 1–5 (5 = 很满意; ≥ 4 is satisfied).
Q2 = [
    ["Q2-001", "2025-05-12", D1, S1, "女", "30-39岁", "4", "4", "是", "是", "1.0"],
    #                                   yes                          yes          1.0
    ["Q2-002", "2025-05-12", D1, S2, "男", "30-39岁", "2", "5", "是", "否", "1.0"],
    #                                   no                           yes          1.0
    ["Q2-003", "2025-05-13", D2, S3, "女", "60岁及以上", "5", "3", "是", "是", "3.0"],
    #                                   yes                          no           3.0
    ["Q2-004", "2025-05-13", D2, S3, "男", "18-29岁", "", "4", "否", "是", "1.0"],
    #                                   (not answered: not counted)  yes          1.0
    ["Q2-005", "2025-05-14", D2, S3, "女", "40-49岁", "6", "4", "是", "是", "1.0"],
    #                                   6 is no answer: the row is rejected (file row 6)
]


def write(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    return csv_file(path, HEADER, rows, encoding)


@pytest.fixture(scope="module")
def wdir(tmp_path_factory) -> Path:
    files = tmp_path_factory.mktemp("satisfaction_files")
    geo = files / "geo"
    shutil.copytree(HAND_CITY, geo)
    out = tmp_path_factory.mktemp("satisfaction_wh")
    quiet = {"progress": lambda _m: None}
    sent = [write(files / "满意度调查_2025Q1.csv", Q1),
            write(files / "满意度调查_2025Q2.csv", Q2, encoding="gbk")]
    assert load([geo, *sent], out, **quiet).published
    # the third party re-sends Q1 (its rows in another order, in GBK): the same questionnaires
    # replace themselves, nothing is added
    again = files / "resent"
    again.mkdir()
    resent = load([write(again / "满意度调查_2025Q1_重报.csv", Q1[::-1], encoding="gbk")], out,
                  **quiet).files[0]
    assert (resent.rows_loaded, resent.rows_new, resent.rows_changed) == (5, 0, 0)
    return out


@pytest.fixture(scope="module")
def con(wdir):
    c, _ = connect_readonly(wdir)
    yield c
    c.close()


def row(con, indicator: str, code: str, grain: str, start: str) -> dict | None:
    got = con.execute(
        "select value, numerator, denominator, n, ci_low, ci_high, reporting_units, closes_on "
        "from indicator_values where indicator_id = ? and area_code = ? and period_grain = ? "
        "and period_start = ?", [indicator, code, grain, dt.date.fromisoformat(start)]).fetchall()
    assert len(got) <= 1, got
    keys = ("value", "numerator", "denominator", "n", "ci_low", "ci_high", "reporting_units",
            "closes_on")
    return dict(zip(keys, got[0], strict=True)) if got else None


def test_staged_rows_and_the_bad_answer(con):
    assert con.sql("select count(*) from stg_satisfaction_survey").fetchall() == [(9,)]
    assert con.sql("select sanitation_score, public_health_service_score, aware, supportive "
                   "from stg_satisfaction_survey where questionnaire_id = 'Q2-004'"
                   ).fetchall() == [(None, 4, False, True)]
    rejects = con.sql("select row_number, \"column\", value from etl_rejects").fetchall()
    assert rejects == [(6, "环境卫生满意度", "6")]


def test_city_quarter_one(con):
    # Satisfied with sanitation: Q1-001, -002, -005 → Σw·y = 1.0 + 2.0 + 1.5 = 4.5;
    # Σw = 1.0 + 2.0 + 1.0 + 0.5 + 1.5 = 6.0 → 75.0 %; n = 5 (unweighted); 3 streets.
    # Kish: Σw² = 1 + 4 + 1 + 0.25 + 2.25 = 8.5, n_eff = 6² / 8.5 = 4.2353.
    # Wilson (z² = 3.8415): centre = 0.75 + 3.8415 / (2 · 4.2353) = 1.20351;
    #   half-width = 1.96 · √(0.75 · 0.25 / 4.2353 + 3.8415 / (4 · 4.2353²)) = 0.61297;
    #   denominator = 1 + 3.8415 / 4.2353 = 1.90701 → [30.97 %, 95.25 %].
    r = row(con, SAN, CITY, "quarter", "2025-01-01")
    assert (r["numerator"], r["denominator"], r["value"], r["n"]) == (4.5, 6.0, 75.0, 5)
    assert r["ci_low"] == approx(30.966565, abs=1e-5)
    assert r["ci_high"] == approx(95.252474, abs=1e-5)
    assert r["reporting_units"] == 3 and r["closes_on"] == dt.date(2025, 3, 31)
    # Services: Q1-001, -003, -004 → 1.0 + 1.0 + 0.5 = 2.5 of 6.0 → 41.67 %; same n_eff
    #   centre 0.87017, half-width 0.65278 → [11.40 %, 79.86 %].
    r = row(con, SVC, CITY, "quarter", "2025-01-01")
    assert (r["numerator"], r["denominator"], r["n"]) == (2.5, 6.0, 5)
    assert r["value"] == approx(41.666667, abs=1e-5)
    assert r["ci_low"] == approx(11.399645, abs=1e-5)
    assert r["ci_high"] == approx(79.860675, abs=1e-5)


def test_districts_and_streets_quarter_one(con):
    # D1: Q1-001…004 → (1.0 + 2.0) / (1.0 + 2.0 + 1.0 + 0.5) = 3 / 4.5 = 66.67 %, n = 4;
    #   Σw² = 1 + 4 + 1 + 0.25 = 6.25, n_eff = 4.5² / 6.25 = 3.24 → [21.75 %, 93.50 %].
    r = row(con, SAN, D1, "quarter", "2025-01-01")
    assert (r["numerator"], r["denominator"], r["n"], r["reporting_units"]) == (3.0, 4.5, 4, 2)
    assert r["value"] == approx(66.666667, abs=1e-5)
    assert (r["ci_low"], r["ci_high"]) == (approx(21.747638, abs=1e-5),
                                           approx(93.503457, abs=1e-5))
    # D2: Q1-005 alone, satisfied → 100 %, and Wilson's upper bound exactly 100 at p = 1
    r = row(con, SAN, D2, "quarter", "2025-01-01")
    assert (r["value"], r["n"], r["ci_high"]) == (100.0, 1, 100.0)
    # the street S1: Q1-001…003 → 3.0 / 4.0 = 75 %
    assert row(con, SAN, S1, "quarter", "2025-01-01")["value"] == 75.0


def test_city_quarter_two_from_digits(con):
    # Sanitation: Q2-001 (4, w 1), Q2-002 (2, w 1), Q2-003 (5, w 3); Q2-004 left it blank and
    # Q2-005 is rejected → (1 + 3) / (1 + 1 + 3) = 80 %, n = 3; Σw² = 11, n_eff = 25 / 11.
    r = row(con, SAN, CITY, "quarter", "2025-04-01")
    assert (r["numerator"], r["denominator"], r["value"], r["n"]) == (4.0, 5.0, 80.0, 3)
    assert (r["ci_low"], r["ci_high"]) == (approx(24.266089, abs=1e-5),
                                           approx(98.036738, abs=1e-5))
    # Services: Q2-001, -002, -004 satisfied, Q2-003 (3) not → 3 / 6 = 50 %, n = 4;
    #   Σw² = 1 + 1 + 9 + 1 = 12, n_eff = 36 / 12 = 3 → [12.53 %, 87.47 %].
    r = row(con, SVC, CITY, "quarter", "2025-04-01")
    assert (r["numerator"], r["denominator"], r["value"], r["n"]) == (3.0, 6.0, 50.0, 4)
    assert (r["ci_low"], r["ci_high"]) == (approx(12.533447, abs=1e-5),
                                           approx(87.466553, abs=1e-5))


def test_the_year_pools_its_quarters(con):
    # 2025 = every respondent of Q1 and Q2 pooled: (4.5 + 4) / (6 + 5) = 8.5 / 11 = 77.27 %,
    # not the mean of 75 % and 80 % (77.5 %); n = 5 + 3 = 8; Σw² = 8.5 + 11 = 19.5,
    # n_eff = 121 / 19.5 = 6.2051 → [38.91 %, 94.78 %]. The year closes on 31 December.
    r = row(con, SAN, CITY, "year", "2025-01-01")
    assert (r["numerator"], r["denominator"], r["n"]) == (8.5, 11.0, 8)
    assert r["value"] == approx(77.272727, abs=1e-5)
    assert (r["ci_low"], r["ci_high"]) == (approx(38.911580, abs=1e-5),
                                           approx(94.777626, abs=1e-5))
    assert r["closes_on"] == dt.date(2025, 12, 31)
    # no quarter without a survey
    assert row(con, SAN, CITY, "quarter", "2025-07-01") is None


def test_provenance_lists_the_quarters_respondents(con):
    sql, table = queries.provenance_sql(SAN)
    assert table == "stg_satisfaction_survey"
    params = {"area": CITY, "grain": "quarter", "period": dt.date(2025, 4, 1),
              "period_end": dt.date(2025, 6, 30)}
    ids = sorted(r[0] for r in con.execute(
        f"select questionnaire_id from ({sql})", params).fetchall())
    assert ids == ["Q2-001", "Q2-002", "Q2-003", "Q2-004"]
    params.update(grain="year", period=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31))
    assert len(con.execute(sql, params).fetchall()) == 9


def test_fact_ends_reach_the_last_survey_day(con):
    ends = con.sql(queries.fact_ends_sql()).pl()
    mine = ends.filter(ends["fact"] == "satisfaction_survey").row(0, named=True)
    assert (mine["grain"], mine["last"], mine["reaches"]) == ("day", dt.date(2025, 5, 13),
                                                             dt.date(2025, 5, 13))
