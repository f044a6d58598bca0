"""A sensor's time series dialog, against the sample twin service (read-only).

The expected readings come from the sample GeoPackage through sqlite3, independently of
the service and the plugin; the chart is checked by its pixels (and was looked at)."""

import csv
import os
import sqlite3
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from qgis.core import Qgis, QgsLayerMetadata, QgsProject, QgsVectorLayer
from qgis.PyQt.QtGui import QImage

from plugin.core.catalog import Catalog
from plugin.core.client import ServiceClient
from plugin.core.sensor_layer import make_sensor_layer
from plugin.core.sensors import observations_for
from plugin.gui import time_series_dialog as tsd
from plugin.report import charts
from tests.support.http_stub import Reply, StubServer, free_port
from tests.support.images import count
from tests.test_translations import chinese_ui, compiled_qm  # noqa: F401 (fixtures)

GAUGES, OBSERVATIONS = "water-level-gauges", "water-level-observations"
# Where the rendered charts are left to be looked at (docs/images/sensor_time_series.png is
# the 7-day one).
LOOKED_AT = Path(os.environ.get("TWIN_CHART_DIR", "/tmp/h"))


def utc(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


def newest_observations(n, sensor="WL-07"):
    """[(time, value)] of the sensor's n newest observations, oldest first (sqlite3)."""
    from tests.support.twin_service import sample_data_dir

    con = sqlite3.connect(str(sample_data_dir() / "twin.gpkg"))
    try:
        rows = con.execute("SELECT time, value FROM water_level_observations "
                           "WHERE sensor_id = ? ORDER BY time DESC LIMIT ?", (sensor, n))
        return [(utc(t), float(v)) for t, v in reversed(rows.fetchall())]
    finally:
        con.close()


def shown(readings):
    return [(utc(r.time), r.value) for r in readings]


@pytest.fixture(scope="module")
def service(twin_service):
    """The sample's client, catalog, sensors entry and observations collection id."""
    client = ServiceClient(twin_service)
    catalog = Catalog.from_collections(client.collections())
    entry = catalog.get(GAUGES)
    return {"client": client, "entry": entry, "observations": observations_for(catalog, entry).id}


@pytest.fixture
def live_layer(service, qgis_iface):
    """The live sensors layer (core/sensor_layer.py) in the project, active."""
    layer = make_sensor_layer(service["client"], service["entry"],
                              observations_cid=service["observations"])
    QgsProject.instance().addMapLayer(layer)
    qgis_iface.setActiveLayer(layer)
    qgis_iface.messageBar().clear_messages()
    yield layer
    QgsProject.instance().removeMapLayer(layer.id())


def select(layer, sensor_id):
    layer.selectByExpression("sensor_id = '{}'".format(sensor_id))
    assert layer.selectedFeatureCount() == 1


def wait_shown(qtbot, dialog, outcome="loaded"):
    with qtbot.waitSignal(dialog.shown, timeout=60000) as blocker:
        pass
    assert blocker.args == [outcome], dialog.status.text()


@pytest.fixture
def opened(qtbot, qgis_iface, live_layer, shanghai_time):
    """The dialog opened by the menu entry's function for WL-07 (last 24 h by default).
    Its fetch ends on the main thread's event loop, so waiting after the call misses
    nothing."""
    select(live_layer, "WL-07")
    dialog = tsd.open_for_selection(qgis_iface)
    assert dialog is not None, qgis_iface.messageBar().get_messages(Qgis.Warning)
    qtbot.addWidget(dialog)
    wait_shown(qtbot, dialog)
    yield dialog
    dialog.close()


def test_last_24h_of_wl07_are_its_24_newest_observations(opened, tmp_path):
    dialog = opened
    expected = newest_observations(24)
    assert len(expected) == 24
    assert shown(dialog.load.readings) == expected
    # The period ends at the newest observation (the sample's data is from Oct 2026).
    assert dialog.period.currentText() == "Last 24 h"
    status = dialog.status.text()
    assert status.startswith("Last 24 h of data, to the newest reading at 2026-11-01 07:00 "
                             "(local time, UTC+08:00): 24 readings")
    assert "\n" not in status
    # The chart: the readings, the warn (amber) and alarm (red) levels, local time ticks.
    assert [r.y for r in dialog.chart.ref_lines] == [0.15, 0.30]
    assert dialog.chart.x_label == "Time (local, UTC+08:00)"
    assert dialog.chart.y_label == "Water depth (m)"
    assert dialog.chart.x_range[1] - dialog.chart.x_range[0] == 24 * 3600
    assert "11-01" in [text for _v, text in dialog.chart.x_ticks]   # local midnight
    LOOKED_AT.mkdir(parents=True, exist_ok=True)
    png = LOOKED_AT / "time_series_WL-07.png"
    assert dialog.save_chart(str(png))
    image = QImage(str(png))
    assert (image.width(), image.height()) == tsd.CHART_SIZE
    assert count(image, charts.AMBER, tol=60) > 150
    assert count(image, charts.ALARM_RED, tol=120) > 150
    assert count(image, "#1f77b4", tol=40) > 300            # the series' line
    svg = tmp_path / "wl07.svg"
    assert dialog.save_chart(str(svg)) and "<svg" in svg.read_text(encoding="utf-8")
    # CSV: exactly the series, UTC times.
    path = tmp_path / "wl07.csv"
    assert dialog.export_csv(str(path))
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(utc(r["time"]), float(r["value"])) for r in rows] == expected
    assert {(r["sensor_id"], r["unit"]) for r in rows} == {("WL-07", "m")}
    assert dialog.note.text() == "Saved {}.".format(path)
    assert dialog.status.text() == status        # the summary stays


def test_longer_periods_and_all(opened, qtbot):
    dialog = opened
    dialog.period.setCurrentIndex(2)      # last 3 days
    wait_shown(qtbot, dialog)
    assert shown(dialog.load.readings) == newest_observations(72)
    dialog.period.setCurrentIndex(4)      # all
    wait_shown(qtbot, dialog)
    everything = newest_observations(1000)
    assert len(everything) == 168 and shown(dialog.load.readings) == everything
    assert dialog.status.text().startswith("All 168 readings, 2026-10-25 08:00 to "
                                           "2026-11-01 07:00 (local time, UTC+08:00)")
    # The storm on day 5 crosses the alarm level: the sample's docs image shows it.
    assert max(r.value for r in dialog.load.readings) > 0.30
    dialog.period.setCurrentIndex(3)      # last 7 days: the same week, drawn for the README
    wait_shown(qtbot, dialog)
    assert shown(dialog.load.readings) == everything   # 7 x 24 h: the whole week
    LOOKED_AT.mkdir(parents=True, exist_ok=True)
    assert dialog.save_chart(str(LOOKED_AT / "time_series_WL-07_7d.png"))


def test_packaged_layer_finds_its_observations_through_the_catalog(
        qtbot, qgis_iface, twin_service, shanghai_time):
    """A layer with package provenance (service URL, collection id) and no observations
    id: the dialog finds the observations collection in the service's catalog."""
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=sensor_id:string&field=name:string"
                           "&field=unit:string&field=latest_value:double"
                           "&field=warn_level:double&field=alarm_level:double",
                           "gauges", "memory")
    meta = QgsLayerMetadata()
    meta.setIdentifier(GAUGES)
    meta.setParentIdentifier(twin_service)
    layer.setMetadata(meta)
    from qgis.core import QgsFeature

    feature = QgsFeature(layer.fields())
    feature.setAttributes(["WL-02", "Xinzhou River middle gauge", "m", 1.0, 3.0, 4.0])
    layer.dataProvider().addFeatures([feature])
    QgsProject.instance().addMapLayer(layer)
    try:
        qgis_iface.setActiveLayer(layer)
        layer.selectAll()
        dialog = tsd.open_for_selection(qgis_iface)
        qtbot.addWidget(dialog)
        wait_shown(qtbot, dialog)
        assert dialog.observations_cid == OBSERVATIONS
        assert shown(dialog.load.readings) == newest_observations(24, "WL-02")
        dialog.close()
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def test_chinese_chart_has_every_glyph(qtbot, chinese_ui, service, shanghai_time):  # noqa: F811
    from plugin.report.fonts import missing_glyphs

    sensor = {"sensor_id": "WL-07", "name": "香蜜湖道路积水监测点", "unit": "m",
              "warn_level": 0.15, "alarm_level": 0.30, "observed_property": "water_depth"}
    dialog = tsd.TimeSeriesDialog(None, service["client"], service["observations"], sensor)
    qtbot.addWidget(dialog)
    wait_shown(qtbot, dialog)
    chart = dialog.chart
    assert dialog.period.currentText() == "最近 24 小时"
    assert chart.x_label == "时间（当地，UTC+08:00）" and chart.y_label == "积水深度 (m)"
    texts = "".join([chart.title, chart.x_label, chart.y_label, dialog.status.text()]
                    + [r.label for r in chart.ref_lines] + [t for _v, t in chart.x_ticks])
    assert any("\u4e00" <= ch <= "\u9fff" for ch in chart.x_label + dialog.status.text())
    from qgis.PyQt.QtGui import QGuiApplication

    assert not missing_glyphs(texts, [QGuiApplication.font().family(), "Noto Sans CJK SC"])
    png = LOOKED_AT / "time_series_WL-07_zh.png"
    LOOKED_AT.mkdir(parents=True, exist_ok=True)
    assert dialog.save_chart(str(png))
    assert count(QImage(str(png)), charts.ALARM_RED, tol=120) > 150
    dialog.close()


def test_server_error_is_one_sentence_and_no_chart(qtbot):
    with StubServer() as stub:
        stub.add_service([{"id": OBSERVATIONS, "title": "Water-level observations"}])
        stub.route("/api/colls/{}/items".format(OBSERVATIONS),
                   Reply(500, {"code": "InternalServerError", "description": "db locked"}))
        sensor = {"sensor_id": "WL-07", "name": "<b>gauge</b>", "unit": "m",
                  "warn_level": 0.15, "alarm_level": 0.3}
        dialog = tsd.TimeSeriesDialog(None, ServiceClient(stub.url), OBSERVATIONS, sensor)
        qtbot.addWidget(dialog)
        wait_shown(qtbot, dialog, "failed")
    sentence = dialog.status.text()
    assert sentence == dialog.error and sentence.endswith(".") and "\n" not in sentence
    assert sentence.count(". ") == 0 and "500" in sentence
    assert dialog.chart is None and dialog.view.chart is None
    assert not dialog.csv_button.isEnabled() and not dialog.save_button.isEnabled()
    dialog.show()
    assert not dialog.view.grab().isNull()     # paints the sentence, no chart, no crash
    dialog.close()


def test_stopped_service_is_one_sentence(qtbot):
    sensor = {"sensor_id": "WL-07", "name": "gauge", "unit": "m"}
    client = ServiceClient("http://127.0.0.1:{}".format(free_port()))
    dialog = tsd.TimeSeriesDialog(None, client, OBSERVATIONS, sensor)
    qtbot.addWidget(dialog)
    wait_shown(qtbot, dialog, "failed")
    sentence = dialog.status.text()
    assert sentence and "\n" not in sentence and dialog.chart is None
    dialog.close()


def test_without_a_selected_sensor_the_message_bar_says_what_to_do(qgis_iface, live_layer):
    live_layer.removeSelection()
    assert tsd.open_for_selection(qgis_iface) is None
    warnings = qgis_iface.messageBar().get_messages(Qgis.Warning)
    assert warnings == ["Sensor time series:Select one sensor on the layer {} first, then "
                        "choose Sensor time series again.".format(live_layer.name())]
    other = QgsVectorLayer("Point?crs=EPSG:4326&field=id:integer", "not sensors", "memory")
    QgsProject.instance().addMapLayer(other)
    try:
        qgis_iface.setActiveLayer(other)
        assert tsd.open_for_selection(qgis_iface) is None
        assert "sensor_id and latest_value" in qgis_iface.messageBar().get_messages(
            Qgis.Warning)[-1]
    finally:
        QgsProject.instance().removeMapLayer(other.id())


def test_menu_entry_opens_the_selected_sensor_and_unloads(qgis_iface, qtbot, live_layer,
                                                          shanghai_time):
    from plugin.plugin_main import TwinDistrictReviewPlugin

    plugin = TwinDistrictReviewPlugin(qgis_iface)
    plugin.initGui()
    try:
        action = next(a for a in plugin.actions
                      if a.objectName() == "twindistrictreview_sensortimeseries")
        assert action.text() == "Sensor time series…" and not action.icon().isNull()
        assert action not in plugin.toolbar.actions()       # menu only
        select(live_layer, "WL-03")
        action.trigger()
        dialog = tsd._OPEN[-1]
        qtbot.addWidget(dialog)
        wait_shown(qtbot, dialog)
        assert dialog.isVisible() and dialog.load.sensor_id == "WL-03"
        assert shown(dialog.load.readings) == newest_observations(24, "WL-03")
        dialog.close()
        assert dialog not in tsd._OPEN
    finally:
        plugin.unload()
    assert plugin.actions == []


def test_time_ticks_are_round_local_clock_times(shanghai_time):
    end = datetime(2026, 10, 31, 23, tzinfo=timezone.utc).timestamp()
    day = charts.time_ticks(end - 24 * 3600, end)          # 07:00 to 07:00 local
    assert [t for _v, t in day] == ["10-31 09:00", "12:00", "15:00", "18:00", "21:00",
                                    "11-01", "03:00", "06:00"]
    week = charts.time_ticks(end - 168 * 3600, end)
    assert [t for _v, t in week][:2] == ["10-26", "10-27"] and len(week) == 7
    utc_day = charts.time_ticks(end - 6 * 3600, end, tz=timezone.utc)
    assert [t for _v, t in utc_day] == ["10-31 17:00", "18:00", "19:00", "20:00", "21:00",
                                        "22:00", "23:00"]


def test_cancel_stops_the_fetch_and_says_so(qtbot):
    with StubServer() as stub:
        stub.add_service([{"id": OBSERVATIONS, "title": "Water-level observations"}])
        stub.route("/api/colls/{}/items".format(OBSERVATIONS),
                   Reply(body={"type": "FeatureCollection", "features": [], "links": []},
                         delay=2.0))
        dialog = tsd.TimeSeriesDialog(None, ServiceClient(stub.url), OBSERVATIONS,
                                      {"sensor_id": "WL-07", "name": "gauge", "unit": "m"})
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.cancel_button.isVisible() and not dialog.save_button.isEnabled()
        qtbot.waitUntil(lambda: any("items" in r.path for r in stub.requests), timeout=10000)
        started = time.monotonic()
        with qtbot.waitSignal(dialog.shown, timeout=10000) as blocker:
            dialog.cancel_button.click()
        assert blocker.args == ["cancelled"] and time.monotonic() - started < 1.0
        assert dialog.status.text() == "Fetching was cancelled."
        assert dialog.chart is None and not dialog.cancel_button.isVisible()
        dialog.close()


@pytest.mark.parametrize("sid, latest_time", [
    ("WL-01", None), ("WL-01", "2026-10-30T05:00:00Z"), ("WL-01", "2026-11-09T00:00:00Z"),
    ("WL-05", None)], ids=["unknown", "layer-behind", "layer-ahead", "offline-gauge"])
def test_the_period_ends_at_the_newest_observation_whatever_the_layer_says(
        qtbot, service, sid, latest_time):
    """The sensors layer's latest_time only narrows the first request: one behind the
    data (a layer not yet refreshed) or ahead of it still gives the 24 newest readings;
    a gauge that stopped reporting (WL-05, 40 h before the others) shows its last day."""
    sensor = {"sensor_id": sid, "name": "gauge", "unit": "m", "latest_time": latest_time}
    dialog = tsd.TimeSeriesDialog(None, service["client"], service["observations"], sensor)
    qtbot.addWidget(dialog)
    wait_shown(qtbot, dialog)
    assert shown(dialog.load.readings) == newest_observations(24, sid)
    assert dialog.load.end == newest_observations(1, sid)[0][0]
    dialog.close()
