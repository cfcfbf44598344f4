"""An independent recomputation of every TEMPLATES.md formula for the hand city 测试市.

The raw department files in tests/fixtures/hand_city are read here with the standard library and
openpyxl only (no etl/ or warehouse/ code), every indicator is computed in plain Python at every
grain and level README describes, and the result must equal the warehouse's indicator_values.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import openpyxl
import pytest

from etl.load import load
from warehouse.store import connect_readonly

HAND_CITY = Path(__file__).resolve().parent.parent / "fixtures" / "hand_city"
Z95 = 1.959963984540054
EXCEL_EPOCH = dt.date(1899, 12, 30)
TOTAL_WORDS = {"合计", "总计", "小计"}

# ====================================================================== reading the raw files


def norm_header(h: object) -> str:
    """NFKC (full-width brackets → half-width), no whitespace, no '(unit)'."""
    t = re.sub(r"\s+", "", unicodedata.normalize("NFKC", "" if h is None else str(h)))
    return re.sub(r"\([^)]*\)", "", t)


def cell_text(v: object) -> str | None:
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    t = unicodedata.normalize("NFKC", str(v)).strip()
    return t or None


def read_sheets(path: Path) -> list[tuple[str | None, list[tuple[int, list[str | None]]]]]:
    """[(sheet name, [(row number as a person sees it, cells)])] for a CSV or an XLSX."""
    if path.suffix == ".csv":
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("gb18030")
        rows = csv.reader(io.StringIO(text, newline=""))
        return [(None, [(i, [cell_text(c) for c in r]) for i, r in enumerate(rows, 1)])]
    wb = openpyxl.load_workbook(path, data_only=True)
    return [(ws.title, [(i, [cell_text(c) for c in r])
                        for i, r in enumerate(ws.iter_rows(min_row=1, values_only=True), 1)])
            for ws in wb.worksheets]


def number(s: str) -> float:
    return float(s.replace(",", ""))


def percent(s: str) -> float:
    """'35%' → 35.0 (goals and baselines are written either way)."""
    return number(s.removesuffix("%"))


def whole(s: str) -> int:
    x = number(s)
    if x != int(x):
        raise ValueError(s)
    return int(x)


def date(s: str) -> dt.date:
    if re.fullmatch(r"\d{5}", s):                       # Excel serial
        return EXCEL_EPOCH + dt.timedelta(days=int(s))
    m = re.fullmatch(r"(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?", s)
    if not m:
        raise ValueError(s)
    return dt.date(*map(int, m.groups()))


def month(s: str) -> dt.date:
    m = re.fullmatch(r"(\d{4})[-/年](\d{1,2})月?", s) or re.fullmatch(r"(\d{4})(\d{2})", s)
    if m:
        return dt.date(int(m[1]), int(m[2]), 1)
    return date(s).replace(day=1)


# Per template: fields (name, header without its unit, parser, required), the natural key (a
# later file replaces a row with the same key), foreign keys, and part ≤ whole rules.
TEXT, CODE = (lambda s: s), (lambda s: s.replace(" ", ""))
TEMPLATES = {
    "garbage_monthly": {
        "fields": [("street", "街道编码", CODE, True), ("month", "统计月份", month, True),
                   ("collected", "生活垃圾清运量", number, False),
                   ("recyclables", "可回收物回收量", number, False),
                   ("kitchen", "厨余垃圾量", number, False),
                   ("kitchen_used", "厨余垃圾资源化利用量", number, False),
                   ("communities", "小区总数", whole, False),
                   ("covered", "分类覆盖小区数", whole, False)],
        "key": ("street", "month"), "fk": ("street",),
        "rules": [("kitchen_used", "kitchen"), ("covered", "communities")]},
    "garbage_survey": {
        "fields": [("street", "街道编码", CODE, True), ("date", "调查日期", date, True),
                   ("surveyed", "调查户数", whole, True), ("aware", "知晓户数", whole, False),
                   ("participating", "参与户数", whole, False)],
        "key": ("street", "date"), "fk": ("street",),
        "rules": [("aware", "surveyed"), ("participating", "surveyed")]},
    "garbage_inspection": {
        "fields": [("street", "街道编码", CODE, True), ("month", "统计月份", month, True),
                   ("inspected", "检查车次", whole, False), ("mixed", "混装混运车次", whole,
                                                         False)],
        "key": ("street", "month"), "fk": ("street",), "rules": [("mixed", "inspected")]},
    "mosquito_sites": {
        "fields": [("site", "监测点编码", CODE, True), ("lon", "经度", number, True),
                   ("lat", "纬度", number, True), ("crs", "坐标系", TEXT, False),
                   ("grid", "网格编码", CODE, True)],
        "key": ("site",), "fk": ("grid",), "rules": []},
    "mosquito_light_trap": {
        "fields": [("site", "监测点编码", CODE, True), ("date", "监测日期", date, True),
                   ("traps", "布灯数", whole, True), ("nights", "监测夜数", whole, True),
                   ("females", "雌蚊数", whole, False)]
        + [(f"sp{i}", h, whole, False) for i, h in enumerate(
            ["淡色库蚊", "致倦库蚊", "白纹伊蚊", "三带喙库蚊", "中华按蚊", "其他蚊种"])],
        "key": ("site", "date"), "fk": ("site",), "rules": [("species", "females")]},
    "mosquito_route": {
        "fields": [("street", "街道编码", CODE, True), ("date", "调查日期", date, True),
                   ("length_m", "路径长度", number, True), ("found", "小型积水处数", whole, False),
                   ("positive", "阳性积水处数", whole, False)],
        "key": ("street", "date"), "fk": ("street",), "rules": [("positive", "found")]},
    "mosquito_breteau": {
        "fields": [("street", "街道编码", CODE, True), ("date", "调查日期", date, True),
                   ("households", "调查户数", whole, True), ("wet", "积水容器数", whole, False),
                   ("positive", "阳性容器数", whole, False)],
        "key": ("street", "date"), "fk": ("street",), "rules": [("positive", "wet")]},
    "waterlogging": {
        "fields": [("point", "积水点编号", CODE, True), ("grid", "网格编码", CODE, True),
                   ("point_class", "积水类别", TEXT, True),
                   ("found_date", "发现日期", date, True), ("status", "状态", TEXT, True),
                   ("eliminated_date", "销号日期", date, False)],
        "key": ("point",), "fk": ("grid",), "rules": [("eliminated", None)]},
    "health_centres": {
        "fields": [("centre", "机构编码", CODE, True), ("grid", "网格编码", CODE, True)],
        "key": ("centre",), "fk": ("grid",), "rules": []},
    "chronic_disease": {
        "fields": [("centre", "机构编码", CODE, True), ("month", "统计月份", month, True)]
        + [(c, h, whole, False) for c, h in [
            ("population", "辖区常住人口"), ("htn", "高血压在管患者数"),
            ("htn_std", "高血压规范管理人数"), ("htn_ctl", "高血压血压控制人数"),
            ("dm", "糖尿病在管患者数"), ("dm_std", "糖尿病规范管理人数"),
            ("dm_ctl", "糖尿病血糖控制人数"), ("ehr", "电子健康档案建档数"),
            ("ehr_active", "动态使用档案数"), ("key_pop", "重点人群数"),
            ("key_signed", "重点人群签约数"), ("key_filed", "重点人群建档数"),
            ("key_updated", "重点人群档案动态更新数")]],
        "key": ("centre", "month"), "fk": ("centre",),
        "rules": [("htn_std", "htn"), ("htn_ctl", "htn"), ("dm_std", "dm"), ("dm_ctl", "dm"),
                  ("ehr_active", "ehr"), ("key_signed", "key_pop"), ("key_filed", "key_pop"),
                  ("key_updated", "key_filed")]},
    "health_literacy": {
        "fields": [("qid", "问卷编号", CODE, True), ("year", "调查年份", whole, True),
                   ("district", "区县编码", CODE, True), ("street", "街道编码", CODE, True),
                   ("total", "总分", number, True), ("weight", "权重", number, True)],
        "key": ("year", "qid"), "fk": ("district", "street"), "rules": [("literacy", None)]},
    "stage_goals": {
        "fields": [("indicator", "指标编码", CODE, True), ("area", "区域编码", CODE, True),
                   ("year", "年份", whole, True), ("target", "目标值", percent, True),
                   ("deadline", "截止日期", date, True)],
        "key": ("indicator", "area", "year"), "fk": ("area",), "rules": []},
    "baselines": {
        "fields": [("indicator", "指标编码", CODE, True), ("area", "区域编码", CODE, True),
                   ("base_year", "基线年份", whole, True), ("base_value", "基线值", percent, True)],
        "key": ("indicator", "area"), "fk": ("area",), "rules": []},
}
# The health-literacy score columns: indicator id, header, maximum points.
SCORES = [("health_literacy_level", "总分", 66),
          ("hl_aspect_knowledge", "基本知识和理念得分", 28),
          ("hl_aspect_lifestyle", "健康生活方式与行为得分", 22),
          ("hl_aspect_skills", "基本技能得分", 16),
          ("hl_cat_scientific_view", "科学健康观得分", 11),
          ("hl_cat_infectious", "传染病防治得分", 7),
          ("hl_cat_chronic", "慢性病防治得分", 12),
          ("hl_cat_safety_first_aid", "安全与急救得分", 14),
          ("hl_cat_basic_medical", "基本医疗得分", 14),
          ("hl_cat_health_information", "健康信息得分", 8)]
TEMPLATES["health_literacy"]["fields"] += [(i, h, number, True) for i, h, _ in SCORES[1:]]


def score_field(indicator: str) -> str:
    return "total" if indicator == "health_literacy_level" else indicator


def find_header(rows, fields) -> tuple[float, int, dict[str, int]] | None:
    """(share of the fields found, index, columns) of the first of the top 15 rows that carries
    every required field's header; None if no row does."""
    for idx, (_, cells) in enumerate(rows[:15]):
        keys = [norm_header(c) for c in cells]
        cols = {name: keys.index(h) for name, h, _, _ in fields if h in keys}
        if all(name in cols for name, _, _, required in fields if required):
            return len(cols) / len(fields), idx, cols
    return None


class Raw:
    """Everything the files say, after the checks a careful clerk would make."""

    def __init__(self, root: Path):
        self.rejects: set[tuple[str, str | None, int]] = set()
        self.tables: dict[str, dict[tuple, dict]] = defaultdict(dict)
        self.parent: dict[str, str | None] = {}
        for f in sorted(root.rglob("*.geojson")):
            for feat in json.loads(f.read_text(encoding="utf-8"))["features"]:
                p = feat["properties"]
                self.parent[p["code"]] = p.get("parent_code")
        # Dimensions before facts; files in path order, so the re-sent ledger comes last.
        files = sorted(p for p in root.rglob("*") if p.suffix in (".csv", ".xlsx"))
        for dims_pass in (True, False):
            for f in files:
                for sheet, rows in read_sheets(f):
                    self._sheet(f, sheet, rows, dims_pass)

    def level(self, code: str) -> str:
        return {12: "grid", 9: "street"}.get(len(code)) or (
            "district" if self.parent.get(code) else "city")

    def chain(self, code: str) -> list[str]:
        out = [code]
        while self.parent.get(out[-1]):
            out.append(self.parent[out[-1]])
        return out

    def _known(self, kind: str, code: str) -> bool:
        if kind == "area":
            return code in self.parent
        if kind in ("district", "street", "grid"):
            return code in self.parent and self.level(code) == kind
        table = {"site": "mosquito_sites", "centre": "health_centres"}[kind]
        return (code,) in self.tables[table]

    def _sheet(self, f: Path, sheet, rows, dims_pass: bool) -> None:
        """Recognise the sheet's template (the best share of its headers) and read its rows."""
        matches = [(m, name) for name, spec in TEMPLATES.items()
                   if (m := find_header(rows, spec["fields"])) is not None]
        if not matches:
            return                                  # e.g. a 填报说明 sheet
        (_, at, cols), name = max(matches, key=lambda m: m[0][0])
        if (name in ("mosquito_sites", "health_centres")) != dims_pass:
            return
        spec = TEMPLATES[name]
        for row_number, cells in rows[at + 1:]:
            rec = self._record(spec, cols, cells)
            if rec == "skip":
                continue
            if rec is None:
                self.rejects.add((f.name, sheet, row_number))
                continue
            self.tables[name][tuple(rec[k] for k in spec["key"])] = rec

    def _record(self, spec, cols, cells):
        texts = {n: (cells[i] if i < len(cells) else None) for n, i in cols.items()}
        if all(v is None for v in cells) or any(
                (c or "").replace(" ", "") in TOTAL_WORDS for c in cells):
            return "skip"                           # blank row or a 合计/总计 row
        rec = {}
        try:
            for name, _, parse, required in spec["fields"]:
                t = texts.get(name)
                if t is None and required:
                    return None
                rec[name] = None if t is None else parse(t)
        except ValueError:
            return None
        for name in spec["fk"]:
            if rec[name] is not None and not self._known(name, rec[name]):
                return None
        for part, whole_ in spec["rules"]:
            if not self._rule_ok(rec, part, whole_):
                return None
        return rec

    @staticmethod
    def _rule_ok(rec, part, whole_) -> bool:
        if part == "species":
            return sum(rec[f"sp{i}"] or 0 for i in range(6)) <= (rec["females"] or 0)
        if part == "eliminated":
            if rec["status"] == "已销号" and rec["eliminated_date"] is None:
                return False
            return rec["eliminated_date"] is None or rec["eliminated_date"] >= rec["found_date"]
        if part == "literacy":
            aspects = sum(rec[i] for i, _, _ in SCORES[1:4])
            cats = sum(rec[i] for i, _, _ in SCORES[4:])
            return (abs(aspects - rec["total"]) <= 0.5 and abs(cats - rec["total"]) <= 0.5
                    and rec["street"].startswith(rec["district"])
                    and all(0 <= rec[score_field(i)] <= top for i, _, top in SCORES))
        if rec[part] is None or rec[whole_] is None:
            return True
        return rec[part] <= rec[whole_]


# ====================================================================== the formulas


def period_start(d: dt.date, grain: str) -> dt.date:
    if grain == "week":
        return d - dt.timedelta(days=d.weekday())      # ISO week: Monday
    if grain == "month":
        return d.replace(day=1)
    if grain == "quarter":
        return dt.date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)
    return dt.date(d.year, 1, 1)


def period_end(start: dt.date, grain: str) -> dt.date:
    if grain == "week":
        return start + dt.timedelta(days=6)
    months = {"month": 1, "quarter": 3, "year": 12}[grain]
    y, m = divmod(start.month - 1 + months, 12)
    return dt.date(start.year + y, m + 1, 1) - dt.timedelta(days=1)


MQY = ("month", "quarter", "year")
WMQY = ("week", *MQY)
# fact table → (unit field, date field, levels)
FACTS = {
    "garbage_monthly": ("street", "month", ("street", "district", "city")),
    "garbage_survey": ("street", "date", ("street", "district", "city")),
    "garbage_inspection": ("street", "month", ("street", "district", "city")),
    "mosquito_light_trap": ("site", "date", ("grid", "street", "district", "city")),
    "mosquito_route": ("street", "date", ("street", "district", "city")),
    "mosquito_breteau": ("street", "date", ("street", "district", "city")),
    "chronic_disease": ("centre", "month", ("grid", "street", "district", "city")),
}
# TEMPLATES.md "Formulas": id → (kind, fact, numerator parts, denominator parts, ×, grains).
# A part list is summed; "traps*nights" and "length_km" are products/scalings of one row.
FORMULAS = {
    "hw_recycling_rate": ("flow", "garbage_monthly", ["recyclables", "kitchen_used"],
                          ["collected", "recyclables"], 100, MQY),
    "kitchen_waste_resource_utilization_rate": ("flow", "garbage_monthly", ["kitchen_used"],
                                                ["kitchen"], 100, MQY),
    "residential_sorting_coverage_rate": ("stock", "garbage_monthly", ["covered"],
                                          ["communities"], 100, MQY),
    "sorting_awareness_rate": ("flow", "garbage_survey", ["aware"], ["surveyed"], 100, MQY),
    "sorting_participation_rate": ("flow", "garbage_survey", ["participating"], ["surveyed"],
                                   100, MQY),
    "mixed_collection_transport_rate": ("flow", "garbage_inspection", ["mixed"], ["inspected"],
                                        100, MQY),
    "mosq_light_trap_density": ("flow", "mosquito_light_trap", ["females"], ["traps*nights"], 1,
                                WMQY),
    "route_index": ("flow", "mosquito_route", ["positive"], ["length_km"], 1, WMQY),
    "small_water_positive_rate": ("flow", "mosquito_route", ["positive"], ["found"], 100, MQY),
    "breteau_index": ("flow", "mosquito_breteau", ["positive"], ["households"], 100, MQY),
    "htn_standardized_management_rate": ("stock", "chronic_disease", ["htn_std"], ["htn"], 100,
                                         MQY),
    "htn_bp_control_rate": ("stock", "chronic_disease", ["htn_ctl"], ["htn"], 100, MQY),
    "t2dm_standardized_management_rate": ("stock", "chronic_disease", ["dm_std"], ["dm"], 100,
                                          MQY),
    "t2dm_glucose_control_rate": ("stock", "chronic_disease", ["dm_ctl"], ["dm"], 100, MQY),
    "ehr_filing_rate": ("stock", "chronic_disease", ["ehr"], ["population"], 100, MQY),
    "ehr_dynamic_use_rate": ("stock", "chronic_disease", ["ehr_active"], ["ehr"], 100, MQY),
    "family_doctor_contract_rate_key_pop": ("stock", "chronic_disease", ["key_signed"],
                                            ["key_pop"], 100, MQY),
    # not in TEMPLATES.md: the plan's key-population record measures (README, data templates)
    "ehr_filing_rate_key_pop": ("stock", "chronic_disease", ["key_filed"], ["key_pop"], 100, MQY),
    "ehr_dynamic_update_rate": ("stock", "chronic_disease", ["key_updated"], ["key_filed"], 100,
                                MQY),
}
# The waterlogging cohort and the on-time closure rule, as the registry entries state them.
COHORT_OPEN_ON = dt.date(2023, 8, 31)
ON_TIME_CLASS, ON_TIME_DAYS = "孳生积水", 7
GRADES = {"route_index": [(0.1, "A"), (0.5, "B"), (0.8, "C"), (math.inf, "D")],
          "breteau_index": [(5, "0"), (10, "1"), (20, "2"), (math.inf, "3")]}


def part(rec: dict, name: str) -> float | None:
    if name == "traps*nights":
        return None if None in (rec["traps"], rec["nights"]) else rec["traps"] * rec["nights"]
    if name == "length_km":
        return rec["length_m"] / 1000
    return rec[name]


def grade_of(indicator: str, value: float | None) -> str | None:
    if indicator not in GRADES or value is None:
        return None
    return next(g for top, g in GRADES[indicator] if value <= top)


def wilson(p: float, n: float) -> tuple[float, float]:
    z2 = Z95 * Z95
    centre = p + z2 / (2 * n)
    half = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return (100 * max(0.0, (centre - half) / (1 + z2 / n)),
            100 * min(1.0, (centre + half) / (1 + z2 / n)))


def recompute(raw: Raw) -> dict[tuple, dict]:
    """(indicator_id, area_level, area_code, period_grain, period_start) → expected fields."""
    unit_leaf = {
        "street": lambda c: c,
        "site": lambda c: raw.tables["mosquito_sites"][(c,)]["grid"],
        "centre": lambda c: raw.tables["health_centres"][(c,)]["grid"],
    }
    universe = {"street": [c for c in raw.parent if raw.level(c) == "street"],
                "site": [k[0] for k in raw.tables["mosquito_sites"]],
                "centre": [k[0] for k in raw.tables["health_centres"]]}

    def areas(unit_kind: str, unit: str, levels) -> list[str]:
        return [a for a in raw.chain(unit_leaf[unit_kind](unit)) if raw.level(a) in levels]

    def expected_units(unit_kind: str, area: str) -> int:
        return sum(area in raw.chain(unit_leaf[unit_kind](u)) for u in universe[unit_kind])

    out: dict[tuple, dict] = {}
    for ind, (kind, fact, nums, dens, mult, grains) in FORMULAS.items():
        unit_kind, date_field, levels = FACTS[fact]
        rows = list(raw.tables[fact].values())
        for grain in grains:
            last = {}
            if kind == "stock":   # the period's last month with any row city-wide
                for r in rows:
                    ps = period_start(r[date_field], grain)
                    last[ps] = max(last.get(ps, r[date_field]), r[date_field])
            acc = defaultdict(lambda: [0.0, 0.0, set()])
            for r in rows:
                ps = period_start(r[date_field], grain)
                parts_n, parts_d = [part(r, p) for p in nums], [part(r, p) for p in dens]
                if None in parts_n or None in parts_d:
                    continue                     # a blank part leaves the row out
                if kind == "stock" and r[date_field] != last[ps]:
                    continue
                for a in areas(unit_kind, r[unit_kind], levels):
                    cell = acc[(a, ps)]
                    cell[0] += sum(parts_n)
                    cell[1] += sum(parts_d)
                    cell[2].add(r[unit_kind])
            for (a, ps), (num, den, units) in acc.items():
                value = num / den * mult if den > 0 else None
                out[(ind, raw.level(a), a, grain, ps)] = {
                    "value": value, "numerator": num, "denominator": den,
                    "reporting_units": len(units), "expected_units": expected_units(unit_kind, a),
                    "n": None, "ci_low": None, "ci_high": None, "grade": grade_of(ind, value)}
    out.update(recompute_ledger(raw))
    out.update(recompute_survey(raw, expected_units))
    return out


def recompute_ledger(raw: Raw) -> dict[tuple, dict]:
    """For each period [S, E] (E capped at the ledger's latest date):
    - as of E: found by E; eliminated (已销号 with 销号日期 ≤ E) of those;
    - cohort: the points open on COHORT_OPEN_ON (found by it, not 已销号 by it), once E reaches
      it; of those, eliminated by E;
    - on time: breeding points 已销号 within [S, E]; of those, closed ≤ ON_TIME_DAYS after found."""
    points = list(raw.tables["waterlogging"].values())
    latest = max(max(p["found_date"], p["eliminated_date"] or p["found_date"]) for p in points)
    first = min(p["found_date"] for p in points)

    def closed(p) -> dt.date | None:
        return p["eliminated_date"] if p["status"] == "已销号" else None

    cohort = [p for p in points if p["found_date"] <= COHORT_OPEN_ON
              and not (closed(p) and closed(p) <= COHORT_OPEN_ON)]
    out = {}
    for grain in WMQY:
        start = period_start(first, grain)
        while start <= latest:
            end = min(period_end(start, grain), latest)
            acc = defaultdict(lambda: [0, 0])
            for p in points:
                if p["found_date"] > end:
                    continue
                gone = closed(p) is not None and closed(p) <= end
                for a in raw.chain(p["grid"]):
                    acc[a][0] += 1
                    acc[a][1] += gone
            for a, (found, gone) in acc.items():
                key = (raw.level(a), a, grain, start)
                out[("standing_water_elimination_rate", *key)] = {
                    "value": gone / found * 100, "numerator": gone, "denominator": found}
                out[("standing_water_open_points", *key)] = {"value": found - gone}
            members = defaultdict(lambda: [0, 0])
            for p in cohort if end >= COHORT_OPEN_ON else []:
                for a in raw.chain(p["grid"]):
                    members[a][0] += 1
                    members[a][1] += closed(p) is not None and closed(p) <= end
            for a, (n, gone) in members.items():
                out[("waterlogging_cohort_elimination_rate", raw.level(a), a, grain, start)] = {
                    "value": gone / n * 100, "numerator": gone, "denominator": n}
            shut = defaultdict(lambda: [0, 0])
            for p in points:
                if p["point_class"] != ON_TIME_CLASS or closed(p) is None:
                    continue
                if not start <= closed(p) <= end:
                    continue
                for a in raw.chain(p["grid"]):
                    shut[a][0] += 1
                    shut[a][1] += (closed(p) - p["found_date"]).days <= ON_TIME_DAYS
            for a, (n, in_time) in shut.items():
                out[("breeding_point_on_time_closure_rate", raw.level(a), a, grain, start)] = {
                    "value": in_time / n * 100, "numerator": in_time, "denominator": n}
            start = period_end(start, grain) + dt.timedelta(days=1)
    return out


def recompute_survey(raw: Raw, expected_units) -> dict[tuple, dict]:
    """Weighted share at ≥ 80% of the maximum; n unweighted; Wilson CI on Kish's n_eff."""
    out = {}
    people = list(raw.tables["health_literacy"].values())
    for ind, _, top in SCORES:
        field = score_field(ind)
        acc = defaultdict(lambda: {"w": 0.0, "wy": 0.0, "w2": 0.0, "n": 0, "units": set()})
        for r in people:
            y = 1.0 if r[field] >= 0.8 * top else 0.0
            for a in raw.chain(r["street"]):
                s = acc[(a, dt.date(r["year"], 1, 1))]
                s["w"] += r["weight"]
                s["wy"] += r["weight"] * y
                s["w2"] += r["weight"] ** 2
                s["n"] += 1
                s["units"].add(r["street"])
        for (a, ps), s in acc.items():
            p = s["wy"] / s["w"]
            low, high = wilson(p, s["w"] ** 2 / s["w2"])
            out[(ind, raw.level(a), a, "year", ps)] = {
                "value": 100 * p, "numerator": s["wy"], "denominator": s["w"],
                "reporting_units": len(s["units"]), "expected_units": expected_units("street", a),
                "n": s["n"], "ci_low": low, "ci_high": high}
    return out


# ====================================================================== the comparison


@pytest.fixture(scope="module")
def raw() -> Raw:
    return Raw(HAND_CITY)


@pytest.fixture(scope="module")
def expected(raw) -> dict[tuple, dict]:
    return recompute(raw)


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    wdir = tmp_path_factory.mktemp("hand_city_independent")
    load([HAND_CITY], wdir, progress=lambda _m: None)
    connection, _ = connect_readonly(wdir)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def actual(con) -> dict[tuple, dict]:
    cols = ["indicator_id", "area_level", "area_code", "period_grain", "period_start", "value",
            "numerator", "denominator", "reporting_units", "expected_units", "n", "ci_low",
            "ci_high", "grade"]
    rows = con.sql(f"select {', '.join(cols)} from indicator_values").fetchall()
    return {r[:5]: dict(zip(cols[5:], r[5:], strict=True)) for r in rows}


def test_the_reader_saw_the_hand_city(raw, expected):
    # A sanity check on the independent reader itself, before trusting the comparison.
    assert len(raw.tables["garbage_monthly"]) == 4 + 4 + 3
    assert len(raw.tables["waterlogging"]) == 10
    assert raw.tables["waterlogging"][("W03",)]["status"] == "复发"
    assert raw.tables["chronic_disease"][("H01", dt.date(2025, 8, 1))]["key_filed"] == 6900
    assert raw.tables["chronic_disease"][("H01", dt.date(2025, 7, 1))]["key_filed"] is None
    assert sum(r["weight"] for r in raw.tables["health_literacy"].values()) == pytest.approx(11.0)
    assert raw.tables["garbage_survey"][("770103001", dt.date(2025, 6, 20))]["surveyed"] == 120
    assert {k[0] for k in expected} == {*FORMULAS, "standing_water_elimination_rate",
                                        "standing_water_open_points",
                                        "waterlogging_cohort_elimination_rate",
                                        "breeding_point_on_time_closure_rate",
                                        *(s[0] for s in SCORES)}


def test_same_keys(expected, actual):
    assert sorted(set(expected) - set(actual)) == []     # recomputed here, not in the warehouse
    assert sorted(set(actual) - set(expected)) == []     # in the warehouse, not recomputed


def test_same_numbers(expected, actual):
    diffs = []
    for key in sorted(set(expected) & set(actual)):
        for field, want in expected[key].items():
            got = actual[key][field]
            same = (got is None and want is None) if want is None or got is None else (
                got == pytest.approx(want, rel=1e-9, abs=1e-9) if isinstance(want, float)
                else got == want)
            if not same:
                diffs.append((*key, field, want, got))
    assert diffs == []


def test_grades_only_on_graded_indicators(actual):
    graded = {k[0] for k, v in actual.items() if v["grade"] is not None}
    assert graded == {"route_index", "breteau_index"}


def test_goals_and_baselines(raw, con):
    goals = {(r[0], r[1], r[2]): (r[3], r[4]) for r in con.sql(
        "select indicator_id, area_code, year, target_value, deadline from stage_goals"
    ).fetchall()}
    assert goals == {k: (pytest.approx(v["target"]), v["deadline"])
                     for k, v in raw.tables["stage_goals"].items()}
    base = {(r[0], r[1]): (r[2], r[3]) for r in con.sql(
        "select indicator_id, area_code, baseline_year, baseline_value from baselines").fetchall()}
    assert base == {k: (v["base_year"], pytest.approx(v["base_value"]))
                    for k, v in raw.tables["baselines"].items()}


def _gcj02_forward(lon: float, lat: float) -> tuple[float, float]:
    """WGS-84 → GCJ-02, the published 'eviltransform' formula (Krasovsky ellipsoid)."""
    a, ee = 6378245.0, 0.00669342162296594323
    x, y = lon - 105.0, lat - 35.0
    pi = math.pi
    dlat = (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
            + (20.0 * math.sin(6.0 * x * pi) + 20.0 * math.sin(2.0 * x * pi)) * 2.0 / 3.0
            + (20.0 * math.sin(y * pi) + 40.0 * math.sin(y / 3.0 * pi)) * 2.0 / 3.0
            + (160.0 * math.sin(y / 12.0 * pi) + 320 * math.sin(y * pi / 30.0)) * 2.0 / 3.0)
    dlon = (300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
            + (20.0 * math.sin(6.0 * x * pi) + 20.0 * math.sin(2.0 * x * pi)) * 2.0 / 3.0
            + (20.0 * math.sin(x * pi) + 40.0 * math.sin(x / 3.0 * pi)) * 2.0 / 3.0
            + (150.0 * math.sin(x / 12.0 * pi) + 300.0 * math.sin(x / 30.0 * pi)) * 2.0 / 3.0)
    rad = lat / 180.0 * pi
    magic = 1 - ee * math.sin(rad) ** 2
    dlat = dlat * 180.0 / ((a * (1 - ee)) / (magic * math.sqrt(magic)) * pi)
    dlon = dlon * 180.0 / (a / math.sqrt(magic) * math.cos(rad) * pi)
    return lon + dlon, lat + dlat


def test_site_coordinates(raw, con):
    stored = {r[0]: (r[1], r[2]) for r in con.sql(
        "select site_code, lon, lat, grid_code from dim_site").fetchall()}
    for (site,), rec in raw.tables["mosquito_sites"].items():
        lon, lat = stored[site]
        if (rec["crs"] or "WGS84").upper() == "GCJ02":
            lon, lat = _gcj02_forward(lon, lat)      # back to what the phone app showed
        assert (lon, lat) == (pytest.approx(rec["lon"], abs=2e-6),
                              pytest.approx(rec["lat"], abs=2e-6)), site


def test_same_rejected_rows(raw, con):
    rows = con.sql("select file, sheet, row_number from etl_rejects").fetchall()
    assert {(Path(f).name, s, n) for f, s, n in rows} == raw.rejects
