"""Benchmark: building flood depth statistics, four ways side by side in one run.

usage: .venv/bin/python benchmarks/bench_zonal.py [--buildings 50000] [--size 2000]

Synthetic city, seeded: N building footprints (10–60 m rectangles on a street grid, a fifth
rotated) over a size × size depth raster of 5 m cells (dry land = 0, ponds, a river and an
unmodelled corner = nodata), three scenarios rp20 / rp50 / rp100. Per scenario, the mean
and max depth of every building by:

  (a) plugin/analysis/zonal.polygon_stats — shapely 2 (.venv) and shapely 1.8 (QGIS's
      /usr/bin/python3, through analysis/geos.py);
  (b) rasterstats 0.21 zonal_stats on the numpy array + affine, all_touched=False (its
      default: a cell counts when its centre is inside the polygon);
  (c) a per-feature loop: the polygon's window, shapely clipping each cell box one by one;
  (d) exactextract 0.3 (GEOS-based exact coverage fractions) on a GeoTIFF + GeoPackage
      written here — the independent reference for accuracy. It runs in .venv-bench
      (created when missing: /usr/bin/python3 -m venv --system-site-packages .venv-bench;
      pip install exactextract==0.3.0 "numpy<2"; system site packages for GDAL's bindings).

Every method runs in its own child process (peak RSS = that process's ru_maxrss, inputs
included). Methods estimated to need > 3 min per scenario are timed on a random sample of
features and extrapolated (said so in the table). Writes benchmarks/results/zonal_<N>.md.
"""

import argparse
import json
import os
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / ".cache" / "bench_zonal"
BENCH_VENV = ROOT / ".venv-bench"
SCENARIOS = ("rp20", "rp50", "rp100")
X0, Y0, CELL = 500000.0, 2500000.0, 5.0
BUDGET_S = 180.0  # per scenario, before a method is sampled instead


# --- synthetic data ---------------------------------------------------------------------------

def make_data(n, size, seed=5):
    import numpy as np
    from scipy import ndimage
    from synthetic import rectangles  # benchmarks/ (the script's folder)

    rng = np.random.default_rng(seed)
    # ground: smooth relief (coarse noise, cubic upsampling) + ponds + 2 cm cell noise
    coarse = rng.normal(0, 1.2, (size // 100 + 4, size // 100 + 4))
    ground = ndimage.zoom(coarse, size / (coarse.shape[0] - 3), order=3)[:size, :size]
    yy, xx = np.mgrid[0:size, 0:size]
    for _ in range(size // 10):  # ponds: 15–60 m wide dips of 0.3–1.5 m
        cx, cy = rng.uniform(0, size, 2)
        r = rng.uniform(3, 12)
        y0, y1, x0, x1 = (max(int(cy - 3 * r), 0), min(int(cy + 3 * r), size),
                          max(int(cx - 3 * r), 0), min(int(cx + 3 * r), size))
        sub = (slice(y0, y1), slice(x0, x1))
        ground[sub] -= rng.uniform(0.3, 1.5) * np.exp(
            -((xx[sub] - cx) ** 2 + (yy[sub] - cy) ** 2) / (2 * r * r))
    ground += rng.normal(0, 0.02, ground.shape)
    river = np.abs(yy - (0.45 * size + 0.1 * size * np.sin(xx / size * 6.0))) < size * 0.006
    corner = (xx > 0.85 * size) & (yy < 0.15 * size)  # outside the flood model
    depths = {}
    for name, level in zip(SCENARIOS, (-1.4, -0.9, -0.4)):
        d = np.maximum(level - ground, 0.0)
        d[river | corner] = np.nan
        depths[name] = d.astype(np.float64)

    # buildings: 140 m street grid (120 m blocks), 3 × 4 lots a block, one building a lot
    pitch, span = 140.0, size * CELL
    per = int(span // pitch)
    bx, by, lx, ly = np.meshgrid(np.arange(per), np.arange(per), np.arange(3), np.arange(4),
                                 indexing="ij")
    cx = X0 + bx.ravel() * pitch + 10 + (lx.ravel() + 0.5) * 40.0
    cy = Y0 - span + by.ravel() * pitch + 10 + (ly.ravel() + 0.5) * 30.0
    pick = rng.permutation(len(cx))[:n]
    cx, cy = cx[pick] + rng.uniform(-4, 4, n), cy[pick] + rng.uniform(-4, 4, n)
    w, h = rng.uniform(10, 38, n), rng.uniform(10, 28, n)
    big = rng.random(n) < 0.05  # some 40–60 m slabs
    w[big] = rng.uniform(40, 60, big.sum())
    angle = np.where(rng.random(n) < 0.2, rng.uniform(0, np.pi, n), 0.0)
    geoms = rectangles(cx, cy, w, h, angle)
    return depths, geoms


def write_inputs(depths, geoms, size):
    import numpy as np
    import shapely
    from osgeo import gdal, ogr, osr

    WORK.mkdir(parents=True, exist_ok=True)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4547)
    for name, d in depths.items():
        np.save(WORK / f"{name}.npy", d)
        ds = gdal.GetDriverByName("GTiff").Create(str(WORK / f"{name}.tif"), size, size, 1,
                                                  gdal.GDT_Float64)
        ds.SetGeoTransform((X0, CELL, 0.0, Y0, 0.0, -CELL))
        ds.SetProjection(srs.ExportToWkt())
        band = ds.GetRasterBand(1)
        band.SetNoDataValue(-9999.0)
        band.WriteArray(np.where(np.isnan(d), -9999.0, d))
        ds = None
    np.save(WORK / "buildings_wkb.npy", shapely.to_wkb(geoms), allow_pickle=True)
    path = WORK / "buildings.gpkg"
    if path.exists():
        path.unlink()
    out = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = out.CreateLayer("buildings", srs, ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("bid", ogr.OFTInteger))
    defn = layer.GetLayerDefn()
    layer.StartTransaction()
    for i, wkb in enumerate(shapely.to_wkb(geoms)):
        f = ogr.Feature(defn)
        f.SetField("bid", i)
        f.SetGeometry(ogr.CreateGeometryFromWkb(wkb))
        layer.CreateFeature(f)
    layer.CommitTransaction()
    out = None


# --- the methods (each in a child process) ----------------------------------------------------

CHILD_COMMON = r'''
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import numpy as np
WORK = Path(sys.argv[2])
SCENARIOS = ("rp20", "rp50", "rp100")
X0, Y0, CELL = 500000.0, 2500000.0, 5.0
BUDGET = float(sys.argv[3])
def _status(key):
    # /proc, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child would report
    # its parent's peak
    for line in open("/proc/self/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
def rss_mb():
    return _status("VmHWM")
def rss_now_mb():
    return _status("VmRSS")
def load_geoms():
    from plugin.analysis import geos
    return geos.from_wkb(np.load(WORK / "buildings_wkb.npy", allow_pickle=True))
def finish(method, result):
    result["peak_rss_mb"] = rss_mb()
    np.savez(WORK / (method + ".npz"), **result.pop("arrays"))
    print("RESULT " + json.dumps(result))
'''

CHILD_KERNEL = CHILD_COMMON + r'''
import shapely
from plugin.analysis.zonal import Grid, polygon_stats
geoms = load_geoms()
size = np.load(WORK / "rp20.npy", mmap_mode="r").shape[0]
grid = Grid(X0, Y0, CELL, CELL, size, size)
method = sys.argv[4]
times, arrays = {}, {}
base = None
for scn in SCENARIOS:
    depth = np.load(WORK / (scn + ".npy"))
    base = base or rss_now_mb()
    t = time.perf_counter()
    out = polygon_stats(depth, grid, geoms)
    times[scn] = time.perf_counter() - t
    arrays[scn + "_mean"], arrays[scn + "_max"] = out["mean"], out["max"]
finish(method, {"times": times, "sampled": None, "shapely": shapely.__version__,
                "rss_inputs_mb": base, "arrays": arrays})
'''

CHILD_RASTERSTATS = CHILD_COMMON + r'''
from affine import Affine
import rasterstats.io
from rasterstats import zonal_stats
class CompatAffine(Affine):
    # affine 3.0.1 (in .venv) refuses `Affine * (x, y)` and fails in tuple(Affine), both of
    # which rasterstats 0.21 uses; the same arithmetic here, rasterstats itself unchanged
    def __iter__(self):
        return iter((self.a, self.b, self.c, self.d, self.e, self.f, 0.0, 0.0, 1.0))
    def __mul__(self, other):
        if isinstance(other, tuple) and len(other) == 2:
            x, y = other
            return (self.a * x + self.b * y + self.c, self.d * x + self.e * y + self.f)
        return super().__mul__(other)
rasterstats.io.Affine = CompatAffine
geoms = list(load_geoms())
n = len(geoms)
rng = np.random.default_rng(3)
times, arrays, sampled = {}, {}, None
for scn in SCENARIOS:
    depth = np.load(WORK / (scn + ".npy"))
    arr = np.where(np.isnan(depth), -9999.0, depth)
    aff = CompatAffine(CELL, 0.0, X0, 0.0, -CELL, Y0)
    def run(idx):
        t = time.perf_counter()
        st = zonal_stats([geoms[i] for i in idx], arr, affine=aff, nodata=-9999.0,
                         stats=["mean", "max"], all_touched=False)
        return time.perf_counter() - t, st
    if sampled is None:
        probe = rng.choice(n, min(n, 1000), replace=False)
        dt, _ = run(probe)
        est = dt / len(probe) * n
        sampled = None if est <= BUDGET else int(min(n, 5000))
        idx = np.arange(n) if sampled is None else np.sort(rng.choice(n, sampled, replace=False))
    dt, st = run(idx)
    times[scn] = dt * n / len(idx)
    mean, mx = np.full(n, np.nan), np.full(n, np.nan)
    mean[idx] = [np.nan if s["mean"] is None else s["mean"] for s in st]
    mx[idx] = [np.nan if s["max"] is None else s["max"] for s in st]
    arrays[scn + "_mean"], arrays[scn + "_max"] = mean, mx
arrays["index"] = idx
finish("rasterstats", {"times": times, "sampled": sampled, "arrays": arrays})
'''

CHILD_LOOP = CHILD_COMMON + r'''
from shapely.geometry import box
geoms = load_geoms()
n = len(geoms)
size = np.load(WORK / "rp20.npy", mmap_mode="r").shape[0]
rng = np.random.default_rng(4)
def per_feature(depth, poly):
    x0, y0, x1, y1 = poly.bounds
    c0, c1 = max(int((x0 - X0) // CELL), 0), min(int((x1 - X0) // CELL), size - 1)
    r0, r1 = max(int((Y0 - y1) // CELL), 0), min(int((Y0 - y0) // CELL), size - 1)
    s = w = 0.0
    top = -np.inf
    for r in range(r0, r1 + 1):
        for c in range(c0, c1 + 1):
            d = depth[r, c]
            if d != d:
                continue
            cell = box(X0 + c * CELL, Y0 - (r + 1) * CELL, X0 + (c + 1) * CELL, Y0 - r * CELL)
            a = cell.intersection(poly).area
            if a > 0:
                s += a * d
                w += a
                top = max(top, d)
    return (s / w, top) if w > 0 else (np.nan, np.nan)
times, arrays, sampled = {}, {}, None
for scn in SCENARIOS:
    depth = np.load(WORK / (scn + ".npy"))
    if sampled is None:
        probe = rng.choice(n, min(n, 300), replace=False)
        t = time.perf_counter()
        for i in probe:
            per_feature(depth, geoms[i])
        est = (time.perf_counter() - t) / len(probe) * n
        sampled = None if est <= BUDGET else int(min(n, 2000))
        idx = np.arange(n) if sampled is None else np.sort(rng.choice(n, sampled, replace=False))
    t = time.perf_counter()
    res = [per_feature(depth, geoms[i]) for i in idx]
    times[scn] = (time.perf_counter() - t) * n / len(idx)
    mean, mx = np.full(n, np.nan), np.full(n, np.nan)
    mean[idx] = [m for m, _ in res]
    mx[idx] = [x for _, x in res]
    arrays[scn + "_mean"], arrays[scn + "_max"] = mean, mx
arrays["index"] = idx
finish("loop", {"times": times, "sampled": sampled, "arrays": arrays})
'''

CHILD_EXACTEXTRACT = CHILD_COMMON + r'''
from exactextract import exact_extract
import exactextract
n = len(np.load(WORK / "buildings_wkb.npy", allow_pickle=True))
times, arrays = {}, {}
for scn in SCENARIOS:
    t = time.perf_counter()
    df = exact_extract(str(WORK / (scn + ".tif")), str(WORK / "buildings.gpkg"),
                       ["mean", "max"], include_cols=["bid"], output="pandas")
    times[scn] = time.perf_counter() - t
    mean, mx = np.full(n, np.nan), np.full(n, np.nan)
    bid = df["bid"].to_numpy()
    mean[bid] = df["mean"].to_numpy(dtype=float)
    mx[bid] = df["max"].to_numpy(dtype=float)
    arrays[scn + "_mean"], arrays[scn + "_max"] = mean, mx
finish("exactextract", {"times": times, "sampled": None, "arrays": arrays,
                        "version": getattr(exactextract, "__version__", "0.3")})
'''


def run_child(python, code, *extra):
    t = time.perf_counter()
    proc = subprocess.run([str(python), "-c", code, str(ROOT), str(WORK), str(BUDGET_S), *extra],
                          capture_output=True, text=True, cwd=str(ROOT))
    wall = time.perf_counter() - t
    lines = [l for l in proc.stdout.splitlines() if l.startswith("RESULT ")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError("child failed:\n" + proc.stdout[-2000:] + proc.stderr[-4000:])
    result = json.loads(lines[-1][7:])
    result["wall_s"] = wall
    return result


def ensure_bench_venv():
    py = BENCH_VENV / "bin" / "python"
    probe = subprocess.run([str(py), "-c", "import exactextract, osgeo.gdal"],
                           capture_output=True) if py.exists() else None
    if probe is None or probe.returncode != 0:
        subprocess.run(["/usr/bin/python3", "-m", "venv", "--system-site-packages",
                        str(BENCH_VENV)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", "exactextract==0.3.0",
                        "numpy<2"], check=True)
    return py


# --- accuracy + report --------------------------------------------------------------------------

def rel_stats(ours, ref, idx=None, floor=0.05):
    """max / p99 of |ours − ref| / ref over features whose reference mean ≥ floor m, and the
    max absolute difference over all features with a reference value."""
    import numpy as np
    if idx is not None:
        ours, ref = ours[idx], ref[idx]
    both = ~np.isnan(ref) & ~np.isnan(ours)
    wet = both & (ref >= floor)
    rel = np.abs(ours[wet] - ref[wet]) / ref[wet]
    absd = np.abs(ours[both] - ref[both])
    nan_mismatch = int((np.isnan(ref) != np.isnan(ours)).sum())
    return {"n_wet": int(wet.sum()), "max_rel": float(rel.max()) if rel.size else float("nan"),
            "p99_rel": float(np.percentile(rel, 99)) if rel.size else float("nan"),
            "share_over_1pct": float((rel > 0.01).mean()) if rel.size else float("nan"),
            "max_abs": float(absd.max()) if absd.size else float("nan"),
            "nan_mismatch": nan_mismatch}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--buildings", type=int, default=50000)
    ap.add_argument("--size", type=int, default=2000)
    ap.add_argument("--skip-stock", action="store_true", help="no shapely 1.8 run")
    args = ap.parse_args()
    import numpy as np

    t = time.perf_counter()
    depths, geoms = make_data(args.buildings, args.size)
    write_inputs(depths, geoms, args.size)
    print(f"data: {time.perf_counter() - t:.1f} s", flush=True)
    stats = {s: {"wet_cells": float(np.nanmean(d > 0)), "nodata": float(np.isnan(d).mean()),
                 "max": float(np.nanmax(d))} for s, d in depths.items()}
    del depths

    results = {}
    venv_py = ROOT / ".venv" / "bin" / "python"
    results["kernel"] = run_child(venv_py, CHILD_KERNEL, "kernel")
    print("kernel", results["kernel"]["times"], flush=True)
    if not args.skip_stock and Path("/usr/bin/python3").exists():
        results["kernel18"] = run_child("/usr/bin/python3", CHILD_KERNEL, "kernel18")
        print("kernel shapely 1.8", results["kernel18"]["times"], flush=True)
    results["exactextract"] = run_child(ensure_bench_venv(), CHILD_EXACTEXTRACT)
    print("exactextract", results["exactextract"]["times"], flush=True)
    results["rasterstats"] = run_child(venv_py, CHILD_RASTERSTATS)
    print("rasterstats", results["rasterstats"]["times"], results["rasterstats"]["sampled"],
          flush=True)
    results["loop"] = run_child(venv_py, CHILD_LOOP)
    print("loop", results["loop"]["times"], results["loop"]["sampled"], flush=True)

    arrays = {k: np.load(WORK / f"{k}.npz") for k in results}
    ref = arrays["exactextract"]
    acc = {}
    for k in results:
        if k == "exactextract":
            continue
        idx = arrays[k]["index"] if "index" in arrays[k] else None
        sel = idx if idx is not None else slice(None)
        acc[k] = {s: {"mean": rel_stats(arrays[k][s + "_mean"], ref[s + "_mean"], idx),
                      "max_abs": float(np.nanmax(np.abs(
                          (arrays[k][s + "_max"] - ref[s + "_max"])[sel])))}
                  for s in SCENARIOS}
    k, lp = arrays["kernel"], arrays["loop"]
    idx = lp["index"]
    acc_loop = max(float(np.nanmax(np.abs(k[s + "_mean"][idx] - lp[s + "_mean"][idx])))
                   for s in SCENARIOS)
    results["kernel"]["vs_loop_abs"] = acc_loop
    write_report(args, results, acc, stats)
    (WORK / "results.json").write_text(json.dumps({"results": results, "accuracy": acc,
                                                   "raster": stats}, indent=1))


def write_report(args, results, acc, stats):
    import platform
    n = args.buildings
    name = {"kernel": "(a) zonal.polygon_stats, shapely 2 (.venv)",
            "kernel18": "(a') zonal.polygon_stats, shapely 1.8 (QGIS's Python)",
            "rasterstats": "(b) rasterstats 0.21 (centre-point rule)",
            "loop": "(c) per-feature loop (shapely clip per cell)",
            "exactextract": "(d) exactextract 0.3 (reference)"}
    rs = results["rasterstats"]["times"]
    lines = [f"# Zonal statistics: {n:,} buildings × {args.size:,}² depth raster (5 m), "
             "3 scenarios",
             "",
             f"`.venv/bin/python benchmarks/bench_zonal.py --buildings {n} --size {args.size}`, "
             f"{time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores. "
             "Synthetic city (seeded): 120 m blocks on a 140 m street grid, one 10–60 m "
             "rectangle per 40 × 30 m lot, a fifth rotated; raster with dry land (0), ponds, "
             "a river and an unmodelled corner (nodata). Each method in its own process; "
             "peak RSS includes the process's inputs (the three rasters are loaded one at a "
             "time, 32 MB each).",
             "",
             "Raster: " + "; ".join(f"{s}: {v['wet_cells']:.0%} of cells wet, "
                                    f"max {v['max']:.2f} m, {v['nodata']:.1%} nodata"
                                    for s, v in stats.items()),
             "",
             "## Wall time (mean + max of every building, per scenario)",
             "",
             "| method | rp20 s | rp50 s | rp100 s | total s | vs rasterstats | peak RSS MB "
             "| note |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for k in ("kernel", "kernel18", "rasterstats", "loop", "exactextract"):
        if k not in results:
            continue
        r = results[k]
        t = r["times"]
        total = sum(t.values())
        ratio = sum(rs.values()) / total
        note = (f"timed on {r['sampled']:,} random buildings, extrapolated ×{n / r['sampled']:.0f}"
                if r.get("sampled") else "all buildings")
        lines.append(f"| {name[k]} | {t['rp20']:.2f} | {t['rp50']:.2f} | {t['rp100']:.2f} | "
                     f"{total:.2f} | {ratio:.1f}× | {r['peak_rss_mb']:.0f} | {note} |")
    if "rss_inputs_mb" in results["kernel"]:
        lines += ["", f"Kernel process RSS after loading the {n:,} geometries and one raster: "
                      f"{results['kernel']['rss_inputs_mb']:.0f} MB (shapely 2); the kernel's "
                      "own working memory is bounded by `CHUNK_CELLS` (100,000 window cells "
                      "a chunk)."]
    lines += ["", "## Accuracy of the mean depth against exactextract (coverage-weighted, exact)",
              "",
              "Relative difference |ours − exactextract| / exactextract over buildings whose "
              "reference mean is ≥ 0.05 m (shallower means make relative numbers meaningless; "
              "the absolute column covers every building).",
              "",
              "| method | scenario | buildings compared (≥ 0.05 m) | max rel | p99 rel "
              "| share > 1 % | "
              "max abs m (mean) | max abs m (max) | nan mismatches |",
              "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for k, per in acc.items():
        for s, a in per.items():
            m = a["mean"]
            lines.append(f"| {name[k]} | {s} | {m['n_wet']:,} | {m['max_rel']:.2e} | "
                         f"{m['p99_rel']:.2e} | {m['share_over_1pct']:.2%} | {m['max_abs']:.3g} | "
                         f"{a['max_abs']:.3g} | {m['nan_mismatch']} |")
    lines += ["", "Notes:", "",
              "- exactextract stores coverage fractions as 32-bit floats: differences of "
              "~1e-8 relative are that rounding. Against the per-feature loop (GEOS clipping "
              "in 64-bit floats) the kernel's mean differs by at most "
              f"{results['kernel']['vs_loop_abs']:.1e} m on any building.",
              "- rasterstats counts a cell only when its centre falls inside the footprint: a "
              "10 m building on 5 m cells is sampled by 2–4 centres and a thin or rotated one "
              "can miss cells it half covers, or get none (nan mismatches: no centre inside).",
              "- The per-feature loop is exact too (it is the brute-force reference of the "
              "kernel tests); it shows what the vectorised kernel saves.",
              "- rasterstats 0.21 fails with the .venv's affine 3.0.1 (`Affine * (x, y)` and "
              "`tuple(Affine)` raise); the benchmark hands it an `Affine` subclass doing the "
              "same arithmetic. Its sampling is unchanged.",
              "- Sampling: methods estimated to need more than 3 min a scenario are timed on "
              "a random sample and extrapolated; the note column says which (\"all buildings\": "
              "none were)."]
    out = ROOT / "benchmarks" / "results" / f"zonal_{n}.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(out.read_text())


if __name__ == "__main__":
    main()
