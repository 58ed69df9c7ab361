"""The secretariat keeps the catalogue and the policy library through the API too."""

import pytest
from rest_framework.test import APIClient

from alliancehub.memberservices.models import Policy, Service
from tests.factories.memberservices import build_world


def api(user=None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def world(db):
    return build_world()


def test_the_secretariat_adds_a_service_and_a_member_may_not(world):
    body = {"kind": "legal", "name": "维权援助", "target_amount": 3, "target_unit": "days"}

    created = api(world.secretariat).post("/api/v1/alliances/sx-stipa/services/", body,
                                          format="json")  # fmt: skip
    refused = api(world.member).post("/api/v1/alliances/sx-stipa/services/", body, format="json")

    assert created.status_code == 201
    assert created.json() | {"id": 0} == {
        "id": 0, "kind": "legal", "name": "维权援助", "description": "", "providers": [],
        "target_amount": 3, "target_unit": "days", "target_hours": 72, "active": True,
    }  # fmt: skip
    assert refused.status_code == 403
    assert Service.objects.filter(name="维权援助").count() == 1


def test_the_secretariat_enters_and_publishes_a_policy_through_the_api(world):
    body = {"title": "高新技术企业培育奖励", "issuer": "绍兴市科学技术局", "issued_on": "2026-03-01",
            "summary": "首次认定奖励。", "regions": ["330600"], "kinds": ["enterprise"]}  # fmt: skip
    client = api(world.secretariat)

    draft = client.post("/api/v1/alliances/sx-stipa/policies/", body, format="json")
    bad = client.post("/api/v1/alliances/sx-stipa/policies/", body | {"regions": ["999999"]},
                      format="json")  # fmt: skip
    published = client.post(f"/api/v1/alliances/sx-stipa/policies/{draft.json()['id']}/publish/")
    member = api(world.member).post("/api/v1/alliances/sx-stipa/policies/", body, format="json")

    assert draft.status_code == 201
    assert draft.json()["published_at"] is None
    assert bad.json() == {"regions": ["Unknown region code: 999999."]}
    assert published.json()["published_at"] is not None
    assert member.status_code == 403
    assert Policy.objects.count() == 1
