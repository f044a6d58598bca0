"""The sunlight-hours kernel: test points, hand-checkable sun and shade, and agreement with
brute-force minute-by-minute shapely ray casting on a generated block."""

import datetime
import math

import numpy as np
import pytest
from shapely.affinity import rotate
from shapely.geometry import Polygon, box

from plugin.analysis import sun
from plugin.analysis.rays import building_edges
from plugin.analysis.sunlight import (
    RULES,
    SunlightCancelled,
    SunlightInputError,
    SunTrack,
    rule_window,
    sun_track,
    sunlight_hours,
    sunlit_steps,
)
from plugin.analysis.sunlight_points import TestPoints, facade_points, grid_points
from tests.support.ray_casting import sunlit_brute

LON, LAT = 114.02, 22.54          # Xiangmihu, Shenzhen


def _track(azimuth, elevation, step=1.0):
    n = len(azimuth)
    return SunTrack(datetime.date(2026, 1, 20), 12.0, 12.0 + n * step / 60, step, LON, LAT,
                    np.zeros(n, dtype="datetime64[s]"), np.asarray(azimuth, float),
                    np.asarray(elevation, float))


def _arr(items):
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


def _dahan(year=2026):
    day, start, end, hours = rule_window("dahan_3h", year)
    return sun_track(day, LON, LAT, start, end, 1.0), hours


def test_facade_points_by_hand():
    # A 30 m (E–W) × 12 m slab, 30 m tall, 10 floors, ground 5 m; sun from the south half.
    fp = _arr([box(0, 0, 30, 12)])
    pts, walls = facade_points(fp, [5.0], [30.0], [10], sun_azimuths=[120.0, 180.0, 240.0])
    # the north wall (normal 0°) never faces a sun at 120–240°; the other three do
    assert sorted(np.round(walls.normal).tolist()) == [90.0, 180.0, 270.0]
    south = pts.subset(np.isclose(pts.normal, 180.0))
    # 30 m / 3 m = 10 windows, centred: x = 1.5, 4.5 … 28.5, 5 cm outside the wall
    assert np.allclose(np.sort(south.x), np.arange(1.5, 30, 3.0))
    assert np.allclose(south.y, -0.05)
    assert np.allclose(south.z, 5.9)             # ground + 0.9 m sill
    east = pts.subset(np.isclose(pts.normal, 90.0))
    assert np.allclose(np.sort(east.y), [1.5, 4.5, 7.5, 10.5]) and np.allclose(east.x, 30.05)
    assert len(pts) == 18 and set(pts.floor.tolist()) == {1}
    # every floor: 3 m floors → sills at 0.9, 3.9 … 27.9 m above ground
    every, _ = facade_points(fp, [5.0], [30.0], [10], sun_azimuths=[180.0],
                             every_floor=True)
    assert len(every) == 100
    assert np.allclose(np.unique(every.z), 5.9 + 3.0 * np.arange(10))
    # a wall shorter than the spacing gets one point at its middle
    short, _ = facade_points(_arr([box(0, 0, 2, 8)]), [0.0], [10.0], sun_azimuths=[180.0])
    assert len(short) == 1 and short.x[0] == pytest.approx(1.0)


def test_party_walls_and_rotated_walls():
    # Two terraced houses sharing the wall x = 10: no point on it; a rotated L-shape has its
    # normals perpendicular to its walls.
    fp = _arr([box(0, 0, 10, 10), box(10, 0, 20, 10)])
    pts, _ = facade_points(fp, [0, 0], [9.0, 9.0], sun_azimuths=[90.0, 270.0])
    assert not np.any(np.isclose(pts.x, 10.05) | np.isclose(pts.x, 9.95))
    ell = rotate(Polygon([(0, 0), (20, 0), (20, 8), (8, 8), (8, 20), (0, 20)]), 30,
                 origin=(0, 0))
    pts, walls = facade_points(_arr([ell]), [0.0], [20.0], sun_azimuths=np.arange(0, 360, 5))
    assert len(walls) == 6
    assert np.allclose(np.sort(walls.normal), np.sort((np.array([0, 90, 180, 270, 0, 90])
                                                       - 30) % 360))


def test_grid_points_skip_buildings():
    grid = grid_points(_arr([box(0, 0, 20, 10)]), 5.0, [2.0], 1.0,
                       footprints=_arr([box(0, 0, 10, 10)]))
    assert sorted(zip(grid.x.tolist(), grid.y.tolist())) == [(12.5, 2.5), (12.5, 7.5),
                                                            (17.5, 2.5), (17.5, 7.5)]
    assert np.allclose(grid.z, 3.0) and np.all(np.isnan(grid.normal))


def test_blocked_iff_top_above_line_to_sun():
    # A point at z = 0 looking south at a wall 20 m away whose top is 10 m up: 26.57°.
    edges = building_edges(_arr([box(-50, -40, 50, -20)]), [10.0])
    pts = TestPoints(*(np.array([v]) for v in (0.0, 0.0, 0.0, 180.0)),
                     *(np.array([v]) for v in (0, 0, 1)))
    track = _track([180.0] * 4 + [90.0, 0.0], [10.0, 26.0, 27.0, 40.0, 40.0, 40.0])
    lit = sunlit_steps(pts, edges, track)[0]
    # behind the wall at 10° and 26°, above it at 27° and 40°; due east is edge-on to the
    # facade (not in front) and due north is behind it
    assert lit.tolist() == [False, False, True, True, False, False]


def test_north_of_tall_slab_at_winter_solstice_noon_is_in_shade():
    day = sun.standard_day(2026, "dongzhi")
    noon = sun_track(day, LON, LAT, 12.0, 12.0 + 1 / 60, 1.0)
    # noon elevation ≈ 90 − 22.54 − 23.44 = 44°: a 60 m slab 20 m south shades the sill
    assert noon.elevation[0] == pytest.approx(44.0, abs=0.3)
    slab = box(-50, 0, 50, 10)
    home = box(-15, 30.05, 15, 42)
    result = sunlight_hours(_arr([slab, home]), [0.0, 0.0], [60.0, 18.0], buildings=[1],
                            track=noon, required_hours=0.0)
    south = result.points[np.isclose(result.points["normal"], 180.0)]
    assert len(south) == 10 and (south["minutes"] == 0).all()
    # without the slab every south window sees the noon sun
    alone = sunlight_hours(_arr([home]), [0.0], [18.0], track=noon, required_hours=0.0)
    assert (alone.points.loc[np.isclose(alone.points["normal"], 180.0), "minutes"] == 1).all()


def test_unobstructed_south_facade_gets_the_whole_window():
    track, hours = _dahan()
    assert len(track) == 480 and hours == 3.0
    result = sunlight_hours(_arr([box(0, 0, 40, 12)]), [10.0], [30.0], track=track,
                            required_hours=hours)
    south = result.points[np.isclose(result.points["normal"], 180.0)]
    assert (south["minutes"] == 480).all() and south["compliant"].all()
    assert (south["longest_minutes"] == 480).all()
    # the east wall sees the sun only while it is east of south: 08:00 to true solar noon
    east = result.points[np.isclose(result.points["normal"], 90.0)]
    assert (abs(east["minutes"] - 240) <= 1).all()
    b = result.buildings.iloc[0]
    assert b["worst_minutes"] == result.points["minutes"].min()
    assert b["share_compliant"] == pytest.approx(result.points["compliant"].mean())


def test_rules_and_bad_input():
    assert (RULES["dongzhi_1h"].start, RULES["dongzhi_1h"].end) == (9.0, 15.0)
    day, start, end, hours = rule_window("dongzhi_1h", 2026)
    assert (day.month, start, end, hours) == (12, 9.0, 15.0, 1.0)
    assert rule_window("dahan_2h", 2027)[0].month == 1
    custom = rule_window("custom", 2026, datetime.date(2026, 3, 1), 9, 15, 4)
    assert custom == (datetime.date(2026, 3, 1), 9.0, 15.0, 4.0)
    with pytest.raises(SunlightInputError):
        rule_window("custom", 2026)
    with pytest.raises(SunlightInputError):
        rule_window("custom", 2026, datetime.date(2026, 3, 1), 15, 9, 1)
    with pytest.raises(SunlightInputError):
        rule_window("dahan_3h", 2026, hours=9)


def _block(seed=3, rows=6, cols=8):
    """A block of rows × cols buildings (16–34 m × 10–18 m, a third rotated, 9–60 m)."""
    rng = np.random.default_rng(seed)
    fps, heights = [], []
    for r in range(rows):
        for c in range(cols):
            cx, cy = c * 40.0 + rng.uniform(-4, 4), r * 36.0 + rng.uniform(-4, 4)
            w, d = rng.uniform(16, 34), rng.uniform(10, 18)
            g = box(cx - w / 2, cy - d / 2, cx + w / 2, cy + d / 2)
            if rng.random() < 0.33:
                g = rotate(g, rng.uniform(-40, 40))
            fps.append(g)
            heights.append(rng.uniform(9, 60))
    return _arr(fps), np.array(heights), rng.uniform(0, 3, rows * cols)


def test_agrees_with_brute_force_ray_casting():
    fps, heights, ground = _block()
    track, hours = _dahan()
    # residential: every fourth building, inner rows (obstructed from several sides)
    homes = [i for i in range(len(fps)) if i % 4 == 2 and 8 <= i < 40]
    result = sunlight_hours(fps, ground, heights, buildings=homes, track=track,
                            required_hours=hours)
    p = result.points
    assert len(p) >= 100
    brute = sunlit_brute(p["x"].to_numpy(), p["y"].to_numpy(), p["z"].to_numpy(),
                         p["normal"].to_numpy(), fps, ground + heights, track.azimuth,
                         track.elevation)
    same = (brute == result.lit).mean()
    off = np.abs(brute.sum(axis=1) - result.lit.sum(axis=1))
    assert same >= 0.995, same
    assert off.max() <= 2
    # the block is dense enough that the check means something
    assert 0 < p["compliant"].mean() < 1 and (p["minutes"] < 480).mean() > 0.5


def test_obstructions_only_take_sun_away_and_cancel():
    fps, heights, ground = _block(seed=8, rows=3, cols=4)
    track, hours = _dahan()
    base = sunlight_hours(fps, ground, heights, buildings=[5, 6], track=track,
                          required_hours=hours)
    tower = _arr([box(140, -60, 170, -40)])  # a 150 m tower south-east of the block
    more = sunlight_hours(fps, ground, heights, buildings=[5, 6], track=track,
                          required_hours=hours, obstructions=(tower, [150.0]))
    assert (more.points["minutes"].to_numpy() <= base.points["minutes"].to_numpy()).all()
    assert (more.points["minutes"] < base.points["minutes"]).any()

    def stop(fraction):
        raise SunlightCancelled()

    with pytest.raises(SunlightCancelled):
        sunlight_hours(fps, ground, heights, buildings=[5], track=track, progress=stop)


def test_every_floor_per_floor_compliance():
    # A slab 25 m south of a 10-floor home: the low floors are shaded, the top ones not.
    track, hours = _dahan()
    fps = _arr([box(-60, 0, 60, 10), box(-10, 35, 10, 47)])
    result = sunlight_hours(fps, [0, 0], [24.0, 30.0], [8, 10], buildings=[1], track=track,
                            required_hours=hours, every_floor=True)
    south = result.points[np.isclose(result.points["normal"], 180.0)]
    by_floor = south.groupby("floor")["minutes"].min()
    assert by_floor.is_monotonic_increasing and by_floor.iloc[0] < by_floor.iloc[-1]
    b = result.buildings.iloc[0]
    assert b["floors"] == 10 and 0 < b["floors_compliant"] < 10
    assert not b["compliant"]
    assert math.isclose(b["worst_minutes"], result.points["minutes"].min())
