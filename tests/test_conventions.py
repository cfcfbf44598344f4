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
        assert labels[col.name][0] == next(h for h in col.headers if re.search(r"[\u4e00-\u9fff]", h))
