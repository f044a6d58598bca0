"""The district indicators algorithm run through QGIS Processing, headless.

The scene is the kernel test's (see test_indicators_kernel.py), shifted to real EPSG:4547
coordinates in Shenzhen; the districts layer is handed over in EPSG:4326 so the algorithm
has to transform it back to metres.
"""

import csv

import pytest
from qgis.core import (
    NULL,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant


X0, Y0 = 500_000.0, 2_490_000.0  # near the central meridian 114°E, latitude ~22.5°N
ALG = "twindistrictreview:districtindicators"


def box_wkt(x1, y1, x2, y2):
    x1, x2, y1, y2 = x1 + X0, x2 + X0, y1 + Y0, y2 + Y0
    return f"POLYGON(({x1} {y1},{x2} {y1},{x2} {y2},{x1} {y2},{x1} {y1}))"


def point_wkt(x, y):
    return f"POINT({x + X0} {y + Y0})"


def memory_layer(uri, rows, name, to_crs=None):
    """rows: [(wkt, [attributes])], geometry given in EPSG:4547."""
    crs = to_crs or "EPSG:4547"
    layer = QgsVectorLayer(uri.replace("{crs}", crs), name, "memory")
    assert layer.isValid()
    transform = None
    if to_crs:
        transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4547"),
                                           QgsCoordinateReferenceSystem(to_crs),
                                           QgsProject.instance())
    features = []
    for wkt, attrs in rows:
        f = QgsFeature(layer.fields())
        g = QgsGeometry.fromWkt(wkt)
        if transform:
            g.transform(transform)
        f.setGeometry(g)
        f.setAttributes(attrs)
        features.append(f)
    assert layer.dataProvider().addFeatures(features)[0]
    return layer


@pytest.fixture
def layers():
    districts = memory_layer(
        "Polygon?crs={crs}&field=district_id:string&field=name:string",
        [(box_wkt(0, 0, 100, 100), ["d1", "后海"]), (box_wkt(100, 0, 200, 100), ["d2", "蛇口"])],
        "districts", to_crs="EPSG:4326")
    buildings = memory_layer(
        "Polygon?crs={crs}&field=gfa:double&field=floors:integer&field=height:double"
        "&field=use:string",
        [(box_wkt(10, 10, 30, 30), [2400, 6, 20, "residential"]),
         (box_wkt(40, 10, 60, 20), [None, 10, 35, "office"]),
         (box_wkt(10, 50, 30, 60), [None, None, 61, "commercial"]),
         (box_wkt(90, 40, 110, 60), [4000, None, 120, "office"]),
         (box_wkt(150, 50, 160, 60), [None, None, None, None]),
         (box_wkt(120, 10, 140, 30), [None, 80, 260, "residential"])],
        "buildings")
    green = memory_layer("Polygon?crs={crs}&field=name:string",
                         [(box_wkt(0, 70, 40, 100), ["g1"]), (box_wkt(20, 80, 60, 100), ["g2"])],
                         "green")
    metro = memory_layer("Point?crs={crs}&field=name:string",
                         [(point_wkt(-480, 20), ["west"])], "metro")
    sensors = memory_layer(
        "Point?crs={crs}&field=sensor_id:string&field=observed_property:string"
        "&field=status:string",
        [(point_wkt(5, 5), ["s1", "water_level", "online"]),
         (point_wkt(50, 50), ["s2", "rainfall", "offline"])],
        "sensors")
    return dict(districts=districts, buildings=buildings, green=green, metro=metro,
                sensors=sensors)


def run(params):
    import processing  # QGIS's processing plugin, initialised by the qgis_processing fixture

    return processing.run(ALG, params)


def test_algorithm_is_registered(provider):
    alg = QgsApplication.processingRegistry().algorithmById(ALG)
    assert alg is not None
    assert alg.displayName() == "District indicators"
    assert "容积率" in alg.shortHelpString()


def test_indicators_written_to_layer_and_csv(provider, layers, tmp_path):
    out = tmp_path / "indicators.gpkg"
    csv_path = tmp_path / "indicators.csv"
    results = run({
        "DISTRICTS": layers["districts"], "BUILDINGS": layers["buildings"],
        "GREEN": layers["green"], "METRO": layers["metro"], "SENSORS": layers["sensors"],
        "DISTANCES": "500,800", "CRS": "EPSG:4547",
        "OUTPUT": str(out), "OUTPUT_TABLE": str(csv_path),
    })
    layer = QgsVectorLayer(results["OUTPUT"], "out", "ogr")
    assert layer.isValid()
    assert layer.crs().authid() == "EPSG:4547"
    fields = layer.fields()
    for name in ("district_id", "name", "land_area_m2", "gfa_m2", "far", "density",
                 "green_ratio", "height_mean_m", "h_250_plus", "use_share_office",
                 "use_entropy", "metro_cov_500_bldg", "metro_cov_800_gfa",
                 "sensors_total", "sensors_rainfall", "sensors_online_share"):
        assert fields.indexOf(name) >= 0, name
    assert fields.field("far").type() == QVariant.Double
    assert fields.field("sensors_total").type() in (QVariant.Int, QVariant.LongLong)
    # No chargers or facilities given: their fields are left out.
    assert not [n for n in fields.names() if n.startswith(("charger_", "facility_"))]

    rows = {f["district_id"]: f for f in layer.getFeatures()}
    d1, d2 = rows["d1"], rows["d2"]
    assert d1["name"] == "后海"
    # Districts went 4547 → 4326 → (algorithm) 4547: areas survive to well under 1 m².
    assert d1["land_area_m2"] == pytest.approx(10_000, abs=0.01)
    assert d1.geometry().area() == pytest.approx(10_000, abs=0.01)
    gfa_d1 = 2400 + 200 * 10 + 200 * round(61 / 3) + 4000 / 2
    assert d1["building_count"] == pytest.approx(3.5, abs=1e-6)
    assert d1["gfa_m2"] == pytest.approx(gfa_d1, rel=1e-6)
    assert d1["far"] == pytest.approx(gfa_d1 / 10_000, rel=1e-6)
    assert d1["density"] == pytest.approx(1000 / 10_000, rel=1e-6)
    assert d1["green_ratio"] == pytest.approx((1200 + 800 - 400) / 10_000, rel=1e-6)
    assert d1["metro_cov_500_bldg"] == pytest.approx(2 / 3.5, rel=1e-6)
    assert d1["sensors_total"] == 2 and d1["sensors_online_share"] == pytest.approx(0.5)
    assert d2["gfa_m2"] == pytest.approx(2000 + 400 * 80, rel=1e-6)
    assert d2["height_max_m"] == pytest.approx(260)
    assert d2["metro_cov_500_bldg"] == 0
    assert d2["sensors_total"] == 0
    assert d2["sensors_online_share"] == NULL  # no sensors: share unknown, not 0

    with csv_path.open(encoding="utf-8") as fh:
        table = list(csv.DictReader(fh))
    assert [r["district_id"] for r in table] == ["d1", "d2"]
    assert float(table[0]["far"]) == pytest.approx(gfa_d1 / 10_000, rel=1e-6)


def test_feature_id_when_no_id_field(provider, layers):
    results = run({
        "DISTRICTS": layers["districts"], "DISTRICT_ID_FIELD": "",
        "BUILDINGS": layers["buildings"], "OUTPUT": "TEMPORARY_OUTPUT",
    })
    layer = results["OUTPUT"]
    if isinstance(layer, str):
        layer = QgsVectorLayer(layer, "out", "ogr")
    assert "district_fid" in layer.fields().names()
    assert sorted(f["district_fid"] for f in layer.getFeatures()) == [1, 2]


def test_buildings_without_floor_data_are_refused(provider, layers):
    bare = memory_layer("Polygon?crs={crs}&field=name:string",
                        [(box_wkt(10, 10, 30, 30), ["x"])], "bare")
    with pytest.raises(QgsProcessingException, match="none of the fields gfa, floors or height"):
        run({"DISTRICTS": layers["districts"], "BUILDINGS": bare,
             "OUTPUT": "TEMPORARY_OUTPUT"})


def test_empty_buildings_and_bad_distances_are_refused(provider, layers):
    empty = memory_layer("Polygon?crs={crs}&field=height:double", [], "empty")
    with pytest.raises(QgsProcessingException, match="buildings layer has no features"):
        run({"DISTRICTS": layers["districts"], "BUILDINGS": empty,
             "OUTPUT": "TEMPORARY_OUTPUT"})
    with pytest.raises(QgsProcessingException, match="Distances must be positive numbers"):
        run({"DISTRICTS": layers["districts"], "BUILDINGS": layers["buildings"],
             "DISTANCES": "500,far", "OUTPUT": "TEMPORARY_OUTPUT"})


def test_districts_without_default_id_field_fall_back_to_feature_id(provider, layers):
    plain = memory_layer("Polygon?crs={crs}&field=name:string",
                         [(box_wkt(0, 0, 100, 100), ["only"])], "plain")
    results = run({"DISTRICTS": plain, "BUILDINGS": layers["buildings"],
                   "OUTPUT": "TEMPORARY_OUTPUT"})
    layer = results["OUTPUT"]
    if isinstance(layer, str):
        layer = QgsVectorLayer(layer, "out", "ogr")
    (feature,) = list(layer.getFeatures())
    assert feature["name"] == "only" and feature["district_fid"] == 1
    assert feature["building_count"] == pytest.approx(3.5)


def test_geographic_analysis_crs_is_refused(provider, layers):
    with pytest.raises(QgsProcessingException, match="not in metres"):
        run({"DISTRICTS": layers["districts"], "BUILDINGS": layers["buildings"],
             "CRS": "EPSG:4326", "OUTPUT": "TEMPORARY_OUTPUT"})


def test_invalid_geometries_are_repaired_with_processings_default_check(provider, layers):
    """A bow-tie building under QGIS's default invalid-feature setting: repaired and
    counted (not refused), and a second run in the same QGIS still works."""
    from qgis.core import QgsFeatureRequest, QgsProcessingContext, QgsProcessingFeedback

    import processing

    bowtie = "POLYGON((10 10, 30 30, 30 10, 10 30, 10 10))"
    buildings = memory_layer("Polygon?crs={crs}&field=height:double",
                             [(bowtie, [20.0]), (box_wkt(40, 10, 60, 20), [35.0])], "bowtie")
    for _ in range(2):
        context = QgsProcessingContext()  # as the desktop's default setting makes it
        context.setInvalidGeometryCheck(QgsFeatureRequest.GeometryAbortOnInvalid)
        feedback = QgsProcessingFeedback()
        log = []
        feedback.pushInfo = log.append
        result = processing.run(ALG, {"DISTRICTS": layers["districts"], "BUILDINGS": buildings,
                                      "OUTPUT": "TEMPORARY_OUTPUT"},
                                context=context, feedback=feedback)
        assert result["OUTPUT"]
        assert any("1 invalid geometries were repaired" in line for line in log), log
