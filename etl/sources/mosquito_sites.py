"""3a 监测点名录: mosquito light-trap sites, their habitat, location and grid → dim_site."""

from __future__ import annotations

from etl.contract import Col, Contract, Meta
from etl.sources._common import grid_code, location, to_wgs84

HABITATS = ("居民区", "公园", "医院", "农贸市场", "建筑工地", "农户", "畜禽养殖场", "其他")

META = Meta("mosquito_sites", "蚊虫监测点名录", "Mosquito monitoring sites",
            department=("市疾病预防控制中心", "City CDC"), keys=("site_code",),
            foreign_keys={"grid_code": "grid"}, order=2,
            number='3a')

SOURCE = Contract(
    META,
    (
        Col("site_code", ("监测点编码", "监测点代码"), "code", label_en="Site code"),
        Col("site_name", ("监测点名称",), "text", nullable=True, label_en="Site name"),
        # NOTE: descriptive: an unlisted habitat is kept as written, the site still counts.
        Col("habitat", ("生境类型", "生境"), "enum", descriptive=True,
            values={**{h: h for h in HABITATS}, "其它": "其他", "居民小区": "居民区",
                    "养殖场": "畜禽养殖场", "工地": "建筑工地"}, label_en="Habitat"),
        *location(),
        grid_code(),
    ),
    post=to_wgs84,
)
CONTRACT = SOURCE.schema
read, transform = SOURCE.read, SOURCE.transform
