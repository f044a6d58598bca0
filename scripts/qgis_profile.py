"""A throw-away QGIS desktop profile with the built plugin installed and the network off.

Used by the desktop test and the desktop screenshots: `qgis --profiles-path ROOT`.
"""

import zipfile
from pathlib import Path

# Enable the plugin, and keep the desktop off the network: no version check, no news
# feed, and a proxy on a closed local port so any stray request fails here.
OFFLINE_INI = (
    "[PythonPlugins]\ntwin_district_review=true\n\n"
    "[qgis]\ncheckVersion=false\nshowTips=false\n\n"
    "[core]\nNewsFeed\\https%3A%2F%2Ffeed.qgis.org\\disabled=true\n\n"
    "[proxy]\nproxyEnabled=true\nproxyType=HttpProxy\nproxyHost=127.0.0.1\nproxyPort=9\n"
)


def make_profile(root, plugin_zip):
    """Install ``plugin_zip`` into ROOT/profiles/default; returns ROOT (the profiles path)."""
    root = Path(root)
    profile = root / "profiles" / "default"
    plugins = profile / "python" / "plugins"
    plugins.mkdir(parents=True)
    with zipfile.ZipFile(plugin_zip) as zf:
        zf.extractall(plugins)
    ini = profile / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True)
    ini.write_text(OFFLINE_INI, encoding="utf-8")
    return root
