""""Test connection": is there an OGC API - Features twin service behind this URL?

Three requests, the ones every later step needs anyway: the landing page, the
conformance classes and the collection list. Any failure is one sentence.
"""

import time
from dataclasses import dataclass

from qgis.PyQt.QtCore import pyqtSignal

from ..i18n import tr
from .errors import TwinServiceError
from .tasks import TwinTask
from .transport import InvalidJson, host_of


@dataclass
class ConnectionReport:
    title: str          # the service's own title (remote text: escape before rich text)
    collections: int
    part2_crs: bool     # OGC API - Features Part 2: layers can come in the project CRS
    seconds: float

    def sentence(self):
        crs = tr("coordinates in any offered CRS") if self.part2_crs \
            else tr("coordinates in WGS 84 only")
        return tr("Connected to {}: {} collections, {} ({:.1f} s).").format(
            self.title, self.collections, crs, self.seconds)


def _not_features(client, reason):
    sentence = tr("The server at {} is not an OGC API - Features service: {}.").format(
        host_of(client.base_url), reason)
    return TwinServiceError(sentence, detail=client.base_url)


def check_connection(connection, feedback=None):
    """Landing page, conformance and collection count of ``connection``; raises
    TwinServiceError (one sentence) when the URL is not a usable twin service."""
    started = time.monotonic()
    client = connection.client()
    try:
        landing = client.landing(feedback)
    except InvalidJson as error:  # e.g. a web page: say what that means here
        raise _not_features(client, tr("its address does not answer with an OGC API "
                                       "landing page")) from error
    if not client.is_features_server():
        raise _not_features(client, tr("it does not declare OGC API - Features Core "
                                       "conformance"))
    count = len(client.collections(feedback))
    title = landing.get("title") if isinstance(landing.get("title"), str) else ""
    return ConnectionReport(title.strip() or host_of(client.base_url), count,
                            client.supports_crs(), time.monotonic() - started)


class ConnectionCheckTask(TwinTask):
    """check_connection() in the task manager; cancel aborts the request in flight."""

    checked = pyqtSignal(object)  # ConnectionReport, on the main thread

    def __init__(self, connection):
        super().__init__(tr("Testing connection {}").format(connection.name))
        self.connection = connection

    def work(self):
        return check_connection(self.connection, self._feedback)

    def succeeded(self, result):
        self.checked.emit(result)
