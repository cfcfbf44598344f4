"""Conventions: every source is a module with META/CONTRACT/read/transform, a sample folder and a
test; every page is registered."""

import importlib
import pkgutil
import re

import pytest

import etl.sources
from etl import catalog
from tests.conftest import ROOT, SAMPLE

MODULES = [m.name for m in pkgutil.iter_modules(etl.sources.__path__) if not m.name.startswith("_")]


@pytest.mark.parametrize("name", MODULES)
def test_source_module_is_complete(name):
    mod = importlib.import_module(f"etl.sources.{name}")
    for attr in ("META", "CONTRACT", "SOURCE", "read", "transform"):
        assert hasattr(mod, attr), f"{name} lacks {attr}"
    assert mod.META.name == name
    assert (mod.__doc__ or "").strip(), f"{name} has no docstring"
    assert (ROOT / "tests" / "etl" / f"test_{name}.py").exists(), f"no tests/etl/test_{name}.py"
    folder = SAMPLE / name
    assert folder.is_dir() and any(folder.iterdir()), f"no sample files in sample_data/{name}/"


def test_catalog_lists_every_module_in_load_order():
    names = [c.meta.name for c in catalog.sources()]
    assert sorted(names) == sorted(MODULES)
    assert names[0] == "geography"


def test_every_page_file_is_routed():
    main = (ROOT / "app" / "main.py").read_text(encoding="utf-8")
    for page in (ROOT / "pages").glob("*.py"):
        assert f'"{page.name}"' in main, f"pages/{page.name} is not in st.navigation"


@pytest.mark.parametrize("name", MODULES)
def test_every_staged_column_has_a_chinese_and_an_english_label(name):
    from etl.load import staged_schema

    contract = catalog.by_name()[name]
    labels = {col: (zh, en) for col, zh, en in contract.labels()}
    assert set(labels) == set(staged_schema(contract)), "a staged column without a label"
    for col, (zh, en) in labels.items():
        assert re.search(r"[\u4e00-\u9fff]", zh), f"{name}.{col}: label_zh {zh!r} is not Chinese"
        assert en and en.isascii() and re.search(r"[A-Za-z]", en), f"{name}.{col}: label_en {en!r}"
    for col in contract.columns:                  # the Chinese label is the first Chinese header
        assert labels[col.name][0] == next(h for h in col.headers if re.search(r"[\u4e00-\u9fff]",
                                                                               h))


# ---------------------------------------------------------------- the walls, as an import graph
# pages → app → warehouse ← etl. Imports inside functions count too.
WALLS = (
    ("app", ("etl",)),
    ("pages", ("etl", "duckdb", "polars")),
    ("etl", ("app", "pages")),
    ("warehouse", ("app", "pages", "etl", "streamlit")),
    ("app/charts.py", ("streamlit",)),
    ("app/maps.py", ("streamlit",)),
    ("app/export.py", ("streamlit",)),
    ("app/formatting.py", ("streamlit",)),
    ("app/snapshot", ("streamlit",)),
)
CACHES = {"cache_data", "cache_resource"}


def imported(tree) -> list[tuple[int, str]]:
    import ast

    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.append((node.lineno, node.module))
    return out


def wall_violations(root) -> list[str]:
    """Every import that crosses a wall, and every st.cache_* outside app/db.py."""
    import ast

    found = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith((".venv/", "tests/", "bench/", "docs/", "sample_data/")):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for scope, banned in WALLS:
            if rel == scope or rel.startswith(scope.rstrip("/") + "/"):
                for line, name in imported(tree):
                    if name.split(".")[0] in banned:
                        found.append(f"{rel}:{line} imports {name}")
        if rel != "app/db.py":
            for node in ast.walk(tree):
                if isinstance(node, ast.Attribute) and node.attr in CACHES:
                    found.append(f"{rel}:{node.lineno} uses st.{node.attr} outside app/db.py")
    return found


def test_the_walls_hold():
    assert wall_violations(ROOT) == []


def test_the_wall_check_catches_crossings(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "app").mkdir()
    (tmp_path / "warehouse").mkdir()
    (tmp_path / "pages" / "data_status.py").write_text(
        "import streamlit as st\nfrom etl import catalog\n\n\ndef f():\n    import polars\n")
    (tmp_path / "app" / "components.py").write_text(
        "import streamlit as st\n\n\n@st.cache_data\ndef g():\n    pass\n")
    (tmp_path / "app" / "charts.py").write_text("def h():\n    import streamlit\n")
    (tmp_path / "warehouse" / "x.py").write_text("from app.i18n import t\n")
    assert wall_violations(tmp_path) == [
        "app/charts.py:2 imports streamlit",
        "app/components.py:4 uses st.cache_data outside app/db.py",
        "pages/data_status.py:2 imports etl",
        "pages/data_status.py:6 imports polars",
        "warehouse/x.py:1 imports app.i18n",
    ]


def test_every_printed_sentence_of_the_briefing_lives_in_its_wording_module():
    """app/snapshot/text.py holds the briefing's words; no other module of the briefing has a
    Chinese string but its docstrings."""
    import ast

    found = []
    for path in sorted((ROOT / "app" / "snapshot").glob("*.py")):
        if path.name == "text.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {id(n.body[0].value) for n in ast.walk(tree)
                if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        found += [f"{path.name}:{n.lineno} {n.value[:30]!r}" for n in ast.walk(tree)
                  if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
                  and re.search(r"[\u4e00-\u9fff]", n.value)]
    assert found == []
