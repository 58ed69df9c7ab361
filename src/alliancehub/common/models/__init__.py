from .audit import AuditLogEntry
from .base import TimeStampedModel
from .scoping import AllianceOwned, AllianceScopedQuerySet

__all__ = ["AllianceOwned", "AllianceScopedQuerySet", "AuditLogEntry", "TimeStampedModel"]
