"""Run mutmut's mutants of one dosing module against chosen test files only: a fast lower bound.

A whole-suite mutmut run of a module that every consultation reaches (schema.py parses every drug,
so mutmut ties its functions to nearly every dosing test) takes hours on two cores. This runs
each mutant against the named test files only and records the result in mutmut's own
``<module>.py.meta``, so ``scripts/mutation_report.py`` classifies it as it does a mutmut run.
Adding test files can only kill more mutants, so the kill count is a lower bound on a whole-suite
run. See docs/safety/mutation.md.

    # 1. let mutmut generate the mutants (stop it once it prints "Running stats"):
    .venv/bin/mutmut run "legpain_desktop.core.dosing.schema.*"
    # 2. run them against the chosen tests (from the repository root):
    .venv/bin/python scripts/mutation_focused.py schema tests/core/dosing/test_schema.py ...
    # 3. classify:
    .venv/bin/python scripts/mutation_report.py schema

The parent imports pytest and the mutated package once from ``mutants/``; for each
mutant it forks, sets ``MUTANT_UNDER_TEST`` (mutmut's trampolines read it at call time) and runs
``pytest.main`` on the test files with ``-x``, so the test modules and session fixtures are built
afresh under the mutant. A child that takes longer than ``--timeout`` seconds is stopped and the
mutant counted as killed (mutmut's time-out code), as mutmut does. Only mutants with no result
yet are run unless ``--rerun`` is given, so a stopped run resumes where it stopped.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import itertools
import json
import os
import shutil
import signal
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

TIMEOUT_EXIT = 36  # mutmut's exit code for a time-out, counted as killed by mutation_report.py


class Unsupported(Exception):
    """A test needs a fixture the direct mode does not provide: it is not run."""


class DirectRunner:
    """Calls test functions without pytest: parametrize cases expanded, a few fixtures provided.

    Much faster than ``pytest.main`` per mutant (no collection, no plugins), for test files whose
    fixtures are ``formulary`` (built from a database made once by the parent), ``tmp_path`` and
    fixtures of the test module itself. Any exception fails the test, except pytest's skip and xfail
    outcomes; a case marked xfail that passes fails it too (strict). Warnings are errors, as in the
    suite. It can only under-count kills: a test it cannot run counts as passed.
    """

    def __init__(self, modules: list[str], database: Path, skip: tuple[str, ...] = ()) -> None:
        self.modules = modules
        self.database = database
        self.skip = skip
        self._formulary: Any = None

    def formulary(self) -> Any:
        if self._formulary is None:
            from legpain_desktop.core.db.repository import ContentRepository
            from legpain_desktop.core.dosing.formulary import Formulary

            self._formulary = Formulary.from_repository(ContentRepository(self.database))
        return self._formulary

    def fixture(self, module: Any, name: str, temp: Path) -> Any:
        """The test module's own fixture of that name first (as pytest would), else a provided one."""
        candidate = getattr(module, name, None)
        wrapped = getattr(candidate, "_get_wrapped_function", None)
        if wrapped is None:
            if name == "formulary":
                return self.formulary()
            if name == "tmp_path":
                return Path(tempfile.mkdtemp(dir=temp))
            raise Unsupported(name)
        function = wrapped()
        return function(**{p: self.fixture(module, p, temp) for p in inspect.signature(function).parameters})

    @staticmethod
    def cases(test: Callable[..., Any]) -> list[tuple[dict[str, Any], bool]]:
        """Every combination of the test's parametrize marks: (arguments, expected to fail)."""
        axes = []
        for mark in getattr(test, "pytestmark", []):
            if mark.name != "parametrize":
                continue
            names, values = mark.args[0], mark.args[1]
            names = [n.strip() for n in names.split(",")] if isinstance(names, str) else list(names)
            axis = []
            for value in values:
                marks = getattr(value, "marks", ())
                value = value.values if hasattr(value, "values") and hasattr(value, "marks") else value
                row = value if len(names) > 1 else (value,)
                xfail = any(m.name == "xfail" for m in marks)
                axis.append((dict(zip(names, row, strict=True)), xfail))
            axes.append(axis)
        out = []
        for combination in itertools.product(*axes):
            arguments: dict[str, Any] = {}
            for part, _ in combination:
                arguments.update(part)
            out.append((arguments, any(x for _, x in combination)))
        return out

    def run(self) -> int:
        """0 when every test passes, 1 at the first failure."""
        import pytest
        from _pytest.outcomes import OutcomeException, XFailed

        warnings.simplefilter("error")
        temp = Path(tempfile.mkdtemp(prefix="mutant-"))
        try:
            for module_name in self.modules:
                module = importlib.import_module(module_name)
                for name, test in list(vars(module).items()):
                    if not name.startswith("test_") or not inspect.isfunction(test):
                        continue
                    if any(part in name for part in self.skip):
                        continue
                    if any(m.name in ("invariants", "skip") for m in getattr(test, "pytestmark", [])):
                        continue
                    parameters = list(inspect.signature(test).parameters)
                    for arguments, xfail in self.cases(test):
                        try:
                            for p in parameters:
                                if p not in arguments:
                                    arguments[p] = self.fixture(module, p, temp)
                        except Unsupported:
                            continue
                        try:
                            test(**arguments)
                        except (XFailed, pytest.skip.Exception):
                            continue
                        except (Exception, OutcomeException):
                            if xfail:
                                continue
                            return 1
                        if xfail:
                            return 1  # strict: an expected failure that passes
        finally:
            shutil.rmtree(temp, ignore_errors=True)
        return 0


def run_one(name: str, tests: list[str], timeout: float, direct: DirectRunner | None = None) -> int:
    pid = os.fork()
    if pid == 0:  # the child: quiet, the mutant switched on, the tests run once
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.environ["MUTANT_UNDER_TEST"] = name
        if direct is not None:
            os._exit(direct.run())
        import pytest

        args = [*tests, "-x", "-q", "-p", "no:cacheprovider", "-m", "not invariants"]
        code = pytest.main(args)
        os._exit(int(code))
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return TIMEOUT_EXIT
        time.sleep(0.02)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("module", help="a module of legpain_desktop/core/dosing, e.g. schema")
    parser.add_argument("tests", nargs="+", help="test files, relative to the repository root")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per mutant (default 120)")
    parser.add_argument("--rerun", action="store_true", help="run mutants that already have a result too")
    parser.add_argument("--only", nargs="*", default=None, help="run only these mutant names")
    parser.add_argument("--direct", action="store_true", help="call the test functions without pytest (faster)")
    parser.add_argument("--skip", nargs="*", default=[], help="with --direct: skip tests whose name contains these")
    parser.add_argument("--survivors", action="store_true", help="run only the mutants that survived so far")
    parser.add_argument(
        "--results", type=Path, default=None, help="write the results here (JSON) instead of into the .meta file"
    )
    args = parser.parse_args(argv)

    root = Path(__file__).resolve().parents[1]
    mutants = root / "mutants"
    meta_path = mutants / "legpain_desktop" / "core" / "dosing" / f"{args.module}.py.meta"
    if not meta_path.exists():
        print(f"no {meta_path}: let mutmut generate the mutants first", file=sys.stderr)
        return 2
    for test in args.tests:
        if not (mutants / test).exists():
            print(f"{test} is not in mutants/ (mutmut copied tests/ before it existed): copy it there", file=sys.stderr)
            return 2
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    codes: dict[str, int | None] = meta["exit_code_by_key"]
    if args.survivors:
        names = [n for n in codes if codes[n] == 0]
    else:
        names = [n for n in codes if args.rerun or codes[n] is None]
    if args.only is not None:
        names = [n for n in names if n in set(args.only)]

    os.chdir(mutants)
    sys.path.insert(0, str(mutants))
    os.environ["MUTANT_UNDER_TEST"] = "none"  # the trampolines read it on every call, also at import
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("LEGPAIN_INVARIANT_EXAMPLES", "5")
    # Imported once here and shared by every forked child. Not Hypothesis: it is a pytest plugin, and
    # pytest refuses (a warning, an error under filterwarnings) to rewrite a plugin already imported.
    import pytest  # noqa: F401
    import yaml  # noqa: F401

    import legpain_desktop.core.dosing.consultation  # noqa: F401

    direct = None
    if args.direct:
        from legpain_desktop.core.db.build import build_database

        database = Path(tempfile.mkdtemp(prefix="mutation-db-")) / "legpain.db"
        build_database(mutants / "content", database)  # the content, parsed with no mutant switched on
        modules = [t.removesuffix(".py").replace("/", ".") for t in args.tests]
        direct = DirectRunner(modules, database, tuple(args.skip))
    control = run_one("none", args.tests, args.timeout, direct)
    if control != 0:
        print(f"the tests fail with no mutant (exit {control}): fix them first", file=sys.stderr)
        return 2
    start = time.monotonic()
    killed = 0
    results: dict[str, int] = {}

    def save() -> None:
        if args.results is None:
            meta_path.write_text(json.dumps(meta), encoding="utf-8")
        else:
            args.results.write_text(json.dumps(results, indent=0), encoding="utf-8")

    for i, name in enumerate(names, 1):
        code = run_one(name, args.tests, args.timeout, direct)
        codes[name] = results[name] = code
        killed += code != 0
        if i % 25 == 0 or i == len(names):
            save()  # a stopped run keeps what it learned
            rate = (time.monotonic() - start) / i
            print(f"{i}/{len(names)} run, {killed} killed, {rate:.1f} s a mutant", flush=True)
    save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
