"""More of the common Korean/English job vocabulary as synonyms (POL-S-001, ADR 0055): the
relevance benchmark (bench/relevance) found Korean compound queries missing the English jobs
("게임클라이언트" and "Game Client Programmer") and English role words missing the Korean
jobs ("accountant" and 회계 담당자). Sets an admin has since edited are left as they are."""

from django.db import migrations

from jobs.migration_ops import add_synonym_sets

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


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0010_search_skill_tags"),
    ]

    operations = [add_synonym_sets(NEW, EXTENDED)]
