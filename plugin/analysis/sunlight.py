"""Sunlight hours (日照分析): minutes of direct sun at window sills within the effective window.

For every test point (analysis/sunlight_points.py: window sills on sun-facing walls, or a
grid) and every time step of the rule's effective window (true solar time on the standard
day), the sun counts at the middle of the step when it is

- above the horizon (apparent elevation > 0°),
- in front of the facade (within 90° of the wall's outward normal; facade points only),
- not blocked: no building's top is above the line to the sun, i.e. the highest building
  elevation angle along the horizontal ray towards the sun's azimuth (analysis/rays.py,
  exact for prisms) is not above the sun's elevation.

Only edges within the cull radius can block: (tallest top − point z) / tan(lowest sun
elevation the point uses); beyond it no building reaches the sun's line.

Sun positions are computed once for the district centre: across a district of a few km
the sun's elevation and azimuth at the same true solar time differ by a few hundredths of
a degree (latitude), and true solar time already follows each longitude.

Compliance (GB 50180-2018 table 4.0.9): minutes ≥ required hours × 60, summed over the
window; the sunlit minutes need not be continuous (the longest continuous span is reported
too). No Qt and no QGIS here: arrays in, frames and Notes out.
"""

import datetime
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import sun
from .notes import Note
from .rays import building_edges, max_elevation
from .sunlight_points import facade_points, grid_points, no_walls
from .sunlight_rules import CUSTOM, RULES, Rule  # noqa: F401 (Rule re-exported)

DEFAULT_STEP = 1.0
DEFAULT_RULE = "dahan_3h"




class SunlightInputError(ValueError):
    """Bad input, as one sentence (a Note) for the user."""


class SunlightCancelled(Exception):  # noqa: N818 (like FloodCancelled)
    """Raised by a progress callback to stop."""


@dataclass
class SunTrack:
    """The sun at the middle of each step (UTC instants) of the effective window."""

    day: datetime.date
    start: float
    end: float
    step: float                 # minutes
    lon: float
    lat: float
    times: np.ndarray
    azimuth: np.ndarray
    elevation: np.ndarray

    def __len__(self):
        return len(self.times)


def rule_window(rule_key, year, day=None, start=None, end=None, hours=None, utc_offset=8.0):
    """(day, start, end, required hours) of a rule for a year; a custom rule needs all of
    day (datetime.date), start and end (true solar hours) and hours; for the others any
    of them given overrides the rule's."""
    if rule_key == CUSTOM:
        if day is None or start is None or end is None or hours is None:
            raise SunlightInputError(Note("A custom rule needs a date, a window start and end "
                                          "(true solar time) and the required hours."))
        rule_day, s, e, h = day, float(start), float(end), float(hours)
    else:
        if rule_key not in RULES:
            raise SunlightInputError(Note("Unknown sunlight rule '{}'.", rule_key))
        r = RULES[rule_key]
        rule_day = sun.standard_day(int(year), r.day, utc_offset) if day is None else day
        s = r.start if start is None else float(start)
        e = r.end if end is None else float(end)
        h = r.hours if hours is None else float(hours)
    if not (0.0 <= s < e <= 24.0):
        raise SunlightInputError(Note("The window must run forward within the day (0–24 h); "
                                      "got {}–{} h.", s, e))
    if not (0.0 <= h <= e - s):
        raise SunlightInputError(Note("The required hours must be between 0 and the window's "
                                      "length ({} h); got {} h.", e - s, h))
    return rule_day, s, e, h


def sun_track(day, lon, lat, start, end, step=DEFAULT_STEP):
    """Sun positions at the middle of each step from start to end true solar time."""
    if not (0.0 < step <= (end - start) * 60.0):
        raise SunlightInputError(Note("The time step must be more than 0 and at most the "
                                      "window's length; got {} min.", step))
    starts = np.asarray(sun.window_instants(day, lon, start, end, step), dtype="datetime64[ms]")
    mid = starts + np.timedelta64(int(round(step * 30_000)), "ms")
    azimuth, elevation = sun.solar_position(lon, lat, mid)
    return SunTrack(day, start, end, float(step), float(lon), float(lat), mid,
                    np.asarray(azimuth, dtype=float), np.asarray(elevation, dtype=float))


def sunlit_steps(points, edges, track, progress=None, group_size=64):
    """Boolean (points × steps): the point has direct sun at the middle of the step.

    ``progress(fraction)`` is called per group of points (a building's points together);
    it may raise SunlightCancelled.
    """
    n, m = len(points), len(track)
    lit = np.zeros((n, m), dtype=bool)
    up = track.elevation > 0.0
    if not n or not up.any():
        return lit
    sun_az, sun_el = track.azimuth, track.elevation
    max_top = float(edges.top.max()) if len(edges) else -np.inf
    for done, group in _groups(points, group_size):
        gx, gy = points.x[group], points.y[group]
        masks, radii = [], []
        for i in group:
            mask = up.copy()
            if points.facade[i] >= 0:
                mask &= np.cos(np.radians(sun_az - points.normal[i])) > 1e-9
            masks.append(mask)
            lowest = sun_el[mask].min() if mask.any() else 90.0
            radii.append(max(0.0, (max_top - points.z[i]) / np.tan(np.radians(lowest))) + 1.0)
        cx, cy = (gx.min() + gx.max()) / 2, (gy.min() + gy.max()) / 2
        half = np.hypot(gx.max() - gx.min(), gy.max() - gy.min()) / 2
        local = edges.near(cx, cy, max(radii) + half) if len(edges) else edges
        for i, mask, radius in zip(group, masks, radii):
            if not mask.any():
                continue
            if not len(local):
                lit[i, mask] = True
                continue
            hits = max_elevation(local, points.x[i], points.y[i], points.z[i], sun_az[mask],
                                 max_distance=radius)
            lit[i, mask] = ~(hits.angle > sun_el[mask])
        if progress is not None:
            progress(done / n)
    return lit


def _groups(points, size):
    """Point positions in groups: a building's points together (facade points), runs of
    ``size`` in x order (grid points); yields (points done after the group, positions)."""
    order = np.lexsort((points.y, points.x, points.building))
    b = points.building[order]
    starts = np.flatnonzero(np.r_[True, b[1:] != b[:-1]])
    ends = np.r_[starts[1:], len(order)]
    done = 0
    for a, z in zip(starts, ends):
        step = size if b[a] < 0 else z - a
        for s in range(a, z, step):
            group = order[s:min(z, s + step)]
            done += len(group)
            yield done, group


def longest_run(lit):
    """Longest run of consecutive True per row (steps)."""
    if not lit.size:
        return np.zeros(len(lit), dtype=np.int64)
    padded = np.pad(lit.astype(np.int8), ((0, 0), (1, 1)))
    d = np.diff(padded, axis=1)
    best = np.zeros(len(lit), dtype=np.int64)
    r_s, c_s = np.nonzero(d == 1)
    _, c_e = np.nonzero(d == -1)
    np.maximum.at(best, r_s, c_e - c_s)
    return best


@dataclass
class SunlightResult:
    points: pd.DataFrame
    buildings: pd.DataFrame
    facades: pd.DataFrame
    walls: object               # sunlight_points.Walls (facade geometry by facade index)
    track: SunTrack
    required_minutes: float
    lit: np.ndarray
    notes: list = field(default_factory=list)


def assess(points, walls, lit, step, required_minutes):
    """Frames per point, per building and per facade (wall) from the sunlit steps."""
    minutes = lit.sum(axis=1) * step
    ok = minutes >= required_minutes - 1e-9
    frame = pd.DataFrame({
        "x": points.x, "y": points.y, "z": points.z, "building": points.building,
        "facade": points.facade, "floor": points.floor, "normal": points.normal,
        "minutes": minutes, "hours": minutes / 60.0,
        "longest_minutes": longest_run(lit) * step, "compliant": ok})
    frame["wall"] = (walls.number[points.facade] if len(walls) and len(points)
                     else np.zeros(len(points), dtype=np.int64))
    frame.loc[frame["facade"] < 0, "wall"] = 0
    facade = frame[frame["facade"] >= 0]
    per_facade = facade.groupby("facade").agg(
        building=("building", "first"), wall=("wall", "first"), normal=("normal", "first"),
        points=("minutes", "size"), min_minutes=("minutes", "min"),
        share_compliant=("compliant", "mean"), compliant=("compliant", "all")).reset_index()
    if len(per_facade):
        per_facade["length"] = walls.length[per_facade["facade"].to_numpy()]
    else:
        per_facade["length"] = pd.Series(dtype=float)
    per_building = facade.groupby("building").agg(
        points=("minutes", "size"), worst_minutes=("minutes", "min"),
        mean_minutes=("minutes", "mean"), compliant_points=("compliant", "sum"),
        share_compliant=("compliant", "mean"), compliant=("compliant", "all"),
        facades=("facade", "nunique")).reset_index()
    floors = facade.groupby(["building", "floor"])["compliant"].all().reset_index()
    by_b = floors.groupby("building").agg(floors=("floor", "size"),
                                          floors_compliant=("compliant", "sum"))
    per_building = per_building.join(by_b, on="building")
    return frame, per_building, per_facade


def sunlight_hours(footprints, ground, height, floors=None, buildings=None, obstructions=None,
                   track=None, required_hours=3.0, spacing=3.0, sill=0.9, every_floor=False,
                   grid=None, progress=None):
    """Sunlight hours of test points among buildings.

    footprints, ground, height, floors: the buildings (metric CRS; height m above ground;
    ground absolute m, NaN → 0 m). ``buildings``: positions of those carrying facade test
    points (e.g. residential). ``obstructions``: extra (footprints, tops) that only block
    (e.g. a scheme). ``grid``: (polygons, spacing, ground per polygon, height above ground)
    for grid points instead of facade points. ``track``: from sun_track().
    """
    footprints = np.asarray(footprints, dtype=object)
    ground = np.asarray(ground, dtype=float)
    height = np.asarray(height, dtype=float)
    notes = []
    if track is None:
        raise SunlightInputError(Note("No sun track was given."))
    if spacing <= 0:
        raise SunlightInputError(Note("The spacing must be more than 0 m; got {} m.", spacing))
    up = track.elevation > 0
    if grid is None:
        points, walls = facade_points(footprints, ground, height, floors, buildings,
                                      track.azimuth[up], spacing=spacing, sill=sill,
                                      every_floor=every_floor)
    else:
        polygons, grid_spacing, grid_ground, grid_height = grid
        points = grid_points(polygons, grid_spacing, grid_ground, grid_height, footprints)
        walls = no_walls()
    notes.extend(points.notes)
    tops = np.nan_to_num(ground) + height
    all_fp, all_tops = list(footprints), list(tops)
    if obstructions is not None:
        all_fp += list(obstructions[0])
        all_tops += list(np.asarray(obstructions[1], dtype=float))
    fp = np.empty(len(all_fp), dtype=object)
    fp[:] = all_fp
    edges = building_edges(fp, np.asarray(all_tops, dtype=float))
    if len(track) and not up.all():
        notes.append(Note("The sun is below the horizon for {} of {} steps.",
                          int((~up).sum()), len(track)))
    lit = sunlit_steps(points, edges, track, progress)
    required = required_hours * 60.0
    frame, per_building, per_facade = assess(points, walls, lit, track.step, required)
    notes.append(Note("{} test points: {} comply ({:.1%}); minimum {:.0f} min, required "
                      "{:.0f} min.", len(frame), int(frame["compliant"].sum()),
                      float(frame["compliant"].mean()) if len(frame) else 0.0,
                      float(frame["minutes"].min()) if len(frame) else 0.0, required))
    notes.append(Note("Sunlit minutes are summed over the window; they need not be continuous "
                      "(the longest continuous span is reported too)."))
    if len(per_building):
        notes.append(Note("{} of {} buildings comply at every test point.",
                          int(per_building["compliant"].sum()), len(per_building)))
    return SunlightResult(frame, per_building, per_facade, walls, track, required, lit,
                          notes)
