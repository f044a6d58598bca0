"""Handling a modal dialog from a test: the dialog runs its own event loop, so the test
acts on it from a timer."""

from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QDialog


def on_next_dialog(handle):
    """Call ``handle(dialog)`` on the next dialog shown (e.g. one run with exec_()),
    which must close it; returns a list that holds the handler's result once called."""
    seen = []

    def poll():
        shown = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QDialog) and w.isVisible()]
        if shown:
            seen.append(handle(shown[0]))
        else:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(0, poll)
    return seen
