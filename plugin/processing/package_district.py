"""Package district for offline use: a thin algorithm over core.district_package.

The district comes from the service's districts collection (by id) or from a polygon
the analyst has (a districts layer's selected feature, a drawn polygon).
"""

import json
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingParameterDistance,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsProject,
    QgsUnitTypes,
)

from ..i18n import tr
from .base import PackageAlgorithm, open_service, run_core


class PackageDistrictAlgorithm(PackageAlgorithm):
    DISTRICT = "DISTRICT"
    DISTRICT_POLYGON = "DISTRICT_POLYGON"
    COLLECTIONS = "COLLECTIONS"
    MARGIN = "MARGIN"
    OUTPUT = "OUTPUT"

    def name(self):
        return "packagedistrict"

    def displayName(self):  # noqa: N802
        return tr("Package district for offline use")

    def shortHelpString(self):  # noqa: N802
        return tr(
            "Pulls the collections of a twin data service (OGC API - Features) for one district "
            "into one GeoPackage, vectors and rasters, and writes a QGIS project (.qgz) beside it "
            "that opens without network: relative paths, layers grouped by category, styles "
            "by role, buildings extruded by height over the DEM terrain for the 3D view, "
            "project CRS EPSG:4547.\n\n"
            "District: a district id of the service's districts collection, or a polygon "
            "layer (its selected features when 'Selected features only' is ticked).\n"
            "Collections: comma-separated ids; empty means every collection tagged for the "
            "district (twin:district) and the city-wide ones.\n"
            "Margin: whole features that touch the district grown by this many metres are "
            "kept (never cut), so skyline and shadow reviews see the neighbours; rasters are "
            "cut to the grown district's bounding box.\n\n"
            "Each layer's metadata records the service, the query, when it was fetched, the "
            "twin:version and the HTTP validators; 'Refresh district package' uses them.\n"
            "Safe to interrupt: the package is replaced only when complete, and running "
            "again with the same choices resumes where the interrupted run stopped.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_service_parameters()
        self.addParameter(QgsProcessingParameterString(
            self.DISTRICT, tr("District id (twin:district tag)"), optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.DISTRICT_POLYGON, tr("Or a district polygon"),
            [QgsProcessing.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.COLLECTIONS, tr("Collections (comma-separated ids; empty: all tagged for the "
                                 "district)"), optional=True))
        margin = QgsProcessingParameterDistance(
            self.MARGIN, tr("Margin around the district"), defaultValue=300.0, minValue=0.0)
        margin.setDefaultUnit(QgsUnitTypes.DistanceMeters)
        self.addParameter(margin)
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, tr("Package (GeoPackage; the project is written beside it)"),
            tr("GeoPackage (*.gpkg)")))
        self.addOutput(QgsProcessingOutputFile("GEOPACKAGE", tr("GeoPackage")))
        self.addOutput(QgsProcessingOutputFile("PROJECT", tr("Offline project (.qgz)")))
        self.addOutput(QgsProcessingOutputNumber("LAYER_COUNT", tr("Layers packaged")))
        self.addOutput(QgsProcessingOutputNumber("FEATURE_COUNT", tr("Features packaged")))
        self.addOutput(QgsProcessingOutputNumber("RESUMED", tr("Collections reused from an "
                                                                "interrupted run")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core.district_package import PackageRequest, package_district

        url = self.parameterAsString(parameters, self.SERVICE_URL, context).strip()
        authcfg = self.parameterAsString(parameters, self.AUTHCFG, context) or ""
        district_id = self.parameterAsString(parameters, self.DISTRICT, context).strip() or None
        polygon = self._district_polygon(parameters, context)
        if district_id is None and polygon is None:
            raise QgsProcessingException(tr("Give a district id or a district polygon."))
        ids = [c.strip() for c in self.parameterAsString(parameters, self.COLLECTIONS,
                                                          context).split(",") if c.strip()]
        output = Path(self.parameterAsFileOutput(parameters, self.OUTPUT, context))
        if output.suffix.lower() != ".gpkg":
            output = output.with_suffix(".gpkg")
        request = PackageRequest(url, district_id, polygon, ids or None,
                                 self.parameterAsDouble(parameters, self.MARGIN, context),
                                 authcfg)
        client, catalog = open_service(url, authcfg, feedback)
        result = run_core(lambda: package_district(client, catalog, request, output, feedback),
                          feedback)
        if result.resumed:
            feedback.pushInfo(tr("Resumed: {} collections were already complete from an "
                                 "interrupted run.").format(len(result.resumed)))
        for layer in result.info.layers:
            count = tr("raster") if layer.feature_count is None else tr("{} features").format(
                layer.feature_count)
            feedback.pushInfo("{}: {} ({})".format(layer.table_name, count,
                                                   layer.twin_version or "–"))
        feedback.pushInfo(tr("Packaged {} layers, {} features in {:.1f} s: {}").format(
            len(result.info.layers), result.feature_count, result.seconds, result.qgz_path))
        return {"GEOPACKAGE": str(result.gpkg_path), "PROJECT": str(result.qgz_path),
                "OUTPUT": str(result.gpkg_path), "LAYER_COUNT": len(result.info.layers),
                "FEATURE_COUNT": result.feature_count, "RESUMED": len(result.resumed)}

    def _district_polygon(self, parameters, context):
        """The polygon source's (selected) features as one CRS84 GeoJSON feature."""
        if not parameters.get(self.DISTRICT_POLYGON):
            return None
        source = self.parameterAsSource(parameters, self.DISTRICT_POLYGON, context)
        if source is None:
            return None
        geometries, props = [], {}
        for feature in source.getFeatures():
            if feature.hasGeometry():
                geometries.append(feature.geometry())
                if not props:
                    names = feature.fields().names()
                    props = {k: feature[k] for k in ("district_id", "name", "name_zh")
                             if k in names and feature[k] not in (None, "")}
        if not geometries:
            raise QgsProcessingException(tr("The district polygon layer has no polygon."))
        shape = QgsGeometry.unaryUnion(geometries)
        to_crs84 = QgsCoordinateTransform(source.sourceCrs(),
                                          QgsCoordinateReferenceSystem("EPSG:4326"),
                                          context.transformContext() if context else
                                          QgsProject.instance().transformContext())
        if shape.transform(to_crs84) != 0 or shape.isEmpty():
            raise QgsProcessingException(tr("The district polygon could not be transformed to "
                                            "longitude/latitude; check its CRS."))
        return {"type": "Feature", "geometry": json.loads(shape.asJson()),
                "properties": {k: str(v) for k, v in props.items()}}
