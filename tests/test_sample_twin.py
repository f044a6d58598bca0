"""The sample twin and its service behave like the twin data service the plugin expects."""

import json

import pytest
import requests
from osgeo import gdal

from sample_twin.generate import generate
from tests.support.twin_service import sample_data_dir, start_sample_service

gdal.UseExceptions()
NODATA = -9999.0


@pytest.fixture(scope="module")
def data_dir():
    return sample_data_dir()


@pytest.fixture(scope="module")
def service(data_dir):
    handle = start_sample_service(data_dir)
    yield handle
    handle.stop()


@pytest.fixture(scope="module")
def collections(service):
    r = requests.get(f"{service.url}/collections", params={"f": "json"}, timeout=30)
    r.raise_for_status()
    return {c["id"]: c for c in r.json()["collections"]}


def _get(service, path, **params):
    r = requests.get(f"{service.url}{path}", params={"f": "json", **params}, timeout=60)
    r.raise_for_status()
    return r.json()


def test_catalog_has_every_collection_with_twin_tags(collections):
    assert len(collections) == 24
    for cid, c in collections.items():
        tags = [k for k in c["keywords"] if k.startswith("twin:")]
        if cid == "poi-misc":
            assert tags == []  # lands in "Unclassified"
        else:
            assert any(t.startswith("twin:subcategory=") for t in tags), cid
            assert "twin:version=2026-11-01" in tags
    assert "twin:role=buildings" in collections["buildings"]["keywords"]
    assert "twin:scenario=rp50" in collections["flood-depth-rp50"]["keywords"]
    assert "twin:district=*" in collections["districts"]["keywords"]
    assert "http://www.opengis.net/def/crs/EPSG/0/4547" in collections["buildings"]["crs"]


def test_paging_caps_large_limit_and_reaches_every_building(service, data_dir):
    manifest = json.loads((data_dir / "manifest.json").read_text())
    expected = {c["id"]: c["count"] for c in manifest["collections"]}["buildings"]
    assert expected >= 3000
    url = f"{service.url}/collections/buildings/items?f=json&limit=5000"
    seen, pages = set(), 0
    while url and pages < 20:
        page = requests.get(url, timeout=60).json()
        pages += 1
        assert len(page["features"]) <= 1000  # capped silently, no error
        seen.update(f["id"] for f in page["features"])
        url = next((l["href"] for l in page["links"] if l["rel"] == "next"), None)
        if not page["features"]:
            break
    assert len(seen) == expected


def test_property_bbox_and_datetime_filters(service):
    d = _get(service, "/collections/districts/items", district_id="xiangmihu")
    assert [f["properties"]["name_zh"] for f in d["features"]] == ["香蜜湖"]
    inside = _get(service, "/collections/buildings/items", bbox="114.025,22.545,114.035,22.555")
    for f in inside["features"]:
        xs = [p[0] for p in f["geometry"]["coordinates"][0]]
        assert min(xs) < 114.036 and max(xs) > 114.024
    assert 0 < len(inside["features"]) < 1000
    day = _get(service, "/collections/water-level-observations/items", sensor_id="WL-01",
               datetime="2026-10-30T00:00:00Z/2026-10-30T23:59:59Z")
    assert len(day["features"]) == 24


def test_sensor_latest_reading_is_newest_observation(service):
    gauges = _get(service, "/collections/rain-gauges/items")["features"]
    obs = _get(service, "/collections/rainfall-observations/items")["features"]
    for g in gauges:
        p = g["properties"]
        mine = [o["properties"] for o in obs if o["properties"]["sensor_id"] == p["sensor_id"]]
        newest = max(mine, key=lambda o: o["time"])
        assert newest["time"].rstrip("Z") == p["latest_time"].replace(".000", "").rstrip("Z")
        assert newest["value"] == pytest.approx(p["latest_value"])


def test_flood_lies_in_low_ground_and_grows_with_return_period(data_dir):
    dem = gdal.Open(str(data_dir / "rasters" / "dem.tif")).ReadAsArray()
    valid = dem != NODATA
    wet = {}
    for rp in ("rp20", "rp50", "rp100"):
        depth = gdal.Open(str(data_dir / "rasters" / f"flood-depth-{rp}.tif")).ReadAsArray()
        wet[rp] = depth != NODATA
        assert dem[wet[rp]].mean() < dem[valid & ~wet[rp]].mean()
    assert wet["rp20"].sum() < wet["rp50"].sum() < wet["rp100"].sum()
    assert not (wet["rp20"] & ~wet["rp50"]).any() and not (wet["rp50"] & ~wet["rp100"]).any()


def test_dem_coverage_downloads_as_geotiff(service, tmp_path):
    r = requests.get(f"{service.url}/collections/dem/coverage",
                     params={"f": "GTiff", "bbox": "114.02,22.54,114.045,22.56"}, timeout=60)
    assert r.status_code == 200 and r.headers["Content-Type"] == "image/tiff"
    (tmp_path / "dem.tif").write_bytes(r.content)
    ds = gdal.Open(str(tmp_path / "dem.tif"))
    assert "4547" in ds.GetProjection() and 200 < ds.RasterXSize < 320
    assert ds.GetRasterBand(1).GetNoDataValue() == NODATA


def test_same_seed_gives_identical_manifest(tmp_path, data_dir):
    a = generate(tmp_path / "a", seed=42, log=lambda *_: None)
    assert a == json.loads((data_dir / "manifest.json").read_text())
    b = generate(tmp_path / "b", seed=7, n_buildings=500, log=lambda *_: None)
    assert {c["id"]: c["count"] for c in b["collections"]}["buildings"] == 500
