"""The home page (issue 15 item 7): shown at start-up and by Go > Home; what it lists and where
its links go."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from legpain_desktop.core.db.repository import UrgentCause
from legpain_desktop.gui.main_window import MainWindow
from legpain_desktop.gui.reading.home_page import HOME_ID, RESUME_URL, HomeContent, PageLink, home_html
from tests.conftest import SHIPPED_CONTENT


def _front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])  # type: ignore[no-any-return]


def test_every_emergency_and_urgent_cause_of_the_content_is_listed_most_urgent_first(
    shipped_window: MainWindow,
) -> None:
    """Read from the sources, not from the database the page is built from."""
    graded = {}
    for path in (SHIPPED_CONTENT / "causes").glob("*.md"):
        meta = _front_matter(path)
        if meta["urgency"] in ("emergency", "urgent"):
            graded[meta["id"]] = meta["urgency"]
    assert "cauda-equina-syndrome" in graded and "deep-vein-thrombosis" in graded  # the sources as known
    causes = shipped_window.repo.urgent_causes()
    assert {c.id: c.urgency for c in causes} == graded
    urgencies = [c.urgency for c in causes]
    assert urgencies == sorted(urgencies, key=("emergency", "urgent").index)


def test_the_home_page_links_each_cause_under_its_urgency(shipped_window: MainWindow) -> None:
    shipped_window.session.show_home()
    page = shipped_window.view.toHtml()
    emergency, urgent = page.split("Urgent: the same day")
    assert 'href="cause:cauda-equina-syndrome"' in emergency and 'href="cause:acute-limb-ischemia"' in emergency
    assert 'href="cause:deep-vein-thrombosis"' in urgent and "cauda-equina" not in urgent
    assert 'href="algorithm:initial-assessment"' in page  # "New patient? Start with"
    assert "supports, and does not replace, clinical judgement" in shipped_window.view.toPlainText()


def test_a_link_on_the_home_page_opens_its_monograph(qtbot: QtBot, shipped_window: MainWindow) -> None:
    shipped_window.session.show_home()
    with qtbot.waitSignal(shipped_window.reading.page_shown):
        shipped_window.view.anchorClicked.emit(QUrl("cause:cauda-equina-syndrome"))
    assert shipped_window.reading.current is not None
    assert shipped_window.reading.current.id == "cauda-equina-syndrome"
    assert shipped_window.commands.bookmark.isEnabled()


def test_home_from_a_page_offers_that_page_to_continue(qtbot: QtBot, shipped_window: MainWindow) -> None:
    shipped_window.open_monograph("gout")
    shipped_window.open_monograph("ibuprofen")
    shipped_window.view.verticalScrollBar().setValue(120)
    scroll = shipped_window.view.verticalScrollBar().value()
    shipped_window.commands.home.trigger()
    assert shipped_window.view.current_id == HOME_ID and shipped_window.reading.current is None
    assert shipped_window.windowTitle() == "LegPain Desktop"
    assert not shipped_window.commands.bookmark.isEnabled() and not shipped_window.commands.dose.isEnabled()
    assert not shipped_window.side_panel.tree.selectionModel().hasSelection()  # Ibuprofen no longer marked
    assert shipped_window.statusBar().currentMessage() == ""  # nor named below
    text = shipped_window.view.toPlainText()
    assert "Continue reading: Ibuprofen" in text
    recent = text.split("Recently read", 1)[1]
    assert recent.index("Ibuprofen") < recent.index("Gout")  # the latest first
    shipped_window.view.anchorClicked.emit(QUrl(RESUME_URL))
    assert shipped_window.reading.current is not None and shipped_window.reading.current.id == "ibuprofen"
    assert shipped_window.view.verticalScrollBar().value() == scroll


def test_bookmarks_are_listed_and_a_page_missing_from_this_content_is_left_out(shipped_window: MainWindow) -> None:
    shipped_window.user_data.toggle_bookmark("bakers-cyst", "Baker's cyst")
    shipped_window.user_data.toggle_bookmark("no-such-page", "Gone")
    shipped_window.session.show_home()
    bookmarks = shipped_window.view.toPlainText().split("Bookmarks", 1)[1]
    assert "Baker" in bookmarks and "Gone" not in bookmarks


def test_home_is_in_the_go_menu_and_the_toolbar_with_its_key(shipped_window: MainWindow) -> None:
    home = shipped_window.commands.home
    assert [s.toString() for s in home.shortcuts()] == ["Alt+Home"]
    go = next(a.menu() for a in shipped_window.menuBar().actions() if a.text() == "&Go")
    assert home in go.actions()


def test_the_home_page_is_redrawn_in_a_new_theme(qtbot: QtBot, shipped_window: MainWindow) -> None:
    shipped_window.session.show_home()
    light = shipped_window.view.document().defaultStyleSheet()
    try:
        shipped_window.appearance.set_theme("dark")
        assert shipped_window.view.current_id == HOME_ID
        assert shipped_window.view.document().defaultStyleSheet() != light
    finally:
        shipped_window.appearance.set_theme("light")


def test_titles_are_escaped_and_lists_are_capped() -> None:
    many = [PageLink(f"p{i}", "topic", f"Page {i}") for i in range(20)]
    page = home_html(
        HomeContent(
            content_version="2026.12",
            resume=PageLink("x", "cause", "<b>Bold</b> & co"),
            start_here=None,
            must_not_miss=[UrgentCause("a", "A & B", "emergency")],
            algorithms=[],
            bookmarks=many,
            recent=[],
        )
    )
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in page and "<b>Bold</b>" not in page
    assert "A &amp; B" in page
    assert len(re.findall(r'href="topic:p\d+"', page)) == 8
    assert "Urgent: the same day" not in page  # no empty heading
    assert "Algorithms" not in page and "Recently read" not in page
