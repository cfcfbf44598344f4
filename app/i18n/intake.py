"""Strings of the intake page (数据导入)."""

STRINGS = {
    "nav.intake": {"zh": "数据导入", "en": "Data intake"},
    "intake.title": {"zh": "数据导入", "en": "Data intake"},
    "intake.intro": {
        "zh": "拖入部门报送的文件（CSV、XLSX、GeoJSON，或它们的 ZIP）。先“试导入”："
              "用与正式导入相同的规则检查，"
              "列出每个文件被拒绝的行和原因、将新增或修改的数据、核心指标将如何变化，"
              "仓库不做任何改动；确认无误后再“确认导入”。",
        "en": "Drop the departments' files (CSV, XLSX, GeoJSON, or a ZIP of them). First a dry "
              "run with the same rules as a real load: each file's rejected rows and why, what "
              "would be added or changed, how the headline values would move — the warehouse "
              "stays as it is. Then confirm."},
    "intake.district_only": {"zh": "本账户只能导入 {district} 的数据；"
                                   "其他区县的行会被拒绝并注明原因。",
                             "en": "This account loads {district}'s data only; rows of other "
                                   "districts are rejected with that reason."},
    "intake.drop": {"zh": "选择或拖入文件", "en": "Choose or drop files"},
    "intake.dry_run": {"zh": "试导入（不改变仓库）", "en": "Dry run (changes nothing)"},
    "intake.checking": {"zh": "正在检查文件……", "en": "Checking the files…"},
    "intake.publishing": {"zh": "正在导入并发布新的数据版本……",
                          "en": "Loading and publishing a new "
                                                                "data version…"},
    "intake.confirm": {"zh": "确认导入", "en": "Confirm and load"},
    "intake.published": {"zh": "已导入，发布数据版本 {version}。各页面已显示新数据。",
                         "en": "Loaded: data version {version} published. Every page shows "
                               "the new data."},
    "intake.summary": {"zh": "{files} 个文件：读取 {rows_read} 行，可导入 {rows_loaded} 行，拒绝 "
                             "{rows_rejected} 行；"
                             "将新增 {rows_new} 行、修改 {rows_changed} 行。",
                       "en": "{files} file(s): {rows_read} rows read, {rows_loaded} loadable, "
                             "{rows_rejected} rejected; {rows_new} new and {rows_changed} "
                             "changed rows."},
    "intake.nothing_changes": {"zh": "这些文件与仓库中的数据相同，导入不会改变任何数据。",
                               "en": "These files hold what the warehouse holds already: "
                                     "loading them changes nothing."},
    "intake.fatal": {"zh": "无法导入：{file}，工作表 {sheet}，第 {row} 行，列 {column}：{message}",
                     "en": "Cannot load: {file}, sheet {sheet}, row {row}, column {column}: "
                           "{message}"},
    "intake.file_title": {"zh": "{file}（{templates}）：读取 {read} 行，拒绝 {rejected} 行",
                          "en": "{file} ({templates}): {read} rows read, {rejected} rejected"},
    "intake.rejects": {"zh": "被拒绝的行及原因：", "en": "Rejected rows and why:"},
    "intake.changes": {"zh": "将新增或修改的数据（共 {n} 处）：", "en": "What would be added or "
                                                                "changed ({n} in all):"},
    "intake.errors_book": {"zh": "下载退回部门的标注文件（XLSX）",
                           "en": "Download the marked-up file to send back (XLSX)"},
    "intake.moves": {"zh": "核心指标将如何变化", "en": "How headline values would move"},
    "intake.warnings": {"zh": "合理性提示（需逐条确认）",
                        "en": "Plausibility warnings (tick each)"},
    "intake.warnings_help": {"zh": "这些数值没有违反规则，但与历史相差很大或会改变状态；"
                                   "请核实后逐条勾选，才能确认导入。",
                             "en": "These values break no rule but are far from their history "
                                   "or flip a status; check each and tick it before loading."},
    "intake.warning": {"zh": "{file} · {sheet} · 第 {row} 行 · {column}：{message}",
                       "en": "{file} · {sheet} · row {row} · {column}: {message}"},
    "intake.warning_file": {"zh": "{file}：{message}", "en": "{file}: {message}"},
    "intake.templates": {"zh": "空白模板", "en": "Blank templates"},
    "intake.templates_help": {"zh": "各部门填报用的 XLSX 模板：表头、"
                                    "下拉选项和填写说明均由系统的校验规则生成。",
                              "en": "The XLSX template of each report: header, dropdown lists "
                                    "and instructions, made from the loader's own rules."},
    "intake.template": {"zh": "模板", "en": "Template"},
    "intake.template_download": {"zh": "下载空白模板", "en": "Download the blank template"},
    "intake.versions": {"zh": "数据版本与回滚", "en": "Data versions and rollback"},
    "intake.versions_help": {"zh": "每次导入或回滚发布一个新版本。"
                                   "恢复某个旧版本会发布一个与它相同的新版本（可再次撤销），并记入审计日志。",
                             "en": "Each load or rollback publishes a new version. Restoring an "
                                   "old version publishes a new one equal to it (itself "
                                   "undoable) and is audited."},
    "intake.restore_pick": {"zh": "恢复到", "en": "Restore"},
    "intake.restore_placeholder": {"zh": "选择要恢复的版本", "en": "Choose a version to restore"},
    "intake.version_option": {"zh": "版本 {v}", "en": "version {v}"},
    "intake.restore": {"zh": "恢复到版本 {v}", "en": "Restore version {v}"},
    "intake.restoring": {"zh": "正在恢复……", "en": "Restoring…"},
    "intake.restored": {"zh": "已恢复到版本 {v} 的数据（发布为新的数据版本）。",
                        "en": "The data of version {v} are back (published as a new "
                              "version)."},
    "intake.col.file": {"zh": "文件", "en": "File"},
    "intake.col.template": {"zh": "模板", "en": "Template"},
    "intake.col.read": {"zh": "读取", "en": "Read"},
    "intake.col.loaded": {"zh": "可导入", "en": "Loadable"},
    "intake.col.rejected": {"zh": "拒绝", "en": "Rejected"},
    "intake.col.new": {"zh": "新增", "en": "New"},
    "intake.col.changed": {"zh": "修改", "en": "Changed"},
    "intake.col.warnings": {"zh": "提示", "en": "Warnings"},
    "intake.col.sheet": {"zh": "工作表", "en": "Sheet"},
    "intake.col.row": {"zh": "行号", "en": "Row"},
    "intake.col.column": {"zh": "列", "en": "Column"},
    "intake.col.value": {"zh": "值", "en": "Value"},
    "intake.col.reason": {"zh": "原因", "en": "Reason"},
    "intake.col.unit": {"zh": "单位", "en": "Unit"},
    "intake.col.period": {"zh": "统计期", "en": "Period"},
    "intake.col.kind": {"zh": "类型", "en": "Kind"},
    "intake.col.indicator": {"zh": "指标", "en": "Indicator"},
    "intake.col.area": {"zh": "区域", "en": "Area"},
    "intake.col.before": {"zh": "导入前", "en": "Before"},
    "intake.col.after": {"zh": "导入后", "en": "After"},
    "intake.col.version": {"zh": "版本", "en": "Version"},
    "intake.col.published": {"zh": "发布时间", "en": "Published"},
    "intake.col.by": {"zh": "操作人", "en": "By"},
    "intake.col.files": {"zh": "文件", "en": "Files"},
    "intake.kind.new": {"zh": "新增", "en": "New"},
    "intake.kind.changed": {"zh": "修改", "en": "Changed"},
    "intake.version_kind.load": {"zh": "导入", "en": "Load"},
    "intake.current": {"zh": "（当前）", "en": " (current)"},
    "intake.restored_from": {"zh": "（恢复自版本 {v}）", "en": " (restored from version {v})"},
    "intake.notes": {"zh": "说明（不影响导入）", "en": "Notes (they do not stop a load)"},
    "intake.kind.removed": {"zh": "删除", "en": "Removed"},
    "intake.version_kind.rollback": {"zh": "回滚", "en": "Rollback"},
}
