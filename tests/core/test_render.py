"""Markdown rendering: our tokens become markup, hostile content becomes harmless text."""

from __future__ import annotations

import re

from legpain_desktop.core.content import Reference
from legpain_desktop.core.render import ALLOWED_TAGS, html_to_text, markdown_to_html

REFS = [Reference("a", "A guideline.", 2020, "guideline")]


def test_tokens_boxes_and_tables() -> None:
    out = markdown_to_html(
        'Do this [[evidence:guideline]] [[ref:a]].\n\n!!! danger "Now"\n    Act.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n',
        REFS,
    )
    assert '<span class="ev">[Guideline]</span>' in out
    assert '<a href="#ref-1">[1]</a>' in out
    assert "Now" in out and 'bgcolor="#fdecea"' in out
    assert "<td>1</td>" in out


HOSTILE = """
<script>alert('x')</script>
<img src="http://evil.example/x.png" onerror="alert(1)">
<a href="javascript:alert(1)">click</a>
[js link](javascript:alert(2))
![remote](http://evil.example/tracker.png)
<div onclick="steal()">div</div>
<iframe src="http://evil.example"></iframe>
<style>body{display:none}</style>
"""


def test_hostile_content_renders_as_harmless_text() -> None:
    out = markdown_to_html(HOSTILE, [])
    tags = re.findall(r"<[^>]+>", out.lower())
    assert tags, "the page still has its ordinary markup"
    for tag in tags:
        name = tag.strip("</>").split()[0]
        assert name in ALLOWED_TAGS, tag
        for bad in ("onerror", "onclick", "javascript:", "src=", "style="):
            assert bad not in tag, tag
    # Raw HTML is shown as text, so a reader sees what the author wrote.
    assert "&lt;script&gt;" in out
    assert "js link" in out


def test_plain_text_for_search() -> None:
    text = html_to_text(markdown_to_html("# Title\n\nSome **bold** text &amp; more.\n\n- one\n- two\n", []))
    assert text.splitlines() == ["Title", "Some bold text & more.", "one", "two"]
