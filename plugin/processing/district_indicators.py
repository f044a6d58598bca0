"""Processing algorithm: district indicators (片区指标). Thin: layers → kernel → sink.

The kernel (numpy / shapely / geopandas) is imported when the algorithm runs, not when
the provider loads, so enabling the plugin stays cheap.
"""

# ruff: noqa: N802 (QGIS API method names)

import math
import os
import re

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ..i18n import tr, translate_note
from .base import ReviewAlgorithm
from .fields import district_id_field
from .layer_io import python_value, qvariant_type, require_geo_stack
from .sinks import sink_for

BUILDING_FIELDS = ("gfa", "floors", "height", "use")
SENSOR_FIELDS = ("observed_property", "kind", "status")
DEFAULT_ID_FIELD = "district_id"


def parse_distances(text):
    """'500,800' (also '500 800', '500，800') → [500.0, 800.0]; bad text → exception."""
    parts = [p for p in re.split(r"[,，;；\s]+", text or "") if p]
    try:
        values = sorted({float(p) for p in parts})
    except ValueError:
        values = []
    if not values or values[0] <= 0 or not all(math.isfinite(v) for v in values):
        raise QgsProcessingException(
            tr("Distances must be positive numbers of metres separated by commas, "
               "e.g. 500,800; got '{}'.").format(text))
    return values


class DistrictIndicatorsAlgorithm(ReviewAlgorithm):
    ICON = "indicators.svg"
    DISTRICTS = "DISTRICTS"
    DISTRICT_ID_FIELD = "DISTRICT_ID_FIELD"
    BUILDINGS = "BUILDINGS"
    GREEN = "GREEN"
    METRO = "METRO"
    CHARGERS = "CHARGERS"
    FACILITIES = "FACILITIES"
    SENSORS = "SENSORS"
    DISTANCES = "DISTANCES"
    CRS = "CRS"
    OUTPUT = "OUTPUT"
    OUTPUT_TABLE = "OUTPUT_TABLE"

    def name(self):
        return "districtindicators"

    def displayName(self):
        return self.tr("District indicators")

    def tags(self):
        return self.tr("district,indicators,FAR,density,green ratio,land use,coverage,"
                       "片区指标,容积率,建筑密度,绿地率").split(",")

    def shortHelpString(self):
        return self.tr(
            "<p>Indicators per district polygon (片区指标): land area, buildings, gross floor "
            "area, floor-area ratio (容积率), building density (建筑密度), green ratio (绿地率), "
            "heights, land-use mix, coverage by metro stations, EV chargers and facilities, "
            "and sensors.</p>"
            "<p><b>Method.</b> All layers are transformed to the analysis CRS (metres, default "
            "EPSG:4547). A building split by a district boundary counts by the share of its "
            "footprint inside: its count, footprint and GFA are scaled by that share. GFA is "
            "<i>gfa</i> when present, else footprint × <i>floors</i>, else footprint × "
            "round(<i>height</i> / 3 m); the log says how many buildings used each. "
            "FAR = GFA / land area; density = footprint / land area; green ratio = area of the "
            "union of green polygons inside the district / land area (overlaps count once). "
            "Height bands: ≤24, 24–50, 50–100, 100–250, &gt;250 m. Land-use mix: share of GFA "
            "by <i>use</i> and its Shannon entropy −Σ p ln p (natural log). Coverage: a building "
            "is covered when its footprint is within the distance (straight line) of a point, "
            "as a share of buildings and of GFA. Sensors: points inside, by "
            "<i>observed_property</i> (or <i>kind</i>), and the share with status online.</p>"
            "<p><b>Output fields</b> (units): land_area_m2, footprint_m2, gfa_m2, green_m2 "
            "(m²); building_count and h_0_24 … h_250_plus (buildings, fractional where split); "
            "far, density, green_ratio, use_share_&lt;use&gt;, "
            "&lt;metro|charger|facility&gt;_cov_&lt;distance&gt;_bldg / _gfa, "
            "sensors_online_share (0–1); height_mean_m, height_max_m (m); use_entropy (nats); "
            "sensors_total, sensors_&lt;kind&gt; (count). Fields of a missing optional layer are "
            "left out.</p>"
            "<p><b>Assumptions.</b> Straight-line distance, not walking distance; heights are "
            "above ground; 3 m per storey when only a height is known.</p>")

    def initAlgorithm(self, config=None):
        polygon = [QgsProcessing.TypeVectorPolygon]
        point = [QgsProcessing.TypeVectorPoint]
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.DISTRICTS, self.tr("Districts"), polygon))
        self.addParameter(QgsProcessingParameterField(
            self.DISTRICT_ID_FIELD, self.tr("District id field (empty: feature id)"),
            defaultValue=DEFAULT_ID_FIELD, parentLayerParameterName=self.DISTRICTS,
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.BUILDINGS, self.tr("Buildings (gfa, floors, height, use)"), polygon))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.GREEN, self.tr("Green space"), polygon, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.METRO, self.tr("Metro stations"), point, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.CHARGERS, self.tr("EV chargers"), point, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.FACILITIES, self.tr("Facilities"),
            [QgsProcessing.TypeVectorAnyGeometry], optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.SENSORS, self.tr("Sensors (observed_property, status)"), point, optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.DISTANCES, self.tr("Coverage distances (m, comma separated)"),
            defaultValue="500,800"))
        self.add_crs_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("District indicators"), QgsProcessing.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT_TABLE, self.tr("Indicator table (CSV)"),
            self.tr("CSV files (*.csv)"), optional=True, createByDefault=False))

    # -- inputs

    def _source(self, parameters, name, context, required):
        source = self.parameterAsSource(parameters, name, context)
        if source is None:
            if required:
                raise QgsProcessingException(self.invalidSourceError(parameters, name))
            return None
        return source

    def processAlgorithm(self, parameters, context, feedback):
        require_geo_stack()
        from ..analysis.indicators import (
            IndicatorInputError,
            IndicatorsCancelled,
            district_indicators,
        )
        from .layer_io import source_to_gdf, to_qgs_geometry

        crs = self.analysis_crs(parameters, context)
        distances = parse_distances(self.parameterAsString(parameters, self.DISTANCES, context))
        districts_src = self._source(parameters, self.DISTRICTS, context, True)
        buildings_src = self._source(parameters, self.BUILDINGS, context, True)
        if districts_src.featureCount() == 0:
            raise QgsProcessingException(self.tr("The districts layer has no features."))
        if buildings_src.featureCount() == 0:
            raise QgsProcessingException(self.tr("The buildings layer has no features."))
        names = set(buildings_src.fields().names())
        if not names & {"gfa", "floors", "height"}:
            raise QgsProcessingException(self.tr(
                "The buildings layer has none of the fields gfa, floors or height, so floor "
                "area cannot be computed."))
        if "use" not in names:
            feedback.pushWarning(self.tr("The buildings have no field 'use'; the land-use "
                                         "mix is left out."))
        id_field = district_id_field(self, parameters, context, districts_src, feedback)

        def read(source, label, start, end, kind="polygon", fields=(), drop=True):
            frame, _info = source_to_gdf(source, crs, context, feedback, label, kind=kind,
                                         fields=fields, drop_unusable=drop,
                                         progress_range=(start, end))
            if feedback.isCanceled():
                raise IndicatorsCancelled()
            return frame

        try:
            districts = read(districts_src, self.tr("Districts"), 0, 5, fields=None, drop=False)
            buildings = read(buildings_src, self.tr("Buildings"), 5, 45, fields=BUILDING_FIELDS)
            optional = {}
            spans = {self.GREEN: (45, 48), self.METRO: (48, 50), self.CHARGERS: (50, 52),
                     self.FACILITIES: (52, 54), self.SENSORS: (54, 55)}
            labels = {self.GREEN: self.tr("Green space"), self.METRO: self.tr("Metro stations"),
                      self.CHARGERS: self.tr("EV chargers"),
                      self.FACILITIES: self.tr("Facilities"), self.SENSORS: self.tr("Sensors")}
            for key, (start, end) in spans.items():
                source = self._source(parameters, key, context, False)
                if source is None:
                    optional[key] = None
                    continue
                if source.featureCount() == 0:
                    feedback.pushWarning(self.tr("{} has no features.").format(labels[key]))
                optional[key] = read(
                    source, labels[key], start, end,
                    kind="polygon" if key == self.GREEN else "any",
                    fields=SENSOR_FIELDS if key == self.SENSORS else ())

            def progress(fraction):
                feedback.setProgress(55 + 35 * fraction)
                if feedback.isCanceled():
                    raise IndicatorsCancelled()

            feedback.pushInfo(self.tr("Computing indicators for {} districts and {} "
                                      "buildings…").format(len(districts), len(buildings)))
            result = district_indicators(
                districts, buildings, green=optional[self.GREEN],
                stations=optional[self.METRO], chargers=optional[self.CHARGERS],
                facilities=optional[self.FACILITIES], sensors=optional[self.SENSORS],
                distances=distances, id_field=id_field, progress=progress)
        except IndicatorsCancelled:
            return {}
        except IndicatorInputError as error:
            raise QgsProcessingException(translate_note(error.args[0])) from error
        for note in result.notes:
            feedback.pushInfo(translate_note(note))

        table = result.table
        fields, indicator_cols = self._output_fields(districts_src.fields(), table, feedback)
        sink, dest_id, _ = sink_for(self, parameters, self.OUTPUT, context, fields, crs)
        kept = [i for i, f in enumerate(districts_src.fields()) if f.name() not in indicator_cols]
        original = {f.id(): f.attributes() for f in districts_src.getFeatures(
            QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry))}
        geoms = districts.geometry.values
        values = table[indicator_cols].to_numpy(dtype=object)
        for row, fid in enumerate(districts.index):
            if feedback.isCanceled():
                return {}
            feature = QgsFeature(fields)
            geom = to_qgs_geometry(geoms[row])
            if not geom.isNull():
                geom.convertToMultiType()
                feature.setGeometry(geom)
            attrs = [original[fid][i] for i in kept] + [python_value(v) for v in values[row]]
            feature.setAttributes(attrs)
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
            feedback.setProgress(90 + 9 * (row + 1) / len(table))

        results = {self.OUTPUT: dest_id}
        table_path = self.parameterAsFileOutput(parameters, self.OUTPUT_TABLE, context)
        if table_path:
            self._write_csv(table_path, districts, table, kept, districts_src.fields(),
                            indicator_cols)
            results[self.OUTPUT_TABLE] = table_path
        return results

    def _output_fields(self, source_fields, table, feedback):
        """Original district fields, then the indicator fields (typed). An original field
        with an indicator's name gives way to the indicator, with a warning."""
        id_col = table.columns[0]
        # The id column is already among the district's own fields unless it is the fid.
        indicator_cols = [c for c in table.columns
                          if not (c == id_col and source_fields.indexOf(c) >= 0)]
        fields = QgsFields()
        for f in source_fields:
            if f.name() in indicator_cols:
                feedback.pushWarning(self.tr("The districts' field {} is replaced by the "
                                             "indicator of that name.").format(f.name()))
                continue
            fields.append(f)
        for c in indicator_cols:
            fields.append(QgsField(c, qvariant_type(table[c])))
        return fields, indicator_cols

    @staticmethod
    def _write_csv(path, districts, table, kept, source_fields, indicator_cols):
        names = [source_fields.at(i).name() for i in kept]
        attrs = districts[[n for n in names if n in districts.columns]].reset_index(drop=True)
        frame = attrs.join(table[indicator_cols].reset_index(drop=True))
        tmp = "{}.part".format(path)
        frame.to_csv(tmp, index=False, encoding="utf-8")
        os.replace(tmp, path)  # never leave a half-written table where a good one was
