"""Building shadows (建筑阴影) at given sun positions: the pure kernel (no qgis, no Qt).

Method (docs: analysis-methods.md, "Shadows and sunlight hours"):

* A building is a prism: its footprint (metric CRS) raised ``height`` metres. On flat
  ground at the building's base, its top casts the footprint moved by the shadow vector:
  length ``height / tan(elevation)``, direction azimuth + 180° (away from the sun).
* The shadow is the footprint swept along that vector, computed exactly as the union of
  the footprint, its translate and the parallelogram each ring edge (holes included)
  sweeps — the Minkowski sum of the footprint and the segment. It includes the footprint.
* Sun at or below the horizon: no shadow at that instant (a note). Missing or non-positive
  heights: no shadow for that building (a note).
* Assumptions: flat, horizontal ground; the shadows fall on the ground, not on other
  buildings (a shadow crossing a taller building is drawn through it).

Works under shapely 1.8 and 2 (only Polygon, affinity.translate and geos.union_all).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
from shapely.affinity import translate
from shapely.geometry import MultiPoint, Polygon

from . import geos
from .notes import Note


class ShadowsCancelled(Exception):  # noqa: N818 (as FloodCancelled)
    """Raised from the progress callback to stop."""


@dataclass
class SunInstant:
    label: str         # how the user named the instant, e.g. "08:00" (true solar time)
    azimuth: float     # degrees clockwise from north
    elevation: float   # degrees above the horizon (apparent)


@dataclass
class ShadowRecord:
    instant: int       # position in the ``suns`` list
    building: int      # position in the inputs, -1 for a dissolved instant
    length: float      # shadow length (m) of the building (the tallest one when dissolved)
    geometry: object   # shapely Polygon / MultiPolygon


@dataclass
class ShadowResult:
    records: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def shadow_offset(height, azimuth, elevation):
    """(dx, dy) in metres, east and north: where the top of a ``height`` m edge falls."""
    length = height / math.tan(math.radians(elevation))
    direction = math.radians(azimuth + 180.0)
    return length * math.sin(direction), length * math.cos(direction)


def _rings(polygon):
    yield polygon.exterior.coords
    for ring in polygon.interiors:
        yield ring.coords


def swept(footprint, dx, dy):
    """The footprint swept along (dx, dy): union of itself, its translate and every edge's
    parallelogram. ``footprint`` is a Polygon or MultiPolygon (2D, valid)."""
    if dx == 0.0 and dy == 0.0:
        return footprint
    if footprint.geom_type == "Polygon" and not footprint.interiors:
        # Convex (most footprints are rectangles): the sweep is the hull of both copies,
        # ~10x faster than the union and the same polygon.
        hull = footprint.convex_hull
        if hull.area - footprint.area <= 1e-9 * max(footprint.area, 1.0):
            xy = np.asarray(footprint.exterior.coords, dtype=float)[:, :2]
            return MultiPoint(np.vstack([xy, xy + (dx, dy)])).convex_hull
    pieces = [footprint, translate(footprint, dx, dy)]
    polygons = footprint.geoms if hasattr(footprint, "geoms") else [footprint]
    for polygon in polygons:
        for coords in _rings(polygon):
            xy = np.asarray(coords, dtype=float)[:, :2]
            for (x0, y0), (x1, y1) in zip(xy[:-1], xy[1:]):
                # An edge parallel to the shadow sweeps no area (and makes no valid polygon).
                if abs((x1 - x0) * dy - (y1 - y0) * dx) <= 1e-9 * (abs(dx) + abs(dy)):
                    continue
                pieces.append(Polygon([(x0, y0), (x1, y1), (x1 + dx, y1 + dy),
                                       (x0 + dx, y0 + dy)]))
    return _union(pieces)


def _union(geometries):
    # Filled one by one: numpy would unpack shapely 1.8's multi-part geometries.
    array = np.empty(len(geometries), dtype=object)
    for i, geometry in enumerate(geometries):
        array[i] = geometry
    return geos.union_all(array)


def building_shadow(footprint, height, azimuth, elevation):
    """The shadow of one prism building, or None when the sun is down or height ≤ 0."""
    if footprint is None or footprint.is_empty or not np.isfinite(height) or height <= 0:
        return None
    if not np.isfinite(elevation) or elevation <= 0.0:
        return None
    dx, dy = shadow_offset(height, azimuth, elevation)
    return swept(footprint, dx, dy)


def building_shadows(footprints, heights, suns, dissolve=False,
                     progress: Callable[[float], None] | None = None):
    """Shadows of every building at every sun position.

    footprints: sequence of shapely polygons (metric CRS, repaired); heights: metres above
    ground; suns: SunInstant list. One record per (instant, building with a shadow), or per
    instant when ``dissolve``. ``progress(fraction)`` may raise ShadowsCancelled."""
    footprints = list(footprints)
    heights = np.asarray(heights, dtype=float)
    result = ShadowResult()
    usable = [i for i, (g, h) in enumerate(zip(footprints, heights))
              if g is not None and not g.is_empty and np.isfinite(h) and h > 0]
    missing = len(footprints) - len(usable)
    if missing:
        result.notes.append(Note("{} buildings without a positive height cast no shadow.",
                                 missing))
    if usable:
        result.notes.append(Note("Flat ground assumed: shadows fall on the plane of each "
                                 "building's base and pass through other buildings."))
    for k, sun in enumerate(suns):
        if sun.elevation <= 0.0:
            result.notes.append(Note("The sun is below the horizon at {}: no shadows then.",
                                     sun.label))
            continue
        shapes, lengths = [], []
        for n, i in enumerate(usable):
            shape = building_shadow(footprints[i], heights[i], sun.azimuth, sun.elevation)
            length = float(heights[i]) / math.tan(math.radians(sun.elevation))
            if dissolve:
                shapes.append(shape)
                lengths.append(length)
            else:
                result.records.append(ShadowRecord(k, i, length, shape))
            if progress is not None and (n % 50 == 0 or n == len(usable) - 1):
                progress((k + (n + 1) / len(usable)) / len(suns))
        if dissolve and shapes:
            union = _union(shapes)
            result.records.append(ShadowRecord(k, -1, max(lengths), union))
        if progress is not None:
            progress((k + 1) / len(suns))
    return result
