"""The Browser panel's "Twin services" branch: stored connections and their catalogs.

Root → connection → category → subcategory → collection. Collections are QGIS layer
items, so QGIS itself adds them on drag, double-click or "Add Layer to Project": vector
ones through its OAPIF provider (live), rasters through GDAL straight from the OGC API -
Coverages URL. A connection has no Fast capability, so QGIS builds its children (the
catalog fetch) on a worker thread: that code touches no widget and sets no QIcon.
"""

import html
from pathlib import Path
from urllib.parse import quote

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsDataCollectionItem,
    QgsDataItem,
    QgsDataItemProvider,
    QgsDataProvider,
    QgsErrorItem,
    QgsLayerItem,
    QgsProviderRegistry,
)
from qgis.gui import QgsDataItemGuiProvider, QgsGui
from qgis.PyQt import sip
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QMessageBox

from .. import log
from ..core import connections
from ..core.catalog import Catalog
from ..core.errors import TwinServiceError
from ..core.live_layers import PROVIDER as OAPIF
from ..core.live_layers import oapif_uri
from ..i18n import language, tr

NAME = "Twin District Review"  # provider name; also the root item's providerKey
ROOT_PATH = "twin:"
ICON = Path(__file__).resolve().parents[2] / "resources" / "icons" / "icon.svg"
RASTER_KINDS = ("raster",)

_roots = []  # root items the provider created (one per browser model), for refresh_browser


def _kept(parent, items):
    """Children made in Python, also referenced by their parent's Python object.

    QGIS 3.22 keeps the Python side of returned items alive (createChildren is a
    factory), but newer sip builds collect it at once (qgis/QGIS#49720), and QGIS
    would then call the C++ base instead of our createChildren. Items QGIS deleted
    (refreshed away) are dropped. Never call ``item.children()`` from Python: in
    QGIS 3.22 it returns new Python-owned wrappers that delete the items with them.
    """
    alive = [k for k in getattr(parent, "_children_refs", []) if not sip.isdeleted(k)]
    parent._children_refs = alive + items
    return items


def _tooltip(*lines):
    """Rich-text tooltip from remote text: every line escaped, the first one bold."""
    texts = [html.escape(str(t)) for t in lines if t]
    if not texts:
        return ""
    return "<br>".join([f"<b>{texts[0]}</b>"] + texts[1:])


class TwinRootItem(QgsDataCollectionItem):
    """ "Twin services": one child per stored connection (read from settings, so Fast)."""

    def __init__(self):
        super().__init__(None, tr("Twin services"), ROOT_PATH, NAME)
        self.setCapabilitiesV2(Qgis.BrowserItemCapabilities(
            Qgis.BrowserItemCapability.Fast | Qgis.BrowserItemCapability.Fertile))
        self.setToolTip(tr("Stored twin data service connections"))

    def icon(self):  # a QIcon only on demand (main thread), never in a constructor
        return QIcon(str(ICON))

    def createChildren(self):
        return _kept(self, [ConnectionItem(None, c) for c in connections.connections()])


class ConnectionItem(QgsDataCollectionItem):
    """One connection; its children come from the service's catalog (network: worker thread)."""

    def __init__(self, parent, connection, lang=None):
        super().__init__(parent, connection.name,
                         "{}/{}".format(ROOT_PATH, quote(connection.name, safe="")), NAME)
        self.connection = connection
        self.lang = lang  # None: the UI language, read when the children are made
        self.setCapabilitiesV2(Qgis.BrowserItemCapabilities(Qgis.BrowserItemCapability.Fertile))
        self.setIconName("mIconWfs.svg")
        self.setToolTip(_tooltip(connection.name, connection.url))

    def createChildren(self):
        # Re-read the stored connection: "Edit connection…" may have changed URL or auth.
        conn = connections.connection(self.connection.name) or self.connection
        self.connection = conn
        try:
            client = conn.client()
            catalog = Catalog.from_collections(client.collections())
            nodes = collection_tree(catalog, conn, client, self.lang or language())
        except TwinServiceError as err:
            log.warning("Browser: catalog of '{}' ({}): {} {}".format(
                conn.name, conn.url, err, err.detail or ""))
            return _kept(self, [QgsErrorItem(None, str(err), self.path() + "/error")])
        return _kept(self, [GroupItem(None, node, self.path()) for node in nodes])


class GroupItem(QgsDataCollectionItem):
    """A category or subcategory; its children were worked out with the catalog (Fast)."""

    def __init__(self, parent, node, parent_path):
        path = "{}/{}".format(parent_path, quote(node["code"], safe=""))
        super().__init__(parent, node["label"], path, NAME)
        self.node = node
        self.setCapabilitiesV2(Qgis.BrowserItemCapabilities(
            Qgis.BrowserItemCapability.Fast | Qgis.BrowserItemCapability.Fertile))
        self.setIconName("mIconFolder.svg")
        self.setToolTip(_tooltip(node["label"]))

    def createChildren(self):
        items = [GroupItem(None, child, self.path()) for child in self.node["children"]]
        items += [collection_item(spec, self.path()) for spec in self.node["layers"]]
        return _kept(self, items)


def layer_spec(entry, connection, client):
    """How QGIS opens one collection: {"id", "name", "tooltip", "uri", "provider", "type"}.

    Rasters open through GDAL from the coverage URL (GDAL's HTTP driver fetches the
    whole GeoTIFF, since the service does not serve byte ranges; the gdal provider
    applies the authcfg). A raster without a coverage link gets no uri: not draggable.
    """
    spec = {"id": entry.id, "name": entry.title or entry.id, "provider": OAPIF,
            "type": Qgis.BrowserLayerType.Vector,
            "tooltip": _tooltip(entry.title or entry.id, entry.description, entry.id)}
    if entry.kind not in RASTER_KINDS:
        spec["uri"] = oapif_uri(connection.url, entry.id, connection.authcfg)
        return spec
    spec.update(provider="gdal", type=Qgis.BrowserLayerType.Raster)
    try:
        url = client.coverage_url(entry.id)
    except TwinServiceError as err:
        log.warning("Browser: {} {}".format(err, err.detail or ""))
        spec["uri"] = None
        spec["tooltip"] = "{}<br>{}".format(spec["tooltip"], html.escape(str(err)))
        return spec
    parts = {"path": url}
    if connection.authcfg:
        parts["authcfg"] = connection.authcfg
    spec["uri"] = QgsProviderRegistry.instance().encodeUri("gdal", parts)
    return spec


def collection_tree(catalog, connection, client, lang):
    """catalog.tree(lang) as nested {"code", "label", "children", "layers"} nodes.

    Entries without a subcategory (e.g. the Unclassified branch) sit directly under
    their category rather than under a second node with the same label."""
    nodes = []
    for cat in catalog.tree(lang):
        node = {"code": cat["code"], "label": cat["label"], "children": [], "layers": []}
        for sub in cat["children"]:
            layers = [layer_spec(e, connection, client) for e in sub["entries"]]
            if sub["code"] is None:
                node["layers"].extend(layers)
            else:
                node["children"].append({"code": sub["code"], "label": sub["label"],
                                         "children": [], "layers": layers})
        nodes.append(node)
    return nodes


def collection_item(spec, parent_path):
    path = "{}/{}".format(parent_path, quote(spec["id"], safe=""))
    if spec["uri"] is None:
        item = QgsDataItem(Qgis.BrowserItemType.Custom, None, spec["name"], path, NAME)
        item.setIconName("mIconRaster.svg")
        item.setToolTip("{}<br>{}".format(spec["tooltip"], html.escape(tr(
            "Use Add or Download in the Twin catalog dock for this raster."))))
        return item
    item = QgsLayerItem(None, spec["name"], path, spec["uri"], spec["type"], spec["provider"])
    item.setToolTip(spec["tooltip"])
    return item


class TwinBrowserProvider(QgsDataItemProvider):
    def name(self):
        return NAME

    def capabilities(self):
        return QgsDataProvider.Net

    def createDataItem(self, path, parentItem):
        if path or parentItem is not None:
            return None
        root = TwinRootItem()
        _roots[:] = [r for r in _roots if not sip.isdeleted(r)] + [root]
        return root


# -- context menus (GUI) ---------------------------------------------------------------

class TwinBrowserGuiProvider(QgsDataItemGuiProvider):
    def __init__(self, iface=None):
        super().__init__()
        self.iface = iface

    def name(self):
        return NAME

    def populateContextMenu(self, item, menu, selected, context):
        if isinstance(item, TwinRootItem):
            self._action(menu, tr("New connection…"), lambda: self._edit(menu))
        elif isinstance(item, ConnectionItem):
            name = item.connection.name
            self._action(menu, tr("Edit connection…"), lambda: self._edit(menu, name, item))
            self._action(menu, tr("Remove connection"), lambda: self._remove(menu, name))
            self._action(menu, tr("Refresh"), item.refresh)

    @staticmethod
    def _action(menu, text, slot):
        action = QAction(text, menu)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _window(self, fallback):
        return self.iface.mainWindow() if self.iface is not None else fallback

    def _edit(self, menu, name=None, item=None):
        from .connection_dialog import ConnectionDialog  # on use: not needed at load

        dialog = ConnectionDialog(self._window(menu), connection=connections.connection(name))
        if dialog.exec_():  # the dialog saved the connection
            refresh_browser()
            if item is not None and not sip.isdeleted(item) and connections.connection(name):
                item.refresh()  # same name, maybe a new URL or authcfg: fetch again

    def _remove(self, menu, name):
        answer = QMessageBox.question(
            self._window(menu), tr("Remove connection"),
            tr("Remove the twin service connection '{}'?").format(name))
        if answer == QMessageBox.Yes:
            remove_connection(name)


def remove_connection(name):
    """Forget a stored connection (its authcfg stays in the auth database) and show it."""
    connections.remove(name)
    refresh_browser()


def refresh_browser():
    """Reload the "Twin services" branch in every browser model that shows it.

    Works from the roots the provider made, so it needs no iface and is a no-op
    without a GUI. Added, renamed and removed connections show; the catalogs of
    the others are not fetched again."""
    for root in [r for r in _roots if not sip.isdeleted(r)]:
        root.refresh()


# -- registration ----------------------------------------------------------------------

class Registration:
    def __init__(self, provider, gui_provider):
        self.provider = provider
        self.gui_provider = gui_provider


def register(iface=None):
    """Add the data item provider and its context-menu provider; returns the handle."""
    provider = TwinBrowserProvider()
    gui_provider = TwinBrowserGuiProvider(iface)
    QgsApplication.dataItemProviderRegistry().addProvider(provider)
    QgsGui.dataItemGuiProviderRegistry().addProvider(gui_provider)
    return Registration(provider, gui_provider)


def unregister(handle):
    """Remove both providers (the browser drops the root item the provider made)."""
    QgsGui.dataItemGuiProviderRegistry().removeProvider(handle.gui_provider)
    QgsApplication.dataItemProviderRegistry().removeProvider(handle.provider)
    _roots[:] = [r for r in _roots if not sip.isdeleted(r)]
