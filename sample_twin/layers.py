"""The sample's layers under construction (EPSG:4547) and its seeded random streams."""

import numpy as np
from osgeo import ogr

# Independent random streams, so changing the building count leaves terrain,
# sensors etc. unchanged.
STREAMS = {"terrain": 1, "urban": 2, "buildings": 3, "points": 4, "sensors": 5, "schemes": 6,
           "expansion": 7}


def stream_rng(seed, stream):
    return np.random.default_rng([seed, STREAMS[stream]])


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------- layers (EPSG:4547)

class Layer:
    """One vector collection under construction: metric geometries plus typed columns."""

    def __init__(self, cid, fields):
        self.cid = cid
        self.fields = fields  # [(name, ogr type)]
        self.geoms = []
        self.rows = []

    def add(self, geom, **props):
        self.geoms.append(geom)
        self.rows.append(props)

    def extend(self, geoms, columns):
        self.geoms.extend(list(geoms))
        keys = list(columns)
        n = len(geoms)
        cols = [columns[k] for k in keys]
        for i in range(n):
            self.rows.append({k: c[i] for k, c in zip(keys, cols)})


I, R, S, T = ogr.OFTInteger64, ogr.OFTReal, ogr.OFTString, ogr.OFTDateTime
BUILDING_FIELDS = [("height", R), ("floors", I), ("use", S), ("gfa", R), ("ground_elev", R),
                   ("bim_id", S), ("year_built", I), ("status", S)]
SENSOR_FIELDS = [("sensor_id", S), ("name", S), ("observed_property", S), ("unit", S),
                 ("latest_value", R), ("latest_time", T), ("warn_level", R), ("alarm_level", R),
                 ("status", S)]
OBS_FIELDS = [("sensor_id", S), ("time", T), ("value", R)]
