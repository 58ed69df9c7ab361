from django.db.models import Prefetch, QuerySet
from rest_framework import viewsets
from rest_framework.serializers import BaseSerializer

from ...common.domain.audit import Source
from ..domain import registry
from ..filtersets import OrganizationFilterSet
from ..models import Contact, Organization
from .permissions import RegistryPermission
from .serializers import OrganizationSerializer


class OrganizationViewSet(viewsets.ModelViewSet):
    """The organisation registry. Anyone may read; signed-in staff may create, change and delete;
    a person who represents an organisation may change its record.

    Filter with ``search`` (Chinese, Traditional or English, part of a name), ``region``
    (GB/T 2260 code; includes sub-regions) and ``kind``.
    """

    serializer_class = OrganizationSerializer
    permission_classes = [RegistryPermission]
    filterset_class = OrganizationFilterSet
    # Newest first, as on the directory page: a filter can stop after one page.
    queryset = (
        Organization.objects.select_related("region__parent", "industry")
        .prefetch_related(Prefetch("contacts", queryset=Contact.objects.order_by("id")))
        .order_by("-id")
    )

    def get_queryset(self) -> QuerySet[Organization]:
        queryset = super().get_queryset()
        if not self.request.user.is_authenticated:
            # Anonymous readers do not see contacts (see the serializer), so don't load them.
            queryset = queryset.prefetch_related(None)
        return queryset

    def perform_create(self, serializer: BaseSerializer[Organization]) -> None:
        data = dict(serializer.validated_data)
        contacts = data.pop("contacts", ())
        serializer.instance = registry.create_organization(
            data, actor=self.request.user, source=Source.API, contacts=contacts
        )

    def perform_update(self, serializer: BaseSerializer[Organization]) -> None:
        data = dict(serializer.validated_data)
        contacts = data.pop("contacts", None)
        assert serializer.instance is not None  # an update always has its object
        updated = registry.update_organization(
            serializer.instance, data, actor=self.request.user, source=Source.API, contacts=contacts
        )
        # Re-read with the list's joins so the response shows the contacts as saved.
        serializer.instance = self.get_queryset().get(pk=updated.pk)

    def perform_destroy(self, instance: Organization) -> None:
        registry.delete_organization(instance, actor=self.request.user, source=Source.API)
