"""Screenshots of the catalog dock against the sample service, in English and Chinese.

usage: .venv/bin/python scripts/dock_screenshots.py [docs/images]
Writes dock_en.png and dock_zh.png (the dock at about 420×760, buildings selected).
Each language renders in its own QGIS process (the translator and locale are per
process) with a throw-away QGIS profile, so the user's settings are never touched.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE = (420, 760)
CONNECTION = "Sample twin"


class _Iface:
    """What the dock asks of QGIS's iface: a map canvas and a message bar."""

    def __init__(self):
        from qgis.gui import QgsMapCanvas, QgsMessageBar

        self._canvas, self._bar = QgsMapCanvas(), QgsMessageBar()

    def mapCanvas(self):  # noqa: N802 (QGIS API name)
        return self._canvas

    def messageBar(self):  # noqa: N802
        return self._bar


def _spin(app, seconds, until=lambda: False):
    """Process events for ``seconds`` or until ``until()``; returns ``until()``."""
    import time

    end = time.monotonic() + seconds
    while not until() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)
    return until()


def render(lang, url, out_png):
    """In this process: start QGIS in ``lang`` ('en' / 'zh_CN') and grab the dock."""
    sys.path.insert(0, str(ROOT))
    from scripts.qgis_headless import start_gui_in

    app, translator = start_gui_in(lang)
    from plugin.core import connections

    if lang != "en" and translator is None:
        print("no .qm for {}: rendering untranslated".format(lang))
    connections.save(connections.Connection(CONNECTION, url))
    from plugin.gui.catalog_dock import CatalogDock

    dock = CatalogDock(_Iface())
    dock.resize(*SIZE)
    loaded = []
    dock.catalog_loaded.connect(lambda: loaded.append(True))
    dock.load_failed.connect(lambda sentence: sys.exit("catalog not loaded: " + sentence))
    dock.set_connection(CONNECTION)
    dock.show()
    if not _spin(app, 60, lambda: bool(loaded)):
        sys.exit("the dock did not load the catalog in time")
    dock.select_ids(["buildings"])
    _spin(app, 0.5)  # let the layout settle
    dock.grab().save(str(out_png))
    print(out_png)
    os._exit(0)  # QGIS 3.22 can crash at exit; nothing is left to do


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--render":
        render(sys.argv[2], sys.argv[3], sys.argv[4])
        return
    sys.path.insert(0, str(ROOT))
    from tests.support.twin_service import sample_data_dir, start_sample_service

    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "images")
    out.mkdir(parents=True, exist_ok=True)
    service = start_sample_service(sample_data_dir())
    try:
        for lang, name in (("en", "dock_en.png"), ("zh_CN", "dock_zh.png")):
            with tempfile.TemporaryDirectory() as profile:
                env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
                           QGIS_CUSTOM_CONFIG_PATH=profile)
                subprocess.run([sys.executable, __file__, "--render", lang, service.url,
                                str(out / name)], env=env, check=True)
    finally:
        service.stop()


if __name__ == "__main__":
    main()
