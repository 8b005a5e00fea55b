"""The patient lines of three red-flag rules against an independent physician's criteria, written
before the reviewer read content/ (tests/core/review/patient_lines_2026_12_04.yaml). Each group
of words is something the patient must recognise; at least one word of each group (a whole word
or a stem at the start of a word) must appear in the line that fills the leaflets' "Get help now"
box, and none of the words the reviewer marked misleading."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import SHIPPED_CONTENT

REVIEW = yaml.safe_load((Path(__file__).parent / "review" / "patient_lines_2026_12_04.yaml").read_text("utf-8"))
RULES: dict[str, dict[str, Any]] = REVIEW["rules"]
SHIPPED = {r["id"]: r for r in yaml.safe_load((SHIPPED_CONTENT / "red-flags.yaml").read_text("utf-8"))["red_flags"]}


def mentions(line: str, word: str) -> bool:
    return re.search(r"\b" + re.escape(word.lower()), line.lower()) is not None


def test_the_matcher_takes_stems_at_the_start_of_a_word_only() -> None:
    assert mentions("numbness around your bottom", "numb")
    assert not mentions("a thumb", "numb")


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_the_patient_line_says_what_the_reviewer_required(rule_id: str) -> None:
    line = SHIPPED[rule_id]["patient"]
    missing = [group for group in RULES[rule_id]["must_mention"] if not any(mentions(line, w) for w in group)]
    assert missing == [], line
    misleading = [w for w in RULES[rule_id].get("must_not") or [] if mentions(line, w)]
    assert misleading == [], line
