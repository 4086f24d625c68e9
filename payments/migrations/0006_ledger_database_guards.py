"""POL-P-005 in the database itself (PostgreSQL; SQLite, the embedded default, relies on the
model and queryset guards and on the service's checks):
- journal entries and postings are append-only: a trigger refuses any UPDATE or DELETE,
  whoever issues it (an ORM bypass, a shell, an admin script);
- every entry balances: deferred constraint triggers check at commit that an entry has at
  least two postings and that they sum to zero;
- no wallet goes below zero: a deferred constraint trigger sums the wallet's postings.
The old single-sided ledger (now migrated, 0005) and its trigger go."""

from django.db import migrations

CREATE = """
DROP FUNCTION IF EXISTS payments_ledger_refuse_change() CASCADE;
CREATE FUNCTION payments_ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only (POL-P-005)', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER payments_journalentry_append_only
    BEFORE UPDATE OR DELETE ON payments_journalentry
    FOR EACH ROW EXECUTE FUNCTION payments_ledger_refuse_change();
CREATE TRIGGER payments_posting_append_only
    BEFORE UPDATE OR DELETE ON payments_posting
    FOR EACH ROW EXECUTE FUNCTION payments_ledger_refuse_change();

CREATE FUNCTION payments_entry_balanced(entry bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    total numeric;
    n integer;
BEGIN
    SELECT COALESCE(SUM(amount), 0), COUNT(*) INTO total, n
        FROM payments_posting WHERE entry_id = entry;
    IF n < 2 OR total <> 0 THEN
        RAISE EXCEPTION 'journal entry % does not balance: % postings summing to % (POL-P-005)',
            entry, n, total USING ERRCODE = 'check_violation';
    END IF;
END
$$;
CREATE FUNCTION payments_entry_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM payments_entry_balanced(NEW.id);
    RETURN NULL;
END
$$;
CREATE FUNCTION payments_posting_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    total numeric;
BEGIN
    PERFORM payments_entry_balanced(NEW.entry_id);
    IF NEW.amount < 0 AND EXISTS (
        SELECT 1 FROM payments_account WHERE id = NEW.account_id AND kind = 'wallet'
    ) THEN
        SELECT COALESCE(SUM(amount), 0) INTO total
            FROM payments_posting WHERE account_id = NEW.account_id;
        IF total < 0 THEN
            RAISE EXCEPTION 'wallet account % would hold % KRW (POL-P-005)', NEW.account_id, total
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER payments_journalentry_balanced
    AFTER INSERT ON payments_journalentry DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION payments_entry_check();
CREATE CONSTRAINT TRIGGER payments_posting_balanced
    AFTER INSERT ON payments_posting DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION payments_posting_check();
"""
DROP = """
DROP TRIGGER IF EXISTS payments_posting_balanced ON payments_posting;
DROP TRIGGER IF EXISTS payments_journalentry_balanced ON payments_journalentry;
DROP TRIGGER IF EXISTS payments_posting_append_only ON payments_posting;
DROP TRIGGER IF EXISTS payments_journalentry_append_only ON payments_journalentry;
DROP FUNCTION IF EXISTS payments_posting_check();
DROP FUNCTION IF EXISTS payments_entry_check();
DROP FUNCTION IF EXISTS payments_entry_balanced(bigint);
DROP FUNCTION IF EXISTS payments_ledger_refuse_change();
"""


def forwards(apps, schema_editor):
    # The old models' content types and permissions go with them.
    apps.get_model("contenttypes", "ContentType").objects.filter(
        app_label="payments", model__in=["wallet", "ledgerentry"]
    ).delete()
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("payments", "0005_ledger_migrate_data")]
    operations = [
        migrations.DeleteModel(name="LedgerEntry"),
        migrations.DeleteModel(name="Wallet"),
        migrations.RunPython(forwards, backwards),
    ]
