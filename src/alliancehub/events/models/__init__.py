from .event import Event, EventBody, Session, Speaker
from .interest import InvestorInterest
from .registration import Answer, Question, Registration
from .roadshow import Criterion, JudgeAssignment, Pitch, Project, Roadshow, Score

__all__ = [
    "Answer", "Criterion", "Event", "EventBody", "InvestorInterest", "JudgeAssignment", "Pitch",
    "Project",
    "Question", "Registration", "Roadshow", "Score", "Session", "Speaker",
]  # fmt: skip
