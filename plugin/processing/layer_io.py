"""QGIS feature sources ⇄ GeoDataFrames for the Processing algorithms.

Geometries travel as WKB (QgsGeometry.asWkb → shapely.from_wkb, and back), which keeps
the kernels free of QGIS and costs one copy per feature. numpy / shapely / geopandas are
imported inside the functions: the provider imports this module when the plugin loads,
and loading must stay cheap (and must not fail where shapely 2 is missing).
"""

import math
from dataclasses import dataclass

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QTime, QVariant

from ..i18n import tr

DEFAULT_CRS = "EPSG:4547"


def require_geo_stack():
    """Refuse, in one sentence, to run where QGIS's Python lacks shapely / geopandas.
    Shapely 1.8 with geopandas 0.12 (Debian 12's packages) is enough: see analysis/geos.py."""
    try:
        import geopandas  # noqa: F401
        import shapely  # noqa: F401
    except ImportError as error:
        raise QgsProcessingException(tr(
            "This tool needs the Python packages shapely and geopandas in QGIS's Python "
            "(on Debian or Ubuntu: the python3-geopandas package); {}.").format(error)
        ) from error


@dataclass
class ReadInfo:
    """What happened while reading one source, for the algorithm's log."""

    features: int = 0
    transformed: bool = False
    transform_failures: int = 0
    repaired: int = 0
    unusable: int = 0


def metric_crs(crs):
    """The analysis CRS as QgsCoordinateReferenceSystem; refuse one not in metres."""
    if not isinstance(crs, QgsCoordinateReferenceSystem):
        crs = QgsCoordinateReferenceSystem(str(crs or DEFAULT_CRS))
    if not crs.isValid():
        raise QgsProcessingException(tr("The analysis CRS is not valid."))
    if crs.isGeographic() or crs.mapUnits() != QgsUnitTypes.DistanceMeters:
        raise QgsProcessingException(
            tr("The analysis CRS {} is not in metres; choose a projected CRS such as "
               "EPSG:4547.").format(crs.authid() or crs.description()))
    return crs


def _python_value(value):
    """QVariant NULL → None and Qt date/time types → ISO strings; the rest as is."""
    if value is None:
        return None
    if isinstance(value, QVariant):
        return None if value.isNull() else value.value()
    if isinstance(value, (QDate, QDateTime, QTime)):
        return value.toString("yyyy-MM-ddTHH:mm:ss" if isinstance(value, QDateTime)
                              else ("yyyy-MM-dd" if isinstance(value, QDate) else "HH:mm:ss"))
    return value


def source_to_gdf(source, target_crs, context, feedback=None, label="", kind="polygon",
                  fields=None, drop_unusable=True, progress_range=(0.0, 100.0)):
    """Read a QgsFeatureSource (or vector layer) into a GeoDataFrame in ``target_crs``.

    Returns (GeoDataFrame indexed by feature id, ReadInfo). ``kind`` "polygon" drops
    what has no area after repair; "any" keeps points and lines. ``fields`` limits the
    attributes read (None: all). ``drop_unusable`` False keeps rows whose geometry is
    null or unusable (as None), e.g. districts, which must all reach the output.
    Cancelling through feedback stops the read early and returns what was read so far;
    the caller checks feedback.isCanceled().
    """
    import geopandas as gpd
    import numpy as np
    import pandas as pd

    from ..analysis import geos
    from ..analysis.geometry import repair

    target = metric_crs(target_crs)
    info = ReadInfo()
    source_crs = source.sourceCrs() if hasattr(source, "sourceCrs") else source.crs()
    transform = None
    if source_crs.isValid() and source_crs != target:
        transform = QgsCoordinateTransform(source_crs, target, context.transformContext())
        info.transformed = True
        if feedback is not None:
            feedback.pushInfo(tr("{}: transforming from {} to {} for metric analysis.").format(
                label, source_crs.authid() or source_crs.description(), target.authid()))
    elif not source_crs.isValid() and feedback is not None:
        feedback.pushWarning(tr("{}: the layer has no CRS; assuming {}.").format(
            label, target.authid()))

    all_names = source.fields().names()
    names = [n for n in all_names if fields is None or n in fields]
    request = QgsFeatureRequest()
    if fields is not None:
        request.setSubsetOfAttributes(names, source.fields())
    total = source.featureCount()
    start, end = progress_range
    step = (end - start) / total if total and total > 0 else 0.0
    fids, wkbs, columns = [], [], {n: [] for n in names}
    positions = [all_names.index(n) for n in names]
    if isinstance(source, QgsProcessingFeatureSource):
        # The kernels repair invalid geometries and count them. Processing's own validity
        # check (on by default) raises from inside this loop, which on QGIS 3.22 leaves
        # its Python state broken: the next algorithm run segfaults.
        features = source.getFeatures(request,
                                      QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks)
    else:
        features = source.getFeatures(request)
    for i, feature in enumerate(features):
        if feedback is not None and feedback.isCanceled():
            break
        geom = feature.geometry()
        wkb = None
        if geom is not None and not geom.isNull():
            if transform is not None:
                geom = QgsGeometry(geom)
                try:
                    geom.transform(transform)
                except QgsCsException:
                    info.transform_failures += 1
                    geom = None
            if geom is not None:
                wkb = bytes(geom.asWkb())
        fids.append(feature.id())
        wkbs.append(wkb)
        attrs = feature.attributes()
        for n, p in zip(names, positions):
            columns[n].append(_python_value(attrs[p]))
        if feedback is not None and step and i % 1000 == 0:
            feedback.setProgress(start + i * step)
    info.features = len(fids)

    geoms = geos.from_wkb(np.array(wkbs, dtype=object), on_invalid="ignore")
    geoms = geos.force_2d(geoms)  # areas and distances are planar; Z would only get in the way
    rep = repair(geoms, kind=kind)
    info.repaired, info.unusable = rep.repaired, rep.unusable
    if feedback is not None:
        if info.transform_failures:
            feedback.pushWarning(tr("{}: {} features could not be transformed and were "
                                    "skipped.").format(label, info.transform_failures))
        if rep.repaired:
            feedback.pushInfo(tr("{}: {} invalid geometries were repaired.").format(
                label, rep.repaired))
        if rep.unusable and drop_unusable:
            feedback.pushWarning(tr("{}: {} features without usable geometry are left "
                                    "out.").format(label, rep.unusable))
    crs = target.authid() or target.toWkt(QgsCoordinateReferenceSystem.WKT_PREFERRED)
    frame = gpd.GeoDataFrame(columns, geometry=rep.geometries, crs=crs,
                             index=pd.Index(np.array(fids, dtype=np.int64), name="fid"))
    if drop_unusable and rep.unusable:
        frame = frame[rep.usable]
    return frame, info


def to_qgs_geometry(geom):
    """shapely → QgsGeometry (empty QgsGeometry for None)."""
    from ..analysis import geos

    out = QgsGeometry()
    if geom is not None:
        # 2D, explicitly: shapely 2.1 defaults to 4 dimensions, which an older GEOS
        # loaded by QGIS itself (Debian 12: 3.11) refuses.
        out.fromWkb(geos.to_wkb(geom, output_dimension=2))
    return out


def qvariant_type(series):
    """The QGIS field type for a pandas column."""
    kind = series.dtype.kind
    if kind in "iub":
        big = len(series) and abs(series.astype("int64")).max() >= 2**31
        return QVariant.LongLong if big else QVariant.Int
    if kind == "f":
        return QVariant.Double
    return QVariant.String


def python_value(v):
    """numpy scalars → Python, NaN → NULL (None)."""
    if v is None:
        return None
    if hasattr(v, "item"):  # numpy scalar
        v = v.item()
    if isinstance(v, float) and not math.isfinite(v):
        return None
    return v
