"""The engines and the file commands run without Django or Celery (design principle 1).

Each module is imported in a fresh interpreter, because this test process has Django loaded.
"""

import json
import pkgutil
import subprocess
import sys

import pytest

import dekvep.assessment.engine
import dekvep.symbiosis.engine

FRAMEWORKS = ("django", "celery", "kombu")


def _engine_modules() -> list[str]:
    names = ["dekvep.symbiosis.command", "dekvep.assessment.command", "dekvep.text"]
    for package in (dekvep.symbiosis.engine, dekvep.assessment.engine):
        names.append(package.__name__)
        names += [m.name for m in pkgutil.iter_modules(package.__path__, package.__name__ + ".")]
    return names


def _loaded_frameworks(module: str) -> list[str]:
    loaded = f"{{m for m in sys.modules if m.split('.')[0] in {FRAMEWORKS!r}}}"
    code = f"import json, sys, {module}; print(json.dumps(sorted({loaded})))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return json.loads(result.stdout)


@pytest.mark.parametrize("module", _engine_modules())
def test_engine_module_loads_neither_django_nor_celery(module):
    assert _loaded_frameworks(module) == []


def test_the_check_sees_a_framework_when_one_is_loaded():
    assert "celery" in _loaded_frameworks("dekvep.celery")
