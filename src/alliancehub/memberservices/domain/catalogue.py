"""The alliance's service catalogue, kept by its secretariat."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ...alliances.models import Alliance
from ...common.domain import audit
from ...organizations.models import Organization
from ..models import Service
from .access import is_secretariat

FIELDS = ["kind", "name", "description", "target_amount", "target_unit", "active"]


def _check(actor: Any, alliance: Alliance) -> None:
    if not is_secretariat(actor, alliance):
        raise PermissionDenied(_("Only the alliance's secretariat may do this."))


def _snapshot(service: Service) -> dict[str, Any]:
    values = audit.snapshot(service, FIELDS)
    if service.pk:
        values["providers"] = sorted(service.providers.values_list("name", flat=True))
    return values


def offered(alliance: Alliance) -> QuerySet[Service]:
    """The services members may request, with their providers."""
    return Service.objects.for_alliance(alliance).filter(active=True).prefetch_related("providers")


@transaction.atomic
def create_service(
    alliance: Alliance, data: dict[str, Any], *, providers: Iterable[Organization] = (),
    actor: Any, source: str,
) -> Service:  # fmt: skip
    """Add a service to the catalogue. Side effects: saved with its providers; audited.
    Refused: not the secretariat, an invalid value, a name the alliance already uses."""
    _check(actor, alliance)
    service = Service(alliance=alliance, **{k: v for k, v in data.items() if k in FIELDS})
    service.full_clean()
    service.save()
    service.providers.set(list(providers))
    audit.record(service, action=audit.Action.CREATE, actor=actor, source=source,
                 changes=audit.diff({}, _snapshot(service)))  # fmt: skip
    return service


@transaction.atomic
def update_service(
    service: Service, data: dict[str, Any], *, providers: Iterable[Organization] | None = None,
    actor: Any, source: str,
) -> Service:  # fmt: skip
    """Change a service (``active=False`` withdraws it from the catalogue; requests already
    made go on). Side effects: saved; audited with the changes."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    _check(actor, service.alliance)
    before = _snapshot(service)
    for name, value in data.items():
        if name in FIELDS:
            setattr(service, name, value)
    service.full_clean()
    service.save()
    if providers is not None:
        service.providers.set(list(providers))
    audit.record_changed(service, before, after=_snapshot(service), actor=actor, source=source)
    return service
