"""health_centres (5a): code, name, grid and location."""

from etl.sources import health_centres
from tests.conftest import sheet


def test_rows():
    r = health_centres.transform(sheet(
        ["机构编码", "机构名称", "网格编码", "经度", "纬度", "坐标系"],
        ["CHC001", "城关街道社区卫生服务中心", "990102001001", "113.1", "28.2", "WGS84"],
        ["CHC002", "x", "99010200100", "113.1", "28.2", "WGS84"]))
    assert r.frame["centre_code"].to_list() == ["CHC001"]
    assert r.rejects["row_number"].to_list() == [3]
