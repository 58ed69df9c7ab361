"""The request pages: who sees which request (a member its own, a provider what is assigned
to it, another alliance nothing), the workflow through the forms, and the list's query count."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from alliancehub.memberservices.domain import requests
from alliancehub.memberservices.enums import RequestStatus
from alliancehub.memberservices.models import Assessment, ServiceRequest
from tests.factories.memberservices import WEB, build_world, submit


@pytest.fixture
def world(db):
    return build_world()


S = RequestStatus


def base(world):
    return f"/services/{world.alliance.slug}/requests/"


def listed_subjects(client, world, **params):
    response = client.get(base(world), params)
    assert response.status_code == 200
    return sorted(row.subject for row, _overdue in response.context["rows"])


@pytest.fixture
def three(world):
    """The member's request (assigned to the provider), the neighbour's, and one in the other
    alliance."""
    own = requests.accept_request(submit(world, subject="天洁的申请"), actor=world.secretariat,
                                  source=WEB)  # fmt: skip
    requests.assign_request(own, provider=world.provider_unit, actor=world.secretariat,
                            source=WEB)  # fmt: skip
    neighbours = submit(world, who="neighbour", subject="宝晶的申请")
    _unit, person = world.outsider.organization, world.outsider
    elsewhere = requests.submit_request(
        world.other_service, organization=person.organization, subject="苏州的申请",
        description="融资", actor=person, source=WEB,
    )  # fmt: skip
    return own, neighbours, elsewhere


def test_the_secretariat_sees_every_request_of_its_alliance_only(client, world, three):
    client.force_login(world.secretariat)

    assert listed_subjects(client, world) == ["天洁的申请", "宝晶的申请"]


def test_a_member_sees_only_its_own_organisations_requests(client, world, three):
    own, neighbours, _elsewhere = three
    client.force_login(world.member)

    assert listed_subjects(client, world) == ["天洁的申请"]
    assert client.get(f"{base(world)}{own.pk}/").status_code == 200
    assert client.get(f"{base(world)}{neighbours.pk}/").status_code == 404


def test_a_provider_sees_only_what_is_assigned_to_it(client, world, three):
    own, neighbours, _elsewhere = three
    client.force_login(world.provider)

    assert listed_subjects(client, world) == ["天洁的申请"]
    assert client.get(f"{base(world)}{neighbours.pk}/").status_code == 404
    page = client.get(f"{base(world)}{own.pk}/")
    assert page.context["can"]["start"] is True
    assert page.context["can"]["accept"] is False


def test_another_alliance_sees_nothing(client, world, three):
    own, _neighbours, elsewhere = three
    for person in (world.outsider, world.other_secretariat):
        client.force_login(person)
        assert listed_subjects(client, world) == []
        assert client.get(f"{base(world)}{own.pk}/").status_code == 404
        # its own request, through this alliance's address: not found either
        assert client.get(f"{base(world)}{elsewhere.pk}/").status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client, world, three):
    own = three[0]

    response = client.get(f"{base(world)}{own.pk}/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_member_who_left_the_alliance_sees_nothing_any_more(client, world, three):
    from datetime import date

    from alliancehub.alliances.domain import membership
    from alliancehub.alliances.models import Membership

    period = Membership.objects.get(alliance=world.alliance, organization=world.unit)
    membership.withdraw(period, actor=None, source=WEB, last_day=date(2024, 6, 30))
    client.force_login(world.member)

    assert listed_subjects(client, world) == []


def test_filters_by_status_and_overdue(client, world, three):
    _own, neighbours, _elsewhere = three
    ServiceRequest.objects.filter(pk=neighbours.pk).update(
        due_at=neighbours.submitted_at - timedelta(hours=1)
    )
    client.force_login(world.secretariat)

    assert listed_subjects(client, world, status="accepted") == ["天洁的申请"]
    assert listed_subjects(client, world, overdue="true") == ["宝晶的申请"]
    assert listed_subjects(client, world, overdue="false") == ["天洁的申请"]
    response = client.get(base(world), {"overdue": "true"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Overdue" in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_the_request_list_query_count_does_not_grow_with_rows(
    client, world, django_assert_num_queries, count
):
    for n in range(count):
        made = requests.accept_request(submit(world, subject=f"申请{n}"),
                                       actor=world.secretariat, source=WEB)  # fmt: skip
        requests.assign_request(made, provider=world.provider_unit, actor=world.secretariat,
                                source=WEB)  # fmt: skip
    client.force_login(world.secretariat)

    # session, user, alliance, roles, member roles, the count, the page
    with django_assert_num_queries(7):
        response = client.get(base(world))

    assert len(response.context["rows"]) == count


# The workflow through the pages ----------------------------------------------------------------


def test_a_member_files_a_request_with_an_attachment(client, world):
    client.force_login(world.member)
    assert client.get(f"{base(world)}new/?service={world.service.pk}").status_code == 200

    response = client.post(f"{base(world)}new/", {
        "service": world.service.pk, "organization": world.unit.pk, "subject": "认定辅导",
        "description": "请协助。", "attachments": [SimpleUploadedFile("说明.pdf", b"%PDF-1.4")],
    })  # fmt: skip

    made = ServiceRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{base(world)}{made.pk}/"
    assert (made.organization, made.requested_by, made.status) == (
        world.unit,
        world.member,
        S.SUBMITTED,
    )
    assert [a.name for a in made.attachments.all()] == ["说明.pdf"]
    download = client.get(f"{base(world)}{made.pk}/attachments/{made.attachments.get().pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4"


def test_a_wrong_attachment_is_refused_with_a_clear_message(client, world):
    client.force_login(world.member)

    response = client.post(f"{base(world)}new/", {
        "service": world.service.pk, "organization": world.unit.pk, "subject": "认定辅导",
        "description": "请协助。", "attachments": [SimpleUploadedFile("病毒.exe", b"MZ")],
    }, HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip

    assert response.status_code == 400
    assert response.context["form"].errors["attachments"] == [
        "“病毒.exe” cannot be attached: upload a PDF, Word, Excel, PowerPoint, text, image (PNG, JPEG) or ZIP file."
    ]
    assert not ServiceRequest.objects.exists()


def test_someone_without_a_member_role_cannot_file_a_request(client, world):
    client.force_login(world.provider)

    assert client.get(f"{base(world)}new/").status_code == 403


def test_the_secretariat_accepts_assigns_and_the_provider_resolves_through_the_pages(client, world):
    made = submit(world)
    url = f"{base(world)}{made.pk}/"
    client.force_login(world.secretariat)
    client.post(f"{url}accept/")
    client.post(f"{url}assign/", {"provider": world.provider_unit.pk})
    client.force_login(world.provider)
    client.post(f"{url}start/")
    client.post(f"{url}comment/", {"body": "已完成材料梳理"})
    client.post(f"{url}resolve/", {"note": "请查收。"})
    client.force_login(world.member)
    client.post(f"{url}rate/", {"rating": "4", "comment": "及时"})
    client.post(f"{url}close/")

    made.refresh_from_db()
    assert (made.status, made.provider, made.rating) == (S.CLOSED, world.provider_unit, 4)
    assert [c.body for c in made.comments.all()] == ["已完成材料梳理", "请查收。"]


def test_a_refused_step_is_shown_as_a_message(client, world):
    made = submit(world)
    client.force_login(world.secretariat)

    response = client.post(f"{base(world)}{made.pk}/resolve/", follow=True,
                           HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip

    assert "Only a request in progress can be resolved; this one is “Submitted”." in [
        str(m) for m in response.context["messages"]
    ]


def test_a_member_cannot_accept_its_own_request_through_the_page(client, world):
    made = submit(world)
    client.force_login(world.member)

    client.post(f"{base(world)}{made.pk}/accept/")

    made.refresh_from_db()
    assert made.status == S.SUBMITTED


def test_the_figures_page_is_the_secretariats(client, world):
    submit(world)
    client.force_login(world.secretariat)
    response = client.get(f"/services/{world.alliance.slug}/figures/")
    assert response.status_code == 200
    assert [row.requests for row in response.context["rows"]] == [1, 1]

    client.force_login(world.member)
    assert client.get(f"/services/{world.alliance.slug}/figures/").status_code == 403


def test_the_home_page_lists_the_alliances_of_the_viewer(client, world):
    client.force_login(world.member)

    response = client.get("/services/")

    assert [a.slug for a in response.context["alliances"]] == [world.alliance.slug]
    assert not Assessment.objects.exists()
