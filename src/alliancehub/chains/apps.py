from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChainsConfig(AppConfig):
    name = "alliancehub.chains"
    verbose_name = _("Industry chains")

    def ready(self) -> None:
        from ..organizations.signals import region_changed
        from .receivers import organization_moved

        region_changed.connect(organization_moved, dispatch_uid="chains.organization_moved")
