"""Exact zonal statistics of a depth raster over polygons, lines and points.

No qgis, no Qt: numpy arrays and shapely geometries in, numpy arrays out. Geometries and
the raster share one projected, metric CRS; the raster is north-up (``Grid``).

Method (docs: analysis-methods.md, "Flood and waterlogging impact"):

* Polygons: every cell is weighted by the exact area of (cell ∩ polygon). The areas are
  not clipped out of GEOS one cell at a time: by Green's theorem, area(cell ∩ polygon)
  = −∮ (clamp(v, r, r+1) − r) du over the rings (u, v = column and row coordinates, the
  integrand restricted to the cell's column), and each ring edge contributes in closed
  form. An edge adds a constant to every cell of a column north of it (added up with one
  cumulative sum per column) and a piecewise-linear integral only to the cells it crosses,
  so the work is the polygon's bounding-box cells plus its boundary cells, all in numpy
  arrays for many polygons at once. Holes subtract, multipolygons add their parts; the
  result does not depend on ring orientation. Invalid polygons are used as given (winding
  number): repair them first (layer_io does).
* Lines: each segment is split where it crosses the grid lines; every piece lies in one
  cell and counts with its exact length.
* Points and boundaries: a cell is half-open, [left, right) × (bottom, top]: a point on an
  edge shared by two cells belongs to the cell to its right (east) and below it (south); a
  line running exactly along a grid line is counted in the cells south / east of it. Points
  on the raster's own east or south border are outside (no data).
* Depth: ``np.nan`` is no data (unknown, e.g. outside the modelled area); dry cells are 0
  and count as 0 in means. Cells outside the raster are no data too.

Memory: the work is done in chunks of about ``CHUNK_CELLS`` bounding-box window cells (a
polygon whose window alone is bigger is done a strip of columns at a time) or line pieces,
never with a copy of the raster per feature; ``progress(fraction)`` is called after each
chunk and may raise to cancel. About 150 bytes a window cell at the peak (~15 MB a chunk).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

from . import geos

CHUNK_CELLS = 100_000  # window cells (polygons) / line pieces per chunk (~15 MB of work arrays)
TOUCH_EPS = 1e-12        # a cell "touched" by a polygon: weight > TOUCH_EPS × cell area
                         # (below: rounding noise of the weights)


@dataclass(frozen=True)
class Grid:
    """North-up raster geometry in the geometries' metric CRS."""

    x0: float     # left edge
    y0: float     # top edge
    dx: float     # cell width (> 0)
    dy: float     # cell height (> 0; rows go down)
    width: int
    height: int

    def __post_init__(self):
        if not (self.dx > 0 and self.dy > 0):
            raise ValueError("cell size must be positive")
        if self.width < 0 or self.height < 0:
            raise ValueError("raster size must not be negative")

    @property
    def bounds(self):
        """(xmin, ymin, xmax, ymax)."""
        return (self.x0, self.y0 - self.height * self.dy,
                self.x0 + self.width * self.dx, self.y0)

    @property
    def cell_area(self):
        return self.dx * self.dy

    @classmethod
    def from_geotransform(cls, transform, width, height):
        """From a GDAL geotransform (x0, dx, 0, y0, 0, -dy) of a north-up raster."""
        x0, dx, rx, y0, ry, ndy = (float(v) for v in transform)
        if rx != 0 or ry != 0 or ndy >= 0:
            raise ValueError("only north-up rasters (no rotation, rows going down)")
        return cls(x0, y0, dx, -ndy, int(width), int(height))


Progress = Optional[Callable[[float], None]]


def _check(depth, grid):
    depth = np.asarray(depth, dtype=float)
    if depth.shape != (grid.height, grid.width):
        raise ValueError(f"depth shape {depth.shape} does not match the grid "
                         f"({grid.height}, {grid.width})")
    return depth


def _as_objects(geoms):
    """Geometries as a 1-D object array, element by element (numpy would unpack shapely 1.8
    geometries into coordinate arrays)."""
    if isinstance(geoms, np.ndarray) and geoms.dtype == object:
        return geoms.ravel()
    if geos.SHAPELY_2:
        return np.asarray(geoms, dtype=object).ravel()
    items = list(geoms)
    out = np.empty(len(items), dtype=object)
    for i, item in enumerate(items):
        out[i] = item
    return out


def _to_cells(xy, grid):
    """Metric x, y → column / row coordinates u, v (cell (r, c) = [c, c+1] × [r, r+1])."""
    return (xy[:, 0] - grid.x0) / grid.dx, (grid.y0 - xy[:, 1]) / grid.dy


def _chunks(sizes, limit):
    """Consecutive index ranges whose sizes add up to about limit (at least one item)."""
    start, n = 0, len(sizes)
    total = np.cumsum(sizes)
    while start < n:
        before = total[start - 1] if start else 0
        stop = int(np.searchsorted(total, before + limit, side="right"))
        stop = min(max(stop, start + 1), n)
        yield start, stop
        start = stop


def _report(progress, fraction):
    if progress is not None:
        progress(min(max(float(fraction), 0.0), 1.0))


# --- polygons -------------------------------------------------------------------------------

def _mean_clamp(a, b):
    """Mean of clamp(t, 0, 1) for t going linearly from a to b.

    Split at 0 and 1 rather than through an antiderivative, so a nearly horizontal edge
    (b ≈ a) loses no precision: the lengths below are exact differences of close numbers."""
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    span = hi - lo
    mid_lo, mid_hi = np.clip(lo, 0.0, 1.0), np.clip(hi, 0.0, 1.0)
    inside = mid_hi - mid_lo                      # length of [lo, hi] within [0, 1]
    above = hi - np.maximum(lo, 1.0)              # length above 1 (≤ 0: none)
    flat = span <= 0
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (inside * (mid_lo + mid_hi) / 2.0 + np.maximum(above, 0.0)) / np.where(flat, 1, span)
    return np.where(flat, mid_lo, np.clip(mean, 0.0, 1.0))


def _polygon_edges(geoms, grid):
    """Edges (ua, va, ub, vb, feature, factor) in cell coordinates, sorted by feature, and
    the area of each feature in cells. factor (±1) makes exteriors add and holes subtract."""
    xy, vertex_ring, ring_feature, ring_exterior = geos.ring_coordinates(geoms)
    n = len(geoms)
    u, v = _to_cells(xy, grid)
    same = vertex_ring[1:] == vertex_ring[:-1]
    a = np.flatnonzero(same)
    ua, va, ub, vb = u[a], v[a], u[a + 1], v[a + 1]
    ring = vertex_ring[a]
    # shoelace, relative to the ring's first vertex (precision far from the origin)
    first = np.zeros(len(ring_feature), dtype=np.intp)
    if len(vertex_ring):
        starts = np.flatnonzero(np.r_[True, vertex_ring[1:] != vertex_ring[:-1]])
        first[vertex_ring[starts]] = starts
    ou, ov = u[first[ring]], v[first[ring]]
    cross = (ua - ou) * (vb - ov) - (ub - ou) * (va - ov)
    signed = np.bincount(ring, weights=cross, minlength=len(ring_feature)) / 2.0
    factor_ring = np.sign(signed) * np.where(ring_exterior, 1.0, -1.0)
    area = np.bincount(ring_feature, weights=np.abs(signed) * np.where(ring_exterior, 1.0, -1.0),
                       minlength=n)
    feature = ring_feature[ring]
    factor = factor_ring[ring]
    keep = (ua != ub) & (factor != 0) & np.isfinite(ua + va + ub + vb)
    order = np.argsort(feature[keep], kind="stable")
    cols = [arr[keep][order] for arr in (ua, va, ub, vb, feature, factor)]
    # bounding box of each feature, in cells
    box = np.full((n, 4), np.nan)
    if len(xy):
        for k, (vals, fn) in enumerate(((u, np.fmin), (v, np.fmin), (u, np.fmax), (v, np.fmax))):
            per_ring = (np.minimum if fn is np.fmin else np.maximum).reduceat(vals, starts)
            fn.at(box[:, k], ring_feature[vertex_ring[starts]], per_ring)
    return cols, np.maximum(area, 0.0), box


def polygon_stats(depth, grid, geoms, threshold=0.0, progress: Progress = None):
    """Coverage-weighted statistics of ``depth`` over each polygon (see the module doc).

    Returns arrays (n,): mean, max, wet_share, covered_share, area (m²)."""
    depth = _check(depth, grid)
    geoms = _as_objects(geoms)
    n = len(geoms)
    out = {"mean": np.full(n, np.nan), "max": np.full(n, np.nan),
           "wet_share": np.full(n, np.nan), "covered_share": np.zeros(n), "area": np.zeros(n)}
    if n == 0:
        _report(progress, 1.0)
        return out
    (ua, va, ub, vb, efeat, efac), area, box = _polygon_edges(geoms, grid)
    out["area"] = area * grid.cell_area
    with np.errstate(invalid="ignore"):
        cw0 = np.clip(np.floor(box[:, 0]), 0, grid.width)
        cw1 = np.clip(np.ceil(box[:, 2]) - 1, -1, grid.width - 1)
        rw0 = np.clip(np.floor(box[:, 1]), 0, grid.height)
        rw1 = np.clip(np.ceil(box[:, 3]) - 1, -1, grid.height - 1)
    ok = np.isfinite(box).all(axis=1) & (cw1 >= cw0) & (rw1 >= rw0) & (area > 0)
    cw0, cw1 = np.where(ok, cw0, 0).astype(np.int64), np.where(ok, cw1, -1).astype(np.int64)
    rw0, rw1 = np.where(ok, rw0, 0).astype(np.int64), np.where(ok, rw1, -1).astype(np.int64)
    ncol, nrow = cw1 - cw0 + 1, rw1 - rw0 + 1
    slots = np.where(ok, ncol * (nrow + 1), 0)  # one extra (sentinel) row per column
    edge_bounds = np.searchsorted(efeat, np.arange(n + 1))
    covered, summed, wet = np.zeros(n), np.zeros(n), np.zeros(n)
    top = np.full(n, -np.inf)
    # work items: runs of small features, or column strips of one big feature
    items = []
    big = np.flatnonzero(slots > CHUNK_CELLS)
    start = 0
    for f in list(big) + [n]:
        items.extend((start + a, start + b, None) for a, b in _chunks(slots[start:f], CHUNK_CELLS))
        if f < n:
            step = max(CHUNK_CELLS // int(nrow[f] + 1), 1)
            items.extend((f, f + 1, (c, min(c + step - 1, int(cw1[f]))))
                         for c in range(int(cw0[f]), int(cw1[f]) + 1, step))
        start = f + 1
    for k, (f0, f1, strip) in enumerate(items):
        e0, e1 = edge_bounds[f0], edge_bounds[f1]
        c0, c1 = cw0, cw1
        if strip is not None:  # the same feature, a narrower window
            c0, c1 = cw0.copy(), cw1.copy()
            c0[f0], c1[f0] = strip
        sums = _polygon_chunk(depth, grid, threshold, f0, f1,
                              np.where(ok[f0:f1], (c1 - c0 + 1)[f0:f1] * (nrow + 1)[f0:f1], 0),
                              c0, c1, rw0, rw1, nrow, ua[e0:e1], va[e0:e1], ub[e0:e1],
                              vb[e0:e1], efeat[e0:e1], efac[e0:e1])
        if sums is not None:
            covered[f0:f1] += sums[0]
            summed[f0:f1] += sums[1]
            wet[f0:f1] += sums[2]
            top[f0:f1] = np.maximum(top[f0:f1], sums[3])
        _report(progress, (k + 1) / len(items))
    has = covered > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        safe = np.where(area > 0, area, 1.0)
        out["mean"] = np.where(has, summed / np.where(has, covered, 1.0), np.nan)
        out["max"] = np.where(has & np.isfinite(top), top, np.nan)
        out["covered_share"] = np.where(area > 0, np.clip(covered / safe, 0.0, 1.0), 0.0)
        out["wet_share"] = np.where(has, np.clip(wet / safe, 0.0, 1.0), np.nan)
    return out


def _polygon_chunk(depth, grid, threshold, f0, f1, slots, cw0, cw1, rw0, rw1, nrow,
                   ua, va, ub, vb, efeat, efac):
    """Sums over the windows of features f0..f1: covered area, area × depth, wet area (in
    cells) and the max depth of touched cells."""
    base = np.zeros(f1 - f0 + 1, dtype=np.int64)
    np.cumsum(slots, out=base[1:])
    total = int(base[-1])
    if total == 0:
        return None
    base_f = base[efeat - f0]
    stride = nrow[efeat] + 1  # slots per column
    # 1. split every edge at the column lines inside its feature's window
    umin, umax = np.minimum(ua, ub), np.maximum(ua, ub)
    c_first = np.maximum(np.floor(umin).astype(np.int64), cw0[efeat])
    c_last = np.minimum(np.ceil(umax).astype(np.int64) - 1, cw1[efeat])
    count = np.maximum(c_last - c_first + 1, 0)
    seg = np.repeat(np.arange(len(ua)), count)
    start = np.cumsum(count) - count
    col = c_first[seg] + (np.arange(len(seg)) - start[seg])
    p = np.maximum(umin[seg], col)
    q = np.minimum(umax[seg], col + 1)
    slope = (vb - va) / (ub - ua)
    vp = va[seg] + (p - ua[seg]) * slope[seg]
    vq = va[seg] + (q - ua[seg]) * slope[seg]
    coef = -np.sign(ub - ua)[seg] * efac[seg]  # ∮ −F du, exteriors positive
    width = q - p
    f = efeat[seg]
    colbase = base_f[seg] + (col - cw0[f]) * stride[seg]
    r0, r1 = rw0[f], rw1[f]
    vlo, vhi = np.minimum(vp, vq), np.maximum(vp, vq)
    # 2. rows wholly north of the segment get coef × width: add at the window's top row,
    #    take off again at the first row the segment reaches (or the sentinel row)
    r_end = np.clip(np.floor(vlo).astype(np.int64), r0, r1 + 1)
    diff = np.bincount(colbase, weights=coef * width, minlength=total)
    diff -= np.bincount(colbase + (r_end - r0), weights=coef * width, minlength=total)
    # 3. rows the segment crosses: the exact integral
    p_first = np.maximum(np.floor(vlo).astype(np.int64), r0)
    p_last = np.minimum(np.ceil(vhi).astype(np.int64) - 1, r1)
    pcount = np.maximum(p_last - p_first + 1, 0)
    pseg = np.repeat(np.arange(len(seg)), pcount)
    pstart = np.cumsum(pcount) - pcount
    row = p_first[pseg] + (np.arange(len(pseg)) - pstart[pseg])
    g = width[pseg] * _mean_clamp(vp[pseg] - row, vq[pseg] - row)
    direct = np.bincount(colbase[pseg] + (row - r0[pseg]), weights=coef[pseg] * g,
                         minlength=total)
    del seg, pseg, g
    # 4. per-column cumulative sums (restarted at every column) + the crossed cells
    run = np.cumsum(diff, dtype=float)  # (bincount of nothing is int)
    slot_feature = np.repeat(np.arange(f0, f1), slots)
    local = np.arange(total) - base[slot_feature - f0]
    stride_s = nrow[slot_feature] + 1
    row_l = local % stride_s
    col_start = np.arange(total) - row_l
    run -= np.where(col_start > 0, run[np.maximum(col_start - 1, 0)], 0.0)
    weight = np.clip(run + direct, 0.0, 1.0)
    del run, direct, diff
    cell = row_l < nrow[slot_feature]  # drop the sentinel rows
    r = rw0[slot_feature] + row_l
    c = cw0[slot_feature] + local // stride_s
    d = np.full(total, np.nan)
    d[cell] = depth[r[cell], c[cell]]
    valid = cell & ~np.isnan(d)
    d0 = np.where(valid, d, 0.0)
    wv = np.where(valid, weight, 0.0)
    fl = slot_feature - f0
    m = f1 - f0
    covered = np.bincount(fl, weights=wv, minlength=m)
    summed = np.bincount(fl, weights=wv * d0, minlength=m)
    wet = np.bincount(fl, weights=np.where(d0 > threshold, wv, 0.0), minlength=m)
    touched = np.where(valid & (weight > TOUCH_EPS), d0, -np.inf)
    nonempty = np.flatnonzero(slots > 0)
    top = np.full(m, -np.inf)
    top[nonempty] = np.maximum.reduceat(touched, base[nonempty])
    return covered, summed, wet, top


# --- lines ----------------------------------------------------------------------------------

def line_stats(depth, grid, geoms, threshold=0.0, progress: Progress = None):
    """Per line: wet_length (m over cells with depth > threshold), max (deepest cell
    crossed), length (m), covered_share (share of the length over cells with data)."""
    depth = _check(depth, grid)
    geoms = _as_objects(geoms)
    n = len(geoms)
    out = {"wet_length": np.zeros(n), "max": np.full(n, np.nan), "length": np.zeros(n),
           "covered_share": np.zeros(n)}
    xy, vertex_part, part_feature = geos.line_coordinates(geoms)
    if n == 0 or len(xy) == 0:
        _report(progress, 1.0)
        return out
    u, v = _to_cells(xy, grid)
    a = np.flatnonzero(vertex_part[1:] == vertex_part[:-1])
    ua, va, ub, vb = u[a], v[a], u[a + 1], v[a + 1]
    fine = np.isfinite(ua + va + ub + vb)
    ua, va, ub, vb, a = ua[fine], va[fine], ub[fine], vb[fine], a[fine]
    efeat = part_feature[vertex_part[a]]
    elen = np.hypot((ub - ua) * grid.dx, (vb - va) * grid.dy)
    out["length"] = np.bincount(efeat, weights=elen, minlength=n)
    # crossings of the grid lines strictly inside each segment (clipped to the raster)
    def inner(p0, p1, limit):
        lo = np.maximum(np.floor(np.minimum(p0, p1)), -1)     # the first line inside: 0
        hi = np.minimum(np.ceil(np.maximum(p0, p1)), limit + 1)  # the last: limit
        return lo, np.maximum(hi - lo - 1, 0).astype(np.int64)
    ulo, ucount = inner(ua, ub, grid.width)
    vlo, vcount = inner(va, vb, grid.height)
    pieces = ucount + vcount + 1
    covered = np.zeros(n)
    wet = np.zeros(n)
    top = np.full(n, -np.inf)
    chunks = list(_chunks(pieces, CHUNK_CELLS))
    for k, (s0, s1) in enumerate(chunks):
        sl = slice(s0, s1)
        _line_chunk(depth, grid, threshold, ua[sl], va[sl], ub[sl], vb[sl], elen[sl],
                    efeat[sl], ulo[sl], ucount[sl], vlo[sl], vcount[sl], covered, wet, top)
        _report(progress, (k + 1) / len(chunks))
    length = out["length"]
    has = covered > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        share = covered / np.where(length > 0, length, 1.0)
        out["covered_share"] = np.where(length > 0, np.clip(share, 0.0, 1.0), 0.0)
    out["wet_length"] = wet
    out["max"] = np.where(has & np.isfinite(top), top, np.nan)
    return out


def _line_chunk(depth, grid, threshold, ua, va, ub, vb, elen, efeat, ulo, ucount, vlo, vcount,
                covered, wet, top):
    m = len(ua)
    idx = np.arange(m)
    du, dv = ub - ua, vb - va
    with np.errstate(invalid="ignore", divide="ignore"):
        su = np.repeat(idx, ucount)
        ku = ulo[su] + 1 + (np.arange(len(su)) - (np.cumsum(ucount) - ucount)[su])
        tu = (ku - ua[su]) / du[su]
        sv = np.repeat(idx, vcount)
        kv = vlo[sv] + 1 + (np.arange(len(sv)) - (np.cumsum(vcount) - vcount)[sv])
        tv = (kv - va[sv]) / dv[sv]
    seg = np.concatenate([idx, idx, su, sv])
    t = np.concatenate([np.zeros(m), np.ones(m), tu, tv])
    order = np.lexsort((t, seg))
    seg, t = seg[order], np.clip(t[order], 0.0, 1.0)
    same = seg[1:] == seg[:-1]
    s = seg[:-1][same]
    t0, t1 = t[:-1][same], t[1:][same]
    length = (t1 - t0) * elen[s]
    tm = (t0 + t1) / 2.0
    col = np.floor(ua[s] + tm * du[s])
    row = np.floor(va[s] + tm * dv[s])
    inside = (length > 0) & (col >= 0) & (col < grid.width) & (row >= 0) & (row < grid.height)
    d = np.full(len(s), np.nan)
    d[inside] = depth[row[inside].astype(np.int64), col[inside].astype(np.int64)]
    valid = ~np.isnan(d)
    f = efeat[s]
    n = len(covered)
    covered += np.bincount(f, weights=np.where(valid, length, 0.0), minlength=n)
    wet += np.bincount(f, weights=np.where(valid & (d > threshold), length, 0.0), minlength=n)
    np.fmax.at(top, f[valid], d[valid])


# --- points ---------------------------------------------------------------------------------

def point_values(depth, grid, xs, ys):
    """Depth of the cell holding each point (x, y); nan outside the raster or no data."""
    depth = _check(depth, grid)
    xs, ys = np.asarray(xs, dtype=float).ravel(), np.asarray(ys, dtype=float).ravel()
    with np.errstate(invalid="ignore"):
        col = np.floor((xs - grid.x0) / grid.dx)
        row = np.floor((grid.y0 - ys) / grid.dy)
        inside = (col >= 0) & (col < grid.width) & (row >= 0) & (row < grid.height)
    out = np.full(len(xs), np.nan)
    out[inside] = depth[row[inside].astype(np.int64), col[inside].astype(np.int64)]
    return out
