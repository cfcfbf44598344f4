"""garbage_survey (2b): aware and participating households ≤ surveyed."""

from etl.sources import garbage_survey
from tests.conftest import sheet

HEADER = ["街道编码", "调查日期", "调查户数", "知晓户数", "参与户数"]


def test_rules():
    r = garbage_survey.transform(sheet(
        HEADER, ["990102001", "2025年6月28日", "200", "190", "150"],
        ["990102002", "2025-06-28", "200", "201", "150"],
        ["990102003", "2025-06-28", "200", "190", "250"],
        ["990102004", "2025-06-28", "0", "0", "0"]))
    assert r.frame["households_aware"].to_list() == [190]
    assert sorted(r.rejects["row_number"].to_list()) == [3, 4, 5]
