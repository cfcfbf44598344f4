"""Shared fixtures: sheets built in code, and a warehouse loaded from the sample city in tmp."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from etl.readers import RawSheet

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data"


@pytest.fixture(autouse=True, scope="session")
def private_state_dir(tmp_path_factory):
    """The audit log (warehouse/audit.py) of the test session lives in a temporary folder, never
    in the repository's .state/."""
    import os

    folder = tmp_path_factory.mktemp("state")
    old = os.environ.get("HC_STATE_DIR")
    os.environ["HC_STATE_DIR"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("HC_STATE_DIR", None)
    else:
        os.environ["HC_STATE_DIR"] = old


def sheet(header: list[str], *rows: list[object], file: str = "inline.csv") -> RawSheet:
    """A sheet whose header is row 1 and whose data start at row 2."""
    return RawSheet.from_rows(header, [list(r) for r in rows], file=file)


def csv_file(path: Path, header: list[str], rows: list[list[object]],
             encoding: str = "utf-8") -> Path:
    """A department's CSV written by hand: the header row, then the rows."""
    import csv

    with path.open("w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def tree_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder` (the .lock file is the loader's, not data)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".lock"}


@pytest.fixture(autouse=True, scope="session")
def state_folder(tmp_path_factory):
    """Accounts, the session secret and the audit log of the tests live in a temporary folder,
    never in the repository's .state/."""
    import os

    folder = tmp_path_factory.mktemp("state")
    os.environ["HC_STATE_DIR"] = str(folder)
    return folder


def signed_in(at, role: str = "admin", district: str | None = None, name: str = "tester"):
    """An AppTest run as a signed-in user (AppTest has no cookies; app/auth.py reads this)."""
    from app.accounts import User

    at.session_state["_auth_user"] = User(name, role, district, 1)
    return at


@pytest.fixture
def run_page(sample_warehouse, monkeypatch):
    """Run one page of the app on the sample city with AppTest: run_page("garbage", lang="en",
    role="district", scope="990105", street="990105001") — the signed-in user's role and
    district (scope), query parameters as keywords; user=False runs it signed out. Fails on
    any exception."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("HC_WAREHOUSE_DIR", str(sample_warehouse))

    def run(page: str = "overview", lang: str = "zh", role: str = "admin",
            scope: str | None = None, user: bool = True, **params: str):
        at = AppTest.from_file(str(ROOT / "app" / "main.py"), default_timeout=120)
        if user:
            signed_in(at, role, scope)
        at.query_params["lang"] = lang
        for k, v in params.items():
            at.query_params[k] = v
        if page != "overview":
            at.switch_page(f"../pages/{page}.py")
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        return at

    return run


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory) -> Path:
    """The committed sample city loaded once into a temporary warehouse."""
    from etl.load import load

    if not (SAMPLE / "geography").exists():
        pytest.fail("sample_data/ is missing: run `make sample`")
    wdir = tmp_path_factory.mktemp("sample_wh")
    load([SAMPLE], wdir, progress=lambda _m: None)
    return wdir


def _rect(x0: float, y0: float, x1: float, y1: float) -> dict:
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}


def write_tiny_city(folder: Path) -> Path:
    """A two-street city (codes 660100…, not the sample city's) and one garbage file."""
    import json

    def fc(*features):
        return {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"code": c, "name": n, "parent_code": p},
             "geometry": _rect(*box)} for c, n, p, box in features]}

    folder.mkdir(parents=True, exist_ok=True)
    geo = folder / "geo"
    geo.mkdir(exist_ok=True)
    (geo / "city.geojson").write_text(json.dumps(fc(("660100", "小城市", None, (0, 0, 2, 1))),
                                                 ensure_ascii=False), encoding="utf-8")
    (geo / "districts.geojson").write_text(json.dumps(fc(
        ("660102", "东区", "660100", (0, 0, 2, 1))), ensure_ascii=False), encoding="utf-8")
    (geo / "streets.geojson").write_text(json.dumps(fc(
        ("660102001", "一街", "660102", (0, 0, 1, 1)), ("660102002", "二街", "660102", (1, 0, 2,
                                                                                    1))),
        ensure_ascii=False), encoding="utf-8")
    (folder / "收运检查_202506.csv").write_text(
        "街道编码,统计月份,检查车次,混装混运车次\n660102001,202506,10,2\n660102002,202506,30,3\n"
        "660102009,202506,5,1\n", encoding="utf-8")
    return folder
