"""Axis order of CRS URIs (Part 2) and a CRS84 ⇄ EPSG:4547 round trip."""

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject

from plugin.core.crs import (
    CRS84,
    authid_from_uri,
    axis_inverted,
    crs_uri,
    normalise_axes,
    swap_bbox,
    transform_bbox,
)

URI_4547 = "http://www.opengis.net/def/crs/EPSG/0/4547"
URI_4490 = "http://www.opengis.net/def/crs/EPSG/0/4490"


@pytest.mark.parametrize("uri, inverted", [
    (CRS84, False),
    ("http://www.opengis.net/def/crs/OGC/0/CRS84h", False),
    (URI_4547, True),      # northing first
    (URI_4490, True),      # lat first
    ("<" + URI_4547 + ">", True),   # as sent in a Content-Crs header
    ("urn:ogc:def:crs:EPSG::4490", True),
])
def test_axis_order_of_uris(uri, inverted):
    assert axis_inverted(uri) is inverted


def test_uri_and_authid_convert_both_ways():
    assert crs_uri("EPSG:4547") == URI_4547
    assert crs_uri("OGC:CRS84") == CRS84
    assert authid_from_uri(URI_4490) == "EPSG:4490"
    assert authid_from_uri("<" + CRS84 + ">") == "OGC:CRS84"
    assert authid_from_uri("urn:ogc:def:crs:EPSG::4547") == "EPSG:4547"


def test_normalise_axes_swaps_every_position_and_keeps_z():
    polygon = {"type": "MultiPolygon",
               "coordinates": [[[[1, 2, 9], [3, 4, 9], [5, 6, 9], [1, 2, 9]]]]}
    assert normalise_axes(polygon)["coordinates"] == [
        [[[2, 1, 9], [4, 3, 9], [6, 5, 9], [2, 1, 9]]]]
    collection = {"type": "GeometryCollection",
                  "geometries": [{"type": "Point", "coordinates": [1, 2]}]}
    assert normalise_axes(collection)["geometries"][0]["coordinates"] == [2, 1]
    assert polygon["coordinates"][0][0][0] == [1, 2, 9], "the input is not modified"
    # With a URI: swap only when that CRS is northing/lat first.
    point = {"type": "Point", "coordinates": [114.0, 22.5]}
    assert normalise_axes(point, CRS84) == point
    assert normalise_axes(point, URI_4490)["coordinates"] == [22.5, 114.0]
    assert normalise_axes(None, URI_4490) is None
    assert swap_bbox([1, 2, 3, 4]) == [2, 1, 4, 3]


def test_round_trip_crs84_to_4547_and_back_within_1e7_degrees():
    """A point sent by a server in EPSG:4547 URI order (northing, easting) and
    normalised must match QGIS's projection, and project back to where it started."""
    crs84 = QgsCoordinateReferenceSystem("OGC:CRS84")
    cgcs = QgsCoordinateReferenceSystem("EPSG:4547")
    forward = QgsCoordinateTransform(crs84, cgcs, QgsProject.instance())
    back = QgsCoordinateTransform(cgcs, crs84, QgsProject.instance())
    for lon, lat in [(113.93, 22.52), (114.05, 22.55), (114.3, 22.7)]:
        projected = forward.transform(QgsPointXY(lon, lat))
        # Shenzhen on the 114E central meridian: easting ~500 km, northing ~2,500 km.
        assert 400_000 < projected.x() < 600_000 and 2_400_000 < projected.y() < 2_600_000
        as_sent = {"type": "Point", "coordinates": [projected.y(), projected.x()]}
        x, y = normalise_axes(as_sent, URI_4547)["coordinates"]
        assert (x, y) == (projected.x(), projected.y())
        returned = back.transform(QgsPointXY(x, y))
        assert abs(returned.x() - lon) < 1e-7 and abs(returned.y() - lat) < 1e-7


def test_transform_bbox_to_crs84_contains_the_corners():
    west, south, east, north = transform_bbox((113.9, 22.5, 114.1, 22.6), "OGC:CRS84",
                                              "EPSG:4547")
    back = transform_bbox((west, south, east, north), "EPSG:4547", "OGC:CRS84")
    assert back[0] <= 113.9 + 1e-9 and back[2] >= 114.1 - 1e-9
    assert back[1] <= 22.5 + 1e-9 and back[3] >= 22.6 - 1e-9
