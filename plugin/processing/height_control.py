"""Processing algorithm: height control check (高度控制). Thin: layers → kernel → sink.

The kernel (analysis/height_control.py) is imported when the algorithm runs, not when the
provider loads.
"""

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QVariant

from ..i18n import translate_note
from .base import ReviewAlgorithm
from .fields import height_controls, identifiers, numbers, optional_field
from .layer_io import require_geo_stack
from .sinks import StylePostProcessor, add_feature, sink_for

STYLE = "height-violations"
DEFAULT_MIN_OVERLAP = 0.5
LOGGED = 30   # exceeding buildings listed in the log, worst first


class HeightControlAlgorithm(ReviewAlgorithm):
    ICON = "height_control.svg"
    BUILDINGS = "BUILDINGS"
    HEIGHT_FIELD = "HEIGHT_FIELD"
    ID_FIELD = "ID_FIELD"
    PARCELS = "PARCELS"
    PARCEL_CAP_FIELD = "PARCEL_CAP_FIELD"
    PARCEL_ID_FIELD = "PARCEL_ID_FIELD"
    ZONES = "ZONES"
    ZONE_CAP_FIELD = "ZONE_CAP_FIELD"
    ZONE_ID_FIELD = "ZONE_ID_FIELD"
    ZONE_NAME_FIELD = "ZONE_NAME_FIELD"
    MIN_OVERLAP = "MIN_OVERLAP"
    CRS = "CRS"
    OUTPUT = "OUTPUT"
    NUMBERS = ("CHECKED", "EXCEEDING", "MAX_EXCESS", "NO_HEIGHT", "NO_CONTROL")

    def name(self):
        return "heightcontrol"

    def displayName(self):  # noqa: N802
        return self.tr("Height control check")

    def tags(self):
        return self.tr("height,cap,limit,parcel,zone,scheme,高度控制,限高,地块").split(",")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Height control check (高度控制): the buildings (existing, or a design "
            "scheme's) that are taller than the parcel's height cap or the height-control "
            "zone's maximum height, with the excess in metres.</p>"
            "<p><b>Method.</b> All layers are transformed to the analysis CRS (metres, "
            "default EPSG:4547). A parcel or zone governs a building when the footprint "
            "overlaps it with positive area; overlaps under the minimum overlap (default "
            "0.5 m²) are slivers from shared or redrawn boundaries and do not count, so a "
            "building that only touches a zone along its edge is not governed by it. Of all "
            "the caps governing a building the strictest (lowest) applies, whichever layer it "
            "comes from; on a tie the parcel is named first. Excess = height − cap (m); the "
            "building exceeds when the excess is above 0. A null cap is no cap.</p>"
            "<p><b>Outputs.</b> The exceeding buildings (whole footprints), styled by excess: "
            "building_id, height_m, cap_m, cap_source (parcel or zone), control_id, "
            "control_name, cap_set_by (every control at that cap), parcel_cap_m / parcel_id "
            "and zone_cap_m / zone_id (the strictest of each), controls (how many govern "
            "it), excess_m. The log and the output values count all buildings: checked, "
            "exceeding, the maximum excess (m), and those without a height or without any "
            "cap, which are named in the log and not checked.</p>"
            "<p><b>Assumptions.</b> Height is the building's height above ground (m), "
            "compared with caps in metres above ground; a building's parts all share its "
            "height.</p>")

    def initAlgorithm(self, config=None):  # noqa: N802
        polygon = [QgsProcessing.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.BUILDINGS, self.tr("Buildings or design scheme"), polygon))
        self.add_field_parameters(self.BUILDINGS, (
            (self.HEIGHT_FIELD, self.tr("Height field (m above ground)"), "height", True),
            (self.ID_FIELD, self.tr("Building id field (empty: feature id)"), "bim_id", False)))
        fields = ((self.PARCELS, self.tr("Parcels (height_cap)"), (
            (self.PARCEL_CAP_FIELD, self.tr("Parcel height cap field (m)"), "height_cap",
             True),
            (self.PARCEL_ID_FIELD, self.tr("Parcel id field"), "parcel_id", False))),
                  (self.ZONES, self.tr("Height-control zones (max_height)"), (
            (self.ZONE_CAP_FIELD, self.tr("Zone maximum height field (m)"), "max_height", True),
            (self.ZONE_ID_FIELD, self.tr("Zone id field"), "control_id", False),
            (self.ZONE_NAME_FIELD, self.tr("Zone name field"), "name", False))))
        for layer, label, layer_fields in fields:
            self.addParameter(QgsProcessingParameterFeatureSource(layer, label, polygon,
                                                                  optional=True))
            self.add_field_parameters(layer, layer_fields)
        self.addParameter(QgsProcessingParameterNumber(
            self.MIN_OVERLAP, self.tr("Minimum overlap for a control to apply (m²)"),
            QgsProcessingParameterNumber.Double, DEFAULT_MIN_OVERLAP, minValue=0.0))
        self.add_crs_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Buildings exceeding the height control"),
            QgsProcessing.TypeVectorPolygon))
        labels = {"CHECKED": self.tr("Buildings checked"),
                  "EXCEEDING": self.tr("Buildings exceeding"),
                  "MAX_EXCESS": self.tr("Maximum excess (m)"),
                  "NO_HEIGHT": self.tr("Buildings without height"),
                  "NO_CONTROL": self.tr("Buildings without any height cap")}
        self.add_number_outputs(labels)

    # -- inputs

    def _inputs(self, parameters, context):
        crs = self.analysis_crs(parameters, context)
        buildings = self.parameterAsSource(parameters, self.BUILDINGS, context)
        if buildings is None:
            raise QgsProcessingException(self.tr("Give the buildings or design scheme layer."))
        height = self.parameterAsString(parameters, self.HEIGHT_FIELD, context) or "height"
        if buildings.fields().indexOf(height) < 0:
            raise QgsProcessingException(self.tr(
                "The buildings layer has no height field '{}'.").format(height))
        controls = height_controls(self, parameters, context)
        if not controls:
            raise QgsProcessingException(self.tr(
                "Give parcels with a height cap, height-control zones, or both."))
        return crs, buildings, height, controls

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        require_geo_stack()
        from ..analysis import height_control as kernel
        from .layer_io import source_to_gdf

        crs, buildings, height, controls = self._inputs(parameters, context)
        id_field = optional_field(self, parameters, self.ID_FIELD, context, buildings,
                                  "bim_id", feedback, self.tr("Buildings"))
        frame, _ = source_to_gdf(buildings, crs, context, feedback, self.tr("Buildings"),
                                 progress_range=(0, 40))
        if feedback.isCanceled():
            return {}
        sets = []
        for n, (layer, source, cap) in enumerate(controls):
            if layer == self.PARCELS:
                kind, label = kernel.PARCEL, self.tr("Parcels")
                id_key, id_default, name_key = self.PARCEL_ID_FIELD, "parcel_id", None
            else:
                kind, label = kernel.ZONE, self.tr("Height-control zones")
                id_key, id_default, name_key = self.ZONE_ID_FIELD, "control_id", \
                    self.ZONE_NAME_FIELD
            ids = optional_field(self, parameters, id_key, context, source, id_default,
                                 feedback, label)
            names = (optional_field(self, parameters, name_key, context, source, "name",
                                    feedback, label) if name_key else None)
            ctl, _ = source_to_gdf(source, crs, context, feedback, label,
                                   progress_range=(40 + 20 * n, 60 + 20 * n))
            if feedback.isCanceled():
                return {}
            caps = numbers(ctl, cap)
            sets.append(kernel.Controls(kind, ctl.geometry.values, caps, identifiers(ctl, ids),
                                        list(ctl[names]) if names else None))
            feedback.pushInfo(self.tr("{}: {} features, {} with a cap ({}).").format(
                label, len(ctl), int((caps == caps).sum()), cap))
        feedback.setProgress(80)
        check = kernel.check_heights(
            frame.geometry.values, numbers(frame, height), sets,
            ids=identifiers(frame, id_field),
            min_overlap=self.parameterAsDouble(parameters, self.MIN_OVERLAP, context))
        for note in check.notes:
            feedback.pushWarning(translate_note(note))
        dest = self._write(parameters, context, feedback, check, frame.geometry.values, crs)
        if dest is None:
            return {}
        s = check.summary()
        feedback.pushInfo(self.tr(
            "{} buildings: {} checked, {} exceed their height cap (by up to {:.2f} m), {} "
            "without height, {} without any cap.").format(
                s["buildings"], s["checked"], s["exceeding"], s["max_excess"], s["no_height"],
                s["no_control"]))
        feedback.setProgress(100)
        return {self.OUTPUT: dest, "CHECKED": s["checked"], "EXCEEDING": s["exceeding"],
                "MAX_EXCESS": s["max_excess"], "NO_HEIGHT": s["no_height"],
                "NO_CONTROL": s["no_control"]}

    def _write(self, parameters, context, feedback, check, geometries, crs):
        D, S, I = QVariant.Double, QVariant.String, QVariant.Int  # noqa: N806, E741
        spec = [("building_id", S), ("height_m", D), ("cap_m", D), ("cap_source", S),
                ("control_id", S), ("control_name", S), ("cap_set_by", S),
                ("parcel_cap_m", D), ("parcel_id", S), ("zone_cap_m", D), ("zone_id", S),
                ("controls", I), ("excess_m", D)]
        sink, dest, fields = sink_for(self, parameters, self.OUTPUT, context, spec, crs)
        rows = check.exceeding.sort_values("excess", ascending=False, kind="stable")
        kinds = {"parcel": self.tr("parcel"), "zone": self.tr("zone")}
        for n, (position, r) in enumerate(rows.iterrows()):
            if feedback.isCanceled():
                return None
            values = {"building_id": r["building"], "height_m": r["height"], "cap_m": r["cap"],
                      "cap_source": r["source"], "control_id": r["control_id"],
                      "control_name": r["control_name"] or None,
                      "cap_set_by": r["cap_set_by"], "parcel_cap_m": r.get("parcel_cap"),
                      "parcel_id": r.get("parcel_id"), "zone_cap_m": r.get("zone_cap"),
                      "zone_id": r.get("zone_id"), "controls": int(r["controls"]),
                      "excess_m": r["excess"]}
            add_feature(sink, fields, values, geometries[position])
            feedback.setProgress(80 + 20 * (n + 1) / max(len(rows), 1))
            if n < LOGGED:
                feedback.pushInfo(self.tr("  {}: {:.1f} m, cap {:.1f} m ({} {}), {:.2f} m "
                                          "over.").format(r["building"], r["height"], r["cap"],
                                                          kinds.get(r["source"], r["source"]),
                                                          r["control_id"],
                                                          r["excess"]))
        if len(rows) > LOGGED:
            feedback.pushInfo(self.tr("  … and {} more (see the output layer).").format(
                len(rows) - LOGGED))
        StylePostProcessor.attach(context, dest, STYLE)
        return dest
