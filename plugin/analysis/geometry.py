"""Geometry clean-up shared by the kernels (no qgis, no Qt).

Data pulled from a twin service or digitised by hand has self-intersecting rings and
empty geometries; the kernels repair what can be repaired and count the rest, so the
user hears how many features an indicator stands on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import geos

_POLYGONAL = {"Polygon", "MultiPolygon"}


@dataclass
class Repair:
    """Geometries after repair, plus how many were repaired and how many are unusable."""

    geometries: np.ndarray  # object array of shapely geometries (None where unusable)
    repaired: int
    unusable: int

    @property
    def usable(self) -> np.ndarray:
        return ~geos.is_missing(self.geometries)


def _polygonal_part(geom):
    """Keep the areal part of what make_valid returns (it may add lines or points)."""
    if geom is None or geom.is_empty:
        return None
    if geom.geom_type in _POLYGONAL:
        return geom
    parts = [p for p in geos.get_parts(geom) if p.geom_type in _POLYGONAL]
    polys = []
    for p in parts:
        polys.extend(geos.get_parts(p))
    return geos.multipolygons(polys) if polys else None


def repair(geometries, kind: str = "polygon") -> Repair:
    """Repair invalid geometries with make_valid; drop null/empty (and, for polygons,
    anything left without area). ``kind`` is "polygon" or "any"."""
    geoms = np.asarray(geometries, dtype=object).copy()
    missing = geos.is_missing(geoms) | geos.is_empty(geoms)
    geoms[missing] = None
    # is_valid is False for None; only look at present geometries.
    invalid = ~missing & ~geos.is_valid(geoms)
    repaired = int(invalid.sum())
    if repaired:
        geoms[invalid] = geos.make_valid(geoms[invalid])
    if kind == "polygon":
        wrong = ~missing & ~np.isin(geos.get_type_id(geoms), (3, 6))
        for i in np.flatnonzero(wrong | invalid):
            geoms[i] = _polygonal_part(geoms[i])
        geoms[~(geos.area(geoms) > 0)] = None  # NaN for None, 0 for slivers
    unusable = int(geos.is_missing(geoms).sum())
    return Repair(geoms, repaired, unusable)
