"""The Browser panel's "Twin services" branch, against the real sample service."""

import pytest
import requests
from qgis.core import (
    Qgis,
    QgsApplication,
    QgsBrowserModel,
    QgsDataItem,
    QgsErrorItem,
    QgsLayerItem,
    QgsMimeDataUtils,
    QgsRasterLayer,
    QgsVectorLayer,
)
from qgis.gui import QgsDataItemGuiContext, QgsGui
from qgis.PyQt.QtCore import QModelIndex
from qgis.PyQt.QtWidgets import QMenu

from plugin.core import connections
from plugin.core.connections import Connection
from plugin.gui import browser
from tests.support.http_stub import free_port


@pytest.fixture
def stored(twin_service, qgis_app):
    """A connection to the sample service stored in the test settings, removed after."""
    conn = Connection("Sample twin (test)", twin_service)
    connections.save(conn)
    yield conn
    connections.remove(conn.name)


def children(item):
    """Children the way QGIS makes them (createChildren), kept alive for the test."""
    return list(item.createChildren())


def walk(item):
    """Every descendant below ``item`` as (path of names, item)."""
    out = []
    for child in children(item):
        out.append(([child.name()], child))
        if isinstance(child, browser.GroupItem):
            out.extend(([child.name()] + names, leaf) for names, leaf in walk(child))
    return out


@pytest.fixture
def sample_tree(stored):
    return walk(browser.ConnectionItem(None, stored, lang="en"))


def layer_item(tree, collection_id):
    return next(item for _names, item in tree if item.path().endswith("/" + collection_id)
                and not isinstance(item, browser.GroupItem))


def test_root_lists_the_stored_connections(stored):
    root = browser.TwinBrowserProvider().createDataItem("", None)
    assert root.name() == "Twin services"
    names = [c.name() for c in children(root)]
    assert names == [c.name for c in connections.connections()]
    assert stored.name in names


def test_connection_children_are_category_subcategory_collection(sample_tree):
    leaves = [(names, item) for names, item in sample_tree
              if not isinstance(item, browser.GroupItem)]
    assert len(leaves) == 24
    by_id = {item.path().rsplit("/", 1)[1]: names for names, item in leaves}
    assert by_id["buildings"] == ["Basic urban space", "Buildings (footprints, heights, BIM)",
                                  "Buildings"]
    assert by_id["poi-misc"][0] == "Unclassified"
    assert len(by_id["poi-misc"]) == 2  # no subcategory level under Unclassified
    top = [names[0] for names, item in sample_tree if len(names) == 1]
    assert top == ["Basic urban space", "Management objects", "IoT sensing", "Unclassified"]


def test_buildings_item_opens_as_a_live_oapif_layer(sample_tree, twin_service):
    item = layer_item(sample_tree, "buildings")
    assert isinstance(item, QgsLayerItem)
    assert item.providerKey() == "OAPIF"
    stations = layer_item(sample_tree, "metro-stations")
    layer = QgsVectorLayer(stations.uri(), "stations", stations.providerKey())
    assert layer.isValid()
    served = requests.get(twin_service + "/collections/metro-stations/items",
                          params={"f": "json", "limit": 1000}, timeout=30).json()
    assert len(list(layer.getFeatures())) == len(served["features"]) > 0


def test_raster_items_open_the_coverage_through_gdal(sample_tree):
    item = layer_item(sample_tree, "flood-depth-rp100")
    assert isinstance(item, QgsLayerItem)
    assert item.providerKey() == "gdal"
    layer = QgsRasterLayer(item.uri(), "flood", "gdal")
    assert layer.isValid()
    assert layer.crs().authid() == "EPSG:4547"


def test_dragging_an_item_carries_the_oapif_uri(sample_tree):
    item = layer_item(sample_tree, "metro-stations")
    mime = QgsMimeDataUtils.encodeUriList(item.mimeUris())
    [uri] = QgsMimeDataUtils.decodeUriList(mime)
    assert (uri.layerType, uri.providerKey, uri.uri) == ("vector", "OAPIF", item.uri())
    assert "typename='metro-stations'" in uri.uri or "typename=metro-stations" in uri.uri


def test_tooltips_escape_remote_text():
    tip = browser._tooltip("<img src=x onerror=alert(1)>", "a & b")
    assert "<img" not in tip and "&lt;img" in tip and "a &amp; b" in tip


def test_a_dead_service_gives_one_error_sentence(qgis_app):
    dead = Connection("dead", f"http://127.0.0.1:{free_port()}")
    [item] = children(browser.ConnectionItem(None, dead))
    assert isinstance(item, QgsErrorItem)
    sentence = item.name()
    assert sentence.endswith(".") and "\n" not in sentence and sentence.count(". ") == 0
    assert "127.0.0.1" in sentence or "twin service" in sentence.lower()


def test_labels_follow_the_language(stored):
    top = [c.name() for c in children(browser.ConnectionItem(None, stored, lang="zh"))]
    assert top == ["城市基础空间", "管理对象", "物联感知", "未分类"]


def test_register_and_unregister_leave_the_registries_as_they_were(qgis_app):
    items = QgsApplication.dataItemProviderRegistry()
    guis = QgsGui.dataItemGuiProviderRegistry()
    before = ([p.name() for p in items.providers()], [p.name() for p in guis.providers()])
    handle = browser.register()
    assert items.provider(browser.NAME) is not None
    assert browser.NAME in [p.name() for p in guis.providers()]
    browser.unregister(handle)
    assert ([p.name() for p in items.providers()], [p.name() for p in guis.providers()]) \
        == before
    assert items.provider(browser.NAME) is None


def menu_texts(gui_provider, item):
    menu = QMenu()
    gui_provider.populateContextMenu(item, menu, [item], QgsDataItemGuiContext())
    return [a.text() for a in menu.actions()]


def test_context_menus(stored):
    gui_provider = browser.TwinBrowserGuiProvider()
    root = browser.TwinRootItem()
    assert menu_texts(gui_provider, root) == ["New connection…"]
    conn_item = browser.ConnectionItem(None, stored)
    assert menu_texts(gui_provider, conn_item) == [
        "Edit connection…", "Remove connection", "Refresh"]
    other = QgsDataItem(Qgis.BrowserItemType.Custom, None, "x", "x")
    assert menu_texts(gui_provider, other) == []


def model_rows(model, parent):
    return [model.data(model.index(r, 0, parent)) for r in range(model.rowCount(parent))]


def test_the_browser_model_shows_the_branch_and_follows_a_removal(stored):
    """What the Browser panel shows: our root among QGIS's, then a removed connection goes."""
    handle = browser.register()
    model = QgsBrowserModel()
    try:
        model.initialize()
        roots = model_rows(model, QModelIndex())
        assert "Twin services" in roots
        root = model.index(roots.index("Twin services"), 0, QModelIndex())
        model.fetchMore(root)
        assert stored.name in model_rows(model, root)
        browser.remove_connection(stored.name)
        assert connections.connection(stored.name) is None
        assert stored.name not in model_rows(model, root)
    finally:
        browser.unregister(handle)
    assert "Twin services" not in model_rows(model, QModelIndex())


def test_the_browser_model_fetches_a_catalog_off_the_ui_thread(stored, qtbot):
    """Expanding a connection in the Browser: children made on a worker thread by our
    createChildren (not the C++ base), then category → subcategory → collection rows."""
    handle = browser.register()
    model = QgsBrowserModel()
    try:
        model.initialize()
        root = model.index(model_rows(model, QModelIndex()).index("Twin services"), 0)
        model.fetchMore(root)
        conn = model.index(model_rows(model, root).index(stored.name), 0, root)
        model.fetchMore(conn)  # starts the catalog fetch in a thread; returns at once
        assert model_rows(model, conn) == []  # the UI thread is not kept waiting
        qtbot.waitUntil(lambda: "Basic urban space" in model_rows(model, conn), timeout=30000)
        space = model.index(model_rows(model, conn).index("Basic urban space"), 0, conn)
        model.fetchMore(space)
        transit = model.index(model_rows(model, space).index("Rail transit"), 0, space)
        model.fetchMore(transit)
        assert "Metro stations" in model_rows(model, transit)
    finally:
        browser.unregister(handle)
