"""Strings of the briefings page (简报导出: 周调度, 月通报, 季考核). The briefing's own Chinese
text is in app/snapshot/text.py (the printed briefing is Chinese whatever the UI language)."""

STRINGS = {
    "nav.weekly": {"zh": "简报导出", "en": "Briefings"},
    "weekly.title": {"zh": "简报导出 · 周调度、月通报、季考核",
                     "en": "Briefings · weekly, monthly, quarterly"},
    "weekly.kind": {"zh": "类型", "en": "Rhythm"},
    "weekly.kind.week": {"zh": "周调度简报", "en": "Weekly briefing"},
    "weekly.kind.month": {"zh": "月度通报", "en": "Monthly bulletin"},
    "weekly.kind.quarter": {"zh": "季度考核", "en": "Quarterly assessment"},
    "weekly.period": {"zh": "统计期", "en": "Period"},
    "weekly.period_help": {
        "zh": "默认为统计截至日期（{date}）之前最近一个已结束的周、月或季度。",
        "en": "Defaults to the latest week, month or quarter that has ended by the as-of date "
              "({date})."},
    "weekly.no_periods": {"zh": "截至 {date} 仓库中没有可生成“{kind}”的已结束统计期。",
                          "en": "No complete period by {date} for the {kind}."},
    "weekly.month_option": {"zh": "{year}年{number}月（{monday} 至 {sunday}）",
                            "en": "{week} ({monday} to {sunday})"},
    "weekly.quarter_option": {"zh": "{year}年第{number}季度（{monday} 至 {sunday}）",
                              "en": "{year} Q{number} ({monday} to {sunday})"},
    "weekly.intro": {
        "zh": "选择周调度简报、月度通报或季度考核通报和统计期，生成可直接打印的 PDF 和数据表"
              "（XLSX）。统计口径截至所选统计期的最后一天，同一统计期、同一数据版本生成的内容"
              "完全相同。",
        "en": "Pick the weekly briefing, the monthly bulletin or the quarterly assessment and "
              "a period to produce the printable PDF (in Chinese) and its tables (XLSX). "
              "Everything is as of the period's last day, so the same period and data version "
              "always give the same pack."},
    "weekly.preview_note": {
        "zh": "简报为中文文件（打印版），以下预览与 PDF 内容相同。",
        "en": "The briefing is a Chinese document (for printing); the preview below shows its "
              "text as printed."},
    "weekly.week_option": {"zh": "{week}（{monday} 至 {sunday}）",
                           "en": "{week} ({monday} to {sunday})"},
    "weekly.district": {"zh": "范围", "en": "Scope"},
    "weekly.whole_city": {"zh": "全市", "en": "Whole city"},
    "weekly.build": {"zh": "生成简报", "en": "Build the briefing"},
    "weekly.build_hint": {"zh": "选好类型、统计期和范围后，点击“生成简报”（{period}，约需数秒）。",
                          "en": "Pick the rhythm, the period and the scope, then press “Build "
                                "the briefing” ({period}; it takes a few seconds)."},
    "weekly.building": {"zh": "正在生成 {week} 的简报……", "en": "Building the briefing of {week}…"},
    "weekly.done": {"zh": "已生成 {title}{issue}（数据版本 v{version}），用时 {seconds:.1f} 秒。",
                    "en": "Built {title}{issue} (data version v{version}) in {seconds:.1f} s."},
    "weekly.download_pdf": {"zh": "下载 PDF 简报", "en": "Download the PDF briefing"},
    "weekly.download_xlsx": {"zh": "下载 XLSX 数据表", "en": "Download the XLSX tables"},
    "weekly.download_zip": {"zh": "下载全部（含图表 PNG 与 manifest）",
                            "en": "Download everything (chart PNGs and manifest too)"},
    "weekly.preview": {"zh": "简报预览：概况与指标进度",
                       "en": "Preview: overview and indicators"},
    "weekly.error": {"zh": "无法生成简报：{message}", "en": "Cannot build the briefing: {message}"},
    "weekly.out_dir": {"zh": "简报/", "en": "briefings/"},
    "weekly.cli": {"zh": "定时任务可用同一命令生成相同文件：",
                   "en": "A cron job produces the same files with:"},
}
