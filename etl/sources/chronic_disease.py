"""5b 慢病管理月报: year-to-date hypertension/diabetes management and EHR counts per centre."""

from __future__ import annotations

import polars as pl

from etl.contract import Col, Contract, Meta, Rule, part_of
from etl.sources._common import count, month

META = Meta("chronic_disease", "慢病管理月报", "Chronic disease management monthly report",
            department=("市卫生健康委员会", "City health commission"),
            keys=("centre_code", "month"), foreign_keys={"centre_code": "centre"},
            number='5b', rhythm='monthly', period_grain='month', period='month',
            unit_type='centre', unit_column='centre_code')


def _at_most(col: str, limit: str, what: str) -> Rule:
    return Rule(col, pl.col(col) <= pl.col(limit), what)


SOURCE = Contract(
    META,
    (
        Col("centre_code", ("机构编码", "机构代码"), "code", label_en="Centre code"),
        month(),
        count("resident_population", "辖区常住人口", label_en="Resident population"),
        count("htn_managed", "高血压在管患者数", label_en="Hypertension patients under management"),
        count("htn_standard", "高血压规范管理人数",
              label_en="Hypertension patients managed to standard"),
        count("htn_controlled", "高血压血压控制人数",
              label_en="Hypertension patients with blood pressure controlled"),
        count("t2dm_managed", "糖尿病在管患者数", label_en="Diabetes patients under management"),
        count("t2dm_standard", "糖尿病规范管理人数",
              label_en="Diabetes patients managed to standard"),
        count("t2dm_controlled", "糖尿病血糖控制人数",
              label_en="Diabetes patients with glucose controlled"),
        count("ehr_filed", "电子健康档案建档数", label_en="Health records filed"),
        count("ehr_active", "动态使用档案数", label_en="Health records in dynamic use"),
        count("key_population", "重点人群数",
              label_en="Key population (elderly, pregnant women, children)"),
        count("key_population_signed", "重点人群签约数",
              label_en="Key population with a family-doctor contract"),
        # NOTE: optional (files before 2024 lack them): the plan's 建档率 and 动态更新率 are of the
        # key population (老年人、孕产妇、儿童), not of all residents.
        count("key_population_filed", "重点人群建档数", "重点人群电子健康档案建档数",
              required=False, label_en="Key-population health records filed"),
        count("key_population_ehr_updated", "重点人群档案动态更新数", "重点人群健康档案动态更新数",
              required=False, label_en="Key-population health records dynamically updated"),
    ),
    rules=(
        _at_most("htn_standard", "htn_managed", "高血压规范管理人数大于在管患者数 / standard > "
                                                "managed"),
        _at_most("htn_controlled", "htn_managed", "高血压血压控制人数大于在管患者数 / controlled > "
                                                  "managed"),
        _at_most("t2dm_standard", "t2dm_managed", "糖尿病规范管理人数大于在管患者数 / standard > "
                                                  "managed"),
        _at_most("t2dm_controlled", "t2dm_managed", "糖尿病血糖控制人数大于在管患者数 / controlled "
                                                    "> managed"),
        _at_most("ehr_active", "ehr_filed", "动态使用档案数大于建档数 / active records > filed"),
        _at_most("key_population_signed", "key_population", "重点人群签约数大于重点人群数 / signed "
                                                            "> key population"),
        _at_most("key_population_filed", "key_population",
                 "重点人群建档数大于重点人群数 / key-population records > key population"),
        _at_most("key_population_ehr_updated", "key_population_filed",
                 "重点人群档案动态更新数大于重点人群建档数 / updated records > filed records"),
    ),
    # NOTE: patients, the key population and health records belong to the centre's resident
    # population; more than it is possible (people from outside) but worth a look: a warning.
    warn_rules=(
        part_of("htn_managed", "resident_population",
                "高血压在管患者数大于辖区常住人口 / hypertension patients exceed residents"),
        part_of("t2dm_managed", "resident_population",
                "糖尿病在管患者数大于辖区常住人口 / diabetes patients exceed residents"),
        part_of("key_population", "resident_population",
                "重点人群数大于辖区常住人口 / key population exceeds residents"),
        part_of("ehr_filed", "resident_population",
                "电子健康档案建档数大于辖区常住人口 / health records exceed residents"),
    ),
)
CONTRACT = SOURCE.schema
read, transform = SOURCE.read, SOURCE.transform
