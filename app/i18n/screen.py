"""Strings of the leadership wall (指挥大屏)."""

STRINGS = {
    "nav.screen": {"zh": "指挥大屏", "en": "Command screen"},
    "screen.title": {"zh": "{city}创建国家卫生城市 · 指挥大屏",
                     "en": "{city} National Sanitary City campaign · command screen"},
    "screen.sub": {"zh": "统计截至 {date} · 数据版本 v{v} · 新数据发布后自动刷新",
                   "en": "As of {date} · data version v{v} · refreshes itself when data are "
                         "published"},
    "screen.focus": {"zh": "{city}{district}", "en": "{city} · {district}"},
    "screen.headlines": {"zh": "核心指标", "en": "Headline indicators"},
    "screen.districts": {"zh": "各区县指标状态（项）", "en": "Indicator statuses by district"},
    "screen.map": {"zh": "网格状态（红：超期积水点、超标监测点或逾期问题；黄：有未销号积水点"
                         "或问题）",
                   "en": "Grid cells (red: overdue point, site over the alert or overdue problem; "
                         "amber: an open point or problem)"},
    "screen.waterlogging": {"zh": "本周积水点", "en": "Waterlogging this week"},
    "screen.w_found": {"zh": "新发现", "en": "Found"},
    "screen.w_eliminated": {"zh": "销号", "en": "Eliminated"},
    "screen.w_open": {"zh": "未销号", "en": "Open"},
    "screen.w_stale": {"zh": "超过{days}天未销号", "en": "Open over {days} days"},
    "screen.problems": {"zh": "督查问题", "en": "Inspection problems"},
    "screen.p_found": {"zh": "本周新发现", "en": "Found this week"},
    "screen.p_closed": {"zh": "本周销号", "en": "Closed this week"},
    "screen.p_open": {"zh": "未销号", "en": "Open"},
    "screen.p_overdue": {"zh": "其中逾期", "en": "of which overdue"},
    "screen.ends": {"zh": "数据最新到", "en": "Data reach"},
}
