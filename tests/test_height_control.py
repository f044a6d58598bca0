"""Height control: the kernel on hand-drawn boxes, then the algorithm through Processing on
the reviewed sample district, checked against shapely computed here.

The kernel tests (test_kernel_*) need neither QGIS nor the sample; they also run under
QGIS's own Python: /usr/bin/python3 -m pytest tests/test_height_control.py -k kernel.
"""

import math

import numpy as np
import pytest
from shapely.geometry import box

from plugin.analysis.height_control import (
    EXCEEDS,
    NO_CONTROL,
    NO_HEIGHT,
    PARCEL,
    WITHIN,
    ZONE,
    Controls,
    check_heights,
)


def zones(*specs):
    """Zones from (geometry, max_height, id, name)."""
    return Controls(ZONE, [s[0] for s in specs], [s[1] for s in specs],
                    [s[2] for s in specs], [s[3] for s in specs])


def parcels(*specs):
    return Controls(PARCEL, [s[0] for s in specs], [s[1] for s in specs],
                    [s[2] for s in specs])


def test_kernel_cap_of_100_m_against_a_120_m_building_is_20_m_over():
    check = check_heights([box(10, 10, 30, 30), box(60, 10, 80, 30)], [120.0, 80.0],
                          [zones((box(0, 0, 100, 100), 100.0, "z1", "Core"))],
                          ids=["tall", "low"])
    b = check.buildings.set_index("building")
    assert b.loc["tall", "status"] == EXCEEDS
    assert b.loc["tall", "excess"] == pytest.approx(20.0)
    assert b.loc["tall", "cap"] == 100.0
    assert (b.loc["tall", "control_id"], b.loc["tall", "control_name"]) == ("z1", "Core")
    assert b.loc["low", "status"] == WITHIN and b.loc["low", "excess"] == pytest.approx(-20.0)
    assert check.summary() == {"buildings": 2, "checked": 2, "exceeding": 1,
                               "max_excess": 20.0, "no_height": 0, "no_control": 0}
    assert list(check.exceeding["building"]) == ["tall"]
    assert check.notes == []


def test_kernel_where_two_zones_overlap_the_strictest_wins():
    # Zone A (150 m) covers x 0–100, zone B (60 m) x 50–150: the building spans both.
    check = check_heights([box(40, 10, 60, 30)], [90.0],
                          [zones((box(0, 0, 100, 100), 150.0, "a", "General"),
                                 (box(50, 0, 150, 100), 60.0, "b", "Lakeside"))])
    row = check.buildings.iloc[0]
    assert row["cap"] == 60.0 and row["control_id"] == "b" and row["source"] == ZONE
    assert row["excess"] == pytest.approx(30.0)
    assert row["controls"] == 2
    assert row["cap_set_by"] == "zone b"


def test_kernel_a_stricter_parcel_cap_wins_over_the_zone():
    site = box(0, 0, 50, 50)
    check = check_heights([box(10, 10, 20, 20)], [100.0],
                          [parcels((site, 80.0, "P1")),
                           zones((box(-100, -100, 100, 100), 150.0, "z", "General"))])
    row = check.buildings.iloc[0]
    assert (row["cap"], row["source"], row["control_id"]) == (80.0, PARCEL, "P1")
    assert row["parcel_cap"] == 80.0 and row["zone_cap"] == 150.0 and row["zone_id"] == "z"
    assert row["excess"] == pytest.approx(20.0)


def test_kernel_equal_caps_name_every_control_setting_them():
    check = check_heights([box(10, 10, 20, 20)], [100.0],
                          [parcels((box(0, 0, 50, 50), 90.0, "P1")),
                           zones((box(0, 0, 50, 50), 90.0, "z", "General"))])
    row = check.buildings.iloc[0]
    assert row["source"] == PARCEL and row["cap_set_by"] == "parcel P1; zone z"


def test_kernel_touching_a_zone_along_its_boundary_does_not_put_a_building_under_it():
    strict = (box(100, 0, 200, 100), 30.0, "strict", "Strict")
    loose = (box(0, 0, 100, 100), 200.0, "loose", "Loose")
    footprints = [box(80, 10, 100, 30),          # shares the edge x = 100 with "strict"
                  box(80, 40, 100.02, 60),       # 0.4 m² over the edge: a sliver
                  box(80, 70, 100.1, 90)]        # 2 m² over the edge: governed
    check = check_heights(footprints, [50.0, 50.0, 50.0], [zones(strict, loose)],
                          ids=["edge", "sliver", "over"])
    b = check.buildings.set_index("building")
    assert b.loc["edge", "control_id"] == "loose" and b.loc["edge", "controls"] == 1
    assert b.loc["sliver", "control_id"] == "loose" and b.loc["sliver", "status"] == WITHIN
    assert b.loc["over", "control_id"] == "strict" and b.loc["over", "status"] == EXCEEDS
    assert b.loc["over", "excess"] == pytest.approx(20.0)


def test_kernel_null_caps_are_no_cap_and_unchecked_buildings_are_named():
    check = check_heights(
        [box(0, 0, 10, 10), box(20, 0, 30, 10), box(500, 500, 510, 510), box(40, 0, 50, 10)],
        [50.0, float("nan"), 40.0, 10.0],
        [parcels((box(-5, -5, 60, 15), float("nan"), "P-null"),
                 (box(35, -5, 60, 15), 24.0, "P-24"))],
        ids=["no-cap", "no-height", "outside", "ok"])
    b = check.buildings.set_index("building")
    assert b.loc["no-cap", "status"] == NO_CONTROL and math.isnan(b.loc["no-cap", "cap"])
    assert b.loc["no-height", "status"] == NO_HEIGHT
    assert b.loc["outside", "status"] == NO_CONTROL
    assert b.loc["ok", "status"] == WITHIN and b.loc["ok", "control_id"] == "P-24"
    assert check.summary()["checked"] == 1 and check.summary()["no_control"] == 2
    text = " ".join(check.notes)
    assert "1 buildings have no height" in text and "no-height" in text
    assert "2 buildings lie in no parcel or zone" in text
    assert "no-cap" in text and "outside" in text


def test_kernel_multipolygon_buildings_and_many_unchecked_are_summarised():
    from shapely.geometry import MultiPolygon

    towers = MultiPolygon([box(0, 0, 10, 10), box(200, 0, 210, 10)])  # one part in a zone
    far = [box(1000 + 20 * i, 1000, 1010 + 20 * i, 1010) for i in range(12)]
    check = check_heights([towers] + far, np.full(13, 70.0),
                          [zones((box(150, -50, 300, 50), 60.0, "z", "Z"))])
    assert check.buildings.iloc[0]["excess"] == pytest.approx(10.0)
    assert "(+2)" in " ".join(check.notes)      # ten named, the rest counted


# -- the algorithm through Processing on the sample district --------------------------------

ALG = "twindistrictreview:heightcontrol"


def run(params):
    from tests.support.processing_runs import Recorder, run_algorithm

    feedback = Recorder()
    return run_algorithm(ALG, params, ("OUTPUT",), feedback), feedback


def rows(layer):
    from tests.support.processing_runs import rows

    return rows(layer, "building_id")


@pytest.fixture(scope="module")
def sample(review):
    from tests.support.processing_runs import package_layers

    layers = package_layers(review, ("buildings", "parcels", "height_control", "scheme_s1_a",
                                     "scheme_s1_b"))
    layers["gpkg"] = review["GEOPACKAGE"]
    yield layers
    layers.clear()


def expected_excess(gpkg, layer, control_layers):
    """Independently: overlay with geopandas in EPSG:4547, overlaps ≥ 0.5 m², lowest cap."""
    import geopandas as gpd

    b = gpd.read_file(gpkg, layer=layer).to_crs(4547)[["bim_id", "height", "geometry"]]
    caps = []
    for name, field in control_layers:
        c = gpd.read_file(gpkg, layer=name).to_crs(4547)
        c = c[c[field].notna()][[field, "geometry"]].rename(columns={field: "cap"})
        o = gpd.overlay(b, c, how="intersection", keep_geom_type=True)
        caps.append(o[o.area >= 0.5][["bim_id", "height", "cap"]])
    import pandas as pd

    cap = pd.concat(caps).groupby("bim_id").agg(height=("height", "first"), cap=("cap", "min"))
    over = cap[cap["height"] > cap["cap"]]
    return {i: h - c for i, h, c in zip(over.index, over["height"], over["cap"])}, len(cap)


def test_algorithm_is_registered(provider):
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById(ALG)
    assert alg is not None and alg.displayName() == "Height control check"
    assert "高度控制" in alg.shortHelpString() and "0.5 m²" in alg.shortHelpString()


def test_scheme_a_towers_exceed_the_zone_and_match_shapely(sample):
    results, feedback = run({"BUILDINGS": sample["scheme_s1_a"],
                             "ZONES": sample["height_control"]})
    out = rows(results["OUTPUT"])
    expected, governed = expected_excess(sample["gpkg"], "scheme_s1_a",
                                         [("height_control", "max_height")])
    assert set(out) == set(expected) == {"SZ-S1-A-01", "SZ-S1-A-02"}
    for bim, excess in expected.items():
        assert out[bim]["excess_m"] == pytest.approx(excess, abs=1e-9)
        assert out[bim]["cap_source"] == "zone" and out[bim]["control_id"] == "hc-xmh-general"
    assert out["SZ-S1-A-01"]["excess_m"] == pytest.approx(238.0 - 150.0)
    assert (results["CHECKED"], results["EXCEEDING"]) == (governed, 2) == (3, 2)
    assert results["MAX_EXCESS"] == pytest.approx(88.0)
    assert "3 buildings: 3 checked, 2 exceed" in feedback.text()


def test_scheme_b_stays_within(sample):
    results, _ = run({"BUILDINGS": sample["scheme_s1_b"], "ZONES": sample["height_control"],
                      "PARCELS": sample["parcels"]})
    assert results["OUTPUT"].featureCount() == 0
    assert (results["CHECKED"], results["EXCEEDING"], results["MAX_EXCESS"]) == (8, 0, 0.0)


def test_existing_buildings_against_parcels_and_zones_match_shapely(sample):
    results, feedback = run({"BUILDINGS": sample["buildings"],
                             "ZONES": sample["height_control"], "PARCELS": sample["parcels"]})
    out = rows(results["OUTPUT"])
    expected, governed = expected_excess(sample["gpkg"], "buildings",
                                         [("height_control", "max_height"),
                                          ("parcels", "height_cap")])
    assert set(out) == set(expected) and len(expected) > 0
    worst = max(expected.values())
    assert results["MAX_EXCESS"] == pytest.approx(worst)
    for bim, excess in expected.items():
        assert out[bim]["excess_m"] == pytest.approx(excess, abs=1e-9)
    assert results["CHECKED"] == governed and results["EXCEEDING"] == len(expected)
    assert "and {} more".format(len(expected) - 30) in feedback.text()


def test_a_layer_in_epsg_4326_gives_the_same_answer(sample):
    import processing

    zones = processing.run("native:reprojectlayer",
                           {"INPUT": sample["height_control"], "TARGET_CRS": "EPSG:4326",
                            "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    scheme = processing.run("native:reprojectlayer",
                            {"INPUT": sample["scheme_s1_a"], "TARGET_CRS": "EPSG:4326",
                             "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    assert zones.crs().authid() == "EPSG:4326"
    results, feedback = run({"BUILDINGS": scheme, "ZONES": zones})
    out = rows(results["OUTPUT"])
    assert {k: round(v["excess_m"], 6) for k, v in out.items()} == {
        "SZ-S1-A-01": 88.0, "SZ-S1-A-02": 46.0}
    assert results["OUTPUT"].crs().authid() == "EPSG:4547"
    assert "transforming from EPSG:4326" in feedback.text()


def test_the_output_is_styled_by_excess_when_loaded(sample):
    from tests.support.processing_runs import loaded_run

    with loaded_run(ALG, {"BUILDINGS": sample["scheme_s1_a"], "ZONES": sample["height_control"]},
                    ("OUTPUT",)) as loaded:
        renderer = loaded("OUTPUT").renderer()
        assert renderer.type() == "graduatedSymbol" and renderer.classAttribute() == "excess_m"
        assert renderer.rangeForValue(88.0).label() == "50–100 m over"


def test_without_any_control_layer_is_one_sentence(sample):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="height-control zones, or both"):
        run({"BUILDINGS": sample["scheme_s1_a"]})


def test_a_missing_height_field_is_one_sentence(sample):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="no height field 'storeys'"):
        run({"BUILDINGS": sample["scheme_s1_a"], "HEIGHT_FIELD": "storeys",
             "ZONES": sample["height_control"]})
