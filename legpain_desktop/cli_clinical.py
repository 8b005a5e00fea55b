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
    from legpain_desktop.core.differential import ConflictingFinding, UnknownFinding, engine_from_repository

    assert repo is not None
    engine = engine_from_repository(repo)
    try:
        result = engine.compute(args.finding or [], args.absent or [])
    except (UnknownFinding, ConflictingFinding) as exc:
        raise ClinicalUsageError(str(exc)) from None
    questions = engine.ask_next(result) if args.ask_next else ()
    if args.json:
        data = result.to_json()
        for row, cause in zip(data["causes"], result.causes, strict=True):
            row["why"] = cause.why(engine.labels)
        if args.ask_next:
            data["ask_next"] = [{"finding": q.finding, "why": q.why, "red_flag": q.red_flag} for q in questions]
        _emit_json(data)
        return 0
    for flag in result.red_flags:
        print(f"!! {flag.urgency.upper()}: {flag.title}. {flag.action}")
    for c in result.causes:
        mark = "PINNED " if c.pinned else ""
        print(f"{mark}{max(c.match, 0):>3}%  {c.urgency:<9} {c.id:<40} {c.why(engine.labels)}")
    if args.ask_next:
        print("Ask next:" if questions else "Ask next: nothing left that separates the leading causes.")
        for q in questions:
            print(f"  {q.finding:<36} {engine.label(q.finding)}: {q.why}")
    return 0


def add_clinical_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("findings", help="the symptom-filter vocabulary")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("differential", help="rank causes for the given findings")
    p.add_argument("--finding", action="append", metavar="ID", help="a finding id; repeat for more")
    p.add_argument(
        "--absent",
        action="append",
        metavar="ID",
        help="a finding checked and found absent; lowers causes that expect it, never silences a red flag",
    )
    p.add_argument("--ask-next", action="store_true", help="also print the three findings most worth asking about next")
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
