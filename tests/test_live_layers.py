"""Live OAPIF layers and downloaded layers in a project, styled by role."""

import xml.etree.ElementTree as ElementTree

import pytest
import requests
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsProject,
    QgsRectangle,
)

from plugin.core.catalog import Catalog
from plugin.core.client import ServiceClient
from plugin.core.connections import Connection
from plugin.core.downloads import download_collections
from plugin.core.errors import TwinServiceError
from plugin.core.project_layers import add_downloaded, make_live_layer
from plugin.core.styles import STYLES_DIR

from .test_downloads import district_polygon, service_features


def qml_renderer(role):
    """(renderer type, first symbol colour "r,g,b,a" or None) as written in the role's QML."""
    root = ElementTree.parse(STYLES_DIR / "{}.qml".format(role)).getroot()
    renderer = root.find("renderer-v2")
    if renderer is None:
        return root.find("pipe/rasterrenderer").get("type"), None
    for option in renderer.iter("Option"):
        if option.get("name") in ("color", "line_color"):  # lines name their colour so
            return renderer.get("type"), option.get("value")
    return renderer.get("type"), None


def layer_renderer(layer):
    renderer = layer.renderer()
    if hasattr(renderer, "symbols"):
        from qgis.core import QgsRenderContext

        symbols = renderer.symbols(QgsRenderContext())
        colour = symbols[0].color() if symbols else None
        rgba = ",".join(str(v) for v in colour.getRgb()) if colour is not None else None
        return renderer.type(), rgba
    return renderer.type(), None


@pytest.fixture(scope="module")
def catalog(twin_service):
    return Catalog.from_collections(ServiceClient(twin_service).collections())


@pytest.fixture
def connection(twin_service):
    return Connection("sample", twin_service)


def test_live_layer_streams_the_district_extent(qgis_app, connection, catalog, twin_service):
    layer = make_live_layer(connection, catalog.get("buildings"))
    assert layer.isValid() and layer.providerType() == "OAPIF"
    assert layer.name() == catalog.get("buildings").title == "Buildings"
    assert layer_renderer(layer)[0] == qml_renderer("buildings")[0] == "graduatedSymbol"
    assert layer.renderer().classAttribute() == "height"

    bounds = district_polygon(twin_service, "xiangmihu").bounds
    expected = {f["properties"]["bim_id"] for f in service_features(twin_service, "buildings",
                                                                     bounds)}
    rect = QgsCoordinateTransform(QgsCoordinateReferenceSystem("OGC:CRS84"), layer.crs(),
                                  QgsProject.instance()).transformBoundingBox(QgsRectangle(*bounds))
    got = {f["bim_id"] for f in layer.getFeatures(QgsFeatureRequest().setFilterRect(rect))}
    assert got == expected and len(got) == 2100


def test_live_layer_of_a_point_role_takes_its_colour(qgis_app, connection, catalog,
                                                       twin_service):
    layer = make_live_layer(connection, catalog.get("ev-chargers"), name="Chargers")
    assert layer.name() == "Chargers"
    assert layer_renderer(layer) == qml_renderer("ev-chargers")
    served = requests.get(twin_service + "/collections/ev-chargers/items?f=json&limit=1000",
                          timeout=30).json()["features"]
    assert len(list(layer.getFeatures())) == len(served) == 40


def test_live_layer_refuses_rasters_and_missing_collections(qgis_app, connection, catalog):
    with pytest.raises(TwinServiceError) as raster:
        make_live_layer(connection, catalog.get("dem"))
    assert "raster" in str(raster.value) and str(raster.value).endswith(".")
    gone = Connection("sample", connection.url + "/nothing-here")
    with pytest.raises(TwinServiceError) as invalid:
        make_live_layer(gone, catalog.get("roads"))
    assert str(invalid.value).endswith(".") and "\n" not in str(invalid.value)


def test_downloaded_layers_join_the_project_in_a_group_with_role_styles(
        qgis_app, twin_service, catalog, tmp_path):
    client = ServiceClient(twin_service)
    gpkg = tmp_path / "mixed.gpkg"
    ids = ("roads", "dem", "scheme-s1-a", "water-level-observations")
    result = download_collections(client, [catalog.get(c) for c in ids], gpkg)
    project = QgsProject()

    layers = add_downloaded(result, project=project, group_name="Mixed download")

    group = project.layerTreeRoot().findGroup("Mixed download")
    assert group is not None and project.layerTreeRoot().children()[0] is group
    in_group = [node.layer() for node in group.findLayers()]
    assert {layer.id() for layer in in_group} == {layer.id() for layer in layers}
    by_name = {layer.name(): layer for layer in layers}
    titles = {c["id"]: c["title"] for c in
              requests.get(twin_service + "/collections?f=json", timeout=30).json()["collections"]}
    assert set(by_name) == {titles[c] for c in ids}
    assert in_group[-1].name() == titles["dem"]  # rasters below the features
    assert by_name[titles["dem"]].renderer().type() == qml_renderer("dem")[0]
    assert layer_renderer(by_name[titles["roads"]]) == qml_renderer("roads")
    # Schemes and observations have no role tag: their kind picks the style.
    assert layer_renderer(by_name[titles["scheme-s1-a"]])[0] == qml_renderer("scheme")[0]
    assert layer_renderer(by_name[titles["water-level-observations"]]) == \
        qml_renderer("observations")
    assert by_name[titles["roads"]].featureCount() == len(service_features(twin_service, "roads"))
    assert all(layer.isValid() for layer in layers)


def test_live_layers_open_off_the_ui_thread(qtbot, connection, catalog, twin_service):
    from qgis.core import QgsApplication

    from plugin.core.tasks import LiveLayerTask

    said = {}
    task = LiveLayerTask(connection, [catalog.get("roads"), catalog.get("dem"),
                                      catalog.get("rain-gauges")])
    task.created.connect(lambda layers, problems: said.update(layers=layers, problems=problems))
    task.failed.connect(lambda sentence: said.update(failed=sentence))
    QgsApplication.taskManager().addTask(task)
    qtbot.waitUntil(lambda: bool(said), timeout=60000)

    layers = said["layers"]
    assert [layer.name() for layer in layers] == ["Roads", "Rain gauges"]
    assert len(said["problems"]) == 1 and "raster" in said["problems"][0]
    project = QgsProject()
    project.addMapLayers(layers)
    assert all(layer.thread() is QgsApplication.instance().thread() for layer in layers)
    assert len(list(layers[0].getFeatures())) == len(service_features(twin_service, "roads"))
    assert layer_renderer(layers[1]) == qml_renderer("rain-gauges")
