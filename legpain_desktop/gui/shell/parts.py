"""The window's parts: the modules :meth:`MainWindow.build` loads once the window's shell has been
painted (the shell itself needs none of them, so the window is on the screen before they load)."""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget

from legpain_desktop.gui.accessibility import install as install_accessibility
from legpain_desktop.gui.browse.side_panel import SidePanel
from legpain_desktop.gui.browse.titles import Titles
from legpain_desktop.gui.dosing.home import DosingHome
from legpain_desktop.gui.leaflets.home import LeafletHome
from legpain_desktop.gui.library.user_library import UserLibrary
from legpain_desktop.gui.reading.controller import ReadingController
from legpain_desktop.gui.scores.home import ScoresHome
from legpain_desktop.gui.shell.actions import WindowActions, about_dialog, shortcuts_dialog
from legpain_desktop.gui.shell.appearance import Appearance
from legpain_desktop.gui.shell.focus import cycle_focus, first_field, focus_regions
from legpain_desktop.gui.shell.layout import Panes
from legpain_desktop.gui.shell.print_actions import PrintActions
from legpain_desktop.gui.shell.session import Session
from legpain_desktop.gui.shell.tabs import LAZY_TABS, TabRegistry
from legpain_desktop.gui.study.home import StudyHome, cards_from
from legpain_desktop.gui.symptoms.controller import SymptomsController
from legpain_desktop.gui.theme import check_box_style
from legpain_desktop.gui.updates.controller import ContentUpdates

__all__ = [
    "LAZY_TABS", "Appearance", "ContentUpdates", "DosingHome", "LeafletHome", "Panes", "PrintActions",
    "QStackedWidget", "ReadingController", "ScoresHome", "Session", "SidePanel", "StudyHome",
    "SymptomsController", "TabRegistry", "Titles", "UserLibrary", "WindowActions", "about_dialog",
    "cards_from", "check_box_style", "cycle_focus", "first_field", "focus_regions", "install_accessibility",
    "shortcuts_dialog",
]  # fmt: skip
