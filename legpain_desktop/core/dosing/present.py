"""Markdown for the generated Renal impairment and Older adults sections (filled in later)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from legpain_desktop.core.content import Monograph


def dosing_markdown(mono: Monograph, section: str) -> str:
    return ""
