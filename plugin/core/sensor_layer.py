"""A live sensors layer: one point per sensor with its latest reading and state.

A memory layer rather than an OAPIF layer, because a refresh must change values in
place: the OAPIF provider is read-only and would re-fetch every feature on reload,
and the flood tool and the time-series dialog want stable feature ids. The features
are pulled once (``fetch_sensor_features``, in a task); ``apply_readings`` then updates
values, times and states through the data provider and repaints: no project reload.

Fields: sensor_id, name, observed_property, unit, latest_value, latest_time (ISO UTC),
warn_level, alarm_level, state (normal / warn / alarm / unknown), status (the
service's), refreshed_at (ISO UTC of the last good refresh), stale (the last refresh
failed). The flood tool's gauges input reads sensor_id, latest_value, warn_level and
alarm_level by these names.
"""

from datetime import datetime, timezone

from qgis.core import (
    QgsAbstractMetadataBase,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsLayerMetadata,
    QgsPointXY,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant

from .. import log
from ..i18n import language, tr
from .errors import TwinServiceError
from .sensors import Reading, format_time, parse_time, sensor_state
from .styles import apply_role_style

ROLE = "sensor-state"
KEY = "twin_district_review/sensors/"   # custom layer properties (collection ids, URL)
TEXT, NUMBER, FLAG = QVariant.String, QVariant.Double, QVariant.Bool
FIELDS = (("sensor_id", TEXT), ("name", TEXT), ("observed_property", TEXT), ("unit", TEXT),
          ("latest_value", NUMBER), ("latest_time", TEXT), ("warn_level", NUMBER),
          ("alarm_level", NUMBER), ("state", TEXT), ("status", TEXT),
          ("refreshed_at", TEXT), ("stale", FLAG))
READING_FIELDS = ("latest_value", "latest_time", "state")


def now_iso():
    return format_time(datetime.now(timezone.utc))


def fetch_sensor_features(client, collection_id, feedback=None):
    """The GeoJSON features of a sensors collection (all pages) that have a sensor_id;
    one sentence when none has (the layer needs the id to match observations)."""
    features, without_id = [], 0
    for page in client.iter_pages(collection_id, feedback=feedback):
        for feature in page.features:
            props = feature.get("properties") or {}
            if str(props.get("sensor_id") or "").strip():
                features.append(feature)
            else:
                without_id += 1
    if not features:
        raise TwinServiceError(tr("The collection {} has no features with a sensor_id, so it "
                                  "cannot be a live sensors layer.").format(collection_id))
    if without_id:
        log.warning("{}: {} features without sensor_id were left out of the live layer."
                    .format(collection_id, without_id))
    return features


def readings_from_features(features):
    """{sensor_id: Reading} from the sensors' own latest_value / latest_time (for a
    sensors collection without an observations collection)."""
    readings = {}
    for feature in features:
        props = feature.get("properties") or {}
        when, value = parse_time(props.get("latest_time")), _number(props.get("latest_value"))
        if when is not None and value is not None:
            sid = str(props["sensor_id"])
            readings[sid] = Reading(sid, format_time(when), value)
    return readings


def make_sensor_layer(client, entry, readings=None, observations_cid=None, feedback=None):
    """Pull the sensors collection ``entry`` once and build its live layer (see
    build_sensor_layer). Network: call it in a task, or use the two steps apart."""
    features = fetch_sensor_features(client, entry.id, feedback)
    return build_sensor_layer(features, entry, readings, getattr(client, "base_url", ""),
                              observations_cid)


def build_sensor_layer(features, entry, readings=None, service_url="", observations_cid=None):
    """A point memory layer (EPSG:4326, the features' lon/lat) of the sensors, each with
    its reading from ``readings`` ({sensor_id: Reading}) or else the collection's own
    latest_value / latest_time; styled by state, with provenance in its metadata."""
    layer = QgsVectorLayer("Point?crs=EPSG:4326", entry.title or entry.id, "memory")
    fields = QgsFields()
    for name, kind in FIELDS:
        fields.append(QgsField(name, kind))
    layer.dataProvider().addAttributes(fields.toList())
    layer.updateFields()
    stamp = now_iso()
    service_url = (service_url or "").rstrip("/")
    readings = readings or {}
    out = []
    for feature in features:
        made = _feature(feature, layer.fields(), readings, stamp)
        if made is not None:
            out.append(made)
    layer.dataProvider().addFeatures(out)
    layer.updateExtents()
    apply_role_style(layer, ROLE)
    layer.setMetadata(sensor_metadata(entry, service_url, observations_cid, stamp, len(out)))
    for key, value in (("collection", entry.id), ("observations", observations_cid or ""),
                       ("service_url", service_url)):
        layer.setCustomProperty(KEY + key, value)
    return layer


def _number(value):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number else None  # NaN is no reading


def _point(geometry):
    """A QgsGeometry point from a GeoJSON Point (or the first point of a MultiPoint)."""
    geometry = geometry or {}
    coords = geometry.get("coordinates")
    if geometry.get("type") == "MultiPoint" and coords:
        coords = coords[0]
    if geometry.get("type") not in ("Point", "MultiPoint") or not coords or len(coords) < 2:
        return None
    return QgsGeometry.fromPointXY(QgsPointXY(float(coords[0]), float(coords[1])))


def _feature(feature, fields, readings, stamp):
    props = feature.get("properties") or {}
    geometry = _point(feature.get("geometry"))
    sid = str(props["sensor_id"])
    if geometry is None:
        log.warning("Sensor {} has no point geometry; it is left out of the live layer."
                    .format(sid))
        return None
    reading = readings.get(sid)
    value = reading.value if reading else _number(props.get("latest_value"))
    when = parse_time(reading.time if reading else props.get("latest_time"))
    warn, alarm = _number(props.get("warn_level")), _number(props.get("alarm_level"))
    made = QgsFeature(fields)
    made.setGeometry(geometry)
    values = dict(sensor_id=sid, name=str(props.get("name") or sid),
                  observed_property=props.get("observed_property"), unit=props.get("unit"),
                  latest_value=value, latest_time=format_time(when) if when else None,
                  warn_level=warn, alarm_level=alarm, state=sensor_state(value, warn, alarm),
                  status=props.get("status"), refreshed_at=stamp, stale=False)
    for name, value in values.items():
        made[name] = value if value is not None else QVariant()
    return made


def sensor_metadata(entry, service_url, observations_cid, fetched_at, count):
    """QgsLayerMetadata telling where the live layer's sensors and readings come from."""
    meta = QgsLayerMetadata()
    meta.setIdentifier(entry.id)
    meta.setParentIdentifier(service_url)
    meta.setTitle(entry.title or entry.id)
    meta.setType("dataset")
    meta.setLanguage(language())
    source = (tr("the newest observation of each in {}").format(observations_cid)
              if observations_cid else tr("the collection's own latest values"))
    meta.setAbstract(tr("{} sensors of collection {} of the twin service {}, fetched {}. "
                        "Readings: {}, refreshed while the layer is open.").format(
        count, entry.id, service_url, fetched_at, source))
    if entry.version:
        meta.addKeywords("twin", ["twin:version={}".format(entry.version)])
    if service_url:
        meta.addLink(QgsAbstractMetadataBase.Link(
            tr("Query"), "WWW:LINK", "{}/collections/{}/items".format(
                service_url.rstrip("/"), entry.id)))
    meta.setHistory([tr("Fetched {} from {}").format(fetched_at, service_url)])
    return meta


def source_ids(layer):
    """(sensors collection id, observations collection id or "", service URL) of a live
    sensors layer made here; None for any other layer."""
    cid = layer.customProperty(KEY + "collection")
    if not cid:
        return None
    return (cid, layer.customProperty(KEY + "observations") or "",
            layer.customProperty(KEY + "service_url") or "")


def sensor_ids(layer):
    return [f["sensor_id"] for f in layer.getFeatures()]


def states(layer):
    """{sensor_id: state} as the layer shows them now."""
    return {f["sensor_id"]: f["state"] for f in layer.getFeatures()}


def newest_time(layer):
    """The newest latest_time in the layer (ISO UTC), or None: a refresh asks only for
    observations from then on."""
    times = [parse_time(f["latest_time"]) for f in layer.getFeatures()]
    times = [t for t in times if t is not None]
    return format_time(max(times)) if times else None


def apply_readings(layer, readings, refreshed_at=None):
    """Put ``readings`` ({sensor_id: Reading}) into the layer in place: a sensor's value,
    time and state change when its reading is newer than the one shown (or the same
    instant with another value). Every feature gets refreshed_at and stale = false.
    Returns the sensor ids whose reading changed; repaints the layer."""
    index = {name: layer.fields().indexOf(name) for name, _kind in FIELDS}
    stamp = refreshed_at or now_iso()
    changes, changed = {}, []
    for feature in layer.getFeatures():
        attrs = {index["refreshed_at"]: stamp, index["stale"]: False}
        sid = feature["sensor_id"]
        reading = readings.get(sid)
        if reading is not None and _is_news(reading, feature):
            attrs[index["latest_value"]] = float(reading.value)
            attrs[index["latest_time"]] = reading.time
            attrs[index["state"]] = sensor_state(reading.value, feature["warn_level"],
                                                 feature["alarm_level"])
            changed.append(sid)
        changes[feature.id()] = attrs
    _write(layer, changes)
    return changed


def _is_news(reading, feature):
    shown_time = parse_time(feature["latest_time"])
    when = parse_time(reading.time)
    if shown_time is None or when is None:
        return True
    if when != shown_time:
        return when > shown_time
    return _number(feature["latest_value"]) != float(reading.value)


def mark_stale(layer, stale=True):
    """Flag every sensor's reading as stale (the last refresh failed) or current."""
    index = layer.fields().indexOf("stale")
    _write(layer, {f.id(): {index: bool(stale)} for f in layer.getFeatures()})


def _write(layer, changes):
    if changes and not layer.dataProvider().changeAttributeValues(changes):
        log.warning("The live sensors layer {} refused the new readings.".format(layer.name()))
    layer.dataChanged.emit()  # open attribute tables and the canvas follow
    layer.triggerRepaint()
