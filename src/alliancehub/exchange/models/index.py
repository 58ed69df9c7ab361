from django.db import models
from django.utils.translation import gettext_lazy as _


class MatchEntry(models.Model):
    """One open post on one chain link (or on none): the rows matching reads.

    A post has an entry per stated link and per link its text speaks of (``by_concept``), or
    one without a link. ``prior`` orders the rows of a link before a post's text is compared:
    the freshness and standing share of the score when the post was indexed. Kept by
    ``domain.index``; rebuilt by ``manage.py rebuild_match_index``.
    """

    post = models.ForeignKey(
        "exchange.Post", verbose_name=_("post"), on_delete=models.CASCADE, related_name="+"
    )
    link = models.ForeignKey(
        "chains.Link", verbose_name=_("link"), null=True, on_delete=models.CASCADE,
        related_name="+", db_index=False,
    )  # fmt: skip
    by_concept = models.BooleanField(_("read from the text"), default=False)
    direction = models.CharField(_("offer or need"), max_length=8)
    kind_group = models.CharField(_("kind group"), max_length=16)
    region_code = models.CharField(_("region code"), max_length=6, blank=True)
    public = models.BooleanField(_("public"), default=True)
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="+", db_index=False,
    )  # fmt: skip
    standing = models.FloatField(_("standing"), default=0)
    published_at = models.DateTimeField(_("published at"))
    prior = models.FloatField(_("prior"), default=0)
    signature = models.BigIntegerField(
        _("term signature"), default=-1,
        help_text=_("One bit per term of the post's text, hashed: every bit set until known."),
    )  # fmt: skip
    weight = models.FloatField(
        _("term weight"), default=0, help_text=_("The sum of the weights of the post's terms.")
    )

    class Meta:
        verbose_name = _("match index entry")
        verbose_name_plural = _("match index entries")
        indexes = [
            # A link's rows best prior first, and by region; on PostgreSQL what ranking reads
            # is in the index.
            models.Index(
                fields=["link", "direction", "kind_group", "-prior"], name="match_link_prior",
                include=["region_code", "signature", "weight", "organization", "public",
                         "by_concept", "standing", "published_at", "post"],
            ),
            models.Index(
                fields=["link", "direction", "kind_group", "region_code"],
                name="match_link_region",
                include=["prior", "signature", "weight", "organization", "public", "by_concept",
                         "standing", "published_at", "post"],
            ),
            models.Index(  # the best rows of a post on no link
                fields=["direction", "kind_group", "-prior"], name="match_group_prior"
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.post_id}@{self.link_id}"


class MatchTerm(models.Model):
    """A word of an open post's text, so that posts worded alike are found whatever their
    link; read best ``prior`` first, like ``MatchEntry``."""

    post = models.ForeignKey(
        "exchange.Post", verbose_name=_("post"), on_delete=models.CASCADE, related_name="+"
    )
    term = models.CharField(_("word"), max_length=64)
    direction = models.CharField(_("offer or need"), max_length=8)
    kind_group = models.CharField(_("kind group"), max_length=16)
    prior = models.FloatField(_("prior"), default=0)

    class Meta:
        verbose_name = _("match index word")
        verbose_name_plural = _("match index words")
        indexes = [
            models.Index(
                "term", "direction", "kind_group", models.F("prior").desc(),
                name="match_term_prior",
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.post_id}:{self.term}"
