"""Viewpoints: where the eye stands, for the skyline and the view-corridor checks.

The eye is at the viewpoint's ground + eye height. The ground is the DEM's where the
caller sampled it; elsewhere the ground of the nearest building that has one (a viewpoint
stands in the street beside it), else 0 m. Notes say when any of this was assumed.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
from shapely.geometry import Point

from . import geos
from .height_control import named
from .notes import Note

DEFAULT_EYE = 1.6


@dataclass
class Viewpoints:
    ids: object
    x: object
    y: object
    ground: object = None        # m, NaN where unknown (no DEM there)
    eye_height: object = None    # m, NaN where not set

    def __post_init__(self):
        self.ids = np.array([str(v) for v in self.ids], dtype=object)
        n = len(self.ids)
        self.x = np.asarray(self.x, dtype=float)
        self.y = np.asarray(self.y, dtype=float)
        self.ground = (np.full(n, np.nan) if self.ground is None
                       else np.asarray(self.ground, dtype=float))
        self.eye_height = (np.full(n, np.nan) if self.eye_height is None
                           else np.asarray(self.eye_height, dtype=float))


def resolve_viewpoints(viewpoints, footprints, grounds, default_eye=DEFAULT_EYE):
    """Eye elevation of each viewpoint, with where its ground came from, and Notes."""
    notes = []
    eye = np.where(np.isfinite(viewpoints.eye_height), viewpoints.eye_height, default_eye)
    defaulted = viewpoints.ids[~np.isfinite(viewpoints.eye_height)]
    if len(defaulted):
        notes.append(Note("{} viewpoints have no eye height; {} m is used: {}.",
                          len(defaulted), default_eye, named(defaulted)))
    ground = viewpoints.ground.copy()
    source = np.where(np.isfinite(ground), "dem", "").astype(object)
    known = np.flatnonzero(np.isfinite(grounds) & ~geos.is_missing(footprints))
    for i in np.flatnonzero(~np.isfinite(ground)):
        p = Point(viewpoints.x[i], viewpoints.y[i])
        if len(known):
            d = np.array([footprints[k].distance(p) for k in known])
            k = known[int(np.argmin(d))]
            ground[i], source[i] = grounds[k], "nearest_building"
            notes.append(Note("Viewpoint {} stands on the ground of the nearest building "
                              "({:.2f} m).", viewpoints.ids[i], ground[i]))
        else:
            ground[i], source[i] = 0.0, "zero"
            notes.append(Note("Viewpoint {}: no ground elevation known; 0 m is assumed.",
                              viewpoints.ids[i]))
    frame = pd.DataFrame({"viewpoint_id": viewpoints.ids, "x": viewpoints.x,
                          "y": viewpoints.y, "ground": ground, "ground_from": source,
                          "eye_height": eye, "eye_z": ground + eye})
    return frame, notes
