"""Every UI string, in Chinese and English: one table per page in this package, merged here.

t("key", **fmt) returns the string in the current language (?lang=zh|en, default zh).
A test fails if a key lacks either language or two tables define the same key.
"""

from __future__ import annotations

import importlib
import pkgutil

LANGS = ("zh", "en")


def _tables() -> dict[str, dict[str, dict[str, str]]]:
    out = {}
    for info in pkgutil.iter_modules(__path__):
        out[info.name] = importlib.import_module(f"{__name__}.{info.name}").STRINGS
    return out


def _merged() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for table in _tables().values():
        merged.update(table)
    return merged


STRINGS = _merged()


def current_lang() -> str:
    try:
        import streamlit as st

        # NOTE: the sidebar switch stores the choice as _lang; before it runs (the navigation
        # titles) the URL or the previous choice decides.
        lang = st.session_state.get("w_lang") or st.query_params.get("lang") \
            or st.session_state.get("_lang", "zh")
    except Exception:   # NOTE: outside a Streamlit run (exports, tests) the default applies
        lang = "zh"
    return lang if lang in LANGS else "zh"


def t(key: str, lang: str | None = None, **fmt: object) -> str:
    entry = STRINGS[key]
    text = entry[lang or current_lang()]
    return text.format(**fmt) if fmt else text
