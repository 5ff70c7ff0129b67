"""Plain data the engine takes and returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, NamedTuple

Kind = Literal["offer", "want"]


@dataclass(slots=True)
class Listing:
    """An offer (what a firm can give) or a want (what it can take); quantities in t/year."""

    id: str
    kind: Kind
    organisation: str
    title: str
    description: str = ""
    waste_code: str | None = None
    tonnes_per_year: float = 0.0
    latitude: float | None = None
    longitude: float | None = None
    hazardous: bool | None = None
    hazardous_licence: bool = False
    available_from: date | None = None
    available_until: date | None = None
    material: str | None = None
    sector: str | None = None
    # quality attributes chosen in a form ("colour:clear"), beside those read from the text
    attributes: tuple[str, ...] = ()
    temperature_c: float | None = None
    # receiving or capacity processes chosen in a form, beside those read from the text
    processes: tuple[str, ...] = ()


@dataclass(slots=True)
class Profile:
    """What the engine understood of a listing."""

    listing: Listing
    materials: tuple[str, ...]
    processes: tuple[str, ...]
    code: str | None
    hazardous: bool
    # True when the materials were read from the words of the listing, not only from its code
    text_materials: bool
    words: dict[str, str] = field(default_factory=dict)
    # quality attributes as bit masks (see Knowledge.attributes): stated, asked for with "only",
    # refused ("no blends"); materials the listing refuses; supply or needed temperature
    attrs: int = 0
    required: int = 0
    refused: int = 0
    refused_materials: tuple[str, ...] = ()
    temperature: float | None = None

    @property
    def main_material(self) -> str | None:
        return self.materials[0] if self.materials else None


class Reason(NamedTuple):
    """A reason as a message key and its parameters, so any language can render it."""

    key: str
    params: dict[str, Any]


@dataclass(slots=True)
class Match:
    offer_id: str
    want_id: str
    score: float
    distance_km: float | None
    reasons: list[Reason]
    tonnes: float = 0.0


@dataclass(slots=True)
class CodeProposal:
    code: str
    hazardous: bool
    description_en: str
    description_tr: str
    score: float
