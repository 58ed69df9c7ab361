from django.db import models
from django.utils.translation import gettext_lazy as _


class AllianceStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    DISSOLVED = "dissolved", _("Dissolved")


class MembershipTier(models.TextChoices):
    """Member units by rank, highest first (理事长单位 … 会员单位)."""

    CHAIR = "chair", _("Chair unit")
    ROTATING_CHAIR = "rotating_chair", _("Rotating chair unit")
    VICE_CHAIR = "vice_chair", _("Vice-chair unit")
    EXECUTIVE_DIRECTOR = "executive_director", _("Executive director unit")
    DIRECTOR = "director", _("Director unit")
    MEMBER = "member", _("Member unit")


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Pending review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
