"""Downloading chosen collections into one GeoPackage, whole or for a district.

Expected counts come from plain HTTP (requests) and shapely, never from the code under test.
"""

import hashlib

import pytest
import requests
from osgeo import gdal, ogr
from qgis.core import QgsApplication, QgsFeedback
from shapely.geometry import shape

from plugin.core.catalog import Catalog, CollectionEntry
from plugin.core.client import ServiceClient
from plugin.core.connections import Connection
from plugin.core.district_pull import find_district
from plugin.core.downloads import cache_gpkg_path, download_collections
from plugin.core.errors import TwinCancelled, TwinServiceError
from plugin.core.tasks import DownloadTask
from tests.support.http_stub import Reply, StubServer, point_features


def service_features(base, cid, bbox=None):
    """Every feature of a collection, paged with plain HTTP."""
    url = "{}/collections/{}/items".format(base, cid)
    params = {"f": "json", "limit": 1000}
    if bbox:
        params["bbox"] = ",".join(str(v) for v in bbox)
    out, seen = [], set()
    while url and url not in seen:
        seen.add(url)
        page = requests.get(url, params=params, timeout=60).json()
        params = None  # next links carry the query
        out.extend(page["features"])
        nxt = [link["href"] for link in page.get("links", []) if link.get("rel") == "next"]
        url = nxt[0] if nxt and page["features"] else None
    return out


def district_polygon(base, district_id):
    for feature in service_features(base, "districts"):
        if feature["properties"]["district_id"] == district_id:
            return shape(feature["geometry"])
    raise AssertionError(district_id)


def table_counts(gpkg):
    ds = ogr.Open(str(gpkg))
    return {ds.GetLayer(i).GetName(): ds.GetLayer(i).GetFeatureCount()
            for i in range(ds.GetLayerCount())}


def raster_tables(gpkg):
    ds = gdal.Open(str(gpkg))
    subs = ds.GetSubDatasets() if ds is not None else []
    return {name.rsplit(":", 1)[-1] for name, _ in subs} or (
        {ds.GetMetadataItem("IDENTIFIER")} if ds is not None else set())


@pytest.fixture(scope="module")
def client(twin_service):
    return ServiceClient(twin_service, page_size=500)  # buildings span 6 pages


@pytest.fixture(scope="module")
def catalog(client):
    return Catalog.from_collections(client.collections())


def recording_feedback():
    feedback, progress = QgsFeedback(), []
    feedback.progressChanged.connect(progress.append)
    return feedback, progress


def test_collections_land_in_one_geopackage(client, catalog, twin_service, tmp_path):
    gpkg = tmp_path / "city.gpkg"
    feedback, progress = recording_feedback()
    result = download_collections(client, [catalog.get(c) for c in ("buildings", "roads", "dem")],
                                  gpkg, feedback=feedback)

    assert sorted(p.name for p in tmp_path.iterdir()) == ["city.gpkg"]  # no temp files
    counts = table_counts(gpkg)
    assert counts["buildings"] == len(service_features(twin_service, "buildings")) == 3000
    assert counts["roads"] == len(service_features(twin_service, "roads"))
    assert "dem" in raster_tables(gpkg)
    dem = gdal.Open("GPKG:{}:dem".format(gpkg))
    tif = requests.get(twin_service + "/collections/dem/coverage?f=GTiff", timeout=60).content
    gdal.FileFromMemBuffer("/vsimem/dem.tif", tif)
    served = gdal.Open("/vsimem/dem.tif")
    assert (dem.RasterXSize, dem.RasterYSize) == (served.RasterXSize, served.RasterYSize)
    assert dem.GetRasterBand(1).ComputeRasterMinMax() == pytest.approx(
        served.GetRasterBand(1).ComputeRasterMinMax())
    gdal.Unlink("/vsimem/dem.tif")

    by_id = {layer.collection_id: layer for layer in result.layers}
    assert by_id["buildings"].feature_count == 3000 and by_id["buildings"].role == "buildings"
    assert by_id["dem"].is_raster and by_id["dem"].uri == "GPKG:{}:dem".format(gpkg)
    assert by_id["roads"].uri == "{}|layername=roads".format(gpkg)
    # Progress covers the whole download: it rises through the collections to 100.
    assert progress == sorted(progress) and progress[-1] == 100.0 not in progress[:-1]
    assert len({round(p) for p in progress}) > 5


def test_district_download_keeps_features_touching_the_polygon(client, catalog, twin_service,
                                                                 tmp_path):
    polygon = district_polygon(twin_service, "xiangmihu")
    everything = service_features(twin_service, "buildings")
    touching = [f for f in everything if shape(f["geometry"]).intersects(polygon)]
    in_bbox = service_features(twin_service, "buildings", polygon.bounds)

    gpkg = tmp_path / "xiangmihu.gpkg"
    district = find_district(client, catalog, "xiangmihu")
    result = download_collections(client, [catalog.get("buildings"), catalog.get("dem")], gpkg,
                                  district=district)

    assert 0 < table_counts(gpkg)["buildings"] == len(touching) < len(everything)
    ds = ogr.Open(str(gpkg))
    assert {f.GetField("bim_id") for f in ds.GetLayerByName("buildings")} == {
        f["properties"]["bim_id"] for f in touching}
    assert result.district_id == "xiangmihu"
    assert result.dropped_outside == len(in_bbox) - len(touching)
    # The raster is cut to the district's bounding box: smaller than the city's.
    dem = gdal.Open("GPKG:{}:dem".format(gpkg))
    tif = requests.get(twin_service + "/collections/dem/coverage?f=GTiff", timeout=60).content
    gdal.FileFromMemBuffer("/vsimem/city_dem.tif", tif)
    city = gdal.Open("/vsimem/city_dem.tif")
    assert 0 < dem.RasterXSize * dem.RasterYSize < city.RasterXSize * city.RasterYSize / 4
    city = None
    gdal.Unlink("/vsimem/city_dem.tif")


def triangle_service(stub):
    """A district shaped like a triangle and a grid of points around it; the stub ignores
    bbox (as some servers do), so the clip alone decides what is kept."""
    corners = [(114.0, 22.5), (114.04, 22.5), (114.0, 22.54), (114.0, 22.5)]
    district = {"type": "Feature", "id": "tri",
                "geometry": {"type": "Polygon", "coordinates": [corners]},
                "properties": {"district_id": "tri", "name": "Triangle", "name_zh": "三角"}}
    grid = [{"type": "Feature", "id": "p{}".format(i),
             "geometry": {"type": "Point", "coordinates": [113.99 + (i % 30) * 0.002,
                                                           22.49 + (i // 30) * 0.002]},
             "properties": {"n": i}} for i in range(900)]
    tags = ["twin:kind=vector", "twin:district=*"]
    stub.add_service([{"id": "districts", "keywords": tags + ["twin:role=districts"]},
                      {"id": "points", "keywords": tags + ["twin:role=facilities"]}])
    stub.add_paged_items("districts", [district])
    stub.add_paged_items("points", grid, server_max=100)
    return shape(district["geometry"]), grid


def test_district_clip_drops_features_outside_the_polygon(tmp_path):
    with StubServer() as stub:
        polygon, grid = triangle_service(stub)
        client = ServiceClient(stub.url)
        catalog = Catalog.from_collections(client.collections())
        district = find_district(client, catalog, "tri")
        result = download_collections(client, [catalog.get("points")], tmp_path / "tri.gpkg",
                                      district=district)
    inside = [f for f in grid if shape(f["geometry"]).intersects(polygon)]
    assert 0 < len(inside) < len(grid)
    assert table_counts(tmp_path / "tri.gpkg")["points"] == len(inside)
    assert result.dropped_outside == len(grid) - len(inside)
    ds = ogr.Open(str(tmp_path / "tri.gpkg"))
    assert {f.GetField("n") for f in ds.GetLayerByName("points")} == {
        f["properties"]["n"] for f in inside}


def test_failed_download_keeps_the_previous_file(client, catalog, tmp_path):
    gpkg = tmp_path / "keep.gpkg"
    gpkg.write_bytes(b"previous package")
    with pytest.raises(TwinServiceError) as caught:
        download_collections(client, [catalog.get("roads"), CollectionEntry("no-such-thing")],
                             gpkg)
    assert "HTTP 404" in str(caught.value) and str(caught.value).endswith(".")
    assert gpkg.read_bytes() == b"previous package"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.gpkg"]


def test_cancelled_download_leaves_nothing(client, catalog, tmp_path):
    feedback = QgsFeedback()
    feedback.progressChanged.connect(lambda p: p > 0 and feedback.cancel())
    with pytest.raises(TwinCancelled):
        download_collections(client, [catalog.get("buildings")], tmp_path / "x.gpkg",
                             feedback=feedback)
    assert list(tmp_path.iterdir()) == []


def test_cache_path_is_per_service_under_the_profile():
    entry = CollectionEntry("flood-depth-rp20")
    a = cache_gpkg_path(Connection("A", "http://a.example/twin"), entry)
    b = cache_gpkg_path(Connection("A", "http://b.example/twin"), entry)
    root = QgsApplication.qgisSettingsDirPath().rstrip("/")
    assert str(a).startswith(root + "/twin_district_review/cache/") and a.suffix == ".gpkg"
    assert a != b and a.name == b.name == "flood_depth_rp20.gpkg"
    assert hashlib.sha1(b"http://a.example/twin").hexdigest()[:8] in str(a)


# -- DownloadTask in the task manager --------------------------------------------------

def run_task(qtbot, task, cancel_when=None, timeout=60000):
    """Run through the task manager; returns what its signals said (the manager deletes
    the task when it ends, so nothing is read from it afterwards)."""
    said, progress = {}, []
    task.progressChanged.connect(progress.append)
    task.downloaded.connect(lambda result: said.setdefault("downloaded", result))
    task.failed.connect(lambda sentence: said.setdefault("failed", sentence))
    task.cancelled.connect(lambda: said.setdefault("cancelled", True))
    QgsApplication.taskManager().addTask(task)
    if cancel_when is not None:
        qtbot.waitUntil(lambda: bool(cancel_when(progress)), timeout=timeout)
        task.cancel()
    qtbot.waitUntil(lambda: bool(said), timeout=timeout)
    return said, progress


def slow_stub(stub, n=3000):
    """A service whose collection 'c' pages slowly after the first page."""
    stub.add_service([{"id": "c", "title": "C"}])
    stub.add_paged_items("c", point_features(n), server_max=100)
    paged = stub.routes["/api/colls/c/items"]

    def slow(request):
        reply = paged(request)
        reply.delay = 0.3 if request.query.get("offset") else 0.0
        return reply

    stub.route("/api/colls/c/items", slow)


def test_download_task_adds_up_with_progress(qtbot, twin_service, tmp_path):
    gpkg = tmp_path / "task.gpkg"
    task = DownloadTask(Connection("sample", twin_service), ["roads", "green"], gpkg,
                        district_id="houhai")
    said, progress = run_task(qtbot, task)
    result = said["downloaded"]
    polygon = district_polygon(twin_service, "houhai")
    expected = sum(shape(f["geometry"]).intersects(polygon)
                   for f in service_features(twin_service, "roads"))
    assert table_counts(gpkg)["roads"] == expected
    assert result.gpkg_path == gpkg and result.district_id == "houhai"
    assert progress and max(progress) == 100.0


@pytest.mark.parametrize("existing", [False, True])
def test_cancelled_download_task_leaves_no_file(qtbot, tmp_path, existing):
    gpkg = tmp_path / "c.gpkg"
    if existing:
        gpkg.write_bytes(b"an earlier download")
    with StubServer() as stub:
        slow_stub(stub)
        task = DownloadTask(Connection("stub", stub.url), ["c"], gpkg)
        said, _ = run_task(qtbot, task, cancel_when=lambda progress: progress)
    assert said == {"cancelled": True}
    if existing:
        assert gpkg.read_bytes() == b"an earlier download"
        assert [p.name for p in tmp_path.iterdir()] == ["c.gpkg"]
    else:
        assert list(tmp_path.iterdir()) == []


def test_download_task_fails_in_one_sentence_when_the_server_goes_away(qtbot, tmp_path):
    gpkg = tmp_path / "c.gpkg"
    with StubServer() as stub:
        slow_stub(stub)
        paged, gone = stub.routes["/api/colls/c/items"], []

        def going(request):  # once the download is under way, connections drop unanswered
            return Reply(200, b"", drop_after=0) if gone else paged(request)

        stub.route("/api/colls/c/items", going)
        task = DownloadTask(Connection("stub", stub.url), ["c"], gpkg)
        task.progressChanged.connect(lambda _p: gone.append(True))
        said, _ = run_task(qtbot, task)
    assert set(said) == {"failed"}
    assert said["failed"].startswith("The ") and said["failed"].endswith(".")
    assert "twin service" in said["failed"] and "'c'" in said["failed"]
    assert "\n" not in said["failed"] and "Traceback" not in said["failed"]
    assert list(tmp_path.iterdir()) == []


def test_download_task_fails_for_a_missing_collection(qtbot, twin_service, tmp_path):
    gpkg = tmp_path / "missing.gpkg"
    task = DownloadTask(Connection("sample", twin_service),
                        [CollectionEntry("roads-that-never-were")], gpkg)
    said, _ = run_task(qtbot, task)
    assert said["failed"] == ("The twin service did not find collection "
                              "'roads-that-never-were' (HTTP 404).")
    assert list(tmp_path.iterdir()) == []
