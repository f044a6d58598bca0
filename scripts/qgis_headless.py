"""Start QGIS headless (no display) with Processing and the plugin's provider registered."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def start():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for path in (str(ROOT), "/usr/share/qgis/python/plugins"):
        if path not in sys.path:
            sys.path.insert(0, path)
    from qgis.core import QgsApplication

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    from plugin.processing.provider import TwinReviewProvider

    provider = TwinReviewProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    return app, provider
