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
