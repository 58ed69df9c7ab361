"""The exchange API's shapes. Links are ``chain:code`` keys, regions GB/T 2260 codes,
alliances slugs; quantities decimal strings."""

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ...alliances.models import Alliance
from ...chains.domain.keys import links_by_key
from ...chains.models import Link
from ...organizations.models import Region
from ..domain.introductions import contacts
from ..domain.reasons import explain_all
from ..enums import Direction, Outcome, PostKind, Visibility
from ..models import Introduction, Post


class PostSerializer(serializers.ModelSerializer):
    organization = serializers.SerializerMethodField()
    links = serializers.SerializerMethodField()
    region = serializers.CharField(source="region_id", allow_null=True)
    alliances = serializers.SerializerMethodField()

    class Meta:
        model = Post
        fields = (
            "id", "direction", "kind", "title", "description", "organization", "links", "region",
            "quantity", "unit", "price_terms", "valid_until", "visibility", "alliances", "status",
            "published_at",
        )  # fmt: skip
        read_only_fields = fields

    @extend_schema_field({"type": "object", "properties": {"id": {"type": "integer"},
                          "name": {"type": "string"}}})  # fmt: skip
    def get_organization(self, post: Post) -> dict[str, Any]:
        return {"id": post.organization_id, "name": post.organization.name}

    def get_links(self, post: Post) -> list[str]:
        return [link.key for link in post.links.all()]

    def get_alliances(self, post: Post) -> list[str]:
        return [listing.alliance.slug for listing in post.listings.all()]


def _links(keys: list[str]) -> list[Link]:
    found, unknown = links_by_key(keys)
    if unknown:
        raise serializers.ValidationError(
            _("Unknown chain link: {keys}.").format(keys=", ".join(unknown))
        )
    return found


class PostWriteSerializer(serializers.Serializer):
    """A post to create or change. ``submit``: publish it (or send it to review) at once."""

    direction = serializers.ChoiceField(choices=Direction.choices)
    kind = serializers.ChoiceField(choices=PostKind.choices)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    links = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    region = serializers.CharField(required=False, allow_null=True, default=None)
    quantity = serializers.DecimalField(
        max_digits=16, decimal_places=2, required=False, allow_null=True, default=None,
        min_value=0,
    )  # fmt: skip
    unit = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    price_terms = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    valid_until = serializers.DateField()
    visibility = serializers.ChoiceField(choices=Visibility.choices, default=Visibility.PUBLIC)
    alliances = serializers.ListField(child=serializers.SlugField(), required=False, default=list)
    submit = serializers.BooleanField(default=True)

    def validate_links(self, keys: list[str]) -> list[Link]:
        return _links(keys)

    def validate_region(self, code: str | None) -> Region | None:
        if not code:
            return None
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise serializers.ValidationError(_("Unknown region code: {code}.").format(code=code))
        return region

    def validate_alliances(self, slugs: list[str]) -> list[Alliance]:
        found = {a.slug: a for a in Alliance.objects.filter(slug__in=slugs)}
        unknown = [slug for slug in slugs if slug not in found]
        if unknown:
            raise serializers.ValidationError(
                _("Unknown alliance: {slugs}.").format(slugs=", ".join(unknown))
            )
        return [found[slug] for slug in dict.fromkeys(slugs)]


class MatchSerializer(serializers.Serializer):
    post = PostSerializer()
    score = serializers.FloatField(help_text=_("0–100"))
    reasons = serializers.ListField(child=serializers.CharField())


class IntroductionSerializer(serializers.ModelSerializer):
    contacts = serializers.SerializerMethodField(
        help_text=_("The other side's contacts, once the introduction is accepted.")
    )
    reasons = serializers.SerializerMethodField(help_text=_("In the caller's language."))

    class Meta:
        model = Introduction
        fields = (
            "id", "post", "counterpart_post", "message", "score", "reasons", "status", "reply",
            "outcome", "outcome_note", "created_at", "responded_at", "contacts",
        )  # fmt: skip
        read_only_fields = fields

    def get_reasons(self, introduction: Introduction) -> list[str]:
        return explain_all([introduction.reasons])[0]

    @extend_schema_field({"type": "object", "nullable": True})
    def get_contacts(self, introduction: Introduction) -> dict[str, Any] | None:
        return contacts(introduction, self.context["request"].user)


class IntroductionRequestSerializer(serializers.Serializer):
    post = serializers.IntegerField(help_text=_("Your organisation's post."))
    counterpart_post = serializers.IntegerField(help_text=_("The matched post."))
    message = serializers.CharField(required=False, allow_blank=True, default="")


class ReplySerializer(serializers.Serializer):
    reply = serializers.CharField(required=False, allow_blank=True, default="")


class OutcomeSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")
