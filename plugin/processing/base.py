"""What every algorithm of the provider shares: translation, group, icon, new instances,
and reaching a twin service with errors as one sentence."""

from pathlib import Path

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
from qgis.PyQt.QtGui import QIcon

from ..core.errors import TwinCancelled, TwinServiceError
from ..i18n import tr

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"


class ReviewAlgorithm(QgsProcessingAlgorithm):
    """Base of the "District review" group; set ``ICON`` to the file in resources/icons."""

    ICON = "icon.svg"

    def tr(self, text):
        return tr(text)

    def createInstance(self):  # noqa: N802 (QGIS API name)
        return type(self)()

    def icon(self):
        return QIcon(str(ICONS / self.ICON))

    def group(self):
        return tr("District review")

    def groupId(self):  # noqa: N802
        return "districtreview"


class PackageAlgorithm(ReviewAlgorithm):
    """Base of the "Offline packages" group."""

    ICON = "package.svg"

    def group(self):
        return tr("Offline packages")

    def groupId(self):  # noqa: N802
        return "offlinepackages"


def open_service(url, authcfg, feedback):
    """(client, catalog) of a twin service, or one-sentence QgsProcessingException."""
    from ..core.catalog import Catalog
    from ..core.client import ServiceClient
    from ..core.transport import QgisTransport

    if not url:
        raise QgsProcessingException(tr("Give the twin service URL."))
    try:
        client = ServiceClient(url, transport=QgisTransport(authcfg=authcfg or None))
        catalog = Catalog.from_collections(client.collections(feedback=feedback))
    except TwinServiceError as error:
        raise QgsProcessingException(str(error)) from error
    return client, catalog


def run_core(work, feedback):
    """Run core work, turning its errors into the one sentence Processing shows."""
    try:
        return work()
    except TwinCancelled as error:
        feedback.reportError(str(error))
        raise QgsProcessingException(str(error)) from error
    except TwinServiceError as error:
        raise QgsProcessingException(str(error)) from error
