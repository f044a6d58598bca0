"""Add or edit a twin service connection: name, URL and a QGIS authentication config.

Any QGIS auth config can be chosen (QgsAuthConfigSelect); the "API key header" section
is a shortcut that stores a key in the QGIS authentication database and selects it.
"Test connection" runs in the task manager, so the dialog never waits on the network.
"""

from urllib.parse import urlsplit

from qgis.core import QgsApplication
from qgis.gui import QgsAuthConfigSelect
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from ..core import auth_configs, connections
from ..core.connection_check import ConnectionCheckTask
from ..core.connections import Connection
from ..core.errors import TwinServiceError
from ..i18n import tr


def _plain_label():
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # sentences may quote remote text (titles)
    label.setWordWrap(True)
    return label


class ConnectionDialog(QDialog):
    def __init__(self, parent=None, connection=None):
        super().__init__(parent)
        self._original = connection
        self._connection = None
        self._task = None   # the check whose answer the label will show
        self._running = []  # Python tasks must stay referenced until they end
        self.setWindowTitle(tr("Edit Twin Service Connection") if connection
                            else tr("New Twin Service Connection"))
        self.name_edit = QLineEdit(connection.name if connection else "")
        self.url_edit = QLineEdit(connection.url if connection else "")
        self.url_edit.setPlaceholderText("https://twin.example.org/ogcapi")
        self.auth_select = QgsAuthConfigSelect(self)
        if connection and connection.authcfg:
            self.auth_select.setConfigId(connection.authcfg)
        self.api_key_button = QPushButton(tr("API key header…"))
        self.api_key_button.setCheckable(True)
        self.api_key_frame = self._api_key_section()
        self.api_key_button.toggled.connect(self._show_api_key_section)
        self.test_button = QPushButton(tr("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.status_label = _plain_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()

    def _lay_out(self):
        form = QFormLayout()
        form.addRow(tr("Name"), self.name_edit)
        form.addRow(tr("URL"), self.url_edit)
        form.addRow(tr("Authentication"), self.auth_select)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        key_row = QHBoxLayout()
        key_row.addStretch(1)
        key_row.addWidget(self.api_key_button)
        layout.addLayout(key_row)
        layout.addWidget(self.api_key_frame)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        layout.addLayout(test_row)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def _api_key_section(self):
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.header_edit = QLineEdit(auth_configs.DEFAULT_HEADER)
        self.key_edit = QLineEdit()
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.store_key_button = QPushButton(tr("Store key and use it"))
        self.store_key_button.clicked.connect(self.store_api_key)
        form = QFormLayout(frame)
        form.addRow(tr("Header"), self.header_edit)
        form.addRow(tr("Key"), self.key_edit)
        form.addRow("", self.store_key_button)
        frame.setVisible(False)
        return frame

    def _show_api_key_section(self, shown):
        self.api_key_frame.setVisible(shown)
        hint = self.sizeHint()
        self.resize(max(self.width(), hint.width()), hint.height())

    # -- actions -------------------------------------------------------------------
    def store_api_key(self):
        """Put the typed key into the QGIS authentication database and select it."""
        if not self.key_edit.text():
            self._say(tr("Enter the API key first."))
            return None
        label = self.name_edit.text().strip() or urlsplit(self.url_edit.text()).netloc
        name = tr("{} API key").format(label)
        try:
            authcfg = auth_configs.create_api_key(name, self.header_edit.text(),
                                                  self.key_edit.text())
        except TwinServiceError as error:
            self._say(str(error))
            return None
        self.key_edit.clear()  # the key now lives only in the auth database
        self.auth_select.setConfigId(authcfg)
        self.api_key_button.setChecked(False)
        self._say(tr("The key is stored in the QGIS authentication database as '{}'.")
                  .format(name))
        return authcfg

    def test_connection(self):
        """Check the service in the background; the answer lands in the status label."""
        connection = self._entered(check_name=False)
        if connection is None:
            return
        if connection.authcfg and not auth_configs.unlock():  # prompts on this thread
            self._say(tr("The QGIS authentication database is locked; enter the master "
                         "password to use this connection's credentials."))
            return
        if self._task is not None:
            self._task.cancel()  # a newer test replaces the running one
        task = ConnectionCheckTask(connection)
        task.checked.connect(lambda report, t=task: self._answer(t, report.sentence()))
        task.failed.connect(lambda sentence, t=task: self._answer(t, sentence))
        task.taskCompleted.connect(lambda t=task: self._release(t))
        task.taskTerminated.connect(lambda t=task: self._release(t))
        self._task = task
        self._running.append(task)
        self._say(tr("Testing {}…").format(connection.url))
        QgsApplication.taskManager().addTask(task)

    def _answer(self, task, sentence):
        if task is self._task:  # a newer test's answer wins
            self._say(sentence)

    def _release(self, task):
        """The task ended (the manager deletes it now): drop it, never touch it again."""
        self._running.remove(task)
        if task is self._task:
            self._task = None

    def accept(self):
        connection = self._entered(check_name=True)
        if connection is None:
            return
        connections.save(connection, self._original.name if self._original else None)
        self._connection = connection
        super().accept()

    def done(self, result):
        self._task = None
        for task in self._running:  # still running: their answers have nobody to read them
            task.cancel()
        super().done(result)

    def connection(self):
        """The saved Connection after accept, else None."""
        return self._connection

    # -- validation ----------------------------------------------------------------
    def _entered(self, check_name):
        """The Connection the fields describe, or None after saying what is wrong."""
        name = self.name_edit.text().strip()
        url = self.url_edit.text().strip()
        parts = urlsplit(url)
        if check_name and not name:
            self._say(tr("Enter a name for the connection."))
            return None
        if parts.scheme not in ("http", "https") or not parts.netloc:
            self._say(tr("Enter the service URL, starting with http:// or https://."))
            return None
        taken = connections.connection(name) if check_name else None
        if taken is not None and (self._original is None or name != self._original.name):
            self._say(tr("A connection called '{}' exists already; choose another name.")
                      .format(name))
            return None
        return Connection(name, url, self.auth_select.configId() or "")

    def _say(self, sentence):
        self.status_label.setText(sentence)
