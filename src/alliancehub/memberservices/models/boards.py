from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...common.models import AllianceOwned, TimeStampedModel
from ..enums import ApplicationStatus, BoardStatus, FinancingStage, ResponseStatus


class JobPosting(AllianceOwned, TimeStampedModel):
    """A position a member organisation recruits for, on its alliance's talent board."""

    alliance = models.ForeignKey(
        "alliances.Alliance", verbose_name=_("alliance"), on_delete=models.CASCADE,
        related_name="job_postings",
    )  # fmt: skip
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="job_postings",
    )  # fmt: skip
    title = models.CharField(_("position"), max_length=200)
    description = models.TextField(_("description"))
    link = models.ForeignKey(
        "chains.Link", verbose_name=_("chain link"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    region = models.ForeignKey(
        "organizations.Region", verbose_name=_("place of work"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    openings = models.PositiveSmallIntegerField(
        _("openings"), default=1, validators=[MinValueValidator(1)]
    )
    salary = models.CharField(_("salary"), max_length=100, blank=True)
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(
        _("status"), max_length=8, choices=BoardStatus.choices, default=BoardStatus.OPEN
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("posted by"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("job posting")
        verbose_name_plural = _("job postings")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class JobApplication(AllianceOwned, TimeStampedModel):
    """A candidate's application to a posting."""

    alliance_path = "posting__alliance"

    posting = models.ForeignKey(
        JobPosting, verbose_name=_("posting"), on_delete=models.CASCADE,
        related_name="applications",
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    message = models.TextField(_("about the candidate"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ApplicationStatus.choices,
        default=ApplicationStatus.RECEIVED,
    )  # fmt: skip
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("applicant account"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("job application")
        verbose_name_plural = _("job applications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["posting", "email"], name="job_application_once",
                violation_error_message=_("You have already applied for this position."),
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.name} → {self.posting}"


class FinancingNeed(AllianceOwned, TimeStampedModel):
    """A member's need for funding, seen by the alliance's financial institutions."""

    alliance = models.ForeignKey(
        "alliances.Alliance", verbose_name=_("alliance"), on_delete=models.CASCADE,
        related_name="financing_needs",
    )  # fmt: skip
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="financing_needs",
    )  # fmt: skip
    amount = models.DecimalField(
        _("amount sought (yuan)"), max_digits=16, decimal_places=2,
        validators=[MinValueValidator(1)],
    )  # fmt: skip
    stage = models.CharField(_("stage"), max_length=12, choices=FinancingStage.choices)
    use_of_funds = models.TextField(_("use of funds"))
    link = models.ForeignKey(
        "chains.Link", verbose_name=_("chain link"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=8, choices=BoardStatus.choices, default=BoardStatus.OPEN
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("filed by"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("financing need")
        verbose_name_plural = _("financing needs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.organization}: {self.amount}"


class FinancingResponse(AllianceOwned, TimeStampedModel):
    """A financial institution's answer to a financing need, and how far it went."""

    alliance_path = "need__alliance"

    need = models.ForeignKey(
        FinancingNeed, verbose_name=_("financing need"), on_delete=models.CASCADE,
        related_name="responses",
    )  # fmt: skip
    institution = models.ForeignKey(
        "organizations.Organization", verbose_name=_("institution"), on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=12, choices=ResponseStatus.choices,
        default=ResponseStatus.INTERESTED,
    )  # fmt: skip
    message = models.TextField(_("message"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("financing response")
        verbose_name_plural = _("financing responses")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "institution"], name="financing_response_once",
                violation_error_message=_("This institution has already answered."),
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.institution} → {self.need}"
