"""Render an offline project's map to PNG, headless (to look at what the user will see).

usage: .venv/bin/python scripts/render_project.py PROJECT.qgz OUT.png [--width 1400]
"""

import argparse
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsProject,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402


def render(project_path, out_png, width=1400):
    project = QgsProject()
    if not project.read(project_path):
        raise SystemExit("could not read {}".format(project_path))
    root = project.layerTreeRoot()
    visible = {node.layerId() for node in root.findLayers() if node.isVisible()}
    # layerOrder() is the drawing order, including the project's custom order.
    layers = [layer for layer in root.layerOrder() if layer.id() in visible]
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(project.crs())
    settings.setTransformContext(project.transformContext())
    extent = project.viewSettings().defaultViewExtent()
    if extent.isEmpty():
        extent = settings.fullExtent()
    height = int(width * extent.height() / max(extent.width(), 1e-9))
    settings.setOutputSize(QSize(width, height))
    settings.setExtent(extent)
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    job.renderedImage().save(out_png)
    return [layer.name() for layer in layers]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("project")
    parser.add_argument("out")
    parser.add_argument("--width", type=int, default=1400)
    args = parser.parse_args()
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    print(render(args.project, args.out, args.width))
    app.exitQgis()
