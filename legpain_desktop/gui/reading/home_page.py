"""The home page shown at start-up and by Go > Home (issue 15: "a light home page (search, recent
and bookmarked monographs, the emergency algorithms)").

It is drawn just after the window's first paint, before any monograph: a page the user left open
is one click away ("Continue reading"), and the causes that must not be missed are on the first
screen. It is plain HTML in the page view (no notes pane, no flow diagram), so it costs a few
milliseconds where a monograph with its flow diagram cost tens.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication

from legpain_desktop.core.db.repository import UrgentCause
from legpain_desktop.core.model import DISCLAIMER

HOME_ID = "home"  # the page view's id for the home page (no monograph has it: ids are content ids)
RESUME_URL = "resume:page"  # the "Continue reading" link
SHOWN_AT_MOST = 8  # bookmarks and recent pages listed


class PageLink(NamedTuple):
    """A monograph to link to: its id, its kind (the link's scheme) and its title."""

    id: str
    kind: str
    title: str


class HomeContent(NamedTuple):
    """What the home page lists; the window gathers it from the content and the user's data."""

    content_version: str
    resume: PageLink | None  # the page the last session left open
    start_here: PageLink | None  # the initial assessment algorithm
    must_not_miss: Sequence[UrgentCause]
    algorithms: Sequence[PageLink]
    bookmarks: Sequence[PageLink]
    recent: Sequence[PageLink]


def _link(page: PageLink) -> str:
    return f'<a href="{page.kind}:{html.escape(page.id)}">{html.escape(page.title)}</a>'


def _list(pages: Sequence[PageLink]) -> str:
    return "<ul>" + "".join(f"<li>{_link(p)}</li>" for p in pages) + "</ul>"


def _words() -> dict[str, str]:
    """The page's words, translated (each a literal here, so pyside6-lupdate extracts it)."""
    tr = QCoreApplication.translate
    return {
        "title": tr("HomePage", "LegPain Desktop"),
        "about": tr(
            "HomePage",
            "An offline reference on pain at the back of the leg: causes, drugs, algorithms and patient leaflets.",
        ),
        "content": tr("HomePage", "Content {0}"),
        "keys": tr("HomePage", "Search: Ctrl+K · Symptom filter: Ctrl+1 · Dose calculator: Ctrl+2 · Home: Alt+Home"),
        "resume": tr("HomePage", "Continue reading:"),
        "new": tr("HomePage", "New patient? Start with"),
        "must": tr("HomePage", "Must not miss"),
        "emergency": tr("HomePage", "Emergency: act now"),
        "urgent": tr("HomePage", "Urgent: the same day"),
        "algorithms": tr("HomePage", "Algorithms"),
        "bookmarks": tr("HomePage", "Bookmarks"),
        "recent": tr("HomePage", "Recently read"),
    }


def home_html(content: HomeContent) -> str:
    """The home page's HTML (styled by the page view's stylesheet like any monograph)."""
    w = {key: html.escape(text) for key, text in _words().items()}
    version = html.escape(content.content_version)
    # What matters between patients first (at scale 2 on a small screen the first screen holds
    # only a few lines): the page to continue, then the causes that must not be missed.
    parts = [f"<h1>{w['title']}</h1>"]
    if content.resume is not None:
        parts.append(f'<p><b>{w["resume"]}</b> <a href="{RESUME_URL}">{html.escape(content.resume.title)}</a></p>')
    emergencies = [PageLink(c.id, "cause", c.title) for c in content.must_not_miss if c.urgency == "emergency"]
    urgent = [PageLink(c.id, "cause", c.title) for c in content.must_not_miss if c.urgency != "emergency"]
    if emergencies or urgent:
        parts.append(f"<h2>{w['must']}</h2>")
        if emergencies:
            parts.append(f"<p><b>{w['emergency']}</b></p>{_list(emergencies)}")
        if urgent:
            parts.append(f"<p><b>{w['urgent']}</b></p>{_list(urgent)}")
    if content.start_here is not None:
        parts.append(f"<p><b>{w['new']}</b> {_link(content.start_here)}</p>")
    lists = (
        ("algorithms", content.algorithms),
        ("bookmarks", content.bookmarks[:SHOWN_AT_MOST]),
        ("recent", content.recent[:SHOWN_AT_MOST]),
    )
    for key, pages in lists:
        if pages:
            parts.append(f"<h2>{w[key]}</h2>{_list(pages)}")
    parts.append(f'<p class="summary">{w["about"]}</p>')
    parts.append(f'<p class="meta">{w["content"].format(version)} · {w["keys"]}</p>')
    parts.append(f'<p class="meta"><i>{html.escape(DISCLAIMER)}</i></p>')
    return "".join(parts)
