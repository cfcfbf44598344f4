"""problems (8): 整改时限 and 销号日期 ≥ 发现日期, 已销号 needs 销号日期, 复核日期 ≥ 销号日期;
enums and their aliases; optional GCJ-02 coordinates; no personal data in 问题描述; told apart
from the waterlogging ledger."""

import datetime as dt

import openpyxl
import pytest

from etl import catalog, templates
from etl.contract import EtlFatal
from etl.coords import wgs84_to_gcj02
from etl.readers import read_tabular
from etl.sources import problems
from tests.conftest import SAMPLE, sheet
from warehouse import ledger

HEADER = ["问题编号", "问题类别", "问题描述", "网格编码", "经度", "纬度", "坐标系", "发现日期",
          "发现方式", "责任单位", "整改时限", "状态", "整改措施", "销号日期", "复核日期"]
GRID = "990102001001"


def row(pid, status="已销号", found="2025-06-01", deadline="2025-06-08", closed="2025-06-05",
        reviewed="2025-06-09", category="环境卫生", found_by="日常巡查", lon="113.1", lat="28.2",
        crs="WGS84", description="背街小巷乱堆放杂物", unit="解放街道办事处"):
    return [pid, category, description, GRID, lon, lat, crs, found, found_by, unit, deadline,
            status, "已清理杂物", closed, reviewed]


def reasons(r):
    return [(n, c, why.split(" / ")[0]) for n, c, why in
            r.rejects.select("row_number", "column", "reason").iter_rows()]


def test_rules():
    r = problems.transform(sheet(
        HEADER,
        row("DC20250001"),
        row("DC20250002", found="2025/6/1", closed="2025年6月8日", reviewed=""),
        row("DC20250003", status="待复核", closed="", reviewed=""),    # awaiting review: open
        row("DC20250004", deadline="2025-05-30"),                      # deadline before found
        row("DC20250005", closed="2025-05-31", reviewed=""),           # closed before found
        row("DC20250006", closed="", reviewed=""),                     # 已销号 without a date
        row("DC20250007", reviewed="2025-06-04"),                      # reviewed before closed
        row("DC20250008", status="整改中", closed="", reviewed="2025-06-09")))  # nothing closed
    assert r.frame["problem_id"].to_list() == ["DC20250001", "DC20250002", "DC20250003"]
    assert r.frame["closed_date"].to_list() == [dt.date(2025, 6, 5), dt.date(2025, 6, 8), None]
    assert r.frame["status"].to_list() == ["已销号", "已销号", "待复核"]
    assert reasons(r) == [(5, "整改时限", "整改时限早于发现日期"),
                          (6, "销号日期", "销号日期早于发现日期"),
                          (7, "销号日期", "状态为已销号但没有销号日期"),
                          (8, "复核日期", "复核日期早于销号日期"),
                          (9, "复核日期", "有复核日期但没有销号日期")]
    assert r.warnings == []


def test_every_rule_reads_chinese_slash_english():
    for rule in problems.SOURCE.rules:
        zh, _, en = rule.reason.partition(" / ")
        assert zh and en.isascii() and en, rule.reason


@pytest.mark.parametrize("column,written,canonical", [
    *[("问题类别", v, v) for v in ledger.PROBLEM_CATEGORIES],
    *[("问题类别", k, v) for k, v in ledger.PROBLEM_CATEGORY_ALIASES.items()],
    ("问题类别", "＂三小＂场所", "“三小”场所"),      # full-width ASCII quotes (NFKC)
    *[("发现方式", v, v) for v in ledger.PROBLEM_FOUND_BY],
    *[("发现方式", k, v) for k, v in ledger.PROBLEM_FOUND_BY_ALIASES.items()],
    *[("状态", v, v) for v in ledger.PROBLEM_STATUSES],
    *[("状态", k, v) for k, v in ledger.PROBLEM_STATUS_ALIASES.items()],
])
def test_enum_values_and_aliases(column, written, canonical):
    values = row("DC1", status="整改中", closed="", reviewed="")
    values[HEADER.index(column)] = written
    if column == "状态" and canonical == ledger.CLOSED:
        values[HEADER.index("销号日期")] = "2025-06-05"
    r = problems.transform(sheet(HEADER, values))
    assert r.rejects.height == 0, r.rejects.rows()
    name = {"问题类别": "category", "发现方式": "found_by", "状态": "status"}[column]
    assert r.frame[name].to_list() == [canonical]


@pytest.mark.parametrize("column,value", [
    ("问题类别", "卫生死角"), ("问题类别", "三小"),
    ("发现方式", "疾控调查"),     # the waterlogging ledger's, not this one's
    ("发现方式", "上级交办"), ("状态", "已办结")])
def test_unknown_labels_are_rejected_not_kept(column, value):
    values = row("DC1")
    values[HEADER.index(column)] = value
    r = problems.transform(sheet(HEADER, values))
    assert r.frame.height == 0
    assert [(n, c) for n, c, _ in reasons(r)] == [(2, column)]
    assert "取值不在允许范围" in r.rejects["reason"][0]
    assert r.warnings == []


def test_required_values():
    r = problems.transform(sheet(
        HEADER, row("DC1", unit=""), row("DC2", deadline=""), row("DC3", found_by=""),
        row("DC4", description="")))                        # a blank description is allowed
    assert r.frame["problem_id"].to_list() == ["DC4"]
    assert [(n, c) for n, c, _ in reasons(r)] == [(2, "责任单位"), (3, "整改时限"),
                                                  (4, "发现方式")]
    for column in ("问题编号", "责任单位", "整改时限", "销号日期", "网格编码"):
        header = [h for h in HEADER if h != column]
        values = [v for h, v in zip(HEADER, row("DC1"), strict=True) if h != column]
        with pytest.raises(EtlFatal, match="缺少必需列") as e:
            problems.transform(sheet(header, values))
        assert e.value.column == column


def test_a_deadline_may_lie_ahead_a_finding_may_not():
    ahead = (dt.date.today() + dt.timedelta(days=20)).isoformat()
    r = problems.transform(sheet(
        HEADER, row("DC1", status="整改中", found=dt.date.today().isoformat(), deadline=ahead,
                    closed="", reviewed=""),
        row("DC2", status="整改中", found=ahead, deadline=ahead, closed="", reviewed="")))
    assert r.frame["deadline"].to_list() == [dt.date.fromisoformat(ahead)]
    assert [(n, c) for n, c, _ in reasons(r)] == [(3, "发现日期")]


def test_coordinates_and_review_date_are_optional_columns():
    header = [h for h in HEADER if h not in ("经度", "纬度", "坐标系", "复核日期", "整改措施")]
    values = [v for h, v in zip(HEADER, row("DC1"), strict=True) if h in header]
    r = problems.transform(sheet(header, values))
    assert r.rejects.height == 0
    assert r.frame.row(0, named=True) | {"_row": None} == {
        "_row": None, "problem_id": "DC1", "category": "环境卫生",
        "description": "背街小巷乱堆放杂物", "grid_code": GRID, "lon": None, "lat": None,
        "coord_sys": None, "found_date": dt.date(2025, 6, 1), "found_by": "日常巡查",
        "responsible_unit": "解放街道办事处", "deadline": dt.date(2025, 6, 8), "status": "已销号",
        "measures": None, "closed_date": dt.date(2025, 6, 5), "reviewed_date": None}
    assert list(r.frame.columns[1:]) == list(problems.CONTRACT)


def test_blank_coordinates_and_half_a_position():
    r = problems.transform(sheet(
        HEADER, row("DC1", lon="", lat="", crs=""), row("DC2", lon="", lat="", crs="GCJ02"),
        row("DC3", lat=""), row("DC4", lon="")))
    assert r.frame.select("problem_id", "lon", "lat", "coord_sys").rows() == [
        ("DC1", None, None, None), ("DC2", None, None, None)]
    assert [(n, c) for n, c, _ in reasons(r)] == [(4, "纬度"), (5, "经度")]


def test_gcj02_and_bd09_converted_to_wgs84_beside_rows_without_coordinates():
    glon, glat = wgs84_to_gcj02(113.0, 28.2)
    r = problems.transform(sheet(
        HEADER, row("DC1", lon=str(glon), lat=str(glat), crs="GCJ02"),
        row("DC2", lon="", lat="", crs=""), row("DC3", lon="113.1", lat="28.3", crs=""),
        row("DC4", lon="113.1", lat="28.3", crs="百度")))
    got = {p: (lon, lat, crs) for p, lon, lat, crs in
           r.frame.select("problem_id", "lon", "lat", "coord_sys").iter_rows()}
    assert got["DC1"][0] == pytest.approx(113.0, abs=1e-6)
    assert got["DC1"][1] == pytest.approx(28.2, abs=1e-6)
    assert got["DC1"][2] == "GCJ02"
    assert got["DC2"] == (None, None, None)
    assert got["DC3"] == (113.1, 28.3, "WGS84")
    assert got["DC4"][2] == "BD09" and got["DC4"][0] != 113.1


@pytest.mark.parametrize("description", [
    "举报人电话13812345678，楼道堆物", "业主110101199003071234反映垃圾满溢",
    "联系 0731-84561234", "联系人：张三，背街小巷乱堆放", "王女士反映公共厕所有异味"])
def test_personal_data_in_a_description_refuses_the_file(description):
    with pytest.raises(EtlFatal, match="手机号或身份证号|人名") as e:
        problems.transform(sheet(HEADER, row("DC1"), row("DC2", description=description)))
    assert (e.value.row, e.value.column) == (3, "问题描述")


def test_the_template_is_listed_with_its_blank_workbook(tmp_path):
    rows = {r["template"]: r for r in catalog.dim_template_rows()}
    assert rows["problems"] | {"sort_order": None} == {
        "template": "problems", "number": "8", "title_zh": "督查问题台账",
        "title_en": "Inspection problem ledger", "table_name": "stg_problems",
        "rhythm": "continuous", "period_grain": "day", "period_sql": problems.META.period,
        "unit_type": None, "unit_column": None, "department_zh": "督查考核组",
        "department_en": "Inspection and assessment group", "load_order": 50, "sort_order": None,
        "spreadsheet": True}
    order = [r["template"] for r in catalog.dim_template_rows()]
    assert order.index("problems") > order.index("baselines")   # 8 after the 7s
    assert templates.resolve("8") is problems.SOURCE
    assert templates.resolve("督查问题台账") is problems.SOURCE
    assert templates.file_name(problems.SOURCE) == "8_督查问题台账.xlsx"
    path = templates.write(problems.SOURCE, tmp_path / "8.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["督查问题台账"]
    assert [c.value for c in ws[1]] == HEADER
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists["B2"] == '"' + ",".join(ledger.PROBLEM_CATEGORIES) + '"'
    assert lists["I2"] == '"' + ",".join(ledger.PROBLEM_FOUND_BY) + '"'
    assert lists["L2"] == '"' + ",".join(ledger.PROBLEM_STATUSES) + '"'
    notes = {r[0]: r for r in book["说明"].iter_rows(min_row=7, values_only=True) if r[0]}
    assert notes["经度"][6] == "选填（可删去本列）"
    assert notes["整改时限"][5] == "2000-01-01 以后"
    texts = [r[0] for r in book["说明"].iter_rows(values_only=True) if r[0]]
    assert "复核日期早于销号日期 / reviewed before closed" in texts
    for r in (row("DC1", crs="GCJ02"), row("DC2", status="待复核", closed="", reviewed="",
                                            lon="", lat="", crs="")):
        ws.append(r)
    book.save(path)
    (raw,) = [s for s in read_tabular(path) if s.sheet == "督查问题台账"]
    contract, found = catalog.detect(raw, catalog.sources())
    result = contract.transform(found)
    assert contract is problems.SOURCE
    assert (result.frame.height, result.rejects.height) == (2, 0)


def test_a_problem_ledger_is_not_a_waterlogging_ledger():
    """Both ledgers share 网格编码, 经度/纬度/坐标系, 发现日期, 发现方式, 状态, 整改措施,
    销号日期 and 责任单位: each header is still recognised as its own template, with or without
    the optional columns."""
    water = ["积水点编号", "积水类别", "积水类型", "经度", "纬度", "坐标系", "网格编码", "发现日期",
             "发现方式", "是否发现幼虫", "状态", "整改措施", "销号日期", "责任单位"]
    lean = [h for h in HEADER if h not in ("经度", "纬度", "坐标系", "整改措施", "复核日期")]
    for header, name in ((HEADER, "problems"), (lean, "problems"), (water, "waterlogging"),
                         ([h for h in water if h not in ("坐标系", "整改措施")], "waterlogging")):
        contract, _ = catalog.detect(sheet(header, [""] * len(header)), catalog.sources())
        assert contract.meta.name == name, header


@pytest.mark.parametrize("folder", ["problems", "waterlogging"])
def test_each_sample_ledger_is_detected_as_its_own_template(folder):
    files = sorted((SAMPLE / folder).iterdir())
    assert len(files) == 4
    for path in files:
        assert [c.meta.name for c, _ in catalog.read_file(path)] == [folder], path.name


def test_the_sample_ledgers_load_with_exactly_their_two_bad_rows():
    got = {}
    for path in sorted((SAMPLE / "problems").iterdir()):
        ((contract, raw),) = catalog.read_file(path)
        r = contract.transform(raw)
        got[path.name] = (r.rows_read, r.frame.height, reasons(r), r.warnings)
    assert got["督查问题台账_2025年底.xlsx"][2] == [
        (12, "销号日期", "状态为已销号但没有销号日期"), (13, "复核日期", "复核日期早于销号日期")]
    for name, (read, loaded, rejects, warnings) in got.items():
        assert read == loaded + len(rejects) and warnings == [], name
        if name != "督查问题台账_2025年底.xlsx":
            assert rejects == [], name
    # the GBK CSV's 合计 row is not a problem; the latest snapshot lists every problem once
    assert got["督查问题台账_2026年10月.csv"][0] < got["督查问题台账_2026年11月.xlsx"][0]
