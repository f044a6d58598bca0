"""The sunlight hours algorithm through QGIS Processing on the reviewed sample district.

Inputs are the district review's GeoPackage (the `review` session fixture): buildings and
design scheme s1-a. Test points are limited to the homes in an area north of the scheme
site (all buildings still block), so the run stays short.
"""

import pytest
from qgis.core import (
    NULL,
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsRectangle,
    QgsVectorLayer,
)

from tests.support.processing_runs import (
    Recorder,
    loaded_run,
    package_layers,
    rows,
    run_algorithm,
)

ALG = "twindistrictreview:sunlighthours"
OUTPUTS = ("POINTS", "BUILDINGS_OUT", "FACADES")
# 400 m × 600 m north of scheme A's site (its towers are 238 m and 196 m tall).
NORTH_OF_SITE = "503560,503960,2494100,2494700 [EPSG:4547]"


def run(params, feedback=None, context=None):
    return run_algorithm(ALG, params, OUTPUTS, feedback, context)


@pytest.fixture(scope="module")
def sample(review):
    layers = package_layers(review, ("buildings", "scheme_s1_a"))
    yield layers
    layers.clear()


@pytest.fixture(scope="module")
def existing(sample):
    feedback = Recorder()
    results = run({"BUILDINGS": sample["buildings"], "EXTENT": NORTH_OF_SITE, "YEAR": 2026},
                  feedback)
    yield results, feedback
    results.clear()


@pytest.fixture(scope="module")
def with_scheme(sample):
    results = run({"BUILDINGS": sample["buildings"], "EXTENT": NORTH_OF_SITE, "YEAR": 2026,
                   "OBSTRUCTIONS": sample["scheme_s1_a"]})
    yield results
    results.clear()


def test_algorithm_is_registered(provider):
    alg = QgsApplication.processingRegistry().algorithmById(ALG)
    assert alg is not None and alg.displayName() == "Sunlight hours"
    assert "大寒日" in alg.shortHelpString() and "true solar time" in alg.shortHelpString()


def test_points_on_homes_within_the_window(existing, sample):
    results, feedback = existing
    points = rows(results["POINTS"])
    assert len(points) == results["POINT_COUNT"] > 100, feedback.text()
    homes = {f["bim_id"] for f in sample["buildings"].getFeatures()
             if f["use"] == "residential"}
    assert {p["building"] for p in points} <= homes
    # 大寒日 08:00–16:00 true solar time at 1 min steps: 0 … 480 min; 3 h required
    assert all(0 <= p["minutes"] <= 480 for p in points)
    assert all(p["compliant"] == (p["minutes"] >= 180) for p in points)
    assert any(p["compliant"] for p in points) and not all(p["compliant"] for p in points)
    assert "2026-01-20" in feedback.text() and "480 steps" in feedback.text()
    # each point sits on the building it names (5 cm outside its footprint)
    shapes = {f["bim_id"]: f.geometry() for f in sample["buildings"].getFeatures()}
    first = points[0]
    assert shapes[first["building"]].distance(first["_geom"]) == pytest.approx(0.05, abs=0.01)


def test_buildings_report_their_worst_point(existing):
    results, _ = existing
    points = rows(results["POINTS"])
    buildings = rows(results["BUILDINGS_OUT"])
    assert len(buildings) == results["BUILDINGS_TESTED"] > 5
    for b in buildings:
        mine = [p["minutes"] for p in points if p["building"] == b["building"]]
        assert b["points"] == len(mine) and b["worst_min"] == min(mine)
        assert b["compliant"] == (min(mine) >= 180)
    assert results["BUILDINGS_FAILING"] == sum(1 for b in buildings if not b["compliant"])
    assert any(b["compliant"] for b in buildings)
    # per facade (wall): its worst point, drawn along the wall 5 cm inside the points
    facades = rows(results["FACADES"])
    assert {f["facade"] for f in facades} == {p["facade"] for p in points}
    for f in facades[:20]:
        mine = [p for p in points if p["facade"] == f["facade"]]
        assert f["min_min"] == min(p["minutes"] for p in mine)
        assert all(f["_geom"].distance(p["_geom"]) == pytest.approx(0.05, abs=1e-3)
                   for p in mine)


def test_scheme_towers_only_take_sun_away(existing, with_scheme):
    def key(p):
        return (p["building"], p["facade"], p["floor"], round(p["_geom"].asPoint().x(), 2),
                round(p["_geom"].asPoint().y(), 2))

    before = {key(p): p["minutes"] for p in rows(existing[0]["POINTS"])}
    after = {key(p): p["minutes"] for p in rows(with_scheme["POINTS"])}
    assert before.keys() == after.keys()
    assert all(after[k] <= before[k] for k in before)
    lost = [k for k in before if after[k] < before[k]]
    assert len(lost) > 10
    assert with_scheme["COMPLIANT_SHARE"] <= existing[0]["COMPLIANT_SHARE"]


def test_outputs_are_styled_green_and_red(sample):
    params = {"BUILDINGS": sample["buildings"], "EXTENT": NORTH_OF_SITE}
    with loaded_run(ALG, params, OUTPUTS) as loaded:
        for key in ("POINTS", "BUILDINGS_OUT"):
            renderer = loaded(key).renderer()
            assert isinstance(renderer, QgsCategorizedSymbolRenderer), key
            colors = {c.value(): c.symbol().color() for c in renderer.categories()}
            assert set(colors) == {"yes", "no"}
            assert colors["yes"].green() > colors["yes"].red()      # compliant: green
            assert colors["no"].red() > colors["no"].green()        # failing: red


def test_grid_mode_on_an_open_square(sample):
    # A 40 m square in the open 600 m south of the site: every grid point sees the whole
    # window, and none is tied to a facade.
    square = QgsVectorLayer("Polygon?crs=EPSG:4547", "square", "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(503690, 2493450, 503730, 2493490)))
    square.dataProvider().addFeatures([feature])
    results = run({"BUILDINGS": sample["buildings"], "GRID_AREAS": square,
                   "GRID_SPACING": 10, "YEAR": 2026})
    points = rows(results["POINTS"])
    assert len(points) == 16
    assert all(p["facade"] is None or p["facade"] == NULL for p in points)
    xs = sorted({round(p["_geom"].asPoint().x(), 3) for p in points})
    assert xs == [503695.0, 503705.0, 503715.0, 503725.0]
    assert all(0 <= p["minutes"] <= 480 for p in points)
    assert sum(1 for p in points if p["minutes"] == 480) >= 8


def test_cancel_stops_the_run(sample):
    feedback = Recorder(cancel_at=30)
    try:
        results = run({"BUILDINGS": sample["buildings"], "EXTENT": NORTH_OF_SITE}, feedback)
    except QgsProcessingException:
        results = {}
    assert feedback.isCanceled()
    assert not results or "POINTS" not in results
    assert feedback.max_progress < 90


def test_custom_rule_needs_a_date(sample):
    with pytest.raises(QgsProcessingException, match="custom rule needs a date"):
        run({"BUILDINGS": sample["buildings"], "RULE": 3, "EXTENT": NORTH_OF_SITE})
