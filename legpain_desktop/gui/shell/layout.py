"""The window's panes: the side panel, then (on first use) the differential pane, then the main
stack (the page or the dosing sheet), under a warning bar built with the first warning."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from legpain_desktop.gui.shell.notice_bar import NoticeBar
from legpain_desktop.gui.symptoms.red_flag_indicator import RedFlagIndicator

SIDE_WIDTH, MAIN_WIDTH = 340, 1140  # first sizes, in pixels; fit_to_screen narrows the side panel
PANE_WIDTH, MAIN_MIN = 420, 320  # the differential pane's width, and the least the page keeps


class Panes:
    def __init__(self, window: QMainWindow, side: QWidget, main: QWidget) -> None:
        # Splitters built before the first paint are horizontal, the default: naming an
        # orientation would build PySide6's Qt enum namespace (see browse.models.USER_ROLE).
        self.splitter = QSplitter()
        self.splitter.addWidget(side)
        self.splitter.addWidget(main)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([SIDE_WIDTH, MAIN_WIDTH])
        central = QWidget()
        self._layout = QVBoxLayout(central)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._layout.addWidget(self.splitter)
        window.setCentralWidget(central)
        self._notice_bar: NoticeBar | None = None

    def place_pane(self, pane: QWidget) -> None:
        """The differential pane goes between the side panel and the page."""
        sizes = self.splitter.sizes()
        self.splitter.insertWidget(1, pane)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([sizes[0], PANE_WIDTH, max(sum(sizes) - sizes[0] - PANE_WIDTH, MAIN_MIN)])

    def install_status(self, window: QMainWindow, version: str) -> tuple[RedFlagIndicator, QLabel]:
        """The status bar's lasting parts: the red-flag indicator and the content version."""
        indicator = RedFlagIndicator()
        label = QLabel(QCoreApplication.translate("Panes", "Content {0}").format(version))
        window.statusBar().addPermanentWidget(indicator)
        window.statusBar().addPermanentWidget(label)
        return indicator, label

    @property
    def has_notice_bar(self) -> bool:
        return self._notice_bar is not None

    @property
    def notice_bar(self) -> NoticeBar:
        """The dismissable warning bar above the panels, built with the first warning."""
        if self._notice_bar is None:
            self._notice_bar = NoticeBar()
            self._layout.insertWidget(0, self._notice_bar)
        return self._notice_bar
