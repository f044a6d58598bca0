"""The catalog and a live layer from the real sample service, checked against the
generator's own manifest (what was put into the service, counted without it)."""

from qgis.core import QgsWkbTypes

from plugin.core.catalog import Catalog
from plugin.core.client import ServiceClient
from plugin.core.pull import pull_to_layer


def test_catalog_matches_the_manifest(twin_service, sample_manifest):
    catalog = Catalog.from_collections(ServiceClient(twin_service).collections())
    expected = sample_manifest["collections"]
    assert sorted(e.id for e in catalog.entries) == sorted(c["id"] for c in expected)
    tagged = {c["id"] for c in expected
              if {"twin:district=xiangmihu", "twin:district=*"} & set(c["keywords"])}
    assert {e.id for e in catalog.for_district("xiangmihu")} == tagged
    assert [e.id for e in catalog.unclassified] == ["poi-misc"]
    floods = sorted(e.scenario for e in catalog.by_role("flood-depth"))
    assert floods == ["rp100", "rp20", "rp50"]
    labels = [node["label"] for node in catalog.tree("zh")]
    assert labels == ["城市基础空间", "管理对象", "物联感知", "未分类"]


def test_pull_to_layer_gives_a_typed_metric_layer(twin_service, sample_manifest, tmp_path):
    expected = {c["id"]: c for c in sample_manifest["collections"]}["metro-stations"]["count"]
    layer = pull_to_layer(ServiceClient(twin_service), "metro-stations",
                          gpkg_path=tmp_path / "live.gpkg")
    assert layer.isValid() and layer.featureCount() == expected
    assert layer.crs().authid() == "EPSG:4547"
    assert layer.geometryType() == QgsWkbTypes.PointGeometry
    fields = {f.name(): f.typeName().lower() for f in layer.fields()}
    assert fields["capacity"].startswith("integer") and fields["name"] == "string"
    extent = layer.extent()  # metres in Shenzhen's 3-degree zone, not degrees
    assert 380000 < extent.xMinimum() < 520000 and 2400000 < extent.yMinimum() < 2600000
