"""Put downloaded and live collections into a QGIS project, styled by role.

Runs on the main thread (it creates layers and touches the layer tree); the downloads
themselves ran before, in a task.
"""

from qgis.core import QgsProject, QgsRasterLayer, QgsVectorLayer

from .. import log, settings
from ..i18n import tr
from .downloads import entry_role
from .errors import TwinServiceError
from .live_layers import PROVIDER, oapif_uri
from .sensor_layer import build_sensor_layer
from .styles import apply_role_style
from .temporal import collection_time_extent, cover_in_project, make_temporal


def add_downloaded(result, project=None, group_name=None):
    """Add every layer of a DownloadResult to ``project`` (default: the current one) in a
    new top-level group (default: the GeoPackage's name); returns the layers added.

    Vectors come first and rasters last, so rasters never hide features."""
    project = project or QgsProject.instance()
    layers = []
    for downloaded in sorted(result.layers, key=lambda d: d.is_raster):
        layer = _open(downloaded)
        if layer is None:
            continue
        apply_role_style(layer, downloaded.role)
        if downloaded.role == "observations" and not downloaded.is_raster:
            cover_in_project(project, make_temporal(layer))  # animated by the controller
        layers.append(layer)
    if not layers:
        raise TwinServiceError(tr("None of the downloaded layers in {} could be opened.").format(
            result.gpkg_path.name))
    group = project.layerTreeRoot().insertGroup(0, group_name or result.gpkg_path.stem)
    for layer in layers:
        project.addMapLayer(layer, False)
        group.addLayer(layer)
    return layers


def _open(downloaded):
    if downloaded.is_raster:
        layer = QgsRasterLayer(downloaded.uri, downloaded.title, "gdal")
    else:
        layer = QgsVectorLayer(downloaded.uri, downloaded.title, "ogr")
    if not layer.isValid():
        log.warning("QGIS could not open the downloaded layer {} ({}): {}".format(
            downloaded.title, downloaded.uri, _error_text(layer)))
        return None
    return layer


def make_live_layer(connection, entry, name=None):
    """An OAPIF layer streaming collection ``entry`` of ``connection`` (requests carry the
    connection's authcfg), styled by role. TwinServiceError when it cannot be one."""
    title = name or entry.title or entry.id
    if entry.kind == "raster":
        raise TwinServiceError(tr("{} is a raster, so it cannot be a live feature layer; "
                                  "download it instead.").format(title))
    uri = oapif_uri(connection.url, entry.id, connection.authcfg,
                    settings.get("live_layer_max_features"))
    layer = QgsVectorLayer(uri, title, PROVIDER)
    if not layer.isValid():
        detail = "{}\n{}".format(uri, _error_text(layer))
        log.warning("Live layer {} is invalid:\n{}".format(entry.id, detail))
        raise TwinServiceError(tr("QGIS could not open {} from {} as a live layer.").format(
            title, connection.name), detail=detail)
    apply_role_style(layer, entry_role(entry))
    if entry.kind == "observations":
        # The advertised extent: computing it would fetch every observation.
        make_temporal(layer, "time", collection_time_extent(entry))
    return layer


def add_sensor_layer(source, project=None):
    """Build the live sensors layer of a tasks.SensorSource and add it to ``project``
    (default: the current one); returns the layer (its SensorWatch is the GUI's)."""
    project = project or QgsProject.instance()
    layer = build_sensor_layer(source.features, source.entry, source.readings,
                               getattr(source.client, "base_url", ""), source.observations_cid)
    project.addMapLayer(layer)
    return layer


def add_live_to_project(layers, project=None):
    """Add live layers to ``project``; a temporal one (observations) widens the project's
    time range, so the temporal controller offers the readings' period."""
    project = project or QgsProject.instance()
    for layer in layers:
        project.addMapLayer(layer)
        props = layer.temporalProperties()
        if props is not None and props.isActive():
            cover_in_project(project, props.fixedTemporalRange())
    return layers


def _error_text(layer):
    # QgsError.summary() of an empty error crashes QGIS 3.22: ask only when there is one.
    error = layer.error()
    return error.summary() if not error.isEmpty() else "(see the provider's messages)"
