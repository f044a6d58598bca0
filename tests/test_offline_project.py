"""Offline package: .gpkg + .qgz that open anywhere, styled by role, with no network."""

import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from osgeo import gdal
from qgis.core import (
    QgsGraduatedSymbolRenderer, QgsMapLayerType, QgsProject, QgsRasterLayer,
    QgsSingleBandPseudoColorRenderer, QgsVectorLayer,
)

from plugin.core.offline_project import LayerSpec, datasources_in, write_offline_project
from plugin.core.pull import pull_coverage_to_gpkg, write_pages_to_gpkg
from plugin.core.styles import apply_role_style, style_path


@dataclass
class Page:
    features: list
    number_matched: int = None
    crs_authid: str = None


def box(x, y, d):
    return {"type": "Polygon", "coordinates": [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]]}


class TiffClient:
    def download_coverage(self, cid, dest_tif, bbox=None, feedback=None, meta=None):
        ds = gdal.GetDriverByName("GTiff").Create(str(dest_tif), 8, 8, 1, gdal.GDT_Float32)
        ds.SetGeoTransform((500000, 50, 0, 2495500, 0, -50))
        ds.SetProjection("EPSG:4547")
        band = ds.GetRasterBand(1)
        band.SetNoDataValue(-9999)
        band.Fill(0.6)
        ds = None


def make_package(folder):
    gpkg = Path(folder) / "xiangmihu.gpkg"
    districts = [{"type": "Feature", "id": "xiangmihu", "geometry": box(114.00, 22.53, 0.03),
                  "properties": {"district_id": "xiangmihu", "name": "Xiangmihu"}}]
    buildings = [{"type": "Feature", "id": i, "geometry": box(114.005 + i * 0.002, 22.54, 0.001),
                  "properties": {"height": 10.0 + 40 * i, "floors": 3 + i}} for i in range(6)]
    roads = [{"type": "Feature", "id": 1, "properties": {"name": "Shennan Rd"},
              "geometry": {"type": "LineString", "coordinates": [[114.0, 22.54], [114.03, 22.545]]}}]
    write_pages_to_gpkg([Page(districts)], gpkg, "districts")
    write_pages_to_gpkg([Page(buildings)], gpkg, "buildings")
    write_pages_to_gpkg([Page(roads)], gpkg, "roads")
    pull_coverage_to_gpkg(TiffClient(), "flood-depth-rp50", gpkg, "flood_depth_rp50")
    specs = [
        LayerSpec("Districts", "districts", "districts", "Basic urban space", "Boundaries"),
        LayerSpec("Buildings", "buildings", "buildings", "Basic urban space", "Buildings"),
        LayerSpec("Roads", "roads", "roads", "Basic urban space", "Roads"),
        {"name": "Flood depth 1-in-50", "table": "flood_depth_rp50", "role": "flood-depth",
         "category": "Management objects", "subcategory": "Risk", "kind": "raster"},
    ]
    return gpkg, specs


def read_project(qgz):
    project = QgsProject()
    assert project.read(str(qgz)), project.error()
    return project


def by_name(project):
    return {layer.name(): layer for layer in project.mapLayers().values()}


def test_role_styles(qgis_app, tmp_path):
    assert style_path("buildings") is not None and style_path("no-such-role") is None
    gpkg, _ = make_package(tmp_path)
    buildings = QgsVectorLayer("{}|layername=buildings".format(gpkg), "b", "ogr")
    assert apply_role_style(buildings, "buildings")
    renderer = buildings.renderer()
    assert isinstance(renderer, QgsGraduatedSymbolRenderer)
    assert renderer.classAttribute() == "height"
    assert [(r.lowerValue(), r.upperValue()) for r in renderer.ranges()][:4] == [
        (0, 24), (24, 50), (50, 100), (100, 250)]
    # A raster style does not go onto a vector layer.
    assert not apply_role_style(buildings, "flood-depth")
    flood = QgsRasterLayer("GPKG:{}:flood_depth_rp50".format(gpkg), "f", "gdal")
    assert apply_role_style(flood, "flood-depth")
    items = flood.renderer().shader().rasterShaderFunction().colorRampItemList()
    assert [round(i.value, 2) for i in items][:4] == [0.15, 0.30, 0.50, 1.00]


def test_offline_project_opens_relative_styled_and_grouped(qgis_app, tmp_path):
    folder = tmp_path / "package"
    folder.mkdir()
    gpkg, specs = make_package(folder)
    qgz = write_offline_project(folder / "xiangmihu.qgz", gpkg, specs, title="Xiangmihu review")
    assert qgz.exists() and not [p for p in folder.iterdir() if ".part" in p.name]

    # Paths are relative in the saved XML.
    with zipfile.ZipFile(qgz) as archive:
        qgs_name = next(n for n in archive.namelist() if n.endswith(".qgs"))
        qgs = archive.read(qgs_name).decode("utf-8")
    sources = [s for s in datasources_in(qgs) if s]
    assert len(sources) == 4
    assert all(str(folder) not in s and "./xiangmihu.gpkg" in s for s in sources), sources
    assert "http" not in "".join(sources)

    # Move the whole folder: the pair still opens.
    moved = tmp_path / "elsewhere" / "moved"
    shutil.move(str(folder), str(moved))
    project = read_project(moved / "xiangmihu.qgz")
    layers = by_name(project)
    assert set(layers) == {"Districts", "Buildings", "Roads", "Flood depth 1-in-50"}
    assert all(layer.isValid() for layer in layers.values())
    assert str(moved) in layers["Buildings"].source()
    assert layers["Buildings"].featureCount() == 6
    assert layers["Districts"].featureCount() == 1
    assert layers["Roads"].featureCount() == 1
    assert layers["Flood depth 1-in-50"].type() == QgsMapLayerType.RasterLayer

    # Styles by role are embedded in the project.
    renderer = layers["Buildings"].renderer()
    assert isinstance(renderer, QgsGraduatedSymbolRenderer) and renderer.classAttribute() == "height"
    assert isinstance(layers["Flood depth 1-in-50"].renderer(), QgsSingleBandPseudoColorRenderer)
    assert layers["Districts"].labelsEnabled()

    # CRS, title, groups, initial extent on the district.
    assert project.crs().authid() == "EPSG:4547"
    assert project.title() == "Xiangmihu review"
    root = project.layerTreeRoot()
    space = root.findGroup("Basic urban space")
    assert space is not None and space.findGroup("Buildings") is not None
    assert space.findGroup("Buildings").findLayer(layers["Buildings"].id()) is not None
    assert root.findGroup("Management objects").findGroup("Risk") is not None
    view = project.viewSettings().defaultViewExtent()
    district = layers["Districts"].extent()
    assert view.contains(district) and view.width() < district.width() * 1.3
    assert "<mapcanvas" in qgs
