"""``manage.py load_chains``: load or update the industry-chain templates (idempotent)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ...domain import templates


class Command(BaseCommand):
    help = "Load the industry-chain templates from chains/data/*.yaml; positions are kept."

    def handle(self, *args: object, **options: object) -> None:
        try:
            results = templates.load_all()
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        for chain, changed in results:
            state = "updated" if changed else "unchanged"
            self.stdout.write(f"{chain.slug}: {chain.links.count()} links, {state}")
