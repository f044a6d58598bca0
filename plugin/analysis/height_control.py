"""Height control (高度控制): buildings against parcel height caps and height-control zones.

A control (a parcel's ``height_cap`` or a zone's ``max_height``, m) governs a building
when the footprint overlaps it with positive area. Footprints drawn on the same parcel
boundaries overlap their neighbours by slivers (rounding, a shared wall line), so an
overlap under ``min_overlap`` (default 0.5 m²) does not count. A null cap is no cap.
Of all controls governing a building, the strictest (lowest) cap applies; excess =
height − cap (m), and the building exceeds when excess > 0.

No Qt and no QGIS here: arrays in, a frame and Notes out.
"""

from dataclasses import dataclass, field
from typing import List, Optional

import numpy as np
import pandas as pd

from . import geos
from .notes import Note

MIN_OVERLAP_M2 = 0.5
PARCEL, ZONE = "parcel", "zone"
# Status per building (the output's and the log's words).
EXCEEDS, WITHIN, NO_HEIGHT, NO_CONTROL = "exceeds", "within", "no_height", "no_control"
# How many ids a note names before "and N more".
NAMED = 10


@dataclass
class Controls:
    """One layer of height controls: polygons with a cap (m, NaN = no cap), ids, names."""

    kind: str                    # PARCEL or ZONE
    geometries: np.ndarray       # shapely polygons in the buildings' metric CRS
    caps: np.ndarray             # float, NaN where the cap is null
    ids: np.ndarray              # str
    names: Optional[np.ndarray] = None

    def __post_init__(self):
        self.geometries = objects(self.geometries)
        self.caps = np.asarray(self.caps, dtype=float)
        self.ids = np.asarray([str(v) for v in self.ids], dtype=object)
        if self.names is None:
            self.names = np.full(len(self.ids), "", dtype=object)
        self.names = np.asarray(["" if v is None else str(v) for v in self.names],
                                dtype=object)


@dataclass
class HeightCheck:
    buildings: pd.DataFrame      # one row per input building, in input order
    notes: List[str] = field(default_factory=list)

    @property
    def exceeding(self) -> pd.DataFrame:
        return self.buildings[self.buildings["status"] == EXCEEDS]

    def summary(self) -> dict:
        b = self.buildings
        ex = b["excess"][b["status"] == EXCEEDS]
        return {"buildings": len(b), "checked": int(b["status"].isin([EXCEEDS, WITHIN]).sum()),
                "exceeding": int(len(ex)), "max_excess": float(ex.max()) if len(ex) else 0.0,
                "no_height": int((b["status"] == NO_HEIGHT).sum()),
                "no_control": int((b["status"] == NO_CONTROL).sum())}


def objects(values):
    """An object array of geometries, one per item (numpy would unpack shapely 1.8's
    multi-part geometries)."""
    if isinstance(values, np.ndarray) and values.dtype == object:
        return values
    values = list(values)
    out = np.empty(len(values), dtype=object)
    for i, v in enumerate(values):
        out[i] = v
    return out


def named(ids, limit=NAMED):
    """'a, b, c' or 'a, b, … (and 5 more)' for a note."""
    ids = [str(i) for i in ids]
    if len(ids) <= limit:
        return ", ".join(ids)
    return "{} … (+{})".format(", ".join(ids[:limit]), len(ids) - limit)


def governing_pairs(footprints, controls, min_overlap=MIN_OVERLAP_M2):
    """(building index, control index, overlap m²) of every pair overlapping by at least
    min_overlap, for the controls with a cap."""
    footprints = objects(footprints)
    has_cap = np.isfinite(controls.caps) & ~geos.is_missing(controls.geometries)
    capped = np.flatnonzero(has_cap)
    empty = (np.empty(0, dtype=np.intp), np.empty(0, dtype=np.intp), np.empty(0))
    if not len(capped) or not len(footprints):
        return empty
    present = np.flatnonzero(~geos.is_missing(footprints))
    if not len(present):
        return empty
    b, c = geos.STRtree(controls.geometries[capped]).query(footprints[present],
                                                           predicate="intersects")
    if not len(b):
        return empty
    b, c = present[b], capped[c]
    overlap = np.asarray(geos.area(geos.intersection(footprints[b], controls.geometries[c])),
                         dtype=float)
    keep = overlap >= min_overlap
    return b[keep].astype(np.intp), c[keep].astype(np.intp), overlap[keep]


def _strictest(n, controls, pairs):
    """Per building: (cap, control index) of the lowest cap among the pairs; NaN / -1."""
    b, c, _ = pairs
    cap = np.full(n, np.nan)
    which = np.full(n, -1, dtype=np.intp)
    if len(b):
        # Lowest cap first, then the lowest control index: a stable, reproducible choice.
        order = np.lexsort((c, controls.caps[c], b))
        b, c = b[order], c[order]
        first = np.ones(len(b), dtype=bool)
        first[1:] = b[1:] != b[:-1]
        cap[b[first]] = controls.caps[c[first]]
        which[b[first]] = c[first]
    return cap, which


def check_heights(footprints, heights, controls, ids=None, min_overlap=MIN_OVERLAP_M2):
    """Check every building against the controls (a list of Controls, e.g. parcels and
    zones). ``heights`` in m (NaN: unknown); ``ids`` name buildings in notes and output.

    Returns HeightCheck: per building height, cap (the strictest), source kind,
    control_id / control_name / cap_set_by (all controls at that cap), the strictest cap
    of each kind (<kind>_cap, <kind>_id), controls (how many govern it), excess (m;
    negative: the margin left) and status (exceeds / within / no_height / no_control).
    """
    footprints = objects(footprints)
    heights = np.asarray(heights, dtype=float)
    n = len(footprints)
    ids = (np.array(["#{}".format(i) for i in range(n)], dtype=object) if ids is None
           else np.asarray([str(v) for v in ids], dtype=object))
    if not controls:
        raise ValueError("give at least one layer of height controls")
    out = pd.DataFrame({"building": ids, "height": heights})
    cap = np.full(n, np.nan)
    source = np.full(n, None, dtype=object)
    control_id = np.full(n, None, dtype=object)
    control_name = np.full(n, None, dtype=object)
    governed = np.zeros(n, dtype=int)
    per_kind = []
    for ctl in controls:
        pairs = governing_pairs(footprints, ctl, min_overlap)
        governed += np.bincount(pairs[0], minlength=n)
        kcap, kwhich = _strictest(n, ctl, pairs)
        out[ctl.kind + "_cap"] = kcap
        out[ctl.kind + "_id"] = [ctl.ids[w] if w >= 0 else None for w in kwhich]
        per_kind.append((ctl, pairs, kcap))
        # Strictly lower replaces: on a tie the earlier layer (parcels) names the cap.
        better = np.isfinite(kcap) & ~(kcap >= cap)
        cap[better] = kcap[better]
        source[better] = ctl.kind
        control_id[better] = ctl.ids[kwhich[better]]
        control_name[better] = ctl.names[kwhich[better]]
    set_by = [[] for _ in range(n)]
    for ctl, (b, c, _), _k in per_kind:
        tie = np.isclose(ctl.caps[c], cap[b], rtol=0.0, atol=1e-9)
        for i, j in zip(b[tie], c[tie]):
            set_by[i].append("{} {}".format(ctl.kind, ctl.ids[j]))
    out["cap"] = cap
    out["source"] = source
    out["control_id"] = control_id
    out["control_name"] = control_name
    out["cap_set_by"] = ["; ".join(sorted(set(s))) or None for s in set_by]
    out["controls"] = governed
    out["excess"] = heights - cap
    status = np.where(out["excess"].to_numpy() > 0, EXCEEDS, WITHIN).astype(object)
    status[~np.isfinite(cap)] = NO_CONTROL
    status[~np.isfinite(heights)] = NO_HEIGHT
    out["status"] = status
    return HeightCheck(out, _notes(out, min_overlap))


def _notes(out, min_overlap):
    notes = []
    for status, template in (
            (NO_HEIGHT, "{} buildings have no height and were not checked: {}."),
            (NO_CONTROL, "{} buildings lie in no parcel or zone with a height cap (an overlap "
                         "under {} m² does not count) and were not checked: {}.")):
        ids = out["building"][out["status"] == status]
        if len(ids):
            args = (len(ids), named(ids)) if status == NO_HEIGHT else (
                len(ids), "{:g}".format(min_overlap), named(ids))
            notes.append(Note(template, *args))
    return notes
