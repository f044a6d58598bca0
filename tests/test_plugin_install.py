"""The built zip, installed into a fresh QGIS profile, loads in the real QGIS desktop and unloads."""

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from scripts.qgis_profile import make_profile

ROOT = Path(__file__).resolve().parents[1]
ALLOWED_TOP = {"metadata.txt", "__init__.py", "plugin", "resources", "LICENSE"}


@pytest.fixture(scope="module")
def plugin_zip(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist") / "twin_district_review.zip"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_zip.py"), "--out", str(out)],
                   check=True, capture_output=True)
    return out


def test_zip_holds_only_the_plugin(plugin_zip):
    with zipfile.ZipFile(plugin_zip) as zf:
        names = zf.namelist()
    tops = {n.split("/")[1] for n in names}
    assert {n.split("/")[0] for n in names} == {"twin_district_review"}
    assert tops == ALLOWED_TOP
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert "twin_district_review/resources/styles/buildings.qml" in names


@pytest.mark.desktop
@pytest.mark.skipif(shutil.which("xvfb-run") is None or shutil.which("qgis") is None,
                    reason="needs the QGIS desktop and xvfb-run")
def test_installed_zip_loads_and_unloads_in_qgis_desktop(plugin_zip, tmp_path):
    profiles = make_profile(tmp_path, plugin_zip)
    report_path = tmp_path / "report.json"
    env = dict(os.environ, TDR_REPORT=str(report_path), QT_QPA_PLATFORM="xcb",
               HOME=str(tmp_path))
    cmd = ["xvfb-run", "-a", "qgis", "--profiles-path", str(profiles), "--profile", "default",
           "--nologo", "--noversioncheck", "--skipbadlayers",
           "--code", str(ROOT / "tests" / "support" / "desktop_check.py")]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert report_path.exists(), "QGIS did not run the check script:\n" + proc.stderr[-3000:]
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert "error" not in report, report.get("error")
    assert report["available"] and report["active"]
    assert report["plugin_path"].startswith("twin_district_review.")
    assert "&Twin District Review" in report["menu_before"]
    assert len(report["toolbar_actions_before"]) >= 3  # catalog dock + 2 algorithms
    assert report["dock_before"] is True
    assert "Twin District Review" in report["browser_before"]
    assert "twindistrictreview:districtindicators" in report["algorithms_before"]
    for algorithm in ("floodimpact", "packagedistrict", "refreshdistrictpackage"):
        assert "twindistrictreview:" + algorithm in report["algorithms_before"]
    assert "Flood and waterlogging impact…" in report["toolbar_actions_before"]
    assert report["unloaded"] is True
    assert "&Twin District Review" not in report["menu_after"]
    assert report["toolbar_after"] is False
    assert report["algorithms_after"] is None
    assert report["dock_after"] is False
    assert "Twin District Review" not in report["browser_after"]
