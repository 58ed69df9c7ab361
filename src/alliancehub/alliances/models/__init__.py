from .alliance import Alliance
from .dues import DuesPeriod, Suspension
from .membership import Membership, MembershipApplication

__all__ = ["Alliance", "DuesPeriod", "Membership", "MembershipApplication", "Suspension"]
