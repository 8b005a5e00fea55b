"""The warning bar above the panels: user-data problems (a note not saved) stay in sight until
the user dismisses them (issue 17: the status bar alone was overwritten within a second)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from legpain_desktop.gui.theme import ui_colours

KEPT = 3  # the newest warnings shown together


class NoticeBar(QFrame):
    """Warnings that must not slip by: each stays until the user dismisses it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice-bar")
        self.setAccessibleName(self.tr("Warning"))
        self.restyle()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.dismiss = QPushButton(self.tr("Dismiss"))
        self.dismiss.setAccessibleName(self.tr("Dismiss the warning"))
        self.dismiss.clicked.connect(self.clear)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.dismiss)
        self.messages: list[str] = []

    def restyle(self) -> None:
        ui = ui_colours()
        self.setStyleSheet(
            f"#notice-bar {{ background: {ui.notice_bg}; border-bottom: 2px solid {ui.notice_border}; }}"
            f"#notice-bar QLabel {{ color: {ui.notice_text}; }}"
        )

    def add(self, message: str) -> None:
        if message not in self.messages:
            self.messages = [*self.messages, message][-KEPT:]
        self.label.setText("\n".join(f"⚠ {m}" for m in self.messages))
        self.label.setAccessibleName(" ".join(self.messages))
        self.setVisible(True)

    def clear(self) -> None:
        self.messages = []
        self.setVisible(False)
