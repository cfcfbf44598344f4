"""Strings of the weekly snapshot page (周报导出). The briefing's own Chinese text is in
app/snapshot/text.py (the printed briefing is Chinese whatever the UI language)."""

STRINGS = {
    "nav.weekly": {"zh": "周报导出", "en": "Weekly snapshot"},
    "weekly.title": {"zh": "周报导出 · 周调度会简报", "en": "Weekly snapshot · dispatch briefing"},
    "weekly.intro": {
        "zh": "选择一周，生成可直接打印的周调度简报（PDF）和数据表（XLSX）。"
            "统计口径截至所选周的周日，"
              "同一周、同一数据版本生成的内容完全相同。",
        "en": "Pick a week to produce the printable dispatch briefing (PDF, in Chinese) and its "
              "tables (XLSX). Everything is as of that week's Sunday, so the same week and data "
              "version always give the same pack."},
    "weekly.week": {"zh": "周次", "en": "Week"},
    "weekly.week_help": {
        "zh": "默认为统计截至日期（{date}）之前最近一个已结束的周。",
        "en": "Defaults to the latest week that has ended by the as-of date ({date})."},
    "weekly.no_weeks": {"zh": "截至 {date} 仓库中没有任何已结束的周度数据，无法生成周报。",
                        "en": "No complete week of data by {date}: no briefing to build."},
    "weekly.preview_note": {
        "zh": "简报为中文文件（打印版），以下预览与 PDF 内容相同。",
        "en": "The briefing is a Chinese document (for printing); the preview below shows its "
              "text as printed."},
    "weekly.week_option": {"zh": "{week}（{monday} 至 {sunday}）",
                           "en": "{week} ({monday} to {sunday})"},
    "weekly.district": {"zh": "范围", "en": "Scope"},
    "weekly.whole_city": {"zh": "全市", "en": "Whole city"},
    "weekly.building": {"zh": "正在生成 {week} 周报……", "en": "Building the {week} briefing…"},
    "weekly.done": {"zh": "已生成 {title}{issue}（数据版本 v{version}），用时 {seconds:.1f} 秒。",
                    "en": "Built {title}{issue} (data version v{version}) in {seconds:.1f} s."},
    "weekly.download_pdf": {"zh": "下载 PDF 简报", "en": "Download the PDF briefing"},
    "weekly.download_xlsx": {"zh": "下载 XLSX 数据表", "en": "Download the XLSX tables"},
    "weekly.download_zip": {"zh": "下载全部（含图表 PNG 与 manifest）",
                            "en": "Download everything (chart PNGs and manifest too)"},
    "weekly.preview": {"zh": "简报预览：本周概况与指标进度",
                       "en": "Preview: overview and indicators"},
    "weekly.error": {"zh": "无法生成周报：{message}", "en": "Cannot build the briefing: {message}"},
    "weekly.out_dir": {"zh": "周报/", "en": "weekly/"},
    "weekly.cli": {"zh": "定时任务可用同一命令生成相同文件：",
                   "en": "A cron job produces the same files with:"},
}
