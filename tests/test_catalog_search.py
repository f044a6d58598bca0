"""Filtering the sample service's catalog the way the dock's search box and combos do."""

import time

import pytest

from plugin.core.catalog import Catalog
from plugin.core.catalog_search import SearchIndex, flat_bbox, kind_group
from plugin.core.client import ServiceClient

FLOODS = {"flood-depth-rp20", "flood-depth-rp50", "flood-depth-rp100"}


@pytest.fixture(scope="module")
def catalog(twin_service):
    return Catalog.from_collections(ServiceClient(twin_service, language="en").collections())


@pytest.fixture(scope="module")
def index(catalog):
    return SearchIndex(catalog.entries, catalog.taxonomy)


def test_no_filter_matches_everything(index, catalog):
    assert index.matching() == {e.id for e in catalog} and len(catalog) == 24


def test_text_matches_title_case_insensitively(index):
    assert index.matching("flood") == FLOODS
    assert index.matching("  FLOOD  ") == FLOODS


def test_every_word_must_match(index):
    assert index.matching("flood 100") == {"flood-depth-rp100"}
    assert index.matching("flood nonsense") == set()


def test_chinese_matches_labels_keywords_and_descriptions(index):
    assert "buildings" in index.matching("建筑")
    assert index.matching("内涝") == FLOODS
    # Only the subcategory's Chinese label says 雨量监测 ("rain gauges" subcategory).
    assert index.matching("雨量监测") == {"rain-gauges", "rainfall-observations"}


def test_english_subcategory_label_and_id_and_keyword_match(index):
    assert index.matching("utility pipelines") == set()
    assert index.matching("rail transit") == {"metro-stations"}  # the label, not the title
    assert index.matching("poi-misc") == {"poi-misc"}
    assert "buildings" in index.matching("bim")  # a human keyword


def test_twin_tags_are_not_searchable_text(index):
    # "twin:role=..." is machine data: searching "twin:" must not match every entry.
    assert index.matching("twin:") == set()


def test_district_filter_keeps_city_wide_and_drops_other_districts(index, catalog):
    houhai = index.matching(district="houhai")
    assert {"scheme-s1-a", "scheme-s1-b"}.isdisjoint(houhai)  # xiangmihu only
    assert {"buildings", "districts", "dem"} <= houhai
    assert "poi-misc" not in houhai  # untagged: coverage unknown
    assert index.matching(district="guangming-science-city") == {"districts"}
    assert {"scheme-s1-a", "scheme-s1-b"} <= index.matching(district="xiangmihu")


def test_kind_filter(index):
    assert index.matching(kinds={"raster"}) == {"dem"} | FLOODS
    assert index.matching(kinds={"scheme"}) == {"scheme-s1-a", "scheme-s1-b"}
    assert index.matching(kinds={"sensors"}) == {
        "water-level-gauges", "rain-gauges", "water-level-observations",
        "rainfall-observations"}
    assert index.matching("rain", kinds={"sensors"}, district="houhai") == {
        "rain-gauges", "rainfall-observations"}


def test_extent_filter(index, catalog):
    assert index.matching(extent=(0.0, 0.0, 1.0, 1.0)) == {
        e.id for e in catalog if e.bbox is None}
    scheme_site = (114.036, 22.5443, 114.0365, 22.5446)
    near = index.matching(extent=scheme_site)
    assert {"scheme-s1-a", "scheme-s1-b", "buildings"} <= near
    assert "metro-stations" in near  # its bbox spans both districts
    assert index.matching(extent=(113.89, 22.76, 113.93, 22.8)) == {"districts"}


def test_helpers():
    assert kind_group("observations") == "sensors" and kind_group("odd") == "vector"
    assert flat_bbox([1, 2, 0, 3, 4, 9]) == (1, 2, 3, 4) and flat_bbox(None) is None


def test_a_keystroke_over_4000_entries_takes_milliseconds(catalog):
    entries = [e for _ in range(175) for e in catalog.entries][:4000]
    index = SearchIndex(entries)
    start = time.perf_counter()
    for text in ("f", "fl", "flo", "floo", "flood", "建", "建筑"):
        index.matching(text, kinds={"vector", "raster"}, extent=(113.9, 22.5, 114.1, 22.6))
    per_key = (time.perf_counter() - start) / 7
    print("search per keystroke over 4000 entries: {:.1f} ms".format(per_key * 1000))
    assert per_key < 0.05
