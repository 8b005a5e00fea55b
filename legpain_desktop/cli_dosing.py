"""Dose-calculator subcommands (crcl, dose)."""

from __future__ import annotations

import argparse


def add_dosing_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    return None
