"""Translations: the plugin follows the QGIS user locale (zh_CN ships in resources/i18n)."""

from pathlib import Path

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

CONTEXT = "TwinDistrictReview"
I18N_DIR = Path(__file__).resolve().parents[1] / "resources" / "i18n"
QM_PREFIX = "twin_district_review_"


def tr(text):
    """Translate a source string; call .format() on the result, never pass an f-string."""
    return QCoreApplication.translate(CONTEXT, text)


def translate_note(note):
    """A kernel's Note (plugin/analysis/notes.py) in the UI language; plain text as is."""
    template = getattr(note, "template", None)
    if template is None:
        return str(note)
    return QCoreApplication.translate(CONTEXT, template).format(*note.args)


def locale():
    """The QGIS UI locale, e.g. 'zh_CN' or 'en_US'."""
    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        return settings.value("locale/userLocale", "en_US", type=str) or "en_US"
    return QgsApplication.locale() or "en_US"


def language():
    """'zh' or 'en': the language for taxonomy labels and layer names."""
    return "zh" if locale().lower().startswith("zh") else "en"


def qm_path(code=None):
    """The compiled translation for a locale code ('zh_CN', 'zh-Hans', 'zh'), or None.

    Tries the exact code, then any translation of the same language (a zh_TW user gets
    zh_CN rather than English, matching the Chinese taxonomy labels language() gives).
    The .qm is built from the .ts by scripts/update_translations.py --release (and by
    build_zip.py); a git checkout without it runs in English."""
    code = (code or locale()).replace("-", "_")
    lang = code.split("_")[0].lower()
    exact = I18N_DIR / "{}{}.qm".format(QM_PREFIX, code)
    if exact.exists():
        return exact
    same_language = sorted(I18N_DIR.glob("{}{}*.qm".format(QM_PREFIX, lang)))
    return same_language[0] if same_language else None


def install_translator():
    """Load the .qm for the current locale, if one is built; returns the translator or None.
    Keep the translator referenced (and remove it on unload): Qt does not own it."""
    qm = qm_path()
    if qm is None:
        return None
    translator = QTranslator()
    if not translator.load(str(qm)):
        return None
    QCoreApplication.installTranslator(translator)
    return translator
