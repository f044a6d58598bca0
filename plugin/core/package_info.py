"""Provenance of an offline district package, kept inside its GeoPackage.

Two attribute tables, registered in gpkg_contents so any GeoPackage reader (QGIS's
Browser, ogrinfo) shows them: ``twin_package`` (key/value: service, district, margin,
snapshots) and ``twin_package_layers`` (one row per layer: where it came from, when,
which snapshot version and HTTP validators). Refresh reads them to re-pull and to
skip unchanged collections; the "Package info" view shows them.
"""

import json
import sqlite3
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from ..i18n import tr
from .errors import TwinServiceError

PACKAGE_TABLE = "twin_package"
LAYERS_TABLE = "twin_package_layers"
FORMAT_VERSION = "1"


@dataclass
class LayerProvenance:
    table_name: str
    collection_id: str
    title: str = ""
    role: str = ""
    kind: str = "vector"
    category: str = ""
    subcategory: str = ""
    query_url: str = ""
    fetched_at: str = ""       # ISO 8601 UTC
    twin_version: str = None   # the collection's twin:version tag
    feature_count: int = None  # None for rasters
    number_matched: int = None
    etag: str = None
    last_modified: str = None
    seconds: float = 0.0


@dataclass
class PackageInfo:
    service_url: str
    district_id: str
    district_name: str = ""
    authcfg: str = ""
    margin_m: float = 0.0
    crs: str = "EPSG:4547"
    created_at: str = ""
    refreshed_at: str = ""
    format_version: str = FORMAT_VERSION
    collections: list = field(default_factory=list)  # ids asked for; [] = all tagged
    district_geometry: str = ""                      # GeoJSON (CRS84), before the margin
    snapshots: list = field(default_factory=list)    # earlier versions, relative paths
    layers: list = field(default_factory=list)       # LayerProvenance
    gpkg_path: Path = None

    def layer(self, table_name):
        return next((layer for layer in self.layers if layer.table_name == table_name), None)


_LIST_KEYS = ("collections", "snapshots")
_PACKAGE_KEYS = [f.name for f in fields(PackageInfo) if f.name not in ("layers", "gpkg_path")]
_LAYER_COLUMNS = [f.name for f in fields(LayerProvenance)]
_SQL_TYPES = {int: "INTEGER", float: "REAL", str: "TEXT"}


def package_gpkg_for(path):
    """The package's GeoPackage for a .gpkg or the .qgz written beside it."""
    path = Path(path)
    return path.with_suffix(".gpkg") if path.suffix.lower() in (".qgz", ".qgs") else path


def write_package_info(con, info):
    """Replace the provenance tables in an open sqlite3 connection to a GeoPackage.

    The caller commits: the package writer does it in the same transaction as the data."""
    con.execute('DROP TABLE IF EXISTS "{}"'.format(PACKAGE_TABLE))
    con.execute('DROP TABLE IF EXISTS "{}"'.format(LAYERS_TABLE))
    con.execute('CREATE TABLE "{}" (key TEXT PRIMARY KEY NOT NULL, value TEXT)'.format(PACKAGE_TABLE))
    values = asdict(info)
    con.executemany('INSERT INTO "{}" (key, value) VALUES (?, ?)'.format(PACKAGE_TABLE), [
        (key, json.dumps(values[key]) if key in _LIST_KEYS else _text(values[key]))
        for key in _PACKAGE_KEYS])
    types = {f.name: _SQL_TYPES.get(f.type if isinstance(f.type, type) else None, "TEXT")
             for f in fields(LayerProvenance)}
    types.update(feature_count="INTEGER", number_matched="INTEGER", seconds="REAL")
    con.execute('CREATE TABLE "{}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, {})'.format(
        LAYERS_TABLE, ", ".join('"{}" {}'.format(c, types[c]) for c in _LAYER_COLUMNS)))
    con.executemany('INSERT INTO "{}" ({}) VALUES ({})'.format(
        LAYERS_TABLE, ", ".join('"{}"'.format(c) for c in _LAYER_COLUMNS),
        ", ".join("?" * len(_LAYER_COLUMNS))),
        [tuple(getattr(layer, c) for c in _LAYER_COLUMNS) for layer in info.layers])
    for table, description in ((PACKAGE_TABLE, "Twin district package"),
                               (LAYERS_TABLE, "Provenance of each packaged layer")):
        con.execute("DELETE FROM gpkg_contents WHERE table_name = ?", (table,))
        con.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, "
                    "last_change) VALUES (?, 'attributes', ?, ?, "
                    "strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))", (table, table, description))


def _text(value):
    return None if value is None else str(value)


def read_package_info(path):
    """The PackageInfo of a package (its .gpkg or .qgz); one sentence if it is not one."""
    gpkg = package_gpkg_for(path)
    if not gpkg.is_file():
        raise TwinServiceError(tr("{} has no GeoPackage beside it.").format(Path(path).name)
                               if gpkg != Path(path) else
                               tr("The package {} does not exist.").format(gpkg.name))
    try:
        con = sqlite3.connect("file:{}?mode=ro".format(gpkg), uri=True)
        try:
            rows = dict(con.execute('SELECT key, value FROM "{}"'.format(PACKAGE_TABLE)))
            cur = con.execute('SELECT {} FROM "{}" ORDER BY fid'.format(
                ", ".join('"{}"'.format(c) for c in _LAYER_COLUMNS), LAYERS_TABLE))
            layers = [LayerProvenance(*row) for row in cur]
        finally:
            con.close()
    except sqlite3.DatabaseError as error:
        raise TwinServiceError(
            tr("{} is not an offline district package made by Twin District Review.").format(
                gpkg.name), detail=str(error)) from error
    values = {}
    for key in _PACKAGE_KEYS:
        raw = rows.get(key)
        if key in _LIST_KEYS:
            values[key] = json.loads(raw) if raw else []
        elif key == "margin_m":
            values[key] = float(raw or 0)
        elif raw is not None:
            values[key] = raw
    if not values.get("service_url") or not values.get("district_id"):
        raise TwinServiceError(
            tr("{} is not an offline district package made by Twin District Review.").format(
                gpkg.name))
    return PackageInfo(layers=layers, gpkg_path=gpkg, **values)
