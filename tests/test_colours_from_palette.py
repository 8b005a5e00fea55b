"""Colours come from the two palettes (issue 15: the colour #b3261e was written 10 times and the
red-flag banner ignored the theme). Only ``core/render.py`` (the page palettes) and ``gui/theme.py``
(the interface palettes) may spell a colour."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "legpain_desktop"
PALETTE_MODULES = {PACKAGE / "core" / "render.py", PACKAGE / "gui" / "theme.py"}
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b(?![0-9a-fA-F])")


def colour_literals(text: str) -> list[str]:
    return HEX_COLOUR.findall(text)


def test_the_pattern_finds_a_colour_written_out() -> None:
    assert colour_literals("f'<p style=\"color:#b3261e;\">'") == ["#b3261e"]
    assert colour_literals("QLabel { background: #fff; }") == ["#fff"]
    assert colour_literals("see section 3 #3a") == []


def test_no_module_outside_the_palettes_spells_a_colour() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): found
        for path in sorted(PACKAGE.rglob("*.py"))
        if path not in PALETTE_MODULES and (found := colour_literals(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_the_printed_dose_sheet_uses_the_light_palette() -> None:
    from legpain_desktop.core.dosing.report import SEVERITY_COLOURS
    from legpain_desktop.core.render import LIGHT

    assert SEVERITY_COLOURS == {
        "critical": LIGHT.danger_border,
        "major": LIGHT.danger_border,
        "moderate": LIGHT.warning_border,
        "info": LIGHT.muted,
    }
