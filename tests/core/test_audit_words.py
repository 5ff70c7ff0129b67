"""The audit log in words for a Turkish reader: every action the services write has a label,
field names keep their capitals, years have no thousands separator, keys show what they point
at, and a goal target names its indicator."""

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.utils import translation

from dekvep.core.audit_labels import ACTIONS, PREFIXES, action_label, field_label, value_label

SRC = Path(__file__).resolve().parents[2] / "src" / "dekvep"


def _written_actions() -> set[str]:
    found = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"audit\.record\(\s*\w+,\s*\"([a-z_]+)\"", text):
            found.add(match[1])
    return found


def test_every_action_the_services_write_has_a_label():
    actions = _written_actions()
    assert {"goal_target_set", "stream_split", "baseline_chosen"} <= actions
    assert not {a for a in actions if a not in ACTIONS and a.partition("_")[0] not in PREFIXES}
    with translation.override("tr"):
        assert action_label("goal_target_set") == "hedef değeri belirlendi"
        assert action_label("inventory_version_recorded") == "onaylı envanter sürümü kaydedildi"


def test_field_names_keep_their_capitals_and_turkish_dotted_i():
    with translation.override("tr"):
        assert field_label("plans.goaltarget", "baseline_year") == "Başlangıç yılı"
        assert field_label("plans.goaltarget", "goal") == "Hedef"
        assert field_label("core.organisation", "nace_codes")[:1].isupper()


@pytest.mark.django_db
def test_years_are_not_grouped_and_choices_are_labels():
    with translation.override("tr"):
        assert value_label("plans.goaltarget", "baseline_year", 2023) == "2023"
        assert value_label("plans.goaltarget", "change_pct", -1000.5) == "-1.000,5"
        shown = value_label("plans.goaltarget", "indicator", "energy_kwh_per_t")
    assert shown == "Enerji yoğunluğu (kWh/t)"


@pytest.mark.django_db
def test_a_goal_target_is_named_in_words():
    from dekvep.plans.monitoring_models import GoalTarget

    plain = GoalTarget(indicator="water_m3_per_t", change_pct=-10, target_year=2027)
    target = SimpleNamespace(
        goal="Su geri kazanımı",
        change_pct=-10,
        target_year=2027,
        get_indicator_display=plain.get_indicator_display,
    )
    with translation.override("tr"):
        text = str(GoalTarget.__str__(target))
    assert "water_m3_per_t" not in text and "2027" in text and "Su yoğunluğu" in text
