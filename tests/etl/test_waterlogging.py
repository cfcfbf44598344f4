"""waterlogging (4): 已销号 needs 销号日期 ≥ 发现日期; enums; GCJ-02 coordinates."""

from etl.sources import waterlogging
from tests.conftest import sheet

HEADER = ["积水点编号", "积水类别", "积水类型", "经度", "纬度", "坐标系", "网格编码", "发现日期",
          "发现方式",
          "是否发现幼虫", "状态", "整改措施", "销号日期", "责任单位"]


def row(pid, status, found, eliminated, kind="绿化带"):
    return [pid, "孳生积水", kind, "113.1", "28.2", "WGS84", "990102001001", found, "日常巡查",
            "是",
            status, "清除积水", eliminated, "城关区城市管理局"]


def test_rules():
    r = waterlogging.transform(sheet(
        HEADER, row("JS1", "已销号", "2025-06-01", "2025年6月3日"),
        row("JS2", "未整改", "2025/6/1", ""),
        row("JS3", "已销号", "2025-06-01", ""),            # eliminated without a date
        row("JS4", "已销号", "2025-06-05", "2025-06-01"),  # before found
        row("JS5", "未整改", "2025-06-05", "", kind="沙坑")))   # an unlisted type: kept
    assert r.frame["point_id"].to_list() == ["JS1", "JS2", "JS5"]
    assert r.frame["larvae_found"].to_list() == [True, True, True]
    assert r.frame["point_type"].to_list()[2] == "沙坑"
    assert sorted(r.rejects["row_number"].to_list()) == [4, 5]
    assert [(w.kind, w.row, w.column) for w in r.warnings] == [("label_kept", 6, "积水类型")]
