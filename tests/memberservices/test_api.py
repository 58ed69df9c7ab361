"""The member-services API: the catalogue, requests with their actions and visibility, and
the pre-assessment endpoint (whole payloads)."""

import pytest
from rest_framework import serializers
from rest_framework.test import APIClient

from alliancehub.memberservices.domain import requests
from alliancehub.memberservices.models import ServiceRequest
from tests.factories.memberservices import WEB, build_world, submit


@pytest.fixture
def world(db):
    return build_world()


def api(user=None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def base(world, tail=""):
    return f"/api/v1/alliances/{world.alliance.slug}/service-requests/{tail}"


def iso(value):
    return serializers.DateTimeField().to_representation(value) if value else None


def payload(made, **changes):
    """The detail payload of ``made`` as stored now."""
    made = ServiceRequest.objects.select_related(
        "service", "organization", "assignee", "provider"
    ).get(pk=made.pk)
    data = {
        "id": made.pk,
        "service": {"id": made.service_id, "name": made.service.name, "kind": made.service.kind},
        "organization": {"id": made.organization_id, "name": made.organization.name},
        "subject": made.subject, "description": made.description, "status": made.status,
        "assignee": {"id": made.assignee_id, "name": str(made.assignee)} if made.assignee else None,
        "provider": {"id": made.provider_id, "name": made.provider.name} if made.provider else None,
        "submitted_at": iso(made.submitted_at), "due_at": iso(made.due_at), "overdue": False,
        "accepted_at": iso(made.accepted_at), "first_response_at": iso(made.first_response_at),
        "resolved_at": iso(made.resolved_at), "closed_at": iso(made.closed_at),
        "rating": made.rating, "rating_comment": made.rating_comment,
        "comments": [
            {"id": c.pk, "author": {"id": c.author_id, "name": str(c.author)}, "body": c.body,
             "created_at": iso(c.created_at)}
            for c in made.comments.order_by("id")
        ],
        "attachments": [],
    }  # fmt: skip
    return data | changes


def test_services_list_the_offered_catalogue(world):
    response = api(world.member).get(f"/api/v1/alliances/{world.alliance.slug}/services/")

    assert response.status_code == 200
    assert response.json()["results"] == [{
        "id": world.service.pk, "kind": "high_tech_recognition", "name": "高新技术企业认定辅导",
        "description": "",
        "providers": [{"id": world.provider_unit.pk, "name": "浙江清华长三角研究院"}],
        "target_amount": 48, "target_unit": "hours", "target_hours": 48, "active": True,
    }]  # fmt: skip


def test_services_of_another_alliance_are_forbidden(world):
    response = api(world.outsider).get(f"/api/v1/alliances/{world.alliance.slug}/services/")

    assert response.status_code == 403


def test_a_member_creates_a_request(world):
    response = api(world.member).post(base(world), {
        "service": world.service.pk, "subject": "认定辅导", "description": "请协助。"
    })  # fmt: skip

    assert response.status_code == 201
    made = ServiceRequest.objects.get()
    assert response.json() == payload(made)
    assert (made.organization, made.status) == (world.unit, "submitted")


def test_creating_refuses_another_alliances_service_and_non_members(world):
    other_service = api(world.member).post(base(world), {
        "service": world.other_service.pk, "subject": "x", "description": "y"
    })  # fmt: skip
    not_member = api(world.provider).post(base(world), {
        "service": world.service.pk, "subject": "x", "description": "y"
    })  # fmt: skip

    assert other_service.status_code == 400
    assert "service" in other_service.json()
    assert not_member.status_code == 403
    assert not_member.json() == {"detail": "Only a member's representative may request a service."}


def test_the_workflow_through_the_api(world):
    made = submit(world)
    secretariat, provider, member = api(world.secretariat), api(world.provider), api(world.member)

    assert secretariat.post(base(world, f"{made.pk}/accept/")).status_code == 200
    assigned = secretariat.post(base(world, f"{made.pk}/assign/"),
                                {"provider": world.provider_unit.pk})  # fmt: skip
    assert assigned.json()["provider"] == {"id": world.provider_unit.pk,
                                           "name": "浙江清华长三角研究院"}  # fmt: skip
    assert provider.post(base(world, f"{made.pk}/start/")).status_code == 200
    assert provider.post(base(world, f"{made.pk}/comment/"), {"body": "处理中"}).status_code == 201
    assert provider.post(base(world, f"{made.pk}/resolve/"), {"note": "已完成"}).status_code == 200
    rated = member.post(base(world, f"{made.pk}/rate/"), {"rating": 5, "comment": "好"})
    assert rated.json()["rating"] == 5
    closed = member.post(base(world, f"{made.pk}/close/"))
    assert closed.json() == payload(made)
    assert closed.json()["status"] == "closed"
    assert [c["body"] for c in closed.json()["comments"]] == ["处理中", "已完成"]
    reopened = member.post(base(world, f"{made.pk}/reopen/"), {"note": "还有问题"})
    assert reopened.json()["status"] == "in_progress"


def test_a_refused_transition_answers_400_with_the_message(world):
    made = submit(world)

    response = api(world.secretariat).post(base(world, f"{made.pk}/resolve/"))

    assert response.status_code == 400
    assert response.json() == {
        "detail": ["Only a request in progress can be resolved; this one is “Submitted”."]
    }


def test_a_step_by_the_wrong_person_answers_403(world):
    made = submit(world)

    response = api(world.member).post(base(world, f"{made.pk}/accept/"))

    assert response.status_code == 403
    assert response.json() == {"detail": "Only the alliance's secretariat may do this."}


def test_assigning_an_unknown_person_answers_400(world):
    made = requests.accept_request(submit(world), actor=world.secretariat, source=WEB)

    response = api(world.secretariat).post(base(world, f"{made.pk}/assign/"),
                                           {"assignee": 999_999})  # fmt: skip

    assert response.status_code == 400
    assert response.json() == {"assignee": ["No such person."]}


def test_visibility_through_the_api(world):
    own = requests.accept_request(submit(world, subject="天洁"), actor=world.secretariat,
                                  source=WEB)  # fmt: skip
    requests.assign_request(own, provider=world.provider_unit, actor=world.secretariat,
                            source=WEB)  # fmt: skip
    neighbours = submit(world, who="neighbour", subject="宝晶")

    def subjects(user):
        return sorted(r["subject"] for r in api(user).get(base(world)).json()["results"])

    assert subjects(world.secretariat) == ["天洁", "宝晶"]
    assert subjects(world.member) == ["天洁"]
    assert subjects(world.neighbour) == ["宝晶"]
    assert subjects(world.provider) == ["天洁"]
    assert subjects(world.outsider) == []
    assert subjects(world.other_secretariat) == []
    assert api(world.outsider).get(base(world, f"{own.pk}/")).status_code == 404
    assert api(world.provider).get(base(world, f"{neighbours.pk}/")).status_code == 404
    assert api(world.neighbour).post(base(world, f"{own.pk}/close/")).status_code == 404
    assert api().get(base(world)).status_code == 401


def test_list_filters_by_status(world):
    requests.accept_request(submit(world, subject="甲"), actor=world.secretariat, source=WEB)
    submit(world, subject="乙")

    response = api(world.secretariat).get(base(world), {"status": "accepted"})

    assert [r["subject"] for r in response.json()["results"]] == ["甲"]


@pytest.mark.parametrize("count", [1, 3])
def test_the_api_list_query_count_does_not_grow_with_rows(world, django_assert_num_queries, count):
    for n in range(count):
        made = requests.accept_request(submit(world, subject=f"申请{n}"),
                                       actor=world.secretariat, source=WEB)  # fmt: skip
        requests.assign_request(made, assignee=world.expert, actor=world.secretariat, source=WEB)
    client = api(type(world.secretariat).objects.get(pk=world.secretariat.pk))  # no cached roles

    # alliance, roles, the count, the page
    with django_assert_num_queries(4):
        response = client.get(base(world))

    assert len(response.json()["results"]) == count


def test_the_schema_describes_the_member_services_routes(db):
    response = APIClient().get("/api/v1/schema/", {"format": "json"})

    paths = set(response.json()["paths"])
    prefix = "/api/v1/alliances/{slug}/"
    assert {
        f"{prefix}services/",
        f"{prefix}service-requests/",
        f"{prefix}service-requests/{{id}}/",
        f"{prefix}service-requests/{{id}}/accept/",
        f"{prefix}service-requests/{{id}}/assign/",
        f"{prefix}service-requests/{{id}}/start/",
        f"{prefix}service-requests/{{id}}/resolve/",
        f"{prefix}service-requests/{{id}}/close/",
        f"{prefix}service-requests/{{id}}/reopen/",
        f"{prefix}service-requests/{{id}}/comment/",
        f"{prefix}service-requests/{{id}}/rate/",
        "/api/v1/memberservices/assessments/",
    } <= paths
