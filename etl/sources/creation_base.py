"""9b 创建基数: per district and year, how many units of each kind a creation rate is
measured against (机关数, 社区数, 行政村数 …); the rate of a type is its named, unexpired,
unrevoked units over the base of the kind the registry names for it (warehouse/indicators.yml,
derive.base)."""

from __future__ import annotations

from etl.contract import Col, Contract, Meta
from etl.sources._common import DISTRICT_CODE, count

# (staged column, headers, English label): the kinds of unit a creation type is counted among
BASES = (
    ("organs", ("机关数", "机关单位数"), "Government organs"),
    ("communities", ("社区数", "城市社区数"), "Communities"),
    ("villages", ("行政村数", "村数"), "Administrative villages"),
    ("schools", ("学校数", "中小学校数"), "Schools"),
    ("hospitals", ("医院数",), "Hospitals"),
    ("enterprises", ("企业数",), "Enterprises"),
    ("health_institutions", ("医疗卫生机构数",), "Health institutions"),
    ("party_gov_organs", ("党政机关数",), "Party and government organs"),
    ("towns", ("乡镇数", "建制镇数"), "Towns"),
)

META = Meta("creation_base", "创建基数", "Creation bases",
            department=("市爱卫办", "City patriotic health office"), keys=("area_code", "year"),
            foreign_keys={"area_code": "district"},
            number='9b', rhythm='yearly', period_grain='year', period='make_date(year::int, 1, 1)')

SOURCE = Contract(
    META,
    (
        Col("area_code", ("区域编码", "区县编码", "行政区划编码"), "code", pattern=DISTRICT_CODE,
            label_en="District code"),
        Col("year", ("年份", "年度"), "year", min=1990, max=2100, future_ok=True,
            label_en="Year"),
        *(count(name, *headers, label_en=label) for name, headers, label in BASES),
    ),
)
CONTRACT = SOURCE.schema
read, transform = SOURCE.read, SOURCE.transform
