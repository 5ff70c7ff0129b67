"""A firm's standing among approved peers of its sector, product group and year."""

from __future__ import annotations

from .engine.benchmarks import group_percentiles
from .models import Inventory

Status = Inventory.Status


def peer_group_key(inventory: Inventory) -> str:
    return f"{inventory.sector}/{inventory.product_group or '-'}/{inventory.year}"


def peer_percentiles(inventory: Inventory) -> dict[str, float | None] | None:
    """The firm's performance percentiles among approved peers of the same sector, product
    group and year (None per indicator below five firms, in bands of ten points)."""
    if not inventory.result:
        return None
    peers = (
        Inventory.objects.filter(
            programme=inventory.programme,
            sector=inventory.sector,
            year=inventory.year,
            product_group=inventory.product_group,
            status=Status.APPROVED,
            result__isnull=False,
        )
        .exclude(pk=inventory.pk)
        .values_list("pk", "result")
    )
    firms = [(str(pk), "g", r["benchmarks"]["values"]) for pk, r in peers]
    firms.append(("self", "g", inventory.result["benchmarks"]["values"]))
    return group_percentiles(firms)["self"]
