"""The committed sample files are what the generators write: the sample city (XX市) and the
hand-made city (测试市) regenerated into a temporary folder are byte-for-byte the same files."""

import filecmp
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SAMPLE

pytestmark = pytest.mark.slow


def same_tree(a, b, skip=()):
    """Relative paths of the files that differ or exist on one side only."""
    cmp = filecmp.dircmp(a, b, ignore=["__pycache__", *skip])
    out = [*cmp.left_only, *cmp.right_only, *cmp.diff_files, *cmp.funny_files]
    match, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    out += mismatch + errors
    for sub in cmp.common_dirs:
        out += [f"{sub}/{p}" for p in same_tree(a / sub, b / sub)]
    return sorted(out)


def test_the_sample_city_regenerates_byte_for_byte(tmp_path):
    subprocess.run([sys.executable, "-m", "sample_data.generate", "--out", str(tmp_path),
                    "--end", "2026-11"], cwd=ROOT, check=True, capture_output=True)
    assert same_tree(tmp_path, SAMPLE, skip=["generate.py", "__init__.py", "README.md"]) == []


def test_the_hand_city_regenerates_byte_for_byte(tmp_path):
    subprocess.run([sys.executable, "tests/fixtures/hand_city/build.py", "--out", str(tmp_path)],
                   cwd=ROOT, check=True, capture_output=True)
    assert same_tree(tmp_path, ROOT / "tests" / "fixtures" / "hand_city",
                     skip=["build.py"]) == []
