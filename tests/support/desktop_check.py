"""Run inside the QGIS desktop (qgis --code): inspect the installed plugin, unload it, report.

Writes a JSON report to $TDR_REPORT and exits QGIS; the test reads the report.
"""

import json
import os
import traceback

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QEvent
from qgis.PyQt.QtWidgets import QApplication, QDockWidget, QToolBar
from qgis.utils import iface

import qgis.utils

NAME = "twin_district_review"
report = {}


def menu_titles():
    menu = iface.pluginMenu()
    return [a.text() for a in menu.actions()]


def toolbar():
    return iface.mainWindow().findChild(QToolBar, "TwinDistrictReviewToolbar")


def catalog_dock():
    return iface.mainWindow().findChild(QDockWidget, "TwinCatalogDock")


def browser_providers():
    return [p.name() for p in QgsApplication.dataItemProviderRegistry().providers()]


def provider_algorithms():
    provider = QgsApplication.processingRegistry().providerById("twindistrictreview")
    return None if provider is None else sorted(a.id() for a in provider.algorithms())


try:
    report["available"] = NAME in qgis.utils.available_plugins
    report["active"] = NAME in qgis.utils.active_plugins
    report["plugin_path"] = getattr(qgis.utils.plugins.get(NAME), "__module__", None)
    report["menu_before"] = menu_titles()
    bar = toolbar()
    report["toolbar_actions_before"] = [a.text() for a in bar.actions()] if bar else None
    report["algorithms_before"] = provider_algorithms()
    report["dock_before"] = catalog_dock() is not None
    report["browser_before"] = browser_providers()
    report["unloaded"] = qgis.utils.unloadPlugin(NAME)
    # unload() uses deleteLater(): deliver those deletions before looking again.
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    QApplication.processEvents()
    report["menu_after"] = menu_titles()
    report["toolbar_after"] = toolbar() is not None
    report["algorithms_after"] = provider_algorithms()
    report["dock_after"] = catalog_dock() is not None
    report["browser_after"] = browser_providers()
except Exception:  # the report carries the traceback to the test
    report["error"] = traceback.format_exc()

with open(os.environ["TDR_REPORT"], "w", encoding="utf-8") as fh:
    json.dump(report, fh, indent=1)
os._exit(0)  # leave at once: no session restore or save prompts in a throw-away profile
