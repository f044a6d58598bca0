"""Coordinate helpers: the generator works in EPSG:4547 metres and stores vectors in
EPSG:4326 (lon, lat order), so everything goes through these two transforms."""

import numpy as np
import shapely
from osgeo import osr

osr.UseExceptions()

METRIC_EPSG = 4547  # CGCS2000 / 3-degree Gauss-Kruger CM 114E
GEO_EPSG = 4326


def _srs(epsg):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    # Without this GDAL 3 uses the authority axis order (lat, lon for 4326).
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


GEO_SRS = _srs(GEO_EPSG)
METRIC_SRS = _srs(METRIC_EPSG)
_TO_METRIC = osr.CoordinateTransformation(GEO_SRS, METRIC_SRS)
_TO_GEO = osr.CoordinateTransformation(METRIC_SRS, GEO_SRS)


def _transform_array(ct, xy):
    xy = np.asarray(xy, dtype=float)
    if len(xy) == 0:
        return xy.reshape(0, 2)
    out = np.array(ct.TransformPoints(xy[:, :2].tolist()))
    return out[:, :2]


def lonlat_to_metric(xy):
    return _transform_array(_TO_METRIC, xy)


def metric_to_lonlat(xy):
    return _transform_array(_TO_GEO, xy)


def geoms_to_lonlat(geoms):
    """Shapely geometries (array or single) from EPSG:4547 to lon/lat, one batch call."""
    return shapely.transform(geoms, metric_to_lonlat)


def geoms_to_metric(geoms):
    return shapely.transform(geoms, lonlat_to_metric)


def polygon_from_lonlat(vertices):
    return shapely.Polygon(lonlat_to_metric(vertices))


def point_from_lonlat(lon, lat):
    x, y = lonlat_to_metric([(lon, lat)])[0]
    return shapely.Point(x, y)
