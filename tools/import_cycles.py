"""Finds import cycles among the modules of ``src/thucydides``.

Run from the repository root::

    python tools/import_cycles.py

It prints the size of the module graph, then "no import cycle", or each cycle found (one
line per cycle, ``a -> b -> a``) and exits 1. ``tests/test_layout.py`` runs the same check.

What counts as an edge ``a -> b``:

- every ``import`` and ``from ... import`` in ``a``, at any depth: at module level, in a
  function, under ``if TYPE_CHECKING:``; relative imports are resolved against ``a``'s
  package (a package's ``__init__`` is a module, named after the package);
- ``from package import name`` is an edge to ``package.name`` when that is a module of
  ours, else to ``package`` itself;
- ``import a.b.c`` and ``from a.b import c`` do not add edges to the parents ``a`` and
  ``a.b``, although Python runs their ``__init__`` first: a package that imports its own
  submodules would otherwise be a cycle with each of them.

A module that imports itself (``from . import name`` in a package's ``__init__``) is no
cycle and adds no edge.

Notes:
    Cycles are the strongly connected components of the graph with more than one module
    (R. Tarjan, "Depth-first search and linear graph
    algorithms", SIAM Journal on Computing 1(2), 1972). Each is printed as one shortest
    cycle through its first module, found by breadth-first search, so the printout names
    imports to remove rather than the whole component.
"""

from __future__ import annotations

import ast
import sys
from collections import deque
from collections.abc import Iterator
from pathlib import Path

#: The package checked, relative to the repository root.
PACKAGE = Path("src") / "thucydides"


def module_names(root: Path) -> dict[str, Path]:
    """Maps the dotted name of every module under the package ``root`` to its file.

    Args:
        root: the package directory (``src/thucydides``); its name is the top package.

    Returns:
        ``{"thucydides.store": .../store/__init__.py, "thucydides.store.sql": ...}``.
    """
    modules: dict[str, Path] = {}
    for path in sorted(root.rglob("*.py")):
        parts = [root.name, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def import_graph(root: Path) -> dict[str, set[str]]:
    """Reads every module under ``root`` and returns which of our modules each imports.

    Args:
        root: the package directory.

    Returns:
        Each module's dotted name mapped to the set of our modules it imports.
    """
    modules = module_names(root)
    return {
        name: {target for target in _imports(name, path, modules) if target != name}
        for name, path in modules.items()
    }


def _imports(name: str, path: Path, modules: dict[str, Path]) -> Iterator[str]:
    """Yields the modules of ours that the module ``name`` (file ``path``) imports."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in modules:
                    yield alias.name
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(package, node.module, node.level)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                if submodule in modules:
                    yield submodule
                elif base in modules:
                    yield base


def _resolve(package: str, module: str | None, level: int) -> str:
    """The absolute name ``from <level dots><module> import`` refers to inside ``package``."""
    if level == 0:
        return module or ""
    parts = package.split(".")
    if level > 1:
        parts = parts[: len(parts) - (level - 1)]
    return ".".join([*parts, module] if module else parts)


def find_cycles(graph: dict[str, set[str]]) -> list[tuple[list[str], list[str]]]:
    """Returns one shortest cycle per strongly connected component that holds a cycle.

    Args:
        graph: module -> modules it imports.

    Returns:
        (cycle, component) pairs, sorted: the cycle lists modules from one back to itself
        (``[a, b, a]``); the component lists, sorted, every module on some cycle with it.
    """
    cycles = []
    for component in _components(graph):
        if len(component) > 1:
            start = min(component)
            cycles.append((_shortest_cycle(graph, start, component), sorted(component)))
    return sorted(cycles)


def describe(cycle: list[str], component: list[str]) -> str:
    """One line for a cycle: ``a -> b -> a``, and the rest of its component if any."""
    line = " -> ".join(cycle)
    others = [m for m in component if m not in cycle]
    if others:
        line += f" (also on cycles with them: {', '.join(others)})"
    return line


def _components(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's strongly connected components, iteratively (no recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[set[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph.get(target, ())))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    components.append(component)
    return components


def _shortest_cycle(graph: dict[str, set[str]], start: str, within: set[str]) -> list[str]:
    """A shortest path from ``start`` back to itself through ``within`` (breadth first)."""
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for target in sorted(graph.get(node, ())):
            if target not in within:
                continue
            if target == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [start, *reversed(path[:-1]), start]
            if target not in came_from:
                came_from[target] = node
                queue.append(target)
    raise AssertionError(f"{start} is in a cycle but no path leads back to it")


def main(argv: list[str] | None = None) -> int:
    """Checks the package; returns 1 when there is a cycle, else 0."""
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path(__file__).resolve().parents[1] / PACKAGE
    graph = import_graph(root)
    edges = sum(len(targets) for targets in graph.values())
    print(f"{len(graph)} modules, {edges} imports between them")
    cycles = find_cycles(graph)
    if not cycles:
        print("no import cycle")
        return 0
    for cycle, component in cycles:
        print("cycle: " + describe(cycle, component))
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
