"""Render what the skyline, corridor, height-control and sunlight tools show, after the demo.

usage: .venv/bin/python scripts/form_screenshots.py [output/xiangmihu] [docs/images]

Reads the demo's project (styled layers as the analyst opens them), runs the shadows and
skyline algorithms where a picture needs more than the review wrote, and writes:
- sunlight_map.png: sunlight per home and test point beside the S1 site, with the
  buildings' shadows at 10:00 true solar time on 大寒日;
- skyline_map.png: the lake pavilion's skyline (3D line on the buildings forming it),
  its view corridor and the buildings breaking it;
- skyline_scheme_a.png: the lake pavilion's skyline chart towards the S1 site (60°–150°),
  existing vs scheme A.
"""

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qgis.core import (  # noqa: E402
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFillSymbol,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

SITE_S1 = (114.0365, 22.5445)        # sample_twin/places.py
LAKE_PAVILION = (114.02996, 22.54571)
_KEEP = []


def table_layers(project):
    """{gpkg table name: layer} of the project's layers."""
    out = {}
    for layer in project.mapLayers().values():
        source = layer.source()
        if "layername=" in source:
            out[source.split("layername=")[1].split("|")[0]] = layer
    return out


def around(project, lonlat, half_width, half_height):
    to_map = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), project.crs(),
                                    project.transformContext())
    centre = to_map.transform(QgsPointXY(*lonlat))
    return QgsRectangle(centre.x() - half_width, centre.y() - half_height,
                        centre.x() + half_width, centre.y() + half_height)


def plain(layer):
    """The same features in light grey: the context under the results."""
    copy = QgsVectorLayer(layer.source(), layer.name(), "ogr")
    copy.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
        {"color": "#e3e3e3", "outline_color": "#9a9a9a", "outline_width": "0.15"})))
    _KEEP.append(copy)
    return copy


def render(project, layers, extent, out_png, width=1400):
    settings = QgsMapSettings()
    settings.setLayers([layer for layer in layers if layer is not None])
    settings.setDestinationCrs(project.crs())
    settings.setTransformContext(project.transformContext())
    settings.setOutputSize(QSize(width, int(width * extent.height() / extent.width())))
    settings.setExtent(extent)
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    job.renderedImage().save(str(out_png))
    print(out_png)


def main():
    review = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "output" / "xiangmihu")
    out = Path(sys.argv[2] if len(sys.argv) > 2 else ROOT / "docs" / "images")
    out.mkdir(parents=True, exist_ok=True)
    from scripts.qgis_headless import start

    app, provider = start()  # noqa: F841 (both must stay referenced)
    import processing

    project = QgsProject.instance()
    project.read(str(review / "{}.qgz".format(review.name)))
    layers = table_layers(project)
    gpkg = review / "{}.gpkg".format(review.name)

    shadows = processing.run("twindistrictreview:shadows", {
        "BUILDINGS": layers["buildings"], "DAY": 0, "TIMES": "10:00",
        "DISSOLVE": True, "OUTPUT": "memory:"})["OUTPUT"]
    shadows.loadNamedStyle(str(ROOT / "resources" / "styles" / "shadows.qml"))
    render(project, [layers["sunlight_points"], layers["sunlight_buildings"],
                     plain(layers["buildings"]), shadows, layers["roads"], layers["water"]],
           around(project, SITE_S1, 420, 260), out / "sunlight_map.png")

    render(project, [layers["viewpoints"], layers["skyline"], layers["corridor_violations"],
                     layers["skyline_buildings"], plain(layers["buildings"]),
                     layers["view_corridors"], layers["water"]],
           around(project, LAKE_PAVILION, 900, 650), out / "skyline_map.png")

    charts = review / "scheme_a_skyline"
    scheme = QgsVectorLayer("{}|layername=scheme_s1_a".format(gpkg), "scheme A", "ogr")
    processing.run("twindistrictreview:skyline", {
        "VIEWPOINTS": layers["viewpoints"], "BUILDINGS": layers["buildings"],
        "SCHEME": scheme, "FOV_FROM": 60, "FOV_TO": 150, "PROFILE": "memory:", "SKYLINE": "memory:",
        "SKYLINE_BUILDINGS": "memory:", "METRICS": "memory:", "CHARTS": str(charts)})
    shutil.copyfile(charts / "skyline_vp-lake-south.png", out / "skyline_scheme_a.png")
    print(out / "skyline_scheme_a.png")
    os._exit(0)  # QGIS teardown after rendering can crash in 3.22; nothing left to do


if __name__ == "__main__":
    main()
