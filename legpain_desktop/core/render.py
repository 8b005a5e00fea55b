"""Markdown to safe HTML for Qt's rich-text engine.

Order matters for safety: raw HTML in a source is escaped so it shows as text, the Markdown
output is cleaned with an allow-list (nh3), and only then are our own tokens (evidence labels,
citations, warning boxes) turned into trusted markup from validated values.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import NamedTuple

from legpain_desktop.core.model import EVIDENCE_LEVELS, KINDS, Reference

INTERNAL_SCHEMES = KINDS  # a link to a monograph is written kind:id
ALLOWED_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td",
    "strong", "em", "b", "i", "code", "pre", "blockquote", "br", "hr", "sup", "sub", "a", "div", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "div": {"class"}, "p": {"class"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {*INTERNAL_SCHEMES, "http", "https", "mailto"}

_ESCAPE_TAG = re.compile(r"<(?=[A-Za-z/!?])")
_EVIDENCE = re.compile(r"\[\[evidence:([a-z-]+)\]\]")
_REF = re.compile(r"\[\[ref:([^\]]+)\]\]")
_DOSING = re.compile(r"^\{\{dosing:([a-z]+)\}\}\s*$", re.M)
REFERRAL_TOKEN = re.compile(r"\[\[referral:([^\]]*)\]\]")
_URGENCY_HEAD = re.compile(r"^(Emergency|Urgent|Routine):\s*")
_ADMONITION = re.compile(
    r'<div class="admonition (danger|warning|note)">\s*<p class="admonition-title">(.*?)</p>(.*?)</div>', re.S
)
_H2 = re.compile(r"<h2>(.*?)</h2>")
_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")

BOX_ICONS = {"danger": "\u26a0", "warning": "\u26a0", "note": "\u2139"}


class Palette(NamedTuple):
    """Colours for one theme; boxes and labels stay readable in light and dark."""

    text: str
    muted: str
    link: str
    danger_bg: str
    danger_border: str
    warning_bg: str
    warning_border: str
    note_bg: str
    note_border: str
    header_bg: str
    highlight_bg: str
    evidence_fg: str


LIGHT = Palette(
    text="#1b1b1b",
    muted="#555555",
    link="#0b57d0",
    danger_bg="#fdecea",
    danger_border="#b3261e",
    warning_bg="#fff4d6",
    warning_border="#8a5a00",
    note_bg="#e8f0fe",
    note_border="#0b57d0",
    header_bg="#eef1f5",
    highlight_bg="#fff59d",
    evidence_fg="#2e5e2e",
)
DARK = Palette(
    text="#e6e6e6",
    muted="#b0b0b0",
    link="#8ab4f8",
    danger_bg="#4a1c1a",
    danger_border="#f28b82",
    warning_bg="#43360f",
    warning_border="#fdd663",
    note_bg="#1c2b45",
    note_border="#8ab4f8",
    header_bg="#2b2f36",
    highlight_bg="#5c4e00",
    evidence_fg="#a8dab5",
)


# Stored HTML is rendered with these placeholders and coloured when shown (apply_palette), so
# one database serves light and dark themes and printing.
TOKENS = Palette(**{name: f"@@{name}@@" for name in Palette._fields})


def apply_palette(page_html: str, palette: Palette) -> str:
    """Replace colour placeholders in stored HTML with ``palette``'s colours."""
    if "@@" not in page_html:
        return page_html
    for name, colour in zip(Palette._fields, palette, strict=True):
        page_html = page_html.replace(f"@@{name}@@", colour)
    return page_html


def stylesheet(p: Palette) -> str:
    """CSS in Qt's rich-text subset: keyword font sizes only, so zoom scales everything."""
    return f"""
body {{ color: {p.text}; }}
h1 {{ font-size: xx-large; font-weight: 600; margin-bottom: 4px; }}
h2 {{ font-size: x-large; font-weight: 600; margin-top: 18px; margin-bottom: 6px; }}
h3 {{ font-size: large; font-weight: 600; margin-top: 12px; }}
p {{ margin-top: 4px; margin-bottom: 6px; }}
a {{ color: {p.link}; text-decoration: none; }}
th {{ background-color: {p.header_bg}; font-weight: 600; padding: 4px; }}
td {{ padding: 4px; }}
.summary {{ color: {p.muted}; font-size: large; }}
.meta {{ color: {p.muted}; font-size: small; }}
.ev {{ color: {p.evidence_fg}; font-size: small; font-weight: 600; }}
.refs {{ font-size: small; }}
.hl {{ background-color: {p.highlight_bg}; }}
"""


def _box(kind: str, title: str, inner: str, p: Palette) -> str:
    bg = getattr(p, f"{kind}_bg")
    border = getattr(p, f"{kind}_border")
    icon = BOX_ICONS[kind]
    return (
        f'<table width="100%" cellspacing="0" cellpadding="8" border="0" style="margin-top:8px; margin-bottom:8px;">'
        f'<tr><td width="6" bgcolor="{border}"></td><td bgcolor="{bg}">'
        f"<p><b>{icon} {title}</b></p>{inner}</td></tr></table>"
    )


def _anchor(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", html.unescape(title).lower()).strip("-")


def expand_referrals(source: str, referrals: Mapping[str, str]) -> str:
    """Replace ``[[referral:cause-id]]`` with that cause's front-matter ``referral`` phrase.

    The phrase is the one source of truth for a cause's urgency and referral time; pages that
    mention the cause show it through this token instead of restating it. The urgency word that
    opens the phrase is set in bold. Unknown ids are left as written (the validator refuses them).
    """

    def one(m: re.Match[str]) -> str:
        phrase = referrals.get(m.group(1).strip())
        if phrase is None:
            return m.group(0)
        return _URGENCY_HEAD.sub(lambda h: f"**{h.group(1)}:** ", phrase.strip(), count=1)

    return REFERRAL_TOKEN.sub(one, source)


def markdown_to_html(
    source: str,
    references: Sequence[Reference] = (),
    palette: Palette = LIGHT,
    dosing_sections: Callable[[str], str] | None = None,
) -> str:
    """Render a monograph body; ``dosing_sections`` supplies Markdown for ``{{dosing:X}}`` lines."""
    import markdown  # loaded on first render, not at start-up (pages are stored pre-rendered)
    import nh3

    text = _ESCAPE_TAG.sub("&lt;", source)
    if dosing_sections is not None:
        text = _DOSING.sub(lambda m: dosing_sections(m.group(1)), text)
    else:
        text = _DOSING.sub("", text)
    raw = markdown.markdown(text, extensions=["tables", "admonition", "sane_lists"], output_format="html")
    clean = nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    return decorate(clean, references, palette)


def decorate(clean_html: str, references: Sequence[Reference], palette: Palette) -> str:
    """Turn validated tokens in already-cleaned HTML into trusted markup."""
    numbers = {ref.key: i for i, ref in enumerate(references, start=1)}

    def evidence(m: re.Match[str]) -> str:
        label = EVIDENCE_LEVELS.get(m.group(1))
        return f'<span class="ev">[{label}]</span>' if label else html.escape(m.group(0))

    def cite(m: re.Match[str]) -> str:
        key = html.unescape(m.group(1))
        n = numbers.get(key)
        if n is None:
            return m.group(0)
        return f'<sup class="cite"><a href="#ref-{n}">[{n}]</a></sup>'

    table = (
        # No border-collapse: Qt lays out collapsed tables about a third slower.
        '<table class="data" width="100%" border="1" cellspacing="0" cellpadding="4" '
        f'style="border-color: {palette.header_bg};">'
    )
    out = clean_html.replace("<table>", table)
    out = _EVIDENCE.sub(evidence, out)
    out = _REF.sub(cite, out)
    out = _ADMONITION.sub(lambda m: _box(m.group(1), m.group(2), m.group(3), palette), out)
    out = _H2.sub(lambda m: f'<h2><a name="{_anchor(m.group(1))}"></a>{m.group(1)}</h2>', out)
    return out


def references_html(references: Iterable[Reference]) -> str:
    items = []
    for i, ref in enumerate(references, start=1):
        items.append(
            f'<li><a name="ref-{i}"></a>{html.escape(ref.citation)} ({ref.year}; {html.escape(ref.type)})</li>'
        )
    if not items:
        return ""
    return '<h2><a name="references"></a>References</h2><ol class="refs">' + "".join(items) + "</ol>"


def html_to_text(fragment: str) -> str:
    """Plain text of rendered HTML, for the search index and the CLI."""
    text = re.sub(r"</(p|h[1-6]|li|tr|table|div)>", "\n", fragment)
    text = re.sub(r"<br\s*/?>", "\n", text)
    text = html.unescape(_TAGS.sub(" ", text))
    lines = [_SPACE.sub(" ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def highlight_section(page_html: str, section: str, lines: Sequence[str], palette: Palette) -> str:
    """Insert a highlighted box at the top of ``section`` listing ``lines``."""
    if not lines:
        return page_html
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    box = _box("note", "Your selection: findings this cause explains", f"<ul>{items}</ul>", palette)
    marker = f'<a name="{_anchor(section)}"></a>'
    head = page_html.find(marker)
    if head < 0:
        return box + page_html
    end = page_html.find("</h2>", head)
    return page_html[: end + 5] + box + page_html[end + 5 :]
