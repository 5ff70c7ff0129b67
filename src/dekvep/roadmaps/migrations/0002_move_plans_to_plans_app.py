"""The models of action plans and the register now belong to ``plans``; their tables stay."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0001_move_plans_from_roadmaps'),
        ('roadmaps', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='clusterneed',
                    name='follow_up',
                    field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='cluster_need', to='plans.action', verbose_name='follow-up action'),
                ),
                migrations.RemoveField(
                    model_name='progressupdate',
                    name='action',
                ),
                migrations.RemoveField(
                    model_name='actionplan',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='actionplan',
                    name='programme',
                ),
                migrations.RemoveField(
                    model_name='actionplan',
                    name='roadmap',
                ),
                migrations.RemoveField(
                    model_name='collaborationopportunity',
                    name='parties',
                ),
                migrations.RemoveField(
                    model_name='collaborationopportunity',
                    name='programme',
                ),
                migrations.RemoveField(
                    model_name='progressupdate',
                    name='author',
                ),
                migrations.DeleteModel(
                    name='Action',
                ),
                migrations.DeleteModel(
                    name='ActionPlan',
                ),
                migrations.DeleteModel(
                    name='CollaborationOpportunity',
                ),
                migrations.DeleteModel(
                    name='ProgressUpdate',
                ),
            ],
            database_operations=[],
        ),
    ]
