"""Joins the jobs app's two migration lines when both are present. The search stream's
0010/0011 and the match stream's 0010_match_skills were written in parallel on top of 0009
and land separately, in either order: where 0010_match_skills exists, this migration
depends on it too, so the graph keeps a single leaf whichever lands first. It changes
nothing in the database."""

from pathlib import Path

from django.db import migrations

MATCH_LINE = "0010_match_skills"


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0011_more_search_synonyms"),
        *([("jobs", MATCH_LINE)] if Path(__file__).with_name(f"{MATCH_LINE}.py").exists() else []),
    ]

    operations = []
