"""Clinical subcommands: the symptom filter and the dose calculators."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any, NamedTuple

from legpain_desktop.core.db.repository import ContentRepository


class ClinicalUsageError(Exception):
    """Bad clinical input: exit 2 naming the field and its valid range."""


class ClinicalCommand(NamedTuple):
    run: Callable[[argparse.Namespace, ContentRepository | None], int]
    needs_content: bool = True


def _emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def cmd_findings(args: argparse.Namespace, repo: ContentRepository | None) -> int:
    assert repo is not None
    facets = repo.facets()
    if args.json:
        _emit_json(
            [
                {"id": fid, "label": label, "findings": [{"id": i, "label": lab} for i, lab in items]}
                for fid, label, items in facets
            ]
        )
    else:
        for _fid, label, items in facets:
            print(label)
            for i, lab in items:
                print(f"  {i:<42} {lab}")
    return 0


def cmd_differential(args: argparse.Namespace, repo: ContentRepository | None) -> int:
    from legpain_desktop.core.differential import UnknownFinding, engine_from_repository

    assert repo is not None
    engine = engine_from_repository(repo)
    try:
        result = engine.compute(args.finding or [])
    except UnknownFinding as exc:
        raise ClinicalUsageError(str(exc)) from None
    if args.json:
        _emit_json(result.to_json())
        return 0
    for flag in result.red_flags:
        print(f"!! {flag.urgency.upper()}: {flag.title}. {flag.action}")
    for c in result.causes:
        mark = "PINNED " if c.pinned else ""
        print(f"{mark}{c.score:>4}  {c.urgency:<9} {c.id:<40} matched: {', '.join(c.matched)}")
    return 0


def add_clinical_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("findings", help="the symptom-filter vocabulary")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("differential", help="rank causes for the given findings")
    p.add_argument("--finding", action="append", metavar="ID", help="a finding id; repeat for more")
    p.add_argument("--json", action="store_true")
    from legpain_desktop.cli_dosing import add_dosing_commands

    add_dosing_commands(sub)


def _crcl(args: argparse.Namespace, repo: ContentRepository | None) -> int:
    from legpain_desktop.cli_dosing import run_crcl

    return _guard(run_crcl, args, repo)


def _dose(args: argparse.Namespace, repo: ContentRepository | None) -> int:
    from legpain_desktop.cli_dosing import run_dose

    return _guard(run_dose, args, repo)


def _guard(
    func: Callable[[argparse.Namespace, ContentRepository | None], int],
    args: argparse.Namespace,
    repo: ContentRepository | None,
) -> int:
    from legpain_desktop.core.dosing.patient import InputError

    try:
        return func(args, repo)
    except InputError as exc:
        raise ClinicalUsageError(str(exc)) from None


CLINICAL_COMMANDS: dict[str, ClinicalCommand] = {
    "findings": ClinicalCommand(cmd_findings),
    "differential": ClinicalCommand(cmd_differential),
    "crcl": ClinicalCommand(_crcl, needs_content=False),
    "dose": ClinicalCommand(_dose),
}
