"""The grade rule (3e) and the register rule (9a over 9b) on a hand-made city, value by value:
an area's grade for a round is the worst of every method, assessor and sub-area; a pest not
surveyed does not pass; a designation counts from its naming until it expires or is revoked,
against the base of its year."""

import datetime as dt

import pytest

from etl.load import load
from tests.conftest import write_tiny_city
from warehouse.store import connect_readonly

VECTOR = """区域编码,监测日期,病媒类别,监测方法,调查数,阳性数,密度指数,控制水平,评估主体
660102,2025-04-10,鼠,粘鼠板法,200,3,1.5,B,自评
660102,2025-04-10,鼠,鼠迹法,100,6,6.0,D,自评
660102001,2025-04-18,蝇,目测法,100,5,5.0,C,第三方
660102002,2025-04-18,蚊,路径法,10,0,0.0,A,第三方
660102,2025-09-12,鼠,粘鼠板法,200,3,1.5,B,自评
660102,2025-09-12,蚊,路径法,10,6,0.6,C,自评
660102,2025-09-12,蝇,目测法,100,2,2.0,B,自评
660102,2025-09-12,蟑螂,粘捕法,100,1,1.0,A,自评
660102002,2025-09-20,蟑螂,粘捕法,100,4,4.0,C,国家暗访
"""
REGISTER = """单位编码,单位名称,街道编码,创建类型,级别,状态,命名日期,有效期至,撤销日期
U1,一街小学,660102001,健康学校,市级,已命名,2024-03-01,2025-06-30,
U2,二街中学,660102002,健康学校,省级,已复核,2024-01-01,2027-12-31,
U3,一街中学,660102001,健康学校,市级,已撤销,2025-01-15,2028-01-14,2025-08-01
U4,二街小学,660102002,健康学校,市级,创建中,,,
U5,一街幼儿园,660102001,健康学校,市级,已命名,2025-05-10,,
U6,一街小学,660102001,无烟学校,市级,已命名,2023-05-01,2026-04-30,
"""
BASE = """区域编码,年份,机关数,社区数,行政村数,学校数,医院数,企业数,医疗卫生机构数,党政机关数,乡镇数
660102,2025,5,4,0,10,1,8,6,4,0
660102,2026,5,4,0,8,1,8,6,4,0
"""


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    folder = write_tiny_city(tmp_path_factory.mktemp("city") / "files")
    (folder / "病媒生物密度监测结果.csv").write_text(VECTOR, encoding="utf-8")
    (folder / "创建单位名录.csv").write_text(REGISTER, encoding="utf-8")
    (folder / "创建基数.csv").write_text(BASE, encoding="utf-8")
    wh = folder.parent / "wh"
    load([folder], wh, progress=lambda _m: None)
    c, _ = connect_readonly(wh)
    yield c
    c.close()


def values(con, indicator, grain="quarter"):
    return {(r[0], r[1]): r[2:] for r in con.execute(
        "select area_code, period_start, value, grade, numerator, denominator "
        "from indicator_values where indicator_id = ? and period_grain = ?",
        [indicator, grain]).fetchall()}


SPRING, AUTUMN = dt.date(2025, 4, 1), dt.date(2025, 7, 1)


def test_the_worst_method_and_every_sub_area_decide(con):
    rat = values(con, "vector_control_level_rat")
    # two methods for rats in the spring round: B and D → D, for the district and the city
    assert rat[("660102", SPRING)][:2] == (4.0, "D")
    assert rat[("660100", SPRING)][:2] == (4.0, "D")
    assert ("660102001", SPRING) not in rat          # no street surveyed rats itself
    # a district takes its streets' results too: flies were only checked in 一街 (C)
    fly = values(con, "vector_control_level_fly")
    assert fly[("660102001", SPRING)][:2] == (3.0, "C")
    assert fly[("660102", SPRING)][:2] == (3.0, "C")
    # autumn: the district's own cockroaches A, the national check of 二街 C → C
    roach = values(con, "vector_control_level_cockroach")
    assert roach[("660102", AUTUMN)][:2] == (3.0, "C")
    assert roach[("660102002", AUTUMN)][:2] == (3.0, "C")
    # the year: the worse of the two rounds
    assert values(con, "vector_control_level_rat", "year")[("660102", dt.date(2025, 1, 1))][
        :2] == (4.0, "D")


def test_pests_at_c_or_better_out_of_four(con):
    passed = values(con, "vector_control_pass")
    # spring: rats D, flies C, mosquitoes A, cockroaches not surveyed (no pass) → 2 of 4
    assert passed[("660102", SPRING)] == (2.0, None, 2.0, 4.0)
    # autumn: all four at C or better
    assert passed[("660100", AUTUMN)] == (4.0, None, 4.0, 4.0)
    # a street that surveyed one pest passes at most one
    assert passed[("660102002", SPRING)][0] == 1.0


def test_a_designation_counts_from_naming_until_it_expires_or_is_revoked(con):
    rate = values(con, "creation_rate_school")
    # 2025 base: 10 schools. End of Q1: U1, U2, U3 (U4 still 创建中) → 30%
    assert rate[("660102", dt.date(2025, 1, 1))][:1] + rate[("660102", dt.date(2025, 1, 1))][
        2:] == (30.0, 3.0, 10.0)
    # end of Q2 (30 June): U1's last valid day, U5 named in May → 40%
    assert rate[("660102", dt.date(2025, 4, 1))][0] == 40.0
    # end of Q3: U1 expired, U3 revoked on 1 August → U2, U5 → 20%
    assert rate[("660102", dt.date(2025, 7, 1))][0] == 20.0
    # 2026 has its own base (8): U2, U5 → 25%; no base for 2024, so no value then
    assert rate[("660102", dt.date(2026, 1, 1))][0] == 25.0
    assert ("660102", dt.date(2024, 1, 1)) not in rate
    # the city adds its districts up
    assert rate[("660100", dt.date(2025, 7, 1))][0] == 20.0
    # another type over the same base: U6 (smoke-free) expired on 30 April 2026
    smoke = values(con, "creation_rate_smoke_free_school")
    assert smoke[("660102", dt.date(2026, 1, 1))][0] == 12.5
    assert smoke[("660102", dt.date(2026, 4, 1))][0] == 0.0


def test_the_page_query_says_what_holds_expires_and_lapsed(con):
    from warehouse import queries

    got = queries.run(con, "creation_units", area="660102", as_of=dt.date(2026, 3, 1), days=90)
    state = {r["unit_code"] + r["creation_type"]: (r["holds"], r["expiring"], r["lapsed"])
             for r in got.iter_rows(named=True)}
    assert state == {"U1健康学校": (False, False, True),       # expired without review
                     "U2健康学校": (True, False, False),
                     "U3健康学校": (False, False, False),      # revoked, not lapsed
                     "U4健康学校": (False, False, False),      # still 创建中
                     "U5健康学校": (True, False, False),       # no end date
                     "U6无烟学校": (True, True, False)}        # valid until 30 April: 60 days
