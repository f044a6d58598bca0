"""Advance the sample twin's sensors by whole hours, as a live feed would.

    python -m sample_twin.observations_feed --data DIR [--hours 1] [--set WL-07=0.45 ...]

For every sensor (kind=sensors collection) this appends one observation per hour after
the newest observation of the sample, to the observation collections (kind=observations,
same subcategory), and updates the sensor's latest_value / latest_time (status becomes
"online": a sensor that reports is online). Values persist with a little deterministic
noise (water levels ±0.02 m, rain 0 mm) unless ``--set SENSOR=VALUE`` forces one.

What the running pygeoapi (sample_twin.service) reads, and so serves on the very next
request without a restart (each request is a fresh fork that opens its files anew):
  * observations from DIR/tinydb/<cid>.json (TinyDB provider): replaced atomically, so a
    request sees the old or the new document, never half of one;
  * sensors from DIR/twin.sqlite (SpatiaLite, SQLiteGPKG provider): one transaction.
DIR/twin.gpkg (the generator's GeoPackage) is changed the same way through OGR, which
keeps its rtree index and gpkg_contents.last_change right. The collections' temporal
extents in the service's configuration come from manifest.json when it starts, so the
new end shows in /collections only after a restart (the items themselves need none).
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from . import catalog
from .writers import spatialite, table_name

NOISE = {"m": 0.02}  # unit -> +/- amplitude of the hourly change; other units repeat 0


def append_observations(data_dir, hours=1, levels=None) -> dict:
    """Append ``hours`` hours of observations for every sensor in ``data_dir``;
    ``levels`` {sensor_id: value} forces values. Runs in a child process: SpatiaLite
    loaded into a process that also runs QGIS/GDAL corrupts the heap at exit.

    Returns {"times": [ISO hour, ...], "added": {observations cid: n},
    "latest": {sensor_id: {"time": ISO, "value": float}}}."""
    args = ["--data", str(data_dir), "--hours", str(int(hours))]
    for sid, value in (levels or {}).items():
        args += ["--set", "{}={}".format(sid, float(value))]
    root = str(Path(__file__).resolve().parents[1])
    proc = subprocess.run([sys.executable, "-m", "sample_twin.observations_feed", *args],
                          capture_output=True, text=True, cwd=root, timeout=120)
    if proc.returncode != 0:
        raise RuntimeError("append_observations failed: " + proc.stderr[-2000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ----------------------------------------------------------------- reading the sample

def _iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


def _pairs(manifest):
    """[(sensors cid, observations cid)] present in the manifest, paired by subcategory."""
    present = {c["id"] for c in manifest["collections"]}
    spec = {cid: v for cid, v in catalog.COLLECTIONS.items() if cid in present}
    obs = {v[4]: cid for cid, v in spec.items() if v[5] == "observations"}
    return [(cid, obs[v[4]]) for cid, v in spec.items() if v[5] == "sensors" and v[4] in obs]


def _sensors(con, cid):
    """[{sensor_id, unit, value, x, y, districts}] of a sensors table."""
    rows = con.execute('SELECT sensor_id, unit, latest_value, X(geom), Y(geom) FROM "{}" '
                       "ORDER BY fid".format(table_name(cid))).fetchall()
    out = []
    for sid, unit, value, x, y in rows:
        districts = [r[0] for r in con.execute(
            "SELECT district_id FROM districts WHERE Intersects(geom, MakePoint(?, ?, 4326))",
            (x, y))]
        out.append({"sensor_id": sid, "unit": unit, "value": value, "x": x, "y": y,
                    "districts": districts})
    return out


def _next_value(sensor, when, forced):
    if sensor["sensor_id"] in forced:
        return float(forced[sensor["sensor_id"]])
    amplitude = NOISE.get(sensor["unit"])
    if amplitude is None or sensor["value"] is None:
        return 0.0
    rng = random.Random("{}|{}".format(sensor["sensor_id"], _iso(when)))  # deterministic
    return round(max(0.0, sensor["value"] + rng.uniform(-amplitude, amplitude)), 2)


# ----------------------------------------------------------------- writing

def _write_json(path, doc, indent=None):
    """Replace ``path`` atomically (a concurrent reader sees old or new, never half)."""
    fd, tmp = tempfile.mkstemp(prefix=".part-", suffix=".json", dir=str(path.parent))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(doc, out, ensure_ascii=False, indent=indent,
                      separators=(",", ": ") if indent else (",", ":"))
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def _writespatialite(con, sensors_cid, obs_cid, rows, latest):
    with con:
        con.executemany(
            'INSERT INTO "{}" (fid, sensor_id, time, value, geom) '
            "VALUES (?, ?, ?, ?, MakePoint(?, ?, 4326))".format(table_name(obs_cid)),
            [(r["fid"], r["sensor_id"], r["time"], r["value"], r["x"], r["y"]) for r in rows])
        con.executemany(
            'UPDATE "{}" SET latest_value = ?, latest_time = ?, status = \'online\' '
            "WHERE sensor_id = ?".format(table_name(sensors_cid)),
            [(v["value"], v["time"], sid) for sid, v in latest.items()])


def _write_gpkg(path, sensors_cid, obs_cid, rows, latest):
    from osgeo import ogr

    ogr.UseExceptions()
    ds = ogr.Open(str(path), 1)
    obs = ds.GetLayerByName(table_name(obs_cid))
    ds.StartTransaction()
    for r in rows:
        feature = ogr.Feature(obs.GetLayerDefn())
        feature.SetFID(r["fid"])
        feature.SetField("sensor_id", r["sensor_id"])
        feature.SetField("time", r["time"])
        feature.SetField("value", r["value"])
        point = ogr.Geometry(ogr.wkbPoint)
        point.AddPoint_2D(r["x"], r["y"])
        feature.SetGeometry(point)
        obs.CreateFeature(feature)
    sensors = ds.GetLayerByName(table_name(sensors_cid))
    for feature in sensors:
        now = latest.get(feature.GetField("sensor_id"))
        if now is not None:
            feature.SetField("latest_value", now["value"])
            feature.SetField("latest_time", now["time"])
            feature.SetField("status", "online")
            sensors.SetFeature(feature)
    ds.CommitTransaction()
    ds = None


def _update_manifest(manifest, obs_cid, rows, end):
    entry = next(c for c in manifest["collections"] if c["id"] == obs_cid)
    entry["count"] += len(rows)
    for r in rows:
        for did in r["districts"]:
            entry["district_counts"][did] = entry["district_counts"].get(did, 0) + 1
    if "temporal" in entry:
        entry["temporal"]["end"] = max(entry["temporal"]["end"], end)


def _append(data_dir, hours=1, levels=None):
    data = Path(data_dir)
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    pairs = _pairs(manifest)
    forced = {str(k): float(v) for k, v in (levels or {}).items()}
    stores = {obs: json.loads((data / "tinydb" / "{}.json".format(obs)).read_text("utf-8"))
              for _s, obs in pairs}
    # The sample's clock: the newest observation anywhere; every sensor reports after it.
    newest = max(_parse(d["properties"]["time"]) for store in stores.values()
                 for d in store["_default"].values())
    times = [newest + timedelta(hours=h) for h in range(1, int(hours) + 1)]
    con = spatialite(data / "twin.sqlite")
    try:
        registry = {s: _sensors(con, s) for s, _o in pairs}
        unknown = set(forced) - {x["sensor_id"] for xs in registry.values() for x in xs}
        if unknown:
            raise ValueError("no sensor {} in the sample".format(", ".join(sorted(unknown))))
        result = {"times": [_iso(t) for t in times], "added": {}, "latest": {}}
        for sensors_cid, obs_cid in pairs:
            docs = stores[obs_cid]["_default"]
            fid = max([int(k) for k in docs] + [0])
            rows, latest = [], {}
            for when in times:
                for sensor in registry[sensors_cid]:
                    fid += 1
                    sensor["value"] = _next_value(sensor, when, forced)
                    rows.append({"fid": fid, "sensor_id": sensor["sensor_id"],
                                 "time": _iso(when), "value": sensor["value"],
                                 "x": sensor["x"], "y": sensor["y"],
                                 "districts": sensor["districts"]})
                    latest[sensor["sensor_id"]] = {"time": _iso(when), "value": sensor["value"]}
            _writespatialite(con, sensors_cid, obs_cid, rows, latest)
            _write_gpkg(data / "twin.gpkg", sensors_cid, obs_cid, rows, latest)
            for r in rows:
                docs[str(r["fid"])] = {
                    "type": "Feature", "id": str(r["fid"]),
                    "geometry": {"type": "Point",
                                 "coordinates": [round(r["x"], 7), round(r["y"], 7)]},
                    "properties": {"sensor_id": r["sensor_id"], "time": r["time"],
                                   "value": r["value"]}}
            _write_json(data / "tinydb" / "{}.json".format(obs_cid), stores[obs_cid])
            _update_manifest(manifest, obs_cid, rows, result["times"][-1])
            result["added"][obs_cid] = len(rows)
            result["latest"].update(latest)
    finally:
        con.close()
    _write_json(data / "manifest.json", manifest, indent=1)
    return result


def _level(text):
    sid, sep, value = text.partition("=")
    if not sep or not sid.strip():
        raise argparse.ArgumentTypeError("expected SENSOR=VALUE, got {!r}".format(text))
    return sid.strip(), float(value)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    ap.add_argument("--data", required=True, type=Path, help="the sample's data directory")
    ap.add_argument("--hours", type=int, default=1, help="hours to append (default 1)")
    ap.add_argument("--set", dest="levels", type=_level, action="append", default=[],
                    metavar="SENSOR=VALUE", help="force a sensor's value (repeatable)")
    args = ap.parse_args(argv)
    if args.hours < 1:
        ap.error("--hours must be at least 1")
    print(json.dumps(_append(args.data, args.hours, dict(args.levels))))


if __name__ == "__main__":
    main()
