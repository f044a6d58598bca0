"""Scheme comparison (方案比选): two or more design schemes for one site, side by side.

Composes the single-purpose kernels, so each figure is the one the single tool gives:

- form: GFA per building as indicators.building_gfa (gfa, else footprint × floors, else
  footprint × round(height / 3 m)); FAR = GFA / site area; density (建筑密度) = footprint
  area / site area; max and mean building height (plain mean over the buildings).
- height control: height_control.check_heights against the parcels and zones
  (``controls``), and separately against the site's own height cap (kind "site");
  view corridors: view_corridor.check_corridors.
- skyline: skyline.make_scene / skyline per viewpoint (the existing buildings the scheme
  overlaps are removed); mean change (°) and the scheme buildings rising above the
  existing skyline.
- sunlight: sunlight.sunlight_hours on the neighbouring homes without and with the
  scheme (the same test points); a point is lost when it complied before and not after,
  gained the other way; a home is lost when all its points complied before and not after.
- flood: zonal.polygon_stats of each scenario over the scheme's footprints, the class of
  a building from its max depth (flood.depth_class), as the flood-impact tool does.
- rank: scheme_rank.rank over gfa, height (total excess over every cap, m), skyline
  (mean change over the viewpoints, °), sunlight (points lost − gained) and flood (GFA
  affected in the worst scenario, m²).

No Qt and no QGIS here: arrays in, frames and Notes out.
"""

from dataclasses import dataclass, field
from typing import List, Optional

import numpy as np
import pandas as pd

from . import flood, geos, height_control, skyline, sunlight, view_corridor, zonal
from .indicators import building_gfa
from .notes import Note
from .scheme_rank import RankInputError, rank_table

SITE = "site"
HEIGHT, SITE_HEIGHT, CORRIDOR = "height_control", "site_height", "corridor"
LOST, GAINED = "lost", "gained"


class SchemeInputError(ValueError):
    """Bad input, as one sentence (a Note)."""


class SchemeCancelled(Exception):  # noqa: N818 (like FloodCancelled)
    """Raised by a progress callback to stop."""


@dataclass
class Buildings:
    """Footprints (metric CRS) with height above ground, ground (absolute m), ids and,
    for GFA, the gfa and floors columns (NaN where unknown)."""

    footprints: object
    heights: object
    grounds: object = None
    ids: object = None
    gfa: object = None
    floors: object = None

    def __post_init__(self):
        self.footprints = height_control.objects(self.footprints)
        n = len(self.footprints)

        def column(values):
            return np.full(n, np.nan) if values is None else np.asarray(values, dtype=float)

        self.heights = column(self.heights)
        self.grounds = np.nan_to_num(column(self.grounds))
        self.gfa, self.floors = column(self.gfa), column(self.floors)
        self.ids = (np.array(["#{}".format(i) for i in range(n)], dtype=object)
                    if self.ids is None else np.array([str(v) for v in self.ids], dtype=object))

    def __len__(self):
        return len(self.footprints)

    @property
    def tops(self):
        return self.grounds + self.heights


@dataclass
class Site:
    geometry: object
    site_id: str = ""
    far_cap: float = float("nan")
    height_cap: float = float("nan")


@dataclass
class Surroundings:
    """What every scheme is compared against."""

    buildings: Optional[Buildings] = None            # existing
    controls: list = field(default_factory=list)     # height_control.Controls
    viewpoints: Optional[pd.DataFrame] = None        # resolve_viewpoints' frame
    viewpoint_names: dict = field(default_factory=dict)
    corridors: object = None                         # view_corridor.Corridors
    scenarios: list = field(default_factory=list)    # flood.Scenario
    homes: object = None                   # positions of the existing buildings tested
    track: object = None                   # sunlight.SunTrack
    required_hours: float = 3.0
    spacing: float = 3.0
    sill: float = 0.9
    skyline_options: dict = field(default_factory=dict)
    thresholds: tuple = flood.DEFAULT_THRESHOLDS


@dataclass
class Comparison:
    table: pd.DataFrame          # one row per scheme
    skyline: pd.DataFrame        # scheme × viewpoint
    flood: pd.DataFrame          # scheme × scenario
    failures: pd.DataFrame       # scheme building × check failed (with "geometry")
    sunlight: pd.DataFrame       # test points changing state, per scheme
    notes: List[str] = field(default_factory=list)


# ------------------------------------------------------------------------------ form

def form(scheme, site=None):
    """GFA, FAR, density and heights of one scheme (FAR and density need the site)."""
    footprint = np.asarray(geos.area(scheme.footprints), dtype=float)
    gfa, _source = building_gfa(footprint, scheme.gfa, scheme.floors, scheme.heights)
    h = scheme.heights[np.isfinite(scheme.heights)]
    site_area = float(site.geometry.area) if site is not None else float("nan")
    total = float(gfa.sum())
    far = total / site_area if site_area > 0 else float("nan")
    return {"buildings": len(scheme), "footprint_m2": float(footprint.sum()), "gfa_m2": total,
            "site_area_m2": site_area, "far": far,
            "far_cap": site.far_cap if site is not None else float("nan"),
            "far_exceeds": bool(site is not None and np.isfinite(site.far_cap)
                                and far > site.far_cap + 1e-9),
            "density": float(footprint.sum()) / site_area if site_area > 0 else float("nan"),
            "height_max_m": float(h.max()) if len(h) else float("nan"),
            "height_mean_m": float(h.mean()) if len(h) else float("nan")}, gfa


# ---------------------------------------------------------------------- compliance

def _failures(name, check, kind):
    """Failure rows of a HeightCheck's exceeding buildings (index = scheme position)."""
    return [{"scheme": name, "building": r["building"], "check": kind,
             "control": r["control_id"], "cap_m": r["cap"], "height_m": r["height"],
             "excess_m": r["excess"], "position": int(position)}
            for position, r in check.exceeding.iterrows()]


def compliance(name, scheme, surroundings, site=None):
    """(figures, failure rows) of the height controls, the site's cap and the corridors."""
    out, fails = {}, []
    if surroundings.controls:
        check = height_control.check_heights(scheme.footprints, scheme.heights,
                                             surroundings.controls, scheme.ids)
        s = check.summary()
        out.update(height_checked=s["checked"], height_exceeding=s["exceeding"],
                   height_max_excess_m=s["max_excess"])
        fails += _failures(name, check, HEIGHT)
    if site is not None and np.isfinite(site.height_cap):
        cap = height_control.Controls(SITE, [site.geometry], [site.height_cap],
                                      [site.site_id or SITE])
        check = height_control.check_heights(scheme.footprints, scheme.heights, [cap],
                                             scheme.ids)
        s = check.summary()
        out.update(site_height_cap_m=site.height_cap, site_exceeding=s["exceeding"],
                   site_max_excess_m=s["max_excess"])
        fails += _failures(name, check, SITE_HEIGHT)
    if surroundings.corridors is not None:
        vps = _corridor_viewpoints(surroundings.viewpoints)
        check = view_corridor.check_corridors(scheme.footprints, scheme.heights,
                                              scheme.grounds, surroundings.corridors, vps,
                                              scheme.ids)
        v = check.violations
        out.update(corridor_violations=int(v["position"].nunique()) if len(v) else 0,
                   corridor_max_excess_m=float(v["excess"].max()) if len(v) else 0.0)
        for r in v.to_dict("records"):
            fails.append({"scheme": name, "building": r["building"], "check": CORRIDOR,
                          "control": r["corridor_id"], "cap_m": r["allowed_height"],
                          "height_m": r["height"], "excess_m": r["excess"],
                          "position": int(r["position"])})
    return out, fails


def _corridor_viewpoints(frame):
    if frame is None:
        return None
    return view_corridor.Viewpoints(frame["viewpoint_id"], frame["x"], frame["y"],
                                    frame["ground"], frame["eye_height"])


def total_excess(fails, count):
    """Per scheme building the largest excess over any cap (≥ 0), summed (m)."""
    worst = np.zeros(count)
    for f in fails:
        if np.isfinite(f["excess_m"]):
            worst[f["position"]] = max(worst[f["position"]], float(f["excess_m"]))
    return float(worst.sum())


# ------------------------------------------------------------------------- skyline

def skyline_rows(name, scheme, surroundings, progress=None):
    """One row per viewpoint: the existing and scheme skyline and the change; and the
    ids of the scheme buildings rising above the existing skyline from any viewpoint."""
    existing, vps = surroundings.buildings, surroundings.viewpoints
    scene = skyline.make_scene(existing.footprints, existing.tops, existing.ids,
                               scheme.footprints, scheme.tops, scheme.ids)
    rows, above = [], set()
    for k, vp in enumerate(vps.itertuples(index=False)):
        if progress is not None:
            progress(k / len(vps))
        view = skyline.skyline(scene, vp.x, vp.y, vp.eye_z, **surroundings.skyline_options)
        e, s = view.metrics[skyline.EXISTING], view.metrics[skyline.SCHEME]
        b = view.buildings
        ids = set(b.loc[b["role"] == skyline.ROLE_ABOVE, "building"])
        above |= ids
        rows.append({"scheme": name, "viewpoint_id": vp.viewpoint_id,
                     "name": surroundings.viewpoint_names.get(vp.viewpoint_id, ""),
                     "existing_mean_angle": e["mean_angle_all"],
                     "scheme_mean_angle": s["mean_angle_all"],
                     "mean_change": s["mean_change"], "max_change": s["max_change"],
                     "min_change": s["min_change"], "azimuths_raised": s["azimuths_raised"],
                     "buildings_above": s["buildings_above"],
                     "existing_sky_ratio": e["sky_ratio"], "scheme_sky_ratio": s["sky_ratio"]})
    return rows, above, scene.cleared


# ------------------------------------------------------------------------ sunlight

def cleared_by(existing, scheme):
    """Positions of the existing buildings the scheme's footprints overlap (removed), by
    the skyline's rule."""
    return skyline.make_scene(existing.footprints, existing.tops, existing.ids,
                              scheme.footprints, scheme.tops, scheme.ids).cleared


def sunlight_run(existing, homes, surroundings, obstructions=None, cleared=(), progress=None):
    """sunlight_hours on the homes; the cleared existing buildings no longer block."""
    heights = existing.heights.copy()
    heights[np.asarray(cleared, dtype=np.int64)] = np.nan
    homes = np.setdiff1d(np.asarray(homes, dtype=np.int64), np.asarray(cleared, np.int64))
    return sunlight.sunlight_hours(
        existing.footprints, existing.grounds, heights, existing.floors, buildings=homes,
        obstructions=obstructions, track=surroundings.track,
        required_hours=surroundings.required_hours, spacing=surroundings.spacing,
        sill=surroundings.sill, progress=progress)


def sunlight_change(name, before, after, ids):
    """(figures, changed point rows) between two sunlight runs on the same homes."""
    # The same homes give the same points: matched by position (to the millimetre).
    keys = ["kx", "ky", "kz"]

    def keyed(points, columns):
        frame = points[columns].copy()
        for k, c in zip(keys, "xyz"):
            frame[k] = points[c].round(3)
        return frame

    a = keyed(before.points, ["x", "y", "z", "building", "minutes", "compliant"])
    b = keyed(after.points, ["minutes", "compliant"])
    both = a.merge(b, on=keys, suffixes=("_before", "_after"))
    lost = both["compliant_before"] & ~both["compliant_after"]
    gained = ~both["compliant_before"] & both["compliant_after"]
    # Homes the scheme clears have no points after: demolished, not a loss of sunlight.
    hb = before.buildings.set_index("building")["compliant"].astype(bool)
    ha = after.buildings.set_index("building")["compliant"].astype(bool)
    hb = hb[hb.index.isin(ha.index)]
    ha = ha.reindex(hb.index)
    figures = {"sunlight_points": len(both), "sunlight_points_lost": int(lost.sum()),
               "sunlight_points_gained": int(gained.sum()),
               "sunlight_homes": len(hb), "sunlight_homes_lost": int((hb & ~ha).sum()),
               "sunlight_homes_gained": int((~hb & ha).sum()),
               "sunlight_homes_lost_ids": [ids[i] for i in hb.index[hb & ~ha]]}
    changed = both[lost | gained]
    rows = [{"scheme": name, "building": ids[int(r.building)], "x": r.x, "y": r.y, "z": r.z,
             "hours_before": r.minutes_before / 60.0, "hours_after": r.minutes_after / 60.0,
             "change": LOST if r.compliant_before else GAINED}
            for r in changed.itertuples(index=False)]
    return figures, rows


# --------------------------------------------------------------------------- flood

def flood_rows(name, scheme, gfa, surroundings):
    """One row per scenario: buildings and GFA affected (class ≥ 1 from the max depth),
    max and area-weighted mean depth over the scheme's footprints."""
    cut = float(np.nextafter(surroundings.thresholds[0], -np.inf))
    rows = []
    for s in surroundings.scenarios:
        st = zonal.polygon_stats(np.asarray(s.depth, float), s.grid, scheme.footprints,
                                 threshold=cut)
        mx, mean, area = (np.asarray(st[k], float) for k in ("max", "mean", "area"))
        cls = flood.depth_class(mx, surroundings.thresholds)
        hit = cls >= 1
        known = np.isfinite(mean) & (area > 0)
        rows.append({"scheme": name, "scenario": s.name, "buildings": len(scheme),
                     "buildings_affected": int(hit.sum()),
                     "gfa_affected_m2": float(gfa[hit].sum()),
                     "max_depth_m": float(np.nanmax(mx)) if np.isfinite(mx).any() else np.nan,
                     "mean_depth_m": (float(np.average(mean[known], weights=area[known]))
                                      if known.any() else np.nan),
                     "no_data": int((cls == -1).sum())})
    if rows:
        worst = max(range(len(rows)), key=lambda i: (rows[i]["gfa_affected_m2"],
                                                      np.nan_to_num(rows[i]["max_depth_m"])))
        for i, r in enumerate(rows):
            r["worst"] = i == worst
    return rows


# ------------------------------------------------------------------------- compare

def compare(schemes, surroundings, site=None, weights=None, progress=None):
    """Compare ``schemes`` ({name: Buildings}, two or more) on ``surroundings``."""
    if len(schemes) < 2:
        raise SchemeInputError(Note("Give at least two design schemes to compare; got {}.",
                                    len(schemes)))
    notes = []
    steps = len(schemes) + 1
    done = [0]

    def within(fraction):
        # The progress callback may raise SchemeCancelled (checked often: in the loops).
        if progress is not None:
            progress(min(1.0, (done[0] + fraction) / steps))

    def step():
        done[0] += 1
        within(0.0)

    base = None
    homes = surroundings.homes
    do_sun = (surroundings.buildings is not None and surroundings.track is not None
              and homes is not None and len(homes))
    if do_sun:
        base = sunlight_run(surroundings.buildings, homes, surroundings, progress=within)
    step()
    rows, parts = [], {"skyline": [], "flood": [], "failures": [], "sunlight": []}
    for name, scheme in schemes.items():
        row, more = _one_scheme(name, scheme, surroundings, site, base, within)
        rows.append(row)
        for key, items in more.items():
            parts[key] += items
        step()
    table = pd.DataFrame(rows)
    try:
        best = rank_table(table, weights)
    except RankInputError as error:
        raise SchemeInputError(error.args[0]) from error
    notes.append(Note("Best scheme by the weighted score: {}.", ", ".join(best)))
    if not do_sun:
        notes.append(Note("No sun track or no homes near the site: sunlight not compared."))
    return Comparison(table, *(pd.DataFrame(parts[k]) for k in (
        "skyline", "flood", "failures", "sunlight")), notes)


def _one_scheme(name, scheme, surroundings, site, base, within):
    """The comparison table's row of one scheme and its rows of the other tables."""
    row, gfa = form(scheme, site)
    row = dict(scheme=name, **row)
    more, failed = compliance(name, scheme, surroundings, site)
    row.update(more, excess_total_m=total_excess(failed, len(scheme)),
               buildings_failing=len({f["position"] for f in failed}))
    parts = {"skyline": [], "flood": [], "failures": failed, "sunlight": []}
    existing = surroundings.buildings
    cleared = np.empty(0, dtype=np.int64)
    if existing is not None and surroundings.viewpoints is not None:
        vrows, above, cleared = skyline_rows(name, scheme, surroundings,
                                             lambda f: within(0.5 * f))
        parts["skyline"] = vrows
        row.update(skyline_mean_change_deg=float(np.mean([r["mean_change"] for r in vrows])),
                   skyline_max_change_deg=float(max(r["max_change"] for r in vrows)),
                   skyline_buildings_above=len(above))
    elif existing is not None:
        cleared = cleared_by(existing, scheme)
    if base is not None:
        after = sunlight_run(existing, surroundings.homes, surroundings,
                             (scheme.footprints, scheme.tops), cleared,
                             lambda f: within(0.5 + 0.5 * f))
        figures, parts["sunlight"] = sunlight_change(name, base, after, existing.ids)
        row.update(figures)
    if surroundings.scenarios:
        parts["flood"] = flood_rows(name, scheme, gfa, surroundings)
        w = next(r for r in parts["flood"] if r["worst"])
        row.update(flood_worst_scenario=w["scenario"],
                   flood_buildings_wet=w["buildings_affected"],
                   flood_gfa_exposed_m2=w["gfa_affected_m2"], flood_max_depth_m=w["max_depth_m"])
    return row, parts
