"""Brute-force sunlight reference: minute-by-minute shapely ray casting.

Independent of analysis/rays.py: for each point and each step a LineString from the point
towards the sun's azimuth, as long as a building could block at that elevation
((tallest top − z) / tan(elevation)), is intersected with every footprint whose bounding
box it meets; the sun is blocked iff some footprint's top − z > d · tan(elevation), d the
distance to the nearest part of the intersection. Shared by the kernel test and the
benchmark; plain shapely geometry methods, so shapely 1.8 and 2 alike.
"""

import math

import numpy as np
from shapely.geometry import LineString, Point


def sunlit_brute(x, y, z, normal, footprints, tops, azimuth, elevation):
    """Boolean (points × steps). ``normal``: the outward wall normal azimuth per point
    (NaN: no facade test); azimuth / elevation: the sun per step (degrees)."""
    footprints = list(footprints)
    tops = np.asarray(tops, dtype=float)
    bounds = np.array([g.bounds for g in footprints], dtype=float).reshape(-1, 4)
    max_top = float(tops.max()) if len(tops) else -math.inf
    lit = np.zeros((len(x), len(azimuth)), dtype=bool)
    for i in range(len(x)):
        origin = Point(x[i], y[i])
        for j, (az, el) in enumerate(zip(azimuth, elevation)):
            if el <= 0:
                continue
            if np.isfinite(normal[i]) and math.cos(math.radians(az - normal[i])) <= 1e-9:
                continue
            lit[i, j] = not _blocked(origin, z[i], az, el, footprints, tops, bounds, max_top)
    return lit


def _blocked(origin, z, az, el, footprints, tops, bounds, max_top):
    tan_el = math.tan(math.radians(el))
    reach = (max_top - z) / tan_el
    if reach <= 0:
        return False
    a = math.radians(az)
    x1, y1 = origin.x + reach * math.sin(a), origin.y + reach * math.cos(a)
    lo_x, hi_x = min(origin.x, x1), max(origin.x, x1)
    lo_y, hi_y = min(origin.y, y1), max(origin.y, y1)
    near = np.flatnonzero((bounds[:, 0] <= hi_x) & (bounds[:, 2] >= lo_x)
                          & (bounds[:, 1] <= hi_y) & (bounds[:, 3] >= lo_y)
                          & (tops > z))
    if not len(near):
        return False
    ray = LineString([(origin.x, origin.y), (x1, y1)])
    for k in near:
        hit = ray.intersection(footprints[k])
        if hit.is_empty:
            continue
        if tops[k] - z > origin.distance(hit) * tan_el:
            return True
    return False
