"""The symptom filter's controller: it owns the ticked and absent findings and the one
differential computed from them (issue 15).

Each change computes the differential once and announces it with :attr:`differential_changed`;
the findings panel, the differential pane, the red-flag indicator and the open cause page all show
that one result. The panels are built on first use and handed to the window to place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from legpain_desktop.core.db.repository import ContentRepository, MonographRecord
    from legpain_desktop.core.differential import Differential, DifferentialEngine
    from legpain_desktop.core.legmap import LegMap
    from legpain_desktop.core.render import Palette
    from legpain_desktop.gui.symptoms.differential_pane import DifferentialPane
    from legpain_desktop.gui.symptoms.findings_panel import FindingsPanel


class SymptomsController(QObject):
    """Signals:
    differential_changed(Differential): after every change of the findings, the new result.
    monograph_requested(str), score_requested(str): asked for from the differential pane.
    """

    differential_changed = Signal(object)
    monograph_requested = Signal(str)
    score_requested = Signal(str)

    def __init__(
        self,
        repo: ContentRepository,
        engine: Callable[[], DifferentialEngine],
        leg_map: Callable[[], LegMap],
        cause_titles: Callable[[], dict[str, str]],
        place_panel: Callable[[QWidget], None],
        place_pane: Callable[[QWidget], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.repo = repo
        self._make_engine = engine
        self._make_leg_map = leg_map
        self._cause_titles = cause_titles
        self._place_panel = place_panel
        self._place_pane = place_pane
        self.selection: list[str] = []
        self.absent: list[str] = []  # findings checked and found absent
        self._engine: DifferentialEngine | None = None
        self._labels: dict[str, str] | None = None
        self._result: Differential | None = None
        self._panel: FindingsPanel | None = None
        self._pane: DifferentialPane | None = None

    # ------------------------------------------------------------------ built on first use

    @property
    def engine(self) -> DifferentialEngine:
        if self._engine is None:
            self._engine = self._make_engine()
        return self._engine

    @property
    def finding_labels(self) -> dict[str, str]:
        if self._labels is None:
            self._labels = {fid: label for _f, _l, items in self.repo.facets() for fid, label in items}
        return self._labels

    @property
    def differential(self) -> Differential:
        """The result for the current findings (computed on first use, then once per change)."""
        if self._result is None:
            self._result = self.engine.compute(self.selection, self.absent)
        return self._result

    @property
    def built(self) -> list[str]:
        """Which parts exist yet (start-up tests read it)."""
        parts = {"engine": self._engine, "findings_panel": self._panel, "differential_pane": self._pane}
        return [name for name, part in parts.items() if part is not None]

    @property
    def findings_panel(self) -> FindingsPanel:
        if self._panel is None:
            from legpain_desktop.gui.symptoms.findings_panel import FindingsPanel

            panel = FindingsPanel(self.repo.facets())
            self._panel = panel
            self._place_panel(panel)
            panel.finding_toggled.connect(self.set_finding)
            panel.finding_absent.connect(self.set_absent)
            panel.clear_requested.connect(self.clear)
            result = self.differential
            panel.set_state(result.selected, result.facet_counts, result.absent)
        return self._panel

    @property
    def differential_pane(self) -> DifferentialPane:
        if self._pane is None:
            from legpain_desktop.gui.symptoms.differential_pane import DifferentialPane

            pane = DifferentialPane(self._make_leg_map(), self.finding_labels, self._cause_titles())
            pane.setVisible(False)
            self._pane = pane
            self._place_pane(pane)
            pane.finding_toggled.connect(self.set_finding)
            pane.finding_absent.connect(self.set_absent)
            pane.monograph_requested.connect(self.monograph_requested)
            pane.score_requested.connect(self.score_requested)
        return self._pane

    def show_panes(self, showing: bool) -> None:
        """The symptom tab was shown (True) or left: the differential pane follows it."""
        if showing:
            self.findings_panel  # noqa: B018 - builds the panel on first show
        if showing or self._pane is not None:
            self.differential_pane.setVisible(showing)
        if showing:
            self.refresh()

    def restyle(self) -> None:
        if self._pane is not None:
            self._pane.restyle()

    # ------------------------------------------------------------------ the findings

    def set_finding(self, finding_id: str, selected: bool) -> None:
        if selected and finding_id not in self.selection:
            self.selection.append(finding_id)
            if finding_id in self.absent:
                self.absent.remove(finding_id)
        elif not selected and finding_id in self.selection:
            self.selection.remove(finding_id)
        else:
            return
        self.recompute()

    def set_absent(self, finding_id: str, absent: bool) -> None:
        """Mark a finding as checked and absent (it lowers the causes that expect it), or unmark it."""
        if absent and finding_id not in self.absent:
            self.absent.append(finding_id)
            if finding_id in self.selection:
                self.selection.remove(finding_id)
        elif not absent and finding_id in self.absent:
            self.absent.remove(finding_id)
        else:
            return
        self.recompute()

    def set_selection(self, findings: list[str], absent: list[str] | None = None) -> None:
        known = self.engine.finding_ids
        self.selection = [f for f in dict.fromkeys(findings) if f in known]
        chosen = set(self.selection)
        self.absent = [f for f in dict.fromkeys(absent or []) if f in known and f not in chosen]
        self.recompute()

    def restore(self, selection: tuple[str, ...], absent: tuple[str, ...]) -> None:
        """A saved session's findings, checked against the vocabulary (the engine is built on first
        use); nothing is computed until :meth:`recompute`."""
        self.selection = [f for f in selection if f in self.finding_labels]
        self.absent = [f for f in absent if f in self.finding_labels]
        self._result = None

    def clear(self) -> None:
        self.selection = []
        self.absent = []
        self.recompute()

    def recompute(self) -> None:
        """Compute the differential once for the current findings, show it, and announce it."""
        self._result = self.engine.compute(self.selection, self.absent)
        self.refresh()
        self.differential_changed.emit(self._result)

    def refresh(self) -> None:
        """Show the current result in the panels that exist (no new computation)."""
        result = self.differential
        if self._panel is not None:
            self._panel.set_state(result.selected, result.facet_counts, result.absent)
        # isHidden, not isVisible: before the window is first shown nothing is "visible", and a
        # restored session then left the banner and the list empty.
        if self._pane is not None and not self._pane.isHidden():
            self._pane.show_differential(result, self.engine.ask_next(result))

    def matched_labels(self, cause_id: str) -> list[str]:
        """The ticked findings a cause explains, as the user read them (for its page's highlight)."""
        if not self.selection:
            return []
        cause = next((c for c in self.differential.causes if c.id == cause_id), None)
        return [self.finding_labels.get(f, f) for f in cause.matched] if cause is not None else []

    def decorate(self, record: MonographRecord, body: str, theme: Palette) -> str:
        """A page decorator: a cause opened with findings ticked highlights the ones it explains."""
        if record.kind != "cause":
            return body
        lines = self.matched_labels(record.id)
        if not lines:
            return body
        from legpain_desktop.core.render import highlight_section

        return highlight_section(body, "Typical presentation", lines, theme)
