"""One place to write to the QGIS log, so every message carries the plugin's tag."""

from qgis.core import Qgis, QgsMessageLog

TAG = "Twin District Review"


def info(message):
    QgsMessageLog.logMessage(message, TAG, Qgis.Info)


def warning(message):
    QgsMessageLog.logMessage(message, TAG, Qgis.Warning)


def error(message):
    QgsMessageLog.logMessage(message, TAG, Qgis.Critical)
