"""Sample twin data and service for tests: generate once into <repo>/.cache/sample and
start pygeoapi on a free local port."""

import atexit
import fcntl
import json
import socket
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE_DIR = REPO / ".cache" / "sample"


def _is_current(data_dir, version):
    try:
        manifest = json.loads((data_dir / "manifest.json").read_text())
    except (OSError, ValueError):
        return False
    return manifest.get("generator_version") == version


def sample_data_dir() -> Path:
    """The default sample (seed 42), regenerated when the generator version changed.

    An exclusive file lock serialises parallel test runs; the generator itself
    builds in a temporary directory and renames it into place."""
    from sample_twin.generate import GENERATOR_VERSION

    if _is_current(SAMPLE_DIR, GENERATOR_VERSION):
        return SAMPLE_DIR
    SAMPLE_DIR.parent.mkdir(parents=True, exist_ok=True)
    with open(SAMPLE_DIR.parent / "sample.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not _is_current(SAMPLE_DIR, GENERATOR_VERSION):
                # In a child process: the generator loads mod_spatialite, which in a process
                # that also runs QGIS/GDAL corrupts the heap at exit (abort, rc 134).
                subprocess.run([sys.executable, "-m", "sample_twin.generate", "--out",
                                str(SAMPLE_DIR), "--seed", "42"], cwd=str(REPO), check=True,
                               capture_output=True)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return SAMPLE_DIR


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServiceHandle:
    def __init__(self, data_dir, port, pid, url):
        self.data_dir = Path(data_dir)
        self.port = port
        self.pid = pid
        self.url = url  # no trailing slash
        self._stopped = False

    def stop(self):
        if not self._stopped:
            from sample_twin import service
            service.stop(self.data_dir, self.port)
            self._stopped = True

    def __repr__(self):
        return f"<sample twin service {self.url} pid {self.pid}>"


def start_sample_service(data_dir, port=None, timeout=60.0) -> ServiceHandle:
    """Start pygeoapi for data_dir; a free 127.0.0.1 port when port is None."""
    from sample_twin import service

    attempts = 1 if port is not None else 3
    last = None
    for _ in range(attempts):
        p = port if port is not None else free_port()
        try:
            pid, url = service.start(data_dir, p, timeout=timeout)
        except service.ServiceError as err:  # e.g. the free port was taken meanwhile
            last = err
            continue
        handle = ServiceHandle(data_dir, p, pid, url)
        atexit.register(handle.stop)  # never leave a server behind
        return handle
    raise last
