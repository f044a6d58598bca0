"""Refresh an offline district package: re-pull what changed, show it, then apply.

Per collection: a newer ``twin:version`` means re-pull; recorded HTTP validators are
asked again with a conditional GET (304 or the same ETag / Last-Modified: skipped);
with neither, the collection is re-pulled and compared. Re-pulled collections go to a
staging folder (resumable, like packaging) and are compared feature by feature with
the package (package_diff.py). Nothing in the package changes until ``apply``: then
the current file is kept as a snapshot under ``snapshots/``, the new one is assembled
in a temporary file and renamed into place, and the project gains the new layers and
a "building changes" layer (new, demolished, height changed).
"""

import hashlib
import json
import os
import shutil
import sqlite3
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from qgis.core import QgsFeedback

from .. import log
from ..i18n import tr
from .district_package import (
    assemble,
    buffered_geometry,
    check_writable,
    layer_specs,
    now_utc,
    provenance,
    pull_into_staging,
    storage_errors,
)
from .downloads import VECTOR_KINDS, DistrictClip
from .errors import TwinCancelled, TwinServiceError
from .package_diff import diff_tables, write_building_changes
from .package_info import read_package_info
from .package_staging import Staging, fingerprint

CHANGES_TABLE = "building_changes"
SNAPSHOT_DIR = "snapshots"


@dataclass
class LayerChange:
    table: str
    title: str
    collection_id: str
    status: str          # changed | unchanged | skipped | new | gone
    added: int = 0
    removed: int = 0
    changed: int = 0
    reason: str = ""


@dataclass
class RefreshResult:
    gpkg_path: Path
    qgz_path: Path = None
    layers: list = field(default_factory=list)      # LayerChange
    applied: bool = False
    previous_snapshot: str = None                   # relative to the package folder
    building_changes_table: str = None
    building_changes: dict = field(default_factory=dict)  # counts by kind
    resumed: list = field(default_factory=list)
    seconds: float = 0.0

    def total(self, what):
        return sum(getattr(layer, what) for layer in self.layers)

    @property
    def skipped(self):
        return sum(1 for layer in self.layers if layer.status == "skipped")

    def as_json(self):
        return {"package": str(self.gpkg_path), "applied": self.applied,
                "previous_snapshot": self.previous_snapshot,
                "layers": [asdict(layer) for layer in self.layers],
                "building_changes_table": self.building_changes_table,
                "building_changes": self.building_changes}


def unchanged_reason(client, entry, old, feedback=None):
    """Why collection ``entry`` needs no re-pull since ``old`` (LayerProvenance), or None."""
    if entry.version and old.twin_version and entry.version != old.twin_version:
        return None
    validators = {k: v for k, v in (("etag", old.etag), ("last_modified", old.last_modified)) if v}
    if validators and old.query_url:
        return tr("validators unchanged") if client.unchanged_since(
            old.query_url, validators, feedback=feedback) else None
    if entry.version and entry.version == old.twin_version:
        return tr("twin:version unchanged ({})").format(entry.version)
    return None


def refresh_package(client, catalog, package_path, apply=True, force=False, feedback=None):
    """Compare the package with the service and, when ``apply``, update it."""
    feedback = feedback or QgsFeedback()
    started = time.perf_counter()
    info = read_package_info(package_path)
    gpkg = info.gpkg_path.resolve()
    check_writable(gpkg.parent)
    if not info.district_geometry:
        raise TwinServiceError(tr("The package {} does not record its district boundary, so it "
                                  "cannot be refreshed.").format(gpkg.name))
    geometry = buffered_geometry(json.loads(info.district_geometry), info.margin_m)
    clip = DistrictClip({"type": "Feature", "geometry": geometry,
                         "properties": {"district_id": info.district_id}})
    by_id = {e.id: e for e in catalog.entries}
    old_by_id = {layer.collection_id: layer for layer in info.layers}
    wanted = list(info.collections) or list(old_by_id) + [
        e.id for e in catalog.entries if e.covers(info.district_id) and e.id not in old_by_id
        and (e.kind or "vector") in VECTOR_KINDS | {"raster"}]
    result = RefreshResult(gpkg)
    key = fingerprint("refresh", info.refreshed_at, wanted, force)
    with storage_errors(gpkg.parent):
        staging = Staging(gpkg, "refresh", key)
        to_pull = []
        for cid in wanted:
            if feedback.isCanceled():
                raise TwinCancelled(tr("The refresh was cancelled."))
            old, entry = old_by_id.get(cid), by_id.get(cid)
            if entry is None:
                result.layers.append(LayerChange(old.table_name, old.title, cid, "gone",
                                                 reason=tr("no longer on the service; kept")))
                continue
            reason = None
            if old is not None and not force and staging.done(cid) is None:
                reason = unchanged_reason(client, entry, old, feedback)
            if reason:
                result.layers.append(LayerChange(old.table_name, old.title, cid, "skipped",
                                                 reason=reason))
            else:
                to_pull.append(entry)
        tables = {cid: old_by_id[cid].table_name for cid in wanted if cid in old_by_id}
        records, result.resumed = pull_into_staging(client, to_pull, staging, clip, info.crs,
                                                    feedback, tables=tables)
        for record in records:
            result.layers.append(_compare(gpkg, staging, record, old_by_id.get(
                record["collection_id"])))
        order = {cid: i for i, cid in enumerate(wanted)}
        result.layers.sort(key=lambda change: order[change.collection_id])
        if apply:
            _apply(result, info, gpkg, staging, records)
            staging.remove()
    result.seconds = time.perf_counter() - started
    feedback.setProgress(100.0)
    log.info("Refresh of {}: {} added, {} removed, {} changed, {} skipped, applied: {} "
             "({:.1f} s).".format(gpkg, result.total("added"), result.total("removed"),
                                  result.total("changed"), result.skipped, result.applied,
                                  result.seconds))
    return result


def _compare(gpkg, staging, record, old):
    table, staged = record["table_name"], staging.path_for(record["table_name"])
    title, cid = record["title"], record["collection_id"]
    if old is None:
        return LayerChange(table, title, cid, "new", added=record["feature_count"] or 0)
    if record["feature_count"] is None:  # a raster: compared tile by tile
        same = _raster_digest(gpkg, old.table_name) == _raster_digest(staged, table)
        return LayerChange(table, title, cid, "unchanged" if same else "changed",
                           reason="" if same else tr("raster values changed"))
    diff = diff_tables(gpkg, old.table_name, staged, table)
    counts = diff.counts
    return LayerChange(table, title, cid, "unchanged" if diff.is_empty else "changed",
                       added=counts["added"], removed=counts["removed"],
                       changed=counts["changed"],
                       reason=tr("compared by content (no feature ids)")
                       if diff.keyed_by != "twin_fid" else "")


def _raster_digest(gpkg, table):
    con = sqlite3.connect("file:{}?mode=ro".format(gpkg), uri=True)
    try:
        digest = hashlib.sha1()
        for (blob,) in con.execute('SELECT tile_data FROM "{}" ORDER BY zoom_level, tile_row, '
                                   'tile_column'.format(table.replace('"', '""'))):
            digest.update(blob)
        return digest.hexdigest()
    finally:
        con.close()


def _apply(result, info, gpkg, staging, records):
    """Install what changed; with no change only the refresh time is recorded (no
    snapshot, and the changes layer keeps describing the last real change)."""
    from .offline_project import add_to_offline_project

    changed = any(layer.status in ("changed", "new") for layer in result.layers)
    parts = [(staging.path_for(r["table_name"]), r["table_name"]) for r in records] \
        if changed else []
    buildings = [layer for layer in info.layers if layer.role == "buildings"]
    if buildings and changed:
        table = buildings[0].table_name
        staged = staging.path_for(table)
        changes = staging.dir / "{}.gpkg".format(CHANGES_TABLE)
        new_source = staged if staged.is_file() else gpkg  # skipped: compared with itself
        result.building_changes = write_building_changes(gpkg, new_source, table, changes,
                                                         out_table=CHANGES_TABLE)
        result.building_changes_table = CHANGES_TABLE
        parts.append((changes, CHANGES_TABLE))
    snapshots = list(info.snapshots)
    if changed:
        result.previous_snapshot = _keep_snapshot(gpkg, info)
        snapshots.append(result.previous_snapshot)
    pulled = {r["collection_id"]: provenance(r) for r in records} if changed else {}
    layers = [pulled.pop(layer.collection_id, layer) for layer in info.layers]
    layers += list(pulled.values())  # collections new to the package
    new_info = replace(info, layers=layers, refreshed_at=now_utc(), snapshots=snapshots)
    assemble(gpkg, parts, new_info, base=gpkg)
    extra = []
    if result.building_changes_table:
        extra.append(dict(name=tr("Building changes ({})").format(new_info.refreshed_at[:10]),
                          table=CHANGES_TABLE, role="building-changes", kind="vector",
                          category=tr("Review results"), subcategory=""))
    result.qgz_path = add_to_offline_project(gpkg.with_suffix(".qgz"), gpkg,
                                             layer_specs(new_info, extra), crs=info.crs,
                                             package=gpkg.name)
    result.applied = True


def _keep_snapshot(gpkg, info):
    """Keep the package as it is now under snapshots/ (a hard link when possible:
    the rename that follows gives the package a new file, the link keeps the old)."""
    stamp = (info.refreshed_at or info.created_at or now_utc()).replace(":", "").replace("-", "")
    folder = gpkg.parent / SNAPSHOT_DIR
    folder.mkdir(exist_ok=True)
    target = folder / "{}_{}.gpkg".format(gpkg.stem, stamp)
    n = 2
    while target.exists():
        target = folder / "{}_{}_{}.gpkg".format(gpkg.stem, stamp, n)
        n += 1
    try:
        os.link(str(gpkg), str(target))
    except OSError:
        shutil.copy2(str(gpkg), str(target))
    return "{}/{}".format(SNAPSHOT_DIR, target.name)
