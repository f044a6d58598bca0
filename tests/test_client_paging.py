"""ServiceClient against scripted servers: paging edge cases, filters, CRS, coverages."""

import os
import threading

import pytest
from qgis.core import QgsFeedback

from plugin.core.client import ServiceClient
from plugin.core.errors import TwinCancelled, TwinServiceError
from plugin.core.transport import QgisTransport
from tests.support.http_stub import (
    CORE_11,
    COVERAGE_REL,
    PART2_CRS,
    Reply,
    StubServer,
    free_port,
    point_features,
)

URI_4547 = "http://www.opengis.net/def/crs/EPSG/0/4547"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
TIFF = b"II*\x00" + b"\x00" * 4000


@pytest.fixture
def stub():
    with StubServer() as server:
        yield server


def client_for(stub, prefetch=0, **kwargs):
    """Sequential by default, so tests can count requests; prefetch=3 fetches ahead."""
    return ServiceClient(stub.url + "/", transport=QgisTransport(timeout_ms=1500),
                         prefetch=prefetch, **kwargs)


def ids(client, cid, **kwargs):
    return [f["id"] for f in client.iter_features(cid, **kwargs)]


def item_requests(stub, cid="c"):
    return stub.paths("/api/colls/{}/items".format(cid))


# -- discovery -------------------------------------------------------------------
def test_links_found_by_rel_not_by_path(stub):
    stub.add_service([{"id": "c", "title": "C"}], conformance=[CORE_11])
    client = client_for(stub)
    assert [c["id"] for c in client.collections()] == ["c"]
    assert client.conformance() == [CORE_11]
    assert client.is_features_server(), "1.1 conformance URIs count as OGC API Features"
    assert client.collection("c")["title"] == "C"
    # The JSON conformance link was followed, not the HTML one nor /conformance.
    assert "/api/conf" in stub.paths() and "/conformance" not in stub.paths()


def test_falls_back_to_standard_paths_without_landing_links(stub):
    stub.route("/", Reply(body={"title": "bare"}))
    stub.route("/collections", Reply(body={"collections": [{"id": "x"}]}))
    stub.route("/conformance", Reply(body={"conformsTo": [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"]}))
    client = client_for(stub)
    assert [c["id"] for c in client.collections()] == ["x"]
    assert client.is_features_server() and not client.supports_crs()


def test_service_down_is_one_clear_sentence():
    port = free_port()
    client = ServiceClient("http://127.0.0.1:{}/".format(port),
                           transport=QgisTransport(timeout_ms=1500))
    with pytest.raises(TwinServiceError) as err:
        client.collections()
    assert str(err.value) == "The twin service at 127.0.0.1:{} could not be reached.".format(port)


# -- paging ----------------------------------------------------------------------
@pytest.mark.parametrize("prefetch", [0, 3])
def test_silent_page_cap_still_gets_every_feature_in_order(stub, prefetch):
    features = point_features(1234)
    stub.add_service([{"id": "c"}])
    stub.add_paged_items("c", features, server_max=250)
    client = client_for(stub, page_size=1000, prefetch=prefetch)
    pages = list(client.iter_pages("c"))
    got = [f["id"] for p in pages for f in p.features]
    assert got == [f["id"] for f in features]
    assert [len(p.features) for p in pages] == [250, 250, 250, 250, 234]
    assert "limit=1000" in item_requests(stub)[0]
    assert pages[0].number_matched == 1234 and pages[0].crs_authid == "OGC:CRS84"


def test_next_on_full_last_page_then_empty_page(stub):
    features = point_features(1000)
    stub.add_service([{"id": "c"}])
    stub.add_paged_items("c", features, server_max=250, next_on_full_last_page=True)
    assert ids(client_for(stub), "c") == [f["id"] for f in features]
    assert len(item_requests(stub)) == 5, "4 full pages, then the empty page ends paging"


@pytest.mark.parametrize("prefetch", [0, 3])
@pytest.mark.parametrize("href", ["relative", "root", "absolute"])
def test_relative_and_absolute_next_links(stub, href, prefetch):
    features = point_features(600)
    stub.add_service([{"id": "c"}])
    stub.add_paged_items("c", features, server_max=250, href=href)
    assert ids(client_for(stub, prefetch=prefetch), "c") == [f["id"] for f in features]


def test_prefetch_follows_offsets_ahead_and_wastes_at_most_the_window(stub):
    features = point_features(1000)
    stub.add_service([{"id": "c"}])
    stub.add_paged_items("c", features, server_max=100)
    assert ids(client_for(stub, prefetch=3), "c") == [f["id"] for f in features]
    requested = item_requests(stub)
    assert len(requested) == len(set(requested)), "no page fetched twice"
    # 10 pages and the guesses past the end: at most the window of 3 more.
    assert 10 <= len(requested) <= 13


def test_prefetch_never_uses_a_wrong_guess(stub):
    """`next` links whose offsets do not step by the page size: the guesses are ignored."""
    features = point_features(2000)
    stub.add_service([{"id": "c"}])
    stub.add_paged_items("c", features, server_max=250, loop_at_page=3)
    seen = []
    with pytest.raises(TwinServiceError):
        for page in client_for(stub, prefetch=3).iter_pages("c"):
            seen.extend(f["id"] for f in page.features)
    assert seen == [f["id"] for f in features[:750]]


@pytest.mark.parametrize("prefetch", [0, 3])
@pytest.mark.parametrize("number_matched", ["none", "wrong"])
def test_number_matched_is_only_a_hint(stub, number_matched, prefetch):
    features = point_features(700)
    stub.add_service([{"id": "c"}])
    stub.add_paged_items("c", features, server_max=250, number_matched=number_matched)
    pages = list(client_for(stub, prefetch=prefetch).iter_pages("c"))
    assert [f["id"] for p in pages for f in p.features] == [f["id"] for f in features]
    assert pages[0].number_matched == (None if number_matched == "none" else 233)


def test_repeated_next_link_stops_with_a_loop_error(stub):
    stub.add_service([{"id": "c"}])
    stub.add_paged_items("c", point_features(2000), server_max=250, loop_at_page=3)
    seen = []
    with pytest.raises(TwinServiceError) as err:
        for page in client_for(stub).iter_pages("c"):
            seen.extend(f["id"] for f in page.features)
    assert str(err.value) == ("The twin service repeated a page link for collection 'c', "
                              "so the download stopped instead of looping.")
    assert len(seen) == len(set(seen)) == 750, "no page was taken twice"


def test_page_count_is_bounded(stub):
    stub.add_service([{"id": "c"}])
    stub.add_paged_items("c", point_features(1000), server_max=100)
    with pytest.raises(TwinServiceError) as err:
        list(client_for(stub, max_pages=3).iter_pages("c"))
    assert str(err.value) == ("The twin service sent more than 3 pages for collection 'c', "
                              "so the download stopped.")
    assert len(item_requests(stub)) == 3


def test_http_500_on_a_page_names_the_collection(stub):
    stub.add_service([{"id": "buildings"}])
    stub.route("/api/colls/buildings/items", Reply(500, "internal error"))
    with pytest.raises(TwinServiceError) as err:
        list(client_for(stub).iter_pages("buildings"))
    assert str(err.value) == "The twin service answered HTTP 500 for collection 'buildings'."


def test_malformed_json_page(stub):
    stub.add_service([{"id": "c"}])
    stub.route("/api/colls/c/items", Reply(body=b'{"type": "FeatureCollection", "feat'))
    with pytest.raises(TwinServiceError) as err:
        list(client_for(stub).iter_pages("c"))
    assert str(err.value) == "The twin service sent a page that is not valid JSON."


def test_page_dropped_mid_body(stub):
    stub.add_service([{"id": "c"}])
    stub.route("/api/colls/c/items",
               Reply(body={"type": "FeatureCollection", "features": point_features(50)},
                     drop_after=100))
    with pytest.raises(TwinServiceError) as err:
        list(client_for(stub).iter_pages("c"))
    assert str(err.value) == ("The connection to the twin service was lost while receiving "
                              "collection 'c'.")


def test_cancel_between_pages_stops_paging(stub):
    stub.add_service([{"id": "c"}])
    stub.add_paged_items("c", point_features(1000), server_max=100)
    feedback = QgsFeedback()
    got = []
    with pytest.raises(TwinCancelled):
        for page in client_for(stub).iter_pages("c", feedback=feedback):
            got.extend(page.features)
            if len(got) >= 200:
                feedback.cancel()
    assert len(got) == 200 and len(item_requests(stub)) == 2


def test_progress_comes_from_number_matched(stub):
    stub.add_service([{"id": "c"}])
    stub.add_paged_items("c", point_features(400), server_max=100)
    feedback = QgsFeedback()
    progress = []
    feedback.progressChanged.connect(progress.append)
    list(client_for(stub).iter_pages("c", feedback=feedback))
    assert progress == [25.0, 50.0, 75.0, 99.0, 100.0]


# -- filters ---------------------------------------------------------------------
def test_bbox_datetime_and_property_filters_are_sent(stub):
    stub.add_service([{"id": "c"}])
    stub.add_paged_items("c", point_features(10), server_max=100)
    got = list(client_for(stub).iter_features(
        "c", bbox=(113.9, 22.5, 114.1, 22.6), datetime=("2024-01-01T00:00:00Z", None),
        properties={"district_id": "xiangmihu"}))
    query = stub.requests[-1].query
    assert query["bbox"] == "113.9,22.5,114.1,22.6"
    assert query["datetime"] == "2024-01-01T00:00:00Z/.."
    assert query["district_id"] == "xiangmihu" and "bbox-crs" not in query
    # The stub ignores the property filter, as real servers may: checked client-side too.
    assert [f["properties"]["district_id"] for f in got] == ["xiangmihu"] * 5


def test_bbox_in_4547_without_part2_is_sent_as_crs84(stub):
    stub.add_service([{"id": "c"}])
    stub.add_paged_items("c", point_features(3), server_max=100)
    list(client_for(stub).iter_pages("c", bbox=(490000, 2480000, 510000, 2500000),
                                     bbox_crs="EPSG:4547"))
    minx, miny, maxx, maxy = map(float, stub.requests[-1].query["bbox"].split(","))
    assert 113.8 < minx < maxx < 114.2 and 22.3 < miny < maxy < 22.7
    assert "bbox-crs" not in stub.requests[-1].query


# -- Part 2 CRS ------------------------------------------------------------------
def part2_service(stub, content_crs=URI_4547, conformance=True):
    # Features as a Part 2 server sends them in EPSG:4547: northing first.
    features = [{"type": "Feature", "id": "p{}".format(i), "properties": {},
                 "geometry": {"type": "Point", "coordinates": [2_494_000.0 + i, 505_000.0 + i]}}
                for i in range(3)]
    conf = ["http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"]
    stub.add_service([{"id": "c", "crs": [CRS84, URI_4547]}],
                     conformance=conf + ([PART2_CRS] if conformance else []))
    stub.add_paged_items("c", features, content_crs=content_crs)


def test_part2_crs_is_requested_and_axes_come_back_easting_first(stub):
    part2_service(stub)
    pages = list(client_for(stub).iter_pages("c", crs="EPSG:4547"))
    assert stub.requests[-1].query["crs"] == URI_4547
    assert pages[0].crs_authid == "EPSG:4547"
    assert pages[0].features[0]["geometry"]["coordinates"] == [505_000.0, 2_494_000.0]


def test_bbox_crs_used_only_with_part2_in_the_crs_axis_order(stub):
    part2_service(stub)
    list(client_for(stub).iter_pages("c", bbox=(500000, 2490000, 510000, 2500000),
                                     bbox_crs="EPSG:4547"))
    query = stub.requests[-1].query
    assert query["bbox-crs"] == URI_4547
    assert query["bbox"] == "2490000.0,500000.0,2500000.0,510000.0"


def test_without_part2_no_crs_is_requested(stub):
    part2_service(stub, content_crs=None, conformance=False)
    page = next(client_for(stub).iter_pages("c", crs="EPSG:4547"))
    assert "crs" not in stub.requests[-1].query
    assert page.crs_authid == "OGC:CRS84"


def test_content_crs_header_wins_over_the_request(stub):
    part2_service(stub, content_crs=CRS84)   # the server ignored crs=
    page = next(client_for(stub).iter_pages("c", crs="EPSG:4547"))
    assert page.crs_authid == "OGC:CRS84"
    assert page.features[0]["geometry"]["coordinates"] == [2_494_000.0, 505_000.0]


# -- coverages ---------------------------------------------------------------------
def coverage_service(stub, links):
    stub.add_service([{"id": "dem", "links": links}, {"id": "roads"}])


def test_coverage_url_from_coverage_or_enclosure_links(stub):
    coverage_service(stub, [
        {"rel": COVERAGE_REL, "type": "application/prs.coverage+json", "href": "/cov/dem.json"},
        {"rel": COVERAGE_REL, "type": "image/tiff; application=geotiff", "href": "/cov/dem"}])
    client = client_for(stub)
    assert client.coverage_url("dem") == stub.url + "/cov/dem"
    with pytest.raises(TwinServiceError) as err:
        client.coverage_url("roads")
    assert str(err.value) == ("Collection 'roads' has no coverage on this twin service, so "
                              "raster roles are unavailable from this service.")


def test_enclosure_geotiff_counts_as_coverage(stub):
    coverage_service(stub, [{"rel": "enclosure", "type": "image/tiff", "href": "/files/dem.tif"}])
    assert client_for(stub).coverage_url("dem") == stub.url + "/files/dem.tif"


def test_download_coverage_writes_the_file_and_sends_bbox(stub, tmp_path):
    coverage_service(stub, [{"rel": "coverage", "type": "image/tiff",
                             "href": "/api/colls/dem/coverage"}])
    stub.route("/api/colls/dem/coverage", Reply(body=TIFF, headers={"Content-Type": "image/tiff"}))
    dest = tmp_path / "dem.tif"
    client_for(stub).download_coverage("dem", str(dest), bbox=(113.9, 22.5, 114.0, 22.6))
    assert dest.read_bytes() == TIFF
    assert stub.requests[-1].query["bbox"] == "113.9,22.5,114.0,22.6"
    assert os.listdir(tmp_path) == ["dem.tif"]


@pytest.mark.parametrize("reply, message", [
    (Reply(body=TIFF, drop_after=1000),
     "The connection to the twin service was lost while receiving coverage 'dem'."),
    (Reply(body={"type": "Coverage"}),
     "The twin service sent something other than a GeoTIFF for coverage 'dem'."),
    (Reply(502, "bad gateway"), "The twin service answered HTTP 502 for coverage 'dem'."),
])
def test_failed_coverage_download_leaves_no_file(stub, tmp_path, reply, message):
    coverage_service(stub, [{"rel": "coverage", "type": "image/tiff", "href": "/cov"}])
    stub.route("/cov", reply)
    dest = tmp_path / "dem.tif"
    dest_before = b"previous good file"
    dest.write_bytes(dest_before)
    with pytest.raises(TwinServiceError) as err:
        client_for(stub).download_coverage("dem", str(dest))
    assert str(err.value) == message
    assert dest.read_bytes() == dest_before, "the old file is untouched"
    assert os.listdir(tmp_path) == ["dem.tif"], "no temporary file left behind"


def test_cancelled_coverage_download_leaves_no_file(stub, tmp_path):
    coverage_service(stub, [{"rel": "coverage", "type": "image/tiff", "href": "/cov"}])
    stub.route("/cov", Reply(body=TIFF, delay=5))
    feedback = QgsFeedback()
    client = client_for(stub)
    client.collection("dem")
    threading.Timer(0.3, feedback.cancel).start()
    with pytest.raises(TwinCancelled):
        client.download_coverage("dem", str(tmp_path / "dem.tif"), feedback=feedback)
    assert os.listdir(tmp_path) == []
