"""Report maps rendered by QGIS: a print layout with the map, a legend of the layers shown,
a scale bar, a north arrow and a title, exported as PNG.

Works on any QgsProject (the report reads the district .qgz into its own), headless and
in a task thread: layout items and QgsLayoutExporter paint on a QImage, no widgets.
The side column (legend, north arrow, scale bar) sits beside the map, never over it, so
``MapImage.blank`` (the map area is one colour) tells that nothing was drawn.
"""

import math
import os
from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsCoordinateTransform,
    QgsCsException,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsMapLayerLegendUtils,
    QgsMapLayerType,
    QgsPrintLayout,
    QgsRectangle,
    QgsSimpleLegendNode,
    QgsTextFormat,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import QSize, Qt
from qgis.PyQt.QtGui import QColor, QImage

from ..core.offline_project import layer_table
from ..i18n import tr
from . import fonts

MM = QgsUnitTypes.LayoutMillimeters
TITLE_MM = 7.0
GAP_MM = 2.0
SIDE_MM = 46.0          # legend column
SIDE_BARE_MM = 32.0     # column with only the north arrow and the scale bar
ARROW_MM = 10.0
BOTTOM_MM = 11.0        # the strip with the north arrow and the scale bar
LEGEND_STEPS = ((1, 1.0), (1, 0.85), (2, 0.85), (2, 0.72))  # (columns, type scale)


@dataclass
class MapImage:
    path: Path
    blank: bool
    layer_names: list = field(default_factory=list)


def north_arrow_svg():
    """QGIS's own north arrow SVG (in every QGIS 3 install), or '' when none is found."""
    for folder in QgsApplication.svgPaths():
        for name in ("NorthArrow_02.svg", "NorthArrow_01.svg"):
            path = Path(folder) / "arrows" / name
            if path.is_file():
                return str(path)
    return ""


def combined_extent(project, layers):
    """The layers' extents in the project CRS, combined (empty when none has features)."""
    extent = QgsRectangle()
    crs = project.crs()
    for layer in layers:
        rect = layer.extent()
        if rect.isNull():  # no features
            continue
        if layer.crs() != crs:
            try:
                rect = QgsCoordinateTransform(layer.crs(), crs, project).transformBoundingBox(rect)
            except QgsCsException:
                continue
        if not rect.isNull():
            extent.combineExtentWith(rect)
    return extent


def _padded(extent):
    if extent.isNull():
        return extent
    pad = max(extent.width(), extent.height()) * 0.04 or 50.0  # a single point: 100 m across
    return extent.buffered(pad)


def _fitted(extent, aspect):
    """``extent`` widened on one side to the width / height ratio ``aspect``."""
    width, height = extent.width(), extent.height()
    if width / max(height, 1e-9) < aspect:
        width = height * aspect
    else:
        height = width / aspect
    centre = extent.center()
    return QgsRectangle(centre.x() - width / 2, centre.y() - height / 2,
                        centre.x() + width / 2, centre.y() + height / 2)


def _text_format(size_pt, bold=False):
    text = QgsTextFormat()
    text.setFont(fonts.font([fonts.image_family()], size_pt, bold))
    text.setSize(size_pt)
    text.setSizeUnit(QgsUnitTypes.RenderPoints)
    text.setColor(QColor("#222222"))
    return text


def _place(item, x, y, w=None, h=None):
    item.attemptMove(QgsLayoutPoint(x, y, MM))
    if w is not None:
        item.attemptResize(QgsLayoutSize(w, h, MM))


def _title(layout, text, width):
    label = QgsLayoutItemLabel(layout)
    label.setText(text)
    label.setFont(fonts.font([fonts.image_family()], 10.5, bold=True))
    label.setFontColor(QColor("#222222"))
    label.setVAlign(Qt.AlignVCenter)
    layout.addLayoutItem(label)
    _place(label, 0, 0, width, TITLE_MM)


def _map_item(layout, project, layers, extent, rect):
    item = QgsLayoutItemMap(layout)
    layout.addLayoutItem(item)
    _place(item, *rect)
    item.setCrs(project.crs())
    item.setLayers(list(layers))
    item.setKeepLayerSet(True)
    item.setBackgroundColor(QColor("#ffffff"))
    item.setFrameEnabled(True)
    item.setFrameStrokeColor(QColor("#666666"))
    if not extent.isNull():
        item.setExtent(_fitted(extent, rect[2] / rect[3]))
        _place(item, *rect)  # setExtent resizes the item to the extent's shape
    return item


def _without_band_names(model, root):
    """Rasters' legends without their "Band 1: Height" line (the layer name says it)."""
    for node in root.findLayers():
        if node.layer().type() != QgsMapLayerType.RasterLayer:
            continue
        nodes = model.layerOriginalLegendNodes(node)
        keep = [i for i, item in enumerate(nodes) if not isinstance(item, QgsSimpleLegendNode)]
        if keep and len(keep) < len(nodes):
            QgsMapLayerLegendUtils.setLegendNodeOrder(node, keep)
            model.refreshLayerLegend(node)


def _legend(layout, map_item, layers, rect):
    """The legend of ``layers`` at rect's corner, (x, y, max width, max height): smaller
    type, then two columns, when it does not fit."""
    legend = QgsLayoutItemLegend(layout)
    layout.addLayoutItem(legend)
    legend.setTitle(tr("Legend"))
    legend.setAutoUpdateModel(False)  # the legend's own copy of the layer tree, owned by it
    root = legend.model().rootGroup()
    root.removeAllChildren()
    for layer in layers:  # top first, as drawn
        root.addLayer(layer)
    _without_band_names(legend.model(), root)
    legend.setLinkedMap(map_item)
    legend.setLegendFilterByMapEnabled(True)  # only the classes visible in the map
    legend.setWmsLegendWidth(20)
    legend.setWrapString("\n")
    legend.setFrameEnabled(False)
    legend.setBackgroundEnabled(False)
    legend.setResizeToContents(True)
    _place(legend, rect[0], rect[1])
    for columns, scale in LEGEND_STEPS:  # the first that fits
        _style(legend, scale)
        legend.setColumnCount(columns)
        legend.setSplitLayer(columns > 1)
        _measure(legend)
        size = legend.sizeWithUnits()
        if size.height() <= rect[3] and size.width() <= rect[2]:
            break
    return legend


def _style(legend, scale):
    family = [fonts.image_family()]
    legend.setStyleFont(QgsLegendStyle.Title, fonts.font(family, 9 * scale, True))
    legend.setStyleFont(QgsLegendStyle.Subgroup, fonts.font(family, 7.5 * scale, True))
    legend.setStyleFont(QgsLegendStyle.SymbolLabel, fonts.font(family, 7 * scale))
    legend.setSymbolWidth(5 * scale)
    legend.setSymbolHeight(3.5 * scale)
    for style in (QgsLegendStyle.Subgroup, QgsLegendStyle.Symbol):
        legend.rstyle(style).setMargin(QgsLegendStyle.Top, 2.0 * scale)


def _measure(legend):
    """Size the legend to its contents. A legend learns the DPI and applies its map
    filter only when painted: paint the page once, small, first."""
    QgsLayoutExporter(legend.layout()).renderPageToImage(0, QSize(), 25)
    legend.adjustBoxSize()


def nice_segment(width_m, target_fraction=0.25):
    """The largest round length (1, 2, 2.5, 5 × 10^k m) up to a fraction of ``width_m``."""
    raw = max(width_m * target_fraction, 1e-6)
    mag = 10 ** math.floor(math.log10(raw))
    return max(m * mag for m in (1, 2, 2.5, 5) if m * mag <= raw)


def _scale_bar(layout, map_item, x, y, width):
    bar = QgsLayoutItemScaleBar(layout)
    layout.addLayoutItem(bar)
    bar.setLinkedMap(map_item)
    bar.setStyle("Single Box")
    # Segments for about two-thirds of the column, in m or km.
    metres_per_mm = map_item.extent().width() / max(map_item.rect().width(), 1e-9)
    segment = nice_segment(metres_per_mm * (width - 6.0) / 2, 1.0)  # room for the unit
    kilometres = segment >= 1000
    bar.setUnits(QgsUnitTypes.DistanceKilometers if kilometres
                 else QgsUnitTypes.DistanceMeters)
    bar.setUnitLabel(tr("km") if kilometres else tr("m"))
    bar.setMapUnitsPerScaleBarUnit(1.0)  # the bar converts map units to its own units
    bar.setUnitsPerSegment(segment / 1000.0 if kilometres else segment)
    bar.setNumberOfSegments(2)
    bar.setNumberOfSegmentsLeft(0)
    bar.setHeight(2.0)
    bar.setTextFormat(_text_format(7))
    bar.setBackgroundEnabled(False)
    bar.setFrameEnabled(False)
    _place(bar, x, y)
    bar.update()
    return bar


def _north_arrow(layout, map_item, x, y, width):
    svg = north_arrow_svg()
    if not svg:
        return None
    arrow = QgsLayoutItemPicture(layout)
    layout.addLayoutItem(arrow)
    arrow.setPicturePath(svg)
    arrow.setLinkedMap(map_item)  # turns with the map; QGIS's grid north
    arrow.setResizeMode(QgsLayoutItemPicture.Zoom)
    _place(arrow, x, y, width, ARROW_MM)
    return arrow


def _build_layout(project, layers, title, extent, size_mm, legend):
    """Title on top; the map on the left; the side column holds the legend, then the north
    arrow beside the scale bar at the bottom. The column widens for a two-column legend."""
    width, height = size_mm
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.pageCollection().page(0).setPageSize(QgsLayoutSize(width, height, MM))
    top = TITLE_MM + GAP_MM / 2 if title else 0.0
    if title:
        _title(layout, title, width)
    side = SIDE_MM if legend else SIDE_BARE_MM
    map_rect = (0.0, top, width - side - GAP_MM, height - top)
    map_item = _map_item(layout, project, layers, extent, map_rect)
    if legend:
        room = height - top - BOTTOM_MM - GAP_MM
        widest = width * 0.45
        item = _legend(layout, map_item, layers, (map_rect[2] + GAP_MM, top, widest, room))
        wanted = min(item.sizeWithUnits().width() + 1.0, widest)
        if wanted > side:  # a wider column, the map narrower, its extent fitted again
            side = wanted
            map_rect = (0.0, top, width - side - GAP_MM, height - top)
            _place(map_item, *map_rect)
            if not extent.isNull():
                map_item.setExtent(_fitted(extent, map_rect[2] / map_rect[3]))
                _place(map_item, *map_rect)
            _place(item, map_rect[2] + GAP_MM, top)
            item.updateFilterByMap(False)
    side_x = map_rect[2] + GAP_MM
    arrow_w = ARROW_MM * 0.6
    if legend:  # the arrow beside the scale bar, under the legend
        _north_arrow(layout, map_item, side_x, height - ARROW_MM, arrow_w)
        bar_x = side_x + arrow_w + GAP_MM
    else:  # a narrow column: the arrow above the scale bar
        _north_arrow(layout, map_item, side_x + 1.0, height - BOTTOM_MM - ARROW_MM, arrow_w)
        bar_x = side_x
    _scale_bar(layout, map_item, bar_x, height - BOTTOM_MM + 1.0, width - bar_x - 1.0)
    return layout, map_item, map_rect


def _is_blank(png, map_rect, dpi):
    """True when the inside of the map frame is one colour."""
    image = QImage(str(png))
    if image.isNull():
        return True
    px = dpi / 25.4
    inset = 1.0  # mm: keep the frame out
    x0, y0 = int((map_rect[0] + inset) * px), int((map_rect[1] + inset) * px)
    x1 = min(int((map_rect[0] + map_rect[2] - inset) * px), image.width())
    y1 = min(int((map_rect[1] + map_rect[3] - inset) * px), image.height())
    first = image.pixel(x0, y0)
    step = max(1, int(px / 3))  # ~0.3 mm: thinner features than that are not a map
    return all(image.pixel(x, y) == first
               for y in range(y0, y1, step) for x in range(x0, x1, step))


def _export(layout, path, settings):
    from osgeo import gdal

    # The exporter always tries to georeference the first page's image through GDAL,
    # which cannot update a PNG: keep that error (harmless) out of the log.
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        return QgsLayoutExporter(layout).exportToImage(str(path), settings)
    finally:
        gdal.PopErrorHandler()


def render_map(project, layers, out_png, title, extent=None, size_mm=(170, 110), dpi=150,
               legend=True):
    """Render ``layers`` (QgsMapLayers of ``project``, first drawn on top) to ``out_png``.

    ``extent``: a QgsRectangle in the project CRS; default the layers' combined extent,
    padded. ``title`` is shown as given (translate and escape nothing: it is drawn, not
    parsed). Returns MapImage(path, blank, layer_names); blank is True when the map area
    came out a single colour (no features there, or nothing drawn)."""
    out_png = Path(out_png)
    out_png.parent.mkdir(parents=True, exist_ok=True)
    layers = [layer for layer in layers if layer is not None and layer.isValid()]
    if extent is None:
        extent = _padded(combined_extent(project, layers))
    layout, _map, map_rect = _build_layout(project, layers, title, extent, size_mm, legend)
    settings = QgsLayoutExporter.ImageExportSettings()
    settings.dpi = dpi
    settings.generateWorldFile = False
    settings.exportMetadata = False  # else GDAL tries to georeference the PNG in place
    temp = out_png.with_name(".{}.part.png".format(out_png.stem))
    try:
        result = _export(layout, temp, settings)
        if result != QgsLayoutExporter.Success or not temp.is_file():
            raise OSError(tr("QGIS could not export the map {}.").format(out_png.name))
        blank = extent.isNull() or not layers or _is_blank(temp, map_rect, dpi)
        os.replace(temp, out_png)
    finally:
        if temp.exists():
            temp.unlink()
    return MapImage(out_png, blank, [layer.name() for layer in layers])


def project_layers(project, tables):
    """The project's layers reading the GeoPackage ``tables``, in that order; a table the
    project lacks is left out (the caller says so in the report)."""
    by_table = {}
    for layer in project.mapLayers().values():
        by_table.setdefault(layer_table(layer), layer)
    return [by_table[table] for table in tables if table in by_table]
