"""Put a finished GeoPackage table in place without ever exposing a half-written one.

A pull writes a complete temporary GeoPackage beside the target. Then either the
temporary file is renamed onto the target (target absent: rename is atomic on one
file system), or its table is merged into the target inside one SQLite transaction
(a crash rolls back through SQLite's journal), replacing a table of the same name.
"""

import os
import sqlite3
import uuid
from pathlib import Path

# GeoPackage metadata tables and the column naming the user table in each.
_META_TABLE_COLUMNS = (
    ("gpkg_contents", "table_name"),
    ("gpkg_geometry_columns", "table_name"),
    ("gpkg_extensions", "table_name"),
    ("gpkg_ogr_contents", "table_name"),
    ("gpkg_data_columns", "table_name"),
    ("gpkg_metadata_reference", "table_name"),
    ("gpkg_tile_matrix_set", "table_name"),
    ("gpkg_tile_matrix", "table_name"),
    ("gpkg_2d_gridded_coverage_ancillary", "tile_matrix_set_name"),
    ("gpkg_2d_gridded_tile_ancillary", "tpudt_name"),
)
_SIDE_FILES = ("-journal", "-wal", "-shm")


def temp_path_beside(target, suffix=None):
    """A unique hidden temporary path in the target's folder (same file system)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    suffix = target.suffix if suffix is None else suffix
    return target.parent / ".{}.{}.part{}".format(target.stem, uuid.uuid4().hex[:8], suffix)


def remove_file(path):
    """Remove a file and SQLite's side files, if present."""
    for name in [str(path)] + [str(path) + s for s in _SIDE_FILES]:
        try:
            os.remove(name)
        except FileNotFoundError:
            pass


def replace_file(temp, target):
    os.replace(str(temp), str(target))


def install_gpkg_table(temp_gpkg, target_gpkg, table):
    """Move ``table`` from the finished ``temp_gpkg`` into ``target_gpkg``.

    The temporary file is consumed (renamed or deleted).
    """
    if not Path(target_gpkg).exists():
        replace_file(temp_gpkg, target_gpkg)
        return
    merge_gpkg_table(temp_gpkg, target_gpkg, table)
    remove_file(temp_gpkg)


def _tables(con, schema):
    return {r[0] for r in con.execute(
        "SELECT name FROM {}.sqlite_master WHERE type = 'table'".format(schema))}


def _columns(con, schema, table):
    return [r[1] for r in con.execute('PRAGMA {}.table_info("{}")'.format(schema, table))]


def _objects_of(con, schema, table):
    """(type, name, sql) of the table and what belongs to it: rtree, indexes, triggers."""
    rows = con.execute(
        "SELECT type, name, tbl_name, sql FROM {}.sqlite_master WHERE sql IS NOT NULL".format(schema)
    ).fetchall()
    lower = table.lower()
    rtrees = set()
    if "gpkg_geometry_columns" in _tables(con, schema):
        rtrees = {"rtree_{}_{}".format(lower, r[0].lower()) for r in con.execute(
            "SELECT column_name FROM {}.gpkg_geometry_columns WHERE lower(table_name) = ?".format(
                schema), (lower,))}
    own = []
    for kind, name, tbl, sql in rows:
        if tbl.lower() == lower or (kind == "table" and name.lower() in rtrees):
            own.append((kind, name, sql))
    return own


def _quote(name):
    return '"{}"'.format(name.replace('"', '""'))


def merge_gpkg_table(src_gpkg, dst_gpkg, table):
    """Copy ``table`` (features or tiles, with its GeoPackage metadata) from
    ``src_gpkg`` into ``dst_gpkg``, replacing a same-named table, in one transaction."""
    con = sqlite3.connect(str(dst_gpkg), timeout=30, isolation_level=None)
    try:
        con.execute("ATTACH DATABASE ? AS src", (str(src_gpkg),))
        con.execute("BEGIN IMMEDIATE")
        try:
            _merge(con, table)
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
        con.execute("DETACH DATABASE src")
    finally:
        con.close()


def _merge(con, table):
    src_tables = _tables(con, "src")
    # 1. Metadata tables the target lacks (e.g. gridded coverage ones for a first raster).
    dst_tables = _tables(con, "main")
    for meta, _ in _META_TABLE_COLUMNS:
        if meta in src_tables and meta not in dst_tables:
            for kind, name, sql in _objects_of(con, "src", meta):
                if kind in ("table", "index"):
                    con.execute(sql)
            for kind, name, sql in _objects_of(con, "src", meta):
                if kind == "trigger":
                    con.execute(sql)
    dst_tables = _tables(con, "main")
    # 2. Drop the old table (triggers and indexes go with it) and its rtree.
    for kind, name, _ in _objects_of(con, "main", table):
        if kind == "table":
            con.execute("DROP TABLE IF EXISTS main.{}".format(_quote(name)))
    for meta, column in _META_TABLE_COLUMNS:
        if meta in dst_tables:
            con.execute("DELETE FROM main.{} WHERE lower({}) = lower(?)".format(meta, column), (table,))
    # 3. Spatial reference systems the table uses.
    common = [c for c in _columns(con, "src", "gpkg_spatial_ref_sys")
              if c in _columns(con, "main", "gpkg_spatial_ref_sys")]
    cols = ", ".join(common)
    con.execute(
        "INSERT INTO main.gpkg_spatial_ref_sys ({0}) SELECT {0} FROM src.gpkg_spatial_ref_sys "
        "WHERE srs_id NOT IN (SELECT srs_id FROM main.gpkg_spatial_ref_sys)".format(cols))
    # 4. Create the table and copy rows; triggers last so no trigger fires during
    # the copy (rtree triggers call GeoPackage SQL functions plain sqlite3 lacks).
    objects = _objects_of(con, "src", table)
    for kind, name, sql in objects:
        if kind == "table":
            con.execute(sql)
            con.execute("INSERT INTO main.{0} SELECT * FROM src.{0}".format(_quote(name)))
    for kind, name, sql in objects:
        if kind == "index":
            con.execute(sql)
    # 5. Metadata rows.
    for meta, column in _META_TABLE_COLUMNS:
        if meta in src_tables:
            cols = ", ".join(c for c in _columns(con, "src", meta) if c != "id")
            con.execute(
                "INSERT INTO main.{0} ({1}) SELECT {1} FROM src.{0} WHERE lower({2}) = lower(?)".format(
                    meta, cols, column), (table,))
    if "gpkg_extensions" in src_tables:
        # Extensions declared on metadata tables (e.g. the gridded coverage ones).
        con.execute(
            "INSERT INTO main.gpkg_extensions SELECT s.* FROM src.gpkg_extensions s "
            "WHERE s.table_name IN (SELECT name FROM main.sqlite_master WHERE type = 'table') "
            "AND NOT EXISTS (SELECT 1 FROM main.gpkg_extensions m WHERE "
            "m.table_name IS s.table_name AND m.column_name IS s.column_name "
            "AND m.extension_name = s.extension_name)")
    for kind, name, sql in objects:
        if kind == "trigger":
            con.execute(sql)
