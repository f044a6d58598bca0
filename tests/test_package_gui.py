"""The GUI of offline district packages: the package info dialog, the refresh preview,
the toolbar / menu entries and the catalog dock's "Make offline…" entry.

Packages here are real GeoPackages: either provenance written by core's
write_package_info (fast, any content, e.g. a hostile title), or made and refreshed by
the Processing algorithms against a local copy of the sample twin service.
"""

import json
import sqlite3
from pathlib import Path

import pytest
from osgeo import ogr
from qgis.core import Qgis, QgsProject, QgsVectorLayer
from qgis.PyQt.QtGui import QGuiApplication
from qgis.PyQt.QtWidgets import QDialog

from plugin.core.package_info import LayerProvenance, PackageInfo, write_package_info
from plugin.gui import package_actions
from plugin.gui.package_html import package_html
from plugin.gui.refresh_dialog import RefreshDialog, load_diff
from tests.support.dialogs import on_next_dialog

ogr.UseExceptions()

QUERY = ("https://twin.example.org/ogc/collections/buildings/items?f=json&limit=1000"
         "&bbox=113.9312,22.5301,113.9688,22.5577&bbox-crs=http://www.opengis.net/def/crs/"
         "OGC/1.3/CRS84")
HOSTILE = '<script>alert("x")</script> Roads & paths'


def layers():
    return [
        LayerProvenance("buildings", "buildings", "Buildings", role="buildings",
                        query_url=QUERY, fetched_at="2026-11-24T05:10:00Z",
                        twin_version="2026-11-01", feature_count=2345, number_matched=2345,
                        etag='"b-91f"', last_modified="Tue, 24 Nov 2026 05:00:00 GMT"),
        LayerProvenance("dem", "dem", "Digital elevation model", role="dem", kind="raster",
                        query_url="https://twin.example.org/ogc/collections/dem/coverage",
                        fetched_at="2026-11-24T05:11:30Z", twin_version="2025-06"),
        LayerProvenance("roads", "roads", HOSTILE, role="roads",
                        query_url="https://twin.example.org/ogc/collections/roads/items",
                        fetched_at="2026-11-24T05:12:00Z", twin_version="r7",
                        feature_count=812),
    ]


def make_package(folder, service_url="https://twin.example.org/ogc", with_table=False):
    """A real GeoPackage holding package provenance (and a 'buildings' point table)."""
    gpkg = Path(folder) / "xiangmihu.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(gpkg))
    if with_table:
        from osgeo import osr

        srs = osr.SpatialReference()
        srs.ImportFromEPSG(4547)
        table = ds.CreateLayer("buildings", srs, ogr.wkbPoint)
        feature = ogr.Feature(table.GetLayerDefn())
        feature.SetGeometry(ogr.CreateGeometryFromWkt("POINT (500000 2500000)"))
        table.CreateFeature(feature)
    ds = None
    info = PackageInfo(service_url, "xiangmihu", district_name="Xiangmihu", margin_m=300,
                       created_at="2026-11-24T05:09:00Z", refreshed_at="",
                       snapshots=["snapshots/xiangmihu_2026-11-20T010000Z.gpkg"],
                       layers=layers())
    con = sqlite3.connect(str(gpkg))
    write_package_info(con, info)
    con.commit()
    con.close()
    return gpkg


@pytest.fixture
def clean_project(qgis_iface):
    project = QgsProject.instance()
    project.clear()
    qgis_iface.messageBar().clear_messages()
    yield project
    project.clear()


# -- package info --------------------------------------------------------------------------
def test_info_dialog_shows_each_layer_with_count_version_and_local_time(qgis_app, tmp_path,
                                                                         shanghai_time):
    from plugin.core.package_info import read_package_info
    from plugin.gui.package_info_dialog import PackageInfoDialog

    dialog = PackageInfoDialog(read_package_info(make_package(tmp_path)))
    text = dialog.browser.toPlainText()
    for expected in ("Buildings", "2,345", "2026-11-01", '"b-91f"', "Digital elevation model",
                     "Raster", "2025-06", "812", "r7", "Xiangmihu (xiangmihu)", "300 m",
                     "EPSG:4547", "snapshots/xiangmihu_2026-11-20T010000Z.gpkg",
                     "3 layers, 3,157 features"):
        assert expected in text, expected
    # Stored in UTC, shown in local time (05:10 UTC is 13:10 in Shenzhen).
    assert "2026-11-24 13:10" in text and "2026-11-24 13:09" in text
    assert "never" in text
    # The title from the service is shown as the text it is, never run as markup.
    assert HOSTILE in text
    html = package_html(dialog.info, "en")
    assert "<script>" not in html and "&lt;script&gt;" in html
    # The long query URL is shortened in the table, whole in its tooltip and link.
    assert QUERY not in text and "\u2026" in text
    assert 'href="{}"'.format(QUERY.replace("&", "&amp;")) in html
    dialog.close()


def test_copy_as_text_holds_full_urls_and_utc_times(qgis_app, tmp_path):
    from plugin.core.package_info import read_package_info
    from plugin.gui.package_info_dialog import PackageInfoDialog

    dialog = PackageInfoDialog(read_package_info(make_package(tmp_path)))
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    rows = [line.split("\t") for line in copied.splitlines() if "\t" in line]
    assert rows[0][0] == "Title" and rows[0][-1] == "Query URL"
    assert rows[1][:3] == ["Buildings", "buildings", "2,345"]
    assert rows[1][-1] == QUERY and "2026-11-24T05:10:00Z" in rows[1]
    assert rows[3][0] == HOSTILE
    dialog.close()


def test_a_service_url_that_is_not_http_is_text_not_a_link(qgis_app, tmp_path):
    from plugin.core.package_info import read_package_info

    info = read_package_info(make_package(tmp_path, service_url="javascript:alert(1)"))
    html = package_html(info, "en")
    assert "javascript:alert(1)" in html and 'href="javascript' not in html


# -- which package is the project's --------------------------------------------------------
def test_current_package_from_the_project_entry_or_its_layers(qgis_app, tmp_path,
                                                              clean_project):
    gpkg = make_package(tmp_path, with_table=True)
    assert package_actions.current_package(clean_project) is None
    # The .qgz the packaging algorithm writes names its GeoPackage, relative to itself.
    clean_project.setFileName(str(tmp_path / "xiangmihu.qgz"))
    clean_project.writeEntry("twin_district_review", "package", "xiangmihu.gpkg")
    assert package_actions.current_package(clean_project) == gpkg.resolve()
    # A package moved away is not "the project's": the user is asked for one instead.
    clean_project.writeEntry("twin_district_review", "package", "moved.gpkg")
    assert package_actions.current_package(clean_project) is None
    # Without the entry: the GeoPackage a layer reads, when it holds package provenance.
    clean_project.clear()
    layer = QgsVectorLayer("{}|layername=buildings".format(gpkg), "buildings", "ogr")
    assert layer.isValid()
    clean_project.addMapLayer(layer)
    assert package_actions.current_package(clean_project) == gpkg.resolve()
    plain = tmp_path / "plain"
    plain.mkdir()
    clean_project.clear()
    other = ogr.GetDriverByName("GPKG").CreateDataSource(str(plain / "other.gpkg"))
    other.CreateLayer("pts", None, ogr.wkbPoint)
    other = None
    clean_project.addMapLayer(QgsVectorLayer(str(plain / "other.gpkg"), "pts", "ogr"))
    assert package_actions.current_package(clean_project) is None


# -- refresh preview ----------------------------------------------------------------------
DIFF = {
    "package": "/data/xiangmihu.gpkg", "applied": False, "previous_snapshot": None,
    "layers": [
        {"table": "buildings", "title": "Buildings", "status": "changed", "added": 3,
         "removed": 2, "changed": 4, "reason": ""},
        {"table": "roads", "title": HOSTILE, "status": "skipped", "added": 0, "removed": 0,
         "changed": 0, "reason": "validators unchanged"},
        {"table": "parks", "title": "Parks", "status": "new", "added": 12, "removed": 0,
         "changed": 0, "reason": ""},
        {"table": "kiosks", "title": "Kiosks", "status": "gone", "added": 0, "removed": 5,
         "changed": 0, "reason": ""},
    ],
    "building_changes_table": None}


def write_diff(tmp_path, diff):
    path = tmp_path / "diff.json"
    path.write_text(json.dumps(diff), encoding="utf-8")
    return path


def table_rows(dialog):
    table = dialog.table
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def test_refresh_preview_shows_per_layer_counts_and_apply_asks_for_it(qgis_app, qtbot,
                                                                      tmp_path):
    dialog = RefreshDialog(load_diff(write_diff(tmp_path, DIFF)))
    qtbot.addWidget(dialog)
    # The layers that would change come first, in the package's order.
    assert table_rows(dialog) == [
        ["Buildings", "changed", "3", "2", "4", ""],
        ["Parks", "new layer", "12", "0", "0", ""],
        ["Kiosks", "gone from the service", "0", "5", "0", ""],
        [HOSTILE, "skipped", "\u2013", "\u2013", "\u2013", "validators unchanged"],
    ]
    assert dialog.summary.text() == ("3 of 4 layers changed: 15 features added, 7 removed, "
                                     "4 changed.")
    assert "snapshot" in dialog.note.text()
    assert dialog.apply_button.isEnabled() and not dialog.apply_button.isHidden()
    with qtbot.waitSignal(dialog.apply_requested, timeout=1000):
        dialog.apply_button.click()
    assert dialog.result() == QDialog.Accepted


def test_refresh_preview_of_an_up_to_date_package_offers_nothing_to_apply(qgis_app, qtbot,
                                                                          tmp_path):
    same = dict(DIFF, layers=[dict(DIFF["layers"][1]),
                              dict(DIFF["layers"][0], status="unchanged", added=0,
                                   removed=0, changed=0)])
    dialog = RefreshDialog(same)
    qtbot.addWidget(dialog)
    assert dialog.summary.text().startswith("The package is up to date")
    assert not dialog.apply_button.isEnabled()


def test_applied_refresh_names_the_snapshot_and_building_changes(qgis_app, qtbot):
    applied = dict(DIFF, applied=True,
                   previous_snapshot="snapshots/xiangmihu_2026-11-24T051000Z.gpkg",
                   building_changes_table="building_changes",
                   building_changes={"new": 3, "demolished": 2, "height_changed": 4,
                                     "changed": 0})
    dialog = RefreshDialog(applied)
    qtbot.addWidget(dialog)
    assert "snapshots/xiangmihu_2026-11-24T051000Z.gpkg" in dialog.note.text()
    assert "3 new, 2 demolished, 4 with a new height" in dialog.note.text()
    assert dialog.apply_button.isHidden()


# -- toolbar, menu and the catalog dock -----------------------------------------------------
def test_toolbar_and_menu_entries_open_package_info_and_unload_cleanly(
        qgis_iface, qtbot, tmp_path, clean_project):
    from plugin.plugin_main import TwinDistrictReviewPlugin

    plugin = TwinDistrictReviewPlugin(qgis_iface)
    plugin.initGui()
    try:
        toolbar = plugin.toolbar
        by_name = {action.objectName(): action for action in toolbar.actions()}
        for name, text in (("twindistrictreview_packagedistrict",
                            "Package district for offline use…"),
                           ("twindistrictreview_refreshdistrictpackage",
                            "Refresh district package…"),
                           ("twindistrictreview_packageinfo", "Package info…"),
                           ("twindistrictreview_districtreport", "District review report…")):
            assert by_name[name].text() == text
            assert not by_name[name].icon().isNull()
        # The open project is a package: "Package info…" shows it, no file dialog.
        gpkg = make_package(tmp_path)
        clean_project.setFileName(str(tmp_path / "xiangmihu.qgz"))
        clean_project.writeEntry("twin_district_review", "package", "xiangmihu.gpkg")
        by_name["twindistrictreview_packageinfo"].trigger()
        dialog = plugin.packages.dialogs[-1]
        assert dialog.isVisible() and dialog.info.gpkg_path == gpkg.resolve()
        assert "2,345" in dialog.browser.toPlainText()
    finally:
        plugin.unload()
    assert plugin.packages is None and plugin.toolbar is None
    assert not dialog.isVisible()


@pytest.fixture
def loaded_dock(qgis_iface, qtbot, twin_service, clean_project):
    from plugin.core import connections
    from plugin.gui.catalog_dock import CatalogDock

    connections.save(connections.Connection("pytest packages", twin_service))
    dock = CatalogDock(qgis_iface)
    qtbot.addWidget(dock)
    with qtbot.waitSignal(dock.catalog_loaded, timeout=60000):
        dock.set_connection("pytest packages")
    yield dock
    dock.close_tasks()
    connections.remove("pytest packages")


def test_package_parameters_carry_the_connection_auth_config():
    from plugin.core.connections import Connection

    assert package_actions.package_parameters(
        Connection("x", "https://twin.example.org/ogc", "abc1234"), "xiangmihu", ["dem"]) == {
            "SERVICE_URL": "https://twin.example.org/ogc", "AUTHCFG": "abc1234",
            "DISTRICT": "xiangmihu", "COLLECTIONS": "dem"}


def test_make_offline_prefills_service_district_and_selection(loaded_dock, twin_service):
    dock = loaded_dock
    assert package_actions.dock_parameters(dock) == {
        "SERVICE_URL": twin_service, "COLLECTIONS": ""}
    dock.district_combo.setCurrentIndex(dock.district_combo.findData("xiangmihu"))
    dock.select_ids(["roads", "buildings"])
    parameters = package_actions.dock_parameters(dock)
    assert parameters["DISTRICT"] == "xiangmihu"
    assert sorted(parameters["COLLECTIONS"].split(",")) == ["buildings", "roads"]
    # The toolbar entry takes the connection and district, not the dock's selection.
    assert package_actions.dock_parameters(dock, selection=False)["COLLECTIONS"] == ""
    dock.select_ids([])
    assert package_actions.dock_parameters(dock)["COLLECTIONS"] == ""  # all tagged
    assert dock.offline_button.isEnabled() and dock.offline_button.text() == "Make offline…"


def test_make_offline_opens_the_packaging_dialog_filled_in(loaded_dock, qtbot, provider,
                                                           twin_service, qgis_iface,
                                                           monkeypatch):
    from qgis.gui import QgsBrowserGuiModel

    # pytest-qgis's iface has no Browser model; Processing's dialog asks for one.
    browser = QgsBrowserGuiModel()
    monkeypatch.setattr(qgis_iface, "browserModel", lambda: browser, raising=False)
    dock = loaded_dock
    dock.district_combo.setCurrentIndex(dock.district_combo.findData("xiangmihu"))
    dock.select_ids(["buildings"])

    def read_and_close(dialog):
        values = {name: wrapper.parameterValue()
                  for name, wrapper in dialog.mainWidget().wrappers.items()
                  if name in ("SERVICE_URL", "AUTHCFG", "DISTRICT", "COLLECTIONS")}
        dialog.reject()
        return dialog.algorithm().id(), values

    seen = on_next_dialog(read_and_close)
    dock.offline_button.click()  # returns once the (modal) dialog has closed
    assert seen == [("twindistrictreview:packagedistrict",
                     {"SERVICE_URL": twin_service, "AUTHCFG": None,
                      "DISTRICT": "xiangmihu", "COLLECTIONS": "buildings"})]


# -- refresh, end to end, in the task manager -------------------------------------------
@pytest.fixture(scope="module")
def changed_twin(tmp_path_factory, qgis_app, provider):
    """Three packages of Xiangmihu's buildings and roads made from a copy of the sample
    service, then the service's buildings changed (+3, -2, 4 raised, new twin:version)."""
    import processing

    from tests.support.sample_changes import change_buildings, copy_sample, restart_service
    from tests.support.twin_service import start_sample_service

    root = tmp_path_factory.mktemp("refresh_gui")
    service = start_sample_service(copy_sample(root / "twin"))
    try:
        packages = {}
        for name in ("closed", "open", "kept"):
            result = processing.run("twindistrictreview:packagedistrict", {
                "SERVICE_URL": service.url, "DISTRICT": "xiangmihu",
                "COLLECTIONS": "buildings,roads", "MARGIN": 100,
                "OUTPUT": str(root / name / "xiangmihu.gpkg")})
            packages[name] = Path(result["GEOPACKAGE"])
        change = change_buildings(service.data_dir)
        service = restart_service(service)
        yield packages, change
    finally:
        service.stop()


@pytest.fixture
def actions(qgis_iface, clean_project):
    made = package_actions.PackageActions(qgis_iface)
    yield made
    made.unload()


def preview(qtbot, actions, path=None):
    with qtbot.waitSignal(actions.refresh_ended, timeout=120000) as blocker:
        actions.refresh_package(path)
    assert blocker.args[0] == "previewed", blocker.args
    return actions.dialogs[-1]


def applied(qtbot, actions, dialog):
    with qtbot.waitSignal(actions.refresh_ended, timeout=120000) as blocker:
        dialog.apply_button.click()
    assert blocker.args[0] == "applied", blocker.args
    return blocker.args[1]


def test_refresh_previews_in_a_task_then_applies(changed_twin, qtbot, actions, qgis_iface):
    from plugin.core.package_info import read_package_info

    gpkg = changed_twin[0]["closed"]
    before = read_package_info(gpkg)
    dialog = preview(qtbot, actions, gpkg)
    rows = {row[0]: row for row in table_rows(dialog)}
    assert rows["Buildings"][1:5] == ["changed", "3", "2", "4"]
    assert rows["Roads"][1] in ("skipped", "unchanged")
    assert dialog.summary.text() == ("1 of 2 layers changed: 3 features added, 2 removed, "
                                     "4 changed.")
    assert dialog.apply_button.isEnabled()
    # The preview changed nothing; the progress message is gone from the message bar.
    assert read_package_info(gpkg).layers == before.layers
    assert not qgis_iface.messageBar().items()
    diff = applied(qtbot, actions, dialog)
    after = read_package_info(gpkg)
    assert after.snapshots == [diff["previous_snapshot"]]
    assert (gpkg.parent / diff["previous_snapshot"]).is_file()
    assert after.layer("buildings").feature_count == before.layer("buildings").feature_count + 1
    success = qgis_iface.messageBar().get_messages(Qgis.Success)
    assert any("3 features added, 2 removed, 4 changed" in m and diff["previous_snapshot"] in m
               for m in success), success


def test_refresh_of_the_open_project_reopens_it_when_the_user_agrees(changed_twin, qtbot,
                                                                     actions, clean_project):
    gpkg = changed_twin[0]["open"]
    assert clean_project.read(str(gpkg.with_suffix(".qgz")))
    buildings = clean_project.mapLayersByName("Buildings")[0]
    count = buildings.featureCount()
    dialog = preview(qtbot, actions)  # no path: the open project's package
    assert {row[0]: row for row in table_rows(dialog)}["Buildings"][1] == "changed"

    def agree(box):
        text = box.text()
        box.button(box.Yes).click()
        return text

    asked = on_next_dialog(agree)
    applied(qtbot, actions, dialog)
    assert asked and "Reopen the project" in asked[0]
    reopened = QgsProject.instance()
    assert reopened.fileName() == str(gpkg.with_suffix(".qgz"))
    assert reopened.mapLayersByName("Buildings")[0].featureCount() == count + 1
    assert any(name.startswith("Building changes") for name in
               (layer.name() for layer in reopened.mapLayers().values()))


def test_refresh_of_the_open_project_reloads_its_layers_when_not_reopened(
        changed_twin, qtbot, actions, clean_project):
    gpkg = changed_twin[0]["kept"]
    assert clean_project.read(str(gpkg.with_suffix(".qgz")))
    buildings = clean_project.mapLayersByName("Buildings")[0]
    count = buildings.featureCount()
    buildings.setName("My buildings")  # an unsaved change the user keeps
    dialog = preview(qtbot, actions)

    def decline(box):
        box.button(box.No).click()
        return True

    asked = on_next_dialog(decline)
    applied(qtbot, actions, dialog)
    assert asked == [True]
    assert QgsProject.instance().mapLayersByName("My buildings") == [buildings]
    assert buildings.featureCount() == count + 1
    assert len(list(buildings.getFeatures())) == count + 1


def test_a_refresh_that_cannot_reach_the_service_says_so_in_one_sentence(
        qgis_app, provider, qtbot, actions, qgis_iface, tmp_path):
    from tests.support.http_stub import free_port

    gpkg = make_package(tmp_path, service_url="http://127.0.0.1:{}/ogc".format(free_port()))
    with qtbot.waitSignal(actions.refresh_ended, timeout=120000) as blocker:
        actions.refresh_package(gpkg)
    outcome, sentence = blocker.args
    assert outcome == "failed"
    assert sentence.endswith(".") and "\n" not in sentence
    assert any(sentence in m for m in qgis_iface.messageBar().get_messages(Qgis.Warning))
    assert not actions.dialogs  # no preview to show
