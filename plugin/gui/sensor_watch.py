"""Keep a live sensors layer current: a timer starts a refresh task, the readings land in
the layer in place, and a sensor newly in alarm is said once on the message bar.

Never blocks: the request runs in a SensorRefreshTask, at most one at a time (a tick
while one runs is skipped). When a refresh fails the layer keeps its last good values,
is marked stale, and the message bar says so once until a refresh succeeds again.

Watches are registered by layer id (``watch_of``, ``stop_all``); a watch stops itself
when its layer leaves the project, and the plugin's unload stops every one.
"""

from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal

from .. import log, settings
from ..core import sensor_layer
from ..core.sensors import AlarmTracker, parse_time
from ..core.tasks import SensorRefreshTask
from ..i18n import tr

TITLE_MS = 0   # alarm and stale notices stay until dismissed
_WATCHES = {}  # layer id -> SensorWatch


def watch_of(layer_or_id):
    """The running watch of a layer (or layer id), or None."""
    lid = layer_or_id if isinstance(layer_or_id, str) else layer_or_id.id()
    return _WATCHES.get(lid)


def watches():
    return list(_WATCHES.values())


def stop_all():
    """Stop every watch: timers stopped, refreshes in flight cancelled (plugin unload)."""
    for watch in list(_WATCHES.values()):
        watch.stop()


def set_interval(seconds):
    """Save the refresh interval and apply it to every running watch at once."""
    settings.set("sensor_refresh_s", int(seconds))
    for watch in _WATCHES.values():
        watch.timer.setInterval(int(1000 * seconds))


def ask_interval(iface):
    """The plugin menu's *Sensor refresh interval…*: a number dialog; the interval, or
    None when cancelled."""
    from qgis.PyQt.QtWidgets import QInputDialog

    seconds, ok = QInputDialog.getInt(
        iface.mainWindow(), tr("Sensor refresh interval"),
        tr("Seconds between refreshes of the live sensors layers:"),
        settings.get("sensor_refresh_s"), 5, 86400, 5)
    if not ok:
        return None
    set_interval(seconds)
    iface.messageBar().pushMessage(tr("Twin sensors"), tr(
        "Live sensors layers now refresh every {} s ({} running).").format(
        seconds, len(_WATCHES)), Qgis.Info, 5)
    return seconds


def _hhmm(iso):
    """HH:MM in the user's local time of an ISO UTC instant ("" if none)."""
    when = parse_time(iso)
    return when.astimezone().strftime("%H:%M") if when else ""


def _number(value):
    return "{:g}".format(round(float(value), 3))


class SensorWatch(QObject):
    """Refreshes ``layer`` (from sensor_layer) every ``interval_s`` seconds (default:
    the sensor_refresh_s setting) from ``observations_cid`` of the service that
    ``client`` (a ServiceClient or Connection) reaches; None reads the sensors
    collection's own latest values instead."""

    refresh_ended = pyqtSignal(str)   # "refreshed", "failed" or "cancelled"
    alarmed = pyqtSignal(list)        # sensor ids newly in alarm

    def __init__(self, iface, layer, client, observations_cid, interval_s=None, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.layer = layer
        self.layer_id = layer.id()
        self.client = client
        self.observations_cid = observations_cid
        self.sensors_cid = (sensor_layer.source_ids(layer) or (None,))[0]
        self.tracker = AlarmTracker()
        self.task = None
        self.stale_said = False
        self.last_good = None   # ISO UTC of the last successful refresh
        self.skipped_ticks = 0
        self.timer = QTimer(self)
        self.timer.setInterval(int(1000 * (interval_s or settings.get("sensor_refresh_s"))))
        self.timer.timeout.connect(self.tick)
        self._running = False

    # -- life cycle ------------------------------------------------------------------
    def start(self):
        """Register, say the sensors already in alarm, and start the timer."""
        if self._running:
            return self
        previous = _WATCHES.get(self.layer_id)
        if previous is not None and previous is not self:
            previous.stop()
        _WATCHES[self.layer_id] = self
        QgsProject.instance().layerWillBeRemoved[str].connect(self._layer_removed)
        self.layer.willBeDeleted.connect(self.stop)
        self._running = True
        self.last_good = sensor_layer.now_iso()
        self._announce_alarms(self.tracker.update(sensor_layer.states(self.layer)))
        self.timer.start()
        return self

    @property
    def running(self):
        return self._running

    def stop(self):
        """Stop the timer and cancel a refresh in flight; the layer keeps its values."""
        if not self._running:
            return
        self._running = False
        self.timer.stop()
        if self.task is not None:
            self.task.cancel()  # kept referenced until it ends (its signal clears it)
        _WATCHES.pop(self.layer_id, None)
        for signal, slot in ((QgsProject.instance().layerWillBeRemoved[str],
                              self._layer_removed), (self.layer.willBeDeleted, self.stop)):
            try:
                signal.disconnect(slot)
            except (TypeError, RuntimeError):  # already gone with the layer
                pass

    def _layer_removed(self, layer_id):
        if layer_id == self.layer_id:
            self.stop()

    # -- refresh ---------------------------------------------------------------------
    def tick(self):
        if self.task is not None:  # the previous refresh is still running: skip
            self.skipped_ticks += 1
            return
        self.refresh_now()

    def refresh_now(self):
        """Start a refresh now unless one runs; returns the task, or None."""
        if not self._running or self.task is not None:
            return None
        task = SensorRefreshTask(self.client, self.observations_cid,
                                 sensor_layer.sensor_ids(self.layer),
                                 since=sensor_layer.newest_time(self.layer),
                                 sensors_cid=self.sensors_cid)
        task.refreshed.connect(self._refreshed)
        task.failed.connect(self._failed)
        task.cancelled.connect(self._cancelled)
        self.task = task   # referenced until it ends (PyQGIS needs it alive)
        QgsApplication.taskManager().addTask(task)
        return task

    def _refreshed(self, readings):
        self.task = None
        if not self._running:
            return
        changed = sensor_layer.apply_readings(self.layer, readings)
        self.last_good = sensor_layer.now_iso()
        if self.stale_said:
            self.stale_said = False
            self._push(tr("The readings of {} are current again.").format(self.layer.name()),
                       Qgis.Success, duration=8)
        log.info("{}: refreshed, {} new readings.".format(self.layer.name(), len(changed)))
        self._announce_alarms(self.tracker.update(sensor_layer.states(self.layer)))
        self.refresh_ended.emit("refreshed")

    def _failed(self, sentence):
        self.task = None
        if not self._running:
            return
        sensor_layer.mark_stale(self.layer, True)
        if not self.stale_said:
            self.stale_said = True
            self._push(tr("{} could not be refreshed ({}); it kept the readings of {}.").format(
                self.layer.name(), sentence.rstrip("."), _hhmm(self.last_good)), Qgis.Warning)
        self.refresh_ended.emit("failed")

    def _cancelled(self):
        self.task = None
        self.refresh_ended.emit("cancelled")

    # -- alarms ----------------------------------------------------------------------
    def _announce_alarms(self, sensor_ids):
        if not sensor_ids:
            return
        features = {f["sensor_id"]: f for f in self.layer.getFeatures()}
        for sid in sensor_ids:
            sentence = alarm_sentence(features[sid])
            self._push(sentence, Qgis.Critical)
            log.error(sentence)
        self.alarmed.emit(list(sensor_ids))

    def _push(self, sentence, level, duration=TITLE_MS):
        self.iface.messageBar().pushMessage(tr("Twin sensors"), sentence, level, duration)


def alarm_sentence(feature):
    """'Xiangmihu road ponding gauge (WL-07) is in alarm: 0.45 m at 2026-11-01 00:00 UTC,
    alarm level 0.3 m.'"""
    unit = feature["unit"] or ""
    when = parse_time(feature["latest_time"])
    return tr("{} ({}) is in alarm: {} {} at {}, alarm level {} {}.").format(
        feature["name"], feature["sensor_id"], _number(feature["latest_value"]), unit,
        when.strftime("%Y-%m-%d %H:%M UTC") if when else "?",
        _number(feature["alarm_level"]), unit).replace("  ", " ").replace(" ,", ",")

