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
