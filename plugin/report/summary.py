"""The district review summary as CSV and HTML (remote text escaped) and as plain text."""

import csv
import html
import os
from pathlib import Path

from ..i18n import tr


def indicator_rows(values):
    """(label, value, unit) rows for the indicators a reviewer reads first."""
    spec = [
        ("land_area_m2", tr("Land area"), "m²", 0),
        ("building_count", tr("Number of buildings"), "", 0),
        ("gfa_m2", tr("Gross floor area (GFA)"), "m²", 0),
        ("far", tr("Floor-area ratio (FAR, 容积率)"), "", 2),
        ("density", tr("Building density (建筑密度)"), "", 3),
        ("green_ratio", tr("Green ratio (绿地率)"), "", 3),
        ("height_mean_m", tr("Mean height"), "m", 1),
        ("height_max_m", tr("Max height"), "m", 1),
        ("use_entropy", tr("Land-use mix entropy"), "", 3),
        ("metro_cov_500_bldg", tr("Buildings within 500 m of metro"), "", 3),
        ("metro_cov_800_bldg", tr("Buildings within 800 m of metro"), "", 3),
        ("sensors_online_share", tr("Sensors online"), "", 3),
    ]
    rows = []
    for key, label, unit, digits in spec:
        value = values.get(key)
        if value is None or value != value:  # missing or NaN
            continue
        rows.append((label, "{:,.{}f}".format(float(value), digits), unit))
    return rows


def layer_rows(layers):
    return [(layer.title, layer.role, layer.kind,
             "" if layer.feature_count is None else str(layer.feature_count),
             "–" if layer.number_matched is None else str(layer.number_matched))
            for layer in layers]


def layer_header():
    """Column titles of the layer table (a function: tr() must run after the translator
    is installed, not at import)."""
    return (tr("Layer"), tr("Role"), tr("Kind"), tr("Features pulled"),
            tr("numberMatched (service hint)"))


def write_csv(path, district_name, ind_rows, lay_rows, findings=()):
    tmp = Path(str(path) + ".part")
    with open(tmp, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(("section", "name", "value", "unit"))
        out.writerow(("district", "name", district_name, ""))
        for label, value, unit in ind_rows:
            out.writerow(("indicator", label, value.replace(",", ""), unit))
        for label, value, unit in findings:
            out.writerow(("check", label, value, unit))
        for row in lay_rows:
            out.writerow(("layer", row[0], row[3] or row[2], row[1]))
    os.replace(tmp, path)


PAGE_STYLE = ("<style>body{font-family:'Noto Sans CJK SC','Noto Sans',sans-serif;margin:2em}"
              "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;"
              "padding:4px 8px}th{background:#1d4e89;color:#fff}td.n{text-align:right}</style>")


def page_head(title):
    """The start of a report page: charset, title and the reports' shared style."""
    return "<!DOCTYPE html><html><head><meta charset='utf-8'><title>{}</title>{}</head>".format(
        html.escape(title), PAGE_STYLE)


def write_page(path, parts):
    """Write an HTML page (a list of strings) under a temporary name, then rename."""
    tmp = Path(str(path) + ".part")
    tmp.write_text("\n".join(parts), encoding="utf-8")
    os.replace(tmp, path)


def write_html(path, title, district_name, ind_rows, lay_rows, files, note=None, findings=()):
    esc = html.escape
    parts = [
        page_head(title),
        "<body><h1>{}</h1><h2>{}</h2>".format(esc(title), esc(district_name)),
        "<p><b>{}</b></p>".format(esc(note)) if note else "",
        "<table><tr><th>{}</th><th>{}</th><th>{}</th></tr>".format(
            esc(tr("Indicator")), esc(tr("Value")), esc(tr("Unit"))),
    ]
    for label, value, unit in ind_rows:
        parts.append("<tr><td>{}</td><td class='n'>{}</td><td>{}</td></tr>".format(
            esc(label), esc(value), esc(unit)))
    parts.append("</table>")
    if findings:
        parts.append("<h3>{}</h3><table><tr><th>{}</th><th>{}</th><th>{}</th></tr>".format(
            esc(tr("Height control, view corridors, skyline and sunlight")), esc(tr("Check")),
            esc(tr("Result")), esc(tr("Unit"))))
        for label, value, unit in findings:
            parts.append("<tr><td>{}</td><td class='n'>{}</td><td>{}</td></tr>".format(
                esc(label), esc(value), esc(unit)))
        parts.append("</table>")
    parts.append("<table><tr>{}</tr>".format(
        "".join("<th>{}</th>".format(esc(h)) for h in layer_header())))
    for row in lay_rows:
        parts.append("<tr>{}</tr>".format("".join(
            "<td{}>{}</td>".format(" class='n'" if i >= 3 else "", esc(v)) for i, v in enumerate(row))))
    parts.append("</table><p>{}</p><ul>".format(esc(tr("Files"))))
    for label, file_path in files:
        parts.append("<li>{}: <code>{}</code></li>".format(esc(label), esc(str(file_path))))
    parts.append("</ul></body></html>")
    write_page(path, parts)


def as_text(district_name, ind_rows, lay_rows):
    width = max([len(r[0]) for r in ind_rows] + [10])
    lines = [tr("District: {}").format(district_name), ""]
    lines += ["  {:<{}}  {:>16} {}".format(label, width, value, unit)
              for label, value, unit in ind_rows]
    lines += ["", "  {:<28} {:<20} {:>9} {:>9}".format(
        tr("Layer"), tr("Role"), tr("Pulled"), tr("Service"))]
    raster = tr("raster")
    lines += ["  {:<28} {:<20} {:>9} {:>9}".format(r[0][:28], r[1][:20], r[3] or raster, r[4])
              for r in lay_rows]
    return "\n".join(lines)
