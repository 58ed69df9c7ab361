from .alliance import Alliance
from .membership import Membership, MembershipApplication

__all__ = ["Alliance", "Membership", "MembershipApplication"]
