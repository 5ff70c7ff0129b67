"""The matching engine of the industrial symbiosis marketplace: pure Python, no Django.

Read listings (:func:`read_listing`), index one kind (:class:`Matcher`, :class:`Marketplace`),
rank the other kind against it with reasons (:func:`explain`), allocate tonnes over the network
(:func:`allocate`), propose waste codes (:func:`propose_codes`) and estimate impact
(:func:`exchange_impact`).
"""

from dekvep.symbiosis.engine.allocate import Allocation, allocate, allocate_arrays
from dekvep.symbiosis.engine.codes import propose_codes
from dekvep.symbiosis.engine.impact import Impact, exchange_impact, total_impact
from dekvep.symbiosis.engine.index import Matcher, economic_value, explain
from dekvep.symbiosis.engine.knowledge import Knowledge, default_knowledge, load_knowledge
from dekvep.symbiosis.engine.model import CodeProposal, Listing, Match, Profile, Reason
from dekvep.symbiosis.engine.profile import read_listing
from dekvep.symbiosis.engine.reasons import render_reason, render_reasons
from dekvep.symbiosis.engine.run import (
    Marketplace,
    allocate_matches,
    iter_matches,
    match_all,
    profiles_of,
)
from dekvep.symbiosis.engine.scoring import Settings
from dekvep.symbiosis.engine.units import to_tonnes, to_tonnes_per_year

__all__ = [
    "Allocation",
    "CodeProposal",
    "Impact",
    "Knowledge",
    "Listing",
    "Marketplace",
    "Match",
    "Matcher",
    "Profile",
    "Reason",
    "Settings",
    "allocate",
    "allocate_arrays",
    "allocate_matches",
    "default_knowledge",
    "economic_value",
    "exchange_impact",
    "explain",
    "load_knowledge",
    "iter_matches",
    "match_all",
    "profiles_of",
    "propose_codes",
    "read_listing",
    "render_reason",
    "render_reasons",
    "to_tonnes",
    "to_tonnes_per_year",
    "total_impact",
]
