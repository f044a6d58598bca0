"""The district review report as one HTML page, readable in a browser and printable to
PDF by report.pdf (so it keeps to the HTML that Qt's rich text lays out: tables with
attributes, images with a width, page breaks before sections).

Every text that comes from the package or the service (titles, names, ids, URLs) is
escaped here; labels are translated, so the report follows the QGIS language.
"""

import html
import math

from ..i18n import tr
from .flood_report import measure_labels

esc = html.escape
BREAK = "<div style='page-break-before: always'></div>"
STYLE = (
    "<style>"
    "body{font-size:10pt;color:#1a1a1a}"
    "h1{font-size:20pt;color:#1d4e89;margin-bottom:2pt}"
    "h2{font-size:14pt;color:#1d4e89;margin-top:14pt;border-bottom:1px solid #1d4e89}"
    "h3{font-size:11pt;color:#333;margin-top:10pt}"
    "th{background-color:#1d4e89;color:#ffffff;font-weight:bold;text-align:left}"
    "td.n{text-align:right}"
    "p.na{color:#8a4b00;font-style:italic}"
    "p.small{font-size:8pt;color:#555}"
    "</style>")


def fmt(value, digits=1, percent=False):
    """A number as the report prints it: thousands separators, '–' for missing."""
    if value is None or isinstance(value, str):
        return "–" if value in (None, "") else value
    if isinstance(value, float) and not math.isfinite(value):
        return "–"
    if percent:
        return "{:.0%}".format(value)
    if isinstance(value, int) or float(value).is_integer():
        return "{:,.0f}".format(value)
    return "{:,.{}f}".format(value, digits)


def table(header, rows, numeric_from=1):
    """An HTML table; cells are escaped; columns from ``numeric_from`` on align right."""
    parts = ["<table border='1' cellspacing='0' cellpadding='4' width='100%'><tr>"]
    parts += ["<th>{}</th>".format(esc(str(h))) for h in header]
    parts.append("</tr>")
    for row in rows:
        cells = ["<td{}>{}</td>".format(" class='n'" if i >= numeric_from else "",
                                        esc(str(v))) for i, v in enumerate(row)]
        parts.append("<tr>{}</tr>".format("".join(cells)))
    parts.append("</table>")
    return "".join(parts)


def not_available(sentence):
    return "<p class='na'>{}</p>".format(esc(sentence))


def image(relative_path, caption="", width=640):
    """An image, with a caption below when the image does not carry its own title."""
    parts = "<p><img src='{}' width='{}'></p>".format(esc(relative_path), width)
    return parts + ("<p class='small'>{}</p>".format(esc(caption)) if caption else "")


def render(data, maps, charts, parameters, generated_at):
    """The report page. ``maps``: {key: (relative png, caption)} of the maps that
    rendered (keys "overview", "flood:<scenario>", "sunlight", "controls"), ``charts``:
    {viewpoint_id: relative png}, ``parameters``: (label, value) rows."""
    title = tr("District review report: {}").format(data.district_name)
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>{}</title>{}</head>"
             "<body>".format(esc(title), STYLE),
             "<h1>{}</h1>".format(esc(title)),
             "<p class='small'>{}</p>".format(esc(tr(
                 "District {} · generated {} · service {}").format(
                 data.district_id, generated_at, data.service_url)))]
    parts += _overview(data, maps)
    parts += _findings(data)
    parts += [BREAK] + _flood(data, maps)
    parts += [BREAK] + _skyline(data, charts)
    parts += [BREAK] + _sunlight(data, maps)
    parts += _controls(data, maps)
    parts += [BREAK] + _schemes(data)
    parts += [BREAK] + _sources(data) + _parameters(parameters)
    parts.append("</body></html>")
    return "\n".join(parts)


def _map(maps, key):
    if key not in maps:
        return [not_available(tr("The map could not be drawn: its layers are not in the "
                                 "project."))]
    path, _caption = maps[key]  # the map's layout carries the caption as its title
    return [image(path)]


def _overview(data, maps):
    from .summary import indicator_rows

    parts = ["<h2>{}</h2>".format(esc(tr("1. District overview")))] + _map(maps, "overview")
    rows = indicator_rows(data.indicators or {})
    if rows:
        parts.append(table((tr("Indicator"), tr("Value"), tr("Unit")),
                           [(label, value, unit) for label, value, unit in rows]))
    else:
        parts.append(not_available(tr("District indicators are not available: the package "
                                      "has no districts or buildings layer.")))
    return parts


def _findings(data):
    if not data.findings:
        return []
    return ["<h3>{}</h3>".format(esc(tr("Key findings"))),
            table((tr("Check"), tr("Result"), tr("Unit")),
                  [(label, value, unit) for label, value, unit in data.findings])]


def _flood(data, maps):
    parts = ["<h2>{}</h2>".format(esc(tr("2. Flood and waterlogging impact")))]
    if data.flood is None:
        return parts + [not_available(tr("Flood impact is not available: the package has no "
                                         "flood depth rasters (or no buildings)."))]
    labels = measure_labels()
    rows = [(labels.get(measure, measure), *[fmt(v) for v in values])
            for measure, values in data.flood["rows"] if measure in labels]
    parts.append(table([tr("Measure")] + data.flood["scenarios"], rows))
    for scenario in data.flood["scenarios"]:
        parts.append("<h3>{}</h3>".format(esc(tr("Scenario {}").format(scenario))))
        parts += _map(maps, "flood:" + scenario)
    return parts


def _skyline(data, charts):
    parts = ["<h2>{}</h2>".format(esc(tr("3. Skyline from the viewpoints")))]
    if not data.skyline:
        return parts + [not_available(tr("The skyline is not available: the package has no "
                                         "viewpoints."))]
    rows = [(r.get("name") or r.get("viewpoint_id"), fmt(r.get("mean_angle_all")),
             fmt(r.get("max_angle_all")), fmt(r.get("sky_ratio"), percent=True),
             fmt(r.get("distinct_buildings"))) for r in data.skyline]
    parts.append(table((tr("Viewpoint"), tr("Mean angle (°)"), tr("Max angle (°)"),
                        tr("Sky above the reference angle"), tr("Buildings forming it")), rows))
    for r in data.skyline:
        chart = charts.get(r.get("viewpoint_id"))
        if chart:  # the chart carries its title
            parts.append(image(chart))
    return parts


def _sunlight(data, maps):
    parts = ["<h2>{}</h2>".format(esc(tr("4. Sunlight on homes")))]
    if data.sunlight is None:
        return parts + [not_available(tr("Sunlight is not available: the package has no "
                                         "residential buildings to test."))]
    c = data.sunlight["counts"]
    parts.append(table((tr("Measure"), tr("Value")), [
        (tr("Homes tested"), fmt(c["buildings"])),
        (tr("Homes with a test point short of sunlight"), fmt(c["buildings_failing"])),
        (tr("Test points"), fmt(c["points"])),
        (tr("Test points with enough sunlight"),
         fmt(c["points_compliant"] / c["points"], percent=True) if c["points"] else "–")]))
    parts += _map(maps, "sunlight")
    parts.append("<h3>{}</h3>".format(esc(tr("Homes with the least sunlight"))))
    parts.append(table(
        (tr("Building"), tr("Test points"), tr("Worst point (min)"), tr("Points compliant")),
        [(r["building"], fmt(r["points"]), fmt(r["worst_min"], 0),
          fmt(r["share_compliant"], percent=True)) for r in data.sunlight["worst"]]))
    return parts


def _controls(data, maps):
    parts = ["<h2>{}</h2>".format(esc(tr("5. Height control and view corridors")))]
    if data.heights is None:
        parts.append(not_available(tr("Height control is not available: the package has no "
                                      "parcels or height-control zones.")))
    else:
        parts.append("<p>{}</p>".format(esc(tr(
            "{} buildings exceed their height control; the largest excess is {} m.").format(
            fmt(data.heights["count"]), fmt(data.heights["max_excess"])))))
        if data.heights["rows"]:
            parts.append(table(
                (tr("Building"), tr("Height (m)"), tr("Cap (m)"), tr("Set by"),
                 tr("Excess (m)")),
                [(r["building_id"], fmt(r["height_m"]), fmt(r["cap_m"]),
                  r.get("control_name") or r.get("control_id") or "", fmt(r["excess_m"]))
                 for r in data.heights["rows"]]))
    if data.corridors is None:
        parts.append(not_available(tr("The view corridor check is not available: the "
                                      "package has no view corridors or viewpoints.")))
    else:
        parts.append("<p>{}</p>".format(esc(tr(
            "{} buildings break a view corridor.").format(fmt(data.corridors["count"])))))
        if data.corridors["rows"]:
            parts.append(table(
                (tr("Building"), tr("Corridor"), tr("Angle (°)"), tr("Allowed (°)"),
                 tr("Excess (m)")),
                [(r["building_id"], r["corridor_id"], fmt(r["angle_deg"], 2),
                  fmt(r["allowed_angle_deg"], 2), fmt(r["excess_m"]))
                 for r in data.corridors["rows"]]))
    if data.heights is not None or data.corridors is not None:
        parts += _map(maps, "controls")
    return parts


def _schemes(data):
    from .scheme_report import scheme_section

    parts = ["<h2>{}</h2>".format(esc(tr("6. Design scheme comparison")))]
    if data.schemes is None:
        return parts + [not_available(tr("Scheme comparison is not available: the package "
                                         "has no design schemes."))]
    return parts + scheme_section(data.schemes)


def _sources(data):
    parts = ["<h2>{}</h2>".format(esc(tr("7. Data sources"))),
             "<p>{}</p>".format(esc(tr("Service: {} · packaged {} · refreshed {}").format(
                 data.service_url, data.created_at or "–", data.refreshed_at or "–")))]
    rows = [(layer.title or layer.collection_id, layer.collection_id,
             layer.twin_version or "–", layer.fetched_at or "–",
             "–" if layer.feature_count is None else fmt(layer.feature_count))
            for layer in data.layers]
    parts.append(table((tr("Layer"), tr("Collection"), tr("Version"), tr("Fetched at (UTC)"),
                        tr("Features")), rows, numeric_from=4))
    return parts


def _parameters(parameters):
    return ["<h2>{}</h2>".format(esc(tr("8. Parameters"))),
            table((tr("Parameter"), tr("Value")), parameters, numeric_from=2)]
