"""mosquito_breteau (3d): positive containers ≤ wet containers; households ≥ 1."""

from etl.sources import mosquito_breteau
from tests.conftest import sheet


def test_rule():
    r = mosquito_breteau.transform(sheet(
        ["街道编码", "调查日期", "调查户数", "积水容器数", "阳性容器数"],
        ["990102001", "2025-07-15", "100", "20", "4"], ["990102002", "2025-07-15", "100", "2",
                                                        "4"]))
    assert r.frame["containers_positive"].to_list() == [4]
    assert r.rejects["row_number"].to_list() == [3]


def test_community_rows_of_a_street_add_up_and_a_blank_part_stays_missing():
    header = ["街道编码", "调查日期", "调查户数", "积水容器数", "阳性容器数"]
    r = mosquito_breteau.transform(sheet(
        header, ["990102001", "2025-07-15", "50", "10", "2"], ["990102001", "2025-07-15", "50", "6",
                                                               "4"],
        ["990102002", "2025-07-15", "50", "10", ""], ["990102002", "2025-07-15", "50", "6", "4"]))
    rows = {x["street_code"]: x for x in r.frame.iter_rows(named=True)}
    assert rows["990102001"]["households"] == 100 and rows["990102001"]["containers_positive"] == 6
    assert rows["990102002"]["households"] == 100
    assert rows["990102002"]["containers_positive"] is None   # not 4: one community left it blank
