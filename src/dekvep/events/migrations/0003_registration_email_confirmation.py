from django.db import migrations, models
from django.db.models import F


def confirmed_when_made(apps, schema_editor):
    # Registrations made before double opt-in held their place (or queue position) at once.
    Registration = apps.get_model("events", "Registration")
    Registration.objects.filter(email_confirmed_at__isnull=True).update(
        email_confirmed_at=F("created_at")
    )


class Migration(migrations.Migration):
    dependencies = [("events", "0002_event_description_in_english")]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="email_confirmed_at",
            field=models.DateTimeField(blank=True, db_index=True, null=True),
        ),
        migrations.AlterField(
            model_name="registration",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "Awaiting e-mail confirmation"),
                    ("confirmed", "Confirmed"),
                    ("waitlisted", "Waiting list"),
                    ("cancelled", "Cancelled"),
                ],
                max_length=12,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(confirmed_when_made, migrations.RunPython.noop),
    ]
