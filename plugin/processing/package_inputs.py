"""A district package's tables as the inputs and sinks of the review's child algorithms."""

from qgis.core import QgsProcessingException, QgsRasterLayer

from ..i18n import tr


class PackageLayers:
    """The package's tables by role, as child-algorithm inputs and sinks."""

    def __init__(self, info, gpkg):
        self.gpkg = gpkg
        self.by_role = {}
        for layer in info.layers:
            self.by_role.setdefault(layer.role, layer)

    def has(self, *roles):
        return all(role in self.by_role for role in roles)

    def uri(self, role):
        """The first layer of ``role``, or None."""
        layer = self.by_role.get(role)
        return self.uri_of(layer) if layer else None

    def uri_of(self, layer):
        return "{}|layername={}".format(self.gpkg, layer.table_name)

    def raster(self, role):
        layer = self.by_role.get(role)
        return self.raster_of(layer) if layer is not None else None

    def raster_of(self, layer):
        # A layer object: Processing cannot take GeoPackage raster tables as strings.
        return QgsRasterLayer("GPKG:{}:{}".format(self.gpkg, layer.table_name),
                              layer.table_name, "gdal")

    def sink(self, table):
        return "ogr:dbname='{}' table=\"{}\" (geom)".format(self.gpkg, table)


def result_spec(name, table, role, subset=""):
    """The offline-project spec of a review result in the package (hidden at first);
    ``subset`` filters a table several layers share."""
    return dict(name=name, table=table, role=role, category=tr("Review results"), hidden=True,
                subset=subset)


def run_child(algorithm, params, label, context, feedback):
    """Run a child algorithm; its results, or None after one warning sentence."""
    import processing

    try:
        return processing.run("twindistrictreview:" + algorithm,
                              {k: v for k, v in params.items() if v is not None},
                              context=context, feedback=feedback, is_child_algorithm=True)
    except QgsProcessingException as error:
        feedback.pushWarning(tr("{} was skipped: {}").format(label, error))
        return None
