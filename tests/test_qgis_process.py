"""The installed plugin runs from `qgis_process` in QGIS's own Python (no test venv).

Debian 12's QGIS has shapely 1.8 (with python3-geopandas 0.12), so this is also the
"stock QGIS" check: the indicators are computed there too; without geopandas the review
still writes its package and project and says why the indicators were skipped.
"""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
QGIS_PROCESS = shutil.which("qgis_process.bin")  # Debian's `qgis_process` wrapper is broken

pytestmark = pytest.mark.skipif(QGIS_PROCESS is None, reason="needs qgis_process.bin")


@pytest.fixture(scope="module")
def qgis_home(tmp_path_factory):
    return plugin_home(tmp_path_factory.mktemp("home"))


def plugin_home(home):
    """``home`` as a HOME whose default QGIS profile has only this plugin, installed from
    the built zip and enabled."""
    plugins = home / ".local/share/QGIS/QGIS3/profiles/default/python/plugins"
    plugins.mkdir(parents=True)
    out = home / "twin_district_review.zip"
    subprocess.run([sys.executable, str(ROOT / "scripts/build_zip.py"), "--out", str(out)],
                   check=True, capture_output=True)
    with zipfile.ZipFile(out) as zf:
        zf.extractall(plugins)
    run(home, "plugins", "enable", "twin_district_review")
    return home


def run(home, *args):
    # QGIS as a user starts it: not the test venv, not pytest-qgis's settings folder.
    env = {k: v for k, v in os.environ.items() if k not in (
        "PYTHONPATH", "VIRTUAL_ENV", "QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH")}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen")
    return subprocess.run([QGIS_PROCESS, *args], env=env, capture_output=True, text=True,
                          timeout=300)


def stock_has_geopandas():
    return subprocess.run(["/usr/bin/python3", "-c", "import geopandas"],
                          capture_output=True).returncode == 0


def test_algorithms_are_listed(qgis_home):
    listing = run(qgis_home, "list").stdout
    assert "twindistrictreview:reviewdistrict" in listing
    assert "twindistrictreview:districtindicators" in listing
    assert "twindistrictreview:packagedistrict" in listing
    assert "twindistrictreview:refreshdistrictpackage" in listing


def indicator_rows(csv_path):
    import csv

    with open(csv_path, encoding="utf-8") as fh:
        return [row for row in csv.DictReader(fh) if row["section"] == "indicator"]


def test_review_runs_from_qgis_process(qgis_home, twin_service, tmp_path, review):
    proc = run(qgis_home, "run", "twindistrictreview:reviewdistrict", "--",
               "SERVICE_URL=" + twin_service, "DISTRICT=xiangmihu",
               "OUTPUT_FOLDER=" + str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert (tmp_path / "out" / "xiangmihu.qgz").is_file()
    html = (tmp_path / "out" / "xiangmihu_summary.html").read_text(encoding="utf-8")
    if stock_has_geopandas():  # Debian's python3-geopandas: shapely 1.8 is enough
        assert "Floor-area ratio" in html and "were skipped" not in html
        # The same numbers as the in-process run on the test venv's shapely 2.
        assert indicator_rows(tmp_path / "out" / "xiangmihu_summary.csv") == \
            indicator_rows(review["SUMMARY_CSV"])
    else:
        assert "District indicators were skipped" in html and "geopandas" in html


def test_package_and_refresh_run_from_qgis_process(qgis_home, twin_service, tmp_path):
    """The two package algorithms in a model-free command line: package, then a refresh
    that finds the package current (every collection skipped, nothing applied)."""
    import json

    gpkg = tmp_path / "pkg" / "houhai.gpkg"
    made = run(qgis_home, "run", "twindistrictreview:packagedistrict", "--",
               "SERVICE_URL=" + twin_service, "DISTRICT=houhai", "MARGIN=100",
               "COLLECTIONS=districts,buildings,roads,dem", "OUTPUT=" + str(gpkg))
    assert made.returncode == 0, made.stdout[-2000:] + made.stderr[-2000:]
    assert gpkg.is_file() and gpkg.with_suffix(".qgz").is_file()
    diff = tmp_path / "diff.json"
    refreshed = run(qgis_home, "run", "twindistrictreview:refreshdistrictpackage", "--",
                    "PACKAGE=" + str(gpkg.with_suffix(".qgz")), "APPLY=false",
                    "DIFF=" + str(diff))
    assert refreshed.returncode == 0, refreshed.stdout[-2000:] + refreshed.stderr[-2000:]
    layers = json.loads(diff.read_text())["layers"]
    assert [layer["status"] for layer in layers] == ["skipped"] * 4
