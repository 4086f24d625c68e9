"""The skills each job asks for, for matching (POL-S-003, ADR 0075), filled for existing jobs
by the same code that keeps them current (jobs.matching.store), in batches."""

import django.db.models.deletion
from django.db import migrations, models

from jobs.matching.store import load_vocabulary, write_all_match_rows


def fill(apps, schema_editor):
    job, row, skill = (apps.get_model("jobs", n) for n in ("Job", "JobMatchSkill", "Skill"))
    vocabulary = load_vocabulary(skill, apps.get_model("jobs", "SearchSynonym"))
    for _done in write_all_match_rows(vocabulary, job_model=job, row_model=row, skill_model=skill):
        pass


class Migration(migrations.Migration):

    dependencies = [
        ('jobs', '0009_skills_list_and_roles'),
    ]

    operations = [
        migrations.CreateModel(
            name='JobMatchSkill',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('tagged', models.BooleanField(default=False)),
                ('published', models.BooleanField()),
                ('deadline', models.DateField(blank=True, null=True)),
                ('job', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='match_skills', to='jobs.job')),
                ('skill', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='jobs.skill')),
            ],
            options={
                'verbose_name': 'job skill for matching',
                'verbose_name_plural': 'job skills for matching',
                'indexes': [models.Index(condition=models.Q(('published', True)), fields=['skill', 'deadline', 'job'], name='jobs_matchskill_open')],
                'constraints': [models.UniqueConstraint(fields=('job', 'skill'), name='jobs_matchskill_job_skill')],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
