"""Twin service connections: stored in QGIS settings, checked against real servers, and
edited in the connection dialog (the check runs in the task manager)."""

import re
import uuid

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox

from plugin.core import auth_configs, connections
from plugin.core.connection_check import ConnectionCheckTask, check_connection
from plugin.core.connections import Connection
from plugin.core.errors import TwinServiceError
from plugin.gui.connection_dialog import ConnectionDialog
from tests.support.auth_proxy import AuthProxy, unlock_auth_database
from tests.support.http_stub import CORE_10, Reply, StubServer, free_port

# The landing title follows the QGIS locale (settings other test runs may change).
SERVICE_TITLES = ("Sample city twin data service (Shenzhen districts)",
                  "示例城市数字孪生数据服务（深圳片区）")


@pytest.fixture
def names():
    """Unique connection names (other test runs share the settings); removed afterwards."""
    made = []

    def make(label):
        made.append("{} {}".format(label, uuid.uuid4().hex[:8]))
        return made[-1]

    previous = connections.current_name()
    yield make
    for name in made:
        connections.remove(name)
    connections.set_current(previous)


@pytest.fixture
def stub():
    with StubServer() as server:
        yield server


# -- stored connections --------------------------------------------------------------
def test_connections_round_trip_in_settings(names):
    first, second, renamed = names("Shenzhen/twin"), names("Houhai"), names("Renamed")
    connections.save(Connection(first, "https://twin.example.org/ogc", "abc1234"))
    connections.save(Connection(second, "http://127.0.0.1:1/"))
    assert connections.connection(first) == Connection(first, "https://twin.example.org/ogc",
                                                       "abc1234")
    stored = [c.name for c in connections.connections()]
    assert first in stored and second in stored  # a "/" in the name is not a group

    connections.set_current(first)
    connections.save(Connection(renamed, "https://twin.example.org/v2", "abc1234"),
                     previous_name=first)
    assert connections.connection(first) is None
    assert connections.connection(renamed).url == "https://twin.example.org/v2"
    assert connections.current_name() == renamed  # the rename follows the current one

    connections.remove(renamed)
    assert connections.connection(renamed) is None and connections.current_name() == ""
    assert connections.current() is not None  # falls back to the first stored


# -- check_connection ----------------------------------------------------------------
def test_check_connection_reports_the_sample_service(twin_service):
    report = check_connection(Connection("sample", twin_service))
    assert report.title in SERVICE_TITLES
    assert (report.collections, report.part2_crs) == (24, True)
    assert 0 < report.seconds < 30
    assert re.fullmatch(r"Connected to {}: 24 collections, coordinates in any offered CRS "
                        r"\(\d+\.\d s\)\.".format(re.escape(report.title)), report.sentence())


def test_a_web_page_is_not_a_features_service(stub):
    stub.route("/", Reply(body="<html><body>Welcome</body></html>",
                          headers={"Content-Type": "text/html"}))
    with pytest.raises(TwinServiceError) as err:
        check_connection(Connection("web", stub.url))
    assert str(err.value) == (
        "The server at 127.0.0.1:{} is not an OGC API - Features service: its address does "
        "not answer with an OGC API landing page.".format(stub.port))


def test_an_ogc_api_without_features_conformance_is_refused(stub):
    stub.add_service([], conformance=("http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",))
    with pytest.raises(TwinServiceError) as err:
        check_connection(Connection("tiles", stub.url))
    assert str(err.value) == (
        "The server at 127.0.0.1:{} is not an OGC API - Features service: it does not "
        "declare OGC API - Features Core conformance.".format(stub.port))


def test_a_404_landing_page_is_one_sentence(stub):
    with pytest.raises(TwinServiceError) as err:
        check_connection(Connection("nothing", stub.url + "/nothing"))
    assert str(err.value) == "The twin service did not find the landing page (HTTP 404)."


def test_check_connection_without_part2(stub):
    stub.add_service([{"id": "a", "title": "A"}, {"id": "b", "title": "B"}],
                     conformance=(CORE_10,))
    report = check_connection(Connection("stub", stub.url))
    assert (report.title, report.collections, report.part2_crs) == ("stub twin", 2, False)
    assert "coordinates in WGS 84 only" in report.sentence()


def test_connection_check_task_reports_through_signals(qtbot, twin_service):
    reports, failures, tasks = [], [], []
    for url in (twin_service, "http://127.0.0.1:{}".format(free_port())):
        task = ConnectionCheckTask(Connection("t", url))
        task.checked.connect(reports.append)
        task.failed.connect(failures.append)
        tasks.append(task)  # a Python task must stay referenced until it ends
        QgsApplication.taskManager().addTask(task)
    qtbot.waitUntil(lambda: len(reports) + len(failures) == 2, timeout=30000)
    assert [r.collections for r in reports] == [24]
    assert failures == ["The twin service at 127.0.0.1:{} could not be reached.".format(
        failures[0].split(":")[1].split()[0])]


# -- the dialog ----------------------------------------------------------------------
def make_dialog(qtbot, name="", url="", connection=None):
    dialog = ConnectionDialog(connection=connection)
    qtbot.addWidget(dialog)
    if name:
        dialog.name_edit.setText(name)
    if url:
        dialog.url_edit.setText(url)
    return dialog


def wait_for_test(qtbot, dialog):
    dialog.test_button.click()
    assert dialog.status_label.text().startswith("Testing ")  # in the task manager
    qtbot.waitUntil(lambda: not dialog.status_label.text().startswith("Testing "),
                    timeout=30000)
    return dialog.status_label.text()


def test_dialog_test_connection_success_and_failure(qtbot, twin_service, names):
    dialog = make_dialog(qtbot, names("sample"), twin_service)
    text = wait_for_test(qtbot, dialog)
    assert any(text.startswith("Connected to {}: 24 collections".format(title))
               for title in SERVICE_TITLES)
    port = free_port()
    dialog.url_edit.setText("http://127.0.0.1:{}/".format(port))
    assert wait_for_test(qtbot, dialog) == (
        "The twin service at 127.0.0.1:{} could not be reached.".format(port))
    dialog.url_edit.setText("twin.example.org")
    dialog.test_button.click()
    assert dialog.status_label.text() == (
        "Enter the service URL, starting with http:// or https://.")


def test_dialog_accept_saves_and_refuses_duplicates(qtbot, twin_service, names):
    name = names("dialog")
    dialog = make_dialog(qtbot, name, twin_service)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.connection() == connections.connection(name) == Connection(name,
                                                                             twin_service)

    duplicate = make_dialog(qtbot, name, "https://elsewhere.example.org")
    duplicate.accept()
    assert duplicate.result() != QDialog.DialogCode.Accepted and duplicate.connection() is None
    assert duplicate.status_label.text() == (
        "A connection called '{}' exists already; choose another name.".format(name))
    assert connections.connection(name).url == twin_service  # untouched

    unnamed = make_dialog(qtbot, "", twin_service)
    unnamed.accept()
    assert unnamed.status_label.text() == "Enter a name for the connection."


def test_dialog_edits_and_renames(qtbot, twin_service, names):
    old, new = names("old"), names("new")
    connections.save(Connection(old, twin_service))
    dialog = make_dialog(qtbot, connection=connections.connection(old))
    assert dialog.name_edit.text() == old and dialog.url_edit.text() == twin_service
    dialog.accept()  # keeping its own name is no duplicate
    assert dialog.result() == QDialog.DialogCode.Accepted
    dialog = make_dialog(qtbot, connection=connections.connection(old))
    dialog.name_edit.setText(new)
    dialog.accept()
    assert connections.connection(old) is None
    assert connections.connection(new) == Connection(new, twin_service)


def test_dialog_api_key_is_stored_in_the_auth_database(qtbot, twin_service, names):
    unlock_auth_database()
    key = "dialog-key-" + uuid.uuid4().hex
    with AuthProxy(twin_service, api_key=("X-Twin-Key", key)) as proxy:
        dialog = make_dialog(qtbot, names("keyed"), proxy.url)
        assert wait_for_test(qtbot, dialog).startswith("The twin service needs a login")
        dialog.api_key_button.click()
        assert dialog.api_key_frame.isVisibleTo(dialog)
        dialog.header_edit.setText("X-Twin-Key")
        dialog.key_edit.setText(key)
        dialog.store_key_button.click()
        authcfg = dialog.auth_select.configId()
        try:
            assert authcfg and auth_configs.method(authcfg) == "APIHeader"
            assert dialog.key_edit.text() == ""  # the key now lives in the auth database
            assert wait_for_test(qtbot, dialog).startswith("Connected to")
            assert proxy.seen("X-Twin-Key")[-1] == key
            dialog.accept()
            assert connections.connection(dialog.connection().name).authcfg == authcfg
        finally:
            auth_configs.remove(authcfg)


def test_closing_the_dialog_during_a_test_aborts_it(qtbot, stub, names):
    stub.route("/", Reply(body={"links": []}, delay=5))
    dialog = make_dialog(qtbot, names("slow"), stub.url)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: bool(stub.requests), timeout=5000)
    dialog.reject()
    # Asked to stop at once (the request is aborted; QGIS 3.22 may keep the thread).
    testing = [t for t in QgsApplication.taskManager().activeTasks()
               if t.description().startswith("Testing connection")]
    assert all(t.isCanceled() for t in testing)


def test_a_newer_test_replaces_a_running_one(qtbot, stub, twin_service, names):
    stub.route("/", Reply(body={"links": []}, delay=5))
    dialog = make_dialog(qtbot, names("retry"), stub.url)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: bool(stub.requests), timeout=5000)
    dialog.url_edit.setText(twin_service)
    text = wait_for_test(qtbot, dialog)
    assert text.startswith("Connected to") and "24 collections" in text
    assert dialog.status_label.text() == text  # the cancelled one said nothing
