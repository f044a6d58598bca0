"""A district of the service: its feature from the `districts` collection.

Used by the catalog's "for district" download and by the offline district package
(district_package.py), which clips to the district grown by a margin.
"""

from ..i18n import tr
from .errors import TwinServiceError


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
