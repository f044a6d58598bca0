"""The catalog: /collections documents → typed entries grouped by the twin taxonomy.

Twin metadata travels as ``twin:key=value`` tags in collection keywords (profile
section 2), because servers such as pygeoapi drop unknown collection fields but keep
keywords. Collections without tags (any plain OGC API server) stay usable: they land in
``unclassified`` as vector collections, or raster when they link a coverage.
"""

from dataclasses import dataclass, field

from .taxonomy import DEFAULT as DEFAULT_TAXONOMY
from .taxonomy import UNCLASSIFIED

CITY_WIDE = "*"
TAG_PREFIX = "twin:"
COVERAGE_RELS = ("http://www.opengis.net/def/rel/ogc/1.0/coverage", "coverage")


@dataclass
class CollectionEntry:
    id: str
    title: str = ""
    description: str = ""
    category: str = UNCLASSIFIED
    subcategory: str = None
    districts: list = field(default_factory=list)
    kind: str = "vector"
    role: str = None
    scenario: str = None
    scheme: str = None
    site: str = None
    version: str = None
    bbox: tuple = None
    crs: list = field(default_factory=list)
    links: list = field(default_factory=list)
    raw: dict = field(default_factory=dict, repr=False)

    @property
    def classified(self):
        return self.category != UNCLASSIFIED

    def covers(self, district_id):
        return CITY_WIDE in self.districts or district_id in self.districts


def keyword_texts(keywords):
    """Keyword strings from a list of strings and/or {"keyword": ...} objects."""
    if isinstance(keywords, str):
        keywords = keywords.split(",")
    out = []
    for kw in keywords or []:
        if isinstance(kw, dict):
            kw = kw.get("keyword") or kw.get("value") or kw.get("name")
        if isinstance(kw, str) and kw.strip():
            out.append(kw.strip())
    return out


def parse_tags(keywords):
    """``{"district": ["a", "b"], "role": ["buildings"], ...}`` from twin: tags."""
    tags = {}
    for text in keyword_texts(keywords):
        if not text.lower().startswith(TAG_PREFIX) or "=" not in text:
            continue
        key, _, value = text[len(TAG_PREFIX):].partition("=")
        key, value = key.strip().lower(), value.strip()
        if key and value:
            tags.setdefault(key, []).append(value)
    return tags


def has_coverage_link(links):
    for link in links or []:
        rel = link.get("rel", "")
        media = (link.get("type") or "").lower()
        if rel in COVERAGE_RELS or (rel == "enclosure" and "tiff" in media):
            return True
    return False


def _spatial_bbox(collection):
    try:
        bbox = collection["extent"]["spatial"]["bbox"]
        # bbox is a list of boxes, the first one being the overall extent.
        first = bbox[0] if isinstance(bbox[0], (list, tuple)) else bbox
        return tuple(float(v) for v in first)
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def entry_from_collection(collection, taxonomy=DEFAULT_TAXONOMY):
    tags = parse_tags(collection.get("keywords"))

    def one(key):
        values = tags.get(key)
        return values[0] if values else None

    subcategory = one("subcategory")
    category = one("category") or taxonomy.category_of(subcategory) or UNCLASSIFIED
    links = collection.get("links") or []
    kind = one("kind") or ("raster" if has_coverage_link(links)
                           or collection.get("itemType") == "coverage" else "vector")
    return CollectionEntry(
        id=str(collection.get("id", "")),
        title=collection.get("title") or str(collection.get("id", "")),
        description=collection.get("description") or "",
        category=category,
        subcategory=subcategory,
        districts=tags.get("district", []),
        kind=kind,
        role=one("role"),
        scenario=one("scenario"),
        scheme=one("scheme"),
        site=one("site"),
        version=one("version"),
        bbox=_spatial_bbox(collection),
        crs=list(collection.get("crs") or []),
        links=links,
        raw=collection,
    )


class Catalog:
    def __init__(self, entries, taxonomy=DEFAULT_TAXONOMY):
        self.entries = list(entries)
        self.taxonomy = taxonomy
        self._by_id = {e.id: e for e in self.entries}

    @classmethod
    def from_collections(cls, collections, taxonomy=DEFAULT_TAXONOMY):
        return cls((entry_from_collection(c, taxonomy) for c in collections), taxonomy)

    def __iter__(self):
        return iter(self.entries)

    def __len__(self):
        return len(self.entries)

    def get(self, cid):
        return self._by_id.get(cid)

    @property
    def unclassified(self):
        return [e for e in self.entries if not e.classified]

    def for_district(self, district_id, include_untagged=False):
        """Entries covering a district, city-wide (``*``) ones included.

        ``include_untagged`` adds collections with no district tag at all (their
        coverage is unknown, e.g. on a plain OGC API server)."""
        return [e for e in self.entries
                if e.covers(district_id) or (include_untagged and not e.districts)]

    def by_role(self, role, district_id=None):
        return [e for e in self.entries if e.role == role
                and (district_id is None or e.covers(district_id))]

    def districts(self):
        """District ids named by tags (without the city-wide ``*``), in first-seen order."""
        seen = []
        for e in self.entries:
            seen.extend(d for d in e.districts if d != CITY_WIDE and d not in seen)
        return seen

    def tree(self, lang="en", entries=None):
        """Category → subcategory → entries, in taxonomy order, empty branches left out.

        Returns ``[{"code", "label", "children": [{"code", "label", "entries"}]}]``;
        entries without a subcategory sit under a child with code None; the
        unclassified branch comes last.
        """
        entries = self.entries if entries is None else entries
        tax = self.taxonomy
        known_cats = tax.categories + sorted(
            {e.category for e in entries} - set(tax.categories) - {UNCLASSIFIED})
        nodes = []
        for cat in known_cats + [UNCLASSIFIED]:
            in_cat = [e for e in entries if e.category == cat]
            if not in_cat:
                continue
            subs = tax.children.get(cat, []) + sorted(
                {e.subcategory for e in in_cat if e.subcategory}
                - set(tax.children.get(cat, [])))
            children = []
            for sub in subs + [None]:
                members = [e for e in in_cat if e.subcategory == sub]
                if members:
                    children.append({
                        "code": sub,
                        "label": tax.label(sub, lang) if sub else tax.label(cat, lang),
                        "entries": members,
                    })
            nodes.append({"code": cat, "label": tax.label(cat, lang), "children": children})
        return nodes
