"""The status-bar alert that names every fired red flag on every panel (issue 17: a restored
session once hid the red flags until the user happened to switch tabs)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPushButton, QWidget

from legpain_desktop.gui.theme import ui_colours

if TYPE_CHECKING:
    from legpain_desktop.core.differential import Differential

LONGEST = 90  # characters shown in the status bar; the tooltip and screen reader get them all


class RedFlagIndicator(QPushButton):
    """Hidden while nothing fires; a click asks to show the symptom filter with its banner."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("red-flag-indicator")
        self.setAccessibleName(self.tr("Red flag alert"))
        self.restyle()
        self.setVisible(False)

    def restyle(self) -> None:
        ui = ui_colours()
        self.setStyleSheet(
            f"#red-flag-indicator {{ background: {ui.alert_bg}; color: {ui.alert_text}; font-weight: bold;"
            f" border: 1px solid {ui.text}; border-radius: 3px; padding: 1px 8px; }}"
        )

    def show_flags(self, result: Differential) -> None:
        flags = result.red_flags
        if not flags:
            self.setVisible(False)
            return
        worst = flags[0]  # fired rules come most urgent first
        names = "; ".join(f.title for f in flags)
        words = {"emergency": self.tr("EMERGENCY"), "urgent": self.tr("URGENT")}
        text = f"⚠ {words.get(worst.urgency, worst.urgency.upper())}: {names}"
        self.setText(text if len(text) <= LONGEST else text[: LONGEST - 3] + "…")
        self.setToolTip(
            self.tr("%n red flag(s) for the ticked findings: {0}. Click to show them.", "", len(flags)).format(names)
        )
        self.setAccessibleName(self.tr("Red flag alert: {0}. Activate to show the details.").format(names))
        self.setVisible(True)
