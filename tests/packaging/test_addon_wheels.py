"""Each addon is a pip-installable distribution, as OCA publishes theirs: a wheel built by the
whool backend from its pyproject.toml, named and versioned from its manifest, that makes the addon
importable by Odoo from site-packages, without touching the addons path.

Needs Odoo importable and whool installed (requirements.txt): bin/test runs it with Odoo's Python.
"""

import ast
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ADDONS = sorted(path.parent for path in ROOT.glob("*/__manifest__.py"))


def manifest(addon):
    return ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def wheels(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wheels")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(folder)]
        + [str(addon) for addon in ADDONS],
        check=True,
    )
    return {path.name.split("-")[0]: path for path in folder.glob("*.whl")}


@pytest.mark.parametrize("addon", ADDONS, ids=[addon.name for addon in ADDONS])
def test_every_addon_builds_a_wheel_named_and_versioned_from_its_manifest(addon, wheels):
    assert (addon / "pyproject.toml").is_file(), "every addon has its pyproject.toml (whool backend)"
    wheel = wheels.get(f"odoo_addon_{addon.name}")
    assert wheel, f"no wheel built for {addon.name}: {sorted(wheels)}"
    assert wheel.name.split("-")[1].startswith(manifest(addon)["version"])
    names = zipfile.ZipFile(wheel).namelist()
    assert f"odoo/addons/{addon.name}/__manifest__.py" in names
    assert f"odoo/addons/{addon.name}/i18n/fr.po" in names


def test_an_addon_installed_from_its_wheel_is_found_by_odoo_without_the_addons_path(wheels, tmp_path):
    addon = "smart_queries"
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    scratch_site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # Beside Odoo: the scratch environment sees the packages of the one Odoo is installed in.
    # (addsitedir, so that Odoo's own .pth, an editable install of its source, is read too).
    odoo_site = sysconfig.get_paths()["purelib"]
    (Path(scratch_site) / "odoo-beside.pth").write_text(f"import site; site.addsitedir({odoo_site!r})\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheels[f"odoo_addon_{addon}"])], check=True
    )
    found = subprocess.run(
        [str(python), "-c", f"from odoo.modules.module import get_module_path; print(get_module_path('{addon}'))"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    ).stdout.strip()
    assert found == str(Path(scratch_site) / "odoo" / "addons" / addon)
