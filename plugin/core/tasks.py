"""Background work for the task manager: progress, cancel, and no GUI in run().

CatalogTask loads a connection's catalog, DownloadTask downloads chosen collections
(optionally for a district) into one GeoPackage, PullTask pulls one collection.

A task's run() works on its own thread and touches no layer or widget; finished() runs
on the main thread, where the caller adds the result to a project.
"""

import time
from dataclasses import dataclass, field

from qgis.core import QgsApplication, QgsFeedback, QgsTask
from qgis.PyQt.QtCore import pyqtSignal

from .. import log
from ..i18n import tr
from .catalog import Catalog
from .district_pull import find_district
from .downloads import download_collections
from .errors import TwinCancelled, TwinServiceError
from .project_layers import make_live_layer
from .pull import pull_to_gpkg
from .sensor_layer import fetch_sensor_features, readings_from_features
from .sensors import latest_readings, observations_for
from .taxonomy import DEFAULT as DEFAULT_TAXONOMY
from .taxonomy import Taxonomy


@dataclass
class CatalogLoad:
    connection: object     # connections.Connection
    client: object         # the ServiceClient that loaded it (documents cached)
    catalog: Catalog
    title: str
    seconds: float
    district_names: dict = field(default_factory=dict)  # id -> {"en": str, "zh": str}


def load_catalog(connection, feedback=None, timeout_ms=None):
    """Landing page, collections and the service's taxonomy -> CatalogLoad."""
    started = time.perf_counter()
    client = connection.client(timeout_ms=timeout_ms)
    landing = client.landing(feedback)
    _progress(feedback, 20.0)
    collections = client.collections(feedback)
    _progress(feedback, 60.0)
    taxonomy_doc = client.taxonomy_document(feedback)
    taxonomy = Taxonomy.from_dict(taxonomy_doc) if taxonomy_doc else DEFAULT_TAXONOMY
    catalog = Catalog.from_collections(collections, taxonomy)
    _progress(feedback, 80.0)
    names = district_names(client, catalog, feedback)
    title = landing.get("title") if isinstance(landing.get("title"), str) else ""
    return CatalogLoad(connection, client, catalog, title or connection.name,
                       time.perf_counter() - started, names)


def district_names(client, catalog, feedback=None):
    """District id -> {"en", "zh"} names from the first page of the districts collection.

    Optional: on failure the names stay empty (the dock shows ids) and the log says why."""
    names = {}
    for entry in catalog.by_role("districts"):
        pages = client.iter_pages(entry.id, feedback=feedback)
        try:
            page = next(pages, None)
            for feature in page.features if page is not None else []:
                props = feature.get("properties") or {}
                if props.get("district_id"):
                    en = str(props.get("name") or props["district_id"])
                    names[str(props["district_id"])] = {"en": en,
                                                       "zh": str(props.get("name_zh") or en)}
        except TwinCancelled:
            raise
        except TwinServiceError as error:
            log.warning("District names from '{}' are unavailable: {}\n{}".format(
                entry.id, error, getattr(error, "detail", "") or ""))
        finally:
            pages.close()
    return names


def _progress(feedback, value):
    if feedback is not None:
        feedback.setProgress(value)


class _CancelOnly:
    """A feedback for a preliminary request: honours cancel, reports no progress."""

    def __init__(self, feedback):
        self.feedback = feedback

    def isCanceled(self):
        return self.feedback.isCanceled()

    def setProgress(self, _value):
        pass


class TwinTask(QgsTask):
    """Shared plumbing: a feedback whose cancel aborts the request in flight, progress
    to the task manager, and the end reported by signal on the main thread."""

    failed = pyqtSignal(str)   # one sentence for the message bar
    cancelled = pyqtSignal()

    def __init__(self, description):
        super().__init__(description, QgsTask.CanCancel)
        self.result = None
        self.error = None
        self._feedback = QgsFeedback()
        self._feedback.progressChanged.connect(self.setProgress)

    def cancel(self):
        self._feedback.cancel()  # aborts the request in flight, not just the next step
        super().cancel()

    def work(self):
        raise NotImplementedError

    def run(self):
        try:
            self.result = self.work()
            return True
        except TwinCancelled:
            return False
        except TwinServiceError as error:
            self.error = error
            return False
        except Exception as error:  # a bug must still end the task with a sentence
            self.error = TwinServiceError(
                tr("The task '{}' failed unexpectedly.").format(self.description()),
                detail=repr(error))
            return False

    def finished(self, ok):
        if ok:
            self.succeeded(self.result)
        elif self.error is not None:
            log.error("{}\n{}".format(self.error, self.error.detail or ""))
            self.failed.emit(str(self.error))
        else:
            self.cancelled.emit()

    def succeeded(self, result):
        raise NotImplementedError


class CatalogTask(TwinTask):
    """Load a connection's catalog (landing page, collections, taxonomy, district names)."""

    loaded = pyqtSignal(object)  # CatalogLoad, on the main thread

    def __init__(self, connection, timeout_ms=None):
        super().__init__(tr("Loading the catalog of {}").format(connection.name))
        self.connection = connection
        self.timeout_ms = timeout_ms

    def work(self):
        return load_catalog(self.connection, self._feedback, self.timeout_ms)

    def succeeded(self, result):
        self.loaded.emit(result)


class DownloadTask(TwinTask):
    """Download chosen collections into one GeoPackage, optionally clipped to a district.

    ``entries``: CollectionEntry objects (or ids, resolved through ``catalog``)."""

    downloaded = pyqtSignal(object)  # DownloadResult, on the main thread

    def __init__(self, connection, entries, gpkg_path, district_id=None, catalog=None,
                 target_crs="EPSG:4547"):
        super().__init__(tr("Downloading {} collections from {}").format(
            len(entries), connection.name))
        self.connection = connection
        self.entries = list(entries)
        self.gpkg_path = gpkg_path
        self.district_id = district_id
        self.catalog = catalog
        self.target_crs = target_crs

    def work(self):
        client = self.connection.client()
        catalog = self.catalog
        if catalog is None and (self.district_id or any(isinstance(e, str) for e in self.entries)):
            catalog = Catalog.from_collections(client.collections(self._feedback))
        entries = [catalog.get(e) if isinstance(e, str) else e for e in self.entries]
        missing = [e for e, got in zip(self.entries, entries) if got is None]
        if missing:
            raise TwinServiceError(tr("The service has no collection '{}'.").format(missing[0]))
        district = None
        if self.district_id:
            district = find_district(client, catalog, self.district_id,
                                     _CancelOnly(self._feedback))
        return download_collections(client, entries, self.gpkg_path, district=district,
                                    target_crs=self.target_crs, feedback=self._feedback)

    def succeeded(self, result):
        self.downloaded.emit(result)


class PullTask(TwinTask):
    """Download one collection into a GeoPackage (atomically; see pull.py)."""

    pulled = pyqtSignal(object)  # PullResult, on the main thread

    def __init__(self, description, client, collection_id, gpkg_path, **pull_options):
        super().__init__(description)
        self.client = client
        self.collection_id = collection_id
        self.gpkg_path = gpkg_path
        self.pull_options = pull_options

    def work(self):
        return pull_to_gpkg(self.client, self.collection_id, self.gpkg_path,
                            feedback=self._feedback, **self.pull_options)

    def succeeded(self, result):
        self.pulled.emit(result)


class LiveLayerTask(TwinTask):
    """Open live OAPIF layers off the UI thread: QGIS's provider fetches the landing page
    and collection documents while a layer is made, which would freeze the window.

    The layers are moved to the main thread before they are handed over; the caller adds
    them to the project. A collection that cannot be opened is reported in ``problems``
    (sentences) and the others still arrive."""

    created = pyqtSignal(list, list)  # layers, problems (one sentence each)

    def __init__(self, connection, entries):
        super().__init__(tr("Opening {} live layers from {}").format(len(entries),
                                                                       connection.name))
        self.connection = connection
        self.entries = list(entries)

    def work(self):
        layers, problems = [], []
        main_thread = QgsApplication.instance().thread()
        for index, entry in enumerate(self.entries):
            if self._feedback.isCanceled():
                raise TwinCancelled(tr("Opening the live layers was cancelled."))
            try:
                layer = make_live_layer(self.connection, entry)
            except TwinServiceError as error:
                problems.append(str(error))
                continue
            layer.moveToThread(main_thread)
            layers.append(layer)
            self._feedback.setProgress(100.0 * (index + 1) / len(self.entries))
        if not layers and problems:
            raise TwinServiceError(problems[0])
        return layers, problems

    def succeeded(self, result):
        self.created.emit(*result)


class FeatureCountTask(TwinTask):
    """Ask the service how many features a collection has (``numberMatched``)."""

    counted = pyqtSignal(str, object)  # collection id, count or None (not said)

    def __init__(self, client, collection_id):
        super().__init__(tr("Counting the features of {}").format(collection_id))
        self.client = client
        self.collection_id = collection_id

    def work(self):
        return self.client.number_matched(self.collection_id, self._feedback)

    def succeeded(self, result):
        self.counted.emit(self.collection_id, result)


@dataclass
class SensorSource:
    """What a live sensors layer starts from, fetched off the UI thread."""
    entry: object               # the kind=sensors CollectionEntry
    features: list              # its GeoJSON features (with sensor_id)
    observations_cid: str       # the observations collection, or None
    readings: dict              # {sensor_id: Reading}: the newest observation of each
    client: object              # the ServiceClient, reused by the refreshes


def _client_of(client_or_connection):
    """A ServiceClient from a Connection, or the client itself."""
    from .connections import Connection

    if isinstance(client_or_connection, Connection):
        return client_or_connection.client()
    return client_or_connection


class SensorLayerTask(TwinTask):
    """Fetch the sensors of kind=sensors collections and each sensor's newest observation
    (from the observations collection of the same subcategory); the caller builds the
    layers on the main thread (sensor_layer.build_sensor_layer). A collection whose
    observations cannot be read still arrives, with the sensors' own latest values, and
    a sentence in ``problems``."""

    fetched = pyqtSignal(list, list)  # [SensorSource], problems (one sentence each)

    def __init__(self, connection, entries, catalog=None):
        super().__init__(tr("Opening {} live sensor layers from {}").format(
            len(entries), connection.name))
        self.connection = connection
        self.entries = list(entries)
        self.catalog = catalog

    def work(self):
        client = self.connection.client()
        catalog = self.catalog or Catalog.from_collections(client.collections(self._feedback))
        sources, problems = [], []
        for index, entry in enumerate(self.entries):
            try:
                features = fetch_sensor_features(client, entry.id, self._feedback)
            except TwinServiceError as error:
                problems.append(str(error))
                continue
            observations = observations_for(catalog, entry)
            readings = {}
            if observations is not None:
                ids = [f["properties"]["sensor_id"] for f in features]
                try:
                    readings = latest_readings(client, observations.id, ids,
                                               feedback=self._feedback)
                except TwinServiceError as error:
                    log.warning("{}\n{}".format(error, error.detail or ""))
                    problems.append(tr("{}: the latest observations could not be read, so "
                                       "the sensors show their own last values.").format(
                        entry.title or entry.id))
            sources.append(SensorSource(entry, features,
                                        observations.id if observations else None,
                                        readings, client))
            self._feedback.setProgress(100.0 * (index + 1) / len(self.entries))
        if not sources and problems:
            raise TwinServiceError(problems[0])
        return sources, problems

    def succeeded(self, result):
        self.fetched.emit(*result)


class SensorRefreshTask(TwinTask):
    """The newest reading of each sensor, off the UI thread: from the observations
    collection (``latest_readings``, from ``since`` on), or, without one, from the
    sensors collection's own latest values (``sensors_cid``)."""

    refreshed = pyqtSignal(object)  # {sensor_id: Reading}, on the main thread

    def __init__(self, client_or_connection, observations_cid, sensor_ids=None, since=None,
                 sensors_cid=None):
        super().__init__(tr("Refreshing the sensor readings of {}").format(
            observations_cid or sensors_cid))
        self.source = client_or_connection
        self.observations_cid = observations_cid
        self.sensor_ids = None if sensor_ids is None else list(sensor_ids)
        self.since = since
        self.sensors_cid = sensors_cid

    def work(self):
        client = _client_of(self.source)
        if self.observations_cid:
            return latest_readings(client, self.observations_cid, self.sensor_ids,
                                   self.since, self._feedback)
        return readings_from_features(fetch_sensor_features(client, self.sensors_cid,
                                                            self._feedback))

    def succeeded(self, result):
        self.refreshed.emit(result)
