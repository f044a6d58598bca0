"""Array geometry functions for the kernels: shapely 2, or the same names over shapely 1.8.

Shapely 2 runs these on whole arrays inside GEOS. Debian 12's QGIS (3.22) ships shapely
1.8, which has none of them, and a plugin from a repository cannot swap QGIS's packages.
There the same functions run element by element in Python: slower on big inputs, same
results (the kernel tests run under both), so the tools work in a stock QGIS.
Only what the kernels use is here; the signatures follow shapely 2.
"""

import numpy as np
import shapely

SHAPELY_2 = int(shapely.__version__.split(".")[0]) >= 2

if SHAPELY_2:
    from shapely import (  # noqa: F401 (re-exported)
        STRtree,
        area,
        contains_properly,
        force_2d,
        from_wkb,
        get_parts,
        get_type_id,
        intersection,
        is_empty,
        is_missing,
        is_valid,
        make_valid,
        multipolygons,
        prepare,
        to_wkb,
        union_all,
    )
else:  # shapely 1.8
    from shapely import wkb as _wkb
    from shapely.geometry import MultiPolygon as _MultiPolygon
    from shapely.ops import transform as _transform
    from shapely.ops import unary_union as _unary_union
    from shapely.prepared import prep as _prep
    from shapely.validation import make_valid as _make_valid

    _TYPE_IDS = {"Point": 0, "LineString": 1, "LinearRing": 2, "Polygon": 3, "MultiPoint": 4,
                 "MultiLineString": 5, "MultiPolygon": 6, "GeometryCollection": 7}

    def _objects(values):
        return np.asarray(values, dtype=object).ravel()

    def _each(function, values, dtype=object):
        out = [function(g) for g in _objects(values)]
        return np.array(out, dtype=dtype) if dtype is not object else _object_array(out)

    def _object_array(items):
        out = np.empty(len(items), dtype=object)
        for i, item in enumerate(items):  # item by item: numpy would unpack multi-parts
            out[i] = item
        return out

    def is_missing(values):
        return _each(lambda g: g is None, values, bool)

    def is_empty(values):
        return _each(lambda g: g is not None and g.is_empty, values, bool)

    def is_valid(values):
        return _each(lambda g: g is not None and g.is_valid, values, bool)

    def make_valid(values):
        return _each(lambda g: None if g is None else _make_valid(g), values)

    def get_type_id(values):
        return _each(lambda g: -1 if g is None else _TYPE_IDS[g.geom_type], values, int)

    def area(values):
        if values is None or hasattr(values, "geom_type"):
            return np.nan if values is None else values.area
        return _each(lambda g: np.nan if g is None else g.area, values, float)

    def get_parts(geometry):
        parts = list(geometry.geoms) if hasattr(geometry, "geoms") else [geometry]
        return _object_array(parts)

    def multipolygons(polygons):
        return _MultiPolygon(list(polygons))

    def union_all(values):
        return _unary_union([g for g in _objects(values) if g is not None])

    def intersection(a, b):
        return _object_array([x.intersection(y) for x, y in zip(_objects(a), _objects(b))])

    def contains_properly(a, b):
        return np.array([_prep(x).contains_properly(y) for x, y in zip(_objects(a), _objects(b))],
                        dtype=bool)

    def prepare(values):
        """Shapely 1.8 prepares per call (see contains_properly)."""

    def from_wkb(values, on_invalid="raise"):
        def load(data):
            if data is None:
                return None
            try:
                return _wkb.loads(bytes(data))
            except Exception:  # noqa: BLE001 (shapely 1.8 raises several kinds)
                if on_invalid == "raise":
                    raise
                return None
        return _each(load, values)

    def to_wkb(geometry, output_dimension=3):
        return _wkb.dumps(geometry, output_dimension=output_dimension)

    def force_2d(values):
        def flat(g):
            if g is None or not g.has_z:
                return g
            return _transform(lambda x, y, z=None: (x, y), g)
        return _each(flat, values)

    class STRtree:
        """The two queries the kernels make, over bounding boxes in numpy, then exact."""

        def __init__(self, geometries):
            self.geometries = _objects(geometries)
            self.bounds = np.array([g.bounds if g is not None and not g.is_empty
                                    else (np.nan,) * 4 for g in self.geometries],
                                   dtype=float).reshape(-1, 4)

        def _candidates(self, geometry, margin=0.0):
            x0, y0, x1, y1 = geometry.bounds
            b = self.bounds
            hit = ((b[:, 0] <= x1 + margin) & (b[:, 2] >= x0 - margin)
                   & (b[:, 1] <= y1 + margin) & (b[:, 3] >= y0 - margin))
            return np.flatnonzero(hit)

        def query(self, geometries, predicate="intersects"):
            if predicate != "intersects":
                raise ValueError("only 'intersects' is implemented for shapely 1.8")
            pairs = []
            for i, geometry in enumerate(_objects(geometries)):
                if geometry is None or geometry.is_empty:
                    continue
                prepared = _prep(geometry)
                pairs.extend((i, j) for j in self._candidates(geometry)
                             if prepared.intersects(self.geometries[j]))
            return np.array(pairs, dtype=np.intp).reshape(-1, 2).T

        def query_nearest(self, geometries, max_distance=None, return_distance=False,
                          all_matches=True):
            pairs, distances = [], []
            for i, geometry in enumerate(_objects(geometries)):
                if geometry is None or geometry.is_empty:
                    continue
                margin = np.inf if max_distance is None else max_distance
                found = self._candidates(geometry, margin if np.isfinite(margin) else 1e300)
                best = [(geometry.distance(self.geometries[j]), j) for j in found]
                best = [(d, j) for d, j in best if max_distance is None or d <= max_distance]
                if not best:
                    continue
                nearest = min(d for d, _ in best)
                for d, j in sorted(best, key=lambda item: item[1]):
                    if d == nearest:
                        pairs.append((i, j))
                        distances.append(d)
                        if not all_matches:
                            break
            indices = np.array(pairs, dtype=np.intp).reshape(-1, 2).T
            return (indices, np.array(distances, dtype=float)) if return_distance else indices


# --- Vertex arrays for the zonal kernel (analysis/zonal.py) --------------------------------
# Appended for the flood review: the zonal kernel does its own exact cell arithmetic on the
# vertices, so all it needs from the geometry library is the rings / line parts as arrays.

def _flat_parts(geometry, type_names):
    """The non-empty parts of ``geometry`` whose type is in type_names (any nesting)."""
    if geometry is None or geometry.is_empty:
        return []
    if hasattr(geometry, "geoms"):
        out = []
        for part in geometry.geoms:
            out.extend(_flat_parts(part, type_names))
        return out
    return [geometry] if geometry.geom_type in type_names else []


def _parts_2(geometries, type_id):
    """Shapely 2: the single parts of type_id of each geometry, and their feature index."""
    parts, index = shapely.get_parts(np.asarray(geometries, dtype=object).ravel(),
                                     return_index=True)
    while True:
        multi = shapely.get_type_id(parts) >= 4
        if not multi.any():
            break
        sub, sub_index = shapely.get_parts(parts[multi], return_index=True)
        parts = np.concatenate([parts[~multi], sub])
        index = np.concatenate([index[~multi], index[multi][sub_index]])
    keep = (shapely.get_type_id(parts) == type_id) & ~shapely.is_empty(parts)
    return parts[keep], index[keep].astype(np.intp)


def ring_coordinates(geometries):
    """Polygon rings of each geometry as arrays (shapely 1.8 and 2 alike).

    Returns (xy (m, 2) float, vertex_ring (m,) int, ring_feature (k,) int,
    ring_exterior (k,) bool). Rings are closed (last vertex = first); non-polygonal parts,
    None and empty geometries give no rings.
    """
    if SHAPELY_2:
        polygons, feature = _parts_2(geometries, 3)
        rings, ring_polygon = shapely.get_rings(polygons, return_index=True)
        exterior = np.ones(len(rings), dtype=bool)
        exterior[1:] = ring_polygon[1:] != ring_polygon[:-1]
        xy, vertex_ring = shapely.get_coordinates(rings, return_index=True)
        return (xy.astype(float), vertex_ring.astype(np.intp),
                feature[ring_polygon].astype(np.intp), exterior)
    xy, vertex_ring, ring_feature, ring_exterior = [], [], [], []
    for i, geometry in enumerate(np.asarray(geometries, dtype=object).ravel()):
        for polygon in _flat_parts(geometry, ("Polygon",)):
            rings = [(polygon.exterior, True)] + [(r, False) for r in polygon.interiors]
            for ring, exterior in rings:
                coords = np.asarray(ring.coords, dtype=float)[:, :2]
                if len(coords) < 4:
                    continue
                vertex_ring.append(np.full(len(coords), len(ring_feature)))
                xy.append(coords)
                ring_feature.append(i)
                ring_exterior.append(exterior)
    if not xy:
        return (np.empty((0, 2)), np.empty(0, dtype=np.intp), np.empty(0, dtype=np.intp),
                np.empty(0, dtype=bool))
    return (np.concatenate(xy), np.concatenate(vertex_ring).astype(np.intp),
            np.asarray(ring_feature, dtype=np.intp), np.asarray(ring_exterior, dtype=bool))


def line_coordinates(geometries):
    """Line parts of each geometry as arrays: (xy (m, 2), vertex_part (m,), part_feature (k,))."""
    if SHAPELY_2:
        lines, feature = _parts_2(geometries, 1)
        rings, ring_feature = _parts_2(geometries, 2)
        lines, feature = np.concatenate([lines, rings]), np.concatenate([feature, ring_feature])
        xy, vertex_part = shapely.get_coordinates(lines, return_index=True)
        return xy.astype(float), vertex_part.astype(np.intp), feature.astype(np.intp)
    xy, vertex_part, part_feature = [], [], []
    for i, geometry in enumerate(np.asarray(geometries, dtype=object).ravel()):
        for line in _flat_parts(geometry, ("LineString", "LinearRing")):
            coords = np.asarray(line.coords, dtype=float)[:, :2]
            if len(coords) < 2:
                continue
            vertex_part.append(np.full(len(coords), len(part_feature)))
            xy.append(coords)
            part_feature.append(i)
    if not xy:
        return np.empty((0, 2)), np.empty(0, dtype=np.intp), np.empty(0, dtype=np.intp)
    return (np.concatenate(xy), np.concatenate(vertex_part).astype(np.intp),
            np.asarray(part_feature, dtype=np.intp))
