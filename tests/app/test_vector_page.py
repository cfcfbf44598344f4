"""The 病媒生物 page's 三防设施 section on the sample city: each trade's pass rates are Σ passes /
Σ units of the latest complete month (recomputed here from the staged rows), in both languages,
each against the stage goal."""

import pytest

pytestmark = pytest.mark.slow


def trade_table(at, column):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_pass_rates_by_trade_are_the_sums_of_the_month(run_page, sample_warehouse):
    from warehouse import store

    con, _info = store.connect_readonly(sample_warehouse)
    try:
        raw = {t: (n, 100.0 * r / n, 100.0 * f / n) for t, n, r, f in con.execute("""
            select trade, sum(units_inspected), sum(rodent_pass), sum(fly_pass)
            from stg_antivector_facilities
            where inspection_date between DATE '2026-10-01' and DATE '2026-10-31'
            group by trade""").fetchall()}
    finally:
        con.close()
    at = run_page("mosquito", as_of="2026-11-27")
    assert at.title[0].value == "病媒生物"
    table = trade_table(at, "行业")
    assert len(table) == 8
    for row in table.to_dict("records"):
        n, rodent, fly = raw[row["行业"]]
        assert (row["检查单位数"], row["防鼠设施合格率"], row["防蝇设施合格率"]) == (
            n, f"{rodent:.1f}%", f"{fly:.1f}%")
        assert row["对照阶段目标"] == ("均达到 95%" if min(rodent, fly) >= 95 else "低于 95%")
    assert any("2026年10月" in c.value for c in at.caption)
    en = trade_table(run_page("mosquito", lang="en", as_of="2026-11-27"), "Trade")
    assert "Farmers' markets" in set(en["Trade"])


def test_the_four_pests_grid_in_both_languages(run_page, sample_warehouse):
    from warehouse import store

    con, _info = store.connect_readonly(sample_warehouse)
    try:
        city = dict(con.execute("""
            select indicator_id, grade from indicator_values
            where indicator_id like 'vector_control_level_%' and area_code = '990100'
              and period_grain = 'quarter' and period_start = DATE '2026-07-01'""").fetchall())
    finally:
        con.close()
    at = run_page("mosquito", as_of="2026-11-27")
    assert any(s.value.startswith("四害密度控制水平") for s in at.subheader)
    passed = sum(g in "ABC" for g in city.values())
    line = next(m.value for m in at.markdown if m.value.startswith("最近一轮"))
    assert "2026年第3季度" in line and f"{passed}/4" in line
    # the sample's storyline: 南江区's flies below C in the autumn of 2026 make the city's D
    assert city["vector_control_level_fly"] == "D" and passed == 3
    table = next(d.value for d in at.dataframe if "病媒" in d.value.columns)
    fly = table[(table["区域"] == "XX市") & (table["病媒"] == "蝇")].iloc[0]
    assert (fly["控制水平"], fly["状态"]) == ("D级", "低于C级")
    assert len(table) == 4 * 7                       # the city and six districts × four pests
    en = run_page("mosquito", lang="en", as_of="2026-11-27")
    table = next(d.value for d in en.dataframe if "Pest" in d.value.columns)
    assert set(table["Control level"]) <= {"Grade A", "Grade B", "Grade C", "Grade D"}
    assert "Below grade C" in set(table["Status"])
