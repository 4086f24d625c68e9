"""The raw-SQL check itself must catch what it is meant to catch."""

from pathlib import Path

from scripts.check_no_raw_sql import ROOT, main


def test_application_code_has_no_raw_sql():
    assert (
        main(
            [
                p
                for app in ("jobboard", "accounts", "jobs", "applications", "payments")
                for p in (ROOT / app).rglob("*.py")
            ]
        )
        == 0
    )


def test_checker_flags_each_raw_sql_form(tmp_path, capsys):
    bad = ROOT / "jobs" / "_raw_sql_probe.py"
    bad.write_text(
        "from django.db.models.expressions import RawSQL\n"
        "from django.db import connection\n"
        "def f(qs):\n"
        "    qs.raw('select 1'); qs.extra(where=['1=1'])\n"
        "    connection.cursor().execute('select 1')\n"
    )
    try:
        assert main([bad]) == 1
    finally:
        bad.unlink()
    printed = capsys.readouterr().out
    for form in (".raw(", ".extra(", ".cursor(", ".execute(", "RawSQL"):
        assert form in printed


def test_checker_ignores_migrations(tmp_path):
    assert main(list(Path(ROOT / "accounts" / "migrations").rglob("*.py"))) == 0
