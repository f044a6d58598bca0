"""View corridors: the kernel on hand-drawn boxes, then the algorithm through Processing on
the reviewed sample district, checked against geometry computed here.

The kernel tests (test_kernel_*) need neither QGIS nor the sample; they also run under
QGIS's own Python: /usr/bin/python3 -m pytest tests/test_view_corridor.py -k kernel.
"""

import math

import numpy as np
import pytest
from shapely.geometry import Polygon, box

from plugin.analysis.view_corridor import ANGLE, HEIGHT, Corridors, Viewpoints, check_corridors

NAN = float("nan")


def wedge(x, y, azimuth, half_width, length=1000.0):
    """A corridor: the triangle from (x, y) towards azimuth (° from north) ± half_width."""
    pts = [(x, y)]
    for a in (azimuth - half_width, azimuth + half_width):
        t = math.radians(a)
        pts.append((x + length * math.sin(t), y + length * math.cos(t)))
    return Polygon(pts)


def corridor(geometry, cid="c1", vp="vp1", angle=NAN, height=NAN):
    return Corridors([geometry], [cid], [vp], [angle], [height])


VP = Viewpoints(["vp1"], [0.0], [0.0], ground=[5.0], eye_height=[1.6])


def test_kernel_a_30_m_box_100_m_away_in_a_12_degree_corridor():
    # Box x −10…10, y 100…120 on ground 5 m; eye at 5 + 1.6 = 6.6 m; nearest point (0, 100).
    check = check_corridors([box(-10, 100, 10, 120)], [30.0], [5.0],
                            corridor(wedge(0, 0, 0, 12), angle=12.0), VP, ids=["tower"])
    angle = math.degrees(math.atan((30 + 5 - 6.6) / 100))           # 15.85°
    allowed = 6.6 + 100 * math.tan(math.radians(12)) - 5            # 22.86 m above ground
    assert len(check.violations) == 1
    v = check.violations.iloc[0]
    assert (v["building"], v["corridor_id"], v["rule"]) == ("tower", "c1", ANGLE)
    assert v["distance"] == pytest.approx(100.0)
    assert v["angle"] == pytest.approx(angle) and angle == pytest.approx(15.85, abs=0.01)
    assert v["allowed_angle"] == 12.0
    assert v["allowed_height"] == pytest.approx(allowed)
    assert v["excess"] == pytest.approx(30 - allowed)
    assert check.summary()["violating"] == 1
    assert check.summary()["max_excess"] == pytest.approx(30 - allowed)


def test_kernel_a_box_below_the_angle_is_checked_but_passes():
    check = check_corridors([box(-10, 100, 10, 120)], [20.0], [5.0],
                            corridor(wedge(0, 0, 0, 12), angle=12.0), VP)
    assert len(check.violations) == 0 and len(check.checked) == 1
    assert check.checked.iloc[0]["angle"] == pytest.approx(
        math.degrees(math.atan((20 + 5 - 6.6) / 100)))


def test_kernel_the_angle_is_taken_at_the_nearest_point_inside_the_corridor():
    # Corridor x 20…60 northwards; viewpoint at (40, 0). The building x 0…30, y 100…120
    # is nearest the viewpoint at (30, 100) inside the corridor, √(10² + 100²) away.
    c = corridor(box(20, 0, 60, 1000), angle=10.0)
    vp = Viewpoints(["vp1"], [40.0], [0.0], ground=[0.0], eye_height=[1.6])
    check = check_corridors([box(-500, 100, 30, 120)], [40.0], [0.0], c, vp)
    d = math.hypot(10, 100)
    v = check.violations.iloc[0]
    assert v["distance"] == pytest.approx(d)
    assert v["angle"] == pytest.approx(math.degrees(math.atan((40 - 1.6) / d)))
    part = check.violation_parts()[0]
    assert part.area == pytest.approx(10 * 20)   # the in-corridor part, not the footprint


def test_kernel_max_height_runs_without_the_viewpoint_and_missing_viewpoints_are_noted():
    cs = Corridors([box(0, 0, 100, 100), box(200, 0, 300, 100), box(400, 0, 500, 100)],
                   ["both", "angle-only", "height"], ["gone", "gone", None],
                   [10.0, 10.0, NAN], [120.0, NAN, 120.0])
    footprints = [box(10, 10, 20, 20), box(210, 10, 220, 20), box(410, 10, 420, 20)]
    check = check_corridors(footprints, [130.0, 300.0, 100.0], [0.0, 0.0, 0.0], cs, VP,
                            ids=["a", "b", "c"])
    v = check.violations
    assert list(zip(v["building"], v["rule"])) == [("a", HEIGHT)]
    assert v.iloc[0]["excess"] == pytest.approx(10.0)
    assert v.iloc[0]["allowed_height"] == 120.0
    assert set(check.checked["building"]) == {"a", "c"}   # angle-only corridor skipped
    text = " ".join(check.notes)
    assert "Corridor both: viewpoint gone is missing, so only its max_height" in text
    assert "Corridor angle-only: viewpoint gone is missing, so the corridor is skipped" in text


def test_kernel_touching_the_corridor_along_its_edge_is_not_inside_it():
    c = corridor(box(-20, 50, 20, 1000), angle=5.0)
    footprints = [box(20, 100, 40, 120),           # shares the edge x = 20
                  box(20 - 0.01, 200, 40, 220)]    # 0.2 m² over it: a sliver
    check = check_corridors(footprints, [200.0, 200.0], [5.0, 5.0], c, VP)
    assert len(check.checked) == 0 and len(check.violations) == 0


def test_kernel_ground_and_eye_fall_back_and_say_so():
    # The viewpoint has no ground and no eye height: the nearest building's ground (8 m) and
    # 1.6 m. The second building has no ground: level with the viewpoint (8 m).
    vp = Viewpoints(["vp1"], [0.0], [0.0], ground=[NAN], eye_height=[NAN])
    c = corridor(wedge(0, 0, 0, 20), angle=10.0)
    footprints = [box(-5, 50, 5, 60), box(-5, 300, 5, 310), box(500, -500, 510, -490)]
    check = check_corridors(footprints, [10.0, 100.0, 10.0], [8.0, NAN, 30.0], c, vp,
                            ids=["near", "levelled", "far"])
    vps = check.viewpoints.iloc[0]
    assert (vps["ground"], vps["ground_from"], vps["eye_z"]) == (8.0, "nearest_building", 9.6)
    v = check.violations.set_index("building")
    assert v.loc["levelled", "ground"] == 8.0
    assert v.loc["levelled", "angle"] == pytest.approx(
        math.degrees(math.atan((108 - 9.6) / 300)))
    text = " ".join(check.notes)
    assert "nearest building" in text and "1.6 m" in text and "levelled" in text
    # Without any ground at all the viewpoint stands on 0 m.
    none = check_corridors(footprints, [10.0, 100.0, 10.0], np.full(3, NAN), c, vp)
    assert none.viewpoints.iloc[0]["ground"] == 0.0
    assert "0 m is assumed" in " ".join(none.notes)


# -- the algorithm through Processing on the sample district --------------------------------

ALG = "twindistrictreview:viewcorridor"


def run(params):
    from tests.support.processing_runs import Recorder, run_algorithm

    feedback = Recorder()
    return run_algorithm(ALG, params, ("OUTPUT",), feedback), feedback


def rows(layer):
    from tests.support.processing_runs import rows

    return rows(layer, ("building_id", "corridor_id", "rule"))


@pytest.fixture(scope="module")
def sample(review):
    from tests.support.processing_runs import package_layers

    layers = package_layers(review, ("view_corridors", "viewpoints", "buildings",
                                     "scheme_s1_a"), ("dem",))
    assert layers["buildings"].crs().authid() == layers["dem"].crs().authid() == "EPSG:4547"
    yield layers
    layers.clear()


def expected_angle_violations(sample, eye_z=None):
    """Independently, with QGIS geometry: every building overlapping a corridor by
    ≥ 0.5 m², angle from the eye (DEM + eye height) to its top at the nearest in-corridor
    point; those above max_elev_angle with their excess."""
    from qgis.core import QgsGeometry

    vps = {}
    for f in sample["viewpoints"].getFeatures():
        p = f.geometry().asPoint()
        ground, ok = sample["dem"].dataProvider().sample(p, 1)
        assert ok
        vps[f["viewpoint_id"]] = (p, ground + (f["eye_height"] or 1.6))
    out, pairs = {}, 0
    for c in sample["view_corridors"].getFeatures():
        p, eye = vps[c["viewpoint_id"]]
        if eye_z is not None:
            eye = eye_z(c["viewpoint_id"])
        limit = c["max_elev_angle"]
        for b in sample["buildings"].getFeatures():
            part = b.geometry().intersection(c.geometry())
            if part.isEmpty() or part.area() < 0.5:
                continue
            pairs += 1
            d = part.distance(QgsGeometry.fromPointXY(p))
            top = b["ground_elev"] + b["height"]
            angle = math.degrees(math.atan2(top - eye, d))
            if angle > limit:
                allowed = eye + d * math.tan(math.radians(limit)) - b["ground_elev"]
                out[(b["bim_id"], c["corridor_id"], "elev_angle")] = (angle, b["height"] - allowed)
    return out, pairs


@pytest.fixture(scope="module")
def with_dem(sample):
    results, feedback = run({"CORRIDORS": sample["view_corridors"],
                             "VIEWPOINTS": sample["viewpoints"],
                             "BUILDINGS": sample["buildings"], "DEM": sample["dem"]})
    yield results, feedback
    results.clear()


def test_algorithm_is_registered(provider):
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById(ALG)
    assert alg is not None and alg.displayName() == "View corridor check"
    assert "视线通廊" in alg.shortHelpString()
    assert "inside the corridor (not the whole footprint)" in alg.shortHelpString()


def test_violations_match_angles_computed_here(sample, with_dem):
    results, feedback = with_dem
    out = rows(results["OUTPUT"])
    expected, pairs = expected_angle_violations(sample)
    assert set(out) == set(expected) and len(expected) > 0
    for key, (angle, excess) in expected.items():
        assert out[key]["angle_deg"] == pytest.approx(angle, abs=1e-9)
        assert out[key]["excess_m"] == pytest.approx(excess, abs=1e-6)
        assert out[key]["allowed_height_m"] == pytest.approx(
            out[key]["height_m"] - excess, abs=1e-6)
    assert results["CHECKED"] == pairs
    assert results["VIOLATIONS"] == len(expected)
    assert results["VIOLATING"] == len({k[0] for k in expected})
    assert results["MAX_EXCESS"] == pytest.approx(max(e for _, e in expected.values()))
    assert "(DEM)" in feedback.text()


def test_the_output_is_the_part_inside_the_corridor(sample, with_dem):
    results, _ = with_dem
    corridors = {f["corridor_id"]: f.geometry() for f in sample["view_corridors"].getFeatures()}
    footprints = {f["bim_id"]: f.geometry() for f in sample["buildings"].getFeatures()}
    for (bim, cid, _rule), r in rows(results["OUTPUT"]).items():
        part = footprints[bim].intersection(corridors[cid])
        assert r["_geom"].area() == pytest.approx(part.area(), rel=1e-6)
        assert r["_geom"].area() <= footprints[bim].area() + 1e-6


def test_without_dem_viewpoints_stand_on_the_nearest_building(sample):
    from qgis.core import QgsGeometry

    results, feedback = run({"CORRIDORS": sample["view_corridors"],
                             "VIEWPOINTS": sample["viewpoints"],
                             "BUILDINGS": sample["buildings"]})
    text = feedback.text()
    assert "No DEM" in text and "nearest building" in text
    grounds = {}
    for vp in sample["viewpoints"].getFeatures():
        p = QgsGeometry.fromPointXY(vp.geometry().asPoint())
        nearest = min(sample["buildings"].getFeatures(), key=lambda b: b.geometry().distance(p))
        grounds[vp["viewpoint_id"]] = nearest["ground_elev"] + (vp["eye_height"] or 1.6)
    expected, _ = expected_angle_violations(sample, eye_z=grounds.get)
    out = rows(results["OUTPUT"])
    assert set(out) == set(expected)
    for key, (angle, _excess) in expected.items():
        assert out[key]["angle_deg"] == pytest.approx(angle, abs=1e-9)


def test_missing_viewpoint_skips_the_angle_but_max_height_still_runs(sample):
    from qgis.core import QgsFeature, QgsVectorLayer

    layer = QgsVectorLayer("Polygon?crs=EPSG:4547&field=corridor_id:string"
                           "&field=viewpoint_id:string&field=max_elev_angle:double"
                           "&field=max_height:double", "corridors", "memory")
    source = next(sample["view_corridors"].getFeatures())
    f = QgsFeature(layer.fields())
    f.setGeometry(source.geometry())
    f.setAttributes(["test-corridor", "nowhere", 12.0, 120.0])
    layer.dataProvider().addFeature(f)
    results, feedback = run({"CORRIDORS": layer, "VIEWPOINTS": sample["viewpoints"],
                             "BUILDINGS": sample["buildings"]})
    assert ("Corridor test-corridor: viewpoint nowhere is missing, so only its max_height "
            "limit is checked") in feedback.text()
    out = rows(results["OUTPUT"])
    tall = {b["bim_id"]: b["height"] - 120.0 for b in sample["buildings"].getFeatures()
            if b["height"] > 120.0
            and b.geometry().intersection(source.geometry()).area() >= 0.5}
    assert tall and {k[0] for k in out} == set(tall)
    assert {k[2] for k in out} == {"max_height"}
    for (bim, _c, _r), r in out.items():
        assert r["excess_m"] == pytest.approx(tall[bim]) and r["allowed_height_m"] == 120.0


def test_layers_in_epsg_4326_give_the_same_answer(sample, with_dem):
    import processing

    def to_4326(layer):
        return processing.run("native:reprojectlayer", {
            "INPUT": layer, "TARGET_CRS": "EPSG:4326", "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]

    results, feedback = run({"CORRIDORS": to_4326(sample["view_corridors"]),
                             "VIEWPOINTS": to_4326(sample["viewpoints"]),
                             "BUILDINGS": to_4326(sample["buildings"]), "DEM": sample["dem"]})
    assert "transforming from EPSG:4326" in feedback.text()
    projected, geographic = rows(with_dem[0]["OUTPUT"]), rows(results["OUTPUT"])
    assert set(projected) == set(geographic)
    for key, r in projected.items():
        assert geographic[key]["excess_m"] == pytest.approx(r["excess_m"], abs=0.01)
        assert geographic[key]["angle_deg"] == pytest.approx(r["angle_deg"], abs=1e-4)


def test_the_output_is_styled_by_rule_when_loaded(sample):
    from tests.support.processing_runs import loaded_run

    with loaded_run(ALG, {"CORRIDORS": sample["view_corridors"],
                          "VIEWPOINTS": sample["viewpoints"],
                          "BUILDINGS": sample["buildings"]}, ("OUTPUT",)) as loaded:
        layer = loaded("OUTPUT")
        assert layer.featureCount() > 0
        renderer = layer.renderer()
        assert renderer.type() == "categorizedSymbol" and renderer.classAttribute() == "rule"
        assert {c.value() for c in renderer.categories()} == {"elev_angle", "max_height"}


def test_corridors_without_limit_fields_are_one_sentence(sample):
    from qgis.core import QgsProcessingException, QgsVectorLayer

    bare = QgsVectorLayer("Polygon?crs=EPSG:4547&field=corridor_id:string", "bare", "memory")
    with pytest.raises(QgsProcessingException, match="neither a max_elev_angle nor a max_height"):
        run({"CORRIDORS": bare, "BUILDINGS": sample["buildings"]})
