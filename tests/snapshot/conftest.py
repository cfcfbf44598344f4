"""Fixtures of the briefing tests."""

import pytest

from warehouse import store


@pytest.fixture(scope="module")
def con_info(sample_warehouse):
    """A read-only connection to the sample city and its CURRENT.json."""
    con, info = store.connect_readonly(sample_warehouse)
    yield con, info
    con.close()
