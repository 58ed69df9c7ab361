"""The service catalogue: kept by the secretariat, read by the members."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from alliancehub.common.domain import audit
from alliancehub.memberservices.domain import catalogue
from alliancehub.memberservices.models import Service
from tests.factories.memberservices import WEB, World, build_world, submit


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def test_create_service_keeps_providers_and_target_and_audits(world):
    service = Service.objects.get(pk=world.service.pk)

    assert service.target == timedelta(hours=48)
    assert list(service.providers.all()) == [world.provider_unit]
    entry = audit.history(service).get(action="create")
    assert entry.changes["providers"] == [None, ["浙江清华长三角研究院"]]
    assert entry.actor == world.secretariat


def test_a_member_cannot_keep_the_catalogue(world, english):
    with pytest.raises(PermissionDenied, match="Only the alliance's secretariat"):
        catalogue.create_service(world.alliance, {"kind": "training", "name": "培训",
                                                  "target_amount": 3},
                                 actor=world.member, source=WEB)  # fmt: skip


def test_a_second_service_of_the_same_name_is_refused(world, english):
    with pytest.raises(ValidationError) as refused:
        catalogue.create_service(
            world.alliance,
            {"kind": "training", "name": "高新技术企业认定辅导", "target_amount": 3},
            actor=world.secretariat, source=WEB,
        )  # fmt: skip

    assert refused.value.messages == ["The alliance already offers a service of this name."]


def test_a_target_time_of_zero_is_refused(world, english):
    with pytest.raises(ValidationError) as refused:
        catalogue.create_service(
            world.alliance, {"kind": "training", "name": "培训", "target_amount": 0},
            actor=world.secretariat, source=WEB,
        )  # fmt: skip

    assert "target_amount" in refused.value.message_dict


def test_withdrawing_a_service_stops_new_requests(world, english):
    catalogue.update_service(world.service, {"active": False}, actor=world.secretariat, source=WEB)

    with pytest.raises(ValidationError) as refused:
        submit(world)

    assert refused.value.message_dict == {"service": ["This service is no longer offered."]}


# Pages -----------------------------------------------------------------------------------------


def test_catalogue_page_lists_offered_services_with_providers_and_target(client, world):
    catalogue.create_service(world.alliance, {"kind": "training", "name": "停办的培训",
                                              "target_amount": 3, "active": False},
                             actor=world.secretariat, source=WEB)  # fmt: skip
    client.force_login(world.member)

    response = client.get(f"/services/{world.alliance.slug}/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    text = response.content.decode()
    assert "高新技术企业认定辅导" in text
    assert world.provider_unit.name_en in text
    assert "48 hours" in text
    assert "停办的培训" not in text
    assert f"/services/{world.alliance.slug}/requests/new/?service={world.service.pk}" in text


def test_catalogue_page_of_another_alliance_is_forbidden(client, world):
    client.force_login(world.outsider)

    assert client.get(f"/services/{world.alliance.slug}/").status_code == 403


def test_secretariat_adds_a_service_with_providers_by_name(client, world):
    client.force_login(world.secretariat)

    response = client.post(
        f"/services/{world.alliance.slug}/manage/services/new/",
        {"kind": "legal", "name": "企业维权服务", "providers": "浙江清华长三角研究院\n",
         "target_amount": "5", "target_unit": "days", "active": "on"},
    )  # fmt: skip

    assert response.status_code == 302
    service = Service.objects.get(name="企业维权服务")
    assert (service.kind, service.target_amount, service.target_unit) == ("legal", 5, "days")
    assert list(service.providers.all()) == [world.provider_unit]


def test_unknown_provider_is_named_in_the_error(client, world):
    client.force_login(world.secretariat)

    response = client.post(
        f"/services/{world.alliance.slug}/manage/services/new/",
        {"kind": "legal", "name": "企业维权服务", "providers": "不存在的律师事务所",
         "target_amount": "5", "target_unit": "days"},
        HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip

    assert response.status_code == 400
    assert response.context["form"].errors["providers"] == [
        "“不存在的律师事务所” is not in the organisation directory; add it there first."
    ]


def test_secretariat_edits_a_service_and_the_change_is_audited(client, world):
    client.force_login(world.secretariat)
    url = f"/services/{world.alliance.slug}/manage/services/{world.service.pk}/"
    assert client.get(url).status_code == 200

    response = client.post(url, {"kind": "high_tech_recognition", "name": "高企认定辅导",
                                 "providers": "", "target_amount": "3", "target_unit": "days"})  # fmt: skip

    assert response.status_code == 302
    service = Service.objects.get(pk=world.service.pk)
    assert (service.name, service.target_amount, service.active) == ("高企认定辅导", 3, False)
    assert not service.providers.exists()
    entry = audit.history(service).get(action="update")
    assert entry.changes["target_amount"] == [48, 3]


def test_a_member_cannot_open_the_catalogue_management(client, world):
    client.force_login(world.member)

    assert client.get(f"/services/{world.alliance.slug}/manage/services/").status_code == 403


def test_another_alliances_service_is_not_found_through_this_alliance(client, world):
    client.force_login(world.secretariat)

    url = f"/services/{world.alliance.slug}/manage/services/{world.other_service.pk}/"
    assert client.get(url).status_code == 404
