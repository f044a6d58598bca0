"""The skyline algorithm through QGIS Processing on the reviewed sample district.

Inputs are the district review's GeoPackage (the `review` session fixture): viewpoints,
buildings, design scheme s1-a and the DEM. Angles are checked against geometry computed
here with QGIS (a ray intersected with the footprint), not against the kernel.
"""

import math

import pytest
from qgis.core import (
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor, QImage

from tests.support.processing_runs import (
    Recorder,
    loaded_run,
    package_layers,
    rows,
    run_algorithm,
)

ALG = "twindistrictreview:skyline"
OUTPUTS = ("PROFILE", "SKYLINE", "SKYLINE_BUILDINGS", "METRICS")
TOWER = "SZ-S1-A-01"         # scheme A's 238 m office tower on ground 22.12 m
SOUTH = (503710.6, 2493473.3)  # 600 m due south of it, in the open


def run(params, feedback=None):
    return run_algorithm(ALG, params, OUTPUTS, feedback)


@pytest.fixture(scope="module")
def sample(review):
    layers = package_layers(review, ("viewpoints", "buildings", "scheme_s1_a"), ("dem",))
    yield layers
    layers.clear()


@pytest.fixture(scope="module")
def with_scheme(sample, tmp_path_factory):
    charts = tmp_path_factory.mktemp("skyline_charts")
    feedback = Recorder()
    results = run({"VIEWPOINTS": sample["viewpoints"], "BUILDINGS": sample["buildings"],
                   "SCHEME": sample["scheme_s1_a"], "DEM": sample["dem"],
                   "CHARTS": str(charts)}, feedback)
    yield results, feedback, charts
    results.clear()


def test_algorithm_is_registered(provider):
    alg = QgsApplication.processingRegistry().algorithmById(ALG)
    assert alg is not None and alg.displayName() == "Skyline profile"
    assert "天际线" in alg.shortHelpString() and "sky ratio" in alg.shortHelpString()


@pytest.fixture(scope="module")
def south_of_site(sample, tmp_path_factory):
    """A point clicked 600 m south of scheme A's tower, in the open."""
    charts = tmp_path_factory.mktemp("skyline_site")
    feedback = Recorder()
    results = run({"POINT": "{},{} [EPSG:4547]".format(*SOUTH), "BUILDINGS": sample["buildings"],
                   "SCHEME": sample["scheme_s1_a"], "DEM": sample["dem"],
                   "CHARTS": str(charts)}, feedback)
    yield results, feedback, charts
    results.clear()


def test_scheme_tower_rises_above_the_skyline_south_of_the_site(south_of_site):
    results, feedback, _ = south_of_site
    above = [r for r in rows(results["SKYLINE_BUILDINGS"]) if r["role"] == "scheme_above"]
    tower = [r for r in above if r["building_id"] == TOWER]
    assert tower, [r["building_id"] for r in above]
    assert tower[0]["top_m"] == pytest.approx(22.12 + 238.0)
    assert tower[0]["azimuths_above"] > 10 and tower[0]["max_rise"] > 5
    assert "rise above the existing skyline" in feedback.text() and TOWER in feedback.text()
    metrics = {r["scenario"]: r for r in rows(results["METRICS"])}
    assert metrics["scheme"]["buildings_above"] >= 1 and metrics["scheme"]["max_change"] > 5
    assert metrics["scheme"]["max_angle_all"] >= metrics["existing"]["max_angle_all"]
    assert results["SCHEME_BUILDINGS_ABOVE"] >= 1


def test_tower_angle_matches_a_ray_cast_here(south_of_site, sample):
    results, _, _ = south_of_site
    eye = rows(results["METRICS"])[0]["eye_z_m"]
    vp = QgsPointXY(*SOUTH)
    tower = next(f for f in sample["scheme_s1_a"].getFeatures() if f["bim_id"] == TOWER)
    c = tower.geometry().centroid().asPoint()
    az = math.degrees(math.atan2(c.x() - vp.x(), c.y() - vp.y())) % 360
    az = round(az * 10) / 10                              # the 0.1° bin nearest to it
    t = math.radians(az)
    ray = QgsGeometry.fromPolylineXY([vp, QgsPointXY(vp.x() + 5000 * math.sin(t),
                                                     vp.y() + 5000 * math.cos(t))])
    hit = ray.intersection(tower.geometry())
    d = min(math.hypot(p.x() - vp.x(), p.y() - vp.y()) for p in hit.vertices())
    profile = [r for r in rows(results["PROFILE"]) if abs(r["azimuth"] - az) < 1e-6]
    assert len(profile) == 1
    assert profile[0]["scheme_building_id"] == TOWER
    assert profile[0]["scheme_distance_m"] == pytest.approx(d, abs=1e-3)
    expected = math.degrees(math.atan2(22.12 + 238.0 - eye, d))
    assert profile[0]["scheme_angle"] == pytest.approx(expected, abs=1e-6)
    assert profile[0]["change"] > 0


def test_scheme_a_towers_break_the_lake_view_not_the_hill_view(with_scheme):
    # From the lake pavilion (south shore) scheme A's two towers (238 m, 196 m; east,
    # 627 m) rise above the existing skyline; from the park hill taller towers stand in
    # front of them. Scheme A clears no existing building, so it can only raise the skyline.
    results, feedback, _ = with_scheme
    assert "0 existing buildings" in feedback.text()
    changes = [r["change"] for r in rows(results["PROFILE"])]
    assert min(changes) >= 0
    metrics = {(r["viewpoint_id"], r["scenario"]): r for r in rows(results["METRICS"])}
    assert metrics[("vp-lake-south", "scheme")]["buildings_above"] == 2
    assert metrics[("vp-park-hill", "scheme")]["buildings_above"] == 0
    raised = [r for r in rows(results["PROFILE"])
              if r["viewpoint_id"] == "vp-lake-south" and r["change"] > 0]
    assert raised and all(r["scheme_building_id"].startswith("SZ-S1-A-") for r in raised)
    assert metrics[("vp-park-hill", "existing")]["max_angle"] < 20


def test_outputs_have_what_a_reviewer_reads(with_scheme):
    results, feedback, _ = with_scheme
    profile = results["PROFILE"]
    assert profile.featureCount() == 2 * 3600
    skyline = results["SKYLINE"]
    assert QgsWkbTypes.hasZ(skyline.wkbType())
    lines = rows(skyline)
    assert {r["scenario"] for r in lines} == {"existing", "scheme"}
    # every vertex stands on the top of a building forming the skyline
    buildings = results["SKYLINE_BUILDINGS"]
    tops = {round(r["top_m"], 3) for r in rows(buildings)}
    zs = {round(v.z(), 3) for r in lines for v in r["_geom"].vertices()}
    assert zs <= tops and len(zs) > 50
    assert "site cleared" in feedback.text()
    assert "ground" in feedback.text() and "DEM" in feedback.text()
    metrics = rows(results["METRICS"])
    assert len(metrics) == 4
    for r in metrics:
        assert 0 <= r["sky_ratio"] <= 1 and r["distinct_buildings"] > 0
        assert r["max_angle"] >= r["mean_angle"]
    assert 0 <= results["SKY_RATIO"] <= 1 and results["DISTINCT_BUILDINGS"] > 0


def colours(png):
    """(red, grey) pixel counts (every other pixel): the scheme line, the existing area."""
    image = QImage(str(png))
    red = grey = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = QColor(image.pixel(x, y))
            if c.red() > 180 and c.green() < 90 and c.blue() < 90:
                red += 1
            elif abs(c.red() - c.green()) < 12 and 190 < c.red() < 225:
                grey += 1
    return red, grey


def test_a_chart_per_viewpoint(with_scheme, south_of_site):
    _, _, charts = with_scheme
    for vp in ("vp-lake-south", "vp-park-hill"):
        png = charts / f"skyline_{vp}.png"
        svg = charts / f"skyline_{vp}.svg"
        assert png.is_file() and svg.is_file()
        red, grey = colours(png)
        assert grey > 2000, (vp, grey)          # the existing skyline's area
        assert "<path" in svg.read_text(encoding="utf-8")
    # South of the site the scheme's towers are drawn in red where they raise the skyline.
    _, _, charts = south_of_site
    red, grey = colours(charts / "skyline_point.png")
    assert red > 30 and grey > 2000, (red, grey)
    svg = (charts / "skyline_point.svg").read_text(encoding="utf-8")
    assert "#d62728" in svg and "#4d5a66" in svg     # both series in the SVG


def test_clicked_point_with_field_of_view_and_no_dem(sample):
    feedback = Recorder()
    results = run({"POINT": "503085.88,2494172.95 [EPSG:4547]", "EYE_HEIGHT": 10.0,
                   "BUILDINGS": sample["buildings"], "FOV_FROM": 60, "FOV_TO": 140}, feedback)
    profile = rows(results["PROFILE"])
    assert len(profile) == 801
    assert {r["viewpoint_id"] for r in profile} == {"point"}
    assert min(r["azimuth"] for r in profile) == pytest.approx(60.0)
    assert "nearest building" in feedback.text()
    metrics = rows(results["METRICS"])
    assert [m["scenario"] for m in metrics] == ["existing"]
    assert metrics[0]["eye_z_m"] == pytest.approx(metrics[0]["ground_m"] + 10.0)
    assert results["SCHEME_BUILDINGS_ABOVE"] is None


def test_styles_are_applied_when_loaded(sample):
    params = {"POINT": "{},{} [EPSG:4547]".format(*SOUTH), "BUILDINGS": sample["buildings"],
              "SCHEME": sample["scheme_s1_a"], "FOV_FROM": 330, "FOV_TO": 30}
    with loaded_run(ALG, params, OUTPUTS) as loaded:
        for key, attribute, values in (
                ("SKYLINE", "scenario", {"existing", "scheme"}),
                ("SKYLINE_BUILDINGS", "role", {"existing", "scheme", "scheme_above"})):
            renderer = loaded(key).renderer()
            assert isinstance(renderer, QgsCategorizedSymbolRenderer), key
            assert renderer.classAttribute() == attribute
            assert {c.value() for c in renderer.categories()} == values


def test_a_viewpoint_inside_a_building_is_warned_about(sample):
    building = next(sample["buildings"].getFeatures())
    inside = building.geometry().pointOnSurface().asPoint()
    feedback = Recorder()
    run({"POINT": f"{inside.x()},{inside.y()} [EPSG:4547]",
         "BUILDINGS": sample["buildings"], "FOV_FROM": 0, "FOV_TO": 10}, feedback)
    assert "stands inside building {}".format(building["bim_id"]) in feedback.text()


def test_cancel_stops_between_viewpoints(sample):
    feedback = Recorder()
    feedback.progressChanged.connect(lambda value: value >= 20 and feedback.cancel())
    results = run({"VIEWPOINTS": sample["viewpoints"], "BUILDINGS": sample["buildings"]},
                  feedback)
    assert feedback.isCanceled()
    assert "vp-park-hill (existing)" not in feedback.text()   # the second viewpoint
    assert "PROFILE" not in results or results["PROFILE"] is None


def test_no_viewpoint_is_one_sentence(sample):
    with pytest.raises(QgsProcessingException, match="viewpoint"):
        run({"BUILDINGS": sample["buildings"]})
