"""The plugin class: registers and unregisters, nothing else (no network, no heavy imports)."""

from pathlib import Path

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QMenu, QToolButton

from . import i18n
from .analysis.notes import Note
from .processing.provider import TwinReviewProvider

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"


class TwinDistrictReviewPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.translator = None
        self.actions = []
        self.toolbar = None
        self.dock = None
        self.browser = None
        self.packages = None
        self.form_menu = None
        self.form_button = None

    def initProcessing(self):  # noqa: N802 (QGIS API name)
        # QGIS calls this even without a GUI (qgis_process), so the provider lives here,
        # and so does the translator: algorithm names and help follow the QGIS locale.
        if self.translator is None:
            self.translator = i18n.install_translator()
        if self.provider is None:
            provider = TwinReviewProvider()
            # Kept only when registered: unload() removes by id, so a provider someone
            # else registered under the same id (a test session) is never taken away.
            if QgsApplication.processingRegistry().addProvider(provider):
                self.provider = provider

    def initGui(self):  # noqa: N802
        self.initProcessing()
        self.toolbar = self.iface.addToolBar(i18n.tr("Twin District Review"))
        self.toolbar.setObjectName("TwinDistrictReviewToolbar")
        self._add_action(i18n.tr("Review a district from a twin service…"),
                         "twindistrictreview:reviewdistrict", "icon.svg")
        self._add_action(i18n.tr("District indicators…"),
                         "twindistrictreview:districtindicators", "indicators.svg")
        self._add_action(i18n.tr("Flood and waterlogging impact…"),
                         "twindistrictreview:floodimpact", "flood.svg")
        self._add_action(i18n.tr("Compare design schemes…"),
                         "twindistrictreview:compareschemes", "compare_schemes.svg")
        self._add_form_and_sun_tools()
        self._add_catalog_dock()
        self._add_package_actions()
        # The time series of the sensor selected on the active sensors layer (issue #8).
        self._add_action(i18n.tr("Sensor time series…"), "twindistrictreview:sensortimeseries",
                         QgsApplication.getThemeIcon("/propertyicons/temporal.svg"),
                         self._sensor_time_series, toolbar=False)
        self._add_action(i18n.tr("Sensor refresh interval…"),
                         "twindistrictreview:sensorrefreshinterval",
                         QgsApplication.getThemeIcon("/mActionRefresh.svg"),
                         self._sensor_interval, toolbar=False)
        from .gui import browser  # the Browser panel's "Twin services" branch

        self.browser = browser.register(self.iface)

    # Skyline, controls, sun and sunlight: one toolbar button with a menu, keeping the
    # toolbar short; each entry is also in the plugin menu.
    FORM_AND_SUN = (
        (Note("Skyline profile…"), "skyline", "skyline.svg"),
        (Note("View corridor check…"), "viewcorridor", "view_corridor.svg"),
        (Note("Height control check…"), "heightcontrol", "height_control.svg"),
        (Note("Sunlight hours…"), "sunlighthours", "sunlight.svg"),
        (Note("Building shadows…"), "shadows", "shadows.svg"),
        (Note("Sun position…"), "sunposition", "sun.svg"),
    )

    def _add_form_and_sun_tools(self):
        menu = QMenu(i18n.tr("Skyline and sunlight"), self.iface.mainWindow())
        for text, name, icon in self.FORM_AND_SUN:
            action = self._add_action(i18n.translate_note(text), "twindistrictreview:" + name,
                                      icon, toolbar=False)
            menu.addAction(action)
        button = QToolButton(self.toolbar)
        button.setMenu(menu)
        button.setPopupMode(QToolButton.MenuButtonPopup)
        button.setDefaultAction(menu.actions()[0])
        button.setToolTip(i18n.tr("Skyline and sunlight"))
        self.form_menu = menu
        self.form_button = self.toolbar.addWidget(button)

    def _add_catalog_dock(self):
        # The dock's widgets are cheap; it fetches nothing until it is first shown.
        from .gui.catalog_dock import CatalogDock

        self.dock = CatalogDock(self.iface, self.iface.mainWindow())
        self.iface.addDockWidget(Qt.RightDockWidgetArea, self.dock)
        action = self.dock.toggleViewAction()
        action.setIcon(QIcon(str(ICONS / "catalog.svg")))
        action.setText(i18n.tr("Twin catalog"))
        action.setObjectName("twindistrictreview_catalog")
        self.iface.addPluginToMenu(self.tr_menu(), action)
        self.toolbar.insertAction(self.toolbar.actions()[0], action)
        self.actions.append(action)

    def _add_package_actions(self):
        # Offline district packages: package (Processing dialog), refresh, info.
        from .gui.package_actions import PackageActions

        self.packages = PackageActions(self.iface, self.dock)
        for name, text, icon, slot in self.packages.entries():
            self._add_action(text, name, icon, slot)

    def _sensor_time_series(self):
        from .gui.time_series_dialog import open_for_selection  # on use, not at load

        open_for_selection(self.iface)

    def _sensor_interval(self):
        from .gui.sensor_watch import ask_interval  # on use, not at load

        ask_interval(self.iface)

    def _add_action(self, text, algorithm_id, icon, slot=None, toolbar=True):
        icon = icon if isinstance(icon, QIcon) else QIcon(str(ICONS / icon))
        action = QAction(icon, text, self.iface.mainWindow())
        action.setObjectName(algorithm_id.replace(":", "_"))
        if slot is None:
            action.triggered.connect(lambda _checked=False, alg=algorithm_id: self._open(alg))
        else:
            action.triggered.connect(lambda _checked=False, call=slot: call())
        self.iface.addPluginToMenu(self.tr_menu(), action)
        if toolbar:
            self.toolbar.addAction(action)
        self.actions.append(action)
        return action

    @staticmethod
    def tr_menu():
        return i18n.tr("&Twin District Review")

    @staticmethod
    def _open(algorithm_id):
        # The GUI holds no logic: each entry opens a Processing algorithm's own dialog.
        import processing  # QGIS's processing plugin; imported on use, not at load

        processing.execAlgorithmDialog(algorithm_id, {})

    def unload(self):
        for action in self.actions:
            self.iface.removePluginMenu(self.tr_menu(), action)
            if self.toolbar is not None:
                self.toolbar.removeAction(action)
            if self.dock is None or action is not self.dock.toggleViewAction():
                action.deleteLater()
        self.actions = []
        if self.form_menu is not None:
            self.toolbar.removeAction(self.form_button)
            self.form_menu.deleteLater()
            self.form_menu = self.form_button = None
        if self.packages is not None:
            self.packages.unload()
            self.packages = None
        from .gui import sensor_watch  # every live sensors layer's timer, however started

        sensor_watch.stop_all()
        if self.dock is not None:
            self.dock.close_tasks()
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
        if self.browser is not None:
            from .gui import browser

            browser.unregister(self.browser)
            self.browser = None
        if self.toolbar is not None:
            self.iface.mainWindow().removeToolBar(self.toolbar)
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
