"""Writing algorithm outputs: sinks from a field spec, features from Python values, and the
styles QGIS loads into an output layer."""

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsWkbTypes,
)

from ..core.styles import style_path
from .layer_io import python_value, to_qgs_geometry

# Post-processors must outlive processAlgorithm (QGIS keeps only a pointer).
_POST_PROCESSORS = []


class StylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Loads a resources/styles QML into an output layer when QGIS loads it."""

    def __init__(self, style):
        super().__init__()
        self.style = style

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (QGIS API name)
        if layer is not None and layer.isValid():
            layer.loadNamedStyle(str(style_path(self.style)))
            layer.triggerRepaint()

    @staticmethod
    def attach(context, dest_id, style):
        if not context.willLoadLayerOnCompletion(dest_id):
            return
        processor = StylePostProcessor(style)
        del _POST_PROCESSORS[:-50]
        _POST_PROCESSORS.append(processor)
        context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(processor)


def fields_of(spec):
    """QgsFields of [(name, QVariant type)]."""
    fields = QgsFields()
    for name, kind in spec:
        fields.append(QgsField(name, kind))
    return fields


def sink_for(alg, parameters, key, context, spec, crs=None, wkb=QgsWkbTypes.MultiPolygon,
             required=True):
    """(sink, dest_id, fields) of the output ``key`` with fields [(name, QVariant type)].

    A sink QGIS does not give is an error when ``required``; else (None, None, fields): an
    optional output the user skipped."""
    fields = spec if isinstance(spec, QgsFields) else fields_of(spec)
    if crs is None:
        sink, dest = alg.parameterAsSink(parameters, key, context, fields, wkb)
    else:
        sink, dest = alg.parameterAsSink(parameters, key, context, fields, wkb, crs)
    if sink is None and required:
        raise QgsProcessingException(alg.invalidSinkError(parameters, key))
    return sink, dest, fields


def add_feature(sink, fields, values, geometry=None, multi=True):
    """Add one feature; True when the sink took it.

    values: the attributes in field order, or a dict by field name (absent → NULL), each
    through python_value (numpy → Python, NaN → NULL). geometry: shapely, QgsGeometry or
    None; made multi-part when ``multi``."""
    feature = QgsFeature(fields)
    if geometry is not None:
        geom = geometry if isinstance(geometry, QgsGeometry) else to_qgs_geometry(geometry)
        if not geom.isNull():
            if multi:
                geom.convertToMultiType()
            feature.setGeometry(geom)
    if isinstance(values, dict):
        values = [values.get(fields.at(i).name()) for i in range(fields.count())]
    feature.setAttributes([python_value(v) for v in values])
    return sink.addFeature(feature, QgsFeatureSink.FastInsert)
