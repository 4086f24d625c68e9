"""Pending orders whose checkout was abandoned become `expired` (POL-P-002)."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from payments.services import order_expire_stale


class Command(BaseCommand):
    help = "Expire pending orders older than --minutes (default 60; Toss sessions last 10)."

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=int, default=60)

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(minutes=options["minutes"])
        count = order_expire_stale(older_than=cutoff)
        self.stdout.write(f"{count} order(s) expired")
