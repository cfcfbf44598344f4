"""The ledger rule and its vocabulary, in one place (the 积水点台账 and the 督查问题台账).

A ledger holds one row per item (a waterlogging point, a problem), re-sent whole: the latest row
of an item wins and the replaced one goes to history. An item is **closed on a date** when its
status is 已销号 and its 销号日期 is on or before that date; otherwise it is **open** then. The
ledger **reaches** its latest found or closed date: nothing after it is known, so "days open" and
"overdue" are counted at most to that date. The SQL side of the rule is the macros
`ledger_closed_on`, `ledger_is_closed`, `ledger_reach` (warehouse/sql/macros.sql); the words
below are what the templates accept and what pages show. A problem is **overdue on a date** when it
is open then and its 整改时限 is before that date (macro `ledger_is_overdue`).
"""

from __future__ import annotations

CLOSED = "已销号"          # the one closing status: it needs a 销号日期
OPEN_THEN = "未销号"       # display only: open on the chosen date, closed later

# 积水点台账 (TEMPLATES §4)
WATERLOGGING_STATUSES = ("未整改", "整改中", CLOSED, "复发")
WATERLOGGING_STATUS_ALIASES = {"销号": CLOSED, "已整改": CLOSED, "待整改": "未整改"}
WATERLOGGING_CLASSES = ("孳生积水", "易涝积水")
BREEDING = WATERLOGGING_CLASSES[0]
WATERLOGGING_TYPES = ("绿化带", "地下车库", "建筑工地", "道路低洼", "废弃容器", "轮胎", "下水道口",
                      "景观池", "楼顶", "其他")
WATERLOGGING_FOUND_BY = ("日常巡查", "疾控调查", "12345热线", "群众举报", "暗访")

# The map's point states on a date: the ledger statuses of open points, "open then", closed.
POINT_STATES = ("未整改", "整改中", "复发", OPEN_THEN, CLOSED)
OPEN_STATES = POINT_STATES[:4]

# 督查问题台账 (TEMPLATES §8). 待复核 = rectified, awaiting the office's review: still open.
PROBLEM_CATEGORIES = ("环境卫生", "垃圾分类", "病媒生物", "农贸市场", "背街小巷", "“三小”场所",
                      "控烟", "公共厕所", "食品安全", "其他")
PROBLEM_CATEGORY_ALIASES = {'"三小"场所': "“三小”场所", "三小场所": "“三小”场所",
                            "其它": "其他"}
PROBLEM_FOUND_BY = ("日常巡查", "督导检查", "暗访", "第三方评估", "省级暗访", "国家暗访",
                    "12345热线", "群众举报")
PROBLEM_FOUND_BY_ALIASES = {"12345": "12345热线", "市民热线": "12345热线",
                            "第三方": "第三方评估"}
PROBLEM_STATUSES = ("未整改", "整改中", "待复核", CLOSED, "复发")
PROBLEM_STATUS_ALIASES = {"销号": CLOSED, "已整改待复核": "待复核", "待整改": "未整改"}
# A waterlogging point counted in the problem list (setting HC_PROBLEMS_INCLUDE_WATERLOGGING)
# is a problem of this category.
WATERLOGGING_CATEGORY = "病媒生物"
NO_UNIT = "（未填写责任单位）"     # a waterlogging point without a 责任单位, in the problem list


def problem_items_sql() -> str:
    """SQL of problem_items: every problem the problem measures, pages and briefings count — the
    督查问题台账's rows and, with HC_PROBLEMS_INCLUDE_WATERLOGGING=yes, the waterlogging points
    (类别 病媒生物, 整改时限 = found + HC_PROBLEMS_WATERLOGGING_DAYS days), each once: a point the
    problem ledger already lists under its own number is not added again."""
    from warehouse import settings
    from warehouse.paths import SQL_DIR

    text = (SQL_DIR / "problem_items.sql").read_text(encoding="utf-8")
    include = settings.get("HC_PROBLEMS_INCLUDE_WATERLOGGING") == "yes"
    days = int(settings.get("HC_PROBLEMS_WATERLOGGING_DAYS"))
    return (text.replace("{{include_waterlogging}}", "true" if include else "false")
            .replace("{{waterlogging_days}}", str(days))
            .replace("{{category}}", WATERLOGGING_CATEGORY).replace("{{no_unit}}", NO_UNIT))


def settings_key() -> str:
    """What of the settings the problem list depends on (part of the derivation fingerprint)."""
    from warehouse import settings

    return (f"{settings.get('HC_PROBLEMS_INCLUDE_WATERLOGGING')}|"
            f"{settings.get('HC_PROBLEMS_WATERLOGGING_DAYS')}")
