"""A changed copy of the sample twin, for tests that refresh an offline package.

    data = copy_sample(tmp_path / "twin")
    service = start_sample_service(data)
    ... package the district from service.url ...
    change = change_buildings(data)          # +3, -2, 4 raised by 12.5 m, new twin:version
    service = restart_service(service)       # same port: the package's URLs stay valid

The service (pygeoapi's SQLiteGPKG provider) reads the buildings from the SpatiaLite
file twin.sqlite (table ``buildings``, id field ``fid``, lon/lat EPSG:4326 geometries)
on every request; its collection keywords come from manifest.json when it starts, so a
new ``twin:version`` shows only after restart_service. twin.gpkg, the generator's
GeoPackage that twin.sqlite was copied from, is changed the same way so the two agree.
"""

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import shapely
from osgeo import ogr

from sample_twin.coords import geoms_to_lonlat, geoms_to_metric
from sample_twin.writers import spatialite
from tests.support.twin_service import sample_data_dir, start_sample_service

ogr.UseExceptions()

BUILDINGS = "buildings"       # collection id and table name in both files
INSET_M = 50.0                # chosen and added buildings lie this far inside the district
NEW_SIDE_M = 16.0             # side of an added building's square footprint
CLEARANCE_M = 6.0             # added buildings keep this distance from existing ones


def copy_sample(dst) -> Path:
    """Copy the generated sample to ``dst`` (which must not exist), without ``service/``
    (per-port pygeoapi configs and logs of other runs)."""
    src = sample_data_dir()
    dst = Path(dst)
    shutil.copytree(src, dst, ignore=lambda folder, _names:
                    ["service"] if Path(folder) == src else [])
    return dst


def _district_polygon(con, district_id):
    row = con.execute("SELECT AsBinary(geom) FROM districts WHERE district_id = ?",
                      (district_id,)).fetchone()
    if row is None:
        raise ValueError("no district {!r} in the sample".format(district_id))
    return geoms_to_metric(shapely.from_wkb(bytes(row[0])))


def _buildings(con):
    """{fid: (metric footprint, height, ground_elev)} of every building."""
    rows = con.execute("SELECT fid, AsBinary(geom), height, ground_elev FROM {}"
                       .format(BUILDINGS)).fetchall()
    geoms = geoms_to_metric(shapely.from_wkb([bytes(r[1]) for r in rows]))
    return {r[0]: (g, r[2], r[3]) for r, g in zip(rows, geoms)}


def _spread(items, k):
    """``k`` items evenly spread over a sorted list (deterministic)."""
    if k > len(items):
        raise ValueError("only {} places to choose from, {} wanted".format(len(items), k))
    return [items[(i * len(items)) // k] for i in range(k)]


def _new_footprints(inner, existing, add):
    """``add`` squares inside ``inner``, clear of the ``existing`` footprints (an
    STRtree of them), spread over a 23 m grid in row order."""
    half = NEW_SIDE_M / 2
    room = inner.buffer(-half * 1.5)
    minx, miny, maxx, maxy = room.bounds
    xs, ys = np.meshgrid(np.arange(minx, maxx, 23.0), np.arange(miny, maxy, 23.0))
    x, y = xs.ravel(), ys.ravel()
    keep = shapely.contains_xy(room, x, y)
    x, y = x[keep], y[keep]
    squares = shapely.box(x - half, y - half, x + half, y + half)
    near = existing.query(squares, predicate="dwithin", distance=CLEARANCE_M)[0]
    return _spread(list(np.delete(squares, np.unique(near))), add)


def change_buildings(data_dir, district_id="xiangmihu", add=3, remove=2, raise_=4,
                     raise_by=12.5, version="2026-11-20") -> dict:
    """Run _change_buildings (below) in a child process and return its result.

    Loading mod_spatialite into a process that also runs QGIS/GDAL corrupts the heap
    at exit (seen: "double free or corruption" after every test passed), so the
    SpatiaLite work never happens in the test process."""
    args = dict(data_dir=str(data_dir), district_id=district_id, add=add, remove=remove,
                raise_=raise_, raise_by=raise_by, version=version)
    root = str(Path(__file__).resolve().parents[2])
    proc = subprocess.run([sys.executable, "-m", "tests.support.sample_changes", json.dumps(args)],
                          capture_output=True, text=True, cwd=root, timeout=120)
    if proc.returncode != 0:
        raise RuntimeError("change_buildings failed: " + proc.stderr[-2000:])
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["heights"] = {int(k): tuple(v) for k, v in result["heights"].items()}
    return result


def _change_buildings(data_dir, district_id="xiangmihu", add=3, remove=2, raise_=4,
                      raise_by=12.5, version="2026-11-20") -> dict:
    """Change the buildings the service serves from ``data_dir``, all well inside the
    district (footprints inside its polygon shrunk by 50 m, so a package with any margin
    contains them): remove ``remove``, raise ``raise_`` others by ``raise_by`` metres
    (height only), add ``add`` small square buildings with new ids; set the buildings
    collection's twin:version keyword to ``version`` (shown after restart_service).

    Returns {"added", "removed", "raised": [feature ids as served], "collection_id",
    "version", "heights": {raised id: (old, new)}}."""
    data_dir = Path(data_dir)
    con = spatialite(data_dir / "twin.sqlite")
    try:
        inner = _district_polygon(con, district_id).buffer(-INSET_M)
        buildings = _buildings(con)
        inside = sorted(fid for fid, (g, _h, _e) in buildings.items() if inner.contains(g))
        chosen = _spread(inside, remove + raise_)
        removed, raised = chosen[:remove], chosen[remove:]
        heights = {fid: (buildings[fid][1], round(buildings[fid][1] + raise_by, 3))
                   for fid in raised}
        fids = list(buildings)
        tree = shapely.STRtree([buildings[fid][0] for fid in fids])
        squares = _new_footprints(inner, tree, add)
        first = max(buildings) + 1
        added = list(range(first, first + add))
        new_rows = []
        for k, (fid, square) in enumerate(zip(added, squares)):
            nearest = buildings[fids[int(tree.nearest(square))]]
            height = 18.0 + 6.0 * k
            floors = round(height / 3.0)
            new_rows.append({
                "fid": fid, "height": height, "floors": floors, "use": "residential",
                "gfa": round(square.area * floors * 0.9, 1), "ground_elev": nearest[2],
                "bim_id": "SZ-NEW-{:06d}".format(fid), "year_built": int(version[:4]),
                "status": "existing", "geom": geoms_to_lonlat(square)})
        _applyspatialite(con, removed, heights, new_rows)
    finally:
        con.close()
    _apply_gpkg(data_dir / "twin.gpkg", removed, heights, new_rows)
    _update_manifest(data_dir, district_id, len(added) - len(removed), version)
    return {"added": added, "removed": removed, "raised": raised, "collection_id": BUILDINGS,
            "version": version, "heights": heights}


_FIELDS = ("height", "floors", "use", "gfa", "ground_elev", "bim_id", "year_built", "status")


def _applyspatialite(con, removed, heights, new_rows):
    """SQL through SpatiaLite, as sample_twin.writers wrote the file: its triggers keep
    the spatial index that pygeoapi's bbox filter uses in step."""
    with con:
        con.executemany("DELETE FROM {} WHERE fid = ?".format(BUILDINGS),
                        [(fid,) for fid in removed])
        con.executemany("UPDATE {} SET height = ? WHERE fid = ?".format(BUILDINGS),
                        [(new, fid) for fid, (_old, new) in heights.items()])
        gtype = con.execute("SELECT geometry_type FROM geometry_columns WHERE f_table_name = ?",
                            (BUILDINGS,)).fetchone()[0]
        columns = ", ".join('"{}"'.format(f) for f in _FIELDS)
        marks = ", ".join("?" for _ in _FIELDS)
        con.executemany(
            "INSERT INTO {} (fid, {}, geom) VALUES (?, {}, GeomFromWKB(?, 4326))"
            .format(BUILDINGS, columns, marks),
            [(row["fid"], *[row[f] for f in _FIELDS], _wkb(row["geom"], gtype % 1000 == 6))
             for row in new_rows])


def _wkb(polygon, multi):
    return shapely.to_wkb(shapely.MultiPolygon([polygon]) if multi else polygon)


def _apply_gpkg(path, removed, heights, new_rows):
    ds = ogr.Open(str(path), 1)
    layer = ds.GetLayerByName(BUILDINGS)
    multi = ogr.GT_Flatten(layer.GetGeomType()) == ogr.wkbMultiPolygon
    layer.StartTransaction()
    for fid in removed:
        layer.DeleteFeature(fid)
    for fid, (_old, new) in heights.items():
        feature = layer.GetFeature(fid)
        feature.SetField("height", new)
        layer.SetFeature(feature)
    for row in new_rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetFID(row["fid"])
        for name in _FIELDS:
            feature.SetField(name, row[name])
        feature.SetGeometry(ogr.CreateGeometryFromWkb(_wkb(row["geom"], multi)))
        layer.CreateFeature(feature)
    layer.CommitTransaction()
    ds = None


def _update_manifest(data_dir, district_id, delta, version):
    """The buildings entry: twin:version keyword, feature count and district count."""
    path = data_dir / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    entry = next(c for c in manifest["collections"] if c["id"] == BUILDINGS)
    entry["keywords"] = [k for k in entry["keywords"] if not k.startswith("twin:version=")]
    entry["keywords"].append("twin:version={}".format(version))
    entry["count"] += delta
    entry["district_counts"][district_id] += delta
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")


def restart_service(handle, attempts=3):
    """Stop a service from start_sample_service and start it again on the same port and
    data directory (reloading manifest.json); returns the new ServiceHandle."""
    handle.stop()
    for attempt in range(attempts):
        try:
            return start_sample_service(handle.data_dir, port=handle.port)
        except RuntimeError:  # sample_twin.service.ServiceError: the port not yet free
            if attempt == attempts - 1:
                raise
            time.sleep(0.5)


if __name__ == "__main__":
    print(json.dumps(_change_buildings(**json.loads(sys.argv[1]))))
