"""File → Open Server…: a PostgreSQL database shared by a team, opened in a new window.

The dialog asks for host, port, database and user; a password typed there is kept
in the system keyring if the planner ticks the box (and a keyring service exists),
or else handed to the new window for that session only (its environment, never a
file). Without one, the PostgreSQL client reads ``~/.pgpass`` as usual. The URL
Budgetwright shows and passes on never holds the password.
"""

from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import quote

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.credentials import keyring_available, remember_password
from app.paths import ServerUrl
from ui import prompts


class ServerDialog(QDialog):
    """Where the team's database is: host, port, database, user and (optionally) password."""

    def __init__(self, parent: QWidget | None = None, *, keyring: bool | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open Server")
        self.setObjectName("server-dialog")
        self.host = QLineEdit("localhost")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit("budgets")
        self.user = QLineEdit(os.environ.get("USER", ""))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("from ~/.pgpass or the keyring if left empty")
        has_keyring = keyring_available() if keyring is None else keyring
        self.remember = QCheckBox("Keep the password in the system keyring")
        self.remember.setEnabled(has_keyring)
        if not has_keyring:
            self.remember.setToolTip("No keyring service here: put the password in ~/.pgpass")
        form = QFormLayout()
        form.addRow("&Host", self.host)
        form.addRow("&Port", self.port)
        form.addRow("&Database", self.database)
        form.addRow("&User", self.user)
        form.addRow("Pass&word", self.password)
        form.addRow("", self.remember)
        self.shown_url = QLabel()
        self.shown_url.setObjectName("server-url")
        self.problem = QLabel()
        self.problem.setObjectName("server-problem")
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.shown_url)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        for field in (self.host, self.database, self.user):
            field.textChanged.connect(self._show_url)
        self.port.valueChanged.connect(self._show_url)
        self._show_url()

    def url(self) -> ServerUrl:
        """The database's URL, without the password."""
        user = quote(self.user.text().strip(), safe="")
        host = self.host.text().strip()
        database = quote(self.database.text().strip(), safe="")
        return ServerUrl(f"postgresql://{user}@{host}:{self.port.value()}/{database}")

    def _show_url(self) -> None:
        self.shown_url.setText(str(self.url()))

    def accept(self) -> None:
        missing = [
            name
            for name, field in (
                ("host", self.host),
                ("database", self.database),
                ("user", self.user),
            )
            if not field.text().strip()
        ]
        if missing:
            self.problem.setText(f"Give the {' and the '.join(missing)}.")
            return
        super().accept()


class ServerOpener:
    """The File menu's Open Server…: asks where, then opens a new window on that database."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent
        self.launched: list[subprocess.Popen[bytes]] = []

    def open_server(self) -> bool:
        dialog = ServerDialog(self._parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.open_url(dialog.url(), dialog.password.text(), dialog.remember.isChecked())

    def open_url(self, url: ServerUrl, password: str, remember: bool) -> bool:
        """Open a window on ``url``; the password kept in the keyring or passed for this
        session only, never written by us."""
        env = dict(os.environ)
        kept = bool(password) and remember and remember_password(url, password)
        if password and not kept:
            env["PGPASSWORD"] = password  # the new window's environment only
        if password and remember and not kept:
            prompts.show_info(
                self._parent,
                "Open Server",
                "There is no keyring service here to keep the password; it is used for this "
                "window only. To skip typing it, put it in ~/.pgpass (mode 0600).",
            )
        self.launched.append(
            subprocess.Popen([sys.executable, "-m", "ui.launcher", "--db", url.url], env=env)
        )
        return True
