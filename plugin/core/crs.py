"""CRS identifiers and axis order for OGC API - Features (Part 1 and Part 2).

OGC APIs name a CRS by URI, and a URI means the axis order of the CRS definition:
EPSG:4490 is (lat, lon) and EPSG:4547 is (northing, easting). GeoJSON consumers,
QGIS geometries and our analyses want (x, y) = (lon, lat) / (easting, northing),
so coordinates received in such a CRS are swapped once, here, on arrival.
"""

import re
from functools import lru_cache

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProject,
    QgsRectangle,
)

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
CRS84H = "http://www.opengis.net/def/crs/OGC/0/CRS84h"
# Servers spell CRS84 in several ways; all mean lon/lat WGS 84.
_CRS84_ALIASES = {
    CRS84,
    CRS84H,
    "http://www.opengis.net/def/crs/OGC/0/CRS84",
    "urn:ogc:def:crs:OGC:1.3:CRS84",
    "urn:ogc:def:crs:OGC::CRS84",
    "OGC:CRS84",
    "CRS84",
}

_URI_RE = re.compile(r"^https?://www\.opengis\.net/def/crs/(\w+)/[^/]+/(\w+)$", re.I)
_URN_RE = re.compile(r"^urn:ogc:def:crs:(\w+):[^:]*:(\w+)$", re.I)


def is_crs84(uri_or_authid):
    return bool(uri_or_authid) and uri_or_authid.strip("<> ").rstrip("/") in _CRS84_ALIASES


def crs_uri(authid):
    """'EPSG:4547' -> 'http://www.opengis.net/def/crs/EPSG/0/4547'; CRS84 -> its URI."""
    if is_crs84(authid):
        return CRS84
    if _URI_RE.match(authid or ""):
        return authid
    auth, _, code = (authid or "").partition(":")
    if not code:
        raise ValueError("not an authority:code CRS id: {!r}".format(authid))
    return "http://www.opengis.net/def/crs/{}/0/{}".format(auth.upper(), code)


def authid_from_uri(uri):
    """'http://www.opengis.net/def/crs/EPSG/0/4547' (or a URN, or '<...>') -> 'EPSG:4547'."""
    uri = (uri or "").strip().strip("<>").strip()
    if is_crs84(uri):
        return "OGC:CRS84"
    match = _URI_RE.match(uri) or _URN_RE.match(uri)
    if match:
        return "{}:{}".format(match.group(1).upper(), match.group(2))
    if re.match(r"^\w+:\w+$", uri):
        return uri.upper()
    return None


@lru_cache(maxsize=64)
def axis_inverted(uri):
    """True when coordinates in this CRS *URI* come northing/lat first.

    QGIS knows each CRS's defined axis order (hasAxisInverted); the URI form uses it,
    while CRS84 is lon/lat by definition.
    """
    uri = (uri or "").strip().strip("<>")
    if not uri or is_crs84(uri):
        return False
    crs = QgsCoordinateReferenceSystem.fromOgcWmsCrs(uri)
    return crs.isValid() and crs.hasAxisInverted()


def _swap(coords):
    # A position is a list of numbers; anything deeper is a list of positions/rings.
    if coords and isinstance(coords[0], (int, float)):
        return [coords[1], coords[0], *coords[2:]]
    return [_swap(c) for c in coords]


def normalise_axes(geometry, uri=None):
    """Return a copy of a GeoJSON geometry with the first two ordinates swapped.

    With ``uri`` given, swap only if that CRS URI is northing/lat first.
    """
    if geometry is None or (uri is not None and not axis_inverted(uri)):
        return geometry
    out = dict(geometry)
    if geometry.get("type") == "GeometryCollection":
        out["geometries"] = [normalise_axes(g) for g in geometry.get("geometries", [])]
    elif "coordinates" in geometry:
        out["coordinates"] = _swap(geometry["coordinates"])
    return out


def swap_bbox(bbox):
    """Swap axis order of a 2D (4 numbers) or 3D (6 numbers) bbox."""
    bbox = list(bbox)
    n = len(bbox) // 2
    lo, hi = bbox[:n], bbox[n:]
    return _swap(lo) + _swap(hi)


def qgs_crs(authid_or_uri):
    """A QgsCoordinateReferenceSystem from 'EPSG:4547', 'OGC:CRS84' or an OGC URI."""
    if is_crs84(authid_or_uri):
        return QgsCoordinateReferenceSystem("OGC:CRS84")
    text = authid_or_uri.strip("<>")
    crs = QgsCoordinateReferenceSystem(text)
    if not crs.isValid():
        crs = QgsCoordinateReferenceSystem.fromOgcWmsCrs(text)
    return crs


def transform_bbox(bbox, src, dst):
    """Envelope of an (x, y) bbox moved from CRS ``src`` to ``dst`` (x/y order both)."""
    xform = QgsCoordinateTransform(qgs_crs(src), qgs_crs(dst), QgsProject.instance())
    rect = xform.transformBoundingBox(QgsRectangle(*bbox[:4]))
    return (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum())
