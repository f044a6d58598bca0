"""Geometry clean-up shared by the kernels (no qgis, no Qt).

Data pulled from a twin service or digitised by hand has self-intersecting rings and
empty geometries; the kernels repair what can be repaired and count the rest, so the
user hears how many features an indicator stands on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import geos
from .notes import N_, Note

# One template per layer kind, so a translation never has an English word inside it.
REPAIR_NOTES = {
    "district": (N_("{} invalid district geometries were repaired (make_valid)."),
                 N_("{} district features without usable geometry were skipped.")),
    "building": (N_("{} invalid building geometries were repaired (make_valid)."),
                 N_("{} building features without usable geometry were skipped.")),
    "green": (N_("{} invalid green-space geometries were repaired (make_valid)."),
              N_("{} green-space features without usable geometry were skipped.")),
    "metro": (N_("{} invalid metro station geometries were repaired (make_valid)."),
              N_("{} metro station features without usable geometry were skipped.")),
    "charger": (N_("{} invalid EV charger geometries were repaired (make_valid)."),
                N_("{} EV charger features without usable geometry were skipped.")),
    "facility": (N_("{} invalid facility geometries were repaired (make_valid)."),
                 N_("{} facility features without usable geometry were skipped.")),
    "sensor": (N_("{} invalid sensor geometries were repaired (make_valid)."),
               N_("{} sensor features without usable geometry were skipped.")),
    "road": (N_("{} invalid road geometries were repaired (make_valid)."),
             N_("{} road features without usable geometry were skipped.")),
    "station": (N_("{} invalid station geometries were repaired (make_valid)."),
                N_("{} station features without usable geometry were skipped.")),
    "gauge": (N_("{} invalid gauge geometries were repaired (make_valid)."),
              N_("{} gauge features without usable geometry were skipped.")),
}


def note_repair(notes, kind, repaired, skipped):
    """Add the notes saying how many ``kind`` geometries were repaired and skipped."""
    repaired_note, skipped_note = REPAIR_NOTES[kind]
    if repaired:
        notes.append(Note(repaired_note, repaired))
    if skipped:
        notes.append(Note(skipped_note, skipped))

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


def check_crs(frames, error):
    """The one projected CRS of ``frames`` ({layer word: GeoDataFrame or None}), else
    raise ``error`` (the kernel's input error) with one sentence."""
    crss = {name: f.crs for name, f in frames.items() if f is not None and f.crs is not None}
    for name, crs in crss.items():
        if crs.is_geographic:
            raise error(Note(
                "The {} layer is in a geographic CRS ({}); transform it to a projected "
                "metric CRS first.", name, crs.to_string()))
    if len({c.to_string() for c in crss.values()}) > 1:
        raise error(Note("All layers must be in the same CRS."))
    return next(iter(crss.values()), None)
