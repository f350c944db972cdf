"""The shape of the package, checked statically (issue 14, item 7).

Pure Python (ast over ``framing/``): fast, no spaCy, no import of the package under test. Each check collects
every offender, prints it and puts it in the assertion message, so one run lists all the work left.

* module size: no module over ``MAX_MODULE_LINES`` lines;
* function size: no function or method over ``MAX_FUNCTION_LINES`` lines (``def`` line to last line, docstring
  included, decorators not);
* imports at module top: an import inside a function is allowed only when its line carries a comment containing
  ``lazy:`` (a deliberate lazy import of a heavy optional dependency, e.g. ``import spacy  # lazy: heavy (spacy)``);
* no import cycle among framing modules, counting function-level imports (imports under ``if TYPE_CHECKING:``
  never run, so they are not edges);
* no ``../shared`` data path in library code (tests and scripts may use one);
* inference never imports ``framing.train`` or ``framing.evaluate``, directly or through other framing modules
  (the same rule as the import-linter contract, but runnable without import-linter);
* ``framing/py.typed`` exists and ships in the wheel;
* every folder of Python code under framing/ is a package that pyproject ships (an editable install would hide a
  missing one from ``tests/test_wheel.py``).

Run ``python tests/test_architecture.py`` for a plain report of every check.
"""

from __future__ import annotations

import ast
import fnmatch
import functools
import itertools
import re
import tomllib
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "framing"
MAX_MODULE_LINES = 800
MAX_FUNCTION_LINES = 100
LAZY_MARK = re.compile(r"#.*\blazy:")
OFFLINE = ("framing.train", "framing.evaluate")
INFERENCE = (
    "framing.errors",
    "framing.schema",
    "framing.resources",
    "framing.ingest",
    "framing.nlp",
    "framing.analyzers",
    "framing.pipeline",
    "framing.comparison",
    "framing.corpus",
    "framing.batch",
    "framing.report",
)
# A path literal that reaches for the data folder beside the repository: "../shared...", ".../../shared",
# or the bare segment "shared" / "shared/..." as used in Path(...) / "shared" / ...
SHARED_PATH = re.compile(r"(^|[/\\])\.\.[/\\]shared\b|^shared([/\\]|$)")



@dataclass(frozen=True)
class Module:
    name: str  # dotted, e.g. "framing.analyzers.attribution"
    path: Path
    source: str
    tree: ast.Module

    @property
    def rel(self) -> str:
        return self.path.relative_to(ROOT).as_posix()

    @property
    def is_package(self) -> bool:
        return self.path.name == "__init__.py"


@dataclass(frozen=True)
class Edge:
    importer: str
    imported: str
    line: int
    in_function: bool


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@functools.cache
def modules() -> dict[str, Module]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        found[_module_name(path)] = Module(_module_name(path), path, source, ast.parse(source, filename=str(path)))
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(node: ast.AST, *, in_function: bool = False, scope: str = "") -> Iterator[tuple[ast.AST, bool, str]]:
    """Every node below ``node`` with whether it sits inside a function and its qualified scope; the bodies of
    ``if TYPE_CHECKING:`` blocks are skipped (they never run)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child):
            for other in child.orelse:
                yield other, in_function, scope
                yield from _walk(other, in_function=in_function, scope=scope)
            continue
        yield child, in_function, scope
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            name = getattr(child, "name", "<lambda>")
            yield from _walk(child, in_function=True, scope=f"{scope}{name}.")
        elif isinstance(child, ast.ClassDef):
            yield from _walk(child, in_function=in_function, scope=f"{scope}{child.name}.")
        else:
            yield from _walk(child, in_function=in_function, scope=scope)


def _resolve(module: Module, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The framing modules an import statement loads (parent packages a dotted import runs implicitly are not
    counted, as in grimp/import-linter); ``from pkg import name`` is an edge to ``pkg.name`` when that is a
    module, else to ``pkg``."""
    known = modules()
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name.split(".")[0] == "framing"]
    if node.level:
        base_parts = module.name.split(".")
        if not module.is_package:
            base_parts = base_parts[:-1]
        base_parts = base_parts[: len(base_parts) - (node.level - 1)]
        base = ".".join(base_parts + ([node.module] if node.module else []))
    else:
        base = node.module or ""
    if base.split(".")[0] != "framing":
        return []
    targets = []
    for alias in node.names:
        candidate = f"{base}.{alias.name}"
        targets.append(candidate if candidate in known else base)
    return targets


@functools.cache
def edges() -> tuple[Edge, ...]:
    found = []
    for module in modules().values():
        for node, in_function, _ in _walk(module.tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for target in _resolve(module, node):
                    if target != module.name:
                        found.append(Edge(module.name, target, node.lineno, in_function))
    return tuple(found)


def _graph() -> dict[str, dict[str, list[Edge]]]:
    graph: dict[str, dict[str, list[Edge]]] = {name: {} for name in modules()}
    for edge in edges():
        graph.setdefault(edge.importer, {}).setdefault(edge.imported, []).append(edge)
    return graph


def _strongly_connected(graph: dict[str, dict[str, list[Edge]]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative; components of more than one module, each sorted, in name order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, {}))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, {})))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        components.append(sorted(component))
    return sorted(components)


def _path(
    graph: dict[str, dict[str, list[Edge]]], start: str, goals: set[str], within: set[str] | None = None
) -> list[str] | None:
    """The shortest import chain from ``start`` to any module in ``goals`` (breadth first), or None."""
    previous: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in sorted(graph.get(node, {})):
            if within is not None and child not in within:
                continue
            if child in goals:
                chain = [child, node]
                while (before := previous[chain[-1]]) is not None:
                    chain.append(before)
                return chain[::-1]
            if child not in previous:
                previous[child] = node
                queue.append(child)
    return None


def _describe(graph: dict[str, dict[str, list[Edge]]], chain: list[str]) -> str:
    steps = []
    for importer, imported in itertools.pairwise(chain):
        lines = ", ".join(
            dict.fromkeys(f"l.{e.line}{' in a function' if e.in_function else ''}" for e in graph[importer][imported])
        )
        steps.append(f"{importer} -> {imported} ({lines})")
    return "\n      ".join(steps)


# -- the checks: each returns its offenders as lines of text ---------------------------------------------------


def long_modules() -> list[str]:
    return [
        f"{m.rel}: {n} lines (max {MAX_MODULE_LINES})"
        for m in modules().values()
        if (n := len(m.source.splitlines())) > MAX_MODULE_LINES
    ]


def long_functions() -> list[str]:
    found = []
    for module in modules().values():
        for node, _, scope in _walk(module.tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found.append(f"{module.rel}:{node.lineno}: {scope}{node.name} is {length} lines")
    return found


def function_level_imports() -> list[str]:
    found = []
    for module in modules().values():
        lines = module.source.splitlines()
        for node, in_function, scope in _walk(module.tree):
            if in_function and isinstance(node, (ast.Import, ast.ImportFrom)):
                text = lines[node.lineno - 1 : node.end_lineno]
                if not any(LAZY_MARK.search(line) for line in text):
                    found.append(f"{module.rel}:{node.lineno}: in {scope.rstrip('.')}: {text[0].strip()}")
    return found


def import_cycles() -> list[str]:
    graph = _graph()
    found = []
    for component in _strongly_connected(graph):
        members = set(component)
        first = component[0]
        cycle = _path(graph, first, {first}, within=members)
        found.append(
            f"{len(component)} modules: {', '.join(component)}\n    e.g. {_describe(graph, cycle) if cycle else '?'}"
        )
    return found


def shared_paths() -> list[str]:
    found = []
    for module in modules().values():
        docstrings = {
            id(node.value)
            for node in ast.walk(module.tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        }
        for node in ast.walk(module.tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and SHARED_PATH.search(node.value)
            ):
                found.append(f"{module.rel}:{node.lineno}: {node.value!r}")
    return sorted(found)


def offline_imported_by_inference() -> list[str]:
    graph = _graph()
    offline = {name for name in graph if any(name == o or name.startswith(o + ".") for o in OFFLINE)}
    found = []
    for name in sorted(graph):
        if any(name == p or name.startswith(p + ".") for p in INFERENCE):
            chain = _path(graph, name, offline)
            if chain:
                found.append(f"{name}:\n      {_describe(graph, chain)}")
    return found


def typed_marker() -> list[str]:
    found = []
    if not (PACKAGE / "py.typed").is_file():
        found.append("framing/py.typed is missing")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config.get("tool", {}).get("setuptools", {}).get("package-data", {}).get("framing", [])
    if not any(fnmatch.fnmatch("py.typed", pattern) for pattern in patterns):
        found.append('pyproject.toml: [tool.setuptools.package-data] "framing" does not include "py.typed"')
    return found


def unshipped_packages() -> list[str]:
    """Every folder of framing/ that holds Python code is a regular package (has ``__init__.py``) and, when
    pyproject lists its packages by hand, is in that list (else the wheel silently lacks it; an editable install
    hides the gap, because its import hook finds the missing subpackage in the source tree)."""
    found = []
    folders = sorted({path.parent for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts})
    for folder in folders:
        if not (folder / "__init__.py").is_file():
            found.append(f"{folder.relative_to(ROOT).as_posix()}/ has Python files but no __init__.py")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = config.get("tool", {}).get("setuptools", {}).get("packages")
    if isinstance(listed, list):
        for folder in folders:
            name = ".".join(folder.relative_to(ROOT).parts)
            if name not in listed:
                found.append(f"pyproject.toml: [tool.setuptools] packages lacks {name!r}: the wheel would not ship it")
    return found


CHECKS = {
    f"modules over {MAX_MODULE_LINES} lines": long_modules,
    f"functions over {MAX_FUNCTION_LINES} lines": long_functions,
    "imports inside functions without a `lazy:` comment": function_level_imports,
    "import cycles among framing modules (function-level imports counted)": import_cycles,
    "../shared data paths in library code": shared_paths,
    "inference modules that reach framing.train / framing.evaluate": offline_imported_by_inference,
    "py.typed": typed_marker,
    "packages missing from the wheel": unshipped_packages,
}


def _check(title: str) -> None:
    offenders = CHECKS[title]()
    report = f"{len(offenders)} {title}:\n  " + "\n  ".join(offenders)
    if offenders:
        print(report)
    assert not offenders, report


# -- the tests --------------------------------------------------------------------------------------------------


def test_no_module_over_800_lines():
    _check(f"modules over {MAX_MODULE_LINES} lines")


def test_no_function_over_100_lines():
    _check(f"functions over {MAX_FUNCTION_LINES} lines")


def test_imports_at_module_top_unless_marked_lazy():
    _check("imports inside functions without a `lazy:` comment")


def test_no_import_cycles():
    _check("import cycles among framing modules (function-level imports counted)")


def test_no_shared_data_path_in_library_code():
    _check("../shared data paths in library code")


def test_inference_never_imports_train_or_evaluate():
    _check("inference modules that reach framing.train / framing.evaluate")


def test_package_is_typed():
    _check("py.typed")


def test_every_subpackage_ships_in_the_wheel():
    _check("packages missing from the wheel")


# -- the checkers check themselves, on a throwaway package --------------------------------------------------------


def test_cycle_finder_sees_function_level_imports_and_skips_type_checking():
    graph = {
        "a": {"b": [Edge("a", "b", 1, False)]},
        "b": {"a": [Edge("b", "a", 9, True)]},
        "c": {"d": [Edge("c", "d", 1, False)]},
        "d": {},
    }
    assert _strongly_connected(graph) == [["a", "b"]]
    assert _path(graph, "a", {"a"}) == ["a", "b", "a"]
    tree = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import framing.x\ndef f():\n    import y\n")
    seen = [(type(n).__name__, inside) for n, inside, _ in _walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert seen == [("ImportFrom", False), ("Import", True)]


def test_shared_path_pattern():
    for literal in ("../shared/datasets/babe/dev.jsonl", "shared", "shared/corpus.sqlite", "/repo/../shared"):
        assert SHARED_PATH.search(literal), literal
    for text in ("shared evenly", "Example: framing train loaded --data ../shared/x.jsonl", "the shared corpus"):
        assert not SHARED_PATH.search(text), text


if __name__ == "__main__":
    for title, check in CHECKS.items():
        offenders = check()
        print(f"== {len(offenders)} {title}")
        for line in offenders:
            print(f"  {line}")
