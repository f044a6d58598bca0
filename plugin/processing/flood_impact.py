"""Processing algorithm: flood and waterlogging impact (洪涝影响). Thin: layers → kernel → sinks.

The kernels (analysis/flood.py, analysis/zonal.py: numpy / shapely / geopandas) are
imported when the algorithm runs, not when the provider loads.
"""

import math
import re
from pathlib import Path

from qgis.core import (
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..i18n import tr, translate_note
from ..report import flood_report
from .base import ReviewAlgorithm
from .fields import district_id_field
from .layer_io import qvariant_type, require_geo_stack
from .sinks import StylePostProcessor, add_feature, sink_for

DEFAULT_THRESHOLDS_TEXT = "0.15,0.30,0.50,1.00"
DEFAULT_ID_FIELD = "district_id"
CLASS_FIELD = "flood_class"          # class key of the worst scenario: the styles' field
WORST_FIELD = "worst_scenario"
NO_DATA_KEY = "no_data"
# The scenario of a layer named like "flood_depth_rp20" or "flood-depth-rp100".
SCENARIO_SUFFIX = re.compile(r"(rp\d+)$", re.IGNORECASE)


def parse_thresholds(text):
    """'0.15,0.30,0.50,1.00' → [0.15, 0.3, 0.5, 1.0]: four increasing positive depths (m)."""
    parts = [p for p in re.split(r"[,，;；\s]+", text or "") if p]
    try:
        values = [float(p) for p in parts]
    except ValueError:
        values = []
    ok = (len(values) == 4 and all(math.isfinite(v) and v > 0 for v in values)
          and all(a < b for a, b in zip(values, values[1:])))
    if not ok:
        raise QgsProcessingException(tr(
            "Thresholds must be four increasing positive depths in metres separated by "
            "commas, e.g. 0.15,0.30,0.50,1.00; got '{}'.").format(text))
    return values


def scenario_name(layer):
    """rp20 for a layer or table named …rp20; else the layer's name, made field-safe."""
    candidates = [layer.name()]
    source = layer.source()
    if source.upper().startswith("GPKG:"):
        candidates.append(source.rsplit(":", 1)[-1])
    candidates.append(Path(source.split("|")[0]).stem)
    for text in candidates:
        match = SCENARIO_SUFFIX.search(text.strip())
        if match:
            return match.group(1).lower()
    name = re.sub(r"\W+", "_", layer.name().strip()).strip("_") or "scenario"
    return name if not name[0].isdigit() else "s" + name


def scenario_names(layers):
    """The scenario names the algorithm gives these flood rasters, in order."""
    return _unique([scenario_name(layer) for layer in layers])


def _unique(names):
    seen, out = {}, []
    for name in names:
        if name in seen:
            seen[name] += 1
            name = "{}_{}".format(name, seen[name])
        else:
            seen[name] = 1
        out.append(name)
    return out


class FloodImpactAlgorithm(ReviewAlgorithm):
    ICON = "flood.svg"
    FLOOD_RASTERS = "FLOOD_RASTERS"
    BUILDINGS = "BUILDINGS"
    ROADS = "ROADS"
    STATIONS = "STATIONS"
    FACILITIES = "FACILITIES"
    DISTRICTS = "DISTRICTS"
    DISTRICT_ID_FIELD = "DISTRICT_ID_FIELD"
    GAUGES = "GAUGES"
    THRESHOLDS = "THRESHOLDS"
    NODATA_IS_DRY = "NODATA_IS_DRY"
    CRS = "CRS"
    BUILDINGS_OUT = "BUILDINGS_OUT"
    ROADS_OUT = "ROADS_OUT"
    STATIONS_OUT = "STATIONS_OUT"
    FACILITIES_OUT = "FACILITIES_OUT"
    IMPACT_AREAS = "IMPACT_AREAS"
    SUMMARY = "SUMMARY"
    COMPARISON = "COMPARISON"
    REPORT = "REPORT"

    # input parameter → (kernel keyword, output parameter)
    EXPOSURES = (("BUILDINGS", "buildings", "BUILDINGS_OUT"),
                 ("ROADS", "roads", "ROADS_OUT"),
                 ("STATIONS", "stations", "STATIONS_OUT"),
                 ("FACILITIES", "facilities", "FACILITIES_OUT"))

    def name(self):
        return "floodimpact"

    def displayName(self):  # noqa: N802
        return self.tr("Flood and waterlogging impact")

    def tags(self):
        return self.tr("flood,waterlogging,inundation,depth,exposure,scenario,return period,"
                       "洪涝,内涝,淹没,水深,影响").split(",")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Flood and waterlogging impact (洪涝影响) of one or more flood-depth rasters "
            "(scenarios, e.g. return periods rp20, rp50, rp100) on buildings, roads, metro "
            "stations and entrances, and facilities, per district and side by side.</p>"
            "<p><b>Method.</b> All layers are transformed to the analysis CRS (metres, default "
            "EPSG:4547); a raster in another CRS is warped in memory (nearest neighbour) and "
            "the log says so. Only the part of each raster around the inputs is read (the "
            "impact areas cover that part). "
            "Polygons: coverage-weighted mean depth (each cell weighted by the area of the "
            "cell the footprint covers), maximum depth and the flooded share of the footprint. "
            "Lines: flooded length and maximum depth along the line. Points: depth of the cell "
            "holding the point. Depth classes from the thresholds (default 0.15, 0.30, "
            "0.50, 1.00 m; a depth equal to a threshold is in the class above): dry, minor, "
            "moderate, severe, extreme. Polygons and lines are classed by their maximum "
            "depth (water at one corner reaches entrances and basements). A feature is "
            "affected from the first threshold up. GFA is <i>gfa</i>, else footprint × "
            "<i>floors</i>, else footprint × round(<i>height</i> / 3 m), else 0; the log "
            "says how many used each. A building or road split by a district boundary counts "
            "by its share inside. Impact areas: the cells at or above each class's threshold, "
            "dissolved, per scenario (nested: minor contains moderate, and so on). With "
            "gauges, each affected feature gets the nearest water-level gauge's latest "
            "reading and its state (normal, warn, alarm).</p>"
            "<p><b>Outputs</b> (units): per scenario &lt;scenario&gt;_mean, _max, _depth "
            "(m), _wet_share (0–1), _wet_len (m), _class (0 dry … 4 extreme, −1 no data); "
            "gfa_m2 (m²); worst_class, and flood_class (its name) with worst_scenario (the "
            "first scenario reaching it): the layers are styled by flood_class; gauge_id, "
            "gauge_value (m), gauge_state, gauge_distance_m (m). The summary has one row per "
            "district and scenario (counts by class, split by share inside; gfa_affected_m2 "
            "in m²; road_length_affected_m in m; impact_&lt;class&gt;_m2 in m²); the "
            "comparison has one row per measure and one column per scenario, over all "
            "features; the log prints it.</p>"
            "<p><b>Input.</b> Invalid geometries are repaired (make_valid) and features "
            "without a usable geometry are left out, whatever the Processing setting for "
            "invalid features; the log counts both.</p>"
            "<p><b>Assumptions.</b> Cells outside a raster are unknown (no data), not dry; "
            "nodata cells inside a raster are dry unless you clear that option (flood models "
            "write depths below their minimum as nodata). Depths are water above ground; "
            "no defences or building thresholds are modelled.</p>")

    def initAlgorithm(self, config=None):  # noqa: N802
        polygon = [QgsProcessing.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.FLOOD_RASTERS, self.tr("Flood depth rasters (one per scenario, m)"),
            QgsProcessing.TypeRaster))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.BUILDINGS, self.tr("Buildings (gfa, floors, height)"), polygon,
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.ROADS, self.tr("Roads"), [QgsProcessing.TypeVectorLine], optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.STATIONS, self.tr("Metro stations and entrances"),
            [QgsProcessing.TypeVectorPoint], optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.FACILITIES, self.tr("Facilities"),
            [QgsProcessing.TypeVectorAnyGeometry], optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.DISTRICTS, self.tr("Districts"), polygon, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.DISTRICT_ID_FIELD, self.tr("District id field (empty: feature id)"),
            defaultValue=DEFAULT_ID_FIELD, parentLayerParameterName=self.DISTRICTS,
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.GAUGES, self.tr("Water level gauges (latest_value, warn_level, alarm_level)"),
            [QgsProcessing.TypeVectorPoint], optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.THRESHOLDS, self.tr("Depth class thresholds (m, comma separated)"),
            defaultValue=DEFAULT_THRESHOLDS_TEXT))
        self.addParameter(QgsProcessingParameterBoolean(
            self.NODATA_IS_DRY, self.tr("Raster nodata inside the raster means dry"),
            defaultValue=True))
        self.add_crs_parameter()
        labels = {self.BUILDINGS_OUT: (self.tr("Buildings flood exposure"),
                                       QgsProcessing.TypeVectorPolygon),
                  self.ROADS_OUT: (self.tr("Roads flood exposure"),
                                   QgsProcessing.TypeVectorLine),
                  self.STATIONS_OUT: (self.tr("Stations flood exposure"),
                                      QgsProcessing.TypeVectorPoint),
                  self.FACILITIES_OUT: (self.tr("Facilities flood exposure"),
                                        QgsProcessing.TypeVectorAnyGeometry)}
        for name, (label, kind) in labels.items():
            self.addParameter(QgsProcessingParameterFeatureSink(
                name, label, kind, optional=True, createByDefault=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.IMPACT_AREAS, self.tr("Flood impact areas"), QgsProcessing.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.SUMMARY, self.tr("Flood impact summary"), QgsProcessing.TypeVector))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.COMPARISON, self.tr("Flood scenario comparison"), QgsProcessing.TypeVector))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.REPORT, self.tr("Flood impact report (HTML)"), self.tr("HTML files (*.html)"),
            optional=True, createByDefault=False))

    # -- inputs

    def _rasters(self, parameters, context):
        layers = self.parameterAsLayerList(parameters, self.FLOOD_RASTERS, context)
        layers = [layer for layer in layers if layer is not None]
        if not layers:
            raise QgsProcessingException(self.tr("Give at least one flood depth raster."))
        for layer in layers:
            if not layer.isValid() or not hasattr(layer, "bandCount"):
                raise QgsProcessingException(self.tr(
                    "The layer {} is not a valid raster.").format(layer.name()))
        return layers, scenario_names(layers)

    def _inputs(self, parameters, context):
        """The checked inputs: (crs, thresholds, rasters, scenario names, sources).

        Raises QgsProcessingException with one sentence. checkParameterValues runs it
        before the algorithm starts (the dialog, qgis_process, models and processing.run
        all show its message); processAlgorithm runs it again for callers that skip it."""
        crs = self.analysis_crs(parameters, context)
        thresholds = parse_thresholds(
            self.parameterAsString(parameters, self.THRESHOLDS, context))
        rasters, names = self._rasters(parameters, context)
        sources = {}
        # Invalid geometries are repaired (make_valid) and counted while reading
        # (layer_io skips Processing's own check, which breaks QGIS 3.22's Python).
        for key in (self.BUILDINGS, self.ROADS, self.STATIONS, self.FACILITIES,
                    self.DISTRICTS, self.GAUGES):
            source = self.parameterAsSource(parameters, key, context)
            if source is not None:
                sources[key] = source
        given = [key for key, _kw, _out in self.EXPOSURES if key in sources]
        if given and all(sources[key].featureCount() == 0 for key in given):
            raise QgsProcessingException(self.tr(
                "The exposure layers given have no features, so there is nothing to assess."))
        if self.DISTRICTS in sources:
            districts = sources[self.DISTRICTS]
            if districts.featureCount() == 0:
                raise QgsProcessingException(self.tr("The districts layer has no features."))
            field = self.parameterAsString(parameters, self.DISTRICT_ID_FIELD, context)
            if field and field != DEFAULT_ID_FIELD and districts.fields().indexOf(field) < 0:
                raise QgsProcessingException(
                    self.tr("The districts layer has no field '{}'.").format(field))
        return crs, thresholds, rasters, names, sources

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        require_geo_stack()
        from ..analysis import flood as flood_kernel
        from .layer_io import source_to_gdf
        from .raster_io import frames_extent, layer_extent_in, read_depth

        crs, thresholds, rasters, names, sources = self._inputs(parameters, context)
        nodata_is_dry = self.parameterAsBoolean(parameters, self.NODATA_IS_DRY, context)
        labels = {self.BUILDINGS: self.tr("Buildings"), self.ROADS: self.tr("Roads"),
                  self.STATIONS: self.tr("Metro stations and entrances"),
                  self.FACILITIES: self.tr("Facilities"), self.DISTRICTS: self.tr("Districts"),
                  self.GAUGES: self.tr("Water level gauges")}
        given = [key for key, _kw, _out in self.EXPOSURES if key in sources]
        id_field = DEFAULT_ID_FIELD
        if self.DISTRICTS in sources:
            id_field = district_id_field(self, parameters, context, sources[self.DISTRICTS],
                                         feedback)

        def check_cancel():
            if feedback.isCanceled():
                raise flood_kernel.FloodCancelled()

        try:
            frames = {}
            spans = {self.BUILDINGS: (0, 10), self.ROADS: (10, 14), self.STATIONS: (14, 15),
                     self.FACILITIES: (15, 16), self.DISTRICTS: (16, 17),
                     self.GAUGES: (17, 18)}
            for key, source in sources.items():
                kind = "polygon" if key in (self.BUILDINGS, self.DISTRICTS) else "any"
                frame, _info = source_to_gdf(
                    source, crs, context, feedback, labels[key], kind=kind, fields=None,
                    drop_unusable=key != self.DISTRICTS, progress_range=spans[key])
                check_cancel()
                frames[key] = frame

            extent = frames_extent([frames.get(k) for k in given + [self.DISTRICTS]])
            if extent is None and given:
                raise QgsProcessingException(self.tr(
                    "None of the features of the exposure layers has a usable geometry."))
            scenarios = []
            for i, (layer, name) in enumerate(zip(rasters, names)):
                # Without exposures or districts: the whole raster (impact areas only).
                window = extent or layer_extent_in(layer, crs, context)
                read = read_depth(layer, window, crs, context, nodata_is_dry=nodata_is_dry)
                if read.warped:
                    feedback.pushInfo(self.tr(
                        "Flood raster {}: transformed from {} to {} (nearest neighbour, "
                        "{:.1f} m cells) for metric analysis.").format(
                            layer.name(), read.source_crs, crs.authid(), read.grid.dx))
                feedback.pushInfo(self.tr("Scenario {}: raster {}, {} × {} cells read.").format(
                    name, layer.name(), read.grid.width, read.grid.height))
                scenarios.append(flood_kernel.Scenario(name=name, depth=read.depth,
                                                       grid=read.grid))
                feedback.setProgress(18 + 12 * (i + 1) / len(rasters))
                check_cancel()

            def progress(fraction):
                feedback.setProgress(30 + 55 * fraction)
                check_cancel()

            feedback.pushInfo(self.tr("Computing flood impact for {} scenarios…").format(
                len(scenarios)))
            kwargs = {kw: frames.get(key) for key, kw, _out in self.EXPOSURES}
            result = flood_kernel.flood_impact(
                scenarios, districts=frames.get(self.DISTRICTS),
                gauges=frames.get(self.GAUGES), thresholds=tuple(thresholds),
                district_id_field=id_field, progress=progress, **kwargs)
        except flood_kernel.FloodCancelled:
            return {}
        except flood_kernel.FloodInputError as error:
            # The kernel's input errors are one sentence for the user.
            raise QgsProcessingException(translate_note(error.args[0])) from error
        for note in result.notes:
            feedback.pushInfo(translate_note(note))

        results = {}
        class_keys = flood_kernel.CLASS_KEYS
        for key, kw, out in self.EXPOSURES:
            frame = result.exposures.get(kw) if key in frames else None
            if frame is None:
                continue
            dest = self._write_exposure(parameters, context, feedback, out, sources[key],
                                        frames[key], frame, names, class_keys, crs)
            if dest is not None:
                results[out] = dest
            if feedback.isCanceled():
                return {}
        feedback.setProgress(92)
        results[self.IMPACT_AREAS] = self._write_impact_areas(
            parameters, context, feedback, result.impact_areas, crs)
        results[self.SUMMARY] = self._write_table(parameters, context, self.SUMMARY,
                                                  result.summary)
        results[self.COMPARISON] = self._write_table(parameters, context, self.COMPARISON,
                                                     result.comparison)
        feedback.pushInfo(self.tr("Scenarios compared:"))
        for line in flood_report.text_table(result.comparison):
            feedback.pushInfo(line)
        report = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report:
            flood_report.write_report(report, result, names, thresholds)
            results[self.REPORT] = report
        feedback.setProgress(100)
        return results

    # -- outputs

    @staticmethod
    def _wkb_type(source_type, geoms):
        flat = QgsWkbTypes.flatType(source_type)
        geometry = QgsWkbTypes.geometryType(flat)
        if geometry == QgsWkbTypes.PolygonGeometry:
            return QgsWkbTypes.MultiPolygon
        if geometry == QgsWkbTypes.LineGeometry:
            return QgsWkbTypes.MultiLineString
        if geometry == QgsWkbTypes.PointGeometry:
            return flat
        # Unknown (e.g. a memory layer without type): take the first geometry's.
        for g in geoms:
            if g is not None:
                kind = g.geom_type
                return {"Polygon": QgsWkbTypes.MultiPolygon,
                        "MultiPolygon": QgsWkbTypes.MultiPolygon,
                        "LineString": QgsWkbTypes.MultiLineString,
                        "MultiLineString": QgsWkbTypes.MultiLineString,
                        "MultiPoint": QgsWkbTypes.MultiPoint}.get(kind, QgsWkbTypes.Point)
        return QgsWkbTypes.Point

    def _write_exposure(self, parameters, context, feedback, out, source, frame_in, frame,
                        names, class_keys, crs):
        import numpy as np

        source_fields = source.fields()
        input_cols = [c for c in frame_in.columns if c != frame_in.geometry.name]
        geom_col = frame.geometry.name
        new_cols = [c for c in frame.columns
                    if c != geom_col and c not in input_cols and c not in (CLASS_FIELD,
                                                                         WORST_FIELD)]
        class_cols = ["{}_class".format(n) for n in names if "{}_class".format(n) in frame]
        if class_cols:
            classes = np.column_stack([frame[c].to_numpy(dtype=float) for c in class_cols])
            classes = np.where(np.isfinite(classes), classes, -1).astype(int)
            worst_idx = classes.argmax(axis=1)
            worst = classes[np.arange(len(frame)), worst_idx]
        else:
            worst = np.full(len(frame), -1)
            worst_idx = np.zeros(len(frame), dtype=int)
        keys = [class_keys[c] if 0 <= c < len(class_keys) else NO_DATA_KEY for c in worst]
        worst_names = [names[i] if w >= 1 else None for i, w in zip(worst_idx, worst)]

        fields = QgsFields()
        kept = []
        for f in source_fields:
            if f.name() in new_cols or f.name() in (CLASS_FIELD, WORST_FIELD):
                feedback.pushWarning(self.tr("The field {} of the input is replaced by the "
                                             "output field of that name.").format(f.name()))
                continue
            if f.name() in frame.columns:
                fields.append(f)
                kept.append(f.name())
        for c in new_cols:
            fields.append(QgsField(c, qvariant_type(frame[c])))
        fields.append(QgsField(CLASS_FIELD, QVariant.String))
        fields.append(QgsField(WORST_FIELD, QVariant.String))

        geoms = frame.geometry.values
        wkb_type = self._wkb_type(source.wkbType(), geoms)
        sink, dest_id, _ = sink_for(self, parameters, out, context, fields, crs, wkb_type,
                                    required=False)
        if sink is None:
            return None  # an optional output the user skipped
        multi = QgsWkbTypes.isMultiType(wkb_type)
        values = frame[kept + new_cols].to_numpy(dtype=object)
        for row in range(len(frame)):
            add_feature(sink, fields, list(values[row]) + [keys[row], worst_names[row]],
                        geoms[row], multi)
        style = {QgsWkbTypes.PolygonGeometry: "flood-impact-polygon",
                 QgsWkbTypes.LineGeometry: "flood-impact-line"}.get(
                     QgsWkbTypes.geometryType(wkb_type), "flood-impact-point")
        StylePostProcessor.attach(context, dest_id, style)
        return dest_id

    def _write_impact_areas(self, parameters, context, feedback, areas, crs):
        import numpy as np

        geom_col = areas.geometry.name
        cols = [c for c in areas.columns if c != geom_col]
        sink, dest_id, fields = sink_for(self, parameters, self.IMPACT_AREAS, context,
                                         [(c, qvariant_type(areas[c])) for c in cols], crs)
        # Nested classes: the largest (shallowest) first, so deeper ones are drawn on top.
        order = range(len(areas))
        if "min_depth" in areas.columns:
            order = np.argsort(areas["min_depth"].to_numpy(dtype=float), kind="stable")
        values = areas[cols].to_numpy(dtype=object)
        geoms = areas.geometry.values
        for row in order:
            add_feature(sink, fields, values[row], geoms[row])
        StylePostProcessor.attach(context, dest_id, "flood-impact-area")
        return dest_id

    def _write_table(self, parameters, context, name, table):
        frame = flood_report.flat(table)
        sink, dest_id, fields = sink_for(
            self, parameters, name, context,
            [(str(c), qvariant_type(frame[c])) for c in frame.columns], wkb=QgsWkbTypes.NoGeometry)
        for row in frame.to_numpy(dtype=object):
            add_feature(sink, fields, row)
        return dest_id
