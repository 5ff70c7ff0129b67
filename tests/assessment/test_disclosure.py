"""Benchmarks cannot be reversed: a firm that knows its own figures tries to work back the
other members' values from every figure the platform shows about the group (the sector page,
its PDF, the sector API, the firm's own report page and API) and fails."""

import io
import re

import pytest
from pypdf import PdfReader

from dekvep.assessment.services import compute_result, transition

from ..factories import OrganisationFactory, ParticipationFactory
from .factories import InventoryFactory, example_data

# Multipliers chosen off any rounding grid, so a hit can only come from a leak.
WATER = (1.0, 1.2169, 1.4800, 1.9515, 2.3689)
PRODUCTION = (1200, 1377, 1519, 1733, 1861)
ABSOLUTE = ("production_t", "ghg_tco2e", "water_m3")
ENERGY = (0.9137, 1.0721, 1.1893, 0.8461)


def _group(programme, people, size):
    inventories = []
    for i in range(size):
        organisation = OrganisationFactory(name=f"Üye {i} Tekstil A.Ş.")
        ParticipationFactory(
            programme=programme, organisation=organisation, analyst=people["analyst"]
        )
        data = example_data(organization=organisation.name)
        data["production"][0]["quantity"] = PRODUCTION[i + 1]
        scale = PRODUCTION[i + 1] / PRODUCTION[0] * ENERGY[i]
        for section in ("energy", "materials", "wastes"):
            for line in data[section]:
                line["quantity"] = round(line["quantity"] * scale, 1)
                line.pop("certified_renewable_kwh", None)
        for line in data["water"]:
            line["quantity"] = round(line["quantity"] * WATER[i + 1], 1)
        inventory = InventoryFactory(programme=programme, organisation=organisation, data=data)
        compute_result(inventory)
        transition(people["analyst"], inventory, "submit")
        transition(people["analyst"], inventory, "approve")
        inventories.append(inventory)
    return inventories


def _numbers(text: str) -> set[float]:
    """Every number a reader sees in a text (markup and drawing coordinates left out), read
    both as Turkish (1.234,5) and English (1,234.5)."""
    text = re.sub(r"<[^>]*>", " ", text)
    found = set()
    for token in re.findall(r"\d[\d.,]*", text):
        token = token.rstrip(".,")
        for group, decimal in ((".", ","), (",", ".")):
            try:
                found.add(float(token.replace(group, "").replace(decimal, ".")))
            except ValueError:
                pass
    return found


def _member_values(result: dict) -> dict[str, float]:
    values = {k: v for k, v in result["benchmarks"]["values"].items() if v}
    values["production_t"] = result["intensity"]["production_t"]
    values["ghg_tco2e"] = result["ghg"]["total_location_tco2e"]
    values["water_m3"] = result["intensity"]["water_m3"]
    return values


def _published(client, programme, people, inventories) -> str:
    client.force_login(people["analyst"])
    texts = []
    for lang in ("tr", "en"):
        page = client.get(f"/assessment/sectors/textile/?programme={programme.pk}&lang={lang}")
        texts.append(page.content.decode())
        pdf = client.get(
            f"/assessment/sectors/textile/report.pdf?programme={programme.pk}&lang={lang}"
        )
        reader = PdfReader(io.BytesIO(pdf.content))
        texts.append(" ".join(p.extract_text() for p in reader.pages))
    api = client.get(f"/api/assessment/programmes/{programme.pk}/sectors/textile/report")
    texts.append(api.content.decode())
    # The firm's own report holds its own figures; what it shows about peers is the percentiles.
    own = inventories[0]
    client.force_login(people["firm_admin"])
    mine = client.get(f"/api/assessment/inventories/{own.pk}/report").json()
    percentiles = mine["benchmarks"]["peer_percentiles"]
    assert all(v is None or v % 10 == 0 for v in percentiles.values())
    texts.append(" ".join(str(v) for v in percentiles.values() if v is not None))
    return "\n".join(texts)


def _recovered(published: set[float], own: dict, others: list[dict]) -> list[str]:
    """Values of other members that a published figure gives back to within 0.1 %, directly or
    (for totals) after taking away the attacker's own value of the same quantity."""
    hits = []
    for i, values in enumerate(others):
        for name, value in values.items():
            mine = own.get(name)
            if mine is not None and abs(mine - value) <= 0.001 * abs(value):
                continue  # the same as the attacker's own figure: nothing learnt
            candidates = published
            if name in ABSOLUTE and name in own:
                candidates = published | {n - own[name] for n in published}
            near = [c for c in candidates if c and abs(c - value) <= 0.001 * abs(value)]
            if near:
                hits.append(f"member {i}: {name} = {value} ~ {near[0]}")
    return hits


@pytest.mark.parametrize("size", [3, 4, 5])
def test_no_member_value_can_be_worked_back(client, programme, people, firm, size):
    members = _group(programme, people, size - 1)
    # The attacker is the fixture firm, with the example inventory.
    own = InventoryFactory(programme=programme, organisation=firm)
    compute_result(own)
    transition(people["firm_admin"], own, "submit")
    transition(people["analyst"], own, "approve")
    text = _published(client, programme, people, [own])
    assert "Üye 1" not in text
    others = [_member_values(m.result) for m in members]
    own_values = _member_values(own.result)
    leaked = _recovered(_numbers(text), own_values, others)
    assert leaked == []
    if size < 5:
        assert "fewer than 5" in text or "5 firmadan az" in text or "beşten az" in text


def test_before_the_rules_three_firms_quartiles_were_the_firms_own_values():
    """The attack does find values when figures are published raw (it can fail)."""
    import statistics

    values = [83.33, 94.77, 107.61]
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    published = {q1, median, q3}
    hits = _recovered(published, {}, [{"water": 94.77}])
    assert hits  # the median is the middle firm's value exactly
