"""Shapes the benchmarks generate: no QGIS, numpy and shapely 2 only."""

import numpy as np
import shapely


def rectangles(cx, cy, w, h, angle):
    """Rectangles w × h centred on (cx, cy), each turned by ``angle`` (radians), as polygons."""
    ca, sa = np.cos(angle), np.sin(angle)
    corners = np.empty((len(cx), 5, 2))
    for k, (sx, sy) in enumerate([(-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1)]):
        px, py = sx * w / 2, sy * h / 2
        corners[:, k, 0] = cx + px * ca - py * sa
        corners[:, k, 1] = cy + px * sa + py * ca
    return shapely.polygons(corners)
