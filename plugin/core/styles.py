"""Default styles by role: resources/styles/<role>.qml (made by scripts/make_styles.py)."""

import re
from pathlib import Path

from qgis.core import QgsMapLayerType, QgsRasterBandStats, QgsSingleBandPseudoColorRenderer

STYLES_DIR = Path(__file__).resolve().parents[2] / "resources" / "styles"

RASTER_ROLES = {"dem", "flood-depth"}
# Roles whose values are re-stretched to each layer's own range after loading.
_STRETCH_ROLES = {"dem"}


def style_path(role):
    """The QML file for ``role`` (a twin:role, or "scheme"/"observations"), or None."""
    if not role:
        return None
    path = STYLES_DIR / "{}.qml".format(role)
    return path if path.is_file() else None


def apply_role_style(layer, role):
    """Load the default style of ``role`` into ``layer``; False when there is none or it
    does not fit the layer (a raster style on a vector layer or the reverse)."""
    path = style_path(role)
    if path is None or layer is None or not layer.isValid():
        return False
    is_raster = layer.type() == QgsMapLayerType.RasterLayer
    if is_raster != (role in RASTER_ROLES):
        return False
    _message, ok = layer.loadNamedStyle(str(path))
    if not ok:
        return False
    if is_raster and role in _STRETCH_ROLES:
        _stretch_to_data(layer)
    layer.triggerRepaint()
    return True


def _stretch_to_data(layer):
    """Spread the terrain ramp over this DEM's min..max (fixed stops suit no city)."""
    renderer = layer.renderer()
    if not isinstance(renderer, QgsSingleBandPseudoColorRenderer):
        return
    stats = layer.dataProvider().bandStatistics(
        1, QgsRasterBandStats.Min | QgsRasterBandStats.Max, layer.extent(), 250000)
    lo, hi = stats.minimumValue, stats.maximumValue
    if not hi > lo:
        return
    shader_fn = renderer.shader().rasterShaderFunction()
    items = shader_fn.colorRampItemList()
    old_lo, old_hi = items[0].value, items[-1].value
    for item in items:
        item.value = lo + (item.value - old_lo) * (hi - lo) / (old_hi - old_lo)
        item.label = "{:.0f} m".format(item.value)
    shader_fn.setColorRampItemList(items)
    shader_fn.setMinimumValue(lo)
    shader_fn.setMaximumValue(hi)
    renderer.setClassificationMin(lo)
    renderer.setClassificationMax(hi)


_FONT_FAMILY = re.compile(r'(<text-style\b[^>]*?)\s+fontFamily="[^"]*"')


def without_font_families(xml):
    """Label text styles without a font family name.

    The font a style was written with (often a headless default such as "DejaVu LGC
    Sans") is rarely installed where the project is opened, and QGIS then warns on every
    load. Without the attribute each QGIS labels with its own UI font, and CJK names
    still render through the system's font fallback."""
    return _FONT_FAMILY.sub(r"\1", xml)
