"""Command line: python -m etl load [--warehouse DIR] PATH ...   (progress, summary, exit code)."""

from __future__ import annotations

import argparse
import sys
import time
import unicodedata
from pathlib import Path

from etl import catalog
from etl.contract import EtlFatal
from etl.load import LoadSummary, load
from warehouse.paths import warehouse_dir

STATUS = {"loaded": "已导入 loaded", "unchanged": "无变化 unchanged"}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def print_summary(summary: LoadSummary, seconds: float) -> None:
    head = ["文件 file", "模板 template", "读取 read", "导入 loaded", "拒绝 rejected",
            "变更 changed", "状态 status"]
    titles = {c.meta.name: c.meta.title_zh for c in catalog.sources()}
    rows = [[r.path.name, "、".join(titles.get(t, t) for t in dict.fromkeys(r.templates)),
             str(r.rows_read),
             str(r.rows_loaded), str(r.rows_rejected), str(r.rows_changed),
             STATUS.get(r.status, r.status)] for r in summary.files]
    widths = [max(_width(x) for x in col) for col in zip(head, *rows)]
    numeric = {2, 3, 4, 5}
    print()
    for row in [head, *rows]:
        print("  ".join(_pad(x, w, i in numeric) for i, (x, w) in enumerate(zip(row, widths))))
    total = [sum(getattr(r, a) for r in summary.files)
             for a in ("rows_read", "rows_loaded", "rows_rejected", "rows_changed")]
    print(f"\n合计 total: {len(summary.files)} 个文件 files, 读取 read {total[0]}, "
          f"导入 loaded {total[1]}, 拒绝 rejected {total[2]}, 变更 changed {total[3]} "
          f"({seconds:.1f} s)")
    if summary.published:
        print(f"已发布数据版本 published data version {summary.data_version} → {summary.warehouse}")
    else:
        print(f"仓库未改变 warehouse unchanged (data version {summary.data_version})")
    if total[2]:
        print("被拒绝的行及原因见表 etl_rejects (rejected rows and reasons: table etl_rejects)")
    unknown = [r.path.name for r in summary.files
               if any(rj["reason"].str.contains("未知的").any() for rj in r.rejects if rj.height)]
    if unknown:
        print("提示：有行因编码未知被拒绝。若区划、监测点或机构名录尚未导入，请先导入它们，再用 "
              "--force "
              "重新导入这些文件 (unknown codes: load the geography / sites / centres first, then "
              f"reload with --force): {'、'.join(unknown[:5])}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_load = sub.add_parser("load", help="load files or folders into the warehouse")
    p_load.add_argument("paths", nargs="+", type=Path, help="files or folders (walked)")
    p_load.add_argument("--warehouse", type=Path, default=None,
                        help="warehouse folder (default $HC_WAREHOUSE_DIR, else warehouse/data)")
    p_load.add_argument("--quiet", action="store_true", help="no per-file progress lines")
    p_load.add_argument("--force", action="store_true",
                        help="read files again even if their content was loaded before")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    target = args.warehouse or warehouse_dir()
    try:
        summary = load(args.paths, target, progress=(lambda _m: None) if args.quiet else print,
                       force=args.force)
    except EtlFatal as e:
        print(f"\n错误 ERROR: {e}\n仓库未做任何修改 (the warehouse was not changed)",
              file=sys.stderr)
        return 2
    print_summary(summary, time.perf_counter() - started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
