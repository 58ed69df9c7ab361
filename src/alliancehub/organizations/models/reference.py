"""Reference tables shipped with the project: administrative divisions and industry classes."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..enums import RegionLevel


class LocalizedNameMixin:
    """``localized_name`` picks ``name``, ``name_zh_hant`` or ``name_en`` by the active language."""

    name: str
    name_zh_hant: str
    name_en: str

    @property
    def localized_name(self) -> str:
        language = (get_language() or "zh-hans").lower()
        if language.startswith("en"):
            return self.name_en or self.name
        if language in ("zh-hant", "zh-tw", "zh-hk"):
            return self.name_zh_hant or self.name
        return self.name


class Region(LocalizedNameMixin, models.Model):
    """An administrative division by its GB/T 2260 code: province, prefecture or county.

    A code's region includes every division whose code starts with its ``prefix``
    (330000 → 33…, 330600 → 3306…, 330681 → 330681).
    """

    code = models.CharField(_("code"), max_length=6, primary_key=True)
    name = models.CharField(_("name"), max_length=64)
    name_zh_hant = models.CharField(_("name (Traditional Chinese)"), max_length=64)
    name_en = models.CharField(_("name (English)"), max_length=128)
    level = models.CharField(_("level"), max_length=16, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        verbose_name = _("administrative region")
        verbose_name_plural = _("administrative regions")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.localized_name

    @property
    def prefix(self) -> str:
        if self.level == RegionLevel.PROVINCE:
            return self.code[:2]
        if self.level == RegionLevel.PREFECTURE:
            return self.code[:4]
        return self.code


class Industry(LocalizedNameMixin, models.Model):
    """A section (A–T) or division (01–97) of the national industry classification, GB/T 4754-2017."""

    code = models.CharField(_("code"), max_length=2, primary_key=True)
    section = models.CharField(_("section"), max_length=1)
    name = models.CharField(_("name"), max_length=64)
    name_zh_hant = models.CharField(_("name (Traditional Chinese)"), max_length=64)
    name_en = models.CharField(_("name (English)"), max_length=160)

    class Meta:
        verbose_name = _("industry class")
        verbose_name_plural = _("industry classes")
        ordering = ["section", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.localized_name}"

    @property
    def is_section(self) -> bool:
        return self.code == self.section
