"""Benchmark: the package-refresh diff (core/package_diff.py) on 100,000 buildings,
side by side with two brute-force baselines, each measured in a fresh process.

usage: .venv/bin/python benchmarks/bench_diff.py [--features 100000] [--sample 300]
Writes benchmarks/results/diff_<N>.md. Synthetic, seeded data: two GeoPackages of
square footprints in EPSG:4547; the new one lacks 1% of the old buildings, adds 1%
and changes 1% (half of them raised, a quarter a new use, a quarter moved 0.5 m).
Two more versions: the new one written as MultiPolygon (as the pull promotes a layer
when pages mix types), and the old one with 1e-7 m of noise on every coordinate (every
feature differs in its bytes, none beyond the 1 mm tolerance): the diff's worst case.

Baselines: geopandas (read both files whole, outer merge on twin_fid, compare columns
and geometries), and a per-feature OGR attribute-filter lookup of each old building in
the new file, timed on a sample and extrapolated to all features.
"""

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIELDS = (("twin_fid", "Integer64"), ("height", "Real"), ("floors", "Integer64"),
          ("use", "String"), ("name", "String"))
USES = ("residential", "office", "retail", "public")


def buildings(n, seed=1):
    """{twin_fid: (height, floors, use, name, x, y, side)}."""
    rnd = random.Random(seed)
    return {i: (round(rnd.uniform(3, 200), 2), rnd.randint(1, 60), rnd.choice(USES),
                "B{}".format(i), 500000 + rnd.uniform(0, 10000), 2490000 + rnd.uniform(0, 10000),
                rnd.uniform(8, 40)) for i in range(1, n + 1)}


def changed_version(old, seed=2):
    """1% removed, 1% added, 1% changed (1/2 height +3.5 m, 1/4 use, 1/4 moved 0.5 m)."""
    rnd = random.Random(seed)
    n = len(old)
    k = n // 100
    ids = list(old)
    rnd.shuffle(ids)
    removed, changed = ids[:k], ids[k:2 * k]
    new = {i: v for i, v in old.items() if i not in set(removed)}
    for j, i in enumerate(changed):
        height, floors, use, name, x, y, side = new[i]
        if j % 4 in (0, 1):
            height += 3.5
        elif j % 4 == 2:
            use = USES[(USES.index(use) + 1) % len(USES)]
        else:
            x += 0.5
        new[i] = (height, floors, use, name, x, y, side)
    extra = buildings(k, seed=3)
    for j, value in enumerate(extra.values()):
        new[n + 1 + j] = value
    return new, {"added": k, "removed": k, "changed": k}


def noisy_version(old, noise=1e-7):
    return {i: (h, f, u, name, x + noise, y - noise, side)
            for i, (h, f, u, name, x, y, side) in old.items()}


def write_gpkg(path, rows, multi=False):
    from osgeo import ogr, osr
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4547)
    layer = ds.CreateLayer("buildings", srs, ogr.wkbMultiPolygon if multi else ogr.wkbPolygon,
                           ["FID=fid", "GEOMETRY_NAME=geom"])
    for name, kind in FIELDS:
        layer.CreateField(ogr.FieldDefn(name, getattr(ogr, "OFT" + kind)))
    defn = layer.GetLayerDefn()
    ds.StartTransaction()
    for i, (height, floors, use, name, x, y, side) in rows.items():
        feature = ogr.Feature(defn)
        for index, value in enumerate((i, height, floors, use, name)):
            feature.SetField(index, value)
        ring = ogr.Geometry(ogr.wkbLinearRing)
        for px, py in ((x, y), (x + side, y), (x + side, y + side), (x, y + side), (x, y)):
            ring.AddPoint_2D(px, py)
        polygon = ogr.Geometry(ogr.wkbPolygon)
        polygon.AddGeometry(ring)
        feature.SetGeometry(ogr.ForceToMultiPolygon(polygon) if multi else polygon)
        layer.CreateFeature(feature)
    ds.CommitTransaction()


# -- what each child process measures: imports, then a timed call -------------------

def run_idle(old, new, out, sample):
    import plugin.core.package_diff  # noqa: F401  (the imports the others pay too)
    return dict


def run_idle_geopandas(old, new, out, sample):
    import geopandas  # noqa: F401
    import numpy  # noqa: F401
    import shapely  # noqa: F401
    return dict


def run_diff(old, new, out, sample):
    from plugin.core.package_diff import diff_tables
    return lambda: diff_tables(old, "buildings", new).counts


def run_changes(old, new, out, sample):
    from plugin.core.package_diff import write_building_changes

    def call():
        counts = write_building_changes(old, new, "buildings", out)
        return {"added": counts["new"], "removed": counts["demolished"],
                "changed": counts["height_changed"] + counts["changed"]}
    return call


def run_geopandas(old, new, out, sample):
    import geopandas
    import numpy as np
    import shapely
    return lambda: geopandas_diff(geopandas, np, shapely, old, new)


def geopandas_diff(geopandas, np, shapely, old, new):
    """Read both whole, merge on twin_fid, compare attributes and geometries."""
    a = geopandas.read_file(old, layer="buildings")
    b = geopandas.read_file(new, layer="buildings")
    merged = a.merge(b, on="twin_fid", how="outer", suffixes=("_a", "_b"), indicator=True)
    both = merged[merged["_merge"] == "both"]
    differs = np.zeros(len(both), dtype=bool)
    for name, kind in FIELDS[1:]:
        x, y = both[name + "_a"].to_numpy(), both[name + "_b"].to_numpy()
        if kind == "Real":
            differs |= ~np.isclose(x.astype(float), y.astype(float), rtol=1e-9, atol=1e-12)
        else:
            differs |= x != y
    geoms_a = shapely.normalize(both["geometry_a"].values)
    geoms_b = shapely.normalize(both["geometry_b"].values)
    differs |= ~shapely.equals_exact(geoms_a, geoms_b, tolerance=0.001)
    return {"added": int((merged["_merge"] == "right_only").sum()),
            "removed": int((merged["_merge"] == "left_only").sum()),
            "changed": int(differs.sum()), "unchanged": int((~differs).sum())}


def run_lookup(old, new, out, sample):
    from osgeo import ogr
    return lambda: lookup_diff(ogr, old, new, sample)


def lookup_diff(ogr, old, new, sample):
    """Each old building looked up in the new file by an OGR attribute filter (no index
    on twin_fid, as the pull writes it); a sample, extrapolated to all features."""
    old_ds, new_ds = ogr.Open(old), ogr.Open(new)
    old_layer, new_layer = old_ds.GetLayer("buildings"), new_ds.GetLayer("buildings")
    total = old_layer.GetFeatureCount()
    step = max(1, total // sample)
    started = time.perf_counter()
    looked = changed = 0
    for fid in range(1, total + 1, step):
        feature = old_layer.GetFeature(fid)
        new_layer.SetAttributeFilter("twin_fid = {}".format(feature.GetField("twin_fid")))
        other = new_layer.GetNextFeature()
        if other is None or any(feature.GetField(n) != other.GetField(n) for n, _ in FIELDS) \
                or not feature.GetGeometryRef().Equals(other.GetGeometryRef()):
            changed += 1
        looked += 1
    seconds = time.perf_counter() - started
    return {"sampled": looked, "extrapolated_s": round(seconds * total / looked, 1)}


RUNS = {"idle": run_idle, "idle_geopandas": run_idle_geopandas, "diff": run_diff,
        "changes": run_changes, "geopandas": run_geopandas, "lookup": run_lookup}


def child(method, old, new, out, sample):
    call = RUNS[method](old, new, out, sample)
    started = time.perf_counter()
    result = call()
    seconds = time.perf_counter() - started
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": round(seconds, 3), "rss_mb": round(rss_mb, 1),
                      "result": result}))


def measure(method, old, new, out, sample):
    proc = subprocess.run([sys.executable, __file__, "--child", method, str(old), str(new),
                           str(out), str(sample)], capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--features", type=int, default=100000)
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        method, old, new, out, sample = args.child
        return child(method, old, new, out, int(sample))

    n = args.features
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        started = time.perf_counter()
        old_rows = buildings(n)
        new_rows, truth = changed_version(old_rows)
        old, new = folder / "old.gpkg", folder / "new.gpkg"
        noisy, multi = folder / "noisy.gpkg", folder / "multi.gpkg"
        write_gpkg(old, old_rows)
        write_gpkg(new, new_rows)
        write_gpkg(noisy, noisy_version(old_rows))
        write_gpkg(multi, new_rows, multi=True)
        made = time.perf_counter() - started
        rows = [
            ("imports only (package_diff, QGIS, GDAL)", "idle", new),
            ("**diff_tables**", "diff", new),
            ("write_building_changes (diff + rows + atomic write)", "changes", new),
            ("diff_tables, new version as MultiPolygon (type promotion)", "diff", multi),
            ("diff_tables, 1e-7 m noise on every coordinate", "diff", noisy),
            ("imports only (geopandas, shapely)", "idle_geopandas", new),
            ("baseline: geopandas read + merge + compare", "geopandas", new),
            ("baseline: OGR attribute-filter lookup per feature", "lookup", new),
        ]
        results = [(label, method, measure(method, old, other, folder / "{}.gpkg".format(method),
                                           args.sample)) for label, method, other in rows]
    reference = next(r for _, m, r in results if m == "diff")["seconds"]
    lines = [
        "# Package-refresh diff, {:,} buildings".format(n), "",
        "Measured {} on 2 cores; each row in a fresh process (`benchmarks/bench_diff.py`). "
        "Old and new versions: {:,} features each side; truth {}. Test data made in {:.1f} s."
        .format(time.strftime("%Y-%m-%d %H:%M"), n, truth, made),
        "Peak RSS includes each process's imports (see the \"imports only\" rows); the OGR "
        "lookup runs a sample of lookups and is extrapolated to all features.", "",
        "| run | seconds | vs diff_tables | peak RSS MB | counts |",
        "|---|---:|---:|---:|---|"]
    for label, method, r in results:
        seconds = r["result"].get("extrapolated_s", r["seconds"])
        note = " (extrapolated from {} lookups)".format(r["result"]["sampled"]) \
            if method == "lookup" else ""
        counts = {k: v for k, v in r["result"].items() if k not in ("sampled", "extrapolated_s")}
        ratio = "" if method.startswith("idle") else "{:.2f}×".format(seconds / reference)
        lines.append("| {} | {}{} | {} | {} | {} |".format(
            label, seconds, note, ratio, r["rss_mb"], counts or ""))
    md = "\n".join(lines) + "\n"
    out = ROOT / "benchmarks" / "results" / "diff_{}.md".format(n)
    out.write_text(md, encoding="utf-8")
    print(md)


if __name__ == "__main__":
    main()
