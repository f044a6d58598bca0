"""Offline district package: a .qgz beside its .gpkg, relative paths, styled by role.

The project references only the GeoPackage (no remote sources), so it opens with the
network off and keeps working when the folder is moved or copied.
"""

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsMapLayerType,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsReferencedRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)

from . import atomic
from .errors import TwinServiceError
from .styles import apply_role_style, without_font_families
from ..i18n import tr


@dataclass
class LayerSpec:
    name: str                 # display name
    table: str                # layer / raster table in the GeoPackage
    role: str = ""
    category: str = ""        # layer-tree group (e.g. "Basic urban space")
    subcategory: str = ""     # sub-group (e.g. "Buildings")
    kind: str = "vector"      # vector | raster


def _spec(item):
    if isinstance(item, LayerSpec):
        return item
    if isinstance(item, dict):
        return LayerSpec(**{k: item[k] for k in LayerSpec.__dataclass_fields__ if k in item})
    raise TypeError("layer spec must be a LayerSpec or dict")


def _strip_label_fonts(qgz):
    """Rewrite the .qgs inside ``qgz`` without label font names (see styles.py)."""
    with zipfile.ZipFile(qgz) as zf:
        entries = [(info, zf.read(info)) for info in zf.infolist()]
    with zipfile.ZipFile(qgz, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in entries:
            if info.filename.endswith(".qgs"):
                data = without_font_families(data.decode("utf-8")).encode("utf-8")
            zf.writestr(info, data)


HIDDEN_ROLES = ("parcels", "observations")
_BOTTOM_UP = ("dem", "flood-depth")  # rasters, lowest first


def _draw_rank(layer, role):
    """Lower ranks draw on top: points, lines, outlines, areas, flood depth, terrain."""
    if role in _BOTTOM_UP:
        return 10 - _BOTTOM_UP.index(role)
    if layer.type() != QgsMapLayerType.VectorLayer:
        return 7
    geometry = layer.geometryType()
    if geometry == QgsWkbTypes.PointGeometry:
        return 0
    if geometry == QgsWkbTypes.LineGeometry:
        return 1
    if role in ("districts", "height-control", "view-corridors"):
        return 2  # outlines and hatched zones over the buildings
    if role in ("green", "water", "parcels"):
        return 4
    return 3


def write_offline_project(qgz_path, gpkg_path, layer_specs, crs="EPSG:4547", title=None,
                          extent=None):
    """Write a QGIS project ``qgz_path`` showing ``layer_specs`` from ``gpkg_path``.

    ``extent`` (QgsRectangle in ``crs``, or (xmin, ymin, xmax, ymax)) sets the initial
    view; otherwise the districts layer's extent, else all layers'. Returns the Path.
    """
    qgz_path = Path(qgz_path).resolve()
    gpkg_path = Path(gpkg_path).resolve()
    if qgz_path.parent != gpkg_path.parent:
        raise TwinServiceError(
            tr("The project must be saved in the same folder as its GeoPackage."),
            detail="{} vs {}".format(qgz_path, gpkg_path))
    project_crs = QgsCoordinateReferenceSystem(crs)
    project = QgsProject()
    project.setFilePathStorage(Qgis.FilePathType.Relative)
    project.setCrs(project_crs)
    project.setTitle(title or gpkg_path.stem)

    root = project.layerTreeRoot()
    drawn = []  # (draw rank, layer): the tree is grouped by category, drawing is by rank
    view = QgsRectangle()
    districts = QgsRectangle()
    specs = [_spec(item) for item in layer_specs]
    floods = [spec.table for spec in specs if spec.role == "flood-depth"]
    for spec in specs:
        layer = _open_layer(gpkg_path, spec)
        if layer is None or not layer.isValid():
            raise TwinServiceError(
                tr("The layer {} is missing from the package.").format(spec.name),
                detail="{} table {}".format(gpkg_path, spec.table))
        apply_role_style(layer, spec.role)
        project.addMapLayer(layer, False)
        group = root
        for label in (spec.category, spec.subcategory):
            if label:
                group = group.findGroup(label) if group.findGroup(label) else group.addGroup(label)
        node = group.addLayer(layer)
        # Start readable: one flood scenario (the last given) and no parcel hatching or
        # observation stacks; the rest is one click away in the layer tree.
        if spec.role in HIDDEN_ROLES or (spec.role == "flood-depth" and spec.table != floods[-1]):
            node.setItemVisibilityChecked(False)
        drawn.append((_draw_rank(layer, spec.role), len(drawn), layer))
        layer_extent = _in_crs(layer, project_crs, project)
        view.combineExtentWith(layer_extent)
        if spec.role == "districts":
            districts.combineExtentWith(layer_extent)
    # Terrain at the bottom, flood depth over it, then areas, lines and points on top,
    # whatever category group each layer sits in.
    root.setHasCustomLayerOrder(True)
    root.setCustomLayerOrder([layer for _rank, _i, layer in sorted(drawn, key=lambda d: d[:2])])
    if extent is not None:
        view = extent if isinstance(extent, QgsRectangle) else QgsRectangle(*extent)
    elif not districts.isEmpty():
        view = districts
    if not view.isEmpty():
        view = view.buffered(max(view.width(), view.height()) * 0.05)
        project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(view, project_crs))
        _write_canvas_extent(project, view, project_crs)

    temp = atomic.temp_path_beside(qgz_path, ".qgz")
    try:
        # Relative paths are resolved against the file name given to write(): write to a
        # temporary name in the same folder, then rename.
        if not project.write(str(temp)):
            raise TwinServiceError(tr("Could not save the offline project {}.").format(qgz_path.name),
                                   detail=project.error())
        _strip_label_fonts(temp)
        atomic.replace_file(temp, qgz_path)
    finally:
        atomic.remove_file(temp)
        project.clear()
    return qgz_path


def _open_layer(gpkg_path, spec):
    if spec.kind == "raster":
        return QgsRasterLayer("GPKG:{}:{}".format(gpkg_path, spec.table), spec.name, "gdal")
    return QgsVectorLayer("{}|layername={}".format(gpkg_path, spec.table), spec.name, "ogr")


def _in_crs(layer, crs, project):
    extent = layer.extent()
    if layer.crs() == crs or extent.isEmpty():
        return extent
    try:
        return QgsCoordinateTransform(layer.crs(), crs, project).transformBoundingBox(extent)
    except QgsCsException:  # a layer outside the CRS's area: leave it out of the view
        return QgsRectangle()


def _write_canvas_extent(project, rect, crs):
    """QGIS desktop opens at the saved canvas state; with no canvas (headless writer)
    add the <mapcanvas> element it reads, holding the initial extent."""

    def add(doc):
        qgis = doc.documentElement()
        canvas = doc.createElement("mapcanvas")
        canvas.setAttribute("name", "theMapCanvas")
        units = doc.createElement("units")
        units.appendChild(doc.createTextNode("meters" if not crs.isGeographic() else "degrees"))
        canvas.appendChild(units)
        ext = doc.createElement("extent")
        for tag, value in (("xmin", rect.xMinimum()), ("ymin", rect.yMinimum()),
                           ("xmax", rect.xMaximum()), ("ymax", rect.yMaximum())):
            node = doc.createElement(tag)
            node.appendChild(doc.createTextNode(repr(value)))
            ext.appendChild(node)
        canvas.appendChild(ext)
        rotation = doc.createElement("rotation")
        rotation.appendChild(doc.createTextNode("0"))
        canvas.appendChild(rotation)
        dest = doc.createElement("destinationsrs")
        crs.writeXml(dest, doc)
        canvas.appendChild(dest)
        qgis.appendChild(canvas)

    project.writeProject.connect(add)
    return add


def datasources_in(qgs_text):
    """Data source strings of a .qgs document (for checks and diagnostics)."""
    return re.findall(r"<datasource>(.*?)</datasource>", qgs_text)

