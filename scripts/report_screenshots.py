"""Render the district review report's PDF pages to PNG, in English and in Chinese, to
look at them (no missing glyphs, no overflowing tables, maps not blank) and for the README.

usage: .venv/bin/python scripts/report_screenshots.py [output/xiangmihu] [docs/images]

After the demo: runs "District review report" on a copy of the demo's package once in
each language (Chinese as QGIS runs it with Settings > General > Override set to zh_CN),
then scripts/pdf_pages.py renders and checks every page (not blank, no text past the
margins): <demo>/report_pages/report_<lang>_p-<N>.png at 60 dpi, and the pages the README
shows at 110 dpi into the images folder as report_<lang>_page-<N>.png. The two PDFs are
kept beside the demo's output as <district>_report_<lang>.pdf.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
README_PAGES = {"en": (1, 4), "zh": (1,)}


def run_report(package, out_dir, lang):
    """The report in ``lang``: the plugin's translator installed as QGIS does at start."""
    import processing
    from qgis.core import QgsSettings
    from qgis.PyQt.QtCore import QCoreApplication

    from plugin import i18n

    settings = QgsSettings()
    settings.setValue("locale/overrideFlag", lang != "en")
    settings.setValue("locale/userLocale", "zh_CN" if lang == "zh" else "en_US")
    translator = i18n.install_translator() if lang != "en" else None
    try:
        return processing.run("twindistrictreview:districtreport", {
            "PACKAGE": str(package), "OUTPUT_FOLDER": str(out_dir)})
    finally:
        if translator is not None:
            QCoreApplication.removeTranslator(translator)
        for key in ("locale/overrideFlag", "locale/userLocale"):
            settings.remove(key)


def pages(pdf, prefix, dpi, only=None):
    cmd = [sys.executable, str(ROOT / "scripts" / "pdf_pages.py"), str(pdf), str(prefix),
           "--dpi", str(dpi), "--check"]
    if only:
        cmd += ["--pages", "{}-{}".format(min(only), max(only))]
    done = subprocess.run(cmd, capture_output=True, text=True)
    print(done.stdout.strip())
    if done.returncode:
        print(done.stderr.strip())
    return done.returncode


def main():
    from scripts import qgis_headless

    demo = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "output" / "xiangmihu")
    images = Path(sys.argv[2] if len(sys.argv) > 2 else ROOT / "docs" / "images")
    gpkg = next(demo.glob("*.gpkg"), None)
    if gpkg is None:
        print("No package in {}: run bash scripts/demo.sh first.".format(demo))
        return 1
    app, provider = qgis_headless.start()  # noqa: F841 (kept alive for the run)
    work = Path(tempfile.mkdtemp(prefix="report_pages_"))
    failures = 0
    for lang in ("en", "zh"):
        # A copy: the report adds its layers to the package's project.
        copy = work / lang
        copy.mkdir()
        for path in (gpkg, gpkg.with_suffix(".qgz")):
            shutil.copy(path, copy / path.name)
        result = run_report(copy / gpkg.name, copy / "report", lang)
        pdf = Path(result["REPORT_PDF"])
        shutil.copy(pdf, demo / "{}_report_{}.pdf".format(gpkg.stem, lang))
        failures += pages(pdf, demo / "report_pages" / "report_{}_p".format(lang), 60)
        for number in README_PAGES[lang]:
            failures += pages(pdf, images / "report_{}_page".format(lang), 110, (number,))
    shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # QGIS's exit can crash after Processing ran
