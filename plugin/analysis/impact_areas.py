"""Impact areas: the cells of a depth grid at or above a threshold, as dissolved polygons.

Built from horizontal runs of cells per row, stacked runs merged into boxes, then one
union: far fewer geometries than one box per cell (no qgis, no Qt).
"""

from __future__ import annotations

import numpy as np
from shapely.geometry import MultiPolygon, box

from . import geos


def cell_boxes(mask, grid):
    """Boxes covering the True cells: horizontal runs per row, stacked runs merged."""
    mask = np.asarray(mask, dtype=bool)
    rows = mask.shape[0]
    pad = np.zeros((rows, 1), dtype=np.int8)
    step = np.diff(np.concatenate([pad, mask.astype(np.int8), pad], axis=1), axis=1)
    starts, ends = np.argwhere(step == 1), np.argwhere(step == -1)  # row-major, paired
    if len(starts) == 0:
        return []
    r, c0, c1 = starts[:, 0], starts[:, 1], ends[:, 1]
    order = np.lexsort((r, c1, c0))
    r, c0, c1 = r[order], c0[order], c1[order]
    new = np.ones(len(r), dtype=bool)
    new[1:] = (np.diff(c0) != 0) | (np.diff(c1) != 0) | (np.diff(r) != 1)
    first = np.flatnonzero(new)
    last = np.r_[first[1:] - 1, len(r) - 1]
    x0, y0, dx, dy = grid.x0, grid.y0, grid.dx, grid.dy
    return [box(x0 + c0[a] * dx, y0 - (r[b] + 1) * dy, x0 + c1[a] * dx, y0 - r[a] * dy)
            for a, b in zip(first, last)]


def impact_polygon(mask, grid):
    """The dissolved cells of ``mask`` as one MultiPolygon, or None when none is set."""
    boxes = cell_boxes(mask, grid)
    if not boxes:
        return None
    union = boxes[0] if len(boxes) == 1 else geos.union_all(np.array(boxes, dtype=object))
    return MultiPolygon([p for p in geos.get_parts(union) if p.geom_type == "Polygon"])
