"""Strings of the overview page (一屏统览) and the plain-language summaries."""

STRINGS = {
    "overview.title": {"zh": "创卫与健康城市建设 · 一屏统览",
                       "en": "Sanitary City & Healthy City · at a glance"},
    "overview.as_of": {"zh": "截至 {date}", "en": "As of {date}"},
    "overview.headlines": {"zh": "核心指标", "en": "Headline indicators"},
    "overview.exceptions": {"zh": "落后清单", "en": "Off-track list"},
    "overview.exceptions_none": {"zh": "目前没有落后的指标。", "en": "Nothing is off track."},
    "overview.exceptions_help": {
        "zh": "全市及各区县所有处于“落后”状态的指标（含区县自定目标）。",
        "en": "Every indicator off track in the city or a district (districts' own goals "
              "included)."},
    "overview.ranking": {"zh": "区县评比", "en": "District ranking"},
    "overview.ranking_help": {
        "zh": "得分 = 各指标“从基线到阶段目标的完成进度”（当前值−基线）/（目标−基线）的平均；"
              "1.0 表示已达到目标。",
        "en": "Score = mean progress from baseline to stage goal, (value − baseline) / (goal − "
              "baseline), over the domain's indicators; 1.0 means the goal is reached."},
    "overview.overall": {"zh": "综合", "en": "Overall"},
    "overview.rank": {"zh": "名次", "en": "Rank"},
    "overview.score": {"zh": "得分", "en": "Score"},
    "overview.district": {"zh": "区县", "en": "District"},
    "overview.tile_period": {"zh": "{period}", "en": "{period}"},
    "overview.tile_goal": {"zh": "阶段目标 {goal}（{stage}，{deadline}）",
                           "en": "Goal {goal} ({stage}, by {deadline})"},
    "overview.tile_gap": {"zh": "距目标 {gap}", "en": "Gap {gap}"},
    "overview.tile_projection": {"zh": "按当前趋势 {deadline} 预计 {projection}",
                                 "en": "On current trend, {deadline}: {projection}"},
    "overview.tile_no_goal": {"zh": "暂无阶段目标", "en": "No stage goal"},
    "overview.tile_reporting": {"zh": "上报 {rep}/{exp}", "en": "Reported {rep}/{exp}"},
    "overview.all_indicators": {"zh": "全部指标", "en": "All indicators"},
    "overview.count": {"zh": "达标 {on} · 预警 {risk} · 落后 {off} · 数据不全 {inc}",
                       "en": "On track {on} · at risk {risk} · off track {off} · incomplete {inc}"},
    "summary.value": {"zh": "{area} {name} {value}{unit}", "en": "{area}: {name} {value}{unit}"},
    "summary.goal": {"zh": "阶段目标 {goal}（{deadline}），进度线 {glide}",
                     "en": "goal {goal} by {deadline}, glide path {glide}"},
    "summary.projection": {"zh": "按当前趋势届时预计 {projection}",
                           "en": "on current trend {projection} by then"},
    "summary.incomplete": {"zh": "仅 {rep}/{exp} 个单位上报", "en": "only {rep}/{exp} units reported"},
    "summary.join": {"zh": "，", "en": "; "},
    "summary.end": {"zh": "。", "en": "."},
}
