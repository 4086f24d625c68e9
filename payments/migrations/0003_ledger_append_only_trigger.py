"""POL-P-005 in the database itself: on PostgreSQL a trigger refuses any UPDATE or DELETE of
a ledger row, whoever issues it (an ORM bypass, a shell, an admin script). SQLite, the
embedded default, relies on the model and queryset guards."""

from django.db import migrations

CREATE = """
CREATE FUNCTION payments_ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'payments_ledgerentry is append-only (POL-P-005)'
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER payments_ledger_append_only
    BEFORE UPDATE OR DELETE ON payments_ledgerentry
    FOR EACH ROW EXECUTE FUNCTION payments_ledger_refuse_change();
"""
DROP = """
DROP TRIGGER IF EXISTS payments_ledger_append_only ON payments_ledgerentry;
DROP FUNCTION IF EXISTS payments_ledger_refuse_change();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("payments", "0002_products_and_roles")]
    operations = [migrations.RunPython(forwards, backwards)]
