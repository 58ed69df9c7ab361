from django.urls import path

from . import views

app_name = "chains"
urlpatterns = [
    path("", views.chain_list, name="list"),
    path("organizations/<int:pk>/", views.organization_positions, name="organization"),
    path("organizations/<int:pk>/positions/", views.add_position, name="add-position"),
    path(
        "organizations/<int:pk>/positions/<int:position_pk>/confirm/",
        views.confirm_position,
        name="confirm-position",
    ),
    path(
        "organizations/<int:pk>/positions/<int:position_pk>/remove/",
        views.remove_position,
        name="remove-position",
    ),
    path("organizations/<int:pk>/suggest/", views.suggest_positions, name="suggest-positions"),
    path("<slug:slug>/", views.chain_map, name="map"),
    path(
        "<slug:slug>/links/<str:code>/organizations/",
        views.link_organizations,
        name="link-organizations",
    ),
    path("<slug:slug>/gaps/", views.gaps, name="gaps"),
    path("<slug:slug>/candidates/", views.candidates, name="candidates"),
]
