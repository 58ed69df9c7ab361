"""``manage.py import_organizations FILE``: import a CSV or XLSX file of organisations."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import get_language

from ...domain import importing


class Command(BaseCommand):
    help = "Import organisations from a CSV or XLSX file and write a report of rejected rows."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", help="username recorded as the importer in the audit log")
        parser.add_argument(
            "--report",
            type=Path,
            help="where to write the rejected rows (default: FILE.rejected.xlsx)",
        )

    def handle(self, *args, file: Path, user: str | None, report: Path | None, **options) -> None:
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"No such user: {user}")
        job = importing.create_import(
            file.read_bytes(), file.name, actor=actor, language=get_language() or "zh-hans"
        )
        # The command is itself the background work: it imports here, showing the outcome.
        job = importing.run_import(job)
        self.stdout.write(
            f"{job.get_status_display()}: {job.total_rows} rows, "
            f"{job.created_count} imported, {job.rejected_count} rejected"
        )
        if job.error_message:
            self.stderr.write(job.error_message)
        if job.rejected_count:
            target = report or file.with_suffix(file.suffix + ".rejected.xlsx")
            importing.report_workbook(job).save(target)
            self.stdout.write(f"Rejected rows with reasons: {target}")
        if job.status == "failed":
            raise CommandError("The import failed.")
