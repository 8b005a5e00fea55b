"""The saved session reads back whatever was stored, damaged or not, without raising."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from legpain_desktop.core.session import SavedSession

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
FIELDS = st.dictionaries(
    st.sampled_from(["monograph", "scroll", "selection", "tab", "absent", "tab_id", "other"]), JSON, max_size=5
)


def test_round_trip_through_json() -> None:
    session = SavedSession("gout", 240, ("region.calf", "onset.sudden"), 1, ("sign.swelling",), "symptoms")
    assert SavedSession.from_stored(json.loads(json.dumps(session.to_stored()))) == session


def test_a_finding_both_ticked_and_absent_reads_back_as_ticked() -> None:
    stored = {"selection": ["sign.swelling"], "absent": ["sign.swelling", "sign.fever", 7]}
    assert SavedSession.from_stored(stored).absent == ("sign.fever",)


def test_damaged_fields_are_dropped_one_by_one() -> None:
    stored = {"monograph": "", "scroll": -5, "selection": ["region.calf", 3, "region.calf", None], "tab": True}
    assert SavedSession.from_stored(stored) == SavedSession(None, None, ("region.calf",), None)
    assert SavedSession.from_stored(["not", "a", "record"]) == SavedSession()
    assert SavedSession.from_stored(None) == SavedSession()


@given(FIELDS | JSON)
def test_anything_stored_reads_back_as_a_session(data: object) -> None:
    session = SavedSession.from_stored(data)
    assert session.monograph is None or (isinstance(session.monograph, str) and session.monograph)
    assert session.scroll is None or (type(session.scroll) is int and session.scroll >= 0)
    assert session.tab is None or (type(session.tab) is int and session.tab >= 0)
    assert all(isinstance(f, str) for f in session.selection)
    assert len(set(session.selection)) == len(session.selection)
    assert all(isinstance(f, str) for f in session.absent) and len(set(session.absent)) == len(session.absent)
    assert not set(session.absent) & set(session.selection)
    assert session.tab_id is None or (isinstance(session.tab_id, str) and session.tab_id)
