"""The collaboration register (plans) follows each synergy and each workshop table's agreement.

Kept apart from ``services`` and ``workshop`` so that both can feed the register without
importing each other.
"""

from django.utils.translation import gettext as _

from dekvep.plans.models import CollaborationOpportunity
from dekvep.plans.services import register_opportunity
from dekvep.symbiosis.models import Synergy, WorkshopAgreement

# The collaboration register (roadmaps) follows each synergy from the moment it is agreed.
REGISTER_STATUS = {
    Synergy.State.AGREED: "agreed",
    Synergy.State.ACTIVE: "in_progress",
    Synergy.State.ENDED: "realised",
    Synergy.State.DROPPED: "dropped",
}


# A synergy taken up from a workshop table's agreed match carries that register entry forward
# instead of opening a second one for the same pair.
FROM_WORKSHOP_STATUS = {
    **REGISTER_STATUS,
    Synergy.State.CONTACTED: "in_discussion",
    Synergy.State.NEGOTIATING: "in_discussion",
}


def register_synergy(synergy: Synergy):
    """Put an agreed synergy in the programme's collaboration register, or keep it up to date."""
    agreement = (
        WorkshopAgreement.objects.filter(
            offer=synergy.offer, want=synergy.want, opportunity_id__isnull=False
        )
        .select_related("table__workshop", "offer__organisation", "want__organisation")
        .first()
    )
    if agreement is not None:
        status = FROM_WORKSHOP_STATUS.get(synergy.state)
        return register_agreement(agreement, status) if status else None
    status = REGISTER_STATUS.get(synergy.state)
    source_id = f"synergy:{synergy.pk}"
    known = CollaborationOpportunity.objects.filter(
        source_app="symbiosis", source_id=source_id
    ).exists()
    if status is None or (synergy.state == Synergy.State.DROPPED and not known):
        return None
    tonnes = min(synergy.offer.tonnes_per_year, synergy.want.tonnes_per_year)
    return register_opportunity(
        None,
        programme=synergy.programme,
        type=CollaborationOpportunity.Type.SYNERGY,
        title=str(synergy),
        parties=[synergy.offer.organisation, synergy.want.organisation],
        source_app="symbiosis",
        source_id=source_id,
        source_label=_("Marketplace synergy"),
        status=status,
        expected_impact=_("%(t).0f t a year") % {"t": tonnes},
        sector=synergy.offer.organisation.sector or "",
    )


def register_agreement(agreement: WorkshopAgreement, status: str = "identified"):
    table, offer, want = agreement.table, agreement.offer, agreement.want
    tonnes = min(offer.tonnes_per_year, want.tonnes_per_year)
    return register_opportunity(
        None,
        programme=table.programme,
        type=CollaborationOpportunity.Type.SYMBIOSIS_WORKSHOP,
        title=f"{offer.title} → {want.title}",
        parties=[offer.organisation, want.organisation],
        source_app="symbiosis",
        source_id=f"workshop-match:{agreement.pk}",
        source_label=str(table.workshop or table),
        status=status,
        next_step=agreement.note,
        expected_impact=_("%(t).0f t a year") % {"t": tonnes},
        sector=offer.organisation.sector or "",
        identified_at=table.workshop.starts_at if table.workshop else None,
    )
