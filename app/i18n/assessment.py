"""Strings of the quarterly assessment page (季考核) and the assessment's words (object types,
scoring methods, notes) that the printed 季度考核通报 uses too."""

STRINGS = {
    "nav.assessment": {"zh": "季考核", "en": "Quarterly assessment"},
    "assess.title": {"zh": "季考核 · 季度考核得分", "en": "Quarterly assessment · scores"},
    "assess.intro": {
        "zh": "按创卫办导入的考核办法（模板 12：考核项目、权重、计分方法）计算每个区县、街道和部门"
              "的季度得分，统计口径截至所选季度的最后一天。",
        "en": "Each district's, street's and department's quarterly score from the assessment "
              "scheme the office loaded (template 12: items, weights, scoring methods), as of "
              "the quarter's last day."},
    "assess.quarter": {"zh": "季度", "en": "Quarter"},
    "assess.quarter_option": {"zh": "{year}年第{q}季度（{start} 至 {end}）",
                              "en": "{year} Q{q} ({start} to {end})"},
    "assess.quarter_help": {
        "zh": "默认为统计截至日期（{date}）之前最近一个已结束的季度。",
        "en": "Defaults to the latest quarter that has ended by the as-of date ({date})."},
    "assess.type": {"zh": "考核对象", "en": "Assessed"},
    "assess.type.区县": {"zh": "区县", "en": "Districts"},
    "assess.type.街道": {"zh": "街道", "en": "Streets"},
    "assess.type.部门": {"zh": "部门", "en": "Departments"},
    "assess.no_quarters": {"zh": "截至 {date} 仓库中没有任何已结束季度的月度数据，无法考核。",
                           "en": "No complete quarter of monthly data by {date}: nothing to "
                                 "assess."},
    "assess.no_scheme": {
        "zh": "仓库中没有 {quarter} 执行的考核办法。请在“数据导入”页下载模板 12（考核办法），"
              "填写考核项目、权重和计分方法后导入。",
        "en": "No assessment scheme is in force for {quarter}. Download template 12 (assessment "
              "scheme) on the Data intake page, fill in the items, weights and scoring methods, "
              "and load it."},
    "assess.scores": {"zh": "得分与名次", "en": "Scores and ranks"},
    "assess.scores_help": {
        "zh": "得分按适用考核项目的权重折算为满分；名次相同表示得分相同。“连续两季末位”= 本季度"
              "和上季度都排在末位。",
        "en": "A score is scaled to the full weight of the items that apply; equal scores share "
              "a rank. \"Last twice\" = last in this quarter and in the one before."},
    "assess.last_twice_warn": {"zh": "连续两个季度末位：{names}", "en": "Last two quarters "
                                                                       "running: {names}"},
    "assess.breakdown": {"zh": "得分明细", "en": "Score breakdown"},
    "assess.object": {"zh": "选择对象", "en": "Pick one"},
    "assess.breakdown_caption": {
        "zh": "{name}：{score} 分（满分 {full:g}），全部 {n} 个{type}中第 {rank} 名。",
        "en": "{name}: {score} points (of {full:g}), rank {rank} of {n}."},
    "assess.breakdown_unscored": {"zh": "{name}：没有适用的考核项目，本季度不计分。",
                                  "en": "{name}: no item applies this quarter; not scored."},
    "assess.scheme": {"zh": "本季度执行的考核办法", "en": "The scheme in force this quarter"},
    "assess.scheme_help": {
        "zh": "考核办法是数据：修订后在“数据导入”页重新导入模板 12 即可，无需改程序。",
        "en": "The scheme is data: when it changes, load template 12 again on the Data intake "
              "page; no code changes."},
    "assess.rule": {
        "zh": "计分方法：达标满分 = 达到目标得满分，否则 0 分（指标的目标为进度线：基线到阶段目标"
              "的直线在本期的值）；按进度比例 = 权重 ×（数值 − 起点）/（目标 − 起点），限于 0 到"
              "满分；按排名 = 第一名满分、末名 0 分，其间按名次等差。缺数据的项目得 0 分；不适用"
              "的项目不计，得分按适用项目的权重折算。",
        "en": "Methods: pass = full points when the target is met, else 0 (an indicator's target "
              "is its progress line: baseline to stage goal, read at this period); progress = "
              "weight × (value − start) / (target − start), between 0 and the weight; rank = "
              "first gets the weight, last 0, evenly in between. An item without data scores 0; "
              "an item that does not apply is left out and the score scaled to the rest."},
    "assess.download": {"zh": "下载季度考核通报（PDF）", "en": "Download the quarterly "
                                                               "report (PDF)"},
    "assess.download_xlsx": {"zh": "下载全部得分明细（XLSX）",
                             "en": "Download every item's points (XLSX)"},
    "assess.building": {"zh": "正在计算 {quarter} 考核得分……",
                        "en": "Scoring {quarter}…"},
    "assess.col.rank": {"zh": "名次", "en": "Rank"},
    "assess.col.name": {"zh": "名称", "en": "Name"},
    "assess.col.district": {"zh": "所属区县", "en": "District"},
    "assess.col.score": {"zh": "得分", "en": "Score"},
    "assess.col.prev_score": {"zh": "上季得分", "en": "Last quarter"},
    "assess.col.change": {"zh": "较上季", "en": "Change"},
    "assess.col.prev_rank": {"zh": "上季名次", "en": "Last rank"},
    "assess.col.last_twice": {"zh": "连续两季末位", "en": "Last twice"},
    "assess.col.item": {"zh": "考核项目", "en": "Item"},
    "assess.col.measure": {"zh": "指标或考核项", "en": "Indicator or measure"},
    "assess.col.method": {"zh": "计分方法", "en": "Method"},
    "assess.col.weight": {"zh": "权重", "en": "Weight"},
    "assess.col.value": {"zh": "数值", "en": "Value"},
    "assess.col.target": {"zh": "目标", "en": "Target"},
    "assess.col.points": {"zh": "得分", "en": "Points"},
    "assess.col.note": {"zh": "说明", "en": "Note"},
    "assess.col.type": {"zh": "对象类型", "en": "Object type"},
    "assess.col.from": {"zh": "生效季度", "en": "From"},
    "assess.col.until": {"zh": "截止季度", "en": "Until"},
    "assess.yes": {"zh": "是", "en": "Yes"},
    "assess.method.达标满分": {"zh": "达标满分", "en": "Pass (full points)"},
    "assess.method.按进度比例": {"zh": "按进度比例", "en": "By progress"},
    "assess.method.按排名": {"zh": "按排名", "en": "By rank"},
    "assess.measure.问题按期销号率": {"zh": "问题按期销号率",
                                      "en": "Problems closed on time (%)"},
    "assess.measure.数据按时上报率": {"zh": "数据按时上报率", "en": "Reports on time (%)"},
    "assess.measure.暗访问题数": {"zh": "暗访问题数", "en": "Problems found by unannounced "
                                                          "checks"},
    "assess.note.no_data": {"zh": "缺数据，得 0 分", "en": "No data: 0 points"},
    "assess.note.no_goal": {"zh": "无阶段目标，不适用", "en": "No stage goal: not applicable"},
    "assess.note.no_closures": {"zh": "本季度无销号问题，不适用",
                                "en": "Nothing closed this quarter: not applicable"},
    "assess.note.no_reports": {"zh": "本季度无应报报表，不适用",
                               "en": "No report due this quarter: not applicable"},
    "assess.note.no_problems": {"zh": "不是问题台账的责任单位，不适用",
                                "en": "Not a responsible unit of the ledger: not applicable"},
    "assess.note.area_indicator": {"zh": "区域指标，部门不适用",
                                   "en": "An area indicator: not for departments"},
}
