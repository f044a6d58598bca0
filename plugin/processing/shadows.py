"""Processing algorithm: building shadows (建筑阴影) at chosen instants of a day. Thin:
buildings → analysis/sun.py (sun angles) + analysis/shadows.py (polygons) → a layer."""

import math
import re

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QVariant

from ..i18n import translate_note
from .base import ReviewAlgorithm
from .layer_io import require_geo_stack
from .sinks import StylePostProcessor, add_feature, sink_for
from .sun_position import add_day_parameters, chosen_day, clock_text, local_text

TIME_BASES = ("true_solar", "local")
FIELDS = (("time", QVariant.String), ("time_basis", QVariant.String),
          ("true_solar_time", QVariant.String), ("local_time", QVariant.String),
          ("azimuth", QVariant.Double), ("elevation", QVariant.Double),
          ("building_id", QVariant.String), ("height", QVariant.Double),
          ("shadow_len", QVariant.Double), ("area_m2", QVariant.Double))


def parse_times(text):
    """'08:00, 12:30, 15' → [8.0, 12.5, 15.0] hours of the day; None when not readable."""
    hours = []
    for part in (p for p in re.split(r"[,，;；\s]+", text or "") if p):
        match = re.fullmatch(r"(\d{1,2})(?:[:：](\d{2}))?", part)
        if not match:
            return None
        value = int(match.group(1)) + int(match.group(2) or 0) / 60.0
        if value > 24.0 or int(match.group(2) or 0) >= 60:
            return None
        hours.append(value)
    return hours


class ShadowsAlgorithm(ReviewAlgorithm):
    ICON = "shadows.svg"
    BUILDINGS = "BUILDINGS"
    HEIGHT_FIELD = "HEIGHT_FIELD"
    ID_FIELD = "ID_FIELD"
    TIMES = "TIMES"
    TIME_BASIS = "TIME_BASIS"
    START_HOUR = "START_HOUR"
    END_HOUR = "END_HOUR"
    STEP = "STEP"
    DISSOLVE = "DISSOLVE"
    CRS = "CRS"
    OUTPUT = "OUTPUT"

    def name(self):
        return "shadows"

    def displayName(self):  # noqa: N802
        return self.tr("Building shadows")

    def tags(self):
        return self.tr("shadow,sun,building,height,大寒,冬至,阴影,日照").split(",")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Building shadows (建筑阴影) on the ground at chosen instants of one day: "
            "大寒日, 冬至日 or a date.</p>"
            "<p><b>Method.</b> Each building is a prism: its footprint raised to its height "
            "(m above ground). At each instant the sun's azimuth and elevation (within 0.01° "
            "of the NREL Solar Position Algorithm) are computed at the centre of the "
            "buildings; the shadow is the footprint swept along the shadow vector, of length "
            "height / tan(elevation), pointing away from the sun (azimuth + 180°). The sweep "
            "is exact (the union of the footprint, its translate and every edge's "
            "parallelogram) and includes the footprint itself.</p>"
            "<p><b>Instants.</b> A comma-separated list of times (HH:MM), read as true solar "
            "time (真太阳时 = local mean time + equation of time) or as local civil time in "
            "the chosen time zone; left empty, every step (default 60 min) from the start to "
            "the end hour (default 08:00–16:00, the 大寒日 window of GB 50180-2018) in true "
            "solar time. Instants with the sun below the horizon give no shadows (logged).</p>"
            "<p><b>Outputs.</b> Polygons in the analysis CRS (default EPSG:4547): time as "
            "given, time_basis, true_solar_time, local_time, azimuth and elevation (degrees), "
            "building_id, height (m), shadow_len (m, from the building) and area_m2 (m²); "
            "or, dissolved, one polygon per instant (building_id empty, shadow_len of the "
            "tallest building).</p>"
            "<p><b>Assumptions.</b> Flat, horizontal ground: each shadow lies on the plane of "
            "its building's base and is drawn through other buildings. Buildings without a "
            "positive height cast none (counted in the log). Sun angles vary by about 0.01° "
            "per kilometre, so one position serves a district.</p>")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.BUILDINGS, self.tr("Buildings"), [QgsProcessing.TypeVectorPolygon]))
        self.add_field_parameters(self.BUILDINGS, (
            (self.HEIGHT_FIELD, self.tr("Height field (m above ground)"), "height", True),
            (self.ID_FIELD, self.tr("Building id field (empty: feature id)"), "bim_id",
             False)))
        add_day_parameters(self)
        self.addParameter(QgsProcessingParameterString(
            self.TIMES, self.tr("Times (HH:MM, comma separated; empty: every step from the "
                                "start to the end hour)"), optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.TIME_BASIS, self.tr("The times are"),
            [self.tr("True solar time"), self.tr("Local civil time (the time zone above)")],
            defaultValue=0))
        for key, label, default in ((self.START_HOUR, self.tr("Start hour (true solar time)"),
                                     8.0),
                                    (self.END_HOUR, self.tr("End hour (true solar time)"),
                                     16.0)):
            self.addParameter(QgsProcessingParameterNumber(
                key, label, QgsProcessingParameterNumber.Double, defaultValue=default,
                minValue=0.0, maxValue=24.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.STEP, self.tr("Step between instants (minutes)"),
            QgsProcessingParameterNumber.Double, defaultValue=60.0, minValue=1.0))
        self.addParameter(QgsProcessingParameterBoolean(
            self.DISSOLVE, self.tr("Dissolve the shadows of each instant"), defaultValue=False))
        self.add_crs_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Building shadows"), QgsProcessing.TypeVectorPolygon))

    def _inputs(self, parameters, context):
        """(buildings, height field, (hours, basis)), or one sentence before the run starts
        (base.checkParameterValues)."""
        source = self.parameterAsSource(parameters, self.BUILDINGS, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.BUILDINGS))
        height_field = self.parameterAsString(parameters, self.HEIGHT_FIELD, context) or "height"
        if source.fields().indexOf(height_field) < 0:
            raise QgsProcessingException(self.tr(
                "The buildings layer has no height field '{}'.").format(height_field))
        chosen_day(self, parameters, context)
        return source, height_field, self._hours(parameters, context)

    def _hours(self, parameters, context):
        """(hours, basis): the instants as hours of the day and how to read them."""
        text = self.parameterAsString(parameters, self.TIMES, context)
        if text and text.strip():
            hours = parse_times(text)
            if not hours:
                raise QgsProcessingException(self.tr(
                    "Give the times as HH:MM separated by commas, e.g. 08:00,12:00,16:00; "
                    "got '{}'.").format(text))
            return hours, TIME_BASES[self.parameterAsEnum(parameters, self.TIME_BASIS,
                                                          context)]
        start = self.parameterAsDouble(parameters, self.START_HOUR, context)
        end = self.parameterAsDouble(parameters, self.END_HOUR, context)
        step = self.parameterAsDouble(parameters, self.STEP, context)
        if end < start:
            raise QgsProcessingException(self.tr(
                "The end hour ({}) is before the start hour ({}).").format(end, start))
        count = int(math.floor((end - start) * 60.0 / step + 1e-9)) + 1
        return [start + i * step / 60.0 for i in range(count)], "true_solar"

    def _suns(self, day, offset, hours, basis, lon, lat):
        """SunInstant list and per instant (true solar, local civil) text."""
        import numpy as np  # on use: the provider loads with the plugin

        from ..analysis import sun
        from ..analysis.shadows import SunInstant

        midnight = np.datetime64(day, "s")
        if basis == "true_solar":
            utc = sun.true_solar_to_utc(day, lon, np.array(hours))
        else:
            utc = midnight + np.round((np.array(hours) - offset) * 3600.0).astype(
                "timedelta64[s]")
        azimuth, elevation = sun.solar_position(lon, lat, utc)
        mean_solar = (utc - midnight).astype(float) / 3600.0 + lon / 15.0
        true_solar = (mean_solar + sun.equation_of_time(utc) / 60.0) % 24.0
        labels = [clock_text(h) for h in hours]
        suns = [SunInstant(label, float(a), float(e))
                for label, a, e in zip(labels, azimuth, elevation)]
        return suns, [clock_text(h) for h in true_solar], local_text(utc, offset)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        require_geo_stack()
        import numpy as np

        from ..analysis import shadows as kernel
        from .layer_io import source_to_gdf

        crs = self.analysis_crs(parameters, context)
        source, height_field, (hours, basis) = self._inputs(parameters, context)
        id_field = self.parameterAsString(parameters, self.ID_FIELD, context) or None
        if id_field and source.fields().indexOf(id_field) < 0:
            feedback.pushInfo(self.tr("Buildings: no field {}; feature ids are used.").format(
                id_field))
            id_field = None
        day, offset = chosen_day(self, parameters, context)
        dissolve = self.parameterAsBoolean(parameters, self.DISSOLVE, context)

        fields_read = [height_field] + ([id_field] if id_field else [])
        frame, _info = source_to_gdf(source, crs, context, feedback, self.tr("Buildings"),
                                     fields=fields_read, progress_range=(0, 20))
        if feedback.isCanceled():
            return {}
        if frame.empty:
            raise QgsProcessingException(self.tr(
                "The buildings layer has no feature with a usable polygon."))
        heights = np.array([np.nan if v is None else v for v in frame[height_field]],
                           dtype=float)
        ids = ([str(v) if v is not None else "" for v in frame[id_field]] if id_field
               else [str(fid) for fid in frame.index])
        # The sun's position at the centre of the buildings (in longitude and latitude).
        x0, y0, x1, y1 = frame.total_bounds
        to_wgs = QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem("EPSG:4326"),
                                        context.transformContext())
        centre = to_wgs.transform(QgsPointXY((x0 + x1) / 2.0, (y0 + y1) / 2.0))
        suns, solar_text, local = self._suns(day, offset, hours, basis, centre.x(),
                                             centre.y())
        feedback.pushInfo(self.tr("{}: {} instants at {:.5f}°E, {:.5f}°N; {} buildings.").format(
            day.isoformat(), len(suns), centre.x(), centre.y(), len(frame)))
        for s, tst, loc in zip(suns, solar_text, local):
            feedback.pushInfo(self.tr("{} (true solar {}, local {}): azimuth {:.2f}°, "
                                      "elevation {:.2f}°.").format(
                s.label, tst, loc, s.azimuth, s.elevation))

        def progress(fraction):
            feedback.setProgress(20 + 60 * fraction)
            if feedback.isCanceled():
                raise kernel.ShadowsCancelled()

        try:
            result = kernel.building_shadows(list(frame.geometry.values), heights, suns,
                                             dissolve=dissolve, progress=progress)
        except kernel.ShadowsCancelled:
            return {}
        for note in result.notes:
            feedback.pushInfo(translate_note(note))

        sink, dest, fields = sink_for(self, parameters, self.OUTPUT, context, FIELDS, crs)
        basis_text = {"true_solar": "true solar", "local": "local"}[basis]
        for n, record in enumerate(result.records):
            if feedback.isCanceled():
                return {}
            s = suns[record.instant]
            b = record.building
            if not add_feature(sink, fields, (
                    s.label, basis_text, solar_text[record.instant], local[record.instant],
                    round(s.azimuth, 4), round(s.elevation, 4), ids[b] if b >= 0 else None,
                    float(heights[b]) if b >= 0 else None, round(float(record.length), 3),
                    round(float(record.geometry.area), 3)), record.geometry):
                raise QgsProcessingException(sink.lastError())
            feedback.setProgress(80 + 20 * (n + 1) / max(len(result.records), 1))
        StylePostProcessor.attach(context, dest, "shadows")
        return {self.OUTPUT: dest}
