"""What the toolbar, the plugin menu and the catalog dock do with offline district packages.

Nothing here packages or refreshes anything: "Package district" opens the Processing
dialog of ``twindistrictreview:packagedistrict`` (prefilled from the catalog dock),
"Refresh" runs ``twindistrictreview:refreshdistrictpackage`` in the task manager (first
APPLY=False for a preview, then APPLY=True when the user applies it) and "Package info"
shows what core's read_package_info() says. Outcomes reach the message bar as one
sentence; details are in the Processing log.
"""

from pathlib import Path

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsProcessing,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
    QgsProviderRegistry,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QObject, Qt, QUrl, pyqtSignal
from qgis.PyQt.QtGui import QDesktopServices, QIcon
from qgis.PyQt.QtWidgets import QFileDialog, QMessageBox, QProgressBar, QPushButton

from .. import log
from ..core.errors import TwinServiceError
from ..core.package_info import package_gpkg_for, read_package_info
from ..i18n import tr
from .catalog_actions import TaskRunner, notify, unlock_auth

PACKAGE_ALG = "twindistrictreview:packagedistrict"
REPORT_ALG = "twindistrictreview:districtreport"
REFRESH_ALG = "twindistrictreview:refreshdistrictpackage"
# Where a package's .qgz names its GeoPackage (QgsProject.writeEntry / readEntry);
# a relative path is relative to the project file's folder.
PROJECT_SCOPE, PROJECT_KEY = "twin_district_review", "package"
ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"


# -- the packaging dialog ---------------------------------------------------------------
def package_parameters(connection=None, district_id=None, collection_ids=()):
    """The packagedistrict parameters a dialog starts with: the connection's service and
    auth config, the district, and the collections (none = every one tagged for it)."""
    parameters = {"COLLECTIONS": ",".join(collection_ids)}
    if connection is not None:
        parameters["SERVICE_URL"] = connection.url
        if connection.authcfg:
            parameters["AUTHCFG"] = connection.authcfg
    if district_id:
        parameters["DISTRICT"] = district_id
    return parameters


def dock_parameters(dock, selection=True):
    """package_parameters() from the catalog dock: its connection, its district filter
    and (with ``selection``) the selected collections."""
    if dock is None:
        return package_parameters()
    connection = dock.load.connection if dock.load is not None else dock.connection()
    ids = [entry.id for entry in dock.selected_entries()] if selection else []
    return package_parameters(connection, dock.district_combo.currentData(), ids)


def open_package_dialog(iface, parameters):
    """The packagedistrict algorithm's own dialog, prefilled; then offer to open the
    project it wrote."""
    import processing  # QGIS's processing plugin; imported on use, not at load

    if QgsApplication.processingRegistry().algorithmById(PACKAGE_ALG) is None:
        notify(iface, tr("The packaging algorithm is not available; is the Processing "
                         "plugin enabled?"), Qgis.Warning)
        return None
    results = processing.execAlgorithmDialog(PACKAGE_ALG, parameters) or {}
    project_file = results.get("PROJECT")
    if project_file and Path(project_file).is_file():
        offer_to_open(iface, Path(project_file))
    return results


def open_report_dialog(iface, path=None):
    """The districtreport algorithm's own dialog for a package (the open project's, else
    one the user picks); then a message bar entry that opens the PDF."""
    import processing  # QGIS's processing plugin; imported on use, not at load

    if QgsApplication.processingRegistry().algorithmById(REPORT_ALG) is None:
        notify(iface, tr("The report algorithm is not available; is the Processing plugin "
                         "enabled?"), Qgis.Warning)
        return None
    path = path or choose_package(iface.mainWindow())
    if not path:
        return None
    results = processing.execAlgorithmDialog(REPORT_ALG, {"PACKAGE": str(path)}) or {}
    pdf = results.get("REPORT_PDF")
    if pdf and Path(pdf).is_file():
        show_report_written(iface, Path(pdf))
    return results


def show_report_written(iface, pdf):
    bar = iface.messageBar()
    item = bar.createMessage(tr("Twin District Review"),
                             tr("Review report written: {}").format(pdf.name))
    button = QPushButton(tr("Open report"))
    button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(pdf))))
    item.layout().addWidget(button)
    bar.pushWidget(item, Qgis.Success, 0)
    return item


def offer_to_open(iface, project_file):
    project = QgsProject.instance()
    text = tr("Open the offline project {}?").format(project_file.name)
    if project.isDirty():
        text = tr("Open the offline project {}? Unsaved changes to the current project "
                  "will be lost.").format(project_file.name)
    answer = QMessageBox.question(iface.mainWindow(), tr("Offline district package"), text)
    if answer == QMessageBox.Yes:
        iface.addProject(str(project_file))


# -- which package ------------------------------------------------------------------------
def _layer_gpkgs(project):
    registry = QgsProviderRegistry.instance()
    seen = []
    for layer in project.mapLayers().values():
        path = registry.decodeUri(layer.providerType(), layer.source()).get("path") or ""
        if path.lower().endswith(".gpkg") and Path(path) not in seen:
            seen.append(Path(path))
    return seen


def _is_package(path):
    try:
        read_package_info(path)
    except TwinServiceError:
        return False
    return True


def current_package(project=None):
    """The open project's package GeoPackage, or None: the one its entry names (when
    it is there), else the first GeoPackage its layers come from that holds package
    provenance."""
    project = project or QgsProject.instance()
    value, found = project.readEntry(PROJECT_SCOPE, PROJECT_KEY, "")
    if found and value:
        path = Path(value)
        if not path.is_absolute():
            path = Path(project.absolutePath()) / path
        if package_gpkg_for(path).is_file():
            return package_gpkg_for(path).resolve()
    return next((path.resolve() for path in _layer_gpkgs(project) if _is_package(path)), None)


def choose_package(parent, project=None):
    """The current project's package, else one the user picks (None when cancelled)."""
    found = current_package(project)
    if found is not None:
        return found
    path, _filter = QFileDialog.getOpenFileName(
        parent, tr("Choose an offline district package"),
        QgsProject.instance().homePath() or str(Path.home()),
        tr("Offline district packages (*.gpkg *.qgz)"))
    return Path(path) if path else None


# -- refresh in the task manager --------------------------------------------------------
class _Feedback(QgsProcessingFeedback):
    """Keeps the algorithm's error sentence for the message bar."""

    def __init__(self):
        super().__init__()
        self.errors = []

    def reportError(self, error, fatalError=False):  # noqa: N802, N803 (QGIS API)
        self.errors.append(error)
        super().reportError(error, fatalError)


class PackageActions(QObject):
    """The slots behind the package entries; keeps its tasks and dialogs until they end."""

    # "previewed" (the RefreshDialog is in self.dialogs) or "applied", with the diff;
    # "failed" with the sentence shown; "cancelled" with None.
    refresh_ended = pyqtSignal(str, object)

    def __init__(self, iface, dock=None):
        super().__init__()
        self.iface = iface
        self.dock = dock
        self.runner = TaskRunner()
        self.dialogs = []
        self.unloaded = False

    def entries(self):
        """(object name, text, icon, slot) of each toolbar and menu entry."""
        return [
            ("twindistrictreview_packagedistrict", tr("Package district for offline use…"),
             QIcon(str(ICONS / "package.svg")), self.package_district),
            ("twindistrictreview_refreshdistrictpackage", tr("Refresh district package…"),
             QIcon(str(ICONS / "refresh_package.svg")), self.refresh_package),
            ("twindistrictreview_packageinfo", tr("Package info…"),
             QgsApplication.getThemeIcon("/mIconInfo.svg"), self.package_info),
            ("twindistrictreview_districtreport", tr("District review report…"),
             QIcon(str(ICONS / "report.svg")), self.district_report),
        ]

    def package_district(self):
        return open_package_dialog(self.iface, dock_parameters(self.dock, selection=False))

    def district_report(self, path=None):
        return open_report_dialog(self.iface, path)

    def _package(self, path):
        """The PackageInfo at ``path`` (asked for when None), or None after telling why."""
        path = path or choose_package(self.iface.mainWindow())
        if not path:
            return None
        try:
            return read_package_info(path)
        except TwinServiceError as error:
            notify(self.iface, str(error), Qgis.Warning)
            return None

    def _keep(self, dialog):
        """Show a non-modal dialog, referenced until it closes (then deleted)."""
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.dialogs.append(dialog)
        dialog.finished.connect(lambda _result: self.dialogs.remove(dialog))
        dialog.show()
        return dialog

    def package_info(self, path=None):
        from .package_info_dialog import PackageInfoDialog

        info = self._package(path)
        return None if info is None else self._keep(
            PackageInfoDialog(info, self.iface.mainWindow()))

    def refresh_package(self, path=None, force=False):
        """Preview a refresh in a task; the RefreshDialog follows, and its Apply runs
        the refresh again with APPLY=True."""
        info = self._package(path)
        return None if info is None else self._run_refresh(info, apply=False, force=force)

    def _run_refresh(self, info, apply, force=False):
        algorithm = QgsApplication.processingRegistry().algorithmById(REFRESH_ALG)
        if algorithm is None:
            notify(self.iface, tr("The refresh algorithm is not available; is the "
                                  "Processing plugin enabled?"), Qgis.Warning)
            return None
        unlock_auth(info)
        feedback, context = _Feedback(), QgsProcessingContext()
        parameters = {"PACKAGE": str(info.gpkg_path), "APPLY": apply, "FORCE": force,
                      "DIFF": QgsProcessing.TEMPORARY_OUTPUT}
        task = QgsProcessingAlgRunnerTask(algorithm, parameters, context, feedback)
        name = info.gpkg_path.name
        text = tr("Refreshing {}…").format(name) if apply else \
            tr("Checking {} for changes on the service…").format(name)
        task.setDescription(text)
        item = self._progress_message(text)
        # The context and feedback must outlive the task: the slot's closure holds them.
        task.executed.connect(lambda ok, results, keep=(context, feedback): self._executed(
            info, apply, force, ok, results, keep[1], item))
        task_id = self.runner.start(task)
        item.cancel_button.clicked.connect(lambda: self.runner.cancel(task_id))
        task.progressChanged.connect(
            lambda value: None if sip.isdeleted(item) else item.progress.setValue(int(value)))
        return task_id

    def _progress_message(self, text):
        bar = self.iface.messageBar()
        item = bar.createMessage(tr("Twin district package"), text)
        item.progress = QProgressBar()
        item.progress.setRange(0, 100)
        item.progress.setMaximumWidth(240)
        item.cancel_button = QPushButton(tr("Cancel"))
        item.layout().addWidget(item.progress)
        item.layout().addWidget(item.cancel_button)
        bar.pushWidget(item, Qgis.Info)
        return item

    def _executed(self, info, apply, force, ok, results, feedback, item):
        from .refresh_dialog import load_diff

        if not sip.isdeleted(item):
            self.iface.messageBar().popWidget(item)
        if self.unloaded:
            return
        if not ok:
            if feedback.isCanceled():
                notify(self.iface, tr("The refresh of {} was cancelled.").format(
                    info.gpkg_path.name))
                self.refresh_ended.emit("cancelled", None)
            else:
                self._failed(feedback.errors[-1] if feedback.errors else tr(
                    "The refresh of {} failed; the Processing log has the details.").format(
                        info.gpkg_path.name))
            return
        try:
            diff = load_diff(results["DIFF"])
        except (KeyError, OSError, ValueError) as error:
            log.warning("Refresh result {}: {}".format(results, error))
            self._failed(tr("The refresh of {} reported no readable changes.").format(
                info.gpkg_path.name))
            return
        if apply:
            self._applied(info, diff)
        else:
            self._preview(info, diff, force)

    def _failed(self, sentence):
        notify(self.iface, sentence, Qgis.Warning)
        self.refresh_ended.emit("failed", sentence)

    def _preview(self, info, diff, force):
        from .refresh_dialog import RefreshDialog

        dialog = RefreshDialog(diff, self.iface.mainWindow())
        dialog.apply_requested.connect(lambda: self._run_refresh(info, True, force))
        self._keep(dialog)
        self.refresh_ended.emit("previewed", diff)

    def _applied(self, info, diff):
        from .refresh_dialog import snapshot_note, summary

        notify(self.iface, "{} {}".format(summary(diff), snapshot_note(diff)), Qgis.Success)
        project = QgsProject.instance()
        if current_package(project) == Path(info.gpkg_path).resolve():
            self._show_refreshed(project, info.gpkg_path)
        self.refresh_ended.emit("applied", diff)

    def _show_refreshed(self, project, gpkg):
        """Reopen the project (new and gone layers appear) when the user agrees, else
        reload the package's layers in place (unsaved changes stay)."""
        if project.fileName():
            answer = QMessageBox.question(
                self.iface.mainWindow(), tr("Offline district package"),
                tr("The open project's package was refreshed. Reopen the project to show "
                   "new and removed layers too? (No reloads the current layers and keeps "
                   "unsaved changes.)"))
            if answer == QMessageBox.Yes:
                self.iface.addProject(project.fileName())
                return
        reload_layers(project, gpkg)

    def unload(self):
        self.unloaded = True
        self.runner.cancel_all()
        for dialog in list(self.dialogs):
            dialog.close()


def reload_layers(project, gpkg):
    """Reopen the layers that read ``gpkg``, so they show the file now on disk."""
    registry = QgsProviderRegistry.instance()
    gpkg = Path(gpkg).resolve()
    for layer in project.mapLayers().values():
        path = registry.decodeUri(layer.providerType(), layer.source()).get("path")
        if path and Path(path).resolve() == gpkg:
            layer.setDataSource(layer.source(), layer.name(), layer.providerType())
            layer.triggerRepaint()
