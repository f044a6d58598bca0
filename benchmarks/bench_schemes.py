"""Benchmark: the scheme comparison against the single tools run one by one, side by side.

usage: .venv/bin/python benchmarks/bench_schemes.py [--repeat 3]

The sample twin's site S1 and its two design schemes (generated into .cache/sample by
the demo or the tests), with the Xiangmihu buildings, parcels, zones, viewpoints,
corridors, DEM and the three flood scenarios:

  (a) compareschemes: one run computing every figure for both schemes;
  (b) what an analyst would otherwise run: sunlight hours without a scheme (the
      baseline), then per scheme height control (parcels and zones), height control on
      the site, district indicators on the site, the view corridor check, the skyline
      with the scheme, sunlight hours with the scheme as obstruction and flood impact.

Both read the same layers through Processing with temporary outputs; the sunlight
neighbourhood is the site's bounding box grown by 500 m in both. Each side is run
``--repeat`` times; the table gives the median. Writes benchmarks/results/schemes_sample.md.
"""

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
T = "TEMPORARY_OUTPUT"
SCHEMES = ("scheme_s1_a", "scheme_s1_b")


def layers(sample):
    from qgis.core import QgsRasterLayer, QgsVectorLayer

    gpkg = sample / "twin.gpkg"
    out = {}
    for table in SCHEMES + ("sites", "buildings", "parcels", "height_control", "viewpoints",
                            "view_corridors"):
        layer = QgsVectorLayer("{}|layername={}".format(gpkg, table), table, "ogr")
        assert layer.isValid(), table
        out[table] = layer
    out["floods"] = [QgsRasterLayer(str(sample / "rasters" / "flood-depth-{}.tif".format(s)),
                                    "flood-depth-" + s) for s in ("rp20", "rp50", "rp100")]
    out["dem"] = QgsRasterLayer(str(sample / "rasters" / "dem.tif"), "dem")
    return out


def run(algorithm, params):
    import processing
    from qgis.core import QgsProcessingFeedback

    start = time.perf_counter()
    processing.run("twindistrictreview:" + algorithm, params, feedback=QgsProcessingFeedback())
    return time.perf_counter() - start


def comparison(lay):
    return run("compareschemes", {
        "SCHEMES": [lay[s] for s in SCHEMES], "SITE": lay["sites"], "BUILDINGS": lay["buildings"],
        "PARCELS": lay["parcels"], "ZONES": lay["height_control"], "VIEWPOINTS": lay["viewpoints"],
        "CORRIDORS": lay["view_corridors"], "DEM": lay["dem"], "FLOOD_RASTERS": lay["floods"],
        "YEAR": 2026, "OUTPUT": T, "SKYLINE_TABLE": T, "FLOOD_TABLE": T, "FAILURES": T,
        "SUNLIGHT_CHANGES": T})


def site_extent(lay, margin=500.0):
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

    crs = QgsCoordinateReferenceSystem("EPSG:4547")
    box = QgsCoordinateTransform(lay["sites"].crs(), crs, QgsProject.instance()) \
        .transformBoundingBox(lay["sites"].extent())
    return "{},{},{},{} [EPSG:4547]".format(box.xMinimum() - margin, box.xMaximum() + margin,
                                           box.yMinimum() - margin, box.yMaximum() + margin)


def singles(lay):
    """{step: seconds} of the single tools, as an analyst would run them."""
    extent = site_extent(lay)
    sun = {"BUILDINGS": lay["buildings"], "EXTENT": extent, "YEAR": 2026, "POINTS": T,
           "BUILDINGS_OUT": T, "FACADES": T}
    times = {"sunlight without a scheme": run("sunlighthours", sun)}
    for name in SCHEMES:
        s = lay[name]
        steps = {
            "height control": ("heightcontrol", {"BUILDINGS": s, "PARCELS": lay["parcels"],
                                                 "ZONES": lay["height_control"], "OUTPUT": T}),
            "site height cap": ("heightcontrol", {"BUILDINGS": s, "PARCELS": lay["sites"],
                                                  "PARCEL_ID_FIELD": "site_id", "OUTPUT": T}),
            "GFA, FAR, density": ("districtindicators", {
                "DISTRICTS": lay["sites"], "DISTRICT_ID_FIELD": "site_id", "BUILDINGS": s,
                "OUTPUT": T}),
            "view corridors": ("viewcorridor", {
                "CORRIDORS": lay["view_corridors"], "VIEWPOINTS": lay["viewpoints"],
                "BUILDINGS": s, "DEM": lay["dem"], "OUTPUT": T}),
            "skyline with the scheme": ("skyline", {
                "VIEWPOINTS": lay["viewpoints"], "BUILDINGS": lay["buildings"], "SCHEME": s,
                "DEM": lay["dem"], "PROFILE": T, "SKYLINE": T, "SKYLINE_BUILDINGS": T,
                "METRICS": T}),
            "sunlight with the scheme": ("sunlighthours", dict(sun, OBSTRUCTIONS=s)),
            "flood impact": ("floodimpact", {
                "FLOOD_RASTERS": lay["floods"], "BUILDINGS": s, "BUILDINGS_OUT": T,
                "IMPACT_AREAS": T, "SUMMARY": T, "COMPARISON": T}),
        }
        for label, (algorithm, params) in steps.items():
            times[label] = times.get(label, 0.0) + run(algorithm, params)
    return times


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sample = ROOT / ".cache" / "sample"
    if not (sample / "twin.gpkg").is_file():
        print("No sample twin in .cache/sample: run bash scripts/demo.sh first.")
        return 1
    from scripts import qgis_headless

    app, provider = qgis_headless.start()  # noqa: F841 (kept alive for the run)
    lay = layers(sample)
    a, b, steps = [], [], []
    for _ in range(args.repeat):
        a.append(comparison(lay))
        step_times = singles(lay)
        steps.append(step_times)
        b.append(sum(step_times.values()))
    ta, tb = statistics.median(a), statistics.median(b)
    lines = [
        "# Scheme comparison vs the single tools: the sample's site S1, two schemes", "",
        "`.venv/bin/python benchmarks/bench_schemes.py --repeat {}`, {}, {}, {} cores, "
        "Python {}. Sample twin: Xiangmihu's 2,100 buildings, site S1 with scheme A (3 "
        "buildings) and scheme B (8), 2 viewpoints, 2 corridors, 3 flood scenarios; "
        "sunlight 大寒日 2026 on the homes within 500 m of the site.".format(
            args.repeat, time.strftime("%Y-%m-%d"), platform.machine(), os.cpu_count(),
            platform.python_version()), "",
        "| method | median s | runs (s) | vs single tools |", "|---|---:|---|---:|",
        "| (a) compareschemes, both schemes | {:.2f} | {} | {:.2f}× |".format(
            ta, ", ".join("{:.2f}".format(t) for t in a), tb / ta),
        "| (b) single tools one by one (15 runs) | {:.2f} | {} | 1× |".format(
            tb, ", ".join("{:.2f}".format(t) for t in b)), "",
        "Single tools, last repeat (s, both schemes together):", "",
        "| step | s |", "|---|---:|"]
    lines += ["| {} | {:.2f} |".format(k, v) for k, v in steps[-1].items()]
    lines += ["", "Notes:", "",
              "- Both sides give the same figures (tests/test_compare_schemes.py checks each "
              "against its single tool); the comparison also ranks the schemes.",
              "- The sunlight steps dominate both sides; the comparison computes the "
              "baseline once and reads every layer once."]
    path = ROOT / "benchmarks" / "results" / "schemes_sample.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)
