"""The flood impact algorithm run through QGIS Processing on the reviewed sample district.

Inputs are the district review's GeoPackage (the `review` session fixture): the flood
rasters as GeoPackage raster tables flood_depth_rp20/50/100 and the vector layers. The
checks are made against the algorithm's own per-feature outputs and against geometry
computed here with QGIS, not against the kernel.
"""

import re

import pytest
from osgeo import gdal
from qgis.core import (
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsRasterLayer,
    QgsVectorLayer,
)

from tests.support.processing_runs import (
    Recorder,
    loaded_run,
    package_layers,
    rows,
    run_algorithm,
)

ALG = "twindistrictreview:floodimpact"
SCENARIOS = ("rp20", "rp50", "rp100")
OUTPUTS = ("BUILDINGS_OUT", "ROADS_OUT", "STATIONS_OUT", "FACILITIES_OUT", "IMPACT_AREAS",
           "SUMMARY", "COMPARISON")


def run(params, feedback=None, context=None):
    return run_algorithm(ALG, params, OUTPUTS, feedback, context)


@pytest.fixture(scope="module")
def sample(review):
    rasters = ["flood_depth_" + s for s in SCENARIOS]
    layers = package_layers(review, ("buildings", "roads", "metro_stations", "facilities",
                                     "water_level_gauges", "districts"), rasters)
    layers.update(gpkg=review["GEOPACKAGE"], rasters=[layers.pop(r) for r in rasters])
    yield layers
    # Layers must go before QGIS exits (the session's teardown), not when pytest drops
    # the last test's arguments afterwards: that crashes the interpreter.
    layers.clear()


@pytest.fixture(scope="module")
def full(sample):
    feedback = Recorder()
    results = run({
        "FLOOD_RASTERS": sample["rasters"], "BUILDINGS": sample["buildings"],
        "ROADS": sample["roads"], "STATIONS": sample["metro_stations"],
        "FACILITIES": sample["facilities"], "DISTRICTS": sample["districts"],
        "GAUGES": sample["water_level_gauges"],
    }, feedback)
    yield results, feedback
    results.clear()


def affected(layer, scenario):
    return sum(1 for f in layer.getFeatures() if (f["{}_class".format(scenario)] or 0) >= 1)


def test_algorithm_is_registered(provider):
    alg = QgsApplication.processingRegistry().algorithmById(ALG)
    assert alg is not None
    assert alg.displayName() == "Flood and waterlogging impact"
    assert "洪涝" in alg.shortHelpString()
    assert "coverage-weighted" in alg.shortHelpString()


def test_counts_grow_with_the_return_period(full):
    results, feedback = full
    buildings = results["BUILDINGS_OUT"]
    counts = [affected(buildings, s) for s in SCENARIOS]
    assert 0 < counts[0] <= counts[1] <= counts[2], counts
    roads = [affected(results["ROADS_OUT"], s) for s in SCENARIOS]
    assert roads[0] <= roads[1] <= roads[2]
    summary = rows(results["SUMMARY"])
    for district in {r["district_id"] for r in summary}:
        by = {r["scenario"]: r for r in summary if r["district_id"] == district}
        values = [by[s]["buildings_affected"] for s in SCENARIOS]
        assert values[0] <= values[1] <= values[2], (district, values)
        gfa = [by[s]["gfa_affected_m2"] for s in SCENARIOS]
        assert gfa[0] <= gfa[1] <= gfa[2]
    # Every building is written, with its worst class as the styles' key.
    assert buildings.featureCount() == sample_count(results, feedback)
    keys = {f["flood_class"] for f in buildings.getFeatures()}
    assert keys <= {"dry", "minor", "moderate", "severe", "extreme", "no_data"}
    assert "extreme" in keys or "severe" in keys


def sample_count(results, feedback):
    """The number of buildings read, from the GFA note of the log."""
    match = re.search(r"GFA source: (\d+) from gfa, (\d+) from footprint × floors, (\d+) "
                      r"from footprint × round\(height / 3 m\), (\d+) without", feedback.text())
    assert match, feedback.text()
    return sum(int(g) for g in match.groups())


def test_gfa_affected_matches_the_buildings(full, sample):
    results, _feedback = full
    buildings = rows(results["BUILDINGS_OUT"])
    summary = rows(results["SUMMARY"])
    districts = {f["district_id"]: f.geometry() for f in sample["districts"].getFeatures()}
    assert districts
    for district_id, geom in districts.items():
        for s in SCENARIOS:
            expected = 0.0
            for b in buildings:
                if (b["{}_class".format(s)] or 0) < 1:
                    continue
                inside = b["_geom"].intersection(geom).area() / b["_geom"].area()
                expected += b["gfa_m2"] * inside
            (row,) = [r for r in summary
                      if r["district_id"] == district_id and r["scenario"] == s]
            assert row["gfa_affected_m2"] == pytest.approx(expected, rel=1e-6, abs=1e-3)
    # The comparison covers all buildings (also those in the package's margin).
    comparison = {r["measure"]: r for r in rows(results["COMPARISON"])}
    for s in SCENARIOS:
        assert comparison["buildings_affected"][s] == affected(results["BUILDINGS_OUT"], s)
        total = sum(b["gfa_m2"] for b in buildings if (b["{}_class".format(s)] or 0) >= 1)
        assert comparison["gfa_affected_m2"][s] == pytest.approx(total, rel=1e-9)


def test_comparison_has_a_column_per_scenario_and_is_logged(full):
    results, feedback = full
    names = results["COMPARISON"].fields().names()
    assert [n for n in names if n != "measure"] == list(SCENARIOS)
    assert "Scenarios compared:" in feedback.lines
    header = feedback.lines[feedback.lines.index("Scenarios compared:") + 1]
    assert header.split() == ["measure", *SCENARIOS]
    assert any(line.startswith("buildings_affected") for line in feedback.lines)
    assert results["SUMMARY"].wkbType() == 100  # QgsWkbTypes.NoGeometry


def test_impact_areas_are_nested(full):
    results, _feedback = full
    areas = rows(results["IMPACT_AREAS"])
    order = ["minor", "moderate", "severe", "extreme"]
    for s in SCENARIOS:
        by = {a["class_key"]: a for a in areas if a["scenario"] == s}
        assert list(by) == order  # written shallowest first, so deeper ones draw on top
        values = [by[k]["area_m2"] for k in order]
        assert values == sorted(values, reverse=True) and values[0] > 0
        for outer, inner in zip(order, order[1:]):
            if by[inner]["_geom"].isEmpty():
                continue
            left = by[inner]["_geom"].difference(by[outer]["_geom"]).area()
            assert left < 1.0, (s, outer, inner, left)
            assert by[outer]["_geom"].area() == pytest.approx(by[outer]["area_m2"], rel=1e-6)


def test_styles_are_applied_when_loaded(provider, sample):
    params = {"FLOOD_RASTERS": sample["rasters"][:2], "BUILDINGS": sample["buildings"],
              "ROADS": sample["roads"], "STATIONS": sample["metro_stations"]}
    with loaded_run(ALG, params, OUTPUTS) as loaded:
        for key in ("BUILDINGS_OUT", "ROADS_OUT", "STATIONS_OUT"):
            renderer = loaded(key).renderer()
            assert isinstance(renderer, QgsCategorizedSymbolRenderer), key
            assert renderer.classAttribute() == "flood_class"
            assert {c.value() for c in renderer.categories()} >= {
                "dry", "minor", "moderate", "severe", "extreme"}
        areas = loaded("IMPACT_AREAS").renderer()
        assert isinstance(areas, QgsCategorizedSymbolRenderer)
        assert areas.classAttribute() == "class_key"
        assert areas.orderByEnabled()
        assert "min_depth" in areas.orderBy().dump()


def test_raster_in_another_crs_is_transformed(full, sample, tmp_path):
    results, _feedback = full
    warped = tmp_path / "flood_depth_rp100_4326.tif"
    gdal.Warp(str(warped), "GPKG:{}:flood_depth_rp100".format(sample["gpkg"]),
              dstSRS="EPSG:4326", resampleAlg="near")
    layer = QgsRasterLayer(str(warped), "flood_depth_rp100", "gdal")
    assert layer.isValid() and layer.crs().authid() == "EPSG:4326"
    feedback = Recorder()
    out = run({"FLOOD_RASTERS": [layer], "BUILDINGS": sample["buildings"]}, feedback)
    assert re.search(r"Flood raster flood_depth_rp100: transformed from EPSG:4326 to "
                     r"EPSG:4547", feedback.text()), feedback.text()
    expected = affected(results["BUILDINGS_OUT"], "rp100")
    got = affected(out["BUILDINGS_OUT"], "rp100")
    # Two nearest-neighbour resamplings move class edges by up to a cell or so.
    assert abs(got - expected) <= max(3, 0.08 * expected), (got, expected)


def test_raster_covering_half_the_district_reports_no_data(sample, tmp_path):
    extent = sample["buildings"].extent()
    assert sample["buildings"].crs().authid() == "EPSG:4547"
    mid = (extent.xMinimum() + extent.xMaximum()) / 2
    half = tmp_path / "flood_depth_rp100_west.tif"
    gdal.Translate(str(half), "GPKG:{}:flood_depth_rp100".format(sample["gpkg"]),
                   projWin=[extent.xMinimum() - 500, extent.yMaximum() + 500, mid,
                            extent.yMinimum() - 500])
    layer = QgsRasterLayer(str(half), "west_rp100", "gdal")
    feedback = Recorder()
    out = run({"FLOOD_RASTERS": [layer], "BUILDINGS": sample["buildings"]}, feedback)
    match = re.search(r"(\d+) buildings had no flood data \(outside the raster\) in scenario "
                      r"rp100", feedback.text())
    assert match, feedback.text()
    no_data = int(match.group(1))
    classes = [f["rp100_class"] for f in out["BUILDINGS_OUT"].getFeatures()]
    assert no_data == classes.count(-1)
    assert 0 < no_data < len(classes)
    assert {f["flood_class"] for f in out["BUILDINGS_OUT"].getFeatures()
            if f["rp100_class"] == -1} == {"no_data"}
    assert re.search(r"\d+ buildings are only partly covered", feedback.text())


def test_nodata_inside_the_raster_can_mean_unknown(sample):
    """The sample's flood model writes depths below 0.05 m as nodata: dry by default."""
    params = {"FLOOD_RASTERS": sample["rasters"][:1], "BUILDINGS": sample["buildings"]}
    dry = Recorder()
    run(params, dry)
    assert "had no flood data" not in dry.text()
    unknown = Recorder()
    out = run(dict(params, NODATA_IS_DRY=False), unknown)
    match = re.search(r"(\d+) buildings had no flood data", unknown.text())
    assert match and int(match.group(1)) > out["BUILDINGS_OUT"].featureCount() // 2


def test_buildings_without_floor_data_fall_back(sample):
    bare = QgsVectorLayer("Polygon?crs=EPSG:4547&field=name:string", "bare", "memory")
    features = []
    for i, f in enumerate(sample["buildings"].getFeatures()):
        if i >= 300:
            break
        g = QgsFeature(bare.fields())
        g.setGeometry(f.geometry())
        g.setAttributes(["b{}".format(i)])
        features.append(g)
    assert bare.dataProvider().addFeatures(features)[0]
    feedback = Recorder()
    out = run({"FLOOD_RASTERS": sample["rasters"], "BUILDINGS": bare}, feedback)
    assert "The buildings have none of the fields gfa, floors or height; GFA affected is " \
           "0." in feedback.lines
    assert out["BUILDINGS_OUT"].featureCount() == 300
    assert all(f["gfa_source"] == "none" for f in out["BUILDINGS_OUT"].getFeatures())


def test_invalid_geometries_are_repaired_or_skipped_and_counted(sample):
    layer = QgsVectorLayer("Polygon?crs=EPSG:4547&field=height:double", "bad", "memory")
    box = sample["buildings"].extent().center()
    x, y = box.x(), box.y()
    bowtie = "POLYGON(({0} {1},{2} {3},{2} {1},{0} {3},{0} {1}))".format(x, y, x + 20, y + 20)
    sliver = "POLYGON(({0} {1},{2} {1},{0} {1}))".format(x, y, x + 20)
    features = []
    for wkt in (bowtie, sliver, None):
        f = QgsFeature(layer.fields())
        if wkt:
            f.setGeometry(QgsGeometry.fromWkt(wkt))
        f.setAttributes([12.0])
        features.append(f)
    assert layer.dataProvider().addFeatures(features)[0]
    # Under QGIS's default Processing setting (stop at an invalid geometry), too.
    feedback = Recorder()
    out = run({"FLOOD_RASTERS": sample["rasters"][:1], "BUILDINGS": layer}, feedback)
    text = feedback.text()
    assert "Buildings: 2 invalid geometries were repaired." in text  # the bowtie, the sliver
    assert "Buildings: 2 features without usable geometry are left out." in text
    (written,) = list(out["BUILDINGS_OUT"].getFeatures())
    assert written.geometry().area() == pytest.approx(200.0)


def test_empty_layers_are_reported(sample):
    empty = QgsVectorLayer("Polygon?crs=EPSG:4547&field=height:double", "empty", "memory")
    with pytest.raises(QgsProcessingException, match="have no features"):
        run({"FLOOD_RASTERS": sample["rasters"], "BUILDINGS": empty})
    empty_roads = QgsVectorLayer("LineString?crs=EPSG:4547", "no roads", "memory")
    feedback = Recorder()
    out = run({"FLOOD_RASTERS": sample["rasters"][:1], "BUILDINGS": sample["buildings"],
               "ROADS": empty_roads}, feedback)
    assert "The roads layer has no features." in feedback.lines
    assert out["ROADS_OUT"].featureCount() == 0


def test_bad_thresholds_and_inputs_are_one_sentence(sample):
    base = {"FLOOD_RASTERS": sample["rasters"][:1], "BUILDINGS": sample["buildings"]}
    for text in ("0.3,0.15,0.5,1", "0.15,0.3", "a,b,c,d", "-1,0.3,0.5,1"):
        with pytest.raises(QgsProcessingException) as info:
            run(dict(base, THRESHOLDS=text))
        # Refused before the run starts (checkParameterValues): the last line is ours.
        message = str(info.value).splitlines()[-1]
        assert message.startswith("Thresholds must be four increasing positive depths")
        assert not re.search(r"[.;]\s+[A-Z]", message) and message.endswith(".")
    with pytest.raises(QgsProcessingException, match="not in metres"):
        run(dict(base, CRS="EPSG:4326"))


def test_custom_thresholds_change_the_classes(full, sample):
    results, _feedback = full
    out = run({"FLOOD_RASTERS": sample["rasters"][2:], "BUILDINGS": sample["buildings"],
               "THRESHOLDS": "0.5, 1, 1.5, 2"})
    assert affected(out["BUILDINGS_OUT"], "rp100") < affected(results["BUILDINGS_OUT"],
                                                              "rp100")


def test_cancel_stops_the_run(sample):
    feedback = Recorder(cancel_at=35)
    try:
        results = run({"FLOOD_RASTERS": sample["rasters"], "BUILDINGS": sample["buildings"],
                       "ROADS": sample["roads"]}, feedback)
    except QgsProcessingException:
        results = {}
    assert feedback.isCanceled()
    assert not results or "BUILDINGS_OUT" not in results
    assert feedback.max_progress < 90


def test_runs_from_qgis_process(review, tmp_path):
    """From the command line in QGIS's own Python (Debian 12: shapely 1.8), typed
    parameters only: layers by URI, outputs to files. QGIS 3.22 cannot resolve a
    GeoPackage raster table (GPKG:path:table) given as a string, so the rasters go as
    GeoTIFFs here (in a project they can be named instead)."""
    from tests.test_qgis_process import QGIS_PROCESS, stock_has_geopandas
    from tests.test_qgis_process import run as qgis_process

    if QGIS_PROCESS is None or not stock_has_geopandas():
        pytest.skip("needs qgis_process.bin and geopandas in QGIS's Python")
    home = _qgis_home(tmp_path)
    gpkg = review["GEOPACKAGE"]
    out = tmp_path / "flood.gpkg"
    args = ["run", ALG, "--"]
    for s in SCENARIOS:
        tif = tmp_path / "flood_depth_{}.tif".format(s)
        gdal.Translate(str(tif), "GPKG:{}:flood_depth_{}".format(gpkg, s))
        args.append("FLOOD_RASTERS={}".format(tif))
    args += ["BUILDINGS={}|layername=buildings".format(gpkg), "THRESHOLDS=0.15,0.30,0.50,1.00",
             "BUILDINGS_OUT=ogr:dbname='{}' table=\"buildings\" (geom)".format(out),
             "IMPACT_AREAS={}".format(tmp_path / "areas.gpkg"),
             "SUMMARY={}".format(tmp_path / "summary.csv"),
             "COMPARISON={}".format(tmp_path / "comparison.csv")]
    proc = qgis_process(home, *args)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "Scenarios compared:" in proc.stdout
    layer = QgsVectorLayer("{}|layername=buildings".format(out), "b", "ogr")
    counts = [affected(layer, s) for s in SCENARIOS]
    assert 0 < counts[0] <= counts[1] <= counts[2]
    comparison = (tmp_path / "comparison.csv").read_text(encoding="utf-8").splitlines()
    assert comparison[0].split(",") == ["measure", *SCENARIOS]


def _qgis_home(tmp_path):
    """A HOME with only this plugin installed and enabled (as tests/test_qgis_process.py)."""
    from tests.test_qgis_process import plugin_home

    return plugin_home(tmp_path / "home")


def test_runs_as_a_model_step(sample):
    """In a model (as the model builder makes it): inputs from model parameters, outputs
    as model outputs."""
    import processing
    from qgis.core import (
        QgsProcessing,
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterFeatureSource,
        QgsProcessingParameterMultipleLayers,
    )

    model = QgsProcessingModelAlgorithm("flood model", "tests")
    model.addModelParameter(QgsProcessingParameterMultipleLayers(
        "rasters", "Rasters", QgsProcessing.TypeRaster), QgsProcessingModelParameter("rasters"))
    model.addModelParameter(QgsProcessingParameterFeatureSource(
        "buildings", "Buildings", [QgsProcessing.TypeVectorPolygon]),
        QgsProcessingModelParameter("buildings"))
    child = QgsProcessingModelChildAlgorithm(ALG)
    child.setChildId("flood")
    child.addParameterSources("FLOOD_RASTERS", [
        QgsProcessingModelChildParameterSource.fromModelParameter("rasters")])
    child.addParameterSources("BUILDINGS", [
        QgsProcessingModelChildParameterSource.fromModelParameter("buildings")])
    child.addParameterSources("THRESHOLDS", [
        QgsProcessingModelChildParameterSource.fromStaticValue("0.15,0.3,0.5,1")])
    output = QgsProcessingModelOutput("comparison", "comparison")
    output.setChildId("flood")
    output.setChildOutputName("COMPARISON")
    child.setModelOutputs({"comparison": output})
    model.addChildAlgorithm(child)
    model.updateDestinationParameters()
    results = processing.run(model, {"rasters": sample["rasters"],
                                     "buildings": sample["buildings"],
                                     "flood:comparison": "TEMPORARY_OUTPUT"})
    comparison = results["flood:comparison"]
    assert comparison.fields().names() == ["measure", *SCENARIOS]
    values = {f["measure"]: f for f in comparison.getFeatures()}
    assert 0 < values["buildings_affected"]["rp20"] <= values["buildings_affected"]["rp100"]


def test_report_shows_scenarios_side_by_side_per_district(sample, tmp_path):
    """The HTML report an analyst hands over: readable measures, one column per scenario,
    a section per district, and the same numbers as the comparison output."""
    report = tmp_path / "flood.html"
    results = run({
        "FLOOD_RASTERS": sample["rasters"], "BUILDINGS": sample["buildings"],
        "ROADS": sample["roads"], "DISTRICTS": sample["districts"], "REPORT": str(report)})
    text = report.read_text(encoding="utf-8")
    assert "<th>rp20</th><th>rp50</th><th>rp100</th>" in text
    assert "District xiangmihu" in text and "Floor area affected (m²)" in text
    comparison = results["COMPARISON"]
    if isinstance(comparison, str):
        comparison = QgsVectorLayer(comparison, "comparison", "ogr")
    row = [f for f in comparison.getFeatures() if f["measure"] == "buildings_affected"][0]
    cells = "".join("<td>{:,.0f}</td>".format(row[s]) for s in SCENARIOS)
    assert "<td>Buildings affected (depth ≥ first threshold)</td>" + cells in text
    results.clear()
