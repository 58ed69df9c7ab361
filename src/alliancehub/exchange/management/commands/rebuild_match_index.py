"""``manage.py rebuild_match_index``: rewrite the exchange's match index from the open posts."""

from django.core.management.base import BaseCommand

from ...domain.index import rebuild


class Command(BaseCommand):
    help = "Rewrite the exchange's match index from the open posts (freshness recomputed)."

    def handle(self, *args, **options):
        self.stdout.write(f"{rebuild()} index rows written")
