"""File > Update content from folder…: install a signed content pack (issue 18).

The pack is checked and copied by the same core operation as ``legpain-desktop update --from``
(:func:`legpain_desktop.core.packs.install.update_from`), on a worker thread while a busy dialog
shows, and the outcome is said in one box: installed (used from the next start), or refused with
the reason (the content in use is unchanged). On first use the publisher's ``root.json`` is asked
for. Nothing here touches the network.

Signals of ``ContentUpdates``: message(str) for the status bar; finished(str) the outcome shown.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog

from legpain_desktop.core.paths import PACK_INFO
from legpain_desktop.gui.settings import Settings
from legpain_desktop.gui.shell.actions import WindowActions

NO_TRUSTED_ROOT = "no trusted root"


class ContentUpdates(QObject):
    message = Signal(str)
    finished = Signal(str)

    def __init__(self, actions: WindowActions, settings: Settings, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = parent
        self.settings = settings
        self.last_outcome = ""
        self._progress: QProgressDialog | None = None
        self._result: object = None
        self._thread: threading.Thread | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(50)
        self._poll.timeout.connect(self._check_done)
        actions.update_content.triggered.connect(self.ask_folder)

    # ------------------------------------------------------------------ asking

    def ask_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # dialogs load on demand (their enums cost start-up time)

        start = self.settings.policy.content_pack_dir
        folder = QFileDialog.getExistingDirectory(
            self.window, self.tr("Choose the content pack folder"), str(start) if start else ""
        )
        if folder:
            self.install(Path(folder))

    def ask_trusted_root(self) -> Path | None:
        """The publisher's root.json, asked for on the first install only."""
        from PySide6.QtWidgets import QFileDialog

        chosen, _filter = QFileDialog.getOpenFileName(
            self.window,
            self.tr("This computer trusts no publisher yet: choose the publisher's root.json"),
            "",
            self.tr("TUF root metadata (*.json)"),
        )
        return Path(chosen) if chosen else None

    # ------------------------------------------------------------------ installing

    def install(self, folder: Path, trusted_root: Path | None = None) -> None:
        """Check and install the pack in ``folder`` on a worker thread; the outcome follows."""
        if self._thread is not None:
            self.message.emit(self.tr("An update is already running."))
            return
        try:
            from legpain_desktop.core.packs import install
        except ImportError as exc:
            self._show(
                self.tr("Content updates are not available in this installation ({0} is missing).").format(exc.name),
                ok=False,
            )
            return
        from PySide6.QtWidgets import QProgressDialog

        self._folder, self._trusted_root = folder, trusted_root
        self._progress = QProgressDialog(
            self.tr("Checking the signatures and copying the content…"), "", 0, 0, self.window
        )
        self._progress.setCancelButton(None)  # a half-cancelled copy would help no one; it is atomic
        self._progress.setWindowTitle(self.tr("Update content"))
        self._progress.setMinimumDuration(0)
        self._progress.show()

        def work() -> None:
            try:
                self._result = install.update_from(folder, trusted_root)
            except install.PackRefused as exc:
                self._result = exc
            except Exception as exc:
                self._result = exc

        self._result = None
        self._thread = threading.Thread(target=work, name="content-update", daemon=True)
        self._thread.start()
        self._poll.start()

    def _check_done(self) -> None:
        if self._thread is None or self._thread.is_alive():
            return
        self._poll.stop()
        self._thread = None
        if self._progress is not None:
            self._progress.close()
            self._progress = None
        result = self._result
        if isinstance(result, Exception):
            reason = str(result)
            if reason.startswith(NO_TRUSTED_ROOT) and self._trusted_root is None:
                root = self.ask_trusted_root()
                if root is not None:
                    self.install(self._folder, root)
                    return
            self._show(
                self.tr("The update was refused: {0}. The content in use is unchanged.").format(reason), ok=False
            )
            return
        self._show(
            self.tr(
                "Content pack {0} is installed (content version {1}, signed by {2}). "
                "Close and reopen LegPain Desktop to use it."
            ).format(result.pack_version, result.content_version, result.signed_by),  # type: ignore[attr-defined]
            ok=True,
        )

    def _show(self, text: str, ok: bool) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.last_outcome = text
        self.message.emit(text)
        box = QMessageBox(
            QMessageBox.Icon.Information if ok else QMessageBox.Icon.Warning,
            self.tr("Update content"),
            text,
            parent=self.window,
        )
        box.open()
        self.finished.emit(text)


def show_installed_pack(window: QWidget, database: Path, today: date | None = None) -> None:
    """When the content comes from an installed pack: the status bar names the pack and its signer,
    and after the pack's review date a notice says the content may be out of date (the app still
    opens: old content is better than none, and the notice says so)."""
    if not (database.parent / PACK_INFO).is_file():
        return  # the bundled database or a --db file: nothing to load the pack store for
    from legpain_desktop.core.packs.store import read_pack_info

    info = read_pack_info(database)
    if info is None:
        return
    status = getattr(window, "status_version", None)
    if status is not None:
        status.setText(
            QCoreApplication.translate("ContentUpdates", "Content {0} of {1} · pack {2}, signed by {3}").format(
                info.content_version, info.built_at[:10], info.pack_version, info.signed_by
            )
        )
    if info.review_by < (today or date.today()):
        window.warn(  # type: ignore[attr-defined]
            QCoreApplication.translate(
                "ContentUpdates",
                "This content pack was due for review on {0}: the content may be out of date. "
                "Ask your administrator for a newer pack.",
            ).format(info.review_by.isoformat())
        )
