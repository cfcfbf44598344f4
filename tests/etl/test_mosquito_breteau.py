"""mosquito_breteau (3d): positive containers ≤ wet containers; households ≥ 1."""

from etl.sources import mosquito_breteau
from tests.conftest import sheet


def test_rule():
    r = mosquito_breteau.transform(sheet(
        ["街道编码", "调查日期", "调查户数", "积水容器数", "阳性容器数"],
        ["990102001", "2025-07-15", "100", "20", "4"], ["990102002", "2025-07-15", "100", "2", "4"]))
    assert r.frame["containers_positive"].to_list() == [4]
    assert r.rejects["row_number"].to_list() == [3]
