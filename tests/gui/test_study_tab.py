"""The Study tab built alone (issue 19, item 3): a review session from the keyboard only, the
schedule kept across a restart, filters, and the link to the card's source."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from legpain_desktop.core.db.userdata import UserData
from legpain_desktop.gui import settings as keys
from legpain_desktop.gui.settings import Settings
from legpain_desktop.gui.study.home import StudyHome


@dataclass(frozen=True)
class Card:
    id: str
    kind: str
    front: str
    back: str
    monograph: str
    section: str
    region: str


DVT = "deep-vein-thrombosis"
CARDS = [
    Card("urgency:dvt", "urgency", "How urgent is a suspected DVT?", "Same day", DVT, "urgency and referral", "calf"),
    Card("urgency:gout", "urgency", "How urgent is gout?", "Routine", "gout", "urgency", "knee"),
    Card("red-flag:dvt", "red-flag", "Which DVT finding needs action?", "A swollen calf", DVT, "red flags", "calf"),
]
NOW = datetime(2026, 12, 5, 9, 0, tzinfo=timezone.utc)


def home_for(qtbot: QtBot, tmp_path: Path, user_data: UserData, now: datetime = NOW) -> StudyHome:
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    placed: list[QWidget] = []
    titles = {"deep-vein-thrombosis": ("cause", "Deep vein thrombosis"), "gout": ("cause", "Gout")}
    home = StudyHome(lambda: CARDS, user_data, settings, lambda: titles, placed.append, now=lambda: now)
    panel = home.panel
    assert len(placed) == 1 and placed[0] is home.container and home.container.widget() is panel
    qtbot.addWidget(home.container)
    home.container.show()
    return home


def test_a_session_runs_from_the_keyboard_alone(qtbot: QtBot, tmp_path: Path) -> None:
    user_data = UserData(None)
    home = home_for(qtbot, tmp_path, user_data)
    panel = home.panel
    assert panel.front.text() == "How urgent is a suspected DVT?" and not panel.back.isVisible()
    qtbot.keyClick(panel.front, Qt.Key.Key_3)  # a rating before the answer shows does nothing
    assert user_data.study_reviews() == []
    qtbot.keyClick(panel.front, Qt.Key.Key_Space)
    assert panel.back.isVisible() and panel.back.text() == "Same day"
    assert panel.focusWidget() is panel.back  # focus follows the answer, so a screen reader reads it
    assert panel.back.focusPolicy() == Qt.FocusPolicy.StrongFocus
    qtbot.keyClick(panel.back, Qt.Key.Key_3)  # rating from where the focus now is
    assert [(r.card_id, r.rating) for r in user_data.study_reviews()] == [("urgency:dvt", 3)]
    assert panel.front.text() == "How urgent is gout?" and not panel.back.isVisible()
    qtbot.keyClick(panel.front, Qt.Key.Key_Space)
    qtbot.keyClick(panel.front, Qt.Key.Key_1)  # Again
    qtbot.keyClick(panel.front, Qt.Key.Key_Space)
    qtbot.keyClick(panel.front, Qt.Key.Key_4)  # Easy
    assert [r.rating for r in user_data.study_reviews()] == [3, 1, 4]
    assert "Learned 1 of 3 cards; studied 3" in panel.progress.text()
    assert panel.chart.rows == [("knee", 1.0)]


def test_the_schedule_survives_a_restart(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    first = home_for(qtbot, tmp_path, UserData(path))
    first.reveal()
    first.rate(3)
    first.user_data.close()
    again = home_for(qtbot, tmp_path, UserData(path), NOW + timedelta(seconds=5))
    assert again.current is not None and again.current.id == "urgency:gout"  # the rated card is not due yet
    later = home_for(qtbot, tmp_path, UserData(path), NOW + timedelta(days=2))
    assert later.queue[0] == "urgency:dvt"  # due cards come first


def test_filters_and_the_daily_limit_choose_the_cards(qtbot: QtBot, tmp_path: Path) -> None:
    user_data = UserData(None)
    home = home_for(qtbot, tmp_path, user_data)
    panel = home.panel
    panel.region.setCurrentIndex(panel.region.findData("knee"))
    assert home.queue == ["urgency:gout"]
    panel.region.setCurrentIndex(0)
    panel.kind.setCurrentIndex(panel.kind.findData("red-flag"))
    assert home.queue == ["red-flag:dvt"]
    panel.kind.setCurrentIndex(0)
    panel.bookmarked.setChecked(True)
    assert home.queue == [] and "Nothing more to study now" in panel.counts.text()
    user_data.toggle_bookmark("gout", "Gout")
    home.refresh()
    assert home.queue == ["urgency:gout"]
    panel.bookmarked.setChecked(False)
    panel.new_per_day.setValue(1)
    assert home.queue == ["urgency:dvt"] and home.settings.get(keys.STUDY_NEW_PER_DAY) == 1


def test_the_source_link_opens_the_cards_monograph(qtbot: QtBot, tmp_path: Path) -> None:
    home = home_for(qtbot, tmp_path, UserData(None))
    with qtbot.waitSignal(home.monograph_requested) as signal:
        home.panel.source.click()
    assert signal.args == ["deep-vein-thrombosis#when-to-refer"]  # the card's section: urgency
    assert home.panel.source.toolTip() == "Open Deep vein thrombosis"


def test_the_study_tab_in_the_window_opens_a_cards_source(shipped_window: object) -> None:
    from legpain_desktop.gui.main_window import MainWindow

    window = shipped_window
    assert isinstance(window, MainWindow)
    assert window.tabs.index_of("study") > 0 and not window.study.built
    window.side_panel.show_tabs()
    window.side_panel.tabs.setCurrentIndex(window.tabs.index_of("study"))
    assert window.study.built and len(window.study.cards) >= 300
    assert window.tabs.widget("study") is window.study.container
    card = window.study.current
    assert card is not None and card.monograph
    window.study.open_source()
    assert window.reading.current is not None and window.reading.current.id == card.monograph
    assert window.view.verticalScrollBar().value() > 0  # opened at the card's section, not the top


def test_file_menu_exports_the_cards_for_anki(shipped_window: object, tmp_path: Path) -> None:
    import zipfile

    from legpain_desktop.gui.main_window import MainWindow

    window = shipped_window
    assert isinstance(window, MainWindow)
    file_menu = window.menuBar().actions()[0].menu()
    assert window.commands.export_anki in file_menu.actions()
    messages: list[str] = []
    window.study.message.connect(messages.append)
    count = window.study.export_anki(tmp_path / "cards.apkg")
    assert count is not None and count >= 300
    assert "collection.anki2" in zipfile.ZipFile(tmp_path / "cards.apkg").namelist()
    assert messages[-1] == f"Exported {count} cards to {tmp_path / 'cards.apkg'}"
    assert window.study.export_anki(tmp_path / "missing" / "cards.apkg") is None
    assert messages[-1].startswith("Could not write ")
