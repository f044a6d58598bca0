"""Open a .qgz in a fresh headless QGIS with the network refused; print a JSON report.

Run as a separate process: `python open_offline.py PROJECT.qgz`. Every request QGIS tries
is counted, and a proxy on a closed local port makes any such request fail.
"""

import json
import os
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsMapLayerType,
    QgsNetworkAccessManager,
    QgsProject,
    QgsSettings,
)
from qgis.PyQt.QtNetwork import QNetworkProxy  # noqa: E402


def main(path):
    profile = tempfile.mkdtemp(prefix="tdr-offline-")
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False, profile)
    app.initQgis()
    QgsSettings().setValue("proxy/proxyEnabled", True)
    nam = QgsNetworkAccessManager.instance()
    nam.setFallbackProxyAndExcludes(
        QNetworkProxy(QNetworkProxy.HttpProxy, "127.0.0.1", 9), [], [])
    requests = []
    nam.requestAboutToBeCreated.connect(lambda req: requests.append(req.request().url().toString()))

    from qgis._3d import Qgs3D  # the desktop registers 3D renderers; a bare QGIS must

    Qgs3D.initialize()
    project = QgsProject()
    ok = project.read(path)
    layers = []
    for layer in project.mapLayers().values():
        info = {"name": layer.name(), "valid": layer.isValid(), "source": layer.source(),
                "provider": layer.providerType(), "crs": layer.crs().authid(),
                "metadata_id": layer.metadata().identifier(),
                "renderer_3d": layer.renderer3D().type() if layer.renderer3D() else None}
        if layer.type() == QgsMapLayerType.VectorLayer:
            info["features"] = layer.featureCount()
            info["renderer"] = layer.renderer().type() if layer.renderer() else None
            info["renderer_attribute"] = getattr(layer.renderer(), "classAttribute",
                                                 lambda: None)()
        else:
            info["renderer"] = layer.renderer().type() if layer.renderer() else None
            info["size"] = [layer.width(), layer.height()]
        layers.append(info)
    root = project.layerTreeRoot()
    report = {"read": ok, "crs": project.crs().authid(), "title": project.title(),
              "package": project.readEntry("twin_district_review", "package", "")[0],
              "groups": [g.name() for g in root.findGroups(True)],
              "layers": layers, "requests": requests}
    print(json.dumps(report), flush=True)
    # Leave without exitQgis(): tearing QGIS down after reading rasters can crash at exit
    # in 3.22, which would hide the report behind a signal.
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1])
