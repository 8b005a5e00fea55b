"""The bedside scores' home in the window (issue 15): the Scores tab built on first use, a score
opened with what the ticked findings already say, and its copy and print actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from legpain_desktop.core.db.repository import MonographRecord
    from legpain_desktop.gui.printing import PrintJob
    from legpain_desktop.gui.scores.panel import ScoresPanel


class ScoresHome(QObject):
    """Signals:
    message(str): a line for the status bar.
    print_requested(PrintJob): print this score's result.
    """

    message = Signal(str)
    print_requested = Signal(object)

    def __init__(
        self,
        selection: Callable[[], list[str]],
        place_panel: Callable[[QWidget], None],
        show_panel: Callable[[QWidget], None],
        content_version: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._selection = selection
        self._place_panel = place_panel
        self._show_panel = show_panel
        self.content_version = content_version
        self._panel: ScoresPanel | None = None

    @property
    def built(self) -> bool:
        return self._panel is not None

    @property
    def panel(self) -> ScoresPanel:
        """The Scores tab (issue 16), built when first shown."""
        if self._panel is None:
            from legpain_desktop.gui.scores.panel import ScoresPanel

            panel = ScoresPanel()
            self._panel = panel
            self._place_panel(panel)
            panel.copy_requested.connect(self.copy)
            panel.print_requested.connect(self.print)
        return self._panel

    def open(self, name: str) -> None:
        """Open a bedside score with the items the ticked findings already say (one click from
        the differential: 'Calculate Wells' beside DVT)."""
        from legpain_desktop.core.scores import prefill

        panel = self.panel
        self._show_panel(panel)
        panel.open_score(name, prefill(name, self._selection()))
        panel.choice.setFocus()

    def copy(self) -> str:
        """Put the completed score on the clipboard; returns the text ("" when not complete)."""
        from PySide6.QtWidgets import QApplication

        text = self.panel.note_text()
        if not text:
            self.message.emit(self.tr("Nothing to copy yet: complete the score first."))
            return ""
        QApplication.clipboard().setText(text)
        self.message.emit(self.tr("Score copied: paste it into the patient's record."))
        return text

    def job(self) -> PrintJob | None:
        """The completed score as a print job (None while incomplete)."""
        from legpain_desktop.core.scores import SCORES
        from legpain_desktop.gui.printing import PrintJob
        from legpain_desktop.gui.scores.panel import result_html

        result = self.panel.result
        if result is None:
            return None
        return PrintJob(SCORES[result.score].TITLE, result_html(result), self.content_version)

    def print(self) -> None:
        job = self.job()
        if job is None:
            self.message.emit(self.tr("Nothing to print yet: complete the score first."))
            return
        self.print_requested.emit(job)

    @staticmethod
    def decorate(record: MonographRecord, body: str) -> str:
        """A page decorator: a cause with a bedside score links to it (issue 16)."""
        if record.kind != "cause":
            return body
        from legpain_desktop.core.scores import SCORE_FOR_CAUSE, SCORES

        name = SCORE_FOR_CAUSE.get(record.id)
        if not name:
            return body
        link = f'<a href="score:{name}">{SCORES[name].TITLE}</a>'
        line = QCoreApplication.translate("ScoresHome", "Bedside score: {0}").format(link)
        return f'<p class="meta">{line}</p>' + body
