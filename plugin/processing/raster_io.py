"""QGIS raster layers → numpy depth arrays on a north-up grid in the analysis CRS.

Only the window covering the inputs' extent is read, so memory stays bounded by the
district, not by the raster. A raster already in the analysis CRS (north-up) is read as
is, cell for cell; any other is warped by GDAL in memory (nearest neighbour, so depths are
never blended) onto a grid of about the same cell size in the analysis CRS.

Cells outside the raster are np.nan (no data: unknown). Nodata cells inside the raster
are dry (0 m) by default, as flood models write cells below their minimum depth as
nodata; with ``nodata_is_dry`` False they are np.nan too.

numpy and GDAL are imported inside the functions (the provider imports this module when
the plugin loads).
"""

import math
from dataclasses import dataclass

from qgis.core import (
    QgsCoordinateTransform,
    QgsProcessingException,
    QgsRectangle,
)

from ..i18n import tr

# A window larger than this many cells is refused: at 8 bytes a cell, 400 MB.
MAX_CELLS = 50_000_000


@dataclass
class RasterRead:
    depth: object          # 2-D float64 array, np.nan = no data
    grid: object           # analysis.zonal.Grid in the analysis CRS
    warped: bool = False   # True when GDAL reprojected the raster
    source_crs: str = ""


def gdal_source(layer):
    """The string GDAL opens for a raster layer: a GeoTIFF path, or GPKG:path:table."""
    if layer.providerType() != "gdal":
        raise QgsProcessingException(tr(
            "The raster layer {} is not a file GDAL can read (provider {}).").format(
                layer.name(), layer.providerType()))
    return layer.source()


def _open(layer):
    from osgeo import gdal

    source = gdal_source(layer)
    gdal.UseExceptions()
    try:
        ds = gdal.Open(source)
    except RuntimeError as error:
        raise QgsProcessingException(tr("The raster {} cannot be opened: {}.").format(
            layer.name(), str(error).strip().rstrip("."))) from error
    if ds is None or ds.RasterCount < 1:
        raise QgsProcessingException(tr("The raster {} has no band to read.").format(
            layer.name()))
    return ds


def _to_array(band_values, nodata, nodata_is_dry, outside=None):
    """float64 array: nodata → 0 or nan, non-finite → nan, ``outside`` mask → nan."""
    import numpy as np

    depth = np.asarray(band_values, dtype=np.float64)
    if nodata is not None and not math.isnan(nodata):
        hole = depth == nodata
    else:
        hole = np.isnan(depth)
    if outside is not None:
        hole &= ~outside
    depth[hole] = 0.0 if nodata_is_dry else np.nan
    depth[~np.isfinite(depth) & ~hole] = np.nan
    if outside is not None:
        depth[outside] = np.nan
    return depth


def _check_size(layer, width, height):
    if width * height > MAX_CELLS:
        raise QgsProcessingException(tr(
            "The part of raster {} covering the inputs has {} × {} cells, more than this "
            "tool reads at once; clip the inputs to a smaller area.").format(
                layer.name(), width, height))


def read_depth(layer, extent, crs, context, nodata_is_dry=True, margin_cells=2):
    """Read ``layer`` (QgsRasterLayer) over ``extent`` (xmin, ymin, xmax, ymax in ``crs``,
    the analysis CRS) into a RasterRead. The window is padded by ``margin_cells``."""
    from ..analysis.zonal import Grid

    ds = _open(layer)
    raster_crs = layer.crs()
    gt = ds.GetGeoTransform()
    north_up = gt[2] == 0 and gt[4] == 0 and gt[1] > 0 and gt[5] < 0
    same = (not raster_crs.isValid()) or raster_crs == crs
    if same and north_up:
        return _read_window(layer, ds, gt, extent, nodata_is_dry, margin_cells, Grid)
    return _warp_window(layer, ds, extent, crs, context, nodata_is_dry, margin_cells, Grid)


def _read_window(layer, ds, gt, extent, nodata_is_dry, margin, Grid):  # noqa: N803
    import numpy as np

    xmin, ymin, xmax, ymax = extent
    dx, dy = gt[1], -gt[5]
    col0 = max(math.floor((xmin - gt[0]) / dx) - margin, 0)
    col1 = min(math.ceil((xmax - gt[0]) / dx) + margin, ds.RasterXSize)
    row0 = max(math.floor((gt[3] - ymax) / dy) - margin, 0)
    row1 = min(math.ceil((gt[3] - ymin) / dy) + margin, ds.RasterYSize)
    if col1 <= col0 or row1 <= row0:
        # No overlap: one cell of no data where the inputs are, so every feature is
        # reported as outside the raster.
        grid = Grid(x0=float(xmin), y0=float(ymax), dx=float(dx), dy=float(dy),
                    width=1, height=1)
        return RasterRead(np.full((1, 1), np.nan), grid, False, layer.crs().authid())
    width, height = col1 - col0, row1 - row0
    _check_size(layer, width, height)
    band = ds.GetRasterBand(1)
    values = band.ReadAsArray(col0, row0, width, height)
    depth = _to_array(values, band.GetNoDataValue(), nodata_is_dry)
    grid = Grid(x0=gt[0] + col0 * dx, y0=gt[3] - row0 * dy, dx=float(dx), dy=float(dy),
                width=int(width), height=int(height))
    return RasterRead(depth, grid, False, layer.crs().authid())


def _cell_size(layer, crs, context):
    """About the raster's cell size, in metres of the analysis CRS."""
    transform = QgsCoordinateTransform(layer.crs(), crs, context.transformContext())
    rect = transform.transformBoundingBox(layer.extent())
    cells = max(layer.width() * layer.height(), 1)
    size = math.sqrt(rect.width() * rect.height() / cells)
    if not math.isfinite(size) or size <= 0:
        raise QgsProcessingException(tr(
            "The raster {} cannot be transformed to the analysis CRS.").format(layer.name()))
    return size


def _warp_window(layer, ds, extent, crs, context, nodata_is_dry, margin, Grid):  # noqa: N803
    from osgeo import gdal

    size = _cell_size(layer, crs, context)
    xmin, ymin, xmax, ymax = extent
    # Snap the window to whole cells of the chosen size.
    x0 = math.floor(xmin / size) * size - margin * size
    y1 = math.ceil(ymax / size) * size + margin * size
    width = math.ceil((xmax - x0) / size) + margin
    height = math.ceil((y1 - ymin) / size) + margin
    _check_size(layer, width, height)
    band = ds.GetRasterBand(1)
    nodata = band.GetNoDataValue()
    # Nodata is warped as a value (nearest neighbour keeps it exact), so it stays apart
    # from the cells outside the raster, which get NaN.
    options = gdal.WarpOptions(
        format="MEM", dstSRS=crs.toWkt(), outputBounds=(x0, y1 - height * size,
                                                         x0 + width * size, y1),
        width=width, height=height, resampleAlg="near", srcNodata="None",
        dstNodata=float("nan"), outputType=gdal.GDT_Float64, multithread=False)
    try:
        out = gdal.Warp("", ds, options=options)
    except RuntimeError as error:
        raise QgsProcessingException(tr(
            "The raster {} cannot be transformed to the analysis CRS: {}.").format(
                layer.name(), str(error).strip().rstrip("."))) from error
    import numpy as np

    values = out.GetRasterBand(1).ReadAsArray()
    outside = np.isnan(values)
    depth = _to_array(values, nodata, nodata_is_dry, outside=outside)
    grid = Grid(x0=float(x0), y0=float(y1), dx=float(size), dy=float(size),
                width=int(width), height=int(height))
    return RasterRead(depth, grid, True, layer.crs().authid() or layer.crs().description())


def frames_extent(frames):
    """(xmin, ymin, xmax, ymax) of the non-empty GeoDataFrames, or None."""
    boxes = []
    for frame in frames:
        if frame is None or len(frame) == 0:
            continue
        geoms = frame.geometry
        geoms = geoms[geoms.notna()]
        if len(geoms) == 0:
            continue
        box = geoms.total_bounds
        if all(math.isfinite(v) for v in box):
            boxes.append(box)
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def layer_extent_in(layer, crs, context):
    """The raster layer's extent in ``crs`` as (xmin, ymin, xmax, ymax)."""
    rect = layer.extent()
    if layer.crs().isValid() and layer.crs() != crs:
        transform = QgsCoordinateTransform(layer.crs(), crs, context.transformContext())
        rect = transform.transformBoundingBox(QgsRectangle(rect))
    return rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()


def sample_raster(layer, xs, ys, crs, context):
    """Raster values at points (analysis CRS); NaN outside the raster or at nodata."""
    import numpy as np

    out = np.full(len(xs), np.nan)
    if not len(xs):
        return out
    extent = (float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))
    read = read_depth(layer, extent, crs, context, nodata_is_dry=False)
    g = read.grid
    col = np.floor((xs - g.x0) / g.dx).astype(int)
    row = np.floor((g.y0 - ys) / g.dy).astype(int)
    inside = (col >= 0) & (col < g.width) & (row >= 0) & (row < g.height)
    out[inside] = read.depth[row[inside], col[inside]]
    return out


def ground_from_dem(grounds, geometries, dem, crs, context):
    """Fill the missing (NaN) ground elevations of ``grounds`` in place with the DEM at
    each geometry's centroid (no DEM: left missing); the number that were missing."""
    import numpy as np

    missing = ~np.isfinite(grounds)
    if dem is not None and missing.any():
        centroids = [g.centroid for g in geometries[missing]]
        grounds[missing] = sample_raster(dem, np.array([p.x for p in centroids]),
                                         np.array([p.y for p in centroids]), crs, context)
    return int(missing.sum())
