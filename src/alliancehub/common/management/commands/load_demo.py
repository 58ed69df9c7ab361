"""``manage.py load_demo``: load every app's demo data; safe to run again and again."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load the demo data of every app (idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        # Apps are visited in INSTALLED_APPS order, so an app's demo may use its dependencies'.
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if not config.name.startswith("alliancehub.") or find_spec(module_name) is None:
                continue
            with transaction.atomic():
                summary = import_module(module_name).load()
            self.stdout.write(f"{config.label}: {summary}")
