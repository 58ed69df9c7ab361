"""The marketplace listing. Its queryset must select ``organization`` and ``region__parent``
and prefetch ``links`` with their chain (see ``views.listed``)."""

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from ..chains.domain.names import localized
from .enums import Direction, PostStatus
from .models import Post

BADGES: dict[str, str] = {Direction.OFFER: "text-bg-success", Direction.NEED: "text-bg-info"}


class PostTable(tables.Table):
    title = tables.Column(verbose_name=_("Post"), empty_values=())
    kind = tables.Column(verbose_name=_("Kind"))
    organization = tables.Column(verbose_name=_("Organisation"))
    region = tables.Column(verbose_name=_("Region"))
    links = tables.Column(verbose_name=_("Chain links"), empty_values=())
    valid_until = tables.DateColumn(verbose_name=_("Valid until"), format="Y-m-d")

    class Meta:
        model = Post
        fields = ("title", "kind", "organization", "region", "links", "valid_until")
        orderable = False
        attrs = {"class": "table table-hover align-middle"}
        empty_text = _("No post matches these filters.")
        template_name = "common/table.html"

    def render_title(self, record: Post) -> Any:
        status = ""
        if record.status != PostStatus.OPEN:
            status = format_html(
                ' <span class="badge text-bg-secondary">{}</span>', record.get_status_display()
            )
        return format_html(
            '<span class="badge {}">{}</span> <a href="{}">{}</a>{}',
            BADGES.get(record.direction, "text-bg-secondary"), record.get_direction_display(),
            reverse("exchange:post", args=[record.pk]), record.title, status,
        )  # fmt: skip

    def render_organization(self, value: Any) -> Any:
        return value.display_name

    def render_region(self, value: Any) -> str:
        return f"{value.parent} · {value}" if value.parent_id else str(value)

    def render_links(self, record: Post) -> Any:
        return format_html_join(
            " ", '<span class="badge text-bg-light border">{}</span>',
            ((localized(link),) for link in record.links.all()),
        )  # fmt: skip
