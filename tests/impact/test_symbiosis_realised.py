"""Identified, agreed, realised and verified symbiosis figures, apart."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from dekvep.impact.figures import KEYS, get_figure
from dekvep.symbiosis.models import Listing, Synergy
from tests.conftest import ROLES, client_for

from . import factories as f

TODAY = dt.date.today()


def _confirmed(synergy, tonnes, days_ago, verified=False, **extra):
    now = timezone.now()
    return f.ExchangeFactory(
        synergy=synergy,
        tonnes=tonnes,
        date=TODAY - dt.timedelta(days=days_ago),
        transport_document="TKN-1",
        offer_confirmed_at=now,
        want_confirmed_at=now,
        verified_at=now if verified else None,
        **extra,
    )


@pytest.fixture
def pipeline(programme):
    # agreed, no exchange yet: pipeline only
    f.SynergyFactory(
        programme=programme,
        state=Synergy.State.AGREED,
        offer__tonnes_per_year=40,
        want__tonnes_per_year=60,
    )
    # a one-off lot of 25 t delivered once: counts once, not as a year
    once = f.SynergyFactory(
        programme=programme,
        state=Synergy.State.ACTIVE,
        offer__frequency=Listing.Frequency.ONCE,
        offer__tonnes_per_year=25,
        want__tonnes_per_year=100,
        offer__material="textile",
        receiving_process="insulation",
    )
    _confirmed(once, 25, 40, verified=True)
    # ended 100 days ago: the later load does not count
    ended = f.SynergyFactory(
        programme=programme,
        state=Synergy.State.ENDED,
        ended_on=TODAY - dt.timedelta(days=100),
        offer__material="fly_ash",
        receiving_process="cement_coprocessing",
    )
    _confirmed(ended, 30, 200)
    _confirmed(ended, 50, 20)
    # older than a year: not realised this year
    old = f.SynergyFactory(programme=programme, state=Synergy.State.ACTIVE)
    _confirmed(old, 70, 500)
    f.SynergyFactory(programme=programme, state=Synergy.State.IDENTIFIED)
    f.SynergyFactory(programme=programme, state=Synergy.State.DROPPED)
    return programme


def value(key, programme):
    return get_figure(key).compute(programme)


def test_realised_counts_only_recorded_exchanges_of_the_last_twelve_months(pipeline):
    assert value("tonnes_realised_per_year", pipeline) == 55.0  # 25 once + 30 before the end
    assert value("tonnes_verified_per_year", pipeline) == 25.0
    assert value("tco2e_realised_per_year", pipeline) > value("tco2e_verified_per_year", pipeline)
    assert value("tco2e_verified_per_year", pipeline) > 0


def test_agreed_is_the_pipeline_apart_from_realised(pipeline):
    # 40 (agreed) + 25 (one-off, active) + 50 (min of the old active synergy's defaults)
    agreed = value("tonnes_agreed_per_year", pipeline)
    old = Synergy.objects.filter(programme=pipeline, state="active").exclude(
        offer__frequency="once"
    )
    expected = 40 + 25 + min(old[0].offer.tonnes_per_year, old[0].want.tonnes_per_year)
    assert agreed == pytest.approx(expected)
    assert value("synergies_identified", pipeline) == 5
    assert value("synergies_agreed", pipeline) == 4


def test_savings_reach_the_funder_figures_in_euros_and_lira(pipeline):
    eur = value("symbiosis_savings_eur_realised_per_year", pipeline)
    lira = value("symbiosis_savings_try_realised_per_year", pipeline)
    assert eur > 0
    assert lira == pytest.approx(eur * 35.5, rel=0.01)


def test_dekvep_impact_has_the_new_keys_and_keeps_the_old(pipeline):
    out = io.StringIO()
    call_command("impact", "--programme", "test-2022", "--format", "json", stdout=out)
    figures = json.loads(out.getvalue())
    for key in (
        "tonnes_realised_per_year",
        "tco2e_realised_per_year",
        "tonnes_agreed_per_year",
        "tonnes_diverted_per_year",
        "tco2e_avoided_per_year",
        "collaboration_opportunities",
    ):
        assert key in figures and key in KEYS
    assert figures["tonnes_realised_per_year"] == 55.0


LISTS = {"manager"}


@pytest.mark.parametrize("role", ROLES)
def test_the_realised_exchanges_are_listed_only_to_whom_may_see_firms_records(
    pipeline, people, role
):
    url = "/api/impact/figures/tonnes_realised_per_year/records?programme=test-2022"
    response = client_for(people[role]).get(url)
    if role in LISTS:
        assert response.status_code == 200
        assert response.json()["count"] == 2
    else:
        assert response.status_code in (401, 403) or response.json()["count"] == 0


def test_the_workbook_carries_the_verification_trail(pipeline, people):
    from openpyxl import load_workbook

    content = client_for(people["funder"]).get("/impact/export.xlsx?programme=test-2022").content
    book = load_workbook(io.BytesIO(content))
    sheet = book[book.sheetnames[-1]]
    rows = list(sheet.values)
    assert len(rows) == 1 + 4
    assert any("TKN-1" in str(cell) for row in rows for cell in row)
