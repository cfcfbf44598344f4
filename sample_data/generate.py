"""Deterministic sample-data generator: writes the raw department files of the fictional city XX市.

Usage::

    python -m sample_data.generate --out DIR --seed N --scale K [--end YYYY-MM]

Every source has its own random stream derived from (seed, source name), so a change to one
source never shifts another. The same seed, scale and end month give byte-identical files (CSV,
GeoJSON and XLSX alike). ``--scale K`` multiplies grid cells, light-trap sites, health centres,
survey respondents, waterlogging points and inspection problems; districts and streets stay
fixed. The folders, the
quirk each file carries, the district storylines and the deliberately bad rows are described in
``sample_data/README.md``.
"""

from __future__ import annotations

import argparse
import calendar
import codecs
import csv
import io
import json
import math
import shutil
import time
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import polars as pl
import xlsxwriter

# --------------------------------------------------------------------------------------------
# Constants
# --------------------------------------------------------------------------------------------

DEFAULT_SEED = 20240101
DEFAULT_OUT = Path(__file__).resolve().parent
FIRST_YEAR = 2023
EPOCH = date(FIRST_YEAR, 1, 1)
AS_OF_DAY = 20  # NOTE: the end month is partial; its events are dated up to the 20th.
FIXED_CREATED = datetime(2020, 1, 1)  # XLSX core properties, so workbooks are byte-stable
BIG_SHEET_CELLS = 200_000  # above this a workbook is written in constant_memory mode

CITY_CODE = "990100"
CITY_NAME = "XX市"
CITY_NAME_EN = "XX City"
CITY_BBOX = (112.8, 28.0, 113.4, 28.4)
PLAN_SOURCE = "创建国家卫生城市工作方案(2024—2026年)"  # shared/seeds/000

# code, name, bbox (lon0, lat0, lon1, lat1), streets (a name ending in 镇 is a rural town)
DISTRICTS: tuple[tuple[str, str, tuple[float, float, float, float], tuple[str, ...]], ...] = (
    ("990102", "城关区", (113.00, 28.13, 113.18, 28.27),
     ("解放街道", "府前街道", "文庙街道", "鼓楼街道", "东门街道",
      "西门街道", "南门街道", "北门街道", "中山街道", "人民路街道")),
    ("990103", "东湖区", (113.18, 28.18, 113.40, 28.40),
     ("湖滨街道", "东湖街道", "望湖街道", "桃源街道", "金湖街道",
      "科技城街道", "月湖街道", "白沙街道", "东岸镇")),
    ("990104", "西山区", (112.80, 28.00, 113.00, 28.40),
     ("西山街道", "云台街道", "枫林街道", "松岭街道", "青石镇", "石门镇",
      "龙泉镇", "白云镇", "竹溪镇", "茶岭镇", "梅溪镇")),
    ("990105", "南江区", (113.00, 28.00, 113.18, 28.13),
     ("南江街道", "江南街道", "滨江街道", "沙洲街道", "河口镇",
      "渡口镇", "莲塘镇", "荷花镇", "柳林镇", "新田镇")),
    ("990106", "北塘区", (113.00, 28.27, 113.18, 28.40),
     ("北塘街道", "塘西街道", "塘东街道", "北站街道", "长丰街道",
      "永安街道", "兴隆街道", "丰收镇", "北岭镇", "泉塘镇")),
    ("990107", "新港区", (113.18, 28.00, 113.40, 28.18),
     ("新港街道", "港城街道", "临港街道", "海关街道", "物流园街道",
      "经开区街道", "港口镇", "新河镇", "湾头镇", "大洲镇")),
)

# Storylines: pace = share of the glide path to the goal a district achieves (1 = exactly on
# the path); head = where it starts, as a share of the baseline-to-goal span. (Mixed transport
# follows MIXED_KNOTS instead.)
PACE: dict[str, dict[str, float]] = {
    # on track (ahead of the glide path) in every domain
    "990102": {"waste": 1.18, "sorting": 1.15, "mosquito": 1.12, "chronic": 1.18,
               "literacy": 1.25, "satisfaction": 1.15},
    "990103": {"waste": 1.12, "sorting": 1.10, "mosquito": 1.10, "chronic": 1.12,
               "literacy": 1.15, "satisfaction": 1.10},
    # at risk: slightly behind the path
    "990104": {"waste": 0.85, "sorting": 0.88, "mosquito": 0.85, "chronic": 0.86,
               "literacy": 0.85, "satisfaction": 0.88},
    # off track in most domains
    "990105": {"waste": 0.35, "sorting": 0.50, "mosquito": 0.12, "chronic": 0.45,
               "literacy": 0.40, "satisfaction": 0.40},
    # at risk: roughly on the path
    "990106": {"waste": 0.95, "sorting": 0.95, "mosquito": 0.95, "chronic": 0.94,
               "literacy": 0.95, "satisfaction": 0.95},
    # mixed: fast on waste and chronic care, behind on mosquitoes and literacy
    "990107": {"waste": 1.20, "sorting": 1.10, "mosquito": 0.50, "chronic": 1.15,
               "literacy": 0.70, "satisfaction": 0.92},
}
HEAD = {"990102": 0.06, "990103": 0.04, "990104": -0.01,
        "990105": -0.06, "990106": 0.0, "990107": -0.03}
POP_GROWTH = {"990102": 0.003, "990103": 0.012, "990104": 0.004,
              "990105": -0.002, "990106": 0.006, "990107": 0.025}

# Paths: (city start, value reached at pace 1 at the goal month, start month index, goal month
# index); month index 0 = 2023-01, 23 = 2024-12, 35 = 2025-12, 47 = 2026-12.
RECYCLING = (0.28, 0.45, 6, 47)
KITCHEN_SHARE = (0.18, 0.32, 6, 47)
KITCHEN_UTIL = (0.30, 0.60, 6, 47)
COVERAGE = (0.60, 0.90, 6, 47)
AWARENESS = (0.80, 0.96, 3, 23)
PARTICIPATION = (0.58, 0.80, 7, 23)  # 2022 baseline 58.3 %; the 2023 surveys sit just above it
# Mixed collection and transport (混装混运): the plan rolls out grid supervision in 2025 to end it
# (杜绝混装混运, goal 0 by 2025-12-31). Per district, (month index, share of the 2023 rate left):
# a slow fall in 2024, a steep one through 2025; from the last knot on no trip is mixed. 南江区
# lags with a small residual into mid-2026.
MIXED_START = 0.415
MIXED_KNOTS = {
    "990102": ((6, 1.0), (23, 0.45), (33, 0.0)),
    "990103": ((6, 1.0), (23, 0.50), (34, 0.0)),
    "990104": ((6, 1.0), (23, 0.62), (35, 0.0)),
    "990105": ((6, 1.0), (23, 0.80), (35, 0.17), (41, 0.0)),
    "990106": ((6, 1.0), (23, 0.55), (35, 0.0)),
    "990107": ((6, 1.0), (23, 0.70), (35, 0.03), (36, 0.0)),
}
MOSQ_FACTOR = (1.0, 5.0 / 12.3, 12, 46)  # multiplies each district's 2023 density
CHRONIC_PATHS = {
    "htn_std": (0.587, 0.80, 9, 47), "t2dm_std": (0.612, 0.75, 9, 47),
    "htn_ctrl": (0.55, 0.66, 9, 47), "t2dm_ctrl": (0.50, 0.60, 9, 47),
    # all residents' records (no goal in the plan)
    "filing": (0.78, 0.92, 6, 47), "dynamic": (0.50, 0.68, 6, 47),
    "signing": (0.75, 0.92, 6, 35),
}
# The plan's 建档率 72.3 % and 动态更新率 <40 % are of the key population (老年人、孕产妇、儿童):
# at pace 1 records filed reach 85 % at the end of 2024 and 100 % in 2026 (capped at 100 %), and
# records updated 70 % at the end of 2025 and 85 % at the end of 2026.
# They start moving at the end of 2023, so the 2023 (December) values sit at the baselines.
KEY_PATHS = {"key_filing": (0.723, 1.10, 11, 47), "key_update": (0.38, 0.86, 11, 47)}

# Mosquitoes
SEASON_MU = {4: 1.0, 5: 3.0, 6: 8.0, 7: 15.0, 8: 12.0, 9: 7.0, 10: 3.0, 11: 0.5}
CITY_DENSITY_2023 = 12.3
START_DENSITY = {"990102": 10.0, "990103": 10.5, "990104": 13.0,
                 "990105": 15.5, "990106": 11.5, "990107": 13.5}
START_ROUTE_INDEX = {"990102": 1.0, "990103": 1.1, "990104": 1.35,
                     "990105": 1.6, "990106": 1.25, "990107": 1.4}
START_BI = {"990102": 8.0, "990103": 9.0, "990104": 11.0,
            "990105": 13.0, "990106": 10.0, "990107": 12.0}
ROUTE_SEASON = {4: 0.55, 5: 0.8, 6: 1.1, 7: 1.4, 8: 1.35, 9: 1.1, 10: 0.9, 11: 0.6}
BI_SEASON = {6: 0.9, 7: 1.2, 8: 1.2, 9: 1.0, 10: 0.7}
HABITATS_URBAN = (("居民区", 0.34), ("公园", 0.2), ("医院", 0.12), ("农贸市场", 0.14),
                  ("建筑工地", 0.1), ("其他", 0.1))
HABITATS_RURAL = (("农户", 0.35), ("畜禽养殖场", 0.25), ("居民区", 0.15), ("农贸市场", 0.1),
                  ("公园", 0.05), ("其他", 0.1))
HABITAT_MULT = {"居民区": 1.0, "公园": 1.2, "医院": 0.8, "农贸市场": 1.1, "建筑工地": 1.3,
                "其他": 1.0, "农户": 4.0, "畜禽养殖场": 8.0}
SPECIES = ("淡色库蚊", "致倦库蚊", "白纹伊蚊", "三带喙库蚊", "中华按蚊", "其他蚊种")
# Dirichlet weights of the species plus an unidentified remainder (last).
SPECIES_ALPHA_URBAN = (40.0, 36.0, 6.0, 3.0, 1.0, 3.0, 2.0)
SPECIES_ALPHA_RURAL = (26.0, 24.0, 3.0, 24.0, 8.0, 3.0, 2.0)

# Waterlogging
WATER_PER_MONTH = {1: 8, 2: 8, 3: 10, 4: 14, 5: 18, 6: 20, 7: 20, 8: 18, 9: 14, 10: 10,
                   11: 9, 12: 8}
WATER_DISTRICT_WEIGHT = {"990102": 0.9, "990103": 1.0, "990104": 0.9,
                         "990105": 1.5, "990106": 0.9, "990107": 1.3}
# median days to eliminate a breeding point: (2023, 2026-11); flood-prone points take 3x longer
WATER_MEDIAN_DAYS = {"990102": (3.0, 2.0), "990103": (3.5, 2.0), "990104": (7.0, 5.0),
                     "990105": (24.0, 20.0), "990106": (6.0, 4.0), "990107": (10.0, 7.0)}
# where the few points still recurring at the last snapshot are most likely to be
RECUR_WEIGHT = {"990102": 0.3, "990103": 0.3, "990104": 1.5,
                "990105": 3.0, "990106": 1.0, "990107": 2.0}
BASELINE_OPEN_POINTS = 47
FLOOD_CENSUS = date(2023, 8, 31)  # the 2023 flood-season census that counted the 47 open points
# The census's flood-prone points (易涝积水) go with the drainage works (000 §5.1: 2024
# 雨污分流改造, 积水点周边优先; §8.3: all infrastructure done by 2025-09): each closes on a day
# drawn in its district's window; in 南江区 the works run late and the last of its points is
# still open at the end of the sample. Breeding points of the census close within months.
DRAINAGE_WORKS = {"990102": (date(2024, 3, 1), date(2025, 6, 30)),
                  "990103": (date(2024, 3, 1), date(2025, 6, 30)),
                  "990104": (date(2024, 5, 1), date(2025, 9, 30)),
                  "990105": (date(2024, 10, 1), date(2026, 10, 31)),
                  "990106": (date(2024, 4, 1), date(2025, 9, 30)),
                  "990107": (date(2024, 6, 1), date(2026, 3, 31))}
WORKS_UNFINISHED = date(2027, 3, 31)  # 南江区's last census point: its works end after the sample
WATER_TYPES_BREEDING = ("绿化带", "废弃容器", "轮胎", "下水道口", "景观池", "楼顶",
                        "建筑工地", "地下车库", "其他")
WATER_TYPES_FLOOD = ("道路低洼", "地下车库", "下水道口", "绿化带", "建筑工地")
WATER_METHODS = ("日常巡查", "疾控调查", "12345热线", "群众举报", "暗访")
MEASURES_BREEDING = ("清除积水", "翻盆倒罐", "投放灭蚊幼剂", "清理废弃容器", "加盖密闭")
MEASURES_FLOOD = ("疏通排水", "填平洼地", "修复路面", "增设排水口", "抽排积水")

# Inspection problems (督查问题台账, template 8), found from 2024-01 on
PROBLEM_START = date(2024, 1, 1)
PROBLEMS_PER_MONTH = 12     # × scale: patrols, supervision, the city's own 暗访, hotline, citizens
PROBLEM_CAMPAIGN_EXTRA = 8  # × scale: 督导检查/暗访 in the month before a provincial/national check
PROBLEM_THIRD_PARTY = 5     # × scale: the quarterly third-party evaluation (Mar, Jun, Sep, Dec)
# The provincial unannounced checks (~2 rounds a year) and the national one before the 2026
# assessment (000 §8.3, 004 迎接省级、国家级暗访): (first day, days, 发现方式); each round finds
# PROBLEM_BURST (× scale) problems.
PROBLEM_CHECKS = ((date(2024, 6, 18), 3, "省级暗访"), (date(2024, 11, 12), 2, "省级暗访"),
                  (date(2025, 5, 20), 3, "省级暗访"), (date(2025, 10, 21), 2, "省级暗访"),
                  (date(2026, 4, 15), 3, "省级暗访"), (date(2026, 9, 8), 4, "国家暗访"))
PROBLEM_BURST = (10, 20)
PROBLEM_DISTRICT_WEIGHT = {"990102": 1.2, "990103": 1.0, "990104": 0.8,
                           "990105": 1.3, "990106": 0.9, "990107": 1.1}
PROBLEM_CHECK_WEIGHT = {"990102": 1.0, "990103": 0.9, "990104": 0.9,
                        "990105": 1.6, "990106": 0.9, "990107": 1.2}
# The routine sources and their shares; the checks' and the third party's come on top.
PROBLEM_ROUTINE = (("日常巡查", 0.38), ("督导检查", 0.22), ("暗访", 0.10), ("12345热线", 0.18),
                   ("群众举报", 0.12))
PROBLEM_CAMPAIGN = (("督导检查", 0.6), ("暗访", 0.4))
PROBLEM_CATEGORIES = ("环境卫生", "垃圾分类", "病媒生物", "农贸市场", "背街小巷", "“三小”场所",
                      "控烟", "公共厕所", "食品安全", "其他")
# Category weights (in PROBLEM_CATEGORIES order) by who found the problem: the office's own
# patrols, citizens (hotline, reports), and the checks that look at key places.
CATEGORY_WEIGHTS = {
    "patrol": (0.24, 0.13, 0.09, 0.12, 0.16, 0.10, 0.04, 0.07, 0.03, 0.02),
    "public": (0.30, 0.10, 0.10, 0.08, 0.22, 0.06, 0.04, 0.05, 0.03, 0.02),
    "check": (0.18, 0.09, 0.09, 0.16, 0.15, 0.14, 0.06, 0.08, 0.03, 0.02),
}
# Days allowed (整改时限 − 发现日期) by source: (choices, probabilities); a provincial or national
# check allows little time. Toilets, back lanes and works (其他) often get the next longer step.
PROBLEM_LIMITS = {"省级暗访": ((3, 7), (0.5, 0.5)), "国家暗访": ((3, 7), (0.6, 0.4)),
                  "12345热线": ((3, 7), (0.6, 0.4)), "群众举报": ((3, 7), (0.5, 0.5)),
                  "暗访": ((7, 15), (0.6, 0.4)), "督导检查": ((7, 15), (0.6, 0.4)),
                  "日常巡查": ((7, 15), (0.7, 0.3)), "第三方评估": ((15, 30), (0.6, 0.4))}
LIMIT_STEPS = (3, 7, 15, 30)
LONGER_WORKS = ("公共厕所", "背街小巷", "其他")
# Days to closing (销号) as a share of the days allowed: the district's lognormal median in 2024-01
# and at the end of 2026, and σ; above 1 = closed late. 城关区 fast, 南江区 slow (most of its
# problems are closed late). A share of each district's problems lies for 5–30 times
# as long (in 南江区 many are still open past their deadline at the end).
PROBLEM_PACE = {"990102": (0.4, 0.3, 0.5), "990103": (0.55, 0.4, 0.5), "990104": (0.9, 0.7, 0.6),
                "990105": (1.9, 1.5, 0.8), "990106": (0.75, 0.6, 0.55), "990107": (1.1, 0.8, 0.6)}
PROBLEM_STALLED = {"990102": 0.01, "990103": 0.03, "990104": 0.08,
                   "990105": 0.35, "990106": 0.06, "990107": 0.12}
PROBLEM_STALL_FACTOR = (5.0, 30.0)
# days from the rectification report (待复核 from then) to the office's closing (销号)
PROBLEM_REVIEW_LAG = {"990102": (1, 3), "990103": (1, 4), "990104": (2, 6),
                      "990105": (4, 15), "990106": (1, 5), "990107": (2, 8)}
PROBLEM_RECHECKED = 0.9     # share of closed problems re-checked (复核) 2–10 days after closing
PROBLEM_RECUR = 0.04        # share of closed problems that come back (复发) and are closed again
PROBLEM_UNLOCATED = {"12345热线": 0.35, "群众举报": 0.3}   # share without coordinates (else 8 %)
# (description, measure taken) per category ({s}: the street's short name); never a name or number.
PROBLEM_TEXTS = {
    "环境卫生": (("小区楼道堆放杂物，存在卫生死角", "已清除杂物并纳入网格巡查"),
                 ("绿化带内有积存垃圾和白色污染", "已清理积存垃圾，增加保洁频次"),
                 ("道路两侧小广告未清除", "已清除小广告并落实门前五包"),
                 ("垃圾收集点周边地面污渍明显、有异味", "已冲洗地面，落实专人保洁"),
                 ("建筑工地出入口渣土撒漏", "已督促工地设置冲洗平台并清扫路面"),
                 ("老旧小区敞开式垃圾道未封堵", "已封堵垃圾道，设置垃圾收集容器")),
    "垃圾分类": (("小区垃圾分类投放点混投混放", "已安排督导员定时值守"),
                 ("分类收集容器标识不清、缺少有害垃圾桶", "已更换分类容器并张贴标识"),
                 ("厨余垃圾桶破损未更换", "已更换厨余垃圾桶"),
                 ("收运车辆混装混运", "已约谈收运单位，落实分类收运"),
                 ("分类投放点周边垃圾满溢", "已清运满溢垃圾，调整收运频次")),
    "病媒生物": (("外环境发现鼠迹、鼠洞", "已投放鼠药并封堵鼠洞"),
                 ("小区地下室积水孳生蚊幼", "已清除积水、投放灭蚊幼剂"),
                 ("餐饮店后巷苍蝇密度偏高", "已清理后巷垃圾并开展灭蝇"),
                 ("防鼠板缺失或高度不够", "已安装符合要求的防鼠板"),
                 ("废弃轮胎积水发现蚊幼", "已清运废弃轮胎")),
    "农贸市场": (("{s}农贸市场西侧垃圾桶满溢，周边有积存垃圾", "已清运垃圾并增设垃圾桶"),
                 ("{s}农贸市场部分摊位无“三防”设施", "已督促商户配齐“三防”设施"),
                 ("{s}农贸市场周边占道经营", "已清理占道摊点"),
                 ("{s}农贸市场活禽区未与其他区域隔离", "已设置隔离设施"),
                 ("{s}农贸市场排水沟淤积、有异味", "已疏通排水沟并冲洗"),
                 ("{s}农贸市场公示栏信息不全", "已更新公示栏信息")),
    "背街小巷": (("背街小巷乱堆放杂物", "已清理杂物并落实长效保洁"),
                 ("背街小巷路面破损积水", "已修复破损路面"),
                 ("背街小巷乱拉乱挂、乱贴小广告", "已拆除乱拉线缆、清除小广告"),
                 ("背街小巷车辆乱停乱放", "已规范停车秩序"),
                 ("背街小巷店外经营、占道摆卖", "已劝导商户入店经营")),
    "“三小”场所": (("小餐饮店后厨无防鼠设施", "已安装防鼠板"),
                    ("小食品店证照未公示", "已督促店主公示证照"),
                    ("小副食品店地面不洁、食品堆放杂乱", "已整理店面、落实清洁制度"),
                    ("小餐饮店从业人员健康证过期", "已组织从业人员办理健康证"),
                    ("小食品加工店防蝇设施缺失", "已安装纱窗、防蝇门帘")),
    "控烟": (("室内公共场所有人吸烟，未张贴禁烟标识", "已张贴禁烟标识，落实劝阻巡查"),
             ("医院候诊区发现烟头", "已加强巡查劝阻"),
             ("机关会议室摆放烟灰缸", "已撤除烟灰缸"),
             ("学校周边商店向未成年人售烟", "已约谈经营户并责令整改")),
    "公共厕所": (("公共厕所地面湿滑、有异味", "已增加保洁频次"),
                 ("公共厕所洗手设施损坏", "已维修洗手设施"),
                 ("公共厕所未张贴保洁记录", "已公示保洁记录"),
                 ("公共厕所无障碍设施缺失", "已加装无障碍扶手")),
    "食品安全": (("餐饮店食品原料生熟未分开存放", "已督促分区存放"),
                 ("熟食摊点未设防蝇罩", "已配置防蝇罩"),
                 ("超市临期食品未专区陈列", "已设置临期食品专区"),
                 ("食品加工店消毒设施未正常使用", "已立案查处并复查")),
    "其他": (("健康教育宣传栏内容未更新", "已更新宣传内容"),
             ("建筑工地围挡破损", "已修复围挡"),
             ("社区健康小屋设备缺失", "已配齐设备")),
}

# Garbage monthly report: header variants and number quirks per month (README lists them)
GARBAGE_COLUMNS = ("街道编码", "统计月份", "生活垃圾清运量", "可回收物回收量", "厨余垃圾量",
                   "厨余垃圾资源化利用量", "有害垃圾量", "其他垃圾量", "小区总数",
                   "分类覆盖小区数")
GARBAGE_STRAY_SPACE = (2024, 3)
GARBAGE_UNIT_DROPPED = (2025, 8)
GARBAGE_TEXT_NUMBERS = ((2023, 11), (2024, 7), (2025, 12))
GARBAGE_FULLWIDTH = (2025, 4)
GARBAGE_BAD_MONTH = (2024, 9)
UNKNOWN_STREET = "990199999"
GARBAGE_SEASON = {1: 1.05, 2: 1.12, 3: 0.95, 4: 0.97, 5: 1.0, 6: 1.02, 7: 1.04, 8: 1.04,
                  9: 1.0, 10: 1.0, 11: 0.98, 12: 1.0}

# Chronic disease: centre-months that never reported, (centre index, year, month)
CHRONIC_MISSING = ((11, 2024, 3), (36, 2025, 2), (57, 2025, 9))
CHRONIC_END_MONTH_SHARE = 0.8
CHRONIC_NOTES = ("数据已复核", "系统升级后补报", "辖区人口已更新")
CHRONIC_COLUMNS = ("机构编码", "统计月份", "辖区常住人口", "高血压在管患者数", "高血压规范管理人数",
                   "高血压血压控制人数", "糖尿病在管患者数", "糖尿病规范管理人数",
                   "糖尿病血糖控制人数", "电子健康档案建档数", "动态使用档案数", "重点人群数",
                   "重点人群签约数", "重点人群建档数", "重点人群档案动态更新数", "备注")

# Health literacy: items as (aspect, category, points); 50 items, 66 points
ASPECTS = (("基本知识和理念得分", 28), ("健康生活方式与行为得分", 22), ("基本技能得分", 16))
CATEGORIES = (("科学健康观得分", 11), ("传染病防治得分", 7), ("慢性病防治得分", 12),
              ("安全与急救得分", 14), ("基本医疗得分", 14), ("健康信息得分", 8))
# (aspect index, category index, points, how many such items)
ITEM_PLAN = (
    (0, 0, 2, 2), (0, 1, 2, 1), (0, 2, 2, 2), (0, 4, 2, 1),
    (1, 0, 2, 1), (1, 2, 2, 1), (1, 3, 2, 2), (1, 4, 2, 1), (1, 5, 2, 1),
    (2, 3, 2, 2), (2, 4, 2, 1), (2, 5, 2, 1),
    (0, 0, 1, 4), (0, 1, 1, 4), (0, 2, 1, 4), (0, 4, 1, 4),
    (1, 0, 1, 1), (1, 1, 1, 1), (1, 2, 1, 2), (1, 3, 1, 3), (1, 4, 1, 2), (1, 5, 1, 1),
    (2, 3, 1, 3), (2, 4, 1, 2), (2, 5, 1, 3),
)
ASPECT_DIFFICULTY = (-0.6, 0.15, 0.7)
CATEGORY_DIFFICULTY = (-0.4, 0.2, 0.2, -1.5, -0.3, -0.95)
EDUCATION = ("不识字/少识字", "小学", "初中", "高中/职高/中专", "大专/本科", "硕士及以上")
EDUCATION_EFFECT = (-0.9, -0.6, -0.25, 0.05, 0.4, 0.85)
EDUCATION_CUTS = (-1.9, -1.1, -0.1, 0.75, 2.1)
LITERACY_N = {2023: 1480, 2024: 1520, 2025: 1550, 2026: 1600}
# The survey's optional 是否吸烟 and 健康知识主要获取渠道, asked from 2024 (the 2023 file lacks
# them: no value that year). Smoking ~46% of men and ~2% of women, fewer among the young, falling
# a point a year; the new-media share from the plan's 28.7% (2023) rising ~6 points a year,
# more among the young. Drawn from their own random stream: the other columns are unchanged.
LITERACY_HABITS_FROM = 2024
SMOKING_MALE, SMOKING_FEMALE, SMOKING_DECLINE = 0.47, 0.02, 0.012
NEW_MEDIA_2023, NEW_MEDIA_GAIN = 0.287, 0.06
OTHER_CHANNELS = (("电视", 0.45), ("报刊", 0.07), ("医务人员", 0.25), ("亲友", 0.15),
                  ("其他", 0.08))
LITERACY_INTERCEPT = -0.05  # ability scale; tuned so the 2023 weighted level is ~25.4 %
LITERACY_SLOPE = 0.075  # ability gained per year at pace 1 (~ +2.7 points a year)
LITERACY_URBAN_EFFECT = 0.06
LIT_EDU_URBAN = 0.3  # urban respondents are better educated
LITERACY_AGE_EFFECT = (-0.2, -0.05, 0.0)  # ages 60-69, 50-59, 15-19
LITERACY_NOISE = 0.8
LITERACY_HEAD = {"990102": 0.12, "990103": 0.08, "990104": -0.04,
                 "990105": -0.1, "990106": 0.0, "990107": -0.05}
LITERACY_ITEM_SEED = 2023

# Public satisfaction survey (11): one survey a quarter, in its 2nd month (fieldwork on days
# 5–25). Share satisfied (很满意 + 满意) with sanitation: flat through 2023 (tuned so the 2023
# weighted rate is ~68.4 %), then along the glide path to 92 % at 2026-08 at pace 1 (the city, at
# its districts' mean pace ≈ 0.9, nears 90 % by 2026-Q3).
SATISFACTION = (0.687, 0.92, 11, 43)
SATISFACTION_SERVICE_LIFT = 0.03   # public health services are rated a little higher
SATISFACTION_N = 30                # respondents per street per quarter (× scale)
SURVEY_MONTH_OF_QUARTER = 2
ANSWERS = ("很满意", "满意", "一般", "不满意", "很不满意")
VERY_SATISFIED_SHARE = 0.42        # of the satisfied, the share 很满意
DISSATISFIED_SPLIT = (0.62, 0.28, 0.10)   # of the rest: 一般, 不满意, 很不满意
AGE_BANDS = ("18岁以下", "18-29岁", "30-39岁", "40-49岁", "50-59岁", "60岁及以上")
AGE_BAND_P = (0.03, 0.18, 0.20, 0.20, 0.18, 0.21)
AWARENESS_PATH = (0.74, 0.95, 11, 46)   # 知晓创卫工作
SUPPORT_PATH = (0.88, 0.97, 11, 46)     # 支持创卫工作

# Names
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐"
GIVEN = "华明丽军芳伟静强敏燕娟勇艳杰涛霞平刚英兰"
PARKS = ("人民公园", "滨江公园", "湿地公园", "植物园", "儿童公园", "体育公园", "文化公园",
         "森林公园")
HOSPITALS = ("人民医院", "中医医院", "妇幼保健院", "第二人民医院", "中心医院", "骨科医院")
PLACE_WORDS = ("阳光", "幸福", "和平", "锦绣", "翠苑", "金桂", "丽景", "书香", "春晖", "长青",
               "花园", "康乐", "新村", "枫林", "桂苑", "银杏")
FARM_WORDS = ("李家", "王家", "刘家", "张家", "陈家", "杨家", "黄家", "周家")
LIVESTOCK_WORDS = ("生猪", "家禽", "奶牛", "肉牛", "蛋鸭", "肉鹅")
OTHER_PLACES = ("污水处理厂", "垃圾中转站", "汽车站", "中学", "公共绿地", "物流仓库")

# Pinyin of every character in the district and street names (readings as in these names:
# 长丰 = Changfeng), for their English names.
PINYIN = {
    "东": "dong", "中": "zhong", "丰": "feng", "临": "lin", "云": "yun", "人": "ren", "关": "guan",
    "兴": "xing", "前": "qian", "北": "bei", "区": "qu", "南": "nan", "口": "kou", "台": "tai",
    "园": "yuan", "城": "cheng", "塘": "tang", "大": "da", "头": "tou", "安": "an", "山": "shan",
    "岭": "ling", "岸": "an", "庙": "miao", "府": "fu", "开": "kai", "技": "ji", "收": "shou",
    "放": "fang", "文": "wen", "新": "xin", "月": "yue", "望": "wang", "松": "song", "林": "lin",
    "枫": "feng", "柳": "liu", "桃": "tao", "梅": "mei", "楼": "lou", "民": "min", "永": "yong",
    "江": "jiang", "沙": "sha", "河": "he", "泉": "quan", "洲": "zhou", "流": "liu", "海": "hai",
    "渡": "du", "港": "gang", "湖": "hu", "湾": "wan", "源": "yuan", "溪": "xi", "滨": "bin",
    "物": "wu", "田": "tian", "白": "bai", "石": "shi", "科": "ke", "站": "zhan", "竹": "zhu",
    "经": "jing", "花": "hua", "茶": "cha", "荷": "he", "莲": "lian", "西": "xi", "解": "jie",
    "路": "lu", "金": "jin", "长": "chang", "门": "men", "隆": "long", "青": "qing", "鼓": "gu",
    "龙": "long",
}
NAME_SUFFIXES_EN = (("街道", "Street"), ("镇", "Town"), ("区", "District"))
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
DISTRICT_CODES = [d[0] for d in DISTRICTS]
SOURCES = ("geography", "population", "garbage_monthly", "garbage_survey", "garbage_inspection",
           "mosquito_sites", "mosquito_light_trap", "mosquito_route", "mosquito_breteau",
           "waterlogging", "problems", "health_centres", "chronic_disease", "health_literacy",
           "satisfaction_survey", "stage_goals", "baselines", "assessment_scheme",
           "antivector_facilities", "vector_density", "creation_units", "creation_base")


# --------------------------------------------------------------------------------------------
# The city
# --------------------------------------------------------------------------------------------

Box = tuple[float, float, float, float]


@dataclass
class Street:
    code: str
    name: str
    district: str
    district_name: str
    rural: bool
    bbox: Box

    @property
    def short(self) -> str:
        return self.name.removesuffix("街道").removesuffix("镇")

    @property
    def office(self) -> str:
        return f"{self.name}人民政府" if self.rural else f"{self.name}办事处"


@dataclass
class Grid:
    code: str
    name: str
    street: Street
    bbox: Box
    supervisor: str


@dataclass
class Site:
    code: str
    name: str
    habitat: str
    grid: Grid
    lon: float
    lat: float


@dataclass
class Centre:
    code: str
    name: str
    grid: Grid
    lon: float
    lat: float
    population: int


@dataclass
class BadRow:
    file: str
    row: int
    column: str
    problem: str
    sheet: str = ""


@dataclass
class World:
    seed: int
    scale: int
    end: tuple[int, int]
    streets: list[Street]
    grids: list[Grid]
    population: dict[tuple[str, int], tuple[int, int]]
    sites: list[Site]
    centres: list[Centre]
    bad_rows: list[BadRow] = field(default_factory=list)

    @property
    def n_months(self) -> int:
        return (self.end[0] - FIRST_YEAR) * 12 + self.end[1]

    @property
    def years(self) -> list[int]:
        return list(range(FIRST_YEAR, self.end[0] + 1))

    @property
    def as_of(self) -> date:
        return date(self.end[0], self.end[1], AS_OF_DAY)

    def months(self, year: int) -> range:
        return range(1, (self.end[1] if year == self.end[0] else 12) + 1)

    def day(self, year: int, month: int, lo: int, hi: int, rng: np.random.Generator) -> date:
        """A random day lo..hi of the month, never after the as-of day of the end month."""
        d = int(rng.integers(lo, hi + 1))
        if (year, month) == self.end:
            d = min(d, AS_OF_DAY)
        return date(year, month, min(d, calendar.monthrange(year, month)[1]))


def rng_for(seed: int, name: str) -> np.random.Generator:
    """An independent random stream for one source (or one entity list)."""
    return np.random.default_rng([seed, zlib.crc32(name.encode("utf-8"))])


def month_index(year: int, month: int) -> int:
    return (year - FIRST_YEAR) * 12 + month - 1


def glide(m: float | np.ndarray, start_m: int, goal_m: int, tail: float = 0.25) -> np.ndarray:
    """Share of the way along the path at month index m (0 before start, 1 at goal, then slowly
    more)."""
    x = np.clip((np.asarray(m, dtype=float) - start_m) / (goal_m - start_m), 0.0, None)
    return np.minimum(x, 1.0) + tail * np.clip(x - 1.0, 0.0, 1.0)


def path_value(path: tuple[float, float, int, int], district: str, domain: str,
               m: float | np.ndarray) -> np.ndarray:
    """Expected district value at month m on a (start, goal, start_m, goal_m) path."""
    start, goal, start_m, goal_m = path
    share = PACE[district][domain] * glide(m, start_m, goal_m) + HEAD[district]
    return start + (goal - start) * share


def split_edges(lo: float, hi: float, n: int, rng: np.random.Generator,
                concentration: float) -> list[float]:
    """n+1 rounded boundaries from lo to hi with random widths; shared by neighbours."""
    shares = rng.dirichlet(np.full(n, concentration))
    cuts = lo + (hi - lo) * np.cumsum(shares)[:-1]
    edges = [round(lo, 6)] + [round(float(c), 6) for c in cuts] + [round(hi, 6)]
    if any(b <= a for a, b in zip(edges, edges[1:], strict=False)):
        raise ValueError("cells too thin for 6-decimal coordinates; lower --scale")
    return edges


def strips(bbox: Box, n: int, rng: np.random.Generator) -> list[Box]:
    """Split a rectangle into n strips across its longer side."""
    x0, y0, x1, y1 = bbox
    if (x1 - x0) * math.cos(math.radians((y0 + y1) / 2)) >= (y1 - y0):
        xs = split_edges(x0, x1, n, rng, 6.0)
        return [(xs[i], y0, xs[i + 1], y1) for i in range(n)]
    ys = split_edges(y0, y1, n, rng, 6.0)
    return [(x0, ys[i], x1, ys[i + 1]) for i in range(n)]


def cells(bbox: Box, n: int, rng: np.random.Generator) -> list[Box]:
    """Split a rectangle into n cells: columns of varying width, each cut into rows."""
    x0, y0, x1, y1 = bbox
    width = (x1 - x0) * math.cos(math.radians((y0 + y1) / 2))
    cols = max(1, min(n, round(math.sqrt(n * width / (y1 - y0)))))
    xs = split_edges(x0, x1, cols, rng, 8.0)
    boxes = []
    for i in range(cols):
        rows = n // cols + (1 if i < n % cols else 0)
        ys = split_edges(y0, y1, rows, rng, 8.0)
        boxes.extend((xs[i], ys[j], xs[i + 1], ys[j + 1]) for j in range(rows))
    return boxes


def points_in(boxes: np.ndarray, rng: np.random.Generator, margin: float = 0.12) -> np.ndarray:
    """One random point per box (n x 4 array), kept away from the edges; rounded to 6 decimals."""
    u = rng.uniform(margin, 1.0 - margin, size=(len(boxes), 2))
    lon = boxes[:, 0] + (boxes[:, 2] - boxes[:, 0]) * u[:, 0]
    lat = boxes[:, 1] + (boxes[:, 3] - boxes[:, 1]) * u[:, 1]
    return np.round(np.column_stack([lon, lat]), 6)


def english_name(name: str) -> str:
    """'东岸镇' → "Dong'an Town", '人民路街道' → 'Renminlu Street', '南江区' → 'Nanjiang District':
    the place name in pinyin (an apostrophe before a syllable starting with a, o or e) and the
    level in English."""
    suffix = ""
    for zh, en in NAME_SUFFIXES_EN:
        if name.endswith(zh) and len(name) > len(zh):
            name, suffix = name.removesuffix(zh), f" {en}"
            break
    syllables = [PINYIN[ch] for ch in name]
    text = syllables[0] + "".join(("'" if s[0] in "aoe" else "") + s for s in syllables[1:])
    return text.capitalize() + suffix


def masked_name(rng: np.random.Generator) -> str:
    return f"{SURNAMES[rng.integers(len(SURNAMES))]}*{GIVEN[rng.integers(len(GIVEN))]}"


def build_geography(seed: int, scale: int) -> tuple[list[Street], list[Grid]]:
    rng = rng_for(seed, "geography")
    streets: list[Street] = []
    for d_code, d_name, bbox, names in DISTRICTS:
        for i, (name, box) in enumerate(zip(names, strips(bbox, len(names), rng), strict=True)):
            streets.append(Street(f"{d_code}{i + 1:03d}", name, d_code, d_name,
                                  name.endswith("镇"), box))
    counts = [5 * scale] * len(streets)
    for j in range(0, len(streets) - 1, 2):
        delta = int(rng.integers(-1, 2)) * scale
        counts[j] += delta
        counts[j + 1] -= delta
    if max(counts) > 999:
        raise ValueError("more than 999 grid cells per street; lower --scale")
    grids: list[Grid] = []
    for street, n in zip(streets, counts, strict=True):
        for k, box in enumerate(cells(street.bbox, n, rng)):
            grids.append(Grid(f"{street.code}{k + 1:03d}", f"{street.name}第{k + 1}网格",
                              street, box, masked_name(rng)))
    return streets, grids


def build_population(seed: int, streets: list[Street],
                     years: list[int]) -> dict[tuple[str, int], tuple[int, int]]:
    """Resident and adult population for every street, district and the city, per year."""
    rng = rng_for(seed, "population")
    table: dict[tuple[str, int], tuple[int, int]] = {}
    for st in streets:
        if st.rural:
            base = float(np.clip(rng.lognormal(math.log(36_000), 0.15), 30_000, 60_000))
        else:
            base = float(np.clip(rng.lognormal(math.log(46_000), 0.35), 30_000, 120_000))
        growth = POP_GROWTH[st.district] + rng.normal(0, 0.003)
        adult_share = rng.uniform(0.80, 0.86)
        for y in years:
            pop = round(base * (1 + growth) ** (y - FIRST_YEAR))
            table[(st.code, y)] = (pop, round(pop * adult_share))
    for y in years:
        city = [0, 0]
        for d_code, *_ in DISTRICTS:
            total = [0, 0]
            for st in streets:
                if st.district == d_code:
                    total[0] += table[(st.code, y)][0]
                    total[1] += table[(st.code, y)][1]
            table[(d_code, y)] = (total[0], total[1])
            city = [city[0] + total[0], city[1] + total[1]]
        table[(CITY_CODE, y)] = (city[0], city[1])
    return table


def code_width(min_digits: int, n: int) -> int:
    return max(min_digits, len(str(n)))


def dedupe(name: str, seen: dict[str, int]) -> str:
    seen[name] = seen.get(name, 0) + 1
    return name if seen[name] == 1 else f"{name}{seen[name]}号点"


def site_name(habitat: str, street: Street, rng: np.random.Generator) -> str:
    def pick(words: Sequence[str]) -> str:
        return words[rng.integers(len(words))]

    if habitat == "公园":
        return f"{street.district_name}{pick(PARKS)}"
    if habitat == "医院":
        return f"{street.district_name}{pick(HOSPITALS)}"
    if habitat == "农贸市场":
        return f"{street.district_name}{street.short}农贸市场"
    if habitat == "居民区":
        return f"{street.district_name}{street.short}{pick(PLACE_WORDS)}小区"
    if habitat == "建筑工地":
        return f"{street.district_name}{street.short}{pick(PLACE_WORDS)}项目工地"
    if habitat == "农户":
        return f"{street.district_name}{street.short}{pick(FARM_WORDS)}村农户"
    if habitat == "畜禽养殖场":
        return f"{street.district_name}{street.short}{pick(LIVESTOCK_WORDS)}养殖场"
    return f"{street.district_name}{street.short}{pick(OTHER_PLACES)}"


def build_sites(seed: int, scale: int, grids: list[Grid]) -> list[Site]:
    rng = rng_for(seed, "mosquito_sites")
    n = 120 * scale
    grid_idx = np.sort(rng.integers(0, len(grids), n))
    points = points_in(np.array([grids[i].bbox for i in grid_idx]), rng)
    width = code_width(4, n)
    seen: dict[str, int] = {}
    sites = []
    for k, gi in enumerate(grid_idx):
        grid = grids[gi]
        choices = HABITATS_RURAL if grid.street.rural else HABITATS_URBAN
        habitat = choices[rng.choice(len(choices), p=[w for _, w in choices])][0]
        name = dedupe(site_name(habitat, grid.street, rng), seen)
        sites.append(Site(f"MS{k + 1:0{width}d}", name, habitat, grid,
                          float(points[k, 0]), float(points[k, 1])))
    return sites


def build_centres(seed: int, scale: int, streets: list[Street], grids: list[Grid],
                  population: dict[tuple[str, int], tuple[int, int]]) -> list[Centre]:
    """~80 centres per unit of scale: every street has `scale`, the rest go to big streets."""
    rng = rng_for(seed, "health_centres")
    pops = np.array([population[(st.code, FIRST_YEAR)][0] for st in streets], dtype=float)
    extra = np.bincount(rng.choice(len(streets), size=20 * scale, p=pops / pops.sum()),
                        minlength=len(streets))
    per_street = extra + scale
    grids_of: dict[str, list[Grid]] = {}
    for g in grids:
        grids_of.setdefault(g.street.code, []).append(g)
    width = code_width(3, int(per_street.sum()))
    centres: list[Centre] = []
    for st, n, pop in zip(streets, per_street, pops, strict=True):
        chosen = [grids_of[st.code][i] for i in rng.integers(0, len(grids_of[st.code]), n)]
        points = points_in(np.array([g.bbox for g in chosen]), rng)
        for j, grid in enumerate(chosen):
            if j == 0:
                name = f"{st.name}卫生院" if st.rural else f"{st.name}社区卫生服务中心"
            else:
                word = PLACE_WORDS[(j - 1) % len(PLACE_WORDS)]
                suffix = "" if j <= len(PLACE_WORDS) else str((j - 1) // len(PLACE_WORDS) + 1)
                name = f"{st.short}{word}{suffix}社区卫生服务中心"
            share = pop / n * rng.uniform(0.9, 1.05)
            if share < 20_000:
                share = rng.uniform(20_000, 26_000)
            centres.append(Centre(f"CHC{len(centres) + 1:0{width}d}", name, grid,
                                  float(points[j, 0]), float(points[j, 1]),
                                  int(round(min(share, 60_000), -1))))
    return centres


def build_world(seed: int, scale: int, end: tuple[int, int]) -> World:
    streets, grids = build_geography(seed, scale)
    years = list(range(FIRST_YEAR, end[0] + 1))
    population = build_population(seed, streets, years)
    return World(seed, scale, end, streets, grids, population, build_sites(seed, scale, grids),
                 build_centres(seed, scale, streets, grids, population))


# --------------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------------


def iso(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def slash(d: date) -> str:
    return f"{d.year}/{d.month}/{d.day}"


def chinese(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


DATE_STYLES: tuple[Callable[[date], str], ...] = (iso, slash, chinese)


def excel_serial(d: date) -> int:
    return (d - date(1899, 12, 30)).days


def write_csv(df: pl.DataFrame, path: Path, encoding: str = "utf-8", bom: bool = False) -> int:
    data = df.write_csv().encode(encoding)
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + data)
    return df.height


class Workbook:
    """A deterministic xlsxwriter workbook with the few formats the department files use."""

    def __init__(self, path: Path, cells: int = 0):
        big = cells > BIG_SHEET_CELLS
        self.book = xlsxwriter.Workbook(
            str(path), {"constant_memory": True} if big else {"in_memory": True})
        self.book.set_properties({"created": FIXED_CREATED, "author": CITY_NAME,
                                  "company": f"{CITY_NAME}爱国卫生运动委员会办公室"})
        self.date = self.book.add_format({"num_format": "yyyy-mm-dd"})
        self.title = self.book.add_format({"bold": True, "font_size": 14, "align": "center"})
        self.head = self.book.add_format({"bold": True, "align": "center"})

    def sheet(self, name: str, header: Sequence[str], rows: Iterable[Sequence[object]],
              title: str | None = None, note: str | None = None, widths: float = 14) -> int:
        """Write an optional merged title (+ note and a blank row), the header, then the rows."""
        ws = self.book.add_worksheet(name)
        ws.set_column(0, len(header) - 1, widths)
        r = 0
        if title is not None:
            ws.merge_range(0, 0, 0, len(header) - 1, title, self.title)
            r = 1
            if note is not None:
                ws.write_string(1, 0, note)
                r = 3
        for c, h in enumerate(header):
            ws.write_string(r, c, h, self.head)
        n = 0
        for n, row in enumerate(rows, start=1):
            self.row(ws, r + n, row)
        return n

    def row(self, ws, r: int, values: Sequence[object]) -> None:
        for c, v in enumerate(values):
            if v is None:
                continue
            if isinstance(v, str):
                ws.write_string(r, c, v)
            elif isinstance(v, date):
                ws.write_datetime(r, c, datetime(v.year, v.month, v.day), self.date)
            else:
                ws.write_number(r, c, v)

    def close(self) -> None:
        self.book.close()


def feature_collection(features: list[dict]) -> str:
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def polygon(props: dict, bbox: Box) -> dict:
    x0, y0, x1, y1 = bbox
    ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]  # counter-clockwise
    return {"type": "Feature", "properties": props,
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


def write_geography(world: World, out: Path) -> tuple[int, int]:
    def grid_en(g: Grid) -> str:
        return f"{english_name(g.street.name)} Grid {g.code[-3:]}"

    layers = {
        "city.geojson": [polygon({"code": CITY_CODE, "name": CITY_NAME, "name_en": CITY_NAME_EN,
                                  "parent_code": None}, CITY_BBOX)],
        "districts.geojson": [polygon({"code": c, "name": n, "name_en": english_name(n),
                                       "parent_code": CITY_CODE}, b)
                              for c, n, b, _ in DISTRICTS],
        "streets.geojson": [polygon({"code": s.code, "name": s.name,
                                     "name_en": english_name(s.name), "parent_code": s.district},
                                    s.bbox) for s in world.streets],
        "grids.geojson": [polygon({"code": g.code, "name": g.name, "name_en": grid_en(g),
                                   "parent_code": g.street.code, "supervisor": g.supervisor},
                                  g.bbox) for g in world.grids],
    }
    for name, features in layers.items():
        (out / name).write_text(feature_collection(features), encoding="utf-8")
    return len(layers), sum(len(f) for f in layers.values())


def write_population(world: World, out: Path) -> tuple[int, int]:
    codes = [CITY_CODE] + [d[0] for d in DISTRICTS] + [s.code for s in world.streets]
    rows = [(code, y, *world.population[(code, y)]) for y in world.years for code in codes]
    df = pl.DataFrame(rows, schema=["区域编码", "年份", "常住人口", "常住成人人口(18岁及以上)"],
                      orient="row")
    return 1, write_csv(df, out / "人口.csv")


# ---- 2a garbage monthly ---------------------------------------------------------------------


def garbage_values(world: World) -> dict[tuple[str, int], list[float | int]]:
    """Per (street, month index): the eight numeric values of the monthly report."""
    rng = rng_for(world.seed, "garbage_monthly")
    values: dict[tuple[str, int], list[float | int]] = {}
    for st in world.streets:
        per_capita = rng.uniform(1.35, 1.85)  # kg per resident per day, incl. shops and offices
        floor = rng.uniform(1650, 1900)  # small towns still collect market and transit waste
        rate_off, util_off, cov_off = rng.normal(0, [0.012, 0.03, 0.03])
        estates = round(world.population[(st.code, FIRST_YEAR)][0] / rng.uniform(550, 850))
        new_estates = int(rng.integers(1, 4))  # estates added per year
        coverage = -1.0
        for m in range(world.n_months):
            y, mo = FIRST_YEAR + m // 12, m % 12 + 1
            pop = world.population[(st.code, y)][0]
            days = calendar.monthrange(y, mo)[1]
            collected = max(pop * per_capita * 30.4 / 1000, floor) * days / 30.4
            collected *= GARBAGE_SEASON[mo]
            collected = float(np.clip(collected * rng.normal(1, 0.025), 1500, 6000))
            rate = float(path_value(RECYCLING, st.district, "waste", m)) + rate_off
            rate += rng.normal(0, 0.006)
            share = float(path_value(KITCHEN_SHARE, st.district, "waste", m))
            util = float(np.clip(path_value(KITCHEN_UTIL, st.district, "waste", m) + util_off
                                 + rng.normal(0, 0.015), 0.1, 0.95))
            kitchen = collected * share * rng.normal(1, 0.03)
            recyclable = max((rate * collected - util * kitchen) / (1 - rate), 0.08 * collected)
            hazardous = collected * rng.uniform(0.0006, 0.0014)
            total_estates = estates + (y - FIRST_YEAR) * new_estates
            cov = float(np.clip(path_value(COVERAGE, st.district, "waste", m) + cov_off, 0.3, 1))
            coverage = max(coverage, cov)  # NOTE: covered estates never fall month to month
            values[(st.code, m)] = [
                round(collected, 1), round(recyclable, 1), round(kitchen, 1),
                round(kitchen * util, 1), round(hazardous, 1),
                round(collected - kitchen - hazardous, 1),
                total_estates, min(total_estates, round(total_estates * coverage)),
            ]
    return values


def garbage_header(y: int, mo: int) -> list[str]:
    full = y in (2023, 2025)
    unit = "（吨）" if full else "(吨)"
    header = []
    for i, col in enumerate(GARBAGE_COLUMNS):
        if i in (0, 1, 8, 9):
            header.append(col)
        elif i == 2 and (y, mo) == GARBAGE_STRAY_SPACE:
            header.append(f"{col} (吨)")
        elif i == 2 and (y, mo) == GARBAGE_UNIT_DROPPED:
            header.append(col)
        else:
            header.append(f"{col}{unit}")
    return header


def garbage_number(v: float | int, y: int, mo: int, rng: np.random.Generator) -> object:
    """A number as the department typed it that month: plain, '1,234.5' or full-width digits."""
    if (y, mo) in GARBAGE_TEXT_NUMBERS:
        return f"{v:,.1f}" if isinstance(v, float) else f"{v:,d}"
    if (y, mo) == GARBAGE_FULLWIDTH and rng.random() < 0.15:
        return (f"{v:.1f}" if isinstance(v, float) else str(v)).translate(FULLWIDTH)
    return v


def write_garbage_monthly(world: World, out: Path) -> tuple[int, int]:
    values = garbage_values(world)
    quirk_rng = rng_for(world.seed, "garbage_monthly_quirks")
    files = rows_total = 0
    for m in range(world.n_months):
        y, mo = FIRST_YEAR + m // 12, m % 12 + 1
        month_text = f"{y}年{mo}月" if mo % 2 == 0 else f"{y}-{mo:02d}"
        data = [[st.code, *values[(st.code, m)]] for st in world.streets]
        if (y, mo) == GARBAGE_BAD_MONTH:
            data.append([UNKNOWN_STREET, *values[(world.streets[0].code, m)]])
        totals = [round(sum(r[i] for r in data), 1) if i < 7 else sum(r[i] for r in data)
                  for i in range(1, 9)]
        rows = [[r[0], month_text, *(garbage_number(v, y, mo, quirk_rng) for v in r[1:])]
                for r in data]
        rows.append(["合计", None, *(garbage_number(v, y, mo, quirk_rng) for v in totals)])
        name = f"{CITY_NAME}{y}年{mo}月垃圾分类月报.xlsx"
        book = Workbook(out / name)
        book.sheet(f"{y}年{mo}月", garbage_header(y, mo), rows,
                   title=f"{CITY_NAME}{y}年{mo}月生活垃圾分类工作月报",
                   note="填报单位：市城市管理局　　单位：吨", widths=18)
        book.close()
        if (y, mo) == GARBAGE_BAD_MONTH:
            world.bad_rows.append(BadRow(f"garbage_monthly/{name}", 4 + len(data), "街道编码",
                                         f"unknown street code {UNKNOWN_STREET}"))
        files += 1
        rows_total += len(rows)
    return files, rows_total


# ---- 2b survey, 2c inspection ---------------------------------------------------------------


def write_garbage_survey(world: World, out: Path) -> tuple[int, int]:
    rng = rng_for(world.seed, "garbage_survey")
    files = rows_total = 0
    for y in world.years:
        rows = []
        for q_month in (3, 6, 9, 12):
            if q_month not in world.months(y):
                continue
            m = month_index(y, q_month)
            for st in world.streets:
                n = int(rng.integers(100, 301))
                aware = float(np.clip(path_value(AWARENESS, st.district, "sorting", m), 0.5, 0.99))
                part = float(np.clip(path_value(PARTICIPATION, st.district, "sorting", m), 0.3,
                                     0.95))
                rows.append((st.code, chinese(world.day(y, q_month, 10, 28, rng)), n,
                             int(rng.binomial(n, aware)), int(rng.binomial(n, part))))
        if not rows:
            continue
        df = pl.DataFrame(rows, schema=["街道编码", "调查日期", "调查户数", "知晓户数", "参与户数"],
                          orient="row")
        rows_total += write_csv(df, out / f"垃圾分类入户调查_{y}年.csv", encoding="gbk")
        files += 1
    return files, rows_total


def mixed_rate(district: str, m: int) -> float:
    """Expected share of inspected trips that mix sorted waste, for a district at month m: the
    2023 rate (a district's head start shifts it a little) falling along MIXED_KNOTS, 0 after."""
    knots = MIXED_KNOTS[district]
    start = MIXED_START * (1 - HEAD[district])
    share = np.interp(m, [k for k, _ in knots], [v for _, v in knots])
    return float(start * share)


def write_garbage_inspection(world: World, out: Path) -> tuple[int, int]:
    rng = rng_for(world.seed, "garbage_inspection")
    files = rows_total = 0
    trips = {st.code: rng.uniform(25, 70) for st in world.streets}
    for y in world.years:
        rows = []
        for mo in world.months(y):
            m = month_index(y, mo)
            for st in world.streets:
                n = int(np.clip(round(trips[st.code] * rng.normal(1, 0.12)), 20, 80))
                rate = min(mixed_rate(st.district, m), 0.6)
                # NOTE: binomial(n, 0) is 0: a district past its last knot has no mixed trip.
                rows.append((st.code, f"{y}{mo:02d}", n, int(rng.binomial(n, rate))))
        df = pl.DataFrame(rows, schema=["街道编码", "统计月份", "检查车次", "混装混运车次"],
                          orient="row")
        rows_total += write_csv(df, out / f"收运检查_{y}年.csv", bom=True)
        files += 1
    return files, rows_total


# ---- 3f 三防设施 ------------------------------------------------------------------------------
# Units inspected per street and month by trade, and the share whose rodent- and fly-proof
# facilities pass: rising from 2024 towards the 95% line; 农贸市场 and 餐饮 lag (below 95% still
# in 2026), fly-proofing a little behind rodent-proofing; each district at its own pace.
ANTIVECTOR_TRADES = (("餐饮", 14, 0.84), ("食品生产加工", 3, 0.90), ("农贸市场", 2, 0.80),
                     ("超市", 4, 0.91), ("宾馆", 3, 0.92), ("医疗机构", 2, 0.94),
                     ("学校", 3, 0.93), ("其他", 4, 0.88))
ANTIVECTOR_FIRST_YEAR = 2024
ANTIVECTOR_GAIN = 0.10       # the rise of the pass share by the end of 2026 at pace 1
ANTIVECTOR_FLY_LAG = 0.015


def write_antivector_facilities(world: World, out: Path) -> tuple[int, int]:
    """One file a year from the 爱卫办: 2024 a GBK CSV, 2025 and 2026 XLSX with a title row."""
    rng = rng_for(world.seed, "antivector_facilities")
    header = ["街道编码", "检查日期", "行业类别", "检查单位数", "防鼠设施合格单位数",
              "防蝇设施合格单位数"]
    start_m, goal_m = month_index(ANTIVECTOR_FIRST_YEAR, 1), month_index(2026, 12)
    files = rows_total = 0
    for y in [y for y in world.years if y >= ANTIVECTOR_FIRST_YEAR]:
        rows = []
        for mo in world.months(y):
            m = month_index(y, mo)
            for st in world.streets:
                pace = PACE[st.district]["mosquito"]
                day = world.day(y, mo, 5, 25, rng)
                for trade, mean, base in ANTIVECTOR_TRADES:
                    n = max(1, int(rng.poisson(mean)))
                    p = base + ANTIVECTOR_GAIN * pace * float(glide(m, start_m, goal_m))
                    rodent = int(rng.binomial(n, min(p, 0.995)))
                    fly = int(rng.binomial(n, min(max(p - ANTIVECTOR_FLY_LAG, 0), 0.99)))
                    rows.append((st.code, day, trade, n, rodent, fly))
        stem = f"三防设施检查_{y}年"
        if y == ANTIVECTOR_FIRST_YEAR:
            df = pl.DataFrame(rows, schema=header, orient="row")
            rows_total += write_csv(df, out / f"{stem}.csv", encoding="gbk")
        else:
            book = Workbook(out / f"{stem}.xlsx", len(rows) * len(header))
            book.sheet(f"{y}年", header, rows, title=f"{CITY_NAME}{y}年重点行业三防设施检查汇总表")
            book.close()
            rows_total += len(rows)
        files += 1
    return files, rows_total


# ---- 3e four vector pests' control levels -------------------------------------------------

# (pest, [(method, surveyed range, density scale, cut-offs of A, B, C)]): the density index is
# positive / surveyed × scale; the grade is the first cut-off it does not pass (GB/T 27770–27773
# style; the sample's own numbers).
VECTOR_METHODS = (
    ("鼠", (("粘鼠板法", (200, 400), 100, (1.0, 2.0, 3.0)),
           ("鼠迹法", (100, 200), 100, (1.0, 3.0, 5.0)))),
    ("蚊", (("路径法", (8, 15), 1, (0.1, 0.5, 0.8)),
           ("布雷图指数法", (100, 200), 100, (5.0, 10.0, 20.0)))),
    ("蝇", (("目测法", (100, 200), 100, (1.0, 3.0, 6.0)),)),
    ("蟑螂", (("粘捕法", (100, 200), 100, (1.0, 3.0, 5.0)),
             ("目测法", (100, 200), 100, (1.0, 3.0, 5.0)))),
)
VECTOR_FIRST_YEAR = 2024
VECTOR_ROUNDS = (("春季", 4), ("秋季", 9))      # spring and autumn rounds: April, September
# share of the C cut-off a district's densities sit at: start, fall by the end of 2026 at pace 1
VECTOR_LEVEL = (0.92, 0.55)
# 南江区's flies in the autumn of 2026: the national unannounced check finds them below C
VECTOR_FLY_SLIP = ("990105", 2026, "秋季")


def vector_row(area: str, day: date, pest: str, method: tuple, factor: float, assessor: str,
               rng: np.random.Generator) -> tuple:
    name, (lo, hi), scale, cuts = method
    n = int(rng.integers(lo, hi + 1))
    positive = int(round(n * cuts[2] * factor / scale))
    density = round(positive / n * scale, 2)
    grade = next((g for g, cut in zip("ABC", cuts, strict=True) if density <= cut), "D")
    return (area, day, pest, name, n, positive, density, grade, assessor)


def write_vector_density(world: World, out: Path) -> tuple[int, int]:
    """The CDC's rounds, one file a year: each district's self-assessment by every method, the
    third party's check of two streets a district, the province's check of every district in
    the autumn of 2025 (模拟验收) and the national unannounced check of 南江区 and 新港区 in the
    autumn of 2026. 2024 as a UTF-8 CSV with grades written C级, later years as XLSX."""
    rng = rng_for(world.seed, "vector_density")
    header = ["区域编码", "监测日期", "病媒类别", "监测方法", "调查数", "阳性数", "密度指数",
              "控制水平", "评估主体"]
    start, fall = VECTOR_LEVEL
    files = rows_total = 0
    by_district: dict[str, list[Street]] = {}
    for st in world.streets:
        by_district.setdefault(st.district, []).append(st)
    for y in [y for y in world.years if y >= VECTOR_FIRST_YEAR]:
        rows = []
        for season, mo in VECTOR_ROUNDS:
            if (y, mo) > world.end:
                continue
            m = month_index(y, mo)
            for code in DISTRICT_CODES:
                pace = min(PACE[code]["mosquito"], 1.0)
                level = start - fall * pace * float(glide(m, month_index(VECTOR_FIRST_YEAR, 4),
                                                          month_index(2026, 12)))
                checks = [(code, "自评", 0.05)]
                picks = rng.choice(len(by_district[code]), 2, replace=False)
                checks += [(by_district[code][int(i)].code, "第三方", 0.08) for i in picks]
                if (y, season) == (2025, "秋季"):
                    checks.append((code, "省级", 0.05))
                if (y, season) == (2026, "秋季") and code in ("990105", "990107"):
                    checks.append((by_district[code][0].code, "国家暗访", 0.05))
                for area, assessor, noise in checks:
                    day = world.day(y, mo, 10, 25, rng)
                    for pest, methods in VECTOR_METHODS:
                        slip = (code, y, season) == VECTOR_FLY_SLIP and pest == "蝇" and (
                            assessor == "国家暗访")
                        for method in methods if assessor == "自评" else methods[:1]:
                            factor = 1.35 if slip else max(0.05, level + rng.normal(0, noise))
                            rows.append(vector_row(area, day, pest, method, factor, assessor,
                                                   rng))
        rows.sort(key=lambda r: (r[1], r[0], r[2], r[3]))
        stem = f"病媒生物密度监测结果_{y}年"
        if y == VECTOR_FIRST_YEAR:
            written = [(*r[:7], f"{r[7]}级", r[8]) for r in rows]
            df = pl.DataFrame(written, schema=header, orient="row")
            rows_total += write_csv(df, out / f"{stem}.csv", bom=True)
        else:
            book = Workbook(out / f"{stem}.xlsx")
            book.sheet("监测结果", header, rows, title=f"{CITY_NAME}{y}年病媒生物密度监测结果汇总")
            book.close()
            rows_total += len(rows)
        files += 1
    return files, rows_total


# ---- 9a, 9b creation registers -------------------------------------------------------------

# creation type → (the base it is counted among, share named at the start of 2024 and by the end
# of 2026 at pace 1, level weights 市级/省级/国家级, what a unit is called)
CREATION_TYPES = {
    "健康机关": ("organs", 0.30, 0.76, (0.8, 0.2, 0.0), "机关"),
    "健康社区": ("communities", 0.28, 0.76, (0.75, 0.22, 0.03), "社区"),
    "健康村庄": ("villages", 0.20, 0.72, (0.85, 0.15, 0.0), "村"),
    "健康学校": ("schools", 0.32, 0.78, (0.75, 0.23, 0.02), "学校"),
    "健康医院": ("hospitals", 0.35, 0.80, (0.6, 0.35, 0.05), "医院"),
    "健康企业": ("enterprises", 0.18, 0.70, (0.85, 0.15, 0.0), "企业"),
    "卫生先进单位": (None, 0.0, 0.0, (0.7, 0.3, 0.0), "单位"),
    "卫生村": ("villages", 0.30, 0.66, (0.6, 0.4, 0.0), "村"),
    "卫生镇": ("towns", 0.30, 0.70, (0.0, 0.6, 0.4), "镇"),
    "无烟党政机关": ("party_gov_organs", 0.70, 1.0, (1.0, 0.0, 0.0), "机关"),
    "无烟医疗卫生机构": ("health_institutions", 0.80, 1.0, (1.0, 0.0, 0.0), "卫生院"),
    "无烟学校": ("schools", 0.75, 1.0, (1.0, 0.0, 0.0), "学校"),
}
# the kinds of unit per street: (urban street, rural town) means
CREATION_BASE_PER_STREET = {
    "organs": (4, 2), "communities": (5, 1), "villages": (0, 11), "schools": (5, 4),
    "hospitals": (1, 1), "enterprises": (6, 3), "health_institutions": (4, 3),
    "party_gov_organs": (3, 2), "towns": (0, 1)}
CREATION_BASE_HEADERS = {
    "organs": "机关数", "communities": "社区数", "villages": "行政村数", "schools": "学校数",
    "hospitals": "医院数", "enterprises": "企业数", "health_institutions": "医疗卫生机构数",
    "party_gov_organs": "党政机关数", "towns": "乡镇数"}
CREATION_FIRST_YEAR = 2024
CREATION_VALID_YEARS = 3


@dataclass
class CreationUnit:
    code: str
    name: str
    street: Street
    kind: str
    level: str
    status: str
    named: date | None
    valid_until: date | None
    revoked: date | None
    lon: float
    lat: float


def creation_bases(world: World) -> dict[tuple[str, int], dict[str, int]]:
    """(street, year) → count of each base kind; a town counts itself once (乡镇数)."""
    rng = rng_for(world.seed, "creation_base")
    out = {}
    for st in world.streets:
        first = {k: (1 if k == "towns" else int(rng.poisson(v[1] if st.rural else v[0])))
                 for k, v in CREATION_BASE_PER_STREET.items()}
        if not st.rural:
            first["towns"] = 0
        for y in world.years:
            grow = int(rng.random() < 0.25) if y > FIRST_YEAR else 0
            first = {**first, "enterprises": first["enterprises"] + grow}
            out[(st.code, y)] = dict(first)
    return out


def creation_units(world: World) -> list[CreationUnit]:
    """Each street's units of each type: named over the years so the named share follows the
    district's pace; a designation lasts three years, most renewed (已复核), a few lapsing,
    a few revoked; the rest still 创建中."""
    rng = rng_for(world.seed, "creation_units")
    bases = creation_bases(world)
    as_of = world.as_of
    goal_m = month_index(2026, 12)
    start_m = month_index(CREATION_FIRST_YEAR, 1)
    units: list[CreationUnit] = []
    for st in world.streets:
        pace = min(PACE[st.district]["literacy"], 1.15)
        for kind, (base, first, last, weights, noun) in CREATION_TYPES.items():
            n = (bases[(st.code, world.end[0])][base] if base
                 else int(rng.poisson(3 if st.rural else 6)))
            for i in range(n):
                # the month index at which this unit is named (its place in the street's order)
                share = (i + rng.uniform(0.0, 1.0)) / max(n, 1)
                target = first + (last - first) * pace
                if base is None:
                    m_named = start_m - 30 + share * 70
                elif share <= first:
                    m_named = start_m - 36 + share / max(first, 1e-9) * 36
                elif share <= target:
                    m_named = start_m + (share - first) / max(target - first, 1e-9) * (
                        goal_m - start_m)
                else:
                    m_named = math.inf
                x0, y0, x1, y1 = st.bbox
                lon = round(float(x0 + (x1 - x0) * rng.uniform(0.1, 0.9)), 6)
                lat = round(float(y0 + (y1 - y0) * rng.uniform(0.1, 0.9)), 6)
                level = str(rng.choice(["市级", "省级", "国家级"], p=weights))
                code = f"CJ{st.code[-6:]}{len(units):05d}"
                name = f"{st.short}{noun}{i + 1:02d}" if kind != "卫生镇" else st.name
                if m_named == math.inf or m_named > month_index(*world.end) + 0.6:
                    units.append(CreationUnit(code, name, st, kind, level, "创建中", None, None,
                                              None, lon, lat))
                    continue
                year, month0 = divmod(int(m_named), 12)
                named = date(FIRST_YEAR + year, month0 + 1,
                             min(28, 1 + int(rng.integers(0, 28))))
                named = min(named, as_of)
                until = date(named.year + CREATION_VALID_YEARS, named.month, named.day)
                status, revoked = "已命名", None
                roll = rng.random()
                if until <= as_of and roll < 0.92:      # reviewed and renewed
                    status, until = "已复核", date(until.year + CREATION_VALID_YEARS,
                                                    until.month, until.day)
                elif roll > 0.985 and named < date(2026, 1, 1):
                    status = "已撤销"
                    revoked = min(as_of, named + timedelta(days=int(rng.integers(200, 700))))
                units.append(CreationUnit(code, name, st, kind, level, status, named, until,
                                          revoked, lon, lat))
    return units


def write_creation_units(world: World, out: Path) -> tuple[int, int]:
    """The 爱卫办's register, sent whole as it stands: one XLSX with a title row."""
    header = ["单位编码", "单位名称", "街道编码", "创建类型", "级别", "状态", "命名日期",
              "有效期至", "撤销日期", "经度", "纬度"]
    rows = [(u.code, u.name, u.street.code, u.kind, u.level, u.status, u.named, u.valid_until,
             u.revoked, u.lon, u.lat) for u in creation_units(world)]
    book = Workbook(out / "创建单位名录.xlsx", len(rows) * len(header))
    book.sheet("名录", header, rows, title=f"{CITY_NAME}健康细胞、卫生创建和无烟单位创建名录",
               widths=16)
    book.close()
    return 1, len(rows)


def write_creation_base(world: World, out: Path) -> tuple[int, int]:
    """Each district's bases per year from 2024, one CSV (GBK, as a statistics clerk saves it)."""
    bases = creation_bases(world)
    header = ["区域编码", "年份", *CREATION_BASE_HEADERS.values()]
    rows = []
    for y in [y for y in world.years if y >= CREATION_FIRST_YEAR]:
        for code in DISTRICT_CODES:
            total = {k: sum(bases[(st.code, y)][k] for st in world.streets
                            if st.district == code) for k in CREATION_BASE_HEADERS}
            rows.append((code, y, *total.values()))
    df = pl.DataFrame(rows, schema=header, orient="row")
    return 1, write_csv(df, out / "创建基数.csv", encoding="gbk")


# ---- 3 mosquitoes ---------------------------------------------------------------------------


def write_mosquito_sites(world: World, out: Path) -> tuple[int, int]:
    header = ["监测点编码", "监测点名称", "生境类型", "经度", "纬度", "坐标系", "网格编码"]
    rows = [(s.code, s.name, s.habitat, s.lon, s.lat, "WGS84", s.grid.code) for s in world.sites]
    book = Workbook(out / "监测点名录.xlsx", len(rows) * len(header))
    book.sheet("监测点名录", header, rows, widths=16)
    book.close()
    return 1, len(rows)


def mosquito_factor(district: str, m: int) -> float:
    """Multiplier on a district's 2023 level (densities, route and Breteau indices)."""
    start, goal, start_m, goal_m = MOSQ_FACTOR
    return float(start + (goal - start) * PACE[district]["mosquito"] * glide(m, start_m, goal_m))


def district_indices(codes: Iterable[str]) -> np.ndarray:
    return np.array([DISTRICT_CODES.index(c) for c in codes], dtype=int)


def site_scales(world: World, rng: np.random.Generator) -> np.ndarray:
    """Per-site mean multiplier: habitat x ±30 % site effect, normalised so each district's
    2023 expected density is its START_DENSITY and the city's is CITY_DENSITY_2023."""
    base = np.array([HABITAT_MULT[s.habitat] for s in world.sites])
    base = base * rng.lognormal(-0.5 * 0.3**2, 0.3, len(base))
    season_mean = float(np.mean(list(SEASON_MU.values())))
    districts = np.array([s.grid.street.district for s in world.sites])
    for d_code, *_ in DISTRICTS:
        mask = districts == d_code
        if mask.any():
            base[mask] *= START_DENSITY[d_code] / (season_mean * base[mask].mean())
    return base * CITY_DENSITY_2023 / (season_mean * base.mean())


def write_mosquito_light_trap(world: World, out: Path) -> tuple[int, int]:
    rng = rng_for(world.seed, "mosquito_light_trap")
    sites = world.sites
    n_sites = len(sites)
    scales = site_scales(world, rng)
    d_idx = district_indices(s.grid.street.district for s in sites)
    rural = np.array([s.habitat in ("农户", "畜禽养殖场") for s in sites])
    alpha = np.where(rural[:, None], SPECIES_ALPHA_RURAL, SPECIES_ALPHA_URBAN)
    files = rows_total = 0
    for y in world.years:
        visits = [(mo, k) for mo in world.months(y) if mo in SEASON_MU for k in (0, 1)]
        if not visits:
            continue
        nv = len(visits)
        site_of = np.repeat(np.arange(n_sites), nv)
        mu = np.empty(n_sites * nv)
        days = np.empty(n_sites * nv, dtype=int)
        for v, (mo, k) in enumerate(visits):
            m = month_index(y, mo)
            factor = np.array([mosquito_factor(d, m) for d in DISTRICT_CODES])
            mu[v::nv] = scales * SEASON_MU[mo] * factor[d_idx]
            lo, hi = (5, 10) if k == 0 else (20, 25)
            if (y, mo) == world.end and k == 1:
                lo, hi = 16, AS_OF_DAY
            days[v::nv] = rng.integers(lo, hi + 1, n_sites)
        mu *= rng.lognormal(-0.5 * 0.25**2, 0.25, mu.size)  # weather of the night
        females = rng.negative_binomial(1.5, 1.5 / (1.5 + mu))
        shares = rng.gamma(alpha[site_of])
        shares /= shares.sum(axis=1, keepdims=True)
        counts = rng.multinomial(females, shares)[:, :6]
        dates = [date(y, visits[i % nv][0], int(days[i])) for i in range(site_of.size)]
        styles = rng.integers(0, 2, site_of.size)
        other_blank = rng.random(site_of.size) < 0.04
        name = f"诱蚊灯监测_{y}年.csv"
        if y == 2024 and n_sites >= 3 and nv >= 3:
            bad = 2 * nv + 2  # third site, third visit
            counts[bad, 0] += females[bad] - counts[bad].sum() + 3
            other_blank[bad] = False
            world.bad_rows.append(BadRow(f"mosquito_light_trap/{name}", bad + 2, "淡色库蚊",
                                         "species counts sum to 雌蚊数 + 3"))
        df = pl.DataFrame({
            "监测点编码": [sites[i].code for i in site_of],
            "监测日期": [iso(d) if s == 0 else slash(d) for d, s in zip(dates, styles,
                                                                       strict=True)],
            "布灯数": np.ones(site_of.size, dtype=np.int64),
            "监测夜数": np.ones(site_of.size, dtype=np.int64),
            "雌蚊数": females.astype(np.int64),
            **{sp: counts[:, j].astype(np.int64) for j, sp in enumerate(SPECIES)},
        })
        df = df.with_columns(pl.when(pl.Series(other_blank)).then(None)
                             .otherwise(pl.col("其他蚊种")).alias("其他蚊种"))
        rows_total += write_csv(df, out / name)
        files += 1
    return files, rows_total


def write_mosquito_route(world: World, out: Path) -> tuple[int, int]:
    rng = rng_for(world.seed, "mosquito_route")
    header = ["街道编码", "调查日期", "路径长度(米)", "小型积水处数", "阳性积水处数"]
    files = rows_total = 0
    for y in world.years:
        rows = []
        for mo in world.months(y):
            if mo not in ROUTE_SEASON:
                continue
            m = month_index(y, mo)
            for st in world.streets:
                length = int(rng.integers(100, 501)) * 10
                found_rate = rng.uniform(2.5, 6.0) * (1 - 0.25 * float(glide(m, 12, 46)))
                index = START_ROUTE_INDEX[st.district] * mosquito_factor(st.district, m)
                index *= ROUTE_SEASON[mo] * rng.lognormal(0, 0.2)
                found = int(rng.poisson(length / 1000 * found_rate))
                positive = int(rng.binomial(found, min(0.7, index / found_rate)))
                d = world.day(y, mo, 8, 25, rng)
                rows.append([st.code, excel_serial(d) if y == 2024 else d, length, found,
                             positive])
        if not rows:
            continue
        if y == 2025:  # a few numbers typed as full-width digit strings
            for i in rng.choice(len(rows), size=min(5, len(rows)), replace=False):
                rows[i][3] = str(rows[i][3]).translate(FULLWIDTH)
        book = Workbook(out / f"路径法调查_{y}年.xlsx")
        rows_total += book.sheet("路径法调查", header, rows, widths=16)
        book.close()
        files += 1
    return files, rows_total


def write_mosquito_breteau(world: World, out: Path) -> tuple[int, int]:
    rng = rng_for(world.seed, "mosquito_breteau")
    files = rows_total = 0
    for y in world.years:
        rows = []
        for mo in world.months(y):
            if mo not in BI_SEASON:
                continue
            m = month_index(y, mo)
            for st in world.streets:
                houses = int(rng.integers(50, 101))
                wet = int(rng.poisson(houses * rng.uniform(0.25, 0.5)))
                bi = START_BI[st.district] * mosquito_factor(st.district, m)
                bi *= BI_SEASON[mo] * rng.lognormal(0, 0.3)
                p = min(0.9, bi * houses / 100 / max(wet, 1))
                rows.append((st.code, slash(world.day(y, mo, 5, 25, rng)), houses, wet,
                             int(rng.binomial(wet, p))))
        if not rows:
            continue
        df = pl.DataFrame(rows, schema=["街道编码", "调查日期", "调查户数", "积水容器数",
                                        "阳性容器数"], orient="row")
        rows_total += write_csv(df, out / f"布雷图指数调查_{y}年.csv", encoding="gb18030")
        files += 1
    return files, rows_total


# ---- 4 waterlogging -------------------------------------------------------------------------


def wgs84_to_gcj02(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The standard (public) WGS-84 -> GCJ-02 offset."""
    a, ee = 6378245.0, 0.00669342162296594323
    x, y = lon - 105.0, lat - 35.0
    common = (20 * np.sin(6 * x * np.pi) + 20 * np.sin(2 * x * np.pi)) * 2 / 3
    dlat = (-100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x)) + common
            + (20 * np.sin(y * np.pi) + 40 * np.sin(y / 3 * np.pi)) * 2 / 3
            + (160 * np.sin(y / 12 * np.pi) + 320 * np.sin(y * np.pi / 30)) * 2 / 3)
    dlon = (300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x)) + common
            + (20 * np.sin(x * np.pi) + 40 * np.sin(x / 3 * np.pi)) * 2 / 3
            + (150 * np.sin(x / 12 * np.pi) + 300 * np.sin(x / 30 * np.pi)) * 2 / 3)
    rad = lat / 180 * np.pi
    magic = 1 - ee * np.sin(rad) ** 2
    sqrt_magic = np.sqrt(magic)
    dlat = dlat * 180 / ((a * (1 - ee)) / (magic * sqrt_magic) * np.pi)
    dlon = dlon * 180 / (a / sqrt_magic * np.cos(rad) * np.pi)
    return lon + dlon, lat + dlat


@dataclass
class WaterPoints:
    """Every waterlogging point ever found, as parallel arrays in id order (days since EPOCH)."""
    grid: np.ndarray
    flood: np.ndarray
    found: np.ndarray
    eliminated: np.ndarray
    recurred: np.ndarray
    re_eliminated: np.ndarray
    kind: np.ndarray
    method: np.ndarray
    larvae: np.ndarray
    measure: np.ndarray
    stalled: np.ndarray
    found_style: np.ndarray
    elim_style: np.ndarray
    unit: np.ndarray
    lonlat: np.ndarray


def day_of(d: date) -> int:
    return (d - EPOCH).days


def elimination_days(rng: np.random.Generator, districts: Sequence[str], months: np.ndarray,
                     flood: np.ndarray) -> np.ndarray:
    start = np.array([WATER_MEDIAN_DAYS[d][0] for d in districts])
    end = np.array([WATER_MEDIAN_DAYS[d][1] for d in districts])
    median = (start + (end - start) * glide(months, 12, 46)) * np.where(flood, 3.0, 1.0)
    return np.ceil(rng.lognormal(np.log(median), 0.8)).astype(int)


def drainage_works_days(world: World, district_idx: np.ndarray, flood: np.ndarray,
                        otherwise: np.ndarray) -> np.ndarray:
    """Elimination days of the census points: a flood-prone point's drainage works end on a day
    of its district's window (its own random stream); the others keep `otherwise`."""
    rng = rng_for(world.seed, "waterlogging_drainage_works")
    first = np.array([day_of(DRAINAGE_WORKS[DISTRICT_CODES[d]][0]) for d in district_idx])
    last = np.array([day_of(DRAINAGE_WORKS[DISTRICT_CODES[d]][1]) for d in district_idx])
    works = first + np.floor(rng.random(district_idx.size) * (last - first + 1)).astype(int)
    days = np.where(flood, works, otherwise)
    lagging = np.flatnonzero(flood & (district_idx == DISTRICT_CODES.index("990105")))
    if lagging.size:
        days[lagging[np.argmax(days[lagging])]] = day_of(WORKS_UNFINISHED)
    return days


def build_water_points(world: World, rng: np.random.Generator) -> WaterPoints:
    grids_of: dict[str, list[int]] = {}
    for i, g in enumerate(world.grids):
        grids_of.setdefault(g.street.district, []).append(i)
    d_codes = [d[0] for d in DISTRICTS]
    weights = np.array([WATER_DISTRICT_WEIGHT[d] for d in d_codes])
    weights /= weights.sum()
    last_day = day_of(world.as_of)
    found, district, flood, elim = [], [], [], []
    # the 2023 flood-season census: open at the end of August 2023, closed Sep 2023 - mid 2024
    census = day_of(FLOOD_CENSUS)
    n_base = BASELINE_OPEN_POINTS * world.scale if world.as_of >= FLOOD_CENSUS else 0
    base_w = weights * np.array([1, 1, 1, 1.6, 1, 1.2])  # the census found most in 南江/新港
    base_d = rng.choice(6, size=n_base, p=base_w / base_w.sum())
    base_found = rng.integers(day_of(date(2023, 5, 1)), census + 1, n_base)
    slow = np.where(base_d == 3, 2.2, 1.0)
    base_elim = census + 1 + (rng.uniform(3, 150, n_base) * slow).astype(int)
    base_flood = rng.random(n_base) < 0.6
    base_elim = drainage_works_days(world, base_d, base_flood, base_elim)
    found.append(base_found)
    district.append(base_d)
    flood.append(base_flood)
    elim.append(base_elim)
    for m in range(world.n_months):
        y, mo = FIRST_YEAR + m // 12, m % 12 + 1
        first = day_of(date(y, mo, 1))
        last = min(day_of(date(y, mo, calendar.monthrange(y, mo)[1])), last_day)
        n = int(rng.poisson(WATER_PER_MONTH[mo] * world.scale))
        f = rng.integers(first, last + 1, n)
        d_idx = rng.choice(6, size=n, p=weights)
        is_flood = rng.random(n) < (0.3 if mo in (5, 6, 7, 8) else 0.2)
        days = elimination_days(rng, [d_codes[i] for i in d_idx], np.full(n, m), is_flood)
        if (y, mo) <= (FLOOD_CENSUS.year, FLOOD_CENSUS.month):
            # NOTE: routine points before the census were closed by it, so it counts exactly 47
            days = np.minimum(days, np.maximum(census - f, 0))
        found.append(f)
        district.append(d_idx)
        flood.append(is_flood)
        elim.append(f + days)
    found_a, district_a = np.concatenate(found), np.concatenate(district)
    flood_a, elim_a = np.concatenate(flood), np.concatenate(elim)
    order = np.argsort(found_a, kind="stable")
    found_a, district_a, flood_a, elim_a = (found_a[order], district_a[order], flood_a[order],
                                            elim_a[order])
    n = found_a.size
    # recurrences: a few at random in the past, and a few still open at the last snapshot
    never = np.full(n, 10**6)
    recurred, re_elim = never.copy(), never.copy()
    past = np.flatnonzero((rng.random(n) < 0.03) & (elim_a < last_day - 90) & (elim_a > census))
    recurred[past] = elim_a[past] + rng.integers(7, 61, past.size)
    re_elim[past] = recurred[past] + rng.integers(1, 15, past.size)
    recent = np.flatnonzero((elim_a >= last_day - 120) & (elim_a <= last_day - 25))
    if recent.size:
        w = np.array([RECUR_WEIGHT[d_codes[d]] for d in district_a[recent]])
        recent = rng.choice(recent, size=min(4 * world.scale, recent.size), replace=False,
                            p=w / w.sum())
    recurred[recent] = last_day - rng.integers(1, 19, recent.size)
    re_elim[recent] = last_day + 30
    grid = np.array([grids_of[d_codes[d]][rng.integers(len(grids_of[d_codes[d]]))]
                     for d in district_a], dtype=int)
    kinds = np.where(flood_a, rng.integers(0, len(WATER_TYPES_FLOOD), n),
                     rng.integers(0, len(WATER_TYPES_BREEDING), n))
    larvae = rng.random(n) < np.where(flood_a, 0.15, 0.4)
    unit = []
    for g, fl, r in zip(grid, flood_a, rng.random(n), strict=True):
        st = world.grids[g].street
        if fl:
            unit.append(f"{st.district_name}{'住房和城乡建设局' if r < 0.5 else '城市管理局'}")
        else:
            unit.append(st.office if r < 0.8 else f"{st.district_name}城市管理局")
    return WaterPoints(
        grid=grid, flood=flood_a, found=found_a, eliminated=elim_a, recurred=recurred,
        re_eliminated=re_elim, kind=kinds, method=rng.integers(0, len(WATER_METHODS), n),
        larvae=larvae, measure=rng.integers(0, 5, n), stalled=rng.random(n) < 0.3,
        found_style=rng.integers(0, 3, n), elim_style=rng.integers(0, 3, n),
        unit=np.array(unit, dtype=object),
        lonlat=points_in(np.array([world.grids[g].bbox for g in grid]), rng),
    )


def ledger_rows(world: World, pts: WaterPoints, snapshot: int, gcj: bool,
                width: int) -> list[list[object]]:
    """The ledger as of a day: every point found by then, with its status on that day."""
    n = int(np.searchsorted(pts.found, snapshot, side="right"))
    lon, lat = pts.lonlat[:n, 0], pts.lonlat[:n, 1]
    if gcj:
        lon, lat = wgs84_to_gcj02(lon, lat)
    lon, lat = np.round(lon, 6), np.round(lat, 6)
    rows = []
    for i in range(n):
        flood = bool(pts.flood[i])
        if pts.recurred[i] <= snapshot:
            closed = pts.re_eliminated[i] if pts.re_eliminated[i] <= snapshot else None
            status = "已销号" if closed is not None else "复发"
        elif pts.eliminated[i] <= snapshot:
            closed, status = pts.eliminated[i], "已销号"
        else:
            closed = None
            status = "未整改" if snapshot - pts.found[i] <= 1 or pts.stalled[i] else "整改中"
        measure = (MEASURES_FLOOD if flood else MEASURES_BREEDING)[pts.measure[i]]
        grid = world.grids[pts.grid[i]]
        rows.append([
            f"JS{i + 1:0{width}d}", "易涝积水" if flood else "孳生积水",
            (WATER_TYPES_FLOOD if flood else WATER_TYPES_BREEDING)[pts.kind[i]],
            float(lon[i]), float(lat[i]), "GCJ02" if gcj else "WGS84", grid.code,
            DATE_STYLES[pts.found_style[i]](EPOCH + timedelta(days=int(pts.found[i]))),
            WATER_METHODS[pts.method[i]], "是" if pts.larvae[i] else "否", status,
            measure if status in ("整改中", "已销号") else None,
            None if closed is None else DATE_STYLES[pts.elim_style[i]](
                EPOCH + timedelta(days=int(closed))),
            pts.unit[i],
        ])
    return rows


def write_waterlogging(world: World, out: Path) -> tuple[int, int]:
    rng = rng_for(world.seed, "waterlogging")
    pts = build_water_points(world, rng)
    header = ["积水点编号", "积水类别", "积水类型", "经度", "纬度", "坐标系", "网格编码",
              "发现日期", "发现方式", "是否发现幼虫", "状态", "整改措施", "销号日期", "责任单位"]
    width = code_width(6, pts.found.size)
    snapshots = [(date(y, 12, 31), f"积水点台账_{y}年底.xlsx") for y in world.years[:-1]]
    snapshots.append((world.as_of, f"积水点台账_{world.end[0]}年{world.end[1]}月.xlsx"))
    files = rows_total = 0
    for k, (as_of, name) in enumerate(snapshots):
        last = k == len(snapshots) - 1
        rows = ledger_rows(world, pts, day_of(as_of), last, width)
        if as_of.year == 2025 and not last:
            bad = next((i for i in range(9, len(rows)) if rows[i][10] == "已销号"), None)
            if bad is not None:
                rows[bad][12] = None
                world.bad_rows.append(BadRow(f"waterlogging/{name}", bad + 3, "销号日期",
                                             f"{rows[bad][0]} is 已销号 without 销号日期"))
        book = Workbook(out / name, len(rows) * len(header))
        title = f"{CITY_NAME}积水点台账（截至{as_of.year}年{as_of.month}月{as_of.day}日）"
        rows_total += book.sheet("积水点台账", header, rows, title=title, widths=14)
        book.close()
        files += 1
    return files, rows_total


# ---- 8 inspection problems ------------------------------------------------------------------


NEVER = 10**6  # a day (since EPOCH) that never comes


@dataclass
class Problem:
    """One problem ever found and the days (since EPOCH) of what happened to it: rectified (待复核
    from then), closed (已销号), re-checked (复核); a recurrence (复发) and its second closing."""
    found_by: str
    grid: Grid
    found: int
    pid: str = ""
    category: str = ""
    text: str = ""
    measure: str = ""
    unit: str = ""
    lonlat: tuple[float, float] | None = None
    deadline: int = NEVER
    rectified: int = NEVER
    closed: int = NEVER
    reviewed: int = NEVER
    recurred: int = NEVER
    re_closed: int = NEVER
    re_reviewed: int = NEVER
    untouched: bool = False   # 未整改 (nothing done yet) rather than 整改中 until rectified
    style: int = 0            # its date style in the files that mix them


def problem_drafts(world: World, rng: np.random.Generator) -> list[Problem]:
    """Who found what, when and where: the routine sources every month, the campaign before each
    check, the quarterly third-party evaluation, and the checks' bursts."""
    last_day = day_of(world.as_of)
    grids_of: dict[str, list[Grid]] = {}
    for g in world.grids:
        grids_of.setdefault(g.street.district, []).append(g)
    routine_w = np.array([PROBLEM_DISTRICT_WEIGHT[d] for d in DISTRICT_CODES])
    check_w = np.array([PROBLEM_CHECK_WEIGHT[d] for d in DISTRICT_CODES])
    campaign = set()
    for day0, _, source in PROBLEM_CHECKS:
        for back in range(1, 3 if source == "国家暗访" else 2):   # the national check: 2 months
            m = month_index(day0.year, day0.month) - back
            campaign.add((FIRST_YEAR + m // 12, m % 12 + 1))
    drafts: list[Problem] = []

    def draw(n: int, first: int, last: int, sources: Sequence[tuple[str, float]],
             weights: np.ndarray) -> None:
        found = rng.integers(first, last + 1, n)
        src = rng.choice(len(sources), size=n, p=[w for _, w in sources])
        dist = rng.choice(len(DISTRICT_CODES), size=n, p=weights / weights.sum())
        for f, s, d in zip(found, src, dist, strict=True):
            pool = grids_of[DISTRICT_CODES[d]]
            drafts.append(Problem(sources[s][0], pool[rng.integers(len(pool))], int(f)))

    for m in range(month_index(PROBLEM_START.year, PROBLEM_START.month), world.n_months):
        y, mo = FIRST_YEAR + m // 12, m % 12 + 1
        first = day_of(date(y, mo, 1))
        full = calendar.monthrange(y, mo)[1]
        last = min(first + full - 1, last_day)
        share = (last - first + 1) / full   # the end month is partial
        draw(int(rng.poisson(PROBLEMS_PER_MONTH * world.scale * share)), first, last,
             PROBLEM_ROUTINE, routine_w)
        if (y, mo) in campaign:
            draw(int(rng.poisson(PROBLEM_CAMPAIGN_EXTRA * world.scale * share)), first, last,
                 PROBLEM_CAMPAIGN, routine_w)
        if mo % 3 == 0 and first + 9 <= last:
            draw(int(rng.poisson(PROBLEM_THIRD_PARTY * world.scale)), first + 9,
                 min(first + 24, last), (("第三方评估", 1.0),), routine_w)
    for day0, days, source in PROBLEM_CHECKS:
        first = day_of(day0)
        if first > last_day:
            continue
        n = int(rng.integers(PROBLEM_BURST[0], PROBLEM_BURST[1] + 1)) * world.scale
        draw(n, first, min(first + days - 1, last_day), ((source, 1.0),), check_w)
    drafts.sort(key=lambda p: p.found)
    return drafts


def problem_unit(category: str, street: Street, r: float) -> str:
    """The department (or the street's office) a problem of this category is assigned to."""
    d = street.district_name
    units = {
        "环境卫生": ((street.office, 0.7), (f"{d}城市管理局", 1.0)),
        "背街小巷": ((street.office, 0.6), (f"{d}城市管理局", 0.85), (f"{d}住房和城乡建设局", 1.0)),
        "农贸市场": ((f"{d}市场监督管理局", 0.6), (street.office, 1.0)),
        "“三小”场所": ((f"{d}市场监督管理局", 0.7), (f"{d}卫生健康局", 1.0)),
        "垃圾分类": ((f"{d}城市管理局", 0.6), (street.office, 1.0)),
        "病媒生物": ((street.office, 0.6), (f"{d}卫生健康局", 1.0)),
        "公共厕所": ((f"{d}城市管理局", 0.8), (street.office, 1.0)),
        "控烟": ((f"{d}卫生健康局", 0.8), (street.office, 1.0)),
        "食品安全": ((f"{d}市场监督管理局", 1.0),),
        "其他": ((f"{d}住房和城乡建设局", 0.4), (street.office, 0.8), (f"{d}卫生健康局", 1.0)),
    }[category]
    return next(u for u, upto in units if r < upto)


def build_problems(world: World, rng: np.random.Generator) -> list[Problem]:
    """Every problem found from PROBLEM_START to the as-of day, in found order, with its story."""
    probs = problem_drafts(world, rng)
    last_day = day_of(world.as_of)
    start, end = day_of(PROBLEM_START), day_of(date(2026, 12, 31))
    groups = {"日常巡查": "patrol", "12345热线": "public", "群众举报": "public"}
    years = [(EPOCH + timedelta(days=p.found)).year for p in probs]
    width = code_width(4, max((years.count(y) for y in set(years)), default=0))
    seq: dict[int, int] = {}
    for p, year in zip(probs, years, strict=True):
        street, d = p.grid.street, p.grid.street.district
        seq[year] = seq.get(year, 0) + 1
        p.pid = f"DC{year}{seq[year]:0{width}d}"
        weights = np.array(CATEGORY_WEIGHTS[groups.get(p.found_by, "check")])
        p.category = PROBLEM_CATEGORIES[rng.choice(len(weights), p=weights / weights.sum())]
        texts = PROBLEM_TEXTS[p.category]
        text, p.measure = texts[rng.integers(len(texts))]
        p.text = text.format(s=street.short)
        p.unit = problem_unit(p.category, street, float(rng.random()))
        located = rng.random() >= PROBLEM_UNLOCATED.get(p.found_by, 0.08)
        point = points_in(np.array([p.grid.bbox]), rng)[0]
        p.lonlat = (float(point[0]), float(point[1])) if located else None
        choices, probs_ = PROBLEM_LIMITS[p.found_by]
        limit = int(rng.choice(choices, p=probs_))
        if (p.category in LONGER_WORKS and p.found_by not in ("省级暗访", "国家暗访")
                and rng.random() < 0.4):
            limit = LIMIT_STEPS[min(LIMIT_STEPS.index(limit) + 1, len(LIMIT_STEPS) - 1)]
        p.deadline = p.found + limit
        head, tail, sigma = PROBLEM_PACE[d]
        median = head + (tail - head) * min(max((p.found - start) / (end - start), 0.0), 1.0)
        if p.found_by in ("省级暗访", "国家暗访"):
            median *= 0.7   # a check's problems come first
        ratio = rng.lognormal(math.log(median), sigma)
        stalled = rng.random() < PROBLEM_STALLED[d]
        if stalled:
            ratio *= rng.uniform(*PROBLEM_STALL_FACTOR)
        lo, hi = PROBLEM_REVIEW_LAG[d]
        lag = int(rng.integers(lo, hi + 1))
        p.closed = p.found + max(1, math.ceil(limit * ratio))
        p.rectified = max(p.found, p.closed - lag)
        p.reviewed = (p.closed + int(rng.integers(2, 11)) if rng.random() < PROBLEM_RECHECKED
                      else NEVER)
        p.untouched = rng.random() < (0.5 if stalled else 0.3)
        p.style = int(rng.integers(0, 3))
        if rng.random() < PROBLEM_RECUR:
            p.recurred = p.closed + int(rng.integers(5, 46))
            p.re_closed = p.recurred + max(1, math.ceil(limit * ratio)) + lag
            p.re_reviewed = p.re_closed + int(rng.integers(2, 11))
    # a few problems closed in the last months have come back and are open at the end
    recent = [p for p in probs if last_day - 120 <= p.closed <= last_day - 20
              and p.recurred == NEVER]
    if recent:
        w = np.array([PROBLEM_PACE[p.grid.street.district][0] for p in recent])
        for k in rng.choice(len(recent), size=min(3 * world.scale, len(recent)), replace=False,
                            p=w / w.sum()):
            recent[k].recurred = last_day - int(rng.integers(1, 16))
    return probs


def problem_state(p: Problem, day: int) -> tuple[str, int | None, int | None]:
    """(状态, 销号日期, 复核日期) of a problem in the ledger as of `day`."""
    def seen(d: int) -> int | None:
        return d if d <= day else None

    if p.recurred <= day:
        if p.re_closed <= day:
            return "已销号", p.re_closed, seen(p.re_reviewed)
        return "复发", None, None
    if p.closed <= day:
        return "已销号", p.closed, seen(p.reviewed)
    if p.rectified <= day:
        return "待复核", None, None
    return ("未整改" if day - p.found <= 1 or p.untouched else "整改中"), None, None


PROBLEM_HEADER = ("问题编号", "问题类别", "问题描述", "网格编码", "经度", "纬度", "坐标系",
                  "发现日期", "发现方式", "责任单位", "整改时限", "状态", "整改措施", "销号日期",
                  "复核日期")
# Each file's quirks (sample_data/README.md): headers renamed or left out, spellings, dates.
PROBLEM_FILE_STYLES = {
    # the first year's form: no 复核日期 yet, dates written by hand in mixed styles
    "first": {"rename": {"整改时限": "整改时限（日期）"}, "drop": ("复核日期",),
              "spell": {"“三小”场所": '"三小"场所', "12345热线": "12345"}, "dates": "mixed"},
    # later year ends: 发现日期 as Excel serial numbers, the other dates as date cells
    "year": {"rename": {"整改时限": "整改时限(日期)", "状态": "整改状态"}, "drop": (),
             "spell": {"“三小”场所": "三小场所", "第三方评估": "第三方", "待复核": "已整改待复核"},
             "dates": "serial"},
    # the GBK CSV: no 坐标系 column (WGS-84 by default)
    "csv": {"rename": {"整改时限": "整改时限（日期）"}, "drop": ("坐标系",),
            "spell": {"“三小”场所": '"三小"场所', "12345热线": "市民热线"}, "dates": "mixed"},
    # the latest: the blank template's headers, date cells, coordinates from a phone app (GCJ-02)
    "last": {"rename": {}, "drop": (), "spell": {}, "dates": "cells"},
}


def problem_rows(probs: list[Problem], snapshot: date, style: str) -> tuple[list[str],
                                                                           list[list[object]]]:
    """The ledger as of a day, written in one file style: every problem found by then."""
    conf = PROBLEM_FILE_STYLES[style]
    day = day_of(snapshot)
    listed = [p for p in probs if p.found <= day]
    gcj = style == "last"
    points = np.array([p.lonlat or (np.nan, np.nan) for p in listed], dtype=float).reshape(-1, 2)
    lon, lat = points[:, 0], points[:, 1]
    if gcj:
        lon, lat = wgs84_to_gcj02(lon, lat)
    lon, lat = np.round(lon, 6), np.round(lat, 6)
    spell = conf["spell"]

    def when(p: Problem, d: int | None, column: str) -> object:
        if d is None:
            return None
        value = EPOCH + timedelta(days=d)
        if conf["dates"] == "mixed":
            return DATE_STYLES[p.style](value)
        if conf["dates"] == "serial" and column == "发现日期":
            return excel_serial(value)
        return value

    rows = []
    for i, p in enumerate(listed):
        status, closed, reviewed = problem_state(p, day)
        row = {
            "问题编号": p.pid, "问题类别": spell.get(p.category, p.category), "问题描述": p.text,
            "网格编码": p.grid.code,
            "经度": None if p.lonlat is None else float(lon[i]),
            "纬度": None if p.lonlat is None else float(lat[i]),
            "坐标系": None if p.lonlat is None else ("GCJ02" if gcj else "WGS84"),
            "发现日期": when(p, p.found, "发现日期"),
            "发现方式": spell.get(p.found_by, p.found_by), "责任单位": p.unit,
            "整改时限": when(p, p.deadline, "整改时限"), "状态": spell.get(status, status),
            "整改措施": p.measure if status in ("整改中", "待复核", "已销号") else None,
            "销号日期": when(p, closed, "销号日期"), "复核日期": when(p, reviewed, "复核日期"),
        }
        rows.append([row[h] for h in PROBLEM_HEADER if h not in conf["drop"]])
    header = [conf["rename"].get(h, h) for h in PROBLEM_HEADER if h not in conf["drop"]]
    return header, rows


def write_problems(world: World, out: Path) -> tuple[int, int]:
    """Snapshots of the whole ledger, re-sent: each year's end, the end of the month before the
    end month (a GBK CSV) and the end month as of its 20th."""
    if world.as_of < PROBLEM_START:
        return 0, 0
    probs = build_problems(world, rng_for(world.seed, "problems"))
    snapshots = [(date(y, 12, 31), f"督查问题台账_{y}年底.xlsx",
                  "first" if y == PROBLEM_START.year else "year")
                 for y in world.years if PROBLEM_START.year <= y < world.end[0]]
    before = date(world.end[0], world.end[1], 1) - timedelta(days=1)
    if before >= PROBLEM_START and (not snapshots or before > snapshots[-1][0]):
        snapshots.append((before, f"督查问题台账_{before.year}年{before.month}月.csv", "csv"))
    snapshots.append((world.as_of, f"督查问题台账_{world.end[0]}年{world.end[1]}月.xlsx", "last"))
    files = rows_total = 0
    for as_of, name, style in snapshots:
        header, rows = problem_rows(probs, as_of, style)
        title = f"{CITY_NAME}督查问题台账（截至{as_of.year}年{as_of.month}月{as_of.day}日）"
        if as_of.year == 2025 and style == "year":
            closed_at, reviewed_at = header.index("销号日期"), header.index("复核日期")
            status_at = header.index("整改状态")
            done = [i for i in range(9, len(rows)) if rows[i][status_at] == "已销号"]
            bad = next((i for i in done if rows[i][reviewed_at] is None), None)
            if bad is not None:
                rows[bad][closed_at] = None
                world.bad_rows.append(BadRow(f"problems/{name}", bad + 3, "销号日期",
                                             f"{rows[bad][0]} is 已销号 without 销号日期"))
            bad = next((i for i in done if i != bad and rows[i][reviewed_at] is not None), None)
            if bad is not None:
                rows[bad][reviewed_at] = rows[bad][closed_at] - timedelta(days=3)
                world.bad_rows.append(BadRow(f"problems/{name}", bad + 3, "复核日期",
                                             f"{rows[bad][0]}: 复核日期 3 days before 销号日期"))
        if style == "csv":
            buf = io.StringIO()
            writer = csv.writer(buf, lineterminator="\r\n")
            writer.writerow([title])
            writer.writerow(header)
            writer.writerows([["" if v is None else v for v in r] for r in rows])
            writer.writerow(["合计", "", f"共{len(rows)}个问题"] + [""] * (len(header) - 3))
            (out / name).write_bytes(buf.getvalue().encode("gbk"))
            rows_total += len(rows)
        else:
            book = Workbook(out / name, len(rows) * len(header))
            rows_total += book.sheet("督查问题台账", header, rows, title=title, widths=14)
            book.close()
        files += 1
    return files, rows_total


# ---- 5 health centres and chronic disease ---------------------------------------------------


def write_health_centres(world: World, out: Path) -> tuple[int, int]:
    header = ["机构编码", "机构名称", "网格编码", "经度", "纬度", "坐标系"]
    rows = [(c.code, c.name, c.grid.code, c.lon, c.lat, "WGS84") for c in world.centres]
    book = Workbook(out / "机构名录.xlsx", len(rows) * len(header))
    book.sheet("机构名录", header, rows, widths=18)
    book.close()
    return 1, len(rows)


def chronic_month(world: World, rng: np.random.Generator, static: dict[str, np.ndarray],
                  d_idx: np.ndarray, y: int, mo: int,
                  key_rng: np.random.Generator) -> np.ndarray:
    """Year-to-date stocks of every centre for one month (n x 13 integer array). The
    key-population record columns draw from their own stream `key_rng`, so the others keep
    their values."""
    m = month_index(y, mo)
    n = len(world.centres)
    pop = np.round(static["pop"] * (1 + static["growth"]) ** (y - FIRST_YEAR)).astype(np.int64)
    ramp = (1 + 0.015 * (y - FIRST_YEAR)) * (0.97 + 0.03 * mo / 12)
    rates = {}
    for key, path in CHRONIC_PATHS.items():
        expected = np.array([float(path_value(path, d, "chronic", m)) for d in DISTRICT_CODES])
        rates[key] = np.clip(expected[d_idx] + static[key] + rng.normal(0, 0.004, n), 0.05, 0.97)
    rates["filing"] = np.minimum(rates["filing"], 0.995)
    for key, path in KEY_PATHS.items():
        expected = np.array([float(path_value(path, d, "chronic", m)) for d in DISTRICT_CODES])
        rates[key] = np.clip(expected[d_idx] + static[key] + key_rng.normal(0, 0.004, n),
                             0.05, 1.0)
    rates["key_update"] = np.minimum(rates["key_update"], 0.97)
    htn = np.round(pop * static["htn"] * ramp).astype(np.int64)
    t2dm = np.round(pop * static["t2dm"] * ramp).astype(np.int64)
    ehr = np.round(pop * rates["filing"]).astype(np.int64)
    key_pop = np.round(pop * static["key"]).astype(np.int64)
    key_filed = np.round(key_pop * rates["key_filing"])
    cols = [pop, htn, np.round(htn * rates["htn_std"]), np.round(htn * rates["htn_ctrl"]),
            t2dm, np.round(t2dm * rates["t2dm_std"]), np.round(t2dm * rates["t2dm_ctrl"]),
            ehr, np.round(ehr * rates["dynamic"]), key_pop, np.round(key_pop * rates["signing"]),
            key_filed, np.round(key_filed * rates["key_update"])]
    return np.column_stack(cols).astype(np.int64)


def write_chronic_disease(world: World, out: Path) -> tuple[int, int]:
    rng = rng_for(world.seed, "chronic_disease")
    centres = world.centres
    n = len(centres)
    d_idx = district_indices(c.grid.street.district for c in centres)
    static = {"pop": np.array([c.population for c in centres], dtype=float),
              "growth": rng.normal(0.006, 0.004, n), "htn": rng.uniform(0.08, 0.12, n),
              "t2dm": rng.uniform(0.03, 0.04, n), "key": rng.uniform(0.22, 0.30, n)}
    for key in CHRONIC_PATHS:
        static[key] = rng.normal(0, 0.02, n)
    key_rng = rng_for(world.seed, "chronic_disease_key_population")
    for key in KEY_PATHS:
        static[key] = key_rng.normal(0, 0.02, n)
    late = np.zeros(n, dtype=bool)  # centres whose end-month report has not arrived yet
    late[rng.permutation(n)[: n - round(n * CHRONIC_END_MONTH_SHARE)]] = True
    files = rows_total = 0
    for y in world.years:
        sheets = []
        for mo in world.months(y):
            values = chronic_month(world, rng, static, d_idx, y, mo, key_rng)
            notes = rng.random(n) < 0.01
            keep = np.ones(n, dtype=bool)
            for idx, my, mm in CHRONIC_MISSING:
                if (my, mm) == (y, mo) and idx < n:
                    keep[idx] = False
            if (y, mo) == world.end:
                keep &= ~late
            rows = [[c.code, f"{y}年{mo}月", *map(int, values[i]),
                     CHRONIC_NOTES[i % len(CHRONIC_NOTES)] if notes[i] else None]
                    for i, c in enumerate(centres) if keep[i]]
            if (y, mo) == (2025, 6) and len(rows) > 4:
                rows[4][4] = rows[4][3] + 25
                world.bad_rows.append(BadRow(
                    f"chronic_disease/慢性病管理月报_{y}年.xlsx", 4 + 3, "高血压规范管理人数",
                    f"{rows[4][0]}: 高血压规范管理人数 = 高血压在管患者数 + 25", sheet="6月"))
            sheets.append((mo, rows))
        book = Workbook(out / f"慢性病管理月报_{y}年.xlsx",
                        sum(len(r) for _, r in sheets) * len(CHRONIC_COLUMNS))
        for mo, rows in sheets:
            rows_total += book.sheet(f"{mo}月", CHRONIC_COLUMNS, rows,
                                     title=f"{CITY_NAME}{y}年{mo}月慢性病管理工作月报（累计数）",
                                     widths=16)
        book.close()
        files += 1
    return files, rows_total


# ---- 6 health literacy ----------------------------------------------------------------------


def literacy_items() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per item: aspect index, category index, points and difficulty.

    NOTE: the questionnaire is an instrument, not data: its difficulties do not depend on the
    seed, so the aspect and category orderings hold for every seed."""
    rng = rng_for(LITERACY_ITEM_SEED, "health_literacy_items")
    plan = [(a, c, p) for a, c, p, k in ITEM_PLAN for _ in range(k)]
    aspect = np.array([a for a, _, _ in plan])
    category = np.array([c for _, c, _ in plan])
    points = np.array([p for _, _, p in plan])
    difficulty = (np.array(ASPECT_DIFFICULTY)[aspect] + np.array(CATEGORY_DIFFICULTY)[category]
                  + 0.3 * (points == 2) + rng.normal(0, 0.15, len(plan)))
    return aspect, category, points, difficulty


def write_health_literacy(world: World, out: Path) -> tuple[int, int]:
    rng = rng_for(world.seed, "health_literacy")
    aspect, category, points, difficulty = literacy_items()
    streets = world.streets
    files = rows_total = 0
    for y in world.years:
        n = LITERACY_N.get(y, 1600) * world.scale
        # equal allocation per district, streets within a district by population
        rows_street = []
        for d_code, *_ in DISTRICTS:
            idx = [i for i, s in enumerate(streets) if s.district == d_code]
            pops = np.array([world.population[(streets[i].code, y)][0] for i in idx], float)
            rows_street.append(np.sort(rng.choice(idx, size=n // 6, p=pops / pops.sum())))
        street_idx = np.concatenate(rows_street)
        m = street_idx.size
        rural_street = np.array([streets[i].rural for i in street_idx])
        urban = np.where(rural_street, rng.random(m) < 0.1, rng.random(m) < 0.92)
        male = rng.random(m) < 0.49
        age = 15 + np.floor(rng.beta(1.6, 1.4, m) * 55).astype(int)
        edu_latent = rng.normal(0, 1, m) + LIT_EDU_URBAN * urban - 0.025 * (age - 40)
        edu = np.searchsorted(EDUCATION_CUTS, edu_latent)
        edu = np.where(age < 19, np.minimum(edu, 3), edu)
        edu = np.where(age < 25, np.minimum(edu, 4), edu)
        trend = np.array([LITERACY_HEAD[d] + LITERACY_SLOPE * PACE[d]["literacy"]
                          * (y - FIRST_YEAR) for d in DISTRICT_CODES])
        trend = trend[district_indices(streets[i].district for i in street_idx)]
        age_effect = np.select([age >= 60, age >= 50, age < 20], LITERACY_AGE_EFFECT, 0.0)
        ability = (LITERACY_INTERCEPT + trend + LITERACY_URBAN_EFFECT * urban
                   + np.array(EDUCATION_EFFECT)[edu] + age_effect
                   + rng.normal(0, LITERACY_NOISE, m))
        p_correct = 1 / (1 + np.exp(-1.7 * (ability[:, None] - difficulty[None, :])))
        scores = (rng.random(p_correct.shape) < p_correct) * points[None, :]
        aspect_scores = np.column_stack([scores[:, aspect == a].sum(1) for a in range(3)])
        category_scores = np.column_stack([scores[:, category == c].sum(1) for c in range(6)])
        weight = np.exp(rng.normal(0, 0.25, m)) * np.where(age < 30, 1.3, 1.0)
        weight *= np.where(age >= 60, 0.85, 1.0) * np.where(urban, 1.0, 1.15)
        weight = np.round(np.clip(weight, 0.4, 2.5), 4)
        ages = age.astype(np.int64)
        name = f"健康素养监测_{y}年.csv"
        if y == 2025 and m >= 100:
            ages[99] = 80
            world.bad_rows.append(BadRow(f"health_literacy/{name}", 101, "年龄",
                                         f"年龄 80 (outside 15–69), 问卷编号 {y}-000100"))
        habits = {}
        if y >= LITERACY_HABITS_FROM:
            hrng = rng_for(world.seed, f"health_literacy_habits_{y}")
            years_on = y - FIRST_YEAR
            p_smoke = (np.where(male, SMOKING_MALE, SMOKING_FEMALE) * np.where(age < 25, 0.6, 1.0)
                       - SMOKING_DECLINE * (y - LITERACY_HABITS_FROM) * male)
            p_new = np.clip(NEW_MEDIA_2023 + NEW_MEDIA_GAIN * years_on
                            + 0.15 * (age < 40) - 0.15 * (age >= 60), 0.02, 0.95)
            new = hrng.random(m) < p_new
            names, shares = zip(*OTHER_CHANNELS)
            other = hrng.choice(len(names), size=m, p=np.array(shares) / sum(shares))
            habits = {"是否吸烟": np.where(hrng.random(m) < p_smoke, "是", "否"),
                      "健康知识主要获取渠道": np.where(new, "网络新媒体", np.array(names)[other])}
        df = pl.DataFrame({
            "问卷编号": [f"{y}-{i + 1:06d}" for i in range(m)],
            "调查年份": np.full(m, y, dtype=np.int64),
            "区县编码": [streets[i].district for i in street_idx],
            "街道编码": [streets[i].code for i in street_idx],
            "城乡": np.where(urban, "城市", "农村"),
            "性别": np.where(male, "男", "女"),
            "年龄": ages,
            "文化程度": np.array(EDUCATION)[edu],
            "总分": scores.sum(1).astype(np.int64),
            **{name_: aspect_scores[:, j].astype(np.int64)
               for j, (name_, _) in enumerate(ASPECTS)},
            **{name_: category_scores[:, j].astype(np.int64)
               for j, (name_, _) in enumerate(CATEGORIES)},
            "权重": weight,
            **habits,
        })
        rows_total += write_csv(df, out / name, bom=True)
        files += 1
    return files, rows_total


# ---- 11 public satisfaction survey ----------------------------------------------------------


def survey_quarters(world: World) -> list[tuple[int, int]]:
    """(year, quarter) of every survey: from 2023-Q1, a quarter only once its survey month has
    passed by the end month."""
    out = []
    for y in world.years:
        for q in range(1, 5):
            if (y, 3 * (q - 1) + SURVEY_MONTH_OF_QUARTER) < world.end:
                out.append((y, q))
    return out


def answers(p: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One answer index per respondent (0 = 很满意 … 4 = 很不满意): satisfied with probability p."""
    satisfied = rng.random(p.size) < p
    very = rng.random(p.size) < VERY_SATISFIED_SHARE
    rest = 2 + np.searchsorted(np.cumsum(DISSATISFIED_SPLIT)[:-1], rng.random(p.size),
                               side="right")
    return np.where(satisfied, np.where(very, 0, 1), rest)


def write_satisfaction_survey(world: World, out: Path) -> tuple[int, int]:
    """One file a quarter from the third-party surveyor: answers as words (as 1–5 in 2025-Q1),
    2024-Q2 as a GBK CSV, 2024-Q4 as an XLSX with a title row; one answer 6 in 2025-Q2."""
    rng = rng_for(world.seed, "satisfaction_survey")
    streets = world.streets
    # a street's own lean, fixed over the years
    street_lean = rng.normal(0, 0.02, len(streets))
    header = ["问卷编号", "调查日期", "区县编码", "街道编码", "性别", "年龄段", "环境卫生满意度",
              "公共卫生服务满意度", "知晓创卫工作", "支持创卫工作", "权重"]
    files = rows_total = 0
    for y, q in survey_quarters(world):
        mo = 3 * (q - 1) + SURVEY_MONTH_OF_QUARTER
        m = month_index(y, mo)
        counts = rng.integers(SATISFACTION_N - 6, SATISFACTION_N + 7, len(streets)) * world.scale
        street_idx = np.repeat(np.arange(len(streets)), counts)
        n = street_idx.size
        district = [streets[i].district for i in street_idx]
        p_street = np.array([float(path_value(SATISFACTION, s.district, "satisfaction", m))
                             for s in streets]) + street_lean
        p = np.clip(p_street[street_idx], 0.05, 0.98)
        sanitation = answers(p, rng)
        service = answers(np.clip(p + SATISFACTION_SERVICE_LIFT, 0.05, 0.99), rng)
        aware_p = np.array([float(path_value(AWARENESS_PATH, d, "satisfaction", m))
                            for d in DISTRICT_CODES])[district_indices(district)]
        support_p = np.array([float(path_value(SUPPORT_PATH, d, "satisfaction", m))
                              for d in DISTRICT_CODES])[district_indices(district)]
        aware = rng.random(n) < np.clip(aware_p, 0, 0.99)
        support = rng.random(n) < np.clip(support_p, 0, 0.995)
        male = rng.random(n) < 0.49
        band = rng.choice(len(AGE_BANDS), size=n, p=AGE_BAND_P)
        # post-stratification-like weights: the young are under-reached, the old over-reached
        weight = np.exp(rng.normal(0, 0.2, n)) * np.array(
            (1.3, 1.25, 1.1, 1.0, 0.9, 0.8))[band]
        weight = np.round(np.clip(weight, 0.5, 2.0), 4)
        days = [world.day(y, mo, 5, 25, rng) for _ in range(n)]
        digits = (y, q) == (2025, 1)
        san = [str(5 - a) if digits else ANSWERS[a] for a in sanitation]
        ser = [str(5 - a) if digits else ANSWERS[a] for a in service]
        stem = f"群众满意度调查_{y}年第{q}季度"
        if (y, q) == (2025, 2) and n >= 50:
            san[49] = "6"
            world.bad_rows.append(BadRow(
                f"satisfaction_survey/{stem}.csv", 51, "环境卫生满意度",
                f"环境卫生满意度 6 (outside 1–5), 问卷编号 {y}Q{q}-000050"))
        rows = list(zip(
            [f"{y}Q{q}-{i + 1:06d}" for i in range(n)], days,
            [streets[i].district for i in street_idx], [streets[i].code for i in street_idx],
            np.where(male, "男", "女").tolist(), [AGE_BANDS[b] for b in band], san, ser,
            np.where(aware, "是", "否").tolist(), np.where(support, "是", "否").tolist(),
            weight.tolist(), strict=True))
        if (y, q) == (2024, 4):
            book = Workbook(out / f"{stem}.xlsx", cells=n * len(header))
            rows_total += book.sheet(
                "满意度调查", header, rows, widths=14,
                title=f"{CITY_NAME}{y}年第{q}季度群众对卫生状况满意度调查（第三方）")
            book.close()
        else:
            df = pl.DataFrame([list(r) for r in rows], schema=header, orient="row")
            df = df.with_columns(pl.col("调查日期").map_elements(iso, return_dtype=pl.Utf8))
            if (y, q) == (2024, 2):
                rows_total += write_csv(df, out / f"{stem}.csv", encoding="gbk")
            else:
                rows_total += write_csv(df, out / f"{stem}.csv", bom=True)
        files += 1
    return files, rows_total


# ---- 7 stage goals and baselines ------------------------------------------------------------


# Stage year → (stage name, its English name, deadline): 000 §3.1, §8.1.
STAGES = {2024: ("基础夯实年", "Foundation year 2024", date(2024, 12, 31)),
          2025: ("全面提升年", "Full improvement year 2025", date(2025, 12, 31)),
          2026: ("巩固迎检年", "Consolidation and inspection year 2026", date(2026, 12, 31))}
# Where each goal and baseline comes from (INDICATORS.md style: the plan's name and section).
DISTRICT_PLAN_002 = "商州区健康城市建设规划(2022-2025年) 三(二)1.(13)"   # shared/seeds/002
ROUTE_STANDARD = (f"{PLAN_SOURCE} §8.2（2026年全面达到国家卫生城市标准）；"
                  "GB/T 27771-2011 蚊虫密度控制水平C级")
PROBLEM_CHART = "§2 问题定义 图注（环境卫生管理问题结构图）"
SMOKING_GOAL_SOURCE = ("示例数据（虚构目标；健康中国行动（2019—2030年）要求15岁以上人群吸烟率"
                       "2030年低于20%，示例城市提前作为2026年目标）")
ANTIVECTOR_STANDARD = (f"{PLAN_SOURCE} §8.2（2026年全面达到国家卫生城市标准）；"
                       "国家卫生城市标准：重点行业防鼠防蝇设施合格率≥95%")
VECTOR_STANDARD = (f"{PLAN_SOURCE} §8.2（2026年全面达到国家卫生城市标准）；国家卫生城市标准："
                   "鼠、蚊、蝇、蟑螂密度达到GB/T 27770—27773的C级"
                   "（目标值为等级序号：A=1，B=2，C=3，D=4）")
HEALTHY_CELL_SOURCE = ("商州区健康城市建设规划(2022-2025年) 三(二)1.(7)（健康机关、健康社区、"
                       "健康村庄、健康学校、健康医院、健康企业建设率达到60%）")   # shared/seeds/002
SANITARY_TOWN_SOURCE = ("商州区健康城市建设规划(2022-2025年) 三(二)1.(5)（2025年底卫生镇、"
                        "卫生村建成率达到60%以上）")   # shared/seeds/002
SMOKE_FREE_SOURCE = ("示例数据（虚构目标；依据无烟环境建设“三个100%”：无烟党政机关、"
                     "无烟医疗卫生机构、无烟学校建成率均达到100%，示例城市定于2025年底）")
# (seed 004 §(六) sets the "三个100%" for the end of 2022)
SAMPLE_DISTRICT_SOURCE = "示例数据（虚构的区级目标）"
# NOTE: the plans ask to "列出问题清单，盯死盯牢每项问题，实行销号制" (shared/seeds/004 §六(七))
# without a share; the sample city sets one.
PROBLEM_GOAL_SOURCE = "示例数据（虚构目标；依据“对督导中发现的问题，列出问题清单，实行销号制”）"
# NOTE: the plans name 群众对卫生状况满意率 among the reported indicators (INDICATOR_DEFINITIONS
# §3) but give the sample city neither a baseline nor a goal: both are the sample's own.
SATISFACTION_GOAL_SOURCE = "示例数据（虚构目标；68.4%→92%）"
SATISFACTION_BASELINE_SOURCE = "示例数据（虚构基线；2023年各季度第三方调查）"
# (indicator, stage year, goal, source: a section of PLAN_SOURCE or a whole citation)
CITY_GOALS = (
    ("hw_recycling_rate", 2025, "35%", "§8.2"), ("hw_recycling_rate", 2026, "45%", "§3.2"),
    ("kitchen_waste_resource_utilization_rate", 2025, "40%", "§8.2"),
    ("kitchen_waste_resource_utilization_rate", 2026, "60%", "§3.2"),
    ("sorting_awareness_rate", 2024, "95%", "§8.2"),
    ("sorting_participation_rate", 2024, "80%", "§8.2"),
    # 2025: grid supervision everywhere, 杜绝混装混运
    ("mixed_collection_transport_rate", 2025, "0%", "§5.1"),
    ("residential_sorting_coverage_rate", 2025, "80%", DISTRICT_PLAN_002),
    ("mosq_light_trap_density", 2026, 5, "§3.2"), ("route_index", 2026, 0.8, ROUTE_STANDARD),
    # the 47 汛期积水点 of the 2023 census, all eliminated
    ("waterlogging_cohort_elimination_rate", 2026, "100%", "§3.2"),
    # 2025: 慢性病患者规范管理率提升至80%; 2026: 高血压、糖尿病 80% 和 75%
    ("htn_standardized_management_rate", 2025, "80%", "§5.2"),
    ("htn_standardized_management_rate", 2026, "80%", "§3.3"),
    ("t2dm_standardized_management_rate", 2025, "80%", "§5.2"),
    ("t2dm_standardized_management_rate", 2026, "75%", "§3.3"),
    ("ehr_filing_rate_key_pop", 2024, "85%", "§8.2"),
    ("ehr_filing_rate_key_pop", 2026, "100%", "§3.3"),
    ("ehr_dynamic_update_rate", 2025, "70%", "§8.2"),
    ("ehr_dynamic_update_rate", 2026, "85%", "§3.3"),
    ("family_doctor_contract_rate_key_pop", 2025, "90%", "§5.2"),
    ("health_literacy_level", 2024, "28%", "§8.2"),
    ("health_literacy_level", 2025, "32%", "§8.2, §8.3（2025年6月底前）"),
    ("health_literacy_level", 2026, "35%", "§3.4"),
    ("problem_on_time_closure_rate", 2025, "90%", PROBLEM_GOAL_SOURCE),
    ("problem_on_time_closure_rate", 2026, "95%", PROBLEM_GOAL_SOURCE),
    ("sanitation_satisfaction_rate", 2026, "92%", SATISFACTION_GOAL_SOURCE),
    # 国家卫生城市标准: 重点行业和单位防鼠、防蝇设施合格率 ≥ 95%
    ("antivector_facility_pass_rate_rodent", 2026, "95%", ANTIVECTOR_STANDARD),
    ("antivector_facility_pass_rate_fly", 2026, "95%", ANTIVECTOR_STANDARD),
    ("new_media_use_rate", 2026, "60%", "§3.4"),
    ("smoking_rate_15_69", 2026, "20%", SMOKING_GOAL_SOURCE),
    *((f"vector_control_level_{p}", 2026, 3, VECTOR_STANDARD)
      for p in ("rat", "mosquito", "fly", "cockroach")),
    ("vector_control_pass", 2026, 4, VECTOR_STANDARD),
    *((f"creation_rate_{t}", 2025, "60%", HEALTHY_CELL_SOURCE)
      for t in ("organ", "community", "village", "school", "hospital", "enterprise")),
    *((f"creation_rate_{t}", 2025, "60%", SANITARY_TOWN_SOURCE)
      for t in ("sanitary_village", "sanitary_town")),
    *((f"creation_rate_{t}", 2025, "100%", SMOKE_FREE_SOURCE)
      for t in ("smoke_free_organ", "smoke_free_health", "smoke_free_school")),
)
EARLY_DEADLINES = {("health_literacy_level", 2025): date(2025, 6, 30)}   # 000 §8.3
DISTRICT_GOALS = (
    ("mosq_light_trap_density", "990105", 2026, 6),
    ("hw_recycling_rate", "990105", 2026, "40%"),
    ("mosq_light_trap_density", "990107", 2025, 8),
)
# (indicator, year, value, source)
BASELINES = (
    ("hw_recycling_rate", 2022, 28.3, "§2.1"),
    ("sorting_participation_rate", 2022, 58.3, PROBLEM_CHART),
    ("mixed_collection_transport_rate", 2023, 41.5, PROBLEM_CHART),
    ("mosq_light_trap_density", 2023, 12.3, "§2.1"),
    ("waterlogging_cohort_elimination_rate", 2023, 0, "§2.1（2023年排查汛期积水点47个）"),
    ("htn_standardized_management_rate", 2023, 58.7, "§2.2"),
    ("t2dm_standardized_management_rate", 2023, 61.2, "§2.2"),
    ("ehr_filing_rate_key_pop", 2023, 72.3, "§2.2"),
    ("ehr_dynamic_update_rate", 2023, 38, "§2.2（动态更新率不足40%，取38）"),
    ("health_literacy_level", 2023, 25.4, "§9.2（2026年35%较2023年提升9.6个百分点）"),
    ("sanitation_satisfaction_rate", 2023, 68.4, SATISFACTION_BASELINE_SOURCE),
    ("new_media_use_rate", 2023, 28.7, "§2.3（健康知识获取渠道中新媒体利用率仅28.7%）"),
)


def cite(source: str) -> str:
    """A section of the sample city's plan ('§8.2') becomes 'plan name §8.2'; a whole citation
    is kept as it is."""
    return f"{PLAN_SOURCE} {source}" if source.startswith("§") else source


def write_stage_goals(world: World, out: Path) -> tuple[int, int]:
    rows = []
    for indicator, year, value, source in CITY_GOALS:
        stage, stage_en, deadline = STAGES[year]
        deadline = EARLY_DEADLINES.get((indicator, year), deadline)
        rows.append((indicator, CITY_CODE, stage, stage_en, year, value, deadline, cite(source)))
    for indicator, area, year, value in DISTRICT_GOALS:
        stage, stage_en, deadline = STAGES[year]
        rows.append((indicator, area, stage, stage_en, year, value, deadline,
                     SAMPLE_DISTRICT_SOURCE))
    header = ["指标编码", "区域编码", "阶段名称", "阶段名称（英文）", "年份", "目标值", "截止日期",
              "来源"]
    book = Workbook(out / "阶段目标.xlsx")
    title = f"{CITY_NAME}创建国家卫生城市阶段性目标（2024—2026年）"
    book.sheet("阶段目标", header, rows, title=title, widths=22)
    book.close()
    return 1, len(rows)


def write_baselines(world: World, out: Path) -> tuple[int, int]:
    rows = [(ind, CITY_CODE, year, float(value), cite(source))
            for ind, year, value, source in BASELINES]
    df = pl.DataFrame(rows, schema=["指标编码", "区域编码", "基线年份", "基线值", "来源"],
                      orient="row")
    return 1, write_csv(df, out / "基线.csv")


# The sample city's 考核办法 (template 12): (对象类型, 考核项目, 指标编码 or built-in measure, 权重,
# 计分方法, 生效季度, 截止季度). The sample's own scheme, revised from 2026 (unannounced-check
# problems weigh more, mosquito density less); a city sends its own.
ASSESSMENT_SCHEME = (
    ("区县", "生活垃圾回收利用率", "hw_recycling_rate", 15, "按进度比例", "2024-Q1", ""),
    ("区县", "居民小区分类覆盖率", "residential_sorting_coverage_rate", 10, "达标满分",
     "2024-Q1", ""),
    ("区县", "积水点按期清除", "waterlogging_cohort_elimination_rate", 10, "按进度比例", "2024-Q1",
     ""),
    ("区县", "诱蚊灯蚊密度", "mosq_light_trap_density", 10, "按排名", "2024-Q1", "2025-Q4"),
    ("区县", "诱蚊灯蚊密度", "mosq_light_trap_density", 5, "按排名", "2026-Q1", ""),
    ("区县", "高血压规范管理率", "htn_standardized_management_rate", 10, "按进度比例",
     "2024-Q1", ""),
    ("区县", "督查问题按期销号", "问题按期销号率", 20, "按进度比例", "2024-Q1", ""),
    ("区县", "数据按时上报", "数据按时上报率", 10, "按进度比例", "2024-Q1", ""),
    ("区县", "暗访发现问题", "暗访问题数", 15, "按排名", "2024-Q1", "2025-Q4"),
    ("区县", "暗访发现问题", "暗访问题数", 20, "按排名", "2026-Q1", ""),
    ("街道", "生活垃圾回收利用率", "hw_recycling_rate", 15, "按排名", "2024-Q1", ""),
    ("街道", "高血压规范管理率", "htn_standardized_management_rate", 15, "按进度比例", "2024-Q1",
     ""),
    ("街道", "路径指数", "route_index", 10, "达标满分", "2024-Q1", ""),
    ("街道", "督查问题按期销号", "问题按期销号率", 25, "按进度比例", "2024-Q1", ""),
    ("街道", "数据按时上报", "数据按时上报率", 15, "按进度比例", "2024-Q1", ""),
    ("街道", "暗访发现问题", "暗访问题数", 20, "按排名", "2024-Q1", ""),
    ("部门", "督查问题按期销号", "问题按期销号率", 50, "按进度比例", "2024-Q1", ""),
    ("部门", "数据按时上报", "数据按时上报率", 20, "按进度比例", "2024-Q1", ""),
    ("部门", "暗访发现问题", "暗访问题数", 30, "按排名", "2024-Q1", ""),
)


def write_assessment_scheme(world: World, out: Path) -> tuple[int, int]:
    header = ["考核对象类型", "考核项目", "指标编码", "权重", "计分方法", "生效季度", "截止季度"]
    book = Workbook(out / "季度考核办法.xlsx")
    title = f"{CITY_NAME}创建国家卫生城市工作季度考核办法（评分细则）"
    book.sheet("考核办法", header, list(ASSESSMENT_SCHEME), title=title, widths=18)
    book.close()
    return 1, len(ASSESSMENT_SCHEME)


WRITERS: dict[str, Callable[[World, Path], tuple[int, int]]] = {
    "geography": write_geography, "population": write_population,
    "garbage_monthly": write_garbage_monthly, "garbage_survey": write_garbage_survey,
    "garbage_inspection": write_garbage_inspection, "mosquito_sites": write_mosquito_sites,
    "mosquito_light_trap": write_mosquito_light_trap, "mosquito_route": write_mosquito_route,
    "mosquito_breteau": write_mosquito_breteau, "waterlogging": write_waterlogging,
    "problems": write_problems,
    "health_centres": write_health_centres, "chronic_disease": write_chronic_disease,
    "health_literacy": write_health_literacy,
    "satisfaction_survey": write_satisfaction_survey, "stage_goals": write_stage_goals,
    "baselines": write_baselines, "assessment_scheme": write_assessment_scheme,
    "antivector_facilities": write_antivector_facilities,
    "vector_density": write_vector_density, "creation_units": write_creation_units,
    "creation_base": write_creation_base,
}


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def parse_month(text: str) -> tuple[int, int]:
    try:
        y, m = (int(p) for p in text.split("-"))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM, got {text!r}") from exc
    if not (1 <= m <= 12) or (y, m) < (FIRST_YEAR, 1):
        raise argparse.ArgumentTypeError(f"--end must be a month from {FIRST_YEAR}-01 on")
    return y, m


def generate(out: Path, seed: int, scale: int, end: tuple[int, int]) -> World:
    """Write every source folder under `out` (each folder is replaced) and return the world."""
    started = time.perf_counter()
    world = build_world(seed, scale, end)
    print(f"XX市 sample data: seed {seed}, scale {scale}, {FIRST_YEAR}-01 .. "
          f"{end[0]}-{end[1]:02d} -> {out}")
    files_total = rows_total = 0
    for source in SOURCES:
        t0 = time.perf_counter()
        folder = out / source
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        files, rows = WRITERS[source](world, folder)
        files_total += files
        rows_total += rows
        print(f"  {source:<20} {files:>4} files {rows:>10,} rows {time.perf_counter() - t0:7.2f} s",
              flush=True)
    print(f"done: {files_total} files, {rows_total:,} rows in "
          f"{time.perf_counter() - started:.1f} s")
    print("deliberately bad rows:")
    for bad in world.bad_rows:
        sheet = f" sheet {bad.sheet}" if bad.sheet else ""
        print(f"  {bad.file}{sheet} row {bad.row} [{bad.column}]: {bad.problem}")
    return world


def main(argv: Sequence[str] | None = None) -> None:
    today = date.today()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--scale", type=int, default=1, help="multiplies grids, sites, centres, "
                        "respondents, waterlogging points and inspection problems")
    parser.add_argument("--end", type=parse_month, default=(today.year, today.month),
                        help="last month, YYYY-MM (default: this month)")
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    generate(args.out, args.seed, args.scale, args.end)


if __name__ == "__main__":
    main()
