"""What every algorithm of the provider shares: translation, group, icon, new instances,
input checks before the run, the analysis CRS and reaching a twin service with errors as
one sentence."""

import datetime
from pathlib import Path

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterCrs,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtGui import QIcon

from .. import settings
from ..core.errors import TwinCancelled, TwinServiceError
from ..i18n import tr
from .layer_io import DEFAULT_CRS, metric_crs

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

    def checkParameterValues(self, parameters, context):  # noqa: N802
        """Runs ``self._inputs`` (where the algorithm has one: it raises
        QgsProcessingException with one sentence) before the algorithm starts, so the
        dialog, qgis_process, models and processing.run all show its message."""
        ok, message = super().checkParameterValues(parameters, context)
        if not ok or not hasattr(self, "_inputs"):
            return ok, message
        # Refusing here, not by raising in processAlgorithm, also keeps the layers of a
        # refused run from living on in a Python traceback inside QGIS.
        try:
            self._inputs(parameters, context)
        except QgsProcessingException as error:
            return False, str(error)
        return True, ""

    # -- parameters shared by the analyses

    SERVICE_URL = "SERVICE_URL"
    AUTHCFG = "AUTHCFG"

    def add_service_parameters(self):
        """The twin service's URL (default: the one last used) and its authentication."""
        self.addParameter(QgsProcessingParameterString(
            self.SERVICE_URL, tr("Twin service URL (OGC API - Features landing page)"),
            defaultValue=settings.get("service_url")))
        self.addParameter(QgsProcessingParameterAuthConfig(
            self.AUTHCFG, tr("Authentication"), optional=True))

    YEAR = "YEAR"

    def add_year_parameter(self):
        """The year of the sunlight rule's standard day (大寒日 or 冬至日): recorded in the
        report, so a review can be repeated with the same sun."""
        self.addParameter(QgsProcessingParameterNumber(
            self.YEAR, tr("Year of the sunlight standard day"),
            QgsProcessingParameterNumber.Integer, datetime.date.today().year,
            minValue=1900, maxValue=2200))

    def add_report_outputs(self):
        """The district review report's files."""
        self.addOutput(QgsProcessingOutputFile("REPORT_HTML", tr("Review report (HTML)")))
        self.addOutput(QgsProcessingOutputFile("REPORT_PDF", tr("Review report (PDF)")))
        self.addOutput(QgsProcessingOutputFile(
            "REPORT_JSON", tr("Review report figures and parameters (JSON)")))

    def add_crs_parameter(self):
        # Optional with a default: QGIS 3.22 refuses an omitted non-optional CRS even when
        # it has a default, which would break qgis_process and scripts that leave it out.
        self.addParameter(QgsProcessingParameterCrs(
            self.CRS, self.tr("Analysis CRS (metres)"), defaultValue=DEFAULT_CRS,
            optional=True))

    def analysis_crs(self, parameters, context):
        """The CRS parameter as a metric CRS (default EPSG:4547)."""
        crs = self.parameterAsCrs(parameters, self.CRS, context)
        return metric_crs(crs if crs.isValid() else DEFAULT_CRS)

    def add_field_parameters(self, parent, specs):
        """Field parameters of the layer ``parent`` from [(key, label, default, numeric)].
        Optional with defaults: QGIS 3.22 refuses an omitted field parameter otherwise."""
        for key, label, default, numeric in specs:
            self.addParameter(QgsProcessingParameterField(
                key, label, defaultValue=default, parentLayerParameterName=parent,
                type=(QgsProcessingParameterField.Numeric if numeric
                      else QgsProcessingParameterField.Any), optional=True))

    def add_number_outputs(self, labels=None):
        """A number output for each key of ``self.NUMBERS``, labelled from ``labels``
        (else the key in lower case)."""
        for key in self.NUMBERS:
            label = labels[key] if labels else key.replace("_", " ").lower()
            self.addOutput(QgsProcessingOutputNumber(key, label))

    def optional_double(self, parameters, key, context):
        """A number parameter, or None when it was left empty."""
        value = parameters.get(key)
        if value is None or value == "":
            return None
        return self.parameterAsDouble(parameters, key, context)


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
