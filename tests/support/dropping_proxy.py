"""A real local reverse proxy in front of the sample twin service that breaks pulls on
purpose: the connection drops in the middle of a page, or the server fails, after a
chosen number of good pages. Optionally it plays a server with HTTP validators.

It forwards GETs (query strings included) upstream and rewrites the upstream base URL
in bodies and headers to its own, exactly as AuthProxy does (the same function), so
every `next` link the client follows comes back through it.

Validators (``add_validators=True``): pygeoapi sends neither ETag nor Last-Modified;
servers such as ldproxy or GeoServer do. In this mode the proxy adds, to every 200
answer under ``/collections/{id}`` (the collection document, its items pages, single
items and coverages alike):

- ``ETag: "<sha1 of collection id + NUL + version>"``, where version is a per-collection
  string the test sets with ``set_version(id, v)`` ("1" until set). The ETag does not
  depend on the query: it says which version of the collection's data the answer came
  from, so the test must call ``set_version`` whenever it changes that collection's data
  (e.g. after sample_changes.change_buildings), as a real server's validator would change.
- ``Last-Modified``: when the proxy started, or the last ``set_version`` for that
  collection (always at least a second later than the previous value, so
  If-Modified-Since sees every change).

It answers a conditional GET itself, without asking upstream: ``If-None-Match`` matching
the current ETag (or ``*``; weak ``W/`` tags compare weakly) gives ``304 Not Modified``
with ETag and Last-Modified and no body; without If-None-Match, ``If-Modified-Since`` at
or after Last-Modified gives 304 too (RFC 9110 precedence).

Faults count only successful (200) items pages, ``/collections/{id}/items``, since the
fault was armed, and only of the named collection when one is given. The faulted answer
replaces what would have been a good page, so it never counts as one. A fault plays
``times`` times (once by default; None: every later page), then pages pass again.
"""

import hashlib
import re
import threading
import time
from email.utils import formatdate, parsedate_to_datetime
from urllib.parse import urlsplit

from tests.support.auth_proxy import AuthProxy
from tests.support.auth_proxy import _Handler as _ForwardingHandler
from tests.support.http_stub import LocalServer

_COLLECTION = re.compile(r"^/collections/([^/]+)(/.*)?$")
_ITEMS = re.compile(r"^/collections/([^/]+)/items/?$")


def items_collection(path):
    """The collection id of an items-page request path (query allowed), else None."""
    match = _ITEMS.match(urlsplit(path).path)
    return match.group(1) if match else None


def _collection_of(path):
    match = _COLLECTION.match(urlsplit(path).path)
    return match.group(1) if match else None


def _tags(header):
    """Entity tags of an If-None-Match value, weak prefixes removed (weak comparison)."""
    return {t.strip().removeprefix("W/") for t in header.split(",") if t.strip()}


class _Fault:
    def __init__(self, kind, after, collection_id, times, status=None, keep=0.5):
        self.kind = kind                  # "drop" or "fail"
        self.after = after                # good pages to let through first
        self.collection_id = collection_id
        self.remaining = times            # faults still to produce (None: every one)
        self.status = status
        self.keep = keep
        self.passed = 0

    def applies(self, collection_id):
        return self.remaining != 0 and self.collection_id in (None, collection_id)


class _Handler(_ForwardingHandler):
    def do_GET(self):
        proxy = self.server.owner
        headers = {k.lower(): v for k, v in self.headers.items()}
        proxy.record(self.path, headers)
        validators = proxy.validators_for(self.path)
        if validators and proxy.not_modified(headers, validators):
            self._send_not_modified(validators)
            return
        status, out_headers, body = proxy.forward(self.path, headers)
        if status == 200 and validators:
            out_headers.update(validators)
        fault = proxy.fault_for(self.path, status)
        if fault is None:
            self._send(status, body, out_headers)
        elif fault.kind == "fail":
            self._send(fault.status, b'{"code": "ServerError", "description": "injected failure"}',
                       {"Content-Type": "application/json"})
        else:
            self._drop(body, out_headers, fault.keep)

    def _send_not_modified(self, validators):
        # No Content-Length: a 304 may only carry the length the 200 would have had.
        try:
            self.send_response(304)
            for name, value in validators.items():
                self.send_header(name, value)
            self.end_headers()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _drop(self, body, headers, keep):
        """Status line and headers announcing the whole body, part of it, then close."""
        self.close_connection = True
        try:
            self.send_response(200)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[:int(len(body) * keep)])
            self.wfile.flush()
            self.connection.shutdown(2)  # SHUT_RDWR: the client sees the end mid-body
        except OSError:
            pass  # the client went first


class DroppingProxy(LocalServer):
    """``with DroppingProxy(service_url) as proxy:`` point the client at ``proxy.url``.

    ``proxy.requests``: request paths with query, in order; ``proxy.drops`` /
    ``proxy.failures``: how many faults were produced."""

    # The forwarding and link rewriting shared with AuthProxy (it uses only
    # ``self.upstream`` and ``self.url``).
    forward = AuthProxy.forward

    def __init__(self, upstream_url, add_validators=False):
        self.upstream = upstream_url.rstrip("/")
        self.add_validators = add_validators
        self.requests = []
        self.request_headers = []   # {lower-case name: value}, parallel to requests
        self.drops = 0
        self.failures = 0
        self._fault = None
        self._versions = {}         # collection id -> (version, Last-Modified epoch seconds)
        self._started = int(time.time())
        self._lock = threading.Lock()
        super().__init__(_Handler)

    # -- what was asked ------------------------------------------------------------
    def record(self, path, headers):
        with self._lock:
            self.requests.append(path)
            self.request_headers.append(headers)

    def items_requests(self, collection_id=None):
        """Items-page requests (path with query), of one collection or all, in order."""
        return [p for p in list(self.requests)
                if items_collection(p) is not None
                and collection_id in (None, items_collection(p))]

    # -- faults --------------------------------------------------------------------
    def drop_after_pages(self, n, collection_id=None, times=1, keep=0.5):
        """Let ``n`` good items pages through, then drop the connection ``times`` times
        (None: every later page) after sending the headers and ``keep`` of the body.
        ``drop_after_pages(None)`` disarms any fault."""
        self._arm(None if n is None else _Fault("drop", n, collection_id, times, keep=keep))

    def fail_after_pages(self, n, status=500, collection_id=None, times=1):
        """Like drop_after_pages, but the faulted page is an HTTP ``status`` error with a
        small JSON body. ``fail_after_pages(None)`` disarms any fault."""
        self._arm(None if n is None else _Fault("fail", n, collection_id, times, status=status))

    def _arm(self, fault):
        with self._lock:
            self._fault = fault

    def fault_for(self, path, status):
        """The fault to play instead of this answer, or None to send it as it is."""
        cid = items_collection(path)
        with self._lock:
            fault = self._fault
            if status != 200 or cid is None or fault is None or not fault.applies(cid):
                return None
            if fault.passed < fault.after:
                fault.passed += 1
                return None
            if fault.remaining is not None:
                fault.remaining -= 1
            if fault.kind == "drop":
                self.drops += 1
            else:
                self.failures += 1
            return fault

    # -- validators ----------------------------------------------------------------
    def set_version(self, collection_id, version):
        """Change the collection's ETag and move its Last-Modified forward."""
        with self._lock:
            _old, modified = self._versions.get(collection_id, ("1", self._started))
            self._versions[collection_id] = (str(version),
                                             max(int(time.time()), modified + 1))

    def etag(self, collection_id):
        version = self._versions.get(collection_id, ("1", self._started))[0]
        digest = hashlib.sha1("{}\0{}".format(collection_id, version).encode("utf-8"))
        return '"{}"'.format(digest.hexdigest())

    def validators_for(self, path):
        """{ETag, Last-Modified} for a path under /collections/{id}, else {}."""
        cid = _collection_of(path)
        if not self.add_validators or cid is None:
            return {}
        with self._lock:
            modified = self._versions.get(cid, ("1", self._started))[1]
        return {"ETag": self.etag(cid), "Last-Modified": formatdate(modified, usegmt=True)}

    @staticmethod
    def not_modified(headers, validators):
        if "if-none-match" in headers:
            tags = _tags(headers["if-none-match"])
            return "*" in tags or validators["ETag"] in tags
        since = headers.get("if-modified-since")
        if not since:
            return False
        try:
            return parsedate_to_datetime(since) >= parsedate_to_datetime(
                validators["Last-Modified"])
        except (TypeError, ValueError):
            return False  # an unreadable date is ignored, as RFC 9110 asks
