"""Horizontal rays against prism buildings: the highest elevation angle along each ray.

The one geometric kernel under the skyline (which buildings a viewpoint sees against the
sky) and sunlight hours (is the sun behind a building). A building is a prism: a footprint
extruded to ``top`` (absolute elevation, m). Along a horizontal ray the prism's highest
elevation angle is where the ray enters the footprint, and that entry lies on one of its
edges, so the exact answer per ray is the maximum of atan2(top − z, d) over every footprint
edge the ray crosses at distance d. No binning and no raster: each ray is exact.

Speed comes from working edge by edge rather than ray by ray: an edge seen from the
origin covers an arc of azimuths, found by a binary search in the sorted azimuths, and the
(edge, ray) pairs are solved together in numpy. A far edge covers few rays, so the pairs
stay close to the number of rays that really cross something.
"""

from dataclasses import dataclass

import numpy as np

from . import geos

# (edge, ray) pairs solved at once; bounds memory to some tens of MB.
PAIR_CHUNK = 1_000_000
# Slack for rays passing exactly through an edge's end point (shared by two edges).
_ANGLE_EPS = 1e-9
_T_EPS = 1e-9


@dataclass
class Edges:
    """Every ring segment of the footprints, with its building's top elevation."""

    x0: np.ndarray
    y0: np.ndarray
    x1: np.ndarray
    y1: np.ndarray
    top: np.ndarray
    building: np.ndarray

    def __len__(self):
        return len(self.x0)

    def subset(self, mask):
        return Edges(self.x0[mask], self.y0[mask], self.x1[mask], self.y1[mask],
                     self.top[mask], self.building[mask])

    def near(self, x, y, radius):
        """The edges whose bounding box comes within ``radius`` of (x, y)."""
        if not np.isfinite(radius):
            return self
        mask = ((np.minimum(self.x0, self.x1) - radius <= x)
                & (np.maximum(self.x0, self.x1) + radius >= x)
                & (np.minimum(self.y0, self.y1) - radius <= y)
                & (np.maximum(self.y0, self.y1) + radius >= y))
        return self.subset(mask)


def building_edges(footprints, tops) -> Edges:
    """Edges of polygon footprints (metric CRS; holes included) with tops = ground + height.

    Buildings with a missing or non-finite top give no edges.
    """
    tops = np.asarray(tops, dtype=float)
    xy, vertex_ring, ring_feature, _ = geos.ring_coordinates(footprints)
    same_ring = vertex_ring[1:] == vertex_ring[:-1]
    start = np.flatnonzero(same_ring)
    building = ring_feature[vertex_ring[start]].astype(np.int64)
    top = tops[building] if len(building) else np.empty(0)
    keep = np.isfinite(top)
    start, building, top = start[keep], building[keep], top[keep]
    return Edges(xy[start, 0].copy(), xy[start, 1].copy(), xy[start + 1, 0].copy(),
                 xy[start + 1, 1].copy(), top, building)


@dataclass
class RayHits:
    """Per ray: the highest elevation angle (degrees; −90 where the ray crosses nothing),
    the building setting it (−1 for none) and the distance to where the ray meets it."""

    angle: np.ndarray
    building: np.ndarray
    distance: np.ndarray


def max_elevation(edges, x, y, z, azimuths, max_distance=np.inf, min_distance=0.01) -> RayHits:
    """Highest building elevation angle along horizontal rays from (x, y) at eye level z.

    ``azimuths`` in degrees clockwise from north, any order; the result follows it. Only
    crossings at min_distance ≤ d ≤ max_distance count (min_distance keeps a point on a
    wall from being blocked by that wall).
    """
    azimuths = np.asarray(azimuths, dtype=float).ravel() % 360.0
    n = len(azimuths)
    best = RayHits(np.full(n, -90.0), np.full(n, -1, dtype=np.int64), np.full(n, np.inf))
    if not n or not len(edges):
        return best
    edges = edges.near(x, y, max_distance)
    if not len(edges):
        return best
    first, count, order = _arcs(edges, x, y, azimuths)
    keep = count > 0
    edges, first, count = edges.subset(keep), first[keep], count[keep]
    # Edges in chunks whose pairs fit PAIR_CHUNK (a single edge may exceed it alone).
    ends = np.cumsum(count)
    cut = 0
    while cut < len(edges):
        done = ends[cut - 1] if cut else 0
        stop = max(int(np.searchsorted(ends, done + PAIR_CHUNK, side="right")), cut + 1)
        span = slice(cut, stop)
        _solve_pairs(edges.subset(span), first[span], count[span], order, azimuths,
                     x, y, z, min_distance, max_distance, best)
        cut = stop
    return best


def _arcs(edges, x, y, azimuths):
    """For each edge, the run of sorted azimuths inside the arc it covers seen from (x, y):
    (first position in the tripled sorted array, how many, the sort order)."""
    n = len(azimuths)
    order = np.argsort(azimuths, kind="stable")
    ring = azimuths[order]
    tripled = np.concatenate([ring - 360.0, ring, ring + 360.0])
    a0 = np.degrees(np.arctan2(edges.x0 - x, edges.y0 - y)) % 360.0
    a1 = np.degrees(np.arctan2(edges.x1 - x, edges.y1 - y)) % 360.0
    sweep = (a1 - a0 + 540.0) % 360.0 - 180.0         # signed, in [−180, 180)
    lo = np.where(sweep >= 0, a0, a1)
    hi = lo + np.abs(sweep)
    first = np.searchsorted(tripled, lo - _ANGLE_EPS, side="left")
    last = np.searchsorted(tripled, hi + _ANGLE_EPS, side="right")
    return first, np.minimum(last - first, n), order


def _solve_pairs(edges, first, count, order, azimuths, x, y, z, min_distance, max_distance,
                 best):
    """Intersect each edge with the rays of its arc; keep the highest angle per ray."""
    n = len(azimuths)
    total = int(count.sum())
    if not total:
        return
    pair_edge = np.repeat(np.arange(len(count)), count)
    offset = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
    ray = order[(first[pair_edge] + offset) % n]
    theta = np.radians(azimuths[ray])
    ux, uy = np.sin(theta), np.cos(theta)
    px, py = edges.x0[pair_edge] - x, edges.y0[pair_edge] - y
    vx = edges.x1[pair_edge] - edges.x0[pair_edge]
    vy = edges.y1[pair_edge] - edges.y0[pair_edge]
    # origin + d·u = p0 + t·v  →  d = (p × v) / (u × v),  t = (p × u) / (u × v)
    den = ux * vy - uy * vx
    with np.errstate(divide="ignore", invalid="ignore"):
        d = (px * vy - py * vx) / den
        t = (px * uy - py * ux) / den
    ok = (den != 0) & (t >= -_T_EPS) & (t <= 1 + _T_EPS) & (d >= min_distance) & (d <= max_distance)
    if not ok.any():
        return
    ray, d, pair_edge = ray[ok], d[ok], pair_edge[ok]
    top = edges.top[pair_edge]
    angle = np.degrees(np.arctan2(top - z, d))
    # Per ray the highest angle: sort ascending and let the last write win.
    rank = np.argsort(angle, kind="stable")
    chunk_angle = np.full(n, -np.inf)
    chunk_pair = np.full(n, -1, dtype=np.int64)
    chunk_angle[ray[rank]] = angle[rank]
    chunk_pair[ray[rank]] = rank
    better = chunk_angle > best.angle
    pick = chunk_pair[better]
    best.angle[better] = chunk_angle[better]
    best.building[better] = edges.building[pair_edge[pick]]
    best.distance[better] = d[pick]
