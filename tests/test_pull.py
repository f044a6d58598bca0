"""Pull engine: scripted pages -> typed GeoPackage layer, atomically."""

import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from qgis.core import QgsFeedback, QgsRasterLayer, QgsVectorLayer, QgsWkbTypes
from qgis.PyQt.QtCore import QVariant

from plugin.core.errors import TwinCancelled, TwinServiceError
from plugin.core.pull import pull_coverage_to_gpkg, write_pages_to_gpkg


@dataclass
class Page:
    features: list
    number_matched: int = None
    crs_authid: str = None


def square(x, y, d=0.001):
    return {"type": "Polygon", "coordinates": [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]]}


def multi_square(x, y, d=0.001):
    return {"type": "MultiPolygon", "coordinates": [square(x, y, d)["coordinates"]]}


def feature(fid, geometry, **props):
    return {"type": "Feature", "id": fid, "geometry": geometry, "properties": props}


def scripted_pages():
    """Page 1 sets the types; page 2 widens floors->real, status->string, adds a field."""
    page1 = [feature(i, square(114.0 + i * 0.002, 22.55), height=30 + i, floors=10,
                     built="2020-05-01T08:00:00Z", meta={"bim": {"lod": 2}}, ok=True,
                     status=7, name="B{}".format(i))
             for i in range(1, 4)]
    page2 = [feature(10, multi_square(114.01, 22.56), height=12, floors=3.5,
                     built="2021-01-02T00:00:00+08:00", meta={"bim": None}, ok=False,
                     status="planned", name="B10", late=1.25)]
    return [Page(page1, number_matched=4), Page(page2, number_matched=4)]


def open_layer(path, name):
    layer = QgsVectorLayer("{}|layername={}".format(path, name), name, "ogr")
    assert layer.isValid()
    return layer


def field_types(layer):
    return {f.name(): (f.type(), f.typeName().lower()) for f in layer.fields()}


def file_hash(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def leftovers(folder):
    return sorted(p.name for p in Path(folder).iterdir() if ".part" in p.name)


def test_field_types_geometry_and_crs(tmp_path, qgis_app):
    target = tmp_path / "twin.gpkg"
    result = write_pages_to_gpkg(scripted_pages(), target, "buildings")
    assert result.feature_count == 4 and result.pages == 2
    layer = open_layer(target, "buildings")
    assert layer.featureCount() == 4
    types = field_types(layer)
    assert types["height"][0] == QVariant.LongLong          # ints stay Integer64
    assert types["floors"][0] == QVariant.Double            # 10 then 3.5 -> Real
    assert types["built"][0] == QVariant.DateTime           # ISO 8601 -> DateTime
    assert types["meta"][1] == "json"                        # nested -> JSON (QGIS: a map)
    assert types["ok"][0] == QVariant.Bool
    assert types["status"][0] == QVariant.String            # 7 then "planned" -> String
    assert types["late"][0] == QVariant.Double              # appeared on page 2
    assert types["twin_fid"][0] == QVariant.LongLong
    # Polygon then MultiPolygon: the layer is promoted and every row is multi.
    assert layer.wkbType() == QgsWkbTypes.MultiPolygon
    assert layer.crs().authid() == "EPSG:4547"
    by_fid = {f["twin_fid"]: f for f in layer.getFeatures()}
    assert set(by_fid) == {1, 2, 3, 10}
    assert by_fid[1]["floors"] == 10.0 and by_fid[10]["floors"] == 3.5
    assert by_fid[1]["status"] == "7" and by_fid[10]["status"] == "planned"
    assert by_fid[1]["late"] in (None, QVariant()) and by_fid[10]["late"] == 1.25
    assert by_fid[10]["built"].toUTC().toString("yyyy-MM-ddTHH:mm:ss") == "2021-01-01T16:00:00"
    assert by_fid[1]["meta"] == {"bim": {"lod": 2}}
    assert by_fid[1]["ok"] is True and by_fid[10]["ok"] is False
    # Metric coordinates near Shenzhen in CGCS2000 / 3-degree GK CM 114E.
    centre = by_fid[10].geometry().centroid().asPoint()
    assert 500000 < centre.x() < 503000 and 2490000 < centre.y() < 2500000
    with sqlite3.connect(target) as con:
        (name,) = con.execute("SELECT geometry_type_name FROM gpkg_geometry_columns").fetchone()
    assert name == "MULTIPOLYGON"
    assert leftovers(tmp_path) == []


def test_keep_lonlat_when_no_target_crs(tmp_path, qgis_app):
    target = tmp_path / "lonlat.gpkg"
    pages = [Page([feature("a", {"type": "Point", "coordinates": [114.05, 22.54]}, v=1)])]
    result = write_pages_to_gpkg(pages, target, "pts", target_crs=None)
    layer = open_layer(target, "pts")
    assert result.crs == "EPSG:4326" and layer.crs().authid() == "EPSG:4326"
    point = next(layer.getFeatures()).geometry().asPoint()
    assert (round(point.x(), 6), round(point.y(), 6)) == (114.05, 22.54)
    assert layer.wkbType() == QgsWkbTypes.Point
    assert field_types(layer)["twin_fid"][0] == QVariant.String


def test_attribute_only_collection(tmp_path, qgis_app):
    target = tmp_path / "obs.gpkg"
    pages = [Page([feature(i, None, sensor_id="WL1", time="2024-06-01T00:0{}:00Z".format(i),
                           value=1.5 + i) for i in range(3)])]
    write_pages_to_gpkg(pages, target, "observations")
    layer = open_layer(target, "observations")
    assert layer.featureCount() == 3 and not layer.isSpatial()
    assert field_types(layer)["time"][0] == QVariant.DateTime


class FailingPages:
    """Yields one good page, then fails like a dropped connection."""

    def __iter__(self):
        yield scripted_pages()[0]
        raise TwinServiceError("The twin service stopped answering.")


def test_error_mid_way_creates_nothing(tmp_path, qgis_app):
    target = tmp_path / "new.gpkg"
    with pytest.raises(TwinServiceError, match="stopped answering"):
        write_pages_to_gpkg(FailingPages(), target, "buildings")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_error_mid_way_leaves_existing_package_byte_identical(tmp_path, qgis_app):
    target = tmp_path / "twin.gpkg"
    write_pages_to_gpkg(scripted_pages(), target, "buildings")
    before = file_hash(target)
    with pytest.raises(TwinServiceError):
        write_pages_to_gpkg(FailingPages(), target, "buildings")
    assert file_hash(target) == before
    assert leftovers(tmp_path) == []


def test_cancel_between_pages(tmp_path, qgis_app):
    target = tmp_path / "twin.gpkg"
    write_pages_to_gpkg(scripted_pages(), target, "buildings")
    before = file_hash(target)
    feedback = QgsFeedback()
    progress = []
    feedback.progressChanged.connect(progress.append)

    def pages():
        for page in scripted_pages():
            yield page
            feedback.cancel()   # the user presses Cancel while page 2 downloads

    with pytest.raises(TwinCancelled):
        write_pages_to_gpkg(pages(), target, "buildings", feedback=feedback)
    assert file_hash(target) == before
    assert leftovers(tmp_path) == []
    assert progress and progress[0] == pytest.approx(75.0)   # 3 of numberMatched 4


def test_merge_replaces_layer_and_keeps_others(tmp_path, qgis_app):
    target = tmp_path / "twin.gpkg"
    write_pages_to_gpkg(scripted_pages(), target, "buildings")
    points = [Page([feature(i, {"type": "Point", "coordinates": [114.0 + i / 1000, 22.5]}, n=i)
                    for i in range(5)])]
    write_pages_to_gpkg(points, target, "stations")
    # Pull buildings again with fewer features: replaced, stations untouched.
    write_pages_to_gpkg([scripted_pages()[1]], target, "buildings")
    assert open_layer(target, "stations").featureCount() == 5
    buildings = open_layer(target, "buildings")
    assert buildings.featureCount() == 1
    assert buildings.wkbType() == QgsWkbTypes.MultiPolygon
    # The spatial index of the merged table works (QGIS uses it for extent queries).
    from qgis.core import QgsFeatureRequest, QgsRectangle
    req = QgsFeatureRequest().setFilterRect(QgsRectangle(0, 0, 1e7, 1e7))
    assert len(list(buildings.getFeatures(req))) == 1
    with sqlite3.connect(target) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")}
        assert tables == {"buildings", "stations"}
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert leftovers(tmp_path) == []


class CoverageClient:
    """Stands in for ServiceClient.download_coverage: writes a real GeoTIFF."""

    def download_coverage(self, cid, dest_tif, bbox=None, feedback=None, meta=None):
        import numpy as np
        from osgeo import gdal
        ds = gdal.GetDriverByName("GTiff").Create(str(dest_tif), 20, 10, 1, gdal.GDT_Float32)
        ds.SetGeoTransform((500000, 5, 0, 2495000, 0, -5))
        ds.SetProjection("EPSG:4547")
        data = np.full((10, 20), 0.42, dtype="float32")
        data[0, :] = -9999
        band = ds.GetRasterBand(1)
        band.SetNoDataValue(-9999)
        band.WriteArray(data)
        ds = None
        return Path(dest_tif)


def test_coverage_into_gpkg_keeps_float_and_nodata(tmp_path, qgis_app):
    target = tmp_path / "twin.gpkg"
    write_pages_to_gpkg(scripted_pages(), target, "buildings")
    uri = pull_coverage_to_gpkg(CoverageClient(), "flood-depth-rp50", target, "flood_depth_rp50")
    raster = QgsRasterLayer(uri, "flood", "gdal")
    assert raster.isValid()
    assert raster.width() == 20 and raster.height() == 10
    assert raster.crs().authid() == "EPSG:4547"
    provider = raster.dataProvider()
    value, ok = provider.sample(raster.extent().center(), 1)
    assert ok and value == pytest.approx(0.42, abs=1e-6)
    assert provider.sourceHasNoDataValue(1) and provider.sourceNoDataValue(1) == -9999
    top = raster.extent().yMaximum() - 2.5
    _, ok = provider.sample(raster.extent().center().__class__(500002.5, top), 1)
    assert not ok   # nodata row
    assert open_layer(target, "buildings").featureCount() == 4
    assert leftovers(tmp_path) == []


@pytest.fixture
def service_url(request):
    """The sample twin service, or a skip while its helper module is not in the tree."""
    pytest.importorskip("tests.support.twin_service")
    return request.getfixturevalue("twin_service")


def test_end_to_end_buildings_from_sample_service(tmp_path, qgis_app, service_url):
    client_module = pytest.importorskip("plugin.core.client")
    client = client_module.ServiceClient(service_url)
    bbox = _district_bbox(client, "xiangmihu")
    served = sum(len(p.features) for p in client.iter_pages("buildings", bbox=bbox))
    result = _pull(client, tmp_path / "pull.gpkg", bbox)
    layer = open_layer(tmp_path / "pull.gpkg", "buildings")
    assert served > 0
    assert result.feature_count == served == layer.featureCount()
    assert layer.crs().authid() == "EPSG:4547"
    assert layer.fields().field("height").type() == QVariant.Double


def _pull(client, path, bbox):
    from plugin.core.pull import pull_to_gpkg
    return pull_to_gpkg(client, "buildings", path, "buildings", bbox=bbox)


def _district_bbox(client, district_id):
    from qgis.core import QgsGeometry
    box = None
    for page in client.iter_pages("districts", properties={"district_id": district_id}):
        for f in page.features:
            if f["properties"].get("district_id") != district_id:
                continue
            import json
            geom = QgsGeometry.fromWkt(_geojson_to_wkt(json.dumps(f["geometry"])))
            box = geom.boundingBox()
    assert box is not None
    return (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum())


def _geojson_to_wkt(text):
    from osgeo import ogr
    return ogr.CreateGeometryFromJson(text).ExportToWkt()
