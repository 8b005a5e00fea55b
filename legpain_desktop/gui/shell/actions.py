"""The window's actions, toolbar and menus (issue 15): typed attributes built in one place, in the
manner of TagStudio's main menu bar view, so code and tests name ``actions.back`` instead of
looking an action up by its English text.

Shortcuts are set with ``setShortcuts([...])``: PySide6 resolving ``setShortcut()``'s overloads
builds its whole Qt enum namespace, which start-up leaves until after the first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QToolBar

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from legpain_desktop.core.db.repository import ContentRepository
    from legpain_desktop.core.integrity import Manifest

Key = QKeySequence.StandardKey | str
THEMES = (
    ("system", QT_TRANSLATE_NOOP("WindowActions", "Follow system")),
    ("light", QT_TRANSLATE_NOOP("WindowActions", "Light")),
    ("dark", QT_TRANSLATE_NOOP("WindowActions", "Dark")),
    ("high-contrast", QT_TRANSLATE_NOOP("WindowActions", "High contrast")),
)
# Keys that no action holds but the side panel answers; listed in the shortcuts dialog too.
PANEL_KEYS = (
    (QT_TRANSLATE_NOOP("WindowActions", "Focus search"), "Ctrl+K or Ctrl+L"),
    (QT_TRANSLATE_NOOP("WindowActions", "Clear search"), "Esc"),
    (QT_TRANSLATE_NOOP("WindowActions", "Move through results"), "Down"),
)


def unique_keys(*keys: Key) -> list[QKeySequence]:
    """Shortcuts for one action, each once: a platform's standard binding often already holds
    the explicit one (Alt+Left is Back on Linux), and a repeat makes the shortcut ambiguous (issue
    17: registered twice, neither fired)."""
    out: list[QKeySequence] = []
    for key in keys:
        seqs = [QKeySequence(key)] if isinstance(key, str) else QKeySequence.keyBindings(key)
        for seq in seqs:
            if not seq.isEmpty() and all(seq != have for have in out):
                out.append(seq)
    return out


class WindowActions:
    """Every action of the main window, each an attribute; :meth:`install` puts them in the
    toolbar and menus."""

    def __init__(self, window: QMainWindow) -> None:
        def action(text: str, *keys: Key, tip: str = "", checkable: bool = False) -> QAction:
            made = QAction(text, window)
            if keys:
                made.setShortcuts(unique_keys(*keys))
            if tip:
                made.setToolTip(tip)
            made.setCheckable(checkable)
            return made

        std = QKeySequence.StandardKey
        self.back = action(
            QCoreApplication.translate("WindowActions", "Back"),
            std.Back,
            "Alt+Left",
            tip=QCoreApplication.translate("WindowActions", "Back (Alt+Left)"),
        )
        self.forward = action(
            QCoreApplication.translate("WindowActions", "Forward"),
            std.Forward,
            "Alt+Right",
            tip=QCoreApplication.translate("WindowActions", "Forward (Alt+Right)"),
        )
        self.home = action(
            QCoreApplication.translate("WindowActions", "Home"),
            "Alt+Home",
            tip=QCoreApplication.translate("WindowActions", "Home page (Alt+Home)"),
        )
        self.search = action(QCoreApplication.translate("WindowActions", "Search"), "Ctrl+K", "Ctrl+L")
        self.about = action(QCoreApplication.translate("WindowActions", "About"))
        self.dose = action(
            QCoreApplication.translate("WindowActions", "Dose for a patient"),
            "Ctrl+Shift+D",
            tip=QCoreApplication.translate("WindowActions", "Open the dose calculator on this drug (Ctrl+Shift+D)"),
        )
        self.dose.setEnabled(False)
        self.print = action(QCoreApplication.translate("WindowActions", "Print…"), std.Print)
        self.preview = action(QCoreApplication.translate("WindowActions", "Print preview…"))
        self.pdf = action(QCoreApplication.translate("WindowActions", "Save as PDF…"), "Ctrl+Shift+P")
        self.update_content = action(QCoreApplication.translate("WindowActions", "Update content from folder…"))
        self.export_anki = action(QCoreApplication.translate("WindowActions", "Export cards for Anki…"))
        self.bookmark = action(QCoreApplication.translate("WindowActions", "☆ Bookmark"), "Ctrl+D", checkable=True)
        self.bookmark.setEnabled(False)
        self.find = action(QCoreApplication.translate("WindowActions", "Find in page"), std.Find)
        self.find_next = action(QCoreApplication.translate("WindowActions", "Find next"), std.FindNext)
        self.find_previous = action(QCoreApplication.translate("WindowActions", "Find previous"), std.FindPrevious)
        self.zoom_in = action(QCoreApplication.translate("WindowActions", "Larger text"), std.ZoomIn, "Ctrl+=")
        self.zoom_out = action(QCoreApplication.translate("WindowActions", "Smaller text"), std.ZoomOut)
        self.zoom_reset = action(QCoreApplication.translate("WindowActions", "Normal text size"), "Ctrl+0")
        self.shortcuts = action(QCoreApplication.translate("WindowActions", "Keyboard shortcuts"), std.HelpContents)
        self.symptoms = action(QCoreApplication.translate("WindowActions", "Symptom filter"), "Ctrl+1")
        self.dosing_tab = action(QCoreApplication.translate("WindowActions", "Dose calculator"), "Ctrl+2")
        self.remember_patient = action(
            QCoreApplication.translate("WindowActions", "Remember patient details on this computer"), checkable=True
        )
        self.next_pane = action(QCoreApplication.translate("WindowActions", "Next pane"), "F6")
        self.previous_pane = action(QCoreApplication.translate("WindowActions", "Previous pane"), "Shift+F6")
        self.quit = action(QCoreApplication.translate("WindowActions", "Quit"), std.Quit)
        self.themes = {
            theme: action(QCoreApplication.translate("WindowActions", str(label)), checkable=True)
            for theme, label in THEMES
        }

    def install(self, window: QMainWindow) -> None:
        """The navigation toolbar and the File, Edit, View, Go and Help menus."""
        bar = QToolBar(QCoreApplication.translate("WindowActions", "Navigation"))
        bar.setObjectName("navigation-toolbar")
        bar.setAccessibleName(QCoreApplication.translate("WindowActions", "Navigation toolbar"))
        window.addToolBar(bar)
        for item in (self.back, self.forward, self.home, None, self.bookmark, self.dose, self.find):
            bar.addAction(item) if item is not None else bar.addSeparator()
        window.addAction(self.search)
        menus = window.menuBar()
        layout: tuple[tuple[str, tuple[QAction | None, ...]], ...] = (
            (
                QCoreApplication.translate("WindowActions", "&File"),
                (
                    self.print,
                    self.preview,
                    self.pdf,
                    self.export_anki,
                    None,
                    self.update_content,
                    self.remember_patient,
                    None,
                    self.quit,
                ),
            ),
            (
                QCoreApplication.translate("WindowActions", "&Edit"),
                (self.find, self.find_next, self.find_previous, self.bookmark),
            ),
            (QCoreApplication.translate("WindowActions", "&View"), (self.zoom_in, self.zoom_out, self.zoom_reset)),
            (
                QCoreApplication.translate("WindowActions", "&Go"),
                (self.back, self.forward, self.home, self.search, self.symptoms, self.next_pane, self.previous_pane),
            ),
            (QCoreApplication.translate("WindowActions", "&Help"), (self.shortcuts, self.about)),
        )
        for number, (title, items) in enumerate(layout):
            menu = menus.addMenu(title)
            for item in items:
                menu.addAction(item) if item is not None else menu.addSeparator()
            if number == 2:  # View
                themes = menu.addMenu(QCoreApplication.translate("WindowActions", "Theme"))
                for theme_action in self.themes.values():
                    themes.addAction(theme_action)
            if number == 3:  # Go
                menu.addAction(self.dosing_tab)
                menu.addAction(self.dose)

    def mark_theme(self, theme: str) -> None:
        """Tick ``theme`` in View > Theme."""
        for name, theme_action in self.themes.items():
            theme_action.setChecked(name == theme)


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str]]:
    """(what, keys) for every action with a shortcut, and the side panel's own keys, sorted."""
    rows = {(QCoreApplication.translate("WindowActions", str(what)), keys) for what, keys in PANEL_KEYS}
    for item in window.findChildren(QAction):
        keys = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in item.shortcuts() if not s.isEmpty()]
        if keys and item.text():
            rows.add((item.text().replace("&", ""), " or ".join(keys)))
    return sorted(rows)


def shortcuts_dialog(window: QMainWindow) -> QMessageBox:
    """Help > Keyboard shortcuts: a table of every shortcut, opened without blocking."""
    from PySide6.QtWidgets import QMessageBox  # on demand: importing it builds its enums, start-up time

    table = "".join(f"<tr><td>{what}</td><td><b>{keys}</b></td></tr>" for what, keys in shortcut_rows(window))
    box = QMessageBox(window)
    box.setWindowTitle(QCoreApplication.translate("WindowActions", "Keyboard shortcuts"))
    box.setText(f"<table cellpadding='3'>{table}</table>")
    box.open()
    return box


def about_dialog(window: QMainWindow, manifest: Manifest, repo: ContentRepository) -> None:
    """Help > About: the version, the content and its sources, opened without blocking (the
    window keeps it as its child)."""
    from legpain_desktop import __version__
    from legpain_desktop.gui.about import AboutDialog

    AboutDialog(__version__, manifest, repo.metadata(), window, repo.path).open()
