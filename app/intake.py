"""Web intake through the loader's command line (no streamlit; app/ never imports etl): files
uploaded on the 数据导入 page are saved to a private temporary folder (ZIPs opened with limits),
checked with `python -m etl load --dry-run --json` (the same contracts as a real load, nothing
published), then published with the same command without --dry-run; blank templates, the list
of data versions and rollback go through `python -m etl` too. Every call runs in its own
process, so a hostile file cannot take the web server down with it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from warehouse.paths import ROOT, warehouse_dir

ACCEPTED = (".csv", ".xlsx", ".xlsm", ".geojson", ".json")
MAX_FILE_MB = 200
MAX_ZIP_MEMBERS = 500
MAX_UNZIPPED_MB = 1000
TIMEOUT_S = 1800


class IntakeError(ValueError):
    """A problem with an upload, in plain words (zh / en)."""


@dataclass
class Outcome:
    """What a call of the loader said: its exit code, its JSON report (None if it printed
    none) and its own words on stderr."""
    code: int
    report: dict | None
    message: str


def _etl(args: list[str], timeout: int = TIMEOUT_S) -> Outcome:
    env = {**os.environ, "HC_WAREHOUSE_DIR": str(warehouse_dir()), "PYTHONIOENCODING": "utf-8"}
    try:
        done = subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return Outcome(2, None, f"导入程序运行超过 {timeout // 60} 分钟，已停止 / the loader ran "
                                f"over {timeout // 60} minutes and was stopped")
    report = None
    out = done.stdout.strip()
    if out.startswith("{"):
        try:
            report = json.loads(out)
        except json.JSONDecodeError:
            report = None
    return Outcome(done.returncode, report, done.stderr.strip())


def workspace() -> Path:
    """A private folder for one intake session's files (owner-only)."""
    return Path(tempfile.mkdtemp(prefix="hc_intake_"))


def save_uploads(uploads: list[tuple[str, bytes]], folder: Path) -> list[Path]:
    """Write uploaded files (name, bytes) into `folder`; ZIPs are opened there with limits on
    members, total size and paths (no ../, no absolute paths). Returns the files to load."""
    saved: list[Path] = []
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in uploads:
        base = Path(name).name
        if len(data) > MAX_FILE_MB * 1024 * 1024:
            raise IntakeError(f"{base}：文件超过 {MAX_FILE_MB} MB / over {MAX_FILE_MB} MB")
        if base.lower().endswith(".zip"):
            saved += _unzip(base, data, folder)
        elif base.lower().endswith(ACCEPTED):
            path = folder / base
            path.write_bytes(data)
            saved.append(path)
        else:
            raise IntakeError(f"{base}：只接受 CSV、XLSX、GeoJSON 或它们的 ZIP / only CSV, XLSX, "
                              "GeoJSON or a ZIP of them")
    if not saved:
        raise IntakeError("没有可导入的文件 / no file to load")
    return saved


def _unzip(name: str, data: bytes, folder: Path) -> list[Path]:
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise IntakeError(f"{name}：不是有效的 ZIP 文件 / not a valid ZIP file") from None
    members = [m for m in archive.infolist() if not m.is_dir()]
    if len(members) > MAX_ZIP_MEMBERS:
        raise IntakeError(f"{name}：ZIP 内文件超过 {MAX_ZIP_MEMBERS} 个 / more than "
                          f"{MAX_ZIP_MEMBERS} files")
    if sum(m.file_size for m in members) > MAX_UNZIPPED_MB * 1024 * 1024:
        raise IntakeError(f"{name}：解压后超过 {MAX_UNZIPPED_MB} MB / over {MAX_UNZIPPED_MB} MB "
                          "unpacked")
    out = []
    target = folder / Path(name).stem
    for m in members:
        inner = Path(m.filename)
        if inner.is_absolute() or ".." in inner.parts or not inner.name.lower().endswith(
                ACCEPTED):
            continue
        path = target / inner
        path.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(m) as src, open(path, "wb") as dst:
            shutil.copyfileobj(src, dst, 1024 * 1024)
        if path.stat().st_size != m.file_size:   # NOTE: a lying header (zip bomb) is refused
            raise IntakeError(f"{name}：ZIP 内容与目录不符 / the ZIP's contents do not match its "
                              "directory")
        out.append(path)
    return out


def _common(files: list[Path], user: str, district: str | None, errors: Path) -> list[str]:
    args = [*map(str, files), "--json", "--loaded-by", user, "--errors-out", str(errors)]
    return args + (["--district", district] if district else [])


def dry_run(files: list[Path], user: str, district: str | None, errors: Path) -> Outcome:
    """Validate and derive without publishing: per file, the template, rows read, loaded and
    rejected with reasons, what would change, the warnings; the headline moves; the returned
    error workbooks."""
    return _etl(["load", *_common(files, user, district, errors), "--dry-run"])


def publish(files: list[Path], user: str, district: str | None, errors: Path,
            accept_warnings: bool) -> Outcome:
    """The same files for real (atomic publish); with the warnings the person ticked off."""
    return _etl(["load", *_common(files, user, district, errors),
                 *(["--accept-warnings"] if accept_warnings else [])])


def blank_template(name: str) -> bytes:
    """The blank XLSX template of a source (header row, dropdowns, instructions sheet)."""
    with tempfile.TemporaryDirectory(prefix="hc_template_") as tmp:
        out = Path(tmp) / f"{name}.xlsx"
        done = _etl(["template", name, "--out", str(out)], timeout=120)
        if done.code != 0 or not out.exists():
            raise IntakeError(done.message or "模板生成失败 / the template could not be made")
        return out.read_bytes()


def versions() -> list[dict]:
    done = _etl(["versions", "--json"], timeout=120)
    if done.code != 0 or done.report is None:
        raise IntakeError(done.message or "无法读取数据版本 / cannot read the data versions")
    return done.report.get("versions", [])


def rollback(version: int, user: str) -> Outcome:
    return _etl(["rollback", str(version), "--by", user], timeout=600)
