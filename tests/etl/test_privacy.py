"""Personal data (names, ID numbers, phone numbers) makes a file fatal; coordinates do not."""

import pytest

from etl.contract import EtlFatal
from etl.sources import chronic_disease, garbage_inspection
from tests.conftest import sheet

HEADER = ["街道编码", "统计月份", "检查车次", "混装混运车次"]


@pytest.mark.parametrize("extra", ["姓名", "身份证号", "手机号", "联系电话"])
def test_personal_headers_refused(extra):
    with pytest.raises(EtlFatal, match="个人信息") as e:
        garbage_inspection.transform(sheet([*HEADER, extra], ["990102001", "202506", "1", "0",
                                                              "x"]))
    assert e.value.column == extra


@pytest.mark.parametrize("value", ["13812345678", "联系13812345678", "110101199003071234",
                                   "11010119900307123X", "110101900307123"])
def test_phone_and_id_shaped_values_refused(value):
    with pytest.raises(EtlFatal, match="手机号或身份证号") as e:
        garbage_inspection.transform(sheet([*HEADER, "备注"], ["990102001", "202506", "1", "0",
                                                             value]))
    assert e.value.row == 2 and e.value.column == "备注"


def test_decimals_codes_and_counts_are_not_personal_data():
    r = garbage_inspection.transform(sheet([*HEADER, "备注"],
                                           ["990102001", "202506", "1", "0", "113.12345678901234"]))
    assert r.frame.height == 1
    r = chronic_disease.transform(sheet(
        ["机构编码", "统计月份", "辖区常住人口", "高血压在管患者数", "高血压规范管理人数",
         "高血压血压控制人数",
         "糖尿病在管患者数", "糖尿病规范管理人数", "糖尿病血糖控制人数", "电子健康档案建档数",
         "动态使用档案数",
         "重点人群数", "重点人群签约数"],
        ["CHC001", "202506", "13812345", "3000", "2000", "1800", "1000", "700", "600", "25000",
         "15000", "8000", "7000"]))
    assert r.frame.height == 1


def test_the_first_column_with_personal_data_is_named_though_its_row_comes_later():
    """Columns are searched in the sheet's order (all in one pass): the 备注 column's phone in
    row 3 is named, not the 说明 column's ID number in row 2."""
    with pytest.raises(EtlFatal, match="手机号或身份证号") as e:
        garbage_inspection.transform(sheet(
            [*HEADER, "备注", "说明"],
            ["990102001", "202506", "1", "0", "", "110101199003071234"],
            ["990102002", "202506", "1", "0", "13812345678", ""]))
    assert (e.value.row, e.value.column) == (3, "备注")
