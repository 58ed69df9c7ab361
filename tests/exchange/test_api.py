"""The exchange API: whole payloads, refusals, visibility, the introduction flow."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from alliancehub.exchange.models import Introduction, Post
from tests.exchange.conftest import in_days, post

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
POSTS = "/api/v1/exchange/posts/"
INTRODUCTIONS = "/api/v1/exchange/introductions/"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def new_need(**extra):
    return {
        "direction": "need", "kind": "product", "title": "采购膜电极 500 片",
        "description": "用于 80kW 电堆", "links": ["hydrogen:fuelcell.mea"], "region": "330602",
        "quantity": "500", "unit": "片", "valid_until": str(in_days(30)), **extra,
    }  # fmt: skip


def test_a_representative_posts_a_need_and_gets_the_whole_post_back(world):
    response = client_for(world.people["sx_stack"]).post(POSTS, new_need(), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    created = Post.objects.get()
    assert body == {
        "id": created.pk, "direction": "need", "kind": "product", "title": "采购膜电极 500 片",
        "description": "用于 80kW 电堆",
        "organization": {"id": world.orgs["sx_stack"].pk, "name": "绍兴电堆动力有限公司"},
        "links": ["hydrogen:fuelcell.mea"], "region": "330602", "quantity": "500.00",
        "unit": "片", "price_terms": "", "valid_until": str(in_days(30)), "visibility": "public",
        "alliances": [], "status": "open",
        "published_at": body["published_at"],
    }  # fmt: skip
    assert body["published_at"] is not None


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"quantity": "-3"}, "quantity", "Ensure this value is greater than or equal to 0."),
        ({"quantity": "lots"}, "quantity", "A valid number is required."),
        ({"valid_until": str(timezone.localdate() - timedelta(days=1))}, "valid_until",
         "The valid-until date is in the past."),
        ({"links": ["hydrogen:no.such"]}, "links", "Unknown chain link: hydrogen:no.such."),
        ({"region": "999999"}, "region", "Unknown region code: 999999."),
    ],
)  # fmt: skip
def test_bad_input_gets_a_clear_message_and_saves_nothing(world, extra, field, message):
    response = client_for(world.people["sx_stack"]).post(
        POSTS, new_need(**extra), format="json", **EN
    )

    assert response.status_code == 400
    assert response.json()[field] == [message]
    assert Post.objects.count() == 0


def test_someone_without_an_organisation_cannot_post(world, user):
    response = client_for(user).post(POSTS, new_need(), format="json", **EN)

    assert response.status_code == 403
    assert response.json() == {"detail": "You do not represent an organisation."}
    assert Post.objects.count() == 0


def test_changing_another_organisations_post_is_refused(world):
    offer = post(world, "hz_mea", title="膜电极", links=["fuelcell.mea"])

    response = client_for(world.people["sx_stack"]).put(
        f"{POSTS}{offer.pk}/", new_need(), format="json", **EN
    )

    assert response.status_code == 403
    assert response.json() == {"detail": "You do not represent this organisation."}


def test_members_only_posts_are_invisible_to_outsiders_in_lists_details_and_matches(world):
    hidden = post(world, "sx_mea", title="膜电极（会员）", links=["fuelcell.mea"],
                  visibility="members", alliances=[world.alliance])  # fmt: skip
    need = post(world, "bj_mea", direction="need", title="采购膜电极", links=["fuelcell.mea"])
    outsider = client_for(world.people["bj_mea"])

    listed = [p["id"] for p in outsider.get(POSTS).json()["results"]]
    detail = outsider.get(f"{POSTS}{hidden.pk}/")
    matched = [m["post"]["id"] for m in outsider.get(f"{POSTS}{need.pk}/matches/").json()]
    anonymous = [p["id"] for p in APIClient().get(POSTS).json()["results"]]

    assert hidden.pk not in listed
    assert hidden.pk not in matched
    assert hidden.pk not in anonymous
    assert detail.status_code == 404
    member = client_for(world.people["sx_stack"])
    assert hidden.pk in [p["id"] for p in member.get(POSTS).json()["results"]]


def test_matches_come_with_score_and_reasons_in_the_callers_language(world):
    need = post(world, "sx_stack", direction="need", title="采购膜电极", links=["fuelcell.mea"])
    offer = post(world, "hz_mea", title="膜电极批量供货", links=["fuelcell.mea"])

    response = APIClient().get(f"{POSTS}{need.pk}/matches/", **EN)

    assert response.status_code == 200
    [match] = response.json()
    assert match["post"]["id"] == offer.pk
    assert match["score"] > 0
    assert match["reasons"][0] == "Same link: Membrane electrode assemblies"
    assert match["reasons"][1].startswith("Shared words: ")
    assert "Same province" in match["reasons"]


def test_the_introduction_flow_reveals_contacts_only_after_acceptance(
    world, django_capture_on_commit_callbacks
):
    need = post(world, "sx_stack", direction="need", title="采购膜电极", links=["fuelcell.mea"])
    offer = post(world, "hz_mea", title="膜电极批量供货", links=["fuelcell.mea"])
    asker, asked = client_for(world.people["sx_stack"]), client_for(world.people["hz_mea"])

    created = asker.post(
        INTRODUCTIONS, {"post": need.pk, "counterpart_post": offer.pk, "message": "您好"},
        format="json",
    )  # fmt: skip
    pk = created.json()["id"]
    before = asker.get(f"{INTRODUCTIONS}{pk}/").json()
    with django_capture_on_commit_callbacks(execute=True):
        accepted = asked.post(f"{INTRODUCTIONS}{pk}/accept/", {"reply": "欢迎"}, format="json")
    after = asker.get(f"{INTRODUCTIONS}{pk}/").json()

    assert created.status_code == 201
    assert (before["status"], before["contacts"]) == ("requested", None)
    assert accepted.status_code == 200
    assert after["status"] == "accepted"
    assert after["contacts"] == {
        "organization": "杭州膜电极材料有限公司", "person": str(world.people["hz_mea"]),
        "email": "hz_mea@example.com", "contacts": after["contacts"]["contacts"],
    }  # fmt: skip
    assert world.people["sx_stack"].notifications.count() == 1
    outcome = asker.post(f"{INTRODUCTIONS}{pk}/outcome/", {"outcome": "deal"}, format="json")
    assert outcome.json()["outcome"] == "deal"


def test_introduction_refusals(world):
    need = post(world, "sx_stack", direction="need", title="采购膜电极", links=["fuelcell.mea"])
    offer = post(world, "hz_mea", title="膜电极", links=["fuelcell.mea"])
    other_need = post(world, "sz_mea", direction="need", title="采购膜电极", links=["fuelcell.mea"])
    asker = client_for(world.people["sx_stack"])
    body = {"post": need.pk, "counterpart_post": offer.pk}

    first = asker.post(INTRODUCTIONS, body, format="json", **EN)
    twice = asker.post(INTRODUCTIONS, body, format="json", **EN)
    same_side = asker.post(
        INTRODUCTIONS, {"post": need.pk, "counterpart_post": other_need.pk}, format="json", **EN
    )
    not_mine = client_for(world.people["bj_mea"]).post(INTRODUCTIONS, body, format="json", **EN)
    self_accept = asker.post(f"{INTRODUCTIONS}{first.json()['id']}/accept/", format="json", **EN)

    assert first.status_code == 201
    assert twice.json() == {"detail": ["An introduction to this post is already under way."]}
    assert same_side.json() == {
        "detail": ["An offer is introduced to a need, and a need to an offer."]
    }
    assert not_mine.status_code == 403
    assert self_accept.status_code == 403
    assert Introduction.objects.count() == 1


def test_each_side_reads_an_introductions_reasons_in_its_own_language(world):
    need = post(world, "sx_stack", direction="need", title="采购膜电极", links=["fuelcell.mea"])
    offer = post(world, "hz_mea", title="膜电极批量供货", links=["fuelcell.mea"])
    created = client_for(world.people["sx_stack"]).post(
        INTRODUCTIONS, {"post": need.pk, "counterpart_post": offer.pk}, format="json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )  # fmt: skip
    pk = created.json()["id"]

    english = client_for(world.people["hz_mea"]).get(f"{INTRODUCTIONS}{pk}/", **EN).json()

    assert created.json()["reasons"][0] == "同一环节：膜电极"
    assert english["reasons"][0] == "Same link: Membrane electrode assemblies"
