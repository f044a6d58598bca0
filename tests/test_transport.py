"""QgisTransport over real sockets: what the user reads when HTTP goes wrong."""

import threading
import time

import pytest
from qgis.core import QgsApplication, QgsFeedback, QgsTask
from qgis.PyQt.QtCore import QCoreApplication

from plugin.core.errors import TwinCancelled, TwinServiceError
from plugin.core.transport import QgisTransport
from plugin.log import TAG as LOG_TAG
from tests.support.http_stub import Reply, StubServer, free_port


@pytest.fixture
def stub():
    with StubServer() as server:
        yield server


@pytest.fixture
def transport():
    return QgisTransport(timeout_ms=800)


def test_ok_response_has_body_status_and_lower_case_headers(stub, transport):
    stub.route("/x", Reply(body={"a": 1}, headers={"Content-Crs": "<urn:x>"}))
    response = transport.get(stub.url + "/x")
    assert response.status == 200
    assert response.json() == {"a": 1}
    assert response.headers["content-crs"] == "<urn:x>"
    assert response.url == stub.url + "/x"


def test_http_500_is_one_sentence_with_details(stub, transport):
    stub.route("/x", Reply(500, "Traceback: database is locked"))
    with pytest.raises(TwinServiceError) as err:
        transport.get(stub.url + "/x", what="collection 'buildings'")
    assert str(err.value) == "The twin service answered HTTP 500 for collection 'buildings'."
    assert stub.url + "/x" in err.value.detail
    assert "500" in err.value.detail and "database is locked" in err.value.detail


def test_http_401_points_at_authentication(stub, transport):
    stub.route("/x", Reply(401, "no", headers={"WWW-Authenticate": 'Basic realm="twin"'}))
    with pytest.raises(TwinServiceError) as err:
        transport.get(stub.url + "/x", what="the collection list")
    assert str(err.value) == ("The twin service needs a login for the collection list "
                              "(HTTP 401): choose an authentication configuration for this "
                              "connection.")


def test_malformed_json_is_one_sentence(stub, transport):
    stub.route("/x", Reply(body=b'{"features": [1, 2'))
    with pytest.raises(TwinServiceError) as err:
        transport.get(stub.url + "/x").json(what="a page")
    assert str(err.value) == "The twin service sent a page that is not valid JSON."
    assert '{"features": [1, 2' in err.value.detail


def test_closed_port_reads_as_service_unreachable(transport):
    port = free_port()
    with pytest.raises(TwinServiceError) as err:
        transport.get("http://127.0.0.1:{}/collections".format(port))
    assert str(err.value) == "The twin service at 127.0.0.1:{} could not be reached.".format(port)


def test_slow_answer_times_out_with_the_configured_seconds(stub):
    stub.route("/slow", Reply(body={"a": 1}, delay=3))
    started = time.monotonic()
    with pytest.raises(TwinServiceError) as err:
        QgisTransport(timeout_ms=500).get(stub.url + "/slow")
    assert str(err.value) == "The twin service did not answer within 0.5 s."
    assert not isinstance(err.value, TwinCancelled)
    assert time.monotonic() - started < 2.5


def test_connection_dropped_mid_body(stub, transport):
    stub.route("/x", Reply(body={"features": list(range(1000))}, drop_after=40))
    with pytest.raises(TwinServiceError) as err:
        transport.get(stub.url + "/x", what="collection 'roads'")
    assert str(err.value) == ("The connection to the twin service was lost while "
                              "receiving collection 'roads'.")


def test_cancel_aborts_the_request_in_flight(stub, transport):
    stub.route("/slow", Reply(body={"a": 1}, delay=5))
    feedback = QgsFeedback()
    threading.Timer(0.3, feedback.cancel).start()
    started = time.monotonic()
    with pytest.raises(TwinCancelled):
        QgisTransport(timeout_ms=10000).get(stub.url + "/slow", feedback=feedback)
    assert time.monotonic() - started < 2


def test_cancelled_feedback_sends_no_request(stub, transport):
    stub.route("/x", Reply(body={}))
    feedback = QgsFeedback()
    feedback.cancel()
    with pytest.raises(TwinCancelled):
        transport.get(stub.url + "/x", feedback=feedback)
    assert stub.requests == []


def test_failures_are_logged_under_the_plugin_tag(stub, transport):
    stub.route("/x", Reply(503, "maintenance"))
    logged = []

    def collect(message, tag, level):
        if tag == LOG_TAG:
            logged.append(message)

    QgsApplication.messageLog().messageReceived.connect(collect)
    try:
        with pytest.raises(TwinServiceError):
            transport.get(stub.url + "/x")
    finally:
        QgsApplication.messageLog().messageReceived.disconnect(collect)
    assert any("HTTP 503" in m and "maintenance" in m for m in logged)


def test_works_inside_a_qgs_task(stub, transport):
    stub.route("/x", Reply(body={"from": "task"}))
    result = {}

    def run(task):
        result["json"] = transport.get(stub.url + "/x").json()
        return True

    task = QgsTask.fromFunction("twin transport test", run)
    QgsApplication.taskManager().addTask(task)
    deadline = time.monotonic() + 10
    while "json" not in result and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    assert result.get("json") == {"from": "task"}
