"""A batch of inventories: the same documents as one at a time, and no work for the cyclic
garbage collector (which the batch switches off while it runs)."""

import copy
import gc
import json

from dekvep.assessment.engine import assess
from dekvep.assessment.engine.batch import assess_many
from dekvep.assessment.engine.inventory import InventoryError


def firms(example, n=12):
    for i in range(n):
        data = copy.deepcopy(example)
        data["organization"] = f"Firm {i}"
        for line in data["energy"] + data["wastes"]:
            line["quantity"] *= 1 + i / 10
        yield data


def test_a_batch_gives_each_firm_its_own_document_with_peer_percentiles(example):
    inventories = list(firms(example))
    inventories[3]["year"] = 2099  # in the future: invalid
    documents = assess_many(inventories, processes=1, current_year=2025)
    assert documents[3] is None
    for data, document in zip(inventories, documents, strict=True):
        if document is None:
            continue
        alone = assess(data, current_year=2025).as_dict()
        percentiles = document["benchmarks"]["peer_percentiles"]
        assert percentiles["energy_kwh_per_t"] is not None
        document["benchmarks"]["peer_percentiles"] = None
        assert json.dumps(document) == json.dumps(alone)


def test_an_assessment_leaves_no_reference_cycles(example):
    """What lets the batch run without the cyclic collector: nothing it finds is garbage."""
    valid = list(firms(example, 3))
    invalid = copy.deepcopy(valid)
    invalid[0]["year"] = 2099
    invalid[1]["sector"] = "unknown"
    invalid[2]["energy"][0]["unit"] = "kg"
    assess(valid[0], current_year=2025).as_dict()  # caches filled
    gc.collect()
    gc.disable()
    try:
        kept = [assess(data, current_year=2025).as_dict() for data in valid]
        for data in invalid:
            try:
                assess(data, current_year=2025)
            except InventoryError as error:
                assert error.errors
        assert gc.collect() == 0
    finally:
        gc.enable()
    assert len(kept) == 3


def test_a_batch_gives_the_collector_back_as_it_found_it(example):
    inventories = list(firms(example, 3))
    assess_many(inventories, processes=1, current_year=2025)
    assert gc.isenabled()
    gc.disable()
    try:
        assess_many(inventories, processes=1, current_year=2025)
        assert not gc.isenabled()
    finally:
        gc.enable()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assess_many(inventories, processes=1, current_year=2025)
        # Thawing would empty the permanent generation; a few frozen objects may be freed
        # meanwhile (a coverage tracer's, say), so the count may fall slightly, never to zero.
        assert frozen - 100 <= gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()
