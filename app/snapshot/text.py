"""The briefing's own words. The printed briefing is a Chinese document (周调度简报) whatever the
UI language, so its texts live here rather than in app/i18n (which holds the page's UI strings)."""

from __future__ import annotations

# Requests that cannot be met (a plain-words message, exit code 2 on the command line)
EMPTY_WAREHOUSE = "仓库是空的：还没有任何数据入库。请先运行 python -m etl load 数据文件夹。"
NO_GEOGRAPHY = ("仓库里还没有行政区划（城市、区县、街道、网格）。请先导入区划 GeoJSON 文件，"
                "再重新导入其他数据。")
NO_SUCH_DISTRICT = "没有编码为 {district} 的区县。可选：{known}。"
BAD_WEEK = "周次“{week}”格式不对：请写成 2025-W32（ISO 年-W周）。"
NO_SUCH_WEEK = "{year} 年没有第 {num} 周（ISO 周为 1–52 或 53）。"
NO_WEEKLY_DATA = "仓库中没有任何周度数据，无法生成周报。"
OUT_OF_RANGE = ("{week}（{monday} 至 {sunday}）不在数据范围内：仓库中的周度数据从 {first_week}（"
                "{first}）"
                "到 {last_week}（{last}）。")
# The command line and the files
CLI_DISTRICT = " 区县 {d}"
CLI_ERROR = "无法生成{kind}：{error}"
CLI_WROTE = "写出 {file}"
CLI_DONE = "完成：{title}{issue}，数据版本 v{version}"
# Progress lines while a briefing is built
PROGRESS_STATUS = "指标状态（本周末、上周末、上月同日）"
PROGRESS_WATERLOGGING = "积水点"
PROGRESS_MOSQUITO = "蚊虫监测"
PROGRESS_PROBLEMS = "督查问题"
PROGRESS_RANKING = "区县排名"
PROGRESS_CHARTS = "趋势图数据"
PROGRESS_PNG = "图表 {n} 张"
PROGRESS_PDF = "PDF 简报"
# Gaps and changes of rates (the number format of those XLSX cells says it too)
POINTS = "个百分点"
CHART_LABELS = {"actual": "实际值", "goal": "阶段目标", "glide": "进度线", "period": "时间",
                "value": "数值", "stage": "阶段", "deadline": "期限"}

TITLE = "《{city}创建国家卫生城市工作周调度简报》"
TITLE_DISTRICT = "《{city}{district}创建国家卫生城市工作周调度简报》"
ISSUE = "{year}年第{week}期（第{week}周：{monday} 至 {sunday}）"
ISSUE_RULE = ("期号按 ISO 周编号：{year} 年第 {week} 周即第 {week} 期；统计口径截至 {sunday}（"
              "周日）"
              "。")
ORG = "{city}爱国卫生运动委员会办公室（创卫办）"
DATE_LINE = "{d.year}年{d.month}月{d.day}日"

SECTIONS = {
    "overview": "一、本周概况",
    "indicators": "二、指标进度表",
    "waterlogging": "三、积水点",
    "mosquito": "四、蚊虫监测",
    "problems": "五、督查问题整改",
    "ranking": "六、区县排名",
    "charts": "七、核心指标趋势",
}
SHEETS = {
    "overview": "1 本周概况",
    "due": "1b 近期到期",
    "indicators": "2 指标进度",
    "waterlogging": "3 积水点",
    "sites": "4a 超标监测点",
    "mosquito": "4b 蚊媒密度",
    "problems": "5 督查问题",
    "problems_oldest": "5b 久拖未改问题",
    "ranking": "6 区县排名",
}

COUNTS = ("截至本周末（{sunday}），{area}纳入考核的 {total} 项指标中：达标 {on} 项、预警 {risk} "
          "项、"
          "落后 {off} 项{rest}。")
COUNTS_REST = "、数据不全 {inc} 项、暂无数据 {nodata} 项"
NEW_PERIODS = "本周首次纳入新一期数据：{items}。"
NEW_ITEM = "{name} {period} {value}{prev}{status}"
NEW_PREV = "（上一期 {period} {value}）"
NEW_NO_PREV = "（此前无数据）"
REVISIONS = "数据修订（同一统计期较上周所见有变化）：{items}。"
REVISED_ITEM = "{name} {period} 由 {old} 修订为 {new}{status}"
STATUS_MOVE = "，状态{old}→{new}"
NO_CHANGES = ("与上周相比，没有新一期数据纳入，也没有数据修订（月度、季度、"
              "年度指标要到统计期结束后才纳入）。")
BASIS_NONE = "无可比数据"
BASIS_SAME = "同一统计期，无变化"
BASIS_REVISED = "{period}数据修订"
BASIS_NEW = "{new}较{old}"
CHANGE_NONE = "无变化"
CHANGE_REVISED = "修订 {delta}"
CHANGE_NEW = "{pair}\n{delta}"
OVERDUE = "逾期未达标"
DUE = "未来 {weeks} 周内到期事项：{items}。"
DUE_NONE = ("未来 {weeks} 周内没有阶段目标或工作节点到期；下一个阶段目标期限为 {next}（{stage}，"
            "{n} "
            "项指标）。")
DUE_NONE_AT_ALL = "未来 {weeks} 周内没有阶段目标或工作节点到期。"
OFF_LIST = "处于落后状态的指标：{items}。"
WEEK_LINE = "本周{parts}。"
WEEK_WATERLOGGING = ("积水点新发现 {found} 处、销号 {eliminated} 处，周末未销号 {open} 处（"
                     "其中{stale} {n_stale} 处）")
WEEK_NO_LEDGER = "积水点台账本周无数据"
WEEK_DENSITY = "{area}诱蚊灯密度 {density:.2f} 只/(灯·夜)"
WEEK_DENSITY_LY = "（去年同周 {ly:.2f}）"
WEEK_DENSITY_NO_LY = "（去年同周无数据）"
WEEK_NO_TRAPS = "本周无诱蚊灯监测数据"
WEEK_SITES = "近 4 周 {n} 个监测点超过预警规则"
LAST_YEAR_WEEK = "去年同周 = {week}（{monday} 起）。"
RANKING_MINE = "本区：{district}。"
DUE_KIND_GOAL = "阶段目标"
DUE_KIND_MILESTONE = "工作节点"
DUE_GOAL_ITEM = "{stage}阶段目标到期：{names}"
MOSQ_TABLE = "（一）蚊媒密度与路径指数（本周）"
SITES_TABLE = "（二）超过预警规则的监测点（近 4 周，共 {n} 个）"
SITES_TOP = "按近 4 周密度从高到低列出前 {top} 个；全部 {n} 个见 XLSX“{sheet}”工作表。"
NO_WEEK_DATA = ("注意：仓库中没有本周（{monday} 至 {sunday}）的任何周度数据（诱蚊灯、路径法、"
                "积水点台账），"
                "以下周度内容空缺，不代表数值为零。")
LEDGER_PARTIAL = ("积水点台账最新日期为 {latest}，本周 {missing} 起的情况尚未上报，以下数字只计到 "
                  "{latest}。")
LEDGER_NONE = "积水点台账最新日期为 {latest}，本周没有积水点台账数据（不代表没有积水点）。"
# 督查问题 (the problem ledger) of the week
PROBLEMS_LEAD = ("本周新发现问题 {found_week} 个、销号 {closed_week} 个；截至本周末未销号 "
                 "{open} 个，其中逾期 {overdue} 个，涉及 {units} 个责任单位。")
PROBLEMS_PARTIAL = ("督查问题台账最新日期为 {latest}，此后的情况尚未上报，以下数字只计到 "
                    "{latest}。")
PROBLEMS_NONE = "督查问题台账最新日期为 {latest}，本周没有问题台账数据（不代表没有问题）。"
PROBLEMS_TABLE = "各责任单位问题整改情况（逾期多的在前）："
PROBLEMS_UNITS_N = 15
PROBLEMS_UNITS_TOP = "以上为逾期最多的 {top} 个单位（共 {n} 个），全部见 XLSX 工作表“{sheet}”。"
PROBLEMS_OLDEST_TABLE = "久拖未改问题（逾期的在前，按未销号天数排序）："
PROBLEMS_OLDEST_N = 10
PROBLEMS_OLDEST_NOTE = ("列出截至本周末未销号时间最长的 {n} 个问题；天数只计到问题台账的最新日期。"
                        "各单位督办单可在“问题台账”页下载。")
PROBLEM_COLS = {"unit": "责任单位", "found": "本周新发现", "closed": "本周销号", "open": "未销号",
                "overdue": "其中逾期", "most_overdue": "最长逾期天数", "id": "问题编号",
                "category": "类别", "description": "问题描述", "district": "区县",
                "found_date": "发现日期", "deadline": "整改时限", "days_open": "未销号天数",
                "days_overdue": "逾期天数"}
MOSQ_NONE = "本周没有诱蚊灯或路径法监测数据（不代表密度为零）。"
SITES_NONE = "近 4 周没有监测点超过预警规则。"
SITES_RULE_GOAL = "预警规则：监测点近 4 周诱蚊灯密度高于全市阶段目标 {goal}（{stage}）。"
SITES_RULE_BASE = "预警规则：监测点近 4 周诱蚊灯密度高于本点往年同月密度的 {k} 倍。"
SITES_RULE_NO_GOAL = ("预警规则：监测点近 4 周诱蚊灯密度高于全市阶段目标；"
                      "全市尚无该指标的阶段目标，"
                      "本周无预警。")
ROUTE_RULE = "路径指数等级：A ≤0.1，B ≤0.5，C ≤0.8（国家卫生城市达标线），D >0.8；单位 处/km。"
RANKING_RULE = ("得分 = 各领域指标“从基线到阶段目标的完成进度”（当前值−基线）/（目标−基线）的平均，"
                "再对领域取平均；"
                "1.00 表示已达到目标。名次变化与上周末相比。")
INDICATOR_RULE = ("状态规则：只计入到本周日已结束的统计期（月、季、年；监测季、"
                  "调查年按登记的结束日），此后到达的数据不改变本期简报。"
                  "达标 = 达到或好于进度线（基线到阶段目标的直线；越低越好的指标以低于为好）；"
                  "预警 = 落后于进度线，但按近期趋势到期时可在容差内接近目标；落后 = 其余；"
                  "期限所在统计期的数据一旦完整，即以该值对照目标，期限已过仍未达到为“逾期未达标”；"
                  "数据不全 = 上报单位不足应报的 {share:.0%}。差距 = 距阶段目标还差多少，"
                  "比率以百分点计。"
                  "较上周、较上月：同一统计期则为修订（通常无变化）；"
                  "纳入了新一期数据则写明两期的比较。")
CHARTS_NOTE = "图中实线为实际值，红色横线为各阶段目标，灰色虚线为进度线；数据截至 {sunday}。"
FOOTER = "数据版本 v{version} · 最后入库 {published} · 统计截至 {sunday}"
PAGE = "第 {page} / {pages} 页"
TOTAL = "合计"
MOVE_UP = "↑{n}"
MOVE_DOWN = "↓{n}"
MOVE_SAME = "—"

COLS = {
    "domain": "领域", "indicator": "指标", "unit": "单位", "period": "数据期", "value": "最新值",
    "goal": "阶段目标", "deadline": "目标期限", "gap": "差距", "gap_unit": "差距单位",
    "status": "状态", "overdue": "逾期", "why": "说明", "projection": "预计",
    "d_week": "较上周", "basis_week": "较上周比较的是", "d_month": "较上月",
    "basis_month": "较上月比较的是", "area": "区域", "found": "本周新发现",
    "eliminated": "本周销号", "open": "周末未销号", "stale": "未销号超过{days}天", "site": "监测点",
    "site_code": "监测点编码", "habitat": "生境", "district": "区县", "density4": "近4周密度",
    "baseline_density": "往年同月密度", "last_survey": "最近监测日",
    "density": "本周诱蚊灯密度", "density_ly": "去年同周密度", "density_change": "同比变化",
    "route": "路径指数", "grade": "等级", "reported": "上报/应报街道", "rank": "名次",
    "rank_last": "上周名次", "move": "名次变化", "score": "综合得分", "item": "事项",
    "date": "日期",
    "kind": "类别", "line": "内容",
}

# 督办单 (supervision notice)
SUP_TITLE = "督办单"
SUP_SERIAL = "督办〔{year}〕第{week}-{index:02d}号"
SUP_TO = "致：{unit}"
SUP_LEAD = ("截至 {date}，督查问题台账中你单位尚有未销号问题 {open} 项，其中已超过整改时限 "
            "{overdue} 项，最早发现的问题已 {oldest} 天未销号。")
SUP_LEAD_NONE_OVERDUE = ("截至 {date}，督查问题台账中你单位尚有未销号问题 {open} 项，均未超过整改"
                         "时限，最早发现的问题已 {oldest} 天未销号。")
SUP_ASK = ("请于收到本督办单后 {days} 个工作日内完成整改并反馈整改情况；逾期未整改的问题将在月通报"
           "中通报。")
SUP_NONE = ("截至 {date}，督查问题台账中你单位没有未销号的问题。请继续做好日常巡查，巩固整改成效，"
            "发现问题及时整改。")
SUP_ON_TIME = "今年按期销号 {on}/{total} 项（{share:.1%}）。"
SUP_ON_TIME_NONE = "今年尚无销号问题。"
SUP_TABLE = "未销号问题清单（逾期的在前，按逾期天数、已发现天数从多到少排列）"
SUP_MORE = "另有 {n} 项未列出，详见附表（XLSX）。"
SUP_TABLE_NOTE = "逾期天数：统计截至日已超过整改时限的天数，“—”表示未逾期。"
SUP_FOOTER = "数据截至 {date}，依据督查问题台账 · {serial}"
SUP_COLS = {
    "problem_id": "问题编号", "category": "类别", "description": "问题描述",
    "place": "街道/网格", "street_name": "街道", "grid_name": "网格", "found_date": "发现日期",
    "found_by": "发现来源", "deadline": "整改时限", "status": "状态",
    "days_open": "已发现天数", "overdue": "是否逾期", "days_overdue": "逾期天数",
}
SUP_YES = "是"
SUP_NO = "否"
SUP_SHEET_SUMMARY = "汇总"
SUP_SUMMARY_COLS = {
    "unit": "责任单位", "serial": "督办编号", "open": "未销号问题", "overdue": "其中逾期",
    "oldest": "最长未销号天数", "closed_on_time": "今年按期销号", "closed_total": "今年销号",
    "on_time_share": "按期销号率", "sheet": "明细工作表",
}
SUP_XLSX_TITLE = "督办单汇总 {date}"
SUP_XLSX_NOTE = ("统计截至 {date}，依据督查问题台账。逾期 = 统计截至日已超过整改时限仍未销号；"
                 "已发现天数 = 自发现日期起的天数。")
SUP_XLSX_UNIT_NOTE = "{unit} · {serial}"
SUP_FILE_PDF = "督办单_{unit}_{date:%Y%m%d}.pdf"
SUP_FILE_XLSX = "督办单汇总_{date:%Y%m%d}.xlsx"

# -- Any period's briefing: the weekly words said of a month or a quarter
BAD_MONTH = "月份“{period}”格式不对：请写成 2026-10（年-月）。"
BAD_QUARTER = "季度“{period}”格式不对：请写成 2026-Q3（年-Q季度）。"
BAD_PERIOD = "统计期“{period}”格式不对：周写成 2026-W47，月写成 2026-10，季度写成 2026-Q3。"
NO_MONTHLY_DATA = "仓库中没有任何月度数据，无法生成{kind}。"
OUT_OF_RANGE_PERIOD = ("{key}（{start} 至 {end}）不在数据范围内：仓库中的月度数据从 {first} 到 "
                       "{last}。")
KIND_NAME = {"week": "周调度简报", "month": "月度通报", "quarter": "季度考核通报"}
# The weekly texts' words for "this week", "last week" as a month's or a quarter's.
PERIOD_WORDS = {
    "week": {},
    "month": {"本周末": "本月末", "本周日": "本月末", "本周": "本月", "上周末": "上月末",
              "上周": "上月", "周末": "月末", "上月同日": "去年同月末"},
    "quarter": {"本周末": "本季度末", "本周日": "本季度末", "本周": "本季度",
                "上周末": "上季度末", "上周": "上季度", "周末": "季度末",
                "上月同日": "去年同季度末"},
}


def reword(text: str, kind: str) -> str:
    """A weekly sentence said of a month or a quarter (本周 → 本月 …)."""
    for a, b in PERIOD_WORDS[kind].items():
        text = text.replace(a, b)
    return text


TITLE_KIND = {"month": "《{city}{district}创建国家卫生城市工作月度通报》",
              "quarter": "《{city}{district}创建国家卫生城市工作季度考核通报》"}
ISSUE_KIND = {"month": "{year}年第{number}期（{year}年{number}月：{start} 至 {end}）",
              "quarter": "{year}年第{number}期（{year}年第{number}季度：{start} 至 {end}）"}
ISSUE_RULE_KIND = {
    "month": "期号按月编号：{year} 年 {number} 月即第 {number} 期；统计口径截至 {end}（月末）。",
    "quarter": ("期号按季度编号：{year} 年第 {number} 季度即第 {number} 期；统计口径截至 {end}"
                "（季度末）。"),
}
FILE_STEM_KIND = {"week": "周调度简报_{key}", "month": "月度通报_{key}",
                  "quarter": "季度考核通报_{key}"}
CLI_START_KIND = "{kind} {key}{district}，仓库 {wdir}"
PROGRESS_STATUS_KIND = {"month": "指标状态（本月末、上月末、去年同月末）",
                        "quarter": "指标状态（本季度末、上季度末、去年同季度末）"}
PROGRESS_STREETS = "街道排名"
PROGRESS_REPORTING = "数据报送"
PROGRESS_ASSESSMENT = "季度考核得分"
# Headings of a month's and a quarter's briefing: (heading, the sections printed under it)
LAYOUT = {
    "month": (("一、本月概况", ("due", "milestones")),
              ("二、指标进度表", ("indicators",)),
              ("三、区县排名", ("ranking", "street_ranking")),
              ("四、表扬与通报批评", ("praise",)),
              ("五、督查问题整改", ("problems", "problems_oldest", "unit_closure")),
              ("六、积水点", ("waterlogging",)),
              ("七、数据报送", ("reporting", "reporting_late"))),
    "quarter": (("一、本季度概况", ("due", "milestones")),
                ("二、指标进度表", ("indicators",)),
                ("三、季度考核得分", ("assess_district", "assess_street", "assess_department",
                                     "assess_items", "scheme")),
                ("四、督查问题整改", ("problems", "problems_oldest", "unit_closure")),
                ("五、数据报送", ("reporting", "reporting_late"))),
}
CHARTS_HEADING = {"month": "八、核心指标趋势", "quarter": "六、核心指标趋势"}
SHEETS.update({
    "milestones": "1c 到期与逾期事项", "street_ranking": "3b 街道排名",
    "praise": "4 表扬与通报批评", "unit_closure": "5c 责任单位按期销号",
    "reporting": "7 部门按时上报", "reporting_late": "7b 迟报缺报明细",
    "assess_district": "3 区县考核得分", "assess_street": "3b 街道考核得分",
    "assess_department": "3c 部门考核得分", "assess_items": "3d 考核明细",
    "scheme": "3e 考核办法",
})
KIND_SHEETS = {
    "month": {"ranking": "3 区县排名", "waterlogging": "6 积水点"},
    "quarter": {"problems": "4 督查问题", "problems_oldest": "4b 久拖未改问题",
                "unit_closure": "4c 责任单位按期销号", "reporting": "5 部门按时上报",
                "reporting_late": "5b 迟报缺报明细"},
}


def sheet(key: str, kind: str) -> str:
    """A section's XLSX sheet in a briefing of `kind` (numbered like its printed heading)."""
    return reword(KIND_SHEETS.get(kind, {}).get(key) or SHEETS[key], kind)
# Table captions (printed before a section's table) and the "more in the XLSX" note
CAPTIONS = {
    "street_ranking": "各区县内街道排名（同一评比规则，区内排名）：",
    "unit_closure": "责任单位按期销号率排名（{period}）：",
    "reporting_late": "迟报、缺报明细：",
    "assess_district": "（一）区县得分",
    "assess_street": "（二）街道得分（全市名次）",
    "assess_department": "（三）部门得分",
    "assess_items": "（四）各项得分明细",
    "scheme": "（五）本季度执行的考核办法",
}
MORE_ROWS = "以上列出前 {top} 行（共 {n} 行），全部见 XLSX 工作表“{sheet}”。"
COLS.update({
    "street": "街道", "d_quarter": "较上季", "basis_quarter": "较上季比较的是",
    "d_year": "较去年同期",
    "basis_year": "较去年同期比较的是", "rank_prev": "上期名次", "history": "近三期名次",
    "rank_city": "全市名次", "domains": "参评领域数", "category": "类别", "object": "对象",
    "name": "名称", "basis": "依据", "department": "部门", "template": "报表",
    "period_due": "统计期", "due": "应报", "on_time": "已报", "rate": "上报率",
    "missing": "未报单位", "unit_name": "未报单位", "due_on": "截止日",
    "unit": "责任单位", "on_time_rate": "按期销号率", "closed_on_time": "按期销号",
    "closed": "销号", "object_type": "对象类型", "item": "考核项目", "measure": "指标或考核项",
    "method": "计分方法", "weight": "权重", "target": "目标", "start": "起点",
    "points": "得分", "note": "说明", "prev_score": "上季得分", "change": "较上季",
    "prev_rank": "上季名次", "last_twice": "连续两季末位", "effective_from": "生效季度",
    "effective_until": "截止季度", "score_total": "考核得分", "situation": "情况",
})
MILESTONE_DUE = "本期到期"
MILESTONE_MET = "已达标"
MILESTONE_MISSED = "逾期未达标"
MILESTONE_WAIT = "期限所在统计期数据未齐"
MILESTONES_NONE = "本期没有到期的阶段目标或工作节点，也没有逾期未达标的指标。"
PRAISE = "表扬"
CRITICISE = "通报批评"
PRAISE_STREET = "综合得分全市第 {rank} 名（{score:.2f}）"
CRITICISE_STREET = "综合得分全市倒数第 {k} 名（{score:.2f}）"
CRITICISE_UNIT = "截至期末逾期未整改问题 {n} 个（最长逾期 {days} 天）"
PRAISE_RULE = ("表扬与通报批评规则：按评比得分表扬全市前 {n} 名街道、通报批评倒数 {n} 名街道；"
               "截至期末逾期未整改问题达到 {overdue} 个的责任单位通报批评。")
PRAISE_NONE = "本期没有符合表扬或通报批评规则的对象。"
OBJECT_STREET = "街道"
OBJECT_UNIT = "责任单位"
REPORTING_RULE = ("报送规则：周期性报表在统计期结束后 {days} 天内报送；本期截止的报表中，"
                  "已在仓库中的即为已报（迟于截止日补报的，补报后计为已报）。"
                  "上报率 = 已报份数 / 应报份数（按单位、期次合计）。")
REPORTING_NONE = "本期没有截止的周期性报表。"
REPORTING_ALL = "本期截止的报表 {due} 份，全部已报。"
REPORTING_LEAD = "本期截止的报表 {due} 份，已报 {on_time} 份，上报率 {rate:.1f}%；未报 {late} 份。"
STREET_RANKING_NOTE = "街道名次为区县内名次；名次变化与上期末相比。"
HISTORY_ITEM = "{label} {rank}"
PERIOD_SHORT = {"week": "{key}", "month": "{number}月", "quarter": "{year}Q{number}"}
RANKING_RULE_PERIOD = RANKING_RULE.replace("名次变化与上周末相比。", "名次变化与上期末相比。")
ASSESS_LEAD = ("本季度考核（{scheme_n} 项考核内容，依据考核办法）：区县第一名 {top}（"
               "{top_score:.2f} 分），末位 {bottom}（{bottom_score:.2f} 分）。")
ASSESS_LAST_TWICE = "连续两个季度末位：{names}。"
ASSESS_NONE = ("仓库中没有本季度执行的考核办法（模板 12 考核办法），无法计算考核得分；"
               "请在“数据导入”页导入考核办法。")
ASSESS_RULE = ("计分规则：达标满分 = 达到目标（指标为进度线，即基线到阶段目标的直线在本期的值）"
               "得满分，否则 0 分；"
               "按进度比例 = 权重 ×（数值 − 起点）/（目标 − 起点），限于 0 到满分；"
               "按排名 = 第一名满分、末名 0 分、其间按名次等差；缺数据的项目得 0 分；"
               "不适用的项目不计，得分按适用项目的权重折算为满分。")
ASSESS_NOT_SCORED = "无适用考核项，不计分"
YES = "是"
