"""View corridors (视线通廊): buildings rising into a protected view.

A corridor is a polygon seen from a viewpoint, with an allowed elevation angle
(``max_elev_angle``, degrees above the horizontal from the eye) and/or an allowed height
(``max_height``, m above the building's ground). Each building overlapping a corridor
(by at least ``min_overlap`` m²: shared-boundary slivers do not count) is checked on its
part inside the corridor:

- height rule: height > max_height exceeds; excess = height − max_height.
- angle rule: the eye is at viewpoint ground + eye height; the building is a prism up to
  top = ground_elev + height, so its highest elevation angle seen from the eye is at the
  point of the in-corridor part nearest to the viewpoint (distance d):
  angle = atan((top − eye) / d). It exceeds when angle > max_elev_angle. The allowed
  height there is eye + d · tan(max_elev_angle) − ground_elev, and excess = height −
  allowed height (m).

Ground: a viewpoint without ground stands on the ground of the nearest building that
has one, else on 0 m; a building without ground stands level with the corridor's
viewpoint (flat ground), else on 0 m. Notes say when any of this was assumed.

No Qt and no QGIS here: arrays in, frames and Notes out.
"""

import math
from dataclasses import dataclass, field
from typing import List

import numpy as np
import pandas as pd
from shapely.geometry import Point

from . import geos
from .height_control import MIN_OVERLAP_M2, named, objects
from .notes import Note
from .viewpoints import DEFAULT_EYE, Viewpoints, resolve_viewpoints  # noqa: F401

ANGLE, HEIGHT = "elev_angle", "max_height"
_EPS = 1e-9


@dataclass
class Corridors:
    geometries: object           # polygons, metric CRS
    ids: object                  # corridor_id
    viewpoint_ids: object        # viewpoint_id (None where not given)
    max_angle: object            # degrees, NaN where not set
    max_height: object           # m, NaN where not set

    def __post_init__(self):
        self.geometries = objects(self.geometries)
        self.ids = np.array([str(v) for v in self.ids], dtype=object)
        self.viewpoint_ids = np.array([None if v is None else str(v)
                                       for v in self.viewpoint_ids], dtype=object)
        self.max_angle = np.asarray(self.max_angle, dtype=float)
        self.max_height = np.asarray(self.max_height, dtype=float)


@dataclass
class CorridorCheck:
    checked: pd.DataFrame        # one row per building × corridor overlap
    violations: pd.DataFrame     # one row per building × corridor × rule exceeded
    parts: np.ndarray            # in-corridor part of each checked row (shapely)
    viewpoints: pd.DataFrame     # id, x, y, ground, ground_from, eye_height, eye_z
    notes: List[str] = field(default_factory=list)

    def violation_parts(self):
        return self.parts[self.violations["pair"].to_numpy(dtype=np.intp)]

    def summary(self) -> dict:
        v = self.violations
        return {"checked": len(self.checked),
                "buildings_checked": int(self.checked["position"].nunique()),
                "violating": int(v["position"].nunique()) if len(v) else 0,
                "violations": len(v),
                "max_excess": float(v["excess"].max()) if len(v) else 0.0}


def _pairs(footprints, corridors, min_overlap):
    """(building, corridor, in-corridor part) of overlaps of at least min_overlap m²."""
    present = np.flatnonzero(~geos.is_missing(footprints))
    usable = np.flatnonzero(~geos.is_missing(corridors.geometries))
    if not len(present) or not len(usable):
        return np.empty(0, np.intp), np.empty(0, np.intp), objects([])
    b, c = geos.STRtree(corridors.geometries[usable]).query(footprints[present],
                                                            predicate="intersects")
    b, c = present[b], usable[c]
    parts = objects(geos.intersection(footprints[b], corridors.geometries[c]))
    keep = np.asarray(geos.area(parts), dtype=float) >= min_overlap
    order = np.lexsort((b[keep], c[keep]))   # corridor by corridor, buildings in order
    return b[keep][order].astype(np.intp), c[keep][order].astype(np.intp), parts[keep][order]


def check_corridors(footprints, heights, grounds, corridors, viewpoints=None, ids=None,
                    default_eye=DEFAULT_EYE, min_overlap=MIN_OVERLAP_M2):
    """Check buildings (footprints, heights m, grounds m with NaN unknown) against the
    corridors (Corridors) seen from the viewpoints (Viewpoints or None)."""
    footprints = objects(footprints)
    heights = np.asarray(heights, dtype=float)
    grounds = np.asarray(grounds, dtype=float)
    n = len(footprints)
    ids = (np.array(["#{}".format(i) for i in range(n)], dtype=object) if ids is None
           else np.array([str(v) for v in ids], dtype=object))
    if viewpoints is None:
        viewpoints = Viewpoints([], [], [])
    vps, notes = resolve_viewpoints(viewpoints, footprints, grounds, default_eye)
    by_id = {v: i for i, v in enumerate(vps["viewpoint_id"])}

    vp_of = np.full(len(corridors.ids), -1, dtype=np.intp)
    # A corridor is checked when it has a height limit, or an angle limit and its viewpoint.
    active = np.isfinite(corridors.max_height)
    for j, cid in enumerate(corridors.ids):
        has_angle = np.isfinite(corridors.max_angle[j])
        if not has_angle and not active[j]:
            notes.append(Note("Corridor {} has neither max_elev_angle nor max_height and is "
                              "not checked.", cid))
            continue
        vid = corridors.viewpoint_ids[j]
        if vid in by_id:
            vp_of[j] = by_id[vid]
            active[j] = True
        elif has_angle:
            if np.isfinite(corridors.max_height[j]):
                notes.append(Note("Corridor {}: viewpoint {} is missing, so only its "
                                  "max_height limit is checked.", cid, vid))
            else:
                notes.append(Note("Corridor {}: viewpoint {} is missing, so the corridor is "
                                  "skipped.", cid, vid))

    b, c, parts = _pairs(footprints, corridors, min_overlap)
    keep = active[c]
    b, c, parts = b[keep], c[keep], parts[keep]
    no_height = ~np.isfinite(heights[b])
    if no_height.any():
        notes.append(Note("{} buildings in corridors have no height and were not checked: "
                          "{}.", len(set(b[no_height])), named(sorted(set(ids[b[no_height]])))))
    rows, violations = [], []
    levelled = set()
    for k, (i, j, part) in enumerate(zip(b, c, parts)):
        h = heights[i]
        if not np.isfinite(h):
            continue
        row = {"pair": k, "position": int(i), "building": ids[i],
               "corridor_id": corridors.ids[j], "viewpoint_id": corridors.viewpoint_ids[j],
               "height": h, "ground": np.nan, "top": np.nan, "distance": np.nan,
               "angle": np.nan, "allowed_angle": corridors.max_angle[j],
               "max_height": corridors.max_height[j], "part_area": part.area}
        v = vp_of[j]
        if v >= 0:
            vp = vps.iloc[v]
            g = grounds[i]
            if not np.isfinite(g):
                g = vp["ground"]
                levelled.add(ids[i])
            d = part.distance(Point(vp["x"], vp["y"]))
            row.update(ground=g, top=g + h, distance=d,
                       angle=math.degrees(math.atan2(g + h - vp["eye_z"], d)))
            a = corridors.max_angle[j]
            if np.isfinite(a):
                allowed = vp["eye_z"] + d * math.tan(math.radians(a)) - g
                row["allowed_height_angle"] = allowed
                if row["angle"] > a + _EPS:
                    violations.append(dict(row, rule=ANGLE, allowed_height=allowed,
                                           excess=h - allowed))
        if np.isfinite(corridors.max_height[j]) and h > corridors.max_height[j] + _EPS:
            violations.append(dict(row, rule=HEIGHT, allowed_height=corridors.max_height[j],
                                   excess=h - corridors.max_height[j]))
        rows.append(row)
    if levelled:
        notes.append(Note("{} buildings have no ground elevation; they are taken as level "
                          "with the viewpoint: {}.", len(levelled), named(sorted(levelled))))
    columns = ["pair", "position", "building", "corridor_id", "viewpoint_id", "height",
               "ground", "top", "distance", "angle", "allowed_angle", "max_height",
               "part_area"]
    checked = pd.DataFrame(rows, columns=columns + ["allowed_height_angle"])
    viol = pd.DataFrame(violations, columns=columns + ["rule", "allowed_height", "excess"])
    return CorridorCheck(checked, viol, parts, vps, notes)
