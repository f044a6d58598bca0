"""Synthetic terrain (DEM) and flood-depth scenarios on one 10 m grid in EPSG:4547.

The DEM is built from smooth components (distance from the coast, a few hills,
seeded smooth noise) plus carved water bodies. Flood depth is a bathtub model
on that same DEM, so water always sits in low ground: cells well below their
neighbourhood (pluvial ponding) or below a storm-surge level near the coast.
Deeper thresholds for longer return periods make rp100 ⊇ rp50 ⊇ rp20."""

import numpy as np
import shapely

NODATA = -9999.0
CELL = 10.0

# Return period -> (pluvial threshold below neighbourhood m, pluvial gain, surge level m).
FLOOD_SCENARIOS = {
    "rp20": (1.1, 0.8, 2.6),
    "rp50": (0.8, 1.0, 3.1),
    "rp100": (0.55, 1.2, 3.6),
}
MIN_DEPTH = 0.05  # shallower water is reported as dry (nodata)


def box_blur(a, radius, passes=3):
    """Approximately Gaussian smoothing with repeated box filters (numpy only)."""
    out = a.astype(np.float64)
    k = 2 * radius + 1
    for _ in range(passes):
        for axis in (0, 1):
            pad = [(0, 0), (0, 0)]
            pad[axis] = (radius + 1, radius)
            c = np.cumsum(np.pad(out, pad, mode="edge"), axis=axis)
            if axis == 0:
                out = (c[k:, :] - c[:-k, :]) / k
            else:
                out = (c[:, k:] - c[:, :-k]) / k
    return out


class Grid:
    """North-up raster grid: origin at the top-left corner."""

    def __init__(self, minx, miny, maxx, maxy, cell=CELL):
        self.cell = cell
        self.minx = np.floor(minx / cell) * cell
        self.maxy = np.ceil(maxy / cell) * cell
        self.ncols = int(np.ceil((maxx - self.minx) / cell))
        self.nrows = int(np.ceil((self.maxy - miny) / cell))
        self.maxx = self.minx + self.ncols * cell
        self.miny = self.maxy - self.nrows * cell

    @property
    def geotransform(self):
        return (self.minx, self.cell, 0.0, self.maxy, 0.0, -self.cell)

    def centres(self):
        xs = self.minx + (np.arange(self.ncols) + 0.5) * self.cell
        ys = self.maxy - (np.arange(self.nrows) + 0.5) * self.cell
        return np.meshgrid(xs, ys)

    def index(self, x, y):
        col = np.clip(((np.asarray(x) - self.minx) // self.cell).astype(int), 0, self.ncols - 1)
        row = np.clip(((self.maxy - np.asarray(y)) // self.cell).astype(int), 0, self.nrows - 1)
        return row, col

    def mask(self, geom):
        """Boolean mask of cells whose centre lies in geom (vectorised)."""
        if geom is None or geom.is_empty:
            return np.zeros((self.nrows, self.ncols), bool)
        xs, ys = self.centres()
        out = np.zeros(xs.shape, bool)
        bx0, by0, bx1, by1 = geom.bounds
        sel = (xs >= bx0) & (xs <= bx1) & (ys >= by0) & (ys <= by1)
        shapely.prepare(geom)
        out[sel] = shapely.contains_xy(geom, xs[sel], ys[sel])
        return out

    def distance(self, geom, coarse=5):
        """Distance (m) from cell centres to geom, computed on a coarser lattice and
        upsampled by nearest neighbour: smooth terrain components need no more."""
        xs, ys = self.centres()
        xs_c, ys_c = xs[::coarse, ::coarse], ys[::coarse, ::coarse]
        d = shapely.distance(geom, shapely.points(xs_c.ravel(), ys_c.ravel()))
        d = d.reshape(xs_c.shape)
        d = np.repeat(np.repeat(d, coarse, axis=0), coarse, axis=1)
        return d[: self.nrows, : self.ncols]


def _lattice_noise(rng, xs, ys, spacing, sigma, origin):
    """Bilinear interpolation of a seeded random lattice anchored at a fixed origin,
    so the same place gets the same noise whatever the grid extent."""
    ox, oy = origin
    gx = (xs - ox) / spacing
    gy = (ys - oy) / spacing
    nx = int(np.ceil(gx.max())) + 2
    ny = int(np.ceil(gy.max())) + 2
    lattice = rng.normal(0.0, sigma, size=(ny, nx))
    ix = np.floor(gx).astype(int)
    iy = np.floor(gy).astype(int)
    fx = gx - ix
    fy = gy - iy
    v00 = lattice[iy, ix]
    v10 = lattice[iy, ix + 1]
    v01 = lattice[iy + 1, ix]
    v11 = lattice[iy + 1, ix + 1]
    return (v00 * (1 - fx) * (1 - fy) + v10 * fx * (1 - fy)
            + v01 * (1 - fx) * fy + v11 * fx * fy)


def build_dem(grid, rng, sea, lakes, rivers, hills, noise_origin):
    """Return (dem float32 with NODATA over the sea, permanent-water mask)."""
    xs, ys = grid.centres()
    sea_mask = grid.mask(sea)
    d_coast = grid.distance(sea.boundary)
    # Reclaimed coastal land is flat and low, rising slowly inland.
    z = 3.2 + 4.0 * (1 - np.exp(-d_coast / 900.0)) + 0.004 * d_coast
    for (hx, hy, amp, sigma) in hills:
        z += amp * np.exp(-((xs - hx) ** 2 + (ys - hy) ** 2) / (2 * sigma ** 2))
    z += _lattice_noise(rng, xs, ys, 400.0, 1.6, noise_origin)
    z += _lattice_noise(rng, xs, ys, 90.0, 0.45, noise_origin)

    water = np.zeros_like(sea_mask)
    for lake in lakes:
        d = grid.distance(lake, coarse=2)
        inside = grid.mask(lake)
        z -= 3.5 * np.exp(-d / 180.0)  # ground falls towards the shore
        level = np.percentile(z[(d > 0) & (d < 30)], 5) - 0.8
        z[inside] = level
        water |= inside
    for river in rivers:
        d = grid.distance(river, coarse=2)
        inside = grid.mask(river)
        z -= 2.8 * np.exp(-d / 60.0)
        z[inside] = np.minimum(z[inside], box_blur(z, 8)[inside] - 2.0)
        water |= inside
    z = np.where(sea_mask, NODATA, z)
    water |= sea_mask
    return z.astype(np.float32), water


def flood_depth(grid, dem, water, scenario):
    """Bathtub flood depth for one scenario; NODATA where dry or permanent water."""
    thr, gain, surge = FLOOD_SCENARIOS[scenario]
    valid = dem != NODATA
    z = np.where(valid, dem, np.nan).astype(np.float64)
    filled = np.where(valid, z, 0.0)  # the sea (nodata) sits at mean sea level
    neighbourhood = box_blur(filled, 12)  # ~250 m
    rel = filled - neighbourhood
    pluvial = gain * np.maximum(0.0, -rel - thr)
    coastal = np.maximum(0.0, surge - filled)
    depth = np.maximum(pluvial, coastal)
    depth = 3.0 * np.tanh(depth / 3.0)  # soft cap near 3 m, keeps scenarios ordered
    wet = valid & ~water & (depth >= MIN_DEPTH)
    return np.where(wet, depth, NODATA).astype(np.float32)
