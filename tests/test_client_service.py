"""ServiceClient against the real sample twin service (pygeoapi).

Uses the session fixtures of tests/conftest.py. To point these tests at a service
that is already running, set TWIN_TEST_SERVICE_URL and TWIN_TEST_SAMPLE_DIR (the data
directory holding its manifest.json).
"""

import json
import math
import os
from pathlib import Path

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject

from plugin.core.catalog import Catalog
from plugin.core.client import ServiceClient
from plugin.core.errors import TwinServiceError
from plugin.core.transport import QgisTransport


@pytest.fixture(scope="module")
def service(request):
    url = os.environ.get("TWIN_TEST_SERVICE_URL")
    if url:
        manifest_path = Path(os.environ["TWIN_TEST_SAMPLE_DIR"]) / "manifest.json"
        return url, json.loads(manifest_path.read_text(encoding="utf-8"))
    pytest.importorskip("tests.support.twin_service")
    return request.getfixturevalue("twin_service"), request.getfixturevalue("sample_manifest")


@pytest.fixture
def client(service):
    return ServiceClient(service[0], transport=QgisTransport(timeout_ms=30000), page_size=5000)


@pytest.fixture
def manifest(service):
    return {c["id"]: c for c in service[1]["collections"]}


def test_landing_conformance_and_catalog(client, manifest):
    assert client.is_features_server()
    ids = [c["id"] for c in client.collections()]
    assert sorted(ids) == sorted(manifest)
    catalog = Catalog.from_collections(client.collections())
    assert [e.id for e in catalog.unclassified] == ["poi-misc"]
    assert catalog.get("buildings").role == "buildings"
    assert {e.id for e in catalog.by_role("flood-depth")} == {
        "flood-depth-rp20", "flood-depth-rp50", "flood-depth-rp100"}


def test_limit_above_the_server_maximum_pages_everything(client, manifest):
    pages = list(client.iter_pages("buildings"))
    ids = [f["id"] for p in pages for f in p.features]
    assert len(ids) == len(set(ids)) == manifest["buildings"]["count"]
    assert len(pages) >= math.ceil(len(ids) / 1000) > 1, "the server capped the page size"


def _envelope(geometry):
    flat = []

    def walk(c):
        if c and isinstance(c[0], (int, float)):
            flat.append(c)
        else:
            for x in c:
                walk(x)

    walk(geometry["coordinates"])
    xs, ys = [p[0] for p in flat], [p[1] for p in flat]
    return min(xs), min(ys), max(xs), max(ys)


def test_bbox_filter(client, manifest):
    west, south, east, north = manifest["buildings"]["bbox"]
    box = (west, south, (west + east) / 2, (south + north) / 2)
    got = list(client.iter_features("buildings", bbox=box))
    assert 0 < len(got) < manifest["buildings"]["count"]
    for feature in got:
        x0, y0, x1, y1 = _envelope(feature["geometry"])
        assert x0 <= box[2] and x1 >= box[0] and y0 <= box[3] and y1 >= box[1]


def test_bbox_in_4547_selects_the_same_buildings(client, manifest):
    """Sent as bbox-crs (northing first) under Part 2, or moved to CRS84 without it."""
    from plugin.core.crs import transform_bbox

    west, south, east, north = manifest["buildings"]["bbox"]
    box84 = (west, south, (west + east) / 2, (south + north) / 2)
    box4547 = transform_bbox(box84, "OGC:CRS84", "EPSG:4547")
    by84 = {f["id"] for f in client.iter_features("buildings", bbox=box84)}
    by4547 = {f["id"] for f in client.iter_features("buildings", bbox=box4547,
                                                     bbox_crs="EPSG:4547")}
    assert by84 and by84 <= by4547, "the 4547 box is the envelope of the CRS84 one"
    assert len(by4547 - by84) <= 0.1 * len(by84)


def test_property_filter_on_districts(client):
    got = list(client.iter_features("districts", properties={"district_id": "xiangmihu"}))
    assert [f["properties"]["district_id"] for f in got] == ["xiangmihu"]


def test_part2_crs_agrees_with_client_side_transform(client):
    if not client.supports_crs() or not client.offered_crs("districts", "EPSG:4547"):
        pytest.skip("the service does not offer EPSG:4547 through Part 2")
    server = list(client.iter_pages("districts", crs="EPSG:4547"))
    lonlat = list(client.iter_pages("districts"))
    assert server[0].crs_authid == "EPSG:4547" and lonlat[0].crs_authid == "OGC:CRS84"
    xform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("OGC:CRS84"),
                                   QgsCoordinateReferenceSystem("EPSG:4547"),
                                   QgsProject.instance())
    by_id = {f["id"]: f for p in lonlat for f in p.features}
    compared = 0
    for feature in (f for p in server for f in p.features):
        ring_server = feature["geometry"]["coordinates"][0]
        ring_local = by_id[feature["id"]]["geometry"]["coordinates"][0]
        for (x, y), (lon, lat) in zip(ring_server, ring_local):
            local = xform.transform(QgsPointXY(lon, lat))
            assert abs(local.x() - x) < 0.01 and abs(local.y() - y) < 0.01
            compared += 1
    assert compared > 10


def test_coverage_download_is_a_geotiff(client, tmp_path):
    from osgeo import gdal

    dest = tmp_path / "dem.tif"
    client.download_coverage("dem", str(dest))
    dataset = gdal.Open(str(dest))
    assert dataset is not None and dataset.RasterXSize > 0
    with pytest.raises(TwinServiceError) as err:
        client.coverage_url("poi-misc")
    assert "raster roles are unavailable" in str(err.value)
