from django.db import models
from django.utils.translation import gettext_lazy as _

from ...common.models import TimeStampedModel
from ..enums import Stage


class Chain(TimeStampedModel):
    """An industry-chain template (hydrogen, photovoltaic, new-energy vehicles), loaded from
    ``chains/data/<slug>.yaml`` by ``manage.py load_chains``."""

    slug = models.SlugField(_("short name"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_zh_hant = models.CharField(_("name (Traditional Chinese)"), max_length=100, blank=True)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    source_digest = models.CharField(_("template digest"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("industry chain")
        verbose_name_plural = _("industry chains")
        ordering = ["slug"]

    def __str__(self) -> str:
        from ..domain.names import localized

        return localized(self)


class Link(models.Model):
    """A link of a chain (制氢, 电解槽设备 …): a node of the chain's tree, at a stage."""

    chain = models.ForeignKey(
        Chain, verbose_name=_("chain"), on_delete=models.CASCADE, related_name="links"
    )
    code = models.CharField(_("code"), max_length=100)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent link"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="children",
    )  # fmt: skip
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    name = models.CharField(_("name"), max_length=100)
    name_zh_hant = models.CharField(_("name (Traditional Chinese)"), max_length=100, blank=True)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    retired = models.BooleanField(
        _("retired"), default=False,
        help_text=_("No longer in the template; kept because organisations sit on it."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("chain link")
        verbose_name_plural = _("chain links")
        ordering = ["chain", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["chain", "code"], name="link_unique_code",
                violation_error_message=_("This chain already has a link with this code."),
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        from ..domain.names import localized

        return localized(self)

    @property
    def key(self) -> str:
        """``chain:code``, as the API names a link."""
        return f"{self.chain.slug}:{self.code}"


class SupplyEdge(models.Model):
    """``source`` supplies ``target`` (the template's ``feeds``)."""

    chain = models.ForeignKey(
        Chain, verbose_name=_("chain"), on_delete=models.CASCADE, related_name="edges"
    )
    source = models.ForeignKey(
        Link, verbose_name=_("supplier link"), on_delete=models.CASCADE, related_name="feeds"
    )
    target = models.ForeignKey(
        Link, verbose_name=_("supplied link"), on_delete=models.CASCADE, related_name="fed_by"
    )

    class Meta:
        verbose_name = _("supply edge")
        verbose_name_plural = _("supply edges")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target"], name="edge_once",
                violation_error_message=_("This supply edge already exists."),
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.source.code} → {self.target.code}"
