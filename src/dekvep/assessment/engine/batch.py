"""Assessing many inventories at once: the programme-wide report job and the benchmarks.

Inventories are independent, so they are split across worker processes; each worker returns
the JSON documents (plain dicts pickle cheaply), then peer percentiles are computed over all.
"""

from __future__ import annotations

import gc
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from .assess import assess
from .benchmarks import group_percentiles
from .inventory import InventoryError

FREEZE_EVERY = 500


def _assess_chunk(chunk: list[dict[str, Any]], current_year: int | None) -> list[dict | None]:
    documents: list[dict | None] = []
    try:
        for i, data in enumerate(chunk, start=1):
            try:
                documents.append(assess(data, current_year=current_year).as_dict())
            except InventoryError:
                documents.append(None)
            # The documents kept so far hold no garbage, yet each full collection walks them
            # all again: a third of a 10,000-firm run went to that. Frozen objects are skipped.
            if i % FREEZE_EVERY == 0:
                gc.freeze()
    finally:
        gc.unfreeze()
    return documents


def peer_key(document: dict[str, Any]) -> str:
    """Peers share sector, product group and year."""
    return f"{document['sector']}/{document.get('product_group') or '-'}/{document['year']}"


def assess_many(
    inventories: list[dict[str, Any]],
    processes: int | None = None,
    current_year: int | None = None,
) -> list[dict | None]:
    """JSON documents of every inventory (None for an invalid one), each with its
    ``benchmarks.peer_percentiles`` among the others."""
    processes = processes or os.cpu_count() or 1
    if processes <= 1 or len(inventories) < 200:
        documents = _assess_chunk(inventories, current_year)
    else:
        size = -(-len(inventories) // processes)
        chunks = [inventories[i : i + size] for i in range(0, len(inventories), size)]
        with ProcessPoolExecutor(processes) as pool:
            parts = pool.map(_assess_chunk, chunks, [current_year] * len(chunks))
            documents = [d for part in parts for d in part]
    ranks = group_percentiles(
        (str(i), peer_key(d), d["benchmarks"]["values"])
        for i, d in enumerate(documents)
        if d is not None
    )
    for i, document in enumerate(documents):
        if document is not None:
            document["benchmarks"]["peer_percentiles"] = ranks[str(i)]
    return documents
