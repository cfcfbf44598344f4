"""指标总览: each indicator's latest city value beside its current stage goal and deadline."""

from __future__ import annotations

import datetime as dt

import polars as pl
import streamlit as st

from app import db

GRAIN_ZH = {"week": "周", "month": "月", "quarter": "季度", "year": "年"}
DIRECTION_ZH = {"higher": "越高越好", "lower": "越低越好"}

# 1/ data version and empty state
version = db.current_version()
st.title("健康城市驾驶舱 · 指标总览")
if version == 0:
    st.info("仓库中还没有数据。请先导入部门数据：`make etl`（示例城市）或 "
            "`python -m etl load 文件或文件夹`。")
    st.stop()
info = db.current_info() or {}

# 2/ data
rows = db.query("city_latest", version, today=dt.date.today())
city = rows["city_name"][0] if rows.height else ""
st.caption(f"{city} · 数据版本 {version} · 发布于 {info.get('published_at', '')}")


def period_label(start: dt.date | None, grain: str | None) -> str:
    if start is None or grain is None:
        return "—"
    if grain == "month":
        return f"{start.year}年{start.month}月"
    if grain == "year":
        return f"{start.year}年"
    return f"{start.isoformat()}（{GRAIN_ZH.get(grain, grain)}）"


def value_label(row: dict) -> str:
    if row["value"] is None:
        return "暂无数据"
    text = row["format"].format(row["value"])
    if row["ci_low"] is not None:
        text += f"（95%CI {row['ci_low']:.1f}–{row['ci_high']:.1f}，n={row['n']}）"
    if row["grade"] is not None:
        text += f"（{row['grade']}级）"
    return text


def goal_label(row: dict) -> str:
    if row["target_value"] is None:
        return "—"
    return row["format"].format(row["target_value"])


# 3/ table
table = pl.DataFrame([{
    "领域": r["domain_zh"],
    "指标": r["name_zh"],
    "单位": r["unit"],
    "方向": DIRECTION_ZH[r["direction"]],
    "最新值": value_label(r),
    "统计期": period_label(r["period_start"], r["period_grain"]),
    "上报单位": (f"{r['reporting_units']}/{r['expected_units']}"
               if r["expected_units"] is not None and r["reporting_units"] is not None else "—"),
    "当前阶段目标": goal_label(r),
    "阶段": r["stage_name"] or "—",
    "截止日期": r["deadline"].isoformat() if r["deadline"] else "—",
} for r in rows.iter_rows(named=True)])
for domain in table["领域"].unique(maintain_order=True):
    st.subheader(domain)
    st.dataframe(table.filter(pl.col("领域") == domain).drop("领域"), hide_index=True,
                 width="stretch")
st.caption("口径：比率按分子分母汇总后计算；慢病等年内累计指标取期末月；健康素养为加权比例。"
           "上报单位 = 已上报/应上报。")
