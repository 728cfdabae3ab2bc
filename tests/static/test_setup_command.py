"""What bin/setup answers to a bad ODOO_SOURCE: one line saying what is wrong, a non-zero exit,
and nothing half-created that would block the next run. Runs on a copy of the repository with
an empty HOME, so that no Odoo is found or remembered."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def checkout(tmp_path):
    copy = tmp_path / "checkout"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".git", ".venv", ".local", "__pycache__", "*.pyc"))
    return copy


def run_setup(checkout, odoo_source):
    env = {
        "HOME": str(checkout.parent / "home"),
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "ODOO_SOURCE": str(odoo_source),
    }
    return subprocess.run(
        ["bash", "bin/setup"], cwd=checkout, env=env, capture_output=True, text=True, timeout=60, check=False
    )


def error_lines(result):
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


def test_missing_odoo_source_is_explained(checkout, tmp_path):
    result = run_setup(checkout, tmp_path / "no-such-odoo.tar.gz")
    assert result.returncode != 0
    assert error_lines(result) == [
        f"error: ODOO_SOURCE={tmp_path / 'no-such-odoo.tar.gz'} does not exist: set it to an Odoo 19.0 source tree, archive or URL."
    ]


def test_a_folder_that_is_not_odoo_is_refused(checkout, tmp_path):
    (tmp_path / "not-odoo").mkdir()
    result = run_setup(checkout, tmp_path / "not-odoo")
    assert result.returncode != 0
    assert len(error_lines(result)) == 1
    assert "is a directory but not an Odoo source tree" in error_lines(result)[0]


def test_a_broken_archive_leaves_nothing_behind(checkout, tmp_path):
    archive = tmp_path / "odoo.tar.gz"
    archive.write_bytes(b"this is not an archive")
    result = run_setup(checkout, archive)
    assert result.returncode != 0
    assert len(error_lines(result)) == 1
    assert "is not a readable tar or zip archive" in error_lines(result)[0]
    assert not list((checkout / ".local").glob("odoo-src*"))
    assert not (checkout / ".venv").exists()
