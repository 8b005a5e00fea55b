"""Theme and text size for the whole app (issue 15: these lived in the main window)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from legpain_desktop.gui import settings as keys
from legpain_desktop.gui.settings import Settings
from legpain_desktop.gui.shell.actions import WindowActions

ZOOM_STEP = 10  # percent per Larger text / Smaller text


class Appearance(QObject):
    """Signals:
    theme_applied(Palette): the new theme's page palette (the monograph view takes it first).
    recoloured(): the theme changed: restyle what the app colours itself.
    changed(): colours or text size changed: draw the page again.
    message(str): a line for the status bar.
    """

    theme_applied = Signal(object)
    recoloured = Signal()
    changed = Signal()
    message = Signal(str)

    def __init__(self, settings: Settings, actions: WindowActions, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.actions = actions
        self._base_point_size: float | None = None  # the app's font size before any scaling
        self.scheme_checked = False  # see check_system_scheme
        actions.zoom_in.triggered.connect(lambda: self.set_text_scale(self.text_scale + ZOOM_STEP))
        actions.zoom_out.triggered.connect(lambda: self.set_text_scale(self.text_scale - ZOOM_STEP))
        actions.zoom_reset.triggered.connect(lambda: self.set_text_scale(100))
        for theme, action in actions.themes.items():
            action.triggered.connect(lambda _checked=False, t=theme: self.set_theme(t))
        self.show_locks()

    def show_locks(self) -> None:
        """Settings the administrator's policy locks are shown locked: their commands disabled and
        marked, so nothing offers a change that would not happen."""
        groups = (
            (keys.THEME, list(self.actions.themes.values())),
            (keys.TEXT_SCALE, [self.actions.zoom_in, self.actions.zoom_out, self.actions.zoom_reset]),
            (keys.REMEMBER_PATIENT, [self.actions.remember_patient]),
        )
        for setting, actions in groups:
            if self.settings.is_locked(setting):
                for action in actions:
                    action.setEnabled(False)
                    action.setText(self.tr("{0} (locked by your administrator)").format(action.text()))
                    action.setStatusTip(self.tr("Locked by your administrator's policy"))

    @property
    def text_scale(self) -> int:
        return self.settings.get(keys.TEXT_SCALE)

    def set_text_scale(self, percent: int) -> None:
        """One text scale for the whole app: panels, monographs, tables and dialogs."""
        low, high = keys.TEXT_SCALE_RANGE
        percent = max(low, min(high, percent))
        if self.settings.is_locked(keys.TEXT_SCALE) and percent != self.text_scale:
            self.message.emit(self.tr("The text size is locked by your administrator."))
            return
        self.settings.set(keys.TEXT_SCALE, percent)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            font = app.font()
            if self._base_point_size is None:
                self._base_point_size = font.pointSizeF()
            font.setPointSizeF(self._base_point_size * percent / 100)
            app.setFont(font)
        self.message.emit(self.tr("Text size {0}%").format(percent))
        self.changed.emit()

    def set_theme(self, theme: str) -> None:
        from legpain_desktop.gui.theme import apply_theme

        if self.settings.is_locked(keys.THEME) and theme != self.settings.get(keys.THEME):
            self.message.emit(self.tr("The theme is locked by your administrator."))
            return
        self.settings.set(keys.THEME, theme)
        self.actions.mark_theme(theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self.theme_applied.emit(apply_theme(app, theme))
        self.recoloured.emit()
        self.changed.emit()

    def check_system_scheme(self) -> None:
        """Once the start page is up: read the system's colour scheme (this builds PySide6's Qt
        enums, about 40 ms, now rather than at the user's first keystroke), keep it for the next
        start, and recolour if it changed since then while the theme follows the system. Also
        on closing, if the window closes before then, so the next start need not ask the system
        before its first paint. Only the first call does anything."""
        if self.scheme_checked:
            return
        self.scheme_checked = True
        from legpain_desktop.gui.theme import UI_BY_THEME, light_palette, system_scheme, ui_colours

        app = QApplication.instance()
        if ui_colours() is UI_BY_THEME["light"] and isinstance(app, QApplication):
            # Start-up left the platform's palette alone; now give it a readable selection and
            # outlines (tests/gui/test_contrast.py).
            app.setPalette(light_palette(app.palette()))
        live = system_scheme()
        if live == self.settings.get(keys.SYSTEM_SCHEME):
            return
        self.settings.set(keys.SYSTEM_SCHEME, live)
        self.settings.sync()
        if self.settings.get(keys.THEME) == "system":
            self.set_theme("system")
