"""Strings of the problem ledger page (问题台账 · 督办)."""

STRINGS = {
    "nav.problems": {"zh": "问题台账", "en": "Problem ledger"},
    "problems.intro": {
        "zh": "列出问题清单、盯死盯牢每项问题、实行销号制：截至所选日期每个问题的状态、整改时限和"
              "是否逾期，按责任单位督办。",
        "en": "Every problem found, its state on the chosen date, its deadline and whether it is "
              "overdue; each responsible unit's list to send it."},
    "problems.ledger_ends": {
        "zh": "问题台账最新日期为 {latest}，此后的情况尚未上报：未销号天数和逾期天数只计到 "
              "{latest}。",
        "en": "The problem ledger ends on {latest}; nothing after it has been reported, so days "
              "open and days overdue are counted to {latest}."},
    "problems.none": {
        "zh": "仓库中还没有督查问题台账。请在“数据导入”页导入各部门报送的问题台账（模板 8）。",
        "en": "No inspection problem ledger has been loaded yet. Load the departments' ledgers "
              "(template 8) on the Intake page."},
    "problems.with_waterlogging": {
        "zh": "按设置，积水点也计入问题清单（类别“病媒生物”，整改时限为发现后 {days} 天）；"
              "已在问题台账中登记的积水点只计一次。",
        "en": "By setting, waterlogging points are counted as problems too (category 病媒生物, "
              "due {days} days after found); a point already in the problem ledger counts once."},
    "problems.metric_open": {"zh": "未销号问题", "en": "Open problems"},
    "problems.metric_overdue": {"zh": "其中逾期", "en": "of which overdue"},
    "problems.metric_found_week": {"zh": "本周新发现", "en": "Found this week"},
    "problems.metric_closed_week": {"zh": "本周销号", "en": "Closed this week"},
    "problems.metric_units": {"zh": "有逾期问题的责任单位", "en": "Units with overdue problems"},
    "problems.week_of": {"zh": "本周：{monday} 至 {end}", "en": "This week: {monday} to {end}"},
    "problems.week_unknown": {
        "zh": "本周（{monday} 至 {end}）尚无问题台账数据，本周新发现和销号数未知。",
        "en": "No ledger data yet for this week ({monday} to {end}): found and closed this week "
              "are unknown."},
    "problems.filter_category": {"zh": "问题类别", "en": "Category"},
    "problems.filter_found_by": {"zh": "发现方式", "en": "Found by"},
    "problems.filter_unit": {"zh": "责任单位", "en": "Responsible unit"},
    "problems.filter_state": {"zh": "状态（截至所选日期）", "en": "State (on the chosen date)"},
    "problems.filter_overdue": {"zh": "只看逾期", "en": "Overdue only"},
    "problems.map": {"zh": "问题分布", "en": "Where the problems are"},
    "problems.map_help": {
        "zh": "地图上是所选条件下仍未销号且有坐标的问题（玫红 = 逾期，棕色 = 未逾期）；网格颜色按"
              "统一的网格状态规则，逾期问题使网格变红。",
        "en": "The map shows the open problems of the selection that have coordinates (crimson = "
              "overdue, brown = within its deadline); cells are coloured by the one grid-status "
              "rule, in which an overdue problem turns a cell red."},
    "problems.no_coords": {"zh": "{n} 个问题没有坐标，未画在地图上（表中可见）。",
                           "en": "{n} problems have no coordinates and are not on the map (see the "
                                 "table)."},
    "problems.table": {"zh": "问题清单", "en": "Problem list"},
    "problems.table_help": {
        "zh": "逾期的在前，按逾期天数、未销号天数排序；“来源”列是台账文件和行号。",
        "en": "Overdue first, then by days overdue and days open; “Source” names the ledger file "
              "and row."},
    "problems.table_none": {"zh": "所选范围和条件下没有问题。",
                            "en": "No problems for this selection."},
    "problems.supervise": {"zh": "督办：各责任单位", "en": "Follow-up by responsible unit"},
    "problems.supervise_help": {
        "zh": "每个责任单位截至所选日期的未销号和逾期问题（不受上方筛选影响），逾期多的在前。"
              "督办单（PDF，一页）列出该单位的未销号问题；XLSX 含全部单位的清单。",
        "en": "Each responsible unit's open and overdue problems on the chosen date (whatever "
              "the filters above), most overdue first. The notice (PDF, one page) lists the "
              "unit's open problems; the XLSX holds every unit's list."},
    "problems.pick_unit": {"zh": "选择责任单位，下载其督办单", "en": "Pick a unit for its notice"},
    "problems.download_notice": {"zh": "下载督办单（PDF）", "en": "Download the notice (PDF)"},
    "problems.download_all": {"zh": "下载全部督办单（ZIP）", "en": "Every notice (ZIP)"},
    "problems.download_xlsx": {"zh": "下载督办清单（XLSX）", "en": "Download the lists (XLSX)"},
    "problems.no_open_units": {"zh": "截至所选日期没有未销号的问题。",
                               "en": "No open problems on the chosen date."},
    "problems.trend": {"zh": "每周新发现、销号与逾期", "en": "Found, closed and overdue each week"},
    "problems.trend_help": {
        "zh": "柱：当周新发现、当周销号的问题数；线：周末仍未销号且已过整改时限的问题数。",
        "en": "Bars: problems found and closed in the week; line: problems open and past their "
              "deadline at the week's end."},
    "problems.weeks_shown": {"zh": "显示最近的周数", "en": "Weeks shown"},
    "problems.ranking": {"zh": "责任单位按期销号率排名", "en": "Units ranked by on-time closure"},
    "problems.ranking_help": {
        "zh": "{period}内销号的问题中，在整改时限内销号的比例（问题按期销号率，同一口径）；"
              "只计已结束的统计期。销号数少的单位比例波动大，请结合销号数看。",
        "en": "Of the problems closed in {period}, the share closed by their deadline (the "
              "indicator's own rule); complete periods only. Units with few closures swing "
              "widely: read the rate with the count."},
    "problems.ranking_grain": {"zh": "统计期", "en": "Period"},
    "problems.ranking_none": {"zh": "所选统计期内没有销号的问题。",
                              "en": "No problems were closed in that period."},
    "problems.provenance": {"zh": "问题整改指标：阶段目标、下级区域与来源数据",
                            "en": "Problem indicators: stage goals, areas below, source rows"},
    "problems.col.problem_id": {"zh": "问题编号", "en": "Problem number"},
    "problems.col.category": {"zh": "问题类别", "en": "Category"},
    "problems.col.description": {"zh": "问题描述", "en": "Description"},
    "problems.col.found_by": {"zh": "发现方式", "en": "Found by"},
    "problems.col.responsible_unit": {"zh": "责任单位", "en": "Responsible unit"},
    "problems.col.state": {"zh": "状态", "en": "State"},
    "problems.col.found_date": {"zh": "发现日期", "en": "Found"},
    "problems.col.deadline": {"zh": "整改时限", "en": "Deadline"},
    "problems.col.closed_date": {"zh": "销号日期", "en": "Closed"},
    "problems.col.days_open": {"zh": "未销号天数", "en": "Days open"},
    "problems.col.days_overdue": {"zh": "逾期天数", "en": "Days overdue"},
    "problems.col.overdue": {"zh": "逾期", "en": "Overdue"},
    "problems.col.street": {"zh": "街道", "en": "Street"},
    "problems.col.grid": {"zh": "网格", "en": "Grid cell"},
    "problems.col.district": {"zh": "区县", "en": "District"},
    "problems.col.source": {"zh": "来源（文件 · 行）", "en": "Source (file · row)"},
    "problems.col.ledger": {"zh": "台账", "en": "Ledger"},
    "problems.col.open": {"zh": "未销号", "en": "Open"},
    "problems.col.overdue_n": {"zh": "其中逾期", "en": "Overdue"},
    "problems.col.oldest": {"zh": "最长未销号天数", "en": "Longest open (days)"},
    "problems.col.most_overdue": {"zh": "最长逾期天数", "en": "Longest overdue (days)"},
    "problems.col.rank": {"zh": "名次", "en": "Rank"},
    "problems.col.on_time_rate": {"zh": "按期销号率", "en": "Closed on time"},
    "problems.col.closed_n": {"zh": "销号数", "en": "Closed"},
    "problems.col.on_time_n": {"zh": "按期销号数", "en": "Closed on time (n)"},
    "problems.col.week": {"zh": "周", "en": "Week"},
    "problems.col.measure": {"zh": "项目", "en": "Measure"},
    "problems.col.count": {"zh": "问题数", "en": "Problems"},
    "problems.series.found": {"zh": "新发现", "en": "Found"},
    "problems.series.closed": {"zh": "销号", "en": "Closed"},
    "problems.series.overdue": {"zh": "周末逾期", "en": "Overdue at week's end"},
    "problems.yes": {"zh": "是", "en": "yes"},
    "problems.no": {"zh": "否", "en": "no"},
    "problems.ledger.problems": {"zh": "督查问题台账", "en": "Problem ledger"},
    "problems.ledger.waterlogging": {"zh": "积水点台账", "en": "Waterlogging ledger"},
    "problems.state.未整改": {"zh": "未整改", "en": "Not started"},
    "problems.state.整改中": {"zh": "整改中", "en": "Being fixed"},
    "problems.state.待复核": {"zh": "待复核", "en": "Awaiting review"},
    "problems.state.复发": {"zh": "复发", "en": "Recurred"},
    "problems.state.未销号": {"zh": "未销号（之后销号）", "en": "Open then (closed later)"},
    "problems.state.已销号": {"zh": "已销号", "en": "Closed"},
    "problems.category.环境卫生": {"zh": "环境卫生", "en": "Environmental sanitation"},
    "problems.category.垃圾分类": {"zh": "垃圾分类", "en": "Garbage sorting"},
    "problems.category.病媒生物": {"zh": "病媒生物", "en": "Vector pests"},
    "problems.category.农贸市场": {"zh": "农贸市场", "en": "Farmers' markets"},
    "problems.category.背街小巷": {"zh": "背街小巷", "en": "Back streets and alleys"},
    "problems.category.“三小”场所": {"zh": "“三小”场所", "en": "Small shops, eateries, salons"},
    "problems.category.控烟": {"zh": "控烟", "en": "Tobacco control"},
    "problems.category.公共厕所": {"zh": "公共厕所", "en": "Public toilets"},
    "problems.category.食品安全": {"zh": "食品安全", "en": "Food safety"},
    "problems.category.其他": {"zh": "其他", "en": "Other"},
    "problems.found_by.日常巡查": {"zh": "日常巡查", "en": "Daily patrol"},
    "problems.found_by.督导检查": {"zh": "督导检查", "en": "Supervision"},
    "problems.found_by.暗访": {"zh": "暗访", "en": "Unannounced check"},
    "problems.found_by.第三方评估": {"zh": "第三方评估", "en": "Third-party evaluation"},
    "problems.found_by.省级暗访": {"zh": "省级暗访", "en": "Provincial unannounced check"},
    "problems.found_by.国家暗访": {"zh": "国家暗访", "en": "National unannounced check"},
    "problems.found_by.12345热线": {"zh": "12345热线", "en": "12345 hotline"},
    "problems.found_by.群众举报": {"zh": "群众举报", "en": "Citizen report"},
    "problems.found_by.疾控调查": {"zh": "疾控调查", "en": "CDC survey"},
    "problems.grain.month": {"zh": "上一个完整月", "en": "Last complete month"},
    "problems.grain.quarter": {"zh": "上一个完整季度", "en": "Last complete quarter"},
    "problems.grain.year": {"zh": "上一个完整年度", "en": "Last complete year"},
    "overview.problems": {"zh": "逾期问题（按责任单位）：{scope}共 {n} 项，涉及 {units} 个单位",
                          "en": "Overdue problems by responsible unit: {n} in {scope}, "
                                "{units} units"},
    "overview.problems_help": {
        "zh": "截至所选日期仍未销号且已过整改时限的督查问题，按责任单位汇总；点击“查看”打开该单位"
              "的问题清单。",
        "en": "Inspection problems open and past their deadline on the chosen date, by "
              "responsible unit; “Open” shows that unit's list."},
    "overview.col.unit_link": {"zh": "问题清单", "en": "Problem list"},
    "overview.problems_none": {"zh": "截至所选日期没有逾期未销号的问题。",
                               "en": "No problem is open past its deadline on that date."},
}
