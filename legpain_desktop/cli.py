"""Command line over the same core as the GUI. No subcommand starts the GUI.

Exit status: 0 success, 2 bad input (one line on stderr naming the problem), 3 the content
database is missing, damaged or unusable, or ``update`` refused a content pack (one line on
stderr), 4 a medicine list was checked but one or more names in it were not recognised and so NOT
checked (listed on stdout and stderr).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from legpain_desktop import __version__
from legpain_desktop.cli_clinical import ClinicalUsageError
from legpain_desktop.core.db.errors import DatabaseError
from legpain_desktop.core.db.repository import ContentRepository
from legpain_desktop.core.model import KINDS, ContentErrors
from legpain_desktop.core.paths import CONTENT, DEFAULT_DATABASE

PROG = "legpain-desktop"


class UsageError(Exception):
    """Bad input from the user: exit 2 with this one-line message."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------- commands


def cmd_build_db(args: argparse.Namespace) -> int:
    try:
        from legpain_desktop.core.db.build import build_database
    except ImportError as exc:  # the packaged app ships a built database and leaves the builder out
        raise UsageError(
            f"build-db needs a source checkout with the build tools installed ({exc.name} missing)"
        ) from None

    content = Path(args.content) if args.content else CONTENT
    out = Path(args.db) if args.db else DEFAULT_DATABASE
    if not (content / "findings.yaml").is_file():
        raise UsageError(f"no content folder at {content} (it needs findings.yaml and the kind folders)")
    try:
        report = build_database(content, out)
    except ContentErrors as exc:
        for err in exc.errors:
            sys.stderr.write(f"{err}\n")
        sys.stderr.write(f"{PROG}: build failed with {len(exc.errors)} problem(s)\n")
        return 2
    counts = ", ".join(f"{n} {k}s" for k, n in sorted(report.counts.items()))
    print(f"built {report.path} ({counts}) content version {report.content_version} in {report.seconds:.2f}s")
    return 0


def cmd_list(args: argparse.Namespace, repo: ContentRepository) -> int:
    items = repo.list_monographs(args.kind)
    if args.json:
        _emit_json([{"id": m.id, "kind": m.kind, "title": m.title, "summary": m.summary} for m in items])
    else:
        for m in items:
            print(f"{m.kind:<10} {m.id:<40} {m.title}")
    return 0


def cmd_show(args: argparse.Namespace, repo: ContentRepository) -> int:
    record = repo.get(args.id)
    if record is None:
        raise UsageError(f"unknown monograph id {args.id!r} (see '{PROG} list')")
    if args.format == "markdown":
        sys.stdout.write(f"# {record.title}\n\n{record.body_md}")
    elif args.format == "html":
        from legpain_desktop.core.render import LIGHT, apply_palette

        sys.stdout.write(f"<h1>{record.title}</h1>\n{apply_palette(record.html, LIGHT)}\n")
    else:
        sys.stdout.write(f"{record.title}\n{'=' * len(record.title)}\n{record.summary}\n\n{record.text}\n")
    return 0


def cmd_search(args: argparse.Namespace, repo: ContentRepository) -> int:
    hits, plan = repo.search_detailed(args.query, limit=args.limit, correct=not args.exact)
    corrections = [{"typed": c.typed, "used": c.used} for c in (plan.corrections if plan else [])]
    if args.json:
        _emit_json(
            {
                "query": args.query,
                "searched_for": plan.searched_for if plan else "",
                "corrections": corrections,
                "hits": [
                    {"id": h.id, "kind": h.kind, "title": h.title, "snippet": h.snippet_plain(), "score": h.score}
                    for h in hits
                ],
            }
        )
    else:
        if corrections and plan is not None:
            print(f"showing results for: {plan.searched_for} (--exact searches the words as typed)")
        for h in hits:
            print(f"{h.score:8.3f}  {h.kind:<10} {h.id:<40} {h.title}")
        if not hits:
            from legpain_desktop.core.search import suggest

            ideas = suggest(args.query, repo.search_vocabulary())
            print("no matches" + (f"; did you mean: {', '.join(ideas)}?" if ideas else ""))
    return 0


def cmd_verify(args: argparse.Namespace, repo: ContentRepository) -> int:
    meta = repo.metadata()
    print(f"ok: {repo.path} content version {meta.get('content_version')} built {meta.get('built_at')}")
    return 0


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to 500, not {text!r}") from None
    if not 1 <= value <= 500:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to 500, not {value}")
    return value


# --------------------------------------------------------------------------- parser


def build_parser() -> _Parser:
    parser = _Parser(prog=PROG, description="Offline reference on pain at the back of the leg.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--db", metavar="PATH", help="use this content database; it is never rebuilt or repaired")
    parser.add_argument(
        "--smoke-test", action="store_true", help="start the GUI offscreen, render, print 'smoke-test ok'"
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("build-db", help="compile content/ into the SQLite database")
    p.add_argument("--content", metavar="DIR", help="content folder (default: the source checkout's content/)")

    p = sub.add_parser("list", help="list monographs")
    p.add_argument("--kind", choices=KINDS)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("show", help="print one monograph")
    p.add_argument("id")
    p.add_argument("--format", choices=("markdown", "html", "text"), default="text")

    p = sub.add_parser("search", help="full-text search (use -- before a query that starts with -)")
    p.add_argument("query")
    p.add_argument("--limit", type=_positive_int, default=20)
    p.add_argument("--exact", action="store_true", help="search the words as typed: no spelling correction")
    p.add_argument("--json", action="store_true")

    sub.add_parser("verify", help="check the content database against its manifest")

    from legpain_desktop.cli_clinical import add_clinical_commands
    from legpain_desktop.cli_leaflet import add_leaflet_command
    from legpain_desktop.cli_packs import add_pack_commands
    from legpain_desktop.cli_study import add_study_command

    add_clinical_commands(sub)
    add_leaflet_command(sub)
    add_pack_commands(sub)
    add_study_command(sub)
    return parser


def cmd_leaflet(args: argparse.Namespace, repo: ContentRepository) -> int:
    from legpain_desktop.cli_leaflet import cmd_leaflet as run

    return run(args, repo)


def cmd_study(args: argparse.Namespace, repo: ContentRepository) -> int:
    from legpain_desktop.cli_study import cmd_study as run

    return run(args, repo)


def cmd_regimen(args: argparse.Namespace, repo: ContentRepository) -> int:
    from legpain_desktop.cli_dosing import run_regimen
    from legpain_desktop.core.dosing.patient import InputError

    try:
        return run_regimen(args, repo)
    except InputError as exc:
        raise UsageError(str(exc)) from None


REPO_COMMANDS: dict[str, Callable[[argparse.Namespace, ContentRepository], int]] = {
    "list": cmd_list,
    "show": cmd_show,
    "search": cmd_search,
    "verify": cmd_verify,
    "regimen": cmd_regimen,
    "interactions": cmd_regimen,
    "leaflet": cmd_leaflet,
    "study": cmd_study,
}


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = build_parser()
        args = parser.parse_args(args_list)
        if args.smoke_test or args.command is None:
            from legpain_desktop.gui.app import run_gui

            return run_gui(Path(args.db) if args.db else None, smoke_test=args.smoke_test)
        if args.command == "build-db":
            return cmd_build_db(args)
        from legpain_desktop.cli_packs import PACK_COMMANDS, run_pack_command

        if args.command in PACK_COMMANDS:  # signed content packs (issue 18): no content needs opening
            return run_pack_command(args)
        from legpain_desktop.cli_clinical import CLINICAL_COMMANDS
        from legpain_desktop.core.library import open_content

        if args.command in CLINICAL_COMMANDS and not CLINICAL_COMMANDS[args.command].needs_content:
            return CLINICAL_COMMANDS[args.command].run(args, None)
        repo, _manifest = open_content(Path(args.db) if args.db else None)
        try:
            if args.command in REPO_COMMANDS:
                return REPO_COMMANDS[args.command](args, repo)
            return CLINICAL_COMMANDS[args.command].run(args, repo)
        finally:
            repo.close()
    except (UsageError, ClinicalUsageError) as exc:
        sys.stderr.write(f"{PROG}: error: {exc}\n")
        return 2
    except DatabaseError as exc:
        sys.stderr.write(f"{PROG}: content error: {exc}\n")
        return exc.exit_status
    except ContentErrors as exc:
        first = exc.errors[0] if exc.errors else exc
        sys.stderr.write(f"{PROG}: content sources are invalid ({len(exc.errors)} problem(s)); first: {first}\n")
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
