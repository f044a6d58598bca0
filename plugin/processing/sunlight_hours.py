"""Processing algorithm: sunlight hours of homes (日照分析). Thin: layers → kernel → sinks.

The kernel (analysis/sunlight.py over analysis/sun.py and analysis/rays.py) is imported when
the algorithm runs, not when the provider loads.
"""

import datetime

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPoint,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsRectangle,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..analysis.notes import Note
from ..analysis.sunlight_rules import CUSTOM, RULES
from ..i18n import translate_note
from .base import ReviewAlgorithm
from .layer_io import require_geo_stack
from .sinks import StylePostProcessor, add_feature, sink_for

# The rule parameter lists the standard rules in their table order, then a custom one.
RULE_KEYS = (*RULES, CUSTOM)


class SunlightHoursAlgorithm(ReviewAlgorithm):
    ICON = "sunlight.svg"
    BUILDINGS = "BUILDINGS"
    HEIGHT_FIELD = "HEIGHT_FIELD"
    FLOORS_FIELD = "FLOORS_FIELD"
    GROUND_FIELD = "GROUND_FIELD"
    USE_FIELD = "USE_FIELD"
    USE_VALUES = "USE_VALUES"
    ID_FIELD = "ID_FIELD"
    EXTENT = "EXTENT"
    OBSTRUCTIONS = "OBSTRUCTIONS"
    RULE = "RULE"
    YEAR = "YEAR"
    DATE = "DATE"
    WINDOW_START = "WINDOW_START"
    WINDOW_END = "WINDOW_END"
    REQUIRED_HOURS = "REQUIRED_HOURS"
    STEP = "STEP"
    SPACING = "SPACING"
    SILL = "SILL"
    EVERY_FLOOR = "EVERY_FLOOR"
    GRID_AREAS = "GRID_AREAS"
    GRID_SPACING = "GRID_SPACING"
    CRS = "CRS"
    POINTS = "POINTS"
    BUILDINGS_OUT = "BUILDINGS_OUT"
    FACADES = "FACADES"
    NUMBERS = ("POINT_COUNT", "COMPLIANT_SHARE", "BUILDINGS_TESTED", "BUILDINGS_FAILING")

    def name(self):
        return "sunlighthours"

    def displayName(self):  # noqa: N802
        return self.tr("Sunlight hours")

    def tags(self):
        return self.tr("sunlight,sun,shadow,daylight,window,residential,GB 50180,日照,大寒,冬至,"
                       "日照时数").split(",")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Sunlight hours (日照分析): minutes of direct sun at the windows of homes within "
            "the effective window of a standard day, and compliance with GB 50180-2018 table "
            "4.0.9 (default: Shenzhen, climate zone IV large city, 大寒日 at least 3 h between "
            "08:00 and 16:00 true solar time).</p>"
            "<p><b>Test points.</b> On every wall of the buildings whose use is one of the "
            "given values (default residential) that faces the sun at some moment of the "
            "window: one point per window spacing (default 3 m) centred along the wall, one "
            "at the middle of a shorter wall, 5 cm outside it, at the sill height (default "
            "0.9 m) above the building's ground; with every floor, one per floor (floor "
            "height = height / floors, else 3 m). Only buildings inside the extent (if given) "
            "get points; all buildings block. Points inside another building (shared walls) "
            "are dropped. Grid mode: points at the cell centres of a grid over the given "
            "areas, at the sill height above the ground, without the facade test.</p>"
            "<p><b>Method.</b> Every step (default 1 min), at the middle of the step, the sun "
            "(NREL SPA, apparent elevation) counts when it is above the horizon, in front of "
            "the wall (within 90° of its outward normal) and no building's top is above the "
            "line to the sun: the highest elevation angle of the buildings along the "
            "horizontal ray towards the sun (exact for prisms: footprint up to ground_elev + "
            "height) is compared with the sun's elevation. Sun positions are computed once "
            "for the centre of the buildings: across a district they differ by a few "
            "hundredths of a degree at the same true solar time. Obstructions (e.g. a design "
            "scheme) are added to the buildings as blockers only. Compliance: sunlit minutes "
            "≥ required hours × 60, summed over the window (the sunlit time need not be "
            "continuous; the longest continuous span is reported). A custom date, window "
            "or required hours override the rule's.</p>"
            "<p><b>Outputs.</b> Test points (3D): minutes, hours, longest_min (min), "
            "compliant, building, facade, floor, normal (°). Buildings: points, "
            "worst_min, mean_min, share_compliant (0–1), compliant (all points), floors and "
            "floors_compliant. Facades (walls): min_min, share_compliant, compliant. Values: "
            "number of points, share compliant, buildings tested and failing.</p>"
            "<p><b>Assumptions.</b> Flat roofs, no terrain, trees or balconies; a building "
            "without ground_elev stands on the median ground of the others (the log says "
            "so).</p>")

    def initAlgorithm(self, config=None):  # noqa: N802
        polygon = [QgsProcessing.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.BUILDINGS, self.tr("Buildings (height, floors, use, ground_elev)"), polygon))
        self.add_field_parameters(self.BUILDINGS, (
            (self.HEIGHT_FIELD, self.tr("Height field (m above ground)"), "height", True),
            (self.FLOORS_FIELD, self.tr("Floors field"), "floors", True),
            (self.GROUND_FIELD, self.tr("Ground elevation field (m)"), "ground_elev", True),
            (self.USE_FIELD, self.tr("Use field"), "use", False),
            (self.ID_FIELD, self.tr("Building id field (empty: feature id)"), "bim_id",
             False)))
        self.addParameter(QgsProcessingParameterString(
            self.USE_VALUES, self.tr("Uses that get test points (comma separated)"),
            defaultValue="residential"))
        self.addParameter(QgsProcessingParameterExtent(
            self.EXTENT, self.tr("Only buildings in this extent get test points"),
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.OBSTRUCTIONS, self.tr("Additional obstructions (e.g. a design scheme)"),
            polygon, optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.RULE, self.tr("Rule (GB 50180-2018 table 4.0.9)"),
            [translate_note(Note(RULES[key].label)) for key in RULE_KEYS[:-1]] + [
             self.tr("Custom: the date, window and hours below")], defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            self.YEAR, self.tr("Year (of the standard day)"), QgsProcessingParameterNumber.Integer,
            datetime.date.today().year, minValue=1900, maxValue=2200))
        self.addParameter(QgsProcessingParameterString(
            self.DATE, self.tr("Custom date (YYYY-MM-DD)"), optional=True))
        for key, label, low, high in (
                (self.WINDOW_START, self.tr("Window start (true solar time, h)"), 0.0, 24.0),
                (self.WINDOW_END, self.tr("Window end (true solar time, h)"), 0.0, 24.0),
                (self.REQUIRED_HOURS, self.tr("Required sunlight (h)"), 0.0, 24.0)):
            self.addParameter(QgsProcessingParameterNumber(
                key, label, QgsProcessingParameterNumber.Double, None, optional=True,
                minValue=low, maxValue=high))
        for key, label, default, low in (
                (self.STEP, self.tr("Time step (min)"), 1.0, 0.1),
                (self.SPACING, self.tr("Window spacing along walls (m)"), 3.0, 0.5),
                (self.SILL, self.tr("Sill height above the floor (m; grid: above ground)"),
                 0.9, 0.0),
                (self.GRID_SPACING, self.tr("Grid spacing (m)"), 5.0, 0.5)):
            self.addParameter(QgsProcessingParameterNumber(
                key, label, QgsProcessingParameterNumber.Double, default, minValue=low))
        self.addParameter(QgsProcessingParameterBoolean(
            self.EVERY_FLOOR, self.tr("A test point on every floor"), defaultValue=False))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.GRID_AREAS, self.tr("Grid mode: areas (instead of facade points)"), polygon,
            optional=True))
        self.add_crs_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.POINTS, self.tr("Sunlight test points"), QgsProcessing.TypeVectorPoint))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.BUILDINGS_OUT, self.tr("Sunlight per building"),
            QgsProcessing.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.FACADES, self.tr("Sunlight per facade"), QgsProcessing.TypeVectorLine,
            optional=True, createByDefault=True))
        self.add_number_outputs()

    # -- inputs

    def _inputs(self, parameters, context):
        crs = self.analysis_crs(parameters, context)
        buildings = self.parameterAsSource(parameters, self.BUILDINGS, context)
        if buildings is None or buildings.featureCount() == 0:
            raise QgsProcessingException(self.tr("The buildings layer has no features."))
        height = self.parameterAsString(parameters, self.HEIGHT_FIELD, context) or "height"
        obstructions = self.parameterAsSource(parameters, self.OBSTRUCTIONS, context)
        for label, source in ((self.tr("buildings"), buildings),
                              (self.tr("obstructions"), obstructions)):
            if source is not None and source.fields().indexOf(height) < 0:
                raise QgsProcessingException(self.tr(
                    "The {} layer has no height field '{}'.").format(label, height))
        rule = RULE_KEYS[self.parameterAsEnum(parameters, self.RULE, context)]
        text = self.parameterAsString(parameters, self.DATE, context).strip()
        day = None
        if text:
            try:
                day = datetime.date.fromisoformat(text)
            except ValueError:
                raise QgsProcessingException(self.tr(
                    "The custom date must be written YYYY-MM-DD; got '{}'.").format(text))
        window = dict(start=self.optional_double(parameters, self.WINDOW_START, context),
                      end=self.optional_double(parameters, self.WINDOW_END, context),
                      hours=self.optional_double(parameters, self.REQUIRED_HOURS, context))
        if rule == "custom" and (day is None or None in window.values()):
            raise QgsProcessingException(self.tr(
                "The custom rule needs a date, a window start and end and the required "
                "hours."))
        grid = self.parameterAsSource(parameters, self.GRID_AREAS, context)
        return crs, buildings, obstructions, height, rule, day, window, grid

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        require_geo_stack()
        import numpy as np

        from ..analysis import sunlight as kernel

        crs, buildings, obstructions, height, rule, day, window, grid_source = self._inputs(
            parameters, context)
        frame = self._read(buildings, self.tr("Buildings"), crs, context, feedback,
                           parameters, height, (0, 8))
        if feedback.isCanceled():
            return {}
        obst = None
        if obstructions is not None:
            o = self._read(obstructions, self.tr("Obstructions"), crs, context, feedback,
                           parameters, height, (8, 10), frame["_ground"].median())
            obst = (o.geometry.values, o["_top"].to_numpy())
        lon, lat = self._centre(frame, crs, context)
        year = self.parameterAsInt(parameters, self.YEAR, context)
        step = self.parameterAsDouble(parameters, self.STEP, context)
        try:
            rule_day, start, end, hours = kernel.rule_window(
                rule, year, day, **window)
            track = kernel.sun_track(rule_day, lon, lat, start, end, step)
        except kernel.SunlightInputError as error:
            raise QgsProcessingException(translate_note(error.args[0])) from error
        feedback.pushInfo(self.tr(
            "{}: {:g}–{:g} h true solar time, {} steps of {:g} min, at least {:g} h required; "
            "sun at {:.4f}° E, {:.4f}° N.").format(rule_day.isoformat(), start, end, len(track),
                                                 step, hours, lon, lat))
        grid = None
        if grid_source is not None:
            areas, _ = self._source(grid_source, self.tr("Grid areas"), crs, context, feedback)
            g = self.parameterAsString(parameters, self.GROUND_FIELD, context)
            ground = (areas[g].astype(float).to_numpy() if g and g in areas.columns
                      else np.full(len(areas), frame["_ground"].median()))
            grid = (areas.geometry.values,
                    self.parameterAsDouble(parameters, self.GRID_SPACING, context), ground,
                    self.parameterAsDouble(parameters, self.SILL, context))

        def progress(fraction):
            feedback.setProgress(12 + 80 * fraction)
            if feedback.isCanceled():
                raise kernel.SunlightCancelled()

        try:
            result = kernel.sunlight_hours(
                frame.geometry.values, frame["_ground"].to_numpy(),
                frame["_height"].to_numpy(), frame["_floors"].to_numpy(),
                buildings=np.flatnonzero(frame["_tested"].to_numpy()), obstructions=obst,
                track=track, required_hours=hours,
                spacing=self.parameterAsDouble(parameters, self.SPACING, context),
                sill=self.parameterAsDouble(parameters, self.SILL, context),
                every_floor=self.parameterAsBoolean(parameters, self.EVERY_FLOOR, context),
                grid=grid, progress=progress)
        except kernel.SunlightCancelled:
            return {}
        except kernel.SunlightInputError as error:
            raise QgsProcessingException(translate_note(error.args[0])) from error
        for note in result.notes:
            feedback.pushInfo(translate_note(note))
        if not len(result.points):
            feedback.pushWarning(self.tr(
                "No test points: no building with one of the uses given (in the extent, if "
                "any) has a wall facing the sun, or no grid cell lies in the areas."))
        out = self._write(parameters, context, crs, frame, result)
        p, b = result.points, result.buildings
        out.update(POINT_COUNT=len(p),
                   COMPLIANT_SHARE=float(p["compliant"].mean()) if len(p) else None,
                   BUILDINGS_TESTED=len(b),
                   BUILDINGS_FAILING=int((~b["compliant"].astype(bool)).sum()) if len(b) else 0)
        feedback.setProgress(100)
        return out

    def _source(self, source, label, crs, context, feedback, span=(0, 10)):
        from .layer_io import source_to_gdf

        return source_to_gdf(source, crs, context, feedback, label, kind="polygon",
                             progress_range=span)

    def _read(self, source, label, crs, context, feedback, parameters, height, span,
              fallback_ground=None):
        """Footprints with _height, _floors, _ground, _top, _id and _tested columns."""
        import numpy as np
        import pandas as pd

        frame, _ = self._source(source, label, crs, context, feedback, span)

        def column(key, default):
            name = self.parameterAsString(parameters, key, context) or default
            if name and name in frame.columns:
                return pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float)
            return np.full(len(frame), np.nan)

        frame["_height"] = column(self.HEIGHT_FIELD, "height")
        frame["_floors"] = column(self.FLOORS_FIELD, None)
        g = column(self.GROUND_FIELD, None)
        missing = ~np.isfinite(g)
        if missing.any():
            known = g[~missing]
            fill = (fallback_ground if fallback_ground is not None and np.isfinite(fallback_ground)
                    else (float(np.median(known)) if len(known) else 0.0))
            g[missing] = fill
            feedback.pushInfo(self.tr("{}: {} features without ground elevation stand on "
                                      "{:.2f} m.").format(label, int(missing.sum()), fill))
        frame["_ground"] = g
        frame["_top"] = g + frame["_height"].to_numpy()
        id_field = self.parameterAsString(parameters, self.ID_FIELD, context)
        if id_field and id_field in frame.columns:
            frame["_id"] = [str(v) if v is not None else "fid {}".format(f)
                            for v, f in zip(frame[id_field], frame.index)]
        else:
            frame["_id"] = ["fid {}".format(f) for f in frame.index]
        use_field = self.parameterAsString(parameters, self.USE_FIELD, context)
        values = {v.strip().lower() for v in self.parameterAsString(
            parameters, self.USE_VALUES, context).replace("，", ",").split(",") if v.strip()}
        if use_field and use_field in frame.columns:
            tested = frame[use_field].astype(str).str.strip().str.lower().isin(values)
            tested = tested.to_numpy()
        else:
            tested = np.ones(len(frame), dtype=bool)
        extent = self.parameterAsExtent(parameters, self.EXTENT, context, crs)
        if extent is not None and not extent.isNull() and not extent.isEmpty():
            from shapely.geometry import box

            area = box(extent.xMinimum(), extent.yMinimum(), extent.xMaximum(),
                       extent.yMaximum())
            tested &= np.array([g is not None and g.intersects(area)
                                for g in frame.geometry.values])
        frame["_tested"] = tested
        return frame

    def _centre(self, frame, crs, context):
        """Longitude and latitude of the centre of the tested buildings (else all)."""
        x0, y0, x1, y1 = frame[frame["_tested"]].total_bounds if frame["_tested"].any() \
            else frame.total_bounds
        to_wgs = QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem("EPSG:4326"),
                                        context.transformContext())
        c = to_wgs.transformBoundingBox(QgsRectangle(x0, y0, x1, y1)).center()
        return c.x(), c.y()

    # -- outputs

    def _write(self, parameters, context, crs, frame, result):
        D, S, I, B = QVariant.Double, QVariant.String, QVariant.Int, QVariant.Bool  # noqa: N806, E741
        ids = frame["_id"].to_numpy()
        out = {}
        sink, dest, fields = sink_for(self, parameters, self.POINTS, context, [
            ("minutes", D), ("hours", D), ("longest_min", D), ("compliant", B),
            ("building", S), ("facade", S), ("floor", I), ("normal", D), ("z", D)],
            crs, QgsWkbTypes.PointZ)
        for r in result.points.itertuples(index=False):
            b = ids[r.building] if r.building >= 0 else None
            add_feature(sink, fields, (
                r.minutes, r.hours, r.longest_minutes, bool(r.compliant), b,
                "{}/{}".format(b, r.wall) if b is not None else None, r.floor,
                r.normal, r.z), QgsGeometry(QgsPoint(r.x, r.y, r.z)), multi=False)
        StylePostProcessor.attach(context, dest, "sunlight-points")
        out[self.POINTS] = dest

        sink, dest, fields = sink_for(self, parameters, self.BUILDINGS_OUT, context, [
            ("building", S), ("points", I), ("worst_min", D), ("mean_min", D),
            ("share_compliant", D), ("compliant", B), ("floors", I), ("floors_compliant", I)],
            crs)
        geoms = frame.geometry.values
        for r in result.buildings.itertuples(index=False):
            add_feature(sink, fields, (
                ids[r.building], r.points, r.worst_minutes, r.mean_minutes, r.share_compliant,
                bool(r.compliant), r.floors, r.floors_compliant), geoms[r.building])
        StylePostProcessor.attach(context, dest, "sunlight-buildings")
        out[self.BUILDINGS_OUT] = dest

        sink, dest, fields = sink_for(self, parameters, self.FACADES, context, [
            ("building", S), ("facade", S), ("normal", D), ("length_m", D), ("points", I),
            ("min_min", D), ("share_compliant", D), ("compliant", B)],
            crs, QgsWkbTypes.LineString, required=False)
        if sink is not None:
            w = result.walls
            for r in result.facades.itertuples(index=False):
                k = r.facade
                add_feature(sink, fields, (
                    ids[r.building], "{}/{}".format(ids[r.building], r.wall), r.normal,
                    r.length, r.points, r.min_minutes, r.share_compliant, bool(r.compliant)),
                    QgsGeometry.fromPolyline([QgsPoint(w.x0[k], w.y0[k]),
                                              QgsPoint(w.x1[k], w.y1[k])]), multi=False)
            out[self.FACADES] = dest
        return out
