"""Registering the same opportunity again changes nothing: the demo and the apps rely on it."""

from dekvep.core.models import AuditEntry
from dekvep.plans import services
from dekvep.plans.models import CollaborationOpportunity


def _register(programme, firm, other_firm, **extra):
    return services.register_opportunity(
        None,
        programme=programme,
        type="synergy",
        title="Pamuk kırpıntısı → keçe",
        parties=[firm, other_firm],
        source_app="symbiosis.synergy",
        source_id=7,
        **extra,
    )


def test_it_leaves_an_unchanged_opportunity_and_the_audit_log_alone(programme, firm, other_firm):
    first = _register(programme, firm, other_firm)
    entries = AuditEntry.objects.count()
    again = _register(programme, firm, other_firm)
    assert again.pk == first.pk
    assert again.updated_at == first.updated_at
    assert AuditEntry.objects.count() == entries


def test_it_records_what_changed_when_a_source_registers_new_facts(programme, firm, other_firm):
    _register(programme, firm, other_firm)
    _register(programme, firm, other_firm, next_step="Numune gönderimi")
    entry = AuditEntry.objects.filter(object_type="plans.collaborationopportunity").latest("id")
    assert entry.changes["next_step"] == ["", "Numune gönderimi"]
    assert CollaborationOpportunity.objects.get().next_step == "Numune gönderimi"
