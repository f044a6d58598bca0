"""Processing algorithm: compare design schemes (方案比选). Thin: layers → kernel → sinks
and charts. The kernel (analysis/schemes.py, composing the single tools' kernels) is
imported when the algorithm runs, not when the provider loads."""

import datetime

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsRectangle,
)

from ..analysis.notes import Note
from ..analysis.sunlight_rules import RULES
from ..i18n import translate_note
from .base import ReviewAlgorithm
from .fields import height_controls
from .layer_io import require_geo_stack

RULE_KEYS = tuple(RULES)
WEIGHTS = (("W_GFA", "gfa"), ("W_HEIGHT", "height"), ("W_SKYLINE", "skyline"),
           ("W_SUNLIGHT", "sunlight"), ("W_FLOOD", "flood"))
DEFAULT_DISTANCE = 500.0


class CompareSchemesAlgorithm(ReviewAlgorithm):
    ICON = "compare_schemes.svg"
    SCHEMES = "SCHEMES"
    SCHEME_NAME_FIELD = "SCHEME_NAME_FIELD"
    HEIGHT_FIELD = "HEIGHT_FIELD"
    FLOORS_FIELD = "FLOORS_FIELD"
    GFA_FIELD = "GFA_FIELD"
    GROUND_FIELD = "GROUND_FIELD"
    ID_FIELD = "ID_FIELD"
    SITE = "SITE"
    SITE_ID_FIELD = "SITE_ID_FIELD"
    FAR_CAP_FIELD = "FAR_CAP_FIELD"
    SITE_HEIGHT_CAP_FIELD = "SITE_HEIGHT_CAP_FIELD"
    BUILDINGS = "BUILDINGS"
    USE_FIELD = "USE_FIELD"
    USE_VALUES = "USE_VALUES"
    PARCELS = "PARCELS"
    PARCEL_CAP_FIELD = "PARCEL_CAP_FIELD"
    ZONES = "ZONES"
    ZONE_CAP_FIELD = "ZONE_CAP_FIELD"
    VIEWPOINTS = "VIEWPOINTS"
    CORRIDORS = "CORRIDORS"
    DEM = "DEM"
    FLOOD_RASTERS = "FLOOD_RASTERS"
    NEIGHBOUR_DISTANCE = "NEIGHBOUR_DISTANCE"
    RULE = "RULE"
    YEAR = "YEAR"
    BIN_WIDTH = "BIN_WIDTH"
    CRS = "CRS"
    OUTPUT = "OUTPUT"
    SKYLINE_TABLE = "SKYLINE_TABLE"
    FLOOD_TABLE = "FLOOD_TABLE"
    FAILURES = "FAILURES"
    SUNLIGHT_CHANGES = "SUNLIGHT_CHANGES"
    CHARTS = "CHARTS"

    def name(self):
        return "compareschemes"

    def displayName(self):  # noqa: N802
        return self.tr("Compare design schemes")

    def tags(self):
        return self.tr("scheme,design,compare,rank,FAR,GFA,skyline,sunlight,flood,方案比选,"
                       "容积率,建筑密度").split(",")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Compare design schemes (方案比选): two or more schemes for one site, side by "
            "side, each figure computed as the single tool computes it.</p>"
            "<p><b>Form.</b> GFA per building: the gfa field, else footprint × floors, else "
            "footprint × round(height / 3 m). FAR = GFA / site area; density (建筑密度) = "
            "footprint area / site area (both empty without a site); max and mean building "
            "height.</p>"
            "<p><b>Compliance.</b> Height control as 'Height control check' (parcels and "
            "zones, the strictest cap); separately the site's own height cap and FAR cap; "
            "view corridors as 'View corridor check' (with the viewpoints).</p>"
            "<p><b>Skyline.</b> As 'Skyline profile' with the scheme, from each viewpoint: "
            "the existing buildings the scheme overlaps are removed; mean change of the "
            "skyline angle (°) and the scheme buildings rising above the existing "
            "skyline.</p>"
            "<p><b>Sunlight.</b> As 'Sunlight hours' with the scheme as obstruction, on the "
            "homes (the use field's values) within the site's bounding box grown by the "
            "neighbour distance (default 500 m, beyond which a 250 m tower's winter shadow "
            "rarely reaches), without and with each scheme on the standard day of the rule "
            "and year (the log gives the date): test points and homes that lose or gain "
            "compliance.</p>"
            "<p><b>Flood.</b> As 'Flood and waterlogging impact' with the scheme as buildings: "
            "per scenario (one raster each) the scheme buildings affected (class from the "
            "max depth ≥ 0.15 m), their GFA, max and mean depth; the worst scenario is the "
            "one with the most GFA affected.</p>"
            "<p><b>Ground.</b> A building without ground elevation stands on the DEM at "
            "its centroid, else on 0 m; viewpoints on the DEM, else on the nearest "
            "building's ground.</p>"
            "<p><b>Rank.</b> Criteria: GFA (more is better), height (sum over the buildings "
            "of the largest excess over any cap, m), skyline (mean change, °), sunlight "
            "(points lost − gained), flood (GFA affected in the worst scenario); each "
            "normalised across the schemes by min–max to 0–1 with 1 = best (all equal: all "
            "1; a criterion not computed is left out). Score = Σ weight × score / Σ weight; "
            "rank 1 = highest score, equal scores share a rank. Weights default to 1 each.</p>"
            "<p><b>Outputs.</b> The comparison table (one row per scheme), the skyline table "
            "(scheme × viewpoint), the flood table (scheme × scenario), the buildings failing "
            "a check (per scheme), the sunlight test points changing state, bar charts (PNG "
            "and SVG), the number of schemes and the best scheme.</p>")

    def initAlgorithm(self, config=None):  # noqa: N802
        polygon = [QgsProcessing.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.SCHEMES, self.tr("Design schemes (two or more polygon layers with heights)"),
            QgsProcessing.TypeVectorPolygon))
        for key, label, default in (
                (self.SCHEME_NAME_FIELD, self.tr("Scheme name field (empty: layer name)"),
                 "scheme_id"),
                (self.HEIGHT_FIELD, self.tr("Height field (m above ground)"), "height"),
                (self.FLOORS_FIELD, self.tr("Floors field"), "floors"),
                (self.GFA_FIELD, self.tr("GFA field (m²)"), "gfa"),
                (self.GROUND_FIELD, self.tr("Ground elevation field (m)"), "ground_elev"),
                (self.ID_FIELD, self.tr("Building id field"), "bim_id")):
            self.addParameter(QgsProcessingParameterString(key, label, default, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.SITE, self.tr("Site (far_cap, height_cap)"), polygon, optional=True))
        self.add_field_parameters(self.SITE, (
            (self.SITE_ID_FIELD, self.tr("Site id field"), "site_id", False),
            (self.FAR_CAP_FIELD, self.tr("Site FAR cap field"), "far_cap", True),
            (self.SITE_HEIGHT_CAP_FIELD, self.tr("Site height cap field (m)"), "height_cap",
             True)))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.BUILDINGS, self.tr("Existing buildings (skyline and sunlight)"), polygon,
            optional=True))
        self.add_field_parameters(self.BUILDINGS, (
            (self.USE_FIELD, self.tr("Use field"), "use", False),))
        self.addParameter(QgsProcessingParameterString(
            self.USE_VALUES, self.tr("Uses that are homes (comma separated)"),
            defaultValue="residential"))
        for layer, label, cap, cap_label, default in (
                (self.PARCELS, self.tr("Parcels (height_cap)"), self.PARCEL_CAP_FIELD,
                 self.tr("Parcel height cap field (m)"), "height_cap"),
                (self.ZONES, self.tr("Height-control zones (max_height)"), self.ZONE_CAP_FIELD,
                 self.tr("Zone maximum height field (m)"), "max_height")):
            self.addParameter(QgsProcessingParameterFeatureSource(layer, label, polygon,
                                                                  optional=True))
            self.add_field_parameters(layer, ((cap, cap_label, default, True),))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.VIEWPOINTS, self.tr("Viewpoints (viewpoint_id, eye_height)"),
            [QgsProcessing.TypeVectorPoint], optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.CORRIDORS, self.tr("View corridors"), polygon, optional=True))
        self.addParameter(QgsProcessingParameterRasterLayer(
            self.DEM, self.tr("DEM (viewpoint and building ground)"), optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.FLOOD_RASTERS, self.tr("Flood depth rasters (one per scenario)"),
            QgsProcessing.TypeRaster, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.NEIGHBOUR_DISTANCE, self.tr("Neighbour distance for sunlight (m)"),
            QgsProcessingParameterNumber.Double, DEFAULT_DISTANCE, minValue=0.0))
        self.addParameter(QgsProcessingParameterEnum(
            self.RULE, self.tr("Sunlight rule (GB 50180-2018 table 4.0.9)"),
            [translate_note(Note(RULES[key].label)) for key in RULE_KEYS], defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            self.YEAR, self.tr("Year (of the standard day)"), QgsProcessingParameterNumber.Integer,
            datetime.date.today().year, minValue=1900, maxValue=2200))
        self.addParameter(QgsProcessingParameterNumber(
            self.BIN_WIDTH, self.tr("Skyline azimuth bin width (°)"),
            QgsProcessingParameterNumber.Double, 0.1, minValue=0.001, maxValue=45.0))
        for key, label in zip((k for k, _ in WEIGHTS), (
                self.tr("Weight: GFA"), self.tr("Weight: height control"),
                self.tr("Weight: skyline change"), self.tr("Weight: sunlight lost"),
                self.tr("Weight: flood exposure"))):
            self.addParameter(QgsProcessingParameterNumber(
                key, label, QgsProcessingParameterNumber.Double, 1.0, minValue=0.0))
        self.add_crs_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Scheme comparison"), QgsProcessing.TypeVector))
        for key, label, kind in (
                (self.SKYLINE_TABLE, self.tr("Skyline change per viewpoint"),
                 QgsProcessing.TypeVector),
                (self.FLOOD_TABLE, self.tr("Flood exposure per scenario"),
                 QgsProcessing.TypeVector),
                (self.FAILURES, self.tr("Scheme buildings failing a check"),
                 QgsProcessing.TypeVectorPolygon),
                (self.SUNLIGHT_CHANGES, self.tr("Sunlight test points changing state"),
                 QgsProcessing.TypeVectorPoint)):
            self.addParameter(QgsProcessingParameterFeatureSink(
                key, label, kind, optional=True, createByDefault=True))
        self.addParameter(QgsProcessingParameterFolderDestination(
            self.CHARTS, self.tr("Charts folder (PNG and SVG)"), optional=True))
        self.addOutput(QgsProcessingOutputNumber("SCHEME_COUNT", self.tr("Schemes compared")))
        self.addOutput(QgsProcessingOutputString("BEST", self.tr("Best scheme")))

    # -- inputs

    def _inputs(self, parameters, context):
        crs = self.analysis_crs(parameters, context)
        layers = [layer for layer in self.parameterAsLayerList(parameters, self.SCHEMES,
                                                                context) if layer is not None]
        if len(layers) < 2:
            raise QgsProcessingException(self.tr(
                "Give at least two design schemes to compare; got {}.").format(len(layers)))
        height = self.parameterAsString(parameters, self.HEIGHT_FIELD, context) or "height"
        for layer in layers:
            if not hasattr(layer, "fields") or layer.fields().indexOf(height) < 0:
                raise QgsProcessingException(self.tr(
                    "The scheme {} has no height field '{}'.").format(layer.name(), height))
            if layer.featureCount() == 0:
                raise QgsProcessingException(self.tr(
                    "The scheme {} has no buildings.").format(layer.name()))
        weights = {key: self.parameterAsDouble(parameters, name, context)
                   for name, key in WEIGHTS}
        if not any(w > 0 for w in weights.values()):
            raise QgsProcessingException(self.tr("Give at least one weight above 0."))
        sources = {key: self.parameterAsSource(parameters, key, context) for key in (
            self.SITE, self.BUILDINGS, self.PARCELS, self.ZONES, self.VIEWPOINTS,
            self.CORRIDORS)}
        height_controls(self, parameters, context)  # refuses a layer without its cap field
        buildings = sources[self.BUILDINGS]
        if buildings is not None and buildings.fields().indexOf(height) < 0:
            raise QgsProcessingException(self.tr(
                "The buildings layer has no height field '{}'.").format(height))
        rasters = [r for r in self.parameterAsLayerList(parameters, self.FLOOD_RASTERS, context)
                   if r is not None]
        return crs, layers, height, weights, sources, rasters

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        require_geo_stack()
        from ..analysis import schemes as kernel
        from .scheme_io import SchemeReader, write_outputs

        crs, layers, height, weights, sources, rasters = self._inputs(parameters, context)
        reader = SchemeReader(self, parameters, context, feedback, crs, height)
        schemes = reader.schemes(layers)
        if feedback.isCanceled():
            return {}
        site = reader.site(sources[self.SITE], schemes)
        surroundings = reader.surroundings(sources, rasters, site, schemes)
        if feedback.isCanceled():
            return {}
        if surroundings.track is not None:
            t = surroundings.track
            feedback.pushInfo(self.tr(
                "Sunlight: {}, {:g}–{:g} h true solar time, at least {:g} h, on {} homes "
                "near the site.").format(t.day.isoformat(), t.start, t.end,
                                         surroundings.required_hours,
                                         len(surroundings.homes)))

        def progress(fraction):
            feedback.setProgress(30 + 60 * fraction)
            if feedback.isCanceled():
                raise kernel.SchemeCancelled()

        try:
            result = kernel.compare(schemes, surroundings, site, weights, progress)
        except kernel.SchemeCancelled:
            return {}
        except kernel.SchemeInputError as error:
            raise QgsProcessingException(translate_note(error.args[0])) from error
        for note in result.notes:
            feedback.pushInfo(translate_note(note))
        out = write_outputs(self, parameters, context, feedback, crs, result, schemes)
        best = result.table.loc[result.table["rank"] == 1, "scheme"].tolist()
        out.update(SCHEME_COUNT=len(schemes), BEST=", ".join(best))
        feedback.setProgress(100)
        return out

    def sun_centre(self, box, crs, context):
        """Longitude and latitude of the centre of a box in the analysis CRS."""
        to_wgs = QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem("EPSG:4326"),
                                        context.transformContext())
        c = to_wgs.transformBoundingBox(QgsRectangle(*box)).center()
        return c.x(), c.y()
