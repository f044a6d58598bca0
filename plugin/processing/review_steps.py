"""The review of a district package: district indicators, flood impact, the form and
sunlight checks and the scheme comparison, run as child algorithms on the package's
layers, their results written into the package.

Shared by "Review a district" (after pulling the package) and "District review report"
(on a package already on disk), so both compute the same numbers the same way. Each step
needs its own inputs; a package without them skips that step with one sentence, and a
failing step is reported and skipped, never losing the package.
"""

from dataclasses import dataclass, field

from qgis.core import QgsProcessingException, QgsVectorLayer

from ..i18n import tr
from .package_inputs import PackageLayers, result_spec, run_child

# Which packaged role feeds which input of the district-indicators algorithm.
INDICATOR_INPUTS = {
    "buildings": "BUILDINGS",
    "green": "GREEN",
    "metro-stations": "METRO",
    "ev-chargers": "CHARGERS",
    "facilities": "FACILITIES",
}
SENSOR_ROLES = ("water-level-gauges", "rain-gauges")


@dataclass
class Review:
    """What a review run produced: project layer specs of its tables, the summary's
    finding rows, the district's indicator row, and the tables it wrote this run (the
    report reads only these, never a table left from an earlier run)."""
    specs: list = field(default_factory=list)
    findings: list = field(default_factory=list)
    indicators: dict = None
    note: str = None          # why the indicators are missing, if they are
    flood_report: object = None
    schemes: dict = None      # review_schemes' result, or None
    flood_tables: dict = field(default_factory=dict)  # flood scenario -> its raster table
    tables: set = field(default_factory=set)
    parameters: dict = field(default_factory=dict)


def review_package(info, gpkg, out_dir, context, feedback, year=None):
    """Run every review step the package has inputs for; a Review. ``year`` is the
    year of the sunlight rule's standard day (None: the sunlight tool's default)."""
    from qgis.core import QgsProcessingMultiStepFeedback

    from .review_form import form_checks
    from .review_schemes import scheme_comparison

    review = Review()
    if year:
        review.parameters["sunlight_year"] = int(year)
    steps = QgsProcessingMultiStepFeedback(4, feedback)
    review.indicators, review.note = _indicators(info, gpkg, context, steps)
    if review.indicators is not None:
        review.tables.add("district_indicators")
    steps.setCurrentStep(1)
    specs, review.flood_report, review.flood_tables = _flood(info, gpkg, out_dir, context,
                                                             steps)
    review.specs += specs
    if review.flood_report is not None:
        review.tables.add("flood_comparison")
    steps.setCurrentStep(2)
    specs, findings = form_checks(info, gpkg, out_dir, context, steps, year=year)
    review.specs += specs
    review.findings += findings
    steps.setCurrentStep(3)
    if not feedback.isCanceled():
        specs, findings, review.schemes = scheme_comparison(info, gpkg, out_dir, context, steps,
                                                            year=year)
        review.specs += specs
        review.findings += findings
    review.tables |= {spec["table"] for spec in review.specs}
    if any(spec["table"] == "skyline" for spec in review.specs):
        review.tables.add("skyline_metrics")
    return review


def _flood(info, gpkg, out_dir, context, feedback):
    """Run the flood-impact algorithm on the package's flood scenarios: project layer
    specs of its results (in the package), its HTML report and {scenario: raster table},
    or ([], None, {})."""
    from .flood_impact import scenario_names

    pkg = PackageLayers(info, gpkg)
    floods = [layer for layer in info.layers if layer.role == "flood-depth"]
    if not floods or not pkg.has("buildings"):
        feedback.pushInfo(tr("No flood scenarios or buildings: flood impact skipped."))
        return [], None, {}
    report = out_dir / "{}_flood.html".format(info.district_id)
    rasters = [pkg.raster_of(layer) for layer in floods]
    tables = dict(zip(scenario_names(rasters), [layer.table_name for layer in floods]))
    params = {
        "FLOOD_RASTERS": rasters,
        "BUILDINGS": pkg.uri("buildings"), "ROADS": pkg.uri("roads"),
        "STATIONS": pkg.uri("metro-stations"), "FACILITIES": pkg.uri("facilities"),
        "DISTRICTS": pkg.uri("districts"), "DISTRICT_ID_FIELD": "district_id",
        "GAUGES": pkg.uri("water-level-gauges"),
        "BUILDINGS_OUT": pkg.sink("flood_buildings"), "ROADS_OUT": pkg.sink("flood_roads"),
        "STATIONS_OUT": "TEMPORARY_OUTPUT", "FACILITIES_OUT": "TEMPORARY_OUTPUT",
        "IMPACT_AREAS": pkg.sink("flood_impact_areas"), "SUMMARY": "TEMPORARY_OUTPUT",
        "COMPARISON": pkg.sink("flood_comparison"), "REPORT": str(report)}
    # The package and the other results are still worth having: on failure, say so, go on.
    if run_child("floodimpact", params, tr("Flood impact"), context, feedback) is None:
        return [], None, {}
    specs = [result_spec(tr("Flood impact areas"), "flood_impact_areas", "flood-impact-area"),
             result_spec(tr("Buildings by flood class"), "flood_buildings",
                         "flood-impact-polygon")]
    if pkg.has("roads"):
        specs.append(result_spec(tr("Roads by flood class"), "flood_roads", "flood-impact-line"))
    return specs, report, tables


def _indicators(info, gpkg, context, feedback):
    """Run the district-indicators algorithm on the package; the district's row (or None
    and the sentence saying why)."""
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
                                context=context, feedback=feedback, is_child_algorithm=True)
    except QgsProcessingException as error:
        # The package and the other results are still worth having: say so and go on.
        note = tr("District indicators were skipped: {}").format(error)
        feedback.pushWarning(note)
        return None, note
    layer = QgsVectorLayer(result["OUTPUT"], "indicators", "ogr")
    rows = [{f.name(): feat[f.name()] for f in layer.fields()} for feat in layer.getFeatures()]
    if not rows:
        return None, tr("The district has no indicators: is it in the districts layer?")
    return rows[0], None
