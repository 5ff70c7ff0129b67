"""Import directions that keep the layers apart: tasks call services, the API never uses pages."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[2] / "src" / "dekvep"


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at any depth, as an absolute dotted name."""
    package = "dekvep." + ".".join(path.relative_to(SRC).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("app", ["core", "calls", "symbiosis", "events", "assessment", "roadmaps"])
def test_services_name_their_tasks_instead_of_importing_them(app):
    for path in (SRC / app).rglob("*.py"):
        parts = set(path.relative_to(SRC / app).parts)
        if path.name != "tasks.py" and not parts & {
            "views",
            "views.py",
            "api.py",
            "migrations",
            "management",
        }:
            assert f"dekvep.{app}.tasks" not in _imports(path), path.name


def test_no_api_module_imports_html_views():
    for path in SRC.rglob("api.py"):
        views = {m for m in _imports(path) if m.endswith(".views") or ".views." in m}
        assert not views, f"{path.relative_to(SRC)} imports {views}"


def test_the_check_sees_an_import_of_views():
    assert "dekvep.symbiosis.views" in _imports(SRC / "symbiosis" / "urls.py")


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_graph() -> dict[str, set[str]]:
    """Which of the project's modules each module imports, at the top or inside a function.

    An imported name is resolved to the longest module it names (``from .services import x``
    is the module ``services``); importing a module's own ancestors is not an edge, since
    Python loads a package before its children anyway.
    """
    modules = {_module_name(p): p for p in SRC.rglob("*.py") if "migrations" not in p.parts}

    def resolve(name: str) -> str:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name

    graph = {}
    for name, path in modules.items():
        targets = {resolve(imported) for imported in _imports(path)} - {"", name}
        graph[name] = {t for t in targets if not name.startswith(t + ".")}
    return graph


def _circles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The groups of modules that reach each other (strongly connected, more than one)."""
    reach = {}
    for start in graph:
        seen, todo = set(), [start]
        while todo:
            for nxt in graph.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        reach[start] = seen
    groups = []
    for module in graph:
        group = {module} | {other for other in reach[module] if module in reach[other]}
        if len(group) > 1 and group not in groups:
            groups.append(group)
    return groups


def test_no_two_modules_import_each_other_even_lazily():
    assert _circles(_import_graph()) == []


def test_the_circle_check_finds_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _circles(graph) == [{"a", "b", "c"}]
