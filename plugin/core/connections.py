"""Twin service connections, stored in QGIS settings.

A connection is a name, a landing-page URL and, optionally, the id of a QGIS
authentication configuration (authcfg). Secrets never live here: user names,
passwords and API keys stay in the QGIS authentication database.
"""

from dataclasses import dataclass
from urllib.parse import quote, unquote

from qgis.core import QgsSettings

from .client import ServiceClient
from .transport import QgisTransport

GROUP = "twin_district_review/connections"
CURRENT_KEY = "twin_district_review/current_connection"


@dataclass
class Connection:
    name: str
    url: str
    authcfg: str = ""  # a QGIS auth config id, or "" for none

    def client(self, page_size=1000, timeout_ms=None):
        """A ServiceClient for this connection (requests carry the authcfg)."""
        return ServiceClient(self.url, QgisTransport(self.authcfg or None, timeout_ms),
                             page_size=page_size)


def _key(name):
    # Settings keys treat "/" as a group separator; names may contain anything.
    return quote(name, safe="")


def connections():
    """Every stored connection, sorted by name (case-insensitive)."""
    settings = QgsSettings()
    settings.beginGroup(GROUP)
    try:
        keys = settings.childGroups()
    finally:
        settings.endGroup()
    found = [connection(unquote(k)) for k in keys]
    return sorted((c for c in found if c is not None), key=lambda c: c.name.lower())


def connection(name):
    """The connection called ``name``, or None."""
    if not name:
        return None
    settings = QgsSettings()
    base = "{}/{}/".format(GROUP, _key(name))
    url = settings.value(base + "url", "", type=str)
    if not url:
        return None
    return Connection(name, url, settings.value(base + "authcfg", "", type=str))


def save(conn, previous_name=None):
    """Store ``conn``; with ``previous_name`` the old entry is renamed (replaced)."""
    if not conn.name.strip() or not conn.url.strip():
        raise ValueError("a connection needs a name and a URL")
    settings = QgsSettings()
    if previous_name and previous_name != conn.name:
        settings.remove("{}/{}".format(GROUP, _key(previous_name)))
        if current_name() == previous_name:
            set_current(conn.name)
    base = "{}/{}/".format(GROUP, _key(conn.name))
    settings.setValue(base + "url", conn.url.strip())
    settings.setValue(base + "authcfg", conn.authcfg or "")


def remove(name):
    QgsSettings().remove("{}/{}".format(GROUP, _key(name)))
    if current_name() == name:
        set_current("")


def current_name():
    return QgsSettings().value(CURRENT_KEY, "", type=str)


def set_current(name):
    QgsSettings().setValue(CURRENT_KEY, name or "")


def current():
    """The connection last chosen in the dock, else the first one, else None."""
    return connection(current_name()) or next(iter(connections()), None)
