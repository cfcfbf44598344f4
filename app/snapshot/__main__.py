"""python -m app.snapshot --week 2025-W32 [--district CODE] --out DIR [--warehouse DIR]

Writes the weekly dispatch briefing (PDF), its tables (XLSX), one PNG per chart and
manifest.json for one ISO week, as of that week's Sunday. Exit code 2 with a plain-words message
for a bad week, an unknown district or an empty warehouse."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from app.snapshot import text as T
from app.snapshot.build import SnapshotError, week_of
from app.snapshot.pack import make_from_dir
from warehouse.paths import warehouse_dir


def main(argv: list[str] | None = None) -> int:
    last = week_of(dt.date.today() - dt.timedelta(days=7))
    p = argparse.ArgumentParser(prog="python -m app.snapshot", description=__doc__.split("\n")[2])
    p.add_argument("--week", default=last, help=f"ISO week, e.g. 2025-W32 (default: last week, "
                                                f"{last})")
    p.add_argument("--district", default=None, help="district code for a district's briefing")
    p.add_argument("--out", required=True, type=Path, help="output folder")
    p.add_argument("--warehouse", type=Path, default=None,
                   help="warehouse folder (default $HC_WAREHOUSE_DIR or warehouse/data)")
    p.add_argument("--quiet", action="store_true")
    args = p.parse_args(argv)
    wdir = args.warehouse or warehouse_dir()
    started = time.perf_counter()

    def say(msg: str) -> None:
        if not args.quiet:
            print(f"[{time.perf_counter() - started:5.1f}s] {msg}", flush=True)

    say(T.CLI_START.format(week=args.week, wdir=wdir,
                           district=T.CLI_DISTRICT.format(d=args.district) if args.district
                           else ""))
    try:
        pack = make_from_dir(wdir, args.week, args.district, say)
    except SnapshotError as e:
        print(T.CLI_ERROR.format(error=e), file=sys.stderr)
        return 2
    files = pack.write(args.out)
    for f in files:
        say(T.CLI_WROTE.format(file=f))
    say(T.CLI_DONE.format(title=pack.snapshot.title, issue=pack.snapshot.issue,
                          version=pack.snapshot.version))
    return 0


if __name__ == "__main__":
    sys.exit(main())
