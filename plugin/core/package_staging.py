"""The staging folder of a package being made or refreshed: what makes it resumable.

Each collection is pulled into its own GeoPackage in a hidden folder beside the
package (``.<name>.staging``), written under a temporary name and renamed when
complete; ``state.json`` (also replaced atomically) lists the finished ones. An
interrupted run (cancel, dropped connection, killed QGIS) leaves the package itself
untouched and the staging folder behind; the next run with the same request reuses
every finished collection and pulls only the rest. A different request starts over.
"""

import hashlib
import json
import os
import shutil
from pathlib import Path

from . import atomic

STATE_FILE = "state.json"


def fingerprint(*parts):
    """A short stable hash of the request a staging folder belongs to."""
    text = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


class Staging:
    def __init__(self, gpkg_path, purpose, key):
        gpkg_path = Path(gpkg_path)
        self.dir = gpkg_path.parent / ".{}.{}".format(gpkg_path.stem, purpose)
        self.key = key
        state = self._load()
        if state.get("key") != key:
            self.remove()
            state = {"key": key, "done": {}}
        self.state = state
        self.dir.mkdir(parents=True, exist_ok=True)
        for stray in self.dir.glob(".*.part*"):  # left by a killed writer
            atomic.remove_file(stray)

    def _load(self):
        try:
            return json.loads((self.dir / STATE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def path_for(self, table):
        return self.dir / "{}.gpkg".format(table)

    def done(self, collection_id):
        """The record of a finished collection whose file is present, else None."""
        record = self.state["done"].get(collection_id)
        if record and self.path_for(record["table"]).is_file():
            return record
        return None

    def record(self, collection_id, record):
        self.state["done"][collection_id] = record
        self.save()

    def save(self):
        temp = atomic.temp_path_beside(self.dir / STATE_FILE)
        try:
            temp.write_text(json.dumps(self.state, indent=1, ensure_ascii=False), encoding="utf-8")
            os.replace(str(temp), str(self.dir / STATE_FILE))
        finally:
            atomic.remove_file(temp)

    def remove(self):
        shutil.rmtree(str(self.dir), ignore_errors=True)
