"""QGIS plugin entry point: QGIS imports this package and calls classFactory."""


def classFactory(iface):  # noqa: N802 (QGIS API name)
    # Import here so loading the package costs nothing until QGIS enables the plugin.
    from .plugin.plugin_main import TwinDistrictReviewPlugin

    return TwinDistrictReviewPlugin(iface)
