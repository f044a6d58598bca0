"""A sensor's time series: its observations over a period, its warning and alarm levels,
CSV export and the chart saved as PNG or SVG.

Opened for the selected feature of the active sensors layer (``open_for_selection``).
The period ends at the sensor's newest observation, not at the clock (see
core/series_task.py), and the dialog says so. Times are shown in the computer's local
time with its UTC offset named; the CSV keeps the service's UTC times.

Every text here is plain text (names and units come from the service): no rich text.
"""

import math
import re
from datetime import datetime, timezone
from pathlib import Path

from qgis.core import Qgis, QgsProject
from qgis.PyQt.QtCore import QSize, Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor, QPainter
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import log, settings
from ..core.connections import Connection
from ..core.sensors import parse_time, sensor_state, write_series_csv
from ..core.series_task import (
    PERIOD_HOURS,
    SeriesTask,
    authcfg_for,
    is_sensors_layer,
    layer_service,
    sensor_from_feature,
)
from ..i18n import tr
from ..report import charts
from .catalog_actions import TaskRunner
from .package_info_dialog import close_buttons

CHART_SIZE = (1000, 440)
_OPEN = []   # dialogs opened from the menu, kept alive while shown
# Module-wide, not per dialog: a task must stay referenced until it ends, even when its
# dialog has been closed and collected.
RUNNER = TaskRunner()


# ----------------------------------------------------------------- texts

def period_label(hours):
    return {6: tr("Last 6 h"), 24: tr("Last 24 h"), 72: tr("Last 3 days"),
            168: tr("Last 7 days")}.get(hours, tr("All observations"))


def state_label(state):
    return {"normal": tr("normal"), "warn": tr("warning"), "alarm": tr("alarm")}.get(
        state, tr("state unknown"))


def property_label(prop):
    """A known observed property in the UI language; another as the service names it."""
    known = {"water_level": tr("Water level"), "water_depth": tr("Water depth"),
             "precipitation": tr("Precipitation")}
    prop = str(prop or "")
    return known.get(prop.strip().lower(), prop.replace("_", " "))


def local_time(moment):
    """'2026-11-01 07:00' in the computer's local time."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def utc_offset(moment):
    """'UTC+08:00': the local clock's offset at ``moment``."""
    text = moment.astimezone().strftime("%z") or "+0000"
    return "UTC{}:{}".format(text[:3], text[3:5])


def _number(value):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _value_text(value, unit):
    return "{:g} {}".format(value, unit or "").strip()


def summary(load, sensor):
    """One sentence: the period (ending at the newest reading), count and newest value."""
    if not load.readings:
        return tr("Sensor {} has no observations on the twin service.").format(
            load.sensor_id)
    end, newest = load.end, load.readings[-1]
    unit = sensor.get("unit") or ""
    state = state_label(sensor_state(newest.value, sensor.get("warn_level"),
                                     sensor.get("alarm_level")))
    if load.hours is None:
        first = parse_time(load.readings[0].time)
        return tr("All {} readings, {} to {} (local time, {}); the newest, {}, is {}.").format(
            len(load.readings), local_time(first), local_time(end), utc_offset(end),
            _value_text(newest.value, unit), state)
    return tr("{} of data, to the newest reading at {} (local time, {}): {} readings; the "
              "newest, {}, is {}.").format(period_label(load.hours), local_time(end),
                                           utc_offset(end), len(load.readings),
                                           _value_text(newest.value, unit), state)


def make_chart(load, sensor):
    """The charts.Chart of a SeriesLoad: values over local time, warn / alarm lines."""
    unit = sensor.get("unit") or ""
    prop = property_label(sensor.get("observed_property"))
    times = [parse_time(r.time).timestamp() for r in load.readings]
    x_range = None
    if load.end is not None:
        start = load.start if load.start is not None else parse_time(load.readings[0].time)
        x_range = (start.timestamp(), load.end.timestamp())
    offset = utc_offset(load.end or datetime.now(timezone.utc))
    labels = {"series": prop or tr("Reading"), "warn": tr("Warning"), "alarm": tr("Alarm"),
              "x": tr("Time (local, {})").format(offset),
              "y": "{} ({})".format(prop, unit) if prop and unit else (prop or unit)}
    title = "{} ({})".format(sensor.get("name") or load.sensor_id, load.sensor_id)
    return charts.time_series_chart(times, [r.value for r in load.readings], title, unit,
                                    _number(sensor.get("warn_level")),
                                    _number(sensor.get("alarm_level")), labels, x_range)


# ----------------------------------------------------------------- widgets

class ChartView(QWidget):
    """Paints a charts.Chart at the widget's size, or a short plain text without one."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.chart = None
        self.placeholder = ""
        self.setMinimumSize(QSize(560, 280))

    def show_chart(self, chart, placeholder=""):
        self.chart, self.placeholder = chart, placeholder
        self.update()

    def paintEvent(self, _event):  # noqa: N802 (Qt API name)
        painter = QPainter(self)
        try:
            if self.chart is not None:
                charts.draw(self.chart, painter, self.width(), self.height())
            else:
                painter.fillRect(self.rect(), QColor("white"))
                painter.setPen(QColor("#666666"))
                painter.drawText(self.rect().adjusted(20, 20, -20, -20),
                                 int(Qt.AlignCenter | Qt.TextWordWrap), self.placeholder)
        finally:
            painter.end()


class TimeSeriesDialog(QDialog):
    """The time series of one sensor. ``sensor``: dict with sensor_id, name, unit,
    warn_level, alarm_level, observed_property (latest_time optional: it lets the first
    request fetch just the period). ``observations_cid`` None: found through the catalog
    from ``sensors_cid``. ``shown(outcome)`` after each fetch: "loaded", "empty",
    "failed" or "cancelled"."""

    shown = pyqtSignal(str)

    def __init__(self, iface, client, observations_cid, sensor, parent=None, sensors_cid=None):
        super().__init__(parent)
        self.iface, self.client, self.sensor = iface, client, dict(sensor)
        self.observations_cid, self.sensors_cid = observations_cid, sensors_cid
        self.load, self.chart, self.error = None, None, ""
        self.runner, self._task_id, self._fetch = RUNNER, None, 0
        self.setObjectName("TwinTimeSeriesDialog")
        sid = str(self.sensor.get("sensor_id"))
        self.setWindowTitle(tr("Sensor time series \u2014 {} ({})").format(
            self.sensor.get("name") or sid, sid))
        self._build()
        self.resize(1040, 620)
        self.period.setCurrentIndex(PERIOD_HOURS.index(24))
        self.period.currentIndexChanged.connect(lambda _index: self.fetch())
        self.fetch()

    def _build(self):
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Period:")))
        self.period = QComboBox()
        for hours in PERIOD_HOURS:
            self.period.addItem(period_label(hours), hours)
        row.addWidget(self.period)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(220)
        row.addWidget(self.progress)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = QLabel()
        self.status.setTextFormat(Qt.PlainText)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.view = ChartView()
        layout.addWidget(self.view, 1)
        self.note = QLabel()   # what became of an export: the summary above stays
        self.note.setTextFormat(Qt.PlainText)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        buttons = close_buttons()
        self.csv_button = buttons.addButton(tr("Export CSV\u2026"), QDialogButtonBox.ActionRole)
        self.save_button = buttons.addButton(tr("Save chart\u2026"), QDialogButtonBox.ActionRole)
        self.csv_button.clicked.connect(self._ask_csv)
        self.save_button.clicked.connect(self._ask_chart)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._busy(False)

    def hours(self):
        return self.period.currentData()

    def _busy(self, busy):
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        ready = not busy and self.chart is not None
        self.csv_button.setEnabled(ready and bool(self.load and self.load.readings))
        self.save_button.setEnabled(ready)

    # -- fetching, in the task manager
    def fetch(self):
        """Fetch the chosen period (a fetch still running is cancelled: its end is
        ignored, only the newest request is shown)."""
        self._stop_task()
        self._fetch += 1
        number = self._fetch
        self.load, self.chart, self.error = None, None, ""
        self.note.clear()
        self.status.setText(tr("Fetching the observations of sensor {}\u2026").format(
            self.sensor.get("sensor_id")))
        self.view.show_chart(None, self.status.text())
        self.progress.setValue(0)
        self._busy(True)
        task = SeriesTask(self.client, str(self.sensor.get("sensor_id")), self.hours(),
                          self.observations_cid, self.sensors_cid,
                          self.sensor.get("latest_time"))
        task.progressChanged.connect(lambda value: self._progress(number, value))
        task.loaded.connect(lambda load: self._loaded(number, load))
        task.failed.connect(lambda sentence: self._ended(number, "failed", sentence))
        task.cancelled.connect(lambda: self._ended(number, "cancelled",
                                                   tr("Fetching was cancelled.")))
        self._task_id = self.runner.start(task)

    def _stop_task(self):
        if self._task_id is not None:
            self.runner.cancel(self._task_id)
            self._task_id = None

    def cancel(self):
        """Stop the fetch now: the dialog says so at once; a request in flight may still
        finish in the background (QGIS 3.22, see core/transport.py), its end ignored."""
        if self._task_id is not None:
            self._stop_task()
            self._ended(self._fetch, "cancelled", tr("Fetching was cancelled."))
            self._fetch += 1

    def _progress(self, number, value):
        if number == self._fetch:
            self.progress.setValue(int(value))

    def _loaded(self, number, load):
        if number != self._fetch:
            return
        self.load = load
        self.observations_cid = load.observations_cid   # found once, kept
        if not load.readings:
            return self._ended(number, "empty", summary(load, self.sensor))
        self.chart = make_chart(load, self.sensor)
        self.view.show_chart(self.chart)
        text = summary(load, self.sensor)
        self._ended(number, "loaded", "{} {}".format(text, load.message).strip())

    def _ended(self, number, outcome, sentence):
        if number != self._fetch:
            return
        self._task_id = None
        if outcome != "loaded":
            self.error = sentence if outcome == "failed" else ""
            self.chart = None
            self.view.show_chart(None, sentence)
        self.status.setText(sentence)
        self._busy(False)
        self.shown.emit(outcome)

    # -- files
    def _default_path(self, suffix):
        folder = settings.get("download_folder") or QgsProject.instance().homePath() \
            or str(Path.home())
        name = re.sub(r"[^\w.-]+", "_", str(self.sensor.get("sensor_id")))
        return str(Path(folder) / "{}_time_series{}".format(name, suffix))

    def _ask_csv(self):
        path, _filter = QFileDialog.getSaveFileName(
            self, tr("Export the time series as CSV"), self._default_path(".csv"),
            tr("CSV files (*.csv)"))
        if path:
            self.export_csv(path if path.lower().endswith(".csv") else path + ".csv")

    def _ask_chart(self):
        path, chosen = QFileDialog.getSaveFileName(
            self, tr("Save the chart"), self._default_path(".png"),
            tr("PNG image (*.png);;SVG image (*.svg)"))
        if path:
            if not path.lower().endswith((".png", ".svg")):
                path += ".svg" if "svg" in chosen.lower() else ".png"
            self.save_chart(path)

    def export_csv(self, path):
        """The shown readings as CSV (UTC times); True when written."""
        return self._write(lambda: write_series_csv(self.load.readings, path,
                                                    self.sensor.get("unit") or ""), path)

    def save_chart(self, path):
        """The chart as PNG or SVG (by the suffix); True when written."""
        save = charts.save_svg if str(path).lower().endswith(".svg") else charts.save_png
        return self._write(lambda: save(self.chart, path, *CHART_SIZE), path)

    def _write(self, write, path):
        try:
            write()
        except OSError as error:
            log.warning("Writing {} failed: {}".format(path, error))
            self.note.setText(tr("{} could not be written: {}.").format(
                path, error.strerror or error))
            return False
        self.note.setText(tr("Saved {}.").format(path))
        return True

    def done(self, result):
        self._stop_task()
        self._fetch += 1   # whatever still arrives is ignored
        super().done(result)


# ----------------------------------------------------------------- the way in

def _say(iface, sentence):
    iface.messageBar().pushMessage(tr("Sensor time series"), sentence, Qgis.Warning, 0)


def open_for_selection(iface):
    """Open the time series of the selected sensor on the active layer; when there is
    none, one sentence on the message bar says what to do. Returns the dialog or None."""
    layer = iface.activeLayer()
    if not is_sensors_layer(layer):
        _say(iface, tr("Select a sensor on a sensors layer (one with sensor_id and "
                       "latest_value fields) and make that layer active, then choose "
                       "Sensor time series again."))
        return None
    selected = sorted(layer.selectedFeatureIds())
    if not selected:
        _say(iface, tr("Select one sensor on the layer {} first, then choose Sensor time "
                       "series again.").format(layer.name()))
        return None
    service = layer_service(layer)
    if service is None:
        _say(iface, tr("The layer {} does not say which twin service it came from, so the "
                       "time series cannot be fetched.").format(layer.name()))
        return None
    url, sensors_cid, observations_cid = service
    sensor = sensor_from_feature(layer.getFeature(selected[0]))
    client = Connection("", url, authcfg_for(url, layer)).client()
    dialog = TimeSeriesDialog(iface, client, observations_cid, sensor, iface.mainWindow(),
                              sensors_cid=sensors_cid)
    _OPEN.append(dialog)
    dialog.finished.connect(lambda _result: _OPEN.remove(dialog) if dialog in _OPEN else None)
    dialog.show()
    return dialog
