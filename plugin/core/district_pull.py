"""Pull every collection tagged for one district into one GeoPackage.

The district's footprint comes from the service's `districts` collection; each tagged
collection is fetched inside the district's bounding box (CRS84), vectors through the pull
engine and rasters through OGC API - Coverages. The whole package is written under a
temporary name and renamed into place only when every layer arrived.
"""

import time
from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import QgsFeedback

from . import atomic
from .errors import TwinCancelled, TwinServiceError
from .pull import pull_coverage_to_gpkg, pull_to_gpkg, table_name

VECTOR_KINDS = {"vector", "sensors", "observations", "scheme"}


@dataclass
class PulledLayer:
    collection_id: str
    table: str
    title: str
    role: str
    kind: str
    category: str
    subcategory: str
    feature_count: int = None  # None for rasters
    number_matched: int = None
    seconds: float = 0.0


@dataclass
class DistrictPull:
    district_id: str
    name: str
    bbox: tuple  # CRS84 lon/lat
    gpkg_path: Path
    layers: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (collection id, reason)
    seconds: float = 0.0


def find_district(client, catalog, district_id, feedback=None):
    """The district feature (GeoJSON dict) with `district_id`, from a `districts` collection."""
    candidates = catalog.by_role("districts")
    if not candidates:
        raise TwinServiceError("The service has no collection tagged as districts (twin:role=districts).")
    for entry in candidates:
        for page in client.iter_pages(entry.id, properties={"district_id": district_id},
                                      feedback=feedback):
            # A server may ignore an unsupported filter and return everything: check each one.
            for feature in page.features:
                if (feature.get("properties") or {}).get("district_id") == district_id:
                    return feature
    raise TwinServiceError("The service has no district '{}'.".format(district_id))


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


def pull_district(client, catalog, district_id, gpkg_path, target_crs="EPSG:4547", feedback=None):
    """Pull all collections tagged for `district_id` (and city-wide ones) into `gpkg_path`."""
    feedback = feedback or QgsFeedback()
    started = time.perf_counter()
    gpkg_path = Path(gpkg_path)
    district = find_district(client, catalog, district_id, feedback)
    props = district.get("properties") or {}
    result = DistrictPull(district_id, props.get("name") or district_id,
                          geometry_bbox(district["geometry"]), gpkg_path)

    entries = catalog.for_district(district_id)
    tmp_path = atomic.temp_path_beside(gpkg_path)
    try:
        for index, entry in enumerate(entries):
            if feedback.isCanceled():
                raise TwinCancelled("The district pull was cancelled.")
            feedback.setProgress(100.0 * index / max(1, len(entries)))
            layer = _pull_entry(client, entry, tmp_path, result.bbox, target_crs, feedback)
            if layer is None:
                result.skipped.append((entry.id, "kind '{}' is not pulled".format(entry.kind)))
            else:
                result.layers.append(layer)
        if not result.layers:
            raise TwinServiceError("No collection is tagged for district '{}'.".format(district_id))
        atomic.replace_file(tmp_path, gpkg_path)
    finally:
        atomic.remove_file(tmp_path)
    feedback.setProgress(100.0)
    result.seconds = time.perf_counter() - started
    return result


def _pull_entry(client, entry, gpkg_path, bbox, target_crs, feedback):
    table = table_name(entry.id)
    kind = entry.kind or "vector"  # a district tag without a kind tag: treat as features
    # Schemes and observations carry no role tag; their kind picks their style.
    role = entry.role or (kind if kind in ("scheme", "observations") else "")
    layer = PulledLayer(entry.id, table, entry.title or entry.id, role, kind,
                        entry.category or "", entry.subcategory or "")
    started = time.perf_counter()
    if kind == "raster":
        pull_coverage_to_gpkg(client, entry.id, gpkg_path, table, bbox=bbox, feedback=feedback)
    elif kind in VECTOR_KINDS:
        pulled = pull_to_gpkg(client, entry.id, gpkg_path, layer_name=table, bbox=bbox,
                              target_crs=target_crs, feedback=feedback)
        layer.feature_count = pulled.feature_count
        layer.number_matched = pulled.number_matched
    else:
        return None
    layer.seconds = time.perf_counter() - started
    return layer
