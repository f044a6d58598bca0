"""OGC API - Features client following the twin service profile (TDS-1).

Real servers differ, so the client relies on what the standards promise only:
links are found by ``rel`` (not assumed paths), paging follows ``next`` links exactly
as given, ``numberMatched`` is a progress hint, and optional capabilities (Part 2 CRS,
coverages) are detected and degrade gracefully.
"""

import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import date
from datetime import datetime as _datetime
from urllib.parse import quote, urlencode, urljoin, urlsplit, urlunsplit

from .. import i18n
from ..i18n import tr
from .catalog import COVERAGE_RELS
from .crs import (
    CRS84,
    authid_from_uri,
    axis_inverted,
    crs_uri,
    is_crs84,
    normalise_axes,
    swap_bbox,
    transform_bbox,
)
from .errors import TwinCancelled, TwinServiceError
from .prefetch import PagePrefetcher
from .transport import QgisTransport

REL_DATA = ("data", "http://www.opengis.net/def/rel/ogc/1.0/data")
REL_CONFORMANCE = ("conformance", "http://www.opengis.net/def/rel/ogc/1.0/conformance")
REL_ITEMS = ("items", "http://www.opengis.net/def/rel/ogc/1.0/items")
REL_DESCRIBEDBY = ("describedby",)
# OGC API - Features Part 1 1.0 and 1.1 both count; Part 2 1.0 (and later minors).
_CORE_RE = re.compile(r"/ogcapi-features-1/1\.\d+/(conf|req)/core$")
_PART2_RE = re.compile(r"/ogcapi-features-2/1\.\d+/conf/crs$")

JSON_TYPES = ("application/json", "application/geo+json")
ACCEPT_JSON = "application/json, application/geo+json;q=0.9, */*;q=0.1"
ACCEPT_GEOJSON = "application/geo+json, application/json;q=0.9, */*;q=0.1"
ACCEPT_TIFF = "image/tiff; application=geotiff, image/tiff;q=0.9, */*;q=0.1"
# Servers that localise (OGC API Common, pygeoapi) pick titles by Accept-Language.
ACCEPT_LANGUAGE = {"zh": "zh-CN, zh;q=0.9, en;q=0.8", "en": "en, *;q=0.5"}
_TIFF_MAGIC = (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")


@dataclass
class Page:
    features: list          # GeoJSON feature dicts, coordinates in x/y order
    number_matched: int     # the server's hint, or None
    crs_authid: str         # what the coordinates are in, e.g. "OGC:CRS84", "EPSG:4547"
    index: int = 0          # 0-based page number
    url: str = ""
    number_returned: int = 0  # features the server sent (before client-side filtering)
    validators: dict = field(default_factory=dict)  # the response's ETag / Last-Modified


def validators_of(headers):
    """The HTTP validators a response carried: {"etag": ..., "last_modified": ...}."""
    return {key: headers[name] for key, name in (("etag", "etag"),
                                                 ("last_modified", "last-modified"))
            if headers.get(name)}


def find_link(links, rels, types=JSON_TYPES, base=None):
    """href (absolute when ``base`` given) of the first link with one of ``rels``,
    preferring the given media types, then links without a type, then anything
    that is not HTML."""
    candidates = [link for link in links or [] if link.get("rel") in rels and link.get("href")]

    def rank(link):
        media = (link.get("type") or "").split(";")[0].strip().lower()
        if media in types or any(t in (link.get("type") or "").lower() for t in types):
            return 0
        if not media:
            return 1
        return 3 if "html" in media else 2

    candidates.sort(key=rank)
    if not candidates or rank(candidates[0]) == 3:
        return None
    href = candidates[0]["href"]
    return urljoin(base, href) if base else href


def add_query(url, params):
    """Append query parameters, replacing same-named ones already in ``url``."""
    parts = urlsplit(url)
    kept = [p for p in parts.query.split("&") if p and p.split("=", 1)[0] not in params]
    query = "&".join(kept + [urlencode(params, quote_via=quote, safe=":/,")]) if params \
        else "&".join(kept)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def append_path(url, segment):
    parts = urlsplit(url)
    path = parts.path.rstrip("/") + "/" + quote(segment, safe="")
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def datetime_param(value):
    """'2024-06-01T00:00:00Z', a datetime/date, or a (start, end) pair (None = open)."""
    if isinstance(value, (tuple, list)):
        return "/".join(".." if v is None else datetime_param(v) for v in value)
    if isinstance(value, (_datetime, date)):
        return value.isoformat()
    return str(value)


def _number(value):
    return ",".join(repr(float(v)) for v in value)


def _same_value(actual, expected):
    if actual is None:
        return False
    if str(actual) == str(expected):
        return True
    try:
        return float(actual) == float(expected)
    except (TypeError, ValueError):
        return False


class ServiceClient:
    """One twin data service (an OGC API - Features landing page URL)."""

    def __init__(self, base_url, transport=None, page_size=1000, max_pages=100000, prefetch=0,
                 language=None):
        self.base_url = base_url.rstrip("/") + "/"
        # "zh" / "en"; None follows the QGIS locale, read when a request is made (clients
        # are built on one thread and used on another).
        self._language = language
        self.transport = transport or QgisTransport()
        self.page_size = int(page_size)
        self.max_pages = int(max_pages)
        # Fetch-ahead (prefetch.py) is opt-in: faster, but see the note there on cancel.
        self.prefetch = int(prefetch)
        self._landing = None
        self._conformance = None
        self._collections = None
        self._collections_crs = []
        self._collection = {}

    def refresh(self):
        """Forget cached landing page, conformance and catalog."""
        self.__init__(self.base_url, self.transport, self.page_size, self.max_pages,
                      self.prefetch, self._language)

    @property
    def language(self):
        """The language asked of the service: 'zh' or 'en'."""
        return "zh" if (self._language or i18n.language()).lower().startswith("zh") else "en"

    def headers(self, accept=ACCEPT_JSON):
        return {"Accept": accept, "Accept-Language": ACCEPT_LANGUAGE[self.language]}

    # -- documents ---------------------------------------------------------------
    def _get_json(self, url, what, feedback=None, accept=ACCEPT_JSON):
        response = self.transport.get(url, headers=self.headers(accept), feedback=feedback,
                                      what=what)
        doc = response.json(what=tr("a reply for {}").format(what))
        if not isinstance(doc, dict):
            raise TwinServiceError(
                tr("The twin service sent {} that is not a JSON object.").format(what),
                detail=url)
        return doc, response

    def landing(self, feedback=None):
        if self._landing is None:
            self._landing, _ = self._get_json(self.base_url, tr("the landing page"), feedback)
        return self._landing

    def _link(self, rels, fallback):
        href = find_link(self.landing().get("links"), rels, base=self.base_url)
        return href or urljoin(self.base_url, fallback)

    def conformance(self, feedback=None):
        """The conformance class URIs (list of str)."""
        if self._conformance is None:
            landing = self.landing(feedback)
            if isinstance(landing.get("conformsTo"), list):
                self._conformance = list(landing["conformsTo"])
            else:
                advertised = find_link(landing.get("links"), REL_CONFORMANCE)
                url = self._link(REL_CONFORMANCE, "conformance")
                try:
                    doc, _ = self._get_json(url, tr("the conformance list"), feedback)
                except TwinCancelled:
                    raise
                except TwinServiceError:
                    if advertised:
                        raise
                    doc = {}  # a server without /conformance: assume Part 1 Core only
                self._conformance = list(doc.get("conformsTo") or [])
        return self._conformance

    def is_features_server(self):
        return any(_CORE_RE.search(uri) for uri in self.conformance())

    def supports_crs(self):
        """OGC API - Features Part 2 (CRS by reference)."""
        return any(_PART2_RE.search(uri) for uri in self.conformance())

    def collections(self, feedback=None):
        """All collection documents (following ``next`` if the list is paged)."""
        if self._collections is None:
            url = self._link(REL_DATA, "collections")
            self._collections_url = url
            out, seen = [], set()
            while url and url not in seen and len(seen) < self.max_pages:
                seen.add(url)
                doc, response = self._get_json(url, tr("the collection list"), feedback)
                if not isinstance(doc.get("collections"), list):
                    raise TwinServiceError(
                        tr("The twin service sent a collection list without collections."),
                        detail=url)
                out.extend(c for c in doc["collections"] if isinstance(c, dict))
                self._collections_crs = doc.get("crs") or self._collections_crs
                url = find_link(doc.get("links"), ("next",), base=response.url)
            self._collections = out
        return self._collections

    def collection(self, cid, feedback=None):
        if cid not in self._collection:
            self.collections(feedback)  # needed for the URL and the '#/crs' list
            listed = next((c for c in self._collections if c.get("id") == cid), None)
            url = find_link((listed or {}).get("links"), ("self",), base=self._collections_url)
            url = url or append_path(self._collections_url, cid)
            doc, _ = self._get_json(url, tr("collection '{}'").format(cid), feedback)
            self._collection[cid] = doc
        return self._collection[cid]

    def taxonomy_document(self, feedback=None):
        """The service's own taxonomy JSON (landing rel=describedby), or None."""
        href = find_link(self.landing(feedback).get("links"), REL_DESCRIBEDBY,
                         base=self.base_url)
        if not href:
            return None
        try:
            doc, _ = self._get_json(href, tr("the taxonomy"), feedback)
        except TwinCancelled:
            raise
        except TwinServiceError:
            return None  # optional: the default taxonomy serves instead
        return doc if "categories" in doc else None

    # -- CRS -------------------------------------------------------------------
    def offered_crs(self, cid, authid):
        """The server's own URI for ``authid`` if Part 2 lets us request it, else None."""
        if not authid or is_crs84(authid) or not self.supports_crs():
            return None
        offered = []
        for uri in self.collection(cid).get("crs") or []:
            # '#/crs' refers to the list given once for all collections (Part 2).
            offered.extend(self._collections_crs if uri == "#/crs" else [uri])
        wanted = authid_from_uri(crs_uri(authid))
        return next((u for u in offered if authid_from_uri(u) == wanted), None)

    def _bbox_params(self, cid, bbox, bbox_crs):
        if not bbox_crs or is_crs84(bbox_crs):
            return {"bbox": _number(bbox)}
        uri = self.offered_crs(cid, bbox_crs)
        if uri:
            # bbox-crs coordinates follow the CRS's own axis order (northing first etc.).
            values = swap_bbox(bbox) if axis_inverted(uri) else list(bbox)
            return {"bbox": _number(values), "bbox-crs": uri}
        return {"bbox": _number(transform_bbox(bbox, bbox_crs, "OGC:CRS84"))}

    # -- features ----------------------------------------------------------------
    def items_url(self, cid):
        coll = self.collection(cid)
        href = find_link(coll.get("links"), REL_ITEMS, types=("application/geo+json",),
                         base=self._collections_url)
        return href or append_path(append_path(self._collections_url, cid), "items")

    def number_matched(self, cid, feedback=None):
        """The server's ``numberMatched`` for a whole collection (asked with a one-feature
        page), or None when it does not say. Optional in the standard: a hint only."""
        url = add_query(self.items_url(cid), {"limit": 1})
        doc, _ = self._get_json(url, tr("collection '{}'").format(cid), feedback,
                                accept=ACCEPT_GEOJSON)
        value = doc.get("numberMatched")
        return value if isinstance(value, int) and not isinstance(value, bool) \
            and value >= 0 else None

    def iter_pages(self, cid, bbox=None, properties=None, datetime=None, crs=None,
                   feedback=None, bbox_crs=None):
        """Yield Page objects of collection ``cid``.

        ``bbox`` is (minx, miny, maxx, maxy) in ``bbox_crs`` (default CRS84 lon/lat);
        ``properties`` {name: value} become ``name=value`` parameters and are checked
        again here, because servers silently ignore parameters they do not know;
        ``crs`` (e.g. "EPSG:4547") is requested only when Part 2 offers it for this
        collection; ``Page.crs_authid`` says what the coordinates really are in.
        """
        what = tr("collection '{}'").format(cid)
        params = {"limit": str(self.page_size)}
        requested = self.offered_crs(cid, crs)
        if requested:
            params["crs"] = requested
        if bbox:
            params.update(self._bbox_params(cid, bbox, bbox_crs))
        if datetime:
            params["datetime"] = datetime_param(datetime)
        for name, value in (properties or {}).items():
            params[name] = str(value)
        url = add_query(self.items_url(cid), params)

        headers = self.headers(ACCEPT_GEOJSON)
        fetcher = PagePrefetcher(
            lambda page_url: self.transport.get(page_url, headers=headers, feedback=feedback,
                                                what=what),
            lambda page_url: self.transport.get(page_url, headers=headers, what=what),
            self.prefetch)
        try:
            yield from self._follow_pages(url, what, requested, properties, fetcher, feedback)
        finally:
            fetcher.close()
        if feedback is not None:
            feedback.setProgress(100.0)

    def _follow_pages(self, url, what, requested, properties, fetcher, feedback):
        seen, index, received = set(), 0, 0
        while url:
            if feedback is not None and feedback.isCanceled():
                raise TwinCancelled(tr("The download was cancelled."))
            if url in seen:
                raise TwinServiceError(
                    tr("The twin service repeated a page link for {}, so the download "
                       "stopped instead of looping.").format(what), detail=url)
            if index >= self.max_pages:
                raise TwinServiceError(
                    tr("The twin service sent more than {} pages for {}, so the download "
                       "stopped.").format(self.max_pages, what), detail=url)
            seen.add(url)
            response = fetcher.get(url)
            doc = response.json(what=tr("a page"))
            features = doc.get("features") if isinstance(doc, dict) else None
            if not isinstance(features, list):
                raise TwinServiceError(
                    tr("The twin service sent a page without features for {}.").format(what),
                    detail="{}\n{!r}".format(url, response.body[:300]))
            # Content-Crs is authoritative: a server may ignore the crs we asked for.
            content_crs = response.headers.get("content-crs", "").strip().strip("<>")
            page_crs = content_crs or requested or CRS84
            returned = len(features)
            features = [self._normalise(f, page_crs) for f in features if isinstance(f, dict)]
            if properties:
                features = [f for f in features if all(
                    _same_value((f.get("properties") or {}).get(k), v)
                    for k, v in properties.items())]
            matched = doc.get("numberMatched")
            matched = matched if isinstance(matched, int) and matched >= 0 else None
            received += returned
            if feedback is not None and matched:
                feedback.setProgress(min(99.0, 100.0 * received / matched))
            next_url = None
            if returned:  # some servers send `next` on a full last page, then an empty page
                next_url = find_link(doc.get("links"), ("next",), types=JSON_TYPES, base=url)
                fetcher.plan(url, next_url, returned)  # fetch ahead while this page is used
            yield Page(features, matched, authid_from_uri(page_crs) or page_crs, index, url,
                       returned, validators_of(response.headers))
            index += 1
            url = next_url

    @staticmethod
    def _normalise(feature, page_crs):
        if not axis_inverted(page_crs):
            return feature
        feature = dict(feature)
        feature["geometry"] = normalise_axes(feature.get("geometry"))
        if isinstance(feature.get("bbox"), list):
            feature["bbox"] = swap_bbox(feature["bbox"])
        return feature

    def iter_features(self, cid, **kwargs):
        for page in self.iter_pages(cid, **kwargs):
            yield from page.features

    # -- coverages -----------------------------------------------------------------
    def coverage_url(self, cid):
        """URL of the collection's GeoTIFF coverage (OGC API - Coverages link or an
        enclosure); TwinServiceError if it has none."""
        links = self.collection(cid).get("links") or []
        tiff = ("image/tiff",)
        href = find_link(links, COVERAGE_RELS, types=tiff, base=self._collections_url)
        if href is None:
            enclosures = [link for link in links if link.get("rel") == "enclosure"
                          and "tiff" in (link.get("type") or "").lower()]
            href = find_link(enclosures, ("enclosure",), types=tiff, base=self._collections_url)
        if href is None:
            raise TwinServiceError(
                tr("Collection '{}' has no coverage on this twin service, so raster roles "
                   "are unavailable from this service.").format(cid),
                detail="links: {!r}".format([(k.get("rel"), k.get("type")) for k in links]))
        return href

    def unchanged_since(self, url, validators, feedback=None):
        """Whether ``url`` still answers with the recorded ``validators`` (validators_of).

        A conditional GET: 304 means unchanged; a server that ignores the condition is
        compared on the validators it sends back. None when nothing was recorded."""
        if not validators:
            return None
        headers = self.headers(ACCEPT_GEOJSON)
        if validators.get("etag"):
            headers["If-None-Match"] = validators["etag"]
        if validators.get("last_modified"):
            headers["If-Modified-Since"] = validators["last_modified"]
        response = self.transport.get(url, headers=headers, feedback=feedback,
                                      what=tr("the validators of {}").format(url))
        if response.status == 304:
            return True
        return validators_of(response.headers) == validators

    def download_coverage(self, cid, dest_tif, bbox=None, feedback=None, meta=None):
        """Write the coverage (optionally cut to a CRS84 bbox) to ``dest_tif``.

        The file appears only when complete: it is written under a temporary name
        and renamed, so an error or cancel leaves no partial GeoTIFF behind.
        ``meta``, a dict, receives the URL asked and the response's validators."""
        url = self.coverage_url(cid)
        if bbox and "/coverage" in urlsplit(url).path:
            url = add_query(url, {"bbox": _number(bbox)})  # enclosures cannot be cut
        what = tr("coverage '{}'").format(cid)
        response = self.transport.get(url, headers=self.headers(ACCEPT_TIFF),
                                      feedback=feedback, what=what)
        if meta is not None:
            meta.update(url=url, validators=validators_of(response.headers))
        if not response.body.startswith(_TIFF_MAGIC):
            raise TwinServiceError(
                tr("The twin service sent something other than a GeoTIFF for {}.").format(what),
                detail="{}\ncontent-type: {}\nbody starts: {!r}".format(
                    url, response.headers.get("content-type"), response.body[:200]))
        folder = os.path.dirname(os.path.abspath(dest_tif))
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".part-", suffix=".tif", dir=folder)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(response.body)
            if feedback is not None and feedback.isCanceled():
                raise TwinCancelled(tr("The download was cancelled."))
            os.replace(tmp, dest_tif)
        except BaseException:
            if os.path.exists(tmp):
                os.remove(tmp)
            raise
        if feedback is not None:
            feedback.setProgress(100.0)
        return dest_tif
