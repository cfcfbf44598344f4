"""Strings of the data status page (数据状态): templates, late reports, loads and rejected rows."""

STRINGS = {
    "datastatus.title": {"zh": "数据状态", "en": "Data status"},
    "datastatus.intro": {
        "zh": "供数据管理员使用：各数据模板最新导入到哪一期、哪些单位迟报、"
            "最近的导入批次及被拒绝的行。",
        "en": "For the data administrator: how far each template has been loaded, who is late, "
              "and the recent loads with their rejected rows."},
    "datastatus.filter_note": {
        "zh": "区县筛选只作用于“迟报与缺报”；模板概况和导入批次为全市范围。",
        "en": "The district filter applies to “Late and missing reports”; the template overview "
              "and the loads are city-wide."},
    # headline figures
    "datastatus.kpi_templates": {"zh": "已导入模板", "en": "Templates loaded"},
    "datastatus.kpi_last_load": {"zh": "最近一次导入", "en": "Latest load"},
    "datastatus.kpi_late": {"zh": "最新一期未报单位", "en": "Units not yet reported"},
    "datastatus.kpi_late_help": {
        "zh": "所选区域内，各定期报送模板在最新一期尚未报送的单位数之和。",
        "en": "Units in the selected area that have not sent the latest period, summed over the "
              "periodic templates."},
    "datastatus.kpi_rejected": {"zh": "被拒绝的行", "en": "Rejected rows"},
    # 1/ templates
    "datastatus.templates": {"zh": "各模板数据概况（全市）", "en": "Templates (whole city)"},
    "datastatus.templates_help": {
        "zh": "每个数据模板的报送频率、已导入的最新统计期、最近一次导入的时间和文件，"
            "以及仓库中的行数。",
        "en": "Each template's reporting rhythm, the latest period loaded, the last load's time "
              "and file, and the rows held in the warehouse."},
    "datastatus.col.no": {"zh": "编号", "en": "No."},
    "datastatus.col.template_zh": {"zh": "模板（中文）", "en": "Template (Chinese)"},
    "datastatus.col.template_en": {"zh": "模板（英文）", "en": "Template (English)"},
    "datastatus.col.template": {"zh": "模板", "en": "Template"},
    "datastatus.col.rhythm": {"zh": "报送频率", "en": "Rhythm"},
    "datastatus.col.latest": {"zh": "最新统计期", "en": "Latest period"},
    "datastatus.col.last_load": {"zh": "最近导入时间", "en": "Last loaded"},
    "datastatus.col.last_file": {"zh": "最近导入文件", "en": "Last file"},
    "datastatus.col.rows": {"zh": "行数", "en": "Rows"},
    "datastatus.not_loaded": {"zh": "未导入", "en": "Not loaded"},
    "datastatus.no_period": {"zh": "（无统计期）", "en": "(no period)"},
    "datastatus.rhythm.monthly": {"zh": "每月", "en": "Monthly"},
    "datastatus.rhythm.quarterly": {"zh": "每季度", "en": "Quarterly"},
    "datastatus.rhythm.twice_monthly_season": {"zh": "每月两次（4–11月）",
                                               "en": "Twice a month (Apr–Nov)"},
    "datastatus.rhythm.monthly_season": {"zh": "每月（4–11月）", "en": "Monthly (Apr–Nov)"},
    "datastatus.rhythm.monthly_summer": {"zh": "每月（6–10月）", "en": "Monthly (Jun–Oct)"},
    "datastatus.rhythm.yearly": {"zh": "每年", "en": "Yearly"},
    "datastatus.rhythm.spring_autumn": {"zh": "每年春、秋两轮", "en": "Spring and autumn rounds"},
    "datastatus.rhythm.continuous": {"zh": "持续更新", "en": "Continuous"},
    "datastatus.rhythm.as_needed": {"zh": "有变动时报送", "en": "When it changes"},
    "datastatus.half_first": {"zh": "{year}年{month}月上半月", "en": "{ym} (1st half)"},
    "datastatus.half_second": {"zh": "{year}年{month}月下半月", "en": "{ym} (2nd half)"},
    "datastatus.as_of_day": {"zh": "截至 {date}", "en": "to {date}"},
    # 2/ late reports
    "datastatus.late": {"zh": "迟报与缺报", "en": "Late and missing reports"},
    "datastatus.late_help": {
        "zh": "定期报送的模板：应报单位（区县内的街道、监测点或医疗机构）与最新一期（"
            "全市已导入的最新统计期）"
              "实际报送单位的对比。诱蚊灯每月两次，按半月统计。",
        "en": "Periodic templates: the units expected to report (the district's streets, "
              "light-trap sites or health centres) against the units that sent the latest period "
              "loaded for the city. Light traps run twice a month, so their period is the "
              "half-month."},
    "datastatus.col.area": {"zh": "区域", "en": "Area"},
    "datastatus.col.period": {"zh": "最新一期", "en": "Latest period"},
    "datastatus.col.unit_type": {"zh": "报送单位", "en": "Reporting unit"},
    "datastatus.col.received_n": {"zh": "已报单位数", "en": "Units received"},
    "datastatus.col.expected_n": {"zh": "应报单位数", "en": "Units expected"},
    "datastatus.col.missing": {"zh": "未报单位", "en": "Not reported"},
    "datastatus.unit.street": {"zh": "街道", "en": "Street"},
    "datastatus.unit.site": {"zh": "监测点", "en": "Light-trap site"},
    "datastatus.unit.centre": {"zh": "医疗机构", "en": "Health centre"},
    "datastatus.legend": {
        "zh": "单元格为 已报/应报 单位数；⚠ 表示有单位尚未报送，名单见下表。",
        "en": "Cells show units received/expected; ⚠ marks units that have not reported yet, "
              "listed below."},
    "datastatus.late_all_in": {
        "zh": "所选区域内，已导入模板的最新一期均已报齐。",
        "en": "Every unit in the selected area has sent the latest period of each loaded "
              "template."},
    "datastatus.late_none": {"zh": "所选区域内没有需要定期报送的单位。",
                             "en": "No units in the selected area are due to report."},
    "datastatus.missing_units": {"zh": "未报单位明细（{area}）",
                                 "en": "Units not reported ({area})"},
    "datastatus.col.unit_code": {"zh": "单位编码", "en": "Unit code"},
    "datastatus.col.unit_name": {"zh": "单位名称", "en": "Unit name"},
    "datastatus.col.district": {"zh": "区县", "en": "District"},
    "datastatus.col.last_period": {"zh": "最近一次报送", "en": "Last reported"},
    "datastatus.never": {"zh": "从未报送", "en": "Never"},
    "datastatus.gaps": {"zh": "往期漏报（{n} 条）", "en": "Earlier missed reports ({n})"},
    "datastatus.gaps_help": {
        "zh": "最新一期之前，其他单位都报了而该单位没有报送（或该行被拒绝）的统计期；"
              "只计该单位首次报送之后、有数据的统计期（淡季不计）。",
        "en": "Periods before the latest one that other units sent but this unit did not (or its "
              "row was rejected); only periods after the unit's first report, and only periods "
              "with data (off-season months do not count)."},
    "datastatus.gaps_none": {"zh": "往期没有漏报。", "en": "No earlier missed reports."},
    "datastatus.col.gap_period": {"zh": "漏报统计期", "en": "Missed period"},
    "datastatus.col.reported_later": {"zh": "之后是否恢复报送", "en": "Reported again later"},
    "datastatus.yes": {"zh": "是", "en": "Yes"},
    "datastatus.no": {"zh": "否", "en": "No"},
    # 3/ loads and rejects
    "datastatus.runs": {"zh": "最近的导入批次", "en": "Recent loads"},
    "datastatus.runs_help": {"zh": "每个导入的文件一行，最新的在前。",
                             "en": "One row per loaded file, newest first."},
    "datastatus.runs_none": {"zh": "还没有任何导入记录。", "en": "No loads recorded yet."},
    "datastatus.col.run": {"zh": "批次", "en": "Load"},
    "datastatus.col.file": {"zh": "文件", "en": "File"},
    "datastatus.col.finished": {"zh": "完成时间", "en": "Finished"},
    "datastatus.col.read": {"zh": "读取行数", "en": "Rows read"},
    "datastatus.col.loaded": {"zh": "导入行数", "en": "Rows loaded"},
    "datastatus.col.rejected": {"zh": "拒绝行数", "en": "Rows rejected"},
    "datastatus.col.changed": {"zh": "变更行数", "en": "Rows changed"},
    "datastatus.col.version": {"zh": "数据版本", "en": "Data version"},
    "datastatus.col.warnings": {"zh": "提示", "en": "Warnings"},
    "datastatus.rejects": {"zh": "被拒绝的行", "en": "Rejected rows"},
    "datastatus.rejects_help": {
        "zh": "不符合规则的行没有导入（同一文件的其余行已导入）。"
              "请按文件、工作表和行号找到原始记录，更正后重新发送该文件。",
        "en": "Rows that break a rule were not loaded (the rest of their file was). Find each "
              "by file, sheet and row number, correct it and send the file again."},
    "datastatus.pick_load": {"zh": "选择导入批次", "en": "Pick a load"},
    "datastatus.all_loads": {"zh": "全部批次（共 {n} 行被拒绝）",
                             "en": "All loads ({n} rows rejected)"},
    "datastatus.load_option": {"zh": "#{run} · {file} · 拒绝 {n} 行",
                               "en": "#{run} · {file} · {n} rejected"},
    "datastatus.col.sheet": {"zh": "工作表", "en": "Sheet"},
    "datastatus.col.row": {"zh": "行号", "en": "Row"},
    "datastatus.col.column": {"zh": "列", "en": "Column"},
    "datastatus.col.value": {"zh": "值", "en": "Value"},
    "datastatus.col.reason": {"zh": "原因", "en": "Reason"},
    "datastatus.blank": {"zh": "（空）", "en": "(blank)"},
    "datastatus.rejects_none_all": {"zh": "所有导入均没有被拒绝的行。",
                                    "en": "No load has any rejected rows."},
    "datastatus.rejects_none_run": {"zh": "该批次没有被拒绝的行，文件中的行全部导入。",
                                    "en": "This load has no rejected rows: every row was loaded."},
}
