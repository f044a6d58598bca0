"""Benchmark: the district-indicators kernel on shapely 2 (test venv) vs shapely 1.8
(QGIS's own Python on Debian 12, through analysis/geos.py), side by side in one run.

usage: .venv/bin/python benchmarks/bench_indicators.py [--buildings 20000]
Writes benchmarks/results/indicators_<N>.md. Synthetic data, seeded; the same inputs
for both interpreters (built with plain shapely constructors that both versions have).
"""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r'''
import json, sys, time
sys.path.insert(0, sys.argv[1])
import numpy as np, geopandas as gpd, shapely
from shapely.geometry import Point, box
from plugin.analysis.indicators import district_indicators

n = int(sys.argv[2])
rng = np.random.default_rng(1)
x0, y0, w = 500000, 2490000, 10000
districts = [box(x0 + i * 2000, y0 + j * 5000, x0 + (i + 1) * 2000, y0 + (j + 1) * 5000)
             for i in range(5) for j in range(2)]
cx, cy = rng.uniform(x0, x0 + w, n), rng.uniform(y0, y0 + w, n)
bw, bh = rng.uniform(8, 40, n), rng.uniform(8, 40, n)
height = rng.gamma(2, 20, n)
buildings = gpd.GeoDataFrame(
    {"gfa": np.where(rng.random(n) < 0.5, bw * bh * np.round(height / 3), np.nan),
     "floors": np.where(rng.random(n) < 0.5, np.round(height / 3), np.nan), "height": height,
     "use": rng.choice(["residential", "office", "commercial", "public"], n)},
    geometry=[box(x - a / 2, y - b / 2, x + a / 2, y + b / 2)
              for x, y, a, b in zip(cx, cy, bw, bh)], crs="EPSG:4547")
frame = gpd.GeoDataFrame({"district_id": ["d%d" % k for k in range(10)]},
                         geometry=districts, crs="EPSG:4547")
stations = gpd.GeoDataFrame(geometry=[Point(x, y) for x, y in zip(
    rng.uniform(x0, x0 + w, 60), rng.uniform(y0, y0 + w, 60))], crs="EPSG:4547")
t = time.perf_counter()
result = district_indicators(frame, buildings, stations=stations)
seconds = time.perf_counter() - t
print(json.dumps({"shapely": shapely.__version__, "geopandas": gpd.__version__,
                  "seconds": round(seconds, 3),
                  "far_sum": round(float(result.table["far"].sum()), 6)}))
'''


def run(python, n):
    proc = subprocess.run([python, "-c", CHILD, str(ROOT), str(n)], capture_output=True,
                          text=True, timeout=1800)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--buildings", type=int, default=20000)
    args = parser.parse_args(argv)
    rows = [("test venv", run(sys.executable, args.buildings)),
            ("QGIS's Python (/usr/bin/python3)", run("/usr/bin/python3", args.buildings))]
    fast = rows[0][1]["seconds"]
    lines = ["# District indicators kernel, {} buildings, 10 districts, 60 stations".format(
        args.buildings), "", "Measured {}.".format(time.strftime("%Y-%m-%d %H:%M")), "",
        "| interpreter | shapely | geopandas | seconds | vs shapely 2 | sum of FAR |",
        "|---|---|---|---:|---:|---:|"]
    for name, r in rows:
        lines.append("| {} | {} | {} | {} | {:.1f}× | {} |".format(
            name, r["shapely"], r["geopandas"], r["seconds"], r["seconds"] / fast, r["far_sum"]))
    md = "\n".join(lines) + "\n"
    out = ROOT / "benchmarks" / "results" / "indicators_{}.md".format(args.buildings)
    out.write_text(md, encoding="utf-8")
    print(md)


if __name__ == "__main__":
    sys.exit(main())
