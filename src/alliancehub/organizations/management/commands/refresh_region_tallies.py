"""``manage.py refresh_region_tallies``: rebuild the organisations-per-region tallies."""

from django.core.management.base import BaseCommand

from ...domain.tallies import refresh_tallies


class Command(BaseCommand):
    help = "Rebuild the organisations-per-region tallies from the registry (after a bulk load)."

    def handle(self, *args, **options):
        self.stdout.write(f"{refresh_tallies()} tally rows written")
