"""The events list and the secretariat's registrations list. ``EventTable``'s queryset must
select ``alliance``; ``RegistrationTable``'s rows carry no relation."""

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .enums import EventStatus, RegistrationStatus, Visibility
from .models import Event, Registration

STATUS_BADGES: dict[str, str] = {
    RegistrationStatus.CONFIRMED: "text-bg-success",
    RegistrationStatus.PENDING: "text-bg-warning",
    RegistrationStatus.WAITING: "text-bg-info",
    RegistrationStatus.REJECTED: "text-bg-secondary",
    RegistrationStatus.CANCELLED: "text-bg-secondary",
}


def when(event: Event) -> str:
    start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    if start.date() == end.date():
        return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"
    return f"{start:%Y-%m-%d %H:%M} – {end:%Y-%m-%d %H:%M}"


class EventTable(tables.Table):
    title = tables.Column(verbose_name=_("Event"), empty_values=())
    starts_at = tables.Column(verbose_name=_("When"), empty_values=())
    venue = tables.Column(verbose_name=_("Venue"))
    alliance = tables.Column(verbose_name=_("Alliance"))

    class Meta:
        model = Event
        fields = ("title", "starts_at", "venue", "alliance")
        orderable = False
        attrs = {"class": "table table-hover align-middle", "id": "events"}
        empty_text = _("No event matches these filters.")
        template_name = "common/table.html"

    def render_title(self, record: Event) -> Any:
        badges = format_html('<span class="badge text-bg-light border">{}</span>',
                             record.get_kind_display())  # fmt: skip
        if record.visibility == Visibility.MEMBERS:
            badges += format_html(' <span class="badge text-bg-info">{}</span>',
                                  record.get_visibility_display())  # fmt: skip
        if record.status != EventStatus.PUBLISHED:
            badges += format_html(' <span class="badge text-bg-secondary">{}</span>',
                                  record.get_status_display())  # fmt: skip
        return format_html('<a href="{}">{}</a><div class="small">{}</div>',
                           reverse("events:event", args=[record.pk]), record.title, badges)  # fmt: skip

    def render_starts_at(self, record: Event) -> str:
        return when(record)

    def render_alliance(self, value: Any) -> str:
        return str(value.name)


class RegistrationTable(tables.Table):
    """Each row has its decision buttons (``events/_registration_actions.html``)."""

    name = tables.Column(verbose_name=_("Name"))
    organization_name = tables.Column(verbose_name=_("Organisation"))
    email = tables.Column(verbose_name=_("E-mail"))
    phone = tables.Column(verbose_name=_("Phone"))
    status = tables.Column(verbose_name=_("Status"))
    created_at = tables.DateTimeColumn(verbose_name=_("Registered at"), format="Y-m-d H:i")
    checked_in_at = tables.DateTimeColumn(verbose_name=_("Checked in"), format="H:i")
    actions = tables.TemplateColumn(
        verbose_name=_("Actions"), template_name="events/_registration_actions.html",
        empty_values=(),
    )  # fmt: skip

    class Meta:
        model = Registration
        fields = ("name", "organization_name", "email", "phone", "status", "created_at",
                  "checked_in_at", "actions")  # fmt: skip
        orderable = False
        attrs = {"class": "table table-hover align-middle", "id": "registrations"}
        empty_text = _("No registration matches these filters.")
        template_name = "common/table.html"

    def render_status(self, record: Registration) -> Any:
        return format_html('<span class="badge {}">{}</span>',
                           STATUS_BADGES.get(record.status, "text-bg-secondary"),
                           record.get_status_display())  # fmt: skip
