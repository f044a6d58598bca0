"""Generate the sample twin: python -m sample_twin.generate --out DIR [--seed 42] [--buildings N]

Writes DIR/twin.gpkg (one EPSG:4326 table per vector collection), DIR/rasters/*.tif
(EPSG:4547 Float32), DIR/tinydb/*.json (observations for the service's time filtering)
and DIR/manifest.json. Deterministic for a given seed and size."""

import argparse
import json
import math
import os
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import shapely

from . import catalog, places, terrain, urban
from .coords import geoms_to_lonlat, lonlat_to_metric, point_from_lonlat, polygon_from_lonlat
from .layers import BUILDING_FIELDS, I, Layer, R, S, stream_rng
from .sensors import make_sensors
from .writers import table_name, write_gpkg, write_raster, write_spatialite, write_tinydb

# Bump whenever the output changes: tests/support/twin_service.py regenerates on change.
GENERATOR_VERSION = "6"
DEFAULT_BUILDINGS = 3000
USES = ["residential", "office", "commercial", "public", "industrial", "mixed"]

# ---------------------------------------------------------------- geography

def build_world(seed, n_buildings):
    world = {}
    districts = []
    for d in places.DISTRICTS:
        poly = polygon_from_lonlat(d["outline"])
        districts.append((d, poly))
    world["districts"] = districts
    sea = polygon_from_lonlat(places.SEA)
    lake_c = point_from_lonlat(*places.LAKE["centre"])
    lake = shapely.affinity.scale(lake_c.buffer(1.0, 48), *places.LAKE["radii"])
    lake = shapely.affinity.rotate(lake, places.LAKE["rotation"])
    rivers = []
    for r in places.RIVERS:
        line = shapely.LineString(lonlat_to_metric(r["line"]))
        rivers.append((r, line, line.buffer(r["width"] / 2, cap_style="flat")))
    parks = [(p, polygon_from_lonlat(p["ring"])) for p in places.PARKS]
    site_c = point_from_lonlat(*places.SITE_S1["centre"])
    xm_angle = places.DISTRICTS[0]["angle"]
    site = shapely.affinity.rotate(shapely.box(site_c.x - 85, site_c.y - 70, site_c.x + 85,
                                               site_c.y + 70), xm_angle, origin=site_c)
    world.update(sea=sea, lake=lake, rivers=rivers, parks=parks, site=site)
    lakeside = lake.buffer(45).difference(lake)
    riverside = [rb.buffer(22, cap_style="flat").difference(rb) for _, _, rb in rivers]
    world["lakeside"] = lakeside
    world["riverside"] = riverside
    exclusions = shapely.union_all([sea, lake.buffer(45), site] + [rb.buffer(22) for _, _, rb in rivers]
                                   + [p for _, p in parks])
    world["exclusions"] = exclusions

    zones = []
    for d, poly in districts:
        if not d["share"]:
            continue
        built = poly
        if "built_part" in d:
            built = poly.intersection(polygon_from_lonlat(d["built_part"]))
        c = poly.centroid
        zones.append(urban.Zone(key=d["district_id"], district_id=d["district_id"], polygon=poly,
                                built=built, angle=d["angle"], origin=(c.x, c.y),
                                exclusions=exclusions,
                                names=places.STREET_NAMES.get(d["district_id"], ((), ()))))
    world["zones"] = zones
    # Counts: districts hold their default share; more buildings go to expansion tiles.
    base = min(n_buildings, DEFAULT_BUILDINGS)
    xm = int(round(base * places.DISTRICTS[0]["share"]))
    counts = {"xiangmihu": xm, "houhai": base - xm}
    extra = n_buildings - base
    if extra > 0:
        tiles = expansion_tiles(world, math.ceil(extra / 1100), stream_rng(seed, "expansion"))
        per = np.full(len(tiles), extra // len(tiles))
        per[: extra - per.sum()] += 1
        for tile, k in zip(tiles, per):
            zones.append(tile)
            counts[tile.key] = int(k)
    world["counts"] = counts
    return world


def expansion_tiles(world, n, rng):
    """1 km tiles of synthetic city between and around the districts (benchmark sizes)."""
    xm = world["districts"][0][1].centroid
    hh = world["districts"][1][1].centroid
    cx, cy = (xm.x + hh.x) / 2, (xm.y + hh.y) / 2
    keep_out = shapely.union_all([p.buffer(150) for _, p in world["districts"]]
                                 + [world["sea"].buffer(200), world["lake"].buffer(100)])
    cands = []
    for i in range(-15, 16):
        for j in range(-8, 16):
            box = shapely.box(cx + i * 1000 - 500, cy + j * 1000 - 500, cx + i * 1000 + 500,
                              cy + j * 1000 + 500)
            if box.intersects(keep_out):
                continue
            cands.append((abs(i) + 1.6 * abs(j - 1), i, j, box))
    cands.sort(key=lambda t: t[:3])
    if len(cands) < n:
        raise SystemExit(f"too many buildings requested: room for {len(cands) * 1100}")
    tiles = []
    for k, (_, i, j, box) in enumerate(cands[:n]):
        c = box.centroid
        tiles.append(urban.Zone(key=f"ext-{k:03d}", district_id=None, polygon=box, built=box,
                                angle=float(rng.uniform(-8, 8)), origin=(c.x, c.y),
                                names=((), ())))
    return tiles


# ---------------------------------------------------------------- buildings

def make_buildings(world, grid, dem, seed):
    rng = stream_rng(seed, "buildings")
    rng_urban = stream_rng(seed, "urban")
    layer = Layer("buildings", BUILDING_FIELDS)
    parcels = Layer("parcels", [("parcel_id", S), ("land_use", S), ("far_cap", R),
                                ("height_cap", R), ("green_ratio_min", R)])
    roads = Layer("roads", [("name", S), ("class", S), ("lanes", I)])
    public_pts = {}
    bim_seq = 0
    for zone in world["zones"]:
        urban.build_streets(zone, spacing=200.0 if zone.district_id else 180.0)
        for g, p in zone.roads:
            roads.add(g, **p)
        n = world["counts"].get(zone.key, 0)
        centres, size, owner = urban.place_lots(zone, n, rng_urban)
        n = len(centres)
        if n == 0:
            continue
        core = np.array(zone.origin)
        if zone.district_id == "houhai":
            s = point_from_lonlat(113.9450, 22.5225)
            core = np.array([s.x, s.y])
        # lot centres to world for distance to the core
        wc = urban._to_world_xy(zone, centres)
        r = np.hypot(wc[:, 0] - core[0], wc[:, 1] - core[1])
        in_core = r < (650 if zone.district_id else 300)
        p_core = [0.15, 0.35, 0.2, 0.08, 0.0, 0.22]
        p_out = [0.55, 0.08, 0.12, 0.1, 0.05, 0.1]
        u = rng.random(n)
        use_idx = np.where(in_core, np.searchsorted(np.cumsum(p_core), u * 0.99999),
                           np.searchsorted(np.cumsum(p_out), u * 0.99999))
        use = np.array(USES)[use_idx]
        median = np.array([45.0, 62.0, 22.0, 16.0, 13.0, 50.0])[use_idx]
        spread = np.array([0.45, 0.45, 0.5, 0.45, 0.35, 0.45])[use_idx]
        height = median * np.exp(rng.normal(0, 1, n) * spread)
        height *= np.where(in_core, 1.3, 1.0)
        tower = in_core & np.isin(use, ["office", "mixed"]) & (rng.random(n) < 0.07)
        height = np.where(tower, rng.uniform(150, 300, n), np.clip(height, 4.0, 130.0))
        height = np.round(height, 1)
        fp = urban.footprints(zone, centres, size, rng, squareness=tower)
        storey = rng.uniform(3.0, 3.5, n)
        floors = np.maximum(1, np.round(height / storey)).astype(int)
        area = shapely.area(fp)
        gfa = np.round(area * floors * rng.uniform(0.88, 1.0, n), 1)
        gfa_null = rng.random(n) < 0.05
        cen = shapely.centroid(fp)
        rows, cols = grid.index(shapely.get_x(cen), shapely.get_y(cen))
        ground = dem[rows, cols].astype(float)
        ground = np.where(ground == terrain.NODATA, 2.0, np.round(ground, 2))
        st = rng.random(n)
        status = np.where(st < 0.9, "existing", np.where(st < 0.94, "under-construction", "planned"))
        year = np.where(status == "existing", rng.integers(1988, 2026, n),
                        np.where(status == "under-construction", rng.integers(2026, 2028, n),
                                 rng.integers(2027, 2031, n)))
        prefix = {"xiangmihu": "XMH", "houhai": "HH"}.get(zone.district_id, "EXT")
        bim = [f"SZ-{prefix}-{bim_seq + i:06d}" for i in range(n)]
        bim_seq += n
        layer.extend(fp, {
            "height": height.tolist(), "floors": floors.tolist(), "use": use.tolist(),
            "gfa": [None if z else float(v) for z, v in zip(gfa_null, gfa)],
            "ground_elev": ground.tolist(), "bim_id": bim, "year_built": year.tolist(),
            "status": status.tolist(),
        })
        if zone.district_id:
            public_pts[zone.district_id] = [cen[i] for i in np.flatnonzero(use == "public")]
        # One parcel per block; land use from its buildings.
        for bi, block in enumerate(zone.blocks):
            in_block = owner == bi
            uses = use[in_block]
            if len(uses):
                vals, cnt = np.unique(uses, return_counts=True)
                lu = str(vals[np.argmax(cnt)])
                hmax = float(height[in_block].max())
            else:
                lu, hmax = "reserved", 0.0
            far = {"residential": 3.8, "office": 8.0, "commercial": 5.0, "public": 2.0,
                   "industrial": 2.5, "mixed": 6.5, "reserved": 1.0}[lu]
            far = round(far * float(rng.uniform(0.85, 1.2)), 1)
            hcap = float(min(300, max(24, math.ceil(hmax * rng.uniform(0.9, 1.3) / 10) * 10)))
            parcels.add(block, parcel_id=f"{prefix}-P{len(parcels.rows) + 1:05d}", land_use=lu,
                        far_cap=far, height_cap=hcap,
                        green_ratio_min=round(float(rng.choice([0.2, 0.25, 0.3, 0.35])), 2))
    return layer, parcels, roads, public_pts


def make_schemes(world, grid, dem, seed):
    rng = stream_rng(seed, "schemes")
    site = world["site"]
    c = site.centroid
    ground = float(dem[grid.index(c.x, c.y)])
    angle = places.DISTRICTS[0]["angle"]
    layers = {}
    specs = {
        # scheme id -> list of (dx, dy, w, d, height, use)
        "s1-a": [(-45, -20, 34, 34, 238.0, "office"), (40, 25, 32, 30, 196.0, "mixed"),
                 (35, -40, 48, 26, 24.0, "commercial")],
        "s1-b": [(-55, -35, 40, 18, 72.0, "residential"), (-55, 10, 40, 18, 66.0, "residential"),
                 (-55, 45, 40, 16, 54.0, "residential"), (5, -40, 36, 20, 84.0, "office"),
                 (5, 5, 30, 20, 60.0, "mixed"), (55, -30, 26, 36, 45.0, "public"),
                 (55, 25, 30, 30, 90.0, "office"), (5, 45, 34, 14, 18.0, "commercial")],
    }
    for sid, items in specs.items():
        layer = Layer(f"scheme-{sid}", BUILDING_FIELDS + [("scheme_id", S), ("site_id", S)])
        for k, (dx, dy, w, d, h, use) in enumerate(items):
            g = shapely.box(c.x + dx - w / 2, c.y + dy - d / 2, c.x + dx + w / 2, c.y + dy + d / 2)
            g = shapely.affinity.rotate(g, angle, origin=c)
            floors = max(1, round(h / float(rng.uniform(3.0, 3.5))))
            layer.add(g, height=h, floors=floors, use=use, gfa=round(g.area * floors * 0.93, 1),
                      ground_elev=round(ground, 2), bim_id=f"SZ-S1-{sid[-1].upper()}-{k + 1:02d}",
                      year_built=2029, status="planned", scheme_id=sid, site_id="s1")
        layers[layer.cid] = layer
    return layers


def make_sites(world):
    """The development site S1 (the cleared block the schemes are drawn on) with its
    planning caps: a 200 m height cap (scheme A's 238 m tower exceeds it, scheme B keeps
    below) and a FAR cap of 6.0."""
    site = world["site"]
    layer = Layer("sites", [("site_id", S), ("name", S), ("name_zh", S), ("land_use", S),
                            ("far_cap", R), ("height_cap", R), ("area_m2", R)])
    layer.add(site, site_id=places.SITE_S1["site_id"], name="Site S1 (Xiangmihu)",
              name_zh="S1地块（香蜜湖）", land_use="mixed", far_cap=6.0, height_cap=200.0,
              area_m2=round(site.area, 1))
    return {layer.cid: layer}


# ---------------------------------------------------------------- other vector layers

def make_context_layers(world, seed, public_pts, roads_layer):
    rng = stream_rng(seed, "points")
    out = {}
    d = Layer("districts", [("district_id", S), ("name", S), ("name_zh", S)])
    for spec, poly in world["districts"]:
        d.add(poly, district_id=spec["district_id"], name=spec["name"], name_zh=spec["name_zh"])
    out["districts"] = d

    extent = shapely.union_all([p for _, p in world["districts"][:2]]).envelope.buffer(2500)
    w = Layer("water", [("name", S), ("type", S)])
    w.add(world["lake"], name=places.LAKE["name"], type="lake")
    for spec, _line, poly in world["rivers"]:
        w.add(poly, name=spec["name"], type="river")
    w.add(world["sea"].intersection(extent), name="Shenzhen Bay 深圳湾", type="sea")
    out["water"] = w

    g = Layer("green", [("name", S), ("type", S)])
    for spec, poly in world["parks"]:
        g.add(poly, name=spec["name"], type=spec["type"])
    g.add(world["lakeside"], name="Xiangmi Lake shore 香蜜湖滨水绿带", type="waterfront")
    for (spec, _l, _p), ring in zip(world["rivers"], world["riverside"]):
        g.add(ring, name=spec["name"].split(" ")[0] + " greenway", type="greenway")
    out["green"] = g

    m = Layer("metro-stations", [("name", S), ("type", S), ("capacity", I)])
    for _did, name, lon, lat, typ, cap in places.METRO_STATIONS:
        m.add(point_from_lonlat(lon, lat), name=name, type=typ, capacity=cap)
    out["metro-stations"] = m

    ev = Layer("ev-chargers", [("name", S), ("type", S), ("capacity", I)])
    district_roads = {}
    for geom, row in zip(roads_layer.geoms, roads_layer.rows):
        for spec, poly in world["districts"][:2]:
            if geom.intersects(poly):
                district_roads.setdefault(spec["district_id"], []).append(geom)
    for did, n, code in (("xiangmihu", 28, "XMH"), ("houhai", 12, "HH")):
        lines = district_roads[did]
        for k in range(n):
            line = lines[rng.integers(len(lines))]
            p = line.interpolate(float(rng.uniform(0.1, 0.9)), normalized=True)
            p = shapely.Point(p.x + rng.normal(0, 12), p.y + rng.normal(0, 12))
            typ = str(rng.choice(["fast", "slow", "super"], p=[0.55, 0.3, 0.15]))
            cap = int({"fast": rng.integers(4, 13), "slow": rng.integers(2, 9),
                       "super": rng.integers(8, 21)}[typ])
            ev.add(p, name=f"EV Charging {code}-{k + 1:02d}", type=typ, capacity=cap)
    out["ev-chargers"] = ev

    f = Layer("facilities", [("name", S), ("type", S), ("capacity", I)])
    kinds = [("primary-school", "Primary School", 1800), ("middle-school", "Middle School", 2000),
             ("kindergarten", "Kindergarten", 360), ("hospital", "Hospital", 800),
             ("clinic", "Community Health Centre", 60), ("library", "Library", 500),
             ("sports-centre", "Sports Centre", 1500), ("community-centre", "Community Centre", 300),
             ("elderly-care", "Elderly Care Home", 200)]
    for did, n in (("xiangmihu", 20), ("houhai", 10)):
        pts = public_pts.get(did, [])
        pick = rng.choice(len(pts), size=min(n, len(pts)), replace=False) if pts else []
        for k, i in enumerate(sorted(pick)):
            typ, label, cap = kinds[k % len(kinds)]
            f.add(pts[i], name=f"{did.title()} {label} {k // len(kinds) + 1}", type=typ,
                  capacity=int(cap * rng.uniform(0.6, 1.3)))
    out["facilities"] = f

    h = Layer("height-control", [("control_id", S), ("name", S), ("max_height", R)])
    xm_poly = world["districts"][0][1]
    hh_poly = world["districts"][1][1]
    lakeside = world["lake"].buffer(300).difference(world["lake"]).intersection(xm_poly)
    core = world["zones"][0].polygon.centroid.buffer(600).intersection(xm_poly).difference(lakeside)
    general = xm_poly.difference(lakeside).difference(core).difference(world["lake"])
    coast = hh_poly.intersection(world["sea"].buffer(500))
    hh_rest = hh_poly.difference(coast)
    for cid, name, geom, mh in (("hc-xmh-lake", "Xiangmi Lake lakeside 香蜜湖滨水区", lakeside, 60.0),
                                ("hc-xmh-core", "Xiangmihu core 香蜜湖核心区", core, 300.0),
                                ("hc-xmh-general", "Xiangmihu general 香蜜湖一般区", general, 150.0),
                                ("hc-hh-coast", "Houhai waterfront 后海滨海区", coast, 100.0),
                                ("hc-hh-cbd", "Houhai headquarters 后海总部基地", hh_rest, 400.0)):
        h.add(geom, control_id=cid, name=name, max_height=mh)
    out["height-control"] = h

    vp = Layer("viewpoints", [("viewpoint_id", S), ("name", S), ("eye_height", R)])
    vc = Layer("view-corridors", [("corridor_id", S), ("viewpoint_id", S), ("name", S),
                                  ("max_elev_angle", R), ("max_height", R)])
    for vid, name, lon, lat, eye, corridors in places.VIEWPOINTS:
        p = point_from_lonlat(lon, lat)
        vp.add(p, viewpoint_id=vid, name=name, eye_height=eye)
        for cid, bearing, width, key, value in corridors:
            angles = np.radians(bearing + np.linspace(-width / 2, width / 2, 9))
            arc = [(p.x + 1500 * np.sin(a), p.y + 1500 * np.cos(a)) for a in angles]
            wedge = shapely.Polygon([(p.x, p.y)] + arc)
            vc.add(wedge, corridor_id=cid, viewpoint_id=vid, name=f"View corridor from {name}",
                   max_elev_angle=value if key == "max_elev_angle" else None,
                   max_height=value if key == "max_height" else None)
    out["viewpoints"] = vp
    out["view-corridors"] = vc

    poi = Layer("poi-misc", [("name", S), ("type", S)])
    for k, (lon, lat, typ) in enumerate([(114.0312, 22.5430, "kiosk"), (114.0252, 22.5502, "toilet"),
                                         (114.0401, 22.5530, "newsstand"), (113.9470, 22.5200, "kiosk"),
                                         (113.9410, 22.5255, "toilet")]):
        poi.add(point_from_lonlat(lon, lat), name=f"{typ.title()} {k + 1}", type=typ)
    out["poi-misc"] = poi
    return out


def generate(out, seed=42, n_buildings=DEFAULT_BUILDINGS, log=print):
    t0 = time.time()
    out = Path(out)
    tmp = out.with_name(out.name + f".tmp-{os.getpid()}")
    if tmp.exists():
        shutil.rmtree(tmp)
    (tmp / "rasters").mkdir(parents=True)
    (tmp / "tinydb").mkdir()

    world = build_world(seed, n_buildings)
    # Terrain grid: every zone plus a margin (the default covers Xiangmihu and Houhai).
    zb = shapely.union_all([z.polygon for z in world["zones"]]).bounds
    grid = terrain.Grid(zb[0] - 600, zb[1] - 600, zb[2] + 600, zb[3] + 600)
    lakes = [world["lake"]]
    rivers = [p for _, _, p in world["rivers"]]
    hills = [tuple(lonlat_to_metric([(lon, lat)])[0]) + (a, s) for lon, lat, a, s in places.HILLS]
    origin = tuple(lonlat_to_metric([(113.80, 22.40)])[0])
    dem, water = terrain.build_dem(grid, stream_rng(seed, "terrain"), world["sea"], lakes, rivers, hills,
                                   origin)
    floods = {s: terrain.flood_depth(grid, dem, water, s) for s in terrain.FLOOD_SCENARIOS}
    log(f"terrain {grid.ncols}x{grid.nrows} cells: {time.time() - t0:.1f}s")

    buildings, parcels, roads, public_pts = make_buildings(world, grid, dem, seed)
    layers = {}
    layers.update(make_context_layers(world, seed, public_pts, roads))
    layers["buildings"] = buildings
    layers["parcels"] = parcels
    layers["roads"] = roads
    layers.update(make_schemes(world, grid, dem, seed))
    layers.update(make_sites(world))
    layers.update(make_sensors(world, grid, dem, floods["rp100"], seed))
    log(f"layers ({len(buildings.rows)} buildings): {time.time() - t0:.1f}s")

    info = write_gpkg(tmp / "twin.gpkg", layers)
    write_spatialite(tmp / "twin.gpkg", tmp / "twin.sqlite")
    for cid in ("water-level-observations", "rainfall-observations"):
        write_tinydb(tmp / "tinydb" / f"{cid}.json", layers[cid], info[cid])
    write_raster(tmp / "rasters" / "dem.tif", grid, dem, "elevation", "m")
    for s, arr in floods.items():
        write_raster(tmp / "rasters" / f"flood-depth-{s}.tif", grid, arr, "water depth", "m")
    log(f"written: {time.time() - t0:.1f}s")

    manifest = build_manifest(world, layers, info, grid, dem, floods, seed, n_buildings)
    (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    if out.exists():
        shutil.rmtree(out)
    os.replace(tmp, out)
    log(f"done in {time.time() - t0:.1f}s -> {out}")
    return manifest


def build_manifest(world, layers, info, grid, dem, floods, seed, n_buildings):
    dist = [(spec["district_id"], shapely.geometry.shape(
        shapely.geometry.mapping(geoms_to_lonlat(poly)))) for spec, poly in world["districts"]]
    collections = []
    for cid in catalog.COLLECTIONS:
        title, desc, *_ = catalog.COLLECTIONS[cid]
        entry = {"id": cid, "title": title, "description": desc}
        if cid in layers:
            lonlat = info[cid]["lonlat"]
            counts = {}
            for did, poly in dist:
                shapely.prepare(poly)
                counts[did] = int(shapely.intersects(poly, lonlat).sum())
            b = shapely.total_bounds(lonlat)
            entry.update(kind="vector", source={"type": "gpkg", "path": "twin.gpkg",
                                                "table": table_name(cid), "id_field": "fid"},
                         geometry_type=str(shapely.get_type_id(lonlat[0])),
                         bbox=[round(float(v), 6) for v in b], count=len(lonlat),
                         count_unit="features", district_counts=counts)
            entry["geometry_type"] = lonlat[0].geom_type
            if "observations" in cid:
                entry["source"]["tinydb"] = f"tinydb/{cid}.json"
                times = [r["time"] for r in layers[cid].rows]
                entry["temporal"] = {"begin": min(times), "end": max(times), "time_field": "time"}
        else:
            arr = dem if cid == "dem" else floods[cid.rsplit("-", 1)[1]]
            valid = arr != terrain.NODATA
            counts = {}
            for spec, poly in world["districts"]:
                counts[spec["district_id"]] = int((grid.mask(poly) & valid).sum())
            corners = shapely.box(grid.minx, grid.miny, grid.maxx, grid.maxy)
            b = geoms_to_lonlat(corners).bounds
            entry.update(kind="raster", source={"type": "raster", "path": f"rasters/{cid}.tif"},
                         bbox=[round(float(v), 6) for v in b], count=int(valid.sum()),
                         count_unit="cells", district_counts=counts,
                         grid={"crs": "EPSG:4547", "cell": grid.cell, "width": grid.ncols,
                               "height": grid.nrows,
                               "bounds": [grid.minx, grid.miny, grid.maxx, grid.maxy]})
        if cid == "districts":
            tags = ["*"]
        else:
            tags = [did for did, n in entry["district_counts"].items() if n > 0]
        entry["keywords"] = catalog.keywords(cid, tags)
        collections.append(entry)
    return {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "buildings": n_buildings,
        "version_date": catalog.VERSION_DATE,
        "districts": [{"district_id": s["district_id"], "name": s["name"], "name_zh": s["name_zh"],
                       "bbox": [round(float(v), 6) for v in geoms_to_lonlat(p).bounds]}
                      for s, p in world["districts"]],
        "collections": collections,
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--buildings", type=int, default=DEFAULT_BUILDINGS)
    args = ap.parse_args(argv)
    generate(args.out, args.seed, args.buildings)


if __name__ == "__main__":
    sys.exit(main())
