"""Observation layers made temporal, so QGIS's temporal controller animates readings.

Each observation is an instant (its ``time``). The layer's time extent is set from the
collection's advertised temporal extent when there is one: asking QGIS to compute it
from the field would fetch every feature of a live layer on the main thread.
"""

from datetime import datetime, timezone

from qgis.core import QgsDateTimeRange, QgsVectorLayerTemporalProperties
from qgis.PyQt.QtCore import QDateTime, Qt, QVariant

from .sensors import parse_time

_DATE_TYPES = (QVariant.DateTime, QVariant.Date)


def collection_time_extent(entry):
    """The (start, end) datetimes of a collection's ``extent.temporal.interval``, or None
    (absent, malformed, or open at the start). An open end (observations still coming
    in) ends now."""
    raw = getattr(entry, "raw", None) or {}
    try:
        start, end = raw["extent"]["temporal"]["interval"][0][:2]
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    start = parse_time(start)
    end = parse_time(end) if end not in (None, "", "..") else datetime.now(timezone.utc)
    return (start, end) if start is not None and end is not None else None


def to_range(extent):
    """A QgsDateTimeRange (both ends included) from (start, end) aware datetimes."""
    start, end = (QDateTime.fromString(t.strftime("%Y-%m-%dT%H:%M:%SZ"), Qt.ISODate)
                  for t in extent)
    return QgsDateTimeRange(start, end, True, True)


def make_temporal(layer, field="time", extent=None):
    """Give ``layer`` active temporal properties: each feature is an instant at ``field``
    (a date-time field; a text field is read with to_datetime). ``extent`` (start, end)
    sets the layer's time extent; without it a local layer's field range is used.
    Returns the QgsDateTimeRange set, or None when the layer has no such field."""
    index = layer.fields().indexOf(field)
    if index < 0:
        return None
    props = layer.temporalProperties()
    if layer.fields().at(index).type() in _DATE_TYPES:
        props.setMode(QgsVectorLayerTemporalProperties.ModeFeatureDateTimeInstantFromField)
        props.setStartField(field)
    else:
        expression = 'to_datetime("{}")'.format(field.replace('"', '""'))
        props.setMode(
            QgsVectorLayerTemporalProperties.ModeFeatureDateTimeStartAndEndFromExpressions)
        props.setStartExpression(expression)
        props.setEndExpression(expression)
    props.setIsActive(True)
    time_range = to_range(extent) if extent else None
    if time_range is None and layer.providerType() not in ("OAPIF", "WFS"):
        time_range = _field_range(layer, index)
    if time_range is not None:
        props.setFixedTemporalRange(time_range)
    return time_range


def _field_range(layer, index):
    low, high = (parse_time(_text(v)) for v in (layer.minimumValue(index),
                                                 layer.maximumValue(index)))
    return to_range((low, high)) if low is not None and high is not None else None


def _text(value):
    if isinstance(value, QDateTime):
        return value.toUTC().toString("yyyy-MM-ddTHH:mm:ssZ") if value.isValid() else None
    return value if isinstance(value, str) else None


def cover_in_project(project, time_range):
    """Widen the project's time range (what the temporal controller offers) to include
    ``time_range``; returns the project's new range."""
    settings = project.timeSettings()
    if time_range is None or not (time_range.begin().isValid() and time_range.end().isValid()):
        return settings.temporalRange()
    current = settings.temporalRange()
    if current.begin().isValid() and current.end().isValid():
        begin = min(current.begin(), time_range.begin())
        end = max(current.end(), time_range.end())
        time_range = QgsDateTimeRange(begin, end, True, True)
    settings.setTemporalRange(time_range)
    return time_range
