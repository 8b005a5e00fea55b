"""Typed database errors: each carries a message a clinician or administrator can act on."""

from __future__ import annotations


class DatabaseError(Exception):
    """The content database cannot be used. ``str(error)`` is one line for the user."""

    exit_status = 3


class DatabaseMissing(DatabaseError):
    pass


class DatabaseCorrupt(DatabaseError):
    pass


class DatabaseTooNew(DatabaseError):
    pass


class FtsUnavailable(DatabaseError):
    pass
