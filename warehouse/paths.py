"""Every path the project uses, overridable by environment variables; imports nothing of ours."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WAREHOUSE_PKG = ROOT / "warehouse"
SQL_DIR = WAREHOUSE_PKG / "sql"
REGISTRY_FILE = WAREHOUSE_PKG / "indicators.yml"


def warehouse_dir() -> Path:
    """The warehouse folder: $HC_WAREHOUSE_DIR, else warehouse/data in the repository."""
    env = os.environ.get("HC_WAREHOUSE_DIR")
    return Path(env).expanduser().resolve() if env else WAREHOUSE_PKG / "data"


def state_dir() -> Path:
    """The folder of state shared by the loader and the app (the audit log; accounts on the app
    side): $HC_STATE_DIR, else .state/ in the repository. Kept private to its owner."""
    env = os.environ.get("HC_STATE_DIR")
    return Path(env).expanduser().resolve() if env else ROOT / ".state"
