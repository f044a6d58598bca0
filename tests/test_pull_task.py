"""A download in the QGIS task manager: progress reaches the bar, cancel leaves nothing."""

import pytest
from qgis.core import QgsApplication, QgsVectorLayer

from plugin.core.client import ServiceClient
from plugin.core.tasks import PullTask
from plugin.core.transport import QgisTransport
from tests.support.http_stub import Reply, StubServer, point_features

def run_task(qtbot, task, cancel_when=None, timeout=60000):
    """Run through the task manager; returns (progress values, "complete"/"terminated").

    The manager deletes a task when it ends, so its end is read from signals."""
    progress, ended = [], []
    task.progressChanged.connect(progress.append)
    task.taskCompleted.connect(lambda: ended.append("complete"))
    task.taskTerminated.connect(lambda: ended.append("terminated"))
    QgsApplication.taskManager().addTask(task)
    if cancel_when is not None:
        qtbot.waitUntil(lambda: bool(cancel_when(progress)), timeout=timeout)
        task.cancel()
    qtbot.waitUntil(lambda: bool(ended), timeout=timeout)
    return progress, ended[0]


def test_pull_task_downloads_with_progress(qtbot, twin_service, tmp_path):
    task = PullTask("buildings", ServiceClient(twin_service), "buildings",
                    tmp_path / "b.gpkg", layer_name="buildings")
    pulled = []
    task.pulled.connect(pulled.append)
    progress, ended = run_task(qtbot, task)
    assert ended == "complete" and task.error is None
    qtbot.waitUntil(lambda: bool(pulled), timeout=5000)  # finished() runs on the main thread
    layer = QgsVectorLayer("{}|layername=buildings".format(tmp_path / "b.gpkg"), "b", "ogr")
    assert layer.featureCount() == pulled[0].feature_count >= 3000
    assert progress and max(progress) == 100.0


def test_cancelled_pull_task_leaves_no_file(qtbot, tmp_path):
    with StubServer() as stub:
        stub.add_service([{"id": "c"}])
        stub.add_paged_items("c", point_features(3000), server_max=100)
        paged = stub.routes["/api/colls/c/items"]

        def slow(request):  # every page after the first takes a while
            reply = paged(request)
            reply.delay = 0.3 if request.query.get("offset") else 0.0
            return reply

        stub.route("/api/colls/c/items", slow)
        client = ServiceClient(stub.url, transport=QgisTransport(timeout_ms=5000))
        task = PullTask("c", client, "c", tmp_path / "c.gpkg")
        failed = []
        task.failed.connect(failed.append)
        _progress, ended = run_task(qtbot, task, cancel_when=lambda progress: progress)
    assert ended == "terminated"
    assert task.result is None and task.error is None and failed == []
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("status", [500, 404])
def test_failed_pull_task_says_one_sentence(qtbot, tmp_path, status):
    with StubServer() as stub:
        stub.add_service([{"id": "c"}])
        stub.route("/api/colls/c/items", Reply(status, "nope"))
        task = PullTask("c", ServiceClient(stub.url), "c", tmp_path / "c.gpkg")
        failed = []
        task.failed.connect(failed.append)
        _progress, ended = run_task(qtbot, task)
        qtbot.waitUntil(lambda: bool(failed), timeout=5000)
    assert ended == "terminated"
    assert failed[0].startswith("The twin service") and failed[0].endswith(".")
    assert list(tmp_path.iterdir()) == []
