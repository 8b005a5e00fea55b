"""The window kept on the screen, and its first paint announced (issue 15: from the main window)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMainWindow, QSplitter

if TYPE_CHECKING:
    from PySide6.QtCore import QByteArray

TITLE_BAR_ALLOWANCE = 40  # before the window is shown its frame is unknown: leave room for one
FRAME_ALLOWANCE = 16  # and for its side borders
SIDE_PANEL_MIN, SIDE_PANEL_MAX, SIDE_PANEL_SHARE = 240, 340, 26  # pixels, pixels, percent of the width
# Work queued for after the first paint still runs if no paint comes (a window started minimised).
FIRST_PAINT_FALLBACK_MS = 1000
# Work that can wait until the start page is on the screen (see FirstPaint.settled).
SETTLE_MS = 300


def restore_geometry(window: QMainWindow, saved: QByteArray) -> None:
    """The window's size and place as the last session left them (if any), kept on the screen."""
    if not saved.isEmpty():
        window.restoreGeometry(saved)
    fit_to_screen(window, None)  # the default size, or a layout from another screen


def fit_to_screen(window: QMainWindow, splitter: QSplitter | None) -> None:
    """Keep the whole window, title bar included, on the screen's available area (issue 17: at
    1366x768 the notes and status bar were off-screen; at scale 2 the title-bar buttons), and
    the side panel of ``splitter`` within its share of the width."""
    screen = window.screen()
    if screen is None:
        return
    avail = screen.availableGeometry()
    frame_w = max(window.frameGeometry().width() - window.width(), FRAME_ALLOWANCE)
    frame_h = max(window.frameGeometry().height() - window.height(), TITLE_BAR_ALLOWANCE)
    width = min(window.width(), avail.width() - frame_w)
    height = min(window.height(), avail.height() - frame_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(max(width, 200), max(height, 200))
    frame = window.frameGeometry()
    x = min(max(frame.x(), avail.x()), avail.right() - frame.width() + 1)
    y = min(max(frame.y(), avail.y()), avail.bottom() - frame.height() + 1)
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, avail.x()), max(y, avail.y()))
    if splitter is None:
        return
    side = max(SIDE_PANEL_MIN, min(SIDE_PANEL_MAX, window.width() * SIDE_PANEL_SHARE // 100))
    sizes = splitter.sizes()
    if len(sizes) == 2 and sizes[0] > side:
        splitter.setSizes([side, sum(sizes) - side])


class FirstPaint:
    """Work queued until the window has first been painted, so start-up shows content first."""

    def __init__(self, owner: QObject) -> None:
        self.owner = owner
        self.painted = False
        self.painted_at: float | None = None  # wall clock, for LEGPAIN_REPORT_START_UP
        self._queue: list[Callable[[], object]] = []

    def on_paint(self) -> None:
        """Call from the window's paintEvent."""
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, self.owner, self._done)

    def _done(self) -> None:
        import time

        self.painted_at = time.time()
        self._run()

    def after(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once the window has been painted for the first time (soon, if it has)."""
        self._queue.append(callback)
        QTimer.singleShot(0 if self.painted else FIRST_PAINT_FALLBACK_MS, self.owner, self._run)

    def settled(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` a moment after the first paint, once the start page drawn just after it
        is on the screen: for work the user need not wait for before reading."""
        self.after(lambda: QTimer.singleShot(SETTLE_MS, self.owner, callback))

    def _run(self) -> None:
        callbacks, self._queue = self._queue, []
        for callback in callbacks:
            callback()
