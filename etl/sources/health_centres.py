"""5a 机构名录: community health centres with their grid and location → dim_centre."""

from __future__ import annotations

from etl.contract import Col, Contract, Meta
from etl.sources._common import grid_code, location, to_wgs84

META = Meta("health_centres", "基层医疗机构名录", "Health centres",
            department=("市卫生健康委员会", "City health commission"), keys=("centre_code",),
            foreign_keys={"grid_code": "grid"}, order=2,
            number='5a')

SOURCE = Contract(
    META,
    (
        Col("centre_code", ("机构编码", "机构代码"), "code", label_en="Centre code"),
        Col("centre_name", ("机构名称",), "text", label_en="Centre name"),
        grid_code(),
        *location(),
    ),
    post=to_wgs84,
)
CONTRACT = SOURCE.schema
read, transform = SOURCE.read, SOURCE.transform
