"""Sun position, true solar time and standard days (plugin/analysis/sun.py), checked against
pvlib's independent NREL SPA implementation and published calendars; and the "sunposition"
algorithm through Processing.

The kernel checks need only numpy (+ pvlib for the reference, skipped where absent)."""

import datetime
import importlib.util

import numpy as np
import pytest

from plugin.analysis import sun

PLACES = [(22.54, 114.05), (40.0, 116.4), (60.0, 10.0), (-33.9, 151.2)]  # Shenzhen first
SHENZHEN_LON = 114.0577
# The Processing tests need QGIS (pytest-qgis); the kernel tests also run in QGIS's
# own Python (tests/test_stock_python.py), which has no pytest-qgis.
QGIS = pytest.mark.skipif(importlib.util.find_spec("pytest_qgis") is None,
                          reason="needs QGIS Processing (pytest-qgis)")


def _spa(times, lat, lon):
    pvlib = pytest.importorskip("pvlib")
    return pvlib.solarposition.spa_python(times, lat, lon, altitude=0, pressure=101325,
                                          temperature=12, delta_t=69.0, atmos_refract=0.5667)


def _angle_diff(a, b):
    return (np.asarray(a) - np.asarray(b) + 180.0) % 360.0 - 180.0


@pytest.mark.parametrize("lat,lon", PLACES)
def test_position_within_a_hundredth_of_a_degree_of_spa_over_a_year(lat, lon):
    pd = pytest.importorskip("pandas")
    times = pd.date_range("2025-01-01", "2026-01-01", freq="2h")  # 4381 instants
    ref = _spa(times, lat, lon)
    az, el = sun.solar_position(lon, lat, times.values)
    up = ref.apparent_elevation.values > -1.0
    assert up.sum() > 1500
    # Measured: az ≤ 0.0025° (at Shenzhen, near the zenith in summer), el ≤ 0.0004°.
    assert np.abs(_angle_diff(az, ref.azimuth.values))[up].max() < 0.003
    assert np.abs(el - ref.apparent_elevation.values)[up].max() < 0.001
    assert ((az >= 0) & (az < 360)).all()


def test_position_holds_over_decades_and_every_ten_minutes_on_dahan():
    pd = pytest.importorskip("pandas")
    lat, lon = PLACES[0]
    decades = pd.date_range("1990-01-01", "2040-01-01", freq="97h")  # drifts over the clock
    minutes = pd.date_range("2026-01-19T22:00", "2026-01-20T12:00", freq="10min")
    for times in (decades, minutes):
        ref = _spa(times, lat, lon)
        az, el = sun.solar_position(lon, lat, times.values)
        up = ref.apparent_elevation.values > -1.0
        assert np.abs(_angle_diff(az, ref.azimuth.values))[up].max() < 0.01
        assert np.abs(el - ref.apparent_elevation.values)[up].max() < 0.01


def test_noon_sun_is_due_south_and_arrays_broadcast():
    # At true solar noon the sun crosses the meridian: azimuth 180° north of the tropics.
    day = datetime.date(2026, 1, 20)
    noon = sun.true_solar_to_utc(day, SHENZHEN_LON, 12.0)
    az, el = sun.solar_position(SHENZHEN_LON, 22.54, noon)
    assert abs(az - 180.0) < 0.01
    # Noon elevation ≈ 90 − latitude + declination (−20.2° on 20 Jan) + refraction.
    assert 47.0 < el < 47.6
    az2, el2 = sun.solar_position(np.array([[100.0], [120.0]]), 22.54, np.array([noon] * 3))
    assert az2.shape == el2.shape == (2, 3)


@pytest.mark.parametrize("year,dahan,dongzhi", [
    (2020, "2020-01-20", "2020-12-21"), (2022, "2022-01-20", "2022-12-22"),
    (2023, "2023-01-20", "2023-12-22"), (2024, "2024-01-20", "2024-12-21"),
    (2025, "2025-01-20", "2025-12-21"), (2026, "2026-01-20", "2026-12-22"),
    (2027, "2027-01-20", "2027-12-22")])
def test_standard_days_match_the_chinese_calendar(year, dahan, dongzhi):
    # Published 节气 dates (Beijing time); 2025's 冬至 falls at 23:03, an hour before midnight.
    assert sun.standard_day(year, "dahan") == datetime.date.fromisoformat(dahan)
    assert sun.standard_day(year, "dongzhi") == datetime.date.fromisoformat(dongzhi)


def test_standard_day_depends_on_the_zone():
    # 2025 冬至 is 15:03 UTC: still the 21st in UTC+8, the 22nd in UTC+9.
    assert sun.standard_day(2025, "dongzhi", utc_offset_hours=9) == datetime.date(2025, 12, 22)
    with pytest.raises(ValueError):
        sun.standard_day(2025, "xiazhi")


@pytest.mark.parametrize("year", [2000, 2025, 2026, 2035])
@pytest.mark.parametrize("which,target", [("dahan", 300.0), ("dongzhi", 270.0)])
def test_standard_instant_is_where_spa_puts_the_solar_longitude(year, which, target):
    spa = pytest.importorskip("pvlib.spa")
    instant = sun.standard_instant(year, which)
    unixtime = instant.astype(np.int64).astype(float)
    jd = spa.julian_day(unixtime)
    jme = spa.julian_ephemeris_millennium(spa.julian_ephemeris_century(
        spa.julian_ephemeris_day(jd, 69.0)))
    helio_l = spa.heliocentric_longitude(jme)
    radius = spa.heliocentric_radius_vector(jme)
    jce = spa.julian_ephemeris_century(spa.julian_ephemeris_day(jd, 69.0))
    x = [f(jce) for f in (spa.mean_elongation, spa.mean_anomaly_sun, spa.mean_anomaly_moon,
                          spa.moon_argument_latitude, spa.moon_ascending_longitude)]
    out = np.zeros(2)
    spa.longitude_obliquity_nutation(jce, *x, out)
    nut_lon = out[0]
    lam = spa.apparent_sun_longitude(spa.geocentric_longitude(helio_l), nut_lon,
                                     spa.aberration_correction(radius))
    # The sun moves 0.0007° per minute: within a minute of SPA's instant.
    assert abs(_angle_diff(lam, target)) < 0.0007


def test_equation_of_time_matches_spa():
    pd = pytest.importorskip("pandas")
    times = pd.date_range("2025-01-01", "2026-01-01", freq="6h")
    ref = _spa(times, 22.54, 114.05)
    eot = sun.equation_of_time(times.values)
    assert np.abs(eot - ref.equation_of_time.values).max() < 0.01  # minutes (measured 0.0015)
    # Familiar values: about −11 min late January, +16.4 min early November.
    assert -11.5 < sun.equation_of_time(np.datetime64("2026-01-20T04:00")) < -10.5
    assert 16.2 < sun.equation_of_time(np.datetime64("2025-11-03T04:00")) < 16.6


def test_true_solar_window_converts_by_hand():
    day = datetime.date(2026, 1, 20)
    utc = sun.true_solar_to_utc(day, SHENZHEN_LON, np.array([8.0, 16.0]))
    # By hand: UTC = TST − longitude/15 h − EoT; EoT at the instant (−10.86 min, checked
    # above against SPA) changes by under a second over the shift.
    eot = sun.equation_of_time(utc)
    lmt_offset = SHENZHEN_LON / 15.0 * 3600.0
    expected = [np.datetime64("2026-01-20T00:00:00") + np.timedelta64(
        int(round(h * 3600 - lmt_offset - e * 60)), "s") for h, e in zip((8.0, 16.0), eot)]
    assert list(utc) == expected
    assert str(utc[0]) == "2026-01-20T00:34:38"  # 08:34:38 Beijing time
    # The 08:00–16:00 window: 480 one-minute steps, each standing for the minute it starts.
    steps = sun.window_instants(day, SHENZHEN_LON, 8.0, 16.0)
    assert len(steps) == 480 and steps[0] == utc[0]
    assert abs((utc[1] - steps[-1]).astype(int) - 60) <= 1
    assert len(sun.window_instants(day, SHENZHEN_LON, 9.0, 15.0, step_minutes=10)) == 36


@QGIS
def test_sun_position_algorithm(provider):
    import processing

    # A point given in EPSG:4547 (the analysis CRS) near Xiangmihu, Shenzhen.
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsPointXY,
        QgsProcessingContext,
        QgsProject,
    )
    wgs = QgsCoordinateReferenceSystem("EPSG:4326")
    cgcs = QgsCoordinateReferenceSystem("EPSG:4547")
    xform = QgsCoordinateTransform(wgs, cgcs, QgsProject.instance())
    p = xform.transform(QgsPointXY(SHENZHEN_LON, 22.54))
    context = QgsProcessingContext()
    result = processing.run("twindistrictreview:sunposition", {
        "LOCATION": f"{p.x()},{p.y()} [EPSG:4547]", "DAY": 0, "YEAR": 2026, "STEP": 10,
        "UTC_OFFSET": 8.0, "OUTPUT": "TEMPORARY_OUTPUT"}, context=context)
    assert result["DATE"] == "2026-01-20"
    layer = result["OUTPUT"]
    if isinstance(layer, str):
        layer = context.getMapLayer(layer)
    rows = [f.attributes() for f in layer.getFeatures()]
    names = layer.fields().names()
    assert names[:4] == ["local_time", "true_solar_time", "azimuth", "elevation"]
    els = [r[names.index("elevation")] for r in rows]
    assert min(els) > 0 and 47.0 < max(els) < 47.6  # daylight only; noon as above
    tst = [r[names.index("true_solar_time")] for r in rows]
    assert "12:00" in tst  # the steps run on true solar time
    noon = rows[tst.index("12:00")]
    assert abs(noon[names.index("azimuth")] - 180.0) < 0.05
    assert noon[names.index("local_time")].startswith("2026-01-20 12:3")  # 12:34 BJT
    assert result["FIRST_ABOVE"] < result["LAST_ABOVE"]


@QGIS
def test_sun_position_on_a_given_date_and_in_polar_night(provider):
    import processing
    from qgis.core import QgsProcessingException

    result = processing.run("twindistrictreview:sunposition", {
        "LOCATION": "114.0577,22.54 [EPSG:4326]", "DAY": 2, "DATE": "2026-06-21",
        "STEP": 30, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert result["DATE"] == "2026-06-21"
    # Longest day at Shenzhen: about 13.5 h of daylight; first step after 05:40 BJT.
    rows = list(result["OUTPUT"].getFeatures())
    assert 26 <= len(rows) <= 28
    assert "05:4" < result["FIRST_ABOVE"][11:] < "06:1"
    night = processing.run("twindistrictreview:sunposition", {
        "LOCATION": "20.0,80.0 [EPSG:4326]", "DAY": 1, "YEAR": 2026,
        "OUTPUT": "TEMPORARY_OUTPUT"})
    assert night["OUTPUT"].featureCount() == 0 and night["FIRST_ABOVE"] == ""
    with pytest.raises(QgsProcessingException, match="YYYY-MM-DD"):
        processing.run("twindistrictreview:sunposition", {
            "LOCATION": "114.0,22.5 [EPSG:4326]", "DAY": 2, "DATE": "21/06/2026",
            "OUTPUT": "TEMPORARY_OUTPUT"})
