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
    colour: str = ""
    grade: str = ""
    contamination: str = ""
    physical_form: str = ""
    moisture: str = ""
    temperature_c: float | None = None
    capacity_process: str = ""
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
    form: str = ""
    colour: str = ""
    grade: str = ""
    contamination: str = ""
    physical_form: str = ""
    moisture: str = ""
    temperature_c: float | None = None
    capacity_process: str = ""
    quality: list[str] = []
    capacity_process_name: str = ""
    logistics: str = ""
    price: float | None = None
    workshop_table: int | None = None
    distance_km: float | None = None
    service: str = ""
    service_label: str = ""
    service_provinces: list[str] = []


class ListingPatch(Schema):
    """Only the fields given change."""

    kind: str | None = None
    title: str | None = None
    description: str | None = None
    waste_code: str | None = None
    material: str | None = None
    quantity: float | None = None
    unit: str | None = None
    frequency: str | None = None
    form: str | None = None
    colour: str | None = None
    grade: str | None = None
    contamination: str | None = None
    physical_form: str | None = None
    moisture: str | None = None
    temperature_c: float | None = None
    capacity_process: str | None = None
    hazardous: bool | None = None
    hazardous_licence: bool | None = None
    available_from: dt.date | None = None
    available_until: dt.date | None = None
    price: float | None = None
    logistics: str | None = None
    site_id: int | None = None


class AttachmentOut(Schema):
    id: int
    kind: str
    name: str
    size: int
    url: str


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
    # The states this user may move the synergy to now (what the page offers).
    allowed_transitions: list[str] = []
    baseline_route: str = "landfill"
    receiving_process: str = ""
    ended_on: dt.date | None = None
    impact: "SynergyImpactOut | None" = None
    realised: "SynergyImpactOut | None" = None
    exchanges: list["ExchangeOut"] = []


class SynergyImpactOut(Schema):
    """Avoided = baseline route − new route + substituted production − transport."""

    tonnes: float
    baseline_route: str
    substitute: str
    baseline_t_co2e: float
    new_route_t_co2e: float
    substituted_t_co2e: float
    transport_t_co2e: float
    co2e_avoided_t: float
    disposal_saving_eur: float
    # None: not reported (no sourced value for the material, e.g. shared capacity)
    material_value_eur: float | None
    transport_cost_eur: float
    cost_saving_eur: float | None
    cost_saving_try: float | None
    savings_not_reported: int = 0


class ExchangeOut(Schema):
    id: int
    date: dt.date
    tonnes: float
    transport_document: str
    weighbridge_ticket: str
    invoice_number: str
    has_invoice: bool
    offer_confirmed: bool
    want_confirmed: bool
    verified: bool
    verified_at: dt.datetime | None
    may_confirm: bool
    may_verify: bool


class RouteIn(Schema):
    baseline_route: str
    receiving_process: str = ""


class TransitionIn(Schema):
    state: str
    reason: str = ""


class ExchangeIn(Schema):
    date: dt.date
    tonnes: float
    transport_document: str = ""
    weighbridge_ticket: str = ""
    invoice_number: str = ""


class CodeProposalOut(Schema):
    code: str
    hazardous: bool
    description: str
    score: float
    # For a mirror entry: the pair ("04 02 19* / 04 02 20") and the question that decides.
    mirror_pair: str = ""
    mirror_question: str = ""


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
    # the sum over the synergies whose savings are reported; None when none is
    cost_saving_eur: float | None
    savings_not_reported: int = 0


class TableIn(Schema):
    programme_id: int
    title: str
    workshop_id: int | None = None
    organisation_ids: list[int] = []


class TableOut(Schema):
    id: int
    programme_id: int
    title: str
    workshop_id: int | None
    firms: list[str]
    listings: int
    agreements: int


class WorkshopRowIn(Schema):
    kind: str = ""
    firm: str = ""
    title: str = ""
    description: str = ""
    code: str = ""
    quantity: str = ""
    unit: str = ""
    period: str = ""


class WorkshopRowsIn(Schema):
    """Either rows as the grid has them, or ``tsv``: text pasted from a spreadsheet."""

    rows: list[WorkshopRowIn] = []
    tsv: str = ""


class TableListingOut(Schema):
    id: int
    kind: str
    firm: str
    title: str
    waste_code: str
    material: str
    tonnes_per_year: float
    status: str


class TableMatchOut(Schema):
    offer: TableListingOut
    want: TableListingOut
    score: float
    distance_km: float | None
    reasons: list[ReasonOut]
    agreed: bool


class AgreementIn(Schema):
    offer_id: int
    want_id: int
    note: str = ""


class AgreementOut(Schema):
    id: int
    offer: TableListingOut
    want: TableListingOut
    score: float
    note: str
    opportunity_id: int | None
