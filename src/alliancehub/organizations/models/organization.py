from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ...common.models import TimeStampedModel
from ..enums import OrganizationKind, OrganizationSize
from ..validators import validate_credit_code


class Organization(TimeStampedModel):
    """A company, university, institute, government body, association or bank.

    Organisations are global: one record per real organisation (per unified social credit
    code where it has one), shared by every alliance it belongs to. ``name_normalized`` and
    ``search_tokens`` are derived from the names whenever the record is saved through the
    domain functions.
    """

    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)
    name_is_rendering = models.BooleanField(
        _("Chinese name is a rendering"),
        default=False,
        help_text=_("The organisation's own Chinese name is not known; this one is a translation."),
    )
    name_en_is_rendering = models.BooleanField(
        _("English name is a rendering"),
        default=False,
        help_text=_("The organisation's own English name is not known; this one is a translation."),
    )
    # NULL, not "", when absent: the unique constraint must allow many organisations without one.
    credit_code = models.CharField(  # noqa: DJ001
        _("unified social credit code"),
        max_length=18,
        null=True,
        blank=True,
        validators=[validate_credit_code],
        help_text=_("18 characters, GB 32100-2015, e.g. 91330100716105852F."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=32,
        choices=OrganizationKind.choices,
        default=OrganizationKind.ENTERPRISE,
    )
    region = models.ForeignKey(
        "organizations.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    industry = models.ForeignKey(
        "organizations.Industry",
        verbose_name=_("industry class"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    size = models.CharField(_("size"), max_length=16, choices=OrganizationSize.choices, blank=True)
    # Nullable: "not known" differs from "no"; and on SQLite adding a nullable column keeps the
    # table (and its search triggers) instead of rebuilding it.
    high_tech = models.BooleanField(
        _("high-tech enterprise"), null=True, blank=True,
        help_text=_("Recognised as a national high-tech enterprise (高新技术企业); empty if not known."),
    )  # fmt: skip
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    name_normalized = models.CharField(_("normalised name"), max_length=200, editable=False)
    search_tokens = models.TextField(_("search tokens"), blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"],
                name="organization_unique_credit_code",
                violation_error_message=_(
                    "An organisation with this unified social credit code already exists."
                ),
            ),
            # The registry refuses a second record under the same name (after folding script,
            # width and spaces); the database makes that hold under concurrent writes too.
            models.UniqueConstraint(
                fields=["name_normalized"],
                name="organization_unique_name",
                violation_error_message=_("An organisation with the same name already exists."),
            ),
        ]
        indexes = [
            models.Index(fields=["name", "id"], name="organization_name_idx"),
            models.Index(fields=["kind", "name"], name="organization_kind_idx"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The English name on English pages when there is one, otherwise the Chinese name."""
        if (get_language() or "").startswith("en") and self.name_en:
            return self.name_en
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organizations:detail", kwargs={"pk": self.pk})


class Contact(models.Model):
    """A person to contact at an organisation. Shown to signed-in users only."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    name = models.CharField(_("name"), max_length=100)
    title = models.CharField(_("title"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.title})" if self.title else self.name
