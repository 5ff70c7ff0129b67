"""The public contracts: page URLs, API paths and the command line stay as they were.

The lists under ``contracts/`` were written from the code before a refactor. New URLs, paths,
commands and keys may be added; a test fails when one that is listed disappears or changes its
shape. To add one on purpose, regenerate the list with ``DEKVEP_WRITE_CONTRACTS=1 pytest`` and
review the diff.
"""

import json
import os
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

from dekvep.api import api
from dekvep.assessment.command import main as assess_main
from dekvep.cli import STANDALONE
from dekvep.impact.figures import all_figures
from dekvep.symbiosis.command import OUTPUT_COLUMNS
from dekvep.symbiosis.engine.csvio import COLUMNS

HERE = Path(__file__).parent / "contracts"
EXAMPLE = Path(__file__).parents[2] / "examples" / "inventory.json"


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern):
            yield f"{route}  {namespace}{entry.name or ''}"


def page_urls() -> list[str]:
    return sorted(
        {line for line in _walk(get_resolver().url_patterns) if not line.startswith("api/")}
    )


def api_paths() -> list[str]:
    schema = api.get_openapi_schema()
    return sorted(
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method in operations
    )


def cli_contract(tmp_path) -> list[str]:
    from django.core.management import get_commands

    commands = {name for name, app in get_commands().items() if app.startswith("dekvep")}
    lines = [f"command {name}" for name in sorted(commands | set(STANDALONE) | {"worker", "beat"})]
    lines += [f"match input column {c}" for c in COLUMNS]
    lines += [f"match output column {c}" for c in OUTPUT_COLUMNS]
    output = tmp_path / "assessment.json"
    assert assess_main([str(EXAMPLE), "--output", str(output)]) == 0
    lines += [f"assess key {key}" for key in sorted(json.loads(output.read_text()))]
    lines += ["impact key programme"] + [f"impact key {f.key}" for f in all_figures()]
    return lines


def _check(name: str, current: list[str]) -> None:
    path = HERE / f"{name}.txt"
    if os.environ.get("DEKVEP_WRITE_CONTRACTS"):
        path.write_text("\n".join(current) + "\n", encoding="utf-8")
    listed = path.read_text(encoding="utf-8").splitlines()
    missing = [line for line in listed if line not in set(current)]
    assert not missing, f"public {name} removed or renamed: {missing}"


def test_page_urls_are_kept():
    urls = page_urls()
    assert "verify/<str:code>  verify:certificate" in urls
    _check("urls", urls)


def test_api_paths_are_kept():
    paths = api_paths()
    assert any(p.startswith("GET /api/") for p in paths)
    _check("api", paths)


def test_command_line_contract_is_kept(tmp_path, db):
    lines = cli_contract(tmp_path)
    assert "command match" in lines and "match output column score" in lines
    _check("cli", lines)
