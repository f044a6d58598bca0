"""The catalog dock: browse, search and filter a twin service's collections, then add
them live or download them (whole, or clipped to a district).

Every request runs in a QgsTask (plugin/core/tasks.py); the dock only shows results.
"""

import time

from qgis.core import Qgis, QgsCsException
from qgis.gui import QgsDockWidget, QgsFilterLineEdit
from qgis.PyQt.QtCore import QItemSelection, QItemSelectionModel, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from .. import i18n, log
from ..core import connections
from ..core.catalog_search import SearchIndex
from ..core.crs import transform_bbox
from ..i18n import tr
from . import catalog_actions as actions
from . import package_actions as packages
from .catalog_model import ENTRY_ID_ROLE, CatalogFilterProxy, CatalogModel
from .metadata_html import district_label, metadata_html

DEBOUNCE_MS = 150
EXPAND_ALL_BELOW = 300  # visible collections; above this only categories open


def _tool_button(icon, tip, slot):
    from qgis.core import QgsApplication

    button = QToolButton()
    button.setIcon(QgsApplication.getThemeIcon(icon))
    button.setToolTip(tip)
    button.setAutoRaise(True)
    button.clicked.connect(slot)
    return button


def _proxy_rows(model, parent=None):
    """Every index of a (proxy) model, depth first."""
    from qgis.PyQt.QtCore import QModelIndex

    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        yield index
        yield from _proxy_rows(model, index)


class CatalogDock(QgsDockWidget):
    catalog_loaded = pyqtSignal()
    filtered = pyqtSignal()
    load_failed = pyqtSignal(str)
    action_finished = pyqtSignal(str)  # "downloaded", "failed", "cancelled", "added"

    def __init__(self, iface, parent=None):
        super().__init__(tr("Twin catalog"), parent)
        self.setObjectName("TwinCatalogDock")
        self.iface = iface
        self.load = None          # the current CatalogLoad
        self.index = None         # its SearchIndex
        self.counts = {}          # collection id -> feature count, once a download says
        self.timings = {}         # "populate" / "filter" seconds, for the status tooltip
        self._load_serial = 0     # only the newest catalog load may fill the dock
        self._load_task = None
        self.runner = actions.TaskRunner()
        self.model = CatalogModel(self)
        self.proxy = CatalogFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self._build()
        self._fill_connections(connections.current_name())
        self._update_buttons()

    # -- layout -----------------------------------------------------------------
    def _build(self):
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._connection_row())
        self.search = QgsFilterLineEdit()
        self.search.setShowSearchIcon(True)
        self.search.setPlaceholderText(tr("Search titles, descriptions, keywords, ids"))
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        layout.addWidget(self.search)
        layout.addLayout(self._filter_row())
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)  # keeps 4,000 rows cheap to lay out
        self.tree.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)
        self.tree.doubleClicked.connect(self._double_clicked)
        self.details = QTextBrowser()
        self.details.setOpenExternalLinks(True)
        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        layout.addLayout(self._button_row())
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.setWidget(body)

    def _connection_row(self):
        row = QHBoxLayout()
        self.connection_combo = QComboBox()
        self.connection_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.connection_combo.setMinimumContentsLength(10)
        self.connection_combo.setToolTip(tr("Twin service connection"))
        self.connection_combo.activated.connect(
            lambda _i: self.set_connection(self.connection_combo.currentText()))
        row.addWidget(self.connection_combo, 1)
        row.addWidget(_tool_button("/mActionAdd.svg", tr("New connection…"),
                                   self.new_connection))
        row.addWidget(_tool_button("/mActionToggleEditing.svg", tr("Edit connection…"),
                                   self.edit_connection))
        row.addWidget(_tool_button("/mActionRemove.svg", tr("Remove connection"),
                                   self.remove_connection))
        row.addWidget(_tool_button("/mActionRefresh.svg", tr("Reload the catalog"),
                                   self.reload))
        self.offline_button = QToolButton()
        self.offline_button.setIcon(QIcon(str(packages.ICONS / "package.svg")))
        self.offline_button.setText(tr("Make offline…"))
        self.offline_button.setToolTip(tr(
            "Make offline: package the filter's district into a GeoPackage and a project "
            "(the selected collections, or every collection tagged for the district)"))
        self.offline_button.setAutoRaise(True)
        self.offline_button.clicked.connect(self.make_offline)
        row.addWidget(self.offline_button)
        self.report_button = QToolButton()
        self.report_button.setIcon(QIcon(str(packages.ICONS / "report.svg")))
        self.report_button.setText(tr("Review report…"))
        self.report_button.setToolTip(tr(
            "District review report: review the open project's district package and write "
            "the report as HTML and PDF"))
        self.report_button.setAutoRaise(True)
        self.report_button.clicked.connect(self.review_report)
        row.addWidget(self.report_button)
        return row

    def _filter_row(self):
        row = QHBoxLayout()
        self.district_combo = QComboBox()
        self.district_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.district_combo.setMinimumContentsLength(8)
        self.district_combo.addItem(tr("All districts"), None)
        self.district_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.kind_combo = QComboBox()
        for label, kind in ((tr("All kinds"), None), (tr("Vector"), "vector"),
                            (tr("Raster"), "raster"), (tr("Sensors"), "sensors"),
                            (tr("Scheme"), "scheme")):
            self.kind_combo.addItem(label, kind)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.extent_button = QToolButton()
        self.extent_button.setText(tr("Map extent"))
        self.extent_button.setToolTip(tr("Show only collections inside the map view"))
        self.extent_button.setCheckable(True)
        self.extent_button.toggled.connect(lambda _on: self.apply_filter())
        self.iface.mapCanvas().extentsChanged.connect(self._extent_changed)
        row.addWidget(self.district_combo, 2)
        row.addWidget(self.kind_combo, 1)
        row.addWidget(self.extent_button)
        return row

    def _button_row(self):
        row = QHBoxLayout()
        self.add_button = QPushButton(tr("Add live layer"))
        self.add_button.setToolTip(tr("Stream the selected collections from the service "
                                      "(rasters are fetched once and added)"))
        self.add_button.clicked.connect(self.add_live_layers)
        self.download_button = QPushButton(tr("Download…"))
        self.download_button.setToolTip(tr("Download the selected collections into a "
                                           "GeoPackage and add them"))
        self.download_button.clicked.connect(lambda: self.download())
        # Short enough for a 400-pixel dock; the tooltip says it in full.
        self.district_button = QPushButton(tr("For district…"))
        self.district_button.setToolTip(tr("Download the selected collections clipped "
                                           "to one district"))
        self.district_button.clicked.connect(lambda: self.download_for_district())
        for button in (self.add_button, self.download_button, self.district_button):
            row.addWidget(button)
        return row

    # -- connections --------------------------------------------------------------
    def _fill_connections(self, select=None):
        self.connection_combo.blockSignals(True)
        self.connection_combo.clear()
        for conn in connections.connections():
            self.connection_combo.addItem(conn.name)
        found = self.connection_combo.findText(select or "")
        self.connection_combo.setCurrentIndex(max(found, 0))
        self.connection_combo.blockSignals(False)

    def connection(self):
        return connections.connection(self.connection_combo.currentText())

    def set_connection(self, name):
        """Make ``name`` the current connection and load its catalog."""
        self._fill_connections(name)
        connections.set_current(self.connection_combo.currentText())
        self.reload()

    def new_connection(self):
        self._edit(None)

    def edit_connection(self):
        if self.connection() is not None:
            self._edit(self.connection())

    def _edit(self, conn):
        from .connection_dialog import ConnectionDialog

        dialog = ConnectionDialog(self, conn)
        if dialog.exec_():
            self.set_connection(dialog.connection().name)

    def remove_connection(self):
        conn = self.connection()
        if conn is None:
            return
        answer = QMessageBox.question(
            self, tr("Remove connection"),
            tr("Remove the connection \u201c{}\u201d?").format(conn.name))
        if answer == QMessageBox.Yes:
            connections.remove(conn.name)
            self.set_connection(getattr(connections.current(), "name", ""))

    # -- loading ------------------------------------------------------------------
    def showEvent(self, event):  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self.load is None and self._load_task is None and self.connection() is not None:
            self.reload()  # the first show, not plugin start, costs the request

    def reload(self):
        from ..core.tasks import CatalogTask

        self.runner.cancel(self._load_task)
        self._load_serial += 1
        serial = self._load_serial
        conn = self.connection()
        if conn is None:
            self._show_catalog(None)
            self.status.setText(tr("Add a connection to a twin data service to start."))
            return
        actions.unlock_auth(conn)
        task = CatalogTask(conn)
        task.loaded.connect(lambda load: self._loaded(serial, load))
        task.failed.connect(lambda sentence: self._load_failed(serial, sentence))
        self.status.setText(tr("Loading the catalog of {}…").format(conn.name))
        self._load_task = self.runner.start(task)

    def _loaded(self, serial, load):
        if serial != self._load_serial:
            return  # a newer load supersedes this one
        self._load_task = None
        self._show_catalog(load)
        self.catalog_loaded.emit()

    def _load_failed(self, serial, sentence):
        if serial != self._load_serial:
            return
        self._load_task = None
        self._show_catalog(None)
        self.status.setText(sentence)
        actions.notify(self.iface, sentence, Qgis.Warning)
        self.load_failed.emit(sentence)

    def _show_catalog(self, load):
        started = time.perf_counter()
        self.load, self.counts = load, {}
        if load is None:
            self.index = None
            self.model.clear()
        else:
            self.index = SearchIndex(load.catalog.entries, load.catalog.taxonomy)
            self.model.set_catalog(load.catalog, i18n.language())
        self._fill_districts()
        self.apply_filter()
        self.timings["populate"] = time.perf_counter() - started
        if load is not None:
            log.info("Catalog of {}: {} collections loaded in {:.2f} s, shown in {:.3f} s."
                     .format(load.connection.name, len(load.catalog), load.seconds,
                             self.timings["populate"]))

    def _fill_districts(self):
        previous = self.district_combo.currentData()
        self.district_combo.blockSignals(True)
        while self.district_combo.count() > 1:
            self.district_combo.removeItem(1)
        for district_id, label in self.district_choices():
            self.district_combo.addItem(label, district_id)
        found = self.district_combo.findData(previous) if previous else -1
        self.district_combo.setCurrentIndex(max(found, 0))
        self.district_combo.blockSignals(False)

    def district_choices(self):
        """[(district id, label in the UI language)] of the loaded catalog."""
        if self.load is None:
            return []
        names, lang = self.load.district_names, i18n.language()
        # Tagged districts first, then those only the districts collection names.
        ids = self.load.catalog.districts()
        ids += [d for d in names if d not in ids]
        return [(d, district_label(d, lang, names)) for d in ids]

    # -- filtering ----------------------------------------------------------------
    def _extent_changed(self):
        if self.extent_button.isChecked():
            self._debounce.start()

    def map_extent(self):
        """The map view as a CRS84 (minx, miny, maxx, maxy), or None when unknown."""
        canvas = self.iface.mapCanvas()
        rect = canvas.extent()
        if rect.isEmpty():
            return None
        crs = canvas.mapSettings().destinationCrs()
        try:
            return transform_bbox((rect.xMinimum(), rect.yMinimum(), rect.xMaximum(),
                                   rect.yMaximum()), crs.authid(), "OGC:CRS84")
        except QgsCsException as error:
            log.warning("The map extent could not be moved to CRS84: {}".format(error))
            return None

    def apply_filter(self):
        """Show the collections passing the search text and the three filters."""
        self._debounce.stop()
        started = time.perf_counter()
        if self.index is not None:
            kind = self.kind_combo.currentData()
            ids = self.index.matching(
                self.search.text(), district=self.district_combo.currentData(),
                kinds={kind} if kind else None,
                extent=self.map_extent() if self.extent_button.isChecked() else None)
            self.proxy.set_visible(ids)
            if len(ids) <= EXPAND_ALL_BELOW:
                self.tree.expandAll()
            else:
                self.tree.expandToDepth(0)
            self.status.setText(tr("{} of {} collections shown").format(
                len(ids), len(self.index)))
        self.timings["filter"] = time.perf_counter() - started
        self._update_buttons()
        self.filtered.emit()

    def visible_ids(self):
        """Ids of the collections the tree shows now."""
        return {i.data(ENTRY_ID_ROLE) for i in _proxy_rows(self.proxy)} - {None}

    # -- selection ----------------------------------------------------------------
    def select_ids(self, ids):
        wanted = set(ids)
        selection = QItemSelection()
        first = None
        for index in _proxy_rows(self.proxy):
            if index.data(ENTRY_ID_ROLE) in wanted:
                selection.select(index, index)
                first = index if first is None else first
        model = self.tree.selectionModel()
        model.select(selection, QItemSelectionModel.ClearAndSelect)
        if first is not None:
            model.setCurrentIndex(first, QItemSelectionModel.NoUpdate)
            self.tree.scrollTo(first)
        self._selection_changed()

    def selected_entries(self):
        """Selected collections; a selected branch stands for its visible collections."""
        if self.load is None:
            return []
        ids = []
        for index in self.tree.selectionModel().selectedRows():
            for sub in [index, *_proxy_rows(self.proxy, index)]:
                cid = sub.data(ENTRY_ID_ROLE)
                if cid is not None and cid not in ids:
                    ids.append(cid)
        return [self.load.catalog.get(cid) for cid in ids]

    def _selection_changed(self, *_args):
        entries = self.selected_entries()
        current = self.tree.currentIndex().data(ENTRY_ID_ROLE)
        shown = next((e for e in entries if e.id == current), entries[0] if entries else None)
        if shown is None:
            self.details.clear()
        else:
            self.details.setHtml(metadata_html(
                shown, i18n.language(), self.counts.get(shown.id),
                self.load.district_names, self.load.catalog.taxonomy))
            if shown.id not in self.counts and shown.kind != "raster":
                self._count(shown.id)
        self._update_buttons()

    def _count(self, collection_id):
        """Fill in the feature count when the service says it (one small request, in a
        task). Older counts are not cancelled: they are tiny, and each lands by id."""
        from ..core.tasks import FeatureCountTask

        self.counts[collection_id] = None  # asked once: "unknown" unless the server says
        task = FeatureCountTask(self.load.client, collection_id)
        task.counted.connect(self._counted)
        self.runner.start(task)

    def _counted(self, collection_id, count):
        if count is not None:
            self.counts[collection_id] = count
            current = self.tree.currentIndex().data(ENTRY_ID_ROLE)
            if current == collection_id:
                self._selection_changed()

    def _update_buttons(self):
        self.offline_button.setEnabled(self.connection() is not None)
        chosen = bool(self.tree.selectionModel().selectedRows()) and self.load is not None
        for button in (self.add_button, self.download_button):
            button.setEnabled(chosen)
        self.district_button.setEnabled(chosen and bool(self.district_choices()))

    def _double_clicked(self, index):
        if index.data(ENTRY_ID_ROLE) is not None:
            self.add_live_layers()

    # -- actions ------------------------------------------------------------------
    def add_live_layers(self):
        """Vectors as OAPIF layers (opened in a task), sensors as live sensor layers that
        refresh themselves; rasters fetched into the cache, then added. ``action_finished``
        says "added" once the live layers are in."""
        entries = self.selected_entries()
        if not entries:
            return
        from ..core.downloads import cache_gpkg_path

        conn = self.load.connection
        rasters = actions.add_live_layers(self.runner, self.iface, conn, entries,
                                          on_end=self._action_ended, catalog=self.load.catalog)
        for entry in rasters:
            actions.start_download(self.runner, self.iface, conn, [entry],
                                   cache_gpkg_path(conn, entry), catalog=self.load.catalog,
                                   on_end=self._action_ended, announce=False)

    def download(self, gpkg_path=None, district_id=None):
        """Download the selection into ``gpkg_path`` (asked when None) and add it."""
        entries = self.selected_entries()
        if not entries:
            return None
        gpkg_path = gpkg_path or actions.ask_gpkg_path(self)
        if not gpkg_path:
            return None
        return actions.start_download(self.runner, self.iface, self.load.connection, entries,
                                      gpkg_path, district_id=district_id,
                                      catalog=self.load.catalog, on_end=self._action_ended)

    def download_for_district(self, district_id=None, gpkg_path=None):
        """Like download(), clipped to a district (asked when None; the filter's choice
        is the default)."""
        district_id = district_id or actions.ask_district(
            self, self.district_choices(), self.district_combo.currentData())
        if not district_id:
            return None
        return self.download(gpkg_path, district_id=district_id)

    def make_offline(self):
        """The packaging algorithm's dialog, prefilled from this dock."""
        packages.open_package_dialog(self.iface, packages.dock_parameters(self))

    def review_report(self):
        """The report algorithm's dialog for the open project's package."""
        return packages.open_report_dialog(self.iface)

    def _action_ended(self, outcome, result):
        if outcome == "downloaded" and result.district_id is None:  # whole collections
            self.counts.update({layer.collection_id: layer.feature_count
                                for layer in result.layers if not layer.is_raster})
            self._selection_changed()
        self.action_finished.emit(outcome)

    def close_tasks(self):
        """Cancel what this dock started (the plugin is unloading)."""
        self._load_serial += 1
        self.runner.cancel_all()
        try:
            self.iface.mapCanvas().extentsChanged.disconnect(self._extent_changed)
        except TypeError as error:  # never connected (no canvas signal): nothing to undo
            log.info("Catalog dock: {}".format(error))
