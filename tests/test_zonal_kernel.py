"""Zonal statistics kernel (analysis/zonal.py) on rasters small enough to work out by hand.

The raster: 4 × 4 cells of 10 m, top-left corner (0, 40), so cell (row r, col c) is
x ∈ [10c, 10c+10], y ∈ [30−10r, 40−10r]. Depths (m):

          col 0  col 1  col 2  col 3
    row 0  0.0    0.0    0.2    0.5        y 30..40
    row 1  0.0    0.1    0.4    1.0        y 20..30
    row 2  0.3    0.6    1.2    2.0        y 10..20
    row 3  0.8    1.1    1.9    3.0        y  0..10

Every expected value below is arithmetic on these numbers (weights = m² of the cell the
feature covers), not a kernel call. The last tests compare random polygons and lines with
an independent brute-force reference: shapely clipping every cell box one by one.

Boundary rule (documented in zonal.py): a cell is [left, right) × (bottom, top], so a point
on an edge shared by two cells belongs to the cell east / south of it, a line running along
a grid line counts in the cells south / east of it, and the raster's east and south borders
are outside.
"""

import math

import numpy as np
import pytest
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point, Polygon, box
from shapely.geometry.polygon import orient

from plugin.analysis import zonal
from plugin.analysis.zonal import Grid, line_stats, point_values, polygon_stats

NAN = float("nan")
GRID = Grid(x0=0.0, y0=40.0, dx=10.0, dy=10.0, width=4, height=4)
DEPTH = np.array([[0.0, 0.0, 0.2, 0.5],
                  [0.0, 0.1, 0.4, 1.0],
                  [0.3, 0.6, 1.2, 2.0],
                  [0.8, 1.1, 1.9, 3.0]])


def one(geom, depth=DEPTH, threshold=0.0):
    out = polygon_stats(depth, GRID, [geom], threshold=threshold)
    return {k: float(v[0]) for k, v in out.items()}


def line(geom, depth=DEPTH, threshold=0.0):
    out = line_stats(depth, GRID, [geom], threshold=threshold)
    return {k: float(v[0]) for k, v in out.items()}


def test_grid_helpers():
    assert GRID.bounds == (0.0, 0.0, 40.0, 40.0)
    assert GRID.cell_area == 100.0
    g = Grid.from_geotransform((500000.0, 5.0, 0.0, 2500000.0, 0.0, -5.0), 30, 20)
    assert (g.x0, g.y0, g.dx, g.dy, g.width, g.height) == (500000, 2500000, 5, 5, 30, 20)
    with pytest.raises(ValueError):
        Grid.from_geotransform((0, 5, 0, 0, 0, 5), 3, 3)  # south-up
    with pytest.raises(ValueError):
        polygon_stats(np.zeros((3, 4)), GRID, [box(0, 0, 1, 1)])


def test_square_exactly_on_cells_is_the_plain_mean():
    s = one(box(10, 10, 30, 30))  # cells (1,1) (1,2) (2,1) (2,2): 0.1 0.4 0.6 1.2
    assert s["mean"] == pytest.approx((0.1 + 0.4 + 0.6 + 1.2) / 4)
    assert s["max"] == pytest.approx(1.2)  # neighbours sharing only an edge are not touched
    assert s["area"] == pytest.approx(400)
    assert s["covered_share"] == pytest.approx(1.0)
    assert s["wet_share"] == pytest.approx(1.0)


def test_square_on_quarter_cells():
    # [5,15] × [15,25]: a quarter (25 m²) of cells (1,0)=0.0 (1,1)=0.1 (2,0)=0.3 (2,1)=0.6
    s = one(box(5, 15, 15, 25))
    assert s["mean"] == pytest.approx((0.0 + 0.1 + 0.3 + 0.6) * 25 / 100)
    assert s["max"] == pytest.approx(0.6)
    assert s["wet_share"] == pytest.approx(75 / 100)  # (1,0) is dry
    # [5,25] × [5,25]: weights 25 50 25 / 50 100 50 / 25 50 25 over rows 1..3, cols 0..2
    # row 1: 0.0·25 + 0.1·50 + 0.4·25 = 15; row 2: 0.3·50 + 0.6·100 + 1.2·50 = 135;
    # row 3: 0.8·25 + 1.1·50 + 1.9·25 = 122.5 → 272.5 / 400
    s = one(box(5, 5, 25, 25))
    assert s["mean"] == pytest.approx(272.5 / 400)
    assert s["max"] == pytest.approx(1.9)
    assert s["wet_share"] == pytest.approx(375 / 400)
    # deeper than 0.5 m: 0.6·100 + 1.2·50 + 0.8·25 + 1.1·50 + 1.9·25 = 250 m² of 400
    assert one(box(5, 5, 25, 25), threshold=0.5)["wet_share"] == pytest.approx(250 / 400)


def test_triangle():
    # (0,40) (30,40) (0,10): hypotenuse y = x + 10 through cell corners.
    # row 0: (0,0) 100, (0,1) 100, (0,2) 50; row 1: (1,0) 100, (1,1) 50; row 2: (2,0) 50 → 450
    # depth·m²: 0.2·50 + 0.1·50 + 0.3·50 = 30
    s = one(Polygon([(0, 40), (30, 40), (0, 10)]))
    assert s["area"] == pytest.approx(450)
    assert s["mean"] == pytest.approx(30 / 450)
    assert s["max"] == pytest.approx(0.3)
    assert s["wet_share"] == pytest.approx(150 / 450)


def test_triangle_not_through_corners():
    # (0,40) (20,40) (0,25): hypotenuse y = 25 + 0.75x (meets y = 30 at x = 20/3), 150 m².
    # (0,0): 10·20/3 + ∫[20/3,10] (15 − 0.75x) dx = 66.667 + 29.167 = 95.833
    # (0,1): ∫[10,20] (15 − 0.75x) dx = 37.5
    # (1,0): ∫[0,20/3] (5 − 0.75x) dx = 16.667
    tri = Polygon([(0, 40), (20, 40), (0, 25)])
    w00, w01, w10 = 66.6667 + 29.1667, 37.5, 16.6667
    assert w00 + w01 + w10 == pytest.approx(150, abs=1e-3)
    d = np.zeros((4, 4))
    d[0, 0], d[0, 1], d[1, 0] = 1.0, 2.0, 4.0
    s = one(tri, depth=d)
    assert s["area"] == pytest.approx(150)
    assert s["mean"] == pytest.approx((1 * w00 + 2 * w01 + 4 * w10) / 150, rel=1e-5)
    assert s["max"] == pytest.approx(4.0)
    wet = one(tri, depth=d, threshold=1.5)["wet_share"]
    assert wet == pytest.approx((w01 + w10) / 150, rel=1e-5)


def test_polygon_with_a_hole_either_orientation():
    # the whole raster (1600 m², depths sum 13.1 → 1310 m³) minus [15,25]²: a quarter of
    # (1,1)=0.1 (1,2)=0.4 (2,1)=0.6 (2,2)=1.2 → 1310 − 25·2.3 = 1252.5 over 1500 m²
    ring, hole = [(0, 0), (40, 0), (40, 40), (0, 40)], [(15, 15), (15, 25), (25, 25), (25, 15)]
    for poly in (Polygon(ring, [hole]), orient(Polygon(ring, [hole]), 1.0),
                 orient(Polygon(ring, [hole]), -1.0), Polygon(ring[::-1], [hole])):
        s = one(poly)
        assert s["area"] == pytest.approx(1500)
        assert s["mean"] == pytest.approx(1252.5 / 1500)
        assert s["max"] == pytest.approx(3.0)
        assert s["covered_share"] == pytest.approx(1.0)
    # a hole covering a whole cell: the cell in the hole is not touched (nor in the max)
    d = DEPTH.copy()
    d[2, 1] = 9.0
    s = one(Polygon(ring, [[(10, 10), (20, 10), (20, 20), (10, 20)]]), depth=d)
    assert s["max"] == pytest.approx(3.0)
    assert s["mean"] == pytest.approx((1310 - 60) / 1500)  # (2,1) was 0.6 → 60 m³


def test_multipolygon():
    # cell (0,0) = 0.0 and cell (3,3) = 3.0, 100 m² each
    s = one(MultiPolygon([box(0, 30, 10, 40), box(30, 0, 40, 10)]))
    assert s["area"] == pytest.approx(200)
    assert s["mean"] == pytest.approx(1.5)
    assert s["max"] == pytest.approx(3.0)
    assert s["wet_share"] == pytest.approx(0.5)


def test_partly_and_wholly_outside_the_raster():
    s = one(box(30, 30, 50, 50))  # 100 of 400 m² over cell (0,3) = 0.5
    assert s["covered_share"] == pytest.approx(0.25)
    assert s["mean"] == pytest.approx(0.5)
    assert s["max"] == pytest.approx(0.5)
    assert s["wet_share"] == pytest.approx(0.25)  # of the whole footprint
    assert s["area"] == pytest.approx(400)
    s = one(box(-30, 10, -20, 20))
    assert s["covered_share"] == 0.0 and s["area"] == pytest.approx(100)
    assert math.isnan(s["mean"]) and math.isnan(s["max"]) and math.isnan(s["wet_share"])
    # left of, and touching, the raster's west edge: no cell is covered
    assert one(box(-10, 10, 0, 20))["covered_share"] == 0.0


def test_nan_cells_are_no_data():
    d = DEPTH.copy()
    d[1, 1] = NAN
    s = one(box(10, 20, 30, 40), depth=d)  # (0,1)=0 (0,2)=0.2 (1,1)=nan (1,2)=0.4
    assert s["covered_share"] == pytest.approx(0.75)
    assert s["mean"] == pytest.approx(0.6 / 3)
    assert s["max"] == pytest.approx(0.4)
    assert s["wet_share"] == pytest.approx(200 / 400)
    s = one(box(12, 22, 18, 28), depth=d)  # inside the nan cell only
    assert s["covered_share"] == 0.0 and math.isnan(s["mean"]) and math.isnan(s["max"])


def test_polygons_smaller_than_a_cell():
    s = one(box(12, 12, 14, 16))  # inside (2,1) = 0.6
    assert s["area"] == pytest.approx(8)
    assert s["mean"] == pytest.approx(0.6) and s["max"] == pytest.approx(0.6)
    assert s["covered_share"] == pytest.approx(1.0)
    s = one(box(18, 12, 22, 14))  # half in (2,1) = 0.6, half in (2,2) = 1.2
    assert s["mean"] == pytest.approx(0.9)
    assert s["max"] == pytest.approx(1.2)


def test_several_features_empty_and_missing_geometries():
    geoms = [box(10, 10, 30, 30), None, Polygon(), box(12, 12, 14, 16), Point(5, 5)]
    out = polygon_stats(DEPTH, GRID, geoms)
    assert out["mean"][0] == pytest.approx(0.575) and out["mean"][3] == pytest.approx(0.6)
    for i in (1, 2, 4):
        assert math.isnan(out["mean"][i]) and out["area"][i] == 0 and out["covered_share"][i] == 0
    empty = polygon_stats(DEPTH, GRID, [])
    assert set(empty) == {"mean", "max", "wet_share", "covered_share", "area"}
    assert all(len(v) == 0 for v in empty.values())
    lines = line_stats(DEPTH, GRID, [])
    assert set(lines) == {"wet_length", "max", "length", "covered_share"}
    assert all(len(v) == 0 for v in lines.values())
    assert len(point_values(DEPTH, GRID, [], [])) == 0


def test_lines():
    s = line(LineString([(5, 25), (35, 25)]))  # row 1: 5 m of 0.0, 10 of 0.1, 10 of 0.4, 5 of 1.0
    assert s["length"] == pytest.approx(30)
    assert s["wet_length"] == pytest.approx(25)
    assert s["max"] == pytest.approx(1.0)
    assert s["covered_share"] == pytest.approx(1.0)
    assert line(LineString([(5, 25), (35, 25)]), threshold=0.3)["wet_length"] == pytest.approx(15)
    # the diagonal through the corners: 10√2 m in each of 0.0, 0.1, 1.2, 3.0
    s = line(LineString([(0, 40), (40, 0)]))
    assert s["length"] == pytest.approx(40 * math.sqrt(2))
    assert s["wet_length"] == pytest.approx(30 * math.sqrt(2))
    assert s["max"] == pytest.approx(3.0)
    # a shallow slope: (0,12) → (40,18) stays in row 2 (y 10..20): 0.3 0.6 1.2 2.0, all wet
    s = line(LineString([(0, 12), (40, 18)]), threshold=1.0)
    assert s["wet_length"] == pytest.approx(math.hypot(40, 6) / 4 * 2)
    # crossing rows: (5,5) → (5,35) in column 0: 5 m of 0.8, 10 of 0.3, 10 of 0.0, 5 of 0.0
    s = line(LineString([(5, 5), (5, 35)]), threshold=0.5)
    assert s["wet_length"] == pytest.approx(5) and s["max"] == pytest.approx(0.8)


def test_lines_on_grid_lines_count_south_and_east():
    s = line(LineString([(0, 20), (40, 20)]))  # between rows 1 and 2 → row 2
    assert s["max"] == pytest.approx(2.0)
    assert s["wet_length"] == pytest.approx(40)
    s = line(LineString([(20, 40), (20, 0)]))  # between columns 1 and 2 → column 2
    assert s["max"] == pytest.approx(1.9)
    assert s["wet_length"] == pytest.approx(40)
    assert s["length"] == pytest.approx(40)


def test_lines_outside_nan_and_multi():
    s = line(LineString([(-10, 5), (50, 5)]))  # row 3, 40 of 60 m over the raster
    assert s["covered_share"] == pytest.approx(40 / 60)
    assert s["wet_length"] == pytest.approx(40)
    assert s["max"] == pytest.approx(3.0)
    d = DEPTH.copy()
    d[3, 1] = NAN
    s = line(LineString([(0, 5), (40, 5)]), depth=d)
    assert s["covered_share"] == pytest.approx(0.75)
    assert s["wet_length"] == pytest.approx(30)
    s = line(MultiLineString([[(0, 35), (10, 35)], [(30, 5), (40, 5)]]))  # 0.0 and 3.0
    assert s["length"] == pytest.approx(20)
    assert s["wet_length"] == pytest.approx(10)
    assert s["max"] == pytest.approx(3.0)
    s = line(LineString([(-10, -10), (-5, -5)]))
    assert s["covered_share"] == 0 and s["wet_length"] == 0 and math.isnan(s["max"])
    out = line_stats(DEPTH, GRID, [None, LineString([(5, 35), (15, 35)])])
    assert out["length"][0] == 0 and math.isnan(out["max"][0])
    assert out["wet_length"][1] == pytest.approx(0.0) and out["length"][1] == pytest.approx(10)


def test_points_and_the_edge_rule():
    xs = [15, 10, 0, 40, 20, 39.999, -1, NAN, 30]
    ys = [25, 30, 40, 20, 0, 0.001, 5, 5, 10]
    got = point_values(DEPTH, GRID, xs, ys)
    # (15,25) inside (1,1); (10,30) corner → east/south cell (1,1); (0,40) the raster's
    # top-left corner → (0,0); (40,20) east border → outside; (20,0) south border → outside;
    # (39.999,0.001) → (3,3); (-1,5) outside; nan → nan; (30,10) corner → (3,3)
    expected = [0.1, 0.1, 0.0, NAN, NAN, 3.0, NAN, NAN, 3.0]
    np.testing.assert_array_equal(got, np.array(expected))
    d = DEPTH.copy()
    d[0, 0] = NAN
    assert math.isnan(point_values(d, GRID, [1], [39])[0])


def test_progress_chunks_and_cancel(monkeypatch):
    geoms = [box(x, y, x + 7, y + 3) for x in range(0, 35, 3) for y in range(0, 38, 4)]
    whole = polygon_stats(DEPTH, GRID, geoms)
    monkeypatch.setattr(zonal, "CHUNK_CELLS", 5)
    seen = []
    parts = polygon_stats(DEPTH, GRID, geoms, progress=seen.append)
    assert len(seen) > 5 and seen == sorted(seen) and seen[-1] == 1.0
    for key in whole:
        np.testing.assert_allclose(parts[key], whole[key], rtol=1e-12, atol=1e-12)
    lines = [LineString([(0, y), (40, 40 - y)]) for y in range(0, 40, 3)]
    whole_l = line_stats(DEPTH, GRID, lines)
    monkeypatch.setattr(zonal, "CHUNK_CELLS", 3)
    parts_l = line_stats(DEPTH, GRID, lines)
    for key in whole_l:
        np.testing.assert_allclose(parts_l[key], whole_l[key], rtol=1e-12, atol=1e-12)

    class Cancelled(Exception):
        pass

    def cancel(fraction):
        raise Cancelled()

    with pytest.raises(Cancelled):
        polygon_stats(DEPTH, GRID, geoms, progress=cancel)


# --- random features against a brute-force reference ---------------------------------------

def reference_polygon(depth, grid, poly, threshold):
    """Clip every cell box with shapely, one by one."""
    sums = cover = wet = 0.0
    top = -np.inf
    for r in range(grid.height):
        for c in range(grid.width):
            x = grid.x0 + c * grid.dx
            y = grid.y0 - r * grid.dy
            a = box(x, y - grid.dy, x + grid.dx, y).intersection(poly).area
            if a <= 0 or np.isnan(depth[r, c]):
                continue
            sums += a * depth[r, c]
            cover += a
            wet += a if depth[r, c] > threshold else 0.0
            if a > 1e-12 * grid.cell_area:
                top = max(top, depth[r, c])
    area = poly.area
    return {"mean": sums / cover if cover else NAN, "max": top if cover else NAN,
            "covered_share": cover / area, "wet_share": wet / area if cover else NAN}


def reference_line(depth, grid, geom, threshold):
    wet = cover = 0.0
    top = -np.inf
    for r in range(grid.height):
        for c in range(grid.width):
            x = grid.x0 + c * grid.dx
            y = grid.y0 - r * grid.dy
            length = box(x, y - grid.dy, x + grid.dx, y).intersection(geom).length
            if length <= 0 or np.isnan(depth[r, c]):
                continue
            cover += length
            wet += length if depth[r, c] > threshold else 0.0
            top = max(top, depth[r, c])
    return {"wet_length": wet, "max": top if cover else NAN, "covered_share": cover / geom.length}


def random_polygon(rng, cx, cy, size):
    """Star-shaped (so valid) polygon; sometimes with a hole around its centre."""
    k = int(rng.integers(3, 12))
    angles = np.sort(rng.uniform(0, 2 * np.pi, k))
    radii = rng.uniform(0.3, 1.0, k) * size
    shell = list(zip(cx + radii * np.cos(angles), cy + radii * np.sin(angles)))
    holes = []
    if rng.random() < 0.3:
        h = 0.2 * radii.min()
        holes = [[(cx - h, cy - h), (cx + h, cy - h), (cx + h, cy + h), (cx - h, cy + h)]]
    poly = Polygon(shell, holes)
    return poly if poly.is_valid else Polygon(shell)


def test_random_polygons_and_lines_match_the_brute_force_reference():
    rng = np.random.default_rng(7)
    grid = Grid(x0=500003.0, y0=2500017.0, dx=3.0, dy=2.0, width=12, height=10)
    depth = rng.gamma(1.0, 0.5, (10, 12))
    depth[rng.random((10, 12)) < 0.25] = 0.0
    depth[rng.random((10, 12)) < 0.1] = NAN
    xmin, ymin, xmax, ymax = grid.bounds
    polys = [random_polygon(rng, rng.uniform(xmin - 3, xmax + 3), rng.uniform(ymin - 3, ymax + 3),
                            rng.uniform(0.5, 12)) for _ in range(60)]
    polys.append(MultiPolygon([polys[0], box(xmin + 1, ymin + 1, xmin + 2.5, ymin + 1.5)])
                 if polys[0].disjoint(box(xmin + 1, ymin + 1, xmin + 2.5, ymin + 1.5))
                 else polys[1])
    out = polygon_stats(depth, grid, polys, threshold=0.3)
    checked = 0
    for i, poly in enumerate(polys):
        ref = reference_polygon(depth, grid, poly, 0.3)
        assert out["area"][i] == pytest.approx(poly.area, rel=1e-9)
        assert out["covered_share"][i] == pytest.approx(ref["covered_share"], rel=1e-6, abs=1e-9)
        for key in ("mean", "max", "wet_share"):
            if math.isnan(ref[key]):
                assert math.isnan(out[key][i]), (i, key)
            else:
                # the criterion is 1 % per feature; the method is exact up to rounding
                assert out[key][i] == pytest.approx(ref[key], rel=0.01, abs=1e-9), (i, key)
                assert out[key][i] == pytest.approx(ref[key], rel=1e-6, abs=1e-9), (i, key)
                checked += 1
    assert checked > 60
    lines = []
    for _ in range(40):
        k = int(rng.integers(2, 6))
        pts = list(zip(rng.uniform(xmin - 4, xmax + 4, k), rng.uniform(ymin - 4, ymax + 4, k)))
        lines.append(LineString(pts))
    out = line_stats(depth, grid, lines, threshold=0.3)
    for i, geom in enumerate(lines):
        ref = reference_line(depth, grid, geom, 0.3)
        assert out["length"][i] == pytest.approx(geom.length, rel=1e-9)
        assert out["wet_length"][i] == pytest.approx(ref["wet_length"], rel=1e-6, abs=1e-6), i
        assert out["covered_share"][i] == pytest.approx(ref["covered_share"], rel=1e-6, abs=1e-9)
        if math.isnan(ref["max"]):
            assert math.isnan(out["max"][i])
        else:
            assert out["max"][i] == pytest.approx(ref["max"]), i


def test_big_polygons_are_cut_into_column_strips(monkeypatch):
    # windows larger than a chunk are processed a few columns at a time: same results
    geoms = [box(1, 1, 39, 39), box(5, 5, 7, 7), Polygon([(0, 40), (40, 40), (0, 3)]),
             box(12, 12, 14, 16), MultiPolygon([box(0, 30, 10, 40), box(30, 0, 40, 10)])]
    whole = polygon_stats(DEPTH, GRID, geoms)
    for chunk in (12, 7, 1):
        monkeypatch.setattr(zonal, "CHUNK_CELLS", chunk)
        seen = []
        parts = polygon_stats(DEPTH, GRID, geoms, progress=seen.append)
        assert seen[-1] == 1.0 and len(seen) >= 4
        for key in whole:
            np.testing.assert_allclose(parts[key], whole[key], rtol=1e-12, atol=1e-12)
