"""The plugin's Processing provider: the toolbox group and its algorithms."""

from pathlib import Path

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..i18n import tr
from .compare_schemes import CompareSchemesAlgorithm
from .district_indicators import DistrictIndicatorsAlgorithm
from .district_report import DistrictReportAlgorithm
from .flood_impact import FloodImpactAlgorithm
from .height_control import HeightControlAlgorithm
from .package_district import PackageDistrictAlgorithm
from .refresh_package import RefreshPackageAlgorithm
from .review_district import ReviewDistrictAlgorithm
from .shadows import ShadowsAlgorithm
from .skyline import SkylineAlgorithm
from .sun_position import SunPositionAlgorithm
from .sunlight_hours import SunlightHoursAlgorithm
from .view_corridor import ViewCorridorAlgorithm

ICON = Path(__file__).resolve().parents[2] / "resources" / "icons" / "icon.svg"

# One entry per algorithm class; add new ones here.
ALGORITHMS = (DistrictIndicatorsAlgorithm, ReviewDistrictAlgorithm, PackageDistrictAlgorithm,
              RefreshPackageAlgorithm, FloodImpactAlgorithm, SkylineAlgorithm,
              ViewCorridorAlgorithm, HeightControlAlgorithm, SunPositionAlgorithm,
              ShadowsAlgorithm, SunlightHoursAlgorithm, DistrictReportAlgorithm,
              CompareSchemesAlgorithm)


class TwinReviewProvider(QgsProcessingProvider):
    def id(self):
        return "twindistrictreview"

    def name(self):
        return tr("Twin district review")

    def longName(self):
        return self.name()

    def icon(self):
        return QIcon(str(ICON))

    def svgIconPath(self):
        return str(ICON)

    def loadAlgorithms(self):
        for algorithm in ALGORITHMS:
            self.addAlgorithm(algorithm())
