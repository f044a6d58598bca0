"""Which maps the district review report shows, drawn by report.maps from the package's
own project (its layers with their styles): the overview, one flood map per scenario,
the sunlight map and the height and corridor findings."""

import json

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProject,
    QgsRectangle,
)

from ..i18n import tr

OVERVIEW = ("viewpoints", "metro_stations", "districts", "buildings", "roads", "green",
            "water")
CONTROLS = ("corridor_violations", "height_violations", "viewpoints", "view_corridors",
            "buildings", "water")
SUNLIGHT = ("sunlight_points", "sunlight_buildings", "buildings", "water")


def district_extent(info, crs, margin=0.05):
    """The district's bounding box in ``crs`` (from the package's GeoJSON, CRS84), grown
    by ``margin`` of its size; None without a district geometry."""
    try:
        geometry = json.loads(info.district_geometry or "null")
    except ValueError:
        return None
    points = list(_coordinates(geometry.get("coordinates") if geometry else None))
    if not points:
        return None
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    box = QgsRectangle(min(xs), min(ys), max(xs), max(ys))
    transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), crs,
                                       QgsProject.instance().transformContext())
    box = transform.transformBoundingBox(box)
    box.grow(max(box.width(), box.height()) * margin)
    return box


def _coordinates(value):
    if not value:
        return
    if isinstance(value[0], (int, float)):
        yield value
        return
    for item in value:
        yield from _coordinates(item)


def draw_maps(qgz, info, data, folder, feedback):
    """{key: (png path, caption)} of the maps that could be drawn; keys "overview",
    "flood:<scenario>", "sunlight", "controls". A map whose layers are missing or that
    comes out blank is left out (the report says so) and logged."""
    from .maps import project_layers, render_map

    project = QgsProject()
    if not qgz.is_file() or not project.read(str(qgz)):
        feedback.pushWarning(tr("The package's project {} could not be read: the report has "
                                "no maps.").format(qgz.name))
        return {}
    extent = district_extent(info, project.crs())
    wanted = [("overview", OVERVIEW, tr("Overview of {}").format(info.district_name))]
    if data.flood:
        titles = {layer.table_name: layer.title for layer in info.layers}
        for scenario in data.flood["scenarios"]:
            table = data.flood["tables"].get(scenario)
            if table:
                wanted.append(("flood:" + scenario, (table, "buildings", "roads", "water"),
                               titles.get(table) or tr("Flood depth: {}").format(table)))
    if data.sunlight:
        wanted.append(("sunlight", SUNLIGHT, tr("Sunlight on homes")))
    if data.heights is not None or data.corridors is not None:
        wanted.append(("controls", CONTROLS, tr("Height control and view corridor findings")))
    maps = {}
    for key, tables, caption in wanted:
        if feedback.isCanceled():
            break
        layers = project_layers(project, tables)
        if not layers:
            continue
        png = folder / "{}.png".format(key.replace(":", "_"))
        image = render_map(project, layers, png, caption, extent=extent)
        if image.blank:
            feedback.pushWarning(tr("The map '{}' came out blank and is left out.").format(
                caption))
            continue
        maps[key] = (image.path, caption)
    return maps
