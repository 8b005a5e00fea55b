"""Exact text for report.py: the dosing sheet and the note for the record (issue 21).

The results, schedules, kidney figures, interactions and opioid lines are built here field by field
(pregabalin in moderate kidney impairment, Lyrica label: 75 to 300 mg a day in two or three doses;
apixaban's VTE loading phase; CDC 2022 factors: tramadol 0.2, transdermal fentanyl 2.4 per
microgram an hour), so every part of the sheet is compared whole with text written out by hand: a
changed figure, unit, severity word, colour, row or order makes a test fail.
"""

from __future__ import annotations

from dataclasses import replace

from legpain_desktop.core.dosing.calculator import BandChoice, DoseResult, Flag
from legpain_desktop.core.dosing.interactions import DrugIdentity, InteractionHit, InteractionRule
from legpain_desktop.core.dosing.medicines import EnteredMedicine
from legpain_desktop.core.dosing.opioids import MmeLine, MmeTotal, OpioidAlert
from legpain_desktop.core.dosing.patient import Patient
from legpain_desktop.core.dosing.regimen import RegimenMedicine, RegimenReview
from legpain_desktop.core.dosing.renal import KidneyFunction
from legpain_desktop.core.dosing.report import (
    band_table_html,
    cited_sources,
    dosing_note_text,
    dosing_sheet_html,
    flags_html,
    headline,
    kidney_html,
    medicines_text,
    mme_html,
    mme_lines,
    other_drugs_text,
    patient_rows,
    regimen_html,
    regimen_interactions_html,
    result_html,
    schedule_html,
    sources_html,
    sources_line,
)
from legpain_desktop.core.dosing.schema import DoseRange, LoadingPhase
from legpain_desktop.core.dosing.titration import RegimenCheck, Schedule, ScheduledStep
from legpain_desktop.core.render import markdown_to_html
from tests.core.dosing.test_mutants_present import _drug

RED, AMBER, GREY = "#b3261e", "#8a5a00", "#555555"  # the light palette's danger, warning and muted colours
TABLE = '<table width="100%" border="1" cellspacing="0" cellpadding="4">'

PATIENT = Patient(
    age=75, sex="female", weight_kg=60.0, height_cm=160.0, scr_mg_dl=1.2, dialysis="hd", heart_failure=True,
    child_pugh="B", other_drugs=("sertraline",), unstable_kidney_function=True,
)  # fmt: skip
# 60 kg = 132.3 lb; 160 cm = 62.99 in; 1.2 mg/dL x 88.4 = 106.08 µmol/L
ROWS = [
    ("Age", "75 years"),
    ("Sex", "female"),
    ("Weight", "60.0 kg (132 lb)"),
    ("Height", "160.0 cm (63.0 in)"),
    ("Serum creatinine", "1.2 mg/dL (106.1 µmol/L)"),
    ("Dialysis", "haemodialysis"),
    ("Heart failure", "yes"),
    ("Liver (Child-Pugh)", "B"),
    ("Pregnant", "no"),
    ("Breastfeeding", "no"),
    ("Kidney function changing (AKI)", "yes"),
    ("Other drugs", "sertraline"),
    ("Weight for Cockcroft-Gault", "adjusted"),
]

KIDNEY = KidneyFunction(
    crcl_actual=38.4, crcl_ideal=30.1, crcl_adjusted=35.2, weight_basis="adjusted", egfr_indexed=45.5,
    egfr_absolute=41.9, bsa_m2=1.62, ideal_weight_kg=52.4, adjusted_weight_kg=55.4,
    weight_note="Weight < 120% of ideal & adjusted.", working=("CrCl = (140 - 75) x 55.4 kg", "BSA 1.62 m²"),
)  # fmt: skip

FLAGS = (
    Flag("beers", "moderate", "Reduce dose.", "S-B23-T6"),
    Flag("interaction", "critical", "Do not combine <x>.", "S-I"),
    Flag("age", "info", "Older adult.", "S-E"),
    Flag("renal", "major", "Reduced for CrCl 35.2.", "S-LYR"),
)
RESULT = DoseResult(
    drug_id="pregabalin", drug_title="Pregabalin", indication_id="herpes-zoster",
    indication_label="Postherpetic neuralgia", measure="crcl", measure_value=35.2,
    band=BandChoice("CrCl 30 to 60", True, "On a shared edge & gap."), daily_dose_mg=DoseRange(75, 300),
    single_dose_mg=150, frequency="in two or three divided doses", doses_per_day=(2, 3), max_daily_mg=300,
    avoid=False, flags=FLAGS, sources=("S-LYR", "", "S-B23-T6"), rule_text="Row CrCl 30 to 60.", verified=False,
    max_single_dose_mg=150,
)  # fmt: skip
APIXABAN = replace(
    RESULT, drug_id="apixaban", drug_title="Apixaban", indication_label="Treatment of DVT or PE", band=None,
    daily_dose_mg=DoseRange(10, 10), single_dose_mg=5, frequency="twice daily", doses_per_day=(2,),
    max_daily_mg=None, max_single_dose_mg=None, flags=(), sources=("S-APX",), verified=True,
    loading=LoadingPhase(7, 20, 2, "Loading phase: 10 mg twice a day on days 1 to 7 only, then 5 mg twice a day.",
                         "S-APX", "L2"),
)  # fmt: skip
AVOIDED = replace(
    RESULT, drug_title="Duloxetine", daily_dose_mg=None, single_dose_mg=None, max_daily_mg=None,
    max_single_dose_mg=None, avoid=True, frequency="Avoid: CrCl below 30.", flags=(), verified=True, band=None,
)  # fmt: skip

FLAG_ROWS = (
    f'<tr><td><b style="color:{RED}">CRITICAL</b></td><td>interaction</td><td>Do not combine &lt;x&gt;.</td>'
    "<td>S-I</td></tr>"
    f'<tr><td><b style="color:{RED}">MAJOR</b></td><td>renal</td><td>Reduced for CrCl 35.2.</td><td>S-LYR</td></tr>'
    f'<tr><td><b style="color:{AMBER}">MODERATE</b></td><td>beers</td><td>Reduce dose.</td><td>S-B23-T6</td></tr>'
    f'<tr><td><b style="color:{GREY}">INFO</b></td><td>age</td><td>Older adult.</td><td>S-E</td></tr>'
)
FLAGS_HTML = (
    f"<h3>Flags, most severe first</h3>{TABLE}<tr><th>Severity</th><th>Kind</th><th>Message</th><th>Source</th></tr>"
    f"{FLAG_ROWS}</table>"
)

SCHEDULE = Schedule(
    drug_id="pregabalin",
    steps=(
        ScheduledStep(1, 75, 3, 25, "25 mg three times daily", False),
        ScheduledStep(8, 150, 2, 75, "75 mg twice daily", False),
        ScheduledStep(22, 300, 1, 300, "the row's maximum", True),
    ),
    cap_mg=300,
    explanation="Scaled to this patient's row (75 to 300 mg).",
    source="S-LYR",
    status="L2",
)
REGIMEN = RegimenCheck("within range", 150, "150 mg a day is within 75 to 300 mg a day.")


def _rule(severity: str, message: str, action: str, source: str) -> InteractionRule:
    return InteractionRule("r", (), frozenset(), 0, severity, message, action, None, None, source, "G")


HITS = (
    InteractionHit(
        _rule("contraindicated", "Serotonin syndrome.", "Do not combine.", "S-1"), ("tramadol", "phenelzine")
    ),
    InteractionHit(_rule("major", "Seizures & serotonin.", "Avoid.", "S-2"), ("tramadol", "sertraline")),
    InteractionHit(_rule("moderate", "Drowsiness.", "Warn.", "S-3"), ("pregabalin", "tramadol", "sertraline")),
)
SERTRALINE = RegimenMedicine(
    EnteredMedicine("sertraline 50 mg od", "sertraline"), DrugIdentity("sertraline", frozenset())
)
UNKNOWN = RegimenMedicine(EnteredMedicine("zopiclon", "zopiclon"), None, ("zopiclone",))
UNKNOWN_MESSAGE = (
    "'zopiclon' was not recognised, so it was NOT checked for interactions (nor counted in any opioid total). "
    "Did you mean 'zopiclone'? Check it yourself, or correct the name."
)
MME_LINES = (
    MmeLine("tramadol", "Tramadol", 200, "mg/day", 0.2, 40, "CDC-2022", "the regimen being checked"),
    MmeLine("fentanyl", "Fentanyl patch", 12, "mcg/h", 2.4, 28.8, "CDC-2022", "as entered", "transdermal patch"),
    MmeLine(
        "oxycodone",
        "Oxycodone",
        None,
        "mg/day",
        1.5,
        None,
        "CDC-2022",
        "not given",
        "no daily dose given (enter it in mg a day)",
    ),
    MmeLine("x", "Other", 3, "drops", None, None, "", "as entered", "no factor"),
)
MME_WORDS = [
    "Tramadol: 200 mg a day x 0.2 = 40 MME/day (dose: the regimen being checked; factor CDC-2022)",
    "Fentanyl patch: 12 micrograms an hour x 2.4 = 28.8 MME/day (dose: as entered; factor CDC-2022; transdermal patch)",
    "Oxycodone: dose unknown, NOT COUNTED: no daily dose given (enter it in mg a day) (dose: not given)",
    "Other: 3 drops, NOT COUNTED: no factor (dose: as entered)",
]
ALERTS = (
    OpioidAlert("moderate", "50 MME/day or more & rising.", "CDC-2022", "band"),
    OpioidAlert("info", "Discuss naloxone.", "CDC-2022", "naloxone"),
)
MME = MmeTotal(68.8, 68.8, MME_LINES[:2], (), ALERTS, "Estimates only.", "CDC-2022")
REVIEW = RegimenReview((SERTRALINE, UNKNOWN), HITS, MME)


def test_patient_rows_with_units_and_conversions() -> None:
    assert patient_rows(PATIENT, "adjusted") == ROWS
    other = replace(PATIENT, age=80.5, sex="male", dialysis="pd", heart_failure=False, child_pugh=None, other_drugs=(),
                    pregnant=True, breastfeeding=True, unstable_kidney_function=False, scr_mg_dl=0.85)  # fmt: skip
    assert [v for _, v in patient_rows(other, "actual")] == [
        "80.5 years", "male", "60.0 kg (132 lb)", "160.0 cm (63.0 in)", "0.85 mg/dL (75.1 µmol/L)",
        "peritoneal dialysis", "no", "normal / not given", "yes", "yes", "no", "none entered", "actual",
    ]  # fmt: skip
    assert patient_rows(replace(PATIENT, dialysis="none"), "actual")[5] == ("Dialysis", "none")


def test_other_drugs_as_entered_with_those_not_checked_marked() -> None:
    assert other_drugs_text(replace(PATIENT, other_drugs=("sertraline", "tramadol"))) == "sertraline, tramadol"
    assert other_drugs_text(replace(PATIENT, other_drugs=())) == "none entered"
    assert other_drugs_text(PATIENT, REVIEW) == "sertraline 50 mg od, zopiclon (NOT CHECKED: not recognised)"
    assert other_drugs_text(PATIENT, RegimenReview((), (), None)) == "none entered"
    assert patient_rows(PATIENT, "adjusted", REVIEW)[11] == (
        "Other drugs",
        "sertraline 50 mg od, zopiclon (NOT CHECKED: not recognised)",
    )


def test_kidney_figures_for_the_chosen_weight_with_the_working() -> None:
    assert kidney_html(KIDNEY) == (
        "<p><b>CrCl 35.2 mL/min</b> (Cockcroft-Gault, adjusted weight; actual 38.4, ideal 30.1, adjusted 35.2) · "
        "<b>eGFR 45.5 mL/min/1.73 m²</b> (CKD-EPI 2021; 41.9 mL/min for BSA 1.62 m²)</p>"
        "<p><b>Note:</b> Weight &lt; 120% of ideal &amp; adjusted.</p>"
        "<ul><li>CrCl = (140 - 75) x 55.4 kg</li><li>BSA 1.62 m²</li></ul>"
    )
    plain = replace(KIDNEY, weight_basis="ideal", weight_note="", working=())
    assert kidney_html(plain).startswith("<p><b>CrCl 30.1 mL/min</b> (Cockcroft-Gault, ideal weight;")
    assert kidney_html(plain).endswith("for BSA 1.62 m²)</p><ul></ul>")


def test_headline_range_single_dose_maximum_and_loading() -> None:
    assert headline(RESULT) == (
        "75 to 300 mg a day",
        " (150 mg per dose), in two or three divided doses; maximum 300 mg a day, at most 150 mg a dose",
    )
    assert headline(APIXABAN) == (
        "10 mg a day",
        " (5 mg per dose), twice daily. Loading phase: 10 mg twice a day on days 1 to 7 only, then 5 mg twice a day.",
    )
    only_single_cap = replace(RESULT, single_dose_mg=None, max_daily_mg=None)
    assert headline(only_single_cap) == ("75 to 300 mg a day", ", in two or three divided doses, at most 150 mg a dose")
    assert headline(AVOIDED) == ("AVOID Duloxetine", "")
    assert headline(replace(RESULT, daily_dose_mg=None)) == ("in two or three divided doses", "")


def test_the_result_in_html_with_the_unverified_warning_the_row_and_the_sources() -> None:
    assert sources_line(RESULT) == "S-LYR, S-B23-T6"
    assert result_html(RESULT) == (
        "<h2>Pregabalin — Postherpetic neuralgia</h2>"
        '<p style="font-size:x-large;"><b>75 to 300 mg a day</b> (150 mg per dose), in two or three divided doses; '
        "maximum 300 mg a day, at most 150 mg a dose</p>"
        f'<p style="color:{RED};"><b>Unverified figures shaped this result: check the current label.</b></p>'
        "<p><b>Rule applied:</b> CrCl 30 to 60 <b>(more conservative row chosen)</b>"
        "<br><small>On a shared edge &amp; gap.</small></p>"
        f"{FLAGS_HTML}<p><b>Sources:</b> S-LYR, S-B23-T6</p>"
    )


def test_an_avoided_result_a_result_without_a_dose_and_a_plain_row() -> None:
    assert result_html(AVOIDED) == (
        "<h2>Duloxetine — Postherpetic neuralgia</h2>"
        f'<p style="color:{RED}; font-size:x-large;"><b>⚠ AVOID Duloxetine</b></p>'
        "<p>No flags.</p><p><b>Sources:</b> S-LYR, S-B23-T6</p>"
    )
    no_dose = replace(AVOIDED, avoid=False, frequency="Apply to the painful area <4 times> a day.")
    assert result_html(no_dose) == (
        "<h2>Duloxetine — Postherpetic neuralgia</h2>"
        '<p style="font-size:large;"><b>Apply to the painful area &lt;4 times&gt; a day.</b></p>'
        "<p>No flags.</p><p><b>Sources:</b> S-LYR, S-B23-T6</p>"
    )
    plain_row = replace(RESULT, band=BandChoice("CrCl 30 to 60", False, ""), flags=(), verified=True)
    assert "<p><b>Rule applied:</b> CrCl 30 to 60</p><p>No flags.</p>" in result_html(plain_row)


def test_flags_most_severe_first_with_their_colours() -> None:
    assert flags_html(RESULT) == FLAGS_HTML
    assert flags_html(replace(RESULT, flags=())) == "<p>No flags.</p>"


def test_the_titration_table() -> None:
    assert schedule_html(SCHEDULE) == (
        "<h3>Titration</h3><p>Scaled to this patient&#x27;s row (75 to 300 mg). Source S-LYR.</p>"
        f"{TABLE}<tr><th>From</th><th>Total</th><th>Doses a day</th><th>Note</th></tr>"
        "<tr><td>Day 1</td><td>75 mg/day</td><td>3</td><td>25 mg three times daily</td></tr>"
        "<tr><td>Day 8</td><td>150 mg/day</td><td>2</td><td>75 mg twice daily</td></tr>"
        "<tr><td>Day 22</td><td>300 mg/day</td><td>1</td><td>the row&#x27;s maximum</td></tr></table>"
    )
    unverified = replace(SCHEDULE, status="U", steps=SCHEDULE.steps[:1], source="S-X")
    assert "Source S-X <b>(unverified)</b>.</p>" in schedule_html(unverified)
    assert schedule_html(replace(SCHEDULE, steps=(), explanation="Avoided: no titration.")) == (
        "<h3>Titration</h3><p>Avoided: no titration.</p>"
    )
    assert schedule_html(None) == ""


def test_the_regimen_check() -> None:
    assert regimen_html(REGIMEN) == (
        "<h3>Regimen check</h3><p><b>Within range.</b> 150 mg a day is within 75 to 300 mg a day.</p>"
    )
    assert regimen_html(None) == ""


def test_every_interaction_and_each_medicine_not_checked() -> None:
    assert regimen_interactions_html(REVIEW) == (
        "<h3>Interactions among all the patient's medicines, most severe first</h3>"
        f"{TABLE}<tr><th>Severity</th><th>Medicines</th><th>What to do</th><th>Source</th></tr>"
        f'<tr><td><b style="color:{RED}">CRITICAL</b></td><td>tramadol + phenelzine</td>'
        "<td>Serotonin syndrome. Do not combine.</td><td>S-1</td></tr>"
        f'<tr><td><b style="color:{RED}">MAJOR</b></td><td>tramadol + sertraline</td>'
        "<td>Seizures &amp; serotonin. Avoid.</td><td>S-2</td></tr>"
        f'<tr><td><b style="color:{AMBER}">MODERATE</b></td><td>pregabalin + tramadol + sertraline</td>'
        "<td>Drowsiness. Warn.</td><td>S-3</td></tr>"
        f'<tr><td><b style="color:{RED}">NOT CHECKED</b></td><td>zopiclon</td>'
        f"<td>{UNKNOWN_MESSAGE.replace(chr(39), '&#x27;')}</td><td></td></tr></table>"
    )


def test_no_interaction_section_without_medicines_and_a_sentence_without_hits() -> None:
    assert regimen_interactions_html(None) == ""
    assert regimen_interactions_html(RegimenReview((), (), MME)) == ""
    assert regimen_interactions_html(RegimenReview((SERTRALINE,), (), None)) == (
        "<h3>Interactions among all the patient's medicines, most severe first</h3>"
        "<p>No interaction is listed among these medicines.</p>"
    )
    only_hits = regimen_interactions_html(RegimenReview((), HITS[1:2], None))
    assert "<td>tramadol + sertraline</td>" in only_hits and "NOT CHECKED" not in only_hits


def test_each_opioid_line_with_its_dose_factor_and_source() -> None:
    total = MmeTotal(None, 68.8, MME_LINES, ("Oxycodone",), (), "", "")
    assert mme_lines(total) == MME_WORDS


def test_the_opioid_total_complete_incomplete_or_none() -> None:
    assert mme_html(MME) == (
        "<h3>Opioids: morphine-equivalent dose (MME/day)</h3>"
        "<p><b>Total: 68.8 MME/day</b> (oral morphine equivalents)</p>"
        f"<ul><li>{MME_WORDS[0]}</li><li>{MME_WORDS[1]}</li></ul>"
        f'<ul><li><b style="color:{AMBER}">MODERATE</b> 50 MME/day or more &amp; rising.</li>'
        f'<li><b style="color:{GREY}">INFO</b> Discuss naloxone.</li></ul>'
        "<p><small>Estimates only.</small></p>"
    )
    incomplete = replace(MME, total=None, known=40, lines=MME_LINES[:1], missing=("Oxycodone",), alerts=())
    assert mme_html(incomplete) == (
        "<h3>Opioids: morphine-equivalent dose (MME/day)</h3>"
        f'<p style="color:{RED};"><b>Total incomplete: at least 40 MME/day counted.</b> '
        "An opioid without a daily dose is not counted as zero; enter its dose.</p>"
        f"<ul><li>{MME_WORDS[0]}</li></ul><ul></ul><p><small>Estimates only.</small></p>"
    )
    none_counted = replace(incomplete, known=0, lines=(), missing=(), excluded=("Buprenorphine: excluded",))
    assert "<p><b>No MME total:</b> no opioid here is counted in MME totals (see below).</p><ul></ul>" in mme_html(
        none_counted
    )
    assert mme_html(None) == ""


def test_the_labels_rows_on_the_sheet_mark_the_patients_row_dark_on_light() -> None:
    drug = _drug()
    table = band_table_html(drug, RESULT)
    assert table.startswith(
        "<h3>The label's renal rows</h3><p>Rows as the label prints them, keyed on Cockcroft-Gault creatinine "
        "clearance (mL/min). Source S-R (Label 2020).</p>\n<table"
    )
    assert (
        '<tr bgcolor="#fff59d">\n<td bgcolor="#fff59d"><span style="color: #1b1b1b;"><strong>▶ CrCl 30 to 60</strong>'
        in table
    )
    assert '<td bgcolor="#fff59d"><span style="color: #1b1b1b;">75 to 300 mg a day</span></td>' in table
    assert table.count('<tr bgcolor="#fff59d">') == 1 and "CrCl below 15" in table
    unmarked = band_table_html(drug, replace(RESULT, band=None))
    assert "▶" not in unmarked and "bgcolor" not in unmarked and "CrCl 60 or more" in unmarked
    assert unmarked == "<h3>The label's renal rows</h3>" + markdown_to_html(
        "\n".join(line for line in _renal_lines(drug))
    )


def _renal_lines(drug: object) -> list[str]:
    from legpain_desktop.core.dosing.present import renal_markdown

    return renal_markdown(drug, None).splitlines()  # type: ignore[arg-type]


def test_no_label_rows_for_a_topical_drug_no_renal_rule_or_no_adjustment() -> None:
    drug = _drug()
    assert band_table_html(replace(drug, systemic=False), RESULT) == ""
    assert band_table_html(replace(drug, renal=None), RESULT) == ""
    assert drug.renal is not None
    assert band_table_html(replace(drug, renal=replace(drug.renal, no_adjustment=True)), RESULT) == ""


def test_sources_spelled_out_only_when_citations_are_given() -> None:
    citations = {"S-LYR": "Lyrica label & insert (2020)", "S-OTHER": "Unused."}
    assert cited_sources(RESULT, citations) == [("S-LYR", "Lyrica label & insert (2020)"), ("S-B23-T6", "")]
    assert cited_sources(RESULT, None) == [("S-LYR", ""), ("S-B23-T6", "")]
    assert sources_html(RESULT, citations) == (
        "<h3>Sources</h3><ul><li><b>S-LYR</b>: Lyrica label &amp; insert (2020)</li><li><b>S-B23-T6</b></li></ul>"
    )
    assert sources_html(RESULT, None) == "" and sources_html(RESULT, {}) == ""


def test_the_whole_sheet_in_order() -> None:
    drug = _drug()
    citations = {"S-LYR": "Lyrica label."}
    sheet = dosing_sheet_html(PATIENT, KIDNEY, RESULT, SCHEDULE, REGIMEN, ("Title", "Disclaimer <b>"), drug,
                              citations, "BMI 31 & obese.", REVIEW)  # fmt: skip
    inputs = "".join(
        f"<tr><td>{k}</td><td>{v}</td></tr>"
        for k, v in [
            *ROWS[:11],
            ("Other drugs", "sertraline 50 mg od, zopiclon (NOT CHECKED: not recognised)"),
            ROWS[12],
        ]
    )
    assert sheet == (
        "<p><small>Title</small></p><p><small>Disclaimer &lt;b&gt;</small></p>"
        + result_html(RESULT)
        + mme_html(MME)
        + regimen_interactions_html(REVIEW)
        + "<p><b>Weight basis:</b> BMI 31 &amp; obese.</p>"
        + band_table_html(drug, RESULT)
        + schedule_html(SCHEDULE)
        + regimen_html(REGIMEN)
        + "<h3>Kidney function and working</h3>"
        + kidney_html(KIDNEY)
        + '<h3>Patient inputs</h3><table border="1" cellspacing="0" cellpadding="4">'
        + inputs
        + "</table>"
        + "<h3>Sources</h3><ul><li><b>S-LYR</b>: Lyrica label.</li><li><b>S-B23-T6</b></li></ul>"
    )


def test_the_bare_sheet_has_only_the_result_kidney_and_inputs() -> None:
    sheet = dosing_sheet_html(replace(PATIENT, other_drugs=()), KIDNEY, RESULT)
    inputs = "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in [*ROWS[:11], ("Other drugs", "none entered"),
                                                                         ROWS[12]])  # fmt: skip
    assert sheet == (
        result_html(RESULT)
        + "<h3>Kidney function and working</h3>"
        + kidney_html(KIDNEY)
        + '<h3>Patient inputs</h3><table border="1" cellspacing="0" cellpadding="4">'
        + inputs
        + "</table>"
    )


PATIENT_LINE = (
    "Patient: Age 75 years; Sex female; Weight 60.0 kg (132 lb); Height 160.0 cm (63.0 in); "
    "Serum creatinine 1.2 mg/dL (106.1 µmol/L); Dialysis haemodialysis; Heart failure yes; "
    "Liver (Child-Pugh) B; Pregnant no; Breastfeeding no; Kidney function changing (AKI) yes; "
)
KIDNEY_LINES = [
    "Kidney: CrCl 35.2 mL/min (Cockcroft-Gault, adjusted weight); eGFR 45.5 mL/min/1.73 m² (CKD-EPI 2021)",
    "  Note: Weight < 120% of ideal & adjusted.",
    "  CrCl = (140 - 75) x 55.4 kg",
    "  BSA 1.62 m²",
]
MEDICINE_LINES = [
    "Interactions among all the patient's medicines, most severe first:",
    "  CRITICAL tramadol + phenelzine: Serotonin syndrome. Do not combine. (S-1)",
    "  MAJOR tramadol + sertraline: Seizures & serotonin. Avoid. (S-2)",
    "  MODERATE pregabalin + tramadol + sertraline: Drowsiness. Warn. (S-3)",
    f"  NOT CHECKED zopiclon: {UNKNOWN_MESSAGE}",
    "Opioids, morphine-equivalent dose: 68.8 MME/day",
    f"  {MME_WORDS[0]}",
    f"  {MME_WORDS[1]}",
    "  MODERATE 50 MME/day or more & rising.",
    "  INFO Discuss naloxone.",
    "  Estimates only.",
]


def test_the_whole_note_for_the_record() -> None:
    note = dosing_note_text(PATIENT, KIDNEY, RESULT, SCHEDULE, REGIMEN, ("Title", "Disclaimer."),
                            {"S-LYR": "Lyrica label."}, REVIEW)  # fmt: skip
    expected = [
        "Title",
        "Disclaimer.",
        "",
        "Pregabalin — Postherpetic neuralgia",
        "Result: 75 to 300 mg a day (150 mg per dose), in two or three divided doses; maximum 300 mg a day, "
        "at most 150 mg a dose",
        "WARNING: Unverified figures shaped this result: check the current label.",
        "Rule applied: CrCl 30 to 60 (more conservative row chosen) — On a shared edge & gap.",
        "Flags, most severe first:",
        "  CRITICAL interaction: Do not combine <x>. (S-I)",
        "  MAJOR renal: Reduced for CrCl 35.2. (S-LYR)",
        "  MODERATE beers: Reduce dose. (S-B23-T6)",
        "  INFO age: Older adult. (S-E)",
        "Titration: Scaled to this patient's row (75 to 300 mg).",
        "  Day 1: 75 mg a day in 3 doses — 25 mg three times daily",
        "  Day 8: 150 mg a day in 2 doses — 75 mg twice daily",
        "  Day 22: 300 mg a day in 1 dose — the row's maximum",
        "Regimen check: Within range. 150 mg a day is within 75 to 300 mg a day.",
        *MEDICINE_LINES,
        *KIDNEY_LINES,
        PATIENT_LINE + "Other drugs sertraline 50 mg od, zopiclon (NOT CHECKED: not recognised); "
        "Weight for Cockcroft-Gault adjusted",
        "Sources:",
        "  S-LYR: Lyrica label.",
        "  S-B23-T6",
    ]
    assert note == "\n".join(expected) + "\n"


def test_the_bare_note() -> None:
    bare = replace(RESULT, verified=True, band=None, flags=())
    plain_kidney = replace(KIDNEY, weight_note="", working=())
    note = dosing_note_text(PATIENT, plain_kidney, bare)
    assert note == (
        "Pregabalin — Postherpetic neuralgia\n"
        "Result: 75 to 300 mg a day (150 mg per dose), in two or three divided doses; maximum 300 mg a day, "
        "at most 150 mg a dose\n"
        "Flags: none.\n"
        f"{KIDNEY_LINES[0]}\n"
        f"{PATIENT_LINE}Other drugs sertraline; Weight for Cockcroft-Gault adjusted\n"
        "Sources:\n  S-LYR\n  S-B23-T6\n"
    )
    plain_row = replace(bare, band=BandChoice("CrCl 30 to 60", False, ""))
    assert "\nRule applied: CrCl 30 to 60\nFlags: none.\n" in dosing_note_text(PATIENT, plain_kidney, plain_row)
    empty = replace(SCHEDULE, steps=(), explanation="Avoided.")
    assert "\nFlags: none.\nTitration: Avoided.\nKidney: " in dosing_note_text(PATIENT, plain_kidney, bare, empty)


def test_the_medicines_in_the_note() -> None:
    assert medicines_text(REVIEW) == MEDICINE_LINES
    assert medicines_text(RegimenReview((SERTRALINE,), (), None)) == []
    assert medicines_text(RegimenReview((UNKNOWN,), (), None)) == [
        "Interactions among all the patient's medicines, most severe first:",
        f"  NOT CHECKED zopiclon: {UNKNOWN_MESSAGE}",
    ]
    incomplete = replace(MME, total=None, known=40, lines=MME_LINES[:1], missing=("Oxycodone: dose unknown",),
                         alerts=())  # fmt: skip
    assert medicines_text(RegimenReview((), (), incomplete)) == [
        "Opioids, morphine-equivalent dose: incomplete: at least 40 MME/day counted; Oxycodone: dose unknown",
        f"  {MME_WORDS[0]}",
        "  Estimates only.",
    ]
