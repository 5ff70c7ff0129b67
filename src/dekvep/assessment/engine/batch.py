"""Assessing many inventories at once: the programme-wide report job and the benchmarks.

Inventories are independent, so they are split across worker processes; each worker returns
the JSON documents (plain dicts pickle cheaply), then peer percentiles are computed over all.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

from .assess import assess
from .benchmarks import group_percentiles
from .inventory import InventoryError


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for a batch. An assessment leaves no reference cycles
    behind (a test checks it), so a collection finds nothing, yet each one walks every document
    kept so far: a fifth of a 10,000-firm run, even with the kept documents frozen every 500
    firms. Afterwards the documents join the oldest generation without being walked (unless the
    process froze objects of its own, which must stay frozen)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if not gc.get_freeze_count():
            gc.freeze()
            gc.unfreeze()
        if enabled:
            gc.enable()


def _assess_chunk(chunk: list[dict[str, Any]], current_year: int | None) -> list[dict | None]:
    documents: list[dict | None] = []
    with _collector_paused():
        for data in chunk:
            try:
                documents.append(assess(data, current_year=current_year).as_dict())
            except InventoryError:
                documents.append(None)
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
        with ProcessPoolExecutor(processes) as pool, _collector_paused():
            # the documents coming back are unpickled here: the same reasoning holds
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
