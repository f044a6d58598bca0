"""Interrupted packaging: a server that drops the connection mid-page, and a QGIS
process killed mid-pull. The previous package stays byte-identical; running again
resumes, fetching only what was not finished."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.dropping_proxy import DroppingProxy
from tests.test_district_package import sha1

pytestmark = pytest.mark.usefixtures("qgis_app")

ROOT = Path(__file__).resolve().parents[1]
COLLECTIONS = "districts,roads,parcels,buildings,green"


def run_package(proxy, out):
    import processing

    return processing.run("twindistrictreview:packagedistrict", {
        "SERVICE_URL": proxy.url, "DISTRICT": "xiangmihu", "COLLECTIONS": COLLECTIONS,
        "MARGIN": 50, "OUTPUT": str(out)})


def staged(out):
    state = Path(out).parent / ".{}.staging".format(Path(out).stem) / "state.json"
    try:
        return sorted(json.loads(state.read_text())["done"])
    except (OSError, ValueError):
        return []


@pytest.fixture
def proxy(twin_service):
    with DroppingProxy(twin_service) as proxy:
        yield proxy


def test_dropped_connection_keeps_package_and_resumes(proxy, provider, tmp_path):
    from qgis.core import QgsProcessingException

    out = tmp_path / "xm.gpkg"
    first = run_package(proxy, out)
    before = (sha1(out), sha1(out.with_suffix(".qgz")))
    buildings_pages = len(proxy.items_requests("buildings"))
    assert buildings_pages >= 3  # 2,100 buildings at the server's 1,000 a page

    proxy.drop_after_pages(1, collection_id="buildings")
    with pytest.raises(QgsProcessingException, match="connection to the twin service was lost"):
        run_package(proxy, out)
    assert proxy.drops == 1
    assert (sha1(out), sha1(out.with_suffix(".qgz"))) == before, "the package was touched"
    assert staged(out) == ["districts", "parcels", "roads"]

    proxy.drop_after_pages(None)
    asked = len(proxy.requests)
    resumed = run_package(proxy, out)
    assert resumed["RESUMED"] == 3
    fetched = {p.split("/collections/")[1].split("/")[0] for p in proxy.requests[asked:]
               if "/items" in p}
    # Only the unfinished collections are fetched again (and the district, to clip by).
    assert fetched == {"districts", "buildings", "green"}, fetched
    assert resumed["FEATURE_COUNT"] == first["FEATURE_COUNT"]
    assert not (tmp_path / ".xm.staging").exists()


KILLED_RUN = r"""
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, {root!r})
from qgis.core import QgsApplication, QgsFeedback
app = QgsApplication([], False); app.initQgis()
from plugin.core.catalog import Catalog
from plugin.core.client import ServiceClient
from plugin.core.district_package import PackageRequest, package_district
from plugin.core.transport import QgisTransport

class SlowNetwork(QgsFeedback):
    def setProgress(self, value):  # a slow link: time to kill the process mid-pull
        super().setProgress(value)
        time.sleep(0.05)

client = ServiceClient({url!r}, transport=QgisTransport())
catalog = Catalog.from_collections(client.collections())
request = PackageRequest({url!r}, "xiangmihu", collections={ids!r}, margin_m=50)
print("start", flush=True)
package_district(client, catalog, request, {out!r}, feedback=SlowNetwork())
print("finished", flush=True)
os._exit(0)
"""


def test_killed_process_keeps_package_and_resumes(proxy, provider, tmp_path):
    out = tmp_path / "xm.gpkg"
    first = run_package(proxy, out)
    before = (sha1(out), sha1(out.with_suffix(".qgz")))
    script = tmp_path / "killed_run.py"
    script.write_text(KILLED_RUN.format(root=str(ROOT), url=proxy.url, out=str(out),
                                        ids=COLLECTIONS.split(",")))
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    while len(staged(out)) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode()[-2000:]
    done = staged(out)
    assert 2 <= len(done) < 5, done
    assert (sha1(out), sha1(out.with_suffix(".qgz"))) == before, "the package was touched"

    resumed = run_package(proxy, out)
    assert resumed["RESUMED"] == len(done)
    assert resumed["FEATURE_COUNT"] == first["FEATURE_COUNT"]
    assert not list(tmp_path.glob(".*.part*"))


def test_refresh_with_service_gone_says_so_and_keeps_package(twin_service, provider, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    out = tmp_path / "xm.gpkg"
    with DroppingProxy(twin_service) as proxy:
        run_package(proxy, out)
    before = (sha1(out), sha1(out.with_suffix(".qgz")))
    with pytest.raises(QgsProcessingException, match="could not be reached"):
        processing.run("twindistrictreview:refreshdistrictpackage",
                       {"PACKAGE": str(out), "APPLY": True})
    assert (sha1(out), sha1(out.with_suffix(".qgz"))) == before


def test_refresh_of_a_file_that_is_no_package_is_one_sentence(provider, tmp_path):
    import processing
    from osgeo import ogr
    from qgis.core import QgsProcessingException

    plain = tmp_path / "plain.gpkg"
    source = ogr.GetDriverByName("GPKG").CreateDataSource(str(plain))
    source.CreateLayer("x")
    source = None  # closed: written
    with pytest.raises(QgsProcessingException, match="is not an offline district package"):
        processing.run("twindistrictreview:refreshdistrictpackage", {"PACKAGE": str(plain)})


def test_interrupted_refresh_keeps_package_and_resumes(proxy, provider, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    out = tmp_path / "xm.gpkg"
    run_package(proxy, out)
    before = (sha1(out), sha1(out.with_suffix(".qgz")))
    params = {"PACKAGE": str(out), "APPLY": True, "FORCE": True}
    proxy.drop_after_pages(1, collection_id="buildings")
    with pytest.raises(QgsProcessingException, match="connection to the twin service was lost"):
        processing.run("twindistrictreview:refreshdistrictpackage", params)
    assert (sha1(out), sha1(out.with_suffix(".qgz"))) == before, "the package was touched"

    asked = len(proxy.requests)
    result = processing.run("twindistrictreview:refreshdistrictpackage", params)
    fetched = {p.split("/collections/")[1].split("/")[0] for p in proxy.requests[asked:]
               if "/items" in p}
    assert fetched == {"buildings", "green"}, fetched  # the rest was staged before the drop
    assert (result["ADDED"], result["REMOVED"], result["CHANGED"]) == (0, 0, 0)
