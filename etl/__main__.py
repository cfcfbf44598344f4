"""Command line: python -m etl load | template | versions | rollback (progress, summary, JSON,
exit codes: 0 done, 2 refused in plain words with nothing changed, 3 warnings not accepted)."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import time
import unicodedata
from pathlib import Path

from etl import catalog
from etl.contract import EtlFatal
from etl.load import LoadSummary, WarningsNotAccepted, load, rollback, versions
from warehouse import audit
from warehouse.paths import warehouse_dir

STATUS = {"loaded": "已导入 loaded", "unchanged": "无变化 unchanged",
          "would_load": "将导入 would load", "refused": "未发布 not published"}
EXIT_OK, EXIT_FATAL, EXIT_WARNINGS = 0, 2, 3


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def print_summary(summary: LoadSummary, seconds: float, out=sys.stdout) -> None:
    def say(text: str = "") -> None:
        print(text, file=out)

    head = ["文件 file", "模板 template", "读取 read", "导入 loaded", "拒绝 rejected",
            "新增 new", "变更 changed", "状态 status"]
    titles = {c.meta.name: c.meta.title_zh for c in catalog.sources()}
    rows = [[r.name, "、".join(titles.get(t, t) for t in dict.fromkeys(r.templates)),
             str(r.rows_read), str(r.rows_loaded), str(r.rows_rejected), str(r.rows_new),
             str(r.rows_changed - r.rows_new), STATUS.get(r.status, r.status)]
            for r in summary.files]
    widths = [max(_width(x) for x in col) for col in zip(head, *rows)]
    numeric = {2, 3, 4, 5, 6}
    say()
    for row in [head, *rows]:
        say("  ".join(_pad(x, w, i in numeric) for i, (x, w) in enumerate(zip(row, widths))))
    total = [sum(getattr(r, a) for r in summary.files)
             for a in ("rows_read", "rows_loaded", "rows_rejected", "rows_changed")]
    say(f"\n合计 total: {len(summary.files)} 个文件 files, 读取 read {total[0]}, "
        f"导入 loaded {total[1]}, 拒绝 rejected {total[2]}, 变更 changed {total[3]} "
        f"({seconds:.1f} s)")
    notices = [(r, w) for r in summary.files for w in r.warnings]
    if notices:
        say("\n提示与警告 notices and warnings:")
        for r, w in notices:
            mark = "警告 WARNING" if w.gating else "提示 note"
            say(f"  [{mark}] {r.name}: {w}")
    if summary.moves:
        say("\n变化最大的指标值 biggest moves (before → after):")
        for m in summary.moves[:10]:
            before = "—" if m["before"] is None else f"{m['before']:.4g}"
            after = "—" if m["after"] is None else f"{m['after']:.4g}"
            say(f"  {m['name_zh']} {m['area_name'] or m['area_code']} {m['period_grain']} "
                f"{m['period_start']}: {before} → {after}")
    for file, path in summary.errors_workbooks.items():
        say(f"错误标注文件 errors workbook: {Path(file).name} → {path}")
    if summary.published:
        say(f"已发布数据版本 published data version {summary.data_version} → {summary.warehouse}")
    elif summary.dry_run:
        say("试运行：有变化，但未发布任何内容 (dry run: changes found, nothing published)"
             if summary.would_publish else "试运行：没有变化 (dry run: nothing would change)")
    elif summary.refused:
        say("有需要确认的警告，未发布；核实后加 --accept-warnings 重新导入 "
            "(warnings not accepted: nothing published; check them, then load again with "
            "--accept-warnings)")
    else:
        say(f"仓库未改变 warehouse unchanged (data version {summary.data_version})")
    if total[2]:
        say("被拒绝的行及原因见表 etl_rejects，或用 --errors-out 生成错误标注文件 "
            "(rejected rows and reasons: table etl_rejects, or --errors-out)")
    unknown = [r.name for r in summary.files
               if r.reject_frame()["reason"].str.contains("未知的").any()]
    if unknown:
        say("提示：有行因编码未知被拒绝。若区划、监测点或机构名录尚未导入，请先导入它们，再重新导入"
            "这些文件 (unknown codes: load the geography / sites / centres first, then load "
            f"these files again): {'、'.join(unknown[:5])}")


def _who(name: str | None) -> str:
    if name:
        return name
    try:
        return f"{getpass.getuser()}（命令行）"
    except (KeyError, OSError):
        return "（命令行）"


def _audit(who: str, action: str, detail: dict) -> None:
    try:
        audit.record(who, action, detail)
    except (OSError, ValueError) as e:   # NOTE: the load itself stands; say the log failed.
        print(f"警告 WARNING: 审计日志写入失败 (audit log not written): {e}", file=sys.stderr)


def _writable_folder(path: Path, what: str, create: bool, write: bool = True) -> Path:
    """A folder that exists (or can be created, when `create`) and can be written (when
    `write`); else a plain EtlFatal naming the option."""
    if path.exists() and not path.is_dir():
        raise EtlFatal(path, f"{what} 应为文件夹，但这是一个文件 ({what} is a file, not a folder)")
    if not path.exists():
        if not create:
            return path
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise EtlFatal(path, f"{what} 无法创建 ({what} cannot be created: "
                           f"{e.strerror})") from e
    if write and not os.access(path, os.W_OK | os.X_OK):
        raise EtlFatal(path, f"{what} 没有写入权限 ({what} is not writable)")
    return path


def _fatal_json(e: EtlFatal) -> dict:
    fatal = {**e.as_dict(), "file": e.file or None}   # no file: a bad flag, an internal error
    return {"ok": False, "published": None, "dry_run": None, "would_publish": False,
            "needs_accept_warnings": False, "fatal": fatal, "files": [], "moves": [],
            "errors_workbooks": {}}


def _dump(obj: dict) -> None:
    print(json.dumps(obj, ensure_ascii=False, default=str))


def cmd_load(args) -> int:
    started = time.perf_counter()
    target = args.warehouse or warehouse_dir()
    progress_out = sys.stderr if args.json else sys.stdout
    progress = ((lambda _m: None) if args.quiet
                else (lambda m: print(m, file=progress_out, flush=True)))
    who = _who(args.loaded_by)
    files = [str(p) for p in args.paths]
    action = "dry_run" if args.dry_run else "load"
    try:
        if args.errors_out is not None:
            _writable_folder(args.errors_out, "--errors-out", create=True)
        _writable_folder(target, "--warehouse", create=not args.dry_run,
                         write=not args.dry_run)
        summary = load(args.paths, target, progress=progress, dry_run=args.dry_run,
                       loaded_by=args.loaded_by, district=args.district,
                       accept_warnings=args.accept_warnings, errors_out=args.errors_out)
    except EtlFatal as e:
        _audit(who, "refused", {"action": action, "files": files, "fatal": e.as_dict(),
                                "warehouse": str(target), "district": args.district})
        if args.json:
            _dump(_fatal_json(e))
        print(f"\n错误 ERROR: {e}\n仓库未做任何修改 (the warehouse was not changed)",
              file=sys.stderr)
        return EXIT_FATAL
    except WarningsNotAccepted as e:
        summary = e.summary
        _audit(who, "refused", {"action": action, "files": files, "reason": "warnings",
                                "warnings": [str(w) for _, w in summary.gating],
                                "warehouse": str(target), "district": args.district})
        if args.json:
            _dump(summary.as_dict())
        else:
            print_summary(summary, time.perf_counter() - started)
        print("\n有需要确认的警告，未发布 (warnings not accepted, nothing published):",
              file=sys.stderr)
        for report, w in summary.gating:
            print(f"  {report.name}: {w}", file=sys.stderr)
        print("核实无误后加 --accept-warnings 重新导入 (check them, then load again with "
              "--accept-warnings)", file=sys.stderr)
        return EXIT_WARNINGS
    _audit(who, action, {
        "files": files, "published": summary.data_version if summary.published else None,
        "would_publish": summary.would_publish, "warehouse": str(target),
        "district": args.district,
        "rows_changed": sum(r.rows_changed for r in summary.files),
        "rows_rejected": sum(r.rows_rejected for r in summary.files),
        "warnings": [str(w) for _, w in summary.gating],
        "accepted_warnings": bool(summary.gating) and summary.published})
    if args.json:
        _dump(summary.as_dict())
    else:
        print_summary(summary, time.perf_counter() - started)
    return EXIT_OK


def cmd_template(args) -> int:
    from etl import templates

    if args.all == (args.name is not None):
        raise EtlFatal("template", "请给出一个模板名，或用 --all (give a template name or --all)")
    if args.all:
        folder = _writable_folder(args.out, "--out", create=True)
        written = templates.write_all(folder)
        for p in written:
            print(f"已生成空白模板 blank template → {p}")
        print("（行政区划以 GeoJSON 报送，没有 Excel 模板 — the geography comes as GeoJSON)")
        return EXIT_OK
    contract = templates.resolve(args.name)
    out = args.out
    if out.is_dir():
        raise EtlFatal(out, "--out 应为 .xlsx 文件名，这是一个文件夹 (--out is a folder; give a "
                       "file name, or use --all)")
    if out.suffix.lower() != ".xlsx":
        raise EtlFatal(out, "--out 应以 .xlsx 结尾 (--out must end in .xlsx)")
    _writable_folder(out.parent, "--out 所在文件夹", create=True)
    templates.write(contract, out)
    print(f"已生成空白模板 blank template → {out}")
    return EXIT_OK


def cmd_versions(args) -> int:
    target = args.warehouse or warehouse_dir()
    if target.exists() and not target.is_dir():
        raise EtlFatal(target, "--warehouse 应为文件夹 (--warehouse is a file)")
    rows = versions(target)
    if args.json:
        _dump({"ok": True, "current": next((r["version"] for r in rows if r["current"]), None),
               "versions": rows})
        return EXIT_OK
    if not rows:
        print("仓库为空 (empty warehouse)")
        return EXIT_OK
    for r in rows:
        kind = (f"回滚自版本 {r['restored_from']} rollback" if r["kind"] == "rollback"
                else "导入 load")
        files = "、".join(r["files"][:5]) + ("…" if len(r["files"]) > 5 else "")
        print(f"{'*' if r['current'] else ' '} 版本 {r['version']:>4}  {r['published_at']}  "
              f"{kind}  变更 {r['rows_changed']} 行  {r['by'] or ''}  {files}")
    print("（* 当前版本 current；python -m etl rollback 版本号 可恢复到任一版本）")
    return EXIT_OK


def cmd_rollback(args) -> int:
    target = args.warehouse or warehouse_dir()
    who = _who(args.by)
    try:
        if not (target / "CURRENT.json").exists():
            raise EtlFatal(target, "不是数据仓库文件夹（没有 CURRENT.json） (not a warehouse)")
        _writable_folder(target, "--warehouse", create=False)
        info = rollback(args.version, target, by=args.by,
                        progress=lambda m: print(m, file=sys.stderr if args.json else sys.stdout))
    except EtlFatal as e:
        _audit(who, "refused", {"action": "rollback", "to": args.version, "fatal": e.as_dict(),
                                "warehouse": str(target)})
        if args.json:
            _dump(_fatal_json(e))
        print(f"\n错误 ERROR: {e}\n仓库未做任何修改 (the warehouse was not changed)",
              file=sys.stderr)
        return EXIT_FATAL
    published = info["version"] if info else None
    if info:
        _audit(who, "rollback", {"to": args.version, "published": published,
                                 "warehouse": str(target)})
    if args.json:
        _dump({"ok": True, "published": published, "restored_from": args.version})
    elif info:
        print(f"已发布数据版本 published data version {published}（内容同版本 {args.version}）")
    return EXIT_OK


class UsageError(Exception):
    """A command line that does not parse (unknown flag, missing value)."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str):   # NOTE: said by main(), in JSON too when --json was asked
        raise UsageError(f"{self.format_usage().strip()}\n{self.prog}: {message}")


def parser() -> argparse.ArgumentParser:
    p = Parser(prog="python -m etl", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    wh = {"type": Path, "default": None,
          "help": "warehouse folder (default $HC_WAREHOUSE_DIR, else warehouse/data)"}

    p_load = sub.add_parser("load", help="load files or folders into the warehouse")
    p_load.add_argument("paths", nargs="+", type=Path, help="files or folders (walked)")
    p_load.add_argument("--warehouse", **wh)
    p_load.add_argument("--dry-run", action="store_true",
                        help="validate, merge and derive in memory; publish nothing")
    p_load.add_argument("--json", action="store_true",
                        help="print one JSON object on stdout (progress goes to stderr)")
    p_load.add_argument("--loaded-by", metavar="NAME", help="who loads (recorded in etl_runs)")
    p_load.add_argument("--district", metavar="CODE",
                        help="a district's load: rows outside the district are rejected")
    p_load.add_argument("--errors-out", metavar="DIR", type=Path,
                        help="write each file with rejects back as an errors workbook here")
    p_load.add_argument("--accept-warnings", action="store_true",
                        help="publish even with plausibility warnings")
    p_load.add_argument("--quiet", action="store_true", help="no per-file progress lines")
    p_load.add_argument("--force", action="store_true",
                        help="no effect: every file is read and compared row by row")
    p_load.set_defaults(run=cmd_load)

    p_tpl = sub.add_parser("template", help="write a blank template (XLSX) from the contracts")
    p_tpl.add_argument("name", nargs="?", help="template id (garbage_monthly), number (2a) or "
                       "title (垃圾分类月报)")
    p_tpl.add_argument("--all", action="store_true", help="every template, into the --out folder")
    p_tpl.add_argument("--out", type=Path, required=True, help="FILE.xlsx, or a folder with --all")
    p_tpl.set_defaults(run=cmd_template)

    p_ver = sub.add_parser("versions", help="list the data versions kept on disk")
    p_ver.add_argument("--warehouse", **wh)
    p_ver.add_argument("--json", action="store_true", help="print one JSON object")
    p_ver.set_defaults(run=cmd_versions)

    p_rb = sub.add_parser("rollback", help="publish a new version equal to an older one")
    p_rb.add_argument("version", type=int, help="the data version to restore")
    p_rb.add_argument("--warehouse", **wh)
    p_rb.add_argument("--by", metavar="NAME", help="who rolls back (recorded)")
    p_rb.add_argument("--json", action="store_true", help="print one JSON object")
    p_rb.set_defaults(run=cmd_rollback)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        args = parser().parse_args(argv)
    except UsageError as e:
        if "--json" in argv:
            _dump(_fatal_json(EtlFatal("", f"命令行参数有误 (bad command line): {e}")))
        print(e, file=sys.stderr)
        return EXIT_FATAL
    try:
        return args.run(args)
    except EtlFatal as e:
        fatal = e
    except OSError as e:
        fatal = EtlFatal("", f"文件或文件夹无法读写 (cannot read or write: {e})")
    except Exception as e:   # noqa: BLE001 — never a traceback: say what failed, in plain words
        fatal = EtlFatal("", f"意外错误，已停止，仓库未发布新版本 (unexpected error, nothing "
                         f"published): {type(e).__name__}: {e}")
        who = _who(getattr(args, "loaded_by", None) or getattr(args, "by", None))
        _audit(who, "refused", {"command": args.command, "fatal": fatal.as_dict()})
    if getattr(args, "json", False):
        _dump(_fatal_json(fatal))
    print(f"\n错误 ERROR: {fatal.message if not fatal.file else fatal}", file=sys.stderr)
    return EXIT_FATAL


if __name__ == "__main__":
    sys.exit(main())
