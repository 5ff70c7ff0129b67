"""The demo's 21 firms each get a profile; the sector decisions come from the catalogue."""

import pytest
from django.utils import translation

from dekvep.assessment import demo as assessment_demo
from dekvep.core import demo as core_demo
from dekvep.core.models import Participation
from dekvep.readiness import demo
from dekvep.readiness.models import ReadinessProfile
from dekvep.readiness.selectors import firm_readiness


@pytest.fixture
def demo_programme(db):
    programme, _logins = core_demo._base()
    assessment_demo.load(programme)
    demo.load(programme)
    return programme


def _decisions(organisation) -> dict[str, dict]:
    with translation.override("en"):
        return {row["id"]: row for row in firm_readiness(organisation, "en")["rows"]}


def test_every_demo_firm_has_a_profile_and_the_sector_rules_reach_it(demo_programme):
    participations = Participation.objects.filter(programme=demo_programme).select_related(
        "organisation"
    )
    assert ReadinessProfile.objects.count() == participations.count() == 21
    expected = {
        "textile": {
            "espr_dpp_textiles": "applies",
            "textile_epr": "applies",
            "reach_textiles": "applies",
        },
        "white_goods": {
            "ecodesign_energy_label": "applies",
            "fgas_eu": "applies",
            "weee_eu": "applies",
            "aeee_tr": "applies",
            "cbam": "may_apply",
        },
        "plastics": {"ppwr": "applies"},
    }
    for participation in participations:
        rows = _decisions(participation.organisation)
        for rule, status in expected[participation.sector].items():
            assert rows[rule]["status"] == status, (participation.organisation.name, rule)
    white_goods = participations.filter(sector="white_goods").first().organisation
    cbam = _decisions(white_goods)["cbam"]
    assert "Your inputs 7209 are CBAM goods" in " ".join(cbam["reasons"])


def test_loading_the_demo_twice_changes_nothing(demo_programme):
    before = list(ReadinessProfile.objects.values_list("pk", "updated_at"))
    demo.load(demo_programme)
    assert list(ReadinessProfile.objects.values_list("pk", "updated_at")) == before
