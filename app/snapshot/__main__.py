"""python -m app.snapshot --week 2026-W47 | --month 2026-10 | --quarter 2026-Q3 [--district CODE]
--out DIR [--warehouse DIR]

Writes one period's briefing — the weekly dispatch briefing (周调度简报), the monthly bulletin
(月度通报) or the quarterly assessment (季度考核通报) — as a PDF, its tables (XLSX), one PNG per
chart and manifest.json, as of the period's last day. Exit code 2 with a plain-words message for
a bad period, an unknown district or an empty warehouse."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from app.snapshot import text as T
from app.snapshot.build import SnapshotError, last_complete, parse
from app.snapshot.pack import make_from_dir
from warehouse.paths import warehouse_dir


def main(argv: list[str] | None = None) -> int:
    today = dt.date.today()
    last = last_complete("week", today).key
    p = argparse.ArgumentParser(prog="python -m app.snapshot",
                                description=__doc__.split("\n\n")[1].replace("\n", " "))
    which = p.add_mutually_exclusive_group()
    which.add_argument("--week", help=f"ISO week, e.g. 2026-W47 (default: last week, {last})")
    which.add_argument("--month", help="month, e.g. 2026-10: the monthly bulletin")
    which.add_argument("--quarter", help="quarter, e.g. 2026-Q3: the quarterly assessment")
    p.add_argument("--district", default=None, help="district code for a district's briefing")
    p.add_argument("--out", required=True, type=Path, help="output folder")
    p.add_argument("--warehouse", type=Path, default=None,
                   help="warehouse folder (default $HC_WAREHOUSE_DIR or warehouse/data)")
    p.add_argument("--quiet", action="store_true")
    args = p.parse_args(argv)
    kind = "month" if args.month else "quarter" if args.quarter else "week"
    key = args.month or args.quarter or args.week or last
    wdir = args.warehouse or warehouse_dir()
    started = time.perf_counter()

    def say(msg: str) -> None:
        if not args.quiet:
            print(f"[{time.perf_counter() - started:5.1f}s] {msg}", flush=True)

    say(T.CLI_START_KIND.format(kind=T.KIND_NAME[kind], key=key, wdir=wdir,
                                district=T.CLI_DISTRICT.format(d=args.district)
                                if args.district else ""))
    try:
        period = parse(key, kind)
        pack = make_from_dir(wdir, period.key, args.district, say)
    except SnapshotError as e:
        print(T.CLI_ERROR.format(error=e, kind=T.KIND_NAME[kind]), file=sys.stderr)
        return 2
    files = pack.write(args.out)
    for f in files:
        say(T.CLI_WROTE.format(file=f))
    say(T.CLI_DONE.format(title=pack.snapshot.title, issue=pack.snapshot.issue,
                          version=pack.snapshot.version))
    return 0


if __name__ == "__main__":
    sys.exit(main())
