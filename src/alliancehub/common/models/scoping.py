"""Alliance scoping: every alliance-owned model says how to reach its alliance.

Views and API endpoints resolve the alliance first (from the URL's slug, after the permission
check) and then look objects up only through ``for_alliance``, so an id from another alliance
is simply not found.
"""

from typing import Any, ClassVar, TypeVar

from django.db import models

_M = TypeVar("_M", bound=models.Model)


class AllianceScopedQuerySet(models.QuerySet[_M]):
    def for_alliance(self, alliance: Any) -> "AllianceScopedQuerySet[_M]":
        path = getattr(self.model, "alliance_path", "alliance")
        return self.filter(**{path: alliance})


class AllianceOwned(models.Model):
    """Abstract base for models owned by one alliance; ``alliance_path`` is the lookup from the
    model to its alliance (``"alliance"``, ``"meeting__alliance"`` …)."""

    alliance_path: ClassVar[str] = "alliance"
    objects = AllianceScopedQuerySet.as_manager()

    class Meta:
        abstract = True
