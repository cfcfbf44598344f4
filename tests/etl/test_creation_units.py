"""creation_units (9a): types and levels in their usual spellings, dates that must agree (named
before valid-until and revoked; a revoked unit says when), a contact person refused."""

from etl.sources import creation_units
from tests.conftest import sheet

HEADER = ["单位编码", "单位名称", "街道编码", "创建类型", "级别", "状态", "命名日期", "有效期至",
          "撤销日期"]
GOOD = ["U0001", "东湖街道东湖社区", "990102001", "健康社区", "市级", "已命名", "2024-06-30",
        "2027-06-29", ""]


def with_(i, v, row=GOOD):
    r = list(row)
    r[i] = v
    return r


def test_a_register_row_and_its_spellings():
    r = creation_units.transform(sheet(
        HEADER, GOOD, with_(3, "健康促进医院", with_(0, "U0002")),
        with_(5, "撤销", with_(8, "2025-03-01", with_(0, "U0003"))),
        with_(5, "创建中", with_(6, "", with_(7, "", with_(0, "U0004"))))))
    assert r.rejects.height == 0
    assert r.frame.select("unit_code", "creation_type", "status", "revoked_date").rows() == [
        ("U0001", "健康社区", "已命名", None), ("U0002", "健康医院", "已命名", None),
        ("U0003", "健康社区", "已撤销", __import__("datetime").date(2025, 3, 1)),
        ("U0004", "健康社区", "创建中", None)]


def test_dates_that_disagree_are_rejected_with_the_column():
    r = creation_units.transform(sheet(
        HEADER, GOOD,
        with_(5, "已撤销"),                    # 3: revoked without saying when
        with_(6, ""),                          # 4: named without a date
        with_(7, "2024-01-01"),                # 5: valid until before it was named
        with_(3, "健康家庭"),                   # 6: not a creation type of the register
        with_(4, "区级"),                       # 7: not a level
        with_(6, "2099-01-01"),                # 8: named in the future
    ))
    assert r.frame.height == 1
    got = {(row, col) for row, col in r.rejects.select("row_number", "column").rows()}
    assert got == {(3, "撤销日期"), (4, "命名日期"), (5, "有效期至"), (6, "创建类型"),
                   (7, "级别"), (8, "命名日期")}


def test_a_unit_contact_person_is_refused():
    import pytest

    from etl.contract import EtlFatal
    with pytest.raises(EtlFatal, match="人名"):
        creation_units.transform(sheet(HEADER, with_(1, "东湖社区（联系人：张三）")))
