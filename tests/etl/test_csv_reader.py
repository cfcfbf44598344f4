"""The CSV reader (polars at once) gives the cells the csv module's path gives — on every CSV of
the sample city and the tests' fixtures, and on texts made of what departments' files hold
(blank lines, blank and whitespace cells, short rows, quoted line breaks and quotes, tabs, CRLF);
what polars cannot read the same way (a longer row, a stray quote, an overlong cell) goes to the
csv module's path and its plain-words errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from polars.testing import assert_frame_equal

from etl import readers

ROOT = Path(__file__).resolve().parents[2]
CSVS = sorted([*(ROOT / "sample_data").rglob("*.csv"),
               *(ROOT / "tests" / "fixtures").rglob("*.csv")])


def both(text: str, delimiter: str = ","):
    return readers._polars_grid(text, delimiter), readers._csv_module_grid(text, delimiter)


@pytest.mark.parametrize("path", CSVS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_sample_and_fixture_csv_reads_the_same(path):
    text = readers.decode_text(path.read_bytes())
    delimiter = "\t" if text[:4096].count("\t") > text[:4096].count(",") else ","
    fast, slow = both(text, delimiter)
    assert fast is not None, "read by the csv module's path only"
    assert_frame_equal(fast, slow)


@pytest.mark.parametrize("text", [
    "编码,名称,数量\n990102,城关区,3\n",
    "编码,名称,数量\r\n990102,城关区,3\r\n990103,东湖区,\r\n",             # CRLF, a blank cell
    "编码,名称,数量\n\n990102,城关区,3\n\n",                              # blank lines keep numbers
    "编码,名称,数量\n990102,  ,3\n990103,\u3000,\x1f\n",                 # whitespace-only cells
    "编码,名称,数量\n990102,城关区\n990103\n",                            # short rows
    '编码,名称,备注\n990102,"城关区,老城","第一行\n第二行"\n',    # quoted comma, line break
    '编码,名称\n990102,"他说""好"""\n',                                  # doubled quotes
    "编码,名称\n990102,城关区,多出来的一格\n",                   # a row longer than the first
    "编码,名称,\n990102,城关区,\n",                                        # a trailing delimiter
    " 编码 , 名称 \n 990102 , 城关区 \n",                                  # spaces kept in cells
])
def test_what_department_files_hold_reads_the_same(text):
    fast, slow = both(text)
    assert fast is not None
    assert_frame_equal(fast, slow)


def test_tabs_read_the_same():
    fast, slow = both("编码\t名称\n990102\t城关区\n", "\t")
    assert_frame_equal(fast, slow)


@pytest.mark.parametrize("text", [
    '编码,名称\n990102,"城关区\n',                     # a quote never closed
    '编码,名称\n990103,a"b\n',                         # a quote inside a cell
    "", "   \n",                                        # nothing in the file
])
def test_what_polars_cannot_read_the_same_way_goes_to_the_csv_module(text):
    assert readers._polars_grid(text, ",") is None
    readers._csv_module_grid(text, ",")     # reads it, or says why in words


def test_an_overlong_cell_gets_the_csv_modules_words(tmp_path):
    path = tmp_path / "长.csv"
    path.write_text("编码,备注\n990102," + "字" * (readers.MAX_CELL + 1) + "\n", encoding="utf-8")
    assert readers._polars_grid(path.read_text(encoding="utf-8"), ",") is None
    with pytest.raises(readers.UnreadableFile, match="无法按 CSV 读取"):
        readers.read_csv_grid(path)


def test_the_written_out_whitespace_is_pythons():
    """A cell of only whitespace is blank, whichever reader read it: the reader's list is every
    character str.strip removes, no more, no fewer."""
    assert set(readers.WHITESPACE) == {ch for ch in map(chr, range(0x110000)) if ch.isspace()}
