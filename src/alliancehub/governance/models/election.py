from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ...alliances.enums import MembershipTier
from ...common.models import AllianceOwned, TimeStampedModel
from ..enums import BallotKind, Choice, MotionKind, MotionStatus, OfficeKind


class VotingRule(AllianceOwned, TimeStampedModel):
    """An alliance's own quorum and majority for one kind of motion (defaults in
    ``domain.voting.DEFAULT_RULES`` apply where an alliance sets none)."""

    alliance = models.ForeignKey(
        "alliances.Alliance", verbose_name=_("alliance"), on_delete=models.CASCADE,
        related_name="voting_rules",
    )  # fmt: skip
    motion_kind = models.CharField(_("motion kind"), max_length=16, choices=MotionKind.choices)
    quorum_numerator = models.PositiveSmallIntegerField(_("quorum numerator"))
    quorum_denominator = models.PositiveSmallIntegerField(_("quorum denominator"))
    threshold_numerator = models.PositiveSmallIntegerField(_("majority numerator"))
    threshold_denominator = models.PositiveSmallIntegerField(_("majority denominator"))
    threshold_strict = models.BooleanField(
        _("more than (not at least)"), default=True,
        help_text=_("Checked: the yes votes must exceed the share; unchecked: reach it."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("voting rule")
        verbose_name_plural = _("voting rules")
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "motion_kind"], name="voting_rule_one_per_kind",
                violation_error_message=_("This alliance already has a rule for this kind."),
            ),
            models.CheckConstraint(
                condition=Q(quorum_denominator__gte=1) & Q(threshold_denominator__gte=1)
                & Q(quorum_numerator__lte=models.F("quorum_denominator"))
                & Q(threshold_numerator__lte=models.F("threshold_denominator")),
                name="voting_rule_proper_fractions",
                violation_error_message=_("Shares must be fractions between 0 and 1."),
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return str(self.get_motion_kind_display())


class Motion(AllianceOwned, TimeStampedModel):
    """A question put to the vote at a meeting: an ordinary motion, an admission or change of
    tiers, an election of an office, or a charter amendment.

    The quorum and majority in force are copied onto the motion when voting opens, and the
    result is stored when it closes, so neither changes if the rules change later.
    """

    alliance = models.ForeignKey(
        "alliances.Alliance", verbose_name=_("alliance"), on_delete=models.CASCADE,
        related_name="motions",
    )  # fmt: skip
    meeting = models.ForeignKey(
        "governance.Meeting", verbose_name=_("meeting"), on_delete=models.CASCADE,
        related_name="motions",
    )  # fmt: skip
    kind = models.CharField(
        _("kind"), max_length=16, choices=MotionKind.choices, default=MotionKind.ORDINARY
    )
    title = models.CharField(pgettext_lazy("document", "title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    ballot = models.CharField(
        _("ballot"), max_length=8, choices=BallotKind.choices, default=BallotKind.NAMED
    )
    status = models.CharField(
        _("status"), max_length=16, choices=MotionStatus.choices, default=MotionStatus.DRAFT
    )
    office = models.CharField(
        _("office to fill"), max_length=32, choices=OfficeKind.choices, blank=True
    )
    seats = models.PositiveSmallIntegerField(_("seats"), null=True, blank=True)
    charter_version = models.ForeignKey(
        "governance.CharterVersion", verbose_name=_("charter version to adopt"), null=True,
        blank=True, on_delete=models.PROTECT, related_name="motions",
    )  # fmt: skip
    quorum = models.CharField(_("quorum"), max_length=16, blank=True)
    threshold = models.CharField(_("majority"), max_length=16, blank=True)
    threshold_strict = models.BooleanField(_("more than (not at least)"), default=True)
    present_units = models.ManyToManyField(
        "organizations.Organization", verbose_name=_("units with a vote present at opening"),
        blank=True, related_name="+",
        help_text=_("The roll call when voting opened: only these units vote on the motion."),
    )  # fmt: skip
    entitled_count = models.PositiveIntegerField(_("entitled units"), null=True, blank=True)
    present_count = models.PositiveIntegerField(_("units present"), null=True, blank=True)
    yes_count = models.PositiveIntegerField(_("yes"), null=True, blank=True)
    no_count = models.PositiveIntegerField(_("no"), null=True, blank=True)
    abstain_count = models.PositiveIntegerField(_("abstain"), null=True, blank=True)
    opened_at = models.DateTimeField(_("voting opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("voting closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.title


class TierChange(AllianceOwned, models.Model):
    """Part of a tier-change motion: this unit is admitted to, or moved to, this tier."""

    alliance_path = "motion__alliance"
    motion = models.ForeignKey(
        Motion, verbose_name=_("motion"), on_delete=models.CASCADE, related_name="tier_changes"
    )
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("unit"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    tier = models.CharField(_("new tier"), max_length=32, choices=MembershipTier.choices)

    class Meta:
        verbose_name = _("tier change")
        verbose_name_plural = _("tier changes")
        constraints = [
            models.UniqueConstraint(
                fields=["motion", "organization"], name="tier_change_once_per_unit",
                violation_error_message=_("This unit is already part of the motion."),
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.organization} → {self.get_tier_display()}"


class Candidate(AllianceOwned, models.Model):
    """A candidate in an election: a member unit or a person."""

    alliance_path = "motion__alliance"
    motion = models.ForeignKey(
        Motion, verbose_name=_("election"), on_delete=models.CASCADE, related_name="candidates"
    )
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("unit"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    person = models.CharField(_("person"), max_length=100, blank=True)
    person_title = models.CharField(_("position of the person"), max_length=200, blank=True)
    votes = models.PositiveIntegerField(_("votes"), default=0)
    elected = models.BooleanField(_("elected"), default=False)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["motion", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(organization__isnull=False) & Q(person=""))
                | (Q(organization__isnull=True) & ~Q(person="")),
                name="candidate_one_kind",
                violation_error_message=_("A candidate is either a unit or a person."),
            )
        ]

    def __str__(self) -> str:
        return self.organization.name if self.organization else self.person


class Vote(AllianceOwned, TimeStampedModel):
    """That a unit has voted on a motion (one row per unit, unique).

    For a named ballot the row also holds the choice. For a secret ballot it holds none: the
    choice only increments a ``Tally`` counter, so nothing stored links a unit to its choice.
    """

    alliance_path = "motion__alliance"
    motion = models.ForeignKey(
        Motion, verbose_name=_("motion"), on_delete=models.CASCADE, related_name="votes"
    )
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("member unit"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("cast by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    choice = models.CharField(_("choice"), max_length=8, choices=Choice.choices, blank=True)
    candidates = models.ManyToManyField(
        Candidate, verbose_name=_("candidates chosen"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["motion", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["motion", "organization"], name="vote_once_per_unit",
                violation_error_message=_("This unit has already voted on this motion."),
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.organization} · {self.motion}"


class Tally(AllianceOwned, models.Model):
    """The running count of one choice on a motion (yes, no, abstain)."""

    alliance_path = "motion__alliance"
    motion = models.ForeignKey(
        Motion, verbose_name=_("motion"), on_delete=models.CASCADE, related_name="tallies"
    )
    choice = models.CharField(_("choice"), max_length=8, choices=Choice.choices)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("tally")
        verbose_name_plural = _("tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["motion", "choice"], name="tally_one_per_choice",
                violation_error_message=_("This choice is already counted."),
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.get_choice_display()}: {self.count}"


class Resolution(AllianceOwned, TimeStampedModel):
    """What a passed motion decided; applying it updated offices, tiers or the charter."""

    alliance = models.ForeignKey(
        "alliances.Alliance", verbose_name=_("alliance"), on_delete=models.CASCADE,
        related_name="resolutions",
    )  # fmt: skip
    motion = models.OneToOneField(
        Motion, verbose_name=_("motion"), on_delete=models.PROTECT, related_name="resolution"
    )
    number = models.CharField(_("number"), max_length=40)
    title = models.CharField(pgettext_lazy("document", "title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    adopted_on = models.DateField(_("adopted on"))

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["-adopted_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "number"], name="resolution_unique_number",
                violation_error_message=_("This alliance already has a resolution with this number."),
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.number} {self.title}"
