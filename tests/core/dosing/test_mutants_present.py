"""Exact text for present.py: the Renal impairment and Older adults sections of a drug page (issue 21).

Each test compares a whole section, written out by hand from the rows given here (or from the shipped
pregabalin monograph, whose rows are the Lyrica label's), so a changed word, figure, sign, unit or status
in the table a clinician reads makes a test fail.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from legpain_desktop.core.content import Reference
from legpain_desktop.core.dosing.present import (
    _band_dose,
    _status,
    dosing_markdown,
    drug_page_html,
    elderly_markdown,
    mark_patient_row,
    renal_markdown,
)
from legpain_desktop.core.dosing.schema import (
    BeersEntry,
    DialysisRule,
    DoseRange,
    DrugDosing,
    ElderlyRule,
    PerKg,
    RenalBand,
    RenalRules,
    Sourced,
    parse_drug,
)
from legpain_desktop.core.render import TOKENS, markdown_to_html, references_html
from tests.conftest import SHIPPED_CONTENT


def _band(
    label: str,
    lower: float | None,
    lower_inclusive: bool,
    upper: float | None,
    upper_inclusive: bool,
    *,
    daily: DoseRange | None = None,
    per_kg: PerKg | None = None,
    avoid: bool = False,
    frequency: str = "",
    max_daily: float | None = None,
    note: str = "",
    status: str = "L",
) -> RenalBand:
    return RenalBand(label, lower, lower_inclusive, upper, upper_inclusive, daily, per_kg, (), frequency, max_daily,
                     avoid, note, status)  # fmt: skip


BANDS = (
    _band("CrCl 60 or more", 60, True, None, False, daily=DoseRange(150, 600), frequency="twice daily", max_daily=600),
    _band("CrCl 30 to 60", 30, True, 60, False, daily=DoseRange(75, 300), note="Split unverified.", status="L2"),
    _band("CrCl 15 to 30", 15, True, 30, True, per_kg=PerKg(1.5, 2), status="G"),
    _band("CrCl below 15", None, False, 15, False, avoid=True, status="U"),
)
HD = DialysisRule("hd", "row", "Give the lowest row.", "CrCl below 15", None, (), "", "Add 25 mg after each session.",
                  "S-H", "U")  # fmt: skip
PD = DialysisRule("pd", "avoid", "Avoid.", None, None, (), "", "", "S-P", "G")
RENAL = RenalRules("crcl", "S-R", "L", "Label 2020", False, "Cleared by the kidneys.", BANDS, {"hd": HD, "pd": PD})


def _drug(**changes: object) -> DrugDosing:
    base = DrugDosing(
        drug_id="x", title="X", classes=(), systemic=True, main_indication=None, indications=(), renal=RENAL,
        elderly=(), beers=(), contraindications=(), hepatic=None, titration=None, do_not_use=None, topical=None,
    )  # fmt: skip
    return replace(base, **changes)  # type: ignore[arg-type]


TABLE_HEAD = [
    "",
    "| Row | Range | Total daily dose | Frequency | Maximum | Status | Note |",
    "| --- | --- | --- | --- | --- | --- | --- |",
]
EDGE_NOTE = (
    "A clearance on a shared edge or in a gap between rows takes the more conservative row; "
    "the calculator says when it does."
)
DIALYSIS_LINES = [
    "",
    "**Haemodialysis:** Give the lowest row. Supplement: Add 25 mg after each session. (source S-H, **UNVERIFIED**)",
    "",
    "**Peritoneal dialysis:** Avoid. (source S-P, guideline)",
]


@pytest.mark.parametrize(
    ("status", "shown"),
    [("L", "label"), ("L2", "label, as quoted"), ("G", "guideline"), ("U", "**UNVERIFIED**"), ("X", "X")],
)
def test_each_status_in_words_and_unverified_in_bold(status: str, shown: str) -> None:
    assert _status(status) == shown


def test_the_dose_of_a_row_avoid_per_kg_range_or_none() -> None:
    assert _band_dose(BANDS[3]) == "**Avoid**"
    assert _band_dose(BANDS[2]) == "1.5 mg/kg, 2 dose(s) a day"
    assert _band_dose(BANDS[0]) == "150 to 600 mg a day"
    assert _band_dose(replace(BANDS[0], daily_mg=DoseRange(300, 300))) == "300 mg a day"
    # an avoided row that also carries a dose still reads Avoid; a per-kg dose comes before a range
    assert _band_dose(replace(BANDS[0], avoid=True)) == "**Avoid**"
    assert _band_dose(replace(BANDS[2], daily_mg=DoseRange(1, 2))) == "1.5 mg/kg, 2 dose(s) a day"
    assert _band_dose(replace(BANDS[0], daily_mg=None)) == "-"


def test_the_whole_renal_table_for_creatinine_clearance_with_the_patients_row_marked() -> None:
    expected = [
        "Rows as the label prints them, keyed on Cockcroft-Gault creatinine clearance (mL/min). "
        "Source S-R (Label 2020).",
        *TABLE_HEAD,
        "| CrCl 60 or more | ≥ 60 mL/min | 150 to 600 mg a day | twice daily | 600 mg | label |  |",
        "| **▶ CrCl 30 to 60** | ≥ 30 and < 60 mL/min | 75 to 300 mg a day | - | - | label, as quoted "
        "| Split unverified. |",
        "| CrCl 15 to 30 | ≥ 15 and ≤ 30 mL/min | 1.5 mg/kg, 2 dose(s) a day | - | - | guideline |  |",
        "| CrCl below 15 | < 15 mL/min | **Avoid** | - | - | **UNVERIFIED** |  |",
        "",
        "Cleared by the kidneys.",
        "",
        EDGE_NOTE,
        *DIALYSIS_LINES,
    ]
    assert renal_markdown(_drug(), highlight="CrCl 30 to 60") == "\n".join(expected) + "\n"


def test_no_row_is_marked_without_a_highlight_or_with_an_unknown_one() -> None:
    for highlight in (None, "CrCl 30 to 59"):
        md = renal_markdown(_drug(), highlight)
        assert "▶" not in md
        assert "| CrCl 30 to 60 | ≥ 30 and < 60 mL/min | 75 to 300 mg a day |" in md


def test_the_renal_table_for_egfr_without_version_text_or_dialysis() -> None:
    renal = replace(RENAL, measure="egfr", label_version="", text="", bands=BANDS[:1], dialysis={})
    expected = [
        "Rows as the label prints them, keyed on CKD-EPI eGFR (mL/min/1.73 m²). Source S-R.",
        *TABLE_HEAD,
        "| CrCl 60 or more | ≥ 60 mL/min/1.73 m² | 150 to 600 mg a day | twice daily | 600 mg | label |  |",
        "",
        EDGE_NOTE,
    ]
    assert renal_markdown(_drug(renal=renal)) == "\n".join(expected) + "\n"


def test_no_renal_adjustment_gives_the_labels_words_and_the_dialysis_rules() -> None:
    renal = replace(RENAL, no_adjustment=True, text="No dose change in kidney impairment.", bands=(), status="L2")
    expected = ["No dose change in kidney impairment. (source S-R, label, as quoted)", *DIALYSIS_LINES]
    assert renal_markdown(_drug(renal=renal)) == "\n".join(expected) + "\n"
    no_supplement = replace(renal, dialysis={"hd": replace(HD, supplement="", status="L")})
    assert renal_markdown(_drug(renal=no_supplement)) == (
        "No dose change in kidney impairment. (source S-R, label, as quoted)\n\n"
        "**Haemodialysis:** Give the lowest row. (source S-H, label)\n"
    )


def test_do_not_use_and_no_renal_rule() -> None:
    banned = _drug(do_not_use=Sourced("Not for leg cramps.", "S-Q", "L"))
    assert renal_markdown(banned, "CrCl 30 to 60") == '!!! danger "Do not use"\n    Not for leg cramps. (source S-Q)\n'
    assert renal_markdown(_drug(renal=None)) == ""
    assert elderly_markdown(banned) == "Do not use at any age for this purpose.\n"


def test_the_shipped_pregabalin_rows_are_the_lyrica_labels() -> None:
    """Lyrica US label, renal table: CrCl 60 or more 150-600, 30-60 75-300, 15-30 25-150, below 15 25-75 mg a day."""
    from legpain_desktop.core.content import parse_monograph

    mono = parse_monograph(SHIPPED_CONTENT / "drugs" / "pregabalin.md")
    md = dosing_markdown(mono, "renal", "CrCl 15 to 30")
    rows = [line for line in md.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert [row.split(" | ")[:5] for row in rows] == [
        ["| CrCl 60 or more", "≥ 60 mL/min", "150 to 600 mg a day", "in two or three divided doses", "600 mg"],
        ["| CrCl 30 to 60", "≥ 30 and ≤ 60 mL/min", "75 to 300 mg a day", "in two or three divided doses", "300 mg"],
        ["| **▶ CrCl 15 to 30**", "≥ 15 and ≤ 30 mL/min", "25 to 150 mg a day", "once or twice daily", "150 mg"],
        ["| CrCl below 15", "< 15 mL/min", "25 to 75 mg a day", "once daily", "75 mg"],
    ]
    drug = parse_drug(mono.id, mono.title, mono.meta)
    assert md == renal_markdown(drug, "CrCl 15 to 30")
    assert dosing_markdown(mono, "renal") == renal_markdown(drug)
    assert dosing_markdown(mono, "elderly") == elderly_markdown(drug)
    assert "| T6 | CrCl below 60 mL/min | Reduce dose (CNS adverse effects) | moderate | strong | guideline |" in (
        dosing_markdown(mono, "elderly")
    )
    assert dosing_markdown(mono, "other") == ""
    # a page that is not a drug's gets no section, even with dosing data in its front matter
    assert dosing_markdown(replace(mono, kind="cause"), "renal") == ""
    assert dosing_markdown(replace(mono, kind="cause"), "elderly") == ""
    # dosing data that does not parse gives no section rather than an error
    assert dosing_markdown(replace(mono, meta={**mono.meta, "systemic": "yes"}), "renal") == ""
    topical = parse_monograph(SHIPPED_CONTENT / "drugs" / "lidocaine-topical.md")
    assert dosing_markdown(topical, "renal") == "" and dosing_markdown(topical, "elderly") == ""


ELDERLY = (
    ElderlyRule(65, True, None, None, "Dose by kidney function.", "S-E", "L"),
    ElderlyRule(75, False, 300, DoseRange(50, 200), "Start low.", "S-F", "U"),
    ElderlyRule(80.5, True, 2.5, None, "Halve the dose.", "S-G", "G"),
)
BEERS = (
    BeersEntry("T2", "Older adults", "Avoid", "Falls", "moderate", "strong", None, None, "S-B", "G"),
    BeersEntry("T6", "CrCl below 30 mL/min", "Reduce dose", "", "low", "weak", "crcl", 30, "S-B", "L"),
)


def test_the_whole_older_adults_section_with_beers() -> None:
    expected = [
        "- **Age ≥ 65:** Dose by kidney function. (source S-E, label)",
        "- **Age > 75:** Start low. Maximum 300 mg/day. Usual range 50 to 200 mg/day. (source S-F, **UNVERIFIED**)",
        "- **Age ≥ 80.5:** Halve the dose. Maximum 2.5 mg/day. (source S-G, guideline)",
        "",
        "AGS Beers Criteria 2023 (flagged by the calculator from age 65):",
        "",
        "| Table | Criterion | Recommendation | Quality | Strength | Status |",
        "| --- | --- | --- | --- | --- | --- |",
        "| T2 | Older adults | Avoid (Falls) | moderate | strong | guideline |",
        "| T6 | CrCl below 30 mL/min | Reduce dose | low | weak | label |",
    ]
    assert elderly_markdown(_drug(elderly=ELDERLY, beers=BEERS)) == "\n".join(expected) + "\n"


def test_older_adults_without_an_age_rule_or_beers() -> None:
    assert elderly_markdown(_drug()) == "- The label sets no age-specific rule; dose by kidney function.\n"
    assert elderly_markdown(_drug(beers=BEERS[1:])) == (
        "- The label sets no age-specific rule; dose by kidney function.\n\n"
        "AGS Beers Criteria 2023 (flagged by the calculator from age 65):\n\n"
        "| Table | Criterion | Recommendation | Quality | Strength | Status |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| T6 | CrCl below 30 mL/min | Reduce dose | low | weak | label |\n"
    )
    assert (
        elderly_markdown(_drug(elderly=ELDERLY[:1])) == "- **Age ≥ 65:** Dose by kidney function. (source S-E, label)\n"
    )


PAGE = (
    "<table><tr><td>a</td></tr><tr>\n<td><strong>▶ B\nrow</strong></td><td>2</td></tr>"
    "<tr><td>▶ not bold</td></tr></table>"
)


def test_only_the_marked_row_is_shaded_every_cell_of_it() -> None:
    assert mark_patient_row(PAGE, "#ff0") == (
        '<table><tr><td>a</td></tr><tr bgcolor="#ff0">\n<td bgcolor="#ff0"><strong>▶ B\nrow</strong></td>'
        '<td bgcolor="#ff0">2</td></tr><tr><td>▶ not bold</td></tr></table>'
    )


def test_a_text_colour_wraps_each_cell_of_the_marked_row() -> None:
    assert mark_patient_row(PAGE, "#ff0", "#111") == (
        '<table><tr><td>a</td></tr><tr bgcolor="#ff0">\n'
        '<td bgcolor="#ff0"><span style="color: #111;"><strong>▶ B\nrow</strong></span></td>'
        '<td bgcolor="#ff0"><span style="color: #111;">2</span></td></tr><tr><td>▶ not bold</td></tr></table>'
    )
    assert mark_patient_row("<p>no table</p>", "#ff0", "#111") == "<p>no table</p>"


BODY = (
    "Label [[ref:a]].\n## Renal impairment\n{{dosing:renal}}\n## Older adults\n{{dosing:elderly}}\n"
    "## Other\n{{dosing:other}}\n"
)
REFS = [Reference("a", "Label.", 2020, "label")]


def test_the_drug_page_renders_both_sections_and_shades_the_patients_row() -> None:
    drug = _drug(elderly=ELDERLY[:1])
    page = drug_page_html(BODY, REFS, drug, "CrCl 30 to 60")
    written = (
        f"Label [[ref:a]].\n## Renal impairment\n{renal_markdown(drug, 'CrCl 30 to 60')}\n"
        f"## Older adults\n{elderly_markdown(drug)}\n"
        "## Other\n\n"
    )
    body = markdown_to_html(written, REFS, palette=TOKENS)
    assert page == mark_patient_row(body, "@@highlight_bg@@") + references_html(REFS)
    assert page.startswith('<p>Label <sup class="cite"><a href="#ref-1">[1]</a></sup>.</p>')
    assert '<tr bgcolor="@@highlight_bg@@">' in page and "<strong>▶ CrCl 30 to 60</strong>" in page
    assert "Dose by kidney function." in page and "Haemodialysis" in page
    assert page.endswith(references_html(REFS)) and "Label." in references_html(REFS)


def test_a_drug_that_is_not_systemic_gets_no_dosing_sections() -> None:
    page = drug_page_html(BODY, REFS, _drug(systemic=False, elderly=ELDERLY[:1]), "CrCl 30 to 60")
    assert page == markdown_to_html(
        "Label [[ref:a]].\n## Renal impairment\n\n## Older adults\n\n## Other\n\n", REFS, palette=TOKENS
    ) + (references_html(REFS))
    assert "<table" not in page and "Dose by kidney function" not in page


def test_a_do_not_use_box_on_the_page_takes_the_token_palette() -> None:
    page = drug_page_html("{{dosing:renal}}\n", [], _drug(do_not_use=Sourced("Not for cramps.", "S-Q", "L")), None)
    assert page == markdown_to_html('!!! danger "Do not use"\n    Not for cramps. (source S-Q)\n', palette=TOKENS)
    assert "@@danger" in page and "Not for cramps. (source S-Q)" in page
