"""Live sensors layers against the real sample service over HTTP: latest readings,
refresh in place, alarms once, stale readings on a server error, temporal observation
layers, the flood tool on the live gauges, and cleanup.

Read-only checks use the session's service; anything that advances the observations
runs on this module's own copy of the sample (``own``), never the shared one.
"""

import json
import time
import urllib.request
from datetime import datetime, timezone

import pytest
from qgis.core import (
    Qgis,
    QgsCategorizedSymbolRenderer,
    QgsDateTimeRange,
    QgsFeatureRequest,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
    QgsVectorLayerTemporalContext,
    QgsVectorLayerTemporalProperties,
)
from qgis.PyQt.QtCore import QDateTime, Qt

from plugin import settings
from plugin.core.catalog import Catalog
from plugin.core.client import ServiceClient
from plugin.core.connections import Connection
from plugin.core.sensor_layer import build_sensor_layer, source_ids
from plugin.core.sensors import sensor_state
from plugin.gui import catalog_actions, sensor_watch
from sample_twin.observations_feed import append_observations
from tests.support.sample_changes import copy_sample, restart_service
from tests.support.twin_service import start_sample_service

WAIT_MS = 60000
TITLE = "Twin sensors"


# -- helpers --------------------------------------------------------------------------
def items(url, cid):
    """Every feature of a collection straight from the service (not through the plugin)."""
    features, next_url = [], "{}/collections/{}/items?f=json&limit=1000".format(url, cid)
    while next_url:
        with urllib.request.urlopen(next_url, timeout=60) as response:
            page = json.loads(response.read())
        features += page["features"]
        next_url = next((link["href"] for link in page.get("links", [])
                         if link.get("rel") == "next"), None)
    return features


def utc(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


def newest_per_sensor(url, cid):
    newest = {}
    for feature in items(url, cid):
        p = feature["properties"]
        if p["sensor_id"] not in newest or utc(p["time"]) > utc(newest[p["sensor_id"]]["time"]):
            newest[p["sensor_id"]] = p
    return newest


def by_sensor(layer):
    return {f["sensor_id"]: f for f in layer.getFeatures()}


def messages(iface, level):
    return [m for m in iface.messageBar().get_messages(level) if m.startswith(TITLE + ":")]


@pytest.fixture
def clean_project(qgis_iface):
    QgsProject.instance().removeAllMapLayers()
    qgis_iface.messageBar().clear_messages()
    yield QgsProject.instance()
    sensor_watch.stop_all()
    QgsProject.instance().removeAllMapLayers()
    no_range = QgsDateTimeRange(QDateTime(), QDateTime())
    QgsProject.instance().timeSettings().setTemporalRange(no_range)


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    """This module's own copy of the sample and a service on it: {"data", "service"}."""
    data = copy_sample(tmp_path_factory.mktemp("sensors") / "twin")
    held = {"data": data, "service": start_sample_service(data)}
    yield held
    held["service"].stop()
    held.clear()


def add_sensors(qtbot, iface, url, cid, runner=None):
    """The dock's path: add_live_layers on a kind=sensors entry; (layer, watch, runner)."""
    runner = runner or catalog_actions.TaskRunner()
    catalog = Catalog.from_collections(ServiceClient(url).collections())
    ended = []
    catalog_actions.add_live_layers(runner, iface, Connection("sensors test", url),
                                    [catalog.get(cid)], on_end=lambda *a: ended.append(a),
                                    catalog=catalog)
    qtbot.waitUntil(lambda: bool(ended), timeout=WAIT_MS)
    outcome, layers = ended[0]
    assert outcome == "added", layers
    return layers[0], sensor_watch.watch_of(layers[0]), runner


def refresh(qtbot, watch):
    with qtbot.waitSignal(watch.refresh_ended, timeout=WAIT_MS) as signal:
        assert watch.refresh_now() is not None
    return signal.args[0]


# -- the layer ------------------------------------------------------------------------
def test_latest_values_are_the_newest_observation_per_sensor(qgis_iface, qtbot, twin_service,
                                                              clean_project):
    layer, watch, runner = add_sensors(qtbot, qgis_iface, twin_service, "water-level-gauges")
    newest = newest_per_sensor(twin_service, "water-level-observations")
    sensors = {f["properties"]["sensor_id"]: f["properties"]
               for f in items(twin_service, "water-level-gauges")}
    shown = by_sensor(layer)
    assert set(shown) == set(sensors) == set(newest) and len(shown) == 8
    for sid, feature in shown.items():
        assert feature["latest_value"] == pytest.approx(newest[sid]["value"])
        assert utc(feature["latest_time"]) == utc(newest[sid]["time"])
        assert feature["unit"] == "m" and feature["name"] == sensors[sid]["name"]
        assert feature["state"] == sensor_state(newest[sid]["value"], sensors[sid]["warn_level"],
                                                sensors[sid]["alarm_level"])
        assert feature["stale"] is False
    # WL-05 stopped reporting 40 h before the others: its reading is older.
    assert utc(shown["WL-05"]["latest_time"]) < utc(shown["WL-01"]["latest_time"])
    # In the project, styled by state, labelled with value and unit, its source recorded.
    assert QgsProject.instance().mapLayer(layer.id()) is layer
    renderer = layer.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer)
    assert renderer.classAttribute() == "state"
    assert {c.value() for c in renderer.categories()} == {"normal", "warn", "alarm", "unknown"}
    assert layer.labelsEnabled() and "unit" in layer.labeling().settings().fieldName
    assert source_ids(layer) == ("water-level-gauges", "water-level-observations",
                                 twin_service.rstrip("/"))
    assert layer.metadata().identifier() == "water-level-gauges"
    assert "water-level-observations" in layer.metadata().abstract()
    # Refreshing on the configured interval, one watch per layer.
    assert watch.running and watch.timer.isActive()
    assert watch.timer.interval() == 1000 * settings.get("sensor_refresh_s") == 60000
    runner.cancel_all()
    assert not watch.running and sensor_watch.watch_of(layer) is None


def test_refresh_updates_in_place_and_alarms_once(qgis_iface, qtbot, own, clean_project):
    url = own["service"].url
    layer, watch, _runner = add_sensors(qtbot, qgis_iface, url, "water-level-gauges")
    fids = {sid: f.id() for sid, f in by_sensor(layer).items()}
    assert by_sensor(layer)["WL-07"]["state"] != "alarm"
    qgis_iface.messageBar().clear_messages()

    advanced = append_observations(own["data"], hours=1, levels={"WL-07": 0.45})
    started = time.perf_counter()
    assert refresh(qtbot, watch) == "refreshed"
    seconds = time.perf_counter() - started
    shown = by_sensor(layer)
    for sid, latest in advanced["latest"].items():
        if sid in shown:
            assert shown[sid]["latest_value"] == pytest.approx(latest["value"])
            assert utc(shown[sid]["latest_time"]) == utc(latest["time"])
    assert shown["WL-07"]["state"] == "alarm" and shown["WL-07"]["latest_value"] == 0.45
    # In place: the same layer object in the project, the same feature ids.
    assert QgsProject.instance().mapLayer(layer.id()) is layer
    assert {sid: f.id() for sid, f in shown.items()} == fids
    # Exactly one alarm notice, naming the sensor, its value and its alarm level.
    alarms = messages(qgis_iface, Qgis.Critical)
    assert alarms == ["Twin sensors:Xiangmihu road ponding gauge (WL-07) is in alarm: 0.45 m "
                      "at {}, alarm level 0.3 m.".format(
                          utc(advanced["times"][-1]).strftime("%Y-%m-%d %H:%M UTC"))]
    # Still in alarm an hour later: no second notice.
    append_observations(own["data"], hours=1, levels={"WL-07": 0.5})
    assert refresh(qtbot, watch) == "refreshed"
    assert by_sensor(layer)["WL-07"]["latest_value"] == 0.5
    assert messages(qgis_iface, Qgis.Critical) == alarms
    # A tick while a refresh runs is skipped: never two at once.
    with qtbot.waitSignal(watch.refresh_ended, timeout=WAIT_MS):
        task = watch.refresh_now()
        watch.tick()
        assert watch.refresh_now() is None and watch.task is task
    assert watch.skipped_ticks == 1
    print(alarms[0])
    print("refresh of 8 gauges after one new hour: {:.2f} s".format(seconds))


def test_flood_tool_takes_the_refreshed_gauge_reading(qgis_iface, qtbot, own, provider,
                                                      tmp_path, clean_project):
    from plugin.core.downloads import download_collections
    from tests.support.processing_runs import rows, run_algorithm

    url = own["service"].url
    layer, watch, _runner = add_sensors(qtbot, qgis_iface, url, "water-level-gauges")
    advanced = append_observations(own["data"], hours=1, levels={"WL-07": 0.62})
    assert refresh(qtbot, watch) == "refreshed"
    gauge = by_sensor(layer)["WL-07"]
    assert gauge["latest_value"] == 0.62 == advanced["latest"]["WL-07"]["value"]
    x, y = gauge.geometry().asPoint().x(), gauge.geometry().asPoint().y()
    client = ServiceClient(url)
    catalog = Catalog.from_collections(client.collections())
    result = download_collections(client, [catalog.get("buildings"),
                                           catalog.get("flood-depth-rp100")],
                                  tmp_path / "near.gpkg", bbox=(x - 0.002, y - 0.002,
                                                                x + 0.002, y + 0.002))
    uris = {d.collection_id: d.uri for d in result.layers}
    depth = QgsRasterLayer(uris["flood-depth-rp100"], "rp100", "gdal")
    footprints = QgsVectorLayer(uris["buildings"], "buildings", "ogr")
    assert depth.isValid() and footprints.featureCount() > 0
    out = run_algorithm("twindistrictreview:floodimpact", {
        "FLOOD_RASTERS": [depth], "BUILDINGS": footprints, "GAUGES": layer},
        ["BUILDINGS_OUT", "SUMMARY", "COMPARISON", "IMPACT_AREAS"])
    buildings = rows(out["BUILDINGS_OUT"])
    near = [b for b in buildings if b["gauge_id"] == "WL-07"]
    assert near, "no flooded building took the ponding gauge"
    assert {b["gauge_value"] for b in near} == {0.62}
    assert {b["gauge_state"] for b in near} == {"alarm"}
    out.clear()


def test_server_error_keeps_the_last_good_values(qgis_iface, qtbot, own, clean_project):
    layer, watch, _runner = add_sensors(qtbot, qgis_iface, own["service"].url,
                                        "water-level-gauges")
    assert refresh(qtbot, watch) == "refreshed"
    good = {sid: (f["latest_value"], f["latest_time"]) for sid, f in by_sensor(layer).items()}
    kept_at = datetime.fromisoformat(watch.last_good.replace("Z", "+00:00")).astimezone()
    qgis_iface.messageBar().clear_messages()
    own["service"].stop()
    try:
        assert refresh(qtbot, watch) == "failed"
        shown = by_sensor(layer)
        assert {sid: (f["latest_value"], f["latest_time"]) for sid, f in shown.items()} == good
        assert all(f["stale"] is True for f in shown.values())
        said = messages(qgis_iface, Qgis.Warning)
        assert len(said) == 1 and said[0].startswith(
            "Twin sensors:Water level gauges could not be refreshed (")
        assert said[0].endswith("; it kept the readings of {}.".format(
            kept_at.strftime("%H:%M")))
        assert refresh(qtbot, watch) == "failed"  # said once, not on every failed refresh
        assert messages(qgis_iface, Qgis.Warning) == said
        print(said[0])
        assert watch.running and watch.timer.isActive()
    finally:
        own["service"] = restart_service(own["service"])
    append_observations(own["data"], hours=1)
    assert refresh(qtbot, watch) == "refreshed"
    assert not any(f["stale"] for f in layer.getFeatures())
    assert messages(qgis_iface, Qgis.Success) == [
        "Twin sensors:The readings of Water level gauges are current again."]


def test_sensors_without_observations_or_levels(qgis_iface, qtbot, twin_service, clean_project):
    """A sensors collection from another field set: the layer still works."""
    from plugin.core.tasks import SensorRefreshTask

    features = items(twin_service, "rain-gauges")
    for feature in features:  # no levels, no name: a plainer server's sensors
        for key in ("warn_level", "alarm_level", "name"):
            feature["properties"].pop(key)
    entry = Catalog.from_collections(ServiceClient(twin_service).collections()).get(
        "rain-gauges")
    layer = build_sensor_layer(features, entry)
    assert {f["state"] for f in layer.getFeatures()} == {"unknown"}
    assert {f["name"] for f in layer.getFeatures()} == {f["sensor_id"] for f in
                                                         layer.getFeatures()}
    # Without an observations collection the refresh reads the sensors' own values.
    task = SensorRefreshTask(ServiceClient(twin_service), None, sensors_cid="rain-gauges")
    got = []
    task.refreshed.connect(got.append)
    from qgis.core import QgsApplication

    QgsApplication.taskManager().addTask(task)
    qtbot.waitUntil(lambda: bool(got), timeout=WAIT_MS)
    assert {sid: r.value for sid, r in got[0].items()} == {
        f["properties"]["sensor_id"]: f["properties"]["latest_value"] for f in features}


def test_the_dock_adds_a_live_sensors_layer(qgis_iface, qtbot, twin_service, clean_project):
    """Add live layer in the catalog dock on a kind=sensors collection."""
    from plugin.core import connections
    from plugin.gui.catalog_dock import CatalogDock

    connections.save(Connection("pytest sensors", twin_service))
    dock = CatalogDock(qgis_iface)
    qtbot.addWidget(dock)
    try:
        with qtbot.waitSignal(dock.catalog_loaded, timeout=WAIT_MS):
            dock.set_connection("pytest sensors")
        dock.select_ids(["water-level-gauges"])
        with qtbot.waitSignal(dock.action_finished, timeout=WAIT_MS) as ended:
            dock.add_live_layers()
        assert ended.args == ["added"]
        layer, = QgsProject.instance().mapLayersByName("Water level gauges")
        assert layer.providerType() == "memory" and layer.featureCount() == 8
        watch = sensor_watch.watch_of(layer)
        assert watch.running and watch.observations_cid == "water-level-observations"
    finally:
        dock.close_tasks()
        connections.remove("pytest sensors")
    assert not watch.running


# -- temporal observations --------------------------------------------------------------
def test_observations_layer_is_temporal(qgis_iface, qtbot, twin_service, clean_project):
    catalog = Catalog.from_collections(ServiceClient(twin_service).collections())
    ended = []
    # Referenced until the task ends, as the dock keeps its runner: an unreferenced
    # runner's cycle (runner -> task -> slot -> runner) may be collected mid-signal.
    runner = catalog_actions.TaskRunner()
    catalog_actions.add_live_layers(runner, qgis_iface,
                                    Connection("sensors test", twin_service),
                                    [catalog.get("water-level-observations")],
                                    on_end=lambda *a: ended.append(a))
    qtbot.waitUntil(lambda: bool(ended) and not runner.tasks, timeout=WAIT_MS)
    layer = ended[0][1][0]
    props = layer.temporalProperties()
    assert props.isActive()
    assert props.mode() == QgsVectorLayerTemporalProperties.ModeFeatureDateTimeInstantFromField
    assert props.startField() == "time"
    times = sorted(utc(f["properties"]["time"])
                   for f in items(twin_service, "water-level-observations"))

    def qdt(t):
        return QDateTime.fromString(t.strftime("%Y-%m-%dT%H:%M:%SZ"), Qt.ISODate)

    extent = props.fixedTemporalRange()
    assert extent.contains(qdt(times[0])) and extent.contains(qdt(times[-1]))
    project_range = QgsProject.instance().timeSettings().temporalRange()
    assert project_range.contains(qdt(times[0])) and project_range.contains(qdt(times[-1]))
    # One animation frame (an hour) shows that hour's readings only.
    hour = times[len(times) // 2].replace(minute=0, second=0)
    frame = QgsDateTimeRange(qdt(hour), qdt(hour).addSecs(3600), True, False)
    expression = props.createFilterString(QgsVectorLayerTemporalContext(), frame)
    shown = [f for f in layer.getFeatures(QgsFeatureRequest().setFilterExpression(expression))]
    expected = sum(1 for t in times if t == hour)
    assert len(shown) == expected > 0


def test_downloaded_observations_are_temporal_too(twin_service, tmp_path, clean_project):
    from plugin.core.downloads import download_collections
    from plugin.core.project_layers import add_downloaded

    client = ServiceClient(twin_service)
    entry = Catalog.from_collections(client.collections()).get("rainfall-observations")
    layer, = add_downloaded(download_collections(client, [entry], tmp_path / "obs.gpkg"))
    props = layer.temporalProperties()
    assert props.isActive()
    times = sorted(utc(f["properties"]["time"])
                   for f in items(twin_service, "rainfall-observations"))
    extent = props.fixedTemporalRange()
    assert extent.begin().toUTC().toString(Qt.ISODate) == times[0].strftime("%Y-%m-%dT%H:%M:%SZ")
    assert extent.end().toUTC().toString(Qt.ISODate) == times[-1].strftime("%Y-%m-%dT%H:%M:%SZ")
    assert QgsProject.instance().timeSettings().temporalRange() == extent


# -- cleanup ----------------------------------------------------------------------------
def test_removing_the_layer_stops_its_watch(qgis_iface, qtbot, twin_service, clean_project):
    layer, watch, _runner = add_sensors(qtbot, qgis_iface, twin_service, "rain-gauges")
    assert watch.running
    QgsProject.instance().removeMapLayer(layer.id())
    assert not watch.running and not watch.timer.isActive()
    assert sensor_watch.watch_of(watch.layer_id) is None


def test_unload_stops_every_timer(qgis_iface, qtbot, twin_service, clean_project):
    from plugin.plugin_main import TwinDistrictReviewPlugin

    plugin = TwinDistrictReviewPlugin(qgis_iface)
    plugin.initGui()
    try:
        watches = [add_sensors(qtbot, qgis_iface, twin_service, cid, plugin.dock.runner)[1]
                   for cid in ("water-level-gauges", "rain-gauges")]
        in_flight = watches[0].refresh_now()
        assert in_flight is not None and all(w.timer.isActive() for w in watches)
    finally:
        plugin.unload()
    assert not any(w.running or w.timer.isActive() for w in watches)
    assert sensor_watch.watches() == []
    qtbot.waitUntil(lambda: watches[0].task is None, timeout=WAIT_MS)  # ended, not left


def test_the_refresh_interval_is_set_from_the_plugin_menu(qgis_iface, qtbot, twin_service,
                                                          clean_project):
    from qgis.PyQt.QtWidgets import QInputDialog

    from tests.support.dialogs import on_next_dialog

    layer, watch, runner = add_sensors(qtbot, qgis_iface, twin_service, "water-level-gauges")
    try:
        def answer(dialog):
            assert isinstance(dialog, QInputDialog) and dialog.intValue() == 60
            dialog.setIntValue(15)
            dialog.accept()

        seen = on_next_dialog(answer)
        assert sensor_watch.ask_interval(qgis_iface) == 15 and len(seen) == 1
        # The running layer follows at once, and new layers start with it.
        assert watch.timer.interval() == 15000 and settings.get("sensor_refresh_s") == 15
        assert "every 15 s" in messages(qgis_iface, Qgis.Info)[-1]
    finally:
        settings.set("sensor_refresh_s", 60)
        runner.cancel_all()
