"""Strings of the four domain pages' extras (mosquito, chronic disease, health literacy)."""

STRINGS = {
    "mosq.weekly": {"zh": "每周成蚊密度与去年同期", "en": "Weekly adult density vs same week last "
                                               "year"},
    "mosq.alert_sites": {"zh": "超过预警的监测点", "en": "Sites over the alert"},
    "mosq.alert_rule_goal": {
        "zh": "预警规则：近4周监测点密度高于全市阶段目标 {goal} 只/(灯·夜)（{stage}）。",
        "en": "Alert rule: a site's density over the last 4 weeks above the city's stage goal "
              "{goal} per trap-night (due {stage})."},
    "mosq.alert_rule_no_goal": {
        "zh": "预警规则：近4周监测点密度高于全市阶段目标；尚未设定全市阶段目标，暂无预警。",
        "en": "Alert rule: a site's density over the last 4 weeks above the city's stage goal; "
              "the city has no stage goal yet, so no site is flagged."},
    "mosq.alert_rule_baseline": {
        "zh": "预警规则：近4周监测点密度高于该点往年同月均值的 {k} 倍。",
        "en": "Alert rule: a site's density over the last 4 weeks above {k} × its own mean for "
              "the same month in earlier years."},
    "mosq.alert_none": {"zh": "截至 {date}，没有监测点超过预警。",
                        "en": "No site is over the alert as of {date}."},
    "mosq.site_code": {"zh": "监测点编码", "en": "Site code"},
    "mosq.last_survey": {"zh": "最近监测日", "en": "Last survey"},
    "mosq.grid_code": {"zh": "网格编码", "en": "Grid code"},
    "mosq.iso_week": {"zh": "第几周（ISO）", "en": "ISO week"},
    "mosq.season": {"zh": "年份", "en": "Year"},
    "mosq.facilities": {"zh": "重点行业三防设施合格率（按行业）",
                        "en": "Key trades' anti-vector facilities, by trade"},
    "mosq.facilities_help": {
        "zh": "三防设施检查（模板 3f）：各行业检查单位中防鼠、防蝇设施合格的比例，按单位数合计"
              "计算；国家卫生城市要求重点行业合格率不低于 95%。",
        "en": "Anti-vector facility inspections (template 3f): the share of units inspected "
              "whose rodent- and fly-proof facilities pass, summed over units; the sanitary city "
              "asks at least 95% in key trades."},
    "mosq.facilities_month": {"zh": "统计期：{month}（截至统计日期最近一个已结束且有检查的月份）",
                              "en": "Period: {month} (the latest complete month with "
                                    "inspections)"},
    "mosq.facilities_none": {"zh": "所选区域在统计截至日期前没有三防设施检查数据。",
                             "en": "No anti-vector facility inspections for this area by the "
                                   "as-of date."},
    "mosq.facility_trade": {"zh": "行业", "en": "Trade"},
    "mosq.facility_inspected": {"zh": "检查单位数", "en": "Units inspected"},
    "mosq.facility_rodent": {"zh": "防鼠设施合格率", "en": "Rodent-proof passing"},
    "mosq.facility_fly": {"zh": "防蝇设施合格率", "en": "Fly-proof passing"},
    "mosq.facility_goal": {"zh": "对照阶段目标", "en": "Against the stage goal"},
    "mosq.facility_met": {"zh": "均达到 {goal}%", "en": "Both at {goal}% or more"},
    "mosq.facility_below": {"zh": "低于 {goal}%", "en": "Below {goal}%"},
    "mosq.facilities_by_area": {"zh": "三防设施合格率（按{level}，{month}）",
                                "en": "Anti-vector facilities by {level} ({month})"},
    "mosq.level.district": {"zh": "区县", "en": "district"},
    "mosq.level.street": {"zh": "街道", "en": "street"},
    "mosq.col.area": {"zh": "区域", "en": "Area"},
    "vector.matrix": {"zh": "四害密度控制水平（C级为国家卫生城市达标线）",
                      "en": "Vector density control levels (grade C is the sanitary-city pass "
                            "line)"},
    "vector.matrix_help": {
        "zh": "病媒生物密度监测结果（模板 3e）：每个区域每种病媒取本期各监测方法、各评估主体"
              "（自评、第三方、省级、国家暗访）所得控制水平中最差的一级；区县含其各街道的结果。"
              "鼠、蚊、蝇、蟑螂均达到C级或更好，是国家卫生城市的必备条件。",
        "en": "Vector density results (template 3e): for each area and pest, the worst control "
              "level any method or assessor (self, third party, province, national unannounced "
              "check) found this period; a district includes its streets' results. All four "
              "pests at grade C or better is a precondition of a National Sanitary City."},
    "vector.round": {"zh": "最近一轮：{period}；达到C级的病媒：{passed}",
                     "en": "Latest round: {period}; pests at grade C or better: {passed}"},
    "vector.none": {"zh": "所选区域在统计截至日期前没有病媒生物密度监测结果。",
                    "en": "No vector density results for this area by the as-of date."},
    "vector.history": {"zh": "{area}各轮次控制水平", "en": "{area}: control level by round"},
    "vector.col.pest": {"zh": "病媒", "en": "Pest"},
    "vector.col.area": {"zh": "区域", "en": "Area"},
    "vector.col.period": {"zh": "轮次（季度）", "en": "Round (quarter)"},
    "vector.col.grade": {"zh": "控制水平", "en": "Control level"},
    "vector.passed": {"zh": "达到C级或更好", "en": "Grade C or better"},
    "vector.failed": {"zh": "低于C级", "en": "Below grade C"},
    "vector.pest.vector_control_level_rat": {"zh": "鼠", "en": "Rodents"},
    "vector.pest.vector_control_level_mosquito": {"zh": "蚊", "en": "Mosquitoes"},
    "vector.pest.vector_control_level_fly": {"zh": "蝇", "en": "Flies"},
    "vector.pest.vector_control_level_cockroach": {"zh": "蟑螂", "en": "Cockroaches"},
    "mosq.trade.餐饮": {"zh": "餐饮", "en": "Catering"},
    "mosq.trade.食品生产加工": {"zh": "食品生产加工", "en": "Food production"},
    "mosq.trade.农贸市场": {"zh": "农贸市场", "en": "Farmers' markets"},
    "mosq.trade.超市": {"zh": "超市", "en": "Supermarkets"},
    "mosq.trade.宾馆": {"zh": "宾馆", "en": "Hotels"},
    "mosq.trade.医疗机构": {"zh": "医疗机构", "en": "Medical institutions"},
    "mosq.trade.学校": {"zh": "学校", "en": "Schools"},
    "mosq.trade.其他": {"zh": "其他", "en": "Other"},
    "mosq.route_grades": {"zh": "各区县路径指数等级（C级为国家卫生城市达标线）",
                          "en": "Route index grades by district (grade C is the sanitary-city "
                                "pass line)"},
    "mosq.site": {"zh": "监测点", "en": "Site"},
    "mosq.habitat": {"zh": "生境", "en": "Habitat"},
    "mosq.density": {"zh": "密度", "en": "Density"},
    "mosq.threshold": {"zh": "预警线", "en": "Alert line"},
    "chronic.side_by_side": {"zh": "高血压与糖尿病管理对比", "en": "Hypertension and diabetes side "
                                                        "by side"},
    "chronic.htn": {"zh": "高血压", "en": "Hypertension"},
    "chronic.t2dm": {"zh": "2型糖尿病", "en": "Type 2 diabetes"},
    "chronic.completeness": {
        "zh": "慢病数据为年内累计数，季度、年度取期末月；上报单位 = 已上报机构/应上报机构。",
        "en": "Chronic-disease counts are year to date; a quarter or year takes its last month. "
              "Reporting units = centres reported / expected."},
    "literacy.breakdowns": {"zh": "分组健康素养水平（加权，95%置信区间）",
                            "en": "Health literacy by group (weighted, 95% CI)"},
    "literacy.by": {"zh": "分组", "en": "Break down by"},
    "literacy.age_group": {"zh": "年龄组", "en": "Age group"},
    "literacy.sex": {"zh": "性别", "en": "Sex"},
    "literacy.education": {"zh": "文化程度", "en": "Education"},
    "literacy.urban_rural": {"zh": "城乡", "en": "Urban / rural"},
    "literacy.aspects": {"zh": "三个方面与六类问题素养水平", "en": "Three aspects and six problem "
                                                      "categories"},
    "literacy.year": {"zh": "调查年份", "en": "Survey year"},
    "literacy.national_note": {"zh": "虚线为全国居民健康素养监测结果（参考）。",
                               "en": "The dashed line is the national health-literacy survey "
                                     "result (reference)."},
    "literacy.group": {"zh": "组别", "en": "Group"},
}
