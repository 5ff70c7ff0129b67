"""Measuring match quality against pairs a practitioner labelled, beside a keyword baseline."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from dekvep.symbiosis.engine.model import Profile
from dekvep.symbiosis.engine.run import match_all
from dekvep.text import words


@dataclass(frozen=True, slots=True)
class Quality:
    offers_with_valid_top5: float  # share of offers with an accepted want in the top 5
    valid_pairs_in_top10: float  # share of accepted pairs found in the top 10
    rejected_in_top10: int  # rejected pairs that appear in a top 10
    rejected_pairs: tuple[tuple[str, str], ...]
    missed_pairs: tuple[tuple[str, str], ...]


def read_labels(path: Path) -> dict[tuple[str, str], bool]:
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {(r["offer_id"], r["want_id"]): r["label"] == "accept" for r in rows}


def measure(rankings: dict[str, list[str]], labels: dict[tuple[str, str], bool]) -> Quality:
    """Figures for ``rankings`` (offer id → want ids, best first)."""
    accepted: dict[str, set[str]] = defaultdict(set)
    for (offer, want), ok in labels.items():
        if ok:
            accepted[offer].add(want)
    with_top5 = sum(1 for o, ws in accepted.items() if ws & set(rankings.get(o, [])[:5]))
    valid = [(o, w) for (o, w), ok in labels.items() if ok]
    missed = tuple(p for p in valid if p[1] not in rankings.get(p[0], [])[:10])
    rejected = tuple(
        (o, w) for (o, w), ok in labels.items() if not ok and w in rankings.get(o, [])[:10]
    )
    return Quality(
        offers_with_valid_top5=with_top5 / max(1, len(accepted)),
        valid_pairs_in_top10=1 - len(missed) / max(1, len(valid)),
        rejected_in_top10=len(rejected),
        rejected_pairs=rejected,
        missed_pairs=missed,
    )


def engine_rankings(profiles: list[Profile], top: int = 10) -> dict[str, list[str]]:
    return {o: [m.want_id for m in ms] for o, ms in match_all(profiles, top=top).items()}


def keyword_rankings(profiles: list[Profile], top: int = 10) -> dict[str, list[str]]:
    """A plain marketplace search: wants sharing the offer's code or words, most shared first."""
    wants = [p.listing for p in profiles if p.listing.kind == "want"]
    want_words = {w.id: set(words(f"{w.title} {w.description}")) for w in wants}
    out: dict[str, list[str]] = {}
    for p in profiles:
        offer = p.listing
        if offer.kind != "offer":
            continue
        mine = set(words(f"{offer.title} {offer.description}"))
        scored = []
        for want in wants:
            score = len(mine & want_words[want.id])
            if offer.waste_code and offer.waste_code == want.waste_code:
                score += 10
            if score:
                scored.append((-score, want.id))
        out[offer.id] = [w for _, w in sorted(scored)[:top]]
    return out
