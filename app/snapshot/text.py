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
CLI_START = "周调度简报 {week}{district}，仓库 {wdir}"
CLI_DISTRICT = " 区县 {d}"
CLI_ERROR = "无法生成周报：{error}"
CLI_WROTE = "写出 {file}"
CLI_DONE = "完成：{title}{issue}，数据版本 v{version}"
FILE_STEM = "周调度简报_{key}"
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
