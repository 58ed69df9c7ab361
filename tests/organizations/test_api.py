"""``/api/v1/organizations/``: reading, pagination, writes by staff, errors in the caller's language."""

import pytest
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import gettext

from alliancehub.common.domain import audit
from alliancehub.common.domain.audit import Action, Source
from alliancehub.organizations.models import Contact, Industry, Organization
from tests.factories import OrganizationFactory, UserFactory, make_credit_code

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/organizations/"
PASSWORD = "correct horse battery staple"  # the factory's password
SANYUAN_CODE = "91330100716105852F"


def detail_url(pk) -> str:
    return f"{LIST_URL}{pk}/"


def rendered_time(value) -> str:
    """A timestamp as the API renders it: ISO 8601 in the site's time zone."""
    return timezone.localtime(value).isoformat()


def payload(organization: Organization, **overrides) -> dict:
    """The whole representation of ``organization`` as an anonymous caller in Chinese sees it."""
    organization.refresh_from_db()
    return {
        "id": organization.pk,
        "name": organization.name,
        "name_en": organization.name_en,
        "name_is_rendering": organization.name_is_rendering,
        "name_en_is_rendering": organization.name_en_is_rendering,
        "credit_code": organization.credit_code,
        "kind": organization.kind,
        "region": organization.region_id,
        "region_name": "",
        "industry": organization.industry_id,
        "size": organization.size,
        "high_tech": organization.high_tech,
        "founded_on": organization.founded_on and organization.founded_on.isoformat(),
        "website": organization.website,
        "description": organization.description,
        "created_at": rendered_time(organization.created_at),
        "updated_at": rendered_time(organization.updated_at),
    } | overrides


@pytest.fixture
def known(db):
    """An organisation with every field filled and two contacts."""
    return OrganizationFactory(
        name="绍兴三元石化有限公司",
        name_en="Shaoxing Sanyuan Petrochemical Co., Ltd.",
        credit_code=SANYUAN_CODE,
        kind="enterprise",
        region_id="330681",
        industry=Industry.objects.get(code="26"),
        size="large",
        founded_on="1998-03-02",
        website="https://sanyuan.example.com/",
        description="石化企业",
        contacts=[
            {"name": "王伟", "title": "经理", "phone": "0575-1", "email": "wang@example.org"},
            {"name": "李娜"},
        ],
    )


@pytest.fixture
def token_api(api, staff):
    cache.clear()  # the token endpoint's throttle counts in the cache
    response = api.post("/api/v1/auth/token/", {"username": staff.username, "password": PASSWORD})
    assert response.status_code == 200
    api.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    yield api
    cache.clear()


# Reading -------------------------------------------------------------------------------------


def test_list_returns_the_whole_record_to_anonymous_callers_without_contacts(api, known):
    response = api.get(LIST_URL)

    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "count_capped": False,
        "next": None,
        "previous": None,
        "results": [
            {
                "id": known.pk,
                "name": "绍兴三元石化有限公司",
                "name_en": "Shaoxing Sanyuan Petrochemical Co., Ltd.",
                "name_is_rendering": False,
                "name_en_is_rendering": False,
                "credit_code": SANYUAN_CODE,
                "kind": "enterprise",
                "region": "330681",
                "region_name": "绍兴市 诸暨市",
                "industry": "26",
                "size": "large",
                "high_tech": None,
                "founded_on": "1998-03-02",
                "website": "https://sanyuan.example.com/",
                "description": "石化企业",
                "created_at": rendered_time(known.created_at),
                "updated_at": rendered_time(known.updated_at),
            }
        ],
    }


def test_list_includes_contacts_for_signed_in_callers(api, user, known):
    api.force_authenticate(user)

    [row] = api.get(LIST_URL).json()["results"]

    assert row == payload(
        known,
        region_name="绍兴市 诸暨市",
        contacts=[
            {"name": "王伟", "title": "经理", "phone": "0575-1", "email": "wang@example.org"},
            {"name": "李娜", "title": "", "phone": "", "email": ""},
        ],
    )


def test_detail_returns_the_whole_record(api, known):
    response = api.get(detail_url(known.pk))

    assert response.status_code == 200
    assert response.json() == payload(known, region_name="绍兴市 诸暨市")


def test_detail_names_the_region_in_the_callers_language(api, known):
    response = api.get(detail_url(known.pk), HTTP_ACCEPT_LANGUAGE="en")

    assert response.json()["region_name"] == "Shaoxing Zhuji"


def test_detail_of_an_organisation_without_region(api):
    organization = OrganizationFactory(region_id=None)

    assert api.get(detail_url(organization.pk)).json() == payload(organization, region=None)


def test_list_is_paginated_with_count_next_and_page_size(api):
    OrganizationFactory.create_batch(5)

    first = api.get(LIST_URL, {"page_size": 2}).json()
    last = api.get(LIST_URL, {"page_size": 2, "page": 3}).json()

    assert first["count"] == 5
    assert len(first["results"]) == 2
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/organizations/?page=2&page_size=2"
    assert last["next"] is None
    assert len(last["results"]) == 1
    pages = [api.get(LIST_URL, {"page_size": 2, "page": n}).json()["results"] for n in (1, 2, 3)]
    ids = [row["id"] for page in pages for row in page]
    assert sorted(ids) == sorted(Organization.objects.values_list("pk", flat=True))


def test_list_page_size_is_capped_at_100(api):
    # Built in bulk: only the page size matters here, not how each record was registered.
    Organization.objects.bulk_create(
        Organization(name=f"测试企业{n:03d}", name_normalized=f"测试企业{n:03d}")
        for n in range(101)
    )

    body = api.get(LIST_URL, {"page_size": 1000}).json()

    assert body["count"] == 101
    assert len(body["results"]) == 100
    assert body["next"] == "http://testserver/api/v1/organizations/?page=2&page_size=1000"


def test_list_beyond_the_last_page_is_404_json(api):
    OrganizationFactory()

    response = api.get(LIST_URL, {"page": 9}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_does_not_grow_with_results(api, user, django_assert_num_queries, count):
    for n in range(count):
        OrganizationFactory(
            contacts=[{"name": f"联系人{n}"}], industry=Industry.objects.get(code="26")
        )
    api.force_authenticate(user)

    with django_assert_num_queries(3):  # count, page, contacts
        response = api.get(LIST_URL)

    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_anonymous_list_query_count_does_not_grow_with_results(
    api, django_assert_num_queries, count
):
    OrganizationFactory.create_batch(count)

    # The region, the count and the page; contacts are not loaded for anonymous readers.
    with django_assert_num_queries(3):
        response = api.get(LIST_URL, {"region": "330000"})

    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("path", ["999999/", "abc/", "1.5/"])
def test_unknown_or_malformed_id_is_404_json(api, path):
    response = api.get(LIST_URL + path, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_404_is_in_the_callers_language(api):
    english = api.get(detail_url(999999), HTTP_ACCEPT_LANGUAGE="en").json()["detail"]
    chinese = api.get(detail_url(999999), HTTP_ACCEPT_LANGUAGE="zh-hans").json()["detail"]

    assert english == "Not found."
    assert chinese == "未找到。"  # DRF ships this translation


# Writing -------------------------------------------------------------------------------------

NEW = {
    "name": "诸暨测试机械有限公司",
    "name_en": "Zhuji Test Machinery Co., Ltd.",
    "credit_code": make_credit_code(42, "330681").lower(),
    "kind": "university",
    "region": "330681",
    "industry": "38",
    "size": "small",
    "founded_on": "2010-01-02",
    "website": "https://zhuji.example.com/",
    "description": "测试",
    "contacts": [{"name": "张三", "title": "主任", "phone": "1", "email": "z@example.org"}],
}


def test_staff_creates_an_organisation_and_gets_the_whole_record(staff_api, staff):
    response = staff_api.post(LIST_URL, NEW)

    assert response.status_code == 201, response.json()
    organization = Organization.objects.get()
    assert response.json() == payload(
        organization,
        credit_code=NEW["credit_code"].upper(),
        region_name="绍兴市 诸暨市",
        contacts=NEW["contacts"],
    )
    assert organization.created_by == staff
    [entry] = audit.history(organization)
    assert (entry.action, entry.source, entry.actor) == (Action.CREATE, Source.API, staff)
    assert entry.changes["credit_code"] == [None, NEW["credit_code"].upper()]
    assert entry.changes["contacts"] == [None, ["张三 (主任)"]]


def test_create_with_only_a_name_takes_the_defaults(staff_api):
    response = staff_api.post(LIST_URL, {"name": "宁波测试有限公司"})

    assert response.status_code == 201
    organization = Organization.objects.get()
    assert response.json() == payload(organization, contacts=[])
    assert (organization.kind, organization.credit_code) == ("enterprise", None)


def test_staff_with_a_token_creates_updates_and_deletes(token_api, staff):
    created = token_api.post(LIST_URL, {"name": "宁波测试有限公司"})
    url = detail_url(created.json()["id"])
    updated = token_api.patch(url, {"name_en": "Ningbo Test"})
    deleted = token_api.delete(url)

    assert (created.status_code, updated.status_code, deleted.status_code) == (201, 200, 204)
    assert updated.json()["name_en"] == "Ningbo Test"
    assert not Organization.objects.exists()
    entries = audit.AuditLogEntry.objects.filter(object_id=str(created.json()["id"]))
    assert {(e.action, e.source, e.actor) for e in entries} == {
        (Action.CREATE, Source.API, staff),
        (Action.UPDATE, Source.API, staff),
        (Action.DELETE, Source.API, staff),
    }


def test_a_wrong_token_is_401(api, known):
    api.credentials(HTTP_AUTHORIZATION="Token not-a-token")

    response = api.get(LIST_URL, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token."}


def test_staff_patch_changes_fields_and_records_before_and_after(staff_api, staff, known):
    response = staff_api.patch(
        detail_url(known.pk), {"name_en": "Sanyuan Petrochemical", "region": "330600"}
    )

    assert response.status_code == 200
    assert response.json() == payload(
        known,
        region_name="浙江省 绍兴市",
        contacts=[
            {"name": "王伟", "title": "经理", "phone": "0575-1", "email": "wang@example.org"},
            {"name": "李娜", "title": "", "phone": "", "email": ""},
        ],
    )
    entry = audit.history(known).first()
    assert (entry.action, entry.source, entry.actor) == (Action.UPDATE, Source.API, staff)
    assert entry.changes == {
        "name_en": ["Shaoxing Sanyuan Petrochemical Co., Ltd.", "Sanyuan Petrochemical"],
        "region": ["330681", "330600"],
    }


def test_staff_put_replaces_fields_and_contacts(staff_api, known):
    response = staff_api.put(
        detail_url(known.pk), {"name": "绍兴三元石化有限公司", "contacts": [{"name": "赵六"}]}
    )

    assert response.status_code == 200
    assert response.json()["contacts"] == [{"name": "赵六", "title": "", "phone": "", "email": ""}]
    assert list(Contact.objects.values_list("name", flat=True)) == ["赵六"]
    assert audit.history(known).first().changes["contacts"] == [["王伟 (经理)", "李娜"], ["赵六"]]


def test_staff_deletes_an_organisation(staff_api, staff, known):
    response = staff_api.delete(detail_url(known.pk))

    assert response.status_code == 204
    assert not Organization.objects.exists()
    assert not Contact.objects.exists()
    entry = audit.AuditLogEntry.objects.get(action=Action.DELETE)
    assert (entry.source, entry.actor, entry.object_id) == (Source.API, staff, str(known.pk))


@pytest.mark.parametrize(
    ("method", "path"),
    [("post", ""), ("patch", "{pk}/"), ("put", "{pk}/"), ("delete", "{pk}/")],
)
def test_anonymous_writes_are_401_and_change_nothing(api, known, method, path):
    response = getattr(api, method)(
        LIST_URL + path.format(pk=known.pk), {"name": "改名"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}
    assert list(Organization.objects.values_list("name", flat=True)) == [known.name]
    assert audit.AuditLogEntry.objects.count() == 1


@pytest.mark.parametrize(
    ("method", "path"),
    [("post", ""), ("patch", "{pk}/"), ("put", "{pk}/"), ("delete", "{pk}/")],
)
def test_non_staff_writes_are_403_and_change_nothing(api, user, known, method, path):
    api.force_authenticate(user)

    response = getattr(api, method)(
        LIST_URL + path.format(pk=known.pk), {"name": "改名"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 403
    assert response.json() == {"detail": "You do not have permission to perform this action."}
    assert list(Organization.objects.values_list("name", flat=True)) == [known.name]


def test_writes_to_an_unknown_id_are_404_json(staff_api):
    for method in ("patch", "put", "delete"):
        response = getattr(staff_api, method)(detail_url(999999), {"name": "x"})
        assert response.status_code == 404
        assert list(response.json()) == ["detail"]


# Bad input -----------------------------------------------------------------------------------


def test_create_with_bad_values_is_400_with_a_message_per_field(staff_api):
    response = staff_api.post(
        LIST_URL,
        {
            "name_en": "No Chinese name",
            "credit_code": "913301007161058520",
            "kind": "spaceship",
            "region": "999999",
            "industry": "ZZ",
            "founded_on": "2001-13-45",
            "website": "not a url",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    body = response.json()
    assert body == {
        "name": ["This field is required."],
        "credit_code": [
            "The check character of this unified social credit code is wrong; please check for a typo."
        ],
        "kind": ['"spaceship" is not a valid choice.'],
        "region": [
            "Unknown region “999999”: enter a six-digit administrative division code or a region name."
        ],
        "industry": ["Unknown industry class “ZZ”."],
        "founded_on": [body["founded_on"][0]],
        "website": ["Enter a valid URL."],
    }
    assert body["founded_on"][0].startswith("Date has wrong format.")
    assert not Organization.objects.exists()


def test_create_refuses_forbidden_letters_in_the_credit_code(staff_api):
    response = staff_api.post(
        LIST_URL,
        {"name": "宁波测试", "credit_code": "91330100716105852O"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    assert response.json() == {"credit_code": ["A unified social credit code cannot contain O."]}


def test_create_upper_cases_the_credit_code_like_the_page(staff_api):
    response = staff_api.post(LIST_URL, {"name": "宁波测试", "credit_code": " 91330100716105852f "})

    assert response.status_code == 201, response.json()
    assert response.json()["credit_code"] == SANYUAN_CODE


def test_create_of_a_duplicate_name_is_400_with_the_field_message(staff_api, sanyuan):
    response = staff_api.post(LIST_URL, {"name": "紹興三元石化有限公司"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response.json() == {
        "name": [
            "An organisation with the same name is already registered: "
            f"绍兴三元石化有限公司 (No. {sanyuan.pk})."
        ]
    }
    assert Organization.objects.count() == 1


def test_create_of_a_duplicate_credit_code_is_400_with_the_field_message(staff_api, known):
    response = staff_api.post(
        LIST_URL,
        {"name": "另一家有限公司", "credit_code": SANYUAN_CODE.lower()},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    assert response.json() == {
        "credit_code": [
            "An organisation with this unified social credit code is already registered: "
            f"绍兴三元石化有限公司 (No. {known.pk})."
        ]
    }


def test_update_to_another_organisations_name_is_400(staff_api, sanyuan):
    other = OrganizationFactory(name="宁波测试有限公司")

    response = staff_api.patch(detail_url(other.pk), {"name": "绍兴三元石化有限公司"})

    assert response.status_code == 400
    assert list(response.json()) == ["name"]
    other.refresh_from_db()
    assert other.name == "宁波测试有限公司"


def test_update_keeping_its_own_name_and_code_is_fine(staff_api, known):
    response = staff_api.patch(
        detail_url(known.pk), {"name": "紹興三元石化有限公司", "credit_code": SANYUAN_CODE}
    )

    assert response.status_code == 200
    assert response.json()["name"] == "紹興三元石化有限公司"


def test_built_in_messages_are_in_the_callers_language(staff_api):
    english = staff_api.post(LIST_URL, {"website": "x"}, HTTP_ACCEPT_LANGUAGE="en").json()
    chinese = staff_api.post(LIST_URL, {"website": "x"}, HTTP_ACCEPT_LANGUAGE="zh-hans").json()

    assert english == {"name": ["This field is required."], "website": ["Enter a valid URL."]}
    # Django and DRF ship these translations.
    assert chinese == {"name": ["该字段是必填项。"], "website": ["请输入合法的URL。"]}


def test_our_own_messages_are_in_the_callers_language(staff_api, sanyuan):
    english = staff_api.post(
        LIST_URL, {"name": sanyuan.name, "region": "999999"}, HTTP_ACCEPT_LANGUAGE="en"
    ).json()
    chinese = staff_api.post(
        LIST_URL, {"name": sanyuan.name, "region": "999999"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).json()

    assert english == {
        "region": [
            "Unknown region “999999”: enter a six-digit administrative division code or a region name."
        ]
    }
    with translation.override("zh-hans"):
        expected = gettext(
            "Unknown region “{value}”: enter a six-digit administrative division code or a region name."
        ).format(value="999999")
    assert chinese == {"region": [expected]}
    # Only differs once the Chinese catalogue translates it.
    if expected != english["region"][0]:
        assert chinese != english


def test_filter_errors_are_in_the_callers_language(api):
    english = api.get(LIST_URL, {"kind": "spaceship"}, HTTP_ACCEPT_LANGUAGE="en").json()
    chinese = api.get(LIST_URL, {"kind": "spaceship"}, HTTP_ACCEPT_LANGUAGE="zh-hans").json()

    assert english == {
        "kind": ["Select a valid choice. spaceship is not one of the available choices."]
    }
    assert chinese["kind"] != english["kind"]  # Django ships this one in Chinese


def test_non_staff_user_cannot_even_see_validation_errors(api):
    api.force_authenticate(UserFactory())

    response = api.post(LIST_URL, {})

    assert response.status_code == 403


def test_create_accepts_a_region_by_name_as_the_pages_do(staff_api):
    response = staff_api.post(LIST_URL, {"name": "诸暨名称地区测试有限公司", "region": "诸暨"})

    assert response.status_code == 201, response.json()
    assert response.json()["region"] == "330681"
