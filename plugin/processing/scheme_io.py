"""The scheme comparison's layers in (schemes, site, surroundings as the kernel's
dataclasses) and its results out (sinks, charts). Kept apart from compare_schemes.py,
which holds the parameters. Imported only inside processAlgorithm, never at plugin load,
so numpy and the kernels may be imported here at module level."""

import re
from pathlib import Path

import numpy as np
import pandas as pd
from qgis.core import QgsGeometry, QgsPoint, QgsWkbTypes
from qgis.PyQt.QtCore import QVariant
from shapely.geometry import box

from ..analysis import height_control, sunlight
from ..analysis import schemes as kernel
from ..analysis.viewpoints import Viewpoints, resolve_viewpoints
from ..i18n import tr
from .fields import identifiers, numbers
from .layer_io import source_to_gdf
from .raster_io import frames_extent, ground_from_dem, read_depth, sample_raster
from .sinks import StylePostProcessor, add_feature, sink_for


class SchemeReader:
    """Reads the algorithm's inputs in the analysis CRS."""

    def __init__(self, alg, parameters, context, feedback, crs, height):
        self.alg, self.parameters, self.context = alg, parameters, context
        self.feedback, self.crs, self.height = feedback, crs, height
        self.dem = alg.parameterAsRasterLayer(parameters, alg.DEM, context)
        self.frames = {}

    def text(self, key):
        return self.alg.parameterAsString(self.parameters, key, self.context)

    def _read(self, source, label, span, kind="polygon"):
        frame, _ = source_to_gdf(source, self.crs, self.context, self.feedback, label,
                                 kind=kind, progress_range=span)
        return frame

    def _grounds(self, frame, fallback, label):
        """The ground field; else the DEM at the centroid; else ``fallback`` (m)."""
        g = numbers(frame, self.text(self.alg.GROUND_FIELD))
        ground_from_dem(g, frame.geometry.values, self.dem, self.crs, self.context)
        if (~np.isfinite(g)).any():
            self.feedback.pushInfo(tr("{}: {} features without ground elevation stand on "
                                      "{:.2f} m.").format(label, int((~np.isfinite(g)).sum()),
                                                          fallback))
            g[~np.isfinite(g)] = fallback
        return g

    def buildings(self, frame, fallback, label):
        a = self.alg
        return kernel.Buildings(
            frame.geometry.values, numbers(frame, self.height),
            self._grounds(frame, fallback, label),
            identifiers(frame, self.text(a.ID_FIELD)), numbers(frame, self.text(a.GFA_FIELD)),
            numbers(frame, self.text(a.FLOORS_FIELD)))

    def schemes(self, layers):
        """{scheme name: Buildings}: the name field of the first feature, else the layer
        name; made unique."""
        name_field = self.text(self.alg.SCHEME_NAME_FIELD)
        out, frames = {}, []
        for i, layer in enumerate(layers):
            frame = self._read(layer, layer.name(), (3 * i, 3 * i + 3))
            name = layer.name()
            if name_field and name_field in frame.columns and len(frame):
                value = frame[name_field].iloc[0]
                name = str(value) if value is not None and str(value) else name
            base, n = name, 2
            while name in out:
                name, n = "{} ({})".format(base, n), n + 1
            frames.append((name, frame))
            out[name] = None
        self.frames["schemes"] = dict(frames)
        return {name: self.buildings(frame, 0.0, name) for name, frame in frames}

    def site(self, source, schemes):
        """The site the schemes overlap most, with its caps; None without a site layer."""
        if source is None:
            self.feedback.pushInfo(tr("No site: FAR and density are left empty."))
            return None
        a = self.alg
        frame = self._read(source, tr("Site"), (20, 22))
        if not len(frame):
            return None
        union = [g for s in schemes.values() for g in s.footprints]
        overlap = [sum(g.intersection(f).area for f in union) for g in frame.geometry.values]
        k = int(np.argmax(overlap))
        if overlap[k] <= 0:
            self.feedback.pushWarning(tr("The schemes do not overlap the site; its area is "
                                         "used for FAR and density all the same."))
        if len(frame) > 1:
            self.feedback.pushInfo(tr("The site layer has {} features; the one the schemes "
                                      "overlap most is used.").format(len(frame)))
        sid = identifiers(frame, self.text(a.SITE_ID_FIELD))[k]
        return kernel.Site(frame.geometry.values[k], sid,
                           numbers(frame, self.text(a.FAR_CAP_FIELD))[k],
                           numbers(frame, self.text(a.SITE_HEIGHT_CAP_FIELD))[k])

    def surroundings(self, sources, rasters, site, schemes):
        a = self.alg
        out = kernel.Surroundings()
        out.skyline_options = {"bin_width": a.parameterAsDouble(self.parameters, a.BIN_WIDTH,
                                                                self.context)}
        out.controls = self._controls(sources)
        existing = sources[a.BUILDINGS]
        if existing is not None:
            frame = self._read(existing, tr("Buildings"), (22, 26))
            self.frames["buildings"] = frame
            given = numbers(frame, self.text(a.GROUND_FIELD))
            out.buildings = self.buildings(frame, 0.0, tr("Buildings"))
            self._homes(out, frame, site, schemes)
            if sources[a.VIEWPOINTS] is not None:
                out.viewpoints, out.viewpoint_names = self._viewpoints(
                    sources[a.VIEWPOINTS], out.buildings.footprints, given)
        if sources[a.CORRIDORS] is not None:
            cor = self._read(sources[a.CORRIDORS], tr("View corridors"), (26, 27))
            vp = list(cor["viewpoint_id"]) if "viewpoint_id" in cor.columns else [None] * len(cor)
            out.corridors = kernel.view_corridor.Corridors(
                cor.geometry.values, identifiers(cor, "corridor_id"), vp,
                numbers(cor, "max_elev_angle"), numbers(cor, "max_height"))
        out.scenarios = self._scenarios(rasters)
        return out

    def _controls(self, sources):
        a, out = self.alg, []
        for key, kind, cap_key, default, id_name in (
                (a.PARCELS, height_control.PARCEL, a.PARCEL_CAP_FIELD, "height_cap",
                 "parcel_id"),
                (a.ZONES, height_control.ZONE, a.ZONE_CAP_FIELD, "max_height", "control_id")):
            if sources[key] is None:
                continue
            frame = self._read(sources[key], key.lower(), (27, 28))
            cap = self.text(cap_key) or default
            names = list(frame["name"]) if "name" in frame.columns else None
            out.append(height_control.Controls(kind, frame.geometry.values,
                                               numbers(frame, cap),
                                               identifiers(frame, id_name), names))
        return out

    def _homes(self, out, frame, site, schemes):
        """The homes within the site's box grown by the neighbour distance; the sun track
        of the rule for the centre of those homes (as the sunlight tool does)."""
        a, p, c = self.alg, self.parameters, self.context
        d = a.parameterAsDouble(p, a.NEIGHBOUR_DISTANCE, c)
        if site is not None:
            x0, y0, x1, y1 = site.geometry.bounds
        else:   # the schemes' own extent
            x0, y0, x1, y1 = frames_extent(list(self.frames["schemes"].values()))
        area = box(x0 - d, y0 - d, x1 + d, y1 + d)
        use = self.text(a.USE_FIELD)
        values = {v.strip().lower() for v in self.text(a.USE_VALUES).replace("，", ",")
                  .split(",") if v.strip()}
        tested = (frame[use].astype(str).str.strip().str.lower().isin(values).to_numpy()
                  if use and use in frame.columns else np.ones(len(frame), dtype=bool))
        tested &= np.array([g is not None and g.intersects(area)
                            for g in frame.geometry.values])
        out.homes = np.flatnonzero(tested)
        self.homes_box = (x0 - d, y0 - d, x1 + d, y1 + d)
        if not len(out.homes):
            return
        rule = list(sunlight.RULES)[a.parameterAsEnum(p, a.RULE, c)]
        day, start, end, hours = sunlight.rule_window(rule, a.parameterAsInt(p, a.YEAR, c))
        lon, lat = a.sun_centre(frame.iloc[out.homes].total_bounds, self.crs, c)
        out.track = sunlight.sun_track(day, lon, lat, start, end, sunlight.DEFAULT_STEP)
        out.required_hours = hours

    def _viewpoints(self, source, footprints, grounds):
        frame = self._read(source, tr("Viewpoints"), (28, 29), kind="any")
        pts = [g if g.geom_type == "Point" else g.representative_point()
               for g in frame.geometry.values]
        xs = np.array([q.x for q in pts])
        ys = np.array([q.y for q in pts])
        ground = sample_raster(self.dem, xs, ys, self.crs, self.context) \
            if self.dem is not None else None
        ids = identifiers(frame, "viewpoint_id")
        ids = [i if not i.startswith("fid ") else "vp-" + i[4:] for i in ids]
        resolved, _notes = resolve_viewpoints(
            Viewpoints(ids, xs, ys, ground, numbers(frame, "eye_height")), footprints, grounds)
        names = dict(zip(ids, (frame["name"] if "name" in frame.columns else [""] * len(ids))))
        return resolved, {k: v or "" for k, v in names.items()}

    def _scenarios(self, rasters):
        from ..analysis.flood import Scenario
        from .flood_impact import _unique, scenario_name

        frames = list(self.frames["schemes"].values())
        extent = frames_extent(frames)
        out = []
        for layer, name in zip(rasters, _unique([scenario_name(r) for r in rasters])):
            read = read_depth(layer, extent, self.crs, self.context, nodata_is_dry=True)
            out.append(Scenario(name, read.depth, read.grid))
        return out


# ---------------------------------------------------------------------------- outputs

D, S, I, B = QVariant.Double, QVariant.String, QVariant.Int, QVariant.Bool  # noqa: E741
# Measures first, then the criterion scores, the score and the rank.
TABLE = [("scheme", S), ("buildings", I), ("footprint_m2", D),
         ("gfa_m2", D), ("site_area_m2", D), ("far", D), ("far_cap", D), ("far_exceeds", B),
         ("density", D), ("height_max_m", D), ("height_mean_m", D), ("height_checked", I),
         ("height_exceeding", I), ("height_max_excess_m", D), ("site_height_cap_m", D),
         ("site_exceeding", I), ("site_max_excess_m", D), ("corridor_violations", I),
         ("corridor_max_excess_m", D), ("buildings_failing", I), ("excess_total_m", D),
         ("skyline_mean_change_deg", D),
         ("skyline_max_change_deg", D), ("skyline_buildings_above", I), ("sunlight_points", I),
         ("sunlight_points_lost", I), ("sunlight_points_gained", I), ("sunlight_homes", I),
         ("sunlight_homes_lost", I), ("sunlight_homes_gained", I), ("sunlight_homes_lost_ids", S),
         ("flood_worst_scenario", S), ("flood_buildings_wet", I),
         ("flood_gfa_exposed_m2", D), ("flood_max_depth_m", D), ("s_gfa", D),
         ("s_height", D), ("s_skyline", D), ("s_sunlight", D), ("s_flood", D), ("score", D),
         ("rank", I)]
SKYLINE = [("scheme", S), ("viewpoint_id", S), ("name", S), ("existing_mean_angle", D),
           ("scheme_mean_angle", D), ("mean_change", D), ("max_change", D), ("min_change", D),
           ("azimuths_raised", I), ("buildings_above", I), ("existing_sky_ratio", D),
           ("scheme_sky_ratio", D)]
FLOOD = [("scheme", S), ("scenario", S), ("buildings", I), ("buildings_affected", I),
         ("gfa_affected_m2", D), ("max_depth_m", D), ("mean_depth_m", D), ("no_data", I),
         ("worst", B)]
FAILURES = [("scheme", S), ("building_id", S), ("check", S), ("control_id", S), ("cap_m", D),
            ("height_m", D), ("excess_m", D)]
CHANGES = [("scheme", S), ("building_id", S), ("hours_before", D), ("hours_after", D),
           ("change", S)]


def _records(frame):
    return frame.to_dict("records") if len(frame) else []


def write_outputs(alg, parameters, context, feedback, crs, result, schemes):
    """Fill the sinks (the optional ones when given) and the charts; {output: dest}."""
    out = {}
    table = result.table.copy()
    if "sunlight_homes_lost_ids" in table.columns:
        table["sunlight_homes_lost_ids"] = ["; ".join(v) for v in table["sunlight_homes_lost_ids"]]
    none = QgsWkbTypes.NoGeometry
    for key, spec, frame, required in ((alg.OUTPUT, TABLE, table, True),
                                       (alg.SKYLINE_TABLE, SKYLINE, result.skyline, False),
                                       (alg.FLOOD_TABLE, FLOOD, result.flood, False)):
        sink, dest, fields = sink_for(alg, parameters, key, context, spec, crs, none,
                                      required=required)
        if sink is not None:
            for row in _records(frame):
                add_feature(sink, fields, row)
            out[key] = dest
    sink, dest, fields = sink_for(alg, parameters, alg.FAILURES, context, FAILURES, crs,
                                  required=False)
    if sink is not None:
        for r in _records(result.failures):
            geom = schemes[r["scheme"]].footprints[r["position"]]
            add_feature(sink, fields, dict(r, building_id=r["building"],
                                           control_id=r["control"]), geom)
        StylePostProcessor.attach(context, dest, "scheme-failures")
        out[alg.FAILURES] = dest
    sink, dest, fields = sink_for(alg, parameters, alg.SUNLIGHT_CHANGES, context, CHANGES, crs,
                                  QgsWkbTypes.PointZ, required=False)
    if sink is not None:
        for r in _records(result.sunlight):
            add_feature(sink, fields, dict(r, building_id=r["building"]),
                        QgsGeometry(QgsPoint(r["x"], r["y"], r["z"])), multi=False)
        StylePostProcessor.attach(context, dest, "sunlight-changes")
        out[alg.SUNLIGHT_CHANGES] = dest
    folder = alg.parameterAsString(parameters, alg.CHARTS, context)
    if folder:
        out[alg.CHARTS] = folder
        write_charts(Path(folder), result.table)
    feedback.pushInfo(_summary(result.table))
    return out


def charted():
    """(column, label) of the figures charted one bar per scheme."""
    return (("gfa_m2", tr("GFA (m²)")), ("far", tr("FAR")),
            ("height_max_m", tr("Maximum height (m)")),
            ("excess_total_m", tr("Excess over height caps (m)")),
            ("skyline_mean_change_deg", tr("Mean skyline change (°)")),
            ("sunlight_points_lost", tr("Sunlight test points lost")),
            ("flood_gfa_exposed_m2", tr("GFA affected by flooding, worst scenario (m²)")))


def score_labels():
    return (("s_gfa", tr("GFA")), ("s_height", tr("Height")), ("s_skyline", tr("Skyline")),
            ("s_sunlight", tr("Sunlight")), ("s_flood", tr("Flood")), ("score", tr("Score")))


def write_charts(folder, table):
    """Bar charts: the scores (one group per criterion, a bar per scheme) and one chart
    per figure (a bar per scheme). Returns the PNG paths."""
    from ..report import charts

    folder.mkdir(parents=True, exist_ok=True)
    names = [str(s) for s in table["scheme"]]
    made = []
    scores = [(key, label) for key, label in score_labels() if key in table.columns]
    chart = charts.bar_chart(
        [label for _k, label in scores],
        [(name, [float(table[k].iloc[i]) for k, _l in scores]) for i, name in enumerate(names)],
        title=tr("Scheme scores (1 = best)"), y_label=tr("Score"))
    made.append(_save(charts, chart, folder / "scheme_scores"))
    for key, label in charted():
        if key not in table.columns or not np.isfinite(table[key].astype(float)).any():
            continue
        chart = charts.bar_chart(names, [(label, [float(v) for v in table[key]])],
                                 title=label, y_label=label, legend=False)
        made.append(_save(charts, chart, folder / "scheme_{}".format(re.sub(r"\W+", "_", key))))
    return made


def _save(charts, chart, stem):
    charts.save_svg(chart, str(stem) + ".svg")
    return charts.save_png(chart, str(stem) + ".png")


def _summary(table):
    lines = []
    for r in table.to_dict("records"):
        lines.append(tr("{}: rank {} (score {:.2f}); GFA {:,.0f} m², FAR {}, max height "
                        "{:.1f} m, {} buildings failing a height or corridor check.").format(
            r["scheme"], r["rank"], r["score"], r["gfa_m2"],
            "{:.2f}".format(r["far"]) if pd.notna(r.get("far")) else "–", r["height_max_m"],
            r["buildings_failing"]))
    return "\n".join(lines)
