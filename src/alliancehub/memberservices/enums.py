"""The choices of member services: service kinds, response-time units, request states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceKind(models.TextChoices):
    HIGH_TECH_RECOGNITION = "high_tech_recognition", _("High-tech enterprise recognition")
    FINANCING = "financing", _("Financing")
    TALENT = "talent", _("Talent recruitment")
    TECHNOLOGY_TRANSFER = (
        "technology_transfer",
        _("Technology transfer and commercialisation of results"),
    )
    INTELLECTUAL_PROPERTY = "intellectual_property", _("Intellectual property")
    LEGAL = "legal", _("Legal services and rights protection")
    POLICY = "policy", _("Policy consultation")
    TRAINING = "training", _("Training")


class TimeUnit(models.TextChoices):
    """A target response time is counted in clock hours or calendar days (24 hours each)."""

    HOURS = "hours", _("hours")
    DAYS = "days", _("days")


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


#: Not resolved yet: these are measured against the service's target time.
OPEN_STATUSES = (RequestStatus.SUBMITTED, RequestStatus.ACCEPTED, RequestStatus.IN_PROGRESS)
#: Resolved (and perhaps closed): the member may rate the outcome, or reopen it.
DONE_STATUSES = (RequestStatus.RESOLVED, RequestStatus.CLOSED)


class BoardStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ApplicationStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    HIRED = "hired", _("Hired")
    DECLINED = "declined", _("Declined")


class FinancingStage(models.TextChoices):
    SEED = "seed", _("Seed")
    ANGEL = "angel", _("Angel")
    SERIES_A = "a", _("Series A")
    SERIES_B = "b", _("Series B")
    LATER = "later", _("Series C and later")
    LOAN = "loan", _("Bank loan")
    GUARANTEE = "guarantee", _("Guarantee or credit enhancement")


class ResponseStatus(models.TextChoices):
    INTERESTED = "interested", _("Interested")
    IN_TALKS = "in_talks", _("In talks")
    TERM_SHEET = "term_sheet", _("Term sheet or credit approval")
    FUNDED = "funded", _("Funded")
    DECLINED = "declined", _("Declined")
