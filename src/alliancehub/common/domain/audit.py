"""Recording and reading the audit log. Every domain function that changes data calls ``record``."""

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import AuditLogEntry

Action = AuditLogEntry.Action
Source = AuditLogEntry.Source


def _plain(value: Any) -> Any:
    """A JSON-safe rendering of a field value."""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, date | datetime | Decimal):
        return str(value)
    if isinstance(value, FieldFile):  # ``.url`` of an empty one raises, so test the type
        return value.name or None
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of ``fields`` on ``obj``, ready to compare with ``diff``."""
    return {name: _plain(getattr(obj, name)) for name in fields}


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """``{field: [before, after]}`` for every field whose value changed (empty to empty is
    no change, so a new record lists only the fields it was given)."""
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value and not (_empty(before.get(name)) and _empty(value))
    }


def _repr(obj: models.Model) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(obj)[:300]


def build(
    obj: models.Model,
    *,
    action: str,
    actor: Any,
    source: str,
    changes: Mapping[str, list[Any]] | None = None,
) -> AuditLogEntry:
    """An unsaved entry, for callers that save many at once with ``bulk_create``."""
    return AuditLogEntry(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        source=source,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        # In the site's default language, so the log names an object the same way whoever
        # changed it, whatever language they used.
        object_repr=_repr(obj),
        changes=dict(changes or {}),
    )


def record(
    obj: models.Model,
    *,
    action: str,
    actor: Any,
    source: str,
    changes: Mapping[str, list[Any]] | None = None,
) -> AuditLogEntry:
    """Add one entry to the audit log; call it inside the transaction that made the change."""
    entry = build(obj, action=action, actor=actor, source=source, changes=changes)
    entry.save()
    return entry


def record_created(obj: models.Model, fields: Iterable[str], *, actor: Any, source: str) -> None:
    """Log the creation of ``obj`` with the values of ``fields`` it was given."""
    record(obj, action=Action.CREATE, actor=actor, source=source,
           changes=diff({}, snapshot(obj, fields)))  # fmt: skip


def record_changed(
    obj: models.Model,
    before: Mapping[str, Any],
    *,
    actor: Any,
    source: str,
    after: Mapping[str, Any] | None = None,
) -> None:
    """Log what changed on ``obj`` from ``before`` to ``after`` (by default a ``snapshot``
    of the same fields now); nothing when nothing did."""
    changes = diff(before, snapshot(obj, before) if after is None else after)
    if changes:
        record(obj, action=Action.UPDATE, actor=actor, source=source, changes=changes)


def record_removed(obj: models.Model, fields: Iterable[str], *, actor: Any, source: str) -> None:
    """Keep ``obj``'s last values of ``fields`` in the log; call it before deleting ``obj``,
    while it has its id."""
    before = snapshot(obj, fields)
    record(obj, action=Action.DELETE, actor=actor, source=source,
           changes=diff(before, dict.fromkeys(before)))  # fmt: skip


def history(obj: models.Model) -> models.QuerySet[AuditLogEntry]:
    """The entries about ``obj``, newest first, with their actors."""
    return AuditLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
    ).select_related("actor")


#: Labels of recorded values that are not model fields.
EXTRA_LABELS = {"contacts": gettext_lazy("Contacts")}


def readable_history(
    entries: Iterable[AuditLogEntry],
) -> list[tuple[AuditLogEntry, list[tuple[str, Any, Any]]]]:
    """Each entry with its changes as ``(field label, before, after)`` in the active language.

    Choice values show their labels, booleans yes/no, foreign keys the related object's name
    (loaded in one query per related model); fields the model does not have, like
    ``contacts``, keep their stored name or an ``EXTRA_LABELS`` label.
    """
    entries = list(entries)
    related = _related_objects(entries)
    return [
        (
            entry,
            [
                (
                    _label(field, name),
                    _readable(field, old, related),
                    _readable(field, new, related),
                )
                for name, (old, new) in entry.changes.items()
                for field in [_concrete_field(entry.content_type.model_class(), name)]
            ],
        )
        for entry in entries
    ]


def _related_objects(
    entries: list[AuditLogEntry],
) -> dict[tuple[type[models.Model], str], models.Model]:
    wanted: dict[type[models.Model], set[str]] = {}
    for entry in entries:
        for name, values in entry.changes.items():
            field = _concrete_field(entry.content_type.model_class(), name)
            if field is not None and field.related_model is not None:
                wanted.setdefault(field.related_model, set()).update(
                    str(v) for v in values if not _empty(v)
                )
    return {
        (model, str(pk)): obj
        for model, pks in wanted.items()
        for pk, obj in model._default_manager.in_bulk(list(pks)).items()
    }


def _label(field: models.Field | None, name: str) -> str:
    return str(capfirst(field.verbose_name) if field else EXTRA_LABELS.get(name, name))


def _concrete_field(model: type[models.Model] | None, name: str) -> models.Field | None:
    try:
        field = model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) and field.concrete else None


def _readable(
    field: Any, value: Any, related: Mapping[tuple[type[models.Model], str], models.Model]
) -> Any:
    if _empty(value):
        return None
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return "、".join(str(item) for item in value)
    if field is not None and field.related_model is not None:
        return str(related.get((field.related_model, str(value)), value))
    choices = dict(field.flatchoices) if field is not None and field.choices else {}
    return choices.get(value, value)
