"""The transport goes the way QGIS is set up: its proxy and its authentication database.

Both checked with real sockets on loopback: a scripted server plays the HTTP proxy (it
receives absolute-URI requests for a host nobody listens on), and one demands Basic auth.
"""

import base64

import pytest
from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsNetworkAccessManager, QgsSettings

from plugin.core.errors import TwinServiceError
from plugin.core.transport import QgisTransport
from tests.support.http_stub import Reply, StubServer, free_port


@pytest.fixture
def stub():
    with StubServer() as server:
        yield server


def test_requests_go_through_the_qgis_proxy(stub):
    # The service URL points at a loopback address where nothing listens: only a
    # transport that uses QGIS's proxy setting can reach it, through the stub proxy.
    target = "http://127.0.0.2:{}/collections".format(free_port())
    stub.route("/collections", Reply(body={"collections": []}))
    settings = QgsSettings()  # as in Options > Network > Proxy
    proxy = {"proxyEnabled": True, "proxyType": "HttpProxy", "proxyHost": "127.0.0.1",
             "proxyPort": str(stub.port), "proxyExcludedUrls": "", "noProxyUrls": ""}
    for key, value in proxy.items():
        settings.setValue("proxy/" + key, value)
    QgsNetworkAccessManager.instance().setupDefaultProxyAndCache()
    try:
        response = QgisTransport(timeout_ms=3000).get(target)
    finally:
        settings.setValue("proxy/proxyEnabled", False)
        QgsNetworkAccessManager.instance().setupDefaultProxyAndCache()
    assert response.json() == {"collections": []}
    assert stub.requests[-1].raw.startswith("http://127.0.0.2:"), "absolute URI: a proxy request"


@pytest.fixture
def basic_authcfg():
    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        assert manager.setMasterPassword("tests-only-master", True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("twin test")
    config.setConfig("username", "analyst")
    config.setConfig("password", "s3cret")
    assert manager.storeAuthenticationConfig(config)[0]
    yield config.id()
    manager.removeAuthenticationConfig(config.id())


def test_authcfg_from_the_qgis_auth_database_is_sent(stub, basic_authcfg):
    expected = "Basic " + base64.b64encode(b"analyst:s3cret").decode()

    def guarded(request):
        if request.headers.get("authorization") != expected:
            return Reply(401, {"code": "unauthorized"},
                         headers={"WWW-Authenticate": 'Basic realm="twin"'})
        return Reply(body={"ok": True})

    stub.route("/secure", guarded)
    assert QgisTransport(authcfg=basic_authcfg).get(stub.url + "/secure").json() == {"ok": True}
    with pytest.raises(TwinServiceError) as err:
        QgisTransport(timeout_ms=3000).get(stub.url + "/secure")
    assert str(err.value) == ("The twin service needs a login for /secure (HTTP 401): "
                              "choose an authentication configuration for this connection.")


def test_unreachable_through_the_proxy_says_which_proxy(stub):
    """A proxy set in QGIS that is down: the sentence names it, so the user knows where
    to look."""
    dead = free_port()
    settings = QgsSettings()
    for key, value in {"proxyEnabled": True, "proxyType": "HttpProxy",
                       "proxyHost": "127.0.0.1", "proxyPort": str(dead)}.items():
        settings.setValue("proxy/" + key, value)
    QgsNetworkAccessManager.instance().setupDefaultProxyAndCache()
    try:
        with pytest.raises(TwinServiceError) as err:
            QgisTransport(timeout_ms=3000).get(stub.url + "/collections")
    finally:
        settings.setValue("proxy/proxyEnabled", False)
        QgsNetworkAccessManager.instance().setupDefaultProxyAndCache()
    assert str(err.value) == (
        "The twin service at 127.0.0.1:{} could not be reached through the proxy set in "
        "QGIS (127.0.0.1:{}).".format(stub.port, dead))
