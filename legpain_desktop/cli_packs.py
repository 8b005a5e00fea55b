"""Signed content packs from the command line (issue 18)::

    legpain-desktop pack keygen DIR
    legpain-desktop pack rotate-root --keys DIR --new-keys DIR
    legpain-desktop [--db PATH] pack build --keys DIR --out DIR [--expires-days N]
    legpain-desktop update --from DIR [--trusted-root FILE]
    legpain-desktop update --rollback

``update`` exits 0 with one line naming the installed pack, or 3 with one line ``update refused:
<reason>`` (the installed content is then unchanged). TUF is imported only inside the commands, so
the app's start-up never loads it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

PROG = "legpain-desktop"
PACK_COMMANDS = ("pack", "update")


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number of days from 1 to 3650, not {text!r}") from None
    if not 1 <= value <= 3650:
        raise argparse.ArgumentTypeError(f"must be a whole number of days from 1 to 3650, not {value}")
    return value


def add_pack_commands(sub: Any) -> None:
    p = sub.add_parser("pack", help="publishers: make signing keys and signed content packs")
    packs = p.add_subparsers(dest="pack_command", parser_class=type(p), required=True)
    k = packs.add_parser("keygen", help="make a new keys folder (private keys: keep it secret)")
    k.add_argument("dir", metavar="DIR")
    r = packs.add_parser("rotate-root", help="replace every signing key with the keys in --new-keys")
    r.add_argument("--keys", metavar="DIR", required=True)
    r.add_argument("--new-keys", metavar="DIR", required=True, help="made there if the folder is empty")
    b = packs.add_parser("build", help="sign the content database (--db, default the bundled one) into a pack")
    b.add_argument("--keys", metavar="DIR", required=True)
    b.add_argument("--out", metavar="DIR", required=True, help="the new pack folder (must not exist or be empty)")
    b.add_argument("--expires-days", metavar="N", type=_days, default=365, help="signatures expire after N days")
    b.add_argument("--review-days", metavar="N", type=_days, default=365, help="content to be reviewed by then")
    b.add_argument("--signed-by", metavar="NAME", default=None, help="publisher name shown on install")

    u = sub.add_parser("update", help="install a signed content pack from a folder, or go back to the previous one")
    how = u.add_mutually_exclusive_group()
    how.add_argument(
        "--from", dest="from_dir", metavar="DIR", help="the pack folder (default: the policy's content_pack_dir)"
    )
    how.add_argument("--rollback", action="store_true", help="make the previous pack current again")
    u.add_argument("--trusted-root", metavar="FILE", help="the publisher's root.json, needed on first use only")


def _fail(message: str, status: int) -> int:
    sys.stderr.write(f"{message}\n")
    return status


def run_pack_command(args: argparse.Namespace) -> int:
    """Run ``pack ...`` or ``update ...``; 0 ok, 2 bad input, 3 pack refused."""
    try:
        if args.command == "pack":
            from legpain_desktop.core.packs import publish
        else:
            from legpain_desktop.core.packs import install
    except ImportError as exc:
        return _fail(
            f"{PROG}: error: content packs need the 'packs' extra (pip install 'legpain-desktop[packs]'); "
            f"{exc.name} is missing",
            2,
        )
    if args.command == "pack":
        try:
            return _pack(args, publish)
        except publish.PublishError as exc:
            return _fail(f"{PROG}: pack error: {exc}", 2)
    if args.trusted_root and args.rollback:
        return _fail(f"{PROG}: error: --trusted-root goes with --from, not --rollback", 2)
    if not args.rollback and not args.from_dir:
        from legpain_desktop.core.policy import load_policy

        folder = load_policy().content_pack_dir
        if folder is None:
            return _fail(f"{PROG}: error: update needs --from DIR or --rollback (no content_pack_dir in a policy)", 2)
        args.from_dir = str(folder)
    try:
        if args.rollback:
            result = install.rollback()
            print(f"rolled back to content pack {result.pack_version} (content version {result.content_version})")
        else:
            result = install.update_from(Path(args.from_dir), Path(args.trusted_root) if args.trusted_root else None)
            print(
                f"installed content pack {result.pack_version} "
                f"(content version {result.content_version}, signed by {result.signed_by})"
            )
    except install.PackRefused as exc:
        return _fail(f"{'rollback' if args.rollback else 'update'} refused: {exc}", 3)
    return 0


def _pack(args: argparse.Namespace, publish: Any) -> int:
    if args.pack_command == "keygen":
        root = publish.keygen(Path(args.dir))
        print(f"made signing keys in {args.dir}: keep that folder secret; give clients {root}")
    elif args.pack_command == "rotate-root":
        root = publish.rotate_root(Path(args.keys), Path(args.new_keys))
        print(f"rotated keys in {args.keys}: later packs are signed with the new keys ({root})")
    else:
        from legpain_desktop.core.paths import DEFAULT_DATABASE

        database = Path(args.db) if args.db else DEFAULT_DATABASE
        version = publish.build_pack(
            database,
            Path(args.keys),
            Path(args.out),
            expires_days=args.expires_days,
            review_days=args.review_days,
            signed_by=args.signed_by or publish.DEFAULT_PUBLISHER,
        )
        print(f"built content pack {version} in {args.out} from {database}")
    return 0
