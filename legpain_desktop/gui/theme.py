"""Light and dark themes for the widgets and, through the palette, for the monograph pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication

from legpain_desktop.core.render import DARK, LIGHT, Palette

if TYPE_CHECKING:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication


NATIVE_STYLE = "legpain_native_style"  # app property: the style in use before dark switched to Fusion


def system_scheme() -> str:
    """``dark`` or ``light``: the colour scheme the operating system asks for now."""
    from PySide6.QtCore import Qt

    return "dark" if QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark else "light"


def resolve(theme: str, known_system_scheme: str = "") -> str:
    """``light`` or ``dark``; for ``system``, the scheme given if known, else asked of the system."""
    if theme == "system":
        return known_system_scheme or system_scheme()
    return theme


def dark_palette() -> QPalette:
    from PySide6.QtGui import QColor, QPalette

    p = QPalette()
    window, base, text = QColor("#202124"), QColor("#17181a"), QColor("#e8eaed")
    p.setColor(QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, QColor("#2a2b2e"))
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.Button, QColor("#2d2e31"))
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.Highlight, QColor("#8ab4f8"))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#202124"))
    p.setColor(QPalette.ColorRole.Link, QColor("#8ab4f8"))
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor("#2d2e31"))
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#9aa0a6"))
    p.setColor(QPalette.ColorRole.Mid, QColor("#5f6368"))
    p.setColor(QPalette.ColorRole.Midlight, QColor("#3c4043"))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#80868b"))
    return p


def apply_theme(app: QApplication, theme: str, starting: bool = False, known_system_scheme: str = "") -> Palette:
    """Apply ``theme`` (system, light, dark) to the app; returns the page palette to render with.

    Light keeps the platform's own style and palette. Dark switches to Fusion, the one style that
    follows a custom palette on every platform. ``starting`` says nothing has been changed yet,
    so light needs no work at all (start-up then never touches the style from Python)."""
    resolved = resolve(theme, known_system_scheme)
    if resolved == "dark":
        if app.property(NATIVE_STYLE) is None:
            app.setProperty(NATIVE_STYLE, app.style().name())
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
        return DARK
    if not starting:
        native = app.property(NATIVE_STYLE)
        if isinstance(native, str) and app.style().name() != native:
            app.setStyle(native)  # back from dark: the platform's own style again
        app.setPalette(app.style().standardPalette())
    return LIGHT
