"""Produce the whole pack for one week: PDF, XLSX, chart PNGs and manifest.json."""

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
        return T.FILE_STEM.format(key=s.week) + (f"_{s.district}" if s.district else "")

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


def make(con, info, week: str, district: str | None = None,
         progress: Callable[[str], None] = lambda _m: None) -> Pack:
    snap = B.build(con, info, week, district, progress)
    progress(T.PROGRESS_PNG.format(n=len(snap.charts)))
    charts = {f"{i + 1:02d}_{c.indicator_id}.png": images.png(c) for i, c in enumerate(snap.charts)}
    progress(T.PROGRESS_PDF)
    pdf_bytes = pdf.render(snap, list(charts.values()))
    progress("XLSX")
    xlsx_bytes = xlsx.render(snap)
    manifest = snap.manifest()
    stem = T.FILE_STEM.format(key=snap.week) + (f"_{district}" if district else "")
    manifest["files"] = {"pdf": f"{stem}.pdf", "charts": [f"charts/{n}" for n in charts]}
    manifest["files"]["xlsx"] = manifest["files"]["pdf"][:-4] + ".xlsx"
    return Pack(snap, pdf_bytes, xlsx_bytes, charts, manifest)


def make_from_dir(wdir: Path, week: str, district: str | None = None,
                  progress: Callable[[str], None] = lambda _m: None) -> Pack:
    con, info = store.connect_readonly(Path(wdir))
    try:
        return make(con, info, week, district, progress)
    finally:
        con.close()
