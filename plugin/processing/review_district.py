"""Review a district from a twin service: pull, review, offline project, summary, report.

Thin: the work is in core.district_package (the offline package: pull clipped to the
district plus a margin, provenance, project), review_steps (indicators, flood impact, form
and sunlight checks, scheme comparison, run as child algorithms so the same code serves
the toolbox, models and qgis_process), report.summary and the district report.
"""

from pathlib import Path

from qgis.core import (
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
)

from ..i18n import tr
from .base import ReviewAlgorithm


class ReviewDistrictAlgorithm(ReviewAlgorithm):
    DISTRICT = "DISTRICT"
    OUTPUT_FOLDER = "OUTPUT_FOLDER"

    def name(self):
        return "reviewdistrict"

    def displayName(self):  # noqa: N802
        return tr("Review a district from a twin service")

    def shortHelpString(self):  # noqa: N802
        return tr(
            "Reads the catalog of a twin data service (OGC API - Features), pulls every "
            "collection tagged for the district (its twin:district tag, and city-wide ones) into "
            "an offline district package, as 'Package district for offline use' does with a "
            "300 m margin (whole features; vectors reprojected to EPSG:4547; rasters from OGC "
            "API - Coverages), computes the district indicators, adds them to the package's "
            "project and writes a summary as CSV and HTML.\n\n"
            "Feature counts are the service's own: every page is followed to its end.\n"
            "Works offline afterwards, and can be refreshed with 'Refresh district package'."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_service_parameters()
        self.addParameter(QgsProcessingParameterString(
            self.DISTRICT, tr("District id (twin:district tag)"), defaultValue="xiangmihu"))
        self.add_year_parameter()
        self.addParameter(QgsProcessingParameterFolderDestination(
            self.OUTPUT_FOLDER, tr("Output folder")))
        self.addOutput(QgsProcessingOutputFile("PROJECT", tr("Offline project (.qgz)")))
        self.addOutput(QgsProcessingOutputFile("GEOPACKAGE", tr("GeoPackage")))
        self.addOutput(QgsProcessingOutputFile("SUMMARY_CSV", tr("Summary (CSV)")))
        self.addOutput(QgsProcessingOutputFile("SUMMARY_HTML", tr("Summary (HTML)")))
        self.addOutput(QgsProcessingOutputNumber("LAYER_COUNT", tr("Layers pulled")))
        self.addOutput(QgsProcessingOutputFile("FLOOD_REPORT", tr("Flood impact report (HTML)")))
        self.add_report_outputs()

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        # Imported on use: keeps plugin load light.
        from ..core.district_package import DEFAULT_MARGIN_M, PackageRequest, package_district
        from .base import open_service, run_core
        from .district_report import write_report
        from .review_steps import review_package

        url = self.parameterAsString(parameters, self.SERVICE_URL, context).strip()
        district_id = self.parameterAsString(parameters, self.DISTRICT, context).strip()
        authcfg = self.parameterAsString(parameters, self.AUTHCFG, context) or ""
        out_dir = Path(self.parameterAsString(parameters, self.OUTPUT_FOLDER, context))
        out_dir.mkdir(parents=True, exist_ok=True)
        gpkg = out_dir / "{}.gpkg".format(district_id)
        steps = QgsProcessingMultiStepFeedback(5, feedback)

        client, catalog = open_service(url, authcfg, feedback)
        feedback.pushInfo(tr("Catalog: {} collections, {} tagged for '{}'.").format(
            len(catalog.entries), len(catalog.for_district(district_id)), district_id))
        steps.setCurrentStep(1)
        request = PackageRequest(url, district_id, margin_m=DEFAULT_MARGIN_M, authcfg=authcfg)
        # The project is written once, at the end, with the review's own layers.
        packaged = run_core(lambda: package_district(client, catalog, request, gpkg, steps,
                                                     write_project=False), feedback)
        for layer in packaged.info.layers:
            if layer.feature_count is None:
                feedback.pushInfo(tr("Pulled {}: raster in {:.1f} s.").format(
                    layer.collection_id, layer.seconds))
            else:
                feedback.pushInfo(tr("Pulled {}: {} features in {:.1f} s.").format(
                    layer.collection_id, layer.feature_count, layer.seconds))

        steps.setCurrentStep(2)
        review = review_package(packaged.info, gpkg, out_dir, context, steps,
                                year=self.parameterAsInt(parameters, self.YEAR, context))
        steps.setCurrentStep(3)
        outputs = self._write_outputs(packaged.info, review.indicators, review.note, gpkg,
                                      out_dir, feedback, review.specs, review.findings)
        outputs["FLOOD_REPORT"] = str(review.flood_report or "")
        steps.setCurrentStep(4)
        if not feedback.isCanceled():
            outputs.update(write_report(packaged.info, gpkg, Path(outputs["PROJECT"]), review,
                                        out_dir, context, steps))
        return outputs

    def _write_outputs(self, info, indicators, note, gpkg, out_dir, feedback, specs=(),
                       findings=()):
        from ..core.district_package import layer_specs
        from ..core.offline_project import write_offline_project
        from ..report import summary

        extra = []
        if indicators is not None:
            # Drawn like the district outline: the numbers are in its attribute table.
            extra.append(dict(name=tr("District indicators"), table="district_indicators",
                              role="districts", kind="vector", category=tr("Review results"),
                              subcategory=""))
        extra += list(specs)
        qgz = write_offline_project(
            gpkg.with_suffix(".qgz"), gpkg, layer_specs(info, extra), crs=info.crs,
            package=gpkg.name, title=tr("Twin district review: {}").format(info.district_name))
        ind_rows = summary.indicator_rows(indicators or {})
        lay_rows = summary.layer_rows(info.layers)
        csv_path = out_dir / "{}_summary.csv".format(info.district_id)
        html_path = out_dir / "{}_summary.html".format(info.district_id)
        findings = [(label, str(value), unit) for label, value, unit in findings]
        summary.write_csv(csv_path, info.district_name, ind_rows, lay_rows, findings)
        summary.write_html(html_path, tr("Twin district review"), info.district_name, ind_rows,
                           lay_rows, [(tr("Project"), qgz.name), (tr("GeoPackage"), gpkg.name)],
                           note=note, findings=findings)
        feedback.pushInfo(summary.as_text(info.district_name, ind_rows + findings, lay_rows))
        return {"PROJECT": str(qgz), "GEOPACKAGE": str(gpkg), "SUMMARY_CSV": str(csv_path),
                "SUMMARY_HTML": str(html_path), "LAYER_COUNT": len(info.layers),
                "OUTPUT_FOLDER": str(out_dir)}
