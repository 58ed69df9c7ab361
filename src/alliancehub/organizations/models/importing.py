from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ...common.models import TimeStampedModel
from ..enums import ImportStatus

#: A batch takes seconds; a job silent for this long has lost its process.
STALLED_AFTER_MINUTES = 10


class ImportJob(TimeStampedModel):
    """One uploaded spreadsheet of organisations and the progress of importing it.

    The counters are written after every batch, so a page can poll them; ``language`` is the
    uploader's, so the reasons for rejected rows are written in it.
    """

    # The upload itself lives in the database (it is small: see IMPORT_MAX_UPLOAD_BYTES), so a
    # worker on another machine can read it without shared file storage.
    content = models.BinaryField(_("file content"), editable=False)
    original_name = models.CharField(_("file name"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=10, default="zh-hans")
    status = models.CharField(
        _("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows checked"), default=0)
    created_count = models.PositiveIntegerField(_("imported"), default=0)
    rejected_count = models.PositiveIntegerField(_("rejected"), default=0)
    error_message = models.TextField(_("error"), blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("organisation import")
        verbose_name_plural = _("organisation imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("organizations:import-detail", kwargs={"pk": self.pk})

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 100 if self.status == ImportStatus.DONE else 0
        return min(100, round(100 * self.processed_rows / self.total_rows))

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)

    @property
    def is_stalled(self) -> bool:
        """Waiting or running, but silent for longer than any batch takes: its process died."""
        quiet_since = timezone.now() - timedelta(minutes=STALLED_AFTER_MINUTES)
        return not self.is_finished and self.updated_at < quiet_since

    @property
    def can_resume(self) -> bool:
        interrupted = self.status == ImportStatus.FAILED and self.processed_rows < self.total_rows
        return self.is_stalled or interrupted


class ImportRowError(models.Model):
    """A row of an import that was not imported, with its values and the reasons."""

    job = models.ForeignKey(
        ImportJob, verbose_name=_("import"), on_delete=models.CASCADE, related_name="row_errors"
    )
    row_number = models.PositiveIntegerField(_("row"))
    values = models.JSONField(_("values"), default=dict)
    reasons = models.JSONField(_("reasons"), default=list)

    class Meta:
        verbose_name = _("rejected row")
        verbose_name_plural = _("rejected rows")
        ordering = ["job", "row_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "row_number"], name="import_row_error_unique_row"
            )
        ]

    def __str__(self) -> str:
        return f"{self.job} #{self.row_number}"
