"""Catalog: twin: keyword tags → entries, districts, roles and the bilingual tree."""

import re

import pytest

from plugin.core.catalog import Catalog, parse_tags
from plugin.core.client import ServiceClient
from plugin.core.taxonomy import DEFAULT, SUBCATEGORIES, Taxonomy, label
from plugin.core.transport import QgisTransport
from tests.support.http_stub import COVERAGE_REL, Reply, StubServer

CJK = re.compile(r"[\u4e00-\u9fff]")

COLLECTIONS = [
    {"id": "buildings", "title": "Buildings", "description": "Footprints",
     "keywords": ["buildings", "twin:category=space", "twin:subcategory=buildings",
                  "twin:district=xiangmihu", "twin:district=houhai", "twin:kind=vector",
                  "twin:role=buildings", "twin:version=2024-06-01"],
     "extent": {"spatial": {"bbox": [[113.9, 22.5, 114.1, 22.6]]}},
     "crs": ["http://www.opengis.net/def/crs/OGC/1.3/CRS84"]},
    {"id": "metro-stations",
     # Keyword objects (OGC API Records style) and no category: derived from subcategory.
     "keywords": [{"keyword": "twin:subcategory=transit"}, {"keyword": "twin:district=*"},
                  {"keyword": "twin:role=metro-stations"}]},
    {"id": "flood-depth-rp50", "title": "Flood depth, 50-year",
     "keywords": ["twin:category=management", "twin:subcategory=risk", "twin:kind=raster",
                  "twin:role=flood-depth", "twin:scenario=rp50", "twin:district=houhai"]},
    {"id": "scheme-s1-a",
     "keywords": ["twin:category=management", "twin:subcategory=projects", "twin:kind=scheme",
                  "twin:scheme=s1-a", "twin:site=s1", "twin:district=xiangmihu"]},
    {"id": "poi-misc", "title": "Points of interest", "keywords": ["poi"]},
    {"id": "elevation", "links": [{"rel": COVERAGE_REL, "href": "/collections/elevation/coverage"}]},
]


@pytest.fixture
def catalog():
    return Catalog.from_collections(COLLECTIONS)


def test_tags_become_typed_fields(catalog):
    b = catalog.get("buildings")
    assert (b.category, b.subcategory, b.kind, b.role, b.version) == (
        "space", "buildings", "vector", "buildings", "2024-06-01")
    assert b.districts == ["xiangmihu", "houhai"]
    assert b.bbox == (113.9, 22.5, 114.1, 22.6)
    assert b.title == "Buildings" and b.raw is COLLECTIONS[0]
    flood = catalog.get("flood-depth-rp50")
    assert (flood.kind, flood.role, flood.scenario) == ("raster", "flood-depth", "rp50")
    scheme = catalog.get("scheme-s1-a")
    assert (scheme.kind, scheme.scheme, scheme.site) == ("scheme", "s1-a", "s1")


def test_keyword_objects_and_category_from_subcategory(catalog):
    metro = catalog.get("metro-stations")
    assert (metro.category, metro.subcategory, metro.role) == ("space", "transit", "metro-stations")
    assert metro.districts == ["*"]


def test_untagged_collections_are_unclassified_but_usable(catalog):
    assert [e.id for e in catalog.unclassified] == ["poi-misc", "elevation"]
    assert catalog.get("poi-misc").kind == "vector"
    assert catalog.get("elevation").kind == "raster", "a coverage link says raster"
    assert catalog.get("elevation").title == "elevation"


def test_district_filter_includes_city_wide(catalog):
    assert [e.id for e in catalog.for_district("xiangmihu")] == [
        "buildings", "metro-stations", "scheme-s1-a"]
    assert [e.id for e in catalog.for_district("houhai")] == [
        "buildings", "metro-stations", "flood-depth-rp50"]
    assert [e.id for e in catalog.for_district("guangming-science-city")] == ["metro-stations"]
    assert [e.id for e in catalog.for_district("x", include_untagged=True)] == [
        "metro-stations", "poi-misc", "elevation"]
    assert catalog.districts() == ["xiangmihu", "houhai"]


def test_by_role(catalog):
    assert [e.id for e in catalog.by_role("flood-depth")] == ["flood-depth-rp50"]
    assert catalog.by_role("flood-depth", district_id="xiangmihu") == []
    assert catalog.by_role("nothing") == []


def test_tree_in_english_and_chinese(catalog):
    tree = catalog.tree("en")
    assert [n["code"] for n in tree] == ["space", "management", "unclassified"]
    space = tree[0]
    assert space["label"] == "Basic urban space"
    assert [(c["code"], [e.id for e in c["entries"]]) for c in space["children"]] == [
        ("buildings", ["buildings"]), ("transit", ["metro-stations"])]
    zh = catalog.tree("zh_CN")
    assert [n["label"] for n in zh] == ["城市基础空间", "管理对象", "未分类"]
    assert zh[1]["children"][0]["label"] == "建设项目与方案"
    assert [e.id for e in zh[2]["children"][0]["entries"]] == ["poi-misc", "elevation"]


def test_all_25_subcategories_have_both_labels():
    assert len(SUBCATEGORIES) == 25 and len(DEFAULT.subcategories) == 25
    assert len(DEFAULT.categories) == 3
    for code in DEFAULT.subcategories + DEFAULT.categories:
        en, zh = label(code, "en"), label(code, "zh")
        assert en and not CJK.search(en), code
        assert CJK.search(zh), code
    assert label("water-level", "zh") == "水位监测"
    assert label("energy-metering") == "Energy meters and charger status"
    assert label("no-such-code", "zh") == "no-such-code"


def test_parse_tags_ignores_noise():
    assert parse_tags(["twin:district=a", "TWIN:District = b ", "twin:", "twin:x=", 3,
                       {"keyword": "twin:role=roads"}, "other"]) == {
        "district": ["a", "b"], "role": ["roads"]}


def test_service_taxonomy_replaces_the_default():
    doc = {"categories": [{"code": "space", "en": "Space", "zh": "空间",
                           "subcategories": [{"code": "bim", "en": "BIM models", "zh": "模型"}]}]}
    tax = Taxonomy.from_dict(doc)
    assert tax.label("bim", "zh") == "模型" and tax.category_of("bim") == "space"
    assert Taxonomy.from_dict({"bad": 1}).subcategories == DEFAULT.subcategories
    assert Taxonomy.from_dict(DEFAULT.to_dict()).labels == DEFAULT.labels
    with StubServer() as stub:
        stub.add_service([], landing_links=[
            {"rel": "describedby", "type": "application/json", "href": "/taxonomy.json"}])
        stub.route("/taxonomy.json", Reply(body=doc))
        client = ServiceClient(stub.url, transport=QgisTransport(timeout_ms=2000))
        assert Taxonomy.from_dict(client.taxonomy_document()).label("bim") == "BIM models"
