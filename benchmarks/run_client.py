"""One client run for bench_pull.py, in its own process so its CPU time and memory are its own.

usage: run_client.py {raw,ogr2ogr,qgis_oapif,plugin,plugin_sequential,plugin_4547} BASE_URL COLLECTION OUT_DIR PAGE_SIZE
Prints one JSON line: {"features": n}.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


_APP = []


def start_qgis():
    from qgis.core import QgsApplication

    QgsApplication.setPrefixPath("/usr", True)
    _APP.append(QgsApplication([], False))  # kept alive until the process exits
    _APP[0].initQgis()


def raw(base, collection, out_dir, page_size):
    """The ceiling: fetch the same pages with plain HTTP and keep the bytes, nothing else."""
    import requests

    url = "{}/collections/{}/items?f=json&limit={}".format(base, collection, page_size)
    count, n = 0, 0
    with requests.Session() as session:
        while url:
            body = session.get(url, timeout=300).content
            page = json.loads(body)
            (Path(out_dir) / "page{:05d}.json".format(n)).write_bytes(body)
            n += 1
            count += len(page["features"])
            nxt = [lk["href"] for lk in page.get("links", []) if lk.get("rel") == "next"]
            url = nxt[0] if nxt and page["features"] else None
    return count


def ogr2ogr(base, collection, out_dir, page_size):
    out = Path(out_dir) / "ogr2ogr.gpkg"
    subprocess.run(["ogr2ogr", "-f", "GPKG", str(out), "OAPIF:" + base, collection,
                    "-oo", "PAGE_SIZE={}".format(page_size), "-nln", collection], check=True)
    from osgeo import ogr

    dataset = ogr.Open(str(out))  # keep the dataset alive while its layer is used
    return dataset.GetLayer(0).GetFeatureCount()


def qgis_oapif(base, collection, out_dir, page_size):
    """QGIS's own OAPIF provider, written to a GeoPackage like the other clients."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import (QgsCoordinateTransformContext, QgsVectorFileWriter,
                           QgsVectorLayer)

    start_qgis()
    uri = "url='{}' typename='{}' pageSize='{}' restrictToRequestBBOX='0'".format(
        base, collection, page_size)
    layer = QgsVectorLayer(uri, collection, "OAPIF")
    assert layer.isValid(), "the OAPIF provider could not open the collection"
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    out = str(Path(out_dir) / "qgis_oapif.gpkg")
    error = QgsVectorFileWriter.writeAsVectorFormatV3(layer, out, QgsCoordinateTransformContext(),
                                                      options)
    assert error[0] == QgsVectorFileWriter.NoError, error
    return QgsVectorLayer(out, "check", "ogr").featureCount()


def plugin(base, collection, out_dir, page_size, target_crs=None, prefetch=3):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))

    start_qgis()
    from plugin.core.client import ServiceClient
    from plugin.core.pull import pull_to_gpkg

    client = ServiceClient(base, page_size=page_size, prefetch=prefetch)
    result = pull_to_gpkg(client, collection, Path(out_dir) / "plugin.gpkg", layer_name=collection,
                          target_crs=target_crs)
    return result.feature_count


def qgis_idle(base, collection, out_dir, page_size):
    """No download: what starting QGIS alone costs (memory and CPU) in the QGIS-based rows."""
    start_qgis()
    return 0


def plugin_sequential(base, collection, out_dir, page_size):
    """The plugin with fetch-ahead off: one page at a time, like the other clients."""
    return plugin(base, collection, out_dir, page_size, prefetch=0)


def plugin_4547(base, collection, out_dir, page_size):
    return plugin(base, collection, out_dir, page_size, target_crs="EPSG:4547")


if __name__ == "__main__":
    kind, base, collection, out_dir, page_size = sys.argv[1:6]
    n = globals()[kind](base, collection, out_dir, int(page_size))
    print(json.dumps({"features": n}), flush=True)
    os._exit(0)  # skip interpreter teardown: QGIS objects outliving exitQgis() crash it
