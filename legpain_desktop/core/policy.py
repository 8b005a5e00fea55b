"""Administrator policy and portable installs (issue 18), without Qt.

A clinic's IT can put a ``policy.json`` in the machine-wide configuration folder, or beside the
executable, to lock settings for every user of a workstation::

    {
      "theme": "high-contrast",          locks View > Theme
      "text_scale": 130,                 locks the text size (70 to 200 percent)
      "remember_patient": false,         locks File > Remember patient details
      "notes": false,                    turns the notes editor off (no note is saved)
      "content_pack_dir": "//server/legpain/packs"   where File > Update content looks first
    }

Every key is optional. A value of the wrong type or out of range is ignored and reported (a bad
policy never stops the app); the machine-wide file wins over the one beside the executable.

A file named ``portable`` beside the executable makes the install portable: user data, settings and
installed content packs are kept in ``portable-data`` beside it (USB sticks, locked-down machines).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from legpain_desktop.core.paths import ROOT

POLICY_NAME = "policy.json"
PORTABLE_MARKER = "portable"
PORTABLE_DATA = "portable-data"
THEMES = ("system", "light", "dark", "high-contrast")
TEXT_SCALE_RANGE = (70, 200)
# The settings a policy can lock, by the name used in policy.json.
LOCKABLE = ("theme", "text_scale", "remember_patient")


class Policy(NamedTuple):  # read at every start: a NamedTuple costs less to define than a dataclass
    """What the administrator set: ``locked`` maps a LOCKABLE name to its value."""

    locked: Mapping[str, object] = MappingProxyType({})
    notes_enabled: bool = True
    content_pack_dir: Path | None = None
    sources: tuple[Path, ...] = ()  # the files read, machine-wide first
    problems: tuple[str, ...] = ()  # values ignored, each naming the file, key and what is allowed


def app_dir() -> Path:
    """The folder of the executable (a packaged app) or of the source checkout."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return ROOT


def portable_data_dir(base: Path | None = None) -> Path | None:
    """``portable-data`` beside the executable when a ``portable`` marker file is there, else None."""
    base = app_dir() if base is None else base
    return base / PORTABLE_DATA if (base / PORTABLE_MARKER).is_file() else None


def user_data_dir() -> Path | None:
    """Where user data and settings go when not in the platform's folders: ``LEGPAIN_USER_DATA``
    (tests, scripted installs), else the portable folder, else None (the platform's folders)."""
    override = os.environ.get("LEGPAIN_USER_DATA")
    if override:
        return Path(override)
    return portable_data_dir()


def machine_policy_path() -> Path:
    """The machine-wide policy file (``LEGPAIN_POLICY_DIR`` overrides the folder, for tests)."""
    override = os.environ.get("LEGPAIN_POLICY_DIR")
    if override:
        return Path(override) / POLICY_NAME
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "LegPain" / POLICY_NAME
    if sys.platform == "darwin":
        return Path("/Library/Application Support/LegPain") / POLICY_NAME
    return Path("/etc/legpain-desktop") / POLICY_NAME


def policy_paths() -> tuple[Path, ...]:
    """The machine-wide file, then the one beside the executable (the first wins on a clash)."""
    return machine_policy_path(), app_dir() / POLICY_NAME


def _valid(key: str, value: object) -> str:
    """Why ``value`` cannot be used for ``key`` ('' when it can)."""
    if key == "theme":
        return "" if value in THEMES else f"must be one of {', '.join(THEMES)}"
    if key == "text_scale":
        low, high = TEXT_SCALE_RANGE
        ok = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
        return "" if ok else f"must be a whole number from {low} to {high}"
    if key in ("remember_patient", "notes"):
        return "" if isinstance(value, bool) else "must be true or false"
    if key == "content_pack_dir":
        return "" if isinstance(value, str) and value.strip() else "must be a folder path"
    return "is not a policy setting (known: theme, text_scale, remember_patient, notes, content_pack_dir)"


def load_policy(paths: tuple[Path, ...] | None = None) -> Policy:
    """The policy from ``paths`` (default :func:`policy_paths`); missing files are skipped."""
    values: dict[str, object] = {}
    sources: list[Path] = []
    problems: list[str] = []
    for path in paths if paths is not None else policy_paths():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            continue
        except (OSError, ValueError) as exc:
            problems.append(f"{path}: not read ({exc.__class__.__name__}: {exc})")
            continue
        if not isinstance(data, dict):
            problems.append(f"{path}: must hold one JSON object of settings")
            continue
        sources.append(path)
        for key, value in data.items():
            why = _valid(str(key), value)
            if why:
                problems.append(f"{path}: {key} {why}; ignored")
            else:
                values.setdefault(str(key), value)  # an earlier (machine-wide) file wins
    pack_dir = values.get("content_pack_dir")
    return Policy(
        locked={k: values[k] for k in LOCKABLE if k in values},
        notes_enabled=values.get("notes", True) is not False,
        content_pack_dir=Path(str(pack_dir)) if pack_dir is not None else None,
        sources=tuple(sources),
        problems=tuple(problems),
    )
