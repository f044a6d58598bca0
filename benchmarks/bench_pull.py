"""Benchmark: pull 100,000 buildings from the sample twin service, side by side in one run.

Clients, each in its own process against the same pygeoapi server:
  qgis_idle   starts QGIS and stops: the fixed cost inside the QGIS-based rows
  raw         plain HTTP fetch of the same pages (the ceiling: the server's own pace)
  ogr2ogr     GDAL's OAPIF driver to GeoPackage, -oo PAGE_SIZE=<server max>
  qgis_oapif  QGIS's native OAPIF provider, written to GeoPackage
  plugin_sequential  this plugin's pull engine, one page at a time (CRS84 kept, like the others)
  plugin      the same with fetch-ahead: offset pages guessed from `next` links, 3 in flight
  plugin_4547 with fetch-ahead, reprojected to EPSG:4547 as the district packages store it

For each: wall time, the client's own CPU time (user+sys of its process tree), peak RSS.
The server is the bottleneck here, so compare clients by CPU time and by wall time against
the raw-fetch ceiling. Results go to benchmarks/results/pull_<N>.md and .json.

usage: .venv/bin/python benchmarks/bench_pull.py [--buildings 100000] [--repeat 1]
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

from tests.support.twin_service import start_sample_service  # noqa: E402

CLIENTS = ("raw", "ogr2ogr", "qgis_oapif", "qgis_idle", "plugin_sequential", "plugin",
           "plugin_4547")
PAGE_SIZE = 1000  # the sample server's max_items


def timed_process(cmd, env=None, what=None):
    """Run ``cmd``; (wall seconds, its rusage, stdout). Raises with stderr on failure."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    # wait4 gives this child's own rusage (and its waited-for children: ogr2ogr).
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    out, err = proc.stdout.read().decode(), proc.stderr.read().decode()
    if status != 0:
        raise RuntimeError("{} failed: {}".format(what or cmd[:3], err[-2000:]))
    return wall, usage, out


def run_client(kind, url, out_dir):
    cmd = [sys.executable, str(ROOT / "benchmarks" / "run_client.py"), kind, url, "buildings",
           str(out_dir), str(PAGE_SIZE)]
    wall, usage, out = timed_process(cmd, dict(os.environ, QT_QPA_PLATFORM="offscreen"), kind)
    features = json.loads(out.strip().splitlines()[-1])["features"]
    return {"client": kind, "wall_s": round(wall, 2),
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "features": features}


def generator_version():
    # Read, not imported: importing numpy/GDAL here would raise every client's peak RSS,
    # since Linux carries the parent's RSS at fork into the child's ru_maxrss.
    text = (ROOT / "sample_twin" / "generate.py").read_text(encoding="utf-8")
    return re.search(r'GENERATOR_VERSION = "([^"]+)"', text).group(1)


def generate(n):
    data = ROOT / ".cache" / "bench_{}".format(n)
    manifest = data / "manifest.json"
    current = manifest.exists() and json.loads(manifest.read_text()).get(
        "generator_version") == generator_version()
    if not current:
        print("generating the sample twin with {} buildings…".format(n), flush=True)
        subprocess.run([sys.executable, "-m", "sample_twin.generate", "--out", str(data),
                        "--buildings", str(n)], check=True, cwd=str(ROOT))
    return data


def table(rows):
    base = {r["client"]: r for r in rows}
    lines = ["| client | features | wall s | CPU s (own) | peak RSS MB | wall vs raw | "
             "CPU vs plugin |", "|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append("| {client} | {features} | {wall_s} | {cpu_s} | {peak_rss_mb} | {:.2f}× | "
                     "{:.2f}× |".format(r["wall_s"] / base["raw"]["wall_s"],
                                        r["cpu_s"] / max(base["plugin"]["cpu_s"], 1e-9), **r))
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--buildings", type=int, default=100000)
    parser.add_argument("--clients", default=",".join(CLIENTS))
    args = parser.parse_args(argv)
    data = generate(args.buildings)
    service = start_sample_service(data)
    rows = []
    try:
        for kind in args.clients.split(","):
            out_dir = Path(tempfile.mkdtemp(prefix="bench-{}-".format(kind)))
            try:
                print("running {}…".format(kind), flush=True)
                rows.append(run_client(kind, service.url, out_dir))
                print("  ", rows[-1], flush=True)
            finally:
                shutil.rmtree(out_dir, ignore_errors=True)
    finally:
        service.stop()
    md = "\n".join([
        "# Pull {} buildings: side by side in one run".format(args.buildings),
        "", "Measured {} on {} cores; server: pygeoapi 0.21 (Flask, forked workers, SpatiaLite), page size {}."
        .format(time.strftime("%Y-%m-%d %H:%M"), os.cpu_count(), PAGE_SIZE),
        "CPU s is the client process's own user+sys time (the server's is not counted).", "",
        table(rows), ""])
    out = ROOT / "benchmarks" / "results" / "pull_{}".format(args.buildings)
    out.with_suffix(".md").write_text(md, encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    print(md)


if __name__ == "__main__":
    sys.exit(main())
