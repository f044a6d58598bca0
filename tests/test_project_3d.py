"""The offline project's 3D side: buildings and schemes extruded by height on the DEM
terrain, and a 3D view that the QGIS desktop opens with the project."""

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from osgeo import gdal, ogr, osr
from qgis.core import QgsPointXY, QgsProject

from plugin.core import project_3d
from plugin.core.offline_project import LayerSpec, write_offline_project

# A 1 km square district in EPSG:4547 (Shenzhen), a DEM rising 1 m every 10 m eastwards.
X0, Y0, SIZE = 503000.0, 2494000.0, 1000.0
DEM_CELL = 10.0
TITLE = "Review: Test district"


def dem_value(x):
    return 20.0 + (x - X0) / 10.0


def square(x, y, d):
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for px, py in ((x, y), (x + d, y), (x + d, y + d), (x, y + d), (x, y)):
        ring.AddPoint_2D(px, py)
    polygon = ogr.Geometry(ogr.wkbPolygon)
    polygon.AddGeometry(ring)
    return polygon


def add_polygons(ds, srs, table, rows, fields=()):
    layer = ds.CreateLayer(table, srs, ogr.wkbPolygon, ["GEOMETRY_NAME=geom", "FID=fid"])
    for name, kind in fields:
        layer.CreateField(ogr.FieldDefn(name, kind))
    for geometry, values in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetGeometry(geometry)
        for name, value in values.items():
            if value is not None:
                feature.SetField(name, value)
        layer.CreateFeature(feature)


def make_package(folder, with_dem=True):
    """A GeoPackage with districts, buildings, two design schemes and (optionally) a DEM."""
    gpkg = Path(folder) / "district.gpkg"
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4547)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(gpkg))
    add_polygons(ds, srs, "districts", [(square(X0, Y0, SIZE), {"name": "Test"})],
                 [("name", ogr.OFTString)])
    heights = [12.0, 45.0, 120.0, None]  # the last one has only a floor count
    add_polygons(ds, srs, "buildings",
                 [(square(X0 + 100 + 200 * i, Y0 + 300, 60), {"height": h, "floors": 4 + i})
                  for i, h in enumerate(heights)],
                 [("height", ogr.OFTReal), ("floors", ogr.OFTInteger)])
    for table, height in (("scheme_a", 150.0), ("scheme_b", 60.0)):
        add_polygons(ds, srs, table, [(square(X0 + 600, Y0 + 600, 80), {"height": height})],
                     [("height", ogr.OFTReal)])
    ds = None
    specs = [LayerSpec("Districts", "districts", "districts"),
             LayerSpec("Buildings", "buildings", "buildings"),
             LayerSpec("Scheme A", "scheme_a", "scheme"),
             LayerSpec("Scheme B", "scheme_b", "scheme")]
    if with_dem:
        cols = rows = int(SIZE / DEM_CELL)
        raster = gdal.GetDriverByName("GPKG").Create(
            str(gpkg), cols, rows, 1, gdal.GDT_Float32,
            ["APPEND_SUBDATASET=YES", "RASTER_TABLE=dem"])
        raster.SetGeoTransform((X0, DEM_CELL, 0, Y0 + SIZE, 0, -DEM_CELL))
        raster.SetProjection(srs.ExportToWkt())
        import numpy

        band = numpy.tile(dem_value(X0 + DEM_CELL * (numpy.arange(cols) + 0.5)), (rows, 1))
        raster.GetRasterBand(1).WriteArray(band.astype("float32"))
        raster = None
        specs.append(LayerSpec("Terrain", "dem", "dem", kind="raster"))
    return gpkg, specs


def qgs_text(qgz):
    with zipfile.ZipFile(qgz) as zf:
        return zf.read(next(n for n in zf.namelist() if n.endswith(".qgs"))).decode("utf-8")


def read_back(qgz):
    project = QgsProject()
    project_3d.keep_3d(project)  # fills QGIS's 3D registry, as the desktop has it
    assert project.read(str(qgz)), project.error()
    return project, {layer.name(): layer for layer in project.mapLayers().values()}


def vector_3d(renderer):
    """A layer's 3D renderer and its symbol as what they are (core's bindings only know
    the base classes)."""
    from qgis._3d import QgsPolygon3DSymbol, QgsVectorLayer3DRenderer
    from qgis.PyQt import sip

    renderer = sip.cast(renderer, QgsVectorLayer3DRenderer)
    return renderer, sip.cast(renderer.symbol(), QgsPolygon3DSymbol)


def camera_of(qgs):
    start = qgs.index("<mapViewDocks3D")
    chunk = qgs[start:qgs.index("</mapViewDocks3D>")]
    tag = chunk[chunk.rindex("<camera "):]
    tag = tag[:tag.index("/>")]
    return {key: float(value.strip('"')) for key, value in
            (part.split("=", 1) for part in tag.split()[1:])}


@pytest.fixture
def written(qgis_app, tmp_path):
    gpkg, specs = make_package(tmp_path)
    qgz = write_offline_project(tmp_path / "district.qgz", gpkg, specs, title=TITLE)
    return qgz


def test_buildings_and_schemes_are_extruded_by_height_on_the_terrain(written):
    project, layers = read_back(written)
    renderer = layers["Buildings"].renderer3D()
    assert renderer is not None and renderer.type() == "vector"
    _renderer, symbol = vector_3d(renderer)
    extrusion = symbol.dataDefinedProperties().property(symbol.PropertyExtrusionHeight)
    assert extrusion.isActive()
    assert '"height"' in extrusion.expressionString()
    # A building without a height stands by its floor count.
    assert '"floors"' in extrusion.expressionString()
    assert symbol.altitudeClamping() == project_3d._enum("AltitudeClamping.Terrain",
                                                          "AltClampTerrain")
    schemes = [layers[name].renderer3D() for name in ("Scheme A", "Scheme B")]
    assert all(r is not None and r.type() == "vector" for r in schemes)
    colours = {vector_3d(r)[1].material().diffuse().name() for r in schemes + [renderer]}
    assert len(colours) == 3  # each scheme stands out from the city and from each other
    assert layers["Districts"].renderer3D() is None  # outlines stay draped on the ground
    project.clear()


def test_the_3d_view_stands_on_the_dem_and_looks_at_the_district(written):
    qgs = qgs_text(written)
    project, layers = read_back(written)
    ((name, generator),) = project_3d.view_elements(qgs)
    assert name == TITLE
    assert generator["type"] == "dem"
    assert generator["layer"] == layers["Terrain"].id()
    assert float(generator["resolution"]) >= 16
    camera = camera_of(qgs)
    x, y = camera["xMap"], camera["yMap"]
    assert X0 < x < X0 + SIZE and Y0 < y < Y0 + SIZE
    # The camera looks at the ground: the DEM's height there, not sea level.
    assert camera["elev"] == pytest.approx(dem_value(x), abs=DEM_CELL / 10)
    sampled, ok = layers["Terrain"].dataProvider().sample(QgsPointXY(x, y), 1)
    assert ok and camera["zMap"] == pytest.approx(sampled, abs=0.01)
    # Everything visible in 2D is draped on the terrain too; the second scheme starts
    # hidden in both (two schemes for one site would overlap).
    view_layers = qgs[qgs.index("<mapViewDocks3D"):].split("<layers>", 1)[1].split("</layers>")[0]
    for name, layer in layers.items():
        assert (layer.id() in view_layers) == (name != "Scheme B"), name
    project.clear()


def test_without_a_dem_the_terrain_is_flat_under_the_district(qgis_app, tmp_path):
    gpkg, specs = make_package(tmp_path, with_dem=False)
    qgz = write_offline_project(tmp_path / "district.qgz", gpkg, specs, title=TITLE)
    qgs = qgs_text(qgz)
    ((_name, generator),) = project_3d.view_elements(qgs)
    assert generator["type"] == "flat"
    extent = qgs.split('<generator type="flat"', 1)[1].split("<extent ", 1)[1].split("/>")[0]
    box = dict(part.split("=", 1) for part in extent.split())
    xmin, xmax = (float(box[k].strip('"')) for k in ("xmin", "xmax"))
    assert xmin <= X0 and xmax >= X0 + SIZE
    assert camera_of(qgs)["elev"] == 0.0
    project, layers = read_back(qgz)
    assert layers["Buildings"].renderer3D().type() == "vector"
    project.clear()


def test_3d_survives_a_headless_read_and_write(written, tmp_path):
    """What a refresh does: read the project, change it, write it again."""
    project, _layers = read_back(written)
    copy = tmp_path / "rewritten.qgs"
    assert project.write(str(copy))
    project.clear()
    text = copy.read_text(encoding="utf-8")
    ((name, generator),) = project_3d.view_elements(text)
    assert name == TITLE and generator["type"] == "dem"
    assert text.count("<renderer-3d ") == 3  # buildings and the two schemes


INSIDE = r'''
import json, os
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QDockWidget, QWidget
from qgis.core import QgsProject
from qgis.utils import iface

def start():
    iface.mainWindow().move(0, 0)
    iface.mainWindow().resize(1280, 800)
    iface.addProject(os.environ["TDR_PROJECT"])
    QTimer.singleShot(4000, look)

def look():
    report = {"docks": [d.windowTitle() for d in iface.mainWindow().findChildren(QDockWidget)
                        if d.isVisible()]}
    canvases = [w for w in iface.mainWindow().findChildren(QWidget)
                if w.metaObject().className() == "Qgs3DMapCanvas" and w.isVisible()]
    if canvases:
        top = canvases[0].mapToGlobal(canvases[0].rect().topLeft())
        image = QApplication.primaryScreen().grabWindow(
            0, top.x(), top.y(), canvases[0].width(), canvases[0].height()).toImage()
        step = 4
        report["colours"] = len({image.pixel(x, y) for x in range(0, image.width(), step)
                                 for y in range(0, image.height(), step)})
    QgsProject.instance().write(os.environ["TDR_RESAVED"])
    with open(os.environ["TDR_REPORT"], "w") as fh:
        json.dump(report, fh)
    os._exit(0)

QTimer.singleShot(1000, start)
'''


@pytest.mark.desktop
@pytest.mark.skipif(shutil.which("xvfb-run") is None or shutil.which("qgis") is None,
                    reason="needs the QGIS desktop and xvfb-run")
def test_qgis_desktop_opens_the_3d_view_with_the_project(written, tmp_path):
    from scripts.qgis_profile import OFFLINE_INI

    ini = tmp_path / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True)
    ini.write_text(OFFLINE_INI, encoding="utf-8")
    script = tmp_path / "inside.py"
    script.write_text(INSIDE, encoding="utf-8")
    report, resaved = tmp_path / "report.json", tmp_path / "resaved.qgs"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM",)}
    env.update(HOME=str(tmp_path), TDR_PROJECT=str(written), TDR_REPORT=str(report),
               TDR_RESAVED=str(resaved), LIBGL_ALWAYS_SOFTWARE="1")
    proc = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24 +extension GLX", "qgis",
         "--profiles-path", str(tmp_path / "profiles"), "--profile", "default", "--nologo",
         "--noversioncheck", "--noplugins", "--code", str(script)],
        env=env, capture_output=True, text=True, timeout=120, check=False)
    assert report.exists(), "QGIS did not run the check script:\n" + proc.stderr[-3000:]
    seen = json.loads(report.read_text(encoding="utf-8"))
    assert TITLE in seen["docks"]  # the 3D view is docked, open, under the district's name
    # The desktop read the terrain and camera we wrote: saving gives them back.
    ours, theirs = qgs_text(written), resaved.read_text(encoding="utf-8")
    assert project_3d.view_elements(theirs) == project_3d.view_elements(ours)
    for key in ("x", "y", "elev", "dist", "pitch", "yaw"):
        assert camera_of(theirs)[key] == pytest.approx(camera_of(ours)[key], rel=1e-4, abs=1e-3)
    # With OpenGL (Mesa under Xvfb) the view shows a scene, not an empty background.
    assert seen["colours"] > 20
