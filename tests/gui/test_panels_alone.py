"""Each feature's controller and panel built on its own, with its dependencies handed in (issue 15:
17 of 18 symptom and dosing GUI tests built the whole window, and removing the differential_changed
emit or the live re-render of the drug page left every GUI test passing).

The window is not built here. Each test asserts what the feature announces (its signals) and what
it asks of the window (the place_* callbacks), so that removing an emit or a call fails a test
(see docs/architecture/signal-mutation.md for the check that proves it).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from legpain_desktop.core.db.repository import ContentRepository
from legpain_desktop.core.differential import Differential, DifferentialEngine, engine_from_repository
from legpain_desktop.core.dosing.formulary import Formulary
from legpain_desktop.core.legmap import LegMap, load_leg_map
from legpain_desktop.core.paths import RESOURCES
from legpain_desktop.gui.dosing.home import DosingHome
from legpain_desktop.gui.reading.controller import ReadingController
from legpain_desktop.gui.scores.home import ScoresHome
from legpain_desktop.gui.shell.tabs import TAB_ID, TabRegistry
from legpain_desktop.gui.symptoms.controller import SymptomsController
from legpain_desktop.gui.symptoms.red_flag_indicator import RedFlagIndicator

DVT = ["region.calf", "side.one-leg", "sign.swelling", "risk.cancer", "risk.recent-surgery"]


class CountingEngine:
    """The real engine, counting each computation."""

    def __init__(self, engine: DifferentialEngine) -> None:
        self.engine = engine
        self.finding_ids = engine.finding_ids
        self.calls = 0

    def compute(self, selected: Any, absent: Any = ()) -> Differential:
        self.calls += 1
        return self.engine.compute(selected, absent)

    def ask_next(self, result: Differential) -> Any:
        return self.engine.ask_next(result)


@pytest.fixture(scope="module")
def engine(shipped_db: Path) -> DifferentialEngine:
    return engine_from_repository(ContentRepository(shipped_db))


@pytest.fixture(scope="module")
def leg_map() -> LegMap:
    return load_leg_map(RESOURCES / "leg-map.svg")


class Places:
    """Stands in for the window: records what a feature hands it to place."""

    def __init__(self) -> None:
        self.placed: dict[str, QWidget] = {}

    def into(self, slot: str) -> Any:
        def place(widget: QWidget) -> None:
            self.placed[slot] = widget

        return place


def symptoms_alone(shipped_repo: ContentRepository, engine: DifferentialEngine, leg_map: LegMap):  # type: ignore[no-untyped-def]
    counting = CountingEngine(engine)
    places = Places()
    titles = {i: t for i, (k, t) in shipped_repo.titles().items() if k == "cause"}
    controller = SymptomsController(
        shipped_repo,
        lambda: counting,  # type: ignore[arg-type, return-value]
        lambda: leg_map,
        lambda: titles,
        places.into("tab"),
        places.into("pane"),
    )
    return controller, counting, places


def test_symptoms_compute_once_per_change_and_announce_that_one_result(
    qtbot: QtBot, shipped_repo: ContentRepository, engine: DifferentialEngine, leg_map: LegMap
) -> None:
    controller, counting, _places = symptoms_alone(shipped_repo, engine, leg_map)
    seen: list[Differential] = []
    controller.differential_changed.connect(seen.append)
    controller.set_selection(DVT)
    assert counting.calls == 1 and len(seen) == 1
    assert seen[0] is controller.differential  # the views read the result announced, not a new one
    assert counting.calls == 1
    assert seen[0].causes[0].id == "deep-vein-thrombosis"
    controller.set_finding("sign.swelling", False)
    assert counting.calls == 2 and len(seen) == 2 and "sign.swelling" not in seen[1].selected
    controller.set_finding("sign.swelling", False)  # no change: nothing computed, nothing announced
    assert counting.calls == 2 and len(seen) == 2
    controller.set_absent("sign.swelling", True)
    assert seen[-1].absent == ("sign.swelling",) and counting.calls == 3
    controller.clear()
    assert seen[-1].selected == () and counting.calls == 4


def test_symptom_panels_are_handed_to_the_window_and_follow_the_result(
    qtbot: QtBot, shipped_repo: ContentRepository, engine: DifferentialEngine, leg_map: LegMap
) -> None:
    controller, counting, places = symptoms_alone(shipped_repo, engine, leg_map)
    assert controller.built == [] and places.placed == {}
    panel = controller.findings_panel
    assert places.placed == {"tab": panel}
    controller.show_panes(True)
    pane = controller.differential_pane
    assert places.placed["pane"] is pane and not pane.isHidden()
    qtbot.addWidget(panel)
    qtbot.addWidget(pane)
    assert counting.calls == 1  # the panel showed the result for no findings, computed once
    with qtbot.waitSignal(controller.differential_changed):
        panel.finding_toggled.emit("region.calf", True)  # the panel announces; the controller decides
    assert controller.selection == ["region.calf"]
    assert panel.item("region.calf").checkState().name == "Checked"
    assert pane.model.rowCount() > 0 and counting.calls == 2  # one more for the one change
    requested: list[str] = []
    controller.monograph_requested.connect(requested.append)
    pane.monograph_requested.emit("deep-vein-thrombosis")
    assert requested == ["deep-vein-thrombosis"]
    controller.show_panes(False)
    assert pane.isHidden()


def test_a_restored_session_computes_nothing_until_asked(
    qtbot: QtBot, shipped_repo: ContentRepository, engine: DifferentialEngine, leg_map: LegMap
) -> None:
    controller, counting, _places = symptoms_alone(shipped_repo, engine, leg_map)
    controller.restore(("region.popliteal", "no.such.finding"), ("sign.swelling",))
    assert controller.selection == ["region.popliteal"] and controller.absent == ["sign.swelling"]
    assert counting.calls == 0 and "engine" not in controller.built
    assert controller.differential.selected == ("region.popliteal",) and counting.calls == 1


def test_the_red_flag_indicator_names_every_fired_rule_and_hides_when_none(
    qtbot: QtBot, engine: DifferentialEngine
) -> None:
    indicator = RedFlagIndicator()
    qtbot.addWidget(indicator)
    result = engine.compute(DVT)
    assert result.red_flags
    indicator.show_flags(result)
    assert not indicator.isHidden()
    assert indicator.text().startswith(f"⚠ {result.red_flags[0].urgency.upper()}: ")
    assert all(rule.title in indicator.accessibleName() for rule in result.red_flags)
    indicator.show_flags(engine.compute([]))
    assert indicator.isHidden()


class FakeRepo:
    """Two pages, one linking to the other; counts the look-ups."""

    def __init__(self, shipped_repo: ContentRepository) -> None:
        self.records = {i: shipped_repo.get(i) for i in ("deep-vein-thrombosis", "apixaban")}
        self.asked: Counter[str] = Counter()

    def get(self, monograph_id: str) -> Any:
        self.asked[monograph_id] += 1
        return self.records.get(monograph_id)


def test_reading_shows_pages_through_its_decorators_and_announces_each(
    qtbot: QtBot, shipped_repo: ContentRepository
) -> None:
    repo = FakeRepo(shipped_repo)
    reading = ReadingController(repo, lambda: {})  # type: ignore[arg-type]
    qtbot.addWidget(reading.widget)
    reading.add_decorator(lambda record, body: f"<p>DECORATED {record.id}</p>{body}")
    shown: list[str] = []
    pages: list[Any] = []
    missing: list[str] = []
    reading.monograph_shown.connect(shown.append)
    reading.page_shown.connect(pages.append)
    reading.not_found.connect(missing.append)
    assert reading.open("deep-vein-thrombosis") and reading.open("apixaban")
    assert shown == ["deep-vein-thrombosis", "apixaban"] and [p.id for p in pages] == shown
    assert "DECORATED apixaban" in reading.view.toPlainText()
    assert reading.history.can_go_back()
    reading.back()
    assert reading.current is not None and reading.current.id == "deep-vein-thrombosis"
    assert shown[-1] == "deep-vein-thrombosis"
    assert not reading.open("no-such-page") and missing == ["no-such-page"]
    before = repo.asked["deep-vein-thrombosis"]
    reading.rerender()  # same page again: no visit, no look-up
    assert repo.asked["deep-vein-thrombosis"] == before and shown[-1] == "deep-vein-thrombosis"
    job = reading.job("v1")
    assert job is not None and job.title == reading.current.title and "DECORATED" in job.body_html


def test_dosing_home_builds_on_first_use_and_hands_its_parts_to_the_window(
    qtbot: QtBot, shipped_repo: ContentRepository
) -> None:
    places = Places()
    made: list[int] = []

    def formulary() -> Formulary:
        made.append(1)
        return Formulary.from_repository(shipped_repo)

    home = DosingHome(shipped_repo, formulary, dict, "v1", places.into("form"), places.into("view"))
    assert not home.built and made == [] and home.job() is None and home.remembered_patient() is None
    home.pending_patient = {"age": "81"}
    controller = home.controller
    qtbot.addWidget(places.placed["form"])
    assert made == [1] and places.placed["view"] is controller.view
    assert controller.form.raw_text()["age"] == "81"  # the remembered patient is filled in
    assert home.pending_patient is None
    messages: list[str] = []
    home.message.connect(messages.append)
    assert home.copy_note() == "" and messages == ["Nothing to copy yet: enter the patient's details first."]
    assert home.citations("apixaban") and all(key == key.upper() for key in home.citations("apixaban"))


def test_scores_home_opens_a_score_with_what_the_findings_say(qtbot: QtBot) -> None:
    places = Places()
    shown: list[QWidget] = []
    home = ScoresHome(lambda: DVT, places.into("tab"), shown.append, "v1")
    home.open("wells-dvt")
    panel = home.panel
    qtbot.addWidget(panel)
    assert places.placed == {"tab": panel} and shown == [panel]
    assert {i for i, box in panel.boxes.items() if box.isChecked()} == {"cancer", "bedridden-or-surgery"}
    jobs: list[Any] = []
    home.print_requested.connect(jobs.append)
    home.print()
    assert len(jobs) == 1 and jobs[0].title == "Wells score for DVT (two-level)"


def test_tabs_are_found_by_id_and_a_panel_swaps_in_without_moving_the_current_tab(qtbot: QtBot) -> None:
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    first = QWidget()
    tabs.addTab(first, "Browse")
    registry = TabRegistry(tabs, (("symptoms", "Symptoms"), ("dose", "Dose")))
    registry.mark(first, "browse")
    assert [registry.id_at(i) for i in range(tabs.count())] == ["browse", "symptoms", "dose"]
    tabs.setCurrentIndex(0)
    panel = QWidget()
    registry.install("dose", panel)
    assert registry.widget("dose") is panel and panel.property(TAB_ID) == "dose"
    assert tabs.tabText(2) == "Dose" and tabs.currentIndex() == 0
    assert registry.index_of("nothing") == -1 and registry.widget("nothing") is None


def test_an_algorithm_record_gives_the_flow_diagram_typed_steps(shipped_repo: ContentRepository) -> None:
    """Issue 15: the diagram read raw step dicts from the record's meta."""
    from legpain_desktop.core.db.repository import FlowStep

    record = shipped_repo.get("initial-assessment")
    assert record is not None
    steps = record.steps
    assert len(steps) >= 3 and all(isinstance(step, FlowStep) for step in steps)
    raw = record.meta["steps"][0]
    assert steps[0].id == raw["id"] and steps[0].title == raw["title"] and steps[0].next == tuple(raw["next"])
    cause = shipped_repo.get("gout")
    assert cause is not None and cause.steps == ()


def test_the_patient_form_passes_the_sex_code_whatever_word_is_shown(qtbot: QtBot) -> None:
    """Issue 15: the sex choice was passed on as its English label, so a translated label would
    have reached the kidney formulas as an unknown sex. The code travels in the item's data."""
    from legpain_desktop.gui.dosing.patient_form import PatientForm

    form = PatientForm([("pregabalin", "Pregabalin")], [])
    qtbot.addWidget(form)
    assert form.raw()["sex"] == ""  # nothing chosen yet
    form.sex.setItemText(1, "weiblich")  # as a German translation would show it
    form.sex.setItemText(2, "männlich")
    form.sex.setCurrentIndex(1)
    assert form.raw()["sex"] == "female"
    assert form.raw_text()["sex"] == "female"
    form.sex.setCurrentIndex(2)
    assert form.raw()["sex"] == "male"
    saved = form.raw_text()
    form.sex.setCurrentIndex(0)
    form.set_raw_text(saved)
    assert form.sex.currentIndex() == 2 and form.raw()["sex"] == "male"
