from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..alliances.enums import MembershipTier


class OfficeKind(models.TextChoices):
    """Offices of a council term. The first group is held by member units, the second by people."""

    CHAIR = "chair", _("Chair")
    ROTATING_CHAIR = "rotating_chair", _("Rotating chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    EXECUTIVE_DIRECTOR = "executive_director", _("Executive director")
    DIRECTOR = "director", _("Director")
    PRESIDENT = "president", _("President")
    SECRETARY_GENERAL = "secretary_general", _("Secretary-general")
    DEPUTY_SECRETARY_GENERAL = "deputy_secretary_general", _("Deputy secretary-general")
    GENERAL_COUNSEL = "general_counsel", _("General counsel")
    SUPERVISOR = "supervisor", _("Supervisor")


#: Offices held by an organisation (the others are held by a person).
UNIT_OFFICES = frozenset(
    {
        OfficeKind.CHAIR,
        OfficeKind.ROTATING_CHAIR,
        OfficeKind.VICE_CHAIR,
        OfficeKind.EXECUTIVE_DIRECTOR,
        OfficeKind.DIRECTOR,
    }
)

#: The membership tier that goes with an office held by a unit.
OFFICE_TIER: dict[str, str] = {
    OfficeKind.CHAIR: MembershipTier.CHAIR,
    OfficeKind.ROTATING_CHAIR: MembershipTier.ROTATING_CHAIR,
    OfficeKind.VICE_CHAIR: MembershipTier.VICE_CHAIR,
    OfficeKind.EXECUTIVE_DIRECTOR: MembershipTier.EXECUTIVE_DIRECTOR,
    OfficeKind.DIRECTOR: MembershipTier.DIRECTOR,
}


class MeetingKind(models.TextChoices):
    FOUNDING_CONFERENCE = "founding", _("Founding conference")
    GENERAL_ASSEMBLY = "assembly", _("General assembly")
    COUNCIL = "council", _("Council meeting")
    EXECUTIVE_COUNCIL = "executive", _("Executive council meeting")
    SECRETARIAT = "secretariat", _("Secretariat meeting")


#: Which member units hold a vote at each kind of meeting.
VOTING_TIERS: dict[str, frozenset[str]] = {
    MeetingKind.FOUNDING_CONFERENCE: frozenset(MembershipTier.values),
    MeetingKind.GENERAL_ASSEMBLY: frozenset(MembershipTier.values),
    MeetingKind.COUNCIL: frozenset(MembershipTier.values) - {MembershipTier.MEMBER},
    MeetingKind.EXECUTIVE_COUNCIL: frozenset(
        {
            MembershipTier.CHAIR,
            MembershipTier.ROTATING_CHAIR,
            MembershipTier.VICE_CHAIR,
            MembershipTier.EXECUTIVE_DIRECTOR,
        }
    ),
    MeetingKind.SECRETARIAT: frozenset(),
}


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class MotionKind(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary motion")
    TIER_CHANGE = "tier_change", _("Admission or change of tier")
    ELECTION = "election", _("Election")
    CHARTER = "charter", _("Charter amendment")


class MotionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Voting open")
    PASSED = "passed", _("Passed")
    REJECTED = "rejected", _("Rejected")
    NO_QUORUM = "no_quorum", _("Failed: no quorum")


class BallotKind(models.TextChoices):
    NAMED = "named", _("Named ballot")
    SECRET = "secret", _("Secret ballot")


class Choice(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    ABSTAIN = "abstain", _("Abstain")


class CharterStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", pgettext_lazy("minutes", "Approved")
