"""One sensor's time series for a period that ends at its newest observation, fetched in a
task for the time-series dialog (plugin/gui/time_series_dialog.py).

The period is anchored to the sensor's data, not to the clock: "last 24 h" is the 24 hours
before the newest observation (a half-open window: the reading exactly 24 h before the
newest is left out, so hourly data gives 24 points). A sample or a gauge that stopped
reporting still shows its last day rather than an empty chart.

Also: which service and collections a sensors layer came from (``layer_service``).
"""

from dataclasses import dataclass, field
from datetime import timedelta

from qgis.core import QgsDataSourceUri, QgsVectorLayer
from qgis.PyQt.QtCore import QDateTime, Qt, pyqtSignal

from ..i18n import tr
from .catalog import Catalog
from .connections import connections
from .errors import TwinServiceError
from .sensor_layer import source_ids
from .sensors import latest_readings, observations_for, parse_time, time_series
from .tasks import TwinTask

PERIOD_HOURS = (6, 24, 72, 168, None)   # the dialog's choices; None = all observations
SENSOR_FIELDS = ("sensor_id", "latest_value")   # what makes a layer a sensors layer


@dataclass
class SeriesLoad:
    observations_cid: str
    sensor_id: str
    hours: object               # the period in hours, None = all
    start: object               # aware UTC datetime (excluded), None = from the first reading
    end: object                 # aware UTC datetime: the newest observation, None = none
    readings: list = field(default_factory=list)   # sensors.Reading, sorted by time
    message: str = ""           # skipped malformed observations, one sentence or ""


def resolve_observations(client, sensors_cid, feedback=None):
    """The id of the observations collection that belongs to sensors collection
    ``sensors_cid`` (same subcategory in the catalog), or one sentence why not."""
    catalog = Catalog.from_collections(client.collections(feedback))
    entry = catalog.get(sensors_cid) if sensors_cid else None
    found = observations_for(catalog, entry) if entry is not None else None
    if found is None:
        raise TwinServiceError(tr("The twin service has no observations collection for the "
                                  "sensors in '{}'.").format(sensors_cid or "?"))
    return found.id


def _window(readings, hours):
    """(start, end) of the period ending at the newest of ``readings`` (sorted)."""
    end = parse_time(readings[-1].time)
    return (end - timedelta(hours=hours) if hours else None), end


def load_series(client, sensor_id, hours, observations_cid=None, sensors_cid=None,
                latest_time=None, feedback=None):
    """SeriesLoad of ``sensor_id`` over the ``hours`` (None = all) before its newest
    observation. ``latest_time`` (the sensors layer's, may be stale) lets one request
    fetch the window; without it, or when it proves wrong, the newest is asked first."""
    cid = observations_cid or resolve_observations(client, sensors_cid, feedback)
    guess = parse_time(latest_time) if latest_time and hours else None
    readings = []
    if hours is None:
        readings = time_series(client, cid, sensor_id, None, None, feedback)
    elif guess is not None:
        # From the guessed window's start on, open-ended: newer readings come along.
        readings = time_series(client, cid, sensor_id, guess - timedelta(hours=hours), None,
                               feedback)
        newest = parse_time(readings[-1].time) if readings else None
        if newest is not None and newest < guess:   # the layer's time was ahead of the data
            readings = time_series(client, cid, sensor_id, newest - timedelta(hours=hours),
                                   newest, feedback)
    if hours is not None and not readings:
        newest = latest_readings(client, cid, [sensor_id], feedback=feedback).get(sensor_id)
        if newest is not None:
            end = parse_time(newest.time)
            readings = time_series(client, cid, sensor_id, end - timedelta(hours=hours), end,
                                   feedback)
    message = getattr(readings, "message", "")
    if not readings:
        return SeriesLoad(cid, sensor_id, hours, None, None, [], message)
    start, end = _window(readings, hours)
    kept = [r for r in readings if start is None or parse_time(r.time) > start]
    return SeriesLoad(cid, sensor_id, hours, start, end, kept, message)


# ----------------------------------------------------------------- sensors layers

def is_sensors_layer(layer):
    return isinstance(layer, QgsVectorLayer) and all(
        layer.fields().indexOf(name) >= 0 for name in SENSOR_FIELDS)


def layer_service(layer):
    """(service URL, sensors collection id, observations collection id or None) of a
    sensors layer, or None: the live sensors layer's own properties, else the package
    provenance in its metadata, else a live OAPIF layer's data source."""
    ids = source_ids(layer)
    if ids and ids[2]:
        return ids[2], ids[0], ids[1] or None
    meta = layer.metadata()
    if meta.parentIdentifier().startswith(("http://", "https://")) and meta.identifier():
        return meta.parentIdentifier(), meta.identifier(), None
    if layer.providerType() == "OAPIF":
        uri = QgsDataSourceUri(layer.source())
        if uri.param("url") and uri.param("typename"):
            return uri.param("url"), uri.param("typename"), None
    return None


def authcfg_for(url, layer):
    """The auth config for ``url``: the OAPIF layer's own, else a stored connection's."""
    if layer.providerType() == "OAPIF":
        own = QgsDataSourceUri(layer.source()).authConfigId()
        if own:
            return own
    same = [c for c in connections() if c.url.rstrip("/") == url.rstrip("/")]
    return same[0].authcfg if same else ""


def sensor_from_feature(feature):
    """The dialog's sensor dict from a sensors layer feature (absent fields: None)."""
    names = feature.fields().names()
    keys = ("sensor_id", "name", "unit", "warn_level", "alarm_level", "observed_property",
            "latest_time")
    out = {}
    for key in keys:
        value = feature[key] if key in names else None
        if value is None or (hasattr(value, "isNull") and value.isNull()):
            value = None
        elif isinstance(value, QDateTime):   # a packaged layer's DATETIME field
            value = value.toUTC().toString(Qt.ISODate)
        out[key] = value
    return out


class SeriesTask(TwinTask):
    """load_series in the task manager; ``loaded(SeriesLoad)`` on the main thread."""

    loaded = pyqtSignal(object)

    def __init__(self, client, sensor_id, hours, observations_cid=None, sensors_cid=None,
                 latest_time=None):
        super().__init__(tr("Fetching the time series of sensor {}").format(sensor_id))
        self.args = (client, sensor_id, hours, observations_cid, sensors_cid, latest_time)

    def work(self):
        return load_series(*self.args, feedback=self._feedback)

    def succeeded(self, result):
        self.loaded.emit(result)
