"""Filtering the catalog as the analyst types: text, district, kind and map extent.

Each entry's searchable text is lower-cased once, up front, so a keystroke over a
4,000-collection catalog is a few substring tests per entry (a few milliseconds).
Pure Python: the dock and the Browser can share it, and it tests without Qt.
"""

from .catalog import CITY_WIDE, TAG_PREFIX, keyword_texts
from .taxonomy import DEFAULT as DEFAULT_TAXONOMY

KINDS = ("vector", "raster", "sensors", "scheme")
# twin:kind values folded into the four kinds the dock filters by.
_KIND_GROUP = {"raster": "raster", "sensors": "sensors", "observations": "sensors",
               "scheme": "scheme"}


def kind_group(kind):
    """'vector', 'raster', 'sensors' or 'scheme' for a twin:kind (unknown kinds are vector)."""
    return _KIND_GROUP.get((kind or "").lower(), "vector")


def human_keywords(entry):
    """The entry's keywords without the machine-readable twin: tags."""
    return [k for k in keyword_texts(entry.raw.get("keywords"))
            if not k.lower().startswith(TAG_PREFIX)]


def flat_bbox(bbox):
    """(minx, miny, maxx, maxy) of a 2D or 3D bbox, or None when there is none."""
    if not bbox or len(bbox) not in (4, 6):
        return None
    half = len(bbox) // 2
    return (bbox[0], bbox[1], bbox[half], bbox[half + 1])


def _labels(labels):
    # A Taxonomy, or its code -> {"en", "zh"} mapping.
    if labels is None:
        labels = DEFAULT_TAXONOMY
    return getattr(labels, "labels", labels)


def _haystack(entry, labels):
    parts = [entry.title, entry.description, entry.id, *human_keywords(entry)]
    for code in (entry.category, entry.subcategory):
        parts.extend((labels.get(code) or {}).values())
    return "\n".join(p for p in parts if p).lower()


def _intersects(a, b):
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


class SearchIndex:
    """``SearchIndex(catalog_entries).matching("flood", district="houhai")`` → ids."""

    def __init__(self, entries, labels=None):
        labels = _labels(labels)
        self._rows = [(e.id, _haystack(e, labels), kind_group(e.kind),
                       frozenset(e.districts), flat_bbox(e.bbox)) for e in entries]

    def __len__(self):
        return len(self._rows)

    def matching(self, text="", district=None, kinds=None, extent=None):
        """Ids of the entries passing every given filter.

        text: every whitespace-separated word must occur (case-insensitive substring,
        so Chinese works without word breaks); district: tagged for it or city-wide;
        kinds: a set of KINDS; extent: (minx, miny, maxx, maxy) in CRS84 — entries
        without a bbox pass, since their extent is unknown.
        """
        words = (text or "").lower().split()
        kinds = set(kinds) if kinds else None
        found = set()
        for cid, hay, kind, districts, bbox in self._rows:
            if kinds is not None and kind not in kinds:
                continue
            if district and district not in districts and CITY_WIDE not in districts:
                continue
            if extent is not None and bbox is not None and not _intersects(bbox, extent):
                continue
            if all(w in hay for w in words):
                found.add(cid)
        return found
