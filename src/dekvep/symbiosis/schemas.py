import datetime as dt

from ninja import Schema


class ListingIn(Schema):
    kind: str
    title: str
    description: str = ""
    waste_code: str = ""
    material: str = ""
    quantity: float
    unit: str = "t"
    frequency: str = "year"
    form: str = ""
    hazardous: bool = False
    hazardous_licence: bool = False
    available_from: dt.date | None = None
    available_until: dt.date | None = None
    logistics: str = ""
    site_id: int | None = None
    organisation_id: int
    programme_id: int


class ListingOut(Schema):
    id: int
    kind: str
    title: str
    description: str
    waste_code: str
    material: str
    material_name: str
    quantity: float
    unit: str
    frequency: str
    tonnes_per_year: float
    hazardous: bool
    hazardous_licence: bool
    status: str
    firm: str
    own: bool
    available_from: dt.date | None
    available_until: dt.date | None


class StatusIn(Schema):
    status: str


class ReasonOut(Schema):
    key: str
    params: dict
    text: str


class MatchOut(Schema):
    rank: int
    score: float
    distance_km: float | None
    listing: ListingOut
    reasons: list[ReasonOut]


class InterestIn(Schema):
    offer_id: int
    want_id: int


class SynergyOut(Schema):
    id: int
    state: str
    offer: ListingOut
    want: ListingOut
    introduced: bool
    my_side_agrees: bool
    score: float
    distance_km: float | None
    dropped_reason: str
    tonnes_exchanged: float
    co2e_avoided_t: float


class TransitionIn(Schema):
    state: str
    reason: str = ""


class ExchangeIn(Schema):
    date: dt.date
    tonnes: float


class CodeProposalOut(Schema):
    code: str
    hazardous: bool
    description: str
    score: float


class MatchRunOut(Schema):
    id: int
    job_id: int | None
    offers: int
    wants: int
    pairs: int
    allocated_t: float
    finished: bool


class ImpactOut(Schema):
    tonnes: float
    co2e_avoided_t: float
    cost_saving_eur: float
