"""Demo: the programme's industrial-symbiosis workshops run through workshop mode.

Each symbiosis workshop sits two tables; the facilitator enters the firms' haves and wants at
the tables, and the tables agree on their matches until the collaboration register holds the
reference programme's 199 opportunities (with the cluster meetings' and the pitch day's). A
share of the agreed matches is taken up as synergies by the firms themselves — contacted,
negotiating, agreed, a few active or ended with exchanges, evidence and verification — so the
register entries move forward and realised figures stand apart from the pipeline.

Idempotent: tables are found by workshop and title, agreements and synergies by their pair.
"""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from dekvep.core.demo import _user
from dekvep.core.models import Membership, Organisation, StaffAssignment, User
from dekvep.plans.models import CollaborationOpportunity
from dekvep.roadmaps.models import Workshop
from dekvep.symbiosis import demo_conversations, exchanges, services, workshop
from dekvep.symbiosis.demo import LISTINGS
from dekvep.symbiosis.models import Listing, Synergy, WorkshopAgreement, WorkshopTable

TARGET = 199
# (state the synergy reaches, how many agreed matches are taken that far), in that order
PROGRESS = [
    ("identified", 8),
    ("contacted", 24),
    ("negotiating", 10),
    ("agreed", 8),
    ("active", 5),
    ("ended", 2),
    ("dropped", 6),
]
PATH = ["contacted", "negotiating", "agreed", "active", "ended"]
# What each receiving firm does with what it takes (the process decides the substitution).
PROCESS = {
    "Hereke Çimento Fabrikası A.Ş.": "cement_coprocessing",
    "Çorlu Kağıt Karton A.Ş.": "paper_mill",
    "Dilovası Elektrik Ark Ocağı Çelik A.Ş.": "eaf_steel",
    "Trakya Cam Ambalaj A.Ş.": "glass_furnace",
    "Çorlu Keçe ve Nonwoven A.Ş.": "nonwovens",
    "Rejenere Elyaf İplik A.Ş.": "spinning",
    "Gebze Plastik Geri Kazanım A.Ş.": "plastics_recycling",
    "İkitelli Granül Rejenere Ltd. Şti.": "plastics_recycling",
    "Anadolu Bakır Rafineri A.Ş.": "nonferrous_smelting",
    "Marmara Atık Yağ Rafinasyon A.Ş.": "oil_rerefining",
    "Tuzla Solvent Geri Kazanım A.Ş.": "solvent_recovery",
    "Yalıtım Malzemeleri San. A.Ş.": "insulation",
}
BASELINE = {"metal": "lower_value_recycling", "solvent": "incineration"}
CARDBOARD = ("Oluklu mukavva ambalaj atığı", "Karton balya", "150101", 3, "t", "month")
# What the sector's participants bring to their own table, two each (title, description, code,
# quantity, unit, period).
SECTOR_OFFERS = {
    "textile": [
        ("Pamuklu kesim kırpıntısı", "Kesimhane pamuk kırpıntısı", "040222", 8, "t", "month"),
        CARDBOARD,
        ("Polyester kumaş parçaları", "PES kırpıntı, renkli", "040222", 2, "t", "month"),
    ],
    "plastics": [
        ("PP kırma ve çapak", "Enjeksiyon çapağı, temiz PP", "070213", 5, "t", "month"),
        ("LDPE streç film atığı", "Ambalaj filmi", "150102", 2, "t", "month"),
        CARDBOARD,
    ],
    "white_goods": [
        ("Sac kesim hurdası", "Galvaniz sac kırpıntısı", "120101", 20, "t", "month"),
        CARDBOARD,
        ("PU köpük kırpıntısı", "Poliüretan köpük kesim artıkları", "", 1, "t", "month"),
    ],
}


def load(programme, stdout=None) -> None:
    facilitator = _facilitator(programme)
    workshops = list(
        Workshop.objects.filter(programme=programme, kind=Workshop.Kind.SYMBIOSIS).order_by(
            "starts_at"
        )
    )
    if facilitator is None or not workshops:
        return
    tables = [_table(programme, facilitator, w, n) for w in workshops for n in (1, 2)]
    agreements = _agree(programme, facilitator, tables)
    taken = _take_up(programme, facilitator, agreements)
    _follow_ups(programme, agreements)

    demo_conversations.load(programme, facilitator)
    if stdout:
        stdout.write(
            f"  symbiosis workshops: {len(tables)} tables, {len(agreements)} agreed matches, "
            f"{taken} synergies\n"
        )


# Follow-up sessions start three weeks after a workshop and end a month before the programme.
FOLLOW_UP_FROM = dt.timedelta(days=21)
FOLLOW_UP_UNTIL = dt.timedelta(days=30)


def _follow_ups(programme, agreements) -> None:
    """Date the matches agreed after the workshop day where the facilitator agreed them.

    The tables agree their best matches on the day; the firms taken up as synergies come from
    these. The rest were agreed with the table's firms in the follow-up sessions of the months
    after, so their register entries (and the agreements) are spread from three weeks after the
    workshop to a month before the programme's end — the rhythm the funder's chart shows.
    Deterministic, so that running the demo again gives the same dates.
    """
    taken = set(Synergy.objects.filter(programme=programme).values_list("offer_id", "want_id"))
    later = [a for a in agreements if (a.offer_id, a.want_id) not in taken and a.opportunity_id]
    end = dt.datetime.combine(programme.ends_on, dt.time(11), tzinfo=dt.UTC) - FOLLOW_UP_UNTIL
    by_table: dict[int, list[WorkshopAgreement]] = {}
    for agreement in later:
        by_table.setdefault(agreement.table_id, []).append(agreement)
    for items in by_table.values():
        first = items[0].table.workshop.starts_at + FOLLOW_UP_FROM
        step = (end - first) / max(len(items), 1)
        for i, agreement in enumerate(items):
            moment = first + step * i
            WorkshopAgreement.objects.filter(pk=agreement.pk).update(recorded_at=moment)
            CollaborationOpportunity.objects.filter(pk=agreement.opportunity_id).update(
                created_at=moment
            )


def _facilitator(programme):
    assignment = (
        StaffAssignment.objects.filter(programme=programme, role=StaffAssignment.Role.FACILITATOR)
        .select_related("user")
        .first()
    )
    return assignment.user if assignment else None


def _rows(names: set[str]) -> list[workshop.Row]:
    rows = []
    for line, (firm, kind, title, desc, code, qty, unit, freq, _licence) in enumerate(LISTINGS, 1):
        if firm in names:
            cells = {
                "kind": kind,
                "firm": firm,
                "title": title,
                "description": desc,
                "code": code,
                "quantity": str(qty),
                "unit": unit,
                "period": freq,
            }
            rows.append(workshop.Row(line, cells))
    return rows


def _table(programme, facilitator, meeting: Workshop, number: int) -> WorkshopTable:
    """Table 1 seats the workshop's sector with every receiver, table 2 the other sectors."""
    title = f"{meeting.title} — Masa {number}"
    table = WorkshopTable.objects.filter(programme=programme, workshop=meeting, title=title).first()
    if table is not None:
        return table
    sectors = dict(Organisation.objects.values_list("name", "sector"))
    names = {
        firm
        for firm, kind, *_rest in LISTINGS
        if firm in sectors
        and (kind == Listing.Kind.WANT or (sectors[firm] == meeting.sector) == (number == 1))
    }
    rows = _rows(names)
    if number == 1:
        participants = _participants(programme, meeting.sector)
        names |= {firm.name for firm in participants}
        rows += _sector_rows(meeting.sector, participants, start=len(rows) + 1)
    firms = list(Organisation.objects.filter(name__in=names))
    table = workshop.create_table(facilitator, programme, title, meeting, firms)
    workshop.enter_listings(facilitator, table, rows)
    return table


def _participants(programme, sector) -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            participations__programme=programme, participations__sector=sector
        ).order_by("pk")
    )


def _sector_rows(sector, participants, start: int) -> list[workshop.Row]:
    offers = SECTOR_OFFERS.get(sector, [])
    rows = []
    for i, firm in enumerate(participants):
        for offset in (0, 1):
            if not offers:
                break
            title, desc, code, qty, unit, period = offers[(i + offset) % len(offers)]
            cells = {
                "kind": "offer",
                "firm": firm.name,
                "title": title,
                "description": desc,
                "code": code,
                "quantity": str(qty),
                "unit": unit,
                "period": period,
            }
            rows.append(workshop.Row(start + len(rows), cells))
    return rows


def _total(programme) -> int:
    return CollaborationOpportunity.objects.filter(programme=programme).count()


def _agree(programme, facilitator, tables) -> list[WorkshopAgreement]:
    """Agree the tables' matches, best first and one table after another, up to the target."""
    ranked = {t.pk: iter(workshop.table_matches(t, top=5)) for t in tables}
    listings = {listing.pk: listing for t in tables for listing in workshop.table_listings(t)}
    for table in itertools.cycle(tables):
        if _total(programme) >= TARGET or not ranked:
            break
        match = next(ranked.get(table.pk, iter(())), None)
        if match is None:
            ranked.pop(table.pk, None)
            continue
        offer, want = listings[int(match.offer_id)], listings[int(match.want_id)]
        if offer.organisation_id == want.organisation_id:
            continue
        workshop.agree(facilitator, table, offer, want, "Tarafların tanıştırılması")
    return list(
        WorkshopAgreement.objects.filter(table__in=tables)
        .select_related("offer__organisation", "want__organisation", "table__workshop")
        .order_by("pk")
    )


def _member(organisation: Organisation) -> User:
    membership = Membership.objects.filter(organisation=organisation).select_related("user")
    if membership.exists():
        return membership.first().user

    user = _user(f"iletisim-{organisation.pk}@dekvep.demo", f"{organisation.name} İletişim")
    Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": "admin"}
    )
    return user


def _take_up(programme, facilitator, agreements) -> int:
    """The firms take a share of the agreed matches up as synergies, each as far as it got."""
    targets = [state for state, n in PROGRESS for _i in range(n)]
    taken = 0
    for agreement, target in zip(agreements, targets, strict=False):
        offer, want = agreement.offer, agreement.want
        if Synergy.objects.filter(offer=offer, want=want).exists():
            taken += 1
            continue
        giver, taker = _member(offer.organisation), _member(want.organisation)
        for member, listing in ((giver, offer), (taker, want)):
            if listing.status != Listing.Status.PUBLISHED:
                services.set_listing_status(member, listing, Listing.Status.PUBLISHED)
        synergy = services.express_interest(giver, offer, want)
        if target != "identified":
            synergy = services.agree_to_introduction(taker, synergy)
        _advance(programme, facilitator, agreement, synergy, target, giver, taker)
        taken += 1
    return taken


def _advance(programme, facilitator, agreement, synergy, target, giver, taker) -> None:
    if target == "dropped":
        services.transition_synergy(giver, synergy, "dropped", "Kalite şartları karşılanmadı")
        return
    if target in ("identified", "contacted"):
        return
    process = PROCESS.get(synergy.want.organisation.name, "")
    baseline = BASELINE.get(synergy.offer.material, "landfill")
    exchanges.set_route(facilitator, synergy, baseline, process)
    for state in PATH[1 : PATH.index(target) + 1]:
        if state == "ended":
            last = synergy.exchanges.order_by("-date").first()
            ended_on = last.date + dt.timedelta(days=20) if last else None
            synergy = services.transition_synergy(giver, synergy, state, ended_on=ended_on)
        else:
            synergy = services.transition_synergy(giver, synergy, state)
        if state == "active":
            _deliveries(programme, facilitator, agreement, synergy, giver, taker, target)


def _deliveries(programme, facilitator, agreement, synergy, giver, taker, target) -> None:
    """Monthly loads from two months after the workshop to the programme's end, with evidence;
    both firms confirm them, the facilitator verifies the older ones."""
    start = timezone.localtime(agreement.table.workshop.starts_at).date() + dt.timedelta(days=60)
    loads = 3 if target == "ended" else 8
    tonnes = round(max(min(synergy.offer.tonnes_per_year, synergy.want.tonnes_per_year) / 12, 1), 1)
    for n in range(loads):
        day = start + dt.timedelta(days=30 * n + 15 * (agreement.pk % 2))
        if day > programme.ends_on:
            break
        exchange = services.record_exchange(
            giver,
            synergy,
            day,
            tonnes,
            transport_document=f"TKN-{day:%Y}-{agreement.pk:04d}{n + 1:02d}",
            weighbridge_ticket=f"KNT-{agreement.pk}-{n + 1}",
            invoice_number=f"FTR-{day:%Y%m}-{agreement.pk}",
        )
        exchange = exchanges.confirm(taker, exchange)
        if n < loads - 2:
            exchanges.verify(facilitator, exchange)
