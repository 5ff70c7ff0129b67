"""Rooms of the right size: no module over 600 lines and no function over 60 lines, outside
migrations, demo builders and data declarations (a table written as code)."""

import ast
from pathlib import Path

SRC = Path(__file__).parents[2] / "src" / "dekvep"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 60
# Data declarations: the inventory template's columns, one literal per section.
DATA_DECLARATIONS = {("assessment/schema.py", "list_sections")}


def _code_modules():
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC).parts
        if "migrations" in parts or path.name.startswith("demo") or "demo" in parts:
            continue
        yield path


def test_no_module_is_over_600_lines():
    long = {
        str(path.relative_to(SRC)): n
        for path in _code_modules()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, long


def test_no_function_is_over_60_lines():
    long = {}
    for path in _code_modules():
        name = str(path.relative_to(SRC))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES and (name, node.name) not in DATA_DECLARATIONS:
                    long[f"{name}:{node.name}"] = lines
    assert not long, long


def test_the_check_sees_a_long_function(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES + 1))
    tree = ast.parse(f"def f():\n{body}\n")
    node = tree.body[0]
    assert node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
