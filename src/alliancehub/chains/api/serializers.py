"""What the chains API shows: chains and links, the map and its analyses, positions."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ...organizations.models import Organization
from ..domain.analysis import Candidate, LinkFigure, Risk
from ..domain.names import localized
from ..models import Chain, Link, Position


def _parent_code(link: Link, codes: dict[int, str]) -> str | None:
    return codes.get(link.parent_id) if link.parent_id else None


class LinkSerializer(serializers.ModelSerializer):
    """A link of a chain; ``parent`` is the parent link's code."""

    parent = serializers.SerializerMethodField()  # type: ignore[assignment]

    class Meta:
        model = Link
        fields = ("code", "name", "name_zh_hant", "name_en", "stage", "parent", "keywords")

    def get_parent(self, link: Link) -> str | None:
        return _parent_code(link, self.context["codes"])


class ChainSerializer(serializers.ModelSerializer):
    class Meta:
        model = Chain
        fields: tuple[str, ...] = ("slug", "name", "name_zh_hant", "name_en")


class ChainDetailSerializer(ChainSerializer):
    """A chain with its links in template order (retired links left out)."""

    links = serializers.SerializerMethodField()

    class Meta(ChainSerializer.Meta):
        fields = (*ChainSerializer.Meta.fields, "links")

    def get_links(self, chain: Chain) -> list[dict[str, Any]]:
        links = list(chain.links.filter(retired=False).order_by("order"))
        codes = {link.pk: link.code for link in links}
        return list(LinkSerializer(links, many=True, context={"codes": codes}).data)


class OrganizationBriefSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region_id", allow_null=True, read_only=True)

    class Meta:
        model = Organization
        fields = ("id", "name", "name_en", "region", "size")


class FigureSerializer(serializers.Serializer):
    """One link on the map: ``name`` in the request's language, ``count`` of organisations on
    the link itself, ``expected`` count at the national median, ``status``."""

    code = serializers.CharField(source="link.code")
    name = serializers.SerializerMethodField()
    name_en = serializers.CharField(source="link.name_en")
    stage = serializers.CharField(source="link.stage")
    parent = serializers.SerializerMethodField()  # type: ignore[assignment]
    count = serializers.IntegerField()
    expected = serializers.SerializerMethodField()
    status = serializers.CharField()

    def get_name(self, figure: LinkFigure) -> str:
        return localized(figure.link)

    def get_parent(self, figure: LinkFigure) -> str | None:
        return _parent_code(figure.link, self.context["codes"])

    def get_expected(self, figure: LinkFigure) -> float:
        return round(figure.expected, 2)


class EdgeSerializer(serializers.Serializer):
    source = serializers.CharField()  # type: ignore[assignment]
    target = serializers.CharField()


class MapSerializer(serializers.Serializer):
    chain = serializers.CharField()
    region = serializers.CharField(allow_null=True)
    alliance = serializers.CharField(allow_null=True)
    links = FigureSerializer(many=True)
    edges = EdgeSerializer(many=True)


class FigureNumbersSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    expected = serializers.FloatField()
    share = serializers.FloatField(allow_null=True)
    status = serializers.CharField()


class GapSerializer(FigureSerializer):
    """A link's status in the region, and in the compared region when asked for."""

    share = serializers.SerializerMethodField()
    compare = serializers.SerializerMethodField()

    def get_share(self, figure: LinkFigure) -> float | None:
        return None if figure.share is None else round(figure.share, 3)

    def get_compare(self, figure: LinkFigure) -> dict[str, Any] | None:
        other = self.context.get("compare", {}).get(figure.link.pk)
        if other is None:
            return None
        return {
            "count": other.count,
            "expected": round(other.expected, 2),
            "share": None if other.share is None else round(other.share, 3),
            "status": other.status,
        }


class GapsSerializer(serializers.Serializer):
    chain = serializers.CharField()
    region = serializers.CharField()
    compare = serializers.CharField(allow_null=True)
    links = GapSerializer(many=True)


class RiskSerializer(serializers.Serializer):
    link = serializers.CharField(source="link.code")
    link_name = serializers.SerializerMethodField()
    kind = serializers.CharField()
    detail = serializers.CharField()
    organizations = OrganizationBriefSerializer(many=True)

    def get_link_name(self, risk: Risk) -> str:
        return localized(risk.link)


class RisksSerializer(serializers.Serializer):
    chain = serializers.CharField()
    region = serializers.CharField()
    risks = RiskSerializer(many=True)


class InvestmentCandidateSerializer(serializers.Serializer):
    organization = OrganizationBriefSerializer()
    link = serializers.CharField(source="link.code")
    link_name = serializers.SerializerMethodField()
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())

    def get_link_name(self, candidate: Candidate) -> str:
        return localized(candidate.link)


class InvestmentCandidatesSerializer(serializers.Serializer):
    chain = serializers.CharField()
    region = serializers.CharField()
    candidates = InvestmentCandidateSerializer(many=True)


class PositionSerializer(serializers.ModelSerializer):
    """An organisation's position on a link. ``organization`` and ``link`` (ids) are set when
    it is created and cannot change; ``status`` changes through ``confirm``."""

    link: serializers.PrimaryKeyRelatedField[Link] = serializers.PrimaryKeyRelatedField(
        queryset=Link.objects.filter(retired=False)
    )
    link_key = serializers.CharField(
        source="link.key", read_only=True, help_text=_("The link as chain:code.")
    )

    class Meta:
        model = Position
        fields = (
            "id", "organization", "link", "link_key", "products", "role", "capacity", "since",
            "status", "source", "score", "region_code",
        )  # fmt: skip
        read_only_fields = ("status", "source", "score", "region_code")


class PositionUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Position
        fields = ("products", "role", "capacity", "since")
