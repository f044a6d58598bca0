"""City scale: a 4,000-collection catalog over HTTP, classified and filtered.

The documents come from sample_twin/big_catalog.py and are served by a real local
server (tests/support/static_catalog.py); expected results are computed here from the
generator's own dicts by plain loops, independently of the plugin's parser and index.
"""

import re
import time
from collections import Counter

import pytest

from plugin.core.catalog import Catalog
from plugin.core.catalog_search import SearchIndex
from plugin.core.client import ServiceClient
from plugin.core.taxonomy import CATEGORIES, SUBCATEGORIES
from plugin.core.transport import QgisTransport
from sample_twin.big_catalog import collections, twin_tags
from tests.support.static_catalog import serve_catalog

N = 4000
CJK = re.compile(r"[\u4e00-\u9fff]")
# code -> (English, Chinese), straight from the profile's tables.
LABELS = {code: (en, zh) for code, en, zh in CATEGORIES}
LABELS.update({code: (en, zh) for _cat, code, en, zh in SUBCATEGORIES})
LABELS["unclassified"] = ("Unclassified", "未分类")


@pytest.fixture(scope="module")
def docs():
    return collections(N, seed=7)


@pytest.fixture(scope="module")
def server(docs):
    handle = serve_catalog(docs)
    yield handle
    handle.stop()


@pytest.fixture(scope="module")
def fetched(qgis_app, server):
    client = ServiceClient(server.url, transport=QgisTransport(timeout_ms=60000))
    return client.collections()


@pytest.fixture(scope="module")
def catalog(fetched):
    return Catalog.from_collections(fetched)


def test_generator_is_deterministic_and_city_shaped(docs):
    assert collections(50, seed=7) == docs[:50]
    assert collections(50, seed=8) != docs[:50]
    assert len({d["id"] for d in docs}) == N
    subs = {twin_tags(d)["subcategory"][0] for d in docs if twin_tags(d)}
    assert subs == {code for _cat, code, _en, _zh in SUBCATEGORIES}
    for d in docs:
        minx, miny, maxx, maxy = d["extent"]["spatial"]["bbox"][0]
        assert 113.75 <= minx < maxx <= 114.65 and 22.45 <= miny < maxy <= 22.85


def test_all_4000_arrive_over_http_in_one_list(server, fetched, docs):
    assert [c["id"] for c in fetched] == [d["id"] for d in docs]
    assert fetched[123] == docs[123]  # titles, descriptions with < & " survive intact
    assert server.requests.count("/collections") == 1


def test_paged_list_arrives_exactly_once_each(qgis_app, docs):
    handle = serve_catalog(docs, page=500)
    try:
        client = ServiceClient(handle.url, transport=QgisTransport(timeout_ms=60000))
        ids = [c["id"] for c in client.collections()]
    finally:
        handle.stop()
    assert ids == [d["id"] for d in docs]
    # 8 full pages, then the empty page a full last page points to.
    assert len([p for p in handle.requests if p.startswith("/collections")]) == 9


def test_classified_per_subcategory_as_tagged(catalog, docs):
    expected = Counter(twin_tags(d)["subcategory"][0] for d in docs if twin_tags(d))
    tree = catalog.tree("en")
    got = Counter({child["code"]: len(child["entries"])
                   for node in tree if node["code"] != "unclassified"
                   for child in node["children"]})
    assert got == expected and len(got) == 25
    untagged = {d["id"] for d in docs if not twin_tags(d)}
    assert 0.02 * N < len(untagged) < 0.04 * N
    assert {e.id for e in catalog.unclassified} == untagged
    assert tree[-1]["code"] == "unclassified"


def test_rasters_known_by_tag_or_by_coverage_link(catalog, docs):
    for d in docs:
        tagged = twin_tags(d).get("kind")
        has_coverage = any("coverage" in link["rel"] for link in d["links"])
        entry = catalog.get(d["id"])
        assert entry.kind == (tagged[0] if tagged else ("raster" if has_coverage else "vector"))


def test_chinese_tree_labels(catalog):
    tree = catalog.tree("zh")
    assert [n["label"] for n in tree] == ["城市基础空间", "管理对象", "物联感知", "未分类"]
    for node in tree[:3]:
        assert all(CJK.search(child["label"]) for child in node["children"])


# -- filtering as the analyst types --------------------------------------------------
def _haystack(doc):
    tags = twin_tags(doc)
    codes = [tags["category"][0], tags["subcategory"][0]] if tags else ["unclassified"]
    parts = [doc["title"], doc["description"], doc["id"]]
    parts += [k for k in doc["keywords"] if not k.startswith("twin:")]
    parts += [label for code in codes for label in LABELS[code]]
    return " ".join(parts).lower()


def _kind_group(doc):
    tags = twin_tags(doc)
    kind = tags["kind"][0] if tags else (
        "raster" if any("coverage" in link["rel"] for link in doc["links"]) else "vector")
    return {"observations": "sensors"}.get(kind, kind)


def _expected(docs, text="", district=None, kinds=None, extent=None):
    words = text.lower().split()
    out = set()
    for d in docs:
        hay = _haystack(d)
        districts = twin_tags(d).get("district", [])
        minx, miny, maxx, maxy = d["extent"]["spatial"]["bbox"][0]
        if not all(w in hay for w in words):
            continue
        if district and district not in districts and "*" not in districts:
            continue
        if kinds and _kind_group(d) not in kinds:
            continue
        if extent and (maxx < extent[0] or extent[2] < minx
                       or maxy < extent[1] or extent[3] < miny):
            continue
        out.add(d["id"])
    return out


@pytest.fixture(scope="module")
def index(catalog):
    return SearchIndex(catalog.entries)


@pytest.mark.parametrize("text", ["f", "fl", "flo", "floo", "flood", "FLOOD", "建", "建筑",
                                  "pipelines 2025", "xiangmihu 管线", '"legacy"', "<b>",
                                  "未分类", "no such thing"])
def test_typed_text_finds_the_right_collections(index, docs, text):
    expected = _expected(docs, text)
    started = time.perf_counter()
    got = index.matching(text)
    seconds = time.perf_counter() - started
    assert got == expected
    assert seconds < 1.0  # a keystroke, on 4,000 collections


def test_typed_text_narrows(index, docs):
    sizes = [len(index.matching(t)) for t in ("f", "fl", "flo", "floo", "flood")]
    assert sizes == sorted(sizes, reverse=True) and sizes[-1] > 0
    assert len(index.matching("")) == N


def test_district_kind_and_extent_filters(index, docs):
    houhai = (113.92, 22.50, 113.96, 22.54)
    cases = [
        dict(district="houhai"),
        dict(text="flood", district="houhai", kinds={"raster"}),
        dict(kinds={"sensors"}),
        dict(text="建筑", extent=houhai),
        dict(text="gauges", district="guangming-science-city", kinds={"sensors", "vector"},
             extent=(113.75, 22.45, 114.65, 22.85)),
    ]
    for case in cases:
        expected = _expected(docs, **case)
        assert index.matching(**case) == expected, case
        assert expected, case  # each case selects something, so the check has teeth
    assert index.matching(district="houhai") < index.matching()
