"""Errors the user sees as one clear sentence; details go to the QGIS log."""


class TwinServiceError(Exception):
    """A failure talking to a twin data service or writing what it sent.

    ``str(error)`` is one sentence for the message bar or Processing feedback;
    ``detail`` holds what a developer needs (URL, status, server text) for the log.
    """

    def __init__(self, message, detail=None):
        super().__init__(message)
        self.detail = detail


class TwinCancelled(TwinServiceError):
    """The user (or the task manager) cancelled the operation."""
