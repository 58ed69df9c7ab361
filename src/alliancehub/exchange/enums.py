from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    OFFER = "offer", _("Offer")
    NEED = "need", _("Need")


class PostKind(models.TextChoices):
    PRODUCT = "product", _("Product")
    CAPACITY = "capacity", _("Processing capacity / shared manufacturing")
    TECHNOLOGY = "technology", _("Technology")
    RD = "rd", _("R&D cooperation")
    FUNDING = "funding", _("Funding")
    TALENT = "talent", _("Talent")
    OTHER = "other", _("Other")


class PostStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING_REVIEW = "pending_review", _("Pending review")
    OPEN = "open", _("Open")
    MATCHED = "matched", _("Matched")
    CLOSED = "closed", _("Closed")
    EXPIRED = "expired", _("Expired")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members of the chosen alliances")


class ListingStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class IntroductionStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Outcome(models.TextChoices):
    ONGOING = "ongoing", _("Ongoing")
    DEAL = "deal", _("Deal")
    NO_DEAL = "no_deal", _("No deal")
