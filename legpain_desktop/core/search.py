"""Turning what a user types into a safe FTS5 query.

User text is never passed raw to ``MATCH``: it is split into words, each word is quoted (so
``AND``, ``*``, ``-``, ``:``, parentheses and stray quotes lose any meaning) and searched as a
prefix, and the words are combined with an implicit AND.
"""

from __future__ import annotations

import re

MAX_TOKENS = 8
MAX_TOKEN_LENGTH = 40
MIN_PREFIX_LENGTH = 2  # a one-letter word being typed matches nearly everything: wait for more
SHORT_PREFIX_LENGTH = 3  # a two-letter start searches titles and synonyms only
SNIPPET_ROWS = 12  # hits that get a highlighted snippet (the rest show their summary)
SNIPPET_OPEN = "\x02"
SNIPPET_CLOSE = "\x03"

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def query_words(text: str) -> list[str]:
    """The searchable words of ``text`` (letters and digits only), at most MAX_TOKENS."""
    return [w[:MAX_TOKEN_LENGTH] for w in _WORD.findall(text.lower())][:MAX_TOKENS]


def fts_query(text: str) -> str | None:
    """An FTS5 MATCH expression for ``text``, or None when there is nothing to search for.

    The last word is the one being typed: a single letter there is ignored (it would match
    nearly everything), and a two-letter start searches titles and synonyms only.
    """
    words = query_words(text)
    if words and len(words[-1]) < MIN_PREFIX_LENGTH:
        words = words[:-1]
    if not words:
        return None
    parts = []
    for i, word in enumerate(words):
        quoted = '"' + word.replace('"', "") + '"'
        if i == len(words) - 1 and len(word) < SHORT_PREFIX_LENGTH:
            parts.append("{title synonyms} : " + quoted + "*")
        else:
            parts.append(quoted + "*")
    return " ".join(parts)


def suggest(text: str, vocabulary: list[str], limit: int = 3) -> list[str]:
    """Close spellings from ``vocabulary`` (titles and synonyms) for a query that found nothing.

    Each word is matched on its own, so "bakers cist" suggests "baker's cyst".
    """
    import difflib

    words = query_words(text)
    if not words:
        return []
    lowered = {v.lower(): v for v in vocabulary}
    whole = difflib.get_close_matches(" ".join(words), list(lowered), n=limit, cutoff=0.72)
    if whole:
        return [lowered[w] for w in whole]
    terms = sorted({w for v in lowered for w in query_words(v) if len(w) > 2})
    fixed = []
    for word in words:
        close = difflib.get_close_matches(word, terms, n=1, cutoff=0.75)
        fixed.append(close[0] if close else word)
    guess = " ".join(fixed)
    return [guess] if guess != " ".join(words) else []
