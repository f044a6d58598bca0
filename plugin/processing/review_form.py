"""The district review's form and sunlight checks: height control, view corridors, the
skyline from each viewpoint and sunlight hours, run as child algorithms on the package's
layers. Their layers go into the package, their headline figures into the summary.

Each check needs its own inputs; a package without them skips that check with one
sentence, and a failing check is reported and skipped, never losing the package.
"""

from qgis.core import QgsProcessingUtils

from ..i18n import tr
from .package_inputs import PackageLayers, result_spec, run_child


def form_checks(info, gpkg, out_dir, context, feedback, year=None):
    """Run the checks the package has inputs for: (project layer specs, finding rows
    (label, value, unit)) for the summary. ``year``: of the sunlight rule's standard day
    (None: the sunlight tool's default, this year)."""
    pkg = PackageLayers(info, gpkg)
    specs, findings = [], []
    if not pkg.has("buildings"):
        feedback.pushInfo(tr("No buildings: form and sunlight checks skipped."))
        return specs, findings
    for check in (_height_control, _view_corridors, _skyline, _sunlight):
        if feedback.isCanceled():
            break
        more_specs, more_rows = check(pkg, info, out_dir, context, feedback, year)
        specs += more_specs
        findings += more_rows
    return specs, findings


def _height_control(pkg, info, out_dir, context, feedback, _year):
    if not (pkg.has("parcels") or pkg.has("height-control")):
        feedback.pushInfo(tr("No parcels or height-control zones: height control skipped."))
        return [], []
    label = tr("Height control check")
    result = run_child("heightcontrol", {
        "BUILDINGS": pkg.uri("buildings"), "PARCELS": pkg.uri("parcels"),
        "ZONES": pkg.uri("height-control"), "OUTPUT": pkg.sink("height_violations")},
        label, context, feedback)
    if result is None:
        return [], []
    rows = [(tr("Buildings above their height control"), int(result["EXCEEDING"]),
             tr("of {}").format("{:,}".format(int(result["CHECKED"]))))]
    if result["EXCEEDING"]:
        rows.append((tr("Largest excess over the height control"),
                     "{:.1f}".format(result["MAX_EXCESS"]), "m"))
    return [result_spec(tr("Buildings above height control"), "height_violations",
                  "height-violations")], rows


def _view_corridors(pkg, info, out_dir, context, feedback, _year):
    if not pkg.has("view-corridors", "viewpoints"):
        feedback.pushInfo(tr("No view corridors or viewpoints: view corridor check skipped."))
        return [], []
    result = run_child("viewcorridor", {
        "CORRIDORS": pkg.uri("view-corridors"), "VIEWPOINTS": pkg.uri("viewpoints"),
        "BUILDINGS": pkg.uri("buildings"), "DEM": pkg.raster("dem"),
        "OUTPUT": pkg.sink("corridor_violations")},
        tr("View corridor check"), context, feedback)
    if result is None:
        return [], []
    rows = [(tr("Buildings breaking a view corridor"), int(result["VIOLATING"]), "")]
    return [result_spec(tr("Buildings breaking view corridors"), "corridor_violations",
                  "corridor-violations")], rows


def _skyline(pkg, info, out_dir, context, feedback, _year):
    if not pkg.has("viewpoints"):
        feedback.pushInfo(tr("No viewpoints: skyline skipped."))
        return [], []
    charts = out_dir / "{}_skyline".format(info.district_id)
    result = run_child("skyline", {
        "VIEWPOINTS": pkg.uri("viewpoints"), "BUILDINGS": pkg.uri("buildings"),
        "DEM": pkg.raster("dem"), "PROFILE": "TEMPORARY_OUTPUT",
        "SKYLINE": pkg.sink("skyline"), "SKYLINE_BUILDINGS": pkg.sink("skyline_buildings"),
        "METRICS": pkg.sink("skyline_metrics"), "CHARTS": str(charts)},
        tr("Skyline profile"), context, feedback)
    if result is None:
        return [], []
    metrics = QgsProcessingUtils.mapLayerFromString(result["METRICS"], context)
    rows = []
    for feature in metrics.getFeatures():
        name = feature["name"] or feature["viewpoint_id"]
        rows.append((tr("Skyline from {}: mean angle").format(name),
                     "{:.1f}".format(feature["mean_angle_all"]), "°"))
        rows.append((tr("Skyline from {}: sky above {:.0f}°").format(
            name, feature["reference_angle"]), "{:.0%}".format(feature["sky_ratio"]), ""))
    return [result_spec(tr("Skyline buildings"), "skyline_buildings", "skyline-buildings"),
            result_spec(tr("Skyline"), "skyline", "skyline")], rows


def _sunlight(pkg, info, out_dir, context, feedback, year):
    # The default rule: Shenzhen (climate zone IV, large city), 大寒日 ≥ 3 h, 08:00–16:00.
    result = run_child("sunlighthours", {
        "BUILDINGS": pkg.uri("buildings"), "POINTS": pkg.sink("sunlight_points"),
        "BUILDINGS_OUT": pkg.sink("sunlight_buildings"), "YEAR": year or None},
        tr("Sunlight hours"), context, feedback)
    if result is None or not result["POINT_COUNT"]:
        return [], []
    rows = [(tr("Sunlight test points on homes (大寒日 ≥ 3 h)"),
             "{:,}".format(int(result["POINT_COUNT"])), ""),
            (tr("Test points with enough sunlight"),
             "{:.0%}".format(result["COMPLIANT_SHARE"]), ""),
            (tr("Homes with a test point short of sunlight"), int(result["BUILDINGS_FAILING"]),
             tr("of {}").format(int(result["BUILDINGS_TESTED"])))]
    return [result_spec(tr("Sunlight per building"), "sunlight_buildings", "sunlight-buildings"),
            result_spec(tr("Sunlight test points"), "sunlight_points", "sunlight-points")], rows
