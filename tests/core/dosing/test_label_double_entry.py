"""Double entry: the app's renal tables and indication maxima against an independent keying.

``review/label_tables.yaml`` was keyed from /work/shared/reference/dosing-facts.md by a second
reviewer *before* looking at ``content/``. This test compares it with the app's parsed data:
renal measure, no-adjustment flag, the rows (bounds, inclusivity, avoid, daily figures or per-kg
dose) and each app indication maximum (which must not exceed the keyed labelled maximum).

Every difference found is listed in ``KNOWN_DISAGREEMENTS`` with a one-line reason, so the suite
passes but each disagreement stays visible until the engineer settles it. The test fails on a new
difference *and* on a listed difference that has gone away (so the list never goes stale).

Dialysis rules are deliberately not compared (that schema is being changed). For the same reason
the app data is read with the schema's own ``parse_band``/``parse_indication`` rather than
``parse_drug``, whose dialysis validation is in flux.

Conventions of the keyed file: ``implicit: true`` marks a complement row the label implies but
does not print ("CrCl <30: X" implies "CrCl >=30: usual dose"); only its bounds and avoid flag
are compared, plus any figure the reviewer did key. For printed rows a figure the label does not
give (keyed null) must also be absent in the app.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from legpain_desktop.core.content import parse_monograph
from legpain_desktop.core.dosing.schema import Indication, RenalBand, parse_band, parse_indication
from tests.conftest import SHIPPED_CONTENT

KEYED_FILE = Path(__file__).parent / "review" / "label_tables.yaml"

# (drug id, field) -> why the app and the independent keying differ. Engineer to settle each one.
KNOWN_DISAGREEMENTS: dict[tuple[str, str], str] = {
    ("apixaban", "measure"): "settled: the app keys apixaban on CrCl rows from the EU SmPC; the US label has none",
    ("apixaban", "no_adjustment"): (
        "settled: the app uses the EU SmPC rows (caution 15 to 29, not recommended below 15), the more conservative "
        "of the two labels; the keying followed the US label (no renal rows for VTE)"
    ),
    ("aspirin", "no_adjustment"): (
        "keyed Beers T6 CrCl<30 avoid as rows (label has none); app keeps no_adjustment and puts it in a "
        "Beers T6 entry - both defensible"
    ),
    (
        "baclofen",
        "measure",
    ): "keyed eGFR (Beers T6 keys on eGFR<60); app renal block says crcl (its Beers entry uses egfr)",
    ("baclofen", "no_adjustment"): (
        "keyed Beers T6 eGFR<60 avoid as rows; app: US label, no bands (no_adjustment) + Beers T6 entry"
    ),
    ("statins", "no_adjustment"): (
        "keyed simvastatin (CrCl 15-29: start 5 mg/day); app doses atorvastatin (no renal adjustment) - different drug"
    ),
    ("pentoxifylline", "rows"): (
        "US label has only CrCl<30 -> 400 mg/day; app adds the unverified [U] non-US CrCl 30-80 -> 800 mg/day band"
    ),
    ("tizanidine", "rows"): (
        "label CrCl<25 gives no total (reduce individual doses) and no lower band; the app (pass 7 pharmacist review, "
        "2026-12-05: the unreduced 36 mg/day was a harm finding) avoids a new start below CrCl 15, as on dialysis, and "
        "caps CrCl 15-24 at 18 mg/day (half the usual maximum for the halved clearance), both marked U, not label"
    ),
    ("tramadol", "rows[0].daily_min"): "label CrCl<30 gives only q12h + max 200; app adds a 50 mg/day minimum",
    ("gabapentin", "indication:herpes-zoster"): (
        "Neurontin PHN dose is 1800 mg/day (no added benefit shown above); app max 3600 is the table ceiling"
    ),
    ("gabapentin", "indication:peripheral-neuropathy"): (
        "off-label; only labelled neuropathic use keyed (PHN 1800); app uses the 3600 table ceiling"
    ),
    ("statins", "indication:peripheral-artery-disease"): (
        "keyed simvastatin max 40 (80 restricted); app doses atorvastatin up to 80 - different drug"
    ),
}

# App indication id -> the keyed labelled use whose maximum applies (judgement made after opening
# content/: the app's leg-pain indications are often off-label uses dosed from a label).
INDICATION_MAP: dict[tuple[str, str], str] = {
    ("acetaminophen", "soft-tissue-contusion"): "pain/fever, Rx or IV, adult >=50 kg, all sources",
    ("acetaminophen", "knee-osteoarthritis"): "pain/fever, Rx or IV, adult >=50 kg, all sources",
    ("amitriptyline", "peripheral-neuropathy"): "neuropathic pain (off-label)",
    ("amitriptyline", "herpes-zoster"): "neuropathic pain (off-label)",
    ("apixaban", "deep-vein-thrombosis"): "VTE treatment, days 1-7 (10 mg BID)",
    ("aspirin", "peripheral-artery-disease"): "antiplatelet, symptomatic PAD (75-325 mg/day)",
    ("aspirin", "soft-tissue-contusion"): "analgesic, OTC (12 x 325 mg)",
    ("baclofen", "muscle-cramps"): "spasticity (MS, spinal cord); not for rheumatic muscle spasm",
    ("carbamazepine", "erythromelalgia"): "trigeminal neuralgia",
    ("cilostazol", "peripheral-artery-disease"): "intermittent claudication (100 mg BID)",
    ("clopidogrel", "peripheral-artery-disease"): "established PAD / recent MI or stroke (75 mg QD, no loading)",
    ("desipramine", "peripheral-neuropathy"): "neuropathic pain (off-label)",
    ("desipramine", "herpes-zoster"): "neuropathic pain (off-label)",
    ("diclofenac", "knee-osteoarthritis"): "osteoarthritis, sodium DR",
    ("diclofenac", "soft-tissue-contusion"): "pain, diclofenac potassium 50 mg TID",
    ("duloxetine", "peripheral-neuropathy"): "diabetic peripheral neuropathic pain",
    ("enoxaparin", "deep-vein-thrombosis"): "DVT treatment (1 mg/kg q12h, or inpatient 1.5 mg/kg q24h)",
    ("gabapentin", "herpes-zoster"): "postherpetic neuralgia (label efficacy range; table spans to 3600)",
    ("gabapentin", "peripheral-neuropathy"): "postherpetic neuralgia (label efficacy range; table spans to 3600)",
    ("ibuprofen", "soft-tissue-contusion"): "Rx: pain / OA / RA",
    ("ibuprofen", "knee-osteoarthritis"): "Rx: pain / OA / RA",
    ("ibuprofen", "rheumatoid-arthritis"): "Rx: pain / OA / RA",
    ("indomethacin", "knee-osteoarthritis"): "arthritis (titrated)",
    ("indomethacin", "gout"): "acute gout (50 mg TID)",
    ("mexiletine", "erythromelalgia"): "ventricular arrhythmia (label); neuropathic pain is off-label",
    ("morphine", "peripheral-neuropathy"): "pain, oral IR (15-30 mg q4h PRN start; no ceiling dose)",
    ("nimesulide", "soft-tissue-contusion"): "second-line acute pain, max 15 days (EU)",
    ("nortriptyline", "peripheral-neuropathy"): "neuropathic pain (off-label)",
    ("nortriptyline", "herpes-zoster"): "neuropathic pain (off-label)",
    ("pentoxifylline", "peripheral-artery-disease"): "intermittent claudication (400 mg TID)",
    ("pregabalin", "herpes-zoster"): "postherpetic neuralgia",
    ("pregabalin", "peripheral-neuropathy"): "diabetic peripheral neuropathy",
    ("rivaroxaban", "deep-vein-thrombosis"): "VTE treatment, days 1-21 (15 mg BID with food)",
    ("sertraline", "erythromelalgia"): "MDD / OCD / panic / PTSD / SAD",
    ("statins", "peripheral-artery-disease"): (
        "hyperlipidaemia / CV risk incl. PVD (80 mg only if already on it >=12 months)"
    ),
    ("tizanidine", "lumbosacral-radiculopathy"): "spasticity",
    ("tramadol", "peripheral-neuropathy"): "moderate to moderately severe pain (IR)",
}


@dataclass(frozen=True)
class AppDrug:
    measure: str | None
    no_adjustment: bool | None
    bands: tuple[RenalBand, ...]
    indications: tuple[Indication, ...]
    do_not_use: bool


def _keyed() -> dict[str, Any]:
    data = yaml.safe_load(KEYED_FILE.read_text(encoding="utf-8"))
    return dict(data["drugs"])


KEYED = _keyed()


def _app(drug_id: str) -> AppDrug:
    mono = parse_monograph(SHIPPED_CONTENT / "drugs" / f"{drug_id}.md")
    dosing = mono.meta.get("dosing") or {}
    indications = tuple(
        parse_indication(x, f"{drug_id}.dosing.indications[{i}]") for i, x in enumerate(dosing.get("indications") or [])
    )
    renal = dosing.get("renal")
    if renal is None:
        return AppDrug(None, None, (), indications, dosing.get("do_not_use") is not None)
    bands = tuple(parse_band(b, f"{drug_id}.dosing.renal.bands[{i}]") for i, b in enumerate(renal.get("bands") or []))
    return AppDrug(
        renal.get("measure"),
        bool(renal.get("no_adjustment", False)),
        bands,
        indications,
        dosing.get("do_not_use") is not None,
    )


def _lower_key(lower: float | None) -> float:
    return -math.inf if lower is None else float(lower)


def _band_max(band: RenalBand) -> float | None:
    if band.max_daily_mg is not None:
        return band.max_daily_mg
    return band.daily_mg.max if band.daily_mg is not None else None


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b))


def _compare_rows(keyed_rows: list[dict[str, Any]], bands: tuple[RenalBand, ...]) -> dict[str, str]:
    found: dict[str, str] = {}
    if len(keyed_rows) != len(bands):
        found["rows"] = f"keyed {len(keyed_rows)} rows, app {len(bands)} bands {[b.label for b in bands]}"
        return found
    mine = sorted(keyed_rows, key=lambda r: _lower_key(r["lower"]))
    theirs = sorted(bands, key=lambda b: _lower_key(b.lower))
    for i, (row, band) in enumerate(zip(mine, theirs, strict=True)):
        where = f"rows[{i}]"
        for bound in ("lower", "upper"):
            if not _same(row[bound], getattr(band, bound)):
                found[f"{where}.{bound}"] = f"keyed {row[bound]}, app {getattr(band, bound)} ({band.label})"
            elif row[bound] is not None and bool(row[f"{bound}_inclusive"]) != getattr(band, f"{bound}_inclusive"):
                found[f"{where}.{bound}_inclusive"] = (
                    f"keyed {row[f'{bound}_inclusive']}, app {getattr(band, f'{bound}_inclusive')} ({band.label})"
                )
        if bool(row.get("avoid")) != band.avoid:
            found[f"{where}.avoid"] = f"keyed {row.get('avoid')}, app {band.avoid} ({band.label})"
        implicit = bool(row.get("implicit"))
        if "mg_per_kg" in row:
            app_kg = (band.per_kg.mg_per_kg, band.per_kg.doses_per_day) if band.per_kg else (None, None)
            for name, value, got in (
                ("mg_per_kg", row["mg_per_kg"], app_kg[0]),
                ("doses_per_day", row["doses_per_day"], app_kg[1]),
            ):
                if not _same(value, got):
                    found[f"{where}.{name}"] = f"keyed {value}, app {got} ({band.label})"
            continue
        app_min = band.daily_mg.min if band.daily_mg is not None else None
        for name, value, got in (
            ("daily_min", row.get("daily_min"), app_min),
            ("daily_max", row.get("daily_max"), _band_max(band)),
        ):
            if implicit and value is None:
                continue  # complement row: "usual dose per indication"; figures are checked per indication
            if not _same(value, got):
                found[f"{where}.{name}"] = f"keyed {value}, app {got} ({band.label})"
    return found


def _compare_indications(drug_id: str, keyed: dict[str, Any], app: AppDrug) -> dict[str, str]:
    found: dict[str, str] = {}
    uses = {u["use"]: u for u in keyed.get("indications") or []}
    if any(u.get("avoid") for u in uses.values()) and not app.indications and not app.do_not_use:
        found["do_not_use"] = "keyed an 'avoid' use; the app neither lists indications nor says do not use"
    for ind in app.indications:
        use_name = INDICATION_MAP.get((drug_id, ind.indication))
        if use_name is None or use_name not in uses:
            found[f"indication:{ind.indication}"] = f"app indication not mapped to a keyed use ({use_name!r})"
            continue
        use = uses[use_name]
        if ind.per_kg is not None:
            app_value: float | None = ind.per_kg.mg_per_kg * ind.per_kg.doses_per_day
            limit = use.get("mg_per_kg_per_day")
        else:
            candidates = [
                v
                for v in (
                    ind.max_daily_mg,
                    ind.daily_mg.max if ind.daily_mg else None,
                    ind.loading.daily_mg if ind.loading else None,
                )
                if v is not None
            ]
            app_value = max(candidates) if candidates else None
            limit = use.get("daily_max")
        if limit is None:
            continue  # the label sets no ceiling for this use (e.g. oral morphine)
        if app_value is None or app_value > float(limit) + 1e-9:
            found[f"indication:{ind.indication}"] = f"app max {app_value} above keyed max {limit} ({use_name})"
    return found


def disagreements(drug_id: str) -> dict[str, str]:
    keyed = KEYED[drug_id]
    app = _app(drug_id)
    found: dict[str, str] = {}
    if app.no_adjustment is None:  # no renal block at all: only right for a do-not-use drug
        if not (app.do_not_use and keyed["measure"] is None and not keyed["rows"]):
            found["renal"] = "app has no renal block"
    else:
        both_unadjusted = keyed["no_adjustment"] and app.no_adjustment
        if not both_unadjusted and keyed["measure"] != app.measure:
            found["measure"] = f"keyed {keyed['measure']}, app {app.measure}"
        if bool(keyed["no_adjustment"]) != app.no_adjustment:
            found["no_adjustment"] = (
                f"keyed {keyed['no_adjustment']} ({len(keyed['rows'])} rows), app {app.no_adjustment} "
                f"({len(app.bands)} bands)"
            )
        else:
            found.update(_compare_rows(list(keyed["rows"]), app.bands))
    found.update(_compare_indications(drug_id, keyed, app))
    return found


def test_keyed_file_covers_the_brief() -> None:
    wanted = set(
        "acetaminophen amitriptyline apixaban aspirin baclofen carbamazepine cilostazol clopidogrel desipramine "
        "diclofenac duloxetine enoxaparin gabapentin ibuprofen indomethacin mexiletine morphine nimesulide "
        "nortriptyline pentoxifylline pregabalin quinine rivaroxaban sertraline statins tizanidine tramadol".split()
    )
    assert set(KEYED) == wanted
    for drug_id in wanted:
        assert (SHIPPED_CONTENT / "drugs" / f"{drug_id}.md").exists(), drug_id


def test_known_disagreements_name_keyed_drugs() -> None:
    assert {d for d, _ in KNOWN_DISAGREEMENTS} <= set(KEYED)
    assert {d for d, _ in INDICATION_MAP} <= set(KEYED)


@pytest.mark.parametrize("drug_id", sorted(KEYED))
def test_app_matches_independent_keying(drug_id: str) -> None:
    found = disagreements(drug_id)
    listed = {field for d, field in KNOWN_DISAGREEMENTS if d == drug_id}
    unexpected = {k: v for k, v in found.items() if k not in listed}
    settled = listed - set(found)
    assert not unexpected, f"{drug_id}: new disagreement(s) with the independent keying: {unexpected}"
    assert not settled, f"{drug_id}: listed disagreement(s) no longer occur; remove from KNOWN_DISAGREEMENTS: {settled}"
