"""A person who represents an organisation keeps its own profile, and nothing else's."""

from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import OrganizationFactory, UserFactory
from tests.factories.uploads import form_data


def test_a_representative_edits_its_own_organisation_on_the_page(client, db):
    own, other = (
        OrganizationFactory(name="绍兴甲科技有限公司"),
        OrganizationFactory(name="绍兴乙科技有限公司"),
    )
    client.force_login(UserFactory(organization=own))

    response = client.post(
        reverse("organizations:update", kwargs={"pk": own.pk}),
        form_data(name=own.name, description="专注膜电极研发。", region="330602"),
    )
    own.refresh_from_db()

    assert response.status_code == 302
    assert own.description == "专注膜电极研发。"
    assert client.get(reverse("organizations:update", kwargs={"pk": other.pk})).status_code == 403
    assert client.get(reverse("organizations:delete", kwargs={"pk": own.pk})).status_code == 403
    assert client.get(reverse("organizations:create")).status_code == 403


def test_a_representative_patches_its_own_organisation_through_the_api(db):
    own, other = (
        OrganizationFactory(name="绍兴丙科技有限公司"),
        OrganizationFactory(name="绍兴丁科技有限公司"),
    )
    api = APIClient()
    api.force_authenticate(UserFactory(organization=own))

    ok = api.patch(f"/api/v1/organizations/{own.pk}/", {"name_en": "Bing Tech"}, format="json")
    refused = api.patch(f"/api/v1/organizations/{other.pk}/", {"name_en": "Ding"}, format="json")

    assert ok.status_code == 200
    assert ok.json()["name_en"] == "Bing Tech"
    assert refused.status_code == 403
    assert api.delete(f"/api/v1/organizations/{own.pk}/").status_code == 403
    assert api.post("/api/v1/organizations/", {"name": "新公司"}, format="json").status_code == 403
