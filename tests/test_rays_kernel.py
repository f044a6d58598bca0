"""The ray kernel: highest building elevation angle along horizontal rays, checked by hand
and against shapely ray casting on a random block."""

import math

import numpy as np
import pytest
from shapely.geometry import LineString, Point, box

from plugin.analysis.rays import PAIR_CHUNK, building_edges, max_elevation


def _edges(boxes, tops):
    return building_edges(np.array(boxes, dtype=object), np.array(tops, dtype=float))


def test_box_due_north_by_hand():
    # 20 m wide box, near face 100 m north of the origin, top at 50 m; eye at 1.6 m.
    edges = _edges([box(-10, 100, 10, 130)], [50.0])
    az = np.array([0.0, 5.0, 5.8, 6.0, 90.0, 180.0, 354.5])
    hits = max_elevation(edges, 0.0, 0.0, 1.6, az)
    # inside ±atan(10/100) = ±5.71°: the near face at d = 100 / cos(az)
    for i in (0, 1, 6):
        d = 100 / math.cos(math.radians(az[i]))
        assert hits.angle[i] == pytest.approx(math.degrees(math.atan2(48.4, d)), abs=1e-9)
        assert hits.distance[i] == pytest.approx(d)
        assert hits.building[i] == 0
    # the box's arc ends at atan(10/100) = 5.71°: at 5.8° and beyond, sky
    assert hits.building[2] == -1
    assert hits.building[3] == -1 and hits.building[4] == -1 and hits.building[5] == -1
    assert hits.angle[4] == -90.0 and math.isinf(hits.distance[4])
    # From (15, 0) a ray 2.5° west of north passes the south face and enters by the east
    # face x = 10, at d = 5 / sin(2.5°).
    side = max_elevation(edges, 15.0, 0.0, 1.6, np.array([357.5]))
    d = 5 / math.sin(math.radians(2.5))
    assert side.distance[0] == pytest.approx(d)
    assert side.angle[0] == pytest.approx(math.degrees(math.atan2(48.4, d)), abs=1e-9)


def test_nearer_lower_box_and_farther_taller_box():
    # Near box: top 20 m at 50 m; far box: top 100 m at 400 m, wider.
    edges = _edges([box(-5, 50, 5, 60), box(-40, 400, 40, 420)], [20.0, 100.0])
    hits = max_elevation(edges, 0.0, 0.0, 0.0, np.array([0.0, 3.0, 20.0]))
    near = math.degrees(math.atan2(20, 50))           # 21.8°
    far = math.degrees(math.atan2(100, 400))          # 14.0°
    assert hits.angle[0] == pytest.approx(near) and hits.building[0] == 0
    # 3°: past the near box (atan(5/50) = 5.7° > 3°, still the near box)
    assert hits.building[1] == 0
    # 20°: far box only within atan(40/400) = 5.7°, so sky
    assert hits.building[2] == -1
    hits = max_elevation(edges, 0.0, 0.0, 0.0, np.array([0.0]), max_distance=45.0)
    assert hits.building[0] == -1, "max_distance cuts both boxes"
    assert far < near


def test_wraps_across_north_and_any_azimuth_order():
    edges = _edges([box(-30, 100, 30, 110)], [30.0])
    az = np.array([350.0, 10.0, 0.0, 359.99, 0.01, 180.0])
    hits = max_elevation(edges, 0.0, 0.0, 0.0, az)
    assert list(hits.building) == [0, 0, 0, 0, 0, -1]


def test_origin_on_a_wall_is_not_blocked_by_it():
    edges = _edges([box(0, 0, 10, 10)], [30.0])
    # a point 0.05 m south of the south wall, looking south and north
    hits = max_elevation(edges, 5.0, -0.05, 1.0, np.array([180.0, 0.0]))
    assert hits.building[0] == -1
    assert hits.building[1] == 0 and hits.distance[1] == pytest.approx(0.05)


def _brute(footprints, tops, x, y, z, azimuths, reach=3000.0):
    angles = np.full(len(azimuths), -90.0)
    for i, a in enumerate(azimuths):
        t = math.radians(a)
        ray = LineString([(x, y), (x + reach * math.sin(t), y + reach * math.cos(t))])
        for geom, top in zip(footprints, tops):
            if not ray.intersects(geom):
                continue
            d = ray.intersection(geom).distance(Point(x, y))
            angles[i] = max(angles[i], math.degrees(math.atan2(top - z, d)))
    return angles


def test_random_block_agrees_with_shapely_ray_casting():
    rng = np.random.default_rng(7)
    footprints, tops = [], []
    for _ in range(60):
        cx, cy = rng.uniform(-400, 400, 2)
        if math.hypot(cx, cy) < 40:
            continue
        w, d = rng.uniform(10, 40, 2)
        footprints.append(box(cx - w / 2, cy - d / 2, cx + w / 2, cy + d / 2))
        tops.append(float(rng.uniform(10, 150)))
    az = np.arange(0.0, 360.0, 0.5)
    hits = max_elevation(_edges(footprints, tops), 0.0, 0.0, 1.6, az)
    expected = _brute(footprints, tops, 0.0, 0.0, 1.6, az)
    assert np.allclose(hits.angle, expected, atol=1e-7)
    assert (hits.building >= 0).sum() > 100


def test_chunking_gives_the_same_answer(monkeypatch):
    from plugin.analysis import rays

    edges = _edges([box(-10, 100 + 20 * k, 10, 110 + 20 * k) for k in range(20)],
                   [20.0 + 10 * k for k in range(20)])
    az = np.arange(-8.0, 8.0, 0.01)
    whole = max_elevation(edges, 0.0, 0.0, 0.0, az)
    monkeypatch.setattr(rays, "PAIR_CHUNK", 50)
    chunked = rays.max_elevation(edges, 0.0, 0.0, 0.0, az)
    assert PAIR_CHUNK > 50
    assert np.array_equal(whole.angle, chunked.angle)
    assert np.array_equal(whole.building, chunked.building)
