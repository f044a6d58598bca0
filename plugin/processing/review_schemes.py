"""The district review's scheme comparison (方案比选): every design scheme in the package,
grouped by site, compared by the compareschemes child algorithm on the package's layers.
Its tables go into the package, its charts beside it, its headline figures into the
summary. A package without schemes skips the step with one sentence."""

import re

from qgis.core import QgsVectorLayer

from ..i18n import tr
from .compare_schemes import DEFAULT_DISTANCE
from .package_inputs import PackageLayers, result_spec, run_child

# Package tables written for one site (suffixed _<site id> when the package has several).
TABLES = {"table": "scheme_comparison", "skyline_table": "scheme_skyline",
          "flood_table": "scheme_flood", "failures": "scheme_failures",
          "sunlight_changes": "scheme_sunlight_changes"}


def scheme_comparison(info, gpkg, out_dir, context, feedback, year=None):
    """Compare the package's schemes: (project layer specs, finding rows (label, value,
    unit), result). result: {"table", "skyline_table", "flood_table", "failures",
    "sunlight_changes" (package tables), "charts" (PNG paths), "best", "site",
    "schemes", "notes"} of the first site, with "sites" listing every site's; None when
    nothing was compared."""
    pkg = PackageLayers(info, gpkg)
    schemes = [layer for layer in info.layers if layer.role == "scheme"]
    if not schemes:
        feedback.pushInfo(tr("No design schemes in the package: scheme comparison skipped."))
        return [], [], None
    groups = _by_site(pkg, schemes)
    specs, findings, results = [], [], []
    for site_id, layers in groups.items():
        if feedback.isCanceled():
            break
        if len(layers) < 2:
            feedback.pushInfo(tr("Site {}: only one design scheme, nothing to compare.")
                              .format(site_id or "–"))
            continue
        suffix = "" if len(groups) == 1 else "_" + re.sub(r"\W+", "_", site_id or "site")
        done = _compare(pkg, info, out_dir, context, feedback, site_id, layers, suffix, year)
        if done is not None:
            specs += done[0]
            findings += done[1]
            results.append(done[2])
    if not results:
        return specs, findings, None
    return specs, findings, dict(results[0], sites=results)


def _by_site(pkg, schemes):
    """{site id: [scheme LayerProvenance]} from each table's site_id (first feature)."""
    groups = {}
    for layer in schemes:
        source = QgsVectorLayer(pkg.uri_of(layer), layer.table_name, "ogr")
        site = ""
        if source.isValid() and source.fields().indexOf("site_id") >= 0:
            feature = next(source.getFeatures(), None)
            site = str(feature["site_id"] or "") if feature is not None else ""
        groups.setdefault(site, []).append(layer)
    return groups


def _site_layer(pkg, site_id):
    """The package's site polygon of ``site_id`` (all sites when it has no id)."""
    if not pkg.has("sites"):
        return None
    layer = QgsVectorLayer(pkg.uri("sites"), "sites", "ogr")
    if site_id and layer.fields().indexOf("site_id") >= 0:
        layer.setSubsetString("\"site_id\" = '{}'".format(site_id.replace("'", "''")))
    return layer if layer.featureCount() else None


def _compare(pkg, info, out_dir, context, feedback, site_id, layers, suffix, year):
    tables = {key: name + suffix for key, name in TABLES.items()}
    charts = out_dir / "{}_schemes{}".format(info.district_id, suffix)
    schemes = [QgsVectorLayer(pkg.uri_of(layer), layer.title or layer.table_name, "ogr")
               for layer in layers]
    floods = [pkg.raster_of(layer) for layer in info.layers if layer.role == "flood-depth"]
    params = {
        "SCHEMES": schemes, "SITE": _site_layer(pkg, site_id),
        "BUILDINGS": pkg.uri("buildings"), "PARCELS": pkg.uri("parcels"),
        "ZONES": pkg.uri("height-control"), "VIEWPOINTS": pkg.uri("viewpoints"),
        "CORRIDORS": pkg.uri("view-corridors"), "DEM": pkg.raster("dem"),
        "FLOOD_RASTERS": floods or None, "YEAR": year,
        "OUTPUT": pkg.sink(tables["table"]),
        "SKYLINE_TABLE": pkg.sink(tables["skyline_table"]),
        "FLOOD_TABLE": pkg.sink(tables["flood_table"]),
        "FAILURES": pkg.sink(tables["failures"]),
        "SUNLIGHT_CHANGES": pkg.sink(tables["sunlight_changes"]), "CHARTS": str(charts)}
    label = tr("Scheme comparison")
    result = run_child("compareschemes", params, label, context, feedback)
    if result is None:
        return None
    rows = _rows(pkg, tables["table"])
    findings = [(tr("Design schemes compared for site {}").format(site_id or "–"),
                 len(rows), ""),
                (tr("Best scheme (weighted score)"), result["BEST"], "")]
    for r in rows:
        findings.append((tr("Scheme {}: rank, FAR, buildings failing a height or corridor "
                            "check").format(r["scheme"]), "{} · {} · {}".format(
            r["rank"], "{:.2f}".format(r["far"]) if r.get("far") is not None else "–",
            r.get("buildings_failing") or 0), ""))
    specs = [result_spec(tr("Scheme comparison"), tables["table"], ""),
             result_spec(tr("Scheme skyline change"), tables["skyline_table"], ""),
             result_spec(tr("Scheme flood exposure"), tables["flood_table"], ""),
             result_spec(tr("Sunlight points a scheme changes"), tables["sunlight_changes"],
                         "sunlight-changes")]
    # One layer per scheme of what fails, over the one table.
    specs += [result_spec(tr("Scheme {}: buildings failing a check").format(r["scheme"]),
                          tables["failures"], "scheme-failures",
                          "\"scheme\" = '{}'".format(str(r["scheme"]).replace("'", "''")))
              for r in rows]
    pngs = sorted(str(p) for p in charts.glob("*.png")) if charts.is_dir() else []
    notes = [tr("Sunlight compared on the homes within {:g} m of the site (大寒日 ≥ 3 h); "
                "weights 1 each.").format(DEFAULT_DISTANCE)]
    if not pkg.has("sites"):
        notes.append(tr("No site polygon in the package: FAR and density are not computed."))
    # What the figures depend on, for the report's parameters.
    parameters = {"weights": "gfa=1, height=1, skyline=1, sunlight=1, flood=1",
                  "neighbour_distance_m": DEFAULT_DISTANCE}
    return specs, findings, dict(tables, charts=pngs, best=result["BEST"], site=site_id,
                                 schemes=[r["scheme"] for r in rows], notes=notes,
                                 parameters=parameters)


def _rows(pkg, table):
    layer = QgsVectorLayer("{}|layername={}".format(pkg.gpkg, table), table, "ogr")
    names = layer.fields().names()
    out = [{n: (None if f[n] is None or str(f[n]) == "NULL" else f[n]) for n in names}
           for f in layer.getFeatures()]
    return sorted(out, key=lambda r: (r.get("rank") or 0, str(r.get("scheme"))))
