"""The Renal impairment and Older adults sections of drug monographs, rendered from dosing data.

Text and calculator read the same structured data, so they can never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from legpain_desktop.core.dosing.schema import DosingDataError, DrugDosing, RenalBand, parse_drug
from legpain_desktop.core.dosing.vocabulary import format_daily_range
from legpain_desktop.core.model import Reference
from legpain_desktop.core.render import TOKENS, markdown_to_html, references_html

if TYPE_CHECKING:
    from legpain_desktop.core.content import Monograph

STATUS_NAMES = {"L": "label", "L2": "label, as quoted", "G": "guideline", "U": "UNVERIFIED"}


def _status(status: str) -> str:
    return f"**{STATUS_NAMES[status]}**" if status == "U" else STATUS_NAMES.get(status, status)


def _band_dose(band: RenalBand) -> str:
    if band.avoid:
        return "**Avoid**"
    if band.per_kg is not None:
        return f"{band.per_kg.mg_per_kg:g} mg/kg, {band.per_kg.doses_per_day} dose(s) a day"
    if band.daily_mg is not None:
        return format_daily_range(band.daily_mg)
    return "-"  # pragma: no cover - the schema requires a dose or avoid


def renal_markdown(drug: DrugDosing, highlight: str | None = None) -> str:
    """A table of the label's rows; ``highlight`` marks the row used for the current patient."""
    renal = drug.renal
    if drug.do_not_use is not None:
        return f'!!! danger "Do not use"\n    {drug.do_not_use.text} (source {drug.do_not_use.source})\n'
    if renal is None:
        return ""
    measure = (
        "Cockcroft-Gault creatinine clearance (mL/min)" if renal.measure == "crcl" else "CKD-EPI eGFR (mL/min/1.73 m²)"
    )
    lines = []
    if renal.no_adjustment:
        lines.append(f"{renal.text} (source {renal.source}, {_status(renal.status)})")
    else:
        lines.append(f"Rows as the label prints them, keyed on {measure}. Source {renal.source}"
                     + (f" ({renal.label_version})" if renal.label_version else "") + ".")  # fmt: skip
        lines.append("")
        lines.append("| Row | Range | Total daily dose | Frequency | Maximum | Status | Note |")
        lines.append("| --- | --- | --- | --- | --- | --- | --- |")
        unit = "mL/min" if renal.measure == "crcl" else "mL/min/1.73 m²"
        for band in renal.bands:
            label = f"**▶ {band.label}**" if band.label == highlight else band.label
            maximum = f"{band.max_daily_mg:g} mg" if band.max_daily_mg is not None else "-"
            lines.append(
                f"| {label} | {band.describe_bounds(unit)} | {_band_dose(band)} | {band.frequency or '-'} | "
                f"{maximum} | {_status(band.status)} | {band.note or ''} |"
            )
        if renal.text:
            lines.append("")
            lines.append(renal.text)
        lines.append("")
        lines.append(
            "A clearance on a shared edge or in a gap between rows takes the more conservative row; "
            "the calculator says when it does."
        )
    for mode, rule in renal.dialysis.items():
        name = {"hd": "Haemodialysis", "pd": "Peritoneal dialysis"}[mode]
        extra = f" Supplement: {rule.supplement}" if rule.supplement else ""
        lines.append("")
        lines.append(f"**{name}:** {rule.text}{extra} (source {rule.source}, {_status(rule.status)})")
    return "\n".join(lines) + "\n"


def elderly_markdown(drug: DrugDosing) -> str:
    if drug.do_not_use is not None:
        return "Do not use at any age for this purpose.\n"
    lines = []
    for rule in drug.elderly:
        sign = "≥" if rule.min_age_inclusive else ">"
        cap = f" Maximum {rule.max_daily_mg:g} mg/day." if rule.max_daily_mg is not None else ""
        rng = f" Usual range {rule.daily_mg.min:g} to {rule.daily_mg.max:g} mg/day." if rule.daily_mg else ""
        lines.append(
            f"- **Age {sign} {rule.min_age:g}:** {rule.text}{cap}{rng} (source {rule.source}, {_status(rule.status)})"
        )
    if not drug.elderly:
        lines.append("- The label sets no age-specific rule; dose by kidney function.")
    if drug.beers:
        lines.append("")
        lines.append("AGS Beers Criteria 2023 (flagged by the calculator from age 65):")
        lines.append("")
        lines.append("| Table | Criterion | Recommendation | Quality | Strength | Status |")
        lines.append("| --- | --- | --- | --- | --- | --- |")
        for b in drug.beers:
            why = f" ({b.rationale})" if b.rationale else ""
            lines.append(
                f"| {b.table} | {b.criterion} | {b.recommendation}{why} | {b.quality} | {b.strength} | "
                f"{_status(b.status)} |"
            )
    return "\n".join(lines) + "\n"


_PATIENT_ROW = re.compile(r"<tr>(\s*<td><strong>▶.*?)</tr>", re.S)


def mark_patient_row(page_html: str, colour: str, text_colour: str | None = None) -> str:
    """Shade the table row used for the current patient (the one marked ▶).

    ``text_colour`` keeps the row readable where the shade is fixed but the theme's text is not:
    it wraps each cell's content, because a colour on the cell itself is not applied to its text
    (dark mode showed light text on the yellow row, 1.08:1: issue 17).
    """
    open_span, close_span = (f'<span style="color: {text_colour};">', "</span>") if text_colour else ("", "")

    def shade(m: re.Match[str]) -> str:
        cells = m.group(1).replace("<td>", f'<td bgcolor="{colour}">{open_span}').replace("</td>", f"{close_span}</td>")
        return f'<tr bgcolor="{colour}">{cells}</tr>'

    return _PATIENT_ROW.sub(shade, page_html)


def drug_page_html(body_md: str, references: Sequence[Reference], drug: DrugDosing, highlight: str | None) -> str:
    """A drug monograph's body with the patient's renal row highlighted in its table."""

    def sections(name: str) -> str:
        if not drug.systemic:
            return ""
        if name == "renal":
            return renal_markdown(drug, highlight)
        return elderly_markdown(drug) if name == "elderly" else ""

    body = markdown_to_html(body_md, references, palette=TOKENS, dosing_sections=sections)
    return mark_patient_row(body, TOKENS.highlight_bg) + references_html(references)


def dosing_markdown(mono: Monograph, section: str, highlight: str | None = None) -> str:
    """Markdown for ``{{dosing:renal}}`` or ``{{dosing:elderly}}`` in a drug monograph."""
    if mono.kind != "drug":
        return ""
    try:
        drug = parse_drug(mono.id, mono.title, mono.meta)
    except DosingDataError:  # pragma: no cover - validation refuses such content before rendering
        return ""
    if not drug.systemic:
        return ""
    if section == "renal":
        return renal_markdown(drug, highlight)
    if section == "elderly":
        return elderly_markdown(drug)
    return ""
