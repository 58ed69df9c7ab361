from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from . import views
from .common import views as common_views

#: Uploads anyone may see (alliances' logos), served from ``MEDIA_ROOT`` while ``DEBUG`` is on.
PUBLIC_MEDIA = ["alliances/logos/"]

api_patterns: list[URLPattern | URLResolver] = [
    path("", include("alliancehub.accounts.api.urls")),
    path("", include("alliancehub.organizations.api.urls")),
    path("", include("alliancehub.alliances.api.urls")),
    path("", include("alliancehub.governance.api.urls")),
    path("", include("alliancehub.chains.api.urls_suggest")),
    path("", include("alliancehub.chains.api.urls")),
    path("", include("alliancehub.exchange.api.urls")),
    path("", include("alliancehub.memberservices.api.urls")),
    path("", include("alliancehub.events.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]

urlpatterns = [
    path("", views.home, name="home"),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", common_views.favicon),
    path("accounts/", include("alliancehub.accounts.urls")),
    path("organizations/", include("alliancehub.organizations.urls")),
    path("alliances/", include("alliancehub.alliances.urls")),
    path("alliances/", include("alliancehub.governance.urls")),
    path("chains/", include("alliancehub.chains.urls")),
    path("exchange/", include("alliancehub.exchange.urls")),
    path("services/", include("alliancehub.memberservices.urls")),
    path("events/", include("alliancehub.events.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_patterns)),
]

if settings.DEBUG:  # the public uploads only: the others go through views that check who asks
    for public in PUBLIC_MEDIA:
        urlpatterns += static(
            settings.MEDIA_URL + public, document_root=settings.MEDIA_ROOT / public
        )

handler403 = common_views.permission_denied
handler404 = common_views.page_not_found
handler500 = common_views.server_error
