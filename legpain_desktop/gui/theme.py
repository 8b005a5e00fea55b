"""Light, dark and high-contrast themes for the widgets and, through the palette, for the
monograph pages.

Every colour the app draws itself (urgency words and tags, the red-flag banner and alert, the
warning bar, list selection, the leg map, highlighted rows, form errors, severity words) is a
named colour of :class:`UiColours`, one set per theme, so ``tests/gui/test_contrast.py`` can
prove every text pair at least 4.5:1 and every UI part at least 3:1 (WCAG 2.1, issue 17).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtGui import QGuiApplication

from legpain_desktop.core.render import DARK, LIGHT, Palette

if TYPE_CHECKING:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication


NATIVE_STYLE = "legpain_native_style"  # app property: the style in use before dark switched to Fusion

HIGH_CONTRAST = Palette(
    text="#ffffff",
    muted="#e0e0e0",
    link="#ffeb3b",
    danger_bg="#000000",
    danger_border="#ff6e6e",
    warning_bg="#000000",
    warning_border="#ffd54f",
    note_bg="#000000",
    note_border="#80d8ff",
    header_bg="#1a1a1a",
    highlight_bg="#ffeb3b",
    evidence_fg="#b9f6ca",
)


class UiColours(NamedTuple):
    """The colours the widgets draw themselves, for one theme (names say what sits on what)."""

    base: str  # the background of lists, fields and the page
    window: str  # the background of panels
    text: str
    emergency: str  # urgency word and tag colour; white text on it, and as text on base
    urgent: str
    routine: str
    tag_text: str  # text on an emergency/urgent/routine tag
    selection_bg: str  # a selected row in a list the app draws itself
    selection_text: str
    banner_bg: str  # the red-flag banner
    banner_text: str
    banner_border: str
    banner_link: str
    alert_bg: str  # the status-bar red-flag alert button
    alert_text: str
    notice_bg: str  # the warning bar (user data not saved)
    notice_text: str
    notice_border: str
    focus_ring: str  # the leg map's keyboard focus outline
    map_skin: str
    map_outline: str
    map_selected: str
    map_hover: str
    row_highlight_bg: str  # the kidney row that applies, in the dosing sheet
    row_highlight_text: str
    find_bg: str  # find-in-page hits
    find_text: str
    error_text: str  # form errors, on base
    error_border: str
    critical_text: str  # severity words on base
    major_text: str
    moderate_text: str
    check_border: str  # an unticked check box's outline, on base


LIGHT_UI = UiColours(
    base="#ffffff",
    window="#efefef",
    text="#1b1b1b",
    emergency="#b3261e",
    urgent="#8a5a00",
    routine="#2e5e2e",
    tag_text="#ffffff",
    selection_bg="#c9dcfb",
    selection_text="#0b1f44",
    banner_bg="#fdecea",
    banner_text="#3b0a08",
    banner_border="#b3261e",
    banner_link="#0b57d0",
    alert_bg="#b3261e",
    alert_text="#ffffff",
    notice_bg="#fff4ce",
    notice_text="#3d2800",
    notice_border="#8a5a00",
    focus_ring="#0b57d0",
    map_skin="#f3e3d3",
    map_outline="#6d4c41",
    map_selected="#c43e00",
    map_hover="#ffcc80",
    row_highlight_bg="#fff59d",
    row_highlight_text="#1b1b1b",
    find_bg="#fff59d",
    find_text="#000000",
    error_text="#b3261e",
    error_border="#b3261e",
    critical_text="#b3261e",
    major_text="#8a4a00",
    moderate_text="#5c4a00",
    check_border="#6b6b6b",
)
DARK_UI = UiColours(
    base="#17181a",
    window="#202124",
    text="#e8eaed",
    emergency="#ff8a80",
    urgent="#fdd663",
    routine="#a8dab5",
    tag_text="#17181a",
    selection_bg="#28456e",
    selection_text="#ffffff",
    banner_bg="#4a1c1a",
    banner_text="#fde7e5",
    banner_border="#f28b82",
    banner_link="#a8c7fa",
    alert_bg="#f28b82",
    alert_text="#17181a",
    notice_bg="#43360f",
    notice_text="#fef0c3",
    notice_border="#fdd663",
    focus_ring="#8ab4f8",
    map_skin="#4e3b2f",
    map_outline="#f0e0d0",
    map_selected="#ff8a65",
    map_hover="#ffcc80",
    row_highlight_bg="#5c4e00",
    row_highlight_text="#fff8e1",
    find_bg="#fdd663",
    find_text="#000000",
    error_text="#ff8a80",
    error_border="#ff8a80",
    critical_text="#ff8a80",
    major_text="#fdd663",
    moderate_text="#e6d28a",
    check_border="#9aa0a6",
)
HIGH_CONTRAST_UI = UiColours(
    base="#000000",
    window="#000000",
    text="#ffffff",
    emergency="#ff6e6e",
    urgent="#ffd54f",
    routine="#b9f6ca",
    tag_text="#000000",
    selection_bg="#0033cc",
    selection_text="#ffffff",
    banner_bg="#000000",
    banner_text="#ffffff",
    banner_border="#ff6e6e",
    banner_link="#ffeb3b",
    alert_bg="#ff6e6e",
    alert_text="#000000",
    notice_bg="#000000",
    notice_text="#ffffff",
    notice_border="#ffd54f",
    focus_ring="#00e5ff",
    map_skin="#000000",
    map_outline="#ffffff",
    map_selected="#ffeb3b",
    map_hover="#00e5ff",
    row_highlight_bg="#ffeb3b",
    row_highlight_text="#000000",
    find_bg="#00e5ff",
    find_text="#000000",
    error_text="#ff6e6e",
    error_border="#ff6e6e",
    critical_text="#ff6e6e",
    major_text="#ffd54f",
    moderate_text="#ffffff",
    check_border="#ffffff",
)
UI_BY_THEME = {"light": LIGHT_UI, "dark": DARK_UI, "high-contrast": HIGH_CONTRAST_UI}
PAGE_BY_THEME = {"light": LIGHT, "dark": DARK, "high-contrast": HIGH_CONTRAST}
_current = {"ui": LIGHT_UI}


def ui_colours() -> UiColours:
    """The colours of the theme in force now (light until a theme is applied)."""
    return _current["ui"]


def system_scheme() -> str:
    """``dark`` or ``light``: the colour scheme the operating system asks for now."""
    from PySide6.QtCore import Qt

    return "dark" if QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark else "light"


def resolve(theme: str, known_system_scheme: str = "") -> str:
    """``light`` or ``dark``; for ``system``, the scheme given if known, else asked of the system."""
    if theme == "system":
        return known_system_scheme or system_scheme()
    return theme if theme in UI_BY_THEME else "light"


def high_contrast_palette() -> QPalette:
    from PySide6.QtGui import QColor, QPalette

    p = dark_palette()
    black, white, yellow = QColor("#000000"), QColor("#ffffff"), QColor("#ffeb3b")
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        p.setColor(role, black)
    p.setColor(QPalette.ColorRole.AlternateBase, QColor("#1a1a1a"))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.ToolTipText,
        QPalette.ColorRole.BrightText,
    ):
        p.setColor(role, white)
    p.setColor(QPalette.ColorRole.ToolTipBase, black)
    p.setColor(QPalette.ColorRole.Highlight, yellow)
    p.setColor(QPalette.ColorRole.HighlightedText, black)
    p.setColor(QPalette.ColorRole.Link, yellow)
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#d0d0d0"))
    p.setColor(QPalette.ColorRole.Mid, white)
    p.setColor(QPalette.ColorRole.Midlight, QColor("#bdbdbd"))
    p.setColor(QPalette.ColorRole.Dark, white)
    p.setColor(QPalette.ColorRole.Shadow, white)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#bdbdbd"))
    return p


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
    p.setColor(QPalette.ColorRole.Mid, QColor("#9aa0a6"))  # outlines (check boxes, chips): 3:1 on base
    p.setColor(QPalette.ColorRole.Midlight, QColor("#5f6368"))
    p.setColor(QPalette.ColorRole.Dark, QColor("#9aa0a6"))
    p.setColor(QPalette.ColorRole.Shadow, QColor("#000000"))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#80868b"))
    return p


def apply_theme(app: QApplication, theme: str, starting: bool = False, known_system_scheme: str = "") -> Palette:
    """Apply ``theme`` (system, light, dark, high-contrast) to the app; returns the page palette
    to render with; :func:`ui_colours` then gives the widgets' own colours.

    Light keeps the platform's own style and palette. Dark and high contrast switch to Fusion, the one style that
    follows a custom palette on every platform. ``starting`` says nothing has been changed yet,
    so light needs no work at all (start-up then never touches the style from Python)."""
    resolved = resolve(theme, known_system_scheme)
    _current["ui"] = UI_BY_THEME[resolved]
    if resolved in ("dark", "high-contrast"):
        if app.property(NATIVE_STYLE) is None:
            app.setProperty(NATIVE_STYLE, app.style().name())
        app.setStyle("Fusion")
        app.setPalette(dark_palette() if resolved == "dark" else high_contrast_palette())
        return PAGE_BY_THEME[resolved]
    if not starting:
        native = app.property(NATIVE_STYLE)
        if isinstance(native, str) and app.style().name() != native:
            app.setStyle(native)  # back from dark: the platform's own style again
        app.setPalette(light_palette(app.style().standardPalette()))
    return LIGHT


def light_palette(standard: QPalette) -> QPalette:
    """The platform's palette with the two roles some platforms draw too faintly: the selection
    (Fusion's white on #308cc6 is 3.7:1) and outlines (Mid, 2:1 on white)."""
    from PySide6.QtGui import QColor, QPalette

    p = QPalette(standard)
    if _ratio(p.color(QPalette.ColorRole.HighlightedText), p.color(QPalette.ColorRole.Highlight)) < 4.5:
        p.setColor(QPalette.ColorRole.Highlight, QColor("#1a5fb4"))
        p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    if _ratio(p.color(QPalette.ColorRole.Mid), p.color(QPalette.ColorRole.Base)) < 3.0:
        p.setColor(QPalette.ColorRole.Mid, QColor("#767676"))
    return p


def _ratio(a: object, b: object) -> float:
    """WCAG 2.1 contrast ratio of two QColors."""

    def lum(c: object) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())  # type: ignore[attr-defined]

    la, lb = sorted((lum(a), lum(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def check_box_style(ui: UiColours | None = None) -> str:
    """A style sheet for a widget holding check boxes: an unticked box's outline in a colour that
    shows on the base (Fusion's own outline was 1.02:1 on the dark base: the boxes were invisible,
    issue 17). Empty in light, where the platform's own boxes are kept."""
    ui = ui or ui_colours()
    if ui is LIGHT_UI:
        return ""
    return (
        "QAbstractItemView::indicator:unchecked, QCheckBox::indicator:unchecked "
        f"{{ border: 1px solid {ui.check_border}; background: {ui.base}; width: 13px; height: 13px; }}"
        # Field outlines too: Fusion draws them from the window colour, invisible on black.
        f"QLineEdit, QPlainTextEdit, QComboBox, QSpinBox, QDoubleSpinBox {{ border: 1px solid {ui.check_border}; }}"
    )
