"""What the algorithm tests share: a feedback that keeps the log, a Processing run with
temporary outputs, an output's features as rows, and the layers of the district review's
GeoPackage (the `review` session fixture).

Imports QGIS: tests whose kernel part must also run without it import this inside their
algorithm tests."""

from contextlib import contextmanager

from qgis.core import QgsProcessingFeedback, QgsProject, QgsRasterLayer, QgsVectorLayer


class Recorder(QgsProcessingFeedback):
    """Keeps every message the algorithm logs; cancels once progress reaches cancel_at."""

    def __init__(self, cancel_at=None):
        super().__init__()
        self.lines = []
        self.max_progress = 0.0
        if cancel_at is not None:
            def on_progress(value):
                self.max_progress = max(self.max_progress, value)
                if value >= cancel_at:
                    self.cancel()
            self.progressChanged.connect(on_progress)

    def pushInfo(self, info):  # noqa: N802 (QGIS API name)
        self.lines.append(info)

    def pushWarning(self, warning):  # noqa: N802
        self.lines.append(warning)

    def reportError(self, error, fatalError=False):  # noqa: N802, N803
        self.lines.append(error)

    def text(self):
        return "\n".join(self.lines)


def run_algorithm(algorithm, params, outputs, feedback=None, context=None):
    """processing.run with every output in ``outputs`` not given made a temporary layer."""
    import processing

    params = dict(params)
    for name in outputs:
        params.setdefault(name, "TEMPORARY_OUTPUT")
    return processing.run(algorithm, params, feedback=feedback or Recorder(), context=context)


@contextmanager
def loaded_run(algorithm, params, outputs):
    """Runs the algorithm as the dialog does (runAndLoadResults, the outputs not given as
    temporary layers) and yields loaded(key): the output layer QGIS loaded into the project
    (asserted). The loaded layers are removed afterwards."""
    import processing

    params = dict(params)
    for name in outputs:
        params.setdefault(name, "TEMPORARY_OUTPUT")
    project = QgsProject.instance()
    before = set(project.mapLayers())
    results = processing.runAndLoadResults(algorithm, params, feedback=Recorder())
    added = {lid: project.mapLayer(lid) for lid in set(project.mapLayers()) - before}

    def loaded(key):
        value = results[key]
        layer = project.mapLayer(value) if isinstance(value, str) else value
        assert layer is not None and layer.id() in added, key
        return layer

    try:
        yield loaded
    finally:
        project.removeMapLayers(list(added))


def rows(layer, key=None):
    """The features as dicts of their fields plus "_geom"; with ``key`` (a field name, or a
    tuple of names), a dict of them by that field's value (or tuple of values)."""
    names = layer.fields().names()
    out = [{n: f[n] for n in names} | {"_geom": f.geometry()} for f in layer.getFeatures()]
    if key is None:
        return out
    if isinstance(key, str):
        return {r[key]: r for r in out}
    return {tuple(r[k] for k in key): r for r in out}


def package_layers(review, vectors, rasters=()):
    """{name: layer} of the review GeoPackage's vector tables and raster tables, all valid."""
    gpkg = review["GEOPACKAGE"]
    layers = {name: QgsVectorLayer("{}|layername={}".format(gpkg, name), name, "ogr")
              for name in vectors}
    layers.update({name: QgsRasterLayer("GPKG:{}:{}".format(gpkg, name), name, "gdal")
                   for name in rasters})
    invalid = [name for name, layer in layers.items() if not layer.isValid()]
    assert not invalid, invalid
    return layers
