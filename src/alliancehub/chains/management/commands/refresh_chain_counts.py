"""``manage.py refresh_chain_counts``: rebuild the per-region link counts from the positions."""

from django.core.management.base import BaseCommand

from ...domain.positions import refresh_counts


class Command(BaseCommand):
    help = "Rebuild organisations-per-link-and-region counts (after bulk loads or region changes)."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"{refresh_counts()} count rows written")
