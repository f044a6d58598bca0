"""What the catalog dock does with chosen collections, kept out of the widget class.

Each function starts core tasks (plugin/core/tasks.py) in the QGIS task manager and
reports the end on the message bar: one sentence there, details in the QGIS log
(the tasks log them). Layers are added only in the tasks' finished signals.
"""

from pathlib import Path

from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.PyQt.QtWidgets import QFileDialog, QInputDialog

from .. import settings
from ..core.errors import TwinServiceError
from ..i18n import tr

MESSAGE_SECONDS = 8


def notify(iface, sentence, level=Qgis.Info):
    """One sentence on the message bar (warnings stay until dismissed)."""
    duration = 0 if level in (Qgis.Warning, Qgis.Critical) else MESSAGE_SECONDS
    iface.messageBar().pushMessage(tr("Twin catalog"), sentence, level, duration)


def unlock_auth(connection):
    """Ask for the QGIS master password now, on the main thread, if the connection
    needs the authentication database: a task thread cannot show that prompt."""
    if connection.authcfg:
        from ..core import auth_configs

        auth_configs.unlock()


class TaskRunner:
    """Starts tasks and keeps them until they end, so a closing dock can cancel them.

    PyQGIS needs the Python task object alive while it runs (else its run() and
    finished() overrides are lost); once it ends the manager deletes it, so after
    that it is never touched, only forgotten."""

    def __init__(self):
        self.tasks = {}  # task id -> running task
        self.watches = []  # SensorWatch objects started for this runner's layers

    @property
    def ids(self):
        return set(self.tasks)

    def start(self, task):
        # Connect before adding: the task may end (and be deleted) at any moment after.
        holder = {}
        task.taskCompleted.connect(lambda: self.tasks.pop(holder.get("id"), None))
        task.taskTerminated.connect(lambda: self.tasks.pop(holder.get("id"), None))
        holder["id"] = QgsApplication.taskManager().addTask(task)
        self.tasks[holder["id"]] = task
        return holder["id"]

    def cancel(self, task_id):
        # Looked up through the manager: it knows whether the task still exists.
        task = QgsApplication.taskManager().task(task_id) if task_id in self.tasks else None
        if task is not None:
            task.cancel()

    def watch(self, sensor_watch):
        """Keep a running SensorWatch, so cancel_all() stops it with the tasks."""
        self.watches = [w for w in self.watches if w.running] + [sensor_watch]
        return sensor_watch

    def cancel_all(self):
        for task_id in list(self.tasks):
            self.cancel(task_id)
        for sensor_watch in self.watches:
            sensor_watch.stop()
        self.watches = []


def ask_gpkg_path(parent):
    """A .gpkg path chosen by the user, or None."""
    start = settings.get("download_folder") or QgsProject.instance().homePath() or str(
        Path.home())
    path, _filter = QFileDialog.getSaveFileName(
        parent, tr("Download into a GeoPackage"), str(Path(start) / "twin.gpkg"),
        tr("GeoPackage (*.gpkg)"))
    if not path:
        return None
    return path if path.lower().endswith(".gpkg") else path + ".gpkg"


def ask_district(parent, choices, default=None):
    """A district id from ``choices`` [(id, label)], or None when cancelled."""
    if not choices:
        return None
    labels = [label for _id, label in choices]
    ids = [cid for cid, _label in choices]
    current = ids.index(default) if default in ids else 0
    label, ok = QInputDialog.getItem(parent, tr("Download for district"),
                                     tr("District to clip the collections to:"), labels,
                                     current, False)
    return ids[labels.index(label)] if ok else None


def add_live_layers(runner, iface, connection, entries, on_end=None, catalog=None):
    """Open OAPIF layers for the vector entries in a task, then add them to the project;
    sensors collections become live sensors layers kept current by a SensorWatch, and
    observations collections are temporal (see add_sensor_layers, core/temporal.py).

    Returns the raster entries (they are fetched, not streamed). ``on_end(outcome,
    layers_or_sentence)`` with outcome "added", "failed" or "cancelled", once per task.
    ``catalog`` finds each sensors collection's observations (else the task loads it)."""
    from ..core import auth_configs
    from ..core.project_layers import add_live_to_project
    from ..core.tasks import LiveLayerTask

    on_end = on_end or (lambda *_args: None)
    rasters = [e for e in entries if e.kind == "raster"]
    sensors = [e for e in entries if e.kind == "sensors"]
    vectors = [e for e in entries if e.kind not in ("raster", "sensors")]
    if sensors:
        # Memory layers filled by the plugin's own requests, so any connection works.
        add_sensor_layers(runner, iface, connection, sensors, on_end, catalog)
    if not vectors:
        return rasters
    if connection.authcfg and not (auth_configs.unlock()
                                   and auth_configs.qgis_applies(connection.authcfg)):
        # QGIS < 3.26 has no API-key method: its OAPIF provider cannot send the header.
        sentence = tr("This version of QGIS cannot send this connection's API key with "
                      "live layers; use Download instead.")
        notify(iface, sentence, Qgis.Warning)
        on_end("failed", sentence)
        return rasters
    task = LiveLayerTask(connection, vectors)

    def created(layers, problems):
        add_live_to_project(layers)
        for sentence in problems:
            notify(iface, sentence, Qgis.Warning)
        on_end("added", layers)

    task.created.connect(created)
    _start(runner, iface, task, on_end)
    return rasters


def add_sensor_layers(runner, iface, connection, entries, on_end=None, catalog=None):
    """Fetch kind=sensors collections in a task, add each as a live sensors layer and
    start its SensorWatch (kept by ``runner``, stopped by runner.cancel_all())."""
    from ..core.project_layers import add_sensor_layer
    from ..core.tasks import SensorLayerTask
    from .sensor_watch import SensorWatch

    on_end = on_end or (lambda *_args: None)
    unlock_auth(connection)
    task = SensorLayerTask(connection, entries, catalog)

    def fetched(sources, problems):
        layers = []
        for source in sources:
            layer = add_sensor_layer(source)
            runner.watch(SensorWatch(iface, layer, source.client,
                                     source.observations_cid).start())
            layers.append(layer)
        for sentence in problems:
            notify(iface, sentence, Qgis.Warning)
        on_end("added", layers)

    task.fetched.connect(fetched)
    return _start(runner, iface, task, on_end)


def _start(runner, iface, task, on_end):
    """Start a layer task: a failure is one message-bar sentence, and ``on_end`` hears
    of the failure or the cancel."""
    def failed(sentence):
        notify(iface, sentence, Qgis.Warning)
        on_end("failed", sentence)

    task.failed.connect(failed)
    task.cancelled.connect(lambda: on_end("cancelled", None))
    return runner.start(task)


def feature_total(result):
    return sum(layer.feature_count or 0 for layer in result.layers)


def download_message(result):
    return tr("Downloaded {} collections ({} features) into {}.").format(
        len(result.layers), "{:,}".format(feature_total(result)), result.gpkg_path.name)


def start_download(runner, iface, connection, entries, gpkg_path, district_id=None,
                   catalog=None, on_end=None, announce=True):
    """Run a DownloadTask; on success the layers join the project (styled by role).

    ``on_end(outcome, result_or_sentence)`` with outcome "downloaded", "failed" or
    "cancelled" runs after the message bar has been told."""
    from ..core.project_layers import add_downloaded
    from ..core.tasks import DownloadTask

    Path(gpkg_path).parent.mkdir(parents=True, exist_ok=True)
    unlock_auth(connection)
    task = DownloadTask(connection, entries, Path(gpkg_path), district_id=district_id,
                        catalog=catalog, target_crs=settings.get("target_crs"))
    on_end = on_end or (lambda *_args: None)

    def downloaded(result):
        try:
            add_downloaded(result)
        except TwinServiceError as error:
            failed(str(error))
            return
        if announce:
            notify(iface, download_message(result), Qgis.Success)
        on_end("downloaded", result)

    def failed(sentence):
        notify(iface, sentence, Qgis.Warning)
        on_end("failed", sentence)

    def cancelled():
        notify(iface, tr("The download was cancelled."), Qgis.Info)
        on_end("cancelled", None)

    task.downloaded.connect(downloaded)
    task.failed.connect(failed)
    task.cancelled.connect(cancelled)
    return runner.start(task)
