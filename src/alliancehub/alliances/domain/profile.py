"""The alliance's own public profile, kept by its secretariat."""

from typing import Any

from django.db import transaction

from ...common.domain import audit
from ..models import Alliance

PROFILE_FIELDS = ["name", "name_en", "description", "founded_on", "status", "focus_chains", "logo"]


@transaction.atomic
def update_profile(
    alliance: Alliance, data: dict[str, Any], *, actor: Any, source: str
) -> Alliance:
    """Change the public profile (names, description, founding date, status, logo). Audited."""
    before = audit.snapshot(alliance, PROFILE_FIELDS)
    for name, value in data.items():
        if name in PROFILE_FIELDS and not (name == "logo" and value is None):
            setattr(alliance, name, value)
    alliance.full_clean()
    alliance.save()
    audit.record_changed(alliance, before, actor=actor, source=source)
    return alliance
