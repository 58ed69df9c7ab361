from django.urls import path

from . import views

app_name = "alliances"
urlpatterns = [
    path("", views.alliance_list, name="list"),
    path("<slug:slug>/", views.alliance_detail, name="detail"),
]
