"""A small real HTTP server that plays scripted OGC API - Features answers.

The client is tested over real sockets (through QGIS's network stack), not mocks, so
the pathological cases real servers produce are scripted here: silently capped pages,
`next` on a full last page, looping `next`, missing or wrong numberMatched, relative
hrefs, HTTP errors, malformed JSON, slow answers and connections dropped mid-body.
"""

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

CORE_10 = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"
CORE_11 = "http://www.opengis.net/spec/ogcapi-features-1/1.1/conf/core"
GEOJSON_10 = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"
PART2_CRS = "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs"
COVERAGE_REL = "http://www.opengis.net/def/rel/ogc/1.0/coverage"


@dataclass
class Reply:
    status: int = 200
    body: object = b""          # bytes, str, or anything JSON-serialisable
    headers: dict = field(default_factory=dict)
    delay: float = 0.0          # seconds before the status line
    drop_after: int = None      # send this many body bytes, then close the socket

    def payload(self):
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode("utf-8")
        return json.dumps(self.body).encode("utf-8")


@dataclass
class Request:
    path: str
    query: dict          # name -> first value
    raw: str             # path?query as received
    headers: dict


def free_port():
    """A port on 127.0.0.1 nobody listens on (for "service down" tests)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self):
        stub = self.server.owner
        parts = urlsplit(self.path)
        request = Request(parts.path, {k: v[0] for k, v in parse_qs(parts.query).items()},
                          self.path, {k.lower(): v for k, v in self.headers.items()})
        stub.requests.append(request)
        handler = stub.routes.get(parts.path)
        reply = handler(request) if handler else Reply(404, {"code": "NotFound"})
        if reply.delay:
            time.sleep(reply.delay)
        body = reply.payload()
        try:
            self.send_response(reply.status)
            # One request per connection: a kept-alive connection to a stopped stub
            # could be reused by QGIS for a later stub that got the same port, and answer
            # with the old stub's script (a flaky test seen once).
            self.close_connection = True
            headers = {"Content-Type": "application/json", "Connection": "close",
                       **reply.headers}
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if reply.drop_after is not None:
                self.wfile.write(body[:reply.drop_after])
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout or cancel): expected in those tests


class LocalServer:
    """A threaded HTTP server on a free 127.0.0.1 port, its lifecycle shared by the test
    servers: ``handler`` finds its owner as ``self.server.owner``."""

    def __init__(self, handler):
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._server.owner = self
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        daemon=True)  # short poll: quick stop()

    @property
    def port(self):
        return self._server.server_address[1]

    @property
    def url(self):
        return "http://127.0.0.1:{}".format(self.port)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class StubServer(LocalServer):
    """``with StubServer() as stub: stub.route("/x", fn)``; ``stub.url`` is the base."""

    def __init__(self):
        self.routes = {}
        self.requests = []
        super().__init__(_Handler)

    def route(self, path, handler):
        """``handler(Request) -> Reply``, or a Reply to always send."""
        self.routes[path] = handler if callable(handler) else (lambda _request: handler)

    def paths(self, prefix=""):
        return [r.raw for r in self.requests if r.path.startswith(prefix)]

    # -- scripted OGC API ---------------------------------------------------------
    def add_service(self, collections, conformance=(CORE_10, GEOJSON_10), landing_links=None):
        """Landing page, conformance and /collections for the given collection docs.

        Links use non-default paths (/api/...) so a client that assumes paths fails.
        """
        base = self.url
        links = [
            {"rel": "self", "type": "application/json", "href": base + "/"},
            {"rel": "conformance", "type": "text/html", "href": base + "/api/conf.html"},
            {"rel": "conformance", "type": "application/json", "href": base + "/api/conf"},
            {"rel": "data", "type": "application/json", "href": base + "/api/colls?f=json"},
        ] + list(landing_links or [])
        self.route("/", Reply(body={"title": "stub twin", "links": links}))
        self.route("/api/conf", Reply(body={"conformsTo": list(conformance)}))
        docs = []
        for coll in collections:
            cid = coll["id"]
            doc = {"links": [], **coll}
            doc["links"] = doc["links"] + [
                {"rel": "self", "type": "application/json",
                 "href": "{}/api/colls/{}?f=json".format(base, cid)},
                {"rel": "items", "type": "application/geo+json",
                 "href": "{}/api/colls/{}/items?f=json".format(base, cid)},
            ]
            docs.append(doc)
            self.route("/api/colls/{}".format(cid), Reply(body=doc))
        self.route("/api/colls", Reply(body={"collections": docs, "links": []}))
        return docs

    def add_paged_items(self, cid, features, server_max=250, number_matched="exact",
                        href="absolute", next_on_full_last_page=False, loop_at_page=None,
                        content_crs=None):
        """Serve ``features`` with offset paging at /api/colls/<cid>/items.

        server_max: silent cap on `limit`; number_matched: "exact", "none" or "wrong";
        href: "absolute", "relative" ("items?...") or "root" ("/api/...");
        next_on_full_last_page: a `next` on a full last page, then an empty page;
        loop_at_page: that page's `next` repeats page 2's link (a broken offset).
        """
        path = "/api/colls/{}/items".format(cid)

        def next_href(offset, limit):
            query = "offset={}&limit={}&f=json".format(offset, limit)
            if href == "relative":
                return "items?" + query
            if href == "root":
                return path + "?" + query
            return "{}{}?{}".format(self.url, path, query)

        def handler(request):
            limit = min(int(request.query.get("limit", 10)), server_max)
            offset = int(request.query.get("offset", 0))
            page = features[offset:offset + limit]
            body = {"type": "FeatureCollection", "features": page,
                    "numberReturned": len(page), "links": []}
            if number_matched == "exact":
                body["numberMatched"] = len(features)
            elif number_matched == "wrong":
                body["numberMatched"] = len(features) // 3
            end = offset + len(page)
            more = end < len(features) or (next_on_full_last_page and len(page) == limit)
            page_no = offset // limit + 1 if limit else 1
            if loop_at_page is not None and page_no == loop_at_page:
                body["links"].append({"rel": "next", "type": "application/geo+json",
                                      "href": next_href(limit, limit)})
            elif more:
                body["links"].append({"rel": "next", "type": "application/geo+json",
                                      "href": next_href(end, limit)})
            headers = {"Content-Type": "application/geo+json"}
            if content_crs:
                headers["Content-Crs"] = "<{}>".format(content_crs)
            return Reply(body=body, headers=headers)

        self.route(path, handler)
        return path


def point_features(n, prefix="f", lon0=114.0, lat0=22.5):
    """``n`` point features with ids prefix.0 .. prefix.n-1 in lon/lat order."""
    return [{"type": "Feature", "id": "{}.{}".format(prefix, i),
             "geometry": {"type": "Point", "coordinates": [lon0 + i * 1e-4, lat0 + i * 1e-5]},
             "properties": {"n": i, "district_id": "xiangmihu" if i % 2 else "houhai"}}
            for i in range(n)]
