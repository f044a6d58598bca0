"""Shared fixtures: the real sample twin service over HTTP on a free local port."""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def twin_service():
    """Base URL of the sample twin data service (pygeoapi), started once per session."""
    from tests.support.twin_service import sample_data_dir, start_sample_service

    handle = start_sample_service(sample_data_dir())
    try:
        yield handle.url
    finally:
        handle.stop()


@pytest.fixture(scope="session")
def sample_manifest():
    """The generator's manifest: what the sample service holds, counted independently of it."""
    import json

    from tests.support.twin_service import sample_data_dir

    return json.loads((sample_data_dir() / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def provider(qgis_processing):
    from qgis.core import QgsApplication

    from plugin.processing.provider import TwinReviewProvider

    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("twindistrictreview")
    if existing is not None:
        yield existing
        return
    prov = TwinReviewProvider()
    registry.addProvider(prov)
    yield prov
    registry.removeProvider(prov)


@pytest.fixture(scope="session")
def review(twin_service, provider, tmp_path_factory):
    """The district review of Xiangmihu, run once through Processing in this process."""
    import processing

    out = tmp_path_factory.mktemp("review") / "xiangmihu"
    result = processing.run("twindistrictreview:reviewdistrict",
                            {"SERVICE_URL": twin_service, "DISTRICT": "xiangmihu",
                             "OUTPUT_FOLDER": str(out)})
    return result


@pytest.fixture(scope="session", autouse=True)
def no_task_left_running(request):
    """At the end of the session, cancel what is still running and wait for it.

    QGIS 3.22's QgsBlockingNetworkRequest sometimes never returns after an abort from
    another thread (seen after a cancelled request). exitQgis() would then wait for
    that thread forever; instead the session ends here with the tests' own verdict,
    naming the stuck tasks, so a hung thread can never hang CI."""
    try:  # set up first, so torn down after this (absent in QGIS's bare Python)
        request.getfixturevalue("qgis_app")
    except pytest.FixtureLookupError:
        yield
        return
    yield
    import sys
    import time

    from qgis.core import QgsApplication

    manager = QgsApplication.taskManager()
    manager.cancelAll()
    deadline = time.monotonic() + 20
    while manager.countActiveTasks() and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.05)
    if manager.countActiveTasks():
        stuck = [task.description() for task in manager.activeTasks()]
        failed = request.session.testsfailed
        line = ("{} of {} tests failed. Tasks still running after cancel (QGIS 3.22 network "
                "abort, see README): {}; ending without exitQgis.").format(
                    failed, request.session.testscollected, stuck)
        # Output is captured (at the fd level) during teardown: write past the capture.
        capture = request.config.pluginmanager.get_plugin("capturemanager")
        if capture is not None:
            capture.suspend_global_capture(in_=True)
        sys.stderr.write("\n" + line + "\n")
        reporter = request.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None and failed:
            reporter.summary_failures()
            reporter.short_test_summary()
        os._exit(1 if failed else 0)


@pytest.fixture
def shanghai_time():
    """Local time = China Standard Time (UTC+8), as for the people who use the twin."""
    import os
    import time

    old = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Shanghai"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()
