"""Review a district from a twin service: pull, district indicators, offline project, summary.

Thin: the work is in core.district_package (the offline package: pull clipped to the
district plus a margin, provenance, project), the district-indicators algorithm (run as a
child algorithm, so the same code serves the toolbox, models and qgis_process) and
report.summary.
"""

from pathlib import Path

from qgis.core import (
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
    QgsVectorLayer,
)

from ..i18n import tr
from .base import ReviewAlgorithm
from .package_inputs import PackageLayers, run_child

# Which pulled role feeds which input of the district-indicators algorithm.
INDICATOR_INPUTS = {
    "buildings": "BUILDINGS",
    "green": "GREEN",
    "metro-stations": "METRO",
    "ev-chargers": "CHARGERS",
    "facilities": "FACILITIES",
}
SENSOR_ROLES = ("water-level-gauges", "rain-gauges")


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
        self.addParameter(QgsProcessingParameterFolderDestination(
            self.OUTPUT_FOLDER, tr("Output folder")))
        self.addOutput(QgsProcessingOutputFile("PROJECT", tr("Offline project (.qgz)")))
        self.addOutput(QgsProcessingOutputFile("GEOPACKAGE", tr("GeoPackage")))
        self.addOutput(QgsProcessingOutputFile("SUMMARY_CSV", tr("Summary (CSV)")))
        self.addOutput(QgsProcessingOutputFile("SUMMARY_HTML", tr("Summary (HTML)")))
        self.addOutput(QgsProcessingOutputNumber("LAYER_COUNT", tr("Layers pulled")))
        self.addOutput(QgsProcessingOutputFile("FLOOD_REPORT", tr("Flood impact report (HTML)")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        # Imported on use: keeps plugin load light.
        from ..core.district_package import DEFAULT_MARGIN_M, PackageRequest, package_district
        from .base import open_service, run_core
        from .review_form import form_checks

        url = self.parameterAsString(parameters, self.SERVICE_URL, context).strip()
        district_id = self.parameterAsString(parameters, self.DISTRICT, context).strip()
        authcfg = self.parameterAsString(parameters, self.AUTHCFG, context) or ""
        out_dir = Path(self.parameterAsString(parameters, self.OUTPUT_FOLDER, context))
        out_dir.mkdir(parents=True, exist_ok=True)
        gpkg = out_dir / "{}.gpkg".format(district_id)
        steps = QgsProcessingMultiStepFeedback(6, feedback)

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
        indicators, note = self._indicators(packaged.info, gpkg, context, steps)
        steps.setCurrentStep(3)
        flood_specs, flood_report = self._flood(packaged.info, gpkg, out_dir, context, steps)
        steps.setCurrentStep(4)
        form_specs, findings = form_checks(packaged.info, gpkg, out_dir, context, steps)
        steps.setCurrentStep(5)
        outputs = self._write_outputs(packaged.info, indicators, note, gpkg, out_dir, feedback,
                                      flood_specs + form_specs, findings)
        outputs["FLOOD_REPORT"] = str(flood_report or "")
        return outputs

    def _flood(self, info, gpkg, out_dir, context, feedback):
        """Run the flood-impact algorithm on the package's flood scenarios: project layer
        specs of its results (in the package) and its HTML report, or ([], None)."""
        pkg = PackageLayers(info, gpkg)
        floods = [layer for layer in info.layers if layer.role == "flood-depth"]
        if not floods or not pkg.has("buildings"):
            feedback.pushInfo(tr("No flood scenarios or buildings: flood impact skipped."))
            return [], None
        report = out_dir / "{}_flood.html".format(info.district_id)
        params = {
            "FLOOD_RASTERS": [pkg.raster_of(layer) for layer in floods],
            "BUILDINGS": pkg.uri("buildings"), "ROADS": pkg.uri("roads"),
            "STATIONS": pkg.uri("metro-stations"), "FACILITIES": pkg.uri("facilities"),
            "DISTRICTS": pkg.uri("districts"), "DISTRICT_ID_FIELD": "district_id",
            "GAUGES": pkg.uri("water-level-gauges"),
            "BUILDINGS_OUT": pkg.sink("flood_buildings"), "ROADS_OUT": pkg.sink("flood_roads"),
            "STATIONS_OUT": "TEMPORARY_OUTPUT", "FACILITIES_OUT": "TEMPORARY_OUTPUT",
            "IMPACT_AREAS": pkg.sink("flood_impact_areas"), "SUMMARY": "TEMPORARY_OUTPUT",
            "COMPARISON": "TEMPORARY_OUTPUT", "REPORT": str(report)}
        # The package and the other results are still worth having: on failure, say so, go on.
        if run_child("floodimpact", params, tr("Flood impact"), context, feedback) is None:
            return [], None
        group = tr("Review results")
        specs = [dict(name=tr("Flood impact areas"), table="flood_impact_areas",
                      role="flood-impact-area", category=group, hidden=True),
                 dict(name=tr("Buildings by flood class"), table="flood_buildings",
                      role="flood-impact-polygon", category=group, hidden=True)]
        if pkg.has("roads"):
            specs.append(dict(name=tr("Roads by flood class"), table="flood_roads",
                              role="flood-impact-line", category=group, hidden=True))
        return specs, report

    def _indicators(self, info, gpkg, context, feedback):
        """Run the district-indicators algorithm on the pulled layers; the district's row."""
        import processing

        pkg = PackageLayers(info, gpkg)
        if not pkg.has("districts", "buildings"):
            note = tr("No districts or buildings layer: indicators skipped.")
            feedback.pushWarning(note)
            return None, note
        districts = QgsVectorLayer(pkg.uri("districts"), "districts", "ogr")
        districts.setSubsetString("\"district_id\" = '{}'".format(
            info.district_id.replace("'", "''")))
        params = {"DISTRICTS": districts, "DISTRICT_ID_FIELD": "district_id",
                  "OUTPUT": pkg.sink("district_indicators")}
        for role, name in INDICATOR_INPUTS.items():
            if pkg.has(role):
                params[name] = pkg.uri(role)
        sensors = [pkg.uri_of(layer) for role in SENSOR_ROLES for layer in info.layers
                   if layer.role == role]
        if len(sensors) == 1:
            params["SENSORS"] = sensors[0]
        elif sensors:  # gauges of several kinds: one point layer for the indicators
            params["SENSORS"] = processing.run(
                "native:mergevectorlayers", {"LAYERS": sensors, "OUTPUT": "TEMPORARY_OUTPUT"},
                context=context, feedback=feedback, is_child_algorithm=True)["OUTPUT"]
        try:
            result = processing.run("twindistrictreview:districtindicators", params,
                                    context=context, feedback=feedback,
                                    is_child_algorithm=True)
        except QgsProcessingException as error:
            # The pulled package and project are still worth having: say so and go on.
            note = tr("District indicators were skipped: {}").format(error)
            feedback.pushWarning(note)
            return None, note
        layer = QgsVectorLayer(result["OUTPUT"], "indicators", "ogr")
        rows = [{f.name(): feat[f.name()] for f in layer.fields()} for feat in layer.getFeatures()]
        return (rows[0] if rows else None), None

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
