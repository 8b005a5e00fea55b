"""Where bundled files live, found by package path so source and frozen runs share one code path."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
ROOT = PACKAGE_DIR.parent
RESOURCES = ROOT / "resources"
CONTENT = ROOT / "content"
DATABASE_NAME = "legpain.db"
PACK_INFO = "pack.json"  # beside a database installed from a content pack: the pack's version, signer and review date
DEFAULT_DATABASE = RESOURCES / DATABASE_NAME


def manifest_path(database: Path) -> Path:
    """The integrity manifest written beside a database by the build."""
    return database.with_name(database.name + ".manifest.json")


def is_source_checkout() -> bool:
    """True when the content sources sit beside the package (a developer's clone)."""
    return (CONTENT / "findings.yaml").is_file()
