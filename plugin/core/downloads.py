"""Download chosen collections into one GeoPackage: one table per collection.

Vectors go through the pull engine, rasters through OGC API - Coverages. The whole
GeoPackage is written under a temporary name and renamed onto the target only when
every collection arrived, so a failure or cancel leaves the previous file (or none).

For a district, collections are requested inside the district's bounding box and
vector features whose geometry does not touch the district polygon are dropped
(whole features are kept, never cut); rasters are cut to the bounding box.
"""

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from osgeo import ogr, osr
from qgis.core import QgsApplication, QgsFeedback

from .. import log
from ..i18n import tr
from . import atomic
from .client import Page
from .crs import is_crs84
from .errors import TwinCancelled, TwinServiceError
from .pull import pull_coverage_to_gpkg, raster_uri, table_name, write_pages_to_gpkg

VECTOR_KINDS = {"vector", "sensors", "observations", "scheme"}
# Kinds without a role tag whose kind picks the style (resources/styles/<kind>.qml).
KIND_STYLES = ("scheme", "observations")
CACHE_DIR = ("twin_district_review", "cache")


@dataclass
class DownloadedLayer:
    collection_id: str
    table: str
    title: str
    role: str
    kind: str
    category: str
    subcategory: str
    feature_count: int = None  # None for rasters
    uri: str = ""              # QGIS data source: ogr "path|layername=t" or gdal "GPKG:path:t"
    is_raster: bool = False
    number_matched: int = None  # what the service said it matched, if it said
    seconds: float = 0.0
    dropped_outside: int = 0    # features in the bbox but outside the district polygon
    query_url: str = ""         # the first request (items page or coverage), as sent
    validators: dict = field(default_factory=dict)  # its ETag / Last-Modified, if any


@dataclass
class DownloadResult:
    gpkg_path: Path
    layers: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (collection id, reason)
    seconds: float = 0.0
    district_id: str = None
    dropped_outside: int = 0


class StepFeedback:
    """One collection's share of the whole download's progress.

    The pull engine and the transport only call isCanceled() and setProgress(), so a
    plain object reading the parent's cancel flag suffices; a QgsFeedback child would
    need a signal across threads (the task's worker thread has no event loop)."""

    def __init__(self, parent, step, steps):
        self.parent, self.step, self.steps = parent, step, steps

    def isCanceled(self):
        return self.parent.isCanceled()

    def setProgress(self, value):
        self.parent.setProgress(100.0 * (self.step + value / 100.0) / self.steps)


def entry_role(entry):
    """The style role: the role tag, else the kind for schemes and observations."""
    kind = entry.kind or "vector"
    return entry.role or (kind if kind in KIND_STYLES else "")


def download_collections(client, entries, gpkg_path, district=None, target_crs="EPSG:4547",
                         feedback=None, bbox=None):
    """Download ``entries`` (CollectionEntry) into ``gpkg_path``; returns a DownloadResult.

    ``district``: a GeoJSON district feature (district_pull.find_district) to clip to;
    ``bbox``: without a district, a CRS84 box to request (whole features, no clip).
    Raises TwinCancelled on cancel and TwinServiceError on failure; either way no file
    is left at ``gpkg_path`` unless one was there before (then it is untouched)."""
    feedback = feedback or QgsFeedback()
    started = time.perf_counter()
    gpkg_path = Path(gpkg_path)
    clip = DistrictClip(district) if district else None
    if clip is not None:
        bbox = clip.bbox
    result = DownloadResult(gpkg_path, district_id=clip.district_id if clip else None)
    wanted = []
    for entry in entries:
        if (entry.kind or "vector") in VECTOR_KINDS | {"raster"}:
            wanted.append(entry)
        else:
            result.skipped.append((entry.id, "kind '{}' is not downloaded".format(entry.kind)))
    if not wanted:
        raise TwinServiceError(tr("None of the chosen collections can be downloaded."))
    tables = set()
    tmp_path = atomic.temp_path_beside(gpkg_path, ".gpkg")
    try:
        for index, entry in enumerate(wanted):
            if feedback.isCanceled():
                raise TwinCancelled(tr("The download was cancelled."))
            step = StepFeedback(feedback, index, len(wanted))
            step.setProgress(0.0)
            layer = download_entry(client, entry, tmp_path, unique_table(table_name(entry.id), tables),
                                   bbox, clip, target_crs, step)
            layer.uri = (raster_uri(gpkg_path, layer.table) if layer.is_raster
                         else "{}|layername={}".format(gpkg_path, layer.table))
            result.layers.append(layer)
            result.dropped_outside += layer.dropped_outside
        if feedback.isCanceled():
            raise TwinCancelled(tr("The download was cancelled."))
        atomic.replace_file(tmp_path, gpkg_path)
    finally:
        atomic.remove_file(tmp_path)
    feedback.setProgress(100.0)
    result.seconds = time.perf_counter() - started
    log.info("Downloaded {} collections into {} in {:.1f} s ({} features outside the district "
             "dropped).".format(len(result.layers), gpkg_path, result.seconds,
                                result.dropped_outside))
    return result


def unique_table(name, taken):
    # Ids such as "a-b" and "a_b" map to the same table name.
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = "{}_{}".format(name, n), n + 1
    taken.add(candidate)
    return candidate


def download_entry(client, entry, gpkg_path, table, bbox, clip, target_crs, feedback):
    """Download one collection into table ``table`` of ``gpkg_path``; a DownloadedLayer."""
    kind = entry.kind or "vector"  # a collection without a kind tag: treat as features
    layer = DownloadedLayer(entry.id, table, entry.title or entry.id, entry_role(entry), kind,
                            entry.category or "", entry.subcategory or "",
                            is_raster=kind == "raster")
    started = time.perf_counter()
    if layer.is_raster:
        meta = {}
        pull_coverage_to_gpkg(client, entry.id, gpkg_path, table, bbox=bbox, feedback=feedback,
                              meta=meta)
        layer.query_url, layer.validators = meta.get("url", ""), meta.get("validators", {})
    else:
        pages = _first_page_noted(client.iter_pages(entry.id, bbox=bbox, feedback=feedback),
                                  layer)
        if clip is not None:
            pages = clip.pages(pages, layer)
        pulled = write_pages_to_gpkg(pages, gpkg_path, table, target_crs, feedback=feedback,
                                     source=entry.id)
        layer.feature_count = pulled.feature_count
        layer.number_matched = pulled.number_matched
    layer.seconds = time.perf_counter() - started
    return layer


def _first_page_noted(pages, layer):
    """Pass pages through, noting the first one's URL and validators on ``layer``
    (the provenance of a package, and what a refresh asks again)."""
    for page in pages:
        if page.index == 0:
            layer.query_url, layer.validators = page.url, dict(page.validators)
        yield page


class DistrictClip:
    """Keeps the features of a page that intersect the district polygon."""

    def __init__(self, district):
        self.district_id = (district.get("properties") or {}).get("district_id")
        self.bbox = geometry_bbox(district["geometry"])
        self._crs84 = ogr.CreateGeometryFromJson(json.dumps(district["geometry"]))
        if self._crs84 is None:
            raise TwinServiceError(tr("The service sent a district without a usable boundary."),
                                   detail=json.dumps(district)[:300])
        self._by_crs = {}

    def polygon_in(self, authid):
        """The district polygon in the page's CRS (pages normally come in CRS84)."""
        if not authid or is_crs84(authid) or authid == "EPSG:4326":
            return self._crs84
        if authid not in self._by_crs:
            src, dst = osr.SpatialReference(), osr.SpatialReference()
            src.SetWellKnownGeogCS("WGS84")
            dst.SetFromUserInput(authid)
            for ref in (src, dst):  # features are always x/y (lon/easting first)
                ref.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
            polygon = self._crs84.Clone()
            polygon.Transform(osr.CoordinateTransformation(src, dst))
            self._by_crs[authid] = polygon
        return self._by_crs[authid]

    def pages(self, pages, layer):
        for page in pages:
            polygon = self.polygon_in(page.crs_authid)
            kept = [f for f in page.features if self._touches(polygon, f.get("geometry"))]
            layer.dropped_outside += len(page.features) - len(kept)
            yield Page(kept, page.number_matched, page.crs_authid, page.index, page.url,
                       page.number_returned)

    @staticmethod
    def _touches(polygon, geometry):
        if not geometry:
            return False
        shape = ogr.CreateGeometryFromJson(json.dumps(geometry))
        return shape is not None and shape.Intersects(polygon)


def geometry_bbox(geometry):
    """(minx, miny, maxx, maxy) of a GeoJSON geometry, without a geometry library."""
    xs, ys = [], []

    def walk(coords):
        if coords and isinstance(coords[0], (int, float)):
            xs.append(coords[0])
            ys.append(coords[1])
        else:
            for part in coords:
                walk(part)

    walk(geometry["coordinates"])
    return min(xs), min(ys), max(xs), max(ys)


def cache_gpkg_path(connection, entry):
    """Where a collection fetched only for display (a raster "added") is kept: one
    GeoPackage per collection under the QGIS profile, apart for each service URL."""
    service = "{}_{}".format(table_name(connection.name) or "service",
                             hashlib.sha1(connection.url.encode("utf-8")).hexdigest()[:8])
    return Path(QgsApplication.qgisSettingsDirPath(), *CACHE_DIR, service,
                "{}.gpkg".format(table_name(entry.id)))
