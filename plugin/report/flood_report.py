"""The flood review as an analyst reads it: measures with readable names, scenarios side
by side, as an HTML page (escaped, the reports' shared style) and as log lines."""

import html
import math

from ..i18n import tr, translate_note
from .summary import page_head, write_page


def measure_labels():
    """Readable names of the summary and comparison measures (a function: tr() must run
    after the translator is installed)."""
    labels = {
        "buildings_affected": tr("Buildings affected (depth ≥ first threshold)"),
        "gfa_affected_m2": tr("Floor area affected (m²)"),
        "roads_affected": tr("Roads affected"),
        "road_length_affected_m": tr("Road length affected (m)"),
        "stations_affected": tr("Metro stations and entrances affected"),
        "facilities_affected": tr("Facilities affected"),
    }
    for key, label in (("minor", tr("minor")), ("moderate", tr("moderate")),
                       ("severe", tr("severe")), ("extreme", tr("extreme"))):
        labels["impact_{}_m2".format(key)] = tr("Area {} or deeper (m²)").format(label)
        labels["buildings_{}".format(key)] = tr("Buildings {}").format(label)
    labels["buildings_dry"] = tr("Buildings dry")
    labels["buildings_no_data"] = tr("Buildings without flood data")
    return labels


def labelled(table, scenarios):
    """Measures as rows (readable names), scenarios as columns."""
    labels = measure_labels()
    rows = [m for m in table.index if m in labels]
    out = table.loc[rows, [s for s in scenarios if s in table.columns]]
    out.index = [labels[m] for m in rows]
    out.index.name = tr("Measure")
    return out


def flat(table):
    """The table with a named index turned into its first column."""
    return table.reset_index() if any(n is not None for n in table.index.names) else table


def cell(v):
    if hasattr(v, "item"):  # numpy scalar
        v = v.item()
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return ""
    if isinstance(v, float):
        return "{:,.0f}".format(v) if abs(v) >= 1000 else "{:.4g}".format(v)
    return str(v)


def text_table(table):
    """The table as aligned text lines (the Processing log)."""
    frame = flat(table)
    header = [str(c) for c in frame.columns]
    rows = [[cell(v) for v in row] for row in frame.to_numpy(dtype=object)]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = ["  ".join(h.rjust(w) if i else h.ljust(w)
                       for i, (h, w) in enumerate(zip(header, widths)))]
    lines += ["  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in
                        enumerate(zip(r, widths))) for r in rows]
    return lines


def html_table(table):
    frame = flat(table)
    head = "".join("<th>{}</th>".format(html.escape(str(c))) for c in frame.columns)
    body = "".join("<tr>{}</tr>".format("".join(
        "<td>{}</td>".format(html.escape(cell(v))) for v in row))
        for row in frame.to_numpy(dtype=object))
    return "<table border='1'><tr>{}</tr>{}</table>".format(head, body)


def district_sections(summary, names):
    """Per district: the main measures and buildings by class, scenarios side by side
    (the full table with every column is the algorithm's SUMMARY output)."""
    id_col, parts = summary.columns[0], []
    for district, rows in summary.groupby(id_col, sort=False):
        table = rows.set_index("scenario").drop(columns=[id_col]).T
        parts.append("<h2>{}</h2>".format(html.escape(tr("District {}").format(district))))
        parts.append(html_table(labelled(table, names)))
    return "".join(parts)


def write_report(path, result, names, thresholds):
    """The HTML report of a FloodResult (plugin/analysis/flood.py)."""
    title = tr("Flood and waterlogging impact")
    parts = [page_head(title),
             "<body><h1>{}</h1>".format(html.escape(title)),
             "<p>{}</p>".format(html.escape(tr("Scenarios: {}. Thresholds (m): {}.").format(
                 ", ".join(names), ", ".join("{:g}".format(t) for t in thresholds)))),
             "<h2>{}</h2>".format(html.escape(tr("Flood scenario comparison"))),
             html_table(labelled(result.comparison.set_index("measure"), names)),
             district_sections(result.summary, names)]
    if result.notes:
        parts.append("<h2>{}</h2><ul>".format(html.escape(tr("Notes"))))
        parts += ["<li>{}</li>".format(html.escape(translate_note(n))) for n in result.notes]
        parts.append("</ul>")
    parts.append("</body></html>")
    write_page(path, parts)
