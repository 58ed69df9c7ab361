from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in: secretariat staff, a member's representative, an official, an expert.

    Per-alliance roles attach to this model; ``is_staff`` marks platform staff who may
    maintain the shared organisation registry.
    """

    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        blank=True,
        help_text=_("Used for e-mails; the site follows the language chosen in the browser."),
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("represents"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="representatives",
        help_text=_("The organisation this person may act for (apply, vote)."),
    )
    email_match_digest = models.BooleanField(
        _("e-mail me new matches"),
        default=True,
        help_text=_("A daily e-mail listing new counterparts for my organisation's open posts."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")  # type: ignore[assignment]  # django-stubs types it as str
        verbose_name_plural = _("users")  # type: ignore[assignment]

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username


class AllianceRole(models.Model):
    """What a user may do in one alliance. A member representative acts for one organisation."""

    class Kind(models.TextChoices):
        SECRETARIAT = "secretariat", _("Secretariat")
        MEMBER = "member", _("Member representative")
        OBSERVER = "observer", _("Government observer")
        EXPERT = "expert", _("Expert")

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="alliance_roles"
    )
    alliance = models.ForeignKey(
        "alliances.Alliance",
        verbose_name=_("alliance"),
        on_delete=models.CASCADE,
        related_name="roles",
    )
    role = models.CharField(_("role"), max_length=16, choices=Kind.choices)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation represented"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("alliance role")
        verbose_name_plural = _("alliance roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "alliance", "role"],
                name="role_once_per_alliance",
                violation_error_message=_("This user already has this role in the alliance."),
            ),
            models.CheckConstraint(
                condition=~models.Q(role="member") | models.Q(organization__isnull=False),
                name="role_member_names_organization",
                violation_error_message=_("A member representative acts for an organisation."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.alliance}"
