"""Processing algorithm: sun position over a day (太阳位置). Thin: point → analysis/sun.py →
a table. Also the day choice (大寒日 / 冬至日 / a date) shared with the shadows algorithm."""

import datetime

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsProcessingParameterPoint,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..i18n import tr
from .base import ReviewAlgorithm
from .sinks import add_feature, sink_for

DAY_KEYS = ("dahan", "dongzhi", "date")


def add_day_parameters(algorithm):
    """The DAY (大寒日 / 冬至日 / date), YEAR, DATE and UTC_OFFSET parameters."""
    algorithm.addParameter(QgsProcessingParameterEnum(
        "DAY", tr("Day"), [tr("Great Cold day (大寒日, solar longitude 300°, ~20 January)"),
                           tr("Winter solstice (冬至日, solar longitude 270°, ~21 December)"),
                           tr("The date given below")], defaultValue=0))
    algorithm.addParameter(QgsProcessingParameterNumber(
        "YEAR", tr("Year (for 大寒日 / 冬至日)"), QgsProcessingParameterNumber.Integer,
        defaultValue=datetime.date.today().year, minValue=1900, maxValue=2100))
    algorithm.addParameter(QgsProcessingParameterString(
        "DATE", tr("Date (YYYY-MM-DD, when the day is a given date)"), optional=True))
    algorithm.addParameter(QgsProcessingParameterNumber(
        "UTC_OFFSET", tr("Time zone of local civil time (hours from UTC)"),
        QgsProcessingParameterNumber.Double, defaultValue=8.0, minValue=-14.0, maxValue=14.0))


def chosen_day(algorithm, parameters, context):
    """(date, utc_offset_hours) from the day parameters; one-sentence error when wrong."""
    from ..analysis import sun

    which = DAY_KEYS[algorithm.parameterAsEnum(parameters, "DAY", context)]
    offset = algorithm.parameterAsDouble(parameters, "UTC_OFFSET", context)
    if which != "date":
        year = algorithm.parameterAsInt(parameters, "YEAR", context)
        return sun.standard_day(year, which, utc_offset_hours=offset), offset
    text = (algorithm.parameterAsString(parameters, "DATE", context) or "").strip()
    try:
        return datetime.date.fromisoformat(text), offset
    except ValueError:
        raise QgsProcessingException(tr(
            "Give the date as YYYY-MM-DD, e.g. 2026-01-20; got '{}'.").format(text)) from None


def local_text(instants_utc, offset_hours, seconds=False):
    """'YYYY-MM-DD HH:MM' civil time in the zone UTC+offset of UTC datetime64 instants."""
    import numpy as np  # on use: the provider loads with the plugin

    local = np.asarray(instants_utc, dtype="datetime64[s]") + np.timedelta64(
        int(round(offset_hours * 3600)), "s")
    if not seconds:  # to the nearest minute
        local = (local + np.timedelta64(30, "s")).astype("datetime64[m]")
    return [str(t).replace("T", " ") for t in np.atleast_1d(local)]


def clock_text(hours):
    """'HH:MM' of hours of the day (rounded to the minute)."""
    minutes = int(round(hours * 60.0))
    return "{:02d}:{:02d}".format(minutes // 60, minutes % 60)


class SunPositionAlgorithm(ReviewAlgorithm):
    ICON = "sun.svg"
    LOCATION = "LOCATION"
    STEP = "STEP"
    OUTPUT = "OUTPUT"

    def name(self):
        return "sunposition"

    def displayName(self):  # noqa: N802
        return self.tr("Sun position")

    def tags(self):
        return self.tr("sun,solar,azimuth,elevation,true solar time,大寒,冬至,太阳位置,"
                       "真太阳时").split(",")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Sun position (太阳位置) over one day at a place: local civil time, true solar "
            "time, solar azimuth and elevation every time step while the sun is above the "
            "horizon.</p>"
            "<p><b>Method.</b> The sun's apparent position from the VSOP87 theory (larger "
            "terms), nutation, aberration, apparent sidereal time and topocentric parallax "
            "(Meeus, Astronomical Algorithms, as the NREL Solar Position Algorithm); "
            "elevation includes atmospheric refraction (1013.25 hPa, 12 °C). Within 0.003° "
            "of NREL SPA in azimuth and 0.001° in elevation (measured over a year). Steps run "
            "on true solar time (真太阳时 = local mean time + equation of time) from 00:00; "
            "each row also gives the civil time in the chosen time zone (default UTC+8, "
            "Beijing time).</p>"
            "<p><b>Days.</b> 大寒日 (Great Cold) and 冬至日 (winter solstice) are the civil "
            "days, in that time zone, on which the sun's apparent longitude reaches 300° and "
            "270° in the chosen year, computed astronomically.</p>"
            "<p><b>Outputs.</b> A table: local_time, true_solar_time, azimuth (degrees "
            "clockwise from north), elevation (degrees above the horizon); and the date and "
            "the first and last step with the sun above the horizon (local civil time). The "
            "location may be in any CRS; it is converted to longitude and latitude.</p>")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterPoint(self.LOCATION, self.tr("Location")))
        add_day_parameters(self)
        self.addParameter(QgsProcessingParameterNumber(
            self.STEP, self.tr("Time step (minutes)"), QgsProcessingParameterNumber.Double,
            defaultValue=10.0, minValue=0.5, maxValue=240.0))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Sun positions"), QgsProcessing.TypeVector))
        self.addOutput(QgsProcessingOutputString("DATE", self.tr("Date")))
        self.addOutput(QgsProcessingOutputString(
            "FIRST_ABOVE", self.tr("First step with the sun above the horizon")))
        self.addOutput(QgsProcessingOutputString(
            "LAST_ABOVE", self.tr("Last step with the sun above the horizon")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        import numpy as np  # on use: the provider loads with the plugin

        from ..analysis import sun

        wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
        point = self.parameterAsPoint(parameters, self.LOCATION, context, wgs84)
        lon, lat = point.x(), point.y()
        if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
            raise QgsProcessingException(self.tr(
                "The location ({:.4f}, {:.4f}) is not a longitude and latitude; check its "
                "CRS.").format(lon, lat))
        day, offset = chosen_day(self, parameters, context)
        step = self.parameterAsDouble(parameters, self.STEP, context)
        # The steps on true solar time; a day of true solar time is within seconds of 24 h.
        instants = sun.window_instants(day, lon, 0.0, 24.0, step)
        hours = np.arange(len(instants)) * step / 60.0
        azimuth, elevation = sun.solar_position(lon, lat, instants)
        up = np.flatnonzero(elevation > 0.0)
        feedback.pushInfo(self.tr("{}: sun position at {:.5f}°E, {:.5f}°N every {} min, "
                                  "{} steps above the horizon.").format(
            day.isoformat(), lon, lat, step, len(up)))

        sink, dest, fields = sink_for(
            self, parameters, self.OUTPUT, context,
            (("local_time", QVariant.String), ("true_solar_time", QVariant.String),
             ("azimuth", QVariant.Double), ("elevation", QVariant.Double)),
            wkb=QgsWkbTypes.NoGeometry)
        local = local_text(instants[up], offset)
        for n, i in enumerate(up):
            if feedback.isCanceled():
                return {}
            add_feature(sink, fields, (local[n], clock_text(hours[i]),
                                       round(float(azimuth[i]), 4), round(float(elevation[i]), 4)))
            feedback.setProgress(100.0 * (n + 1) / len(up))
        first = local[0] if len(up) else ""
        last = local[-1] if len(up) else ""
        if not len(up):
            feedback.pushWarning(self.tr("The sun stays below the horizon on {}.").format(
                day.isoformat()))
        else:
            feedback.pushInfo(self.tr("Sun above the horizon from {} to {} (local time); "
                                      "highest elevation {:.2f}°.").format(
                first, last, float(elevation[up].max())))
        return {self.OUTPUT: dest, "DATE": day.isoformat(), "FIRST_ABOVE": first,
                "LAST_ABOVE": last}
