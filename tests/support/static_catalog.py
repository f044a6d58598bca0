"""A real local OGC API - Features server for a given list of collection documents.

For scale tests (sample_twin/big_catalog.py's 4,000 collections): pygeoapi would need
4,000 configured resources, so this serves the documents as they are, from a threaded
stdlib server on 127.0.0.1. Answers are serialised once and reused, so the server's own
time stays small beside the client's. With ``page`` the collection list is paged by an
opaque ``cursor`` in ``next`` links (pygeoapi pages by ``offset``), and a full last page
still carries ``next`` to an empty page, as some real servers do.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, quote, unquote, urlsplit

from tests.support.http_stub import LocalServer

CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
]
JSON = "application/json"
GEOJSON = "application/geo+json"


def _cursor(start):
    return "c{:x}".format(start)  # not an offset a client could guess from


def _start(cursor):
    try:
        return int(cursor[1:], 16) if cursor.startswith("c") else None
    except ValueError:
        return None


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self):
        catalog = self.server.owner
        catalog.count(self.path)
        status, media, body = catalog.answer(self.path)
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class StaticCatalog(LocalServer):
    """The handle: ``url`` (no trailing slash), ``requests`` (paths asked, in order),
    ``stop()``."""

    def __init__(self, collections, page=None):
        self.page = int(page) if page else None
        self.requests = []
        self._lock = threading.Lock()
        self._collections = list(collections)
        self._by_id = {str(c["id"]): c for c in self._collections}
        self._pages = {}
        super().__init__(_Handler)
        self._landing = self._json({
            "title": "Generated city twin ({} collections)".format(len(self._collections)),
            "description": "Static OGC API - Features catalog for scale tests.",
            "links": [
                {"rel": "self", "type": JSON, "href": "/"},
                {"rel": "data", "type": JSON, "href": "/collections"},
                {"rel": "conformance", "type": JSON, "href": "/conformance"},
            ]})
        self._conformance = self._json({"conformsTo": CONFORMANCE})
        self._empty_items = self._json({"type": "FeatureCollection", "features": [],
                                        "numberReturned": 0, "links": []})
        self.start()

    @staticmethod
    def _json(doc):
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")

    def count(self, path):
        with self._lock:
            self.requests.append(path)

    def _list_page(self, start):
        # Built once per page; the answer is the same every time.
        with self._lock:
            cached = self._pages.get(start)
        if cached is not None:
            return cached
        size = self.page or max(len(self._collections), 1)
        chunk = self._collections[start:start + size]
        links = [{"rel": "self", "type": JSON,
                  "href": "/collections" + ("?cursor=" + _cursor(start) if start else "")}]
        if self.page and len(chunk) == size:
            links.append({"rel": "next", "type": JSON,
                          "href": "/collections?cursor=" + _cursor(start + size)})
        body = self._json({"collections": chunk, "links": links})
        with self._lock:
            self._pages[start] = body
        return body

    def answer(self, raw_path):
        parts = urlsplit(raw_path)
        path = parts.path.rstrip("/") or "/"
        if path == "/":
            return 200, JSON, self._landing
        if path == "/conformance":
            return 200, JSON, self._conformance
        if path == "/collections":
            cursor = parse_qs(parts.query).get("cursor", [""])[0]
            start = _start(cursor) if cursor else 0
            if start is None:
                return 400, JSON, self._json({"code": "InvalidParameterValue",
                                              "description": "bad cursor"})
            return 200, JSON, self._list_page(start)
        segments = [unquote(s) for s in path.split("/")[1:]]
        if len(segments) in (2, 3) and segments[0] == "collections":
            doc = self._by_id.get(segments[1])
            if doc is not None and len(segments) == 2:
                return 200, JSON, self._json(doc)
            if doc is not None and segments[2] == "items":
                return 200, GEOJSON, self._empty_items
        return 404, JSON, self._json({"code": "NotFound", "description": quote(path)})

    def stop(self):
        super().stop()
        self._thread.join(timeout=5)


def serve_catalog(collections, page=None):
    """Start serving ``collections`` (list of dicts); ``page`` pages /collections."""
    return StaticCatalog(collections, page)


def main(argv=None):
    """Serve a generated catalog until killed (benchmarks run the server in its own
    process, so it does not share the client's interpreter lock): prints the URL."""
    import argparse
    import time

    from sample_twin.big_catalog import collections

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--collections", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--page", type=int, default=None)
    args = parser.parse_args(argv)
    handle = serve_catalog(collections(args.collections, args.seed), args.page)
    print(handle.url, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        handle.stop()
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main())
