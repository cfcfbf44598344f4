"""3b 诱蚊灯监测记录: female mosquitoes per site and trap-night, by species (疾控中心)."""

from __future__ import annotations

import polars as pl

from etl.contract import Col, Contract, Meta, Rule
from etl.sources._common import count

SPECIES = {
    "cx_pipiens_pallens": "淡色库蚊",
    "cx_quinquefasciatus": "致倦库蚊",
    "ae_albopictus": "白纹伊蚊",
    "cx_tritaeniorhynchus": "三带喙库蚊",
    "an_sinensis": "中华按蚊",
    "other_species": "其他蚊种",
}
SPECIES_EN = {
    "cx_pipiens_pallens": "Culex pipiens pallens", "cx_quinquefasciatus": "Culex quinquefasciatus",
    "ae_albopictus": "Aedes albopictus", "cx_tritaeniorhynchus": "Culex tritaeniorhynchus",
    "an_sinensis": "Anopheles sinensis", "other_species": "Other species",
}

# NOTE: two trap-nights a month, so a report's period is the half-month (1st–15th, 16th–end).
HALF_MONTH = ("date_trunc('month', survey_date)::date "
              "+ case when day(survey_date) > 15 then 15 else 0 end")
META = Meta("mosquito_light_trap", "诱蚊灯监测记录", "Light-trap records",
            department=("市疾病预防控制中心", "City CDC"),
            keys=("site_code", "survey_date"), foreign_keys={"site_code": "site"},
            number='3b', rhythm='twice_monthly_season', period_grain='half_month',
            period=HALF_MONTH,
            unit_type='site', unit_column='site_code')

_species_sum = pl.sum_horizontal([pl.col(c).fill_null(0) for c in SPECIES])

SOURCE = Contract(
    META,
    (
        Col("site_code", ("监测点编码", "监测点代码"), "code", label_en="Site code"),
        Col("survey_date", ("监测日期", "调查日期"), "date", label_en="Survey date"),
        count("traps", "布灯数", nullable=False, min=1, label_en="Traps"),
        count("nights", "监测夜数", nullable=False, min=1, label_en="Nights"),
        count("females", "雌蚊数", "雌蚊总数", label_en="Female mosquitoes"),
        *[count(col, zh, required=False, label_en=SPECIES_EN[col]) for col, zh in SPECIES.items()],
    ),
    rules=(Rule("females", _species_sum <= pl.col("females"),
                "各蚊种数之和大于雌蚊数 / species counts exceed females"),),
)
CONTRACT = SOURCE.schema
read, transform = SOURCE.read, SOURCE.transform
