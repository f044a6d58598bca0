"""What every algorithm of the provider shares: translation, group, icon, new instances."""

from pathlib import Path

from qgis.core import QgsProcessingAlgorithm
from qgis.PyQt.QtGui import QIcon

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
