"""The test support for offline-package refresh works over real HTTP: a changed copy of
the sample twin (sample_changes) and a proxy that drops or fails pages and can play
HTTP validators (dropping_proxy). Checked with plain requests/http.client, not the plugin,
so a fault found by the package tests is the plugin's, not the support's."""

import http.client
import json
from urllib.parse import urlsplit

import pytest
import requests
import shapely
from osgeo import ogr

from sample_twin.coords import geoms_to_metric
from tests.support.dropping_proxy import DroppingProxy
from tests.support.sample_changes import INSET_M, change_buildings, copy_sample, restart_service
from tests.support.twin_service import start_sample_service

DISTRICT = "xiangmihu"


def fetch_all(url, params=None, session=None):
    """Features of every page, following `next`; also the page URLs asked for."""
    session = session or requests
    features, pages = [], []
    while url:
        reply = session.get(url, params=params, timeout=60)
        reply.raise_for_status()
        pages.append(reply.url)
        body = reply.json()
        features += body["features"]
        url = next((link["href"] for link in body["links"] if link["rel"] == "next"), None)
        params = None
    return features, pages


def district_bbox(data_dir):
    manifest = json.loads((data_dir / "manifest.json").read_text(encoding="utf-8"))
    bbox = next(d["bbox"] for d in manifest["districts"] if d["district_id"] == DISTRICT)
    return ",".join(str(v) for v in bbox)


def buildings_in_district(base, bbox, limit=1000, session=None):
    features, _pages = fetch_all(base + "/collections/buildings/items",
                                 {"bbox": bbox, "limit": limit, "f": "json"}, session)
    return {f["id"]: f for f in features}


def versions(base):
    collections = requests.get(base + "/collections", params={"f": "json"},
                               timeout=60).json()["collections"]
    return {c["id"]: next((k.split("=", 1)[1] for k in c.get("keywords", [])
                           if k.startswith("twin:version=")), None) for c in collections}


@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    """Before and after change_buildings on a copy, the service restarted in between."""
    data = copy_sample(tmp_path_factory.mktemp("changes") / "twin")
    service = start_sample_service(data)
    try:
        bbox = district_bbox(data)
        before = buildings_in_district(service.url, bbox)
        before_versions = versions(service.url)
        change = change_buildings(data)
        old_url = service.url
        service = restart_service(service)
        yield {"service": service, "old_url": old_url, "bbox": bbox, "before": before,
               "before_versions": before_versions, "change": change,
               "after": buildings_in_district(service.url, bbox)}
    finally:
        service.stop()


def test_copy_leaves_out_the_service_folder(changed):
    data = changed["service"].data_dir
    assert (data / "twin.sqlite").exists() and (data / "manifest.json").exists()
    # The only configs there are the ones this module's service wrote (one port).
    assert {p.name for p in (data / "service").glob("pygeoapi-*.yml")} == {
        "pygeoapi-{}.yml".format(changed["service"].port)}


def test_restart_keeps_the_url(changed):
    assert changed["service"].url == changed["old_url"]


def test_district_gains_and_loses_exactly_the_changed_buildings(changed):
    before, after, change = changed["before"], changed["after"], changed["change"]
    assert change["collection_id"] == "buildings"
    assert (len(change["added"]), len(change["removed"]), len(change["raised"])) == (3, 2, 4)
    assert sorted(set(after) - set(before)) == sorted(change["added"])
    assert sorted(set(before) - set(after)) == sorted(change["removed"])
    assert len(after) == len(before) + 3 - 2


def test_raised_buildings_are_12_5_m_higher_and_nothing_else_changed(changed):
    before, after, change = changed["before"], changed["after"], changed["change"]
    for fid in change["raised"]:
        assert after[fid]["properties"]["height"] == pytest.approx(
            before[fid]["properties"]["height"] + 12.5)
        assert change["heights"][fid][1] == pytest.approx(after[fid]["properties"]["height"])
    untouched = set(before) & set(after)
    for fid in untouched:
        old, new = dict(before[fid]["properties"]), dict(after[fid]["properties"])
        if fid in change["raised"]:
            old.pop("height"), new.pop("height")
        assert (old, before[fid]["geometry"]) == (new, after[fid]["geometry"]), fid


def test_added_buildings_are_complete_and_all_changes_lie_well_inside(changed):
    service, change, after, before = (changed["service"], changed["change"], changed["after"],
                                      changed["before"])
    district = requests.get(service.url + "/collections/districts/items",
                            params={"f": "json"}, timeout=60).json()["features"]
    polygon = next(f for f in district if f["properties"]["district_id"] == DISTRICT)
    inner = geoms_to_metric(shapely.geometry.shape(polygon["geometry"])).buffer(-INSET_M)
    for fid in change["added"]:
        props = after[fid]["properties"]
        assert props["height"] > 0 and props["floors"] >= 1 and props["gfa"] > 0
        assert props["use"] == "residential" and props["bim_id"]
    footprints = [after[fid]["geometry"] for fid in change["added"] + change["raised"]]
    footprints += [before[fid]["geometry"] for fid in change["removed"]]
    metric = geoms_to_metric(shapely.from_geojson([json.dumps(g) for g in footprints]))
    assert inner.contains(metric).all()
    # Added footprints are small squares that overlap no other building.
    others = geoms_to_metric(shapely.from_geojson(
        [json.dumps(f["geometry"]) for fid, f in after.items() if fid not in change["added"]]))
    for square in metric[:len(change["added"])]:
        assert 200 < square.area < 300
        assert not shapely.intersects(square, others).any()


def test_catalog_shows_the_new_version_for_buildings_only(changed):
    now = versions(changed["service"].url)
    was = changed["before_versions"]
    assert was["buildings"] != "2026-11-20"
    assert now["buildings"] == "2026-11-20"
    assert {k: v for k, v in now.items() if k != "buildings"} == \
        {k: v for k, v in was.items() if k != "buildings"}


def test_geopackage_copy_agrees_with_the_service(changed):
    data, change = changed["service"].data_dir, changed["change"]
    gpkg = ogr.Open(str(data / "twin.gpkg"))  # keep: its layers die with it
    layer = gpkg.GetLayerByName("buildings")
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    entry = next(c for c in manifest["collections"] if c["id"] == "buildings")
    served = requests.get(changed["service"].url + "/collections/buildings/items",
                          params={"resulttype": "hits", "f": "json"}, timeout=60).json()
    assert layer.GetFeatureCount() == served["numberMatched"] == entry["count"]
    for fid in change["raised"] + change["added"]:
        assert layer.GetFeature(fid).GetField("height") == pytest.approx(
            changed["after"][fid]["properties"]["height"])
    assert all(layer.GetFeature(fid) is None for fid in change["removed"])


# ---------------------------------------------------------------- the proxy

def test_proxy_forwards_pages_and_sends_next_links_through_itself(changed):
    service = changed["service"]
    with DroppingProxy(service.url) as proxy, requests.Session() as session:
        features, pages = fetch_all(proxy.url + "/collections/buildings/items",
                                    {"bbox": changed["bbox"], "limit": 900, "f": "json"},
                                    session)
        assert all(p.startswith(proxy.url + "/") for p in pages)
        assert len(pages) >= 3
        assert {f["id"]: f for f in features} == changed["after"]
        asked = proxy.items_requests("buildings")
        assert [urlsplit(p).path for p in asked] == ["/collections/buildings/items"] * len(pages)
        assert all("bbox=" in p and "limit=900" in p for p in asked)
        assert proxy.items_requests("roads") == [] and proxy.drops == 0


def _get(proxy, path, headers=None):
    """(status, headers, body or the IncompleteRead) on a fresh connection."""
    connection = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=60)
    try:
        connection.request("GET", path, headers=headers or {})
        reply = connection.getresponse()
        try:
            body = reply.read()
        except http.client.IncompleteRead as incomplete:
            body = incomplete
        return reply.status, {k.lower(): v for k, v in reply.getheaders()}, body
    finally:
        connection.close()


PAGE = "/collections/buildings/items?limit=200&f=json&offset={}"


def test_proxy_drops_the_connection_mid_page_after_n_pages(changed):
    with DroppingProxy(changed["service"].url) as proxy:
        proxy.drop_after_pages(2, collection_id="buildings")
        for page in range(2):
            status, _headers, body = _get(proxy, PAGE.format(page * 200))
            assert status == 200 and len(json.loads(body)["features"]) == 200
        assert _get(proxy, "/collections/roads/items?limit=5&f=json")[0] == 200  # not counted
        status, headers, body = _get(proxy, PAGE.format(400))
        assert status == 200 and isinstance(body, http.client.IncompleteRead)
        assert 0 < len(body.partial) < int(headers["content-length"])
        assert proxy.drops == 1
        # Once by default: the same page then comes whole, on a new connection.
        status, _headers, body = _get(proxy, PAGE.format(400))
        assert status == 200 and len(json.loads(body)["features"]) == 200
        # Through a client that follows next links: the page breaks off. (urllib3 1.x
        # does not check Content-Length, so requests may hand over the cut body.)
        proxy.drop_after_pages(1)
        with pytest.raises((requests.exceptions.ChunkedEncodingError,
                            requests.exceptions.ConnectionError, ValueError)):
            fetch_all(proxy.url + "/collections/buildings/items",
                      {"limit": 1000, "f": "json"})
        assert proxy.drops == 2
        assert len(proxy.items_requests("buildings")) == 6
        proxy.drop_after_pages(None)
        features, _pages = fetch_all(proxy.url + "/collections/buildings/items",
                                     {"limit": 1000, "f": "json"})
        assert len(features) == 3001 and proxy.drops == 2


def test_proxy_fails_with_a_server_error_after_n_pages(changed):
    with DroppingProxy(changed["service"].url) as proxy:
        proxy.fail_after_pages(1, status=503)
        with pytest.raises(requests.exceptions.HTTPError) as raised:
            fetch_all(proxy.url + "/collections/buildings/items", {"limit": 1000, "f": "json"})
        assert raised.value.response.status_code == 503
        assert proxy.failures == 1 and len(proxy.items_requests()) == 2


def test_validators_give_304_until_the_version_changes(changed):
    url = changed["service"].url
    path = "/collections/buildings/items?limit=3&f=json"
    with DroppingProxy(url) as plain:
        assert "etag" not in _get(plain, path)[1]  # pygeoapi sends no validators
    with DroppingProxy(url, add_validators=True) as proxy:
        status, headers, body = _get(proxy, path)
        etag, modified = headers["etag"], headers["last-modified"]
        assert status == 200 and len(json.loads(body)["features"]) == 3
        assert _get(proxy, "/collections/buildings")[1]["etag"] == etag
        assert _get(proxy, "/collections/roads/items?limit=3")[1]["etag"] != etag

        status, headers, body = _get(proxy, path, {"If-None-Match": etag})
        assert (status, body, headers["etag"]) == (304, b"", etag)
        assert "content-length" not in headers
        assert _get(proxy, path, {"If-None-Match": "W/" + etag})[0] == 304
        assert _get(proxy, path, {"If-Modified-Since": modified})[0] == 304
        assert _get(proxy, path, {"If-None-Match": '"other"'})[0] == 200

        proxy.set_version("buildings", "2026-11-20")
        status, headers, _body = _get(proxy, path, {"If-None-Match": etag})
        assert status == 200 and headers["etag"] != etag
        assert headers["last-modified"] != modified
        assert _get(proxy, path, {"If-Modified-Since": modified})[0] == 200
        assert _get(proxy, path, {"If-None-Match": headers["etag"]})[0] == 304
