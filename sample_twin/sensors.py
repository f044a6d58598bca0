"""The sample's IoT sensing: rain and water-level gauges and a week of hourly observations
with one storm."""

from datetime import datetime, timedelta, timezone

import numpy as np
import shapely

from . import terrain
from .coords import point_from_lonlat
from .layers import OBS_FIELDS, SENSOR_FIELDS, Layer, iso, stream_rng

OBS_START = datetime(2026, 10, 25, tzinfo=timezone.utc)
OBS_HOURS = 7 * 24


# ---------------------------------------------------------------- sensors

def make_sensors(world, grid, dem, flood100, seed):
    rng = stream_rng(seed, "sensors")
    hours = np.arange(OBS_HOURS)
    times = [OBS_START + timedelta(hours=int(h)) for h in hours]
    # One storm crosses the area on day 5; each gauge sees it a little differently.
    storm_peak = 110.0

    rain_sites = [("RG-01", "Xiangmi Park rain gauge", 114.0240, 22.5560),
                  ("RG-02", "Qiaoxiang rain gauge", 114.0330, 22.5515),
                  ("RG-03", "Chegongmiao rain gauge", 114.0420, 22.5425),
                  ("RG-04", "Houhai rain gauge", 113.9460, 22.5235),
                  ("RG-05", "Dengliang rain gauge", 113.9385, 22.5190),
                  ("RG-06", "Keyuan rain gauge", 113.9520, 22.5280)]
    rain = {}
    for k, (sid, _name, _lon, _lat) in enumerate(rain_sites):
        peak = rng.uniform(38, 62)
        lag = rng.normal(0, 1.5)
        series = peak * np.exp(-0.5 * ((hours - storm_peak - lag) / 2.2) ** 2)
        showers = np.where(rng.random(OBS_HOURS) < 0.05, rng.gamma(1.5, 2.0, OBS_HOURS), 0.0)
        rain[sid] = np.round(np.clip(series + showers, 0, None), 1)
    mean_rain = np.mean(list(rain.values()), axis=0)

    def response(scale, tau):
        kernel = np.exp(-np.arange(48) / tau)
        return scale * np.convolve(mean_rain, kernel)[:OBS_HOURS] / kernel.sum()

    # Road ponding gauges at the deepest 100-year flood cell of each district.
    ponds = []
    for spec, poly in world["districts"][:2]:
        m = grid.mask(poly) & (flood100 != terrain.NODATA)
        depth = np.where(m, flood100, -1)
        r, c = np.unravel_index(np.argmax(depth), depth.shape)
        x = grid.minx + (c + 0.5) * grid.cell
        y = grid.maxy - (r + 0.5) * grid.cell
        ponds.append((spec["district_id"], x, y))
    lake_p = world["lake"].boundary.interpolate(0.6, normalized=True)
    wl_sites = []
    xr = world["rivers"][0][1]
    hr = world["rivers"][1][1]
    for sid, name, geom, kind in (
            ("WL-01", "Xinzhou River upper gauge", xr.interpolate(0.2, normalized=True), "river"),
            ("WL-02", "Xinzhou River middle gauge", xr.interpolate(0.45, normalized=True), "river"),
            ("WL-03", "Xinzhou River lower gauge", xr.interpolate(0.75, normalized=True), "river"),
            ("WL-04", "Xiangmi Lake gauge", lake_p, "lake"),
            ("WL-05", "Houhai channel gauge", hr.interpolate(0.5, normalized=True), "river"),
            ("WL-06", "Shenzhen Bay tide gauge", world["sea"].boundary.interpolate(
                world["sea"].boundary.project(point_from_lonlat(113.936, 22.512))), "tide"),
            ("WL-07", "Xiangmihu road ponding gauge", shapely.Point(ponds[0][1:]), "ponding"),
            ("WL-08", "Houhai road ponding gauge", shapely.Point(ponds[1][1:]), "ponding")):
        wl_sites.append((sid, name, geom, kind))

    level = {}
    levels = {}
    for sid, _name, geom, kind in wl_sites:
        if kind == "ponding":
            series = np.clip(response(0.045, 2.0) * 3.0 - 0.05, 0, None)
            series = series * rng.uniform(0.9, 1.3)
            levels[sid] = (0.15, 0.30, "water_depth")
        elif kind == "tide":
            series = 0.4 + 1.1 * np.sin(2 * np.pi * hours / 12.42 + rng.uniform(0, 6.3)) \
                + response(0.01, 6.0)
            levels[sid] = (2.0, 2.5, "water_level")
        elif kind == "lake":
            series = 4.2 + response(0.05, 18.0)
            levels[sid] = (5.5, 6.0, "water_level")
        else:
            g = dem[grid.index(geom.x, geom.y)]
            base = max(0.5, float(g) + 0.4)
            series = base + response(0.09, 5.0) + rng.normal(0, 0.02, OBS_HOURS)
            levels[sid] = (round(base + 1.6, 2), round(base + 2.4, 2), "water_level")
        level[sid] = np.round(series, 2)

    offline = {"WL-05": 40, "RG-06": 26}  # sensors that stopped reporting N hours ago

    def sensor_layers(cid, sites, values, unit, prop_of, levels_of):
        sensors = Layer(cid, SENSOR_FIELDS)
        obs = Layer(cid.replace("gauges", "observations").replace("rain-observations",
                                                                  "rainfall-observations"),
                    OBS_FIELDS)
        for sid, name, geom in sites:
            n = OBS_HOURS - offline.get(sid, 0)
            vals = values[sid][:n]
            warn, alarm = levels_of(sid)
            sensors.add(geom, sensor_id=sid, name=name, observed_property=prop_of(sid), unit=unit,
                        latest_value=float(vals[-1]), latest_time=iso(times[n - 1]),
                        warn_level=warn, alarm_level=alarm,
                        status="offline" if sid in offline else "online")
            obs.extend([geom] * n, {"sensor_id": [sid] * n, "time": [iso(t) for t in times[:n]],
                                    "value": [float(v) for v in vals]})
        return sensors, obs

    rg = [(sid, name, point_from_lonlat(lon, lat)) for sid, name, lon, lat in rain_sites]
    rs, ro = sensor_layers("rain-gauges", rg, rain, "mm", lambda s: "precipitation",
                           lambda s: (30.0, 50.0))
    ws, wo = sensor_layers("water-level-gauges", [(s, n, g) for s, n, g, _k in wl_sites], level, "m",
                           lambda s: levels[s][2], lambda s: levels[s][:2])
    return {"rain-gauges": rs, "rainfall-observations": ro, "water-level-gauges": ws,
            "water-level-observations": wo}


# ---------------------------------------------------------------- main
