"""Mutation check of the GUI's signal paths (issue 15): remove one emit, or one connection the
main window makes, and some GUI test must fail.

For every ``.emit(`` in the features' controllers and homes and the shell, and every
``.connect(`` in ``MainWindow._connect_signals``, the script writes a copy of the committed project
(``git archive HEAD``: edits in the working tree do not leak into a run) with that one statement
replaced by ``pass``, runs the GUI tests against the copy (stopping at the first
failure), and reports the mutants no test noticed. Not part of CI (a few minutes per mutant that
survives); run it after changing how the window is wired, and record the result in
``docs/architecture/signal-mutation.md``.

    .venv/bin/python scripts/signal_mutation.py            # every mutant
    .venv/bin/python scripts/signal_mutation.py --list     # only list them
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUI = ROOT / "legpain_desktop" / "gui"
COPIED = ("legpain_desktop", "tests", "content", "resources", "pyproject.toml")
# The GUI tests, the ones built around single features first: they fail soonest.
TESTS = (
    "tests/gui/test_panels_alone.py",
    "tests/gui/test_signal_paths.py",  # written for the first run's survivors
    "tests/gui/test_main_window.py",
    "tests/gui/test_symptom_panel.py",
    "tests/gui/test_dosing_panel.py",
    "tests/gui/test_desktop.py",
    "tests/gui/test_user_library.py",
    "tests/gui/test_printing.py",
    "tests/gui/test_startup.py",
    "tests/gui/test_leaflets.py",
)
TIMEOUT_S = 900


@dataclass(frozen=True)
class Mutant:
    path: Path  # relative to ROOT
    line: int  # 1-based, first line of the statement
    end: int  # last line of the statement
    text: str

    @property
    def name(self) -> str:
        return f"{self.path.as_posix()}:{self.line}"


def statements(path: Path, wanted: str, inside: str | None = None) -> list[Mutant]:
    """Expression statements of ``path`` whose call ends in ``wanted`` (``emit`` or ``connect``),
    optionally only inside the function named ``inside``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    scopes: list[ast.AST] = [tree]
    if inside is not None:
        scopes = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == inside]
    found = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for scope in scopes:
        for node in ast.walk(scope):
            call = node.value if isinstance(node, ast.Expr) else None
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr == wanted
                and node.end_lineno is not None
            ):
                text = " ".join(s.strip() for s in lines[node.lineno - 1 : node.end_lineno])
                found.append(Mutant(path.relative_to(ROOT), node.lineno, node.end_lineno, text))
    return found


def mutants() -> list[Mutant]:
    """Listed from the working tree: commit before a run, so that the lines match HEAD."""
    found: list[Mutant] = []
    homes = sorted({*GUI.glob("*/controller.py"), *GUI.glob("*/home.py"), *GUI.glob("shell/*.py")})
    homes.append(GUI / "library" / "user_library.py")
    for path in homes:
        found += statements(path, "emit")
    found += statements(GUI / "main_window.py", "connect", inside="_connect_signals")
    return sorted(set(found), key=lambda m: (m.path.as_posix(), m.line))


def mutate(copy: Path, mutant: Mutant) -> None:
    path = copy / mutant.path
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    first = lines[mutant.line - 1]
    indent = first[: len(first) - len(first.lstrip())]
    lines[mutant.line - 1 : mutant.end] = [f"{indent}pass  # mutant: removed\n"]
    path.write_text("".join(lines), encoding="utf-8")


def killed(copy: Path) -> tuple[bool, str]:
    env = {**os.environ, "PYTHONPATH": str(copy), "QT_QPA_PLATFORM": "offscreen"}
    cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:randomly", *TESTS]
    try:
        run = subprocess.run(cmd, cwd=copy, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return True, "timed out (counted as killed)"
    last = (run.stdout.strip().splitlines() or [""])[-1]
    return run.returncode != 0, last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    parser.add_argument("only", nargs="*", help="run only mutants whose name contains one of these")
    args = parser.parse_args()
    todo = [m for m in mutants() if not args.only or any(o in m.name for o in args.only)]
    if args.list:
        for m in todo:
            print(f"{m.name}  {m.text}")
        print(f"{len(todo)} mutants")
        return 0
    survivors = []
    start = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        base.mkdir()
        archive = subprocess.run(["git", "archive", "HEAD", *COPIED], cwd=ROOT, capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive.stdout, check=True)
        for i, mutant in enumerate(todo, start=1):
            copy = Path(tmp) / f"m{i}"
            shutil.copytree(base, copy)
            mutate(copy, mutant)
            dead, last = killed(copy)
            print(f"[{i}/{len(todo)}] {'killed  ' if dead else 'SURVIVED'} {mutant.name}  {mutant.text}  ({last})")
            sys.stdout.flush()
            if not dead:
                survivors.append(mutant)
            shutil.rmtree(copy)
    print(f"{len(todo) - len(survivors)} of {len(todo)} killed in {time.time() - start:.0f} s")
    for m in survivors:
        print(f"survived: {m.name}  {m.text}")
    return 1 if survivors else 0


if __name__ == "__main__":
    raise SystemExit(main())
