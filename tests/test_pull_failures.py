"""Bad input end to end: a pull that fails on a later page leaves nothing half-written.

Service down, HTTP 500, malformed JSON, a timeout and a dropped connection on page 2 of 3:
each gives one clear sentence, the GeoPackage that was there is byte-identical, and no
temporary file is left beside it. The review algorithm says the same and writes nothing.
"""

import hashlib

import pytest

from plugin.core.client import ServiceClient
from plugin.core.errors import TwinServiceError
from plugin.core.pull import pull_to_gpkg
from plugin.core.transport import QgisTransport
from tests.support.http_stub import Reply, StubServer, free_port, point_features

FEATURES = point_features(300)


def serve_until_page_two_fails(stub, failure):
    """Items at /api/colls/c/items: page 1 (offset 0) is good, page 2 is ``failure``."""
    stub.add_service([{"id": "c"}])
    stub.add_paged_items("c", FEATURES, server_max=100)
    good = stub.routes["/api/colls/c/items"]
    stub.route("/api/colls/c/items",
               lambda req: good(req) if int(req.query.get("offset", 0)) == 0 else failure)


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def existing_package(tmp_path, qgis_app):
    """A GeoPackage with a good layer `c` from an earlier pull."""
    with StubServer() as stub:
        stub.add_service([{"id": "c"}])
        stub.add_paged_items("c", FEATURES[:50], server_max=100)
        pull_to_gpkg(ServiceClient(stub.url), "c", tmp_path / "district.gpkg", target_crs=None)
    return tmp_path / "district.gpkg"


FAILURES = {
    "http500": (Reply(500, "boom"), "The twin service answered HTTP 500 for collection 'c'."),
    "malformed": (Reply(body=b'{"type": "FeatureCollection", "featu'),
                  "The twin service sent a page that is not valid JSON."),
    "timeout": (Reply(body={"type": "FeatureCollection", "features": []}, delay=3.0),
                "did not answer within"),
    "dropped": (Reply(body={"type": "FeatureCollection", "features": FEATURES[100:200],
                            "links": []}, drop_after=200), "connection"),
}


@pytest.mark.parametrize("case", sorted(FAILURES))
def test_failure_on_page_two_keeps_the_old_package(existing_package, case):
    reply, message = FAILURES[case]
    before = digest(existing_package)
    with StubServer() as stub:
        serve_until_page_two_fails(stub, reply)
        client = ServiceClient(stub.url, transport=QgisTransport(timeout_ms=1000))
        with pytest.raises(TwinServiceError) as err:
            pull_to_gpkg(client, "c", existing_package, target_crs=None)
    assert message in str(err.value)
    assert str(err.value).count(".") <= 2, "one sentence, not a traceback"
    assert digest(existing_package) == before
    assert sorted(p.name for p in existing_package.parent.iterdir()) == ["district.gpkg"]


def test_failure_on_a_new_package_creates_no_file(tmp_path, qgis_app):
    with StubServer() as stub:
        serve_until_page_two_fails(stub, Reply(500, "boom"))
        with pytest.raises(TwinServiceError):
            pull_to_gpkg(ServiceClient(stub.url), "c", tmp_path / "new.gpkg")
    assert list(tmp_path.iterdir()) == []


def test_service_down_review_says_so_and_writes_nothing(tmp_path, provider):
    import processing
    from qgis.core import QgsProcessingException

    url = "http://127.0.0.1:{}".format(free_port())
    with pytest.raises(QgsProcessingException) as err:
        processing.run("twindistrictreview:reviewdistrict",
                       {"SERVICE_URL": url, "DISTRICT": "xiangmihu",
                        "OUTPUT_FOLDER": str(tmp_path / "out")})
    assert str(err.value) == "The twin service at 127.0.0.1:{} could not be reached.".format(
        url.rsplit(":", 1)[1])
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
