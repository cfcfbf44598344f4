"""Produce the whole pack for one period (a week, a month or a quarter): PDF, XLSX, chart PNGs
and manifest.json."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.snapshot import build as B
from app.snapshot import images, pdf, xlsx
from app.snapshot import text as T
from warehouse import store


@dataclass
class Pack:
    snapshot: B.Snapshot
    pdf: bytes
    xlsx: bytes
    charts: dict[str, bytes]       # file name → PNG
    manifest: dict

    @property
    def stem(self) -> str:
        s = self.snapshot
        return stem(s.period.kind, s.period.key, s.district)

    def write(self, out: Path) -> list[Path]:
        out = Path(out)
        (out / "charts").mkdir(parents=True, exist_ok=True)
        files = {out / f"{self.stem}.pdf": self.pdf, out / f"{self.stem}.xlsx": self.xlsx,
                 **{out / "charts" / n: b for n, b in self.charts.items()},
                 out / "manifest.json": (json.dumps(self.manifest, ensure_ascii=False, indent=1)
                                         + "\n").encode("utf-8")}
        for path, data in files.items():
            path.write_bytes(data)
        return list(files)


def stem(kind: str, key: str, district: str | None) -> str:
    """The files' name: 周调度简报_2026-W47, 月度通报_2026-10_990105 …"""
    return T.FILE_STEM_KIND[kind].format(key=key) + (f"_{district}" if district else "")


def make(con, info, key: str, district: str | None = None,
         progress: Callable[[str], None] = lambda _m: None) -> Pack:
    """The pack of a week (2026-W47), a month (2026-10) or a quarter (2026-Q3)."""
    snap = B.build(con, info, key, district, progress)
    progress(T.PROGRESS_PNG.format(n=len(snap.charts)))
    charts = {f"{i + 1:02d}_{c.indicator_id}.png": images.png(c) for i, c in enumerate(snap.charts)}
    progress(T.PROGRESS_PDF)
    pdf_bytes = pdf.render(snap, list(charts.values()))
    progress("XLSX")
    xlsx_bytes = xlsx.render(snap)
    manifest = snap.manifest()
    name = stem(snap.period.kind, snap.period.key, district)
    manifest["files"] = {"pdf": f"{name}.pdf", "charts": [f"charts/{n}" for n in charts]}
    manifest["files"]["xlsx"] = manifest["files"]["pdf"][:-4] + ".xlsx"
    return Pack(snap, pdf_bytes, xlsx_bytes, charts, manifest)


def make_from_dir(wdir: Path, key: str, district: str | None = None,
                  progress: Callable[[str], None] = lambda _m: None) -> Pack:
    con, info = store.connect_readonly(Path(wdir))
    try:
        return make(con, info, key, district, progress)
    finally:
        con.close()
