import pytest
from django.urls import reverse

from alliancehub.common.pagination import CappedCountPaginator
from tests.factories import OrganizationFactory


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "count_cap", 2)


@pytest.mark.django_db
def test_api_count_stops_at_the_cap_and_says_so(api, small_cap):
    OrganizationFactory.create_batch(3)

    body = api.get("/api/v1/organizations/").json()

    assert (body["count"], body["count_capped"]) == (2, True)
    assert len(body["results"]) == 2  # results, too, end at the cap


@pytest.mark.django_db
def test_api_count_is_exact_below_the_cap(api, small_cap):
    OrganizationFactory.create_batch(2)

    body = api.get("/api/v1/organizations/").json()

    assert (body["count"], body["count_capped"]) == (2, False)


@pytest.mark.django_db
def test_directory_page_says_there_are_more_than_the_cap(client, small_cap):
    OrganizationFactory.create_batch(3)

    response = client.get(reverse("organizations:list"), HTTP_ACCEPT_LANGUAGE="en")

    assert response.context["table"].page.paginator.count_capped is True
    assert "More than 2 organisations" in response.content.decode()
