"""End to end: review Xiangmihu on the real sample service, then open the project offline."""

import csv
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]


def service_count(base, collection, bbox):
    """Count a collection's features in a bbox by paging with plain HTTP (independent client)."""
    url = "{}/collections/{}/items".format(base, collection)
    params = {"f": "json", "limit": 1000, "bbox": ",".join(str(v) for v in bbox)}
    total, seen = 0, set()
    while url:
        page = requests.get(url, params=params, timeout=60).json()
        params = None  # next links carry the query
        total += len(page["features"])
        nxt = [link["href"] for link in page.get("links", []) if link.get("rel") == "next"]
        url = nxt[0] if nxt and page["features"] and nxt[0] not in seen else None
        seen.add(url)
    return total


def open_offline(qgz):
    proc = subprocess.run([sys.executable, str(ROOT / "tests" / "support" / "open_offline.py"),
                           str(qgz)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_review_writes_project_package_and_summary(review):
    for key in ("PROJECT", "GEOPACKAGE", "SUMMARY_CSV", "SUMMARY_HTML"):
        assert Path(review[key]).is_file(), key
    assert Path(review["PROJECT"]).parent == Path(review["GEOPACKAGE"]).parent
    assert not list(Path(review["GEOPACKAGE"]).parent.glob("*.part*")), "temporary files left"
    rows = list(csv.DictReader(open(review["SUMMARY_CSV"], encoding="utf-8")))
    far = [r for r in rows if r["section"] == "indicator" and r["name"].startswith("Floor-area")]
    assert far and float(far[0]["value"]) > 0


def test_project_paths_are_relative(review):
    with zipfile.ZipFile(review["PROJECT"]) as zf:
        qgs = zf.read([n for n in zf.namelist() if n.endswith(".qgs")][0]).decode("utf-8")
    import re

    sources = [s for s in re.findall(r"<datasource>([^<]*)</datasource>", qgs) if s]
    gpkg_name = Path(review["GEOPACKAGE"]).name
    assert len(sources) >= 20
    # Every layer reads the GeoPackage beside the project, by a relative path.
    assert all("./{}".format(gpkg_name) in src for src in sources), sources
    assert not [src for src in sources if str(Path(review["GEOPACKAGE"]).parent) in src]
    # No label font of the writing machine: QGIS would warn wherever it is not installed.
    assert "<text-style" in qgs and not re.search(r"<text-style[^>]*fontFamily=", qgs)


def test_project_opens_offline_with_service_counts(review, twin_service, sample_manifest):
    report = open_offline(review["PROJECT"])
    assert report["read"] and report["crs"] == "EPSG:4547"
    assert report["requests"] == [], "opening the project touched the network"
    layers = {layer["name"]: layer for layer in report["layers"]}
    assert all(layer["valid"] for layer in layers.values()), [
        n for n, layer in layers.items() if not layer["valid"]]
    # Every collection tagged for the district is in the project.
    tagged = [c for c in sample_manifest["collections"]
              if any(k in ("twin:district=xiangmihu", "twin:district=*") for k in c["keywords"])]
    assert len(report["layers"]) >= len(tagged)
    # Counts equal what the service itself gives for the district's bbox.
    district = requests.get("{}/collections/districts/items".format(twin_service),
                            params={"district_id": "xiangmihu", "f": "json"}, timeout=30).json()
    coords = [pt for ring in district["features"][0]["geometry"]["coordinates"] for pt in ring]
    bbox = (min(p[0] for p in coords), min(p[1] for p in coords),
            max(p[0] for p in coords), max(p[1] for p in coords))
    sources = {layer["source"].split("layername=")[-1]: layer for layer in report["layers"]
               if "features" in layer}
    assert sources["buildings"]["features"] == service_count(twin_service, "buildings", bbox)
    assert sources["buildings"]["features"] >= 2000
    assert sources["roads"]["features"] == service_count(twin_service, "roads", bbox)
    # Styled by role: buildings graduated on height; rasters styled too.
    assert sources["buildings"]["renderer"] == "graduatedSymbol"
    assert sources["buildings"]["renderer_attribute"] == "height"
    rasters = [layer for layer in report["layers"] if "size" in layer]
    assert len(rasters) >= 4  # dem + three flood scenarios
    assert all(layer["renderer"] == "singlebandpseudocolor" for layer in rasters)


def test_review_includes_flood_impact_of_every_scenario(review):
    """The review runs the flood review on the package's scenarios: its report beside the
    summary, its layers in the project (valid offline, styled by class, starting hidden)."""
    text = Path(review["FLOOD_REPORT"]).read_text(encoding="utf-8")
    assert "<th>rp20</th><th>rp50</th><th>rp100</th>" in text
    report = open_offline(review["PROJECT"])
    flood = {layer["source"].split("layername=")[-1]: layer for layer in report["layers"]
             if "layername=flood_" in layer["source"]}
    assert set(flood) == {"flood_buildings", "flood_roads", "flood_impact_areas"}
    assert all(layer["valid"] and layer["renderer"] == "categorizedSymbol"
               for layer in flood.values())
    assert flood["flood_buildings"]["features"] == [
        layer for layer in report["layers"] if layer["source"].endswith("=buildings")][0]["features"]


def test_review_includes_form_and_sunlight_checks(review):
    """The review runs height control, view corridors, the skyline and sunlight hours on
    the package: their layers in the project (valid offline, styled), their figures in the
    summary equal to what the layers hold, a skyline chart per viewpoint."""
    import sqlite3

    report = open_offline(review["PROJECT"])
    tables = {"height_violations", "corridor_violations", "skyline", "skyline_buildings",
              "sunlight_points", "sunlight_buildings"}
    layers = {layer["source"].split("layername=")[-1]: layer for layer in report["layers"]
              if layer["source"].split("layername=")[-1] in tables}
    assert set(layers) == tables
    assert all(layer["valid"] and layer["features"] > 0 for layer in layers.values())
    assert all(layer["renderer"] != "singleSymbol" for name, layer in layers.items()
               if name in ("height_violations", "sunlight_points", "sunlight_buildings"))

    rows = [r for r in csv.DictReader(open(review["SUMMARY_CSV"], encoding="utf-8"))
            if r["section"] == "check"]
    by_name = {r["name"]: r for r in rows}
    con = sqlite3.connect(review["GEOPACKAGE"])
    try:
        exceeding = con.execute("SELECT COUNT(*) FROM height_violations").fetchone()[0]
        breaking = con.execute(
            "SELECT COUNT(DISTINCT building_id) FROM corridor_violations").fetchone()[0]
        points, lit = con.execute(
            "SELECT COUNT(*), SUM(compliant) FROM sunlight_points").fetchone()
    finally:
        con.close()
    assert int(by_name["Buildings above their height control"]["value"]) == exceeding > 0
    assert int(by_name["Buildings breaking a view corridor"]["value"]) == breaking
    assert by_name["Sunlight test points on homes (大寒日 ≥ 3 h)"]["value"] == "{:,}".format(
        points)
    assert by_name["Test points with enough sunlight"]["value"] == "{:.0%}".format(lit / points)
    charts = sorted(p.name for p in Path(review["OUTPUT_FOLDER"]).glob("*_skyline/*.png"))
    assert charts == ["skyline_vp-lake-south.png", "skyline_vp-park-hill.png"]
