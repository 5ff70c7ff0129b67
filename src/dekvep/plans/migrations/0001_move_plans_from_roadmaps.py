"""Action plans, actions, progress updates and the collaboration register move from roadmaps.

The tables stay where they are (``Meta.db_table``): only Django's idea of which app owns them
changes, so no row is copied. Audit entries and content types follow the models to ``plans``.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


MOVED = ("actionplan", "action", "progressupdate", "collaborationopportunity")


def relabel(apps, schema_editor, old="roadmaps", new="plans"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEntry = apps.get_model("core", "AuditEntry")
    for model in MOVED:
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)
        AuditEntry.objects.filter(object_type=f"{old}.{model}").update(
            object_type=f"{new}.{model}"
        )


def unlabel(apps, schema_editor):
    relabel(apps, schema_editor, old="plans", new="roadmaps")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('core', '0001_initial'),
        ('roadmaps', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ActionPlan',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('sector', 'Sector action plan'), ('firm', 'Firm-level plan'), ('cluster', 'Cluster follow-up plan')], max_length=10, verbose_name='kind')),
                        ('sector', models.CharField(blank=True, max_length=30, verbose_name='sector')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='action_plans', to='core.organisation')),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='action_plans', to='core.programme')),
                        ('roadmap', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='action_plans', to='roadmaps.roadmap')),
                    ],
                    options={
                        'verbose_name': 'action plan',
                        'db_table': 'roadmaps_actionplan',
                        'ordering': ['kind', 'sector', 'title'],
                    },
                ),
                migrations.CreateModel(
                    name='Action',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('origin', models.CharField(choices=[('roadmap_goal', 'Roadmap goal'), ('assessment', 'Assessment opportunity'), ('synergy', 'Agreed synergy'), ('cluster_meeting', 'Cluster meeting'), ('workshop', 'Workshop'), ('other', 'Other')], default='other', max_length=20, verbose_name='origin')),
                        ('source_app', models.CharField(blank=True, max_length=30, verbose_name='source')),
                        ('source_id', models.CharField(blank=True, max_length=64, verbose_name='source id')),
                        ('source_label', models.CharField(blank=True, max_length=300, verbose_name='source label')),
                        ('start_date', models.DateField(blank=True, null=True, verbose_name='start date')),
                        ('due_date', models.DateField(blank=True, null=True, verbose_name='due date')),
                        ('status', models.CharField(choices=[('planned', 'Planned'), ('in_progress', 'In progress'), ('done', 'Done'), ('blocked', 'Blocked'), ('dropped', 'Dropped')], default='planned', max_length=12, verbose_name='status')),
                        ('indicator', models.CharField(blank=True, max_length=200, verbose_name='indicator')),
                        ('target', models.CharField(blank=True, max_length=120, verbose_name='target')),
                        ('budget_try', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='budget (TRY)')),
                        ('funding_source', models.CharField(blank=True, max_length=200, verbose_name='funding source')),
                        ('savings_try', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='expected savings (TRY/year)')),
                        ('savings_energy_kwh', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='expected energy savings (kWh/year)')),
                        ('savings_water_m3', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='expected water savings (m³/year)')),
                        ('savings_material_t', models.DecimalField(blank=True, decimal_places=3, max_digits=14, null=True, verbose_name='expected material savings (t/year)')),
                        ('savings_tco2e', models.DecimalField(blank=True, decimal_places=3, max_digits=14, null=True, verbose_name='expected emission reduction (tCO2e/year)')),
                        ('last_reminded_on', models.DateField(blank=True, null=True)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('goal', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='actions', to='roadmaps.strategicgoal', verbose_name='roadmap goal')),
                        ('owner_organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='owned_actions', to='core.organisation', verbose_name='owner organisation')),
                        ('owner_person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='owned_actions', to=settings.AUTH_USER_MODEL, verbose_name='owner person')),
                        ('partners', models.ManyToManyField(blank=True, related_name='partner_actions', to='core.organisation', verbose_name='partners')),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='plans.actionplan')),
                    ],
                    options={
                        'verbose_name': 'action',
                        'verbose_name_plural': 'actions',
                        'db_table': 'roadmaps_action',
                        'ordering': ['due_date', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='CollaborationOpportunity',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('type', models.CharField(choices=[('symbiosis_workshop', 'Symbiosis workshop match'), ('synergy', 'Synergy'), ('cluster', 'Cluster collaboration'), ('open_innovation', 'Open-innovation match'), ('partnership', 'Partnership between firms')], max_length=20, verbose_name='type')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('sector', models.CharField(blank=True, max_length=30, verbose_name='sector')),
                        ('source_app', models.CharField(max_length=30, verbose_name='source')),
                        ('source_id', models.CharField(max_length=64, verbose_name='source id')),
                        ('source_label', models.CharField(blank=True, max_length=300, verbose_name='came from')),
                        ('status', models.CharField(choices=[('identified', 'Identified'), ('in_discussion', 'In discussion'), ('agreed', 'Agreed'), ('in_progress', 'In progress'), ('realised', 'Realised'), ('dropped', 'Dropped')], default='identified', max_length=15, verbose_name='status')),
                        ('next_step', models.CharField(blank=True, max_length=300, verbose_name='next step')),
                        ('expected_impact', models.CharField(blank=True, max_length=300, verbose_name='expected impact')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('parties', models.ManyToManyField(related_name='collaboration_opportunities', to='core.organisation', verbose_name='parties')),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='collaboration_opportunities', to='core.programme')),
                    ],
                    options={
                        'verbose_name': 'collaboration opportunity',
                        'verbose_name_plural': 'collaboration opportunities',
                        'db_table': 'roadmaps_collaborationopportunity',
                        'ordering': ['-updated_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ProgressUpdate',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('date', models.DateField(default=django.utils.timezone.localdate, verbose_name='date')),
                        ('note', models.TextField(verbose_name='progress')),
                        ('value', models.CharField(blank=True, max_length=120, verbose_name='indicator value')),
                        ('status', models.CharField(blank=True, choices=[('planned', 'Planned'), ('in_progress', 'In progress'), ('done', 'Done'), ('blocked', 'Blocked'), ('dropped', 'Dropped')], max_length=12, verbose_name='status')),
                        ('evidence', models.FileField(blank=True, upload_to='roadmaps/evidence/%Y/', verbose_name='evidence')),
                        ('evidence_size', models.PositiveIntegerField(default=0)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('action', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='updates', to='plans.action')),
                        ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'progress update',
                        'db_table': 'roadmaps_progressupdate',
                        'ordering': ['-date', '-pk'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='actionplan',
                    constraint=models.UniqueConstraint(fields=('programme', 'kind', 'sector', 'organisation'), name='unique_action_plan'),
                ),
                migrations.AddConstraint(
                    model_name='action',
                    constraint=models.UniqueConstraint(condition=models.Q(('source_id', ''), _negated=True), fields=('source_app', 'source_id'), name='unique_action_source'),
                ),
                migrations.AddConstraint(
                    model_name='collaborationopportunity',
                    constraint=models.UniqueConstraint(fields=('source_app', 'source_id'), name='unique_opportunity_source'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel, unlabel),
    ]
