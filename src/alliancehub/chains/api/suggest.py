"""``POST /api/v1/chains/suggest/``: chain links suggested for a profile text."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ..domain.names import localized
from ..domain.suggest import Suggestion, suggest

MAX_TEXT = 5000


class SuggestInputSerializer(serializers.Serializer):
    text = serializers.CharField(
        trim_whitespace=True, allow_blank=True, help_text=gettext_lazy("The profile text.")
    )
    chain = serializers.SlugField(required=False, help_text=gettext_lazy("Only this chain."))
    limit = serializers.IntegerField(required=False, default=5, min_value=1, max_value=20)

    def validate_text(self, value: str) -> str:
        if not value:
            raise serializers.ValidationError(_("Give the text to suggest links for."))
        if len(value) > MAX_TEXT:
            raise serializers.ValidationError(
                _("The text is too long: at most {limit} characters.").format(limit=MAX_TEXT)
            )
        return value


class SuggestionSerializer(serializers.Serializer):
    link = serializers.CharField(help_text=gettext_lazy("chain:code"))
    chain = serializers.CharField()
    code = serializers.CharField()
    name = serializers.CharField()
    score = serializers.FloatField(help_text=gettext_lazy("0 to 1; higher is more certain."))
    words = serializers.ListField(child=serializers.CharField())


class SuggestResultSerializer(serializers.Serializer):
    suggestions = SuggestionSerializer(many=True)


def _payload(item: Suggestion) -> dict:
    link = item.link
    return {"link": item.key, "chain": link.chain.slug, "code": link.code,
            "name": localized(link), "score": item.score, "words": item.words}  # fmt: skip


class SuggestView(APIView):
    """Chain links an organisation's profile (Simplified, Traditional or English) points to,
    best first, with the words that led to each. A suggestion is only a proposal: a person
    confirms a position before it counts. Anyone may call it; nothing is stored."""

    permission_classes = [AllowAny]

    @extend_schema(
        request=SuggestInputSerializer,
        responses={200: SuggestResultSerializer},
        summary=gettext_lazy("Suggest chain links for a profile"),
    )
    def post(self, request: Request) -> Response:
        serializer = SuggestInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        found = suggest(data["text"], chain=data.get("chain"), limit=data["limit"])
        return Response({"suggestions": [_payload(item) for item in found]})
