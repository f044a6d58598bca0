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
    from qgis.core import QgsApplication, QgsSettings

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    # The system's language, not one a screenshot script left behind (start_gui_in sets an
    # override in these headless settings): the same run gives the same output.
    for key in ("locale/overrideFlag", "locale/userLocale"):
        QgsSettings().remove(key)
    from processing.core.Processing import Processing

    Processing.initialize()
    from plugin.processing.provider import TwinReviewProvider

    provider = TwinReviewProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    return app, provider


def start_gui_in(lang):
    """A QGIS application with widgets, in ``lang`` ('en' or e.g. 'zh_CN') as Settings >
    General > Override sets it, with the plugin's translator installed; (app, translator).
    The translator must stay referenced (Qt does not own it); None when no .qm is built."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from qgis.core import QgsApplication, QgsSettings

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], True)
    app.initQgis()
    settings = QgsSettings()
    settings.setValue("locale/overrideFlag", lang != "en")
    settings.setValue("locale/userLocale", lang if lang != "en" else "en_US")
    from plugin import i18n

    return app, i18n.install_translator()
