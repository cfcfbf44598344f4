"""Strings of the administration page (管理): accounts and the audit log."""

STRINGS = {
    "nav.admin": {"zh": "账户与审计", "en": "Accounts & audit"},
    "admin.title": {"zh": "账户与审计日志", "en": "Accounts and audit log"},
    "admin.users": {"zh": "账户", "en": "Accounts"},
    "admin.users_help": {
        "zh": "角色：领导（查看）、分析员（查看、下载、数据状态）、周报文员（查看、下载、简报）、"
              "管理员（全部）、"
              "区县用户（只看本区县及全市合计，可导入本区县数据）。"
              "新账户和重置后的密码为一次性密码，首次登录须修改。",
        "en": "Roles: leader (view), analyst (view, download, data status), briefing clerk (view, "
              "download, briefings), administrator (everything), district user (its district "
              "and the city total only; loads its district's files). New and reset passwords "
              "are one-time: changed at first login."},
    "admin.col.name": {"zh": "用户名", "en": "Username"},
    "admin.col.role": {"zh": "角色", "en": "Role"},
    "admin.col.district": {"zh": "区县", "en": "District"},
    "admin.col.state": {"zh": "状态", "en": "State"},
    "admin.col.created": {"zh": "创建时间", "en": "Created"},
    "admin.no_district": {"zh": "（不限区县）", "en": "(all districts)"},
    "admin.active": {"zh": "正常", "en": "Active"},
    "admin.must_change": {"zh": "待首次登录改密", "en": "Must set a password at first login"},
    "admin.locked_until": {"zh": "锁定至 {until}", "en": "Locked until {until}"},
    "admin.add": {"zh": "添加账户", "en": "Add an account"},
    "admin.add_submit": {"zh": "添加", "en": "Add"},
    "admin.added": {"zh": "已添加 {name}。一次性密码：{password}（只显示这一次，"
                          "请当面或电话告知本人）",
                    "en": "{name} added. One-time password: {password} (shown this once; hand "
                          "it over in person or by phone)"},
    "admin.manage": {"zh": "重置密码或删除账户", "en": "Reset a password or remove an account"},
    "admin.pick_user": {"zh": "账户", "en": "Account"},
    "admin.reset": {"zh": "重置为一次性密码", "en": "Reset to a one-time password"},
    "admin.reset_done": {"zh": "{name} 的一次性密码：{password}（只显示这一次）；"
                               "其已登录的会话已失效。",
                         "en": "One-time password of {name}: {password} (shown this once); "
                               "their sessions have ended."},
    "admin.remove": {"zh": "删除账户", "en": "Remove the account"},
    "admin.removed": {"zh": "已删除 {name}，其会话已失效。", "en": "{name} removed; their sessions "
                                                             "have ended."},
    "admin.audit": {"zh": "审计日志", "en": "Audit log"},
    "admin.audit_help": {"zh": "谁、何时、做了什么：登录、登录失败、导入与试导入、回滚、账户变更、"
                               "简报导出。最新的在前。",
                         "en": "Who did what, when: logins, failed logins, loads and dry runs, "
                               "rollbacks, account changes, briefing exports. Newest first."},
    "admin.filter_actions": {"zh": "只看这些操作", "en": "Only these actions"},
    "admin.audit_none": {"zh": "没有符合条件的记录。", "en": "No entries match."},
    "admin.col.at": {"zh": "时间", "en": "When"},
    "admin.col.who": {"zh": "操作人", "en": "Who"},
    "admin.col.action": {"zh": "操作", "en": "What"},
    "admin.col.detail": {"zh": "详情", "en": "Details"},
    "audit.login": {"zh": "登录", "en": "Logged in"},
    "audit.login_failed": {"zh": "登录失败", "en": "Failed login"},
    "audit.logout": {"zh": "退出登录", "en": "Logged out"},
    "audit.locked": {"zh": "账户锁定", "en": "Account locked"},
    "audit.password_changed": {"zh": "修改密码", "en": "Password changed"},
    "audit.user_added": {"zh": "添加账户", "en": "Account added"},
    "audit.user_removed": {"zh": "删除账户", "en": "Account removed"},
    "audit.user_changed": {"zh": "修改账户", "en": "Account changed"},
    "audit.dry_run": {"zh": "试导入", "en": "Dry run"},
    "audit.load": {"zh": "导入数据", "en": "Data loaded"},
    "audit.refused": {"zh": "导入被拒", "en": "Load refused"},
    "audit.rollback": {"zh": "回滚数据版本", "en": "Rolled back"},
    "audit.briefing_export": {"zh": "导出简报", "en": "Briefing exported"},
}
