"""chronic_disease (5b): standard/controlled ≤ managed, active ≤ filed, signed ≤ key population;
the optional key-population columns: filed ≤ key population, updated ≤ filed."""

from etl.sources import chronic_disease
from tests.conftest import sheet

HEADER = ["机构编码", "统计月份", "辖区常住人口", "高血压在管患者数", "高血压规范管理人数",
          "高血压血压控制人数",
          "糖尿病在管患者数", "糖尿病规范管理人数", "糖尿病血糖控制人数", "电子健康档案建档数",
          "动态使用档案数",
          "重点人群数", "重点人群签约数"]
GOOD = ["CHC001", "2025年6月", "30000", "3000", "2000", "1800", "1000", "700", "600", "25000",
        "15000",
        "8000", "7000"]


def with_(i, v):
    r = list(GOOD)
    r[i] = v
    return r


def test_each_rule_rejects_its_row():
    r = chronic_disease.transform(sheet(
        HEADER, GOOD, with_(4, "3001"), with_(5, "3001"), with_(7, "1001"), with_(8, "1001"),
        with_(10, "25001"), with_(12, "8001")))
    assert r.frame.height == 1
    assert sorted(r.rejects["row_number"].to_list()) == [3, 4, 5, 6, 7, 8]


KEY_HEADER = [*HEADER, "重点人群建档数", "重点人群档案动态更新数"]


def test_optional_key_population_columns_present():
    # key population 8000: filed 6000, updated 3000
    r = chronic_disease.transform(sheet(KEY_HEADER, [*GOOD, "6000", "3000"]))
    assert r.rejects.height == 0
    assert r.frame.select("key_population_filed", "key_population_ehr_updated").row(0) == (
        6000, 3000)


def test_optional_key_population_columns_absent_or_blank():
    r = chronic_disease.transform(sheet(HEADER, GOOD))          # a file from before 2024
    assert r.rejects.height == 0 and r.warnings == []
    assert r.frame.select("key_population_filed", "key_population_ehr_updated").row(0) == (
        None, None)
    r = chronic_disease.transform(sheet(KEY_HEADER, [*GOOD, None, None]))   # blank = missing
    assert r.rejects.height == 0
    assert r.frame["key_population_filed"].to_list() == [None]


def test_key_population_rules():
    r = chronic_disease.transform(sheet(
        KEY_HEADER,
        [*with_(0, "CHC001"), "8000", "8000"],  # row 2: filed = key pop., updated = filed: fine
        [*with_(0, "CHC002"), "8001", "100"],   # row 3: filed 8001 > key population 8000
        [*with_(0, "CHC003"), "6000", "6001"],  # row 4: updated 6001 > filed 6000
        [*with_(0, "CHC004"), None, "500"],     # row 5: filed blank, the rule cannot say: kept
    ))
    assert r.frame.height == 2
    assert sorted(zip(r.rejects["row_number"].to_list(), r.rejects["column"].to_list())) == [
        (3, "重点人群建档数"), (4, "重点人群档案动态更新数")]
    assert r.rejects.filter(r.rejects["row_number"] == 3)["reason"][0].startswith(
        "重点人群建档数大于重点人群数")


def test_a_row_breaking_two_rules_is_rejected_once_by_the_first():
    """Rules are checked in one pass; a row is rejected by the first rule it breaks, exactly as
    if each rule had filtered the rows the earlier ones kept."""
    both = with_(4, "3001")
    both[8] = "1001"                                     # 高血压规范 > 在管, and 糖尿病控制 > 在管
    r = chronic_disease.transform(sheet(HEADER, GOOD, both, with_(8, "1001")))
    assert r.frame["_row"].to_list() == [2]
    got = r.rejects.select("row_number", "column", "reason").rows()
    assert got == [(3, "高血压规范管理人数",
                    "高血压规范管理人数大于在管患者数 / standard > managed"),
                   (4, "糖尿病血糖控制人数",
                    "糖尿病血糖控制人数大于在管患者数 / controlled > managed")]
