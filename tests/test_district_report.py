"""The district review report, as an analyst receives it: HTML and PDF of the Xiangmihu
review (the `review` fixture writes one), read back as text from the PDF (poppler's
pdftotext and pdffonts), in English and Chinese; the same figures as the single tools;
remote text escaped; a package without floods or schemes still gets its report."""

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from qgis.core import QgsProcessingException, QgsProject
from qgis.PyQt.QtGui import QImage

from tests.support.processing_runs import Recorder, run_algorithm
from tests.test_translations import chinese_ui, compiled_qm, qgis_locale  # noqa: F401

SECTIONS_EN = ("District overview", "Flood and waterlogging impact", "Skyline from the viewpoints",
               "Sunlight on homes", "Height control and view corridors",
               "Design scheme comparison", "Data sources", "Parameters")
HOSTILE = "Xiangmihu <script>alert('x')</script> & <b>Co</b>"


def pdf_text(pdf):
    assert shutil.which("pdftotext"), "no pdftotext: scripts/setup.sh installs poppler-utils"
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def pdf_fonts(pdf):
    lines = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    return [line.split() for line in lines if line.strip()]


def figures(path):
    out = json.loads(Path(path).read_text(encoding="utf-8"))["figures"]
    out.pop("findings")  # labels, in the report's language
    return out


def package_copy(review, tmp_path):
    """A copy of the review's package (GeoPackage and project) to run the report on."""
    src = Path(review["GEOPACKAGE"])
    for path in (src, src.with_suffix(".qgz")):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path / src.name


def run_report(package, out_dir, feedback=None):
    return run_algorithm("twindistrictreview:districtreport",
                         {"PACKAGE": str(package), "OUTPUT_FOLDER": str(out_dir)}, [],
                         feedback=feedback or Recorder())


def test_review_hands_over_an_html_and_pdf_report(review):
    pdf, html = Path(review["REPORT_PDF"]), Path(review["REPORT_HTML"])
    text = pdf_text(pdf)
    assert "District review report: Xiangmihu" in text
    for section in SECTIONS_EN:
        assert section in text and section in html.read_text(encoding="utf-8")
    # Chinese names from the service are real text in the PDF, not boxes.
    assert "香蜜湖" in text
    fonts = pdf_fonts(pdf)
    assert fonts and all(row[-5] == "yes" for row in fonts), fonts  # every font embedded
    assert text.count("\f") >= 8  # pages
    assert "not available" not in text  # the sample has every input


def test_report_maps_are_drawn_by_qgis_and_not_blank(review):
    html = Path(review["REPORT_HTML"])
    folder = html.parent / "xiangmihu_report_files"
    names = {p.name for p in folder.glob("*.png")}
    assert {"overview.png", "flood_rp20.png", "flood_rp50.png", "flood_rp100.png",
            "sunlight.png", "controls.png"} <= names
    page = html.read_text(encoding="utf-8")
    for name in names:
        assert "xiangmihu_report_files/" + name in page
        image = QImage(str(folder / name))
        assert image.width() > 600
        # Not blank: the map frame holds many colours (features drawn, legend beside).
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
                   for y in range(0, image.height(), 7)}
        assert len(colours) > 20, name


def test_report_figures_agree_with_the_single_tools(review):
    gpkg = review["GEOPACKAGE"]
    reported = json.loads(Path(review["REPORT_JSON"]).read_text(encoding="utf-8"))
    heights = run_algorithm("twindistrictreview:heightcontrol", {
        "BUILDINGS": gpkg + "|layername=buildings", "PARCELS": gpkg + "|layername=parcels",
        "ZONES": gpkg + "|layername=height_control"}, ["OUTPUT"])
    assert reported["figures"]["heights"]["count"] == heights["EXCEEDING"] > 0
    assert reported["figures"]["heights"]["max_excess"] == pytest.approx(heights["MAX_EXCESS"])
    text = pdf_text(review["REPORT_PDF"])
    assert "{} buildings exceed their height control".format(heights["EXCEEDING"]) in text
    con = sqlite3.connect(gpkg)
    failing = con.execute("SELECT COUNT(*) FROM sunlight_buildings WHERE compliant = 0").fetchone()
    con.close()
    assert reported["figures"]["sunlight"]["buildings_failing"] == failing[0] > 0
    # The parameters that decide the figures are recorded.
    params = reported["parameters"]
    assert params["sunlight_day"].endswith("-01-20") or params["sunlight_day"].endswith("-01-21")
    assert params["district"] == "xiangmihu" and params["flood_thresholds"]


def test_report_in_chinese_has_the_same_figures(review, chinese_ui, tmp_path):  # noqa: F811
    package = package_copy(review, tmp_path)
    feedback = Recorder()
    result = run_report(package, tmp_path / "zh", feedback)
    text = pdf_text(result["REPORT_PDF"])
    assert "片区审查报告" in text and "香蜜湖" in text
    for section in ("洪涝影响", "天际线", "日照", "方案比选", "数据来源"):
        assert section in text, section
    assert "cannot draw" not in feedback.text()  # no missing glyphs
    # Reproducible: the same package and parameters give the same figures.
    assert figures(result["REPORT_JSON"]) == figures(review["REPORT_JSON"])


def test_report_without_floods_or_schemes_renders_and_escapes_remote_text(review, tmp_path):
    package = package_copy(review, tmp_path)
    con = sqlite3.connect(package)
    with con:
        con.execute("DELETE FROM twin_package_layers WHERE role IN ('flood-depth', 'scheme')")
        con.execute("UPDATE twin_package SET value = ? WHERE key = 'district_name'", (HOSTILE,))
        con.execute("UPDATE twin_package_layers SET title = ? WHERE table_name = 'buildings'",
                    (HOSTILE,))
    con.close()
    result = run_report(package, tmp_path / "report")
    page = Path(result["REPORT_HTML"]).read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page
    text = pdf_text(result["REPORT_PDF"])
    assert "District review report: " + HOSTILE in text  # shown as text, not markup
    assert "Flood impact is not available" in text
    assert "Scheme comparison is not available" in text
    assert "Skyline from the viewpoints" in text and "香蜜湖" in text  # the rest is there


def test_report_refuses_a_file_that_is_not_a_package(provider, tmp_path):
    bogus = tmp_path / "notes.gpkg"
    bogus.write_bytes(b"not a geopackage")
    with pytest.raises(QgsProcessingException, match="not an offline district package"):
        run_report(bogus, tmp_path / "out")


def test_dock_button_opens_the_report_dialog_for_the_open_package(
        qgis_iface, qtbot, review, tmp_path, monkeypatch):
    from qgis.gui import QgsBrowserGuiModel

    from plugin.gui.catalog_dock import CatalogDock
    from tests.support.dialogs import on_next_dialog

    browser = QgsBrowserGuiModel()  # Processing's dialog asks the iface for one
    monkeypatch.setattr(qgis_iface, "browserModel", lambda: browser, raising=False)
    package = package_copy(review, tmp_path)
    project = QgsProject.instance()
    assert project.read(str(package.with_suffix(".qgz")))
    dock = CatalogDock(qgis_iface)
    try:
        def read_and_close(dialog):
            value = dialog.mainWidget().wrappers["PACKAGE"].parameterValue()
            dialog.reject()
            return dialog.algorithm().id(), value

        seen = on_next_dialog(read_and_close)
        dock.report_button.click()  # returns once the (modal) dialog has closed
        assert seen == [("twindistrictreview:districtreport", str(package.resolve()))]
    finally:
        dock.deleteLater()
        project.clear()
