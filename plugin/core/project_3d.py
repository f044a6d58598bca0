"""The 3D side of an offline district project: buildings and design schemes extruded by
``height`` on the DEM terrain, and a 3D map view that QGIS desktop opens with the project.

QGIS 3.22 keeps the terrain inside each 3D map view (``Qgs3DMapSettings``), which the
desktop application writes into the project as ``<mapViewDocks3D><view name=…>`` holding
``<qgis3d>`` (the map settings) and ``<camera>`` (the camera pose), and reads back when the
project opens. Its Python bindings have no terrain generator classes, so the settings are
made by reading a seed ``<qgis3d><terrain><generator type="dem" layer=…/>`` (or a ``flat``
one) through ``Qgs3DMapSettings.readXml``, setting the rest with its setters, and writing
the whole element with ``Qgs3DMapSettings.writeXml``: the XML is exactly what the desktop
writes. The ``<camera>`` pose beside it is written here, in the attributes the desktop's
camera controller reads. QGIS 3.26+ also gets the project terrain provider and the layers'
elevation properties (its elevation profiles use them).
"""

import math
from xml.sax.saxutils import quoteattr

from qgis.core import (
    QgsApplication,
    QgsCoordinateTransform,
    QgsCsException,
    QgsMapLayerType,
    QgsPointXY,
    QgsProperty,
    QgsRasterBandStats,
    QgsReadWriteContext,
    QgsRectangle,
    QgsVector3D,
)
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtXml import QDomDocument

from .. import log

try:  # QGIS built without its 3D library: 2D only
    from qgis._3d import (
        Qgs3D,
        Qgs3DMapSettings,
        Qgs3DTypes,
        QgsDirectionalLightSettings,
        QgsPhongMaterialSettings,
        QgsPolygon3DSymbol,
        QgsVectorLayer3DRenderer,
    )
except ImportError:  # pragma: no cover - every Debian/OSGeo4W/macOS build has it
    Qgs3DMapSettings = None

BUILDING_COLOUR = "#eadfcc"                        # warm light stone: the existing city
SCHEME_COLOURS = ("#8856a7", "#e6862e", "#2f8f9d")  # each design scheme its own colour
STOREY_M = 3.0                                     # height of a floor when only `floors` is known
DEM_RESOLUTION = 32                                # DEM samples per terrain tile side
SKIRT_M = 10.0                                     # terrain tile skirt (hides cracks between tiles)
PITCH, YAW = 45.0, 20.0                            # camera tilt from vertical, heading from north
WORLD_SIZE_TO_DISTANCE = 1.2                       # camera distance per metre of district size


def height_expression(layer):
    """The extrusion expression for a building-like layer, or None without height fields."""
    names = set(layer.fields().names())
    if "height" in names and "floors" in names:
        return 'coalesce("height", "floors" * {})'.format(STOREY_M)
    if "height" in names:
        return '"height"'
    if "floors" in names:
        return '"floors" * {}'.format(STOREY_M)
    return None


def _enum(qgis_name, old_name):
    """An altitude enum value: ``Qgis.AltitudeClamping.Terrain`` (3.26+) or ``Qgs3DTypes``'s."""
    from qgis.core import Qgis

    scope, member = qgis_name.split(".")
    if hasattr(Qgis, scope):
        return getattr(getattr(Qgis, scope), member)
    return getattr(Qgs3DTypes, old_name)


def extrude(layer, colour):
    """Give ``layer`` a 3D renderer: footprints extruded by height, standing on the terrain.

    Returns the extrusion expression, or None when the layer has nothing to extrude by."""
    expression = height_expression(layer)
    if expression is None or Qgs3DMapSettings is None:
        return None
    material = QgsPhongMaterialSettings()
    base = QColor(colour)
    material.setDiffuse(base)
    material.setAmbient(base.darker(260))
    material.setSpecular(QColor(40, 40, 40))
    material.setShininess(8.0)
    symbol = QgsPolygon3DSymbol()
    symbol.setMaterial(material)
    symbol.setExtrusionHeight(0.0)
    properties = symbol.dataDefinedProperties()
    properties.setProperty(QgsPolygon3DSymbol.PropertyExtrusionHeight,
                           QgsProperty.fromExpression(expression))
    symbol.setDataDefinedProperties(properties)
    # Each building's base sits on the terrain at its centroid: flat roofs on sloping ground.
    symbol.setAltitudeClamping(_enum("AltitudeClamping.Terrain", "AltClampTerrain"))
    symbol.setAltitudeBinding(_enum("AltitudeBinding.Centroid", "AltBindCentroid"))
    symbol.setEdgesEnabled(True)
    symbol.setEdgeColor(base.darker(170))
    symbol.setEdgeWidth(1.0)
    renderer = QgsVectorLayer3DRenderer(symbol)
    renderer.setLayer(layer)
    layer.setRenderer3D(renderer)
    _elevation_properties(layer, expression)
    return expression


def _elevation_properties(layer, expression):
    """QGIS 3.26+: the same clamping and extrusion for elevation profiles."""
    props = layer.elevationProperties() if hasattr(layer, "elevationProperties") else None
    if props is None or not hasattr(props, "setExtrusionEnabled"):
        return
    from qgis.core import QgsMapLayerElevationProperties

    props.setClamping(_enum("AltitudeClamping.Terrain", "AltClampTerrain"))
    props.setBinding(_enum("AltitudeBinding.Centroid", "AltBindCentroid"))
    props.setExtrusionEnabled(True)
    dd = props.dataDefinedProperties()
    dd.setProperty(QgsMapLayerElevationProperties.ExtrusionHeight,
                   QgsProperty.fromExpression(expression))
    props.setDataDefinedProperties(dd)


def setup_3d(project, layers_by_role, view_extent=None, name=None):
    """Extrude buildings and schemes, and add a 3D view of the district to ``project``.

    ``layers_by_role`` maps a role to its layers (already in ``project``); the first "dem"
    layer becomes the terrain, else the terrain is flat. ``view_extent`` (QgsRectangle in
    the project CRS) frames the camera, else the layers' extent. The view is written into
    the project file by ``project.write()``. Returns the Qgs3DMapSettings, or None when
    this QGIS has no 3D support."""
    if Qgs3DMapSettings is None:
        log.warning("This QGIS has no 3D library: the project gets no 3D view.")
        return None
    for layer in layers_by_role.get("buildings", []):
        extrude(layer, BUILDING_COLOUR)
    for i, layer in enumerate(layers_by_role.get("scheme", [])):
        extrude(layer, SCHEME_COLOURS[i % len(SCHEME_COLOURS)])
    dems = [layer for layer in layers_by_role.get("dem", [])
            if layer.type() == QgsMapLayerType.RasterLayer]
    dem = dems[0] if dems else None
    extent = QgsRectangle(view_extent) if view_extent is not None else QgsRectangle()
    if extent.isEmpty():
        for layers in layers_by_role.values():
            for layer in layers:
                extent.combineExtentWith(_in_crs(layer.extent(), layer.crs(), project))
    if extent.isEmpty():
        return None
    settings = map_settings(project, extent, dem)
    _project_terrain(project, dem)
    add_view(project, name or project.title() or "3D", settings, extent, dem)
    return settings


def map_settings(project, extent, dem=None):
    """Qgs3DMapSettings for ``extent``: DEM (or flat) terrain, the visible layers draped
    on it in drawing order, soft light, origin at the extent centre."""
    if dem is not None:
        generator = ('<generator type="dem" layer={} resolution="{}" skirt-height="{}"/>'
                     .format(quoteattr(dem.id()), DEM_RESOLUTION, SKIRT_M))
    else:
        generator = ('<generator type="flat"><extent xmin="{!r}" ymin="{!r}" xmax="{!r}" '
                     'ymax="{!r}"/></generator>'.format(extent.xMinimum(), extent.yMinimum(),
                                                         extent.xMaximum(), extent.yMaximum()))
    seed = QDomDocument()
    seed.setContent('<qgis3d><terrain>{}</terrain><point-lights/></qgis3d>'.format(generator))
    settings = Qgs3DMapSettings()
    context = _context(project)
    # readXml() makes the terrain generator (no Python API for it in 3.22).
    settings.readXml(seed.documentElement(), context)
    settings.setCrs(project.crs())
    settings.setTransformContext(project.transformContext())
    settings.setPathResolver(project.pathResolver())
    settings.setOrigin(origin_of(extent))
    root = project.layerTreeRoot()
    visible = {node.layerId() for node in root.findLayers() if node.isVisible()}
    settings.setLayers([layer for layer in root.layerOrder() if layer.id() in visible])
    # (No background or selection colour: the desktop takes both from the map canvas.)
    settings.setMapTileResolution(1024)
    settings.setTerrainShadingEnabled(True)
    terrain = QgsPhongMaterialSettings()
    terrain.setAmbient(QColor(105, 105, 105))
    terrain.setDiffuse(QColor(185, 185, 185))
    terrain.setSpecular(QColor(0, 0, 0))
    settings.setTerrainShadingMaterial(terrain)
    sun = QgsDirectionalLightSettings()
    sun.setDirection(QgsVector3D(-0.45, -1.0, -0.6))  # from the south-east, high
    sun.setIntensity(0.9)
    settings.setDirectionalLights([sun])
    return settings


def origin_of(extent):
    """The 3D world origin: the extent centre, to 6 significant digits (3.22 writes the
    origin with QString::number, which keeps 6, so this one survives the round trip)."""
    centre = extent.center()
    return QgsVector3D(float("{:.6g}".format(centre.x())), float("{:.6g}".format(centre.y())),
                       0.0)


def add_view(project, name, settings, extent, dem=None):
    """Write the 3D view ``name`` into the project file when ``project`` is written."""
    elevation = _elevation_at(dem, extent.center(), project) if dem is not None else 0.0
    distance = WORLD_SIZE_TO_DISTANCE * max(extent.width(), extent.height())
    centre = extent.center()
    origin = origin_of(extent)

    def add(doc):
        view = doc.createElement("view")
        view.setAttribute("name", name)
        view.setAttribute("isOpen", "1")        # 3.24+: open it with the project
        view.setAttribute("floating", "0")      # docked on the right of the map
        view.setAttribute("area", "2")          # Qt::RightDockWidgetArea
        view.setAttribute("width", "800")
        view.setAttribute("height", "480")
        view.appendChild(settings.writeXml(doc, _context(project)))
        camera = doc.createElement("camera")
        # 3.22 reads the pose relative to the origin (x east, y south, elev up); newer
        # versions prefer map coordinates (xMap, yMap, zMap).
        for key, value in (("x", centre.x() - origin.x()), ("y", origin.y() - centre.y()),
                           ("elev", elevation),
                           ("xMap", centre.x()), ("yMap", centre.y()), ("zMap", elevation),
                           ("dist", distance), ("pitch", PITCH), ("yaw", YAW)):
            camera.setAttribute(key, repr(float(value)))
        view.appendChild(camera)
        _views_element(doc).appendChild(view)

    project.writeProject.connect(add)
    return add


def _views_element(doc):
    """The project's ``<mapViewDocks3D>``, made when missing (QGIS 3.22 core does not write
    it; 3.24+ writes it from its views manager, and reads the first one either way)."""
    views = doc.documentElement().firstChildElement("mapViewDocks3D")
    if views.isNull():
        views = doc.createElement("mapViewDocks3D")
        doc.documentElement().appendChild(views)
    return views


def keep_3d(project):
    """Call before ``project.read()`` when a script or algorithm reads a project and writes
    it again: keeps the layers' 3D renderers (they need QGIS's 3D registry, which only the
    desktop fills) and the 3D views (QGIS 3.22 core drops ``<mapViewDocks3D>``, which only
    the desktop writes; 3.24+ keeps them itself)."""
    if Qgs3DMapSettings is None:
        return
    if "vector" not in QgsApplication.renderer3DRegistry().renderersList():
        Qgs3D.initialize()
    if hasattr(project, "viewsManager"):
        return
    kept = QDomDocument()

    def read(doc):
        views = doc.documentElement().firstChildElement("mapViewDocks3D")
        kept.setContent("<mapViewDocks3D/>")
        view = views.firstChildElement("view")
        while not view.isNull():
            kept.documentElement().appendChild(kept.importNode(view, True))
            view = view.nextSiblingElement("view")

    def write(doc):
        views = _views_element(doc)
        view = kept.documentElement().firstChildElement("view")
        while not view.isNull():
            views.appendChild(doc.importNode(view, True))
            view = view.nextSiblingElement("view")

    project.readProject.connect(read)
    project.writeProject.connect(write)


def _project_terrain(project, dem):
    """QGIS 3.26+: the project's own terrain (elevation profiles, newer 3D views)."""
    if dem is None or not hasattr(project, "elevationProperties"):
        return
    from qgis.core import QgsRasterDemTerrainProvider

    provider = QgsRasterDemTerrainProvider()
    provider.setLayer(dem)
    project.elevationProperties().setTerrainProvider(provider)
    props = dem.elevationProperties() if hasattr(dem, "elevationProperties") else None
    if props is not None and hasattr(props, "setEnabled"):
        props.setEnabled(True)


def _elevation_at(dem, point, project):
    """The DEM's value at ``point`` (project CRS), else its mean, else 0."""
    try:
        if dem.crs() != project.crs():
            point = QgsCoordinateTransform(project.crs(), dem.crs(), project).transform(point)
    except QgsCsException:
        return 0.0
    value, ok = dem.dataProvider().sample(QgsPointXY(point), 1)
    if ok and not math.isnan(value):
        return float(value)
    stats = dem.dataProvider().bandStatistics(1, QgsRasterBandStats.Mean, QgsRectangle(), 10000)
    return 0.0 if math.isnan(stats.mean) else float(stats.mean)


def _in_crs(extent, crs, project):
    if crs == project.crs() or extent.isEmpty():
        return extent
    try:
        return QgsCoordinateTransform(crs, project.crs(), project).transformBoundingBox(extent)
    except QgsCsException:
        return QgsRectangle()


def _context(project):
    context = QgsReadWriteContext()
    context.setPathResolver(project.pathResolver())
    return context


def view_elements(qgs_text):
    """(name, generator attributes) of each 3D view in a .qgs document (for checks)."""
    doc = QDomDocument()
    doc.setContent(qgs_text)
    views = doc.documentElement().firstChildElement("mapViewDocks3D")
    found = []
    view = views.firstChildElement("view")
    while not view.isNull():
        generator = (view.firstChildElement("qgis3d").firstChildElement("terrain")
                     .firstChildElement("generator"))
        attributes = generator.attributes()
        found.append((view.attribute("name"),
                      {attributes.item(i).nodeName(): attributes.item(i).nodeValue()
                       for i in range(attributes.count())}))
        view = view.nextSiblingElement("view")
    return found
