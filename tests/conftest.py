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
