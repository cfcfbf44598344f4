"""The ledger rule and its vocabulary, in one place (the 积水点台账 today; the 督查问题台账 next).

A ledger holds one row per item (a waterlogging point, a problem), re-sent whole: the latest row
of an item wins and the replaced one goes to history. An item is **closed on a date** when its
status is 已销号 and its 销号日期 is on or before that date; otherwise it is **open** then. The
ledger **reaches** its latest found or closed date: nothing after it is known, so "days open" and
"overdue" are counted at most to that date. The SQL side of the rule is the macros
`ledger_closed_on`, `ledger_is_closed`, `ledger_reach` (warehouse/sql/macros.sql); the words
below are what the templates accept and what pages show.
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
