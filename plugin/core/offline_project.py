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

from ..i18n import tr
from . import atomic, project_3d
from .errors import TwinServiceError
from .styles import apply_role_style, without_font_families
from .temporal import make_temporal


@dataclass
class LayerSpec:
    name: str                 # display name
    table: str                # layer / raster table in the GeoPackage
    role: str = ""
    category: str = ""        # layer-tree group (e.g. "Basic urban space")
    subcategory: str = ""     # sub-group (e.g. "Buildings")
    kind: str = "vector"      # vector | raster
    metadata: object = None   # QgsLayerMetadata (provenance), shown in Layer Properties
    hidden: bool = False      # starts unticked in the layer tree
    subset: str = ""          # a filter: e.g. one scheme's rows of a table shared by all


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


PROPERTY_SCOPE = "twin_district_review"


def write_offline_project(qgz_path, gpkg_path, layer_specs, crs="EPSG:4547", title=None,
                          extent=None, package=None):
    """Write a QGIS project ``qgz_path`` showing ``layer_specs`` from ``gpkg_path``.

    ``package``: the package GeoPackage's file name, recorded in the project so the
    "Package info" and "Refresh" actions find it.

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
    if package:
        project.writeEntry(PROPERTY_SCOPE, "package", package)

    root = project.layerTreeRoot()
    drawn = []  # (draw rank, layer): the tree is grouped by category, drawing is by rank
    by_role = {}  # role -> layers, for the 3D view
    view = QgsRectangle()
    districts = QgsRectangle()
    specs = [_spec(item) for item in layer_specs]
    floods = [spec.table for spec in specs if spec.role == "flood-depth"]
    schemes = [spec.table for spec in specs if spec.role == "scheme"]
    for spec in specs:
        layer = _package_layer(gpkg_path, spec)
        project.addMapLayer(layer, False)
        node = _group_for(root, spec).addLayer(layer)
        # Start readable: one flood scenario (the last given), one design scheme (they
        # overlap in 3D), no parcel hatching or observation stacks; the rest is one click
        # away in the layer tree.
        if spec.hidden or spec.role in HIDDEN_ROLES \
                or (spec.role == "flood-depth" and spec.table != floods[-1]) \
                or (spec.role == "scheme" and spec.table != schemes[0]):
            node.setItemVisibilityChecked(False)
        drawn.append((_draw_rank(layer, spec.role), len(drawn), layer))
        by_role.setdefault(spec.role, []).append(layer)
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
    project_3d.setup_3d(project, by_role, view)

    _write_atomically(project, qgz_path)
    return qgz_path


def _group_for(root, spec):
    """The category / subcategory group of ``spec`` under ``root``, made when missing."""
    group = root
    for label in (spec.category, spec.subcategory):
        if label:
            group = group.findGroup(label) or group.addGroup(label)
    return group


def _write_atomically(project, qgz_path):
    temp = atomic.temp_path_beside(qgz_path, ".qgz")
    try:
        # Relative paths are resolved against the file name given to write(): write to a
        # temporary name in the same folder, then rename.
        if not project.write(str(temp)):
            raise TwinServiceError(
                tr("Could not save the offline project {}.").format(qgz_path.name),
                detail=project.error())
        _strip_label_fonts(temp)
        atomic.replace_file(temp, qgz_path)
    finally:
        atomic.remove_file(temp)
        project.clear()


def _package_layer(gpkg_path, spec):
    """The layer of ``spec`` from the package, styled by role, with its provenance."""
    layer = _open_layer(gpkg_path, spec)
    if layer is None or not layer.isValid():
        raise TwinServiceError(
            tr("The layer {} is missing from the package.").format(spec.name),
            detail="{} table {}".format(gpkg_path, spec.table))
    apply_role_style(layer, spec.role)
    if spec.metadata is not None:
        layer.setMetadata(spec.metadata)
    if spec.role == "observations":  # the temporal controller animates the readings offline
        make_temporal(layer)
    return layer


def _open_layer(gpkg_path, spec):
    if spec.kind == "raster":
        return QgsRasterLayer("GPKG:{}:{}".format(gpkg_path, spec.table), spec.name, "gdal")
    layer = QgsVectorLayer("{}|layername={}".format(gpkg_path, spec.table), spec.name, "ogr")
    if spec.subset:
        layer.setSubsetString(spec.subset)
    return layer


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



def layer_table(layer):
    """The GeoPackage table a project layer reads ("path|layername=t" or "GPKG:path:t")."""
    source = layer.source()
    if "|layername=" in source:
        return source.split("|layername=", 1)[1].split("|", 1)[0]
    if source.startswith("GPKG:"):
        return source.rsplit(":", 1)[1]
    return None


def add_to_offline_project(qgz_path, gpkg_path, layer_specs, crs="EPSG:4547", package=None,
                           title=None):
    """Bring an offline project up to date with its package after a refresh: add the
    layers it lacks (new collections, the changes layer) on top, refresh the metadata
    of those it has, and keep everything else the user changed in it. Writes a new
    project when there is none (or it cannot be read)."""
    qgz_path = Path(qgz_path).resolve()
    gpkg_path = Path(gpkg_path).resolve()
    project = QgsProject()
    project_3d.keep_3d(project)  # else a headless read drops 3D renderers and views
    if not qgz_path.is_file() or not project.read(str(qgz_path)):
        return write_offline_project(qgz_path, gpkg_path, layer_specs, crs=crs, package=package,
                                     title=title)
    if title:
        project.setTitle(title)
    present = {(layer_table(layer), layer.subsetString() if hasattr(layer, "subsetString")
                else ""): layer for layer in project.mapLayers().values()}
    root = project.layerTreeRoot()
    added = []
    for spec in (_spec(item) for item in layer_specs):
        if (spec.table, spec.subset) in present:
            if spec.metadata is not None:
                present[(spec.table, spec.subset)].setMetadata(spec.metadata)
            continue
        layer = _package_layer(gpkg_path, spec)
        project.addMapLayer(layer, False)
        node = _group_for(root, spec).insertLayer(0, layer)
        if spec.hidden:
            node.setItemVisibilityChecked(False)
        added.append(layer)
    if root.hasCustomLayerOrder():
        order = [layer for layer in root.customLayerOrder() if layer not in added]
        root.setCustomLayerOrder(added + order)
    if package:
        project.writeEntry(PROPERTY_SCOPE, "package", package)
    _write_atomically(project, qgz_path)
    return qgz_path
