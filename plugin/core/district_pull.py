"""Pull every collection tagged for one district into one GeoPackage.

The district's footprint comes from the service's `districts` collection; each tagged
collection is fetched inside the district's bounding box (CRS84), vectors through the pull
engine and rasters through OGC API - Coverages. The whole package is written under a
temporary name and renamed into place only when every layer arrived.
"""

from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import QgsFeedback

from ..i18n import language, tr
from .downloads import (
    VECTOR_KINDS,
    DownloadedLayer,
    download_collections,
    geometry_bbox,
)
from .errors import TwinServiceError

# A pulled layer is a downloaded one (the review reads the same fields).
PulledLayer = DownloadedLayer


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
        raise TwinServiceError(tr("The service has no collection tagged as districts "
                                  "(twin:role=districts)."))
    for entry in candidates:
        for page in client.iter_pages(entry.id, properties={"district_id": district_id},
                                      feedback=feedback):
            # A server may ignore an unsupported filter and return everything: check each one.
            for feature in page.features:
                if (feature.get("properties") or {}).get("district_id") == district_id:
                    return feature
    raise TwinServiceError(tr("The service has no district '{}'.").format(district_id))


def pull_district(client, catalog, district_id, gpkg_path, target_crs="EPSG:4547", feedback=None):
    """Pull all collections tagged for `district_id` (and city-wide ones) into `gpkg_path`.

    Whole features inside the district's bounding box, as the service counts them."""
    feedback = feedback or QgsFeedback()
    district = find_district(client, catalog, district_id, feedback)
    props = district.get("properties") or {}
    bbox = geometry_bbox(district["geometry"])
    entries = catalog.for_district(district_id)
    if not any((e.kind or "vector") in VECTOR_KINDS | {"raster"} for e in entries):
        raise TwinServiceError(tr("No collection is tagged for district '{}'.").format(district_id))
    downloaded = download_collections(client, entries, gpkg_path, target_crs=target_crs,
                                      feedback=feedback, bbox=bbox)
    # The district's own name follows the language, like layer titles and groups do.
    name = (props.get("name_zh") if language() == "zh" else None) or props.get("name")
    return DistrictPull(district_id, name or district_id, bbox, Path(gpkg_path),
                        downloaded.layers, downloaded.skipped, downloaded.seconds)
