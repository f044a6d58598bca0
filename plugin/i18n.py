"""Translations: the plugin follows the QGIS user locale (zh_CN ships in resources/i18n)."""

from pathlib import Path

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

CONTEXT = "TwinDistrictReview"
I18N_DIR = Path(__file__).resolve().parents[1] / "resources" / "i18n"


def tr(text):
    """Translate a source string; call .format() on the result, never pass an f-string."""
    return QCoreApplication.translate(CONTEXT, text)


def locale():
    """The QGIS UI locale, e.g. 'zh_CN' or 'en_US'."""
    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        return settings.value("locale/userLocale", "en_US", type=str) or "en_US"
    return QgsApplication.locale() or "en_US"


def language():
    """'zh' or 'en': the language for taxonomy labels and layer names."""
    return "zh" if locale().lower().startswith("zh") else "en"


def install_translator():
    """Load the .qm for the current locale, if one is built; returns the translator or None."""
    code = locale()
    for name in (code, code.split("_")[0]):
        qm = I18N_DIR / "twin_district_review_{}.qm".format(name)
        if qm.exists():
            translator = QTranslator()
            if translator.load(str(qm)):
                QCoreApplication.installTranslator(translator)
                return translator
    return None
