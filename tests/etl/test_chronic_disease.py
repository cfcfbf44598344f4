"""chronic_disease (5b): standard/controlled ≤ managed, active ≤ filed, signed ≤ key population."""

from etl.sources import chronic_disease
from tests.conftest import sheet

HEADER = ["机构编码", "统计月份", "辖区常住人口", "高血压在管患者数", "高血压规范管理人数", "高血压血压控制人数",
          "糖尿病在管患者数", "糖尿病规范管理人数", "糖尿病血糖控制人数", "电子健康档案建档数", "动态使用档案数",
          "重点人群数", "重点人群签约数"]
GOOD = ["CHC001", "2025年6月", "30000", "3000", "2000", "1800", "1000", "700", "600", "25000", "15000",
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
