"""The Study tab's home in the window (issue 19): the queue of today's cards, built on first use.

One core operation per action: the queue and each rating go through
:class:`legpain_desktop.core.study.schedule.StudySchedule`, which writes the rating and the new
schedule to the user data in one transaction. Cards come from the content database.

Signals of ``StudyHome``:
    message(str): a line for the status bar.
    monograph_requested(str): open this monograph (the card's source).
    score_requested(str): open this bedside score (the source of a score card).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal

from legpain_desktop.gui import settings as keys

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from legpain_desktop.core.db.repository import ContentRepository
    from legpain_desktop.core.db.userdata import UserData
    from legpain_desktop.core.study.schedule import StudySchedule
    from legpain_desktop.gui.settings import Settings
    from legpain_desktop.gui.study.panel import StudyPanel


# A card's section and the heading it opens at on its page (the headings' anchors).
SECTION_ANCHORS = {
    "urgency and referral": "when-to-refer",
    "red flags": "red-flags",
    "findings": "typical-presentation",
    "steps": "steps",
    "kidney dosing": "renal-impairment",
    "dose": "adult-dosing",
}


class StudyCard(Protocol):
    """What the tab needs of a card (core/study/cards.Card has it)."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def front(self) -> str: ...
    @property
    def back(self) -> str: ...
    @property
    def monograph(self) -> str: ...
    @property
    def section(self) -> str: ...
    @property
    def region(self) -> str: ...


def cards_from(repo: ContentRepository) -> Callable[[], Sequence[StudyCard]]:
    """The cards the content build stored in ``repo``, read when the Study tab is first shown."""
    return repo.cards


class StudyHome(QObject):
    message = Signal(str)
    monograph_requested = Signal(str)
    score_requested = Signal(str)

    def __init__(
        self,
        cards: Callable[[], Sequence[StudyCard]],
        user_data: UserData,
        settings: Settings,
        titles: Callable[[], dict[str, tuple[str, str]]],
        place_panel: Callable[[QWidget], None],
        parent: QObject | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    ) -> None:
        super().__init__(parent)
        self._load_cards = cards
        self.user_data = user_data
        self.settings = settings
        self._titles = titles
        self._place_panel = place_panel
        self._now = now
        self._panel: StudyPanel | None = None
        self._schedule: StudySchedule | None = None
        self.cards: dict[str, StudyCard] = {}
        self.queue: list[str] = []
        self.current: StudyCard | None = None

    @property
    def built(self) -> bool:
        return self._panel is not None

    @property
    def panel(self) -> StudyPanel:
        """The Study tab, built when first shown (with the cards and the schedule)."""
        if self._panel is None:
            from legpain_desktop.core.study.schedule import StudySchedule
            from legpain_desktop.gui.study.panel import StudyPanel

            cards = list(self._load_cards())
            self.cards = {c.id: c for c in cards}
            regions = sorted({c.region for c in cards if c.region})
            kinds = [(k, k.replace("-", " ")) for k in sorted({c.kind for c in cards})]
            self._schedule = StudySchedule(self.user_data, [c.id for c in cards], {c.id: c.region for c in cards})
            from PySide6.QtWidgets import QScrollArea

            panel = StudyPanel(regions, kinds, self.settings.get(keys.STUDY_NEW_PER_DAY))
            self._panel = panel
            # on a short screen or at a large scale the tab scrolls instead of squeezing its rows
            self.container = QScrollArea()
            self.container.setWidgetResizable(True)
            self.container.setWidget(panel)
            self.container.setAccessibleName(self.tr("Study"))
            self._place_panel(self.container)
            panel.filters_changed.connect(self.refresh)
            panel.reveal_requested.connect(self.reveal)
            panel.rated.connect(self.rate)
            panel.source_requested.connect(self.open_source)
            self.refresh()
        return self._panel

    @property
    def schedule(self) -> StudySchedule:
        self.panel  # noqa: B018 - the schedule is built with the panel
        assert self._schedule is not None
        return self._schedule

    def _chosen(self) -> list[str]:
        panel = self.panel
        region, kind = panel.region.currentData(), panel.kind.currentData()
        marked = {b.monograph_id for b in self.user_data.bookmarks()} if panel.bookmarked.isChecked() else None
        return [
            c.id
            for c in self.cards.values()
            if (not region or c.region == region)
            and (not kind or c.kind == kind)
            and (marked is None or c.monograph in marked)
        ]

    def refresh(self) -> None:
        """Rebuild the queue after a filter or the daily limit changed, and show its first card."""
        panel = self.panel
        per_day = panel.new_per_day.value()
        self.settings.set(keys.STUDY_NEW_PER_DAY, per_day)
        self.queue = self.schedule.queue(self._now(), per_day, only=self._chosen())
        self._next()

    def _next(self) -> None:
        panel = self.panel
        self._show_progress()
        if not self.queue:
            self.current = None
            panel.show_done(
                self.tr("Nothing more to study now. Come back when cards are due, or allow more new cards.")
            )
            return
        self.current = self.cards[self.queue[0]]
        title = self._titles().get(self.current.monograph, ("", self.current.section))[1]
        panel.show_card(self.current.front, title, len(self.queue))

    def reveal(self) -> None:
        if self.current is not None:
            self.panel.show_answer(self.current.back, {})

    def rate(self, rating: int) -> None:
        """Record the rating (saved at once) and go on to the next card."""
        if self.current is None:
            return
        due = self.schedule.rate(self.current.id, rating, self._now())
        self.queue.pop(0)
        if due <= self._now():
            self.queue.append(self.current.id)  # due again within this session
        self.message.emit(self.tr("Saved. Next review: {0}").format(due.astimezone().strftime("%Y-%m-%d %H:%M")))
        self._next()

    def ask_export_anki(self) -> None:
        """File > Export cards for Anki…: every card, to an .apkg the user names."""
        from PySide6.QtWidgets import QFileDialog

        parent = self._panel.window() if self._panel is not None else None
        path, _filter = QFileDialog.getSaveFileName(
            parent, self.tr("Export cards for Anki"), "legpain-cards.apkg", self.tr("Anki package (*.apkg)")
        )
        if path:
            self.export_anki(Path(path))

    def export_anki(self, path: Path) -> int | None:
        """Write every card to ``path``; returns how many, or None (and says why) when it failed."""
        try:
            from legpain_desktop.core.study.anki import export_anki
        except ImportError as exc:
            self.message.emit(
                self.tr("The Anki export is not available in this installation ({0} is missing).").format(exc.name)
            )
            return None
        cards = list(self._load_cards()) if not self.cards else list(self.cards.values())
        titles = {mid: title for mid, (_kind, title) in self._titles().items()}
        try:
            count = export_anki(cards, path, titles)  # type: ignore[arg-type]
        except OSError as exc:
            self.message.emit(self.tr("Could not write {0}: {1}").format(path, exc.strerror or exc))
            return None
        self.message.emit(self.tr("Exported {0} cards to {1}").format(count, path))
        return count

    def open_source(self) -> None:
        if self.current is not None and self.current.monograph:
            anchor = SECTION_ANCHORS.get(self.current.section, "")
            self.monograph_requested.emit(self.current.monograph + (f"#{anchor}" if anchor else ""))
        elif self.current is not None:
            self.score_requested.emit(self.current.section)  # a score card: its section is the score

    def _show_progress(self) -> None:
        got = self.schedule.progress(self._now())
        retention = self.tr("no ratings yet") if got.retention is None else f"{round(got.retention * 100)}%"
        text = self.tr("Learned {0} of {1} cards; studied {2}; new today {3}; retention (30 days) {4}.").format(
            got.learned, got.total, got.studied, got.new_today, retention
        )
        self.panel.show_progress(text, got.weak_regions)
