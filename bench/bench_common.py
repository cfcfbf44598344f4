"""Shared by the benchmarks: a sample-city warehouse at scale K under bench/out (generated and
loaded on first use; later runs reuse it, loading skips files already loaded)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def ensure_warehouse(scale: int, out: Path = OUT) -> Path:
    base = out / f"scale{scale}"
    files, wdir = base / "files", base / "warehouse"
    if not (files / "geography").exists():
        subprocess.run([sys.executable, "-m", "sample_data.generate", "--out", str(files),
                        "--scale", str(scale), "--end", "2026-11"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    # NOTE: the loader reads every file every time (it compares rows, not file hashes): a
    # warehouse already built from these generated files is used as it is.
    # …and one derived by an older registry or derivation SQL is derived again first (else the
    # first measured load would pay for that).
    from warehouse import derive, store

    info = store.current(wdir) if (wdir / "CURRENT.json").exists() else None
    if info is None or info.get("derivation") != derive.fingerprint():
        subprocess.run([sys.executable, "-m", "etl", "load", "--warehouse", str(wdir),
                        str(files), "--quiet"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return wdir


def for_each_scale(bench: Callable[[int], None], doc: str | None) -> None:
    """A benchmark's command line: --scales K … (default 1), then bench(K) for each."""
    parser = argparse.ArgumentParser(description=doc)
    parser.add_argument("--scales", type=int, nargs="+", default=[1])
    for scale in parser.parse_args().scales:
        bench(scale)
