"""What the chains app does when something it depends on changes elsewhere."""

from typing import Any

from ..organizations.models import Organization
from .domain import positions


def organization_moved(
    sender: type, *, organization: Organization, old: str | None, new: str | None, **kwargs: Any
) -> None:
    """An organisation moved region: its positions and their counts move with it."""
    positions.move_region(organization, old=old, new=new)
