"""Content sources on disk, read and checked file by file: the YAML reader that keeps line
numbers, the monograph model and parser, the findings vocabulary and the corpus container.

This package depends on :mod:`legpain_desktop.core.model` alone; the cross-file checks that need
the dosing and red-flag domains are in :mod:`legpain_desktop.core.content`, which sits above both
(issue 15: there was an import loop between content and the dosing schema).
"""
