"""Serve a generated sample twin with pygeoapi (OGC API - Features/Coverages).

    python -m sample_twin.service start|stop|serve --data DIR --port P

pygeoapi runs from .venv-service as a separate process. Its config and OpenAPI
document are written to DIR/service/ from DIR/manifest.json, one pair per port so
several servers may share a data directory."""

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path

import yaml

from .catalog import title_languages

REPO = Path(__file__).resolve().parents[1]
SERVICE_VENV = Path(os.environ.get("TWIN_SERVICE_VENV", REPO / ".venv-service"))
HOST = "127.0.0.1"
PAGE_MAX = 1000  # server page cap; a larger limit= is silently reduced to it

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
CRS_LIST = [CRS84, "http://www.opengis.net/def/crs/EPSG/0/4326",
            "http://www.opengis.net/def/crs/EPSG/0/4490",
            "http://www.opengis.net/def/crs/EPSG/0/4547"]


class ServiceError(RuntimeError):
    pass


def _paths(data, port):
    sdir = Path(data).resolve() / "service"
    return {"dir": sdir, "config": sdir / f"pygeoapi-{port}.yml",
            "openapi": sdir / f"openapi-{port}.yml", "pid": sdir / f"pygeoapi-{port}.pid",
            "log": sdir / f"pygeoapi-{port}.log"}


def _parse_time(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00"))


def build_config(data, port):
    """pygeoapi configuration (dict) for every collection of DIR/manifest.json."""
    data = Path(data).resolve()
    manifest = json.loads((data / "manifest.json").read_text())
    url = f"http://{HOST}:{port}"
    resources = {}
    for c in manifest["collections"]:
        src = c["source"]
        res = {
            "type": "collection",
            "title": title_languages(c["id"], c["title"]),
            "description": c["description"],
            "keywords": c["keywords"],
            "links": [],
            "extents": {"spatial": {"bbox": c["bbox"], "crs": CRS84}},
        }
        if src["type"] == "raster":
            res["providers"] = [{
                "type": "coverage", "name": "rasterio", "data": str(data / src["path"]),
                "format": {"name": "GTiff", "mimetype": "image/tiff"},
            }]
        elif "tinydb" in src:
            # pygeoapi's SQLiteGPKG provider ignores datetime=; TinyDB honours time_field.
            t = c["temporal"]
            # An open end: observations are appended while the service runs
            # (observations_feed), and pygeoapi refuses datetime= past a configured end.
            res["extents"]["temporal"] = {"begin": _parse_time(t["begin"]), "end": None}
            res["providers"] = [{
                "type": "feature", "name": "TinyDB", "data": str(data / src["tinydb"]),
                "id_field": "id", "time_field": t["time_field"],
                "crs": CRS_LIST, "storage_crs": CRS84,
            }]
        else:
            res["providers"] = [{
                # The SpatiaLite copy: safe under concurrent requests (see generate.py).
                "type": "feature", "name": "SQLiteGPKG", "data": str(data / "twin.sqlite"),
                "id_field": src["id_field"], "table": src["table"],
                "crs": CRS_LIST, "storage_crs": CRS84,  # stored lon/lat (GeoPackage EPSG:4326)
            }]
        resources[c["id"]] = res
    return {
        "server": {
            "bind": {"host": HOST, "port": int(port)},
            "url": url,
            "mimetype": "application/json; charset=UTF-8",
            "encoding": "utf-8",
            "gzip": False,
            # English first: the default when a request names no language we serve.
            # "zh", not "zh-CN": pygeoapi 0.21 answers a bare "zh" request with an error
            # when only zh-CN is configured (babel has no plain zh_CN locale).
            "languages": ["en-US", "zh"],
            "pretty_print": False,
            "limits": {"default_items": PAGE_MAX, "max_items": PAGE_MAX, "on_exceed": "throttle"},
            "map": {"url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                    "attribution": "OpenStreetMap contributors"},
        },
        "logging": {"level": "ERROR"},
        "metadata": {
            "identification": {
                "title": {"en": "Sample city twin data service (Shenzhen districts)",
                          "zh": "示例城市数字孪生数据服务（深圳片区）"},
                "description": "Synthetic twin data for Xiangmihu and Houhai, served per the TDS-1 "
                               "profile. 示例城市数字孪生数据服务。",
                "keywords": ["digital twin", "Shenzhen", "数字孪生"],
                "keywords_type": "theme",
                "terms_of_service": "https://creativecommons.org/licenses/by/4.0/",
                "url": url,
            },
            "license": {"name": "CC-BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
            "provider": {"name": "Twin District Review sample", "url": url},
            "contact": {"name": "Sample twin"},
        },
        "resources": resources,
    }


def _service_env(paths):
    env = dict(os.environ)
    env["PYGEOAPI_CONFIG"] = str(paths["config"])
    env["PYGEOAPI_OPENAPI"] = str(paths["openapi"])
    env.pop("PYTHONPATH", None)
    env.pop("PYTHONHOME", None)
    return env


def prepare(data, port):
    """Write config and OpenAPI document; return the paths."""
    paths = _paths(data, port)
    paths["dir"].mkdir(parents=True, exist_ok=True)
    cfg = build_config(data, port)
    paths["config"].write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False))
    pygeoapi = SERVICE_VENV / "bin" / "pygeoapi"
    if not pygeoapi.exists():
        raise ServiceError(f"pygeoapi not found at {pygeoapi}: run scripts/setup.sh")
    r = subprocess.run([str(pygeoapi), "openapi", "generate", str(paths["config"]),
                        "--output-file", str(paths["openapi"])],
                       env=_service_env(paths), capture_output=True, text=True)
    if r.returncode != 0:
        raise ServiceError(f"pygeoapi openapi generate failed:\n{r.stderr[-3000:]}")
    return paths


def _server_cmd(port):
    # Not `pygeoapi serve`: it forces debug=True, whose reloader forks a second process
    # and polls every module file each second. _serve.py forks a worker per request.
    return [str(SERVICE_VENV / "bin" / "python"), str(Path(__file__).with_name("_serve.py")),
            HOST, str(port)]


def _wait_ready(url, proc, log, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{url}/collections?f=json", timeout=5) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.2)
    tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
    state = f"exited with {proc.returncode}" if proc.poll() is not None else "not answering"
    raise ServiceError(f"pygeoapi on {url} {state} after {timeout:.0f}s; log tail:\n{tail}")


def start(data, port, timeout=60.0):
    """Start the server in the background (own process group); return (pid, url)."""
    paths = prepare(data, port)
    url = f"http://{HOST}:{port}"
    with open(paths["log"], "wb") as logf:
        proc = subprocess.Popen(_server_cmd(port), env=_service_env(paths), stdout=logf,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True, cwd=str(paths["dir"]))
    try:
        _wait_ready(url, proc, paths["log"], timeout)
    except ServiceError:
        _kill_group(proc.pid)
        raise
    paths["pid"].write_text(str(proc.pid))
    return proc.pid, url


def _kill_group(pid, timeout=10.0):
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            os.killpg(pid, 0)
        except ProcessLookupError:
            break
        try:  # reap if it is our child
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        time.sleep(0.1)
    else:
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def stop(data, port):
    paths = _paths(data, port)
    if not paths["pid"].exists():
        return False
    pid = int(paths["pid"].read_text().strip())
    _kill_group(pid)
    paths["pid"].unlink(missing_ok=True)
    return True


def serve(data, port):
    paths = prepare(data, port)
    print(f"serving {data} at http://{HOST}:{port} (Ctrl-C to stop)", flush=True)
    os.execve(_server_cmd(port)[0], _server_cmd(port), _service_env(paths))


def main(argv=None):
    ap = argparse.ArgumentParser(description="Sample twin data service (pygeoapi)")
    ap.add_argument("action", choices=["start", "stop", "serve"])
    ap.add_argument("--data", required=True, type=Path)
    ap.add_argument("--port", type=int, default=5000)
    ap.add_argument("--timeout", type=float, default=60.0)
    args = ap.parse_args(argv)
    try:
        if args.action == "start":
            t0 = time.time()
            pid, url = start(args.data, args.port, args.timeout)
            print(f"started pid {pid} at {url} in {time.time() - t0:.1f}s")
        elif args.action == "stop":
            print("stopped" if stop(args.data, args.port) else "not running")
        else:
            serve(args.data, args.port)
    except ServiceError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
