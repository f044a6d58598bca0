"""Generate resources/styles/<role>.qml with PyQGIS (the QML output is committed).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_styles.py [ROLE ...]

With role names, only those styles are written (default: all).
"""

import sys
import tempfile
from pathlib import Path

from osgeo import gdal
from qgis.core import (
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsColorRampShader,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsGraduatedSymbolRenderer,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsProperty,
    QgsRasterLayer,
    QgsRasterShader,
    QgsRendererCategory,
    QgsRendererRange,
    QgsSingleBandPseudoColorRenderer,
    QgsSingleSymbolRenderer,
    QgsSymbol,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from plugin.core.styles import without_font_families  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "resources" / "styles"

# Chinese building height classes (GB 50352: low/multi-storey <= 24 m, high-rise,
# 50 m, 100 m super high-rise, 250 m).
HEIGHT_BANDS = [(0, 24), (24, 50), (50, 100), (100, 250), (250, 1000)]
HEIGHT_LABELS = ["0–24 m", "24–50 m", "50–100 m", "100–250 m", "> 250 m"]
BUILDING_COLOURS = ["#fee8c8", "#fdbb84", "#fc8d59", "#d7301f", "#7f0000"]  # light -> dark
SCHEME_COLOURS = ["#e0ecf4", "#bfd3e6", "#8c96c6", "#8856a7", "#4d004b"]   # distinct hue
# Building changes between two versions of a package (core/package_diff.py):
# value of "change", fill symbol, legend label.
CHANGE_CATEGORIES = [
    ("new", dict(fill="#4daf4a", outline="#1b7837", width="0.3"), "New"),
    ("demolished", dict(fill="#e31a1c", outline="#e31a1c", width="0.6", style="b_diagonal"),
     "Demolished"),
    ("height_changed", dict(fill="#ff7f00", outline="#b35806", width="0.3"), "Height changed"),
    ("changed", dict(fill="#8fa3b8", outline="#4d6275", width="0.3"), "Other change"),
]
# Flood impact (processing/flood_impact.py): the worst scenario's class key per feature,
# and nested impact areas per class. Blues as in flood-depth.qml, grey for no data.
FLOOD_CLASSES = [("dry", "#e8e8e8", "Dry"), ("minor", "#c6dbef", "Minor"),
                 ("moderate", "#6baed6", "Moderate"), ("severe", "#2171b5", "Severe"),
                 ("extreme", "#08306b", "Extreme"), ("no_data", "#ffffff", "No flood data")]


def _layer(geometry, fields):
    uri = "{}?crs=EPSG:4547&{}".format(geometry, "&".join("field={}".format(f) for f in fields))
    layer = QgsVectorLayer(uri, "style", "memory")
    assert layer.isValid(), uri
    return layer


def _fill(fill, outline="#555555", width="0.2", style="solid", outline_style="solid"):
    return QgsFillSymbol.createSimple({
        "color": fill, "outline_color": outline, "outline_width": width,
        "style": style, "outline_style": outline_style})


def _marker(colour, shape="circle", size="2.6", outline="#ffffff"):
    return QgsMarkerSymbol.createSimple({
        "color": colour, "name": shape, "size": size, "outline_color": outline,
        "outline_width": "0.3"})


def _labels(layer, expression, size=9, colour="#202020", is_expression=False):
    settings = QgsPalLayerSettings()
    settings.fieldName = expression
    settings.isExpression = is_expression
    fmt = QgsTextFormat()
    fmt.setSize(size)
    fmt.setColor(QColor(colour))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    buffer.setColor(QColor("#ffffff"))
    fmt.setBuffer(buffer)
    settings.setFormat(fmt)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def _graduated_height(colours):
    layer = _layer("Polygon", ["height:double", "floors:integer", "use:string"])
    ranges = []
    for (low, high), label, colour in zip(HEIGHT_BANDS, HEIGHT_LABELS, colours):
        ranges.append(QgsRendererRange(low, high, _fill(colour, "#6b6b6b", "0.1"), label))
    renderer = QgsGraduatedSymbolRenderer("height", ranges)
    layer.setRenderer(renderer)
    return layer


def _single(geometry, symbol, fields=("name:string",)):
    layer = _layer(geometry, list(fields))
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    return layer


def _building_changes():
    layer = _layer("MultiPolygon", ["twin_fid:string", "change:string", "height_before:double",
                                    "height_after:double", "height_delta:double"])
    categories = [QgsRendererCategory(value, _fill(**symbol), label)
                  for value, symbol, label in CHANGE_CATEGORIES]
    layer.setRenderer(QgsCategorizedSymbolRenderer("change", categories))
    return layer


# Scheme comparison (processing/compare_schemes.py): the check a scheme building fails,
# and the sunlight test points a scheme changes.
FAILURE_CATEGORIES = [("height_control", "#e31a1c", "Above the height control"),
                      ("site_height", "#ff7f00", "Above the site's height cap"),
                      ("corridor", "#ffd92f", "In a view corridor")]
SUN_CHANGES = [("lost", "#d7301f", "Sunlight lost"), ("gained", "#1a9850", "Sunlight gained")]


def _categorized(geometry, fields, field, categories, symbol):
    layer = _layer(geometry, fields)
    layer.setRenderer(QgsCategorizedSymbolRenderer(field, [
        QgsRendererCategory(value, symbol(colour), label)
        for value, colour, label in categories]))
    return layer


def _flood_symbol(geometry, key, colour):
    if geometry.endswith("Polygon"):
        if key == "no_data":
            return _fill("255,255,255,0", "#9e9e9e", "0.2", outline_style="dash")
        return _fill(colour, "#4d4d4d" if key == "dry" else "#08306b", "0.15")
    if geometry == "LineString":
        width = {"dry": "0.4", "minor": "0.6", "moderate": "0.8", "severe": "1.0",
                 "extreme": "1.2"}.get(key, "0.4")
        style = "dash" if key == "no_data" else "solid"
        return QgsLineSymbol.createSimple({"line_color": "#bdbdbd" if key == "no_data"
                                           else colour, "line_width": width,
                                           "line_style": style, "capstyle": "round"})
    return _marker(colour, "circle", "3.0" if key not in ("dry", "no_data") else "2.2",
                   outline="#636363" if key in ("dry", "no_data") else "#ffffff")


def _flood_exposure(geometry):
    layer = _layer(geometry, ["flood_class:string", "worst_scenario:string"])
    categories = [QgsRendererCategory(key, _flood_symbol(geometry, key, colour), label)
                  for key, colour, label in FLOOD_CLASSES]
    renderer = QgsCategorizedSymbolRenderer("flood_class", categories)
    # The worst drawn last, on top.
    renderer.setOrderBy(QgsFeatureRequest.OrderBy([QgsFeatureRequest.OrderByClause(
        "array_find(array('no_data','dry','minor','moderate','severe','extreme'), "
        "\"flood_class\")", True)]))
    renderer.setOrderByEnabled(True)
    layer.setRenderer(renderer)
    return layer


def _flood_areas():
    layer = _layer("MultiPolygon", ["scenario:string", "class_key:string", "min_depth:double",
                                    "area_m2:double"])
    categories = [QgsRendererCategory(key, _fill(colour, colour, "0.2"), label)
                  for key, colour, label in FLOOD_CLASSES if key not in ("dry", "no_data")]
    renderer = QgsCategorizedSymbolRenderer("class_key", categories)
    # Nested areas (minor ⊇ moderate ⊇ …): the largest first, deeper ones on top.
    renderer.setOrderBy(QgsFeatureRequest.OrderBy([QgsFeatureRequest.OrderByClause(
        "min_depth", True)]))
    renderer.setOrderByEnabled(True)
    layer.setRenderer(renderer)
    layer.setOpacity(0.75)
    return layer


# Live sensors layer (core/sensor_layer.py): state from warn_level / alarm_level.
SENSOR_STATES = [("normal", "#1a9850", "Normal"), ("warn", "#fdae61", "Warning"),
                 ("alarm", "#d7191c", "Alarm"), ("unknown", "#9e9e9e", "Unknown")]


def _sensor_marker(colour):
    symbol = _marker(colour, "circle", "3.6", outline="#303030")
    # Readings kept from before a failed refresh are drawn faded.
    symbol.setDataDefinedProperty(QgsSymbol.PropertyOpacity,
                                  QgsProperty.fromExpression('if("stale", 35, 100)'))
    return symbol


def _sensor_state():
    layer = _categorized("Point", ["sensor_id:string", "state:string", "latest_value:double",
                                   "unit:string", "stale:boolean"], "state", SENSOR_STATES,
                         _sensor_marker)
    # The value and unit ("0.45 m"); a dash while a sensor has no reading.
    _labels(layer, "if(\"latest_value\" IS NULL, '–', "
                   "concat(round(\"latest_value\", 2), ' ', coalesce(\"unit\", '')))",
            size=8, is_expression=True)
    labels = layer.labeling().settings()
    labels.dist = 1.0  # mm clear of the marker
    layer.setLabeling(QgsVectorLayerSimpleLabeling(labels))
    return layer


def build_vector(role):
    if role == "sensor-state":
        return _sensor_state()
    if role == "flood-impact-polygon":
        return _flood_exposure("MultiPolygon")
    if role == "flood-impact-line":
        return _flood_exposure("LineString")
    if role == "flood-impact-point":
        return _flood_exposure("Point")
    if role == "flood-impact-area":
        return _flood_areas()
    if role == "building-changes":
        return _building_changes()
    if role == "scheme-failures":
        return _categorized("MultiPolygon", ["scheme:string", "check:string", "excess_m:double"],
                            "check", FAILURE_CATEGORIES,
                            lambda c: _fill(c, "#67000d", "0.5"))
    if role == "sunlight-changes":
        return _categorized("PointZ", ["scheme:string", "change:string"], "change",
                            SUN_CHANGES, lambda c: _marker(c, "circle", "2.4"))
    if role == "sites":
        layer = _single("Polygon", _fill("0,0,0,0", "#6a3d9a", "0.8", style="no",
                                         outline_style="dash"), ("site_id:string", "name:string"))
        _labels(layer, "site_id", size=9, colour="#6a3d9a")
        return layer
    if role == "buildings":
        return _graduated_height(BUILDING_COLOURS)
    if role == "scheme":
        return _graduated_height(SCHEME_COLOURS)
    if role == "districts":
        layer = _single("Polygon", _fill("0,0,0,0", "#e31a1c", "0.8", style="no"),
                        ("district_id:string", "name:string", "name_zh:string"))
        _labels(layer, "name", size=11, colour="#b10026")
        return layer
    if role == "parcels":
        return _single("Polygon", _fill("#f7f4d9", "#a39b5a", "0.2"), ("parcel_id:string",))
    if role == "roads":
        return _single("LineString", QgsLineSymbol.createSimple(
            {"line_color": "#8c8c8c", "line_width": "0.6", "capstyle": "round"}))
    if role == "water":
        return _single("Polygon", _fill("#a6cee3", "#1f78b4", "0.2"))
    if role == "green":
        return _single("Polygon", _fill("#b2df8a", "#33a02c", "0.2"))
    if role == "height-control":
        layer = _single("Polygon", _fill("#fb9a99", "#e31a1c", "0.5", style="b_diagonal",
                                         outline_style="dash"), ("max_height:double",))
        _labels(layer, "concat(\"max_height\", ' m')", size=8, colour="#e31a1c",
                is_expression=True)
        return layer
    if role == "view-corridors":
        return _single("Polygon", _fill("255,221,51,90", "#d4a100", "0.4", outline_style="dash"),
                       ("corridor_id:string",))
    if role == "viewpoints":
        layer = _single("Point", _marker("#ff7f00", "star", "4.0"),
                        ("viewpoint_id:string", "name:string"))
        _labels(layer, "name", size=8)
        return layer
    if role == "metro-stations":
        layer = _single("Point", _marker("#0066b3", "square", "3.2"))
        _labels(layer, "name", size=8, colour="#0066b3")
        return layer
    if role == "ev-chargers":
        return _single("Point", _marker("#33a02c", "diamond", "2.8"))
    if role == "facilities":
        return _single("Point", _marker("#6a3d9a", "circle", "2.6"))
    if role == "water-level-gauges":
        return _single("Point", _marker("#1f78b4", "triangle", "3.4"), ("sensor_id:string",))
    if role == "rain-gauges":
        return _single("Point", _marker("#00a2b8", "circle", "3.0"), ("sensor_id:string",))
    if role == "observations":
        return _single("Point", _marker("#7f7f7f", "circle", "1.6"), ("sensor_id:string",))
    raise KeyError(role)


VECTOR_ROLES = [
    "buildings", "districts", "parcels", "roads", "water", "green", "metro-stations",
    "ev-chargers", "facilities", "height-control", "view-corridors", "viewpoints", "scheme",
    "water-level-gauges", "rain-gauges", "observations", "building-changes",
    "flood-impact-polygon", "flood-impact-line", "flood-impact-point", "flood-impact-area",
    "scheme-failures", "sunlight-changes", "sites", "sensor-state",
]
RASTER_ROLES = ["dem", "flood-depth"]


def _raster_layer(folder):
    path = str(Path(folder) / "r.tif")
    ds = gdal.GetDriverByName("GTiff").Create(path, 4, 4, 1, gdal.GDT_Float32)
    ds.SetGeoTransform((500000, 10, 0, 2500000, 0, -10))
    ds.GetRasterBand(1).SetNoDataValue(-9999)
    ds.GetRasterBand(1).Fill(1.0)
    ds = None
    layer = QgsRasterLayer(path, "style", "gdal")
    assert layer.isValid()
    return layer


def build_raster(role, folder):
    layer = _raster_layer(folder)
    shader_fn = QgsColorRampShader()
    if role == "dem":
        # Terrain ramp; apply_role_style re-stretches the values to each DEM's range.
        stops = [(0, "#267300", "0 m"), (20, "#a6d96a", ""), (50, "#ffffbf", ""),
                 (100, "#e6b85c", ""), (200, "#a6611a", ""), (400, "#ffffff", "400 m")]
        shader_fn.setColorRampType(QgsColorRampShader.Interpolated)
        lo, hi = 0.0, 400.0
    elif role == "flood-depth":
        # Discrete: each value is the class's upper bound (m).
        stops = [(0.15, "#c6dbef", "< 0.15 m"), (0.30, "#6baed6", "0.15–0.30 m"),
                 (0.50, "#3182bd", "0.30–0.50 m"), (1.00, "#08519c", "0.50–1.00 m"),
                 (float("inf"), "#08306b", "> 1.00 m")]
        shader_fn.setColorRampType(QgsColorRampShader.Discrete)
        lo, hi = 0.0, 2.0
    else:
        raise KeyError(role)
    shader_fn.setColorRampItemList([
        QgsColorRampShader.ColorRampItem(v, QColor(c), label or "{:g} m".format(v))
        for v, c, label in stops])
    shader_fn.setMinimumValue(lo)
    shader_fn.setMaximumValue(hi)
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(shader_fn)
    shader.setMinimumValue(lo)
    shader.setMaximumValue(hi)
    renderer = QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader)
    renderer.setClassificationMin(lo)
    renderer.setClassificationMax(hi)
    layer.setRenderer(renderer)
    layer.renderer().setOpacity(0.8 if role == "flood-depth" else 1.0)
    return layer


def main(roles=None):
    roles = roles or VECTOR_ROLES + RASTER_ROLES
    unknown = set(roles) - set(VECTOR_ROLES + RASTER_ROLES)
    if unknown:
        print("unknown roles: {}".format(", ".join(sorted(unknown))), file=sys.stderr)
        return 2
    app = QgsApplication([], False)
    app.initQgis()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for role in roles:
            layer = build_vector(role) if role in VECTOR_ROLES else build_raster(role, folder)
            path = OUT / "{}.qml".format(role)
            message, ok = layer.saveNamedStyle(str(path))
            if not ok:
                print("failed {}: {}".format(role, message), file=sys.stderr)
                return 1
            # The raster path of the dummy layer is not in the QML; the label font is.
            path.write_text(without_font_families(path.read_text(encoding="utf-8")),
                            encoding="utf-8")
            print("wrote", path.relative_to(OUT.parents[1]))
            del layer
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
