"""Compare design schemes through QGIS Processing on the reviewed sample district: the
sample's two schemes for site S1, each figure checked against the single tool run
separately on the same package layers (height control, district indicators, skyline,
sunlight hours, flood impact), then the rank, refusals, cancel, styles, charts and the
review's step (review_schemes.scheme_comparison)."""

import dataclasses
import shutil

import pytest
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProject,
    QgsVectorLayer,
)

from tests.support.processing_runs import (
    Recorder,
    loaded_run,
    package_layers,
    rows,
    run_algorithm,
)

ALG = "twindistrictreview:compareschemes"
OUTPUTS = ("OUTPUT", "SKYLINE_TABLE", "FLOOD_TABLE", "FAILURES", "SUNLIGHT_CHANGES")
SCHEMES = {"s1-a": "scheme_s1_a", "s1-b": "scheme_s1_b"}
SCENARIOS = ("flood_depth_rp20", "flood_depth_rp50", "flood_depth_rp100")
YEAR = 2026


@pytest.fixture(scope="module")
def sample(review):
    layers = package_layers(review, (*SCHEMES.values(), "sites", "buildings", "parcels",
                                     "height_control", "viewpoints", "view_corridors"),
                            ("dem", *SCENARIOS))
    yield layers
    layers.clear()


def full_params(sample):
    return {"SCHEMES": [sample[t] for t in SCHEMES.values()], "SITE": sample["sites"],
            "BUILDINGS": sample["buildings"], "PARCELS": sample["parcels"],
            "ZONES": sample["height_control"], "VIEWPOINTS": sample["viewpoints"],
            "CORRIDORS": sample["view_corridors"], "DEM": sample["dem"],
            "FLOOD_RASTERS": [sample[s] for s in SCENARIOS], "YEAR": YEAR}


@pytest.fixture(scope="module")
def comparison(sample, tmp_path_factory):
    charts = tmp_path_factory.mktemp("scheme_charts")
    results = run_algorithm(ALG, dict(full_params(sample), CHARTS=str(charts)), OUTPUTS)
    yield results
    results.clear()


def table(results):
    return rows(results["OUTPUT"], "scheme")


def single(alg, params, outputs):
    return run_algorithm("twindistrictreview:" + alg, params, outputs)


def test_one_row_per_scheme_and_the_best_is_rank_1(comparison):
    t = table(comparison)
    assert set(t) == set(SCHEMES) and comparison["SCHEME_COUNT"] == 2
    best = [name for name, r in t.items() if r["rank"] == 1]
    assert comparison["BEST"] == ", ".join(best)
    assert all(0.0 <= r["score"] <= 1.0 for r in t.values())
    # The site caps FAR at 6.0 and height at 200 m: scheme A (238 m tower) breaks both.
    assert t["s1-a"]["far_exceeds"] and not t["s1-b"]["far_exceeds"]
    assert t["s1-a"]["site_exceeding"] == 1 and t["s1-b"]["site_exceeding"] == 0
    failing = rows(comparison["FAILURES"])
    for name in SCHEMES:
        distinct = {f["building_id"] for f in failing if f["scheme"] == name}
        assert t[name]["buildings_failing"] == len(distinct)


def test_height_control_agrees_with_the_height_control_tool(sample, comparison):
    t = table(comparison)
    failures = rows(comparison["FAILURES"])
    for name, layer in SCHEMES.items():
        zones = single("heightcontrol", {"BUILDINGS": sample[layer],
                                         "PARCELS": sample["parcels"],
                                         "ZONES": sample["height_control"]}, ("OUTPUT",))
        site = single("heightcontrol", {"BUILDINGS": sample[layer], "PARCELS": sample["sites"],
                                        "PARCEL_ID_FIELD": "site_id"}, ("OUTPUT",))
        assert t[name]["height_exceeding"] == zones["EXCEEDING"]
        assert t[name]["height_max_excess_m"] == pytest.approx(zones["MAX_EXCESS"])
        assert t[name]["site_exceeding"] == site["EXCEEDING"]
        assert t[name]["site_max_excess_m"] == pytest.approx(site["MAX_EXCESS"])
        for check, result in (("height_control", zones), ("site_height", site)):
            expected = {(r["building_id"], r["excess_m"]) for r in rows(result["OUTPUT"])}
            got = {(f["building_id"], f["excess_m"]) for f in failures
                   if f["scheme"] == name and f["check"] == check}
            assert got == expected


def test_gfa_far_and_density_agree_with_the_district_indicators(sample, comparison):
    t = table(comparison)
    for name, layer in SCHEMES.items():
        result = single("districtindicators", {"DISTRICTS": sample["sites"],
                                               "DISTRICT_ID_FIELD": "site_id",
                                               "BUILDINGS": sample[layer]}, ("OUTPUT",))
        (ind,) = rows(result["OUTPUT"])
        assert t[name]["gfa_m2"] == pytest.approx(ind["gfa_m2"])
        assert t[name]["far"] == pytest.approx(ind["far"])
        assert t[name]["density"] == pytest.approx(ind["density"])


def test_skyline_change_agrees_with_the_skyline_tool(sample, comparison):
    sky = rows(comparison["SKYLINE_TABLE"], ("scheme", "viewpoint_id"))
    t = table(comparison)
    for name, layer in SCHEMES.items():
        result = single("skyline", {"VIEWPOINTS": sample["viewpoints"],
                                    "BUILDINGS": sample["buildings"], "SCHEME": sample[layer],
                                    "DEM": sample["dem"]},
                        ("PROFILE", "SKYLINE", "SKYLINE_BUILDINGS", "METRICS"))
        metrics = [m for m in rows(result["METRICS"]) if m["scenario"] == "scheme"]
        assert len(metrics) == sample["viewpoints"].featureCount()
        for m in metrics:
            mine = sky[(name, m["viewpoint_id"])]
            assert mine["mean_change"] == pytest.approx(m["mean_change"], abs=1e-9)
            assert mine["max_change"] == pytest.approx(m["max_change"], abs=1e-9)
            assert mine["buildings_above"] == m["buildings_above"]
        above = {b["building_id"] for b in rows(result["SKYLINE_BUILDINGS"])
                 if b["role"] == "scheme_above"}
        assert t[name]["skyline_buildings_above"] == len(above)
    assert t["s1-a"]["skyline_buildings_above"] > t["s1-b"]["skyline_buildings_above"]


def _extent(sample, distance=500.0):
    e = sample["sites"].extent()     # the package is in EPSG:4547 already
    return "{},{},{},{} [EPSG:4547]".format(e.xMinimum() - distance, e.xMaximum() + distance,
                                            e.yMinimum() - distance, e.yMaximum() + distance)


def _points(result):
    return {(round(p["_geom"].constGet().x(), 2), round(p["_geom"].constGet().y(), 2),
             round(p["_geom"].constGet().z(), 2)): (p["building"], p["compliant"])
            for p in rows(result["POINTS"])}


def test_sunlight_lost_and_gained_agree_with_the_sunlight_tool(sample, comparison):
    outs = ("POINTS", "BUILDINGS_OUT", "FACADES")
    base = {"BUILDINGS": sample["buildings"], "EXTENT": _extent(sample), "YEAR": YEAR}
    before = single("sunlighthours", base, outs)
    t = table(comparison)
    changes = rows(comparison["SUNLIGHT_CHANGES"])
    homes_before = {b["building"]: b["compliant"] for b in rows(before["BUILDINGS_OUT"])}
    for name, layer in SCHEMES.items():
        after = single("sunlighthours", dict(base, OBSTRUCTIONS=sample[layer]), outs)
        p0, p1 = _points(before), _points(after)
        assert set(p0) == set(p1) and t[name]["sunlight_points"] == len(p0)
        lost = {k for k in p0 if p0[k][1] and not p1[k][1]}
        gained = {k for k in p0 if not p0[k][1] and p1[k][1]}
        assert (t[name]["sunlight_points_lost"], t[name]["sunlight_points_gained"]) == (len(lost),
                                                                              len(gained))
        mine = {(round(c["_geom"].constGet().x(), 2), round(c["_geom"].constGet().y(), 2),
                 round(c["_geom"].constGet().z(), 2)): c["change"]
                for c in changes if c["scheme"] == name}
        assert mine == {**{k: "lost" for k in lost}, **{k: "gained" for k in gained}}
        homes_after = {b["building"]: b["compliant"] for b in rows(after["BUILDINGS_OUT"])}
        homes_lost = sorted(b for b, ok in homes_before.items() if ok and not homes_after[b])
        assert t[name]["sunlight_homes_lost"] == len(homes_lost)
        assert (t[name]["sunlight_homes_lost_ids"] or "") == "; ".join(homes_lost)
    assert any(t[name]["sunlight_points_lost"] for name in SCHEMES)


def test_flood_exposure_agrees_with_the_flood_tool(sample, comparison):
    mine = rows(comparison["FLOOD_TABLE"], ("scheme", "scenario"))
    t = table(comparison)
    for name, layer in SCHEMES.items():
        result = single("floodimpact", {"FLOOD_RASTERS": [sample[s] for s in SCENARIOS],
                                        "BUILDINGS": sample[layer]},
                        ("BUILDINGS_OUT", "IMPACT_AREAS", "SUMMARY", "COMPARISON"))
        measures = rows(result["COMPARISON"], "measure")
        for scenario in ("rp20", "rp50", "rp100"):
            r = mine[(name, scenario)]
            assert r["buildings_affected"] == measures["buildings_affected"][scenario]
            assert r["gfa_affected_m2"] == pytest.approx(measures["gfa_affected_m2"][scenario])
        worst = max(("rp20", "rp50", "rp100"), key=lambda s: mine[(name, s)]["gfa_affected_m2"])
        assert t[name]["flood_gfa_exposed_m2"] == pytest.approx(
            measures["gfa_affected_m2"][worst])


def test_weights_change_the_rank(sample):
    base = {"SCHEMES": [sample[t] for t in SCHEMES.values()], "SITE": sample["sites"],
            "PARCELS": sample["parcels"], "ZONES": sample["height_control"]}
    zero = {key: 0.0 for key in ("W_GFA", "W_HEIGHT", "W_SKYLINE", "W_SUNLIGHT", "W_FLOOD")}
    by_gfa = run_algorithm(ALG, dict(base, **dict(zero, W_GFA=1.0)), OUTPUTS)
    by_height = run_algorithm(ALG, dict(base, **dict(zero, W_HEIGHT=1.0)), OUTPUTS)
    gfa = table(by_gfa)
    more = max(SCHEMES, key=lambda n: gfa[n]["gfa_m2"])
    assert by_gfa["BEST"] == more
    height = table(by_height)
    fewer = min(SCHEMES, key=lambda n: height[n]["excess_total_m"])
    assert by_height["BEST"] == fewer and fewer != more


def _refusal(params):
    with pytest.raises(QgsProcessingException) as info:
        run_algorithm(ALG, params, OUTPUTS)
    message = str(info.value).splitlines()[-1]
    assert message.endswith(".") and message.count(". ") == 0
    return message


def test_bad_input_is_refused_in_one_sentence(sample):
    one = _refusal({"SCHEMES": [sample["scheme_s1_a"]]})
    assert "at least two design schemes" in one
    flat = QgsVectorLayer("Polygon?crs=EPSG:4547&field=name:string", "flat", "memory")
    feature = QgsFeature(flat.fields())
    feature.setGeometry(QgsGeometry.fromWkt("POLYGON((0 0,10 0,10 10,0 10,0 0))"))
    flat.dataProvider().addFeatures([feature])
    assert "no height field 'height'" in _refusal(
        {"SCHEMES": [sample["scheme_s1_a"], flat]})
    zero = {key: 0.0 for key in ("W_GFA", "W_HEIGHT", "W_SKYLINE", "W_SUNLIGHT", "W_FLOOD")}
    assert "weight above 0" in _refusal(
        dict({"SCHEMES": [sample[t] for t in SCHEMES.values()]}, **zero))


def test_cancel_is_honoured(sample):
    feedback = Recorder(cancel_at=40)
    try:
        results = run_algorithm(ALG, full_params(sample), OUTPUTS, feedback)
    except QgsProcessingException:
        results = {}
    assert feedback.isCanceled()
    assert not results or "OUTPUT" not in results
    assert feedback.max_progress < 90


def test_failures_and_sunlight_changes_are_styled_when_loaded(sample):
    params = dict(full_params(sample), FLOOD_RASTERS=None, VIEWPOINTS=None, CORRIDORS=None)
    with loaded_run(ALG, {k: v for k, v in params.items() if v is not None},
                    OUTPUTS) as loaded:
        for key, field in (("FAILURES", "check"), ("SUNLIGHT_CHANGES", "change")):
            renderer = loaded(key).renderer()
            assert renderer.type() == "categorizedSymbol" and renderer.classAttribute() == field


def test_charts_are_written_as_png_and_svg(comparison):
    from pathlib import Path

    folder = Path(comparison["CHARTS"])
    pngs = sorted(p.stem for p in folder.glob("*.png"))
    assert "scheme_scores" in pngs and "scheme_gfa_m2" in pngs
    assert sorted(p.stem for p in folder.glob("*.svg")) == pngs
    assert all(p.stat().st_size > 5000 for p in folder.glob("*.png"))


def test_the_review_step_writes_the_comparison_into_the_package(review, tmp_path):
    from plugin.core.package_info import read_package_info
    from plugin.processing.review_schemes import scheme_comparison

    gpkg = tmp_path / "xiangmihu.gpkg"
    shutil.copy(review["GEOPACKAGE"], gpkg)
    info = read_package_info(gpkg)
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = Recorder()
    specs, findings, result = scheme_comparison(info, gpkg, tmp_path, context, feedback,
                                                year=YEAR)
    assert result is not None, feedback.text()
    assert result["site"] == "s1" and sorted(result["schemes"]) == sorted(SCHEMES)
    for key in ("table", "skyline_table", "flood_table", "failures", "sunlight_changes"):
        layer = QgsVectorLayer("{}|layername={}".format(gpkg, result[key]), key, "ogr")
        assert layer.isValid(), key
    compared = QgsVectorLayer("{}|layername={}".format(gpkg, result["table"]), "t", "ogr")
    assert compared.featureCount() == 2
    assert {s["table"] for s in specs} >= {result["table"], result["failures"]}
    assert result["charts"] and all(p.endswith(".png") for p in result["charts"])
    assert (tmp_path / "xiangmihu_schemes").is_dir()
    labels = {label: value for label, value, _unit in findings}
    assert labels["Best scheme (weighted score)"] == result["best"]

    no_schemes = dataclasses.replace(info, layers=[layer for layer in info.layers
                                                   if layer.role != "scheme"])
    feedback = Recorder()
    assert scheme_comparison(no_schemes, gpkg, tmp_path, context, feedback) == ([], [], None)
    assert feedback.lines == ["No design schemes in the package: scheme comparison skipped."]
