from .charter import CharterVersion
from .council import Office, RotationSlot, Term
from .election import Candidate, Motion, Resolution, Tally, TierChange, Vote, VotingRule
from .meeting import AgendaItem, Attendance, Meeting, Minutes

__all__ = [
    "AgendaItem", "Attendance", "Candidate", "CharterVersion", "Meeting", "Minutes", "Motion",
    "Office", "Resolution", "RotationSlot", "Tally", "Term", "TierChange", "Vote", "VotingRule",
]  # fmt: skip
