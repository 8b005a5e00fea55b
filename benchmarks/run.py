"""Benchmark LegPain Desktop against the budgets in the performance issue.

Usage: python benchmarks/run.py [--quick] [--xvfb] [--json PATH] [--markdown PATH]

Measures, each as the median (or p50/p95) of repeated runs, with ratios to a floor measured in
the same run where one exists:

* cold start to the first paint of the main window (its shell: at its saved size and place,
  titled "LegPain Desktop — opening…", empty), against a bare PySide6 window with one
  QTextBrowser (the floor), in fresh processes, along the path the app starts by; and the time
  until the start page is painted in that same window (content verified, user data and settings
  opened, session restored, browse list and home page drawn); offscreen always,
  and with ``--xvfb`` also on a real X display (an Xvfb server this script starts, Qt's xcb
  platform), where mapping the window and the X round trips count as they do on a workstation;
* search latency per keystroke (typing real queries character by character), shipped corpus and
  a generated corpus of 10,000 monographs;
* differential recompute after a click, shipped and with 2,000 generated causes;
* monograph render (stored HTML to a painted view), p95 over all monographs;
* peak memory (max RSS) of the app against the floor;
* content build time, shipped and at 10,000 monographs.

Exits 1 when a budget is broken. Not part of CI: timings on shared machines are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BUDGETS = {  # issue 15: first paint at most 1.3x the floor, the start page painted at most 1.6x
    "startup_ratio": 1.3,
    "xvfb_startup_ratio": 1.3,
    "startup_page_ratio": 1.6,
    "xvfb_startup_page_ratio": 1.6,
    "search_p95_ms_shipped": 10.0,
    "search_p95_ms_10k": 30.0,
    "differential_p95_ms_shipped": 5.0,
    "differential_p95_ms_2000": 30.0,
    "render_p95_ms": 30.0,
    "memory_ratio": 1.6,
}
QUERIES = [
    "sciatica", "baker cyst", "deep vein thrombosis", "pregabalin", "claudication", "burning feet",
    "achilles rupture", "night pain weight loss", "Lyrica", "cramps", "shingles", "kidney dose",
]  # fmt: skip

CHILD = r"""
import json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
target, db, userdata = sys.argv[1], sys.argv[2], sys.argv[3]
os.environ["LEGPAIN_USER_DATA"] = userdata  # a new user: no saved session
if target == "app":
    import legpain_desktop.cli  # what the legpain-desktop command loads first
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
marks = {}
class FirstPaint(QObject):  # the same probe on both windows: time once the first paint is done
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not marks:
            QTimer.singleShot(0, lambda: marks.setdefault("painted", time.time()))
        return False
probe = FirstPaint()
if target == "floor":
    from PySide6.QtWidgets import QMainWindow, QTextBrowser
    app = QApplication([])
    window = QMainWindow()
    window.installEventFilter(probe)
    browser = QTextBrowser()
    window.setCentralWidget(browser)
    window.resize(1280, 820)
    window.show()
    browser.setHtml("<h1>Floor</h1><p>A bare window with one text browser.</p>")
    while not marks:
        app.processEvents()
    marks["page"] = marks["painted"]
else:
    from pathlib import Path
    from legpain_desktop.gui.app import launch
    app, window = launch(Path(db))  # the path legpain-desktop starts by, with --db as a bundle has
    window.installEventFilter(probe)
    while not marks:  # the window's first paint: its shell (saved size and place, "opening" title, empty)
        app.processEvents()
    while not window.built or window.view.current_id is None:  # then the content's panes and the home page
        app.processEvents()
    window.grab()
    marks["page"] = time.time()
    assert window.side_panel.browse_model.rowCount() == 5  # content listed: causes, drugs, algorithms, topics, leaflets
    window.close()  # as the user closes it: the session and colour scheme are kept for the next start
# VmHWM is this process's own peak (ru_maxrss on Linux carries the parent's peak across exec).
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(json.dumps({"t": marks["painted"], "page": marks["page"], "rss_kb": hwm}))
"""


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def startup(db: Path, runs: int, display: str | None = None) -> dict[str, Any]:
    """Start-up and memory against the floor, offscreen or (``display``) on an X server with xcb."""
    results: dict[str, list[dict[str, float]]] = {"floor": [], "app": []}
    # Like an installed app, the children may use and write compiled bytecode (one warm-up run
    # each writes it); this workplace sets PYTHONDONTWRITEBYTECODE, which would make every start
    # recompile our modules from source.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if display is not None:
        env.update({"QT_QPA_PLATFORM": "xcb", "DISPLAY": display})
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs + 1):
            for target in ("floor", "app"):  # interleaved so drift hits both alike
                start = time.time()
                out = subprocess.run(
                    [sys.executable, "-c", CHILD, target, str(db), tmp], capture_output=True, text=True, check=True,
                    cwd=ROOT, env=env,
                )  # fmt: skip
                data = json.loads(out.stdout.strip().splitlines()[-1])
                if run:  # the first round is the warm-up
                    results[target].append(
                        {"s": data["t"] - start, "page_s": data["page"] - start, "rss_mb": data["rss_kb"] / 1024}
                    )
    floor_s = statistics.median(r["s"] for r in results["floor"])
    app_s = statistics.median(r["s"] for r in results["app"])
    page_s = statistics.median(r["page_s"] for r in results["app"])
    floor_mb = statistics.median(r["rss_mb"] for r in results["floor"])
    app_mb = statistics.median(r["rss_mb"] for r in results["app"])
    return {
        "startup_floor_s": round(floor_s, 3),
        "startup_app_s": round(app_s, 3),
        "startup_ratio": round(app_s / floor_s, 2),
        "startup_page_s": round(page_s, 3),
        "startup_page_ratio": round(page_s / floor_s, 2),
        "memory_floor_mb": round(floor_mb, 1),
        "memory_app_mb": round(app_mb, 1),
        "memory_ratio": round(app_mb / floor_mb, 2),
    }


class Xvfb:
    """An X server of its own for the run (``with Xvfb() as display:``); 1920x1080, 24 bits."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.display = ""

    def __enter__(self) -> str:
        if shutil.which("Xvfb") is None:
            raise SystemExit("--xvfb needs Xvfb (Debian: apt-get install xvfb) and libxcb-cursor0")
        # -displayfd: the server picks a free display and writes its number when it is ready
        self.proc = subprocess.Popen(
            ["Xvfb", "-displayfd", "1", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        assert self.proc.stdout is not None
        number = self.proc.stdout.readline().decode().strip()
        if not number.isdigit():
            raise SystemExit("Xvfb did not start")
        self.display = f":{number}"
        return self.display

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def frozen_startup(dist: Path, runs: int) -> dict[str, Any]:
    """The packaged app (its own bundled database) against the floor packaged the same way, both
    reporting their first paint themselves (LEGPAIN_REPORT_START_UP), interleaved."""
    exe = ".exe" if os.name == "nt" else ""
    targets = {
        "floor": dist / "floor-app" / f"floor-app{exe}",
        "app": dist / "legpain-desktop" / f"legpain-desktop{exe}",
    }
    for path in targets.values():
        if not path.is_file():
            raise SystemExit(f"no {path}: build the bundles first (python scripts/frozen_smoke.py)")
    times: dict[str, list[tuple[float, float]]] = {"floor": [], "app": []}
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LEGPAIN_USER_DATA": tmp, "LEGPAIN_REPORT_START_UP": "1"}
        for run in range(runs + 1):
            for target, path in targets.items():
                start = time.time()
                out = subprocess.run([str(path)], capture_output=True, text=True, check=True, env=env, timeout=60)
                data = json.loads(out.stdout.strip().splitlines()[-1])
                if run:  # the first round is the warm-up
                    times[target].append((data["painted"] - start, data["page"] - start))
    floor_s = statistics.median(t for t, _ in times["floor"])
    app_s = statistics.median(t for t, _ in times["app"])
    page_s = statistics.median(p for _, p in times["app"])
    return {
        "frozen_startup_floor_s": round(floor_s, 3),
        "frozen_startup_app_s": round(app_s, 3),
        "frozen_startup_ratio": round(app_s / floor_s, 2),
        "frozen_startup_page_s": round(page_s, 3),
    }


def search_latency(db: Path, repeats: int) -> dict[str, float]:
    from legpain_desktop.core.db.repository import ContentRepository

    repo = ContentRepository(db)
    times = []
    for _ in range(repeats):
        for query in QUERIES:
            for i in range(1, len(query) + 1):
                t = time.perf_counter()
                repo.search(query[:i], limit=50)
                times.append((time.perf_counter() - t) * 1000)
    repo.close()
    return {"p50": round(pct(times, 50), 3), "p95": round(pct(times, 95), 3), "n": len(times)}


def differential_latency(db: Path, clicks: int) -> dict[str, float]:
    from legpain_desktop.core.db.repository import ContentRepository
    from legpain_desktop.core.differential import engine_from_repository

    repo = ContentRepository(db)
    engine = engine_from_repository(repo)
    ids = sorted(engine.finding_ids)
    rng = random.Random(7)  # noqa: S311 - reproducible test data, not security
    selection: list[str] = []
    times = []
    for _ in range(clicks):
        fid = rng.choice(ids)
        if fid in selection:
            selection.remove(fid)
        else:
            selection.append(fid)
        if len(selection) > 8:
            selection.pop(0)
        t = time.perf_counter()
        engine.compute(selection)
        times.append((time.perf_counter() - t) * 1000)
    repo.close()
    return {"p50": round(pct(times, 50), 3), "p95": round(pct(times, 95), 3), "causes": len(engine.causes)}


def render_latency(db: Path) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from legpain_desktop.core.db.userdata import UserData
    from legpain_desktop.core.integrity import verify_database
    from legpain_desktop.gui.app import build_main_window, make_settings

    app = QApplication.instance() or QApplication([])
    repo, manifest = verify_database(db)
    window = build_main_window(repo, manifest, UserData(None), make_settings())
    window.resize(1280, 820)
    window.show()
    app.processEvents()  # type: ignore[union-attr]
    # Warm-up: the first algorithm builds the flow-diagram widget once; that is start-up work,
    # not rendering a page.
    window.open_monograph(next(m.id for m in repo.list_monographs("algorithm")))
    times = []
    for item in repo.list_monographs():
        t = time.perf_counter()
        window.open_monograph(item.id)
        window.view.viewport().grab()  # paint the page
        times.append((time.perf_counter() - t) * 1000)
    window.close()
    return {"p50": round(pct(times, 50), 3), "p95": round(pct(times, 95), 3), "n": len(times)}


def in_fresh_process(kind: str, db: Path, amount: int) -> dict[str, float]:
    """Run one latency measurement in a process of its own, as in the app: not beside the
    generated corpus this script holds in memory (its garbage collections would add noise)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--measure", kind, str(db), str(amount)],
        capture_output=True, text=True, check=True, env=env, cwd=ROOT,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


LINK = re.compile(r"\[([^\]]*)\]\((?:cause|drug|algorithm|topic|leaflet):[^)]*\)")
REF = re.compile(r"\s*\[\[ref:[^\]]*\]\]")


def generate_corpus(target: Path, monographs: int, causes: int) -> None:
    """A synthetic corpus built from the shipped text: ``causes`` causes, the rest topics."""
    import yaml

    from legpain_desktop.core.content import load_corpus

    shipped = load_corpus(ROOT / "content")
    bodies = [REF.sub("", LINK.sub(r"\1", m.body)) for m in shipped.monographs.values()]
    findings = sorted(shipped.finding_ids)
    for kind in ("causes", "drugs", "algorithms", "topics"):
        (target / kind).mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "content" / "findings.yaml", target / "findings.yaml")
    rng = random.Random(11)  # noqa: S311 - reproducible test data, not security
    sections = "\n\n".join(f"## {h}\n\nText." for h in ("Overview", "Typical presentation", "Red flags",
                                                          "Assessment", "Management", "When to refer"))  # fmt: skip
    ref = [{"key": "r", "citation": "Generated reference.", "year": 2020, "type": "review"}]
    for i in range(monographs):
        is_cause = i < causes
        mid = f"gen-{i:05d}"
        words = bodies[i % len(bodies)].split()
        rng.shuffle(words)
        front: dict[str, Any] = {
            "id": mid, "kind": "cause" if is_cause else "topic", "title": f"Generated {' '.join(words[:3])} {i}",
            "summary": " ".join(words[3:15]), "synonyms": [words[15], words[16]], "related": [],
            "reviewed": "2026-11-22", "references": ref,
        }  # fmt: skip
        if is_cause:
            urgency = rng.choice(["routine", "routine", "urgent", "emergency"])
            front.update(
                urgency=urgency,
                referral=f"{urgency.capitalize()}: generated referral phrase.",
                prevalence=rng.choice(["common", "uncommon", "rare"]),
                findings={f: rng.choice([1, 2, 3]) for f in rng.sample(findings, 8)},
            )
            body = sections + "\n\n" + " ".join(words[:300])
        else:
            body = "## About\n\n" + " ".join(words[:400])
        folder = "causes" if is_cause else "topics"
        text = "---\n" + yaml.safe_dump(front, sort_keys=False) + "---\n" + body + "\n"
        (target / folder / f"{mid}.md").write_text(text, encoding="utf-8")


def build_time(content: Path, out: Path) -> float:
    from legpain_desktop.core.db.build import build_database

    t = time.perf_counter()
    build_database(content, out)
    return round(time.perf_counter() - t, 2)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        cpu = model
    except (OSError, StopIteration):
        pass
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (for a smoke run)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--markdown", type=Path, help="write BENCHMARKS.md-style results here")
    parser.add_argument(
        "--frozen",
        type=Path,
        metavar="DIST",
        help="also time the packaged app against the packaged floor, from DIST (dist/ after scripts/frozen_smoke.py)",
    )
    parser.add_argument(
        "--xvfb", action="store_true", help="also time start-up on a real X display (starts Xvfb; Qt's xcb platform)"
    )
    parser.add_argument("--measure", nargs=3, metavar=("KIND", "DB", "AMOUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        kind, db, amount = args.measure[0], Path(args.measure[1]), int(args.measure[2])
        os.environ["LEGPAIN_USER_DATA"] = tempfile.mkdtemp(prefix="legpain-bench-ud-")
        measures = {"search": search_latency, "differential": differential_latency}
        result = render_latency(db) if kind == "render" else measures[kind](db, amount)
        print(json.dumps(result))
        return 0
    runs = 3 if args.quick else 15  # start-up is the noisiest figure: more runs steady its median
    work = Path(tempfile.mkdtemp(prefix="legpain-bench-"))
    try:
        shipped_db = work / "shipped.db"
        results: dict[str, Any] = {"machine": machine(), "date": time.strftime("%Y-%m-%d")}
        results["build_s_shipped"] = build_time(ROOT / "content", shipped_db)
        generated = work / "generated"
        generate_corpus(generated, 10_000, 2_000)
        generated_db = work / "generated.db"
        results["build_s_10k"] = build_time(generated, generated_db)
        results.update(startup(shipped_db, runs))
        if args.xvfb:
            with Xvfb() as display:
                on_x = startup(shipped_db, runs, display)
            results.update({f"xvfb_{k}": v for k, v in on_x.items() if k.startswith("startup_")})
        if args.frozen:
            results.update(frozen_startup(args.frozen, runs))
        s = in_fresh_process("search", shipped_db, 5 if not args.quick else 2)
        g = in_fresh_process("search", generated_db, 3 if not args.quick else 1)
        results.update({"search_p50_ms_shipped": s["p50"], "search_p95_ms_shipped": s["p95"],
                        "search_p50_ms_10k": g["p50"], "search_p95_ms_10k": g["p95"]})  # fmt: skip
        d = in_fresh_process("differential", shipped_db, 2000)
        d2 = in_fresh_process("differential", generated_db, 1000)
        results.update({"differential_p50_ms_shipped": d["p50"], "differential_p95_ms_shipped": d["p95"],
                        "differential_p50_ms_2000": d2["p50"], "differential_p95_ms_2000": d2["p95"]})  # fmt: skip
        r = in_fresh_process("render", shipped_db, 0)
        results.update({"render_p50_ms": r["p50"], "render_p95_ms": r["p95"]})
    finally:
        shutil.rmtree(work, ignore_errors=True)
    broken = [k for k, limit in BUDGETS.items() if k in results and results[k] > limit]
    results["budgets"] = BUDGETS
    results["broken"] = broken
    rows = [(k, results[k], BUDGETS.get(k)) for k in results if isinstance(results[k], (int, float))]
    width = max(len(k) for k, _v, _b in rows)
    print(f"{'measure':<{width}}  {'value':>10}  budget")
    for k, v, b in rows:
        verdict = "" if b is None else ("  ok" if v <= b else "  BROKEN")
        print(f"{k:<{width}}  {v:>10}  {'' if b is None else b}{verdict}")
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    if args.markdown:
        args.markdown.write_text(markdown(results, rows))
    return 1 if broken else 0


NOTES = """
## Reading these numbers

- Runs on this 2-core shared machine vary by about 10% from one run to the next, the floor as
  much as the app, which is why start-up is a median of 15 interleaved pairs. The latencies are
  each measured in a fresh process of their own (not beside the generated corpus).
- **Start-up** is timed along the path the app starts by (`gui.app.launch`, the same one
  `legpain-desktop` runs, with `--db` as the packaged app has), from launching the process to
  the end of the first paint, with the same paint probe on the app and on the floor. The app's
  window is built in two steps. Its first paint is the real main window as a shell: at its saved
  size and place, with the theme applied, titled "LegPain Desktop — opening…", and empty (no
  widget: the first one costs 5 to 10 ms on X; nothing from the content). Then the content check
  (manifest, SHA-256 and `quick_check`, on a worker thread started before PySide6 loads) is
  awaited, the window's modules load, the panes are built into that same window, the session is
  restored and the start page, a light home page (continue reading, must-not-miss causes,
  algorithms, bookmarks, recent pages), is drawn; `startup_page_s` is the time until that page,
  with the browse list, is painted. Nothing from the content is shown before the check passes;
  when it fails, an error box over the shell says why and the app exits with status 3. The user
  is a returning one: the runs share a settings folder, as a clinic workstation does from day to
  day. The very first start on a computer costs about 40 ms more before its first paint (see the
  next point).
- PySide6's `Qt` enum namespace (93 Python enums, about 40 ms here) is built neither before the
  first paint nor for the home page: item roles are Qt's plain int values, splitters made before
  the paint are horizontal, the colour scheme of the "system" theme is the one seen at the last
  start (checked again a moment after the home page, or on closing), and the notes pane and flow
  diagram, which need it, come with the first monograph. Tests guard that neither the first
  paint nor the home page builds the `Qt` namespace, that the first paint loads none of the
  window's panes, and that the home page loads none of the panels left for first use (symptom
  filter, dose calculator, library, search results, dialogs and their engines).
- `frozen_startup_*` (with `--frozen dist`) times the packaged app, with its bundled database,
  against the floor packaged the same way; each reports its own first paint
  (`LEGPAIN_REPORT_START_UP`). It is what users run; the budget is checked on the source run,
  which is in every benchmark.
- Nothing on the way to the home page imports `dataclasses` (records read at start-up are
  NamedTuples; `core.search` loads with the first search): the module and a few definitions cost
  about 5 ms. The Qt-free core is imported before PySide6, whose import hook reads the source of
  every module imported after it that is not declared to it beforehand.
- Page render builds and lays out each page's document, at the width it will be shown at, before
  attaching it to the view; tables are most of what remains.
- Memory is each process's own peak (VmHWM).
- The generated corpus reuses the shipped text, shuffled, for 8,000 topics and 2,000 causes with
  eight findings each; it exists only for this benchmark.
"""


def markdown(results: dict[str, Any], rows: list[tuple[str, Any, Any]]) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Run with `python benchmarks/run.py {'--frozen dist ' if 'frozen_startup_ratio' in results else ''}"
        f"{'--xvfb ' if 'xvfb_startup_ratio' in results else ''}"
        f"--markdown BENCHMARKS.md` on {results['date']}.",
        f"Machine: {results['machine']} (a shared, noisy machine; the app ran offscreen"
        + (", and on an Xvfb display for the xvfb_ rows)." if "xvfb_startup_ratio" in results else ")."),
        "",
        "Ratios compare with a floor measured in the same run: a bare PySide6 window with one",
        "QTextBrowser started the same way. Latencies are per keystroke (typing real queries one",
        "character at a time), per click (toggling findings), and per page (stored HTML to a painted view).",
        "",
        "| measure | value | budget | met |",
        "| --- | --- | --- | --- |",
    ]
    for k, v, b in rows:
        met = "" if b is None else ("yes" if v <= b else "**NO**")
        lines.append(f"| {k} | {v} | {'' if b is None else b} | {met} |")
    lines += ["", "Every budget met." if not results["broken"] else f"Broken: {', '.join(results['broken'])}", ""]
    return "\n".join(lines) + NOTES


if __name__ == "__main__":
    raise SystemExit(main())
