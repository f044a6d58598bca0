"""Refresh district package: a thin algorithm over core.package_refresh."""

import json
from pathlib import Path

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
)

from ..core.errors import TwinServiceError
from ..i18n import tr
from .base import PackageAlgorithm, open_service, run_core

STATUS_TEXT = {
    "changed": lambda: tr("changed"),
    "unchanged": lambda: tr("unchanged"),
    "skipped": lambda: tr("skipped"),
    "new": lambda: tr("new"),
    "gone": lambda: tr("gone from the service"),
}


class RefreshPackageAlgorithm(PackageAlgorithm):
    ICON = "refresh_package.svg"
    PACKAGE = "PACKAGE"
    AUTHCFG = "AUTHCFG"
    APPLY = "APPLY"
    FORCE = "FORCE"
    DIFF = "DIFF"

    def name(self):
        return "refreshdistrictpackage"

    def displayName(self):  # noqa: N802
        return tr("Refresh district package")

    def shortHelpString(self):  # noqa: N802
        return tr(
            "Re-pulls an offline district package from the twin service it came from and "
            "reports, per layer, the features added, removed and changed (matched by the "
            "service's feature id).\n\n"
            "A collection is skipped when it is unchanged: its twin:version is the same and "
            "the service confirms the recorded ETag / Last-Modified (a conditional request); "
            "without validators the twin:version decides; with neither it is re-pulled and "
            "compared. 'Re-pull everything' ignores them.\n"
            "With 'Apply' off, nothing in the package changes: the changes are only reported "
            "(and what was pulled is kept, so applying afterwards is quick).\n"
            "Applying keeps the previous package under snapshots/, replaces the package only "
            "when complete, adds a 'Building changes' layer (new, demolished, height changed) "
            "and adds new layers to the project, keeping your own changes to it.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(
            self.PACKAGE, tr("Package (.gpkg or its .qgz)"),
            fileFilter=tr("District package (*.gpkg *.qgz)")))
        self.addParameter(QgsProcessingParameterAuthConfig(
            self.AUTHCFG, tr("Authentication (default: the package's)"), optional=True))
        self.addParameter(QgsProcessingParameterBoolean(
            self.APPLY, tr("Apply the changes to the package"), defaultValue=True))
        self.addParameter(QgsProcessingParameterBoolean(
            self.FORCE, tr("Re-pull everything, even collections reported unchanged"),
            defaultValue=False))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.DIFF, tr("Changes (JSON)"), tr("JSON (*.json)"), optional=True,
            createByDefault=True))
        self.addOutput(QgsProcessingOutputFile("GEOPACKAGE", tr("GeoPackage")))
        self.addOutput(QgsProcessingOutputFile("PROJECT", tr("Offline project (.qgz)")))
        for name, label in (("ADDED", tr("Features added")), ("REMOVED", tr("Features removed")),
                            ("CHANGED", tr("Features changed")),
                            ("SKIPPED", tr("Collections skipped as unchanged"))):
            self.addOutput(QgsProcessingOutputNumber(name, label))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core.package_info import read_package_info
        from ..core.package_refresh import refresh_package

        path = self.parameterAsFile(parameters, self.PACKAGE, context)
        apply = self.parameterAsBool(parameters, self.APPLY, context)
        force = self.parameterAsBool(parameters, self.FORCE, context)
        try:
            info = read_package_info(path)
        except TwinServiceError as error:
            raise QgsProcessingException(str(error)) from error
        authcfg = self.parameterAsString(parameters, self.AUTHCFG, context) or info.authcfg
        feedback.pushInfo(tr("Package of {} from {}, last refreshed {}.").format(
            info.district_name, info.service_url, info.refreshed_at))
        client, catalog = open_service(info.service_url, authcfg, feedback)
        result = run_core(lambda: refresh_package(client, catalog, path, apply=apply,
                                                  force=force, feedback=feedback), feedback)
        for change in result.layers:
            feedback.pushInfo(tr("{}: {} (+{} −{} ~{}) {}").format(
                change.title, STATUS_TEXT[change.status](), change.added, change.removed,
                change.changed, change.reason).rstrip())
        if result.applied:
            feedback.pushInfo(tr("Applied; the previous version is kept as {}.").format(
                result.previous_snapshot))
        else:
            feedback.pushInfo(tr("Not applied: the package is unchanged."))
        diff_path = self.parameterAsFileOutput(parameters, self.DIFF, context)
        outputs = {"GEOPACKAGE": str(result.gpkg_path),
                   "PROJECT": str(result.qgz_path or Path(result.gpkg_path).with_suffix(".qgz")),
                   "ADDED": result.total("added"), "REMOVED": result.total("removed"),
                   "CHANGED": result.total("changed"), "SKIPPED": result.skipped}
        if diff_path:
            Path(diff_path).write_text(json.dumps(result.as_json(), indent=1, ensure_ascii=False),
                                       encoding="utf-8")
            outputs[self.DIFF] = diff_path
        return outputs
