"""Role titles that Korean ads write both ways (POL-S-001, ADR 0055): a 백엔드 개발자 ad is as
often titled "백엔드 엔지니어" or "Backend Engineer", with no 개발/developer in it, so the
compound query `백엔드개발자` missed those ads (the relevance benchmark's compound misses).
Each set is keyed by the one-word compound people type; its other members are whole
phrases, so `개발자` alone does not start matching every engineer (공정 엔지니어, …)."""

from django.db import migrations

from jobs.migration_ops import add_synonym_sets

NEW = [
    "백엔드개발자, 백엔드 엔지니어, backend engineer, backend developer, 서버 엔지니어, server engineer",
    "프론트엔드개발자, 프론트엔드 엔지니어, frontend engineer, front-end engineer, frontend developer",
    "풀스택개발자, 풀스택 엔지니어, full stack engineer, fullstack engineer, full-stack developer",
]


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0015_title_terms_index"),
    ]

    operations = [add_synonym_sets(NEW)]
