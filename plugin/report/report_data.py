"""What the district review report shows, read from the package's GeoPackage: plain
rows (attributes only, through sqlite3) of the tables a review run wrote.

Only tables the run reports it wrote are read, so a section never shows results left
from an earlier run; a section without its table is None and the report says so.
"""

import math
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field

# Rows shown of the long lists (the full lists are in the package's layers).
TOP_ROWS = 15


@dataclass
class ReportData:
    district_id: str
    district_name: str
    indicators: dict = None
    flood: dict = None          # {"scenarios", "rows": [(measure, [values])], "tables"}
    skyline: list = None        # metric rows (dicts), one per viewpoint
    sunlight: dict = None       # {"counts": {...}, "worst": [rows]}
    heights: dict = None        # {"count", "max_excess", "rows"}
    corridors: dict = None      # {"count", "rows"}
    schemes: dict = None        # {"rows", "skyline", "flood", "best", "charts", "notes"}
    findings: list = field(default_factory=list)
    layers: list = field(default_factory=list)      # LayerProvenance
    service_url: str = ""
    created_at: str = ""
    refreshed_at: str = ""


def read_rows(con, table, columns=None, order=None, limit=None):
    """Rows of a GeoPackage table as dicts (no geometry), or [] when it is absent."""
    names = [row[1] for row in con.execute('PRAGMA table_info("{}")'.format(table))]
    if not names:
        return []
    geometry = {row[0] for row in con.execute(
        "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (table,))}
    wanted = [c for c in (columns or names) if c in names and c not in geometry]
    sql = 'SELECT {} FROM "{}"'.format(", ".join('"{}"'.format(c) for c in wanted), table)
    if order:
        sql += " ORDER BY " + order
    if limit:
        sql += " LIMIT {:d}".format(limit)
    return [dict(zip(wanted, row)) for row in con.execute(sql)]


def count_rows(con, table, where=None):
    sql = 'SELECT COUNT(*) FROM "{}"'.format(table)
    return con.execute(sql + (" WHERE " + where if where else "")).fetchone()[0]


def collect(info, gpkg, review):
    """The report's data for a package after ``review`` (review_steps.Review) ran."""
    tables = review.tables
    data = ReportData(info.district_id, info.district_name or info.district_id,
                      indicators=review.indicators, findings=list(review.findings),
                      layers=list(info.layers), service_url=info.service_url,
                      created_at=info.created_at, refreshed_at=info.refreshed_at)
    # One read-only connection for every table of the report.
    with closing(sqlite3.connect("file:{}?mode=ro".format(gpkg), uri=True)) as con:
        if "flood_comparison" in tables:
            data.flood = _flood(con)
            if data.flood:
                data.flood["tables"] = dict(review.flood_tables)
        if "skyline_metrics" in tables:
            data.skyline = read_rows(con, "skyline_metrics", order="fid")
        if "sunlight_buildings" in tables:
            data.sunlight = _sunlight(con)
        if "height_violations" in tables:
            data.heights = _violations(con, "height_violations")
        if "corridor_violations" in tables:
            data.corridors = _violations(con, "corridor_violations")
        if review.schemes:
            data.schemes = _schemes(con, review.schemes)
    return data


def _flood(con):
    rows = read_rows(con, "flood_comparison", order="fid")
    if not rows:
        return None
    scenarios = [c for c in rows[0] if c not in ("fid", "measure")]
    return {"scenarios": scenarios,
            "rows": [(row["measure"], [row[s] for s in scenarios]) for row in rows]}


def _sunlight(con):
    tested = count_rows(con, "sunlight_buildings")
    if not tested:
        return None
    points = count_rows(con, "sunlight_points")
    counts = {"buildings": tested,
              "buildings_failing": count_rows(con, "sunlight_buildings", "compliant = 0"),
              "points": points,
              "points_compliant": count_rows(con, "sunlight_points", "compliant = 1")
              if points else 0}
    worst = read_rows(con, "sunlight_buildings",
                      ["building", "points", "worst_min", "share_compliant"],
                      order="worst_min ASC, share_compliant ASC, building", limit=TOP_ROWS)
    return {"counts": counts, "worst": worst}


def _violations(con, table):
    count = count_rows(con, table)
    rows = read_rows(con, table, order="excess_m DESC, building_id", limit=TOP_ROWS)
    excess = [r["excess_m"] for r in rows if _finite(r.get("excess_m"))]
    return {"count": count, "max_excess": max(excess) if excess else None, "rows": rows}


def _schemes(con, result):
    """The comparison's tables (names given by review_schemes' result dict)."""
    out = {"best": result.get("best"), "charts": list(result.get("charts") or []),
           "notes": list(result.get("notes") or [])}
    for key in ("table", "skyline_table", "flood_table"):
        name = result.get(key)
        out[key] = read_rows(con, name, order="fid") if name else []
    return out


def _finite(value):
    return isinstance(value, (int, float)) and math.isfinite(value)


def figures(data):
    """The report's figures as plain values (the JSON beside the report): the same
    package and parameters give the same figures."""
    out = {"district": data.district_id, "indicators": data.indicators,
           "findings": [list(row) for row in data.findings]}
    if data.flood:
        out["flood"] = {measure: dict(zip(data.flood["scenarios"], values))
                        for measure, values in data.flood["rows"]}
    if data.skyline:
        out["skyline"] = data.skyline
    if data.sunlight:
        out["sunlight"] = data.sunlight["counts"]
    for key in ("heights", "corridors"):
        section = getattr(data, key)
        if section is not None:
            out[key] = {"count": section["count"], "max_excess": section.get("max_excess")}
    if data.schemes:
        out["schemes"] = {k: data.schemes[k] for k in ("best", "table", "skyline_table",
                                                      "flood_table")}
    return out
