"""Contrast proved in every theme (issue 17): every text and UI colour pair the app draws, from
the Qt palette it applies, its own widget colours (``theme.UiColours``) and the page palette,
meets WCAG 2.1: 4.5:1 for text, 3:1 for UI parts (outlines, focus rings, bars, map regions).

Dark mode once drew the highlighted kidney row at 1.08:1, the selected differential row at 1.2:1
and unticked check boxes at 1.02:1; each of those pairs is named below.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from legpain_desktop.gui.theme import PAGE_BY_THEME, UI_BY_THEME, apply_theme

TEXT, UI = 4.5, 3.0


def luminance(colour: str | QColor) -> float:
    c = QColor(colour)

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def ratio(a: str | QColor, b: str | QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_the_ratio_is_wcags() -> None:
    assert ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert ratio("#ffffff", "#ffffff") == pytest.approx(1.0)


def pairs(theme: str, app: QApplication) -> list[tuple[str, str | QColor, str | QColor, float]]:
    ui = UI_BY_THEME[theme]
    page = PAGE_BY_THEME[theme]
    pal = app.palette()
    role = QPalette.ColorRole

    def q(r: QPalette.ColorRole) -> QColor:
        return pal.color(QPalette.ColorGroup.Active, r)

    page_bg = q(role.Base)
    out: list[tuple[str, str | QColor, str | QColor, float]] = [
        ("Qt text on base", q(role.Text), q(role.Base), TEXT),
        ("Qt window text", q(role.WindowText), q(role.Window), TEXT),
        ("Qt button text", q(role.ButtonText), q(role.Button), TEXT),
        ("Qt selected text", q(role.HighlightedText), q(role.Highlight), TEXT),
        ("Qt link", q(role.Link), q(role.Base), TEXT),
        ("Qt placeholder", q(role.PlaceholderText), q(role.Base), TEXT),
        ("Qt tooltip", q(role.ToolTipText), q(role.ToolTipBase), TEXT),
        ("chip outline (Mid) on base", q(role.Mid), q(role.Base), UI),
        ("chip text on AlternateBase", q(role.Text), q(role.AlternateBase), TEXT),
        ("theme text on base", ui.text, ui.base, TEXT),
        ("emergency word on base", ui.emergency, ui.base, TEXT),
        ("urgent word on base", ui.urgent, ui.base, TEXT),
        ("routine bar on base", ui.routine, ui.base, UI),
        ("tag text on emergency tag", ui.tag_text, ui.emergency, TEXT),
        ("tag text on urgent tag", ui.tag_text, ui.urgent, TEXT),
        ("selected differential row", ui.selection_text, ui.selection_bg, TEXT),
        ("urgent tag on the selected row", ui.urgent, ui.selection_bg, UI),
        ("emergency tag on the selected row", ui.emergency, ui.selection_bg, UI),
        ("banner text", ui.banner_text, ui.banner_bg, TEXT),
        ("banner link", ui.banner_link, ui.banner_bg, TEXT),
        ("banner border on its fill", ui.banner_border, ui.banner_bg, UI),
        ("banner border on the panel", ui.banner_border, ui.window, UI),
        ("status-bar red-flag alert", ui.alert_text, ui.alert_bg, TEXT),
        ("warning bar text", ui.notice_text, ui.notice_bg, TEXT),
        ("warning bar border", ui.notice_border, ui.notice_bg, UI),
        ("leg map outline on skin", ui.map_outline, ui.map_skin, UI),
        ("leg map selected region on skin", ui.map_selected, ui.map_skin, UI),
        ("leg map focus ring on skin", ui.focus_ring, ui.map_skin, UI),
        ("leg map focus ring on the panel", ui.focus_ring, ui.window, UI),
        ("highlighted kidney row", ui.row_highlight_text, ui.row_highlight_bg, TEXT),
        ("find-in-page hit", ui.find_text, ui.find_bg, TEXT),
        ("form error text", ui.error_text, ui.base, TEXT),
        ("form error border", ui.error_border, ui.base, UI),
        ("critical severity word", ui.critical_text, ui.base, TEXT),
        ("major severity word", ui.major_text, ui.base, TEXT),
        ("moderate severity word", ui.moderate_text, ui.base, TEXT),
        ("unticked check box outline", ui.check_border, ui.base, UI),
        ("page text", page.text, page_bg, TEXT),
        ("page muted text", page.muted, page_bg, TEXT),
        ("page link", page.link, page_bg, TEXT),
        ("page evidence label", page.evidence_fg, page_bg, TEXT),
        ("page text in a danger box", page.text, page.danger_bg, TEXT),
        ("page text in a warning box", page.text, page.warning_bg, TEXT),
        ("page text in a note box", page.text, page.note_bg, TEXT),
        ("page link in a note box", page.link, page.note_bg, TEXT),
        ("page table header", page.text, page.header_bg, TEXT),
        ("danger box edge", page.danger_border, page.danger_bg, UI),
        ("warning box edge", page.warning_border, page.warning_bg, UI),
        ("note box edge", page.note_border, page.note_bg, UI),
    ]
    if theme != "light":  # light keeps the platform's own highlighted-page colour for searches
        out.append(("page search highlight", page.text if theme == "dark" else "#000000", page.highlight_bg, TEXT))
    else:
        out.append(("page search highlight", page.text, page.highlight_bg, TEXT))
    return out


@pytest.fixture()
def app(qapp: QApplication):  # type: ignore[no-untyped-def]
    style, palette = qapp.style().name(), qapp.palette()
    yield qapp
    apply_theme(qapp, "light")
    qapp.setStyle(style)
    qapp.setPalette(palette)


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_every_pair_meets_wcag(app: QApplication, theme: str) -> None:
    apply_theme(app, theme)
    failures = [
        f"{name}: {ratio(fg, bg):.2f}:1 < {need}:1 ({QColor(fg).name()} on {QColor(bg).name()})"
        for name, fg, bg, need in pairs(theme, app)
        if ratio(fg, bg) < need
    ]
    assert not failures, "\n".join(failures)


def test_high_contrast_is_a_theme_the_user_can_choose(qtbot, shipped_window) -> None:  # type: ignore[no-untyped-def]
    from legpain_desktop.gui.theme import HIGH_CONTRAST, ui_colours

    win = shipped_window
    assert "high-contrast" in win.commands.themes
    try:
        win.commands.themes["high-contrast"].trigger()
        assert win.view.theme is HIGH_CONTRAST and ui_colours() is UI_BY_THEME["high-contrast"]
        assert win.settings.get(__import__("legpain_desktop.gui.settings", fromlist=["THEME"]).THEME) == "high-contrast"
    finally:
        win.appearance.set_theme("light")
    assert ui_colours() is UI_BY_THEME["light"]


def test_back_from_dark_every_field_is_light_again(qtbot, shipped_window) -> None:  # type: ignore[no-untyped-def]
    """Issue 17 item 15: fields stayed dark after switching the theme back."""
    from PySide6.QtWidgets import QLineEdit

    win = shipped_window
    win.show_symptoms()
    win.appearance.set_theme("dark")
    assert "indicator:unchecked" in win.styleSheet()
    win.appearance.set_theme("light")
    assert win.styleSheet() == ""
    for field in win.findChildren(QLineEdit):
        base = field.palette().color(QPalette.ColorRole.Base)
        assert base.lightness() > 200, field.accessibleName()
