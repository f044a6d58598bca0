"""Water-level gauges beside flood impact: the nearest gauge to each impacted feature,
its latest reading and its state against the warn and alarm levels (no qgis, no Qt)."""

from __future__ import annotations

import numpy as np

from . import geos
from .geometry import note_repair, repair
from .indicators import _numeric
from .notes import N_, Note

GAUGE_EMPTY_NOTE = N_("The gauges layer has no features; no gauge readings are attached.")
GAUGE_NO_VALUE_NOTE = N_("The gauges have no field latest_value; no gauge readings "
                         "are attached.")
GAUGE_NO_ID_NOTE = N_("The gauges have no field sensor_id; gauges are identified by "
                      "their feature index.")
GAUGE_NO_LEVELS_NOTE = N_("The gauges have no field warn_level or alarm_level; "
                          "their state is unknown.")


def read_gauges(gauges, notes):
    """(geometries, ids, values, states) or None."""
    if gauges is None:
        return None
    if len(gauges) == 0:
        notes.append(Note(GAUGE_EMPTY_NOTE))
        return None
    if "latest_value" not in gauges.columns:
        notes.append(Note(GAUGE_NO_VALUE_NOTE))
        return None
    rep = repair(gauges.geometry.values, kind="any")
    note_repair(notes, "gauge", rep.repaired, rep.unusable)
    ok = rep.usable
    if not ok.any():
        return None
    frame = gauges.iloc[np.flatnonzero(ok)]
    if "sensor_id" in frame.columns:
        ids = frame["sensor_id"].to_numpy(dtype=object)
    else:
        notes.append(Note(GAUGE_NO_ID_NOTE))
        ids = frame.index.to_numpy(dtype=object)
    value = _numeric(frame, "latest_value")
    if not {"warn_level", "alarm_level"} & set(frame.columns):
        notes.append(Note(GAUGE_NO_LEVELS_NOTE))
    warn, alarm = _numeric(frame, "warn_level"), _numeric(frame, "alarm_level")
    state = gauge_state(value, warn, alarm)
    return rep.geometries[ok], ids, value, state


def gauge_state(value, warn, alarm) -> np.ndarray:
    """"alarm" ≥ alarm_level, "warn" ≥ warn_level, else "normal"; "unknown" without a
    value or without both levels."""
    value, warn, alarm = (np.asarray(a, dtype=float) for a in (value, warn, alarm))
    with np.errstate(invalid="ignore"):
        is_alarm = np.isfinite(alarm) & (value >= alarm)
        is_warn = ~is_alarm & np.isfinite(warn) & (value >= warn)
    known = np.isfinite(value) & (np.isfinite(warn) | np.isfinite(alarm))
    out = np.full(value.shape, "normal", dtype=object)
    out[is_warn] = "warn"
    out[is_alarm] = "alarm"
    out[~known] = "unknown"
    return out


def attach_nearest(outputs, layers, classes, g):
    """Give each feature affected in any scenario the nearest gauge's id, reading, state
    and distance (``g`` from read_gauges; ``layers`` the kernel's exposure layers)."""
    ggeom, gids, gvalue, gstate = g
    tree = geos.STRtree(ggeom)
    for kind, layer in layers.items():
        out = outputs[kind]
        n = len(layer.geoms)
        ids = np.full(n, None, dtype=object)
        values, dists = np.full(n, np.nan), np.full(n, np.nan)
        states = np.full(n, None, dtype=object)
        affected = np.zeros(n, dtype=bool)
        for cls in classes[kind].values():
            affected |= cls >= 1
        idx = np.flatnonzero(affected)
        if len(idx):
            (src, tgt), dist = tree.query_nearest(layer.geoms[idx], return_distance=True,
                                                  all_matches=False)
            rows = idx[src]
            ids[rows], values[rows], states[rows] = gids[tgt], gvalue[tgt], gstate[tgt]
            dists[rows] = dist
        out["gauge_id"] = layer.full(ids, None, object)
        out["gauge_value"] = layer.full(values)
        out["gauge_state"] = layer.full(states, None, object)
        out["gauge_distance_m"] = layer.full(dists)
