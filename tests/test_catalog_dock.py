"""The catalog dock against real services: load, search, filter, inspect, add, download."""

import json
import time
import urllib.request

import pytest
from qgis.core import Qgis, QgsApplication, QgsFeatureRequest, QgsProject

from plugin.core import connections
from plugin.core.connections import Connection
from plugin.gui.catalog_dock import CatalogDock
from tests.support.http_stub import Reply, StubServer, free_port, point_features

FLOODS = {"flood-depth-rp20", "flood-depth-rp50", "flood-depth-rp100"}
LOAD_MS = 60000


@pytest.fixture
def clean_project(qgis_iface):
    QgsProject.instance().removeAllMapLayers()
    QgsProject.instance().layerTreeRoot().removeAllChildren()
    qgis_iface.messageBar().clear_messages()
    yield QgsProject.instance()
    QgsProject.instance().removeAllMapLayers()
    QgsProject.instance().layerTreeRoot().removeAllChildren()


@pytest.fixture
def open_dock(qgis_iface, qtbot, clean_project):
    """``open_dock(name, url)``: a dock with a stored connection, its catalog loaded."""
    made = []

    def make(name, url, wait=True):
        connections.save(Connection(name, url))
        dock = CatalogDock(qgis_iface)
        qtbot.addWidget(dock)
        made.append((dock, name))
        if wait:
            with qtbot.waitSignal(dock.catalog_loaded, timeout=LOAD_MS):
                dock.set_connection(name)
        return dock

    yield make
    for dock, name in made:
        dock.close_tasks()
        connections.remove(name)


@pytest.fixture
def dock(open_dock, twin_service):
    return open_dock("pytest sample twin", twin_service)


def warnings(iface):
    return iface.messageBar().get_messages(Qgis.Warning)


def layers_named(project):
    return {layer.name(): layer for layer in project.mapLayers().values()}


def count_features(base_url, cid):
    """How many features a collection holds, paged through with plain urllib."""
    url, count = "{}/collections/{}/items?f=json&limit=500".format(base_url, cid), 0
    while url:
        with urllib.request.urlopen(url, timeout=30) as reply:
            page = json.loads(reply.read())
        count += len(page["features"])
        url = next((link["href"] for link in page.get("links", [])
                    if link.get("rel") == "next" and page["features"]), None)
    return count


def test_dock_loads_the_catalog_into_a_tree(dock):
    assert len(dock.visible_ids()) == 24
    assert dock.status.text() == "24 of 24 collections shown"
    first_category = dock.proxy.index(0, 0)
    assert first_category.data() == "Basic urban space · 城市基础空间"
    assert dock.tree.isExpanded(first_category)
    assert dock.district_combo.count() == 4  # all + 3 districts, named
    assert dock.district_combo.itemText(2) == "Houhai (houhai)"


def test_typing_filters_the_tree(dock, qtbot):
    qtbot.keyClicks(dock.search, "flood")
    qtbot.waitUntil(lambda: dock.visible_ids() == FLOODS, timeout=3000)
    assert dock.status.text() == "3 of 24 collections shown"
    dock.search.clear()
    qtbot.waitUntil(lambda: len(dock.visible_ids()) == 24, timeout=3000)
    dock.search.insert("内涝")  # as an input method commits it (QTest types ASCII only)
    qtbot.waitUntil(lambda: dock.visible_ids() == FLOODS, timeout=3000)


def test_district_and_kind_combos_filter(dock):
    dock.district_combo.setCurrentIndex(dock.district_combo.findData("houhai"))
    houhai = dock.visible_ids()
    assert {"buildings", "districts"} <= houhai
    assert {"scheme-s1-a", "scheme-s1-b", "poi-misc"}.isdisjoint(houhai)
    dock.kind_combo.setCurrentIndex(dock.kind_combo.findData("raster"))
    assert dock.visible_ids() == {"dem"} | FLOODS
    dock.district_combo.setCurrentIndex(0)
    dock.kind_combo.setCurrentIndex(dock.kind_combo.findData("scheme"))
    assert dock.visible_ids() == {"scheme-s1-a", "scheme-s1-b"}


def test_map_extent_filter_follows_the_canvas(dock, qgis_iface):
    from qgis.core import QgsCoordinateReferenceSystem, QgsRectangle

    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    canvas.setExtent(QgsRectangle(113.89, 22.76, 113.93, 22.8))  # Guangming only
    dock.extent_button.setChecked(True)
    assert dock.visible_ids() == {"districts"}
    dock.extent_button.setChecked(False)
    assert len(dock.visible_ids()) == 24


def test_selecting_shows_escaped_metadata(dock):
    dock.select_ids(["buildings"])
    text = dock.details.toPlainText()
    assert "Building footprints with height, floors" in text
    assert "建筑底面" in text and "EPSG:4547" in text
    assert "Houhai (houhai)" in text and "2026-11-01" in text
    assert "Buildings (footprints, heights, BIM) · 建筑" in text


def test_remote_markup_shows_literally(open_dock):
    evil = "Tricky <script>alert(1)</script> and <b>bold</b> & more"
    with StubServer() as stub:
        stub.add_service([{"id": "evil", "title": "Evil <i>title</i>", "description": evil,
                           "keywords": ["twin:category=space", "twin:subcategory=roads"]}])
        dock = open_dock("pytest evil stub", stub.url)
        dock.select_ids(["evil"])
    text = dock.details.toPlainText()
    assert evil in text and "Evil <i>title</i>" in text
    assert "<b>bold</b>" not in dock.details.toHtml()  # escaped, never markup
    assert dock.proxy.index(0, 0).child(0, 0).child(0, 0).data() == "Evil <i>title</i>"


def test_selection_enables_the_actions(dock):
    buttons = (dock.add_button, dock.download_button, dock.district_button)
    assert not any(b.isEnabled() for b in buttons)
    dock.select_ids(["roads", "metro-stations"])
    assert [e.id for e in dock.selected_entries()] == ["roads", "metro-stations"]
    assert all(b.isEnabled() for b in buttons)
    dock.select_ids([])
    assert not any(b.isEnabled() for b in buttons)


def test_add_live_layer_adds_a_styled_oapif_layer(dock, qtbot, clean_project):
    dock.select_ids(["buildings"])
    with qtbot.waitSignal(dock.action_finished, timeout=60000) as ended:
        dock.add_live_layers()  # opened in a task: the window never waits on the server
    assert ended.args == ["added"]
    layer = layers_named(clean_project)["Buildings"]
    assert layer.isValid() and layer.providerType() == "OAPIF"
    assert layer.renderer().type() == "graduatedSymbol"  # the buildings role style
    features = list(layer.getFeatures(QgsFeatureRequest().setLimit(5)))  # streamed
    assert len(features) == 5 and features[0].hasGeometry()
    assert "height" in layer.fields().names()


def test_adding_a_raster_fetches_it_then_adds_a_raster_layer(dock, qtbot, clean_project):
    from qgis.core import QgsRasterLayer

    dock.select_ids(["flood-depth-rp20"])
    with qtbot.waitSignal(dock.action_finished, timeout=120000) as ended:
        dock.add_live_layers()
    assert ended.args == ["downloaded"]
    layer = layers_named(clean_project)["Flood depth, 20-year storm"]
    assert isinstance(layer, QgsRasterLayer) and layer.isValid() and layer.width() > 0


def test_download_adds_layers_with_the_services_counts(dock, qtbot, qgis_iface, tmp_path,
                                                         twin_service, clean_project):
    ids = ["roads", "metro-stations", "parcels"]
    dock.select_ids(ids)
    with qtbot.waitSignal(dock.action_finished, timeout=120000) as ended:
        dock.download(tmp_path / "picked.gpkg")
    assert ended.args == ["downloaded"]
    layers = layers_named(clean_project)
    for cid in ids:
        entry = dock.load.catalog.get(cid)
        assert layers[entry.title].featureCount() == count_features(twin_service, cid)
    assert (tmp_path / "picked.gpkg").is_file()
    done = qgis_iface.messageBar().get_messages(Qgis.Success)
    assert done and "Downloaded 3 collections (" in done[-1] and "picked.gpkg" in done[-1]
    dock.select_ids(["parcels"])  # the metadata now knows the count
    assert "Features 218" in dock.details.toPlainText().replace("\n", " ").replace("\t", " ")


def test_download_for_district_clips(dock, qtbot, tmp_path, clean_project):
    dock.select_ids(["metro-stations"])
    with qtbot.waitSignal(dock.action_finished, timeout=120000) as ended:
        dock.download_for_district("houhai", tmp_path / "houhai.gpkg")
    assert ended.args == ["downloaded"]
    stations = layers_named(clean_project)["Metro stations"]
    assert 0 < stations.featureCount() < 9


def test_cancelled_download_leaves_no_file_and_no_layer(open_dock, qtbot, qgis_iface,
                                                        tmp_path, clean_project):
    with StubServer() as stub:
        stub.add_service([{"id": "slow", "title": "Slow points",
                           "keywords": ["twin:category=space", "twin:subcategory=roads"]}])
        stub.add_paged_items("slow", point_features(3000), server_max=100)
        paged = stub.routes["/api/colls/slow/items"]

        def stalling(request):  # every page takes a while
            reply = paged(request)
            reply.delay = 0.3
            return reply

        stub.route("/api/colls/slow/items", stalling)
        dock = open_dock("pytest slow stub", stub.url)
        dock.select_ids(["slow"])
        with qtbot.waitSignal(dock.action_finished, timeout=60000) as ended:
            dock.download(tmp_path / "slow.gpkg")
            manager = QgsApplication.taskManager()
            qtbot.waitUntil(lambda: any(t.description().startswith("Downloading")
                                        for t in manager.activeTasks()), timeout=5000)
            for task in manager.activeTasks():
                if task.description().startswith("Downloading"):
                    task.cancel()
    assert ended.args == ["cancelled"]
    assert list(tmp_path.iterdir()) == []
    assert clean_project.mapLayers() == {}
    assert warnings(qgis_iface) == []


def test_unreachable_connection_says_one_sentence(open_dock, qtbot, qgis_iface):
    dock = open_dock("pytest down", "http://127.0.0.1:{}".format(free_port()), wait=False)
    with qtbot.waitSignal(dock.load_failed, timeout=LOAD_MS) as failed:
        dock.set_connection("pytest down")
    said = warnings(qgis_iface)
    assert len(said) == 1 and said[0].endswith(failed.args[0])
    assert failed.args[0].endswith(".") and "\n" not in failed.args[0]
    assert dock.visible_ids() == set() and dock.status.text() == failed.args[0]


def test_a_newer_load_supersedes_an_older_one(open_dock, qtbot, twin_service):
    with StubServer() as stub:
        stub.add_service([{"id": "late"}])
        stub.route("/", lambda _r: Reply(body={"links": []}, delay=1.0))
        dock = open_dock("pytest late stub", stub.url, wait=False)
        connections.save(Connection("pytest sample twin 2", twin_service))
        dock.set_connection("pytest late stub")
        with qtbot.waitSignal(dock.catalog_loaded, timeout=LOAD_MS):
            dock.set_connection("pytest sample twin 2")
        qtbot.wait(1500)  # the stale load ends meanwhile and must change nothing
    connections.remove("pytest sample twin 2")
    assert len(dock.visible_ids()) == 24


def test_4000_collections_load_and_filter_fast(open_dock, qtbot):
    from sample_twin.big_catalog import collections
    from tests.support.static_catalog import serve_catalog

    server = serve_catalog(collections(n=4000, seed=7))
    try:
        dock = open_dock("pytest big catalog", server.url, wait=False)
        dock.resize(420, 760)
        dock.show()
        with qtbot.waitSignal(dock.catalog_loaded, timeout=180000):
            dock.set_connection("pytest big catalog")
    finally:
        server.stop()
    assert len(dock.visible_ids()) == 4000
    started = time.perf_counter()
    dock._show_catalog(dock.load)  # what the loaded signal triggers: index, model, tree
    populate = time.perf_counter() - started
    timings = []
    for text in ("f", "flo", "flood", "建筑", ""):
        dock.search.setText(text)
        started = time.perf_counter()
        dock.apply_filter()  # the filter itself, without the typing debounce
        timings.append(time.perf_counter() - started)
    print("\n4000 collections: catalog loaded in {:.2f} s; populate {:.3f} s "
          "(in the slot {:.3f} s); filters {} s".format(
              dock.load.seconds, populate, dock.timings["populate"],
              ", ".join("{:.3f}".format(t) for t in timings)))
    assert populate < 1.0 and dock.timings["populate"] < 1.0
    assert max(timings) < 1.0


def test_feature_count_shows_when_the_server_says_it(open_dock, qtbot):
    with StubServer() as stub:
        stub.add_service([{"id": "pts", "title": "Counted points",
                           "keywords": ["twin:category=space", "twin:subcategory=roads"]}])
        stub.add_paged_items("pts", point_features(1234), number_matched="exact")
        dock = open_dock("pytest counted stub", stub.url)
        dock.select_ids(["pts"])
        qtbot.waitUntil(lambda: "1,234" in dock.details.toPlainText(), timeout=10000)


def test_feature_count_is_unknown_when_the_server_does_not_say(dock, qtbot):
    # pygeoapi's SQLite provider sends no numberMatched: the panel must not guess.
    dock.select_ids(["roads"])
    qtbot.waitUntil(lambda: dock.counts.get("roads", 0) is None, timeout=5000)
    qtbot.wait(500)  # the count request has answered (without a number)
    assert "unknown" in dock.details.toPlainText()
