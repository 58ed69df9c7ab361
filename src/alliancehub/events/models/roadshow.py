from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ...common.models import AllianceOwned, TimeStampedModel
from ..enums import FundingStage, JudgeRole, ProjectStatus
from .event import Event


class Roadshow(AllianceOwned, TimeStampedModel):
    """The call for projects of a roadshow event: when it takes submissions, which chain links
    and funding stages it looks for, its rubric, and when the scores were released."""

    alliance_path = "event__alliance"
    event = models.OneToOneField(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="roadshow"
    )
    opens_at = models.DateTimeField(_("submissions open at"))
    closes_at = models.DateTimeField(_("submissions close at"))
    links = models.ManyToManyField(
        "chains.Link", verbose_name=_("chain links sought"), blank=True, related_name="+",
        help_text=_("Leave empty to take projects from any link."),
    )  # fmt: skip
    stages = models.JSONField(
        _("funding stages sought"), default=list, blank=True,
        help_text=_("Leave empty to take projects at any stage."),
    )  # fmt: skip
    released_at = models.DateTimeField(_("scores released at"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("scores released by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("call for projects")
        verbose_name_plural = _("calls for projects")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gte=F("opens_at")), name="roadshow_window_not_reversed",
                violation_error_message=_("Submissions cannot close before they open."),
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return str(self.event)


class Criterion(AllianceOwned, TimeStampedModel):
    """A line of the roadshow's rubric: scored between ``scale_min`` and ``scale_max`` and
    weighted by ``weight`` (weights are divided by their sum, so they need not add up to 1)."""

    alliance_path = "roadshow__event__alliance"
    roadshow = models.ForeignKey(
        Roadshow, verbose_name=_("call for projects"), on_delete=models.CASCADE,
        related_name="criteria",
    )  # fmt: skip
    name = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(
        _("weight"), max_digits=6, decimal_places=3, default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.001"))],
    )  # fmt: skip
    scale_min = models.SmallIntegerField(_("lowest score"), default=1)
    scale_max = models.SmallIntegerField(_("highest score"), default=10)
    order = models.PositiveSmallIntegerField(_("order"), default=1)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["roadshow", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gt=0), name="criterion_weight_positive",
                violation_error_message=_("A criterion's weight must be positive."),
            ),
            models.CheckConstraint(
                condition=Q(scale_max__gt=F("scale_min")), name="criterion_scale_not_empty",
                violation_error_message=_("The highest score must be above the lowest."),
            ),
            models.UniqueConstraint(
                fields=["roadshow", "name"], name="criterion_unique_name",
                violation_error_message=_("The rubric already has a criterion with this name."),
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.name


def _deck_path(instance: "Project", filename: str) -> str:
    return f"roadshows/{instance.roadshow_id}/decks/{filename}"


class Project(AllianceOwned, TimeStampedModel):
    """A project submitted to a call: who presents it, where it sits in the chain, what it asks
    for, its pitch deck, and the secretariat's screening decision."""

    alliance_path = "roadshow__event__alliance"
    roadshow = models.ForeignKey(
        Roadshow, verbose_name=_("call for projects"), on_delete=models.CASCADE,
        related_name="projects",
    )  # fmt: skip
    title = models.CharField(pgettext_lazy("project", "name"), max_length=300)
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organisation"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="roadshow_projects",
    )  # fmt: skip
    organization_name = models.CharField(
        _("organisation (not registered)"), max_length=200, blank=True,
        help_text=_("Only when the presenting organisation is not in the registry."),
    )  # fmt: skip
    team = models.TextField(_("team"), blank=True)
    link = models.ForeignKey(
        "chains.Link", verbose_name=_("chain link"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    stage = models.CharField(
        _("funding stage"), max_length=16, choices=FundingStage.choices, blank=True
    )
    financing_sought = models.DecimalField(
        _("financing sought (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )  # fmt: skip
    summary = models.TextField(_("summary"), blank=True)
    deck = models.FileField(_("pitch deck"), upload_to=_deck_path, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    submitted_at = models.DateTimeField(_("submitted at"))
    status = models.CharField(
        _("status"), max_length=16, choices=ProjectStatus.choices, default=ProjectStatus.SUBMITTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("roadshow project")
        verbose_name_plural = _("roadshow projects")
        ordering = ["roadshow", "submitted_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(financing_sought__isnull=True) | Q(financing_sought__gte=0),
                name="project_financing_not_negative",
                violation_error_message=_("The financing sought cannot be negative."),
            ),
            models.CheckConstraint(
                condition=~Q(status=ProjectStatus.REJECTED) | ~Q(reason=""),
                name="project_rejection_has_reason",
                violation_error_message=_("Give the reason for rejecting the project."),
            ),
        ]  # fmt: skip

    @property
    def presenter(self) -> str:
        return self.organization.display_name if self.organization else self.organization_name

    def __str__(self) -> str:
        return self.title


class Pitch(AllianceOwned, TimeStampedModel):
    """An accepted project's slot in the roadshow's programme. ``roadshow`` repeats the
    project's so the database can keep each position unique."""

    alliance_path = "roadshow__event__alliance"
    roadshow = models.ForeignKey(
        Roadshow, verbose_name=_("call for projects"), on_delete=models.CASCADE,
        related_name="pitches",
    )  # fmt: skip
    project = models.OneToOneField(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="pitch"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)

    class Meta:
        verbose_name = _("pitch")
        verbose_name_plural = _("pitches")
        ordering = ["roadshow", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["roadshow", "order"], name="pitch_unique_order",
                violation_error_message=_("Another pitch already has this place in the order."),
            ),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True) | Q(ends_at__isnull=True)
                | Q(ends_at__gt=F("starts_at")),
                name="pitch_slot_not_reversed",
                violation_error_message=_("A pitch must end after it starts."),
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.order}. {self.project}"


class JudgeAssignment(AllianceOwned, TimeStampedModel):
    """A judge (an expert or an investor) assigned to a pitch, with a declared conflict of
    interest if any, and the judge's written feedback to the applicant."""

    alliance_path = "pitch__roadshow__event__alliance"
    pitch = models.ForeignKey(
        Pitch, verbose_name=_("pitch"), on_delete=models.CASCADE, related_name="assignments"
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("judge"), on_delete=models.PROTECT,
        related_name="judge_assignments",
    )  # fmt: skip
    role = models.CharField(
        _("judging as"), max_length=16, choices=JudgeRole.choices, default=JudgeRole.EXPERT
    )
    conflict_declared_at = models.DateTimeField(
        _("conflict of interest declared at"), null=True, blank=True
    )
    conflict_note = models.TextField(_("conflict of interest"), blank=True)
    feedback = models.TextField(_("feedback to the applicant"), blank=True)
    scored_at = models.DateTimeField(_("scored at"), null=True, blank=True)

    class Meta:
        verbose_name = _("judge assignment")
        verbose_name_plural = _("judge assignments")
        ordering = ["pitch", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pitch", "judge"], name="judge_once_per_pitch",
                violation_error_message=_("This judge is already assigned to this pitch."),
            ),
            models.CheckConstraint(
                condition=Q(conflict_declared_at__isnull=True) | Q(scored_at__isnull=True),
                name="judge_conflicted_does_not_score",
                violation_error_message=_("A judge with a conflict of interest cannot score."),
            ),
        ]  # fmt: skip

    @property
    def conflicted(self) -> bool:
        return self.conflict_declared_at is not None

    def __str__(self) -> str:
        return f"{self.judge} → {self.pitch}"


class Score(AllianceOwned, TimeStampedModel):
    """One judge's score of one pitch on one criterion."""

    alliance_path = "assignment__pitch__roadshow__event__alliance"
    assignment = models.ForeignKey(
        JudgeAssignment, verbose_name=_("judge assignment"), on_delete=models.CASCADE,
        related_name="scores",
    )  # fmt: skip
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="scores"
    )
    value = models.DecimalField(_("score"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["assignment", "criterion__order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "criterion"], name="score_once_per_criterion",
                violation_error_message=_("This criterion is already scored."),
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"
