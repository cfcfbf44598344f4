"""Blank templates generated from the contracts (the one place a template is defined): the
header row (each column's first Chinese header), dropdown lists for enumerations, and a 说明
sheet saying what each column means, its kind, unit, allowed values and whether it is required,
and the cross-field rules in words. A filled copy loads back cleanly."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from etl import catalog, parse
from etl.contract import Col, Contract, EtlFatal
from etl.readers import read_tabular
from etl.sources import _common

INSTRUCTIONS = "说明"
HEAD_FILL = PatternFill("solid", fgColor="FFDDEBF7")
BOLD = Font(bold=True)
KINDS = {"code": ("编码", "code"), "text": ("文字", "text"), "enum": ("选项", "choice"),
         "int": ("整数", "whole number"), "year": ("年份（4位数字）", "year"),
         "num": ("数字", "number"), "pct": ("百分数", "percentage"),
         "lon": ("经度（小数）", "longitude"), "lat": ("纬度（小数）", "latitude"),
         "date": ("日期，如 2025-06-30", "date"), "month": ("月份，如 2025-06", "month"),
         "quarter": ("季度，如 2025-Q1 或 2025年第1季度", "quarter"),
         "bool": ("是/否", "yes or no"), "geometry": ("几何", "geometry")}
PATTERNS = {_common.AREA_CODE: "6、9 或 12 位数字（区县、街道、网格）",
            _common.DISTRICT_CODE: "6 位数字", _common.STREET_CODE: "9 位数字（区县编码 + 3 位）",
            _common.GRID_CODE: "12 位数字（街道编码 + 3 位）",
            _common.INDICATOR_CODE: "指标编码：小写字母、数字和下划线"}
RHYTHMS = {"monthly": "每月", "quarterly": "每季度", "yearly": "每年", "continuous": "随时更新",
           "twice_monthly_season": "4–11月每月两次", "monthly_season": "蚊虫季每月",
           "monthly_summer": "夏季每月", "as_needed": "需要时"}


def templates() -> list[Contract]:
    """The templates departments fill in a spreadsheet (the geography comes as GeoJSON)."""
    return [c for c in catalog.sources() if c.reader is read_tabular]


def resolve(name: str) -> Contract:
    """A template by its id (garbage_monthly), number (2a) or Chinese or English title."""
    key = name.strip().lower()
    for c in catalog.sources():
        if key in (c.meta.name, c.meta.number.lower(), c.meta.title_zh, c.meta.title_en.lower()):
            if c.reader is not read_tabular:
                raise EtlFatal(name, f"「{c.meta.title_zh}」以 GeoJSON 报送，没有 Excel 模板 "
                               "(sent as GeoJSON: no spreadsheet template)")
            return c
    known = "、".join(f"{c.meta.name}（{c.meta.number} {c.meta.title_zh}）" for c in templates())
    raise EtlFatal(name, f"没有这个模板；可用的模板：{known} (unknown template)")


def file_name(c: Contract) -> str:
    return f"{c.meta.number}_{c.meta.title_zh}.xlsx"


def write(c: Contract, out: Path) -> Path:
    blank(c).save(out)
    return out


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [write(c, folder / file_name(c)) for c in templates()]


def blank(c: Contract) -> openpyxl.Workbook:
    """The blank workbook of one template: its data sheet and the 说明 sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = re.sub(r"[\[\]:*?/\\]", "_", c.meta.title_zh)[:31]
    for i, col in enumerate(c.columns, 1):
        cell = ws.cell(row=1, column=i, value=col.label_zh)
        cell.font, cell.fill = BOLD, HEAD_FILL
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(12, 2 * len(col.label_zh) + 4)
        if col.kind in ("code", "text"):
            ws.column_dimensions[letter].number_format = "@"   # codes keep their digits
        choices = _choices(col)
        if choices:
            listed = ",".join(choices)
            if len(listed) <= 255:   # NOTE: Excel's limit for a list written in the rule
                dv = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True,
                                    showErrorMessage=not col.descriptive,
                                    errorTitle="取值不在列表中", error="请从下拉列表中选择")
                dv.add(f"{letter}2:{letter}1048576")
                ws.add_data_validation(dv)
    ws.freeze_panes = "A2"
    _instructions(wb.create_sheet(INSTRUCTIONS), c)
    return wb


def _choices(col: Col) -> list[str]:
    if col.kind == "bool":
        return ["是", "否"]
    if col.kind == "enum" and col.values:
        return list(dict.fromkeys(col.values.values()))
    return []


def _unit(col: Col) -> str:
    for h in col.headers:
        if (u := parse.header_unit(h)) and col.units:
            return u
    return col.units[0] if col.units else ""


def _allowed(col: Col) -> str:
    if choices := _choices(col):
        said = "、".join(choices)
        return f"{said}（其他写法按原样保留）" if col.descriptive else said
    parts = []
    if col.kind == "code":
        parts.append(PATTERNS.get(col.pattern or "", "字母、数字、-、_，最多 32 位"))
    if col.kind in ("int", "num", "pct", "year"):
        lo = 0 if col.min is None and col.kind != "year" else col.min
        if lo is not None:
            parts.append(f"≥ {lo:g}")
        if col.max is not None:
            parts.append(f"≤ {col.max:g}")
        if col.kind == "year" and not col.future_ok:
            parts.append("不晚于今年")
        if col.percent_ok:
            parts.append("可写作 85.3%")
        if col.kind != "year":
            parts.append("小数用小数点，千位分隔只能三位一组（1,234）")
    if col.kind in ("date", "month"):
        parts.append("2000-01-01 以后" + ("" if col.future_ok else "，不晚于今天"))
    if col.kind == "lon":
        parts.append("73–136；坐标系默认 WGS-84")
    if col.kind == "lat":
        parts.append("3–54；坐标系默认 WGS-84")
    return "；".join(parts)


def _required(col: Col) -> str:
    if not col.required:
        return "选填（可删去本列）"
    return "可空（空 = 缺失，不是 0）" if col.nullable else "必填"


def _instructions(ws, c: Contract) -> None:
    m = c.meta
    ws.append([f"{m.number} {m.title_zh}（{m.title_en}）填表说明"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([f"报送频率：{RHYTHMS.get(m.rhythm, m.rhythm)}。"
               "第一行是表头，数据从第二行起，每行一条；可在表头上方加标题行，表尾的合计行不会被计入。"])
    keys = "、".join(next(col.label_zh for col in c.columns if col.name == k) for k in m.keys)
    ws.append([f"同一「{keys}」只填一行；重新报送时，新数据替换旧数据。"])
    ws.append(["不得填写个人信息（姓名、身份证号、手机号、联系电话、电子邮箱等），否则整个文件将被拒收。"])
    ws.append([])
    head = ["列名", "含义", "Meaning", "类型 Kind", "单位 Unit", "允许取值或范围 Allowed",
            "是否必填 Required", "也可写作 Other headers"]
    ws.append(head)
    for cell in ws[ws.max_row]:
        cell.font, cell.fill = BOLD, HEAD_FILL
    for col in c.columns:
        zh, en = KINDS[col.kind]
        others = "、".join(h for h in col.headers if h != col.label_zh)
        ws.append([col.label_zh, col.label_zh, col.label_en, f"{zh} / {en}", _unit(col),
                   _allowed(col), _required(col), others])
    rules = [r.reason for r in c.rules]
    warn = [f"提示（不拒收，但需确认）：{r.reason}" for r in c.warn_rules]
    if rules or warn:
        ws.append([])
        ws.append(["跨列规则 Cross-column rules（违反的行将被拒收并写明原因）"])
        ws.cell(row=ws.max_row, column=1).font = BOLD
        for text in rules + warn:
            ws.append([text])
    for letter, width in zip("ABCDEFGH", (24, 24, 36, 22, 10, 48, 22, 36)):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=6):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
