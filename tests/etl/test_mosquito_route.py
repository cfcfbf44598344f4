"""mosquito_route (3c): positive ≤ found; length in metres."""

from etl.sources import mosquito_route
from tests.conftest import sheet


def test_rule():
    r = mosquito_route.transform(sheet(
        ["街道编码", "调查日期", "路径长度（米）", "小型积水处数", "阳性积水处数"],
        ["990102001", "45838", "2,000", "5", "1"], ["990102002", "45838", "2000", "5", "6"]))
    assert r.frame["route_length_m"].to_list() == [2000.0]
    assert r.rejects["row_number"].to_list() == [3]
