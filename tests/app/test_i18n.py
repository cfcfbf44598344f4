"""Every UI string exists in Chinese and English, once; pages use t() rather than literals."""

import re

from app import i18n
from tests.conftest import ROOT


def test_every_key_has_both_languages():
    for key, entry in i18n.STRINGS.items():
        assert set(entry) == set(i18n.LANGS), key
        assert all(entry[lang].strip() for lang in i18n.LANGS), key


def test_no_key_is_defined_twice():
    seen: dict[str, str] = {}
    for table, strings in i18n._tables().items():
        for key in strings:
            assert key not in seen, f"{key} in both {seen.get(key)} and {table}"
            seen[key] = table


def test_every_key_used_in_code_exists():
    used = set()
    for path in [*ROOT.glob("app/**/*.py"), *ROOT.glob("pages/*.py")]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.0-9]+)["']""", path.read_text()))
    missing = sorted(k for k in used if k not in i18n.STRINGS)
    assert missing == []


def test_pages_hold_no_chinese_literals():
    """UI text lives in app/i18n; page files hold none (docstrings aside)."""
    for path in ROOT.glob("pages/*.py"):
        body = path.read_text(encoding="utf-8").split('"""', 2)[-1]
        code = "\n".join(line.split("#")[0] for line in body.splitlines())
        assert not re.search(r"[\u4e00-\u9fff]", code), path.name


def test_every_string_is_used():
    """A key is used when the code names it, or names its family's prefix ("map.status.",
    "direction.") and builds the rest from data; nothing else stays in the tables."""
    import ast

    from app.i18n import STRINGS
    from tests.conftest import ROOT

    literals, heads = set(), set()
    files = [*ROOT.glob("app/**/*.py"), *ROOT.glob("pages/*.py")]
    for path in files:
        if "i18n" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(
                    node.values[0], ast.Constant):
                heads.add(node.values[0].value)

    def families(key: str) -> set[str]:
        return {key[:i + 1] for i, ch in enumerate(key) if ch in "._"}

    named = literals | heads
    unused = [k for k in STRINGS if k not in literals and not families(k) & named]
    assert unused == [], unused
