from datetime import date, datetime

from ninja import Field, ModelSchema, Schema

from .audit_labels import object_label
from .models import Membership, Organisation, Programme, Site


class SiteOut(ModelSchema):
    class Meta:
        model = Site
        fields = [
            "id",
            "name",
            "address",
            "province",
            "district",
            "industrial_zone",
            "latitude",
            "longitude",
        ]


class SiteIn(Schema):
    name: str
    address: str = ""
    province: str = ""
    district: str = ""
    industrial_zone: str = ""
    latitude: float
    longitude: float


class OrganisationOut(ModelSchema):
    sites: list[SiteOut] = []

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "kind",
            "nace_codes",
            "sector",
            "tax_number",
            "address",
            "province",
            "district",
            "industrial_zone",
            "latitude",
            "longitude",
            "employee_band",
            "website",
        ]


class OrganisationIn(Schema):
    name: str
    kind: str
    nace_codes: list[str] = []
    tax_number: str = ""
    address: str = ""
    province: str = ""
    district: str = ""
    industrial_zone: str = ""
    latitude: float | None = None
    longitude: float | None = None
    employee_band: str = ""
    website: str = ""


class OrganisationPatch(Schema):
    name: str | None = None
    kind: str | None = None
    nace_codes: list[str] | None = None
    tax_number: str | None = None
    address: str | None = None
    province: str | None = None
    district: str | None = None
    industrial_zone: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    employee_band: str | None = None
    website: str | None = None


class MembershipOut(Schema):
    id: int
    user_id: int
    email: str = Field(..., alias="user.email")
    full_name: str = Field(..., alias="user.full_name")
    organisation_id: int
    role: str


class MembershipIn(Schema):
    role: str


class InvitationIn(Schema):
    email: str
    role: str = Membership.Role.MEMBER


class InvitationOut(Schema):
    id: int
    email: str
    role: str
    expires_at: str
    link: str


class ProgrammeOut(ModelSchema):
    participant_count: int = 0

    class Meta:
        model = Programme
        fields = [
            "id",
            "name",
            "slug",
            "description",
            "starts_on",
            "ends_on",
            "priority_sectors",
            "publishes_participants",
        ]


class ParticipantListIn(Schema):
    published: bool


class ParticipantOut(Schema):
    organisation_id: int
    name: str = Field(..., alias="organisation.name")
    sector: str
    joined_on: date


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    phone: str
    preferred_language: str
    roles: list[str]


class TokenIn(Schema):
    name: str


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: str
    last_used_at: str | None
    revoked: bool


class TokenCreatedOut(TokenOut):
    key: str


class AuditEntryOut(Schema):
    id: int
    at: datetime
    actor: str | None
    action: str
    object_type: str
    object_label: str
    object_id: str
    object_repr: str
    changes: dict
    programme_id: int | None
    organisation_id: int | None

    @staticmethod
    def resolve_actor(entry) -> str | None:
        return entry.actor.email if entry.actor else None

    @staticmethod
    def resolve_object_label(entry) -> str:
        return str(object_label(entry.object_type))


class JobOut(Schema):
    id: int
    kind: str
    status: str
    done: int
    total: int
    message: str
    result: dict
    heartbeat_at: datetime | None
    finished_at: datetime | None
