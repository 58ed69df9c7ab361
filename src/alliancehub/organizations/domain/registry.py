"""Creating, changing and removing organisations in the shared registry.

The web pages, the API, the import and the admin all change organisations through these
functions, so the duplicate rule, the derived search fields and the audit log cannot be skipped.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, ProtectedError, Q, Value, When
from django.utils.translation import gettext as _

from ...common.domain import audit
from ...common.text import normalize_name, search_document
from ..models import Contact, Organization
from ..signals import region_changed
from ..validators import normalize_credit_code
from . import tallies

#: The fields a person edits; everything else on the model is derived or bookkeeping.
EDITABLE_FIELDS = (
    "name",
    "name_en",
    "name_is_rendering",
    "name_en_is_rendering",
    "credit_code",
    "kind",
    "region",
    "industry",
    "size",
    "high_tech",
    "founded_on",
    "website",
    "description",
)
CONTACT_FIELDS = ("name", "title", "phone", "email")


class DuplicateOrganization(ValidationError):
    """The organisation is already in the registry; ``existing`` is the record it duplicates."""

    def __init__(self, message: str, *, field: str, existing: Organization) -> None:
        super().__init__({field: [message]})
        self.existing = existing


def derive_fields(organization: Organization) -> None:
    """Fill the fields computed from the names: the comparison key and the search tokens."""
    organization.credit_code = normalize_credit_code(organization.credit_code)
    organization.name_normalized = normalize_name(organization.name)
    organization.search_tokens = search_document(
        organization.name, organization.name_en, organization.credit_code or ""
    )


def find_duplicate(
    *, name: str, credit_code: str | None, exclude_pk: int | None = None
) -> tuple[str, Organization] | None:
    """The existing organisation with the same credit code or normalised name, if any.

    Returns ``(field, organisation)`` where ``field`` says which value collided.
    """
    candidates = Organization.objects.all()
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    same_name = Q(name_normalized=normalize_name(name))
    if credit_code:
        same_code = Q(credit_code=credit_code)
        candidates = (
            candidates.filter(same_name | same_code)
            .alias(code_matches=Case(When(same_code, then=Value(1)), default=Value(0)))
            .order_by("-code_matches", "pk")  # a shared credit code is the stronger evidence
        )
    else:
        candidates = candidates.filter(same_name).order_by("pk")
    existing = candidates.first()
    if existing is None:
        return None
    return (
        "credit_code" if credit_code and existing.credit_code == credit_code else "name"
    ), existing


def duplicate_error(field: str, existing: Organization) -> DuplicateOrganization:
    if field == "credit_code":
        message = _(
            "An organisation with this unified social credit code is already registered: "
            "{name} (No. {id})."
        )
    else:
        message = _("An organisation with the same name is already registered: {name} (No. {id}).")
    return DuplicateOrganization(
        message.format(name=existing.name, id=existing.pk), field=field, existing=existing
    )


def _validate(organization: Organization) -> None:
    derive_fields(organization)
    organization.full_clean(validate_constraints=False)
    found = find_duplicate(
        name=organization.name,
        credit_code=organization.credit_code,
        exclude_pk=organization.pk,
    )
    if found:
        raise duplicate_error(*found)


def _save(organization: Organization) -> None:
    try:
        with transaction.atomic():
            organization.save()
    except IntegrityError as error:
        # Another request registered the same credit code between our check and our insert.
        found = find_duplicate(
            name=organization.name,
            credit_code=organization.credit_code,
            exclude_pk=organization.pk,
        )
        if found:
            raise duplicate_error(*found) from error
        raise


def _replace_contacts(organization: Organization, contacts: Iterable[Mapping[str, Any]]) -> None:
    organization.contacts.all().delete()
    Contact.objects.bulk_create(
        Contact(organization=organization, **{f: c.get(f, "") for f in CONTACT_FIELDS})
        for c in contacts
        if c.get("name")
    )


def _contact_snapshot(organization: Organization) -> list[str]:
    return [str(contact) for contact in organization.contacts.all()]


@transaction.atomic
def create_organization(
    data: Mapping[str, Any],
    *,
    actor: Any,
    source: str,
    contacts: Iterable[Mapping[str, Any]] = (),
) -> Organization:
    """Register a new organisation.

    Side effects: saves the organisation and its contacts, counts it in its region's tallies,
    writes a ``create`` audit entry.
    Raises ``ValidationError`` for invalid values and ``DuplicateOrganization`` when the
    name or credit code is already registered.
    """
    organization = Organization(**{k: v for k, v in data.items() if k in EDITABLE_FIELDS})
    organization.created_by = actor if getattr(actor, "pk", None) else None
    _validate(organization)
    _save(organization)
    tallies.adjust([organization.region_id], +1)
    _replace_contacts(organization, contacts)
    after = audit.snapshot(organization, EDITABLE_FIELDS)
    changes = audit.diff({}, after | {"contacts": _contact_snapshot(organization)})
    audit.record(
        organization, action=audit.Action.CREATE, actor=actor, source=source, changes=changes
    )
    return organization


@transaction.atomic
def update_organization(
    organization: Organization,
    data: Mapping[str, Any],
    *,
    actor: Any,
    source: str,
    contacts: Iterable[Mapping[str, Any]] | None = None,
) -> Organization:
    """Change an organisation's fields (and, when ``contacts`` is given, replace its contacts).

    Side effects: saves; on a move to another region, moves it in the region tallies and sends
    ``signals.region_changed``; writes an ``update`` audit entry with the changed fields (none if
    nothing changed). Raises like ``create_organization``.
    """
    before = audit.snapshot(organization, EDITABLE_FIELDS) | {
        "contacts": _contact_snapshot(organization)
    }
    old_region = organization.region_id
    for field, value in data.items():
        if field in EDITABLE_FIELDS:
            setattr(organization, field, value)
    _validate(organization)
    _save(organization)
    if organization.region_id != old_region:
        tallies.adjust([old_region], -1)
        tallies.adjust([organization.region_id], +1)
        region_changed.send(
            sender=Organization, organization=organization, old=old_region,
            new=organization.region_id,
        )  # fmt: skip
    if contacts is not None:
        _replace_contacts(organization, contacts)
    after = audit.snapshot(organization, EDITABLE_FIELDS) | {
        "contacts": _contact_snapshot(organization)
    }
    audit.record_changed(organization, before, after=after, actor=actor, source=source)
    return organization


@transaction.atomic
def delete_organization(organization: Organization, *, actor: Any, source: str) -> None:
    """Remove an organisation that nothing else refers to.

    Side effects: deletes it and its contacts, takes it out of its region's tallies, writes a
    ``delete`` audit entry keeping its last values. Raises ``ValidationError`` if other records (memberships, positions…) still
    refer to it.
    """
    before = audit.snapshot(organization, EDITABLE_FIELDS)
    audit.record(
        organization,
        action=audit.Action.DELETE,
        actor=actor,
        source=source,
        changes=audit.diff(before, dict.fromkeys(before)),
    )
    region = organization.region_id
    try:
        with transaction.atomic():
            organization.delete()
    except ProtectedError as error:
        raise ValidationError(
            _("This organisation cannot be deleted while other records refer to it.")
        ) from error
    tallies.adjust([region], -1)
