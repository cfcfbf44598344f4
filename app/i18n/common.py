"""Strings shared by every page: navigation, filters, status words, downloads, empty states."""

from warehouse.status import VOCABULARY

STRINGS = {
    "app.title": {"zh": "健康城市驾驶舱", "en": "Healthy City Cockpit"},
    "nav.overview": {"zh": "总览", "en": "Overview"},
    "nav.garbage": {"zh": "垃圾分类", "en": "Garbage sorting"},
    "nav.mosquito": {"zh": "病媒生物", "en": "Vector control"},
    "nav.chronic": {"zh": "慢病管理", "en": "Chronic disease"},
    "nav.literacy": {"zh": "健康素养", "en": "Health literacy"},
    "nav.satisfaction": {"zh": "群众满意度", "en": "Public satisfaction"},
    "ui.as_table": {"zh": "以表格查看", "en": "Show as a table"},
    "nav.creation": {"zh": "健康细胞与控烟", "en": "Healthy cells & tobacco control"},
    "nav.map": {"zh": "积水点与网格", "en": "Waterlogging & grid map"},
    "nav.data_status": {"zh": "数据状态", "en": "Data status"},
    "lang.label": {"zh": "语言 Language", "en": "语言 Language"},
    "filter.header": {"zh": "筛选", "en": "Filters"},
    "frame.as_of_label": {"zh": "统计截至日期", "en": "As of"},
    "frame.as_of_help": {
        "zh": "所有页面共用这一日期：只计入到该日已结束的统计期（月、季、年；监测季、"
            "调查年按登记的结束日），"
              "之后到达的数据不改变该日的结果。默认今天。",
        "en": "One date for every page: only periods complete by this date count (months, "
              "quarters, years; a monitoring season or survey year by its registered end), so "
              "data arriving later never change what this date shows. Default: today."},
    "frame.as_of": {"zh": "统计截至 {date}", "en": "As of {date}"},
    "frame.data_ends": {"zh": "本页数据最新到：{items}。",
                        "en": "This page's data reach: {items}."},
    "frame.source_end": {"zh": "{title} {when}", "en": "{title} {when}"},
    "frame.join": {"zh": "；", "en": "; "},
    "domain.complete_only": {
        "zh": "图中只含到 {date} 已结束的统计期（进行中的月份、季度、监测季不画出）。",
        "en": "Only periods complete by {date} are drawn (a month, quarter or season still "
              "running is left out)."},
    "domain.children_rule": {
        "zh": "每根柱的颜色是该区域{period}数值本身的状态（按该期末的进度线与目标判断），"
            "与上表的当前状态可能不同。",
        "en": "Each bar is coloured by the status of its own {period} value (against the glide "
              "path and goal at that period's end), which may differ from the current status "
              "above."},
    "col.status_of_period": {"zh": "状态（{period}数值）", "en": "Status ({period} value)"},
    "col.why": {"zh": "说明", "en": "Why"},
    "col.reporting_units": {"zh": "已上报单位数", "en": "Units reported"},
    "col.expected_units": {"zh": "应上报单位数", "en": "Units expected"},
    "col.ci_low": {"zh": "95%置信区间下限", "en": "95% CI low"},
    "col.ci_high": {"zh": "95%置信区间上限", "en": "95% CI high"},
    "filter.district": {"zh": "区县", "en": "District"},
    "filter.street": {"zh": "街道", "en": "Street"},
    "filter.grid": {"zh": "网格", "en": "Grid cell"},
    "filter.all_city": {"zh": "全市", "en": "Whole city"},
    "filter.all_districts": {"zh": "全部街道", "en": "All streets"},
    "filter.all_grids": {"zh": "全部网格", "en": "All grid cells"},
    "filter.grain": {"zh": "统计周期", "en": "Period"},
    "filter.link_hint": {"zh": "复制浏览器地址即可分享当前视图。",
                         "en": "Copy the browser address to share this view."},
    "grain.week": {"zh": "周", "en": "Week"},
    "grain.month": {"zh": "月", "en": "Month"},
    "grain.quarter": {"zh": "季度", "en": "Quarter"},
    "grain.year": {"zh": "年", "en": "Year"},
    "level.city": {"zh": "市", "en": "City"},
    "level.district": {"zh": "区县", "en": "District"},
    "level.street": {"zh": "街道", "en": "Street"},
    "level.grid": {"zh": "网格", "en": "Grid cell"},
    "empty.no_warehouse": {
        "zh": "仓库中还没有数据。请先导入部门数据：运行 `make etl`（示例城市），或 "
              "`python -m etl load 文件或文件夹`。",
        "en": "The warehouse is empty. Load the departments' files first: `make etl` (sample "
              "city) or `python -m etl load FILE_OR_FOLDER`."},
    "empty.no_values": {"zh": "所选范围内没有数据。", "en": "No data for this selection."},
    "empty.not_that_fine": {
        "zh": "该数据只细到{level}，已显示{level}级数值。",
        "en": "This source is not finer than {level}; showing {level} values."},
    "footer.version": {"zh": "{city} · 数据版本 {version} · 发布于 {published}",
                       "en": "{city} · data version {version} · published {published}"},
    "download.csv": {"zh": "下载 CSV", "en": "Download CSV"},
    "table.first_rows": {"zh": "共 {n} 行，此处显示排在最前的 {shown} 行；下载的文件含全部 {n} 行，"
                               "也可用左侧筛选缩小范围。",
                         "en": "{n} rows: the first {shown} are shown here; the download holds "
                               "all {n}, and the filters on the left narrow the list."},
    "table.first_rows_only": {"zh": "共 {n} 行，此处显示排在最前的 {shown} 行；"
                                    "可用左侧筛选缩小范围。",
                              "en": "{n} rows: the first {shown} are shown here; the filters on "
                                    "the left narrow the list."},
    "download.xlsx": {"zh": "下载 XLSX", "en": "Download XLSX"},
    "provenance.title": {"zh": "数据来源（原始行与导入批次）", "en": "Source rows and loads"},
    "provenance.pick": {"zh": "选择统计期", "en": "Pick a period"},
    "provenance.rows": {"zh": "该数值来自以下原始记录：", "en": "This value comes from these "
                                                    "source rows:"},
    "provenance.runs": {"zh": "导入批次：", "en": "Loads:"},
    "provenance.none": {"zh": "没有可追溯的原始记录。", "en": "No source rows to show."},
    # the status words come from the one vocabulary (warehouse/status.py)
    **{f"status.{code}": {"zh": s.zh, "en": s.en} for code, s in VOCABULARY.items()},
    "status.rule": {
        "zh": "状态规则：只计入到统计截至日已结束的统计期；达标=不差于从基线到阶段目标的进度线；"
            "预警=落后于进度线，"
              "但按近期趋势到期限可在容差内接近目标；落后=其余；期限所在期的数据一旦完整，"
              "即以该值对照目标"
              "（期限已过仍未达到为“逾期未达标”）；数据不全=上报单位不足{share:.0%}。"
              "比率的差距以百分点计。",
        "en": "Status rule: only periods complete by the as-of date count; on track = at or "
              "better than the glide path from baseline to the stage goal; at risk = behind it "
              "but projected to come within tolerance of the goal by the deadline; off track = "
              "otherwise; once the deadline's own period is complete its value decides (missed "
              "after the deadline = overdue); incomplete = under {share:.0%} of units "
              "reported. Gaps of rates are in percentage points."},
    "col.indicator": {"zh": "指标", "en": "Indicator"},
    "col.area": {"zh": "区域", "en": "Area"},
    "col.area_code": {"zh": "区域编码", "en": "Area code"},
    "col.period": {"zh": "统计期", "en": "Period"},
    "col.value": {"zh": "数值", "en": "Value"},
    "col.unit": {"zh": "单位", "en": "Unit"},
    "col.goal": {"zh": "阶段目标", "en": "Stage goal"},
    "col.deadline": {"zh": "截止日期", "en": "Deadline"},
    "col.stage": {"zh": "阶段", "en": "Stage"},
    "col.status": {"zh": "状态", "en": "Status"},
    "col.gap": {"zh": "距目标", "en": "Gap to goal"},
    "col.gap_unit": {"zh": "距目标（数值）", "en": "Gap to goal (value)"},
    "col.gap_in": {"zh": "差距单位", "en": "Gap unit"},
    "col.glide": {"zh": "进度线", "en": "Glide path"},
    "col.projection": {"zh": "趋势预计", "en": "Projection"},
    "col.reporting": {"zh": "上报单位", "en": "Reporting units"},
    "col.numerator": {"zh": "分子", "en": "Numerator"},
    "col.denominator": {"zh": "分母", "en": "Denominator"},
    "col.n": {"zh": "样本量", "en": "n"},
    "col.grade": {"zh": "等级", "en": "Grade"},
    "series.actual": {"zh": "实际值", "en": "Actual"},
    "series.goal": {"zh": "阶段目标", "en": "Stage goal"},
    "series.glide": {"zh": "进度线", "en": "Glide path"},
    "series.last_year": {"zh": "去年同期", "en": "Same week last year"},
    "series.national": {"zh": "全国水平", "en": "National level"},
    "direction.higher": {"zh": "越高越好", "en": "higher is better"},
    "direction.lower": {"zh": "越低越好", "en": "lower is better"},
    "error.query": {"zh": "读取数据时出错：{error}。请稍后刷新；若仍出错，请联系数据管理员。",
                    "en": "Could not read the data: {error}. Refresh in a moment; if it persists, "
                          "contact the data administrator."},
    "loading": {"zh": "正在读取数据…", "en": "Reading data…"},
    "choose": {"zh": "请选择（可多选）", "en": "Choose one or more"},
}
