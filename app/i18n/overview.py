"""Strings of the overview page (一屏统览) and the plain-language summaries."""

STRINGS = {
    "overview.title": {"zh": "创卫与健康城市建设 · 一屏统览",
                       "en": "Sanitary City & Healthy City · at a glance"},
    "overview.headlines": {"zh": "核心指标", "en": "Headline indicators"},
    "overview.exceptions_none": {"zh": "目前没有落后的指标。", "en": "Nothing is off track."},
    "overview.exceptions_help": {
        "zh": "处于“落后”状态的指标（含区县自定目标），组内按严重程度排序：逾期未达标在前，"
            "其余按差距占"
              "“基线到目标”距离的比例；差距的单位同指标，比率指标以百分点计。"
              "点击“查看”打开该指标页面。",
        "en": "Indicators off track (districts' own goals included), most severe first within "
              "each group: past their deadline first, then by the gap as a share of the "
              "baseline-to-goal distance; gaps are in the indicator's unit, rates in "
              "percentage points. “Open” goes to the indicator's page."},
    "overview.ranking": {"zh": "区县评比", "en": "District ranking"},
    "overview.ranking_help": {
        "zh": "得分 = 各指标“从基线到阶段目标的完成进度”（当前值−基线）/（目标−基线）的平均；"
              "1.0 表示已达到目标。",
        "en": "Score = mean progress from baseline to stage goal, (value − baseline) / (goal − "
              "baseline), over the domain's indicators; 1.0 means the goal is reached."},
    "overview.overall": {"zh": "综合", "en": "Overall"},
    "overview.rank": {"zh": "名次", "en": "Rank"},
    "overview.district": {"zh": "区县", "en": "District"},
    "overview.group_by": {"zh": "落后清单分组", "en": "Group the off-track list by"},
    "overview.group.domain": {"zh": "按领域", "en": "By domain"},
    "overview.group.district": {"zh": "按区域", "en": "By area"},
    "overview.scope_city": {"zh": "全市及各区县", "en": "the city and every district"},
    "overview.scope_district": {"zh": "{area}", "en": "{area}"},
    "overview.scope_city_and": {"zh": "全市及{district}", "en": "the city and {district}"},
    "overview.exceptions_n": {"zh": "落后清单：{scope}共 {n} 项（其中逾期未达标 {overdue} 项）",
                              "en": "Off-track list: {n} in {scope} ({overdue} past their "
                                    "deadline)"},
    "overview.open": {"zh": "查看 →", "en": "Open →"},
    "overview.col.group": {"zh": "分组", "en": "Group"},
    "overview.col.indicator": {"zh": "指标", "en": "Indicator"},
    "overview.col.area": {"zh": "区域", "en": "Area"},
    "overview.col.value": {"zh": "数值（统计期）", "en": "Value (period)"},
    "overview.col.goal": {"zh": "阶段目标（期限）", "en": "Stage goal (deadline)"},
    "overview.col.gap": {"zh": "差距", "en": "Gap"},
    "overview.col.glide": {"zh": "进度线", "en": "Glide path"},
    "overview.col.projection": {"zh": "预计", "en": "Projection"},
    "overview.col.state": {"zh": "情况", "en": "Why"},
    "overview.col.link": {"zh": "指标页", "en": "Page"},
    "overview.count": {"zh": "{area}：达标 {on} · 预警 {risk} · 落后 {off} · 数据不全 {inc}",
                       "en": "{area}: on track {on} · at risk {risk} · off track {off} · "
                             "incomplete {inc}"},
}
