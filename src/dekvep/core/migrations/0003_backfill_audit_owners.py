"""Fill the programme and owning organisation of audit entries written before they were kept."""

from django.db import migrations

from dekvep.core.audit import owner_ids


def backfill(apps, schema_editor):
    AuditEntry = apps.get_model("core", "AuditEntry")
    cache = {}
    pending = AuditEntry.objects.filter(organisation__isnull=True) | AuditEntry.objects.filter(
        programme__isnull=True
    )
    for entry in pending.iterator(chunk_size=500):
        key = (entry.object_type, entry.object_id)
        if key not in cache:
            cache[key] = _owners(apps, *key)
        programme_id, organisation_id = cache[key]
        update = {}
        if entry.programme_id is None and programme_id:
            update["programme_id"] = programme_id
        if entry.organisation_id is None and organisation_id:
            update["organisation_id"] = organisation_id
        if update:
            AuditEntry.objects.filter(pk=entry.pk).update(**update)


def _owners(apps, object_type, object_id):
    try:
        model = apps.get_model(object_type)
        obj = model.objects.filter(pk=object_id).first()
    except (LookupError, ValueError):
        return None, None
    return owner_ids(obj) if obj is not None else (None, None)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_audit_entry_organisation"),
        ("assessment", "0003_programme_assessment_settings"),
        ("calls", "0002_question_choices_in_english"),
        ("events", "0002_event_description_in_english"),
        ("plans", "0003_action_title_description_in_english"),
        ("readiness", "0001_catalogue_versions_and_profiles"),
        ("roadmaps", "0002_move_plans_to_plans_app"),
        ("symbiosis", "0002_workshop_attachments"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
