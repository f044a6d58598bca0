"""Test points for sunlight hours (日照分析): window sills on sun-facing walls, or a grid.

Pure numpy over the footprints' rings (analysis/geos.py), so it runs under shapely 1.8 and 2.
A wall is one straight stretch of a footprint's outer ring (consecutive segments turning by
less than ``MERGE_TURN`` degrees are one wall). Its outward normal is to the right of the
ring walked counter-clockwise.
"""

from dataclasses import dataclass, field

import numpy as np

from . import geos
from .notes import Note

MERGE_TURN = 1.0        # degrees: nearly collinear segments form one wall
DEFAULT_FLOOR_HEIGHT = 3.0
OFFSET = 0.05           # m outward, so the point's own wall never blocks it


@dataclass
class TestPoints:
    """One row per test point. ``normal`` is the outward wall normal azimuth (degrees
    clockwise from north; NaN for grid points); ``building`` the input position (-1 for
    grid points); ``facade`` the wall's index in ``Walls`` (-1 for grid points); ``floor``
    1-based (0 for grid points)."""

    __test__ = False  # not a pytest class

    x: np.ndarray
    y: np.ndarray
    z: np.ndarray
    normal: np.ndarray
    building: np.ndarray
    facade: np.ndarray
    floor: np.ndarray
    notes: list = field(default_factory=list)

    def __len__(self):
        return len(self.x)

    def subset(self, mask):
        return TestPoints(self.x[mask], self.y[mask], self.z[mask], self.normal[mask],
                          self.building[mask], self.facade[mask], self.floor[mask],
                          list(self.notes))

    @property
    def is_facade(self):
        return self.facade >= 0


@dataclass
class Walls:
    """The walls that carry test points: end points, outward normal azimuth, length,
    building position and the wall's number within its building (1-based)."""

    x0: np.ndarray
    y0: np.ndarray
    x1: np.ndarray
    y1: np.ndarray
    normal: np.ndarray
    length: np.ndarray
    building: np.ndarray
    number: np.ndarray

    def __len__(self):
        return len(self.x0)


def _empty_points(notes=None):
    e = np.empty(0)
    i = np.empty(0, dtype=np.int64)
    return TestPoints(e, e.copy(), e.copy(), e.copy(), i, i.copy(), i.copy(), notes or [])


def no_walls():
    e = np.empty(0)
    i = np.empty(0, dtype=np.int64)
    return Walls(e, e.copy(), e.copy(), e.copy(), e.copy(), e.copy(), i, i.copy())


def outer_walls(footprints, buildings=None, min_length=0.5):
    """The walls of the outer rings of ``footprints`` (or only of the positions in
    ``buildings``), each ring counter-clockwise. Walls shorter than min_length (m) are
    dropped (digitising slivers, not facades)."""
    footprints = np.asarray(footprints, dtype=object)
    chosen = np.arange(len(footprints)) if buildings is None else np.asarray(buildings)
    if not len(chosen):
        return no_walls()
    xy, vertex_ring, ring_feature, ring_exterior = geos.ring_coordinates(footprints[chosen])
    if not len(vertex_ring):
        return no_walls()
    cols = {k: [] for k in ("x0", "y0", "x1", "y1", "building")}
    starts = np.flatnonzero(np.r_[True, vertex_ring[1:] != vertex_ring[:-1]])
    ends = np.r_[starts[1:], len(vertex_ring)]
    for ring, (a, b) in enumerate(zip(starts, ends)):
        if not ring_exterior[vertex_ring[a]]:
            continue  # courtyards (holes) carry no test points
        pts = _corners(xy[a:b])
        if pts is None:
            continue
        cols["x0"].append(pts[:-1, 0])
        cols["y0"].append(pts[:-1, 1])
        cols["x1"].append(pts[1:, 0])
        cols["y1"].append(pts[1:, 1])
        cols["building"].append(np.full(len(pts) - 1, chosen[ring_feature[vertex_ring[a]]]))
    if not cols["x0"]:
        return no_walls()
    x0, y0, x1, y1 = (np.concatenate(cols[k]) for k in ("x0", "y0", "x1", "y1"))
    building = np.concatenate(cols["building"]).astype(np.int64)
    dx, dy = x1 - x0, y1 - y0
    length = np.hypot(dx, dy)
    keep = length >= min_length
    # Counter-clockwise ring: outside is to the right, the normal (dy, −dx).
    normal = np.degrees(np.arctan2(dy, -dx)) % 360.0
    x0, y0, x1, y1, normal, length, building = (
        v[keep] for v in (x0, y0, x1, y1, normal, length, building))
    number = _number_within(building)
    return Walls(x0, y0, x1, y1, normal, length, building, number)


def _corners(ring):
    """A closed ring's vertices, counter-clockwise, without repeated points or vertices
    where the outline turns by less than MERGE_TURN; closed again. None if degenerate."""
    pts = ring[:-1]
    step = np.diff(np.vstack([pts, pts[:1]]), axis=0)
    pts = pts[np.hypot(step[:, 0], step[:, 1]) > 1e-9]
    if len(pts) < 3:
        return None
    area2 = np.sum(pts[:, 0] * np.roll(pts[:, 1], -1) - np.roll(pts[:, 0], -1) * pts[:, 1])
    if area2 < 0:
        pts = pts[::-1]
    for _ in range(len(pts)):  # drop straight-through vertices until none is left
        d_in = pts - np.roll(pts, 1, axis=0)
        d_out = np.roll(pts, -1, axis=0) - pts
        turn = np.degrees(np.arctan2(d_in[:, 0] * d_out[:, 1] - d_in[:, 1] * d_out[:, 0],
                                     (d_in * d_out).sum(axis=1)))
        straight = np.abs(turn) < MERGE_TURN
        if not straight.any() or len(pts) - straight.sum() < 3:
            break
        pts = pts[~straight]
    return np.vstack([pts, pts[:1]])


def _number_within(building):
    """1, 2, 3… per building, in order of appearance."""
    if not len(building):
        return np.empty(0, dtype=np.int64)
    first = np.r_[True, building[1:] != building[:-1]]
    group_start = np.maximum.accumulate(np.where(first, np.arange(len(building)), 0))
    return np.arange(len(building)) - group_start + 1


def sun_facing(normals, sun_azimuths):
    """Walls whose outward normal has a positive horizontal component towards the sun at
    some instant (the sun within 90° of the normal)."""
    normals = np.asarray(normals, dtype=float)
    out = np.zeros(len(normals), dtype=bool)
    az = np.radians(np.asarray(sun_azimuths, dtype=float))
    if not len(az):
        return out
    for cut in range(0, len(normals), 20_000):
        n = np.radians(normals[cut:cut + 20_000])[:, None]
        out[cut:cut + 20_000] = (np.cos(az[None, :] - n) > 1e-9).any(axis=1)
    return out


def floor_layout(height, floors, default_floor_height=DEFAULT_FLOOR_HEIGHT):
    """(floor height m, number of floors) per building: height / floors where both are
    known, else the default floor height and round-down height / default (at least 1)."""
    height = np.asarray(height, dtype=float)
    floors = np.asarray(floors, dtype=float)
    known = np.isfinite(floors) & (floors >= 1) & np.isfinite(height) & (height > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        floor_height = np.where(known, height / np.where(known, floors, 1.0),
                                default_floor_height)
        count = np.where(known, np.floor(np.where(known, floors, 1.0)),
                         np.maximum(1.0, np.floor(np.nan_to_num(height) / default_floor_height)))
    return floor_height, count.astype(np.int64)


def facade_points(footprints, ground, height, floors=None, buildings=None, sun_azimuths=None,
                  spacing=3.0, sill=0.9, every_floor=False,
                  default_floor_height=DEFAULT_FLOOR_HEIGHT, offset=OFFSET, min_wall=0.5):
    """Window-sill test points on the sun-facing walls of the buildings at positions
    ``buildings`` (default all), and the walls they lie on.

    Each wall gets floor(length / spacing) points (at least one), centred along it one
    spacing apart, ``offset`` m outside the wall, at ground + sill (+ each floor's base
    with every_floor). Points inside another footprint (party walls) are dropped.
    Returns (TestPoints, Walls) — walls only those carrying points.
    """
    footprints = np.asarray(footprints, dtype=object)
    ground = np.asarray(ground, dtype=float)
    height = np.asarray(height, dtype=float)
    floors = np.full(len(footprints), np.nan) if floors is None else np.asarray(floors, float)
    if buildings is None:
        buildings = np.arange(len(footprints))
    buildings = np.asarray(buildings, dtype=np.int64)
    usable = np.isfinite(height[buildings]) & (height[buildings] > sill)
    notes = []
    if (~usable).any():
        notes.append(Note("{} buildings without a height above the sill got no test points.",
                          int((~usable).sum())))
    walls = outer_walls(footprints, buildings[usable], min_wall)
    if sun_azimuths is not None:
        facing = sun_facing(walls.normal, sun_azimuths)
        notes.append(Note("{} of {} walls face the sun during the window.",
                          int(facing.sum()), len(walls)))
        walls = _walls_subset(walls, facing)
    if not len(walls):
        return _empty_points(notes), walls
    count = np.maximum(1, np.floor(walls.length / spacing).astype(np.int64))
    wall = np.repeat(np.arange(len(walls)), count)
    k = np.arange(len(wall)) - np.repeat(np.cumsum(count) - count, count)
    along = (walls.length[wall] - count[wall] * spacing) / 2 + (k + 0.5) * spacing
    ux = (walls.x1 - walls.x0)[wall] / walls.length[wall]
    uy = (walls.y1 - walls.y0)[wall] / walls.length[wall]
    # Outward normal of a counter-clockwise ring: (uy, −ux).
    x = walls.x0[wall] + along * ux + offset * uy
    y = walls.y0[wall] + along * uy - offset * ux
    b = walls.building[wall]
    inside = _inside_other(footprints, x, y, b)
    if inside.any():
        notes.append(Note("{} test points inside another building (shared walls) were "
                          "dropped.", int(inside.sum())))
        x, y, wall, b = x[~inside], y[~inside], wall[~inside], b[~inside]
    floor_height, floor_count = floor_layout(height, floors, default_floor_height)
    levels = floor_count[b] if every_floor else np.ones(len(b), dtype=np.int64)
    rep = np.repeat(np.arange(len(b)), levels)
    level = np.arange(len(rep)) - np.repeat(np.cumsum(levels) - levels, levels)
    z_rel = level * floor_height[b][rep] + sill
    keep = z_rel < height[b][rep]
    rep, level, z_rel = rep[keep], level[keep], z_rel[keep]
    g = np.nan_to_num(ground[b][rep])
    points = TestPoints(x[rep], y[rep], g + z_rel, walls.normal[wall][rep], b[rep],
                        wall[rep], (level + 1).astype(np.int64), notes)
    return points, walls


def _walls_subset(walls, mask):
    return Walls(walls.x0[mask], walls.y0[mask], walls.x1[mask], walls.y1[mask],
                 walls.normal[mask], walls.length[mask], walls.building[mask],
                 walls.number[mask])


def _inside_other(footprints, x, y, own):
    """Points lying in a footprint other than their own building's."""

    if not len(x):
        return np.zeros(0, dtype=bool)
    tree = geos.STRtree(footprints)
    pts = _points(x, y)
    hits = tree.query(pts, predicate="intersects")
    if not hits.size:
        return np.zeros(len(x), dtype=bool)
    other = hits[1] != own[hits[0]]
    out = np.zeros(len(x), dtype=bool)
    out[hits[0][other]] = True
    return out


def _points(x, y):
    """Shapely points as an object array, item by item (shapely 1.8 points would otherwise
    go through numpy's deprecated array interface)."""
    from shapely.geometry import Point

    out = np.empty(len(x), dtype=object)
    for i, (a, b) in enumerate(zip(x, y)):
        out[i] = Point(a, b)
    return out


def grid_points(polygons, spacing, ground, height_above_ground, footprints=None):
    """Grid test points (cell centres of a grid aligned to multiples of spacing) inside the
    polygons, at ground (per polygon) + height_above_ground, outside every footprint."""

    polygons = np.asarray(polygons, dtype=object)
    ground = np.broadcast_to(np.asarray(ground, dtype=float), (len(polygons),))
    xs, ys, zs = [], [], []
    for poly, g in zip(polygons, ground):
        if poly is None or poly.is_empty:
            continue
        x0, y0, x1, y1 = poly.bounds
        gx = (np.floor(x0 / spacing) + 0.5 + np.arange(int(np.ceil((x1 - x0) / spacing)) + 1))
        gy = (np.floor(y0 / spacing) + 0.5 + np.arange(int(np.ceil((y1 - y0) / spacing)) + 1))
        cx, cy = np.meshgrid(gx * spacing, gy * spacing)
        cx, cy = cx.ravel(), cy.ravel()
        cand = _points(cx, cy)
        hit = geos.STRtree(cand).query(np.array([poly], dtype=object), predicate="intersects")
        take = np.unique(hit[1])
        xs.append(cx[take])
        ys.append(cy[take])
        zs.append(np.full(len(take), (0.0 if not np.isfinite(g) else g) + height_above_ground))
    if not xs:
        return _empty_points()
    x, y, z = np.concatenate(xs), np.concatenate(ys), np.concatenate(zs)
    notes = []
    if footprints is not None and len(x):
        inside = _inside_other(footprints, x, y, np.full(len(x), -1))
        if inside.any():
            notes.append(Note("{} grid points inside buildings were dropped.",
                              int(inside.sum())))
            x, y, z = x[~inside], y[~inside], z[~inside]
    n = len(x)
    minus = np.full(n, -1, dtype=np.int64)
    return TestPoints(x, y, z, np.full(n, np.nan), minus, minus.copy(),
                      np.zeros(n, dtype=np.int64), notes)
