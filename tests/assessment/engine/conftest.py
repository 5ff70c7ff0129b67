import copy
import json
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "inventory.json"


@pytest.fixture
def example() -> dict:
    """A fresh copy of the documented example inventory."""
    return copy.deepcopy(json.loads(EXAMPLE.read_text(encoding="utf-8")))


@pytest.fixture
def minimal() -> dict:
    """The smallest valid inventory: one product line."""
    return {
        "organization": "Test A.Ş.",
        "sector": "plastics",
        "year": 2023,
        "production": [{"product": "Kasa", "quantity": 100, "unit": "t"}],
    }
