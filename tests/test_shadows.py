"""Building shadows: the kernel on hand-computed geometry, and the "shadows" algorithm
through Processing on the reviewed sample district."""

import importlib.util
import math

import pytest
from shapely.affinity import rotate, translate
from shapely.geometry import LineString, Point, Polygon, box

from plugin.analysis.shadows import (
    ShadowsCancelled,
    SunInstant,
    building_shadow,
    building_shadows,
    shadow_offset,
)

# The Processing tests need QGIS (pytest-qgis); the kernel tests also run in QGIS's
# own Python (tests/test_stock_python.py), which has no pytest-qgis.
QGIS = pytest.mark.skipif(importlib.util.find_spec("pytest_qgis") is None,
                          reason="needs QGIS Processing (pytest-qgis)")


def test_box_at_45_degrees_due_south_sun_casts_its_height_north():
    shadow = building_shadow(box(0, 0, 10, 10), 30.0, 180.0, 45.0)
    assert shadow.bounds == pytest.approx((0, 0, 10, 40))
    assert shadow.area == pytest.approx(10 * 40)


def test_box_with_sun_in_the_south_east_shadow_points_north_west():
    shadow = building_shadow(box(0, 0, 10, 10), 30.0, 135.0, 45.0)
    d = 30 / math.sqrt(2)
    assert shadow.bounds == pytest.approx((-d, 0, 10, 10 + d))
    # Square swept along its diagonal: its area + |d| × its width across d (10√2).
    assert shadow.area == pytest.approx(100 + 30 * 10 * math.sqrt(2))
    assert shadow.contains(box(-d, 10, -d + 10, 10 + d).centroid)


def test_low_sun_casts_longer_shadows():
    dx, dy = shadow_offset(30.0, 180.0, 30.0)
    assert (dx, dy) == pytest.approx((0.0, 30 * math.sqrt(3)))
    west = shadow_offset(10.0, 90.0, 45.0)  # morning sun in the east: shadow to the west
    assert west == pytest.approx((-10.0, 0.0))



@pytest.mark.parametrize("azimuth", [95.0, 150.0, 180.0, 222.5, 260.0])
def test_convex_footprints_sweep_to_area_plus_length_times_width(azimuth):
    # A convex footprint swept along d covers area(P) + |d| × (P's width across d).
    hexagon = Polygon([(0, 0), (12, -3), (20, 5), (18, 16), (6, 19), (-3, 9)])
    rotated = rotate(box(0, 0, 30, 8), 27.0, origin=(0, 0))
    for footprint in (hexagon, rotated):
        shadow = building_shadow(footprint, 24.0, azimuth, 35.0)
        dx, dy = shadow_offset(24.0, azimuth, 35.0)
        length = math.hypot(dx, dy)
        nx, ny = -dy / length, dx / length
        across = [x * nx + y * ny for x, y in footprint.exterior.coords]
        expected = footprint.area + length * (max(across) - min(across))
        assert shadow.area == pytest.approx(expected, rel=1e-9)
        assert shadow.contains(translate(footprint, dx, dy).representative_point())

def test_l_shaped_and_courtyard_footprints_sweep_exactly():
    ell = box(0, 0, 20, 10).union(box(0, 10, 10, 20))
    # Moved 10 m north and unioned: the 20×20 square plus the 10×10 top of the arm.
    assert building_shadow(ell, 10.0, 180.0, 45.0).area == pytest.approx(500)
    court = Polygon([(0, 0), (30, 0), (30, 30), (0, 30)],
                    [[(10, 10), (20, 10), (20, 20), (10, 20)]])
    shadow = building_shadow(court, 5.0, 180.0, 45.0)
    # The south wing's shadow fills the courtyard's southern 5 m: 10×5 m stays lit.
    assert shadow.area == pytest.approx(30 * 35 - 50)
    assert len(shadow.interiors) == 1



@pytest.mark.parametrize("azimuth", [100.0, 163.0, 200.0, 251.0])
def test_a_ground_point_is_in_shadow_iff_its_line_to_the_sun_meets_the_building(azimuth):
    # The independent definition: p is shaded when the segment from p towards the sun, up
    # to the height of the roof (length |d| on the ground), crosses the footprint.
    ell = box(0, 0, 20, 10).union(box(0, 10, 10, 20))
    court = Polygon([(30, 0), (60, 0), (60, 30), (30, 30)],
                    [[(40, 10), (50, 10), (50, 20), (40, 20)]])
    for footprint, height in ((ell, 9.0), (court, 6.0)):
        shadow = building_shadow(footprint, height, azimuth, 40.0)
        dx, dy = shadow_offset(height, azimuth, 40.0)
        x0, y0, x1, y1 = shadow.bounds
        for i in range(41):
            for j in range(41):  # a grid offset so no point lies on an edge
                x = x0 - 1.0137 + (x1 - x0 + 2) * i / 40
                y = y0 - 1.0071 + (y1 - y0 + 2) * j / 40
                ray = LineString([(x, y), (x - dx, y - dy)])
                assert shadow.contains(Point(x, y)) == ray.intersects(footprint), (x, y)

def test_no_shadow_at_night_or_without_height_and_notes_say_so():
    suns = [SunInstant("07:00", 110.0, -2.0), SunInstant("12:00", 180.0, 45.0)]
    result = building_shadows([box(0, 0, 10, 10), box(20, 0, 30, 10), box(40, 0, 50, 10)],
                              [30.0, float("nan"), 0.0], suns)
    assert [(r.instant, r.building) for r in result.records] == [(1, 0)]
    assert result.records[0].length == pytest.approx(30.0)
    text = " ".join(result.notes)
    assert "07:00" in text and "2 buildings without a positive height" in text
    assert "Flat ground" in text


def test_dissolve_per_instant_merges_overlapping_shadows():
    suns = [SunInstant("12:00", 180.0, 45.0), SunInstant("15:00", 240.0, 30.0)]
    # Two 10 m boxes 5 m apart, 10 m high: at noon the gap between them stays lit.
    footprints, heights = [box(0, 0, 10, 10), box(15, 0, 25, 10)], [10.0, 20.0]
    result = building_shadows(footprints, heights, suns, dissolve=True)
    assert [(r.instant, r.building) for r in result.records] == [(0, -1), (1, -1)]
    noon = result.records[0]
    assert noon.geometry.area == pytest.approx(10 * 20 + 10 * 30)
    assert noon.length == pytest.approx(20.0)
    separate = building_shadows(footprints, heights, suns)
    assert len(separate.records) == 4
    # At 15:00 (sun in the south-west, 30°) the low box's shadow reaches the tall one.
    afternoon = [r.geometry for r in separate.records if r.instant == 1]
    assert afternoon[0].intersects(afternoon[1])
    merged = result.records[1].geometry
    assert merged.area == pytest.approx(afternoon[0].union(afternoon[1]).area)
    assert merged.area < afternoon[0].area + afternoon[1].area - 1.0


def test_progress_reaches_one_and_cancel_stops():
    seen = []
    building_shadows([box(0, 0, 1, 1)] * 3, [5.0] * 3, [SunInstant("a", 180, 30)] * 2,
                     progress=seen.append)
    assert seen[-1] == pytest.approx(1.0) and seen == sorted(seen)

    def cancel(_fraction):
        raise ShadowsCancelled()

    with pytest.raises(ShadowsCancelled):
        building_shadows([box(0, 0, 1, 1)], [5.0], [SunInstant("a", 180, 30)], progress=cancel)


# -- the algorithm through Processing on the sample district --------------------------------

ALG = "twindistrictreview:shadows"


@pytest.fixture(scope="module")
def sample(review):
    from tests.support.processing_runs import package_layers

    layers = package_layers(review, ("buildings",))
    assert layers["buildings"].featureCount() > 10
    yield layers
    # Released here, in the module's teardown: a GeoPackage layer that a module fixture
    # yields itself is released after it, which crashes QGIS 3.22 closing its dataset.
    layers.clear()


def run(buildings, **params):
    from tests.support.processing_runs import Recorder, run_algorithm

    feedback = Recorder()
    result = run_algorithm(ALG, {"BUILDINGS": buildings, "YEAR": 2026, **params}, ("OUTPUT",),
                           feedback)
    return result["OUTPUT"], feedback.text()


def footprints_4547(buildings):
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsGeometry,
        QgsProject,
    )

    xform = QgsCoordinateTransform(buildings.crs(), QgsCoordinateReferenceSystem("EPSG:4547"),
                                   QgsProject.instance())
    out = {}
    for f in buildings.getFeatures():
        g = QgsGeometry(f.geometry())
        g.transform(xform)
        out[str(f["bim_id"])] = (g, f["height"])
    return out


def by_building(layer):
    return {f["building_id"]: f for f in layer.getFeatures()}


@QGIS
def test_dahan_noon_shadows_lie_due_north_of_each_building(sample):
    buildings = sample["buildings"]
    layer, log = run(buildings, DAY=0, TIMES="12:00")
    assert "2026-01-20" in log and "Flat ground" in log
    feet = footprints_4547(buildings)
    rows = by_building(layer)
    assert len(rows) == sum(1 for _g, h in feet.values() if h and h > 0) > 10
    for bid, f in rows.items():
        foot, height = feet[bid]
        assert f["true_solar_time"] == "12:00" and abs(f["azimuth"] - 180.0) < 0.01
        assert 47.0 < f["elevation"] < 47.6  # 90° − 22.5° − 20.2° declination + refraction
        length = height / math.tan(math.radians(f["elevation"]))
        assert f["shadow_len"] == pytest.approx(length, abs=1e-3)
        s, b = f.geometry().boundingBox(), foot.boundingBox()
        # North by exactly the shadow length; east-west as the building (EPSG:4547's grid
        # north is within 0.03° of true north here).
        assert s.yMaximum() - b.yMaximum() == pytest.approx(length, abs=0.01)
        assert s.yMinimum() == pytest.approx(b.yMinimum(), abs=0.01)
        assert s.xMinimum() == pytest.approx(b.xMinimum(), abs=0.01 + 0.001 * length)
        assert s.xMaximum() == pytest.approx(b.xMaximum(), abs=0.01 + 0.001 * length)
        assert f.geometry().buffer(0.01, 4).contains(foot)


@QGIS
def test_winter_shadows_are_longer_than_summer_ones(sample):
    buildings = sample["buildings"]
    winter, _ = run(buildings, DAY=1, TIMES="12:00")           # 冬至 2026-12-22
    summer, log = run(buildings, DAY=2, DATE="2026-06-21", TIMES="12:00")
    w, s = by_building(winter), by_building(summer)
    assert set(w) == set(s)
    assert all(w[k]["shadow_len"] > 20 * s[k]["shadow_len"] for k in w)
    # Shenzhen is inside the tropics: the June noon sun stands just north of the zenith.
    one = next(iter(s.values()))
    assert one["elevation"] > 88.5 and (one["azimuth"] < 1 or one["azimuth"] > 359)
    assert all(w[k].geometry().area() > s[k].geometry().area() for k in w)


@QGIS
def test_default_window_is_hourly_and_shadows_swing_from_west_to_east(sample):
    buildings = sample["buildings"]
    layer, _ = run(buildings, DAY=0)
    times = sorted({f["time"] for f in layer.getFeatures()})
    assert times == ["{:02d}:00".format(h) for h in range(8, 17)]
    feet = footprints_4547(buildings)
    for f in layer.getFeatures():
        foot, _h = feet[f["building_id"]]
        dx = f.geometry().centroid().asPoint().x() - foot.centroid().asPoint().x()
        if f["time"] in ("08:00", "09:00", "10:00"):
            assert dx < 0 and f["azimuth"] < 180
        elif f["time"] in ("14:00", "15:00", "16:00"):
            assert dx > 0 and f["azimuth"] > 180
    # Morning and afternoon mirror each other about true solar noon.
    first = [f for f in layer.getFeatures() if f["time"] in ("08:00", "16:00")]
    el = sorted({round(f["elevation"], 1) for f in first})
    assert len(el) <= 2 and abs(el[0] - el[-1]) < 0.3


@QGIS
def test_local_times_and_dissolve(sample):
    buildings = sample["buildings"]
    layer, log = run(buildings, DAY=0, TIMES="08:00, 12:35, 20:00", TIME_BASIS=1,
                     DISSOLVE=True)
    rows = list(layer.getFeatures())
    # 20:00 Beijing time is after sunset: no shadow then, said in the log.
    assert [f["time"] for f in rows] == ["08:00", "12:35"]
    assert "below the horizon at 20:00" in log
    assert all(f["building_id"] is None or f["building_id"] == "" or
               str(f["building_id"]) == "NULL" for f in rows)
    assert rows[1]["true_solar_time"] == "12:00"   # 12:35 BJT ≈ 12:00 true solar time
    assert rows[0]["true_solar_time"] == "07:25"


@QGIS
def test_bad_times_are_refused_in_one_sentence(sample):
    buildings = sample["buildings"]
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="HH:MM"):
        run(buildings, TIMES="noon")


@QGIS
def test_style_is_semi_transparent_grey():
    from qgis.core import QgsVectorLayer

    from plugin.core.styles import style_path

    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4547", "s", "memory")
    _msg, ok = layer.loadNamedStyle(str(style_path("shadows")))
    assert ok
    color = layer.renderer().symbol().color()
    assert color.red() == color.green() and 0 < color.alpha() < 128
