"""health_literacy (6): ranges, score sums, street inside district, enums."""

from etl.sources import health_literacy
from tests.conftest import sheet

HEADER = ["问卷编号", "调查年份", "区县编码", "街道编码", "城乡", "性别", "年龄", "文化程度",
          "总分",
          "基本知识和理念得分", "健康生活方式与行为得分", "基本技能得分", "科学健康观得分",
          "传染病防治得分",
          "慢性病防治得分", "安全与急救得分", "基本医疗得分", "健康信息得分", "权重"]
GOOD = ["2025-000001", "2025", "990102", "990102001", "城市", "女", "35", "大专/本科", "55",
        "24", "18", "13", "9", "6", "10", "12", "12", "6", "1.2"]


def with_(i, v):
    r = list(GOOD)
    r[i] = v
    return r


def test_rules():
    r = health_literacy.transform(sheet(
        HEADER, GOOD, with_(6, "80"), with_(3, "990103001"), with_(9, "25"), with_(12, "10"),
        with_(18, "0"), with_(10, "23")))
    assert r.frame["questionnaire_id"].to_list() == ["2025-000001"]
    assert sorted(r.rejects["row_number"].to_list()) == [3, 4, 5, 6, 7, 8]


def test_the_optional_smoking_and_channel_columns_become_flags():
    header = [*HEADER, "是否吸烟", "健康知识主要获取渠道"]
    rows = [[f"2025-00000{i}", *GOOD[1:], smoke, channel] for i, (smoke, channel) in enumerate(
        (("是", "网络新媒体"), ("否", "电视"), ("", ""), ("否", "微信"), ("否", "广播")))]
    r = health_literacy.transform(sheet(header, *rows))
    # 广播 is not a channel of the list: rejected with the column named
    assert r.rejects.select("row_number", "column").rows() == [(6, "健康知识主要获取渠道")]
    assert r.frame.select("smoker_flag", "new_media_flag").rows() == [
        (1, 1), (0, 0), (None, None), (0, 1)]       # blank = no answer, never a zero


def test_a_file_without_the_optional_columns_has_no_flags():
    r = health_literacy.transform(sheet(HEADER, GOOD))
    assert r.rejects.height == 0
    assert r.frame.select("smoker_flag", "new_media_flag").rows() == [(None, None)]
