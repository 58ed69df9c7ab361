import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Organization


class OrganizationTable(tables.Table):
    """The directory listing. Its queryset must select ``region__parent``."""

    name = tables.Column(verbose_name=_("Name"), linkify=True)
    name_en = tables.Column(verbose_name=_("English name"))
    kind = tables.Column(verbose_name=_("Kind"))
    region = tables.Column(verbose_name=_("Region"), order_by=("region_id",))

    class Meta:
        model = Organization
        fields = ("name", "name_en", "kind", "region")
        attrs = {"class": "table table-hover align-middle"}
        empty_text = _("No organisation matches these filters.")
        template_name = "common/table.html"

    def render_region(self, value):
        return f"{value.parent} · {value}" if value.parent_id else str(value)
