"""Procedural urban fabric for one zone: a slightly rotated street grid, blocks between
the streets, lots in the blocks and building footprints on the lots.

All work happens in a local frame (the zone rotated so its streets are axis-aligned),
in EPSG:4547 metres; results are rotated back to world coordinates."""

from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely import affinity

ROAD_CLASSES = {  # class -> (lanes, width m)
    "arterial": (8, 44.0),
    "secondary": (4, 24.0),
}


@dataclass
class Zone:
    key: str                  # district id, or "ext-<n>" for benchmark expansion tiles
    district_id: str | None
    polygon: object           # world polygon the street grid covers
    built: object             # world polygon buildings may occupy
    angle: float
    origin: tuple
    exclusions: object = None  # world geometry kept free (water, parks, sites)
    names: tuple = ((), ())
    roads: list = field(default_factory=list)     # (world LineString, props)
    blocks: list = field(default_factory=list)    # world polygons


def _to_local(zone, geom):
    return affinity.rotate(geom, -zone.angle, origin=zone.origin)


def _to_world_xy(zone, xy):
    a = np.radians(zone.angle)
    ox, oy = zone.origin
    x = xy[..., 0] - ox
    y = xy[..., 1] - oy
    out = np.empty_like(xy)
    out[..., 0] = ox + x * np.cos(a) - y * np.sin(a)
    out[..., 1] = oy + x * np.sin(a) + y * np.cos(a)
    return out


def _to_world(zone, geom):
    return affinity.rotate(geom, zone.angle, origin=zone.origin)


def build_streets(zone, spacing=200.0, arterial_every=3):
    """Street lines and the blocks between them for a zone (fills zone.roads/blocks)."""
    poly = _to_local(zone, zone.polygon)
    minx, miny, maxx, maxy = poly.bounds
    ox, oy = zone.origin
    buffers = []
    ns_names, ew_names = zone.names
    roads = []
    for orient in ("ns", "ew"):
        lo, hi = (minx, maxx) if orient == "ns" else (miny, maxy)
        base = ox if orient == "ns" else oy
        k0 = int(np.ceil((lo - base) / spacing))
        k1 = int(np.floor((hi - base) / spacing))
        n_art = 0
        n_sec = 0
        for k in range(k0, k1 + 1):
            pos = base + k * spacing
            if orient == "ns":
                line = shapely.LineString([(pos, miny - 10), (pos, maxy + 10)])
            else:
                line = shapely.LineString([(minx - 10, pos), (maxx + 10, pos)])
            clipped = line.intersection(poly)
            if clipped.is_empty or clipped.length < 50:
                continue
            cls = "arterial" if k % arterial_every == 0 else "secondary"
            lanes, width = ROAD_CLASSES[cls]
            names = ns_names if orient == "ns" else ew_names
            if cls == "arterial" and n_art < len(names):
                name = names[n_art]
                n_art += 1
            else:
                n_sec += 1
                name = f"{zone.key.title()} {'North-South' if orient == 'ns' else 'East-West'} Street {n_sec}"
            roads.append((clipped, {"name": name, "class": cls, "lanes": lanes}))
            buffers.append(clipped.buffer(width / 2, cap_style="flat"))
    street_area = shapely.union_all(buffers) if buffers else shapely.Polygon()
    built = _to_local(zone, zone.built)
    land = built.difference(street_area)
    if zone.exclusions is not None:
        land = land.difference(_to_local(zone, zone.exclusions).buffer(8))
    blocks = [g for g in shapely.get_parts(land) if g.area > 3000]
    zone.roads = [(_to_world(zone, g), p) for g, p in roads]
    zone.blocks = [_to_world(zone, b) for b in blocks]
    zone._local_blocks = blocks
    return zone


def place_lots(zone, n, rng, min_lot=18.0):
    """Choose n lots (squares of one size) inside the zone's blocks.

    Returns (local centres (n,2), lot size, block index per lot). The lot size is
    chosen so there are ~15% more candidates than needed, then n are drawn at random:
    the unused lots read as courtyards and open space."""
    blocks = zone._local_blocks
    if n <= 0 or not blocks:
        return np.zeros((0, 2)), 0.0, np.zeros(0, int)
    area = sum(b.area for b in blocks)
    size = max(min_lot, np.sqrt(area * 0.8 / (n * 1.15)))
    while True:
        centres, owner = [], []
        for i, b in enumerate(blocks):
            bx0, by0, bx1, by1 = b.bounds
            xs = np.arange(bx0 + size / 2, bx1 - size / 2 + 1e-6, size)
            ys = np.arange(by0 + size / 2, by1 - size / 2 + 1e-6, size)
            if len(xs) == 0 or len(ys) == 0:
                continue
            gx, gy = np.meshgrid(xs, ys)
            gx, gy = gx.ravel(), gy.ravel()
            boxes = shapely.box(gx - size / 2, gy - size / 2, gx + size / 2, gy + size / 2)
            shapely.prepare(b)
            ok = shapely.contains(b, boxes)
            centres.append(np.column_stack([gx[ok], gy[ok]]))
            owner.append(np.full(ok.sum(), i))
        centres = np.concatenate(centres) if centres else np.zeros((0, 2))
        owner = np.concatenate(owner) if owner else np.zeros(0, int)
        if len(centres) >= n or size <= min_lot:
            break
        size *= 0.9
    n = min(n, len(centres))
    pick = np.sort(rng.choice(len(centres), size=n, replace=False))
    return centres[pick], size, owner[pick]


def footprints(zone, centres, size, rng, squareness=None):
    """Rectangles and L-shapes, slightly rotated, filling 45-75% of each lot side.

    Returns world polygons (array) and their local centres."""
    n = len(centres)
    if n == 0:
        return np.array([], dtype=object)
    w = size * rng.uniform(0.45, 0.78, n)
    d = size * rng.uniform(0.45, 0.78, n)
    if squareness is not None:  # towers: near-square plates
        d = np.where(squareness, w * rng.uniform(0.85, 1.0, n), d)
    jitter = (size - np.maximum(w, d)) / 2 * 0.6
    cx = centres[:, 0] + rng.uniform(-1, 1, n) * jitter
    cy = centres[:, 1] + rng.uniform(-1, 1, n) * jitter
    rot = np.radians(rng.normal(0.0, 2.5, n))
    is_l = (rng.random(n) < 0.25) & ~(squareness if squareness is not None else np.zeros(n, bool))
    # Unit shapes (in [-0.5, 0.5]^2), 6 vertices each; rectangles repeat corners.
    rect = np.array([[-.5, -.5], [.5, -.5], [.5, -.5], [.5, .5], [.5, .5], [-.5, .5]])
    cut = rng.uniform(0.35, 0.6, n)
    shape = np.repeat(rect[None], n, axis=0)
    # L-shape: cut the north-east corner.
    lx = 0.5 - cut
    ly = 0.5 - cut
    shape[is_l, 2] = np.column_stack([np.full(is_l.sum(), .5), ly[is_l]])
    shape[is_l, 3] = np.column_stack([lx[is_l], ly[is_l]])
    shape[is_l, 4] = np.column_stack([lx[is_l], np.full(is_l.sum(), .5)])
    xy = shape * np.stack([w, d], axis=1)[:, None, :]
    c, s = np.cos(rot)[:, None], np.sin(rot)[:, None]
    x = xy[..., 0] * c - xy[..., 1] * s + cx[:, None]
    y = xy[..., 0] * s + xy[..., 1] * c + cy[:, None]
    world = _to_world_xy(zone, np.stack([x, y], axis=-1))
    ring = np.concatenate([world, world[:, :1]], axis=1)
    polys = shapely.polygons(ring)
    # Repeated vertices of rectangles are harmless but untidy: drop them.
    return shapely.simplify(polys, 0.0)
