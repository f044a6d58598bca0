"""A real local reverse proxy that puts a login in front of the sample twin service.

The sample service (pygeoapi) has no authentication; real twin services do. The proxy
demands either HTTP Basic (a user and password) or an API-key header, answers 401
otherwise, forwards GETs upstream and rewrites the upstream base URL in bodies and
headers to its own, so every link the client follows (next pages, collections) comes
back through the proxy and must carry the credentials too.

It records the headers of every request it saw, so tests can check what was sent.
"""

import base64
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler

from tests.support.http_stub import LocalServer

# One master password for every test that touches the QGIS authentication database:
# the database keeps a hash of the first one set, so all tests must agree on it.
MASTER_PASSWORD = "tests-only-master"

# Only these travel upstream: the credentials stop at the proxy, and no
# Accept-Encoding means bodies arrive uncompressed, ready to rewrite.
_FORWARDED = ("accept", "accept-language", "user-agent")
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length",
               "content-encoding", "server", "date"}


def unlock_auth_database():
    """Set the master password without a prompt (QGIS asks for it in the GUI)."""
    from qgis.core import QgsApplication

    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        assert manager.setMasterPassword(MASTER_PASSWORD, True), \
            "the test auth database has another master password"
    return manager


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self):
        proxy = self.server.owner
        headers = {k.lower(): v for k, v in self.headers.items()}
        proxy.requests.append((self.path, headers))
        if not proxy.allows(headers):
            extra = {"WWW-Authenticate": 'Basic realm="twin"'} if proxy.basic else {}
            self._send(401, b'{"code": "Unauthorized"}',
                       {"Content-Type": "application/json", **extra})
            return
        status, upstream_headers, body = proxy.forward(self.path, headers)
        self._send(status, body, upstream_headers)

    def _send(self, status, body, headers):
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up: nothing to answer


class AuthProxy(LocalServer):
    """``AuthProxy(upstream, basic=("user", "pw"))`` or ``api_key=("X-API-Key", "k")``;
    ``with`` starts and stops it; ``.url`` is its base URL (no trailing slash)."""

    def __init__(self, upstream, basic=None, api_key=None):
        if bool(basic) == bool(api_key):
            raise ValueError("give exactly one of basic or api_key")
        self.upstream = upstream.rstrip("/")
        self.basic = basic
        self.api_key = api_key
        self.requests = []  # (path, {lower-case header: value}) as received
        super().__init__(_Handler)

    def allows(self, headers):
        if self.basic:
            token = base64.b64encode("{}:{}".format(*self.basic).encode()).decode()
            return headers.get("authorization") == "Basic " + token
        name, value = self.api_key
        return headers.get(name.lower()) == value

    def forward(self, path, headers):
        """(status, headers, body) of the upstream answer, links rewritten."""
        request = urllib.request.Request(
            self.upstream + path, headers={k: v for k, v in headers.items() if k in _FORWARDED})
        try:
            with urllib.request.urlopen(request, timeout=60) as reply:
                status, raw_headers, body = reply.status, reply.headers, reply.read()
        except urllib.error.HTTPError as error:
            status, raw_headers, body = error.code, error.headers, error.read()
        upstream, own = self.upstream.encode(), self.url.encode()
        out = {k: v.replace(self.upstream, self.url) for k, v in raw_headers.items()
               if k.lower() not in _HOP_BY_HOP}
        return status, out, body.replace(upstream, own)

    def seen(self, header):
        """Values of ``header`` (any case) in the requests received, in order."""
        return [h.get(header.lower()) for _path, h in self.requests]

