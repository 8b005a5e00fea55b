"""Kill rates per module from a mutmut run, with message-text survivors counted apart from code.

Used by scripts/mutation.sh after ``mutmut run``; reads only what mutmut left in ``mutants/``:
``<module>.py.meta`` (the exit code of every mutant) and ``<module>.py`` (the original and every
mutated copy of each function). Exits 1 when a surviving mutant that changes code is neither
killed nor listed in the equivalents file.

A mutant is *text-only* when the only difference from the original function is the value of
string literals that end up in message text: inside an f-string, in the message of a raised
error (not its field name), or assigned to a local that is only read inside f-strings. Every
other mutant, including a changed dict key or a separator given to ``split``, changes code.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

# mutmut's exit codes (mutmut/stats.py): 1 and 3 are failing tests, 36/24/-24/152/255 a time-out
# (the mutant made the tests hang), 37 the type checker; all of these kill the mutant.
KILLED = {1, 3, 36, 24, -24, 152, 255, 37}
CLASS_SEPARATOR = "ǁ"
PACKAGE_DIR = Path("legpain_desktop/core/dosing")


@dataclass
class ModuleResult:
    module: str
    total: int = 0
    killed: int = 0
    killed_code: int = 0
    code_total: int = 0
    survived_code: list[str] = field(default_factory=list)
    survived_text: list[str] = field(default_factory=list)
    equivalent: list[str] = field(default_factory=list)
    unlisted: list[str] = field(default_factory=list)
    not_run: list[str] = field(default_factory=list)


def read_equivalents(path: Path) -> dict[str, str]:
    """``name reason`` per line; blank lines and ``#`` comments ignored. A line without a reason is an error."""
    out: dict[str, str] = {}
    if not path.exists():
        return out
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, _, reason = line.partition(" ")
        if not reason.strip():
            raise SystemExit(f"{path}:{number}: {name} has no reason; write why the mutant cannot change any output")
        out[name] = reason.strip()
    return out


def functions_by_name(tree: ast.Module) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    found: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.setdefault(node.name, node)
    return found


def _parents(root: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: parent for parent in ast.walk(root) for child in ast.iter_child_nodes(parent)}


def _names_read_only_in_fstrings(func: ast.AST, parents: dict[ast.AST, ast.AST]) -> set[str]:
    reads: dict[str, list[ast.Name]] = {}
    for node in ast.walk(func):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            reads.setdefault(node.id, []).append(node)
    return {name for name, nodes in reads.items() if all(_inside(n, ast.JoinedStr, parents) for n in nodes)}


def _inside(node: ast.AST, kind: type, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, kind):
            return True
    return False


def _is_message_text(node: ast.AST, func: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Whether ``node`` only builds message text: inside an f-string, an error's message, or a local read only there."""
    if _inside(node, ast.JoinedStr, parents):
        return True
    child: ast.AST = node
    while child in parents:
        parent = parents[child]
        if isinstance(parent, ast.Call):
            callee = parent.func
            name = callee.id if isinstance(callee, ast.Name) else getattr(callee, "attr", "")
            # the message of an error (InputError(field, message)): text; its field name is code
            return name.endswith(("Error", "Exception")) and child in parent.args[1:]
        if isinstance(parent, ast.Assign):
            targets = [
                name.id
                for target in parent.targets
                for name in ([target] if isinstance(target, ast.Name) else getattr(target, "elts", []))
                if isinstance(name, ast.Name)
            ]
            fstring_only = _names_read_only_in_fstrings(func, parents)
            return bool(targets) and child is parent.value and all(t in fstring_only for t in targets)
        if isinstance(parent, (ast.stmt, ast.Subscript, ast.Compare, ast.Dict, ast.Attribute)):
            return False
        child = parent
    return False


def _differences(a: object, b: object) -> list[ast.AST]:
    """The nodes of ``a`` (innermost) where ``b`` differs from it."""
    if type(a) is not type(b):
        return [a] if isinstance(a, ast.AST) else []
    if isinstance(a, ast.AST):
        found: list[ast.AST] = []
        for name in a._fields:
            x, y = getattr(a, name, None), getattr(b, name, None)
            if isinstance(x, list) and isinstance(y, list) and len(x) == len(y):
                for i, j in zip(x, y, strict=True):
                    found += _differences(i, j)
            elif isinstance(x, (ast.AST, list)) or isinstance(y, (ast.AST, list)):
                inner = _differences(x, y) if not isinstance(x, list) else [a]
                found += inner or ([a] if type(x) is not type(y) else [])
            elif x != y:
                found.append(a)
        return found
    return []


def classify(original: ast.FunctionDef | ast.AsyncFunctionDef, mutant: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    """``text`` when everything the mutant changes only builds message text, else ``code``."""
    orig_tree = ast.parse(ast.unparse(original))
    mut_tree = ast.parse(ast.unparse(mutant))
    func, mut_func = orig_tree.body[0], mut_tree.body[0]
    assert isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef))
    assert isinstance(mut_func, (ast.FunctionDef, ast.AsyncFunctionDef))
    mut_func.name = func.name
    changed = _differences(func, mut_func)
    parents = _parents(orig_tree)
    if changed and all(_is_message_text(node, func, parents) for node in changed):
        return "text"
    return "code"


def _common_length(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def diff(original: ast.AST, mutant: ast.AST) -> str:
    """The changed part of the one changed line, with some context either side."""
    before = ast.unparse(original).splitlines()
    after = ast.unparse(mutant).splitlines()
    if isinstance(original, (ast.FunctionDef, ast.AsyncFunctionDef)):
        before = before[len(original.decorator_list) + 1 :]
        after = after[len(original.decorator_list) + 1 :]
        if original.args.defaults or original.args.kw_defaults:
            before[:0] = ast.unparse(original.args).split(", ")
            after[:0] = ast.unparse(getattr(mutant, "args", original.args)).split(", ")
    out = []
    for old, new in zip(before, after, strict=False):
        if old == new:
            continue
        head = _common_length(old, new)
        tail = _common_length(old[head:][::-1], new[head:][::-1])
        start = max(0, head - 50)
        old_part, new_part = old[head : len(old) - tail], new[head : len(new) - tail]
        out.append(
            f"        ...{old[start:head]}[-{old_part}-]{{+{new_part}+}}{old[len(old) - tail :][:40]}...".strip()
        )
    if len(before) != len(after):
        out.append("        (lines added or removed)")
    return "\n".join("        " + line.strip() for line in out)


def analyse(module: str, equivalents: dict[str, str], verbose: bool) -> ModuleResult:
    source = Path("mutants") / PACKAGE_DIR / f"{module}.py"
    meta = json.loads(Path(f"{source}.meta").read_text(encoding="utf-8"))
    functions = functions_by_name(ast.parse(source.read_text(encoding="utf-8")))
    result = ModuleResult(module)
    for name, exit_code in sorted(meta["exit_code_by_key"].items()):
        function_name = name.rpartition(".")[2]
        original = functions[function_name.partition("__mutmut_")[0] + "__mutmut_orig"]
        mutant = functions[function_name]
        kind = classify(original, mutant)
        result.total += 1
        result.code_total += kind == "code"
        if exit_code in KILLED:
            result.killed += 1
            result.killed_code += kind == "code"
            continue
        if exit_code is None:
            result.not_run.append(name)
        if kind == "text":
            result.survived_text.append(name)
        elif name in equivalents:
            result.equivalent.append(name)
        else:
            result.survived_code.append(name)
            result.unlisted.append(name)
        if verbose and name not in equivalents:
            status = {0: "survived", None: "not run", 33: "no tests", 5: "no tests"}.get(exit_code, f"exit {exit_code}")
            print(f"    {kind:4} {status:9} {name}\n{diff(original, mutant)}")
    return result


def percent(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:5.1f}%" if whole else "  n/a "


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="+", help="module names in legpain_desktop/core/dosing, e.g. renal")
    parser.add_argument("--equivalents", type=Path, default=Path("docs/safety/mutation-equivalents.txt"))
    parser.add_argument("--quiet", action="store_true", help="do not print the diff of each survivor")
    args = parser.parse_args(argv)
    equivalents = read_equivalents(args.equivalents)
    results = []
    for module in args.modules:
        if not args.quiet:
            print(f"== survivors in {module}.py (kind, status, name, diff)")
        results.append(analyse(module, equivalents, verbose=not args.quiet))
    print()
    header = (
        f"{'module':14} {'total':>5} {'killed':>6} {'kill rate':>9} {'code':>5} {'code killed':>11} "
        f"{'survived code':>13} {'survived text':>13} {'equivalent':>10} {'code kill rate*':>15}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.module + '.py':14} {r.total:5} {r.killed:6} {percent(r.killed, r.total):>9} {r.code_total:5} "
            f"{r.killed_code:11} {len(r.survived_code):13} {len(r.survived_text):13} {len(r.equivalent):10} "
            f"{percent(r.killed_code, r.code_total - len(r.equivalent)):>15}"
        )
    print("* code-changing mutants killed, out of those not listed as equivalent")
    failed = False
    for r in results:
        prefix = f"legpain_desktop.core.dosing.{r.module}."
        for name in equivalents:
            if name.startswith(prefix) and name not in r.equivalent:
                print(f"note: {name} is listed as equivalent but did not survive this run; remove its line")
    for r in results:
        if r.not_run:
            print(f"{r.module}.py: {len(r.not_run)} mutants were not run (interrupted?)")
            failed = True
        for name in r.unlisted:
            print(f"FAIL {name}: survives, changes code, and is not in {args.equivalents}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
