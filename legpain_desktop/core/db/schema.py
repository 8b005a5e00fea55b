"""The database layout, versioned with ``PRAGMA user_version``.

Tables: ``monographs`` (one row per monograph with its Markdown source and rendered HTML, both
zlib-compressed, and its plain text, kept plain because the full-text index reads it),
``monographs_fts`` (FTS5 over title, synonyms, summary and text), ``synonyms``, ``links``,
``facets``, ``findings``, ``cause_findings``, ``red_flags``, ``interactions``, ``cards`` (the study
cards, in their order) and ``metadata``.
"""

# 2: body_md and html stored zlib-compressed (the bundle carries the database; they were 40% of it).
# 3: the study cards are built into a ``cards`` table (issue 19).
SCHEMA_VERSION = 3
ZLIB_LEVEL = 9

# bm25 weights for (title, synonyms, summary, text): a hit in a title or synonym counts far
# more than one in the summary or body.
BM25_WEIGHTS = (10.0, 8.0, 2.0, 1.0)
FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"
FTS_PREFIXES = "2 3 4"  # prefix indexes: typing "sci" or "pre" stays fast on large corpora
