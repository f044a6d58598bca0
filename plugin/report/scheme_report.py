"""The report's scheme comparison: measures down, schemes across (a page is narrower
than the list of measures), then the skyline and flood tables and the charts."""

import html

from ..i18n import tr

esc = html.escape


def measure_labels():
    """Readable names of the comparison's columns, in the order the report shows them (a
    function: tr() must run after the translator is installed). Columns the comparison
    adds later show under their own name."""
    return {
        "rank": tr("Rank"),
        "score": tr("Weighted score (1 = best)"),
        "buildings": tr("Buildings"),
        "footprint_m2": tr("Footprint (m²)"),
        "gfa_m2": tr("Gross floor area (m²)"),
        "site_area_m2": tr("Site area (m²)"),
        "far": tr("Floor-area ratio (FAR)"),
        "far_cap": tr("Site FAR cap"),
        "far_exceeds": tr("FAR above the cap"),
        "density": tr("Building density"),
        "height_max_m": tr("Max height (m)"),
        "height_mean_m": tr("Mean height (m)"),
        "height_exceeding": tr("Buildings above parcel or zone height control"),
        "height_max_excess_m": tr("Largest excess over parcel or zone control (m)"),
        "site_height_cap_m": tr("Site height cap (m)"),
        "site_exceeding": tr("Buildings above the site's height cap"),
        "site_max_excess_m": tr("Largest excess over the site cap (m)"),
        "corridor_violations": tr("Buildings breaking a view corridor"),
        "corridor_max_excess_m": tr("Largest corridor excess (m)"),
        "buildings_failing": tr("Buildings failing a height or corridor check"),
        "excess_total_m": tr("Total excess over the caps (m)"),
        "skyline_mean_change_deg": tr("Skyline: mean change (°)"),
        "skyline_max_change_deg": tr("Skyline: largest change (°)"),
        "skyline_buildings_above": tr("Buildings rising above the existing skyline"),
        "sunlight_points": tr("Sunlight: test points near the site"),
        "sunlight_points_lost": tr("Sunlight: test points that lose compliance"),
        "sunlight_points_gained": tr("Sunlight: test points that gain compliance"),
        "sunlight_homes": tr("Sunlight: homes near the site"),
        "sunlight_homes_lost": tr("Sunlight: homes that lose compliance"),
        "sunlight_homes_gained": tr("Sunlight: homes that gain compliance"),
        "sunlight_homes_lost_ids": tr("Sunlight: homes that lose it"),
        "flood_worst_scenario": tr("Flood: worst scenario"),
        "flood_buildings_wet": tr("Flood: buildings affected (worst scenario)"),
        "flood_gfa_exposed_m2": tr("Flood: floor area affected (m², worst scenario)"),
        "flood_max_depth_m": tr("Flood: max depth (m)"),
        "s_gfa": tr("Score: GFA"),
        "s_height": tr("Score: height control"),
        "s_skyline": tr("Score: skyline"),
        "s_sunlight": tr("Score: sunlight"),
        "s_flood": tr("Score: flood"),
        # the per-viewpoint and per-scenario tables
        "scheme": tr("Scheme"),
        "name": tr("Viewpoint"),
        "existing_mean_angle": tr("Existing mean angle (°)"),
        "scheme_mean_angle": tr("With the scheme (°)"),
        "mean_change": tr("Mean change (°)"),
        "max_change": tr("Largest change (°)"),
        "buildings_above": tr("Buildings above the skyline"),
        "existing_sky_ratio": tr("Sky, existing"),
        "scheme_sky_ratio": tr("Sky, with the scheme"),
        "scenario": tr("Scenario"),
        "buildings_affected": tr("Buildings affected"),
        "gfa_affected_m2": tr("Floor area affected (m²)"),
        "max_depth_m": tr("Max depth (m)"),
        "mean_depth_m": tr("Mean depth (m)"),
    }


# Columns of the sub-tables the report shows (the package layers have them all).
SKYLINE_COLUMNS = ("scheme", "name", "existing_mean_angle", "scheme_mean_angle", "mean_change",
                   "max_change", "buildings_above", "existing_sky_ratio", "scheme_sky_ratio")
FLOOD_COLUMNS = ("scheme", "scenario", "buildings_affected", "gfa_affected_m2", "max_depth_m",
                 "mean_depth_m")
HIDDEN = {"fid", "scheme", "height_checked"}


def _cell(value):
    from .district_report import fmt

    if isinstance(value, float):
        return fmt(value, 2)
    return fmt(value)


def transposed(rows, name_key="scheme"):
    """(header, body) with one row per measure and one column per scheme."""
    labels = measure_labels()
    header = [tr("Measure")] + [str(r.get(name_key)) for r in rows]
    present = [k for k in rows[0] if k not in HIDDEN] if rows else []
    measures = ([k for k in labels if k in present]
                + [k for k in present if k not in labels])
    body = [[labels.get(m, m)] + [_cell(r.get(m)) for r in rows] for m in measures]
    return header, body


def scheme_section(schemes):
    from .district_report import image, table

    parts = []
    rows = schemes.get("table") or []
    if schemes.get("best"):
        parts.append("<p><b>{}</b></p>".format(esc(tr(
            "Ranked first on the weighted criteria: {}").format(schemes["best"]))))
    if rows:
        header, body = transposed(rows)
        parts.append(table(header, body))
    for key, title, wanted in (
            ("skyline_table", tr("Skyline change per viewpoint"), SKYLINE_COLUMNS),
            ("flood_table", tr("Flood exposure per scenario"), FLOOD_COLUMNS)):
        sub = schemes.get(key) or []
        if sub:
            columns = [c for c in wanted if c in sub[0]]
            parts.append("<h3>{}</h3>".format(esc(title)))
            parts.append(table([measure_labels().get(c, c) for c in columns],
                               [[_cell(r.get(c)) for c in columns] for r in sub],
                               numeric_from=2))
    for chart in schemes.get("charts") or []:
        if str(chart).lower().endswith(".png"):  # the chart carries its own title
            parts.append(image(chart, width=520))
    for note in schemes.get("notes") or []:
        parts.append("<p class='small'>{}</p>".format(esc(str(note))))
    return parts
