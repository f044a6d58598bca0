"""Offline district packages keep the sensors' latest readings and the observation
history, and the offline project animates the readings with the temporal controller."""

import sqlite3
from datetime import datetime, timedelta

from qgis.core import (
    QgsDateTimeRange,
    QgsFeatureRequest,
    QgsProject,
    QgsVectorLayerTemporalContext,
)
from qgis.PyQt.QtCore import QDateTime, Qt


def newest_per_sensor(gpkg, table):
    con = sqlite3.connect(gpkg)
    try:
        return dict(con.execute('SELECT sensor_id, MAX(time) FROM "{}" GROUP BY sensor_id'
                                .format(table)))
    finally:
        con.close()


def test_package_keeps_latest_readings_and_the_history_window(review):
    gpkg = review["GEOPACKAGE"]
    con = sqlite3.connect(gpkg)
    try:
        latest = {sid: (time, value) for sid, time, value in con.execute(
            "SELECT sensor_id, latest_time, latest_value FROM water_level_gauges")}
        observed = {sid: value for sid, value in con.execute(
            "SELECT o.sensor_id, o.value FROM water_level_observations o JOIN "
            "(SELECT sensor_id, MAX(time) AS t FROM water_level_observations GROUP BY sensor_id)"
            " n ON o.sensor_id = n.sensor_id AND o.time = n.t")}
        first, last = con.execute(
            "SELECT MIN(time), MAX(time) FROM water_level_observations").fetchone()
    finally:
        con.close()
    newest = newest_per_sensor(gpkg, "water_level_observations")
    # The gauges' latest readings are the newest observations the package holds.
    assert latest and set(latest) == set(newest)
    for sid, (time, value) in latest.items():
        assert time == newest[sid] and value == observed[sid]
    span = datetime.fromisoformat(last.rstrip("Z")) - datetime.fromisoformat(first.rstrip("Z"))
    assert span >= timedelta(days=6, hours=23)  # the week of hourly history


def test_offline_project_animates_the_observations(review):
    project = QgsProject()
    assert project.read(review["PROJECT"])
    try:
        layers = [layer for layer in project.mapLayers().values()
                  if "layername=water_level_observations" in layer.source()]
        assert len(layers) == 1
        props = layers[0].temporalProperties()
        assert props.isActive()
        newest = max(newest_per_sensor(review["GEOPACKAGE"], "water_level_observations")
                     .values())
        hour = QDateTime.fromString(newest, Qt.ISODate)
        frame = QgsDateTimeRange(hour.addSecs(-1800), hour.addSecs(1800))
        # One hour's frame shows that hour's readings only: one per gauge.
        expression = props.createFilterString(QgsVectorLayerTemporalContext(), frame)
        shown = list(layers[0].getFeatures(QgsFeatureRequest().setFilterExpression(expression)))
        assert shown and {f["time"].toMSecsSinceEpoch() for f in shown} == {
            hour.toMSecsSinceEpoch()}
    finally:
        project.clear()
