"""District review report: review an offline district package and hand the result over
as HTML and PDF (maps drawn by QGIS from the package's project, charts, tables, data
sources, parameters), plus the figures and parameters as JSON.

Thin: the review is review_steps (the same steps "Review a district" runs), the content
is report.report_data / report.district_report, the maps report.report_maps and the PDF
report.pdf.
"""

import datetime
import json
import os
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
)

from ..i18n import language, tr
from .base import ReviewAlgorithm


class DistrictReportAlgorithm(ReviewAlgorithm):
    ICON = "report.svg"
    PACKAGE = "PACKAGE"
    OUTPUT_FOLDER = "OUTPUT_FOLDER"

    def name(self):
        return "districtreport"

    def displayName(self):  # noqa: N802
        return tr("District review report (HTML and PDF)")

    def shortHelpString(self):  # noqa: N802
        return tr(
            "Reviews an offline district package (made by 'Review a district' or 'Package "
            "district for offline use') and writes the review report as HTML and PDF, in the "
            "QGIS language (English or Chinese).\n\n"
            "The review runs the same steps as 'Review a district' on the package's layers: "
            "district indicators, flood impact per scenario, height control, view corridors, "
            "the skyline from each viewpoint, sunlight on homes, and the comparison of the "
            "design schemes. Their layers are written into the package and added to its "
            "project.\n\n"
            "The report has an overview map, flood maps per scenario, a sunlight map and a "
            "map of the height and corridor findings (drawn by QGIS from the package's "
            "project, with legend, scale bar and north arrow), the skyline charts, the "
            "tables, the data sources with their provenance (service, collection, version, "
            "fetched at) and the parameters used. A section whose inputs the package lacks "
            "says so. The same package and parameters give the same figures: they are also "
            "written as JSON beside the report.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(
            self.PACKAGE, tr("District package (.gpkg or .qgz)"),
            fileFilter=tr("District packages (*.gpkg *.qgz)")))
        self.add_year_parameter()
        self.addParameter(QgsProcessingParameterFolderDestination(
            self.OUTPUT_FOLDER, tr("Report folder")))
        self.add_report_outputs()

    def _inputs(self, parameters, context):
        from ..core.errors import TwinServiceError
        from ..core.package_info import read_package_info

        path = self.parameterAsFile(parameters, self.PACKAGE, context)
        try:
            return read_package_info(path)
        except TwinServiceError as error:
            raise QgsProcessingException(str(error)) from error

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from .review_steps import review_package

        info = self._inputs(parameters, context)
        gpkg = Path(info.gpkg_path)
        out_dir = Path(self.parameterAsString(parameters, self.OUTPUT_FOLDER, context))
        out_dir.mkdir(parents=True, exist_ok=True)
        year = self.parameterAsInt(parameters, self.YEAR, context)
        steps = QgsProcessingMultiStepFeedback(3, feedback)
        review = review_package(info, gpkg, out_dir, context, steps, year=year)
        if feedback.isCanceled():
            return {}
        steps.setCurrentStep(1)
        qgz = _update_project(info, gpkg, review)
        steps.setCurrentStep(2)
        outputs = write_report(info, gpkg, qgz, review, out_dir, context, steps)
        outputs["OUTPUT_FOLDER"] = str(out_dir)
        return outputs


def _update_project(info, gpkg, review):
    """The package's project with the review's layers added (the user's edits kept)."""
    from ..core.district_package import layer_specs
    from ..core.offline_project import add_to_offline_project

    qgz = gpkg.with_suffix(".qgz")
    add_to_offline_project(qgz, gpkg, layer_specs(info, review.specs), crs=info.crs,
                           package=gpkg.name,
                           title=tr("Twin district review: {}").format(info.district_name))
    return qgz


def write_report(info, gpkg, qgz, review, out_dir, context, feedback):
    """Write <district>_report.html, .pdf and .json into ``out_dir``; the output paths."""
    from ..report import district_report, pdf, report_data, report_maps

    stem = "{}_report".format(info.district_id)
    assets = out_dir / (stem + "_files")
    assets.mkdir(exist_ok=True)
    data = report_data.collect(info, gpkg, review)
    if data.schemes:  # the page links its images relative to itself
        data.schemes["charts"] = [os.path.relpath(path, out_dir).replace(os.sep, "/")
                                  for path in data.schemes["charts"]]
    generated = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    feedback.pushInfo(tr("Drawing the report's maps…"))
    maps = report_maps.draw_maps(qgz, info, data, assets, feedback)
    charts = _skyline_charts(out_dir, info.district_id)
    parameters = report_parameters(info, gpkg, review)
    page = district_report.render(data, _relative(maps, out_dir), charts,
                                  [(label, value) for _key, label, value in parameters],
                                  generated)
    html_path = out_dir / (stem + ".html")
    _write_text(html_path, page)
    feedback.setProgress(80)
    result = pdf.write_pdf(page, out_dir / (stem + ".pdf"), out_dir, language(),
                           title=tr("District review report: {}").format(info.district_name))
    if result.missing_glyphs:
        feedback.pushWarning(tr(
            "The PDF's fonts cannot draw {} characters ({}); install the Noto CJK fonts "
            "(fonts-noto-cjk).").format(len(result.missing_glyphs),
                                        "".join(sorted(result.missing_glyphs))[:20]))
    json_path = out_dir / (stem + ".json")
    _write_text(json_path, json.dumps(
        {"generated_at": generated,
         "parameters": {key: value for key, _label, value in parameters},
         "figures": report_data.figures(data)}, ensure_ascii=False, indent=1, sort_keys=True,
        default=str))
    feedback.pushInfo(tr("Report: {} ({} PDF pages).").format(html_path, result.pages))
    return {"REPORT_HTML": str(html_path), "REPORT_PDF": str(result.path),
            "REPORT_JSON": str(json_path)}


def _skyline_charts(out_dir, district_id):
    """{viewpoint id: relative PNG} of the skyline charts the review drew."""
    folder = out_dir / "{}_skyline".format(district_id)
    return {png.stem[len("skyline_"):]: "{}/{}".format(folder.name, png.name)
            for png in sorted(folder.glob("skyline_*.png"))}


def _relative(maps, out_dir):
    return {key: (os.path.relpath(path, out_dir).replace(os.sep, "/"), caption)
            for key, (path, caption) in maps.items()}


def report_parameters(info, gpkg, review):
    """(key, label, value) rows of what the figures depend on: the report shows the
    labels, its JSON the keys."""
    from ..analysis import sun, sunlight_rules
    from ..analysis.notes import Note
    from ..i18n import translate_note

    rows = [("package", tr("District package"), gpkg.name),
            ("district", tr("District"), info.district_id),
            ("service_url", tr("Twin service"), info.service_url),
            ("packaged_at", tr("Packaged at (UTC)"), info.created_at or "–")]
    year = review.parameters.get("sunlight_year")
    if year:
        # The review's sunlight step uses the tool's default rule, the first of the table.
        rule = next(iter(sunlight_rules.RULES.values()))
        day = sun.standard_day(int(year), rule.day, 8.0)
        label = translate_note(Note(rule.label))  # the standard's words, not the zones
        rows.append(("sunlight_rule", tr("Sunlight rule (GB 50180-2018)"),
                     label.split(" (")[0].split("（")[0]))
        rows.append(("sunlight_day", tr("Sunlight standard day"), day.isoformat()))
    flood = QgsApplication.processingRegistry().algorithmById("twindistrictreview:floodimpact")
    if flood is not None:
        rows.append(("flood_thresholds", tr("Flood depth classes (m)"),
                     str(flood.parameterDefinition("THRESHOLDS").defaultValue())))
    labels = {"weights": tr("Scheme comparison: weights"),
              "neighbour_distance_m": tr("Scheme comparison: sunlight on homes within (m)")}
    for key, value in sorted((review.schemes or {}).get("parameters", {}).items()):
        rows.append(("schemes_" + key, labels.get(key, key), "{:g}".format(value)
                     if isinstance(value, float) else str(value)))
    rows += [("language", tr("Report language"), language()),
             ("qgis_version", tr("QGIS version"), Qgis.QGIS_VERSION),
             ("plugin_version", tr("Plugin version"), _plugin_version())]
    return rows


def _plugin_version():
    metadata = Path(__file__).resolve().parents[2] / "metadata.txt"
    for line in metadata.read_text(encoding="utf-8").splitlines():
        if line.startswith("version="):
            return line.split("=", 1)[1].strip()
    return "?"


def _write_text(path, text):
    tmp = Path(str(path) + ".part")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
