"""The diff engine of package refresh: what changed in a table between two versions,
and the "building changes" layer a reviewer looks at. Small GeoPackages written with
OGR, so each expected count can be checked by hand."""

import sqlite3

import pytest
from osgeo import ogr, osr
from qgis.core import QgsCategorizedSymbolRenderer, QgsVectorLayer

from plugin.core.errors import TwinServiceError
from plugin.core.package_diff import diff_tables, write_building_changes
from plugin.core.styles import apply_role_style

X0, Y0 = 500000.0, 2495000.0  # EPSG:4547, metres

FIELDS = {"twin_fid": ogr.OFTInteger64, "height": ogr.OFTReal, "floors": ogr.OFTInteger64,
          "use": ogr.OFTString, "name": ogr.OFTString}


def square(i, dx=0.0, side=10.0):
    """WKT of building i's footprint: a square in a row, shifted ``dx`` metres."""
    x, y = X0 + 50 * i + dx, Y0
    return "POLYGON (({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))".format(x, y, x + side, y + side)


def building(i, height=20.0, use="residential", **changes):
    row = {"twin_fid": i, "height": height, "floors": 6, "use": use, "name": "B{}".format(i),
           "wkt": square(i)}
    row.update(changes)
    return row


def write_gpkg(path, rows, table="buildings", fields=None, geometry_type=ogr.wkbPolygon,
               epsg=4547):
    """A GeoPackage table of ``rows`` (dicts of field values plus "wkt")."""
    fields = FIELDS if fields is None else fields
    ds = ogr.Open(str(path), 1) if path.exists() else \
        ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    layer = ds.CreateLayer(table, srs, geometry_type, ["FID=fid", "GEOMETRY_NAME=geom"])
    for name, kind in fields.items():
        layer.CreateField(ogr.FieldDefn(name, kind))
    for row in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        for name, value in row.items():
            if name != "wkt" and value is not None:
                feature.SetField(name, value)
        geometry = ogr.CreateGeometryFromWkt(row["wkt"])
        if geometry_type == ogr.wkbMultiPolygon:
            geometry = ogr.ForceToMultiPolygon(geometry)
        feature.SetGeometry(geometry)
        assert layer.CreateFeature(feature) == 0
    ds = None
    return path


@pytest.fixture
def versions(tmp_path):
    """Old: buildings 1-6. New: 1 demolished, 7 and 8 built, 2 raised from 20 to 26.5 m,
    3 turned into an office (attributes only), 4 moved 1 m east (geometry only)."""
    old = write_gpkg(tmp_path / "old.gpkg", [building(i) for i in range(1, 7)])
    new_rows = [building(2, height=26.5), building(3, use="office"),
                building(4, wkt=square(4, dx=1.0)), building(5), building(6),
                building(7, height=30.0), building(8, height=12.0)]
    new = write_gpkg(tmp_path / "new.gpkg", new_rows)
    return old, new


def test_adds_removes_and_each_kind_of_change_counted_exactly(versions):
    old, new = versions
    diff = diff_tables(old, "buildings", new)
    assert diff.table == "buildings"
    assert diff.keyed_by == "twin_fid"
    assert sorted(diff.added) == [7, 8]
    assert diff.removed == [1]
    assert sorted(diff.changed) == [2, 3, 4]  # height raise, attribute only, geometry only
    assert diff.unchanged == 2
    assert diff.counts == {"added": 2, "removed": 1, "changed": 3, "unchanged": 2}
    assert not diff.is_empty


def test_same_table_twice_is_empty(versions):
    old, _ = versions
    diff = diff_tables(old, "buildings", old)
    assert diff.is_empty
    assert diff.counts == {"added": 0, "removed": 0, "changed": 0, "unchanged": 6}


def test_multipolygon_of_one_part_is_the_same_building(tmp_path):
    rows = [building(i) for i in range(1, 4)]
    old = write_gpkg(tmp_path / "old.gpkg", rows, geometry_type=ogr.wkbPolygon)
    new = write_gpkg(tmp_path / "new.gpkg", rows, geometry_type=ogr.wkbMultiPolygon)
    assert diff_tables(old, "buildings", new).counts["unchanged"] == 3
    assert diff_tables(new, "buildings", old).is_empty
    # The same with sub-millimetre noise, and with a real change (2 cm).
    noisy = write_gpkg(tmp_path / "noisy.gpkg", [
        building(1, wkt=square(1, dx=1e-6)), building(2, height=20.0 + 1e-12),
        building(3, wkt=square(3, dx=0.02))], geometry_type=ogr.wkbMultiPolygon)
    diff = diff_tables(old, "buildings", noisy)
    assert (diff.changed, diff.unchanged) == ([3], 2)


def test_noise_and_schema_drift_are_no_change(tmp_path):
    """Float noise (also across a rounding boundary), sub-millimetre coordinate noise,
    an integer field widened to real, fields in another order, a new field that is
    NULL and a dropped one that was NULL: none of these is a change."""
    old_fields = dict(FIELDS, ratio=ogr.OFTReal, legacy=ogr.OFTString)
    old = write_gpkg(tmp_path / "old.gpkg", [
        building(1, ratio=0.3), building(2, height=1.0000000049999),
        building(3, wkt=square(3, dx=0.0004999)), building(4)], fields=old_fields)
    new_fields = {"name": ogr.OFTString, "use": ogr.OFTString, "floors": ogr.OFTReal,
                  "ratio": ogr.OFTReal, "height": ogr.OFTReal, "twin_fid": ogr.OFTInteger64,
                  "roof": ogr.OFTString}
    new = write_gpkg(tmp_path / "new.gpkg", [
        building(1, ratio=0.1 + 0.2, floors=6.0), building(2, height=1.0000000050001),
        building(3, wkt=square(3, dx=0.0005001)),
        building(4, height=20.0 + 1e-12, wkt=square(4, dx=1e-7))], fields=new_fields)
    diff = diff_tables(old, "buildings", new)
    assert diff.counts == {"added": 0, "removed": 0, "changed": 0, "unchanged": 4}


def test_what_is_past_the_tolerances_is_a_change(tmp_path):
    old = write_gpkg(tmp_path / "old.gpkg", [building(i) for i in range(1, 5)],
                     fields=dict(FIELDS, roof=ogr.OFTString))
    new = write_gpkg(tmp_path / "new.gpkg", [
        building(1, height=20.001),             # 1 mm higher
        building(2, wkt=square(2, dx=0.002)),   # moved 2 mm
        building(3, roof="green"),              # a value where there was NULL
        building(4, name=None)],                # a value became NULL
        fields=dict(FIELDS, roof=ogr.OFTString))
    assert sorted(diff_tables(old, "buildings", new).changed) == [1, 2, 3, 4]


def test_ignored_fields_do_not_count(tmp_path):
    fields = dict(FIELDS, fetched_at=ogr.OFTString)
    old = write_gpkg(tmp_path / "old.gpkg", [building(1, fetched_at="2026-11-01")], fields=fields)
    new = write_gpkg(tmp_path / "new.gpkg", [building(1, fetched_at="2026-11-24")], fields=fields)
    assert diff_tables(old, "buildings", new).changed == [1]
    assert diff_tables(old, "buildings", new, ignore_fields=("fid", "fetched_at")).is_empty


def test_integer_ids_match_text_ids(tmp_path):
    old = write_gpkg(tmp_path / "old.gpkg", [building(1), building(2)])
    text_ids = dict(FIELDS, twin_fid=ogr.OFTString)
    new = write_gpkg(tmp_path / "new.gpkg", [building(2, twin_fid="2"), building(3, twin_fid="3")],
                     fields=text_ids)
    diff = diff_tables(old, "buildings", new)
    assert (diff.added, diff.removed, diff.unchanged) == (["3"], ["1"], 1)


def test_renamed_table(tmp_path):
    old = write_gpkg(tmp_path / "old.gpkg", [building(1)], table="buildings")
    new = write_gpkg(tmp_path / "new.gpkg", [building(1), building(2)], table="buildings_v2")
    assert diff_tables(old, "buildings", new, "buildings_v2").added == [2]


def test_null_ids_fall_back_to_content(tmp_path):
    """Without ids features pair off by content (float noise aside): 3 stay, 5 goes, 6
    and 7 come, and 4's new height makes it a removal plus an addition. The lists hold
    GeoPackage fids."""
    old = write_gpkg(tmp_path / "old.gpkg", [building(i, twin_fid=None) for i in range(1, 6)])
    new = write_gpkg(tmp_path / "new.gpkg", [
        building(1, twin_fid=None), building(2, twin_fid=None, height=20.0 + 1e-12),
        building(3, twin_fid=None), building(4, twin_fid=None, height=35.0),
        building(6, twin_fid=None), building(7, twin_fid=None)])
    diff = diff_tables(old, "buildings", new)
    assert (diff.keyed_by, diff.fallback) == ("content", "null_id")
    assert sorted(diff.removed) == [4, 5]       # old fids: building 4 (old height), 5
    assert sorted(diff.added) == [4, 5, 6]      # new fids: building 4 (new height), 6, 7
    assert diff.changed == [] and diff.unchanged == 3


def test_duplicate_ids_fall_back_to_content(tmp_path):
    old = write_gpkg(tmp_path / "old.gpkg", [building(1), building(2)])
    new = write_gpkg(tmp_path / "new.gpkg", [building(1), building(3, twin_fid=1)])
    diff = diff_tables(old, "buildings", new)
    assert (diff.keyed_by, diff.fallback) == ("content", "duplicate_id")
    assert diff.counts == {"added": 1, "removed": 1, "changed": 0, "unchanged": 1}


def test_missing_old_table_or_file_makes_everything_added(tmp_path):
    new = write_gpkg(tmp_path / "new.gpkg", [building(i) for i in (1, 2, 3)])
    other = write_gpkg(tmp_path / "old.gpkg", [building(9)], table="roads")
    for old in (other, tmp_path / "absent.gpkg", None):
        diff = diff_tables(old, "buildings", new)
        assert (sorted(diff.added), diff.removed, diff.unchanged) == ([1, 2, 3], [], 0)
    assert diff_tables(new, "buildings", other).removed == [1, 2, 3]


def test_a_file_that_is_no_geopackage_is_one_sentence(tmp_path):
    bad = tmp_path / "bad.gpkg"
    bad.write_text("not a database")
    new = write_gpkg(tmp_path / "new.gpkg", [building(1)])
    with pytest.raises(TwinServiceError, match=r"^Could not read bad\.gpkg as a GeoPackage\.$"):
        diff_tables(bad, "buildings", new)


def rows_of(gpkg, table="building_changes"):
    ds = ogr.Open(str(gpkg))
    layer = ds.GetLayerByName(table)
    rows = {}
    for feature in layer:
        row = {k: feature.GetField(k) for k in feature.keys()}
        row["wkt"] = feature.GetGeometryRef().ExportToIsoWkt()
        rows[row["twin_fid"]] = row
    geometry_type = layer.GetGeomType()
    srs = layer.GetSpatialRef().GetAuthorityCode(None)
    return rows, geometry_type, srs


def same_shape(wkt_a, wkt_b):
    a, b = (ogr.ForceToMultiPolygon(ogr.CreateGeometryFromWkt(w)) for w in (wkt_a, wkt_b))
    return a.Equals(b)


def test_building_changes_rows(tmp_path):
    """Old 1-6 -> new: 1 demolished, 7 new, 2 raised 20 -> 26.5 m and made an office
    (height wins), 3 an office (other change), 4 raised 5 mm (within the 1 cm tolerance:
    not written), 5 moved 1 m (other change), 6 untouched."""
    old = write_gpkg(tmp_path / "old.gpkg", [building(i, height=10.0 + i) for i in range(1, 7)])
    new = write_gpkg(tmp_path / "new.gpkg", [
        building(2, height=26.5, use="office"), building(3, height=13.0, use="office"),
        building(4, height=14.005), building(5, height=15.0, wkt=square(5, dx=1.0)),
        building(6, height=16.0), building(7, height=30.0)])
    out = tmp_path / "changes.gpkg"
    counts = write_building_changes(old, new, "buildings", out)
    assert counts == {"new": 1, "demolished": 1, "height_changed": 1, "changed": 2}

    rows, geometry_type, srs = rows_of(out)
    assert set(rows) == {1, 2, 3, 5, 7}
    expected = {  # change, before, after, delta
        1: ("demolished", 11.0, None, None),
        2: ("height_changed", 12.0, 26.5, 14.5),
        3: ("changed", 13.0, 13.0, 0.0),
        5: ("changed", 15.0, 15.0, 0.0),
        7: ("new", None, 30.0, None),
    }
    for fid, (change, before, after, delta) in expected.items():
        row = rows[fid]
        assert (row["change"], row["height_before"], row["height_after"],
                row["height_delta"]) == (change, before, after, delta), fid
        assert row["name"] == "B{}".format(fid)
    assert rows[2]["use"] == "office" and rows[1]["use"] == "residential"
    # Geometry: the new footprint, the old one for a demolished building.
    assert same_shape(rows[5]["wkt"], square(5, dx=1.0))
    assert same_shape(rows[1]["wkt"], square(1))
    assert same_shape(rows[7]["wkt"], square(7))
    assert geometry_type == ogr.wkbMultiPolygon and srs == "4547"


def test_building_changes_replace_the_table_and_keep_the_rest(tmp_path, versions):
    """Written into an existing package: the old changes table is replaced, the other
    tables stay as they were."""
    old, new = versions
    package = write_gpkg(tmp_path / "package.gpkg", [building(i) for i in range(1, 4)])
    write_building_changes(old, new, "buildings", package)
    counts = write_building_changes(old, old, "buildings", package)  # nothing changed now
    assert counts == {"new": 0, "demolished": 0, "height_changed": 0, "changed": 0}
    assert rows_of(package)[0] == {}
    assert len(rows_of(package, "buildings")[0]) == 3
    con = sqlite3.connect(str(package))
    tables = {r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")}
    con.close()
    assert tables == {"buildings", "building_changes"}
    assert not [p.name for p in tmp_path.iterdir() if ".part" in p.name]


def test_building_changes_without_ids_are_new_and_demolished(tmp_path):
    old = write_gpkg(tmp_path / "old.gpkg", [building(i, twin_fid=None) for i in (1, 2, 3)])
    new = write_gpkg(tmp_path / "new.gpkg", [
        building(1, twin_fid=None), building(2, twin_fid=None, height=40.0)])
    out = tmp_path / "changes.gpkg"
    counts = write_building_changes(old, new, "buildings", out)
    assert counts == {"new": 1, "demolished": 2, "height_changed": 0, "changed": 0}
    ds = ogr.Open(str(out))
    rows = sorted((f.GetField("change"), f.GetField("height_before"), f.GetField("height_after"))
                  for f in ds.GetLayerByName("building_changes"))
    assert rows == [("demolished", 20.0, None), ("demolished", 20.0, None), ("new", None, 40.0)]


def test_building_changes_layer_opens_styled_by_change(qgis_app, tmp_path, versions):
    old, new = versions
    out = tmp_path / "changes.gpkg"
    write_building_changes(old, new, "buildings", out)
    write_building_changes(old, old, "buildings", out, out_table="no_changes")
    for table, count in (("building_changes", 6), ("no_changes", 0)):
        layer = QgsVectorLayer("{}|layername={}".format(out, table), table, "ogr")
        assert layer.isValid() and layer.featureCount() == count
        assert layer.crs().authid() == "EPSG:4547"
        assert apply_role_style(layer, "building-changes")
        renderer = layer.renderer()
        assert isinstance(renderer, QgsCategorizedSymbolRenderer)
        assert renderer.classAttribute() == "change"
        legend = {c.value(): (c.label(), c.symbol().color().name())
                  for c in renderer.categories()}
        assert legend == {"new": ("New", "#4daf4a"), "demolished": ("Demolished", "#e31a1c"),
                          "height_changed": ("Height changed", "#ff7f00"),
                          "changed": ("Other change", "#8fa3b8")}
    # Every written feature falls in one of the categories.
    changes = QgsVectorLayer("{}|layername=building_changes".format(out), "c", "ogr")
    assert {f["change"] for f in changes.getFeatures()} == {
        "new", "demolished", "height_changed", "changed"}


def test_geographic_layers_compare_to_a_millimetre_too(tmp_path):
    def lonlat(dx):
        x, y = 114.0 + dx, 22.5
        return "POLYGON (({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))".format(x, y, x + 1e-4,
                                                                             y + 1e-4)
    old = write_gpkg(tmp_path / "old.gpkg",
                     [building(1, wkt=lonlat(0)), building(2, wkt=lonlat(0))], epsg=4326)
    new = write_gpkg(tmp_path / "new.gpkg", [building(1, wkt=lonlat(1e-10)),   # ~0.01 mm
                                             building(2, wkt=lonlat(1e-6))],   # ~10 cm
                     epsg=4326)
    assert diff_tables(old, "buildings", new).changed == [2]
