from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EventKind(models.TextChoices):
    FORUM = "forum", _("Forum")
    SUMMIT = "summit", _("Summit")
    ACADEMIC_CONFERENCE = "conference", _("Academic conference")
    ANNUAL_MEETING = "annual_meeting", _("Annual meeting")
    TRAINING = "training", _("Training")
    ROADSHOW = "roadshow", _("Project roadshow")
    MATCHMAKING = "matchmaking", _("Matchmaking session")


class EventStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("event", "Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", pgettext_lazy("event", "Cancelled")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")


class BodyRole(models.TextChoices):
    """The bodies named on an event's programme, in the order they are usually printed."""

    GUIDING_UNIT = "guiding", _("Guiding unit")  # 指导单位
    ORGANIZER = "organizer", _("Organiser")  # 主办单位
    CO_ORGANIZER = "co_organizer", _("Co-organiser")  # 协办单位
    HOST = "host", _("Host")  # 承办单位
    SUPPORTER = "supporter", _("Supporter")  # 支持单位


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    YES_NO = "yes_no", _("Yes or no")


#: Kinds whose answer must be among the question's choices.
CHOICE_KINDS = frozenset({QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE})


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    REJECTED = "rejected", pgettext_lazy("registration", "Rejected")
    CANCELLED = "cancelled", pgettext_lazy("registration", "Cancelled")


class FundingStage(models.TextChoices):
    SEED = "seed", _("Seed")
    ANGEL = "angel", _("Angel")
    PRE_A = "pre_a", _("Pre-A")
    SERIES_A = "a", _("Series A")
    SERIES_B = "b", _("Series B")
    SERIES_C = "c", _("Series C and later")
    PRE_IPO = "pre_ipo", _("Pre-IPO")
    STRATEGIC = "strategic", _("Strategic investment")


class ProjectStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", pgettext_lazy("project", "Accepted")
    REJECTED = "rejected", pgettext_lazy("project", "Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class JudgeRole(models.TextChoices):
    EXPERT = "expert", _("Industry expert")
    INVESTOR = "investor", _("Investor")


class InterestStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for the team's answer")
    ACCEPTED = "accepted", pgettext_lazy("introduction", "Accepted")
    DECLINED = "declined", _("Declined")
