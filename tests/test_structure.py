"""The code keeps the shape the developers' guide asks for: no import cycle inside stophate/, small modules,
classes and functions, and no dead code that vulture can find."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "stophate"
MODULES = sorted(PACKAGE.rglob("*.py"))


def _name(file: Path) -> str:
    parts = file.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(file: Path) -> set[str]:
    """The stophate modules a module imports when it runs (imports only for type checkers are left out)."""
    tree = ast.parse(file.read_text(encoding="utf-8"))
    package = _name(file).rsplit(".", 1)[0] if file.name != "__init__.py" else _name(file)
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            node.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in NAMES else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name in NAMES}


NAMES = {_name(file) for file in MODULES}


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """A cycle of imports, as the list of modules around it, or [] when there is none."""
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> list[str]:
        state[module] = "open"
        for other in sorted(graph.get(module, ())):
            if state.get(other) == "open":
                return [*path[path.index(other):], other]
            if other not in state:
                found = visit(other, [*path, other])
                if found:
                    return found
        state[module] = "done"
        return []

    for module in sorted(graph):
        if module not in state:
            found = visit(module, [module])
            if found:
                return found
    return []


def test_no_import_cycle_inside_the_package() -> None:
    graph = {_name(file): _imports(file) - {_name(file)} for file in MODULES}
    assert "stophate.plan" in graph["stophate.pagetypes"]
    assert "stophate.contexts" not in graph["stophate.plan"]  # imported only for type checkers
    assert find_cycle(graph) == []


def test_the_cycle_check_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) == []


@pytest.mark.parametrize("file", MODULES, ids=lambda f: f.name)
def test_modules_classes_and_functions_stay_small(file: Path) -> None:
    text = file.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 400, f"{file.name} is over 400 lines"
    for node in ast.walk(ast.parse(text)):
        length = (node.end_lineno or node.lineno) - node.lineno + 1 if hasattr(node, "lineno") else 0
        if isinstance(node, ast.ClassDef):
            assert length <= 150, f"class {node.name} in {file.name} is {length} lines"
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            assert length <= 60, f"function {node.name} in {file.name} is {length} lines"


def test_vulture_finds_no_dead_code() -> None:
    vulture = str(Path(sys.executable).parent / "vulture")
    result = subprocess.run([vulture, "--min-confidence", "80", "stophate", "build.py", "scripts"], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout
