"""Connections with a login: Basic and API-key header, through a real proxy that demands
them in front of the sample twin service, with the credentials only ever in the QGIS
authentication database."""

import urllib.request
from pathlib import Path

import pytest
from qgis.core import (
    QgsApplication,
    QgsProject,
    QgsSettings,
    QgsVectorLayer,
)

from plugin.core import auth_configs
from plugin.core.connections import Connection
from plugin.core.errors import TwinServiceError
from plugin.core.live_layers import PROVIDER, oapif_uri
from plugin.core.pull import pull_to_gpkg
from tests.support.auth_proxy import AuthProxy, unlock_auth_database

PASSWORD = "pw-Basic-7f3a91"
API_KEY = "key-Api-5c02e8d4"
HEADER = "X-API-Key"


@pytest.fixture(scope="module", autouse=True)
def auth_db(qgis_app):
    return unlock_auth_database()


@pytest.fixture(scope="module")
def basic_proxy(twin_service):
    with AuthProxy(twin_service, basic=("analyst", PASSWORD)) as proxy:
        yield proxy


@pytest.fixture(scope="module")
def key_proxy(twin_service):
    with AuthProxy(twin_service, api_key=(HEADER, API_KEY)) as proxy:
        yield proxy


@pytest.fixture
def authcfgs():
    """Create auth configs through auth_configs; removed after the test."""
    made = []

    def make(kind, *args):
        authcfg = getattr(auth_configs, "create_" + kind)("twin test " + kind, *args)
        made.append(authcfg)
        return authcfg

    yield make
    for authcfg in made:
        auth_configs.remove(authcfg)


@pytest.fixture
def log_messages():
    """Every QGIS log message (any tag) while the test runs."""
    seen = []

    def record(message, tag, level):
        seen.append("{} {}".format(tag, message))

    QgsApplication.messageLog().messageReceived.connect(record)
    yield seen
    QgsApplication.messageLog().messageReceived.disconnect(record)


def expected_count(manifest, cid):
    return next(c["count"] for c in manifest["collections"] if c["id"] == cid)


def test_without_login_the_sentence_asks_for_one(basic_proxy, key_proxy):
    for proxy in (basic_proxy, key_proxy):
        with pytest.raises(TwinServiceError) as err:
            Connection("no login", proxy.url).client().collections()
        assert str(err.value) == (
            "The twin service needs a login for the landing page (HTTP 401): choose an "
            "authentication configuration for this connection.")


def test_basic_login_lists_and_pulls(basic_proxy, authcfgs, sample_manifest, tmp_path):
    authcfg = authcfgs("basic", "analyst", PASSWORD)
    before = len(basic_proxy.requests)
    client = Connection("basic", basic_proxy.url, authcfg).client()
    assert len(client.collections()) == len(sample_manifest["collections"]) == 24
    result = pull_to_gpkg(client, "metro-stations", tmp_path / "m.gpkg")
    assert result.feature_count == expected_count(sample_manifest, "metro-stations") == 9
    # every request, links followed included, came through the proxy with the login
    paths = [path for path, _ in basic_proxy.requests[before:]]
    assert any("/collections/metro-stations/items" in path for path in paths)
    assert all(v.startswith("Basic ") for v in basic_proxy.seen("authorization")[before:])


def test_wrong_password_is_refused_in_one_sentence(basic_proxy, authcfgs):
    authcfg = authcfgs("basic", "analyst", "not-" + PASSWORD)
    with pytest.raises(TwinServiceError) as err:
        Connection("wrong", basic_proxy.url, authcfg).client().collections()
    assert str(err.value) == (
        "The twin service refused the credentials of this connection for the landing page "
        "(HTTP 401); check its authentication configuration.")


def test_api_key_header_lists_and_pulls(key_proxy, authcfgs, sample_manifest, tmp_path):
    authcfg = authcfgs("api_key", HEADER, API_KEY)
    assert auth_configs.method(authcfg) == "APIHeader"
    before = len(key_proxy.requests)
    client = Connection("key", key_proxy.url, authcfg).client()
    assert len(client.collections()) == 24
    result = pull_to_gpkg(client, "viewpoints", tmp_path / "v.gpkg")
    assert result.feature_count == expected_count(sample_manifest, "viewpoints") == 4
    sent = key_proxy.seen(HEADER)[before:]
    assert sent and set(sent) == {API_KEY}


def test_wrong_api_key_is_refused(key_proxy, authcfgs):
    authcfg = authcfgs("api_key", HEADER, "wrong-key")
    with pytest.raises(TwinServiceError) as err:
        Connection("key", key_proxy.url, authcfg).client().landing()
    assert "refused the credentials of this connection" in str(err.value)


def test_missing_authcfg_is_one_sentence(basic_proxy):
    with pytest.raises(TwinServiceError) as err:
        Connection("gone", basic_proxy.url, "zz00zz0").client().landing()
    assert str(err.value) == ("The authentication configuration of this connection (zz00zz0) "
                              "is not in the QGIS authentication database; choose another one.")


def test_config_qgis_cannot_apply_is_one_sentence(basic_proxy):
    """E.g. a config made on a newer QGIS with a method this one lacks."""
    from qgis.core import QgsAuthMethodConfig

    config = QgsAuthMethodConfig("NoSuchMethod")
    config.setName("from the future")
    config.setConfig("token", API_KEY)
    ok, config = QgsApplication.authManager().storeAuthenticationConfig(config)
    assert ok
    try:
        with pytest.raises(TwinServiceError) as err:
            Connection("future", basic_proxy.url, config.id()).client().landing()
    finally:
        auth_configs.remove(config.id())
    assert str(err.value) == (
        "QGIS could not apply the authentication configuration of this connection; "
        "enter the master password or check the configuration.")


def test_describe_names_the_config_never_the_secret(authcfgs):
    basic = authcfgs("basic", "analyst", PASSWORD)
    key = authcfgs("api_key", HEADER, API_KEY)
    assert auth_configs.describe(basic) == "twin test basic (Basic)"
    assert auth_configs.describe(key) == "twin test api_key (API key header)"
    assert auth_configs.describe("") == "No authentication"
    assert auth_configs.is_available(key) and not auth_configs.is_available("zz00zz0")


def test_invalid_header_name_is_refused():
    with pytest.raises(TwinServiceError) as err:
        auth_configs.create_api_key("bad", "X API Key", API_KEY)
    assert str(err.value) == "'X API Key' is not a valid HTTP header name."


def test_updating_a_config_keeps_its_id(key_proxy, authcfgs):
    authcfg = authcfgs("api_key", HEADER, "old-key")
    assert auth_configs.create_api_key("renamed", HEADER, API_KEY, authcfg) == authcfg
    assert Connection("key", key_proxy.url, authcfg).client().landing()["links"]
    assert auth_configs.describe(authcfg) == "renamed (API key header)"


def test_secrets_stay_out_of_settings_log_and_project(basic_proxy, key_proxy, authcfgs,
                                                      log_messages, tmp_path):
    from plugin.core import connections

    basic = authcfgs("basic", "analyst", PASSWORD)
    key = authcfgs("api_key", HEADER, API_KEY)
    saved = [Connection("secret test basic", basic_proxy.url, basic),
             Connection("secret test key", key_proxy.url, key)]
    try:
        for conn in saved:
            connections.save(conn)
            connections.connection(conn.name).client().collections()
        with pytest.raises(TwinServiceError):  # failures log details: still no secret
            Connection("wrong", basic_proxy.url, key).client().landing()
        layer = QgsVectorLayer(oapif_uri(basic_proxy.url, "metro-stations", basic), "m",
                               PROVIDER)
        project = QgsProject()
        project.addMapLayer(layer)
        assert project.write(str(tmp_path / "p.qgs"))
        settings = QgsSettings()
        settings.sync()
        ini = Path(settings.fileName()).read_text(encoding="utf-8")
    finally:
        for conn in saved:
            connections.remove(conn.name)
    assert basic_proxy.url in ini and key in ini  # the connection is there: its id only
    project_text = (tmp_path / "p.qgs").read_text(encoding="utf-8")
    assert "authcfg={}".format(basic) in project_text
    log_text = "\n".join(log_messages)
    assert "GET " + basic_proxy.url in log_text  # the log was captured
    for secret in (PASSWORD, API_KEY):
        assert secret not in ini and secret not in project_text and secret not in log_text


def test_qgis_oapif_provider_uses_a_basic_authcfg(twin_service, authcfgs, sample_manifest):
    """Live layers: QGIS's own OAPIF provider sends the Basic login on every request."""
    authcfg = authcfgs("basic", "analyst", PASSWORD)
    # A proxy of its own: QGIS's HTTP cache answers repeated URLs without asking the
    # server, so a layer without login must come first, on URLs nobody fetched yet.
    with AuthProxy(twin_service, basic=("analyst", PASSWORD)) as proxy:
        without = QgsVectorLayer(oapif_uri(proxy.url, "metro-stations"), "m", PROVIDER)
        assert not without.isValid()
        layer = QgsVectorLayer(oapif_uri(proxy.url, "metro-stations", authcfg), "m", PROVIDER)
        assert layer.isValid()
        features = list(layer.getFeatures())  # no filter rect: the whole collection
    assert len(features) == expected_count(sample_manifest, "metro-stations")
    sent = proxy.seen("authorization")
    assert sent[0] is None and sent[1:] and all(v.startswith("Basic ") for v in sent[1:])


def test_oapif_provider_and_api_key_header_on_this_qgis(key_proxy, authcfgs):
    """QGIS < 3.26 has no "APIHeader" auth method: its providers cannot apply such a
    config, and auth_configs.qgis_applies says so (live layers must be refused)."""
    authcfg = authcfgs("api_key", HEADER, API_KEY)
    layer = QgsVectorLayer(oapif_uri(key_proxy.url, "metro-stations", authcfg), "m",
                           PROVIDER)
    native = "APIHeader" in QgsApplication.authManager().authMethodsKeys()
    assert auth_configs.qgis_applies(authcfg) == native
    assert layer.isValid() == native


def test_proxy_really_demands_the_login(basic_proxy):
    """The proxy itself, seen by a plain HTTP client: 401 with a Basic challenge."""
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(basic_proxy.url + "/collections?f=json", timeout=10)
    assert err.value.code == 401
    assert err.value.headers["WWW-Authenticate"].startswith("Basic")
