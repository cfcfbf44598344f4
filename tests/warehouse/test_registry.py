"""The indicator registry: complete entries, every TEMPLATES.md indicator present, SQL renders."""

import copy
import re
from pathlib import Path

import duckdb
import pytest

from warehouse import derive, ledger, registry

# The ids of TEMPLATES.md "Formulas the cockpit uses", exactly as written there.
TEMPLATE_IDS = {
    "hw_recycling_rate", "kitchen_waste_resource_utilization_rate",
    "residential_sorting_coverage_rate", "sorting_awareness_rate", "sorting_participation_rate",
    "mixed_collection_transport_rate", "mosq_light_trap_density", "route_index",
    "small_water_positive_rate", "breteau_index", "standing_water_elimination_rate",
    "htn_standardized_management_rate", "htn_bp_control_rate", "t2dm_standardized_management_rate",
    "t2dm_glucose_control_rate", "ehr_filing_rate", "ehr_dynamic_use_rate",
    "family_doctor_contract_rate_key_pop", "health_literacy_level",
    "hl_aspect_knowledge", "hl_aspect_lifestyle", "hl_aspect_skills",
    "hl_cat_scientific_view", "hl_cat_infectious", "hl_cat_chronic", "hl_cat_safety_first_aid",
    "hl_cat_basic_medical", "hl_cat_health_information",
}
SHARED_TEMPLATES = Path(__file__).resolve().parents[3] / "shared" / "TEMPLATES.md"


def test_every_template_indicator_is_registered():
    assert TEMPLATE_IDS <= set(registry.by_id())


# Ids the shared document names that later issues implement (issue number in the comment); an
# id leaves this set when its registry entry lands.
PLANNED: set[str] = set()


def shared_formula_ids(text: str) -> set[str]:
    """The literal ids of TEMPLATES.md "Formulas the cockpit uses"; `a_rat, _fly` is shorthand
    for `a_rat, a_fly`; patterns (`hl_aspect_*`, `creation_rate_<type>`) are left out."""
    table = text[text.index("## Formulas"):]
    out = set()
    for cell in re.findall(r"^\| ([a-z0-9_*<>, ]+) \|", table, flags=re.M):
        first = None
        for part in (p.strip() for p in cell.split(",")):
            if part.startswith("_") and first:
                part = first.rsplit("_", 1)[0] + part
            first = first or part
            if re.fullmatch(r"[a-z][a-z0-9_]*", part):
                out.add(part)
    return out


def test_shorthand_ids_expand():
    text = "## Formulas\n| a_level_rat, _fly | x |\n| hl_aspect_*, b_rate | y |\n| c_<type> | z |\n"
    assert shared_formula_ids(text) == {"a_level_rat", "a_level_fly", "b_rate"}


@pytest.mark.skipif(not SHARED_TEMPLATES.exists(), reason="shared/TEMPLATES.md not beside the repo")
def test_template_ids_match_the_shared_document():
    text = SHARED_TEMPLATES.read_text(encoding="utf-8")
    written = shared_formula_ids(text)
    registered = set(registry.by_id())
    assert written - registered - PLANNED == set(), "named in TEMPLATES.md, not registered"
    assert PLANNED & registered == set(), "registered now: remove from PLANNED"
    assert TEMPLATE_IDS <= written | {i for i in TEMPLATE_IDS if i.startswith("hl_")}
    assert "hl_aspect_*" in text


@pytest.mark.parametrize("ind", registry.indicators(), ids=lambda i: i["id"])
def test_entry_is_complete_and_bilingual(ind):
    for field in ("id", "domain", "name_zh", "name_en", "unit", "unit_en", "direction", "kind",
                  "formula", "format", "grains", "derive"):
        assert ind.get(field) not in (None, "", []), field
    assert re.search(r"[\u4e00-\u9fff]", ind["name_zh"]) and re.search(r"[A-Za-z]", ind["name_en"])
    assert ind["format"].format(12.345)


@pytest.mark.parametrize("ind", registry.indicators(), ids=lambda i: i["id"])
def test_derivation_sql_binds_against_the_contracts(ind):
    """Every indicator's SQL runs against empty staged tables built from the source contracts."""
    from etl.load import _open_working

    con = duckdb.connect()
    _open_working(con, None, {})
    con.execute(derive.sql_template("macros"))
    con.execute(f"create table unit_area as {derive.sql_template('unit_area')}")
    con.execute(f"create table problem_items as {ledger.problem_items_sql()}")
    fact = registry.load()["facts"][ind["derive"]["fact"]]
    for grain in ind["grains"]:
        assert con.sql(derive.indicator_sql(con, ind, fact, grain)).fetchall() == []
        for column in (fact.get("ledger") or {}).get("breakdowns", []):
            assert con.sql(derive.breakdown_sql(con, ind, fact, grain, column)).fetchall() == []


def test_an_entry_without_an_english_unit_is_refused():
    doc = copy.deepcopy(registry.load())
    del doc["indicators"][0]["unit_en"]
    with pytest.raises(registry.RegistryError, match="unit_en"):
        registry.validate(doc)


def test_incomplete_entries_are_refused():
    doc = copy.deepcopy(registry.load())
    broken = doc["indicators"][0]
    del broken["name_en"]
    with pytest.raises(registry.RegistryError, match="name_en"):
        registry.validate(doc)
    doc = copy.deepcopy(registry.load())
    doc["indicators"][0]["derive"]["numerator"] = "recyclables_t; drop table x"
    with pytest.raises(registry.RegistryError, match="numerator"):
        registry.validate(doc)


def test_grades_are_ordered_with_open_last():
    route = registry.by_id()["route_index"]
    assert [g["grade"] for g in route["grades"]] == ["A", "B", "C", "D"]
    assert [g.get("max") for g in route["grades"]] == [0.1, 0.5, 0.8, None]


@pytest.mark.parametrize("ind", registry.indicators(), ids=lambda i: i["id"])
def test_every_entry_has_an_english_unit(ind):
    assert ind["unit_en"].isascii(), ind["unit_en"]      # the English UI never shows 只/(灯·夜)
    if ind["unit"] == "%":
        assert ind["unit_en"] == "%"
    row = next(r for r in registry.dim_indicator_rows() if r["indicator_id"] == ind["id"])
    assert row["unit_en"] == ind["unit_en"]


def test_english_units_of_the_non_percent_indicators():
    units = {i["id"]: i["unit_en"] for i in registry.indicators() if i["unit"] != "%"}
    assert units == {"mosq_light_trap_density": "per trap-night", "route_index": "per km",
                     "breteau_index": "positive containers per 100 households",
                     "standing_water_open_points": "points", "problem_open_count": "problems",
                     "problem_overdue_count": "problems",
                     **{f"vector_control_level_{p}": "grade"
                        for p in ("rat", "mosquito", "fly", "cockroach")},
                     "vector_control_pass": "pests"}


def test_an_entry_without_unit_en_is_refused():
    doc = copy.deepcopy(registry.load())
    del doc["indicators"][3]["unit_en"]
    with pytest.raises(registry.RegistryError, match="unit_en"):
        registry.validate(doc)


def test_the_ledger_is_named_waterlogging_points_in_english():
    ledger = [i for i in registry.indicators() if i["derive"]["fact"] == "waterlogging"]
    assert len(ledger) == 4
    assert all("aterlogging point" in i["name_en"] and "tanding" not in i["name_en"]
               for i in ledger)


def test_every_ledger_measure_has_its_sql():
    assert set(derive.LEDGER) == set(registry.LEDGER_MEASURES)


def test_the_plan_cohort_is_the_headline_of_the_ledger():
    by_id = registry.by_id()
    cohort = by_id["waterlogging_cohort_elimination_rate"]
    assert cohort["headline"] and not by_id["standing_water_elimination_rate"].get("headline")
    assert cohort["derive"]["measure"] == "cohort_eliminated_share"
    assert cohort["derive"]["cohort_open_on"].isoformat() == "2023-08-31"
    on_time = by_id["breeding_point_on_time_closure_rate"]["derive"]
    assert (on_time["point_class"], on_time["within_days"]) == ("孳生积水", 7)


@pytest.mark.parametrize(("change", "message"), [
    ({"measure": "cohort_eliminated_share"}, "needs derive.cohort_open_on"),
    ({"measure": "cohort_eliminated_share", "cohort_open_on": "2023-08-31; drop table x"},
     "must be a date"),
    ({"measure": "on_time_closure_share", "within_days": -1}, "whole number"),
    ({"measure": "on_time_closure_share", "within_days": "7 or 1=1"}, "whole number"),
    ({"measure": "on_time_closure_share", "within_days": 7, "point_class": "x' or '1'='1"},
     "must be one of 孳生积水、易涝积水"),
    ({"measure": "on_time_closure_share", "within_days": 7, "point_class": "积水"},
     "must be one of"),
    ({"measure": "open_points", "within_days": 7}, "not a parameter"),
    ({"measure": "median_days"}, "unknown ledger measure"),
])
def test_ledger_parameters_are_checked(change, message):
    doc = copy.deepcopy(registry.load())
    entry = next(i for i in doc["indicators"] if i["id"] == "standing_water_open_points")
    entry["derive"] = {"fact": "waterlogging", **change}
    with pytest.raises(registry.RegistryError, match=message):
        registry.validate(doc)


def test_a_survey_dated_by_year_derives_yearly_only():
    doc = copy.deepcopy(registry.load())
    entry = next(i for i in doc["indicators"] if i["id"] == "health_literacy_level")
    entry["grains"] = ["quarter", "year"]
    with pytest.raises(registry.RegistryError, match="grain year only"):
        registry.validate(doc)
    sat = registry.by_id()["sanitation_satisfaction_rate"]
    assert sat["grains"] == ["quarter", "year"] and registry.pass_score(sat) == 4.0


def test_a_status_grain_must_be_one_of_the_grains():
    doc = copy.deepcopy(registry.load())
    ind = next(i for i in doc["indicators"] if i["id"] == "problem_on_time_closure_rate")
    assert registry.status_grain(ind) == "quarter"          # few closures a month: by quarter
    ind["status_grain"] = "day"
    with pytest.raises(registry.RegistryError, match="status_grain"):
        registry.validate(doc)
