"""Skyline from a viewpoint (天际线审视): per azimuth, the highest building elevation angle.

For each azimuth (k · bin from north, clockwise; optionally only a field of view) a
horizontal ray from the eye finds the highest angle atan((top − eye) / d) of any building
it crosses (analysis/rays.py: exact per ray, no raster), the building setting it and its
distance. From that profile:

- the skyline as 3D lines (the point where each ray meets the building setting it, at the
  building's top), broken where a ray sees only sky;
- the buildings forming it, with the share of azimuths each sets;
- metrics. The *skyline angle* of an azimuth is max(0°, highest building angle): a flat
  horizon is at 0°, and a building below eye level does not reach the sky. Mean and max
  angle over the azimuths with a building (their own angles) and over all azimuths (the
  skyline angle, sky = 0°); the sky ratio is the share of azimuths where no building rises
  above the reference angle (angle ≤ reference, or only sky); distinct buildings.
- with a scheme: its buildings are added and the existing buildings its footprints
  overlap (by more than MIN_OVERLAP_M2) are removed (the site is cleared); the change per
  azimuth is scheme − existing skyline angle; a scheme building *rises above the existing
  skyline* at an azimuth where it sets the scheme profile above the existing skyline angle.

No Qt and no QGIS here: arrays and frames in, frames and Notes out.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import geos
from .notes import Note
from .rays import building_edges, max_elevation

DEFAULT_BIN = 0.1
DEFAULT_REFERENCE = 5.0
DEFAULT_MAX_DISTANCE = 5000.0
# A scheme footprint overlapping an existing building by more than this (m²) clears it;
# footprints that only touch (a shared wall line) or sliver-overlap keep it.
MIN_OVERLAP_M2 = 1.0
EXISTING, SCHEME = "existing", "scheme"
# Roles in the buildings frame (the styles' categories).
ROLE_EXISTING, ROLE_SCHEME, ROLE_ABOVE = "existing", "scheme", "scheme_above"
_EPS = 1e-9


class SkylineInputError(ValueError):
    """Bad input, as one sentence (a Note) for the user."""


def view_azimuths(bin_width=DEFAULT_BIN, fov_from=None, fov_to=None):
    """The azimuths looked at: k · bin_width in [0°, 360°), limited to the field of view
    from → to (clockwise; None or from = to: the full circle).

    Returns (azimuths in [0, 360), unwrapped): both in clockwise order from the start of
    the field of view; ``unwrapped`` increases past 360° for a view across north.
    """
    bin_width = float(bin_width)
    if not (0.0 < bin_width <= 45.0):
        raise SkylineInputError(Note("The bin width must be more than 0° and at most 45°; "
                                     "got {}°.", bin_width))
    count = int(np.floor(360.0 / bin_width + 1e-9))
    az = np.round(np.arange(count) * bin_width, 10)
    az = az[az < 360.0 - 1e-9]
    if fov_from is None or fov_to is None or abs((fov_to - fov_from) % 360.0) < _EPS:
        return az, az.copy()
    start = float(fov_from) % 360.0
    span = (float(fov_to) - float(fov_from)) % 360.0
    rel = (az - start) % 360.0
    keep = rel <= span + 1e-9
    order = np.argsort(rel[keep], kind="stable")
    az, rel = az[keep][order], rel[keep][order]
    if not len(az):
        raise SkylineInputError(Note("The field of view {}° to {}° holds no azimuth at a "
                                     "bin width of {}°.", fov_from, fov_to, bin_width))
    return az, start + rel


@dataclass
class Scene:
    """The buildings, once for every viewpoint: existing first, then the scheme's."""

    ids: np.ndarray                 # object: the label of each building
    source: np.ndarray              # EXISTING / SCHEME
    tops: np.ndarray                # absolute top elevation (m)
    existing: object                # rays.Edges of the existing buildings
    scheme: object                  # rays.Edges with the scheme (site cleared), or None
    cleared: np.ndarray             # positions of the existing buildings the scheme removes
    notes: list = field(default_factory=list)

    @property
    def has_scheme(self):
        return self.scheme is not None


def _labels(ids, count):
    if ids is None:
        return np.array([str(i) for i in range(count)], dtype=object)
    return np.array([None if v is None else str(v) for v in ids], dtype=object)


def make_scene(footprints, tops, ids=None, scheme_footprints=None, scheme_tops=None,
               scheme_ids=None):
    """Edges of the existing buildings and, with a scheme, of the scheme case.

    footprints: polygons in a metric CRS; tops: ground elevation + height (m; NaN leaves
    a building out). Positions in every output index existing buildings first, then the
    scheme's.
    """
    footprints = np.asarray(footprints, dtype=object).ravel()
    tops = np.asarray(tops, dtype=float).ravel()
    n = len(footprints)
    notes = []
    missing = int((~np.isfinite(tops)).sum())
    if missing:
        notes.append(Note("{} buildings without a usable height are left out.", missing))
    existing = building_edges(footprints, tops)
    ids_all = _labels(ids, n)
    if scheme_footprints is None:
        return Scene(ids_all, np.full(n, EXISTING, dtype=object), tops, existing, None,
                     np.empty(0, dtype=np.int64), notes)
    scheme_footprints = np.asarray(scheme_footprints, dtype=object).ravel()
    scheme_tops = np.asarray(scheme_tops, dtype=float).ravel()
    m = len(scheme_footprints)
    cleared = _overlapped(footprints, scheme_footprints)
    all_tops = np.concatenate([tops, scheme_tops])
    all_tops[cleared] = np.nan                       # removed: no edges in the scheme case
    scheme = building_edges(np.concatenate([footprints, scheme_footprints]), all_tops)
    notes.append(Note("The scheme adds {} buildings; {} existing buildings overlapped by its "
                      "footprints are removed (site cleared).", m, len(cleared)))
    bad = int((~np.isfinite(scheme_tops)).sum())
    if bad:
        notes.append(Note("{} scheme buildings without a usable height are left out.", bad))
    labels = np.concatenate([ids_all, _labels(scheme_ids, m)])
    source = np.array([EXISTING] * n + [SCHEME] * m, dtype=object)
    return Scene(labels, source, np.concatenate([tops, scheme_tops]), existing, scheme,
                 cleared, notes)


def _overlapped(existing, scheme):
    """Positions of the existing footprints a scheme footprint overlaps by > MIN_OVERLAP_M2."""
    usable = np.array([g is not None and not g.is_empty for g in scheme], dtype=bool)
    if not len(existing) or not usable.any():
        return np.empty(0, dtype=np.int64)
    tree = geos.STRtree(existing)
    pairs = tree.query(scheme[usable], predicate="intersects")
    if not pairs.shape[1]:
        return np.empty(0, dtype=np.int64)
    s, e = np.flatnonzero(usable)[pairs[0]], pairs[1]
    overlap = np.asarray(geos.area(geos.intersection(scheme[s], existing[e])), dtype=float)
    return np.unique(e[overlap > MIN_OVERLAP_M2]).astype(np.int64)


@dataclass
class View:
    """The skyline from one viewpoint."""

    profile: pd.DataFrame       # one row per azimuth (see skyline())
    lines: dict                 # scenario → [(k, 3) arrays of x, y, z]
    line_azimuths: dict         # scenario → [(from, to)] of each line
    buildings: pd.DataFrame     # one row per (scenario, building) forming the skyline
    metrics: dict               # scenario → {name: value}
    unwrapped: np.ndarray       # azimuths for a chart's x axis
    notes: list = field(default_factory=list)


def skyline_angle(angle):
    """max(0°, angle), sky (NaN) = 0°: the flat horizon."""
    return np.where(np.isfinite(angle), np.maximum(angle, 0.0), 0.0)


def skyline(scene, x, y, z, bin_width=DEFAULT_BIN, fov_from=None, fov_to=None,
            reference_angle=DEFAULT_REFERENCE, max_distance=DEFAULT_MAX_DISTANCE):
    """The skyline from (x, y) at eye elevation z (absolute, m) over ``scene``.

    Profile columns: azimuth (°), angle (°, NaN where only sky), building (label),
    distance (m) and, with a scheme, scheme_angle, scheme_building, scheme_distance,
    change (scheme − existing skyline angle, °).
    """
    az, unwrapped = view_azimuths(bin_width, fov_from, fov_to)
    cases = {EXISTING: scene.existing}
    if scene.has_scheme:
        cases[SCHEME] = scene.scheme
    hits, lines, spans, metrics = {}, {}, {}, {}
    for case, edges in cases.items():
        hit = max_elevation(edges, x, y, z, az, max_distance=max_distance)
        seen = hit.building >= 0
        angle = np.where(seen, hit.angle, np.nan)
        hits[case] = (angle, hit.building, np.where(seen, hit.distance, np.nan))
        lines[case], spans[case] = _lines(x, y, az, unwrapped, hit, scene.tops)
        metrics[case] = _metrics(angle, hit.building, reference_angle)
    profile = pd.DataFrame({"azimuth": az})
    profile["angle"], pos, profile["distance"] = hits[EXISTING]
    profile["building"] = _ids_at(scene.ids, pos)
    rise = None
    if scene.has_scheme:
        angle_s, pos_s, dist_s = hits[SCHEME]
        profile["scheme_angle"] = angle_s
        profile["scheme_building"] = _ids_at(scene.ids, pos_s)
        profile["scheme_distance"] = dist_s
        profile["change"] = skyline_angle(angle_s) - skyline_angle(profile["angle"].to_numpy())
        # A scheme building rises above the existing skyline where it sets the scheme
        # profile higher than the existing skyline angle (and above the horizon).
        is_scheme = (pos_s >= 0) & (scene.source[np.maximum(pos_s, 0)] == SCHEME)
        rise = np.where(is_scheme, profile["change"].to_numpy(), 0.0)
        rise[rise <= _EPS] = 0.0
        metrics[SCHEME]["azimuths_raised"] = int((rise > 0).sum())
        metrics[SCHEME]["max_change"] = float(profile["change"].max())
        metrics[SCHEME]["min_change"] = float(profile["change"].min())
        metrics[SCHEME]["mean_change"] = float(profile["change"].mean())
    buildings = _buildings(scene, hits, rise, len(az))
    if scene.has_scheme:
        above = buildings[buildings["role"] == ROLE_ABOVE]
        metrics[SCHEME]["buildings_above"] = len(above)
    notes = []
    for case, m in metrics.items():
        if m["azimuths_with_buildings"] == 0:
            notes.append(Note("No building is in sight within {} m ({}).", max_distance, case))
    return View(profile, lines, spans, buildings, metrics, unwrapped, notes)


def _ids_at(ids, positions):
    return np.where(positions >= 0, ids[np.maximum(positions, 0)], None)


def _metrics(angle, building, reference_angle):
    """Mean / max angle over azimuths with a building and over all, sky ratio, distinct."""
    seen = np.isfinite(angle)
    sky_line = skyline_angle(angle)
    above = seen & (angle > reference_angle)
    return {
        "azimuths": len(angle),
        "azimuths_with_buildings": int(seen.sum()),
        "mean_angle": float(angle[seen].mean()) if seen.any() else float("nan"),
        "max_angle": float(angle[seen].max()) if seen.any() else float("nan"),
        "mean_angle_all": float(sky_line.mean()) if len(angle) else float("nan"),
        "max_angle_all": float(sky_line.max()) if len(angle) else float("nan"),
        "sky_ratio": float(1.0 - above.mean()) if len(angle) else float("nan"),
        "reference_angle": float(reference_angle),
        "distinct_buildings": len(np.unique(building[building >= 0])),
    }


def _buildings(scene, hits, rise, count):
    """One row per (scenario, building setting at least one azimuth)."""
    rows = []
    for case, (angle, pos, dist) in hits.items():
        seen = pos >= 0
        if not seen.any():
            continue
        p = pos[seen]
        frame = pd.DataFrame({"position": p, "angle": angle[seen], "distance": dist[seen]})
        if rise is not None and case == SCHEME:
            frame["rise"] = rise[seen]
        else:
            frame["rise"] = 0.0
        agg = frame.groupby("position").agg(
            azimuths=("angle", "size"), max_angle=("angle", "max"),
            distance=("distance", "min"), azimuths_above=("rise", lambda r: int((r > 0).sum())),
            max_rise=("rise", "max")).reset_index()
        agg.insert(0, "scenario", case)
        rows.append(agg)
    if not rows:
        return pd.DataFrame(columns=["scenario", "position", "building", "source", "role",
                                     "azimuths", "share", "max_angle", "distance", "top",
                                     "azimuths_above", "max_rise"])
    out = pd.concat(rows, ignore_index=True)
    positions = out["position"].to_numpy()
    out["building"] = scene.ids[positions]
    out["source"] = scene.source[positions]
    out["share"] = out["azimuths"] / float(count)
    out["top"] = scene.tops[positions]
    out["role"] = np.where(out["azimuths_above"] > 0, ROLE_ABOVE,
                           np.where(out["source"] == SCHEME, ROLE_SCHEME, ROLE_EXISTING))
    out["azimuths_above"] = out["azimuths_above"].astype(np.int64)
    cols = ["scenario", "position", "building", "source", "role", "azimuths", "share",
            "max_angle", "distance", "top", "azimuths_above", "max_rise"]
    return out[cols].sort_values(["scenario", "azimuths"], ascending=[True, False],
                                 kind="stable").reset_index(drop=True)


def _lines(x, y, az, unwrapped, hit, tops):
    """The skyline as 3D polylines: the hit point of each azimuth at its building's top,
    consecutive azimuths joined while the same building sets them, so each line runs along
    the visible top edge of one building (joining different buildings would draw long
    radial jumps on the map); a single-azimuth run is left out. Over the full circle, a
    building's run across the start is one line."""
    seen = hit.building >= 0
    theta = np.radians(az)
    d = np.where(seen, hit.distance, 0.0)
    pts = np.column_stack([x + d * np.sin(theta), y + d * np.cos(theta),
                           np.where(seen, tops[np.maximum(hit.building, 0)], np.nan)])
    key = np.where(seen, hit.building, -1)
    bounds = np.concatenate([[0], np.flatnonzero(np.diff(key) != 0) + 1, [len(key)]])
    runs = [(a, b) for a, b in zip(bounds[:-1], bounds[1:]) if key[a] >= 0]
    step = unwrapped[1] - unwrapped[0] if len(az) > 1 else 0.0
    full = len(az) > 1 and unwrapped[-1] - unwrapped[0] + step >= 360.0 - 1e-6
    wrap = (full and len(runs) > 1 and runs[0][0] == 0 and runs[-1][1] == len(az)
            and key[0] == key[-1])
    lines, spans = [], []
    if full and len(runs) == 1 and runs[0] == (0, len(az)):
        lines.append(np.vstack([pts, pts[:1]]))   # buildings all round: a closed ring
        spans.append((float(az[0]), float(az[0])))
        return lines, spans
    if wrap:
        last = runs.pop()
        first = runs.pop(0)
        lines.append(np.vstack([pts[last[0]:last[1]], pts[first[0]:first[1]]]))
        spans.append((float(az[last[0]]), float(az[first[1] - 1])))
    for a, b in runs:
        if b - a >= 2:
            lines.append(pts[a:b])
            spans.append((float(az[a]), float(az[b - 1])))
    return lines, spans
