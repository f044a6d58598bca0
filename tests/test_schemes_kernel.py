"""Scheme comparison kernel (analysis/schemes.py, analysis/scheme_rank.py) on hand-drawn
boxes whose figures can be worked out on paper. No QGIS: these also run under QGIS's own
Python (tests/test_stock_python.py)."""

import numpy as np
import pytest
from shapely.geometry import box

from plugin.analysis import flood, height_control, sun, sunlight, zonal
from plugin.analysis.scheme_rank import RankInputError, competition_rank, normalise, rank
from plugin.analysis.schemes import (
    Buildings,
    SchemeInputError,
    Site,
    Surroundings,
    compare,
    compliance,
    flood_rows,
    form,
)

SITE = Site(box(0, 0, 100, 100), "s1", far_cap=2.0, height_cap=110.0)


def scheme(*specs):
    """Buildings from (x0, y0, x1, y1, height, gfa, floors)."""
    return Buildings([box(*s[:4]) for s in specs], [s[4] for s in specs],
                     grounds=[0.0] * len(specs), ids=["b{}".format(i) for i in range(len(specs))],
                     gfa=[s[5] for s in specs], floors=[s[6] for s in specs])


NAN = float("nan")


def test_kernel_gfa_far_and_density_of_a_scheme():
    # 20 × 20 with gfa 5000; 10 × 10 with 4 floors (400); 10 × 10 × 31 m (10 storeys: 1000).
    s = scheme((0, 0, 20, 20, 30, 5000, NAN), (30, 0, 40, 10, 12, NAN, 4),
               (50, 0, 60, 10, 31, NAN, NAN))
    figures, gfa = form(s, SITE)
    assert list(gfa) == [5000, 400, 1000]
    assert figures["gfa_m2"] == 6400 and figures["footprint_m2"] == pytest.approx(600)
    assert figures["far"] == pytest.approx(0.64) and figures["density"] == pytest.approx(0.06)
    assert figures["height_max_m"] == 31 and figures["height_mean_m"] == pytest.approx(73 / 3)
    assert figures["far_exceeds"] is False
    assert np.isnan(form(s)[0]["far"])          # without a site: no FAR


def test_kernel_height_control_site_cap_and_total_excess():
    tower = scheme((10, 10, 30, 30, 120, NAN, NAN), (50, 50, 60, 60, 40, NAN, NAN))
    parcel = height_control.Controls("parcel", [box(0, 0, 100, 100)], [100.0], ["p1"])
    figures, fails = compliance("A", tower, Surroundings(controls=[parcel]), SITE)
    assert (figures["height_exceeding"], figures["height_max_excess_m"]) == (1, 20.0)
    assert (figures["site_exceeding"], figures["site_max_excess_m"]) == (1, 10.0)
    assert sorted((f["check"], f["building"], f["excess_m"]) for f in fails) == [
        ("height_control", "b0", 20.0), ("site_height", "b0", 10.0)]


def test_kernel_rank_normalises_min_max_and_ties_share_a_rank():
    assert list(normalise([10, 20, 30], +1)) == [0.0, 0.5, 1.0]
    assert list(normalise([10, 20, 30], -1)) == [1.0, 0.5, 0.0]
    assert list(normalise([5, 5], -1)) == [1.0, 1.0]
    assert list(competition_rank([0.5, 0.9, 0.5, 0.1])) == [2, 1, 2, 4]
    values = {"gfa": [100.0, 200.0], "height": [0.0, 30.0], "sunlight": [NAN, NAN]}
    scores, score, ranks = rank(values, {"gfa": 1, "height": 1, "skyline": 0, "flood": 0})
    assert list(score) == [0.5, 0.5] and list(ranks) == [1, 1]
    _s, score, ranks = rank(values, {"gfa": 3, "height": 1})
    assert list(score) == [0.25, 0.75] and list(ranks) == [2, 1]
    assert np.isnan(scores["sunlight"]).all()
    with pytest.raises(RankInputError):
        rank(values, {"gfa": 0, "height": 0, "skyline": 0, "sunlight": 0, "flood": 0})
    with pytest.raises(RankInputError):
        rank(values, {"gfa": -1})


def test_kernel_flood_counts_buildings_from_their_max_depth():
    # 10 m cells over x 0–100, y 0–100; 0.5 m of water west of x = 50, dry east of it.
    grid = zonal.Grid(0.0, 100.0, 10.0, 10.0, 10, 10)
    deep = np.zeros((10, 10))
    deep[:, :5] = 0.5
    shallow = np.where(deep > 0, 0.1, 0.0)     # under the 0.15 m threshold: not affected
    s = scheme((10, 10, 30, 30, 30, 1000, NAN), (60, 60, 80, 80, 30, 2000, NAN))
    rows = flood_rows("A", s, np.array([1000.0, 2000.0]), Surroundings(scenarios=[
        flood.Scenario("rp20", shallow, grid), flood.Scenario("rp100", deep, grid)]))
    by = {r["scenario"]: r for r in rows}
    assert by["rp100"]["buildings_affected"] == 1 and by["rp100"]["gfa_affected_m2"] == 1000
    assert by["rp100"]["max_depth_m"] == 0.5 and by["rp100"]["worst"]
    assert by["rp20"]["buildings_affected"] == 0 and not by["rp20"]["worst"]


def _homes_and_track():
    """One 20 × 20 × 30 m home at the origin, the 大寒日 of 2026 at 114° E, 22.5° N."""
    home = Buildings([box(0, 0, 20, 20)], [30.0], [0.0], ["home"])
    day = sun.standard_day(2026, "dahan", 8.0)
    track = sunlight.sun_track(day, 114.0, 22.5, 8.0, 16.0, step=10.0)
    return home, track


def test_kernel_a_wall_to_the_south_takes_the_homes_sunlight_and_a_far_scheme_does_not():
    home, track = _homes_and_track()
    # 400 m wide, 100 m tall, 10 m south of the home: above the winter sun at every step.
    wall = scheme((-190, -40, 210, -10, 100, NAN, NAN))
    far = scheme((-10, -1040, 30, -1000, 100, NAN, NAN))
    around = Surroundings(buildings=home, homes=np.array([0]), track=track)
    result = compare({"wall": wall, "far": far}, around, weights={"sunlight": 1, "gfa": 0,
                                                                  "height": 0})
    t = result.table.set_index("scheme")
    points = t.loc["wall", "sunlight_points"]
    assert points > 0
    assert t.loc["wall", "sunlight_points_lost"] == points
    assert t.loc["wall", "sunlight_points_gained"] == 0
    assert t.loc["wall", "sunlight_homes_lost"] == 1
    assert t.loc["wall", "sunlight_homes_lost_ids"] == ["home"]
    assert t.loc["far", "sunlight_points_lost"] == 0 and t.loc["far", "sunlight_homes_lost"] == 0
    assert (t.loc["far", "rank"], t.loc["wall", "rank"]) == (1, 2)
    changed = result.sunlight
    assert set(changed["change"]) == {"lost"} and len(changed) == points
    assert (changed["hours_before"] >= 3).all() and (changed["hours_after"] < 3).all()


def test_kernel_fewer_than_two_schemes_are_refused():
    with pytest.raises(SchemeInputError, match="at least two design schemes"):
        compare({"only": scheme((0, 0, 10, 10, 10, NAN, NAN))}, Surroundings())


def test_kernel_weights_decide_between_more_floor_area_and_compliance():
    big = scheme((10, 10, 30, 30, 150, 9000, NAN))       # 150 m under a 110 m site cap
    small = scheme((10, 10, 30, 30, 60, 3000, NAN))
    pair = {"big": big, "small": small}
    by_gfa = compare(pair, Surroundings(), SITE, {"gfa": 1, "height": 0}).table
    by_height = compare(pair, Surroundings(), SITE, {"gfa": 0, "height": 1}).table
    assert by_gfa.set_index("scheme")["rank"].to_dict() == {"big": 1, "small": 2}
    assert by_height.set_index("scheme")["rank"].to_dict() == {"big": 2, "small": 1}
    assert by_gfa.set_index("scheme").loc["big", "excess_total_m"] == 40.0


def test_kernel_a_scheme_clearing_a_tall_block_gives_the_home_its_sunlight_back():
    home, track = _homes_and_track()
    # The existing 100 m block south of the home shades it all day; the scheme replaces
    # it (same footprint) by a 5 m pavilion, so the site is cleared and the sun returns.
    site = Buildings([box(0, 0, 20, 20), box(-190, -40, 210, -10)], [30.0, 100.0],
                     [0.0, 0.0], ["home", "block"])
    pavilion = scheme((-190, -40, 210, -10, 5, NAN, NAN))
    keep = scheme((-10, -1040, 30, -1000, 5, NAN, NAN))
    around = Surroundings(buildings=site, homes=np.array([0]), track=track)
    t = compare({"pavilion": pavilion, "keep": keep}, around,
                weights={"sunlight": 1, "gfa": 0, "height": 0}).table.set_index("scheme")
    points = t.loc["pavilion", "sunlight_points"]
    assert points > 0 and t.loc["pavilion", "sunlight_points_gained"] == points
    assert t.loc["pavilion", "sunlight_points_lost"] == 0
    assert t.loc["pavilion", "sunlight_homes_gained"] == t.loc["pavilion", "sunlight_homes"] == 1
    assert t.loc["keep", "sunlight_points_gained"] == 0
    assert (t.loc["pavilion", "rank"], t.loc["keep", "rank"]) == (1, 2)
