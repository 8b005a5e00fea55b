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


SCORE_NUMBERS = {  # CLI flag -> the score's value id
    "age": "age",
    "ankle_mmhg": "ankle_mmhg",
    "toe_mmhg": "toe_mmhg",
    "resp_rate": "resp_rate",
    "spo2": "spo2",
    "systolic_bp": "systolic_bp",
    "pulse": "pulse",
    "temperature": "temperature",
}


def cmd_score(args: argparse.Namespace, repo: ContentRepository | None) -> int:
    from legpain_desktop.core.scores import SCORES, ScoreInputError, compute

    if args.list or not args.name:
        rows = [
            {
                "name": name,
                "title": m.TITLE,
                "items": [{"id": i.id, "label": i.label, "points": i.points} for i in m.ITEMS],
                "values": [
                    {"id": n.id, "label": n.label, "unit": n.unit, "low": n.low, "high": n.high} for n in m.NUMBERS
                ],
                "source": m.SOURCE,
            }
            for name, m in SCORES.items()
        ]
        if args.json:
            _emit_json(rows)
        else:
            for row in rows:
                print(f"{row['name']:<14} {row['title']}")
        return 0
    values: dict[str, object] = {}
    for flag, key in SCORE_NUMBERS.items():
        raw = getattr(args, flag, None)
        if raw is not None:
            values[key] = _number(flag, raw)
    arms = [_number("brachial_mmhg", v) for v in (args.brachial_mmhg or [])]
    if len(arms) == 1:
        values["brachial_mmhg"] = arms[0]
    elif len(arms) == 2:
        values["brachial_left_mmhg"], values["brachial_right_mmhg"] = arms
    elif len(arms) > 2:
        raise ClinicalUsageError("--brachial-mmhg: give one arm, or two (left and right)")
    try:
        result = compute(args.name, args.item or [], values)
    except ScoreInputError as exc:
        raise ClinicalUsageError(str(exc)) from None
    if args.json:
        _emit_json(result.to_json())
        return 0
    print(f"{result.score}: {result.category}" + (f" ({result.points:g})" if result.points is not None else ""))
    for line in result.working:
        print(f"  {line}")
    print(f"Next step: {result.next_step}")
    print(f"Source: {result.source}")
    return 0


def _number(flag: str, raw: str) -> float:
    try:
        return float(raw)
    except ValueError:
        raise ClinicalUsageError(f"--{flag.replace('_', '-')}: {raw!r} is not a number") from None


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
    p = sub.add_parser("score", help="bedside scores: wells-dvt, ottawa-knee, ottawa-ankle, abi, cauda-equina, news2")
    p.add_argument("name", nargs="?", help="the score (see --list)")
    p.add_argument("--list", action="store_true", help="the scores, their items and values")
    p.add_argument(
        "--item",
        action="append",
        metavar="ID",
        help="a ticked item; repeat for more (score --list shows each score's items; NEWS2's oxygen, "
        "new confusion and SpO2 scale 2 are items)",
    )
    for flag, unit, metavar in (
        ("age", "years", "YEARS"),
        ("ankle-mmhg", "mmHg", "MMHG"),
        ("toe-mmhg", "mmHg", "MMHG"),
        ("resp-rate", "breaths a minute", "PER_MIN"),
        ("spo2", "per cent (NEWS2: tick spo2-scale-2 only for a prescribed 88-92 target)", "PERCENT"),
        ("systolic-bp", "mmHg", "MMHG"),
        ("pulse", "beats a minute", "PER_MIN"),
        ("temperature", "degrees Celsius", "CELSIUS"),
    ):
        p.add_argument(f"--{flag}", metavar=metavar, help=unit)
    p.add_argument("--brachial-mmhg", action="append", metavar="MMHG", help="brachial pressure; twice for both arms")
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
    "score": ClinicalCommand(cmd_score, needs_content=False),
}
