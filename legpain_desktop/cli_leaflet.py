"""``legpain-desktop leaflet ID [--pdf PATH]``: a patient leaflet printed as text, or saved as the
same PDF the app prints (issue 20). ID is the leaflet's id or the id of the cause or drug it
explains."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from legpain_desktop.core.db.repository import ContentRepository
from legpain_desktop.core.model import leaflet_id

PROG = "legpain-desktop"


class LeafletError(Exception):
    """A leaflet that cannot be found or written; the CLI prints it and exits 2."""


def add_leaflet_command(sub: Any) -> None:
    p = sub.add_parser("leaflet", help="a patient leaflet: print it as text or save it as a PDF")
    p.add_argument("id", help="the leaflet's id, or the id of the cause or drug it explains")
    p.add_argument("--pdf", metavar="PATH", help="save it as a PDF at PATH instead of printing text")
    p.add_argument("--clinic", default="", help="the clinic's name, printed under the title")
    p.add_argument("--instructions", default="", help="your own instructions, printed in a box")
    p.add_argument("--large", action="store_true", help="large type")
    p.add_argument(
        "--paper",
        choices=("a4", "letter"),
        help="page size of the PDF (default: Letter where the locale uses US units, else A4)",
    )


def find_leaflet(repo: ContentRepository, wanted: str) -> Any:
    record = repo.get(wanted)
    if record is not None and record.kind != "leaflet":
        record = repo.get(leaflet_id(wanted))
    elif record is None:
        record = repo.get(leaflet_id(wanted))
    if record is None or record.kind != "leaflet":
        raise LeafletError(f"no patient leaflet for {wanted!r} (see '{PROG} list --kind leaflet')")
    return record


def cmd_leaflet(args: argparse.Namespace, repo: ContentRepository) -> int:
    try:
        return _leaflet(args, repo)
    except LeafletError as exc:
        sys.stderr.write(f"{PROG}: error: {exc}\n")
        return 2


def _leaflet(args: argparse.Namespace, repo: ContentRepository) -> int:
    record = find_leaflet(repo, args.id)
    if not args.pdf:
        sys.stdout.write(f"{record.title}\n{'=' * len(record.title)}\n{record.summary}\n\n{record.text}\n")
        return 0
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window: only the PDF engine
    from PySide6.QtGui import QGuiApplication

    from legpain_desktop.gui.printing import PrintJob, save_pdf

    app = QGuiApplication.instance() or QGuiApplication([PROG])  # noqa: F841 - Qt needs one to print
    version = repo.metadata().get("content_version", "")
    job = PrintJob(record.title, record.html, version, for_patient=True, clinic=args.clinic,
                   instructions=args.instructions, large_type=args.large)  # fmt: skip
    try:
        path = save_pdf(job, Path(args.pdf), args.paper)
    except OSError as exc:
        raise LeafletError(str(exc)) from None
    print(f"saved {path}")
    return 0
