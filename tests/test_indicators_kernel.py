"""District indicators kernel against a scene small enough to work out by hand.

Two 100 m × 100 m districts side by side (EPSG:4547 metres):

    d1 = [0, 100] × [0, 100]      d2 = [100, 200] × [0, 100]

Buildings (footprint, attributes, how GFA follows):
    A [10,30]×[10,30]   400 m²  gfa 2400, floors 6, h 20, residential  → 2400 (gfa)
    B [40,60]×[10,20]   200 m²  floors 10, h 35, office                → 2000 (floors)
    C [10,30]×[50,60]   200 m²  h 61, commercial                       → 200 × round(61/3)=20 → 4000
    S [90,110]×[40,60]  400 m²  gfa 4000, h 120, office — half in each district
    E [150,160]×[50,60] 100 m²  nothing known                          → 0
    F [120,140]×[10,30] 400 m²  floors 80, h 260, residential          → 32000

Every expected value below is arithmetic on these numbers, not a kernel call.
"""

import math

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import Point, Polygon, box

from plugin.analysis.indicators import IndicatorInputError, district_indicators

CRS = "EPSG:4547"
NAN = float("nan")


def gdf(rows, geoms, crs=CRS):
    return gpd.GeoDataFrame(rows, geometry=list(geoms), crs=crs)


@pytest.fixture
def scene():
    districts = gdf({"district_id": ["d1", "d2"], "name": ["一", "二"]},
                    [box(0, 0, 100, 100), box(100, 0, 200, 100)])
    buildings = gdf(
        {
            "bim_id": ["A", "B", "C", "S", "E", "F"],
            "gfa": [2400, None, None, 4000, None, None],
            "floors": [6, 10, None, None, None, 80],
            "height": [20, 35, 61, 120, None, 260],
            "use": ["residential", "office", "commercial", "office", None, "residential"],
        },
        [box(10, 10, 30, 30), box(40, 10, 60, 20), box(10, 50, 30, 60),
         box(90, 40, 110, 60), box(150, 50, 160, 60), box(120, 10, 140, 30)],
    )
    green = gdf({"name": ["g1", "g2", "g3"]},
                [box(0, 70, 40, 100), box(20, 80, 60, 100), box(90, 80, 120, 100)])
    stations = gdf({"name": ["west", "far"]}, [Point(-480, 20), Point(1500, 1500)])
    chargers = gdf({"name": ["east"]}, [Point(600, 55)])
    sensors = gdf(
        {
            "sensor_id": ["s1", "s2", "s3", "s4", "s5"],
            "observed_property": ["water_level", "water_level", "rainfall", "rainfall", "rainfall"],
            "status": ["online", "offline", "online", "offline", "online"],
        },
        [Point(5, 5), Point(95, 95), Point(50, 50), Point(150, 5), Point(500, 500)],
    )
    return dict(districts=districts, buildings=buildings, green=green, stations=stations,
                chargers=chargers, sensors=sensors)


@pytest.fixture
def result(scene):
    return district_indicators(**scene, distances=(500, 800))


def row(result, did):
    t = result.table
    return t[t["district_id"] == did].iloc[0]


def test_rows_follow_input_order_with_ids(result):
    assert list(result.table["district_id"]) == ["d1", "d2"]


def test_areas_counts_gfa_far_density(result):
    d1, d2 = row(result, "d1"), row(result, "d2")
    land = 100 * 100
    assert d1.land_area_m2 == pytest.approx(land)
    assert d2.land_area_m2 == pytest.approx(land)
    # d1: A, B, C whole, S half (its footprint [90,100]×[40,60] = 200 of 400 m²).
    assert d1.building_count == pytest.approx(1 + 1 + 1 + 0.5)
    assert d1.footprint_m2 == pytest.approx(400 + 200 + 200 + 400 / 2)
    gfa_d1 = 2400 + 200 * 10 + 200 * 20 + 4000 / 2
    assert d1.gfa_m2 == pytest.approx(gfa_d1)
    assert d1.far == pytest.approx(gfa_d1 / land)
    assert d1.density == pytest.approx(1000 / land)
    # d2: S half, E whole (GFA unknown → 0), F whole.
    assert d2.building_count == pytest.approx(0.5 + 1 + 1)
    assert d2.footprint_m2 == pytest.approx(200 + 100 + 400)
    gfa_d2 = 4000 / 2 + 0 + 400 * 80
    assert d2.gfa_m2 == pytest.approx(gfa_d2)
    assert d2.far == pytest.approx(gfa_d2 / land)
    assert d2.density == pytest.approx(700 / land)


def test_gfa_fallback_counts_are_reported(result):
    text = " ".join(result.notes)
    assert "2 from gfa, 2 from footprint × floors, 1 from footprint × round(height / 3 m), " \
           "1 without gfa" in text
    assert "1 buildings have no height" in text


def test_green_ratio_counts_overlaps_once(result):
    d1, d2 = row(result, "d1"), row(result, "d2")
    g1, g2, overlap = 40 * 30, 40 * 20, 20 * 20  # g1 ∩ g2 = [20,40]×[80,100]
    g3_in_d1, g3_in_d2 = 10 * 20, 20 * 20
    assert d1.green_m2 == pytest.approx(g1 + g2 - overlap + g3_in_d1)
    assert d1.green_ratio == pytest.approx((g1 + g2 - overlap + g3_in_d1) / 10000)
    assert d2.green_ratio == pytest.approx(g3_in_d2 / 10000)


def test_heights_and_bands(result):
    d1, d2 = row(result, "d1"), row(result, "d2")
    assert d1.height_mean_m == pytest.approx((20 + 35 + 61 + 0.5 * 120) / 3.5)
    assert d1.height_max_m == 120
    assert (d1.h_0_24, d1.h_24_50, d1.h_50_100, d1.h_100_250, d1.h_250_plus) == \
        pytest.approx((1, 1, 1, 0.5, 0))
    # E has no height: left out of mean and bands.
    assert d2.height_mean_m == pytest.approx((0.5 * 120 + 260) / 1.5)
    assert d2.height_max_m == 260
    assert (d2.h_0_24, d2.h_24_50, d2.h_50_100, d2.h_100_250, d2.h_250_plus) == \
        pytest.approx((0, 0, 0, 0.5, 1))


def test_land_use_mix(result):
    d1, d2 = row(result, "d1"), row(result, "d2")
    total = 10400
    shares = {"residential": 2400 / total, "office": (2000 + 2000) / total,
              "commercial": 4000 / total}
    for use, p in shares.items():
        assert d1[f"use_share_{use}"] == pytest.approx(p)
    assert d1.use_entropy == pytest.approx(-sum(p * math.log(p) for p in shares.values()))
    # d2: office 2000, residential 32000; E (use unknown) carries no GFA.
    assert d2.use_share_office == pytest.approx(2000 / 34000)
    assert d2.use_share_residential == pytest.approx(32000 / 34000)
    assert d2.use_share_commercial == 0
    assert d2.use_share_unknown == 0
    p = np.array([2000, 32000]) / 34000
    assert d2.use_entropy == pytest.approx(-(p * np.log(p)).sum())


def test_metro_and_charger_coverage(result):
    d1, d2 = row(result, "d1"), row(result, "d2")
    # Station (-480, 20), nearest footprint points: A (10,20) 490 m; C (10,50)
    # hypot(490, 30) ≈ 491 m; B (40,20) 520 m; S (90,40) ≈ 570 m; F (120,20) 600 m;
    # E (150,50) ≈ 631 m. The station at (1500,1500) is beyond 800 m of all.
    assert math.hypot(490, 30) < 500 < 520
    assert d1.metro_cov_500_bldg == pytest.approx(2 / 3.5)
    assert d1.metro_cov_500_gfa == pytest.approx((2400 + 4000) / 10400)
    assert d1.metro_cov_800_bldg == pytest.approx(1)
    assert d1.metro_cov_800_gfa == pytest.approx(1)
    assert d2.metro_cov_500_bldg == 0 and d2.metro_cov_500_gfa == 0
    assert d2.metro_cov_800_bldg == pytest.approx(1)
    # Charger (600, 55): S 490 m, E 440 m, F hypot(460, 25) m within 500; A, B, C beyond.
    assert d1.charger_cov_500_bldg == pytest.approx(0.5 / 3.5)
    assert d1.charger_cov_500_gfa == pytest.approx(2000 / 10400)
    assert d1.charger_cov_800_bldg == pytest.approx(1)
    assert d2.charger_cov_500_bldg == pytest.approx(1)
    assert d2.charger_cov_500_gfa == pytest.approx(1)


def test_sensors_by_kind_and_online_share(result):
    d1, d2 = row(result, "d1"), row(result, "d2")
    assert (d1.sensors_total, d1.sensors_water_level, d1.sensors_rainfall) == (3, 2, 1)
    assert d1.sensors_online_share == pytest.approx(2 / 3)
    assert (d2.sensors_total, d2.sensors_water_level, d2.sensors_rainfall) == (1, 0, 1)
    assert d2.sensors_online_share == 0


def test_missing_optional_layers_leave_columns_out_with_notes(scene):
    res = district_indicators(scene["districts"], scene["buildings"])
    cols = set(res.table.columns)
    assert "far" in cols and "use_entropy" in cols
    assert not {c for c in cols if "green" in c or "_cov_" in c or c.startswith("sensors")}
    text = " ".join(res.notes)
    for word in ("green", "metro", "charger", "facility", "sensors"):
        assert word in text
    assert res.help["far"].startswith("floor-area ratio")


def test_invalid_geometry_is_repaired_and_counted(scene):
    bowtie = Polygon([(0, 0), (10, 10), (10, 0), (0, 10)])  # two triangles of 25 m²
    buildings = gdf({"floors": [2, 3], "height": [6, 9]},
                    [bowtie, Polygon()])
    res = district_indicators(scene["districts"], buildings)
    d1 = row(res, "d1")
    assert d1.footprint_m2 == pytest.approx(50)
    assert d1.gfa_m2 == pytest.approx(50 * 2)
    assert d1.building_count == pytest.approx(1)
    text = " ".join(res.notes)
    assert "1 invalid building geometries were repaired" in text
    assert "1 building features without usable geometry were skipped" in text


def test_feature_index_when_no_id_field(scene):
    res = district_indicators(scene["districts"], scene["buildings"], id_field=None)
    assert list(res.table["district_fid"]) == [0, 1]


def test_district_without_buildings_has_zero_far_and_nan_shares(scene):
    districts = gdf({"district_id": ["empty"]}, [box(1000, 1000, 1100, 1100)])
    res = district_indicators(districts, scene["buildings"], stations=scene["stations"])
    r = res.table.iloc[0]
    assert r.building_count == 0 and r.far == 0
    assert np.isnan(r.height_mean_m) and np.isnan(r.metro_cov_500_bldg)


def test_bad_input_is_one_clear_sentence(scene):
    with pytest.raises(IndicatorInputError, match="none of the fields gfa, floors or height"):
        district_indicators(scene["districts"], scene["buildings"][["use", "geometry"]])
    with pytest.raises(IndicatorInputError, match="geographic CRS"):
        district_indicators(scene["districts"].to_crs("EPSG:4326"),
                            scene["buildings"].to_crs("EPSG:4326"))
    with pytest.raises(IndicatorInputError, match="no features"):
        district_indicators(scene["districts"], scene["buildings"].iloc[:0])
