"""No import cycle anywhere in ``legpain_desktop`` (issue 15).

Every import counts: at module level, inside functions (the first version dodged a loop between
``core/content.py`` and the dosing schema with imports inside functions), and under
``TYPE_CHECKING``. Importing ``a.b.c`` also runs the ``__init__`` of ``a`` and ``a.b``, so those count
too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import legpain_desktop

PACKAGE = Path(legpain_desktop.__file__).parent


def module_names(root: Path) -> dict[str, Path]:
    names = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module name -> the project's modules it imports, wherever the import statement is."""
    modules = module_names(root)
    top = root.name
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # a relative import, resolved against this module's package
                    package = name.split(".") if is_package else name.split(".")[:-1]
                    package = package[: len(package) - node.level + 1]
                    base = ".".join([*package, base] if base else package)
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names
                ]
            for target in targets:
                if target != top and not target.startswith(top + "."):
                    continue
                parts = target.split(".")
                # the module itself and every package above it (their __init__ runs first)
                for i in range(1, len(parts) + 1):
                    prefix = ".".join(parts[:i])
                    if prefix in modules and prefix != name and not name.startswith(prefix + "."):
                        graph[name].add(prefix)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_in_the_package() -> None:
    graph = import_graph(PACKAGE)
    assert len(graph) > 60  # the whole package was read
    assert "legpain_desktop.core.dosing.schema" in graph["legpain_desktop.core.content"]
    assert cycles(graph) == []


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_the_check_finds_a_loop_made_by_an_import_inside_a_function(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    write(
        root,
        {
            "__init__.py": "",
            "content.py": "def check():\n    from pkg.dosing.schema import validate\n",
            "dosing/__init__.py": "",
            "dosing/schema.py": "from pkg.content import check\n",
            "leaf.py": "import pkg.content\n",
        },
    )
    assert cycles(import_graph(root)) == [["pkg.content", "pkg.dosing.schema"]]


def test_the_check_finds_a_loop_under_type_checking_and_through_a_package_init(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    write(
        root,
        {
            "__init__.py": "",
            "a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.b import thing\n",
            "b.py": "from . import a\n",
            "sub/__init__.py": "from pkg.c import x\n",
            "sub/inner.py": "",
            "c.py": "from pkg.sub.inner import y\n",
        },
    )
    assert cycles(import_graph(root)) == [["pkg.a", "pkg.b"], ["pkg.c", "pkg.sub"]]
