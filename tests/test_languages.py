"""Service text follows the user's language: the client asks for it (Accept-Language),
the sample service answers in it, and pulled layers and offline projects carry it."""

import pytest
from qgis.core import QgsProject

from plugin.core.catalog import Catalog
from plugin.core.client import ServiceClient
from tests.test_translations import compiled_qm, qgis_locale  # noqa: F401 (fixture)


def catalog_of(client):
    return Catalog.from_collections(client.collections())


def test_client_language_picks_catalog_titles(twin_service):
    zh = catalog_of(ServiceClient(twin_service, language="zh"))
    en = catalog_of(ServiceClient(twin_service, language="en"))
    assert zh.get("buildings").title == "建筑"
    assert zh.get("flood-depth-rp20").title == "内涝水深（20年一遇）"
    assert en.get("buildings").title == "Buildings"
    assert en.get("flood-depth-rp20").title == "Flood depth, 20-year storm"
    # Only the text changes: the same collections, tags and taxonomy either way.
    assert [e.id for e in zh] == [e.id for e in en]
    assert [e.subcategory for e in zh] == [e.subcategory for e in en]


def test_client_follows_the_qgis_locale_when_it_sends(qgis_app, twin_service):
    client = ServiceClient(twin_service)  # built before the locale changes, as a task would be
    with qgis_locale("zh_CN"):
        assert client.headers()["Accept-Language"].startswith("zh-CN")
        assert catalog_of(client).get("water-level-gauges").title == "水位监测站"
    with qgis_locale("en_US"):
        assert catalog_of(ServiceClient(twin_service)).get("water-level-gauges").title == \
            "Water level gauges"


@pytest.fixture(scope="module")
def chinese_review(qgis_app, twin_service, provider, compiled_qm, tmp_path_factory):  # noqa: F811
    """A district review run with QGIS in Chinese (translator installed as the plugin does)."""
    import processing
    from qgis.PyQt.QtCore import QCoreApplication

    from plugin import i18n

    out = tmp_path_factory.mktemp("review_zh") / "houhai"
    with qgis_locale("zh_CN"):
        translator = i18n.install_translator()
        try:
            result = processing.run("twindistrictreview:reviewdistrict",
                                    {"SERVICE_URL": twin_service, "DISTRICT": "houhai",
                                     "OUTPUT_FOLDER": str(out)})
        finally:
            QCoreApplication.removeTranslator(translator)
    return result


def test_chinese_review_names_layers_groups_and_summary_in_chinese(chinese_review):
    project = QgsProject()
    assert project.read(chinese_review["PROJECT"])
    try:
        names = {layer.name() for layer in project.mapLayers().values()}
        assert {"建筑", "道路", "地铁站点", "片区指标", "内涝水深（20年一遇）"} <= names
        root = project.layerTreeRoot()
        groups = [group.name() for group in root.children()]
        assert {"城市基础空间", "管理对象", "审查成果"} <= set(groups)
        assert root.findGroup("城市基础空间").findGroup("建筑").findLayers()[0].name() == "建筑"
        assert project.title() == "数字孪生片区审查：后海"  # the district name too
    finally:
        project.clear()
    html = open(chinese_review["SUMMARY_HTML"], encoding="utf-8").read()
    assert "容积率" in html and "建筑密度" in html and "图层" in html
