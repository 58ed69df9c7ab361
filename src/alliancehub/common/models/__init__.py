from .audit import AuditLogEntry
from .base import TimeStampedModel

__all__ = ["AuditLogEntry", "TimeStampedModel"]
