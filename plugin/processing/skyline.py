"""Processing algorithm: skyline profile from viewpoints (天际线审视). Thin: layers → kernel →
sinks and charts. The kernel (analysis/skyline.py over analysis/rays.py) is imported when
the algorithm runs, not when the provider loads."""

import re
from pathlib import Path

from qgis.core import (
    QgsGeometry,
    QgsLineString,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterPoint,
    QgsProcessingParameterRasterLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..i18n import translate_note
from .base import ReviewAlgorithm
from .fields import ground_sources
from .layer_io import require_geo_stack
from .raster_io import ground_from_dem, sample_raster
from .sinks import StylePostProcessor, add_feature, sink_for

DEFAULT_EYE = 1.6


class SkylineAlgorithm(ReviewAlgorithm):
    ICON = "skyline.svg"
    VIEWPOINTS = "VIEWPOINTS"
    POINT = "POINT"
    EYE_HEIGHT = "EYE_HEIGHT"
    BUILDINGS = "BUILDINGS"
    HEIGHT_FIELD = "HEIGHT_FIELD"
    GROUND_FIELD = "GROUND_FIELD"
    ID_FIELD = "ID_FIELD"
    SCHEME = "SCHEME"
    DEM = "DEM"
    BIN_WIDTH = "BIN_WIDTH"
    FOV_FROM = "FOV_FROM"
    FOV_TO = "FOV_TO"
    REFERENCE_ANGLE = "REFERENCE_ANGLE"
    MAX_DISTANCE = "MAX_DISTANCE"
    CRS = "CRS"
    PROFILE = "PROFILE"
    SKYLINE = "SKYLINE"
    SKYLINE_BUILDINGS = "SKYLINE_BUILDINGS"
    METRICS = "METRICS"
    CHARTS = "CHARTS"
    # Output values: the first viewpoint's (every viewpoint's are in the metrics table).
    NUMBERS = ("MEAN_ANGLE", "MAX_ANGLE", "SKY_RATIO", "DISTINCT_BUILDINGS",
               "SCHEME_MAX_CHANGE", "SCHEME_BUILDINGS_ABOVE")

    def name(self):
        return "skyline"

    def displayName(self):  # noqa: N802
        return self.tr("Skyline profile")

    def tags(self):
        return self.tr("skyline,viewpoint,elevation angle,sky,scheme,天际线,视点,天空").split(",")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Skyline profile (天际线审视) from one or more viewpoints: for every azimuth the "
            "highest elevation angle of any building, the building setting it and its "
            "distance; the skyline as 3D lines, the buildings forming it, metrics and a chart "
            "(PNG and SVG) per viewpoint.</p>"
            "<p><b>Method.</b> Azimuths every bin width (default 0.1°) clockwise from north, "
            "optionally only a field of view from → to (clockwise). Buildings are prisms: "
            "footprint up to ground_elev + height (m). For each azimuth a horizontal ray from "
            "the eye (viewpoint ground + eye height) is intersected exactly with every "
            "footprint edge within the maximum distance (default 5000 m); the angle is "
            "atan((top − eye) / distance) at the edge where the ray enters a building. "
            "Viewpoint ground: the DEM under the viewpoint; without a DEM, the ground_elev of "
            "the nearest building, else 0 m (the log says which). A building without "
            "ground_elev stands on the DEM at its centroid, else on 0 m.</p>"
            "<p><b>Metrics.</b> The skyline angle of an azimuth is max(0°, highest building "
            "angle): the flat horizon is 0°. Mean and max angle over the azimuths with a "
            "building, and over all azimuths (skyline angle, sky = 0°); sky ratio: the share "
            "of azimuths where no building rises above the reference angle (default 5°); the "
            "number of distinct buildings setting the skyline.</p>"
            "<p><b>Scheme.</b> The scheme's buildings (same height fields) are added and the "
            "existing buildings their footprints overlap by more than 1 m² are removed (site "
            "cleared; the log counts them). Change per azimuth = scheme − existing skyline "
            "angle (°); a scheme building rises above the existing skyline where it sets the "
            "scheme profile higher than the existing skyline angle (role scheme_above).</p>"
            "<p><b>Outputs.</b> Profile: one row per viewpoint and azimuth (angle °, "
            "distance_m m). Skyline: LineStringZ at the hit points, z = the building's top "
            "(m), broken where only sky is seen. Skyline buildings: footprints with the "
            "azimuths and share each sets, per scenario. Metrics: one row per viewpoint and "
            "scenario; the output values are the first viewpoint's.</p>"
            "<p><b>Assumptions.</b> Flat roofs at the building's top; no terrain or trees "
            "block the view; the earth's curvature is ignored (≈ 2 m at 5 km).</p>")

    def initAlgorithm(self, config=None):  # noqa: N802
        polygon = [QgsProcessing.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.VIEWPOINTS, self.tr("Viewpoints (viewpoint_id, eye_height)"),
            [QgsProcessing.TypeVectorPoint], optional=True))
        self.addParameter(QgsProcessingParameterPoint(
            self.POINT, self.tr("Or a viewpoint clicked on the map"), optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.EYE_HEIGHT, self.tr("Eye height above ground (m; where a viewpoint has none)"),
            QgsProcessingParameterNumber.Double, DEFAULT_EYE, minValue=0.0))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.BUILDINGS, self.tr("Buildings"), polygon))
        self.add_field_parameters(self.BUILDINGS, (
            (self.HEIGHT_FIELD, self.tr("Height field (m above ground)"), "height", True),
            (self.GROUND_FIELD, self.tr("Ground elevation field (m)"), "ground_elev", True),
            (self.ID_FIELD, self.tr("Building id field (empty: feature id)"), "bim_id",
             False)))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.SCHEME, self.tr("Design scheme buildings"), polygon, optional=True))
        self.addParameter(QgsProcessingParameterRasterLayer(
            self.DEM, self.tr("DEM (viewpoint ground)"), optional=True))
        numbers = ((self.BIN_WIDTH, self.tr("Azimuth bin width (°)"), 0.1, 0.001, 45.0),
                   (self.REFERENCE_ANGLE, self.tr("Reference angle for the sky ratio (°)"),
                    5.0, -90.0, 90.0),
                   (self.MAX_DISTANCE, self.tr("Maximum distance (m)"), 5000.0, 1.0, None))
        for key, label, default, low, high in numbers:
            limits = {"minValue": low} if high is None else {"minValue": low, "maxValue": high}
            self.addParameter(QgsProcessingParameterNumber(
                key, label, QgsProcessingParameterNumber.Double, default, **limits))
        for key, label in ((self.FOV_FROM, self.tr("Field of view from azimuth (°)")),
                           (self.FOV_TO, self.tr("Field of view to azimuth (°, clockwise)"))):
            self.addParameter(QgsProcessingParameterNumber(
                key, label, QgsProcessingParameterNumber.Double, None, optional=True,
                minValue=-360.0, maxValue=720.0))
        self.add_crs_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.PROFILE, self.tr("Skyline profile"), QgsProcessing.TypeVector))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.SKYLINE, self.tr("Skyline"), QgsProcessing.TypeVectorLine))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.SKYLINE_BUILDINGS, self.tr("Skyline buildings"),
            QgsProcessing.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.METRICS, self.tr("Skyline metrics"), QgsProcessing.TypeVector))
        self.addParameter(QgsProcessingParameterFolderDestination(
            self.CHARTS, self.tr("Skyline charts folder (PNG and SVG)"), optional=True))
        self.add_number_outputs()

    # -- inputs

    def _inputs(self, parameters, context):
        crs = self.analysis_crs(parameters, context)
        buildings = self.parameterAsSource(parameters, self.BUILDINGS, context)
        if buildings is None:
            raise QgsProcessingException(self.tr("Give the buildings layer."))
        viewpoints = self.parameterAsSource(parameters, self.VIEWPOINTS, context)
        has_point = bool(parameters.get(self.POINT))
        if viewpoints is None and not has_point:
            raise QgsProcessingException(self.tr(
                "Give a viewpoints layer or click a viewpoint on the map."))
        if viewpoints is not None and viewpoints.featureCount() == 0 and not has_point:
            raise QgsProcessingException(self.tr("The viewpoints layer has no features."))
        height = self.parameterAsString(parameters, self.HEIGHT_FIELD, context) or "height"
        scheme = self.parameterAsSource(parameters, self.SCHEME, context)
        for label, source in ((self.tr("buildings"), buildings), (self.tr("scheme"), scheme)):
            if source is not None and source.fields().indexOf(height) < 0:
                raise QgsProcessingException(self.tr(
                    "The {} layer has no height field '{}'.").format(label, height))
        return crs, buildings, viewpoints, has_point, scheme, height

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        require_geo_stack()
        from ..analysis import skyline as kernel

        crs, buildings, viewpoints, has_point, scheme, height = self._inputs(parameters,
                                                                             context)
        ground = self.parameterAsString(parameters, self.GROUND_FIELD, context)
        id_field = self.parameterAsString(parameters, self.ID_FIELD, context)
        dem = self.parameterAsRasterLayer(parameters, self.DEM, context)
        eye = self.parameterAsDouble(parameters, self.EYE_HEIGHT, context)
        number = self.parameterAsDouble
        options = {"bin_width": number(parameters, self.BIN_WIDTH, context),
                   "reference_angle": number(parameters, self.REFERENCE_ANGLE, context),
                   "max_distance": number(parameters, self.MAX_DISTANCE, context),
                   "fov_from": self.optional_double(parameters, self.FOV_FROM, context),
                   "fov_to": self.optional_double(parameters, self.FOV_TO, context)}
        try:
            kernel.view_azimuths(options["bin_width"], options["fov_from"], options["fov_to"])
        except kernel.SkylineInputError as error:
            raise QgsProcessingException(translate_note(error.args[0])) from error

        frames = {}
        for key, source, span in (("buildings", buildings, (0, 15)),
                                  ("scheme", scheme, (15, 18))):
            if source is not None:
                frames[key] = self._read_buildings(source, key, crs, context, feedback, height,
                                                   ground, id_field, dem, span)
                if feedback.isCanceled():
                    return {}
        points = self._viewpoints(parameters, context, feedback, viewpoints, has_point, crs,
                                  eye)
        self._viewpoint_ground(points, frames["buildings"], dem, crs, context, feedback)
        feedback.setProgress(20)

        existing = frames["buildings"]
        sch = frames.get("scheme")
        scene = kernel.make_scene(
            existing.geometry.values, existing["_top"].to_numpy(), existing["_id"].to_numpy(),
            None if sch is None else sch.geometry.values,
            None if sch is None else sch["_top"].to_numpy(),
            None if sch is None else sch["_id"].to_numpy())
        for note in scene.notes:
            feedback.pushInfo(translate_note(note))
        footprints = list(existing.geometry.values) + ([] if sch is None
                                                       else list(sch.geometry.values))
        writer = _Writer(self, parameters, context, crs, scene.has_scheme)
        charts = self.parameterAsString(parameters, self.CHARTS, context)
        results = {self.CHARTS: charts} if charts else {}
        if charts:
            Path(charts).mkdir(parents=True, exist_ok=True)
        for i, vp in enumerate(points):
            if feedback.isCanceled():
                return {}
            view = kernel.skyline(scene, vp["x"], vp["y"], vp["z"], **options)
            for note in view.notes:
                feedback.pushInfo(translate_note(note))
            writer.add(vp, view, footprints)
            self._log(feedback, vp, view)
            if charts:
                self._chart(charts, vp, view, options["reference_angle"], scene.has_scheme)
            if i == 0:
                results.update(self._numbers(view))
            feedback.setProgress(20 + 78 * (i + 1) / len(points))
        results.update(writer.finish())
        feedback.setProgress(100)
        return results

    def _read_buildings(self, source, key, crs, context, feedback, height, ground, id_field,
                        dem, span):
        import numpy as np
        import pandas as pd

        from .layer_io import source_to_gdf

        label = self.tr("Buildings") if key == "buildings" else self.tr("Scheme")
        frame, _info = source_to_gdf(source, crs, context, feedback, label, kind="polygon",
                                     progress_range=span)
        h = pd.to_numeric(frame[height], errors="coerce").to_numpy(dtype=float)
        g = np.full(len(frame), np.nan)
        if ground and ground in frame.columns:
            g = pd.to_numeric(frame[ground], errors="coerce").to_numpy(dtype=float)
        frame["_ground"] = g.copy()    # as given: the viewpoints' fallback ground
        missing = ground_from_dem(g, frame.geometry.values, dem, crs, context)
        if missing:
            where = self.tr("the DEM at the centroid") if dem else self.tr("0 m")
            g[~np.isfinite(g)] = 0.0
            feedback.pushInfo(self.tr("{}: {} features without {} stand on {}.").format(
                label, missing, ground or "ground_elev", where))
        frame["_top"] = g + h
        ids = frame[id_field] if id_field and id_field in frame.columns else [None] * len(frame)
        frame["_id"] = [str(v) if v is not None else f"fid {f}" for v, f in zip(ids, frame.index)]
        return frame

    def _viewpoints(self, parameters, context, feedback, source, has_point, crs, eye):
        """[{id, name, x, y, eye}] in the analysis CRS."""
        import pandas as pd

        from .layer_io import source_to_gdf

        points = []
        if source is not None:
            frame, _ = source_to_gdf(source, crs, context, feedback, self.tr("Viewpoints"),
                                     kind="any")
            heights = (pd.to_numeric(frame["eye_height"], errors="coerce")
                       if "eye_height" in frame.columns else None)
            for n, (fid, geom) in enumerate(zip(frame.index, frame.geometry.values)):
                if geom is None or geom.is_empty:
                    continue
                p = geom.representative_point() if geom.geom_type != "Point" else geom
                vid = frame["viewpoint_id"].iloc[n] if "viewpoint_id" in frame.columns else None
                name = frame["name"].iloc[n] if "name" in frame.columns else None
                e = heights.iloc[n] if heights is not None else float("nan")
                points.append({"id": str(vid) if vid is not None else f"vp-{fid}",
                               "name": name or "", "x": p.x, "y": p.y,
                               "eye": eye if pd.isna(e) else float(e)})
        if has_point:
            p = self.parameterAsPoint(parameters, self.POINT, context, crs)
            points.append({"id": "point", "x": p.x(), "y": p.y(), "eye": eye,
                           "name": self.tr("the clicked point ({:.0f}, {:.0f})").format(
                               p.x(), p.y())})
        if not points:
            raise QgsProcessingException(self.tr("No viewpoint has a usable position."))
        return points

    def _viewpoint_ground(self, points, buildings, dem, crs, context, feedback):
        """Eye elevation z = ground + eye height (analysis/viewpoints.py: the DEM, else the
        nearest building's ground elevation, else 0 m)."""
        import numpy as np
        from shapely.geometry import Point

        from ..analysis.viewpoints import Viewpoints, resolve_viewpoints

        xs = np.array([p["x"] for p in points])
        ys = np.array([p["y"] for p in points])
        ground = sample_raster(dem, xs, ys, crs, context) if dem is not None else None
        frame, _notes = resolve_viewpoints(
            Viewpoints([p["id"] for p in points], xs, ys, ground, [p["eye"] for p in points]),
            buildings.geometry.values, buildings["_ground"].to_numpy(dtype=float))
        sources = ground_sources()
        for p, row in zip(points, frame.itertuples()):
            p["ground"], p["z"] = float(row.ground), float(row.eye_z)
            inside = buildings[buildings.geometry.contains(Point(p["x"], p["y"]))]
            if len(inside):
                feedback.pushWarning(self.tr("Viewpoint {} stands inside building {}, whose "
                                             "walls hide the view.").format(
                                                 p["id"], inside["_id"].iloc[0]))
            feedback.pushInfo(self.tr(
                "Viewpoint {}: ground {:.2f} m ({}), eye height {:.2f} m, eye at {:.2f} m."
            ).format(p["id"], p["ground"], sources[row.ground_from], p["eye"], p["z"]))

    def _log(self, feedback, vp, view):
        for case, m in view.metrics.items():
            feedback.pushInfo(self.tr(
                "{} ({}): mean angle {:.2f}° (all azimuths {:.2f}°), max {:.2f}°, sky ratio "
                "{:.1%} above {:g}°, {} distinct buildings.").format(
                    vp["id"], case, m["mean_angle"], m["mean_angle_all"], m["max_angle"],
                    m["sky_ratio"], m["reference_angle"], m["distinct_buildings"]))
        if "scheme" in view.metrics:
            b = view.buildings
            above = b[b["role"] == "scheme_above"]
            m = view.metrics["scheme"]
            feedback.pushInfo(self.tr(
                "{}: the scheme changes the skyline by {:+.2f}° to {:+.2f}°; {} scheme "
                "buildings rise above the existing skyline at {} azimuths.").format(
                    vp["id"], m["min_change"], m["max_change"], len(above),
                    m["azimuths_raised"]))
            for _, r in above.iterrows():
                feedback.pushInfo(self.tr(
                    "  {} (top {:.1f} m): above the existing skyline at {} azimuths, by up "
                    "to {:.2f}°.").format(r["building"], r["top"], r["azimuths_above"],
                                         r["max_rise"]))

    def _numbers(self, view):
        m, s = view.metrics["existing"], view.metrics.get("scheme") or {}
        return {"MEAN_ANGLE": m["mean_angle"], "MAX_ANGLE": m["max_angle"],
                "SKY_RATIO": m["sky_ratio"], "DISTINCT_BUILDINGS": m["distinct_buildings"],
                "SCHEME_MAX_CHANGE": s.get("max_change"),
                "SCHEME_BUILDINGS_ABOVE": s.get("buildings_above")}

    def _chart(self, folder, vp, view, reference, has_scheme):
        from ..analysis.skyline import skyline_angle
        from ..report import charts

        p = view.profile
        existing = skyline_angle(p["angle"].to_numpy())
        scheme = skyline_angle(p["scheme_angle"].to_numpy()) if has_scheme else None
        title = self.tr("Skyline from {}").format(vp["name"] or vp["id"])
        chart = charts.skyline_chart(
            view.unwrapped, existing, scheme, reference, title,
            labels={"existing": self.tr("Existing"), "scheme": self.tr("With scheme"),
                    "reference": self.tr("Reference {}°"), "x": self.tr("Azimuth"),
                    "y": self.tr("Elevation angle (°)")},
            compass=(self.tr("N"), self.tr("NE"), self.tr("E"), self.tr("SE"), self.tr("S"),
                     self.tr("SW"), self.tr("W"), self.tr("NW")))
        stem = Path(folder) / "skyline_{}".format(re.sub(r"[^\w.-]+", "_", vp["id"]))
        charts.save_png(chart, str(stem) + ".png")
        charts.save_svg(chart, str(stem) + ".svg")


class _Writer:
    """The four sinks, filled viewpoint by viewpoint."""

    def __init__(self, alg, parameters, context, crs, has_scheme):
        self.alg, self.context = alg, context
        D, S, I = QVariant.Double, QVariant.String, QVariant.Int  # noqa: N806, E741
        profile = [("viewpoint_id", S), ("azimuth", D), ("angle", D), ("building_id", S),
                   ("distance_m", D)]
        if has_scheme:
            profile += [("scheme_angle", D), ("scheme_building_id", S),
                        ("scheme_distance_m", D), ("change", D)]
        line = [("viewpoint_id", S), ("scenario", S), ("azimuth_from", D), ("azimuth_to", D)]
        build = [("viewpoint_id", S), ("scenario", S), ("building_id", S), ("source", S),
                 ("role", S), ("azimuths", I), ("share", D), ("max_angle", D),
                 ("distance_m", D), ("top_m", D), ("azimuths_above", I), ("max_rise", D)]
        metrics = [("viewpoint_id", S), ("name", S), ("scenario", S), ("x", D), ("y", D),
                   ("ground_m", D), ("eye_z_m", D), ("azimuths", I),
                   ("azimuths_with_buildings", I), ("mean_angle", D), ("max_angle", D),
                   ("mean_angle_all", D), ("max_angle_all", D), ("sky_ratio", D),
                   ("reference_angle", D), ("distinct_buildings", I), ("min_change", D),
                   ("max_change", D), ("mean_change", D), ("azimuths_raised", I),
                   ("buildings_above", I)]
        self.sinks = {}
        for key, spec, wkb in ((alg.PROFILE, profile, QgsWkbTypes.NoGeometry),
                               (alg.SKYLINE, line, QgsWkbTypes.LineStringZ),
                               (alg.SKYLINE_BUILDINGS, build, QgsWkbTypes.MultiPolygon),
                               (alg.METRICS, metrics, QgsWkbTypes.NoGeometry)):
            self.sinks[key] = sink_for(alg, parameters, key, context, spec, crs, wkb)

    def _add(self, key, values, geometry=None, multi=False):
        sink, _dest, fields = self.sinks[key]
        add_feature(sink, fields, values, geometry, multi)

    def add(self, vp, view, footprints):
        p = view.profile.rename(columns={
            "building": "building_id", "distance": "distance_m",
            "scheme_building": "scheme_building_id", "scheme_distance": "scheme_distance_m"})
        p.insert(0, "viewpoint_id", vp["id"])
        for row in p.to_dict("records"):
            self._add(self.alg.PROFILE, row)
        for case, lines in view.lines.items():
            for xyz, (a0, a1) in zip(lines, view.line_azimuths[case]):
                geom = QgsGeometry(QgsLineString(list(xyz[:, 0]), list(xyz[:, 1]),
                                                 list(xyz[:, 2])))
                self._add(self.alg.SKYLINE, {"viewpoint_id": vp["id"], "scenario": case,
                                             "azimuth_from": a0, "azimuth_to": a1}, geom)
        for r in view.buildings.to_dict("records"):
            r.update(viewpoint_id=vp["id"], building_id=r["building"], distance_m=r["distance"],
                     top_m=r["top"])
            self._add(self.alg.SKYLINE_BUILDINGS, r, footprints[int(r["position"])], multi=True)
        for case, m in view.metrics.items():
            row = dict(m, viewpoint_id=vp["id"], name=vp["name"], scenario=case, x=vp["x"],
                       y=vp["y"], ground_m=vp["ground"], eye_z_m=vp["z"])
            self._add(self.alg.METRICS, row)      # python_value: NaN → NULL

    def finish(self):
        out = {key: dest for key, (_s, dest, _f) in self.sinks.items()}
        for key, style in ((self.alg.SKYLINE, "skyline"),
                           (self.alg.SKYLINE_BUILDINGS, "skyline-buildings")):
            StylePostProcessor.attach(self.context, out[key], style)
        return out
