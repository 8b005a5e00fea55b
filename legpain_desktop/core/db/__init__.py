"""All SQL lives in this package: the build writes the database, the repository reads it."""

from legpain_desktop.core.db.errors import (
    DatabaseCorrupt,
    DatabaseError,
    DatabaseMissing,
    DatabaseTooNew,
    FtsUnavailable,
)
from legpain_desktop.core.db.repository import ContentRepository, MonographRecord, MonographSummary, SearchHit
from legpain_desktop.core.db.schema import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "ContentRepository",
    "DatabaseCorrupt",
    "DatabaseError",
    "DatabaseMissing",
    "DatabaseTooNew",
    "FtsUnavailable",
    "MonographRecord",
    "MonographSummary",
    "SearchHit",
]
