"""The refresh preview: what refreshing an offline district package would change.

It shows the DIFF file of ``twindistrictreview:refreshdistrictpackage`` run with
APPLY=False (one row per layer, totals) and offers Apply, which the caller turns into
a second run with APPLY=True (plugin/gui/package_actions.py). Layer titles come from the
service: they go into plain-text table items, never into rich text.
"""

import json
from pathlib import Path

from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QFont
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..i18n import tr
from .package_info_dialog import close_buttons

SIZE = (960, 500)
TITLE_PX = 220  # at most, for the layer column
CHANGING = ("changed", "new", "gone")  # statuses that applying would write


def load_diff(path):
    """The refresh algorithm's DIFF JSON file as a dict."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def status_label(status):
    labels = {
        "changed": tr("changed"),
        "unchanged": tr("unchanged"),
        "skipped": tr("skipped"),
        "new": tr("new layer"),
        "gone": tr("gone from the service"),
    }
    return labels.get(status, status or "")


def totals(diff):
    """{"layers": changing layers, "added"/"removed"/"changed": feature sums, "same":
    layers left as they are}."""
    layers = diff.get("layers") or []
    changing = [layer for layer in layers if layer.get("status") in CHANGING]
    out = {key: sum(int(layer.get(key) or 0) for layer in changing)
           for key in ("added", "removed", "changed")}
    out["layers"], out["same"] = len(changing), len(layers) - len(changing)
    return out


def summary(diff):
    """One or two sentences: what applying would do (or did)."""
    sums = totals(diff)
    if not sums["layers"]:
        return tr("The package is up to date: no layer changed on the service.")
    return tr("{} of {} layers changed: {} features added, {} removed, {} changed.").format(
        sums["layers"], sums["layers"] + sums["same"], "{:,}".format(sums["added"]),
        "{:,}".format(sums["removed"]), "{:,}".format(sums["changed"]))


def snapshot_note(diff):
    """Where the previous version went (or will go), and what the buildings did."""
    if diff.get("applied"):
        snapshot = diff.get("previous_snapshot")
        note = tr("The previous version is kept as the snapshot {}.").format(snapshot) \
            if snapshot else tr("The package was refreshed in place.")
        buildings = diff.get("building_changes") or {}
        if diff.get("building_changes_table") and any(buildings.values()):
            note += " " + tr("Buildings: {} new, {} demolished, {} with a new height, {} "
                             "otherwise changed (layer \u201cBuilding changes\u201d).").format(
                *(buildings.get(k, 0) for k in ("new", "demolished", "height_changed",
                                                "changed")))
        return note
    return tr("Applying keeps the current version as a snapshot in the package's "
              "snapshots folder, so it can be compared or restored.")


class RefreshDialog(QDialog):
    """The preview of one refresh; ``apply_requested`` when the user chooses Apply."""

    apply_requested = pyqtSignal()

    def __init__(self, diff, parent=None):
        super().__init__(parent)
        self.diff = diff
        self.setObjectName("TwinRefreshDialog")
        name = Path(diff.get("package") or "").name
        self.setWindowTitle(tr("Refresh district package \u2014 {}").format(name))
        layout = QVBoxLayout(self)
        self.summary = QLabel(summary(diff))
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.PlainText)
        bold = QFont(self.summary.font())
        bold.setBold(True)
        self.summary.setFont(bold)
        layout.addWidget(self.summary)
        self.table = self._table(diff.get("layers") or [])
        layout.addWidget(self.table, 1)
        self.note = QLabel(snapshot_note(diff))
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.PlainText)
        layout.addWidget(self.note)
        buttons = close_buttons()
        self.apply_button = buttons.addButton(tr("Apply"), QDialogButtonBox.AcceptRole)
        self.apply_button.setToolTip(tr("Write these changes into the package"))
        changes = totals(diff)["layers"] > 0
        self.apply_button.setVisible(not diff.get("applied"))
        self.apply_button.setEnabled(changes)
        (self.apply_button if changes else buttons.button(QDialogButtonBox.Close)).setDefault(True)
        self.apply_button.clicked.connect(self._apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(*SIZE)

    def _table(self, layers):
        # Layers that would change first: those are what the user decides on.
        layers = sorted(layers, key=lambda layer: layer.get("status") not in CHANGING)
        headers = [tr("Layer"), tr("Status"), tr("Added"), tr("Removed"), tr("Changed"),
                   tr("Reason")]
        table = QTableWidget(len(layers), len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        for row, layer in enumerate(layers):
            counted = layer.get("status") in CHANGING
            cells = [layer.get("title") or layer.get("table") or "",
                     status_label(layer.get("status")),
                     *("{:,}".format(int(layer.get(key) or 0)) if counted else "\u2013"
                       for key in ("added", "removed", "changed")),
                     layer.get("reason") or ""]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 2 <= column <= 4:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if column in (0, 5):
                    item.setToolTip(text)
                table.setItem(row, column, item)
        # Fitted to the contents; a long title is cut (whole in its tooltip), so the
        # counts and the reason stay readable; the reason takes the room left.
        table.resizeColumnsToContents()
        table.setColumnWidth(0, min(table.columnWidth(0), TITLE_PX))
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _apply(self):
        self.apply_requested.emit()
        self.accept()
