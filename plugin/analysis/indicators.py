"""District indicators (片区指标): the pure kernel behind the Processing algorithm.

No qgis, no Qt: GeoDataFrames in, a DataFrame out, so the kernel is testable without
QGIS and can run over partitions of a city. All inputs must share one projected, metric
CRS (the algorithm transforms to EPSG:4547 by default).

Method (docs: analysis-methods.md, "District indicators"):

* A building split by a district boundary counts by the share of its footprint inside:
  its count, footprint and GFA are all scaled by that share, and it weighs in the
  height mean, the height bands, the land-use mix and the coverage shares by it too.
* GFA per building: ``gfa`` when present (not null, > 0), else footprint × ``floors``
  (> 0), else footprint × round(``height`` / 3.0 m) (rounded half up), else 0 and
  counted in the notes.
* FAR (容积率) = GFA / land area; density (建筑密度) = footprint / land area; green ratio
  (绿地率) = area of the union of green polygons inside the district / land area
  (overlapping green polygons are not counted twice).
* Height bands (m, right-closed): ≤24, (24, 50], (50, 100], (100, 250], >250.
* Land-use mix: share of GFA by ``use`` (null → ``unknown``), and the Shannon entropy
  H = −Σ pᵢ ln pᵢ (natural log, over the known uses only; 0 for a single use,
  ln k for k uses in equal shares).
* Coverage: a building is covered at distance d when the nearest point of its footprint
  is within d metres (straight line) of a station / charger / facility, wherever that
  point lies (also outside the district). Shares by building count and by GFA.
* Sensors: points inside the district (boundary included) counted by kind
  (``observed_property``, else ``kind``), and the share whose ``status`` is ``online``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence

import numpy as np
import pandas as pd

from . import geos
from .geometry import check_crs, note_repair, repair
from .notes import N_, Note

STOREY_HEIGHT_M = 3.0
# Chinese practice (GB 50352): ≤24 m low/multi-storey, >24 m high-rise, >100 m super
# high-rise; 50 m and 250 m split the high-rise range further.
HEIGHT_BANDS = (
    ("h_0_24", -math.inf, 24.0),
    ("h_24_50", 24.0, 50.0),
    ("h_50_100", 50.0, 100.0),
    ("h_100_250", 100.0, 250.0),
    ("h_250_plus", 250.0, math.inf),
)
COVERAGE_LAYERS = (("stations", "metro"), ("chargers", "charger"), ("facilities", "facility"))
FID_COLUMN = "district_fid"

# Fixed columns and their help (units in brackets). Dynamic ones are added in _help().
COLUMN_HELP = {
    "land_area_m2": "land area of the district [m²]",
    "building_count": "buildings, each counted by the share of its footprint inside [count]",
    "footprint_m2": "building footprint area inside the district [m²]",
    "gfa_m2": "gross floor area (GFA) [m²]",
    "far": "floor-area ratio 容积率 = GFA / land area [-]",
    "density": "building density 建筑密度 = footprint / land area [-]",
    "green_m2": "green area inside the district, overlaps counted once [m²]",
    "green_ratio": "green ratio 绿地率 = green area / land area [-]",
    "height_mean_m": "mean building height, weighted by share inside [m]",
    "height_max_m": "maximum building height [m]",
    "h_0_24": "buildings with height ≤ 24 m [count]",
    "h_24_50": "buildings with 24 m < height ≤ 50 m [count]",
    "h_50_100": "buildings with 50 m < height ≤ 100 m [count]",
    "h_100_250": "buildings with 100 m < height ≤ 250 m [count]",
    "h_250_plus": "buildings with height > 250 m [count]",
    "use_entropy": "land-use mix: Shannon entropy of GFA shares by use, natural log [nats]",
    "sensors_total": "sensors inside the district [count]",
    "sensors_online_share": "share of sensors whose status is online [-]",
}


DUPLICATE_IDS_NOTE = N_("District ids in '{}' are not unique; rows follow the input order.")
MISSING_LAYER = {
    "metro": N_("No metro layer: metro coverage not computed."),
    "charger": N_("No charger layer: charger coverage not computed."),
    "facility": N_("No facility layer: facility coverage not computed."),
}


class IndicatorInputError(ValueError):
    """Input the kernel cannot work with; ``str()`` is one sentence for the user."""


class IndicatorsCancelled(Exception):
    """Raised by a progress callback to stop the computation."""


@dataclass
class IndicatorResult:
    """One row per input district (same order), the notes, and column help."""

    table: pd.DataFrame
    notes: list = field(default_factory=list)
    help: dict = field(default_factory=dict)


def column_key(value) -> str:
    """A category value as a stable snake_case column suffix ("Mixed use" → mixed_use)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "unknown"
    key = re.sub(r"\W+", "_", str(value).strip().lower()).strip("_")
    return key or "unknown"


def column_keys(values) -> np.ndarray:
    """column_key over an array, computed once per distinct value (100k buildings, 6 uses)."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    keys = np.array([column_key(u) for u in uniques] + ["unknown"], dtype=object)
    return keys[codes]  # code -1 (missing) picks the trailing "unknown"


def distance_key(d: float) -> str:
    return str(int(d)) if float(d).is_integer() else str(d).replace(".", "p")


def _numeric(frame, column) -> np.ndarray:
    if column not in frame.columns:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float)


def _ratio(num, den):
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def building_gfa(footprint, gfa, floors, height):
    """GFA per building and where it came from ("gfa", "floors", "height", "none")."""
    has_gfa = np.isfinite(gfa) & (gfa > 0)
    has_floors = ~has_gfa & np.isfinite(floors) & (floors > 0)
    has_height = ~has_gfa & ~has_floors & np.isfinite(height) & (height > 0)
    out = np.zeros(len(footprint))
    out[has_gfa] = gfa[has_gfa]
    out[has_floors] = footprint[has_floors] * floors[has_floors]
    # Round half up (not Python's half-to-even): 7.5 m → 3 storeys, as people count.
    storeys = np.floor(height[has_height] / STOREY_HEIGHT_M + 0.5)
    out[has_height] = footprint[has_height] * storeys
    source = np.full(len(footprint), "none", dtype=object)
    source[has_gfa], source[has_floors], source[has_height] = "gfa", "floors", "height"
    return out, source


def _pairs_with_share(dgeom, bgeom, barea):
    """(district index, building index, share of footprint inside) for every overlap."""
    tree = geos.STRtree(bgeom)
    d_idx, b_idx = tree.query(dgeom, predicate="intersects")
    geos.prepare(dgeom)
    inside = geos.contains_properly(dgeom[d_idx], bgeom[b_idx])
    share = np.ones(len(d_idx))
    edge = ~inside
    if edge.any():
        # Only buildings near a boundary pay for an exact intersection.
        part = geos.intersection(bgeom[b_idx[edge]], dgeom[d_idx[edge]])
        share[edge] = np.clip(geos.area(part) / barea[b_idx[edge]], 0.0, 1.0)
    keep = share > 1e-12  # touching only along an edge is not "inside"
    return d_idx[keep], b_idx[keep], share[keep]


def _green_area(dgeom, ggeom, n):
    out = np.zeros(n)
    if len(ggeom) == 0:
        return out
    d_idx, g_idx = geos.STRtree(ggeom).query(dgeom, predicate="intersects")
    pieces = geos.intersection(ggeom[g_idx], dgeom[d_idx])
    order = np.argsort(d_idx, kind="stable")
    d_sorted, pieces = d_idx[order], pieces[order]
    bounds = np.flatnonzero(np.diff(d_sorted)) + 1
    for d, group in zip(d_sorted[np.r_[0, bounds]] if len(d_sorted) else [],
                        np.split(pieces, bounds)):
        # The union stops overlapping green polygons from being counted twice.
        geom = group[0] if len(group) == 1 else geos.union_all(group)
        out[d] = geos.area(geom)
    return out


def _nearest_distance(bgeom, targets, max_distance):
    """Distance from each building to its nearest target, inf beyond max_distance."""
    out = np.full(len(bgeom), np.inf)
    if len(targets) == 0 or len(bgeom) == 0:
        return out
    idx, dist = geos.STRtree(targets).query_nearest(
        bgeom, max_distance=max_distance, return_distance=True, all_matches=False)
    out[idx[0]] = dist
    return out


def _sensor_kind_column(sensors):
    for name in ("observed_property", "kind"):
        if name in sensors.columns and sensors[name].notna().any():
            return name
    return None


def district_indicators(districts, buildings, green=None, stations=None, chargers=None,
                        facilities=None, sensors=None, distances: Sequence[float] = (500, 800),
                        id_field: Optional[str] = "district_id",
                        progress: Optional[Callable[[float], None]] = None) -> IndicatorResult:
    """Indicators per district; see the module docstring for the method.

    ``districts`` and ``buildings`` are required GeoDataFrames; the others are optional.
    ``id_field`` None → the districts' index is used, in a column ``district_fid``.
    ``progress(fraction)`` is called between steps; it may raise IndicatorsCancelled.
    """
    def step(fraction):
        if progress is not None:
            progress(fraction)

    if districts is None or len(districts) == 0:
        raise IndicatorInputError(Note("The districts layer has no features."))
    if buildings is None or len(buildings) == 0:
        raise IndicatorInputError(Note("The buildings layer has no features."))
    if not {"gfa", "floors", "height"} & set(buildings.columns):
        raise IndicatorInputError(Note(
            "The buildings layer has none of the fields gfa, floors or height, "
            "so floor area cannot be computed."))
    distances = sorted({float(d) for d in distances})
    if not distances or distances[0] <= 0:
        raise IndicatorInputError(Note("Distances must be positive numbers of metres."))
    check_crs({"districts": districts, "buildings": buildings, "green": green,
               "metro stations": stations, "EV chargers": chargers,
               "facilities": facilities, "sensors": sensors}, IndicatorInputError)
    notes = []
    n = len(districts)

    # -- districts
    if id_field:
        if id_field not in districts.columns:
            raise IndicatorInputError(Note("The districts layer has no field '{}'.", id_field))
        ids = districts[id_field].to_numpy()
        id_name = id_field
    else:
        ids, id_name = districts.index.to_numpy(), FID_COLUMN
    if pd.Series(ids).duplicated().any():
        notes.append(Note(DUPLICATE_IDS_NOTE, id_name))
    drep = repair(districts.geometry.values)
    _note_repair(notes, "district", drep)
    dgeom = drep.geometries
    land = np.nan_to_num(geos.area(dgeom))  # unusable districts: 0 → ratios NaN
    dvalid = drep.usable
    dgeom_q = np.where(dvalid, dgeom, None)
    table = pd.DataFrame({id_name: ids, "land_area_m2": land})
    step(0.1)

    # -- buildings
    brep = repair(buildings.geometry.values)
    _note_repair(notes, "building", brep)
    bok = brep.usable
    bgeom = brep.geometries[bok]
    bframe = buildings.iloc[np.flatnonzero(bok)]
    barea = geos.area(bgeom)
    height = _numeric(bframe, "height")
    gfa, source = building_gfa(barea, _numeric(bframe, "gfa"), _numeric(bframe, "floors"), height)
    counts = {k: int((source == k).sum()) for k in ("gfa", "floors", "height", "none")}
    notes.append(Note(
        "GFA source: {} from gfa, {} from footprint × floors, {} from footprint × "
        "round(height / 3 m), {} without gfa, floors or height (GFA 0).",
        counts["gfa"], counts["floors"], counts["height"], counts["none"]))
    d_idx, b_idx, w = _pairs_with_share(dgeom_q[dvalid], bgeom, barea)
    d_idx = np.flatnonzero(dvalid)[d_idx]  # back to positions in the districts frame
    step(0.4)

    def per_district(values):
        return np.bincount(d_idx, weights=values, minlength=n)

    g = gfa[b_idx]
    count = per_district(w)
    footprint = per_district(w * barea[b_idx])
    gfa_sum = per_district(w * g)
    table["building_count"] = count
    table["footprint_m2"] = footprint
    table["gfa_m2"] = gfa_sum
    table["far"] = _ratio(gfa_sum, land)
    table["density"] = _ratio(footprint, land)

    # -- heights
    h = height[b_idx]
    known = np.isfinite(h)
    hw = per_district(np.where(known, w, 0.0))
    table["height_mean_m"] = _ratio(per_district(np.where(known, w * h, 0.0)), hw)
    hmax = np.full(n, np.nan)
    np.fmax.at(hmax, d_idx[known], h[known])
    table["height_max_m"] = hmax
    for name, low, high in HEIGHT_BANDS:
        table[name] = per_district(np.where(known & (h > low) & (h <= high), w, 0.0))
    missing_h = int((~np.isfinite(height)).sum())
    if missing_h:
        notes.append(Note("{} buildings have no height; they are left out of the height "
                          "mean, maximum and bands.", missing_h))

    # -- land-use mix
    if "use" in bframe.columns:
        uses = column_keys(bframe["use"].to_numpy())[b_idx]
        entropy = np.zeros(n)
        known_total = per_district(np.where(uses != "unknown", w * g, 0.0))
        for u in sorted(set(uses)):
            part = per_district(np.where(uses == u, w * g, 0.0))
            table[f"use_share_{u}"] = _ratio(part, gfa_sum)
            if u != "unknown":
                p = _ratio(part, known_total)
                entropy -= np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
        table["use_entropy"] = np.where(known_total > 0, entropy, np.nan)
    else:
        notes.append(Note("The buildings have no 'use' field; the land-use mix is not computed."))
    step(0.55)

    # -- green
    if green is not None:
        grep_ = repair(green.geometry.values)
        _note_repair(notes, "green", grep_)
        garea = np.zeros(n)
        garea[dvalid] = _green_area(dgeom_q[dvalid], grep_.geometries[grep_.usable],
                                    int(dvalid.sum()))
        table["green_m2"] = garea
        table["green_ratio"] = _ratio(garea, land)
    else:
        notes.append(Note("No green layer: green ratio not computed."))
    step(0.65)

    # -- coverage
    layers = {"stations": stations, "chargers": chargers, "facilities": facilities}
    for arg, prefix in COVERAGE_LAYERS:
        layer = layers[arg]
        if layer is None:
            notes.append(Note(MISSING_LAYER[prefix]))
            continue
        trep = repair(layer.geometry.values, kind="any")
        _note_repair(notes, prefix, trep)
        nearest = _nearest_distance(bgeom, trep.geometries[trep.usable], distances[-1])[b_idx]
        for d in distances:
            covered = nearest <= d
            key = f"{prefix}_cov_{distance_key(d)}"
            table[f"{key}_bldg"] = _ratio(per_district(np.where(covered, w, 0.0)), count)
            table[f"{key}_gfa"] = _ratio(per_district(np.where(covered, w * g, 0.0)), gfa_sum)
    step(0.85)

    # -- sensors
    if sensors is not None:
        _sensors(table, sensors, dgeom_q, dvalid, n, notes)
    else:
        notes.append(Note("No sensors layer: sensor counts not computed."))
    step(1.0)
    return IndicatorResult(table, notes, _help(table.columns, distances))


def _sensors(table, sensors, dgeom_q, dvalid, n, notes):
    srep = repair(sensors.geometry.values, kind="any")
    _note_repair(notes, "sensor", srep)
    sok = srep.usable
    sframe = sensors.iloc[np.flatnonzero(sok)]
    sgeom = srep.geometries[sok]
    pos = np.flatnonzero(dvalid)
    d_idx, s_idx = geos.STRtree(sgeom).query(dgeom_q[dvalid], predicate="intersects")
    d_idx = pos[d_idx]
    total = np.bincount(d_idx, minlength=n)
    table["sensors_total"] = total
    kind_col = _sensor_kind_column(sframe)
    if kind_col is None:
        notes.append(Note("The sensors have no 'observed_property' or 'kind' field; only "
                          "totals are counted."))
    else:
        kinds = column_keys(sframe[kind_col].to_numpy())
        for k in sorted(set(kinds)):
            table[f"sensors_{k}"] = np.bincount(d_idx, weights=(kinds[s_idx] == k),
                                                minlength=n).astype(int)
    if "status" in sframe.columns:
        status = sframe["status"].astype("string").str.strip().str.lower()
        online = (status == "online").fillna(False).to_numpy(dtype=bool)
        table["sensors_online_share"] = _ratio(
            np.bincount(d_idx, weights=online[s_idx], minlength=n), total)
    else:
        table["sensors_online_share"] = np.nan
        notes.append(Note("The sensors have no 'status' field; the online share is unknown."))


def _note_repair(notes, what, rep):
    note_repair(notes, what, rep.repaired, rep.unusable)


def _help(columns, distances):
    out = {}
    for c in columns:
        if c in COLUMN_HELP:
            out[c] = COLUMN_HELP[c]
        elif c.startswith("use_share_"):
            out[c] = f"share of GFA with use '{c[10:]}' [-]"
        elif c.startswith("sensors_"):
            out[c] = f"sensors of kind '{c[8:]}' inside the district [count]"
        elif "_cov_" in c:
            prefix, _, rest = c.partition("_cov_")
            d, _, basis = rest.rpartition("_")
            what = "buildings" if basis == "bldg" else "GFA"
            out[c] = f"share of {what} within {d} m of a {prefix} point [-]"
    return out
