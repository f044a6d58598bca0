"""The "Package info" dialog: where an offline district package's layers came from.

It shows package_html() of a PackageInfo read by core (plugin/core/package_info.py);
the buttons copy the same facts as text or open the package's folder.
"""

from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtGui import QDesktopServices, QGuiApplication
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from .. import i18n
from ..i18n import tr
from .package_html import package_html, package_text

SIZE = (1080, 640)


def close_buttons():
    """A button box with Close, named by the plugin: Qt's own translation of it is not
    installed everywhere (Debian without qttranslations5-l10n)."""
    buttons = QDialogButtonBox(QDialogButtonBox.Close)
    buttons.button(QDialogButtonBox.Close).setText(tr("Close"))
    return buttons


class PackageInfoDialog(QDialog):
    def __init__(self, info, parent=None):
        super().__init__(parent)
        self.info = info
        self.setObjectName("TwinPackageInfoDialog")
        self.setWindowTitle(tr("Package info \u2014 {}").format(info.gpkg_path.name))
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml(package_html(info, i18n.language()))
        layout.addWidget(self.browser, 1)
        buttons = close_buttons()
        self.copy_button = buttons.addButton(tr("Copy as text"), QDialogButtonBox.ActionRole)
        self.copy_button.setToolTip(tr("Copy the package's details, with full URLs and "
                                       "times, as tab-separated text"))
        self.copy_button.clicked.connect(self.copy_text)
        self.folder_button = buttons.addButton(tr("Open folder"), QDialogButtonBox.ActionRole)
        self.folder_button.setToolTip(str(info.gpkg_path.parent))
        self.folder_button.clicked.connect(self.open_folder)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(*SIZE)

    def text(self):
        return package_text(self.info, i18n.language())

    def copy_text(self):
        QGuiApplication.clipboard().setText(self.text())

    def open_folder(self):
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.info.gpkg_path.parent)))
