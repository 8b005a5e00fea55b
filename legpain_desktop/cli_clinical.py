"""Clinical subcommands: the symptom filter and the dose calculators."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

from legpain_desktop.core.db.repository import ContentRepository


@dataclass(frozen=True)
class ClinicalCommand:
    run: Callable[[argparse.Namespace, ContentRepository | None], int]
    needs_content: bool = True


CLINICAL_COMMANDS: dict[str, ClinicalCommand] = {}


def add_clinical_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    return None
