"""The loader's guarantees: rejects kept, reload changes nothing, fatal and killed loads change
nothing, a re-sent file replaces its keys, readers keep working while a load publishes."""

import json
import os
import subprocess
import sys

import pytest

from etl.__main__ import main
from etl.contract import EtlFatal
from etl.load import load
from tests.conftest import ROOT, tree_hashes, write_tiny_city
from warehouse.store import connect_readonly

QUIET = {"progress": lambda _m: None}


def city_value(wdir, indicator="mixed_collection_transport_rate"):
    con, _ = connect_readonly(wdir)
    rows = con.sql(f"""select value, reporting_units, expected_units from indicator_values
                       where indicator_id = '{indicator}' and area_level = 'city'
                       and period_grain = 'month'""").fetchall()
    return rows


@pytest.fixture
def city(tmp_path):
    return write_tiny_city(tmp_path / "files")


def test_first_load_keeps_rejects_and_derives(city, tmp_path):
    wdir = tmp_path / "wh"
    summary = load([city], wdir, **QUIET)
    assert summary.published and summary.data_version == 1
    assert city_value(wdir) == [(pytest.approx(5 / 40 * 100), 2, 2)]
    con, _ = connect_readonly(wdir)
    rejects = con.sql("select file, row_number, \"column\", value, reason from "
                      "etl_rejects").fetchall()
    assert len(rejects) == 1
    file, row, column, value, reason = rejects[0]
    assert file.endswith("收运检查_202506.csv") and row == 4 and column == "街道编码"
    assert value == "660102009" and "未知的街道编码" in reason
    runs = con.sql("select template, rows_read, rows_loaded, rows_rejected from etl_runs "
                   "where file_name like '收运%'").fetchall()
    assert runs == [("garbage_inspection", 3, 2, 1)]   # etl_runs names templates by id
    lineage = con.sql("select source_file, source_row from stg_garbage_inspection "
                      "order by street_code").fetchall()
    assert [r[1] for r in lineage] == [2, 3]


def test_loading_twice_changes_nothing(city, tmp_path):
    wdir = tmp_path / "wh"
    load([city], wdir, **QUIET)
    before = tree_hashes(wdir)
    summary = load([city], wdir, **QUIET)
    assert not summary.published
    assert {f.status for f in summary.files} == {"unchanged"}
    assert tree_hashes(wdir) == before


@pytest.mark.parametrize("name,content", [
    ("坏模板.csv", "甲,乙,丙\n1,2,3\n"),
    ("个人信息.csv", "街道编码,统计月份,检查车次,混装混运车次,姓名\n660102001,202507,1,0,张三\n"),
    ("缺列.csv", "街道编码,统计月份,检查车次\n660102001,202507,1\n"),
])
def test_fatal_file_leaves_warehouse_byte_identical(city, tmp_path, name, content):
    wdir = tmp_path / "wh"
    load([city], wdir, **QUIET)
    before = tree_hashes(wdir)
    good = city / "收运检查_202507.csv"
    good.write_text("街道编码,统计月份,检查车次,混装混运车次\n660102001,202507,10,"
                    "0\n", encoding="utf-8")
    (city / name).write_text(content, encoding="utf-8")
    with pytest.raises(EtlFatal) as e:
        load([city], wdir, **QUIET)
    assert name in str(e.value)
    assert tree_hashes(wdir) == before   # the good file in the same batch did not load either


def test_cli_reports_fatal_with_file_and_column(city, tmp_path, capsys):
    bad = tmp_path / "缺列.csv"
    bad.write_text("街道编码,统计月份,检查车次\n660102001,202507,1\n", encoding="utf-8")
    code = main(["load", "--warehouse", str(tmp_path / "wh"), str(bad)])
    err = capsys.readouterr().err
    assert code == 2 and "缺列.csv" in err and "混装混运车次" in err
    assert not (tmp_path / "wh" / "CURRENT.json").exists()


def test_resent_file_replaces_its_keys_latest_wins(city, tmp_path):
    wdir = tmp_path / "wh"
    load([city], wdir, **QUIET)
    resent = tmp_path / "resent" / "收运检查_202506_更正.csv"
    resent.parent.mkdir()
    resent.write_text("\ufeff街道编码,统计月份,检查车次,混装混运车次\n660102001,2025年6月,10,0\n",
                      encoding="utf-8")
    summary = load([resent], wdir, **QUIET)
    assert summary.published and summary.files[0].rows_changed == 1
    assert city_value(wdir) == [(pytest.approx(3 / 40 * 100), 2, 2)]
    con, _ = connect_readonly(wdir)
    assert con.sql("select count(*) from stg_garbage_inspection").fetchall() == [(2,)]
    assert con.sql("select count(*) from etl_runs").fetchall() == [(5,)]


@pytest.mark.slow
@pytest.mark.parametrize("crash_at", ["mid_tables", "before_commit"])
def test_killed_load_leaves_previous_version_readable(city, tmp_path, crash_at):
    wdir = tmp_path / "wh"
    load([city], wdir, **QUIET)
    current = (wdir / "CURRENT.json").read_text(encoding="utf-8")
    old_folder = wdir / json.loads(current)["folder"]
    old = tree_hashes(old_folder)
    value = city_value(wdir)
    resent = tmp_path / "resent.csv"
    resent.write_text("街道编码,统计月份,检查车次,混装混运车次\n660102001,202506,10,9\n",
                      encoding="utf-8")
    env = {**os.environ, "HC_ETL_CRASH_AT": crash_at}
    proc = subprocess.run([sys.executable, "-m", "etl", "load", "--warehouse", str(wdir),
                           str(resent)], cwd=ROOT, env=env, capture_output=True, timeout=120)
    assert proc.returncode == 9   # killed mid-publish
    assert (wdir / "CURRENT.json").read_text(encoding="utf-8") == current
    assert tree_hashes(old_folder) == old
    assert city_value(wdir) == value
    # the next load cleans up the half-written version and publishes normally
    summary = load([resent], wdir, **QUIET)
    assert summary.data_version == 2
    assert city_value(wdir) == [(pytest.approx(12 / 40 * 100), 2, 2)]


def test_reader_keeps_working_while_a_load_publishes(city, tmp_path):
    wdir = tmp_path / "wh"
    load([city], wdir, **QUIET)
    con, info = connect_readonly(wdir)
    for i in range(2):   # HC_KEEP_VERSIONS (20) keeps older versions readable
        f = tmp_path / f"more{i}.csv"
        f.write_text(f"街道编码,统计月份,检查车次,混装混运车次\n660102001,2025-0{7 + i},10,{i}\n",
                     encoding="utf-8")
        load([f], wdir, **QUIET)
    # the old connection still reads its own (older) version's files
    assert con.sql("select count(*) from stg_garbage_inspection").fetchall() == [(2,)]
    assert info["version"] == 1


def test_a_file_loaded_before_its_geography_loads_when_read_again(city, tmp_path):
    """Every file is read again and compared row by row: once the geography is in, the same
    file's rows are known and load (no --force needed); a third read changes nothing."""
    wdir = tmp_path / "wh"
    garbage = city / "收运检查_202506.csv"
    first = load([garbage], wdir, **QUIET)
    assert first.files[0].rows_loaded == 0 and first.files[0].rows_rejected == 3
    load([city / "geo"], wdir, **QUIET)
    again = load([garbage], wdir, **QUIET)
    assert again.published and again.files[0].rows_loaded == 2
    assert city_value(wdir) == [(pytest.approx(5 / 40 * 100), 2, 2)]
    assert not load([garbage], wdir, **QUIET).published


def test_dim_column_labels_every_staged_column(city, tmp_path):
    from etl import catalog

    wdir = tmp_path / "wh"
    load([city], wdir, **QUIET)
    con, _ = connect_readonly(wdir)
    rows = con.sql("select table_name, column_name, label_zh, label_en from dim_column").fetchall()
    labels = {(t, c): (zh, en) for t, c, zh, en in rows}
    assert labels[("stg_garbage_inspection", "trips_mixed")] == ("混装混运车次",
                                                                 "Trips with mixed loads")
    assert labels[("stg_chronic_disease", "key_population_filed")] == (
        "重点人群建档数", "Key-population health records filed")
    assert labels[("stg_stage_goals", "stage_name_en")][0] == "阶段名称（英文）"
    assert labels[("stg_geography", "area_level")] == ("区域级别", "Area level")
    assert [labels[("stg_waterlogging", c)] for c in ("run_id", "source_file", "source_sheet",
                                                      "source_row")] == [
        ("导入批次", "Load run"), ("来源文件", "Source file"), ("工作表", "Sheet"),
        ("行号", "Row number")]
    # every column of every staged table the warehouse holds has its labels
    for table in {r[0] for r in rows}:
        have = {r[0] for r in con.sql(f"describe {table}").fetchall()}
        assert have == {c for t, c in labels if t == table}, table
    assert len(rows) == len(catalog.dim_column_rows())


def test_a_warehouse_without_dim_column_gets_it_on_the_next_load(city, tmp_path):
    wdir = tmp_path / "wh"
    load([city], wdir, **QUIET)
    current = wdir / "CURRENT.json"
    info = json.loads(current.read_text(encoding="utf-8"))
    del info["columns"]                        # as published before dim_column existed
    current.write_text(json.dumps(info), encoding="utf-8")
    summary = load([city], wdir, **QUIET)      # no new file, but the labels are republished
    assert summary.published
    assert not load([city], wdir, **QUIET).published


GOALS = "指标编码,区域编码,阶段名称,年份,目标值,截止日期,来源\n"


def goals_in(wdir):
    con, _ = connect_readonly(wdir)
    return con.sql("select indicator_id, year, target_value from stage_goals "
                   "order by all").fetchall()


def test_a_re_sent_goals_file_is_the_whole_plan(city, tmp_path):
    wdir = tmp_path / "wh"
    load([city], wdir, **QUIET)
    plan = tmp_path / "plan"
    plan.mkdir()
    (plan / "阶段目标.csv").write_text(
        GOALS + "mixed_collection_transport_rate,660100,全面提升年,2025,0,2025-12-31,方案\n"
        "hw_recycling_rate,660100,巩固迎检年,2026,45%,2026-12-31,方案\n", encoding="utf-8")
    load([plan], wdir, **QUIET)
    assert goals_in(wdir) == [("hw_recycling_rate", 2026, 45.0),
                              ("mixed_collection_transport_rate", 2025, 0.0)]
    # the plan changes: the recycling goal is taken out, the mixed-transport goal moves to 2026
    (plan / "阶段目标.csv").write_text(
        GOALS + "mixed_collection_transport_rate,660100,巩固迎检年,2026,0,2026-12-31,方案\n",
        encoding="utf-8")
    summary = load([plan], wdir, **QUIET)
    assert goals_in(wdir) == [("mixed_collection_transport_rate", 2026, 0.0)]
    assert summary.files[0].rows_changed == 3       # one new, two gone


def test_goals_split_over_two_files_of_one_load_are_both_kept(city, tmp_path):
    wdir = tmp_path / "wh"
    plan = tmp_path / "plan"
    plan.mkdir()
    (plan / "阶段目标_市.csv").write_text(
        GOALS + "hw_recycling_rate,660100,巩固迎检年,2026,45%,2026-12-31,方案\n", encoding="utf-8")
    (plan / "阶段目标_区.csv").write_text(
        GOALS + "hw_recycling_rate,660102,巩固迎检年,2026,40%,2026-12-31,区方案\n",
        encoding="utf-8")
    load([city, plan], wdir, **QUIET)
    con, _ = connect_readonly(wdir)
    assert con.sql("select area_code, target_value from stage_goals order by 1").fetchall() == [
        ("660100", 45.0), ("660102", 40.0)]


def test_a_warehouse_from_older_contracts_gains_their_new_columns(city, tmp_path):
    """A staged table written before a contract gained an optional column (e.g. dim_area's
    English name) is read with that column empty, rewritten, and the load goes on."""
    import duckdb

    wdir = tmp_path / "wh"
    load([city], wdir, **QUIET)
    info = json.loads((wdir / "CURRENT.json").read_text())
    geo = wdir / info["folder"] / "stg_geography.parquet"
    con = duckdb.connect()
    con.execute(f"copy (select * exclude (name_en) from read_parquet('{geo}')) to '{geo}.tmp' "
                "(format parquet)")
    os.replace(f"{geo}.tmp", geo)
    more = tmp_path / "more"
    more.mkdir()
    (more / "收运检查_202507.csv").write_text("街道编码,统计月份,检查车次,混装混运车次\n"
                                          "660102001,202507,10,1\n", encoding="utf-8")
    assert load([more], wdir, **QUIET).published
    con, _ = connect_readonly(wdir)
    assert con.sql("select count(*), count(name_en) from dim_area").fetchall() == [(4, 0)]
