"""Structured dosing data of drug monographs (filled in by the dosing work)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from legpain_desktop.core.content import ContentError, Corpus, Monograph


def validate_drug(mono: Monograph, corpus: Corpus) -> list[ContentError]:
    return []
