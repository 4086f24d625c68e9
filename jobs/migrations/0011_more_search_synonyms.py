"""More of the common Korean/English job vocabulary as synonyms (POL-S-001, ADR 0055): the
relevance benchmark (bench/relevance) found Korean compound queries missing the English jobs
("게임클라이언트" and "Game Client Programmer") and English role words missing the Korean
jobs ("accountant" and 회계 담당자). Sets an admin has since edited are left as they are."""

from django.db import migrations

NEW = [
    "클라이언트, client",
    "인프라, infrastructure, infra",
    "매니저, manager",
    "프로덕트, product",
    "세무, tax",
    "생산, production, manufacturing",
    "품질, quality",
    "임베디드, embedded",
    "펌웨어, firmware",
    "플랫폼, platform",
]
EXTENDED = {  # seeded set → the same set with more words
    "회계, accounting": "회계, accounting, accountant",
    "재무, finance": "재무, finance, financial",
    "인사, hr, human resources": "인사, hr, human resources, recruiter, 리크루터",
}


def _changed() -> None:
    from jobs.search.synonyms import bump_version  # noqa: PLC0415 - running processes reload

    bump_version()


def add(apps, schema_editor):
    synonym_model = apps.get_model("jobs", "SearchSynonym")
    for terms in NEW:
        synonym_model.objects.get_or_create(terms=terms)
    for old, new in EXTENDED.items():
        synonym_model.objects.filter(terms=old).update(terms=new)
    _changed()


def remove(apps, schema_editor):
    synonym_model = apps.get_model("jobs", "SearchSynonym")
    synonym_model.objects.filter(terms__in=NEW).delete()
    for old, new in EXTENDED.items():
        synonym_model.objects.filter(terms=new).update(terms=old)
    _changed()


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0010_search_skill_tags"),
    ]

    operations = [migrations.RunPython(add, remove)]
