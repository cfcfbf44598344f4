"""python -m app.users add NAME --role ROLE [--district CODE] --password-stdin | list |
remove NAME | passwd NAME --password-stdin | ensure-admin

Accounts of the cockpit (app/accounts.py), for the office's administrator at the terminal.
Every change is audited. Plain-words errors, exit code 2."""

from __future__ import annotations

import argparse
import sys

from app import accounts
from warehouse import audit


def _password(args) -> str:
    if not args.password_stdin:
        raise accounts.AccountError("请用 --password-stdin 从标准输入提供密码（不要写在命令行里）/ "
                                    "give the password on standard input with --password-stdin")
    return sys.stdin.readline().rstrip("\r\n")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m app.users",
                                description="Accounts of the Healthy City Cockpit.")
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("add", help="add a user")
    a.add_argument("name")
    a.add_argument("--role", required=True, choices=accounts.ROLES)
    a.add_argument("--district", help="district code (for --role district)")
    a.add_argument("--password-stdin", action="store_true")
    sub.add_parser("list", help="list the users")
    r = sub.add_parser("remove", help="remove a user (their sessions end)")
    r.add_argument("name")
    w = sub.add_parser("passwd", help="set a user's password (their sessions end)")
    w.add_argument("name")
    w.add_argument("--password-stdin", action="store_true")
    sub.add_parser("ensure-admin", help="on a fresh machine, create admin with a one-time "
                                        "password and print it")
    args = p.parse_args(argv)
    try:
        if args.command == "add":
            user = accounts.add(args.name, args.role, _password(args), args.district)
            audit.record("cli", "user_added", {"name": user.name, "role": user.role,
                                               "district": user.district})
            print(f"已添加用户 {user.name}（{args.role}） / user {user.name} added")
        elif args.command == "list":
            rows = accounts.users()
            if not rows:
                print("还没有用户 / no users yet")
            for u in rows:
                lock = f"  锁定至 locked until {u['locked_until']}" if u["locked_until"] else ""
                print(f"{u['name']:<16} {u['role']:<9} {u['district'] or '':<7} "
                      f"created {u['created_at']}{lock}")
        elif args.command == "remove":
            accounts.remove(args.name)
            audit.record("cli", "user_removed", {"name": args.name})
            print(f"已删除用户 {args.name} / user {args.name} removed")
        elif args.command == "passwd":
            accounts.set_password(args.name, _password(args))
            audit.record("cli", "password_changed", {"name": args.name})
            print(f"已修改 {args.name} 的密码 / password of {args.name} changed")
        else:
            password = accounts.ensure_admin()
            if password is not None:
                audit.record("cli", "user_added", {"name": "admin", "role": "admin",
                                                   "first_run": True})
                print("\n  首次启动：已创建管理员账户 admin / first run: administrator account "
                      "created")
                print(f"  用户名 Username: admin    一次性密码 One-time password: {password}")
                print("  首次登录后须设置新密码；也可运行 / you must set a new one at first login, "
                      "or run:")
                print("    .venv/bin/python -m app.users passwd admin --password-stdin\n")
    except accounts.AccountError as e:
        print(f"错误 error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
