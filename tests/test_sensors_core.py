"""plugin.core.sensors against the real sample service (pygeoapi) over HTTP, the sample's
live feed (sample_twin.observations_feed) on a copy served by its own pygeoapi, and a
scripted server for what real servers get wrong. Expected values are read independently
from the sample's GeoPackage with sqlite3."""

import csv
import math
import os
import sqlite3
import time
from datetime import datetime, timedelta, timezone

import pytest

from plugin.core import sensors
from plugin.core.catalog import Catalog
from plugin.core.client import ServiceClient
from plugin.core.errors import TwinServiceError
from plugin.core.transport import QgisTransport
from sample_twin.observations_feed import append_observations
from tests.support.http_stub import Reply, StubServer
from tests.support.sample_changes import copy_sample
from tests.support.twin_service import sample_data_dir, start_sample_service

WATER_OBS, RAIN_OBS = "water-level-observations", "rainfall-observations"
OBS_TABLES = {WATER_OBS: "water_level_observations", RAIN_OBS: "rainfall_observations"}
SENSOR_TABLES = {WATER_OBS: "water_level_gauges", RAIN_OBS: "rain_gauges"}


def utc(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def gpkg_rows(data_dir, sql, args=()):
    con = sqlite3.connect("file:{}?mode=ro".format(data_dir / "twin.gpkg"), uri=True)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def newest_per_sensor(data_dir, cid):
    """{sensor_id: (aware time, value)} computed from the GeoPackage."""
    out = {}
    for sid, when, value in gpkg_rows(data_dir, "SELECT sensor_id, time, value FROM {}"
                                       .format(OBS_TABLES[cid])):
        when = utc(when)
        if sid not in out or when > out[sid][0]:
            out[sid] = (when, value)
    return out


def client_for(url, **kwargs):
    return ServiceClient(url, transport=QgisTransport(timeout_ms=30000), **kwargs)


@pytest.fixture
def client(twin_service):
    return client_for(twin_service)


# -- the shared sample service -------------------------------------------------------
@pytest.mark.parametrize("cid", [WATER_OBS, RAIN_OBS])
def test_latest_readings_are_the_newest_observation_per_sensor(client, cid):
    started = time.perf_counter()
    latest = sensors.latest_readings(client, cid)
    seconds = time.perf_counter() - started
    expected = newest_per_sensor(sample_data_dir(), cid)
    assert sorted(latest) == sorted(expected)
    for sid, (when, value) in expected.items():
        assert latest[sid] == sensors.Reading(sid, iso(when), value)
    assert latest.skipped == 0 and latest.message == ""
    # The sensors collection's latest_value / latest_time say the same (offline ones too).
    for sid, value, when in gpkg_rows(sample_data_dir(), "SELECT sensor_id, latest_value, "
                                      "latest_time FROM {}".format(SENSOR_TABLES[cid])):
        assert (latest[sid].value, utc(latest[sid].time)) == (value, utc(when))
    count = gpkg_rows(sample_data_dir(), "SELECT count(*) FROM " + OBS_TABLES[cid])[0][0]
    print("latest_readings {}: {} observations, {} sensors, {:.2f} s".format(
        cid, count, len(latest), seconds))
    assert seconds < 10


def test_since_keeps_only_sensors_reporting_in_the_window(client):
    expected = newest_per_sensor(sample_data_dir(), WATER_OBS)
    newest = max(when for when, _v in expected.values())
    since = newest - timedelta(hours=3)
    latest = sensors.latest_readings(client, WATER_OBS, since=since.isoformat())
    recent = {sid for sid, (when, _v) in expected.items() if when >= since}
    assert set(latest) == recent and recent != set(expected)  # an offline gauge drops out
    assert all(latest[sid].value == expected[sid][1] for sid in recent)
    picked = sensors.latest_readings(client, WATER_OBS, sensor_ids=["WL-07", "WL-05"])
    assert {sid: r.time for sid, r in picked.items()} == {
        sid: iso(expected[sid][0]) for sid in ("WL-05", "WL-07")}
    one = sensors.latest_readings(client, WATER_OBS, sensor_ids="WL-07")  # asked by sensor_id=
    assert list(one) == ["WL-07"] and one["WL-07"] == picked["WL-07"]
    assert sensors.latest_readings(client, WATER_OBS, sensor_ids=[]) == {}


def test_time_series_filters_sensor_and_window(client):
    start, end = "2026-10-29T12:00:00+00:00", "2026-10-30T06:00:00Z"
    series = sensors.time_series(client, WATER_OBS, "WL-07", start, end)
    rows = gpkg_rows(sample_data_dir(), "SELECT time, value FROM water_level_observations "
                     "WHERE sensor_id = 'WL-07'")
    expected = sorted((utc(t), v) for t, v in rows if utc(start) <= utc(t) <= utc(end))
    assert [(utc(r.time), r.value) for r in series] == expected
    assert len(series) == 19 and {r.sensor_id for r in series} == {"WL-07"}  # both ends in
    assert series[0].time == "2026-10-29T12:00:00Z" and series[-1].time == end
    # Open end: up to the sensor's newest observation.
    tail = sensors.time_series(client, WATER_OBS, "WL-07", datetime(2026, 10, 31, 20,
                                                                    tzinfo=timezone.utc))
    assert [r.time for r in tail] == ["2026-10-31T{}:00:00Z".format(h) for h in (20, 21, 22, 23)]


def test_series_csv_round_trip(client, tmp_path):
    series = sensors.time_series(client, RAIN_OBS, "RG-03", "2026-10-29T00:00:00Z")
    path = tmp_path / "out" / "RG-03.csv"
    assert sensors.write_series_csv(series, path, unit="mm") == str(path)
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["sensor_id", "time", "value", "unit"]
    back = [sensors.Reading(sid, t, float(v)) for sid, t, v, _u in rows[1:]]
    assert back == list(series) and {r[3] for r in rows[1:]} == {"mm"}
    assert max(r.value for r in back) > 30  # the storm is in the window
    sensors.write_series_csv(series[:2], path)  # replaced whole, nothing left beside it
    assert len(path.read_text(encoding="utf-8").splitlines()) == 3
    assert os.listdir(path.parent) == ["RG-03.csv"]


@pytest.mark.parametrize("value, warn, alarm, state", [
    (0.29, 0.15, 0.30, "warn"), (0.30, 0.15, 0.30, "alarm"), (0.15, 0.15, 0.30, "warn"),
    (0.149, 0.15, 0.30, "normal"), (None, 0.15, 0.30, "unknown"),
    (float("nan"), 0.15, 0.30, "unknown"), (0.5, None, None, "unknown"),
    (0.5, None, 0.3, "alarm"), (0.2, None, 0.3, "normal"), (0.2, 0.15, None, "warn"),
    ("0.31", "0.15", "0.3", "alarm"), ("", 0.15, 0.3, "unknown")])
def test_sensor_state_rules(value, warn, alarm, state):
    assert sensors.sensor_state(value, warn, alarm) == state


def test_sensor_state_agrees_with_the_flood_tool_on_the_sample():
    from plugin.analysis.gauges import gauge_state

    rows = gpkg_rows(sample_data_dir(), "SELECT latest_value, warn_level, alarm_level FROM "
                     "water_level_gauges UNION ALL SELECT latest_value, warn_level, "
                     "alarm_level FROM rain_gauges")
    values, warns, alarms = zip(*rows)
    expected = list(gauge_state(values, warns, alarms))
    assert [sensors.sensor_state(*row) for row in rows] == expected


def test_alarm_tracker_notifies_once_and_again_after_leaving_alarm():
    tracker = sensors.AlarmTracker()
    assert tracker.update({"A": "alarm", "B": "warn"}) == ["A"]  # news on the first look
    assert tracker.update({"A": "alarm", "B": "warn"}) == []
    assert tracker.update({"A": "alarm", "B": "alarm"}) == ["B"]
    assert tracker.update({"B": "alarm"}) == []                    # A not refreshed: kept
    assert tracker.update({"A": "warn", "B": "unknown"}) == []
    assert tracker.update({"A": "alarm", "B": "alarm"}) == ["A", "B"]  # re-entered
    assert tracker.in_alarm == {"A", "B"}


def test_observations_for_on_the_real_catalog(client):
    catalog = Catalog.from_collections(client.collections())
    pairs = {e.id: sensors.observations_for(catalog, e) for e in catalog if e.kind == "sensors"}
    assert {k: v.id for k, v in pairs.items()} == {"water-level-gauges": WATER_OBS,
                                                   "rain-gauges": RAIN_OBS}
    assert sensors.observations_for(catalog, catalog.get("buildings")) is None
    assert sensors.observations_for(catalog, None) is None


# -- the live feed on a copy with its own service ------------------------------------
@pytest.fixture(scope="module")
def fed(tmp_path_factory):
    """A copy of the sample served by its own pygeoapi (never the shared one)."""
    data = copy_sample(tmp_path_factory.mktemp("feed") / "twin")
    handle = start_sample_service(data)
    try:
        yield {"data": data, "url": handle.url}
    finally:
        handle.stop()


def _states(client, readings, sensors_cid):
    levels = {f["properties"]["sensor_id"]: f["properties"]
              for f in client.iter_features(sensors_cid)}
    return {sid: sensors.sensor_state(r.value, levels[sid]["warn_level"],
                                      levels[sid]["alarm_level"])
            for sid, r in readings.items()}


def test_appended_hour_is_served_and_the_forced_gauge_alarms_once(fed):
    client = client_for(fed["url"])
    tracker = sensors.AlarmTracker()
    before = sensors.latest_readings(client, WATER_OBS)
    assert tracker.update(_states(client, before, "water-level-gauges")) == []
    newest = max(utc(r.time) for r in before.values())
    alarm = gpkg_rows(fed["data"], "SELECT alarm_level FROM water_level_gauges "
                      "WHERE sensor_id = 'WL-07'")[0][0]
    forced = round(alarm + 0.15, 2)

    news, since = [], newest
    for hour in (1, 2):  # two refreshes, the gauge staying above its alarm level
        fed_back = append_observations(fed["data"], hours=1, levels={"WL-07": forced})
        started = time.perf_counter()
        # Since the last refresh's newest reading: past the extent the service started
        # with (its end is open, so pygeoapi serves it; a server refusing it with 400 is
        # read unfiltered, see the scripted-server test below).
        latest = sensors.latest_readings(client, WATER_OBS, since=iso(since))
        since = max(utc(r.time) for r in latest.values())
        seconds = time.perf_counter() - started
        new_hour = iso(newest + timedelta(hours=hour))
        assert fed_back["times"] == [new_hour]
        assert {r.time for r in latest.values()} == {new_hour}
        assert sorted(latest) == sorted(before)          # every gauge, offline ones too
        assert latest["WL-07"].value == forced
        assert {sid: r.value for sid, r in latest.items()} == {
            sid: v["value"] for sid, v in fed_back["latest"].items() if sid in latest}
        news.append(tracker.update(_states(client, latest, "water-level-gauges")))
        print("refresh {}: {:.3f} s".format(hour, seconds))
    assert news == [["WL-07"], []]
    # The sensors collection (SpatiaLite) follows without a restart as well.
    served = [f["properties"] for f in client.iter_features(
        "water-level-gauges", properties={"sensor_id": "WL-07"})]
    assert [(p["latest_value"], p["latest_time"]) for p in served] == [
        (forced, iso(newest + timedelta(hours=2)))]


def test_append_keeps_the_geopackage_and_service_in_step(fed):
    data = fed["data"]
    before_change = dict(gpkg_rows(data, "SELECT table_name, last_change FROM gpkg_contents"))
    result = append_observations(data, hours=3, levels={"RG-02": 61.5})
    assert len(result["times"]) == 3 and result["added"][RAIN_OBS] == 3 * 6
    client = client_for(fed["url"])
    for cid, table in OBS_TABLES.items():
        served = [f["properties"] for f in client.iter_features(cid)]
        rows = gpkg_rows(data, "SELECT sensor_id, time, value FROM " + table)
        assert sorted((p["sensor_id"], utc(p["time"]), p["value"]) for p in served) == \
            sorted((s, utc(t), v) for s, t, v in rows)
        rtree = gpkg_rows(data, "SELECT count(*) FROM rtree_{}_geom".format(table))[0][0]
        assert rtree == len(rows)
        changed = gpkg_rows(data, "SELECT last_change FROM gpkg_contents WHERE table_name = ?",
                            (table,))[0][0]
        assert changed > before_change[table]
    assert gpkg_rows(data, "PRAGMA integrity_check") == [("ok",)]
    latest = sensors.latest_readings(client, RAIN_OBS, sensor_ids=["RG-02"])
    assert latest["RG-02"] == sensors.Reading("RG-02", result["times"][-1], 61.5)
    series = sensors.time_series(client, RAIN_OBS, "RG-02", result["times"][0])
    assert [(r.time, r.value) for r in series] == [(t, 61.5) for t in result["times"]]


# -- a scripted server: what other servers do ---------------------------------------
def _obs(i, sid, when, value):
    props = {k: v for k, v in (("sensor_id", sid), ("time", when), ("value", value))
             if v is not None}
    return {"type": "Feature", "id": str(i), "geometry": None, "properties": props}


@pytest.fixture
def stub():
    with StubServer() as server:
        server.add_service([{"id": "obs", "title": "Observations"}])
        yield server


def test_servers_ignoring_filters_and_malformed_observations(stub):
    features = [
        _obs(1, "S1", "2026-10-31T22:00:00Z", 1.0),
        _obs(2, "S1", "2026-11-01T07:30:00+08:00", 2.5),      # = 23:30Z, the newest of S1
        _obs(3, "S2", "2026-10-31T23:00:00+00:00", "0.4"),
        _obs(4, "S1", "2026-10-31T23:00:00.123456Z", 9.0),
        _obs(5, None, "2026-10-31T23:00:00Z", 5.0),           # no sensor id
        _obs(6, "S2", None, 5.0),                             # no time
        _obs(7, "S2", "yesterday", 5.0),                      # not a time
        _obs(8, "S2", "2026-10-31T20:00:00Z", "high"),        # not a number
        _obs(9, "S2", "2026-10-31T21:00:00", 0.1),            # no offset: UTC
        _obs(10, "S3", "2026-10-30T00:00:00Z", 3.0),          # before `since`
    ]
    stub.add_paged_items("obs", features, server_max=3)  # pages follow `next`; no filters
    client = ServiceClient(stub.url + "/", transport=QgisTransport(timeout_ms=5000))
    latest = sensors.latest_readings(client, "obs", since="2026-10-31T00:00:00Z")
    assert latest == {"S1": sensors.Reading("S1", "2026-10-31T23:30:00Z", 2.5),
                      "S2": sensors.Reading("S2", "2026-10-31T23:00:00Z", 0.4)}
    assert latest.skipped == 4
    assert latest.message.count(".") == 1 and "4" in latest.message
    items = stub.paths("/api/colls/obs/items")
    assert len(items) == 4 and "datetime=2026-10-31T00:00:00Z/.." in items[0]

    series = sensors.time_series(client, "obs", "S2", "2026-10-31T21:00:00Z",
                                 "2026-10-31T23:00:00Z")
    assert [(r.time, r.value) for r in series] == [("2026-10-31T21:00:00Z", 0.1),
                                                   ("2026-10-31T23:00:00Z", 0.4)]
    # The one without a sensor id is not S2's (the client's own sensor_id= check drops it).
    assert series.skipped == 3
    asked = stub.paths("/api/colls/obs/items")[len(items)]  # `next` links drop filters here
    assert "sensor_id=S2" in asked and "datetime=2026-10-31T21:00:00Z/2026-10-31T23" in asked


def test_a_refused_time_filter_falls_back_to_filtering_here(stub):
    features = [_obs(i, "S1", "2026-10-31T{:02d}:00:00Z".format(i), float(i))
                for i in range(24)]
    path = stub.add_paged_items("obs", features, server_max=10)
    paged = stub.routes[path]
    stub.route(path, lambda request: Reply(400, {"code": "InvalidParameterValue"})
               if "datetime" in request.query else paged(request))
    client = ServiceClient(stub.url + "/", transport=QgisTransport(timeout_ms=5000))
    series = sensors.time_series(client, "obs", "S1", "2026-10-31T20:00:00Z")
    assert [r.value for r in series] == [20.0, 21.0, 22.0, 23.0]
    items = stub.paths("/api/colls/obs/items")
    assert "datetime=" in items[0] and not any("datetime=" in p for p in items[1:])
    assert len(items) == 1 + 3


def test_a_collection_without_any_valid_observation_is_one_sentence(stub):
    stub.add_paged_items("obs", [_obs(i, None, "2026-10-31T22:00:00Z", 1.0) for i in range(3)]
                         + [{"type": "Feature", "id": "x", "geometry": None}])
    client = ServiceClient(stub.url + "/", transport=QgisTransport(timeout_ms=5000))
    with pytest.raises(TwinServiceError) as caught:
        sensors.latest_readings(client, "obs")
    message = str(caught.value)
    assert "'obs'" in message and "\n" not in message and message.count(".") == 1


def test_times_are_parsed_whatever_their_spelling():
    same = ["2026-10-31T23:00:00Z", "2026-10-31T23:00:00+00:00", "2026-11-01T07:00:00+08:00",
            "2026-10-31 23:00:00", "2026-10-31T23:00Z", "2026-10-31T18:00:00-0500"]
    assert {sensors.format_time(sensors.parse_time(t)) for t in same} == {
        "2026-10-31T23:00:00Z"}
    assert sensors.parse_time("2026-02-30T00:00:00Z") is None
    assert math.isclose(sensors.parse_time("2026-10-31T23:00:00.5Z").microsecond, 500000)
