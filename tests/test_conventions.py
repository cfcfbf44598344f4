"""Conventions: every source is a module with META/CONTRACT/read/transform, a sample folder and a
test; every page is registered."""

import importlib
import pkgutil

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
