"""Offline district packages on the real sample service: make, open offline, provenance,
margin and polygon districts, cancel, disk full and read-only folders."""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from shapely.geometry import box, shape
from shapely.ops import transform

from tests.test_district_review import ROOT, open_offline

pytestmark = pytest.mark.usefixtures("qgis_app")


def sha1(path):
    return hashlib.sha1(Path(path).read_bytes()).hexdigest()


def package(provider, **params):
    import processing

    return processing.run("twindistrictreview:packagedistrict", params)


def features_in(base, collection, polygon):
    """Features of a collection touching a CRS84 shapely polygon, paged with plain HTTP."""
    url = "{}/collections/{}/items".format(base, collection)
    params = {"f": "json", "limit": 1000, "bbox": ",".join(str(v) for v in polygon.bounds)}
    ids = set()
    while url:
        page = requests.get(url, params=params, timeout=60).json()
        params = None
        ids.update(f["id"] for f in page["features"]
                   if f.get("geometry") and shape(f["geometry"]).intersects(polygon))
        nxt = [link["href"] for link in page.get("links", []) if link.get("rel") == "next"]
        url = nxt[0] if nxt and page["features"] else None
    return ids


def grown(polygon_crs84, metres):
    """The polygon buffered by ``metres`` in EPSG:4547 (pyproj, independent of the plugin)."""
    from pyproj import Transformer

    there = Transformer.from_crs("OGC:CRS84", "EPSG:4547", always_xy=True).transform
    back = Transformer.from_crs("EPSG:4547", "OGC:CRS84", always_xy=True).transform
    return transform(back, transform(there, polygon_crs84).buffer(metres, 8))


@pytest.fixture(scope="module")
def packaged(twin_service, provider, tmp_path_factory):
    out = tmp_path_factory.mktemp("package") / "xiangmihu.gpkg"
    result = package(provider, SERVICE_URL=twin_service, DISTRICT="xiangmihu", MARGIN=300,
                     OUTPUT=str(out))
    return result


@pytest.fixture(scope="module")
def district_polygon(twin_service):
    doc = requests.get("{}/collections/districts/items".format(twin_service),
                       params={"district_id": "xiangmihu", "f": "json"}, timeout=30).json()
    return shape(doc["features"][0]["geometry"])


def test_package_opens_offline_complete_styled_and_3d(packaged, twin_service, district_polygon):
    assert Path(packaged["PROJECT"]).with_suffix(".gpkg") == Path(packaged["GEOPACKAGE"])
    folder = Path(packaged["GEOPACKAGE"]).parent
    assert sorted(p.name for p in folder.iterdir()) == ["xiangmihu.gpkg", "xiangmihu.qgz"], \
        "staging or temporary files were left behind"
    report = open_offline(packaged["PROJECT"])
    assert report["read"] and report["crs"] == "EPSG:4547"
    assert report["requests"] == [], "opening the package touched the network"
    assert report["package"] == "xiangmihu.gpkg"
    assert all(layer["valid"] for layer in report["layers"])
    by_table = {layer["source"].split("layername=")[-1].split(":")[-1]: layer
                for layer in report["layers"]}
    area = grown(district_polygon, 300)
    for table, collection in (("buildings", "buildings"), ("roads", "roads"),
                              ("parcels", "parcels"), ("ev_chargers", "ev-chargers")):
        assert by_table[table]["features"] == len(features_in(twin_service, collection, area)), \
            table
    assert by_table["buildings"]["features"] >= 2000
    assert packaged["FEATURE_COUNT"] == sum(layer.get("features", 0)
                                            for layer in report["layers"])
    # Styled by role, buildings extruded in 3D, every layer carries its provenance.
    assert by_table["buildings"]["renderer"] == "graduatedSymbol"
    assert by_table["buildings"]["renderer_3d"] == "vector"
    assert sum(1 for layer in report["layers"] if layer["renderer"] == "singlebandpseudocolor") >= 4
    assert by_table["buildings"]["metadata_id"] == "buildings"
    assert all(layer["metadata_id"] for layer in report["layers"])


def test_provenance_records_source_query_time_version_and_counts(packaged, twin_service):
    from plugin.core.package_info import read_package_info

    info = read_package_info(packaged["PROJECT"])
    assert info.service_url == twin_service and info.district_id == "xiangmihu"
    assert info.margin_m == 300 and info.crs == "EPSG:4547"
    assert json.loads(info.district_geometry)["type"] in ("Polygon", "MultiPolygon")
    catalog = {c["id"]: c for c in requests.get(
        "{}/collections".format(twin_service), params={"f": "json"}, timeout=30).json()["collections"]}
    assert len(info.layers) == packaged["LAYER_COUNT"] >= 20
    for layer in info.layers:
        versions = [k.split("=", 1)[1] for k in catalog[layer.collection_id]["keywords"]
                    if k.startswith("twin:version=")]
        assert layer.twin_version == versions[0]
        assert layer.query_url.startswith(twin_service + "/collections/" + layer.collection_id)
        assert "bbox=" in layer.query_url
        assert layer.fetched_at.endswith("Z") and layer.fetched_at[:4] == "2026" or \
            layer.fetched_at[:2] == "20"
        assert (layer.feature_count is None) == (layer.kind == "raster")


def test_polygon_district_and_margin_keep_whole_features(twin_service, provider, tmp_path,
                                                         district_polygon):
    """A small drawn square inside Xiangmihu: the margin widens what is kept, exactly as
    an independent intersection says, and only the chosen collections come."""
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    c = district_polygon.centroid
    square = box(c.x - 0.002, c.y - 0.002, c.x + 0.002, c.y + 0.002)
    layer = QgsVectorLayer("Polygon?crs=EPSG:4326", "site", "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromWkt(square.wkt))
    layer.dataProvider().addFeatures([feature])
    counts = {}
    for margin in (0, 150):
        out = tmp_path / "site{}.gpkg".format(margin)
        result = package(provider, SERVICE_URL=twin_service, DISTRICT_POLYGON=layer,
                         COLLECTIONS="buildings,dem", MARGIN=margin, OUTPUT=str(out))
        assert result["LAYER_COUNT"] == 2
        counts[margin] = result["FEATURE_COUNT"]
        expected = features_in(twin_service, "buildings", grown(square, margin) if margin
                               else square)
        assert counts[margin] == len(expected) > 0
    assert counts[150] > counts[0]


def test_unknown_district_and_collection_are_one_sentence(twin_service, provider, tmp_path):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="has no district 'nowhere'"):
        package(provider, SERVICE_URL=twin_service, DISTRICT="nowhere", OUTPUT=str(tmp_path / "a"))
    with pytest.raises(QgsProcessingException, match="has no collection no-such"):
        package(provider, SERVICE_URL=twin_service, DISTRICT="xiangmihu",
                COLLECTIONS="buildings,no-such", OUTPUT=str(tmp_path / "b.gpkg"))
    assert not list(tmp_path.glob("*.gpkg"))


def test_cancel_leaves_previous_package_identical(twin_service, tmp_path):
    from qgis.core import QgsFeedback

    from plugin.core.catalog import Catalog
    from plugin.core.client import ServiceClient
    from plugin.core.district_package import PackageRequest, package_district
    from plugin.core.errors import TwinCancelled
    from plugin.core.transport import QgisTransport

    client = ServiceClient(twin_service, transport=QgisTransport())
    catalog = Catalog.from_collections(client.collections())
    target = tmp_path / "xm.gpkg"
    request = PackageRequest(twin_service, "xiangmihu", collections=["districts", "roads"])
    package_district(client, catalog, request, target)
    before = (sha1(target), sha1(target.with_suffix(".qgz")))

    class CancelLater(QgsFeedback):
        def setProgress(self, value):  # cancel once the second collection is under way
            super().setProgress(value)
            if value > 30:
                self.cancel()

    request.collections = ["districts", "roads", "buildings"]
    with pytest.raises(TwinCancelled):
        package_district(client, catalog, request, target, feedback=CancelLater())
    assert (sha1(target), sha1(target.with_suffix(".qgz"))) == before
    assert not list(tmp_path.glob(".*.part*"))


def _mount_tmpfs(path, options):
    path.mkdir()
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)],
                          capture_output=True)
    if proc.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here ({}), so no real full or read-only "
                    "disk to test on".format(proc.stderr.decode().strip()))


def _unmount(path):
    # Lazily if busy: the failed write's GDAL handle closes when its traceback is freed.
    if subprocess.run(["umount", str(path)], capture_output=True).returncode != 0:
        subprocess.run(["umount", "-l", str(path)])


def test_disk_full_and_read_only_folders_say_so(twin_service, provider, tmp_path):
    from qgis.core import QgsProcessingException

    full, readonly = tmp_path / "full", tmp_path / "ro"
    _mount_tmpfs(full, "size=600k")
    try:
        with pytest.raises(QgsProcessingException, match="not enough free disk space"):
            package(provider, SERVICE_URL=twin_service, DISTRICT="xiangmihu",
                    OUTPUT=str(full / "xm.gpkg"))
        assert not (full / "xm.gpkg").exists()
    finally:
        _unmount(full)
    _mount_tmpfs(readonly, "ro,size=1m")
    try:
        with pytest.raises(QgsProcessingException, match="cannot be written"):
            package(provider, SERVICE_URL=twin_service, DISTRICT="xiangmihu",
                    OUTPUT=str(readonly / "xm.gpkg"))
    finally:
        _unmount(readonly)


def test_package_renders_in_2d_and_3d(packaged, tmp_path):
    """The package as an analyst first sees it: a 2D map and the stored 3D view, both
    drawn (many colours, not a blank or single-colour image)."""
    from qgis.PyQt.QtGui import QImage

    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "render_package.py"),
                           packaged["PROJECT"], str(tmp_path), "--width", "800"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    for name in ("package_2d.png", "package_3d.png"):
        image = QImage(str(tmp_path / name))
        assert not image.isNull(), "{} not written: {}".format(name, proc.stdout)
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
                   for y in range(0, image.height(), 7)}
        assert len(colours) > 200, (name, len(colours))
