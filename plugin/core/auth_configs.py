"""Credentials of twin service connections, kept in the QGIS authentication database.

The plugin stores only authcfg ids; user names, passwords and keys stay encrypted in
QGIS's database behind the user's master password. Nothing here returns or logs a
secret except ``api_headers``, which the transport needs to send them.

API keys use the config format of QGIS's own "API Header" method (QGIS >= 3.26):
method "APIHeader", config map {header name: value}. Newer QGIS applies such a
config natively everywhere (our transport, the OAPIF provider); on older QGIS the
method is missing, the config is still stored, and the transport applies it itself.
"""

from qgis.core import QgsApplication, QgsAuthMethodConfig

from ..i18n import tr
from .errors import TwinServiceError

BASIC = "Basic"
API_HEADER = "APIHeader"
DEFAULT_HEADER = "X-API-Key"


def _manager():
    return QgsApplication.authManager()


def unlock():
    """True when the database can be read; asks for the master password if needed.

    Call on the main thread before starting work that uses an authcfg: QGIS prompts
    there, while a task thread cannot show the prompt."""
    manager = _manager()
    if manager.isDisabled():
        return False
    return manager.masterPasswordIsSet() or manager.setMasterPassword(True)


def _store(name, method, config_map, authcfg=""):
    if not unlock():
        raise TwinServiceError(tr(
            "The QGIS authentication database is locked or unavailable, so the "
            "credentials were not saved; enter the master password and try again."))
    config = QgsAuthMethodConfig(method)
    config.setName(name)
    config.setConfigMap(config_map)
    manager = _manager()
    if authcfg and is_available(authcfg):
        config.setId(authcfg)
        ok = manager.updateAuthenticationConfig(config)
    else:
        ok, config = manager.storeAuthenticationConfig(config)
    if not ok or not config.id():
        raise TwinServiceError(tr("QGIS could not store the authentication configuration "
                                  "'{}'.").format(name))
    return config.id()


def create_basic(name, username, password, authcfg=""):
    """Store (or, given ``authcfg``, update) a Basic login; returns the authcfg id."""
    return _store(name, BASIC, {"username": username, "password": password, "realm": ""},
                  authcfg)


def create_api_key(name, header, key, authcfg=""):
    """Store (or update) an API-key header config; returns the authcfg id."""
    header = (header or "").strip()
    if not header or any(c in header for c in " :\r\n"):
        raise TwinServiceError(tr("'{}' is not a valid HTTP header name.").format(header))
    return _store(name, API_HEADER, {header: key}, authcfg)


def remove(authcfg):
    return bool(authcfg) and _manager().removeAuthenticationConfig(authcfg)


def is_available(authcfg):
    """Whether ``authcfg`` exists in the database (readable without the master password)."""
    return bool(authcfg) and authcfg in _manager().configIds()


def method(authcfg):
    """The auth method key of ``authcfg`` ("Basic", "APIHeader", ...), or ""."""
    return _manager().configAuthMethodKey(authcfg) if authcfg else ""


def qgis_applies(authcfg):
    """Whether QGIS itself can apply ``authcfg`` to a request (its method is installed).

    False for an APIHeader config on QGIS < 3.26: our transport then adds the header
    itself, but QGIS's providers (OAPIF live layers) cannot use that config."""
    return not authcfg or method(authcfg) in _manager().authMethodsKeys()


def api_headers(authcfg):
    """{header: value} for an APIHeader config that QGIS cannot apply itself, else None.

    The values are secrets: send them, never log or store them."""
    if not authcfg or method(authcfg) != API_HEADER or qgis_applies(authcfg):
        return None
    config = QgsAuthMethodConfig()
    ok, config = _manager().loadAuthenticationConfig(authcfg, config, True)
    if not ok or not config.configMap():
        raise TwinServiceError(tr(
            "The API key of this connection could not be read from the QGIS authentication "
            "database; enter the master password or check the configuration."))
    return dict(config.configMap())


def describe(authcfg):
    """A label for lists and messages: method and name, never the secret."""
    if not authcfg:
        return tr("No authentication")
    configs = _manager().availableAuthMethodConfigs()
    config = configs.get(authcfg)
    if config is None:
        return tr("Missing authentication configuration ({})").format(authcfg)
    kind = {BASIC: tr("Basic"), API_HEADER: tr("API key header")}.get(config.method(),
                                                                    config.method())
    return "{} ({})".format(config.name(), kind)
