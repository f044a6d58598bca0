"""Processing algorithm: view corridor check (视线通廊). Thin: layers → kernel → sink.

The kernel (analysis/view_corridor.py) is imported when the algorithm runs, not when the
provider loads.
"""

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
)
from qgis.PyQt.QtCore import QVariant

from ..i18n import translate_note
from .base import ReviewAlgorithm
from .fields import ground_sources, identifiers, numbers, optional_field
from .height_control import DEFAULT_MIN_OVERLAP
from .layer_io import require_geo_stack
from .raster_io import ground_from_dem, sample_raster
from .sinks import StylePostProcessor, add_feature, sink_for

STYLE = "corridor-violations"
DEFAULT_EYE = 1.6


class ViewCorridorAlgorithm(ReviewAlgorithm):
    ICON = "view_corridor.svg"
    CORRIDORS = "CORRIDORS"
    VIEWPOINTS = "VIEWPOINTS"
    BUILDINGS = "BUILDINGS"
    HEIGHT_FIELD = "HEIGHT_FIELD"
    GROUND_FIELD = "GROUND_FIELD"
    ID_FIELD = "ID_FIELD"
    DEM = "DEM"
    EYE_HEIGHT = "EYE_HEIGHT"
    MIN_OVERLAP = "MIN_OVERLAP"
    CRS = "CRS"
    OUTPUT = "OUTPUT"
    NUMBERS = ("CHECKED", "VIOLATING", "VIOLATIONS", "MAX_EXCESS")

    def name(self):
        return "viewcorridor"

    def displayName(self):  # noqa: N802
        return self.tr("View corridor check")

    def tags(self):
        return self.tr("view corridor,viewpoint,elevation angle,height,scheme,视线通廊,视点,"
                       "仰角").split(",")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>View corridor check (视线通廊): the buildings (existing, or a design "
            "scheme's) that rise into a protected view corridor above its allowed elevation "
            "angle or height.</p>"
            "<p><b>Method.</b> All layers are transformed to the analysis CRS (metres, "
            "default EPSG:4547). Corridors: polygons with corridor_id, viewpoint_id, "
            "max_elev_angle (° above the horizontal from the eye) and/or max_height (m above "
            "the building's ground). A building is checked on its part inside the corridor "
            "(overlaps under the minimum overlap, default 0.5 m², are boundary slivers and "
            "do not count). Height rule: it exceeds when height > max_height. Angle rule: "
            "the eye is at the viewpoint's ground + eye_height (default 1.6 m where null); "
            "the building is a prism up to ground_elev + height, so it is seen highest at "
            "the point of its in-corridor part nearest to the viewpoint, at distance d; "
            "angle = atan((top − eye) / d), and it exceeds when the angle is above "
            "max_elev_angle. The allowed height there is eye + d · tan(max_elev_angle) − "
            "ground_elev; excess = height − allowed height (m).</p>"
            "<p><b>Ground.</b> The viewpoint's ground is the DEM under it; without a DEM (or "
            "outside it) the ground_elev of the nearest building, else 0 m. A building "
            "without ground_elev stands on the DEM at its centroid; without a DEM it is "
            "taken as level with the viewpoint. The log says which was used.</p>"
            "<p><b>Outputs.</b> One feature per building, corridor and rule exceeded; its "
            "geometry is the part of the building inside the corridor (not the whole "
            "footprint), styled by rule: building_id, corridor_id, viewpoint_id, rule "
            "(elev_angle or max_height), height_m, ground_m, top_m, distance_m, angle_deg, "
            "allowed_angle_deg, max_height_m, allowed_height_m, excess_m. The output values "
            "count the building–corridor pairs checked, the buildings exceeding, the "
            "violations and the maximum excess (m).</p>"
            "<p><b>Notes.</b> A corridor whose viewpoint is missing is reported in the log; "
            "only its max_height limit is checked. Flat roofs; terrain and trees do not "
            "hide buildings; the earth's curvature is ignored.</p>")

    def initAlgorithm(self, config=None):  # noqa: N802
        polygon = [QgsProcessing.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.CORRIDORS, self.tr("View corridors (corridor_id, viewpoint_id, "
                                    "max_elev_angle, max_height)"), polygon))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.VIEWPOINTS, self.tr("Viewpoints (viewpoint_id, eye_height)"),
            [QgsProcessing.TypeVectorPoint], optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.BUILDINGS, self.tr("Buildings or design scheme"), polygon))
        self.add_field_parameters(self.BUILDINGS, (
            (self.HEIGHT_FIELD, self.tr("Height field (m above ground)"), "height", True),
            (self.GROUND_FIELD, self.tr("Ground elevation field (m)"), "ground_elev", True),
            (self.ID_FIELD, self.tr("Building id field (empty: feature id)"), "bim_id",
             False)))
        self.addParameter(QgsProcessingParameterRasterLayer(
            self.DEM, self.tr("DEM (ground of viewpoints and of buildings without one)"),
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.EYE_HEIGHT, self.tr("Eye height above ground where a viewpoint has none (m)"),
            QgsProcessingParameterNumber.Double, DEFAULT_EYE, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.MIN_OVERLAP, self.tr("Minimum overlap with a corridor (m²)"),
            QgsProcessingParameterNumber.Double, DEFAULT_MIN_OVERLAP, minValue=0.0))
        self.add_crs_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Buildings exceeding view corridors"),
            QgsProcessing.TypeVectorPolygon))
        labels = {"CHECKED": self.tr("Building–corridor pairs checked"),
                  "VIOLATING": self.tr("Buildings exceeding a corridor"),
                  "VIOLATIONS": self.tr("Violations (building, corridor, rule)"),
                  "MAX_EXCESS": self.tr("Maximum excess (m)")}
        self.add_number_outputs(labels)

    def _inputs(self, parameters, context):
        crs = self.analysis_crs(parameters, context)
        corridors = self.parameterAsSource(parameters, self.CORRIDORS, context)
        buildings = self.parameterAsSource(parameters, self.BUILDINGS, context)
        if corridors is None or buildings is None:
            raise QgsProcessingException(self.tr("Give the view corridors and the buildings."))
        names = corridors.fields().names()
        if "max_elev_angle" not in names and "max_height" not in names:
            raise QgsProcessingException(self.tr(
                "The corridors layer has neither a max_elev_angle nor a max_height field."))
        height = self.parameterAsString(parameters, self.HEIGHT_FIELD, context) or "height"
        if buildings.fields().indexOf(height) < 0:
            raise QgsProcessingException(self.tr(
                "The buildings layer has no height field '{}'.").format(height))
        viewpoints = self.parameterAsSource(parameters, self.VIEWPOINTS, context)
        return crs, corridors, buildings, viewpoints, height

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        require_geo_stack()

        from ..analysis import view_corridor as kernel
        from .layer_io import source_to_gdf

        crs, corridors, buildings, viewpoints, height = self._inputs(parameters, context)
        label = self.tr("Buildings")
        ground_field = optional_field(self, parameters, self.GROUND_FIELD, context, buildings,
                                      "ground_elev", feedback, label)
        id_field = optional_field(self, parameters, self.ID_FIELD, context, buildings,
                                  "bim_id", feedback, label)
        dem = self.parameterAsRasterLayer(parameters, self.DEM, context)
        frame, _ = source_to_gdf(buildings, crs, context, feedback, label,
                                 progress_range=(0, 50))
        if feedback.isCanceled():
            return {}
        cor, _ = source_to_gdf(corridors, crs, context, feedback, self.tr("View corridors"),
                               progress_range=(50, 60))
        vp_ids = (list(cor["viewpoint_id"]) if "viewpoint_id" in cor.columns
                  else [None] * len(cor))
        corridor_set = kernel.Corridors(
            cor.geometry.values, identifiers(cor, "corridor_id"), vp_ids,
            numbers(cor, "max_elev_angle"), numbers(cor, "max_height"))
        points = self._viewpoints(viewpoints, crs, context, feedback, dem)
        grounds = numbers(frame, ground_field)
        missing = ground_from_dem(grounds, frame.geometry.values, dem, crs, context)
        if dem is not None and missing:
            feedback.pushInfo(self.tr("{} buildings without ground elevation stand on the DEM "
                                      "at their centroid.").format(missing))
        feedback.setProgress(70)
        if feedback.isCanceled():
            return {}
        check = kernel.check_corridors(
            frame.geometry.values, numbers(frame, height), grounds, corridor_set, points,
            ids=identifiers(frame, id_field),
            default_eye=self.parameterAsDouble(parameters, self.EYE_HEIGHT, context),
            min_overlap=self.parameterAsDouble(parameters, self.MIN_OVERLAP, context))
        for note in check.notes:
            feedback.pushWarning(translate_note(note))
        self._log(feedback, check, corridor_set)
        dest = self._write(parameters, context, feedback, check, crs)
        if dest is None:
            return {}
        s = check.summary()
        feedback.setProgress(100)
        return {self.OUTPUT: dest, "CHECKED": s["checked"], "VIOLATING": s["violating"],
                "VIOLATIONS": s["violations"], "MAX_EXCESS": s["max_excess"]}

    def _viewpoints(self, source, crs, context, feedback, dem):
        """kernel.Viewpoints in the analysis CRS, ground from the DEM where it covers them."""
        import numpy as np

        from ..analysis.view_corridor import Viewpoints
        from .layer_io import source_to_gdf

        if source is None:
            return None
        frame, _ = source_to_gdf(source, crs, context, feedback, self.tr("Viewpoints"),
                                 kind="any", progress_range=(60, 65))
        pts = [g if g.geom_type == "Point" else g.representative_point()
               for g in frame.geometry.values]
        xs = np.array([p.x for p in pts], dtype=float)
        ys = np.array([p.y for p in pts], dtype=float)
        ground = (sample_raster(dem, xs, ys, crs, context) if dem is not None
                  else np.full(len(xs), np.nan))
        if dem is None:
            feedback.pushInfo(self.tr("No DEM: each viewpoint stands on the ground of the "
                                      "nearest building (0 m when none has one)."))
        return Viewpoints(identifiers(frame, "viewpoint_id"), xs, ys, ground,
                          numbers(frame, "eye_height"))

    def _log(self, feedback, check, corridors):
        vps = check.viewpoints
        sources = ground_sources()
        for r in vps.itertuples():
            feedback.pushInfo(self.tr(
                "Viewpoint {}: ground {:.2f} m ({}), eye at {:.2f} m.").format(
                    r.viewpoint_id, r.ground, sources.get(r.ground_from, r.ground_from),
                    r.eye_z))
        v, c = check.violations, check.checked
        for cid in corridors.ids:
            mine = v[v["corridor_id"] == cid]
            worst = mine["excess"].max() if len(mine) else 0.0
            feedback.pushInfo(self.tr(
                "Corridor {}: {} buildings checked, {} exceed (by up to {:.2f} m).").format(
                    cid, int((c["corridor_id"] == cid).sum()), mine["position"].nunique(),
                    worst))

    def _write(self, parameters, context, feedback, check, crs):
        D, S = QVariant.Double, QVariant.String  # noqa: N806
        spec = [("building_id", S), ("corridor_id", S), ("viewpoint_id", S), ("rule", S),
                ("height_m", D), ("ground_m", D), ("top_m", D), ("distance_m", D),
                ("angle_deg", D), ("allowed_angle_deg", D), ("max_height_m", D),
                ("allowed_height_m", D), ("excess_m", D)]
        sink, dest, fields = sink_for(self, parameters, self.OUTPUT, context, spec, crs)
        parts = check.violation_parts()
        rename = {"building": "building_id", "height": "height_m", "ground": "ground_m",
                  "top": "top_m", "distance": "distance_m", "angle": "angle_deg",
                  "allowed_angle": "allowed_angle_deg", "max_height": "max_height_m",
                  "allowed_height": "allowed_height_m", "excess": "excess_m"}
        records = check.violations.rename(columns=rename).to_dict("records")
        for n, (record, part) in enumerate(zip(records, parts)):
            if feedback.isCanceled():
                return None
            add_feature(sink, fields, record, part)
            feedback.setProgress(80 + 20 * (n + 1) / len(records))
        StylePostProcessor.attach(context, dest, STYLE)
        return dest
