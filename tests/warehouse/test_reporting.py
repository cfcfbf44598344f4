"""The reporting rule on a hand-made city: a report is due HC_REPORT_DUE_DAYS after its period
ends; every expected unit of a period someone reported is due; on time = in the warehouse; the
rate sums reports, never averages rates."""

import datetime as dt

from etl.load import load
from tests.conftest import write_tiny_city
from warehouse import reporting, settings
from warehouse.store import connect_readonly


def test_reports_due_in_a_window_and_the_missing_ones(tmp_path):
    files = write_tiny_city(tmp_path / "files")
    # June: both streets reported; July: only 一街; nobody reported August (not counted: a
    # period nobody reported is out of season or not sent at all, shown on the data status page)
    (files / "收运检查_202506.csv").write_text(
        "街道编码,统计月份,检查车次,混装混运车次\n660102001,202506,10,2\n660102002,202506,30,3\n"
        "660102001,202507,12,1\n", encoding="utf-8")
    load([files], tmp_path / "wh", progress=lambda _m: None)
    con, _info = connect_readonly(tmp_path / "wh")
    try:
        july = reporting.due_reports(con, "660100", dt.date(2025, 7, 1), dt.date(2025, 7, 31))
        august = reporting.due_reports(con, "660100", dt.date(2025, 8, 1), dt.date(2025, 8, 31))
        both = reporting.due_reports(con, "660100", dt.date(2025, 7, 1), dt.date(2025, 8, 31))
    finally:
        con.close()
    due_day = dt.date(2025, 6, 30) + dt.timedelta(days=settings.REPORT_DUE_DAYS)
    # June's reports fall due in July (30 June + 5 days), both in
    assert july.select("unit_code", "period_start", "due_on", "reported").rows() == [
        ("660102001", dt.date(2025, 6, 1), due_day, True),
        ("660102002", dt.date(2025, 6, 1), due_day, True)]
    assert august.select("unit_code", "unit_name", "reported", "department_zh").rows() == [
        ("660102001", "一街", True, "市城市管理局"), ("660102002", "二街", False, "市城市管理局")]
    r = reporting.rates(both, "department_zh").row(0, named=True)
    assert (r["due"], r["on_time"], r["rate"], r["missing_units"]) == (4, 3, 75.0, "二街")
    by_street = {x["street_code"]: x["rate"] for x in reporting.rates(both, "street_code")
                 .iter_rows(named=True)}
    assert by_street == {"660102001": 100.0, "660102002": 50.0}
