from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ...common.models import TimeStampedModel
from ..enums import Direction, ListingStatus, PostKind, PostStatus, Visibility


class Post(TimeStampedModel):
    """What an organisation offers or needs: a product, capacity, technology, funding…

    ``terms`` and ``concepts`` are derived at write time for matching: the text segmented
    (Simplified Chinese, jieba; English words) and the chain links the text speaks of.
    """

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organisation"), on_delete=models.PROTECT,
        related_name="exchange_posts",
    )  # fmt: skip
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("posted by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    direction = models.CharField(_("offer or need"), max_length=8, choices=Direction.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=PostKind.choices)
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    links = models.ManyToManyField(
        "chains.Link", verbose_name=_("chain links"), blank=True, related_name="exchange_posts"
    )
    region = models.ForeignKey(
        "organizations.Region", verbose_name=_("region"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    quantity = models.DecimalField(
        _("quantity"), max_digits=16, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )  # fmt: skip
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    price_terms = models.CharField(_("price terms"), max_length=200, blank=True)
    valid_until = models.DateField(_("valid until"))
    visibility = models.CharField(
        _("visible to"), max_length=8, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    alliances = models.ManyToManyField(
        "alliances.Alliance", verbose_name=_("alliances"), through="exchange.Listing",
        blank=True, related_name="exchange_posts",
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=16, choices=PostStatus.choices, default=PostStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    terms = models.TextField(_("matching terms"), blank=True, editable=False)
    concepts = models.CharField(_("links the text speaks of"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "direction", "kind"], name="post_open_kind"),
            models.Index(fields=["status", "valid_until"], name="post_expiry"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__isnull=True) | models.Q(quantity__gte=0),
                name="post_quantity_not_negative",
                violation_error_message=_("The quantity cannot be negative."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class Listing(models.Model):
    """A post addressed to an alliance: shown to its members (or on its marketplace), after
    its secretariat's review when the alliance asks for one."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="listings"
    )
    alliance = models.ForeignKey(
        "alliances.Alliance", verbose_name=_("alliance"), on_delete=models.CASCADE,
        related_name="exchange_listings",
    )  # fmt: skip
    status = models.CharField(
        _("review"), max_length=10, choices=ListingStatus.choices, default=ListingStatus.APPROVED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    alliance_path = "alliance"

    class Meta:
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "alliance"], name="listing_once",
                violation_error_message=_("The post is already addressed to this alliance."),
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.post} → {self.alliance}"


class ExchangeSettings(models.Model):
    """An alliance's rules for its marketplace."""

    alliance = models.OneToOneField(
        "alliances.Alliance", verbose_name=_("alliance"), on_delete=models.CASCADE,
        related_name="exchange_settings",
    )  # fmt: skip
    review_required = models.BooleanField(
        _("review posts before they are shown"), default=False,
        help_text=_("A post addressed to the alliance waits for the secretariat's approval."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("exchange settings")
        verbose_name_plural = _("exchange settings")

    def __str__(self) -> str:
        return str(self.alliance)
