"""The plugin's settings, typed, over QgsSettings. Secrets never live here: only authcfg ids."""

from qgis.core import QgsSettings

PREFIX = "twin_district_review/"

DEFAULTS = {
    "service_url": "http://127.0.0.1:5000",
    "page_size": 1000,
    "timeout_s": 60,
    "target_crs": "EPSG:4547",
    "download_folder": "",      # "" = ask, starting in the project's folder or home
    "live_layer_max_features": 0,  # 0 = no cap (QGIS OAPIF maxNumFeatures)
    "sensor_refresh_s": 60,     # live sensors layers: seconds between refreshes
}


def get(key):
    default = DEFAULTS[key]
    return QgsSettings().value(PREFIX + key, default, type=type(default))


def set(key, value):  # noqa: A001 (mirrors QgsSettings)
    if key not in DEFAULTS:
        raise KeyError(key)
    QgsSettings().setValue(PREFIX + key, value)
