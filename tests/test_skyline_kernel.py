"""The skyline kernel on boxes at known distances: every angle computed here by hand."""

import math

import numpy as np
import pytest
from shapely.geometry import box

from plugin.analysis import skyline as sk

EYE = 1.6


def deg(rise, run):
    return math.degrees(math.atan2(rise, run))


def scene(boxes, tops, **kw):
    return sk.make_scene(np.array(boxes, dtype=object), np.array(tops, dtype=float),
                         ids=[f"b{i}" for i in range(len(boxes))], **kw)


def row(view, azimuth):
    profile = view.profile
    return profile.iloc[int(np.argmin(np.abs(profile["azimuth"].to_numpy() - azimuth)))]


def test_view_azimuths_full_circle_and_field_of_view():
    az, unwrapped = sk.view_azimuths()
    assert len(az) == 3600 and az[0] == 0.0 and az[-1] == pytest.approx(359.9)
    az, unwrapped = sk.view_azimuths(0.1, 350, 10)
    assert len(az) == 201
    assert az[0] == pytest.approx(350.0) and az[-1] == pytest.approx(10.0)
    assert unwrapped[0] == pytest.approx(350.0) and unwrapped[-1] == pytest.approx(370.0)
    assert np.all(np.diff(unwrapped) > 0)
    with pytest.raises(sk.SkylineInputError):
        sk.view_azimuths(0.0)


def test_single_box_due_north_by_hand():
    # 20 m wide, top 50 m; its near face 100 m due north of the eye (1.6 m).
    s = scene([box(-10, 100, 10, 130)], [50.0])
    view = sk.skyline(s, 0.0, 0.0, EYE, reference_angle=5.0)
    half = math.degrees(math.atan(10 / 100))          # 5.71°: the box's half arc
    p = view.profile
    inside = (p["azimuth"] <= half) | (p["azimuth"] >= 360 - half)
    assert inside.sum() == 58 + 57                    # 0.0…5.7 and 354.3…359.9
    for az in (0.0, 3.0, 5.7, 354.3):
        d = 100 / math.cos(math.radians(az))
        r = row(view, az)
        assert r["angle"] == pytest.approx(deg(50 - EYE, d), abs=1e-9)
        assert r["distance"] == pytest.approx(d)
        assert r["building"] == "b0"
    outside = p[~inside]
    assert outside["angle"].isna().all() and outside["building"].isna().all()
    m = view.metrics["existing"]
    assert m["max_angle"] == pytest.approx(deg(48.4, 100))          # 25.83°
    assert m["max_angle_all"] == pytest.approx(deg(48.4, 100))
    assert m["distinct_buildings"] == 1
    # every azimuth with the box is above 5°, the rest is sky
    assert m["sky_ratio"] == pytest.approx(1 - 115 / 3600)
    assert m["mean_angle_all"] == pytest.approx(p["angle"].sum() / 3600)
    b = view.buildings
    assert list(b["building"]) == ["b0"] and b["share"].iloc[0] == pytest.approx(115 / 3600)
    # the line runs across north as one piece, on the near face, at the top
    assert len(view.lines["existing"]) == 1
    line = view.lines["existing"][0]
    assert len(line) == 115
    assert np.allclose(line[:, 1], 100.0) and np.allclose(line[:, 2], 50.0)
    assert line[0, 0] == pytest.approx(100 * math.tan(math.radians(354.3 - 360)))
    assert line[-1, 0] == pytest.approx(100 * math.tan(math.radians(5.7)))


def test_nearer_lower_box_in_front_of_farther_taller_box():
    near = box(-5, 50, 5, 60)          # top 20 m at 50 m: 21.8° ahead, ±5.71°
    far = box(-100, 400, 100, 420)     # top 100 m at 400 m: 14.0° ahead, ±14.04°
    view = sk.skyline(scene([near, far], [20.0, 100.0]), 0.0, 0.0, 0.0)
    assert row(view, 0.0)["building"] == "b0"
    assert row(view, 0.0)["angle"] == pytest.approx(deg(20, 50))
    assert row(view, 5.7)["building"] == "b0"
    r = row(view, 10.0)
    assert r["building"] == "b1"
    assert r["angle"] == pytest.approx(deg(100, 400 / math.cos(math.radians(10))))
    assert row(view, 14.0)["building"] == "b1" and pd_isna(row(view, 14.1)["angle"])
    assert view.metrics["existing"]["distinct_buildings"] == 2
    shares = dict(zip(view.buildings["building"], view.buildings["azimuths"]))
    assert shares == {"b0": 115, "b1": 141 + 140 - 115}
    # one line per building run: the near box (across north) and the far box on either
    # side of it, each at its own top, so the map shows no radial jump between them
    lines = view.lines["existing"]
    assert sorted(round(line[0][2]) for line in lines) == [20, 100, 100]
    assert all(len({pt[2] for pt in line}) == 1 for line in lines)
    # A far box tall enough (top 300 m: 36.9°) hides the near one from the sky entirely.
    view = sk.skyline(scene([near, far], [20.0, 300.0]), 0.0, 0.0, 0.0)
    assert set(view.profile["building"].dropna()) == {"b1"}
    assert row(view, 0.0)["angle"] == pytest.approx(deg(300, 400))


def pd_isna(value):
    return value is None or math.isnan(value)


def test_max_distance_and_field_of_view():
    # a 20 m box 100 m north (top 50 m) and a very tall one 6 km north (top 5000 m)
    s = scene([box(-10, 100, 10, 130), box(-10, 6000, 10, 6030)], [50.0, 5000.0])
    view = sk.skyline(s, 0.0, 0.0, EYE, fov_from=350, fov_to=10, max_distance=5000)
    assert len(view.profile) == 201
    assert set(view.profile["building"].dropna()) == {"b0"}     # 6 km away: out of range
    view = sk.skyline(s, 0.0, 0.0, EYE, max_distance=10000)
    assert row(view, 0.0)["building"] == "b1"                    # 39.8° over 25.8°
    assert row(view, 0.0)["angle"] == pytest.approx(deg(4998.4, 6000))


def test_scheme_clears_its_site_and_rises_above_the_skyline():
    a = box(-10, 100, 10, 130)        # north, top 50 m
    b = box(90, -10, 110, 10)         # east, top 30 m: the scheme's site
    c = box(-110, -10, -90, 10)       # west, top 30 m
    tower = box(-5, 200, 5, 210)      # scheme: 200 m top, 200 m north, behind a
    low = box(95, -5, 105, 5)         # scheme: on b's site, top 10 m
    touch = box(-130, -10, -110, 10)  # scheme: only touches c (shared wall line)
    s = scene([a, b, c], [50.0, 30.0, 30.0],
              scheme_footprints=np.array([tower, low, touch], dtype=object),
              scheme_tops=np.array([200.0, 10.0, 20.0]), scheme_ids=["T", "L", "W"])
    assert list(s.cleared) == [1]
    assert any("1 existing buildings" in n for n in s.notes)
    view = sk.skyline(s, 0.0, 0.0, EYE)
    ahead = row(view, 0.0)
    assert ahead["building"] == "b0" and ahead["scheme_building"] == "T"
    assert ahead["scheme_angle"] == pytest.approx(deg(198.4, 200))           # 44.8°
    assert ahead["change"] == pytest.approx(deg(198.4, 200) - deg(48.4, 100))
    east = row(view, 90.0)
    assert east["building"] == "b1" and east["scheme_building"] == "L"
    assert east["change"] == pytest.approx(deg(8.4, 95) - deg(28.4, 90))     # lower now
    west = row(view, 270.0)
    assert west["building"] == "b2" and west["scheme_building"] == "b2"      # c is kept
    assert west["change"] == pytest.approx(0.0)
    b = view.buildings
    above = b[b["role"] == sk.ROLE_ABOVE]
    assert list(above["building"]) == ["T"]
    # the tower's arc ±atan(5/200) = ±1.43°: 0.0…1.4 and 358.6…359.9
    assert above["azimuths_above"].iloc[0] == 15 + 14
    assert above["max_rise"].iloc[0] == pytest.approx(deg(198.4, 200) - deg(48.4, 100))
    m = view.metrics["scheme"]
    assert m["buildings_above"] == 1 and m["azimuths_raised"] == 29
    assert m["max_change"] == pytest.approx(deg(198.4, 200) - deg(48.4, 100))
    # lowest where b stood and only sky is left: just past the low building's arc
    # (±atan(5/95) = ±3.01°), b's face at 90 / cos(3.1°)
    assert m["min_change"] == pytest.approx(-deg(28.4, 90 / math.cos(math.radians(3.1))))
    low_row = b[(b["scenario"] == "scheme") & (b["building"] == "L")]
    assert low_row["role"].iloc[0] == sk.ROLE_SCHEME
    assert view.metrics["existing"]["distinct_buildings"] == 3


def test_sky_ratio_counts_buildings_below_the_reference_as_sky():
    # top 10 m at 100 m: 4.8° from 1.6 m, under the 5° reference
    s = scene([box(-10, 100, 10, 130)], [10.0])
    view = sk.skyline(s, 0.0, 0.0, EYE, reference_angle=5.0)
    assert view.metrics["existing"]["sky_ratio"] == 1.0
    view = sk.skyline(s, 0.0, 0.0, EYE, reference_angle=4.0)
    assert view.metrics["existing"]["sky_ratio"] < 1.0


def test_lines_break_where_only_sky():
    s = scene([box(-10, 100, 10, 130), box(100, -10, 130, 10)], [50.0, 40.0])
    view = sk.skyline(s, 0.0, 0.0, EYE)
    lines = view.lines["existing"]
    assert len(lines) == 2
    east = [l for l in lines if np.allclose(l[:, 0], 100.0)]
    assert len(east) == 1 and np.allclose(east[0][:, 2], 40.0)
    assert all(np.isfinite(l).all() for l in lines)
