"""The dosing sheet: patient inputs, kidney working, the result, the rule, flags and sources.

One HTML rendering serves the calculator panel, printing and PDF, so what is printed is what
was shown; a plain-text note with the same wording is for pasting into the patient's record.
The basis is always visible: formula, inputs with units, rule applied and source.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from legpain_desktop.core.dosing.calculator import DoseResult
from legpain_desktop.core.dosing.opioids import UNIT_WORDS, MmeTotal, format_mme
from legpain_desktop.core.dosing.patient import Patient
from legpain_desktop.core.dosing.present import mark_patient_row, renal_markdown
from legpain_desktop.core.dosing.regimen import RegimenReview
from legpain_desktop.core.dosing.renal import KidneyFunction
from legpain_desktop.core.dosing.schema import DrugDosing
from legpain_desktop.core.dosing.titration import RegimenCheck, Schedule
from legpain_desktop.core.dosing.vocabulary import DIALYSIS_NAMES, INTERACTION_SEVERITY, format_daily_range
from legpain_desktop.core.render import LIGHT, markdown_to_html

SEVERITY_WORDS = {"critical": "CRITICAL", "major": "MAJOR", "moderate": "MODERATE", "info": "INFO"}
# The printable (light) colours, from the one palette; the GUI swaps them for the theme in force
# (gui/dosing/sheet_view.themed_sheet), so no colour is written here twice.
SEVERITY_COLOURS = {
    "critical": LIGHT.danger_border,
    "major": LIGHT.danger_border,
    "moderate": LIGHT.warning_border,
    "info": LIGHT.muted,
}


def _e(text: object) -> str:
    return html.escape(str(text))


def other_drugs_text(patient: Patient, medicines: RegimenReview | None = None) -> str:
    """The other drugs as entered; those not recognised are marked as not checked."""
    if medicines is None:
        return ", ".join(patient.other_drugs) or "none entered"
    names = [m.entered.text + ("" if m.checked else " (NOT CHECKED: not recognised)") for m in medicines.medicines]
    return ", ".join(names) or "none entered"


def patient_rows(patient: Patient, weight_basis: str, medicines: RegimenReview | None = None) -> list[tuple[str, str]]:
    rows = [
        ("Age", f"{patient.age:g} years"),
        ("Sex", patient.sex),
        ("Weight", f"{patient.weight_kg:.1f} kg ({patient.weight_kg / 0.45359237:.0f} lb)"),
        ("Height", f"{patient.height_cm:.1f} cm ({patient.height_in:.1f} in)"),
        ("Serum creatinine", f"{patient.scr_mg_dl:.4g} mg/dL ({patient.scr_umol_l:.1f} µmol/L)"),
        ("Dialysis", DIALYSIS_NAMES[patient.dialysis]),
        ("Heart failure", "yes" if patient.heart_failure else "no"),
        ("Liver (Child-Pugh)", patient.child_pugh or "normal / not given"),
        ("Pregnant", "yes" if patient.pregnant else "no"),
        ("Breastfeeding", "yes" if patient.breastfeeding else "no"),
        ("Kidney function changing (AKI)", "yes" if patient.unstable_kidney_function else "no"),
        ("Other drugs", other_drugs_text(patient, medicines)),
        ("Weight for Cockcroft-Gault", weight_basis),
    ]
    return rows


def kidney_html(kidney: KidneyFunction) -> str:
    items = "".join(f"<li>{_e(line)}</li>" for line in kidney.working)
    note = f"<p><b>Note:</b> {_e(kidney.weight_note)}</p>" if kidney.weight_note else ""
    return (
        f"<p><b>CrCl {kidney.crcl:g} mL/min</b> (Cockcroft-Gault, {kidney.weight_basis} weight; "
        f"actual {kidney.crcl_actual:g}, ideal {kidney.crcl_ideal:g}, adjusted {kidney.crcl_adjusted:g}) · "
        f"<b>eGFR {kidney.egfr_indexed:g} mL/min/1.73 m²</b> (CKD-EPI 2021; {kidney.egfr_absolute:g} mL/min "
        f"for BSA {kidney.bsa_m2:g} m²)</p>{note}<ul>{items}</ul>"
    )


UNVERIFIED_WARNING = "Unverified figures shaped this result: check the current label."
CONSERVATIVE_NOTE = "(more conservative row chosen)"


BINDING_CAP_LABEL = "Maximum lowered by"  # the cap that binds below the kidney row: liver, weight, age or interaction


def headline(result: DoseResult) -> tuple[str, str]:
    """The result in words, as (the part to stress, the rest): the same on screen and on paper."""
    if result.avoid:
        return f"AVOID {result.drug_title}", ""
    if result.daily_dose_mg is not None:
        single = f" ({result.single_dose_mg:g} mg per dose)" if result.single_dose_mg is not None else ""
        maximum = f"; maximum {result.max_daily_mg:g} mg a day" if result.max_daily_mg is not None else ""
        if result.max_single_dose_mg is not None:
            maximum += f", at most {result.max_single_dose_mg:g} mg a dose"
        if result.max_doses_per_day is not None:
            maximum += f", at most {result.max_doses_per_day} doses a day"
        loading = f". {result.loading.text}" if result.loading is not None else ""
        return format_daily_range(result.daily_dose_mg), f"{single}, {result.frequency}{maximum}{loading}"
    return result.frequency, ""


def sources_line(result: DoseResult) -> str:
    return ", ".join(s for s in result.sources if s)


def result_html(result: DoseResult) -> str:
    stressed, rest = headline(result)
    if result.avoid:
        top = f'<p style="color:{SEVERITY_COLOURS["critical"]}; font-size:x-large;"><b>⚠ {_e(stressed)}</b></p>'
    elif result.daily_dose_mg is not None:
        top = f'<p style="font-size:x-large;"><b>{_e(stressed)}</b>{_e(rest)}</p>'
    else:
        top = f'<p style="font-size:large;"><b>{_e(stressed)}</b></p>'
    danger = SEVERITY_COLOURS["critical"]
    verified = "" if result.verified else f'<p style="color:{danger};"><b>{UNVERIFIED_WARNING}</b></p>'
    band = ""
    if result.band is not None:
        conservative = f" <b>{CONSERVATIVE_NOTE}</b>" if result.band.conservative else ""
        note = f"<br><small>{_e(result.band.note)}</small>" if result.band.note else ""
        band = f"<p><b>Rule applied:</b> {_e(result.band.label)}{conservative}{note}</p>"
    if result.binding_cap:
        band += f"<p><b>{BINDING_CAP_LABEL}:</b> {_e(result.binding_cap)}</p>"
    return (
        f"<h2>{_e(result.drug_title)} — {_e(result.indication_label)}</h2>{top}{verified}{band}"
        f"{flags_html(result)}<p><b>Sources:</b> {_e(sources_line(result))}</p>"
    )


def flags_html(result: DoseResult) -> str:
    if not result.flags:
        return "<p>No flags.</p>"
    rows = []
    for f in result.flags_by_severity():
        colour = SEVERITY_COLOURS[f.severity]
        rows.append(
            f'<tr><td><b style="color:{colour}">{SEVERITY_WORDS[f.severity]}</b></td><td>{_e(f.kind)}</td>'
            f"<td>{_e(f.message)}</td><td>{_e(f.source)}</td></tr>"
        )
    return (
        '<h3>Flags, most severe first</h3><table width="100%" border="1" cellspacing="0" cellpadding="4">'
        "<tr><th>Severity</th><th>Kind</th><th>Message</th><th>Source</th></tr>" + "".join(rows) + "</table>"
    )


def schedule_html(schedule: Schedule | None) -> str:
    if schedule is None:
        return ""
    if not schedule.steps:
        return f"<h3>Titration</h3><p>{_e(schedule.explanation)}</p>"
    rows = "".join(
        f"<tr><td>Day {s.day}</td><td>{s.daily_mg:g} mg/day</td><td>{s.doses_per_day}</td><td>{_e(s.note)}</td></tr>"
        for s in schedule.steps
    )
    unverified = " <b>(unverified)</b>" if schedule.status == "U" else ""
    return (
        f"<h3>Titration</h3><p>{_e(schedule.explanation)} Source {_e(schedule.source)}{unverified}.</p>"
        '<table width="100%" border="1" cellspacing="0" cellpadding="4">'
        f"<tr><th>From</th><th>Total</th><th>Doses a day</th><th>Note</th></tr>{rows}</table>"
    )


def regimen_html(check: RegimenCheck | None) -> str:
    if check is None:
        return ""
    return f"<h3>Regimen check</h3><p><b>{_e(check.verdict.capitalize())}.</b> {_e(check.reason)}</p>"


def regimen_interactions_html(medicines: RegimenReview | None) -> str:
    """Every interaction among all the patient's medicines (the dosed drug and the others), most severe first."""
    if medicines is None or (not medicines.medicines and not medicines.interactions):
        return ""
    rows = []
    for hit in medicines.interactions:
        severity = INTERACTION_SEVERITY[hit.rule.severity]
        rows.append(
            f'<tr><td><b style="color:{SEVERITY_COLOURS[severity]}">{SEVERITY_WORDS[severity]}</b></td>'
            f"<td>{_e(' + '.join(hit.drugs))}</td><td>{_e(hit.rule.message)} {_e(hit.rule.action)}</td>"
            f"<td>{_e(hit.rule.source)}</td></tr>"
        )
    for m in medicines.unchecked:
        rows.append(
            f'<tr><td><b style="color:{SEVERITY_COLOURS["major"]}">NOT CHECKED</b></td><td>{_e(m.entered.text)}</td>'
            f"<td>{_e(m.unchecked_message())}</td><td></td></tr>"
        )
    table = (
        '<table width="100%" border="1" cellspacing="0" cellpadding="4">'
        "<tr><th>Severity</th><th>Medicines</th><th>What to do</th><th>Source</th></tr>" + "".join(rows) + "</table>"
        if rows
        else "<p>No interaction is listed among these medicines.</p>"
    )
    return "<h3>Interactions among all the patient's medicines, most severe first</h3>" + table


def mme_lines(mme: MmeTotal) -> list[str]:
    """Each opioid's part of the total in words: dose, factor and source, or why it is not counted."""
    out = []
    for line in mme.lines:
        amount = (
            f"{line.amount:g} {UNIT_WORDS.get(line.unit, line.unit)}" if line.amount is not None else "dose unknown"
        )
        if line.mme is not None:
            note = f"; {line.note}" if line.note else ""
            out.append(
                f"{line.name}: {amount} x {line.factor:g} = {format_mme(line.mme)} MME/day "
                f"(dose: {line.basis}; factor {line.source}{note})"
            )
        else:
            out.append(f"{line.name}: {amount}, NOT COUNTED: {line.note} (dose: {line.basis})")
    return out


def mme_html(mme: MmeTotal | None) -> str:
    if mme is None:
        return ""
    if mme.total is not None:
        total = f"<p><b>Total: {format_mme(mme.total)} MME/day</b> (oral morphine equivalents)</p>"
    elif mme.complete:
        total = "<p><b>No MME total:</b> no opioid here is counted in MME totals (see below).</p>"
    else:
        total = (
            f'<p style="color:{SEVERITY_COLOURS["critical"]};">'
            f"<b>Total incomplete: at least {format_mme(mme.known)} MME/day counted.</b> "
            "An opioid without a daily dose is not counted as zero; enter its dose.</p>"
        )
    items = "".join(f"<li>{_e(line)}</li>" for line in mme_lines(mme))
    alerts = "".join(
        f'<li><b style="color:{SEVERITY_COLOURS[a.severity]}">{SEVERITY_WORDS[a.severity]}</b> {_e(a.message)}</li>'
        for a in mme.alerts
    )
    return (
        f"<h3>Opioids: morphine-equivalent dose (MME/day)</h3>{total}<ul>{items}</ul><ul>{alerts}</ul>"
        f"<p><small>{_e(mme.disclaimer)}</small></p>"
    )


def band_table_html(drug: DrugDosing, result: DoseResult) -> str:
    """The label's renal rows with the row used for this patient marked."""
    if not drug.systemic or drug.renal is None or drug.renal.no_adjustment:
        return ""
    highlight = result.band.label if result.band is not None else None
    table = markdown_to_html(renal_markdown(drug, highlight))
    # The sheet is also printed, so its shade is the light one; its text is set dark to match, or
    # the row would be light text on yellow in the dark theme.
    return "<h3>The label's renal rows</h3>" + mark_patient_row(table, LIGHT.highlight_bg, LIGHT.text)


def dosing_sheet_html(
    patient: Patient,
    kidney: KidneyFunction,
    result: DoseResult,
    schedule: Schedule | None = None,
    regimen: RegimenCheck | None = None,
    header: Sequence[str] = (),
    drug: DrugDosing | None = None,
    citations: Mapping[str, str] | None = None,
    obesity_note: str = "",
    medicines: RegimenReview | None = None,
) -> str:
    """The whole sheet. ``header`` lines (title, content version, date, disclaimer) go on top;
    ``citations`` spell out the source keys at the foot, for paper read away from the app;
    ``medicines`` adds every interaction among all the patient's medicines and the opioid total."""
    head = "".join(f"<p><small>{_e(line)}</small></p>" for line in header)
    bands = band_table_html(drug, result) if drug is not None else ""
    inputs = "".join(
        f"<tr><td>{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in patient_rows(patient, kidney.weight_basis, medicines)
    )
    obesity = f"<p><b>Weight basis:</b> {_e(obesity_note)}</p>" if obesity_note else ""
    mme = mme_html(medicines.mme) if medicines is not None else ""
    return (
        f"{head}{result_html(result)}{mme}{regimen_interactions_html(medicines)}{obesity}{bands}"
        f"{schedule_html(schedule)}{regimen_html(regimen)}"
        f"<h3>Kidney function and working</h3>{kidney_html(kidney)}"
        '<h3>Patient inputs</h3><table border="1" cellspacing="0" cellpadding="4">' + inputs + "</table>"
        f"{sources_html(result, citations)}"
    )


def cited_sources(result: DoseResult, citations: Mapping[str, str] | None) -> list[tuple[str, str]]:
    """Each source key of the result with its citation ("" where none is known)."""
    named = citations or {}
    return [(key, named.get(key, "")) for key in result.sources if key]


def sources_html(result: DoseResult, citations: Mapping[str, str] | None) -> str:
    if not citations:
        return ""
    items = "".join(
        f"<li><b>{_e(key)}</b>{': ' + _e(text) if text else ''}</li>" for key, text in cited_sources(result, citations)
    )
    return f"<h3>Sources</h3><ul>{items}</ul>"


def dosing_note_text(
    patient: Patient,
    kidney: KidneyFunction,
    result: DoseResult,
    schedule: Schedule | None = None,
    regimen: RegimenCheck | None = None,
    header: Sequence[str] = (),
    citations: Mapping[str, str] | None = None,
    medicines: RegimenReview | None = None,
) -> str:
    """The sheet as plain text, for the patient's record: result, rule, flags, kidney working,
    inputs with units and sources, under ``header`` lines (title, content version, disclaimer).
    ``citations`` spells out source keys (``S-LYR``) for a reader without the app."""
    stressed, rest = headline(result)
    lines = [*header, *([""] if header else []), f"{result.drug_title} — {result.indication_label}"]
    lines.append(f"Result: {stressed}{rest}")
    if not result.verified:
        lines.append(f"WARNING: {UNVERIFIED_WARNING}")
    if result.band is not None:
        conservative = f" {CONSERVATIVE_NOTE}" if result.band.conservative else ""
        note = f" — {result.band.note}" if result.band.note else ""
        lines.append(f"Rule applied: {result.band.label}{conservative}{note}")
    if result.binding_cap:
        lines.append(f"{BINDING_CAP_LABEL}: {result.binding_cap}")
    flags = result.flags_by_severity()
    lines.append("Flags, most severe first:" if flags else "Flags: none.")
    lines += [f"  {SEVERITY_WORDS[f.severity]} {f.kind}: {f.message} ({f.source})" for f in flags]
    if schedule is not None:
        lines.append(f"Titration: {schedule.explanation}")
        lines += [
            f"  Day {st.day}: {st.daily_mg:g} mg a day in {st.doses_per_day} dose{'' if st.doses_per_day == 1 else 's'}"
            f" — {st.note}"
            for st in schedule.steps
        ]
    if regimen is not None:
        lines.append(f"Regimen check: {regimen.verdict.capitalize()}. {regimen.reason}")
    if medicines is not None:
        lines += medicines_text(medicines)
    lines.append(
        f"Kidney: CrCl {kidney.crcl:g} mL/min (Cockcroft-Gault, {kidney.weight_basis} weight); "
        f"eGFR {kidney.egfr_indexed:g} mL/min/1.73 m² (CKD-EPI 2021)"
    )
    if kidney.weight_note:
        lines.append(f"  Note: {kidney.weight_note}")
    lines += [f"  {line}" for line in kidney.working]
    lines.append("Patient: " + "; ".join(f"{k} {v}" for k, v in patient_rows(patient, kidney.weight_basis, medicines)))
    lines.append("Sources:")
    lines += [f"  {key}: {text}" if text else f"  {key}" for key, text in cited_sources(result, citations)]
    return "\n".join(lines) + "\n"


def medicines_text(medicines: RegimenReview) -> list[str]:
    """The regimen view and the opioid total as plain-text lines (for the note for the record)."""
    lines = []
    if medicines.interactions or medicines.unchecked:
        lines.append("Interactions among all the patient's medicines, most severe first:")
        for hit in medicines.interactions:
            severity = SEVERITY_WORDS[INTERACTION_SEVERITY[hit.rule.severity]]
            lines.append(
                f"  {severity} {' + '.join(hit.drugs)}: {hit.rule.message} {hit.rule.action} ({hit.rule.source})"
            )
        lines += [f"  NOT CHECKED {m.entered.text}: {m.unchecked_message()}" for m in medicines.unchecked]
    mme = medicines.mme
    if mme is not None:
        lines.append(f"Opioids, morphine-equivalent dose: {mme.summary()}")
        lines += [f"  {line}" for line in mme_lines(mme)]
        lines += [f"  {SEVERITY_WORDS[a.severity]} {a.message}" for a in mme.alerts]
        lines.append(f"  {mme.disclaimer}")
    return lines
