"""Background downloads for the task manager: progress, cancel, and no GUI in run().

A task's run() works on its own thread and touches no layer or widget; finished() runs
on the main thread, where the caller adds the result to a project.
"""

from qgis.core import QgsFeedback, QgsTask
from qgis.PyQt.QtCore import pyqtSignal

from .. import log
from .errors import TwinCancelled, TwinServiceError
from .pull import pull_to_gpkg


class PullTask(QgsTask):
    """Download one collection into a GeoPackage (atomically; see pull.py)."""

    pulled = pyqtSignal(object)  # PullResult, on the main thread
    failed = pyqtSignal(str)     # one sentence for the message bar

    def __init__(self, description, client, collection_id, gpkg_path, **pull_options):
        super().__init__(description, QgsTask.CanCancel)
        self.client = client
        self.collection_id = collection_id
        self.gpkg_path = gpkg_path
        self.pull_options = pull_options
        self.result = None
        self.error = None
        self._feedback = QgsFeedback()
        # Progress flows from the pull to the task manager's bar.
        self._feedback.progressChanged.connect(self.setProgress)

    def cancel(self):
        self._feedback.cancel()  # aborts the request in flight, not just the next page
        super().cancel()

    def run(self):
        try:
            self.result = pull_to_gpkg(self.client, self.collection_id, self.gpkg_path,
                                       feedback=self._feedback, **self.pull_options)
            return True
        except TwinCancelled:
            return False
        except TwinServiceError as error:
            self.error = error
            return False

    def finished(self, ok):
        if ok:
            self.pulled.emit(self.result)
        elif self.error is not None:
            log.error("{}\n{}".format(self.error, self.error.detail or ""))
            self.failed.emit(str(self.error))
