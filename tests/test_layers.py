"""The package's shape holds: stage folders in layers, no cycles, small modules, one writer.

Read from the source with `ast` (nothing is imported), so the rules in
docs/architecture.md stay true as the code grows.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import REPO

PACKAGE = REPO / "toolkit_builder"

LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"__init__", "errors", "progress", "regularfile"}),
    frozenset({"analysis"}),
    frozenset({"content"}),
    frozenset({"language"}),
    frozenset({"charts"}),
    frozenset({"pages"}),
    frozenset({"reuse"}),
    frozenset({"cache", "write"}),
    frozenset({"build"}),
    frozenset({"preview", "authoring"}),
    frozenset({"cli"}),
    frozenset({"__main__"}),
)
"""The parts of the package, bottom up: a part may import its own layer's part and below."""

WRITERS: dict[str, str] = {
    "write": "the output folder: a staging folder beside it, then a swap",
    "charts.batch": "the chart cache under --cache-dir, never the output folder",
    "pages.search": "Pagefind's scratch folder and its copy of the pages in the cache",
    "cache.store": "the build cache under --cache-dir (files named by their SHA-256, one record)",
    "charts.command": "the SVG file the `chart` command was asked to write",
    "authoring.scaffold": "the files `init` and `new` create in the site, never overwriting",
    "authoring.docgen": "the field reference in docs/authoring.md (`make docs`)",
}
"""Every module that changes the filesystem, and what it may change."""

MAX_LINES = 500
MAX_TOP_MODULES = 8

PATH_METHODS = frozenset(
    {"write_bytes", "write_text", "mkdir", "unlink", "rmdir", "touch", "rename", "symlink_to"}
)
MODULE_CALLS = {
    "os": {"replace", "remove", "unlink", "rename", "makedirs", "mkdir", "rmdir", "fdopen", "link"},
    "shutil": {"rmtree", "copyfile", "copytree", "copy", "copy2", "move"},
    "tempfile": {"mkdtemp", "mkstemp", "TemporaryDirectory", "NamedTemporaryFile"},
}


def module_name(path: Path) -> str:
    """Return a module's dotted name inside the package: 'charts.stage', 'build'."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)


def modules() -> dict[str, ast.Module]:
    """Return every module of the package, parsed, by dotted name."""
    return {
        module_name(path): ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def project_imports(tree: ast.Module) -> set[str]:
    """Return the dotted names (inside the package) that a module imports."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, "the package uses absolute imports only"
            if node.module == "toolkit_builder":  # a module, or a name of the package's own
                found.update(
                    alias.name if _is_module(alias.name) else "__init__" for alias in node.names
                )
            elif node.module.startswith("toolkit_builder."):
                found.add(node.module.removeprefix("toolkit_builder."))
        elif isinstance(node, ast.Import):
            found.update(
                alias.name.removeprefix("toolkit_builder.")
                for alias in node.names
                if alias.name.startswith("toolkit_builder.")
            )
    return found


def _is_module(name: str) -> bool:
    return (PACKAGE / f"{name}.py").is_file() or (PACKAGE / name / "__init__.py").is_file()


def part(name: str) -> str:
    """Return the part a module belongs to: its subpackage, or itself at the top."""
    return name.split(".")[0]


def layer_of(name: str) -> int:
    """Return the index of a part's layer; fail for a part no layer names."""
    for index, layer in enumerate(LAYERS):
        if part(name) in layer:
            return index
    raise AssertionError(f"'{part(name)}' is in no layer: add it to LAYERS and the docs")


def part_graph() -> dict[str, set[str]]:
    """Return which parts each part imports (itself left out)."""
    graph: dict[str, set[str]] = {}
    for name, tree in modules().items():
        targets = {part(target) for target in project_imports(tree)} - {part(name)}
        graph.setdefault(part(name), set()).update(targets)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return one path for each cycle found by depth-first search (empty when acyclic)."""
    found: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                found.append([*trail[trail.index(target) :], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def filesystem_changes(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """Yield (line, call) for every call in a module that can change the filesystem."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute):
            owner = func.value.id if isinstance(func.value, ast.Name) else ""
            if func.attr in MODULE_CALLS.get(owner, ()):
                yield node.lineno, f"{owner}.{func.attr}"
            elif owner not in MODULE_CALLS and func.attr in PATH_METHODS:
                yield node.lineno, f".{func.attr}"
            elif func.attr == "open" and _write_mode(node, 0, constant_only=True):
                yield node.lineno, ".open"
        elif isinstance(func, ast.Name) and func.id == "open" and _write_mode(node, 1):
            yield node.lineno, "open"


def _write_mode(call: ast.Call, position: int, constant_only: bool = False) -> bool:
    """Return True if an open() call's mode may write (an unknown mode may, for builtins).

    `x.open(url)` with a variable is left out: `webbrowser.open(url)` is not a file.
    """
    modes = [k.value for k in call.keywords if k.arg == "mode"]
    if len(call.args) > position:
        modes.append(call.args[position])
    return any(
        any(c in str(mode.value) for c in "wax+")
        if isinstance(mode, ast.Constant)
        else not constant_only
        for mode in modes
    )


def test_at_most_eight_modules_sit_at_the_top_and_at_least_six_stage_folders() -> None:
    top = sorted(p.stem for p in PACKAGE.glob("*.py"))
    folders = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
    assert len(top) <= MAX_TOP_MODULES, top
    assert len(folders) >= 6, folders


def test_every_stage_folder_says_what_it_owns_and_may_import() -> None:
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "Owns" in doc or "owns" in doc, f"{init}: the docstring names no contents"
        assert "import" in doc, f"{init}: the docstring does not say what it may import"


def test_no_module_is_over_five_hundred_lines() -> None:
    long = {
        str(path.relative_to(REPO)): count
        for path in sorted(PACKAGE.rglob("*.py"))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_every_import_points_down_the_layers() -> None:
    upward = [
        f"{name} imports {target}"
        for name, tree in modules().items()
        for target in sorted(project_imports(tree))
        if part(target) != part(name) and layer_of(target) >= layer_of(name)
    ]
    assert upward == []


def test_no_cycle_between_parts() -> None:
    assert cycles(part_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_analysis_imports_nothing_else_from_the_project() -> None:
    outside = {
        f"{name} imports {target}"
        for name, tree in modules().items()
        if part(name) == "analysis"
        for target in project_imports(tree)
        if part(target) != "analysis"
    }
    assert outside == set()


def test_content_imports_neither_pages_nor_charts() -> None:
    found = {
        f"{name} imports {target}"
        for name, tree in modules().items()
        if part(name) == "content"
        for target in project_imports(tree)
        if part(target) in {"pages", "charts"}
    }
    assert found == set()


def test_only_the_listed_modules_change_the_filesystem() -> None:
    writers = {
        name: sorted(set(filesystem_changes(tree)))
        for name, tree in modules().items()
        if any(filesystem_changes(tree))
    }
    assert sorted(writers) == sorted(WRITERS), writers


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Path('x').write_text('a')", [".write_text"]),
        ("open('x', 'wb')", ["open"]),
        ("open('x')", []),
        ("p.open('x', encoding='utf-8')", [".open"]),
        ("p.open(encoding='utf-8')", []),
        ("webbrowser.open(url)", []),
        ("open(name, mode)", ["open"]),
        ("shutil.rmtree(x)", ["shutil.rmtree"]),
        ("os.replace(a, b)", ["os.replace"]),
        ("text.replace('a', 'b')", []),
        ("values.copy()", []),
    ],
)
def test_the_writer_check_sees_what_writes(source: str, expected: list[str]) -> None:
    assert [call for _line, call in filesystem_changes(ast.parse(source))] == expected
