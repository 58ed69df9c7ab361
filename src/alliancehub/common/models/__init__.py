from .audit import AuditLogEntry
from .base import TimeStampedModel
from .notification import Notification
from .scoping import AllianceOwned, AllianceScopedQuerySet

__all__ = [
    "AllianceOwned", "AllianceScopedQuerySet", "AuditLogEntry", "Notification", "TimeStampedModel",
]  # fmt: skip
