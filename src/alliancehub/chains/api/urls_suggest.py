from django.urls import path

from .suggest import SuggestView

urlpatterns = [path("chains/suggest/", SuggestView.as_view(), name="chain-suggest")]
