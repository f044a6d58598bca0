"""Flood and waterlogging impact (洪涝影响): the pure kernel behind the Processing algorithm.

No qgis, no Qt: flood-depth grids (numpy arrays on a north-up ``zonal.Grid``) and
GeoDataFrames in, GeoDataFrames and DataFrames out. Everything must be in one projected,
metric CRS (the algorithm reprojects to EPSG:4547 by default); the grids are in that CRS.

Method (docs: analysis-methods.md, "Flood and waterlogging impact"):

* Depth is in metres; ``nan`` is "no data" (unknown, or outside the raster), 0 is dry.
  Converting a raster's nodata to 0 (dry) or nan (unknown) is the caller's decision.
* Depth classes (``CLASS_KEYS``): dry, minor, moderate, severe, extreme, split at four
  ascending positive thresholds (default 0.15, 0.30, 0.50, 1.00 m). A depth equal to a
  threshold belongs to the class above it (0.15 m is minor). Class -1: no flood data.
* "Affected" (also "wet" in the columns) means class ≥ 1, i.e. depth ≥ the first threshold.
* Polygons (buildings, polygon facilities): coverage-weighted mean depth (each raster cell
  weighted by the area of cell ∩ footprint), the max depth over the cells the footprint
  touches, and the wet share (share of the footprint over cells with depth ≥ the first
  threshold). **The class of a polygon is taken from its max depth**, not the mean: water
  at one corner of a building is enough to reach its entrances, basements and services,
  and a footprint-average would dilute a deep corner into "dry" (too lenient for impact).
* Lines (roads): wet length (metres of line over cells with depth ≥ the first threshold,
  exact cell crossings) and max depth along the line; the class comes from the max.
* Points (metro stations, entrances, point facilities): the depth of the cell holding the
  point (for multi-points the deepest of its points).
* Per district and scenario (without districts: one row "all"): features counted by class
  (a building or road split by a district boundary counts by the share of its footprint /
  length inside, as in the district indicators; a point counts in every district it lies
  in, boundary included), GFA of the affected buildings by the same share, the affected
  (wet) road length inside the district (the roads are clipped to the district), and the
  impact area per class inside the district.
* GFA per building: ``gfa``, else footprint × ``floors``, else footprint × round(height / 3 m)
  (indicators.building_gfa), else 0 (counted in the notes).
* Comparison: one row per measure, one column per scenario, over all features (also those
  outside every district).
* Impact areas: per scenario and class k ≥ 1 the cells with depth ≥ the class's lower
  threshold, dissolved (so the minor area contains the moderate one, and so on); area =
  cells × cell area.
* Gauges: for each feature affected in at least one scenario, the nearest gauge (straight
  line from the feature's geometry): ``sensor_id``, ``latest_value`` and its state:
  "alarm" when latest_value ≥ alarm_level, else "warn" when ≥ warn_level, else "normal";
  "unknown" without a value or without both levels.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd
from shapely.geometry import MultiLineString

from . import geos, zonal
from .gauges import attach_nearest, read_gauges
from .geometry import check_crs, note_repair, repair
from .impact_areas import impact_polygon
from .indicators import DUPLICATE_IDS_NOTE, _numeric, _pairs_with_share, building_gfa
from .notes import N_, Note

DEFAULT_THRESHOLDS = (0.15, 0.30, 0.50, 1.00)  # m
CLASS_KEYS = ("dry", "minor", "moderate", "severe", "extreme")
NO_DATA_KEY = "no_data"
KINDS = ("buildings", "roads", "stations", "facilities")
ALL_DISTRICTS = "all"

# One template per layer kind, so a translation never has an English word inside it.
NO_DATA_NOTES = {
    "buildings": N_("{} buildings had no flood data (outside the raster) in scenario {}; "
                    "feature ids: {}."),
    "roads": N_("{} roads had no flood data (outside the raster) in scenario {}; "
                "feature ids: {}."),
    "stations": N_("{} stations had no flood data (outside the raster) in scenario {}; "
                   "feature ids: {}."),
    "facilities": N_("{} facilities had no flood data (outside the raster) in scenario {}; "
                     "feature ids: {}."),
}
NOTE_IDS = 10  # feature ids named in a note; the rest are in the output (class no_data)
PARTIAL_NOTES = {
    "buildings": N_("{} buildings are only partly covered by flood data in scenario {}; "
                    "their depths use the covered part."),
    "roads": N_("{} roads are only partly covered by flood data in scenario {}; "
                "their depths use the covered part."),
    "facilities": N_("{} facilities are only partly covered by flood data in scenario {}; "
                     "their depths use the covered part."),
}
EMPTY_NOTES = {
    "buildings": N_("The buildings layer has no features."),
    "roads": N_("The roads layer has no features."),
    "stations": N_("The stations layer has no features."),
    "facilities": N_("The facilities layer has no features."),
}
# Singular layer kinds of geometry.REPAIR_NOTES.
REPAIR_KIND = {"buildings": "building", "roads": "road", "stations": "station",
               "facilities": "facility"}
GFA_NOTE = N_("GFA source: {} from gfa, {} from footprint × floors, {} from footprint × "
              "round(height / 3 m), {} without gfa, floors or height (GFA 0).")
NO_GFA_FIELDS_NOTE = N_("The buildings have none of the fields gfa, floors or height; "
                        "GFA affected is 0.")
NO_IMPACT_NOTE = N_("No exposure layer was given; only the impact areas are computed.")
DEFAULT_SHAPES = {"buildings": "polygon", "roads": "line", "stations": "point",
                  "facilities": "point"}  # for layers without usable geometry
GEOMETRY_SHAPES = {0: "point", 4: "point", 1: "line", 2: "line", 5: "line", 3: "polygon",
                   6: "polygon"}

COLUMN_HELP = {
    "scenario": "flood scenario (return period or raster name)",
    "gfa_affected_m2": "gross floor area of the affected buildings (class ≥ 1) [m²]",
    "road_length_affected_m": "road length over cells with depth ≥ the first threshold [m]",
    "gfa_m2": "gross floor area of the building [m²]",
    "gfa_source": "where the GFA comes from: gfa, floors, height or none",
    "worst_class": "highest depth class over all scenarios (-1: no flood data) [0-4]",
    "gauge_id": "sensor_id of the nearest water-level gauge (affected features only)",
    "gauge_value": "latest reading of that gauge [m]",
    "gauge_state": "that gauge's state: normal, warn (≥ warn_level), alarm (≥ alarm_level)",
    "gauge_distance_m": "distance to that gauge [m]",
    "class_key": "depth class of the impact area (cells with depth ≥ min_depth)",
    "min_depth": "lower depth threshold of the class [m]",
    "area_m2": "area of the cells with depth ≥ min_depth [m²]",
    "measure": "what is compared (the scenarios are the columns)",
}


class FloodInputError(ValueError):
    """Input the kernel cannot work with; ``str()`` is one sentence for the user."""


class FloodCancelled(Exception):
    """Raised by a progress callback to stop the computation."""


@dataclass
class Scenario:
    name: str
    depth: np.ndarray  # (rows, cols) metres, nan = no data
    grid: zonal.Grid


@dataclass
class FloodResult:
    exposures: dict  # kind -> GeoDataFrame (input columns + per-scenario columns)
    summary: pd.DataFrame  # one row per (district, scenario)
    comparison: pd.DataFrame  # "measure" + one column per scenario
    impact_areas: object  # GeoDataFrame: scenario, class_key, min_depth, area_m2, geometry
    notes: list = field(default_factory=list)  # notes.Note (English str + template/args)
    help: dict = field(default_factory=dict)  # column / measure -> description [unit]


# ---------------------------------------------------------------------------- classes

def validate_thresholds(thresholds) -> tuple:
    """Four ascending positive finite depths in metres, or FloodInputError."""
    try:
        values = tuple(float(t) for t in thresholds)
    except (TypeError, ValueError):
        raise FloodInputError(Note(
            "Depth thresholds must be numbers of metres, for example 0.15,0.30,0.50,1.00.")) from None
    if len(values) != len(CLASS_KEYS) - 1:
        raise FloodInputError(Note(
            "Give {} depth thresholds (one per class above dry), not {}.",
            len(CLASS_KEYS) - 1, len(values)))
    if not all(math.isfinite(v) and v > 0 for v in values) or any(
            b <= a for a, b in zip(values, values[1:])):
        raise FloodInputError(Note(
            "Depth thresholds must be positive and strictly ascending, for example "
            "0.15,0.30,0.50,1.00."))
    return values


def parse_thresholds(text: str) -> tuple:
    """"0.15, 0.3;0.5 1" → validated thresholds (commas, semicolons or spaces)."""
    parts = [p for p in str(text or "").replace(";", ",").replace(" ", ",").split(",") if p]
    return validate_thresholds(parts)


def depth_class(depth, thresholds=DEFAULT_THRESHOLDS) -> np.ndarray:
    """0 (dry) .. 4 (extreme) per depth, -1 for nan; depth == threshold → the upper class."""
    t = np.asarray(validate_thresholds(thresholds))
    d = np.asarray(depth, dtype=float)
    out = np.searchsorted(t, np.where(np.isnan(d), 0.0, d), side="right").astype(int)
    out[np.isnan(d)] = -1
    return out


def _affected_cut(thresholds):
    """zonal's wet tests are ``depth > threshold``; this makes them ``depth ≥ first``."""
    return float(np.nextafter(thresholds[0], -np.inf))


# ---------------------------------------------------------------------------- helpers

def _length(geoms):
    return np.array([np.nan if g is None else g.length for g in geoms], dtype=float)


def _lineal(geom):
    """The lineal part of an intersection result (it may add points), or None."""
    if geom is None or geom.is_empty:
        return None
    if geom.geom_type in ("LineString", "MultiLineString"):
        return geom
    lines = []
    for part in geos.get_parts(geom):
        if part.geom_type == "LineString":
            lines.append(part)
        elif part.geom_type == "MultiLineString":
            lines.extend(part.geoms)
    lines = [g for g in lines if g.length > 0]
    return MultiLineString(lines) if lines else None


def _objects(items):
    out = np.empty(len(items), dtype=object)
    for i, item in enumerate(items):
        out[i] = item
    return out


def _check_scenarios(scenarios):
    scenarios = list(scenarios or [])
    if not scenarios:
        raise FloodInputError(Note("Give at least one flood-depth raster."))
    names = [str(s.name) for s in scenarios]
    if any(not n.strip() for n in names):
        raise FloodInputError(Note("Every flood scenario needs a name."))
    if len(set(names)) != len(names):
        raise FloodInputError(Note("Flood scenario names must be unique; got {}.",
                                   ", ".join(names)))
    for s in scenarios:
        shape = np.shape(s.depth)
        if len(shape) != 2 or shape != (s.grid.height, s.grid.width):
            raise FloodInputError(Note(
                "The depth grid of scenario {} does not match its raster size.", s.name))
    return scenarios


def _id_list(ids):
    """The first NOTE_IDS ids, and "…" when there are more."""
    shown = ", ".join(str(i) for i in list(ids[:NOTE_IDS]))
    return shown + (", …" if len(ids) > NOTE_IDS else "")


class _Layer:
    """One exposure layer after repair: usable rows, geometries, shape."""

    def __init__(self, kind, frame, notes):
        self.kind, self.frame = kind, frame
        rep = repair(frame.geometry.values, kind="any")
        geoms = rep.geometries
        types = geos.get_type_id(geoms)
        shapes = np.array([GEOMETRY_SHAPES.get(int(t)) for t in types], dtype=object)
        present = [s for s in shapes if s is not None]
        # the layer's shape: the most common one (ties: polygon, then line, then point)
        self.shape = max(("polygon", "line", "point"), key=present.count) if present \
            else DEFAULT_SHAPES[kind]
        # A polygon that make_valid turned into a collection keeps its areal part.
        if self.shape == "polygon":
            poly = repair(geoms, kind="polygon").geometries
            shapes = np.where(geos.is_missing(poly), shapes, "polygon")
            geoms = poly
        usable = ~geos.is_missing(geoms)
        other = usable & (shapes != self.shape)
        skipped = int((~usable | other).sum())  # also features of another geometry type
        note_repair(notes, REPAIR_KIND[kind], rep.repaired, skipped)
        self.ok = usable & ~other
        self.pos = np.flatnonzero(self.ok)  # positions in frame
        self.geoms = geoms[self.ok]
        self.n = len(frame)

    def full(self, values, fill=np.nan, dtype=float):
        out = np.full(self.n, fill, dtype=dtype)
        out[self.pos] = values
        return out


def _point_values(depth, grid, geoms):
    """Depth per (multi)point: the deepest of its points; nan when none has data."""
    xs, ys, owner = [], [], []
    for i, g in enumerate(geoms):
        for p in geos.get_parts(g):
            xs.append(p.x)
            ys.append(p.y)
            owner.append(i)
    out = np.full(len(geoms), np.nan)
    if xs:
        vals = np.asarray(zonal.point_values(depth, grid, np.array(xs), np.array(ys)), float)
        np.fmax.at(out, np.array(owner, dtype=int), vals)
    return out


# ---------------------------------------------------------------------------- districts

def _districts(districts, id_field, notes):
    """(ids, id column name, geometries (None where unusable))."""
    if districts is None:
        return None
    if id_field:
        if id_field not in districts.columns:
            raise FloodInputError(Note("The districts layer has no field '{}'.", id_field))
        ids, name = districts[id_field].to_numpy(), id_field
    else:
        ids, name = districts.index.to_numpy(), "district_fid"
    if pd.Series(ids).duplicated().any():
        notes.append(Note(DUPLICATE_IDS_NOTE, name))
    rep = repair(districts.geometry.values)
    note_repair(notes, "district", rep.repaired, rep.unusable)
    return ids, name, rep.geometries


def _pairs(layer, dgeom):
    """(district idx, feature idx in layer.geoms, weight, clipped lines or None)."""
    n = len(layer.geoms)
    if dgeom is None:  # one row "all": every feature fully
        return np.zeros(n, int), np.arange(n), np.ones(n), None
    valid = np.flatnonzero(~geos.is_missing(dgeom))
    if n == 0 or len(valid) == 0:
        e = np.zeros(0, int)
        return e, e, np.zeros(0), (_objects([]) if layer.shape == "line" else None)
    dv = dgeom[valid]
    if layer.shape == "polygon":
        d, f, w = _pairs_with_share(dv, layer.geoms, geos.area(layer.geoms))
        return valid[d], f, w, None
    d, f = geos.STRtree(layer.geoms).query(dv, predicate="intersects")
    if layer.shape == "point":
        return valid[d], f, np.ones(len(d)), None
    pieces = _objects([_lineal(g) for g in geos.intersection(layer.geoms[f], dv[d])])
    keep = ~geos.is_missing(pieces)
    total = _length(layer.geoms[f[keep]])
    with np.errstate(invalid="ignore", divide="ignore"):
        w = np.where(total > 0, _length(pieces[keep]) / np.where(total > 0, total, 1), 0.0)
    return valid[d[keep]], f[keep], np.clip(w, 0.0, 1.0), pieces[keep]


# ---------------------------------------------------------------------------- kernel

def flood_impact(scenarios: Sequence[Scenario], buildings=None, roads=None, stations=None,
                 facilities=None, districts=None, gauges=None,
                 thresholds=DEFAULT_THRESHOLDS, district_id_field: str | None = "district_id",
                 progress: Callable[[float], None] | None = None) -> FloodResult:
    """Flood impact per exposure, district and scenario; see the module docstring.

    ``progress(fraction)`` is called as the work goes; it may raise FloodCancelled.
    """
    import geopandas as gpd

    thresholds = validate_thresholds(thresholds)
    scenarios = _check_scenarios(scenarios)
    frames = {"buildings": buildings, "roads": roads, "stations": stations,
              "facilities": facilities}
    crs = check_crs({**frames, "districts": districts, "gauges": gauges}, FloodInputError)
    cut = _affected_cut(thresholds)
    notes = []
    helps = dict(COLUMN_HELP)

    def step(fraction):
        if progress is not None:
            progress(min(1.0, max(0.0, fraction)))

    def sub(base, span):
        return lambda f: step(base + span * f)

    step(0.0)
    dist = _districts(districts, district_id_field, notes)
    if dist is not None and len(dist[0]) == 0:
        raise FloodInputError(Note("The districts layer has no features."))

    layers = {}
    for kind, frame in frames.items():
        if frame is None:
            continue
        if len(frame) == 0:
            notes.append(Note(EMPTY_NOTES[kind]))
        layers[kind] = _Layer(kind, frame, notes)
    if not layers:
        notes.append(Note(NO_IMPACT_NOTE))

    # -- per-feature depths and classes
    n_scn = len(scenarios)
    total_work = max(1, n_scn * (len(layers) + 1))
    done = 0
    outputs, classes, wet_len = {}, {}, {}
    for kind, layer in layers.items():
        out = layer.frame.copy()
        classes[kind] = {}
        for s in scenarios:
            prog = sub(0.7 * done / total_work, 0.7 / total_work)
            cls, covered = _feature_columns(out, layer, s, thresholds, cut, prog, helps)
            classes[kind][s.name] = cls
            if kind == "roads" and layer.shape == "line":
                wet_len.setdefault(kind, {})[s.name] = np.nan_to_num(
                    out[f"{s.name}_wet_len"].to_numpy(dtype=float)[layer.pos])
            nodata = int((cls == -1).sum())
            if nodata:
                notes.append(Note(NO_DATA_NOTES[kind], nodata, s.name,
                                  _id_list(layer.frame.index[layer.pos[cls == -1]])))
            partial = int(((cls >= 0) & (covered < 1 - 1e-9)).sum())
            if partial and kind in PARTIAL_NOTES:
                notes.append(Note(PARTIAL_NOTES[kind], partial, s.name))
            done += 1
        worst = np.max(np.vstack([classes[kind][s.name] for s in scenarios]), axis=0) \
            if len(layer.pos) else np.zeros(0, int)
        out["worst_class"] = layer.full(worst, -1, int)
        outputs[kind] = out

    # -- GFA
    gfa = None
    if "buildings" in layers and layers["buildings"].shape == "polygon":
        layer, out = layers["buildings"], outputs["buildings"]
        bf = layer.frame.iloc[layer.pos]
        if not {"gfa", "floors", "height"} & set(bf.columns):
            notes.append(Note(NO_GFA_FIELDS_NOTE))
        gfa, source = building_gfa(geos.area(layer.geoms), _numeric(bf, "gfa"),
                                   _numeric(bf, "floors"), _numeric(bf, "height"))
        counts = [int((source == k).sum()) for k in ("gfa", "floors", "height", "none")]
        if len(layer.pos):
            notes.append(Note(GFA_NOTE, *counts))
        out["gfa_m2"] = layer.full(gfa)
        out["gfa_source"] = layer.full(source, None, object)

    # -- impact areas
    rows = []
    for s in scenarios:
        depth = np.asarray(s.depth, dtype=float)
        cell = s.grid.dx * s.grid.dy
        for k in range(1, len(CLASS_KEYS)):
            with np.errstate(invalid="ignore"):
                mask = depth >= thresholds[k - 1]
            count = int(mask.sum())
            rows.append({"scenario": s.name, "class_key": CLASS_KEYS[k],
                         "min_depth": thresholds[k - 1], "area_m2": count * cell,
                         "geometry": impact_polygon(mask, s.grid) if count else None})
            step(0.7 * (done + k / (len(CLASS_KEYS) - 1)) / total_work)
        done += 1
    areas = gpd.GeoDataFrame(rows, columns=["scenario", "class_key", "min_depth", "area_m2",
                                            "geometry"], geometry="geometry", crs=crs)
    step(0.75)

    # -- gauges
    g = read_gauges(gauges, notes)
    if g is not None:
        attach_nearest(outputs, layers, classes, g)
    step(0.8)

    # -- per district
    summary = _summary(scenarios, layers, classes, gfa, wet_len, areas, dist,
                       district_id_field or "district_id", cut, sub(0.8, 0.15))
    for kind in layers:
        for key in CLASS_KEYS + (NO_DATA_KEY,):
            helps[f"{kind}_{key}"] = f"{kind} in class {key} [count, split by share inside]"
        helps[f"{kind}_affected"] = f"{kind} with depth class ≥ 1 [count, split by share inside]"
    for key in CLASS_KEYS[1:]:
        helps[f"impact_{key}_m2"] = f"area with depth ≥ the {key} threshold [m²]"
    comparison = _comparison(scenarios, layers, classes, gfa, wet_len, areas)
    step(1.0)
    return FloodResult(outputs, summary, comparison, areas, notes, helps)


def _feature_columns(out, layer, s, thresholds, cut, prog, helps):
    """Adds the scenario's columns to ``out``; returns (classes, covered share) of usable."""
    name, geoms = s.name, layer.geoms
    depth = np.asarray(s.depth, dtype=float)
    n = len(geoms)
    if layer.shape == "polygon":
        st = zonal.polygon_stats(depth, s.grid, geoms, threshold=cut, progress=prog) if n \
            else {k: np.zeros(0) for k in ("mean", "max", "wet_share", "covered_share")}
        mx = np.asarray(st["max"], float)
        out[f"{name}_mean"] = layer.full(np.asarray(st["mean"], float))
        out[f"{name}_max"] = layer.full(mx)
        out[f"{name}_wet_share"] = layer.full(np.asarray(st["wet_share"], float))
        covered = np.asarray(st["covered_share"], float)
        helps[f"{name}_mean"] = f"coverage-weighted mean depth, scenario {name} [m]"
        helps[f"{name}_max"] = f"max depth over the footprint, scenario {name} [m]"
        helps[f"{name}_wet_share"] = (f"share of the footprint with depth ≥ "
                                      f"{thresholds[0]} m, scenario {name} [-]")
        helps[f"{name}_class"] = f"depth class from the max depth, scenario {name} [0-4]"
    elif layer.shape == "line":
        st = zonal.line_stats(depth, s.grid, geoms, threshold=cut, progress=prog) if n \
            else {k: np.zeros(0) for k in ("wet_length", "max", "covered_share")}
        mx = np.asarray(st["max"], float)
        out[f"{name}_wet_len"] = layer.full(np.asarray(st["wet_length"], float))
        out[f"{name}_max"] = layer.full(mx)
        covered = np.asarray(st["covered_share"], float)
        helps[f"{name}_wet_len"] = (f"length over cells with depth ≥ {thresholds[0]} m, "
                                    f"scenario {name} [m]")
        helps[f"{name}_max"] = f"max depth along the line, scenario {name} [m]"
        helps[f"{name}_class"] = f"depth class from the max depth, scenario {name} [0-4]"
    else:  # points
        mx = _point_values(depth, s.grid, geoms) if n else np.zeros(0)
        prog(1.0)
        out[f"{name}_depth"] = layer.full(mx)
        covered = np.where(np.isnan(mx), 0.0, 1.0)
        helps[f"{name}_depth"] = f"depth at the point, scenario {name} [m]"
        helps[f"{name}_class"] = f"depth class, scenario {name} [0-4]"
    cls = depth_class(mx, thresholds)
    out[f"{name}_class"] = layer.full(cls, -1, int)
    return cls, covered


def _summary(scenarios, layers, classes, gfa, wet_len, areas, dist, id_field, cut, prog):
    if dist is None:
        ids, id_name, dgeom = np.array([ALL_DISTRICTS], dtype=object), id_field, None
    else:
        ids, id_name, dgeom = dist
    nd = len(ids)
    pairs = {kind: _pairs(layer, dgeom) for kind, layer in layers.items()}
    blocks = []
    for si, s in enumerate(scenarios):
        table = pd.DataFrame({id_name: ids, "scenario": [s.name] * nd})
        for kind, layer in layers.items():
            d, f, w, pieces = pairs[kind]
            cls = classes[kind][s.name][f]
            for c, key in enumerate(CLASS_KEYS):
                table[f"{kind}_{key}"] = np.bincount(d, weights=w * (cls == c), minlength=nd)
            table[f"{kind}_{NO_DATA_KEY}"] = np.bincount(d, weights=w * (cls == -1),
                                                         minlength=nd)
            table[f"{kind}_affected"] = np.bincount(d, weights=w * (cls >= 1), minlength=nd)
            if kind == "buildings" and gfa is not None:
                table["gfa_affected_m2"] = np.bincount(d, weights=w * gfa[f] * (cls >= 1),
                                                       minlength=nd)
            if kind == "roads" and layer.shape == "line":
                if pieces is None:  # no districts: the whole roads
                    wl = wet_len[kind][s.name][f]
                else:
                    wl = np.zeros(0)
                    if len(pieces):
                        st = zonal.line_stats(np.asarray(s.depth, float), s.grid, pieces,
                                              threshold=cut)
                        wl = np.nan_to_num(np.asarray(st["wet_length"], float))
                table["road_length_affected_m"] = np.bincount(d, weights=wl, minlength=nd)
        sa = areas[areas["scenario"] == s.name]
        for k in range(1, len(CLASS_KEYS)):
            key = CLASS_KEYS[k]
            geom = sa.loc[sa["class_key"] == key, "geometry"].iloc[0]
            if geom is None or dgeom is None:
                total = float(sa.loc[sa["class_key"] == key, "area_m2"].iloc[0])
                table[f"impact_{key}_m2"] = total if dgeom is None else 0.0
            else:
                valid = ~geos.is_missing(dgeom)
                value = np.zeros(nd)
                if valid.any():
                    value[valid] = geos.area(geos.intersection(
                        _objects([geom] * int(valid.sum())), dgeom[valid]))
                table[f"impact_{key}_m2"] = value
        blocks.append(table)
        prog((si + 1) / len(scenarios))
    return pd.concat(blocks, ignore_index=True)


def _comparison(scenarios, layers, classes, gfa, wet_len, areas):
    measures = {}
    for kind in layers:
        measures[f"{kind}_affected"] = [int((classes[kind][s.name] >= 1).sum())
                                        for s in scenarios]
        if kind == "buildings" and gfa is not None:
            measures["gfa_affected_m2"] = [float((gfa * (classes[kind][s.name] >= 1)).sum())
                                           for s in scenarios]
        if kind in wet_len:
            measures["road_length_affected_m"] = [float(wet_len[kind][s.name].sum())
                                                  for s in scenarios]
    for key in CLASS_KEYS[1:]:
        measures[f"impact_{key}_m2"] = [
            float(areas.loc[(areas["scenario"] == s.name) & (areas["class_key"] == key),
                            "area_m2"].iloc[0]) for s in scenarios]
    table = pd.DataFrame({"measure": list(measures)})
    for i, s in enumerate(scenarios):
        table[s.name] = [values[i] for values in measures.values()]
    return table
