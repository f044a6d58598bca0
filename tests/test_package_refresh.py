"""Refreshing an offline package against a sample service whose buildings changed:
exact diff counts before applying, the package untouched until applied, a snapshot of
the previous version, a building-changes layer, unchanged collections skipped."""

import json
import sqlite3
from pathlib import Path

import pytest

from tests.support.sample_changes import change_buildings, copy_sample, restart_service
from tests.support.twin_service import start_sample_service
from tests.test_district_package import sha1
from tests.test_district_review import open_offline

pytestmark = pytest.mark.usefixtures("qgis_app")


def run(algorithm, **params):
    import processing

    return processing.run("twindistrictreview:" + algorithm, params)


def table_rows(gpkg, sql):
    con = sqlite3.connect(str(gpkg))
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def refreshed(provider, tmp_path_factory):
    """Package Xiangmihu, change the service's buildings, preview, apply, refresh again."""
    base = tmp_path_factory.mktemp("refresh")
    service = start_sample_service(copy_sample(base / "sample"))
    try:
        gpkg = base / "pkg" / "xiangmihu.gpkg"
        made = run("packagedistrict", SERVICE_URL=service.url, DISTRICT="xiangmihu", MARGIN=100,
                   OUTPUT=str(gpkg))
        before = {"gpkg": sha1(gpkg), "qgz": sha1(gpkg.with_suffix(".qgz")),
                  "buildings": table_rows(gpkg, "SELECT count(*) FROM buildings")[0][0]}
        service.stop()
        change = change_buildings(service.data_dir, add=3, remove=2, raise_=4, raise_by=12.5)
        service = restart_service(service)
        preview = run("refreshdistrictpackage", PACKAGE=made["PROJECT"], APPLY=False,
                      DIFF=str(base / "preview.json"))
        after_preview = {"gpkg": sha1(gpkg), "qgz": sha1(gpkg.with_suffix(".qgz"))}
        applied = run("refreshdistrictpackage", PACKAGE=str(gpkg), APPLY=True,
                      DIFF=str(base / "applied.json"))
        changes = table_rows(gpkg, "SELECT twin_fid, change, height_before, height_after, "
                                   "height_delta FROM building_changes")
        report = open_offline(gpkg.with_suffix(".qgz"))
        again = run("refreshdistrictpackage", PACKAGE=str(gpkg), APPLY=True,
                    DIFF=str(base / "again.json"))
        forced = run("refreshdistrictpackage", PACKAGE=str(gpkg), APPLY=False, FORCE=True,
                     DIFF=str(base / "forced.json"))
        yield dict(gpkg=gpkg, before=before, change=change, preview=preview, changes=changes,
                   report=report,
                   after_preview=after_preview, applied=applied, again=again, forced=forced,
                   diff={name: json.loads((base / "{}.json".format(name)).read_text())
                         for name in ("preview", "applied", "again", "forced")})
    finally:
        service.stop()


def layers_by_table(diff):
    return {layer["table"]: layer for layer in diff["layers"]}


def test_preview_counts_exactly_and_changes_nothing(refreshed):
    diff = refreshed["diff"]["preview"]
    assert diff["applied"] is False
    buildings = layers_by_table(diff)["buildings"]
    assert (buildings["status"], buildings["added"], buildings["removed"], buildings["changed"]) \
        == ("changed", 3, 2, 4)
    others = [layer for layer in diff["layers"] if layer["table"] != "buildings"]
    assert others and all(layer["status"] == "skipped" for layer in others), others
    assert all("twin:version unchanged" in layer["reason"] for layer in others)
    preview = refreshed["preview"]
    assert (preview["ADDED"], preview["REMOVED"], preview["CHANGED"]) == (3, 2, 4)
    assert preview["SKIPPED"] == len(others)
    # The package is byte-identical until the changes are applied.
    assert refreshed["after_preview"] == {k: refreshed["before"][k] for k in ("gpkg", "qgz")}


def test_apply_keeps_snapshot_and_writes_building_changes(refreshed):
    gpkg, change = refreshed["gpkg"], refreshed["change"]
    diff = refreshed["diff"]["applied"]
    assert diff["applied"] is True
    snapshot = gpkg.parent / diff["previous_snapshot"]
    assert sha1(snapshot) == refreshed["before"]["gpkg"], "the snapshot is the previous package"
    assert table_rows(gpkg, "SELECT count(*) FROM buildings")[0][0] == \
        refreshed["before"]["buildings"] + 3 - 2
    rows = refreshed["changes"]
    by_kind = {}
    for fid, kind, *_ in rows:
        by_kind.setdefault(kind, set()).add(str(fid))
    assert by_kind == {"new": {str(i) for i in change["added"]},
                       "demolished": {str(i) for i in change["removed"]},
                       "height_changed": {str(i) for i in change["raised"]}}
    for fid, kind, before, after, delta in rows:
        if kind == "height_changed":
            assert delta == pytest.approx(12.5) and after - before == pytest.approx(12.5)
            assert (before, after) == pytest.approx(change["heights"][int(fid)])
    from plugin.core.package_info import read_package_info

    info = read_package_info(gpkg)
    assert info.snapshots[0] == diff["previous_snapshot"]
    assert info.layer("buildings").twin_version == change["version"]
    assert info.layer("buildings").feature_count == refreshed["before"]["buildings"] + 1


def test_refreshed_project_opens_offline_with_changes_layer(refreshed):
    report = refreshed["report"]
    assert report["requests"] == [] and all(layer["valid"] for layer in report["layers"])
    changes = [layer for layer in report["layers"] if layer["source"].endswith("building_changes")]
    assert len(changes) == 1 and changes[0]["features"] == 9
    assert changes[0]["renderer"] == "categorizedSymbol"
    buildings = [layer for layer in report["layers"] if layer["source"].endswith("=buildings")]
    assert buildings[0]["features"] == refreshed["before"]["buildings"] + 1


def test_second_refresh_skips_everything(refreshed):
    again = refreshed["again"]
    layers = refreshed["diff"]["again"]["layers"]
    assert all(layer["status"] == "skipped" for layer in layers)
    assert (again["ADDED"], again["REMOVED"], again["CHANGED"]) == (0, 0, 0)
    # Nothing changed: no new snapshot, and the changes layer still shows the last change.
    assert refreshed["diff"]["again"]["previous_snapshot"] is None
    from plugin.core.package_info import read_package_info

    assert len(read_package_info(refreshed["gpkg"]).snapshots) == 1
    assert table_rows(refreshed["gpkg"], "SELECT count(*) FROM building_changes")[0][0] == 9


def test_forced_re_pull_finds_no_false_changes(refreshed):
    layers = refreshed["diff"]["forced"]["layers"]
    assert layers and all(layer["status"] == "unchanged" for layer in layers), [
        (layer["table"], layer["status"]) for layer in layers if layer["status"] != "unchanged"]
    assert Path(refreshed["gpkg"]).is_file()


def test_http_validators_skip_unchanged_collections(twin_service, provider, tmp_path):
    """Behind a server that sends ETag / Last-Modified (and answers 304): the package
    records them, a refresh asks again conditionally and re-pulls only what changed."""
    from plugin.core.package_info import read_package_info
    from tests.support.dropping_proxy import DroppingProxy

    with DroppingProxy(twin_service, add_validators=True) as proxy:
        gpkg = tmp_path / "xm.gpkg"
        run("packagedistrict", SERVICE_URL=proxy.url, DISTRICT="xiangmihu",
            COLLECTIONS="districts,roads,green", MARGIN=0, OUTPUT=str(gpkg))
        info = read_package_info(gpkg)
        assert all(layer.etag and layer.last_modified for layer in info.layers)
        proxy.set_version("roads", "2")
        asked = len(proxy.requests)
        result = run("refreshdistrictpackage", PACKAGE=str(gpkg), APPLY=False,
                     DIFF=str(tmp_path / "diff.json"))
        status = {layer["table"]: (layer["status"], layer["reason"])
                  for layer in json.loads((tmp_path / "diff.json").read_text())["layers"]}
        assert status["districts"] == ("skipped", "validators unchanged")
        assert status["green"] == ("skipped", "validators unchanged")
        assert status["roads"] == ("unchanged", "")  # new ETag, same features
        conditional = [headers for headers in proxy.request_headers[asked:]
                       if "if-none-match" in headers]
        assert len(conditional) == 3
        assert result["SKIPPED"] == 2
