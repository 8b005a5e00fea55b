"""The monograph's links as a screen reader is given them (gui/accessibility.document_items), offscreen.

The AT-SPI test (tests/e2e) reads the same items through a real bus; this one pins the rules that
decide what is a link and what it is called, so a nameless or one-letter "link" fails here first.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QTextBrowser

from legpain_desktop.gui.accessibility import document_items


def _links(qtbot, html: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    browser.setHtml(html)
    items = document_items(browser, {"cause": "Cause", "drug": "Drug"})
    return [(i.name, i.description) for i in items if i.role == QAccessible.Role.Link]


def test_named_anchors_are_not_links(qtbot) -> None:  # type: ignore[no-untyped-def]
    html = (
        '<h2><a name="overview"></a><a name="x">O</a>verview</h2><p>See <a href="cause:cellulitis">cellulitis</a>.</p>'
    )
    assert _links(qtbot, html) == [("cellulitis", "opens the cause page")]


def test_a_link_drawn_in_several_pieces_is_one_link(qtbot) -> None:  # type: ignore[no-untyped-def]
    html = '<p><a href="drug:apixaban"><b>Apix</b>aban <i>tablets</i></a> then <a href="drug:warfarin">warfarin</a></p>'
    assert _links(qtbot, html) == [
        ("Apixaban tablets", "opens the drug page"),
        ("warfarin", "opens the drug page"),
    ]


def test_citation_markers_and_empty_links_get_spoken_names(qtbot) -> None:  # type: ignore[no-untyped-def]
    html = '<p>Fact.<a href="#ref-4">[4]</a> <a href="cause:baker-cyst"> </a></p>'
    names = [name for name, _ in _links(qtbot, html)]
    assert names[0] == "reference 4"
    assert all(n.strip() for n in names)
