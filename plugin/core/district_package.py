"""Make a district offline: one GeoPackage and a .qgz beside it, with provenance.

Each chosen collection is pulled clipped to the district plus a margin (whole
features that touch the buffered polygon; rasters cut to its bounding box) into the
staging folder (package_staging.py: resumable), then the parts are assembled into
one temporary GeoPackage, the provenance tables are written (package_info.py) and
the file is renamed onto the package. The previous package is never touched before
that rename, so any interruption leaves it byte-identical.
"""

import errno
import json
import shutil
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from osgeo import ogr, osr
from qgis.core import QgsAbstractMetadataBase, QgsFeedback, QgsLayerMetadata

from .. import log
from ..i18n import language, tr
from . import atomic, taxonomy
from .catalog import CITY_WIDE
from .district_pull import find_district
from .downloads import VECTOR_KINDS, DistrictClip, StepFeedback, download_entry, unique_table
from .errors import TwinCancelled, TwinServiceError
from .package_info import LayerProvenance, PackageInfo, write_package_info
from .package_staging import Staging, fingerprint
from .pull import table_name

DEFAULT_MARGIN_M = 300.0
METRIC_CRS = "EPSG:4547"


@dataclass
class PackageRequest:
    service_url: str
    district_id: str = None
    district_feature: dict = None  # a GeoJSON polygon feature in CRS84 (user's polygon)
    collections: list = None       # collection ids; None: every one tagged for the district
    margin_m: float = DEFAULT_MARGIN_M
    authcfg: str = ""
    crs: str = METRIC_CRS


@dataclass
class PackageResult:
    gpkg_path: Path
    qgz_path: Path
    info: PackageInfo
    resumed: list = field(default_factory=list)   # collection ids reused from staging
    skipped: list = field(default_factory=list)   # (collection id, reason)
    seconds: float = 0.0

    @property
    def feature_count(self):
        return sum(layer.feature_count or 0 for layer in self.info.layers)


def now_utc():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def buffered_geometry(geometry, margin_m, metric_crs=METRIC_CRS):
    """A CRS84 GeoJSON geometry grown by ``margin_m`` metres (buffered in a metric CRS)."""
    shape = ogr.CreateGeometryFromJson(json.dumps(geometry))
    if shape is None or shape.IsEmpty():
        raise TwinServiceError(tr("The district has no usable boundary."),
                               detail=json.dumps(geometry)[:300])
    if not margin_m:
        return geometry
    crs84, metric = osr.SpatialReference(), osr.SpatialReference()
    crs84.SetWellKnownGeogCS("WGS84")
    metric.SetFromUserInput(metric_crs)
    for ref in (crs84, metric):
        ref.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    shape.Transform(osr.CoordinateTransformation(crs84, metric))
    grown = shape.Buffer(float(margin_m), 8)
    grown.Transform(osr.CoordinateTransformation(metric, crs84))
    return json.loads(grown.ExportToJson())


def choose_entries(catalog, district_id, collection_ids, bbox):
    """The catalog entries to package: the ids asked for, else every downloadable
    collection tagged for the district (and city-wide), else, for a polygon of no
    known district, every downloadable collection whose extent meets it."""
    downloadable = [e for e in catalog.entries if (e.kind or "vector") in VECTOR_KINDS | {"raster"}]
    if collection_ids:
        by_id = {e.id: e for e in catalog.entries}
        missing = [cid for cid in collection_ids if cid not in by_id]
        if missing:
            raise TwinServiceError(tr("The service has no collection {}.").format(
                ", ".join(missing)))
        return [by_id[cid] for cid in collection_ids]
    tagged = [e for e in downloadable if district_id and e.covers(district_id)
              and e.districts != [CITY_WIDE]]
    if tagged:
        return [e for e in downloadable if e.covers(district_id)]
    chosen = [e for e in downloadable if e.bbox is None or _overlaps(e.bbox, bbox)]
    if not chosen:
        raise TwinServiceError(tr("No collection of the service covers the district."))
    return chosen


def _overlaps(a, b):
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


@contextmanager
def storage_errors(folder):
    """Say plainly when the package folder is full or cannot be written."""
    try:
        yield
    except TwinServiceError as error:
        # The pull engine has already wrapped GDAL's / SQLite's error in a sentence about
        # the layer; the cause it kept in ``detail`` tells a full or read-only disk.
        text = "{} {}".format(error, error.detail or "")
        if "disk is full" in text or "No space left" in text:
            raise TwinServiceError(_full_sentence(folder), detail=text) from error
        if "readonly" in text or "Read-only" in text or "ermission denied" in text:
            raise TwinServiceError(_read_only_sentence(folder), detail=text) from error
        raise
    except (OSError, sqlite3.Error) as error:
        number = getattr(error, "errno", None)
        text = str(error)
        if number in (errno.ENOSPC, errno.EDQUOT) or "disk is full" in text:
            raise TwinServiceError(_full_sentence(folder), detail=repr(error)) from error
        if number in (errno.EROFS, errno.EACCES, errno.EPERM) or "readonly" in text:
            raise TwinServiceError(_read_only_sentence(folder), detail=repr(error)) from error
        raise TwinServiceError(tr("Could not write the package in {}: {}").format(folder, error),
                               detail=repr(error)) from error


def _full_sentence(folder):
    return tr("There is not enough free disk space in {} for the package; the previous "
              "package, if any, is unchanged.").format(folder)


def _read_only_sentence(folder):
    return tr("The folder {} cannot be written (read-only or no permission); choose "
              "another folder.").format(folder)


def check_writable(folder):
    folder = Path(folder)
    with storage_errors(folder):
        folder.mkdir(parents=True, exist_ok=True)
        probe = atomic.temp_path_beside(folder / "probe")
        probe.write_bytes(b"")
        probe.unlink()


def pull_into_staging(client, entries, staging, clip, target_crs, feedback, tables=None):
    """Pull ``entries`` into ``staging`` (one GeoPackage each), reusing finished ones.

    ``tables`` maps collection ids to the table names to use (a refresh keeps the
    package's). Returns (records, resumed ids): LayerProvenance dicts in entry order."""
    tables_for = tables or {}
    records, resumed, tables = [], [], set(tables_for.values())
    for index, entry in enumerate(entries):
        if feedback.isCanceled():
            raise TwinCancelled(tr("The download was cancelled."))
        done = staging.done(entry.id)
        if done is not None:
            tables.add(done["table_name"])
            records.append(done)
            resumed.append(entry.id)
            continue
        table = tables_for.get(entry.id) or unique_table(table_name(entry.id), tables)
        path = staging.path_for(table)
        atomic.remove_file(path)  # finished but unrecorded when the run was killed
        step = StepFeedback(feedback, index, len(entries))
        fetched_at = now_utc()
        layer = download_entry(client, entry, path, table, clip.bbox, clip, target_crs, step)
        record = asdict(LayerProvenance(
            table_name=table, collection_id=entry.id, title=layer.title, role=layer.role,
            kind=layer.kind, category=layer.category, subcategory=layer.subcategory,
            query_url=layer.query_url, fetched_at=fetched_at, twin_version=entry.version,
            feature_count=layer.feature_count, number_matched=layer.number_matched,
            etag=layer.validators.get("etag"), last_modified=layer.validators.get("last_modified"),
            seconds=round(layer.seconds, 2)))
        record["table"] = table
        staging.record(entry.id, record)
        records.append(record)
        log.info("Staged {} ({} features) for {}.".format(entry.id, layer.feature_count,
                                                         staging.dir))
    return records, resumed


def provenance(record):
    return LayerProvenance(**{k: v for k, v in record.items() if k != "table"})


def assemble(target, parts, info, base=None):
    """Write the package: ``base`` (a previous package) or nothing, plus each staged
    part (staged path, table) replacing its table, plus ``info``; all in a temporary
    file renamed onto ``target`` at the end."""
    target = Path(target)
    temp = atomic.temp_path_beside(target, ".gpkg")
    try:
        if base is not None:
            shutil.copyfile(str(base), str(temp))
        elif parts:
            shutil.copyfile(str(parts[0][0]), str(temp))
            parts = parts[1:]
        for path, table in parts:
            atomic.merge_gpkg_table(path, temp, table)
        con = sqlite3.connect(str(temp))
        try:
            write_package_info(con, info)
            con.commit()
        finally:
            con.close()
        atomic.replace_file(temp, target)
    finally:
        atomic.remove_file(temp)
    return target


def layer_metadata(layer, info):
    """QgsLayerMetadata telling where a packaged layer came from (Layer Properties)."""
    meta = QgsLayerMetadata()
    meta.setIdentifier(layer.collection_id)
    meta.setParentIdentifier(info.service_url)
    meta.setTitle(layer.title)
    meta.setType("dataset")
    meta.setLanguage(language())
    count = "" if layer.feature_count is None else tr("{} features. ").format(layer.feature_count)
    meta.setAbstract(tr("Collection {} of the twin service {}, fetched {} (snapshot version {}). "
                        "{}Packaged for {} with a {} m margin.").format(
        layer.collection_id, info.service_url, layer.fetched_at, layer.twin_version or "–",
        count, info.district_name or info.district_id, _metres(info.margin_m)))
    keywords = ["twin:version={}".format(layer.twin_version)] if layer.twin_version else []
    if layer.etag:
        keywords.append("ETag={}".format(layer.etag))
    if layer.last_modified:
        keywords.append("Last-Modified={}".format(layer.last_modified))
    if keywords:
        meta.addKeywords("twin", keywords)
    if layer.query_url:
        meta.addLink(QgsAbstractMetadataBase.Link(tr("Query"), "WWW:LINK", layer.query_url))
    meta.setHistory([tr("Fetched {} from {}").format(layer.fetched_at, layer.query_url
                                                        or info.service_url)])
    return meta


def _metres(value):
    return "{:g}".format(float(value or 0))


def layer_specs(info, extra=()):
    """Offline-project layer specs for a package's layers, grouped by category."""
    lang = language()
    specs = []
    for layer in info.layers:
        specs.append(dict(
            name=layer.title, table=layer.table_name, role=layer.role, kind=layer.kind,
            category=taxonomy.label(layer.category or taxonomy.UNCLASSIFIED, lang),
            subcategory=taxonomy.label(layer.subcategory, lang) if layer.subcategory else "",
            metadata=layer_metadata(layer, info)))
    return list(extra) + specs


def package_district(client, catalog, request, gpkg_path, feedback=None, write_project=True):
    """Make (or resume making) the offline package ``gpkg_path`` and its .qgz.

    ``write_project=False`` leaves the project to a caller that adds its own layers
    (the district review), so it is written once."""
    from .offline_project import write_offline_project

    feedback = feedback or QgsFeedback()
    started = time.perf_counter()
    gpkg_path = Path(gpkg_path).resolve()
    check_writable(gpkg_path.parent)
    district = request.district_feature or find_district(client, catalog, request.district_id,
                                                         feedback)
    props = district.get("properties") or {}
    district_id = request.district_id or props.get("district_id") or gpkg_path.stem
    grown = dict(district, geometry=buffered_geometry(district["geometry"], request.margin_m))
    clip = DistrictClip(grown)
    entries = choose_entries(catalog, district_id, request.collections, clip.bbox)
    key = fingerprint(request.service_url, district["geometry"], float(request.margin_m),
                      [e.id for e in entries], request.crs)
    with storage_errors(gpkg_path.parent):
        staging = Staging(gpkg_path, "staging", key)
        records, resumed = pull_into_staging(client, entries, staging, clip, request.crs,
                                             feedback)
        if feedback.isCanceled():
            raise TwinCancelled(tr("The download was cancelled."))
        name = (props.get("name_zh") if language() == "zh" else None) or props.get("name")
        stamp = now_utc()
        info = PackageInfo(
            service_url=request.service_url, district_id=district_id,
            district_name=name or district_id, authcfg=request.authcfg or "",
            margin_m=float(request.margin_m), crs=request.crs, created_at=stamp,
            refreshed_at=stamp, collections=[e.id for e in entries] if request.collections
            else [], district_geometry=json.dumps(district["geometry"]),
            layers=[provenance(r) for r in records], gpkg_path=gpkg_path)
        assemble(gpkg_path, [(staging.path_for(r["table"]), r["table"]) for r in records], info)
        qgz = None
        if write_project:
            qgz = write_offline_project(
                gpkg_path.with_suffix(".qgz"), gpkg_path, layer_specs(info),
                crs=request.crs, title=tr("Twin district package: {}").format(
                    info.district_name), package=gpkg_path.name)
        staging.remove()
    result = PackageResult(gpkg_path, qgz, info, resumed, seconds=time.perf_counter() - started)
    feedback.setProgress(100.0)
    log.info("Packaged {} ({} layers, {} features, {} resumed) in {:.1f} s.".format(
        gpkg_path, len(info.layers), result.feature_count, len(resumed), result.seconds))
    return result
