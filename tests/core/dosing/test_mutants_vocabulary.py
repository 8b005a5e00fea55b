"""Exact values for vocabulary.py: the dose wording every view shares (issue 21).

A single figure reads "75 mg a day", never "75 to 75 mg a day"; a range reads "75 to 300 mg a day"; figures are
written without trailing zeros.
"""

from __future__ import annotations

import pytest

from legpain_desktop.core.dosing.schema import DoseRange
from legpain_desktop.core.dosing.vocabulary import format_daily_range, format_mg


@pytest.mark.parametrize(
    ("mg", "text"), [(75.0, "75"), (0.5, "0.5"), (37.5, "37.5"), (2400, "2400"), (0.0125, "0.0125")]
)
def test_a_figure_is_written_without_trailing_zeros(mg: float, text: str) -> None:
    assert format_mg(mg) == text


@pytest.mark.parametrize(
    ("low", "high", "text"),
    [
        (75, 75, "75 mg a day"),
        (75.0, 300.0, "75 to 300 mg a day"),
        (75, 75.5, "75 to 75.5 mg a day"),
        (74.5, 75, "74.5 to 75 mg a day"),
        (0.5, 2, "0.5 to 2 mg a day"),
    ],
)
def test_a_daily_range_names_one_figure_only_when_both_ends_agree(low: float, high: float, text: str) -> None:
    assert format_daily_range(DoseRange(low, high)) == text
