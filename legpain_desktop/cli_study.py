"""Study cards from the command line (issue 19)::

legpain-desktop study cards [--json] [--kind K] [--region R] [--write-review PATH]
legpain-desktop study export-anki PATH.apkg
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from legpain_desktop.core.db.repository import ContentRepository

PROG = "legpain-desktop"


def add_study_command(sub: Any) -> None:
    p = sub.add_parser("study", help="students: the study cards drawn from the content, and their Anki export")
    study = p.add_subparsers(dest="study_command", parser_class=type(p), required=True)
    cards = study.add_parser("cards", help="list the cards")
    cards.add_argument("--json", action="store_true")
    cards.add_argument("--kind", help="only this kind (urgency, distinguish, red-flag, ...)")
    cards.add_argument("--region", help="only cards of this body region (as the symptom filter names it)")
    cards.add_argument("--write-review", metavar="PATH", help="write the Markdown review listing to PATH")
    anki = study.add_parser("export-anki", help="write every card to an Anki package (.apkg)")
    anki.add_argument("path", metavar="PATH.apkg")


def cmd_study(args: argparse.Namespace, repo: ContentRepository) -> int:
    from legpain_desktop.core.study.cards import KINDS, review_table

    cards = repo.cards()  # the cards the content build stored
    if args.study_command == "export-anki":
        try:
            from legpain_desktop.core.study.anki import export_anki

            titles = {mid: title for mid, (_kind, title) in repo.titles().items()}
            count = export_anki(cards, Path(args.path), titles)
        except ImportError as exc:
            sys.stderr.write(f"{PROG}: error: the Anki export needs the 'study' extra ({exc.name} is missing)\n")
            return 2
        except OSError as exc:
            sys.stderr.write(f"{PROG}: error: could not write {args.path}: {exc.strerror or exc}\n")
            return 2
        print(f"wrote {count} cards to {args.path}")
        return 0
    if args.kind and args.kind not in KINDS:
        sys.stderr.write(f"{PROG}: error: --kind must be one of {', '.join(KINDS)}, not {args.kind!r}\n")
        return 2
    regions = sorted({c.region for c in cards if c.region})
    if args.region and args.region.lower() not in {r.lower() for r in regions}:
        sys.stderr.write(f"{PROG}: error: --region must be one of {', '.join(regions)}, not {args.region!r}\n")
        return 2
    chosen = repo.cards(kind=args.kind, region=args.region)
    if args.write_review:
        Path(args.write_review).write_text(review_table(cards), encoding="utf-8")
        print(f"wrote {len(cards)} cards to {args.write_review}")
        return 0
    if args.json:
        keys = ("id", "kind", "front", "back", "monograph", "section", "region", "choices")
        rows = [{k: (list(v) if isinstance(v, tuple) else v) for k in keys for v in [getattr(c, k)]} for c in chosen]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        for c in chosen:
            print(f"{c.id}\n  Q: {c.front}\n  A: {c.back}")
    return 0
