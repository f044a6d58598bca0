"""Benchmark: an offline package of a 100,000-building area, side by side in one run.

Against the same pygeoapi server (the 100,000-building sample of bench_pull.py):
  ogr2ogr      GDAL's OAPIF driver, one ogr2ogr per vector collection into one GeoPackage
               (-spat bbox, -t_srs EPSG:4547, PAGE_SIZE=1000) and gdal_translate for the
               DEM coverage: the baseline (no polygon clip, no project, no provenance).
  package      this plugin's "Package district for offline use" on the same collections:
               clip to the polygon + 100 m margin, provenance, styled .qgz with 3D setup.
  refresh      "Refresh district package" right after: every collection's twin:version
               unchanged, so nothing is re-pulled.
  refresh_all  the same with FORCE: everything re-pulled and compared feature by feature
               (preview, not applied).
Each row runs in its own process (QGIS start included); wall time and the process's
own CPU time. Results: benchmarks/results/package_<N>.md.

usage: .venv/bin/python benchmarks/bench_package.py [--buildings 100000]
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_pull import generate, timed_process  # noqa: E402
from tests.support.twin_service import start_sample_service  # noqa: E402

VECTORS = ("buildings", "roads", "parcels")
RASTER = "dem"

PLUGIN_RUN = r"""
import json, os, sys
sys.path.insert(0, {root!r})
from scripts.qgis_headless import start
app, provider = start()
import processing
from qgis.core import QgsVectorLayer, QgsFeature, QgsGeometry
params = json.loads({params!r})
if "POLYGON_WKT" in params:
    layer = QgsVectorLayer("Polygon?crs=EPSG:4326", "area", "memory")
    f = QgsFeature(); f.setGeometry(QgsGeometry.fromWkt(params.pop("POLYGON_WKT")))
    layer.dataProvider().addFeatures([f])
    params["DISTRICT_POLYGON"] = layer
result = processing.run({algorithm!r}, params)
print(json.dumps({{k: v for k, v in result.items() if isinstance(v, (int, float, str))}}))
os._exit(0)
"""


def timed(cmd, env=None):
    wall, usage, out = timed_process(cmd, env)
    return wall, usage.ru_utime + usage.ru_stime, out


def plugin(algorithm, params, work):
    script = Path(work) / "run_{}.py".format(algorithm.split(":")[1])
    script.write_text(PLUGIN_RUN.format(root=str(ROOT), params=json.dumps(params),
                                        algorithm=algorithm))
    wall, cpu, out = timed([sys.executable, str(script)],
                           dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    return wall, cpu, json.loads(out.strip().splitlines()[-1])


def baseline(url, bbox, out):
    walls, cpus = [], []
    spat = [str(v) for v in bbox]
    for cid in VECTORS:
        wall, cpu, _ = timed(["ogr2ogr", "-f", "GPKG", "-update", "-append", str(out),
                              "OAPIF:" + url, cid, "-oo", "PAGE_SIZE=1000", "-spat", *spat,
                              "-spat_srs", "EPSG:4326", "-t_srs", "EPSG:4547",
                              "-nln", cid.replace("-", "_")])
        walls.append(wall)
        cpus.append(cpu)
    tif = Path(out).with_suffix(".tif")
    coverage = "{}/collections/{}/coverage?f=GTiff&bbox={}".format(url, RASTER, ",".join(spat))
    # /vsicurl/ needs range requests, which pygeoapi does not serve: fetch, then convert.
    for cmd in ([sys.executable, "-c", "import sys, urllib.request; urllib.request."
                 "urlretrieve(sys.argv[1], sys.argv[2])", coverage, str(tif)],
                ["gdal_translate", "-of", "GPKG", "-co", "APPEND_SUBDATASET=YES",
                 "-co", "RASTER_TABLE=" + RASTER, str(tif), str(out)]):
        wall, cpu, _ = timed(cmd)
        walls.append(wall)
        cpus.append(cpu)
    info = subprocess.run(["ogrinfo", "-ro", "-so", "-al", str(out)], capture_output=True,
                          text=True).stdout
    count = sum(int(n) for n in re.findall(r"Feature Count: (\d+)", info))
    return sum(walls), sum(cpus), count


def area(url):
    """A polygon around every building of the sample (its extent from the catalog)."""
    import requests

    doc = requests.get("{}/collections/buildings".format(url), params={"f": "json"},
                       timeout=30).json()
    x0, y0, x1, y1 = doc["extent"]["spatial"]["bbox"][0]
    return "POLYGON(({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))".format(x0, y0, x1, y1), \
        (x0, y0, x1, y1)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--buildings", type=int, default=100000)
    args = parser.parse_args(argv)
    data = generate(args.buildings)
    service = start_sample_service(data)
    work = Path(tempfile.mkdtemp(prefix="bench-package-"))
    rows = []
    try:
        wkt, bbox = area(service.url)
        wall, cpu, layers = baseline(service.url, bbox, work / "ogr2ogr.gpkg")
        rows.append(("ogr2ogr + gdal_translate (baseline)", wall, cpu,
                     "{} features (bbox, no clip), 4 layers".format(layers)))
        gpkg = work / "pkg" / "area.gpkg"
        wall, cpu, out = plugin("twindistrictreview:packagedistrict", {
            "SERVICE_URL": service.url, "POLYGON_WKT": wkt, "MARGIN": 100,
            "COLLECTIONS": ",".join(VECTORS + (RASTER,)), "OUTPUT": str(gpkg)}, work)
        rows.append(("package (plugin)", wall, cpu, "{} features, {} layers".format(
            out["FEATURE_COUNT"], out["LAYER_COUNT"])))
        for name, force in (("refresh, nothing changed", False),
                            ("refresh, forced re-pull and compare", True)):
            wall, cpu, out = plugin("twindistrictreview:refreshdistrictpackage", {
                "PACKAGE": str(gpkg), "APPLY": False, "FORCE": force,
                "DIFF": str(work / "diff.json")}, work)
            rows.append((name, wall, cpu, "{} skipped, {} changed".format(
                out["SKIPPED"], out["CHANGED"])))
    finally:
        service.stop()
        shutil.rmtree(str(work), ignore_errors=True)
    base = rows[0][1]
    lines = ["# Offline package of a {:,}-building area: side by side in one run".format(
        args.buildings), "",
        "Measured {} on {} cores; server: pygeoapi 0.21 (SpatiaLite), page size 1000. "
        "Each row is its own process (QGIS start included for the plugin rows).".format(
            time.strftime("%Y-%m-%d %H:%M"), os.cpu_count()), "",
        "| run | wall s | CPU s (own) | wall vs baseline | result |",
        "|---|---:|---:|---:|---|"]
    for name, wall, cpu, note in rows:
        lines.append("| {} | {:.1f} | {:.1f} | {:.2f}× | {} |".format(name, wall, cpu,
                                                                       wall / base, note))
    md = "\n".join(lines) + "\n"
    (ROOT / "benchmarks" / "results" / "package_{}.md".format(args.buildings)).write_text(
        md, encoding="utf-8")
    print(md)


if __name__ == "__main__":
    sys.exit(main())
