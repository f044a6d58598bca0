"""IoT sensing from a twin service: latest readings, time series, states and alarms.

Works against any OGC API - Features server (profile: kind=sensors / kind=observations),
so it relies on what every server does: pages are followed by their ``next`` links,
``sensor_id=`` and ``datetime=`` are sent but checked again here (servers ignore
parameters they do not know), nothing is assumed about the order of features (no
``sortby``), and times are parsed whatever their spelling (``Z``, ``+00:00``, other
offsets, fractions). No qgis/Qt imports: the module runs in tasks and tests alike.
"""

import csv
import math
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from .. import log
from ..i18n import tr
from .errors import TwinCancelled, TwinServiceError

STATES = ("normal", "warn", "alarm", "unknown")
_TIME_RE = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})"
    r"(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?\s*$")
_REFUSED_RE = re.compile(r"HTTP status: 400\b")  # transport.py's detail of an HTTP 400


@dataclass(frozen=True)
class Reading:
    sensor_id: str
    time: str      # ISO 8601 UTC, e.g. "2026-10-31T23:00:00Z"
    value: float


class Readings(dict):
    """{sensor_id: Reading}; ``skipped`` counts malformed observations left out and
    ``message`` says so in one sentence ("" when none were)."""
    skipped = 0
    message = ""


class Series(list):
    """[Reading] sorted by time; ``skipped`` / ``message`` as in Readings."""
    skipped = 0
    message = ""


# ------------------------------------------------------------------ values and times

def parse_time(value):
    """An aware UTC datetime from ISO 8601 text (or a datetime/date), else None.

    Text without an offset is taken as UTC (the profile's times are UTC)."""
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)) \
            .astimezone(timezone.utc)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    if not isinstance(value, str):
        return None
    m = _TIME_RE.match(value)
    if not m:
        return None
    y, mo, d, h, mi, s, frac, off = m.groups()
    try:
        micro = int((frac or "0")[:6].ljust(6, "0"))
        dt = datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0), micro,
                      tzinfo=timezone.utc)
    except ValueError:
        return None
    if off and off not in ("Z", "z"):
        sign = -1 if off[0] == "-" else 1
        digits = off[1:].replace(":", "")
        dt -= sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
    return dt


def format_time(dt):
    """'2026-10-31T23:00:00Z' (microseconds only when there are some)."""
    dt = dt.astimezone(timezone.utc)
    text = dt.strftime("%Y-%m-%dT%H:%M:%S")
    return text + (".{:06d}".format(dt.microsecond) if dt.microsecond else "") + "Z"


def _number(value):
    """A finite float, or None (bools, blanks and text that is not a number)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def sensor_state(value, warn, alarm) -> str:
    """"alarm" ≥ alarm level, "warn" ≥ warn level, else "normal"; "unknown" without a
    value or without any level: analysis.gauges.gauge_state for one value (numbers as text
    accepted)."""
    from ..analysis.gauges import gauge_state  # numpy: on use, not at plugin load

    value, warn, alarm = (float("nan") if v is None else v
                          for v in (_number(value), _number(warn), _number(alarm)))
    return str(gauge_state(value, warn, alarm))


# ------------------------------------------------------------------ catalog

def observations_for(catalog, sensors_entry):
    """The kind=observations entry of the sensors entry's subcategory, or None.

    With several, the one sharing the most districts with the sensors wins."""
    if sensors_entry is None or not sensors_entry.subcategory:
        return None
    found = [e for e in catalog if e.kind == "observations"
             and e.subcategory == sensors_entry.subcategory and e.id != sensors_entry.id]
    if not found:
        return None
    districts = set(sensors_entry.districts or [])
    return max(found, key=lambda e: len(districts & set(e.districts or [])))


# ------------------------------------------------------------------ observations

def _reading(feature):
    """(Reading, datetime) from an observation feature, or None if it lacks a sensor id,
    a time or a numeric value."""
    props = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(props, dict):
        return None
    sid = props.get("sensor_id")
    when = parse_time(props.get("time"))
    value = _number(props.get("value"))
    if sid is None or str(sid).strip() == "" or when is None or value is None:
        return None
    return Reading(str(sid), format_time(when), value), when


def _skipped_message(cid, skipped):
    return tr("{} observations in '{}' had no sensor id, time or numeric value and were "
              "skipped.").format(skipped, cid)


def _pages(client, cid, properties, interval, feedback):
    """client.iter_pages with ``datetime=interval``; when the server refuses the interval
    outright (HTTP 400 on the first page), the pages without it: the window is checked
    here anyway. pygeoapi, for one, refuses a start after the temporal extent it was
    configured with, which a live feed outgrows until the server restarts."""
    started = False
    try:
        for page in client.iter_pages(cid, properties=properties, datetime=interval,
                                      feedback=feedback):
            started = True
            yield page
    except TwinCancelled:
        raise
    except TwinServiceError as error:
        if started or interval is None or not _REFUSED_RE.search(str(error.detail or "")):
            raise
        log.info("The twin service refused datetime={} for '{}'; reading it unfiltered."
                 "\n{}".format(interval, cid, error.detail))
    else:
        return
    yield from client.iter_pages(cid, properties=properties, feedback=feedback)


def _observations(client, cid, properties, window, feedback, result):
    """Yield (Reading, datetime) of collection ``cid`` within ``window`` (start, end:
    aware datetimes or None), counting malformed features in ``result.skipped``."""
    start, end = window
    interval = None
    if start is not None or end is not None:
        interval = "{}/{}".format(format_time(start) if start else "..",
                                  format_time(end) if end else "..")
    good = 0
    for page in _pages(client, cid, properties, interval, feedback):
        for feature in page.features:
            parsed = _reading(feature)
            if parsed is None:
                result.skipped += 1
                continue
            good += 1
            when = parsed[1]
            if (start is None or when >= start) and (end is None or when <= end):
                yield parsed
    if result.skipped:
        if not good:
            raise TwinServiceError(
                tr("The twin service sent {} features for '{}' but none is an observation "
                   "with a sensor id, time and numeric value.").format(result.skipped, cid))
        result.message = _skipped_message(cid, result.skipped)
        log.warning(result.message)
        push = getattr(feedback, "pushWarning", None)
        if push is not None:
            push(result.message)


def _time_arg(value, name):
    if value is None:
        return None
    parsed = parse_time(value)
    if parsed is None:
        raise ValueError("{} is not an ISO 8601 time: {!r}".format(name, value))
    return parsed


def latest_readings(client, observations_cid, sensor_ids=None, since=None, feedback=None):
    """{sensor_id: Reading}: the newest observation of each sensor (of ``sensor_ids``
    only, when given). ``since`` (ISO text or datetime) asks only for observations from
    then on (``datetime=since/..``), which keeps a refresh cheap over a long history;
    sensors silent since then are absent from the result."""
    if isinstance(sensor_ids, str):
        sensor_ids = [sensor_ids]
    wanted = None if sensor_ids is None else {str(s) for s in sensor_ids}
    # One sensor: let the server filter; several: one pass over the window is cheaper
    # than one request each.
    properties = {"sensor_id": next(iter(wanted))} if wanted and len(wanted) == 1 else None
    result = Readings()
    if wanted is not None and not wanted:
        return result
    newest = {}
    for reading, when in _observations(client, observations_cid, properties,
                                       (_time_arg(since, "since"), None), feedback, result):
        if wanted is not None and reading.sensor_id not in wanted:
            continue
        best = newest.get(reading.sensor_id)
        if best is None or when >= best[1]:
            newest[reading.sensor_id] = (reading, when)
    result.update((sid, newest[sid][0]) for sid in sorted(newest))
    return result


def time_series(client, observations_cid, sensor_id, start, end=None, feedback=None):
    """[Reading] of one sensor from ``start`` to ``end`` (inclusive; None = open), sorted
    by time; one reading per instant (a repeated one keeps the last sent)."""
    start, end = _time_arg(start, "start"), _time_arg(end, "end")
    result = Series()
    by_time = {}
    for reading, when in _observations(client, observations_cid, {"sensor_id": sensor_id},
                                       (start, end), feedback, result):
        if reading.sensor_id == str(sensor_id):
            by_time[when] = reading
    result.extend(by_time[t] for t in sorted(by_time))
    return result


def write_series_csv(readings, path, unit=""):
    """Write readings as CSV (header sensor_id,time,value,unit; UTF-8). The file appears
    complete or not at all: written beside the target, then renamed onto it."""
    path = os.path.abspath(str(path))
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".part-", suffix=".csv", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["sensor_id", "time", "value", "unit"])
            for r in readings:
                writer.writerow([r.sensor_id, r.time, repr(float(r.value)), unit or ""])
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    return path


# ------------------------------------------------------------------ alarms

class AlarmTracker:
    """Which sensors are newly in alarm, so a refresh notifies once, not every time."""

    def __init__(self):
        self._alarm = set()

    @property
    def in_alarm(self):
        return set(self._alarm)

    def update(self, states):
        """Sensor ids (sorted) that are "alarm" now and were not at the previous update;
        the first update reports those already in alarm (news to the user). A sensor
        absent from ``states`` keeps its previous state (e.g. a partial refresh)."""
        now = {str(sid) for sid, state in states.items() if state == "alarm"}
        left = {str(sid) for sid, state in states.items() if state != "alarm"}
        new = sorted(now - self._alarm)
        self._alarm = (self._alarm - left) | now
        return new

    def reset(self):
        self._alarm.clear()
