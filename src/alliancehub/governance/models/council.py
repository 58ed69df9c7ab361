from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ...common.models import AllianceOwned, TimeStampedModel
from ..enums import OfficeKind


class Term(AllianceOwned, TimeStampedModel):
    """A term (届) of an alliance's council and general assembly, e.g. the first term 2021–2026."""

    alliance = models.ForeignKey(
        "alliances.Alliance", verbose_name=_("alliance"), on_delete=models.CASCADE,
        related_name="terms",
    )  # fmt: skip
    number = models.PositiveSmallIntegerField(_("term number"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["alliance", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "number"], name="term_unique_number",
                violation_error_message=_("This alliance already has a term with this number."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="term_number_positive",
                violation_error_message=_("Terms are numbered from 1."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="term_not_reversed",
                violation_error_message=_("A term cannot end before it starts."),
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        from ..domain.numbering import term_label

        return str(term_label(self.number))


class Office(AllianceOwned, TimeStampedModel):
    """One holder of one office for a period: a member unit (chair unit, vice-chair unit …) or a
    person (secretary-general, general counsel …). Ended, never deleted."""

    alliance = models.ForeignKey(
        "alliances.Alliance", verbose_name=_("alliance"), on_delete=models.CASCADE,
        related_name="offices",
    )  # fmt: skip
    term = models.ForeignKey(
        Term, verbose_name=_("term"), on_delete=models.PROTECT, related_name="offices"
    )
    kind = models.CharField(_("office"), max_length=32, choices=OfficeKind.choices)
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("holder (unit)"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="offices",
    )  # fmt: skip
    person = models.CharField(_("holder (person)"), max_length=100, blank=True)
    person_title = models.CharField(
        _("position of the person"), max_length=200, blank=True,
        help_text=_("E.g. the person's post in a member unit."),
    )  # fmt: skip
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("until"), null=True, blank=True)
    resolution = models.ForeignKey(
        "governance.Resolution", verbose_name=_("resolution"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="offices",
    )  # fmt: skip
    basis = models.CharField(_("basis"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("office holder")
        verbose_name_plural = _("office holders")
        ordering = ["alliance", "valid_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(organization__isnull=False) & Q(person=""))
                | (Q(organization__isnull=True) & ~Q(person="")),
                name="office_one_kind_of_holder",
                violation_error_message=_("An office is held either by a unit or by a person."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="office_not_reversed",
                violation_error_message=_("An office cannot end before it starts."),
            ),
        ]
        indexes = [models.Index(fields=["alliance", "kind", "valid_from"])]

    @property
    def holder(self) -> str:
        return self.organization.name if self.organization else self.person

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.holder}"


class RotationSlot(AllianceOwned, TimeStampedModel):
    """One turn of the rotating chair: which unit holds it and when (the rotation schedule)."""

    alliance = models.ForeignKey(
        "alliances.Alliance", verbose_name=_("alliance"), on_delete=models.CASCADE,
        related_name="rotation_slots",
    )  # fmt: skip
    term = models.ForeignKey(
        Term, verbose_name=_("term"), on_delete=models.PROTECT, related_name="rotation_slots"
    )
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("unit"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("rotation slot")
        verbose_name_plural = _("rotation schedule")
        ordering = ["alliance", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="rotation_not_reversed",
                violation_error_message=_("A turn cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["alliance", "starts_on"], name="rotation_unique_start",
                violation_error_message=_("Another turn starts on this day."),
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.organization} {self.starts_on}–{self.ends_on}"
