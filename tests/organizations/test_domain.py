"""The registry's domain functions: create, update, delete, the duplicate rule and the audit log."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import translation

from alliancehub.common.domain import audit
from alliancehub.common.domain.audit import Action, Source
from alliancehub.common.models import AuditLogEntry
from alliancehub.organizations.domain import registry
from alliancehub.organizations.domain.registry import DuplicateOrganization
from alliancehub.organizations.models import Contact, Industry, Organization, Region
from tests.factories import OrganizationFactory, make_credit_code

pytestmark = pytest.mark.django_db

SANYUAN_CODE = "91330100716105852F"


def _entries(organization: Organization) -> list[AuditLogEntry]:
    return list(audit.history(organization))


def _create(name: str = "诸暨测试机械有限公司", **data) -> Organization:
    return registry.create_organization({"name": name, **data}, actor=None, source=Source.SYSTEM)


# Creating ------------------------------------------------------------------------------------


def test_create_organization_saves_fields_contacts_and_derived_search_fields(staff):
    organization = registry.create_organization(
        {
            "name": "紹興三元石化有限公司",
            "name_en": "Shaoxing Sanyuan Petrochemical Co., Ltd.",
            "credit_code": SANYUAN_CODE,
            "region": Region.objects.get(code="330600"),
            "not_a_field": "ignored",
        },
        actor=staff,
        source=Source.WEB,
        contacts=[{"name": "王伟", "title": "经理"}, {"name": "", "phone": "123"}],
    )

    organization.refresh_from_db()
    assert organization.name == "紹興三元石化有限公司"
    assert organization.name_normalized == "绍兴三元石化有限公司"
    assert {"三元", "sanyuan", SANYUAN_CODE.lower()} <= set(organization.search_tokens.split())
    assert organization.created_by == staff
    assert [(c.name, c.title) for c in organization.contacts.all()] == [("王伟", "经理")]


def test_create_organization_writes_a_create_entry_with_every_value_given(staff):
    industry = Industry.objects.get(code="26")
    organization = registry.create_organization(
        {
            "name": "绍兴三元石化有限公司",
            "name_en": "Shaoxing Sanyuan Petrochemical Co., Ltd.",
            "credit_code": SANYUAN_CODE,
            "kind": "enterprise",
            "region": Region.objects.get(code="330600"),
            "industry": industry,
            "size": "large",
        },
        actor=staff,
        source=Source.WEB,
        contacts=[{"name": "王伟", "title": "经理"}],
    )

    [entry] = _entries(organization)
    assert (entry.action, entry.source, entry.actor, entry.object_repr) == (
        Action.CREATE,
        Source.WEB,
        staff,
        "绍兴三元石化有限公司",
    )
    assert entry.content_type == ContentType.objects.get_for_model(Organization)
    assert entry.object_id == str(organization.pk)
    assert entry.timestamp is not None
    assert entry.changes == {
        "name": [None, "绍兴三元石化有限公司"],
        "name_en": [None, "Shaoxing Sanyuan Petrochemical Co., Ltd."],
        "name_is_rendering": [None, False],
        "name_en_is_rendering": [None, False],
        "credit_code": [None, SANYUAN_CODE],
        "kind": [None, "enterprise"],
        "region": [None, "330600"],
        "industry": [None, "26"],
        "size": [None, "large"],
        "contacts": [None, ["王伟 (经理)"]],
    }


def test_create_organization_refuses_invalid_values_and_saves_nothing():
    with pytest.raises(ValidationError) as caught:
        _create(name="", website="not a url")

    assert set(caught.value.message_dict) == {"name", "website"}
    assert Organization.objects.count() == 0
    assert AuditLogEntry.objects.count() == 0


# Duplicates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    [
        "绍兴三元石化有限公司",
        "紹興三元石化有限公司",  # Traditional
        "绍兴 三元石化 有限公司",  # spaces
        "绍兴三元石化有限公司\u3000",  # ideographic space
    ],
)
def test_create_organization_refuses_the_same_normalised_name(sanyuan, variant):
    with translation.override("en"), pytest.raises(DuplicateOrganization) as caught:
        _create(name=variant)

    assert caught.value.existing == sanyuan
    assert caught.value.message_dict == {
        "name": [
            "An organisation with the same name is already registered: "
            f"绍兴三元石化有限公司 (No. {sanyuan.pk})."
        ]
    }
    assert Organization.objects.count() == 1


def test_create_organization_refuses_full_width_variant_of_a_latin_name():
    existing = _create(name="ABB（中国）有限公司")

    with pytest.raises(DuplicateOrganization) as caught:
        _create(name="ＡＢＢ(中国)有限公司")

    assert caught.value.existing == existing


def test_create_organization_refuses_the_same_credit_code_under_another_name():
    existing = _create(name="绍兴三元石化有限公司", credit_code=SANYUAN_CODE)

    with pytest.raises(DuplicateOrganization) as caught:
        _create(name="完全不同的名称有限公司", credit_code=SANYUAN_CODE.lower())

    assert caught.value.existing == existing
    assert list(caught.value.message_dict) == ["credit_code"]
    assert str(existing.pk) in caught.value.message_dict["credit_code"][0]


def test_duplicate_credit_code_is_reported_before_a_duplicate_name():
    by_name = _create(name="甲公司")
    by_code = _create(name="乙公司", credit_code=SANYUAN_CODE)

    with pytest.raises(DuplicateOrganization) as caught:
        _create(name="甲公司", credit_code=SANYUAN_CODE)

    assert caught.value.existing == by_code != by_name
    assert list(caught.value.message_dict) == ["credit_code"]


def test_many_organisations_without_a_credit_code_are_not_duplicates():
    _create(name="甲公司")
    _create(name="乙公司")

    assert list(Organization.objects.values_list("credit_code", flat=True)) == [None, None]


def test_duplicate_organisation_is_a_validation_error_for_callers_that_catch_those(sanyuan):
    with pytest.raises(ValidationError):
        _create(name=sanyuan.name)


def test_update_organization_may_keep_its_own_name_and_credit_code():
    organization = _create(name="绍兴三元石化有限公司", credit_code=SANYUAN_CODE)

    registry.update_organization(
        organization,
        {"name": "紹興三元石化有限公司", "credit_code": SANYUAN_CODE},
        actor=None,
        source=Source.SYSTEM,
    )

    organization.refresh_from_db()
    assert organization.name == "紹興三元石化有限公司"


def test_update_organization_refuses_another_organisations_name(sanyuan):
    other = _create(name="杭州测试有限公司")

    with pytest.raises(DuplicateOrganization) as caught:
        registry.update_organization(
            other, {"name": "紹興三元石化有限公司"}, actor=None, source=Source.SYSTEM
        )

    assert caught.value.existing == sanyuan
    assert Organization.objects.get(pk=other.pk).name == "杭州测试有限公司"
    assert [e.action for e in _entries(other)] == [Action.CREATE]


# Updating ------------------------------------------------------------------------------------


def test_update_organization_records_before_and_after_of_changed_fields_only(staff, sanyuan):
    registry.update_organization(
        sanyuan,
        {"name_en": "Sanyuan Petrochemical", "region": Region.objects.get(code="330681")},
        actor=staff,
        source=Source.API,
    )

    latest = _entries(sanyuan)[0]
    assert (latest.action, latest.source, latest.actor) == (Action.UPDATE, Source.API, staff)
    assert latest.changes == {
        "name_en": ["Shaoxing Sanyuan Petrochemical Co., Ltd.", "Sanyuan Petrochemical"],
        "region": ["330600", "330681"],
    }
    sanyuan.refresh_from_db()
    assert sanyuan.region_id == "330681"
    assert "sanyuan" in sanyuan.search_tokens.split()
    assert "shaoxing" not in sanyuan.search_tokens.split()


def test_update_organization_without_changes_writes_no_entry(sanyuan):
    registry.update_organization(sanyuan, {"name": sanyuan.name}, actor=None, source=Source.SYSTEM)

    assert [e.action for e in _entries(sanyuan)] == [Action.CREATE]


def test_update_organization_replaces_contacts_when_given_and_records_them(staff):
    organization = OrganizationFactory(contacts=[{"name": "王伟"}])

    registry.update_organization(
        organization,
        {},
        actor=staff,
        source=Source.WEB,
        contacts=[{"name": "李娜", "title": "主任"}],
    )

    assert list(organization.contacts.values_list("name", flat=True)) == ["李娜"]
    assert _entries(organization)[0].changes == {"contacts": [["王伟"], ["李娜 (主任)"]]}


def test_update_organization_keeps_contacts_when_none_are_given():
    organization = OrganizationFactory(contacts=[{"name": "王伟"}])

    registry.update_organization(
        organization, {"description": "新简介"}, actor=None, source=Source.SYSTEM
    )

    assert list(organization.contacts.values_list("name", flat=True)) == ["王伟"]


def test_update_organization_refuses_invalid_values_and_keeps_the_record(sanyuan):
    with pytest.raises(ValidationError) as caught:
        registry.update_organization(
            sanyuan, {"credit_code": "913301007161058520"}, actor=None, source=Source.SYSTEM
        )

    assert list(caught.value.message_dict) == ["credit_code"]
    assert Organization.objects.get(pk=sanyuan.pk).credit_code is None


# Deleting ------------------------------------------------------------------------------------


def test_delete_organization_removes_it_with_contacts_and_keeps_its_last_values(staff):
    organization = OrganizationFactory(
        name="诸暨测试机械有限公司",
        name_en="",
        credit_code=make_credit_code(7, "330681"),
        contacts=[{"name": "王伟"}],
    )
    pk, code = organization.pk, organization.credit_code

    registry.delete_organization(organization, actor=staff, source=Source.ADMIN)

    assert not Organization.objects.filter(pk=pk).exists()
    assert not Contact.objects.filter(organization_id=pk).exists()
    entry = AuditLogEntry.objects.get(object_id=str(pk), action=Action.DELETE)
    assert (entry.source, entry.actor, entry.object_repr) == (
        Source.ADMIN,
        staff,
        "诸暨测试机械有限公司",
    )
    assert entry.changes == {
        "name": ["诸暨测试机械有限公司", None],
        "name_is_rendering": [False, None],
        "name_en_is_rendering": [False, None],
        "credit_code": [code, None],
        "kind": ["enterprise", None],
        "region": ["330681", None],
    }


def test_deleted_organisations_name_can_be_registered_again(sanyuan):
    registry.delete_organization(sanyuan, actor=None, source=Source.SYSTEM)

    again = _create(name="绍兴三元石化有限公司")

    assert again.pk != sanyuan.pk


def test_history_lists_an_organisations_entries_newest_first(staff, sanyuan):
    registry.update_organization(sanyuan, {"description": "一"}, actor=staff, source=Source.WEB)
    registry.update_organization(sanyuan, {"description": "二"}, actor=staff, source=Source.API)
    OrganizationFactory()  # another organisation's entries stay out

    entries = _entries(sanyuan)

    assert [(e.action, e.source) for e in entries] == [
        (Action.UPDATE, Source.API),
        (Action.UPDATE, Source.WEB),
        (Action.CREATE, Source.SYSTEM),
    ]
    assert entries[0].changes == {"description": ["一", "二"]}
