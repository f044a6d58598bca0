"""Flood impact kernel against a scene small enough to work out by hand.

Raster: 10 m cells, 10 columns × 6 rows, top-left corner (0, 60) (EPSG:4547 metres), so
cell (row r, col c) = [10c, 10c+10] × [50−10r, 60−10r]. Scenario rp20 (nan = no data):

    row 0  y 50–60   0   0   0    0    0   0    0    0    0   0
    row 1  y 40–50   0   0   0.2  0.2  0   0    0    0    0   0
    row 2  y 30–40   0   0   0.2  0.4  0   0    0.6  0.6  0   0
    row 3  y 20–30   0   0   0    0    0   0.6  1.2  0.6  0   0
    row 4  y 10–20   0   0   0    0    0   0    0    0    0   nan
    row 5  y  0–10   0   0   0    0    0   0    0    0    0   nan
               x:    0  10  20   30   40  50   60   70   80  90

Scenario rp100 = 2 × rp20, plus 0.2 m in cell (5, 0).
Classes (default thresholds 0.15 / 0.30 / 0.50 / 1.00 m): 0 dry, 1 minor, 2 moderate,
3 severe, 4 extreme; a depth equal to a threshold is in the upper class.

Districts d1 = [0, 50] × [0, 60], d2 = [50, 100] × [0, 60].

Buildings:
    A [20,40]×[30,50]  gfa 1000   cells 0.2 0.2 0.2 0.4 → mean 0.25, max 0.4: moderate (rp20);
                                  max 0.8: severe (rp100). (The mean alone would say minor.)
    B [45,55]×[20,30]  floors 4   half in each district, cells 0 (x 45–50) and 0.6 (50–55):
                                  mean 0.3, max 0.6 severe; rp100 max 1.2 extreme. GFA 400.
    C [0,10]×[0,10]    height 9   dry (rp20); 0.2 minor (rp100). GFA 100 × 3 = 300.
    D [90,100]×[0,10]  nothing    nan cell → no flood data (class −1). GFA 0.
    E far away         gfa 50     outside the raster → class −1, in no district.
Roads: R1 y = 35 from x 0 to 100 (row 2): wet (≥ 0.15) in columns 2, 3, 6, 7 → 40 m,
       20 m in each district, max 0.6 severe (rp20) / 1.2 extreme (rp100).
       R2 x = 95 from y 0 to 60 (column 9): dry, only 40 of its 60 m have data.
Stations: S1 (65, 25) 1.2 extreme; S2 (5, 55) dry; S3 far away: no data.
Facilities (polygons): F1 [60,80]×[30,40]: cells 0.6 0.6 → severe (rp20), extreme (rp100).
Gauges: g1 (30, 70) value 2.0, warn 1.5, alarm 2.5 → warn;
        g2 (90, 30) value 3.0, warn 1.5, alarm 2.5 → alarm;
        g3 far away, value 1.0, no levels → unknown.

Every expected value below is arithmetic on these numbers, not a kernel call.
"""

import math

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import LineString, Point, Polygon, box

from plugin.analysis.flood import (
    CLASS_KEYS,
    DEFAULT_THRESHOLDS,
    FloodCancelled,
    FloodInputError,
    Scenario,
    depth_class,
    flood_impact,
    parse_thresholds,
    validate_thresholds,
)
from plugin.analysis.impact_areas import cell_boxes
from plugin.analysis.zonal import Grid

CRS = "EPSG:4547"
NAN = float("nan")
GRID = Grid(x0=0.0, y0=60.0, dx=10.0, dy=10.0, width=10, height=6)


def rp20_depth():
    d = np.zeros((6, 10))
    d[1, 2:4] = 0.2
    d[2, 2], d[2, 3], d[2, 6], d[2, 7] = 0.2, 0.4, 0.6, 0.6
    d[3, 5:8] = (0.6, 1.2, 0.6)
    d[4:6, 9] = NAN
    return d


def rp100_depth():
    d = 2 * rp20_depth()
    d[5, 0] = 0.2
    return d


def gdf(rows, geoms, crs=CRS):
    return gpd.GeoDataFrame(rows, geometry=list(geoms), crs=crs)


@pytest.fixture
def scene():
    return {
        "scenarios": [Scenario("rp20", rp20_depth(), GRID), Scenario("rp100", rp100_depth(), GRID)],
        "buildings": gdf({"bim_id": ["A", "B", "C", "D", "E"],
                       "gfa": [1000, None, None, None, 50],
                       "floors": [None, 4, None, None, None],
                       "height": [None, None, 9, None, None]},
                      [box(20, 30, 40, 50), box(45, 20, 55, 30), box(0, 0, 10, 10),
                       box(90, 0, 100, 10), box(500, 500, 510, 510)]),
        "roads": gdf({"name": ["R1", "R2"]},
                  [LineString([(0, 35), (100, 35)]), LineString([(95, 0), (95, 60)])]),
        "stations": gdf({"name": ["S1", "S2", "S3"]},
                     [Point(65, 25), Point(5, 55), Point(300, 300)]),
        "facilities": gdf({"name": ["F1"]}, [box(60, 30, 80, 40)]),
        "districts": gdf({"district_id": ["d1", "d2"]},
                      [box(0, 0, 50, 60), box(50, 0, 100, 60)]),
        "gauges": gdf({"sensor_id": ["g1", "g2", "g3"], "latest_value": [2.0, 3.0, 1.0],
                    "warn_level": [1.5, 1.5, None], "alarm_level": [2.5, 2.5, None]},
                   [Point(30, 70), Point(90, 30), Point(900, 900)]),
    }


@pytest.fixture
def result(scene):
    return flood_impact(**scene)


def by(frame, column, value):
    return frame[frame[column] == value].iloc[0]


def summary_row(result, district, scenario):
    s = result.summary
    return s[(s["district_id"] == district) & (s["scenario"] == scenario)].iloc[0]


# -- classes and thresholds ------------------------------------------------------------------

def test_depth_class_boundaries_go_to_the_upper_class():
    depths = [0.0, 0.1499, 0.15, 0.2999, 0.30, 0.5, 0.99, 1.0, 7.0, NAN, -0.1]
    assert list(depth_class(depths)) == [0, 0, 1, 1, 2, 3, 3, 4, 4, -1, 0]
    assert list(depth_class([0.2, 0.6], thresholds=(0.1, 0.2, 0.3, 0.4))) == [2, 4]
    assert CLASS_KEYS == ("dry", "minor", "moderate", "severe", "extreme")
    assert DEFAULT_THRESHOLDS == (0.15, 0.30, 0.50, 1.00)


@pytest.mark.parametrize("bad, words", [
    ((0.3, 0.15, 0.5, 1.0), "strictly ascending"),
    ((0.15, 0.15, 0.5, 1.0), "strictly ascending"),
    ((0.0, 0.3, 0.5, 1.0), "positive"),
    ((-0.1, 0.3, 0.5, 1.0), "positive"),
    ((0.15, NAN, 0.5, 1.0), "positive"),
    ((0.15, 0.3, 0.5), "Give 4 depth thresholds"),
    (("a", 0.3, 0.5, 1.0), "numbers of metres"),
])
def test_bad_thresholds_are_one_sentence(bad, words):
    with pytest.raises(FloodInputError) as err:
        validate_thresholds(bad)
    message = str(err.value)
    assert words in message and message.endswith(".") and message.count(". ") == 0


def test_parse_thresholds_and_kernel_validates(scene):
    assert parse_thresholds("0.15, 0.3;0.5 1") == (0.15, 0.3, 0.5, 1.0)
    with pytest.raises(FloodInputError, match="strictly ascending"):
        parse_thresholds("1,0.5,0.3,0.15")
    with pytest.raises(FloodInputError, match="strictly ascending"):
        flood_impact(**scene, thresholds=(1.0, 0.5, 0.3, 0.15))


def test_custom_thresholds_change_classes(scene):
    r = flood_impact(**scene, thresholds=(0.1, 0.2, 0.3, 0.4))
    b = r.exposures["buildings"]
    # A max 0.4 → extreme (≥ 0.4), B max 0.6 → extreme
    assert list(b["rp20_class"])[:2] == [4, 4]
    assert by(r.impact_areas.query("scenario == 'rp20'"), "class_key", "extreme")["area_m2"] \
        == pytest.approx(600.0)  # 0.4, 0.6, 0.6, 0.6, 1.2, 0.6


# -- exposures -------------------------------------------------------------------------------

def test_building_depths_and_class_from_max(result):
    b = result.exposures["buildings"]
    assert list(b["bim_id"]) == ["A", "B", "C", "D", "E"]  # input order and columns kept
    a, bb = b.iloc[0], b.iloc[1]
    assert a["rp20_mean"] == pytest.approx(0.25)
    assert a["rp20_max"] == pytest.approx(0.4)
    assert a["rp20_wet_share"] == pytest.approx(1.0)
    assert a["rp20_class"] == 2  # from the max; the mean (0.25) would say minor
    assert a["rp100_class"] == 3
    assert bb["rp20_mean"] == pytest.approx(0.3)
    assert bb["rp20_max"] == pytest.approx(0.6)
    assert bb["rp20_wet_share"] == pytest.approx(0.5)
    assert (bb["rp20_class"], bb["rp100_class"]) == (3, 4)
    assert list(b["rp20_class"]) == [2, 3, 0, -1, -1]
    assert list(b["rp100_class"]) == [3, 4, 1, -1, -1]
    assert list(b["worst_class"]) == [3, 4, 1, -1, -1]
    assert math.isnan(b.iloc[3]["rp20_mean"]) and math.isnan(b.iloc[4]["rp20_max"])
    assert list(b["gfa_m2"]) == pytest.approx([1000, 400, 300, 0, 50])
    assert list(b["gfa_source"]) == ["gfa", "floors", "height", "none", "gfa"]


def test_road_wet_length_and_class(result):
    r = result.exposures["roads"]
    r1, r2 = r.iloc[0], r.iloc[1]
    assert r1["rp20_wet_len"] == pytest.approx(40.0)
    assert r1["rp20_max"] == pytest.approx(0.6)
    assert (r1["rp20_class"], r1["rp100_class"]) == (3, 4)
    assert r1["rp100_wet_len"] == pytest.approx(40.0)
    assert r2["rp20_wet_len"] == pytest.approx(0.0)
    assert r2["rp20_max"] == pytest.approx(0.0) and r2["rp20_class"] == 0


def test_station_and_facility_depths(result):
    s = result.exposures["stations"]
    assert s["rp20_depth"].iloc[0] == pytest.approx(1.2)
    assert s["rp20_depth"].iloc[1] == pytest.approx(0.0)
    assert math.isnan(s["rp20_depth"].iloc[2])
    assert list(s["rp20_class"]) == [4, 0, -1]
    assert list(s["rp100_class"]) == [4, 0, -1]
    f = result.exposures["facilities"]  # polygons here: polygon statistics
    assert f["rp20_mean"].iloc[0] == pytest.approx(0.6)
    assert (f["rp20_class"].iloc[0], f["rp100_class"].iloc[0]) == (3, 4)


def test_features_without_flood_data_are_noted(result):
    notes = [str(n) for n in result.notes]
    # Which ones: their ids (the frame's index) are named.
    ids = ", ".join(str(i) for i in result.exposures["buildings"].index[
        result.exposures["buildings"]["rp20_class"] == -1])
    assert "2 buildings had no flood data (outside the raster) in scenario rp20; feature " \
           "ids: {}.".format(ids) in notes
    assert any(n.startswith("2 buildings had no flood data (outside the raster) in scenario "
                            "rp100; feature ids: ") for n in notes)
    assert any(n.startswith("1 stations had no flood data (outside the raster) in scenario "
                            "rp20; feature ids: ") for n in notes)
    assert any(n.startswith("1 roads are only partly covered by flood data in scenario rp20")
               for n in notes)
    assert ("GFA source: 2 from gfa, 1 from footprint × floors, 1 from footprint × "
            "round(height / 3 m), 1 without gfa, floors or height (GFA 0).") in notes
    gfa_note = next(n for n in result.notes if str(n).startswith("GFA source"))
    assert gfa_note.args == (2, 1, 1, 1)  # template + args for translation


# -- per district ----------------------------------------------------------------------------

def test_summary_rows_per_district_and_scenario(result):
    s = result.summary
    assert list(zip(s["district_id"], s["scenario"])) == [
        ("d1", "rp20"), ("d2", "rp20"), ("d1", "rp100"), ("d2", "rp100")]


def test_building_counts_by_class_split_at_the_boundary(result):
    d1, d2 = summary_row(result, "d1", "rp20"), summary_row(result, "d2", "rp20")
    # d1: A moderate, B half severe, C dry; d2: B half severe, D no data
    assert [d1[f"buildings_{k}"] for k in CLASS_KEYS] == pytest.approx([1, 0, 1, 0.5, 0])
    assert d1["buildings_no_data"] == 0 and d1["buildings_affected"] == pytest.approx(1.5)
    assert [d2[f"buildings_{k}"] for k in CLASS_KEYS] == pytest.approx([0, 0, 0, 0.5, 0])
    assert d2["buildings_no_data"] == pytest.approx(1.0)
    assert d2["buildings_affected"] == pytest.approx(0.5)
    d1 = summary_row(result, "d1", "rp100")
    assert [d1[f"buildings_{k}"] for k in CLASS_KEYS] == pytest.approx([0, 1, 0, 1, 0.5])


def test_gfa_affected_with_a_split_building(result):
    assert summary_row(result, "d1", "rp20")["gfa_affected_m2"] == pytest.approx(1000 + 200)
    assert summary_row(result, "d2", "rp20")["gfa_affected_m2"] == pytest.approx(200)
    assert summary_row(result, "d1", "rp100")["gfa_affected_m2"] == pytest.approx(1000 + 200 + 300)


def test_road_length_affected_inside_each_district(result):
    for scenario in ("rp20", "rp100"):
        assert summary_row(result, "d1", scenario)["road_length_affected_m"] == pytest.approx(20)
        assert summary_row(result, "d2", scenario)["road_length_affected_m"] == pytest.approx(20)
    d2 = summary_row(result, "d2", "rp20")
    assert d2["roads_severe"] == pytest.approx(0.5)  # R1 by the share of its length inside
    assert d2["roads_dry"] == pytest.approx(1.0)  # R2 wholly in d2


def test_boundary_inside_a_wet_cell(scene):
    # d1 = [0, 35] × [0, 60], d2 = [35, 100] × [0, 60]: the boundary halves column 3
    scene["districts"] = gdf({"district_id": ["d1", "d2"]},
                             [box(0, 0, 35, 60), box(35, 0, 100, 60)])
    r = flood_impact(**scene)
    d1, d2 = summary_row(r, "d1", "rp20"), summary_row(r, "d2", "rp20")
    # R1 wet: column 2 (10 m) + 5 m of column 3 in d1; 5 m of column 3 + columns 6, 7 in d2
    assert d1["road_length_affected_m"] == pytest.approx(15)
    assert d2["road_length_affected_m"] == pytest.approx(25)
    # A [20, 40]: 3/4 in d1 (GFA 750), 1/4 in d2 (250); B wholly in d2 (400)
    assert d1["gfa_affected_m2"] == pytest.approx(750)
    assert d2["gfa_affected_m2"] == pytest.approx(250 + 400)
    assert d1["buildings_moderate"] == pytest.approx(0.75)
    # minor cells (1,2) (2,2) and half of (1,3) (2,3) in d1
    assert d1["impact_minor_m2"] == pytest.approx(300)
    assert d2["impact_minor_m2"] == pytest.approx(600)


def test_stations_facilities_and_impact_area_per_district(result):
    d1, d2 = summary_row(result, "d1", "rp20"), summary_row(result, "d2", "rp20")
    assert (d1["stations_affected"], d2["stations_affected"]) == (0, 1)
    assert (d1["stations_dry"], d2["stations_extreme"]) == (1, 1)
    assert (d1["facilities_affected"], d2["facilities_affected"]) == (0, 1)
    # minor cells: d1 (1,2) (1,3) (2,2) (2,3); d2 (2,6) (2,7) (3,5) (3,6) (3,7)
    assert d1["impact_minor_m2"] == pytest.approx(400)
    assert d2["impact_minor_m2"] == pytest.approx(500)
    assert d2["impact_extreme_m2"] == pytest.approx(100)
    assert d1["impact_extreme_m2"] == pytest.approx(0)


def test_without_districts_one_row_all_per_scenario(scene):
    scene.pop("districts")
    r = flood_impact(**scene)
    assert list(r.summary["district_id"]) == ["all", "all"]
    row = r.summary.iloc[0]
    assert row["buildings_affected"] == 2 and row["gfa_affected_m2"] == pytest.approx(1400)
    assert row["road_length_affected_m"] == pytest.approx(40)
    assert row["buildings_no_data"] == 2
    assert row["impact_minor_m2"] == pytest.approx(900)


def test_district_index_when_no_id_field(scene):
    r = flood_impact(**scene, district_id_field=None)
    assert list(r.summary["district_fid"]) == [0, 1, 0, 1]
    with pytest.raises(FloodInputError, match="no field 'zone'"):
        flood_impact(**scene, district_id_field="zone")


# -- comparison and impact areas -------------------------------------------------------------

def test_comparison_table_side_by_side(result):
    c = result.comparison.set_index("measure")
    assert list(result.comparison.columns) == ["measure", "rp20", "rp100"]
    expected = {
        "buildings_affected": (2, 3),
        "gfa_affected_m2": (1400, 1700),
        "roads_affected": (1, 1),
        "road_length_affected_m": (40, 40),
        "stations_affected": (1, 1),
        "facilities_affected": (1, 1),
        "impact_minor_m2": (900, 1000),
        "impact_moderate_m2": (600, 900),
        "impact_severe_m2": (500, 600),
        "impact_extreme_m2": (100, 500),
    }
    assert list(c.index) == list(expected)
    for measure, (a, b) in expected.items():
        assert (c.loc[measure, "rp20"], c.loc[measure, "rp100"]) == pytest.approx((a, b)), measure


def test_impact_areas_are_cell_counts_and_nested(result):
    areas = result.impact_areas
    assert list(areas.columns) == ["scenario", "class_key", "min_depth", "area_m2", "geometry"]
    assert areas.crs.to_epsg() == 4547
    rp20 = areas[areas["scenario"] == "rp20"]
    assert list(rp20["class_key"]) == ["minor", "moderate", "severe", "extreme"]
    assert list(rp20["min_depth"]) == [0.15, 0.30, 0.50, 1.00]
    assert list(rp20["area_m2"]) == pytest.approx([900, 600, 500, 100])
    for _, row in areas.iterrows():
        assert row.geometry.area == pytest.approx(row["area_m2"])
    for scenario in ("rp20", "rp100"):
        geoms = list(areas[areas["scenario"] == scenario].geometry)
        for outer, inner in zip(geoms, geoms[1:]):
            assert outer.buffer(1e-6).contains(inner)
    assert set(areas.geom_type) == {"MultiPolygon"}  # one geometry type for the sink
    extreme = by(rp20, "class_key", "extreme").geometry
    assert extreme.equals(box(60, 20, 70, 30))
    # rp100 minor: the west patch (4 cells), the east patch (5 cells) and the lone cell (5, 0)
    minor = by(areas[areas["scenario"] == "rp100"], "class_key", "minor").geometry
    assert minor.geom_type == "MultiPolygon"
    assert sorted(p.area for p in minor.geoms) == pytest.approx([100, 400, 500])


def test_cell_boxes_merge_runs():
    mask = np.array([[1, 1, 0, 1],
                     [1, 1, 0, 1],
                     [0, 1, 1, 1]], dtype=bool)
    boxes = cell_boxes(mask, Grid(0.0, 3.0, 1.0, 1.0, 4, 3))
    assert sum(b.area for b in boxes) == pytest.approx(mask.sum())
    assert len(boxes) == 3  # [0,2]×[1,3], [3,4]×[1,3], [1,4]×[0,1]
    assert cell_boxes(np.zeros((2, 2), bool), Grid(0.0, 2.0, 1.0, 1.0, 2, 2)) == []


def test_dry_scenario_has_no_impact_geometry(scene):
    scene["scenarios"] = [Scenario("dry", np.zeros((6, 10)), GRID)]
    r = flood_impact(**scene)
    assert list(r.impact_areas["area_m2"]) == [0, 0, 0, 0]
    assert r.impact_areas.geometry.isna().all()
    assert r.comparison.set_index("measure").loc["buildings_affected", "dry"] == 0


# -- gauges ----------------------------------------------------------------------------------

def test_nearest_gauge_for_affected_features(result):
    b = result.exposures["buildings"]
    # A (20–40, 30–50): g1 20 m away, g2 50 m; B (45–55, 20–30): g1 40 m, g2 35 m
    assert list(b["gauge_id"])[:2] == ["g1", "g2"]
    assert list(b["gauge_state"])[:2] == ["warn", "alarm"]
    assert list(b["gauge_value"])[:2] == pytest.approx([2.0, 3.0])
    assert list(b["gauge_distance_m"])[:2] == pytest.approx([20.0, 35.0])
    # C is affected in rp100 only: g1 √(20² + 60²) vs g2 √(80² + 20²)
    assert b["gauge_id"].iloc[2] == "g1"
    assert b["gauge_id"].iloc[3] is None and math.isnan(b["gauge_value"].iloc[3])
    assert result.exposures["stations"]["gauge_id"].iloc[0] == "g2"
    assert result.exposures["stations"]["gauge_id"].iloc[1] is None
    assert result.exposures["roads"]["gauge_id"].iloc[0] == "g2"
    assert result.exposures["facilities"]["gauge_state"].iloc[0] == "alarm"


def test_gauge_state_unknown_and_missing_fields(scene):
    scene["gauges"] = scene["gauges"].iloc[[2]]  # only g3: no levels
    r = flood_impact(**scene)
    assert r.exposures["buildings"]["gauge_state"].iloc[0] == "unknown"
    scene["gauges"] = scene["gauges"].drop(columns=["latest_value"])
    r = flood_impact(**scene)
    assert "gauge_id" not in r.exposures["buildings"].columns
    assert any("no field latest_value" in str(n) for n in r.notes)
    scene["gauges"] = gdf({"latest_value": [1.0]}, [Point(0, 0)])
    r = flood_impact(**scene)
    assert r.exposures["buildings"]["gauge_state"].iloc[0] == "unknown"
    assert r.exposures["buildings"]["gauge_id"].iloc[0] == 0  # the feature index
    notes = [str(n) for n in r.notes]
    assert any("no field sensor_id" in n for n in notes)
    assert any("no field warn_level or alarm_level" in n for n in notes)


# -- awkward input ---------------------------------------------------------------------------

def test_empty_and_missing_layers(scene):
    scene["buildings"] = scene["buildings"].iloc[0:0]
    scene.pop("stations")
    r = flood_impact(**scene)
    assert "The buildings layer has no features." in [str(n) for n in r.notes]
    assert len(r.exposures["buildings"]) == 0 and "rp20_class" in r.exposures["buildings"]
    assert "stations" not in r.exposures
    assert "stations_affected" not in r.summary.columns
    row = summary_row(r, "d1", "rp20")
    assert row["buildings_affected"] == 0 and row["gfa_affected_m2"] == 0
    c = r.comparison.set_index("measure")
    assert c.loc["buildings_affected", "rp20"] == 0
    assert "stations_affected" not in c.index


def test_only_rasters_gives_impact_areas(scene):
    r = flood_impact(scene["scenarios"])
    assert r.exposures == {}
    assert next(iter(r.comparison["measure"])) == "impact_minor_m2"
    assert any("only the impact areas" in str(n) for n in r.notes)


def test_invalid_geometries_repaired_or_skipped(scene):
    bowtie = Polygon([(20, 30), (40, 50), (40, 30), (20, 50)])  # self-intersecting
    scene["buildings"] = gdf({"gfa": [100, 100]}, [bowtie, None])
    r = flood_impact(**scene)
    notes = [str(n) for n in r.notes]
    assert "1 invalid building geometries were repaired (make_valid)." in notes
    assert "1 building features without usable geometry were skipped." in notes
    b = r.exposures["buildings"]
    assert b["rp20_class"].iloc[0] == 2 and b["rp20_class"].iloc[1] == -1


def test_mixed_geometry_layer_keeps_the_common_type(scene):
    scene["facilities"] = gdf({"name": ["F1", "F2", "P"]},
                              [box(60, 30, 80, 40), box(0, 0, 5, 5), Point(65, 25)])
    r = flood_impact(**scene)
    f = r.exposures["facilities"]
    assert list(f["rp20_class"]) == [3, 0, -1] and "rp20_mean" in f.columns
    assert "1 facility features without usable geometry were skipped." in [
        str(n) for n in r.notes]


def test_bad_input_is_one_clear_sentence(scene):
    with pytest.raises(FloodInputError, match="at least one flood-depth raster"):
        flood_impact([])
    with pytest.raises(FloodInputError, match="unique"):
        flood_impact([scene["scenarios"][0], scene["scenarios"][0]])
    with pytest.raises(FloodInputError, match="does not match its raster size"):
        flood_impact([Scenario("x", np.zeros((3, 3)), GRID)])
    with pytest.raises(FloodInputError, match="geographic CRS"):
        flood_impact(scene["scenarios"], buildings=scene["buildings"].set_crs(
            "EPSG:4490", allow_override=True))
    with pytest.raises(FloodInputError, match="same CRS"):
        flood_impact(scene["scenarios"], buildings=scene["buildings"],
                     roads=scene["roads"].set_crs("EPSG:32650", allow_override=True))


def test_progress_reaches_one_and_can_cancel(scene):
    seen = []
    flood_impact(**scene, progress=seen.append)
    assert seen[-1] == 1.0 and all(0 <= f <= 1 for f in seen)
    assert seen == sorted(seen)

    def cancel(fraction):
        if fraction > 0.3:
            raise FloodCancelled()
    with pytest.raises(FloodCancelled):
        flood_impact(**scene, progress=cancel)
