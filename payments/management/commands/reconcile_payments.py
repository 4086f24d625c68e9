"""Compare settled orders and the ledger with the payment gateways for a period."""

from datetime import datetime, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from payments.services import reconcile_payments


def _moment(value: str) -> datetime:
    parsed = parse_datetime(value)
    if parsed is None:
        day = parse_date(value)
        if day is None:
            raise CommandError(f"Not a date or date-time: {value!r}")
        parsed = datetime(day.year, day.month, day.day)  # noqa: DTZ001 (made aware below)
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


class Command(BaseCommand):
    help = (
        "Report differences between our orders, the ledger and the payment gateways for a period."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", help="start (date or ISO date-time); default: 24 hours ago")
        parser.add_argument("--until", help="end, exclusive; default: now")

    def handle(self, *args, **options):
        until = _moment(options["until"]) if options["until"] else timezone.now()
        since = _moment(options["since"]) if options["since"] else until - timedelta(days=1)
        if since >= until:
            raise CommandError("--since must be before --until")
        differences = reconcile_payments(since=since, until=until)
        for difference in differences:
            self.stdout.write(f"DIFF {difference.order_id}: {difference.problem}")
        self.stdout.write(
            f"{len(differences)} difference(s) between {since.isoformat()} and {until.isoformat()}"
        )
        if differences:
            raise CommandError("reconciliation found differences", returncode=2)
