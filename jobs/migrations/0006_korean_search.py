"""Korean search (ADR 0054, 0055): analysed terms replace ADR 0010's 'simple' vector and
trigram substring column; SQLite gets an FTS5 table over the same terms; synonyms are data,
seeded with the common job vocabulary and editable by admins; a vocabulary of Latin title
words serves "did you mean"."""

from django.contrib.postgres.search import SearchVectorField
from django.db import migrations, models
from django.db.models import Value
from django.db.models.functions import Cast

from accounts.rbac import grant, revoke
from jobs.migration_ops import PostgresOnlyRemoveIndex
from jobs.search.backends.base import document_for, vocabulary_of
from jobs.search.backends.database import tsvector_literal
from jobs.search.lookups import FTS_TABLE

# One row per set of equivalent words (POL-S-001): Korean and English names of the same
# skill or role as Korean job ads write them.
SYNONYMS = [
    "백엔드, backend, 서버, server",
    "프론트엔드, frontend, 프론트, front-end",
    "풀스택, fullstack, full-stack",
    "파이썬, python",
    "자바, java",
    "자바스크립트, javascript, js",
    "타입스크립트, typescript, ts",
    "쿠버네티스, kubernetes, k8s",
    "도커, docker",
    "리액트, react, reactjs",
    "뷰, vue, vuejs",
    "노드, node, nodejs",
    "스프링, spring",
    "장고, django",
    "코틀린, kotlin",
    "스위프트, swift",
    "고랭, golang, go",
    "러스트, rust",
    "안드로이드, android",
    "아이오에스, ios",
    "리눅스, linux",
    "포스트그레스, postgresql, postgres",
    "데이터베이스, database, db",
    "머신러닝, machine learning, ml, 기계학습",
    "딥러닝, deep learning",
    "인공지능, ai, artificial intelligence",
    "데브옵스, devops",
    "클라우드, cloud",
    "아마존웹서비스, aws",
    "유니티, unity",
    "언리얼, unreal",
    "피그마, figma",
    "개발자, developer, programmer, 프로그래머",
    "엔지니어, engineer",
    "디자이너, designer",
    "기획자, planner",
    "마케터, marketer",
    "마케팅, marketing",
    "영업, sales",
    "인사, hr, human resources",
    "회계, accounting",
    "재무, finance",
    "보안, security",
    "데이터, data",
    "분석가, analyst",
    "게임, game",
    "모바일, mobile",
    "웹, web",
    "앱, app",
    "큐에이, qa",
    "주니어, junior",
    "시니어, senior",
    "신입, entry level, new grad",
    "인턴, intern, internship",
    "계약직, contract",
    "정규직, full time, fulltime",
    "재택근무, 원격근무, remote, 리모트",
    "간호사, nurse",
    "강사, teacher, instructor",
    "연구원, researcher, research scientist",
]
ROLE_PERMISSIONS = {
    "admin": [
        "jobs.add_searchsynonym", "jobs.change_searchsynonym",
        "jobs.delete_searchsynonym", "jobs.view_searchsynonym",
    ],
}
BATCH = 2000


def create_fts_table(apps, schema_editor):
    """SQLite only: FTS5 over the analysed terms (unicode61 keeps Hangul syllables and
    Latin letters as written; prefix indexes make "개발"* fast); title weighs most."""
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
        "title, company, body, tokenize = 'unicode61', prefix = '1 2 3')"
    )
    schema_editor.execute(
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('rank', 'bm25(10.0, 5.0, 1.0)')"
    )


def drop_fts_table(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


def seed_synonyms(apps, schema_editor):
    synonym_model = apps.get_model("jobs", "SearchSynonym")
    for terms in SYNONYMS:
        synonym_model.objects.get_or_create(terms=terms)
    grant(apps, ROLE_PERMISSIONS)


def unseed_synonyms(apps, schema_editor):
    apps.get_model("jobs", "SearchSynonym").objects.filter(terms__in=SYNONYMS).delete()
    revoke(apps, ROLE_PERMISSIONS)


def reindex(apps, schema_editor):
    """Every job's analysed terms, in batches (the same documents the backend writes)."""
    job_model = apps.get_model("jobs", "Job")
    entry_model = apps.get_model("jobs", "JobSearchEntry")
    term_model = apps.get_model("jobs", "SearchTerm")
    postgres = schema_editor.connection.vendor == "postgresql"
    jobs = job_model.objects.only("title", "company_name", "description").order_by("pk")
    last = 0
    while batch := list(jobs.filter(pk__gt=last)[:BATCH]):
        last = batch[-1].pk
        vocabulary = set().union(*(vocabulary_of(job) for job in batch))
        term_model.objects.bulk_create(
            [term_model(term=t[:64]) for t in vocabulary], ignore_conflicts=True
        )
        for job in batch:
            doc = document_for(job)
            if postgres:
                vector = Cast(Value(tsvector_literal(doc)), SearchVectorField())
                job_model.objects.filter(pk=job.pk).update(search_vector=vector)
            else:
                entry_model.objects.create(
                    job_id=doc.job_id,
                    title=" ".join(doc.title),
                    company=" ".join(doc.company),
                    body=" ".join(doc.body),
                )


class Migration(migrations.Migration):

    dependencies = [
        ('jobs', '0005_open_jobs_count_index'),
        ('accounts', '0002_roles'),
    ]

    operations = [
        migrations.CreateModel(
            name='JobSearchEntry',
            fields=[
                ('job_id', models.BigIntegerField(db_column='rowid', primary_key=True, serialize=False)),
                ('title', models.TextField()),
                ('company', models.TextField()),
                ('body', models.TextField()),
            ],
            options={
                'db_table': 'jobs_job_fts',
                'managed': False,
            },
        ),
        migrations.CreateModel(
            name='SearchSynonym',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('terms', models.CharField(help_text='Equivalent words, separated by commas: 백엔드, backend, 서버', max_length=500, unique=True, verbose_name='terms')),
                ('is_active', models.BooleanField(default=True, verbose_name='active')),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name': 'search synonym',
                'verbose_name_plural': 'search synonyms',
                'ordering': ['terms'],
            },
        ),
        migrations.CreateModel(
            name='SearchTerm',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('term', models.CharField(max_length=64, unique=True)),
            ],
        ),
        PostgresOnlyRemoveIndex(
            model_name='job',
            name='jobs_job_search_trgm',
        ),
        migrations.RemoveField(
            model_name='job',
            name='search_text',
        ),
        migrations.RunPython(create_fts_table, drop_fts_table),
        migrations.RunPython(seed_synonyms, unseed_synonyms),
        migrations.RunPython(reindex, migrations.RunPython.noop),
    ]
