"""The directory pages: list (with HTMX), detail, create/edit/delete for staff, the admin, and
the region suggestions."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from alliancehub.common.domain import audit
from alliancehub.common.domain.audit import Action, Source
from alliancehub.common.models import AuditLogEntry
from alliancehub.organizations.domain import registry
from alliancehub.organizations.models import Contact, Organization
from tests.factories import OrganizationFactory, UserFactory, make_credit_code
from tests.factories.uploads import form_data

pytestmark = pytest.mark.django_db

LIST_URL = reverse("organizations:list")
CREATE_URL = reverse("organizations:create")


def update_url(organization) -> str:
    return reverse("organizations:update", kwargs={"pk": organization.pk})


def delete_url(organization) -> str:
    return reverse("organizations:delete", kwargs={"pk": organization.pk})


def listed(response) -> list[str]:
    return sorted(row.record.name for row in response.context["table"].paginated_rows)


# The list ------------------------------------------------------------------------------------


@pytest.fixture
def three(sanyuan):
    OrganizationFactory(name="浙江测试大学", kind="university", region_id="330106")
    OrganizationFactory(name="诸暨测试机械有限公司", region_id="330681")
    return sanyuan


def test_list_page_shows_every_organisation_with_its_region(client, three):
    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert listed(response) == sorted(
        ["绍兴三元石化有限公司", "浙江测试大学", "诸暨测试机械有限公司"]
    )
    content = response.content.decode()
    assert "<html" in content
    assert "浙江省 · 绍兴市" in content
    assert "绍兴市 · 诸暨市" in content
    assert f'href="{three.get_absolute_url()}"' in content


def test_list_page_filters_by_search_region_and_kind(client, three):
    assert listed(client.get(LIST_URL, {"search": "紹興三元"})) == ["绍兴三元石化有限公司"]
    assert listed(client.get(LIST_URL, {"region": "330600"})) == sorted(
        ["绍兴三元石化有限公司", "诸暨测试机械有限公司"]
    )
    assert listed(client.get(LIST_URL, {"kind": "university"})) == ["浙江测试大学"]
    assert listed(
        client.get(LIST_URL, {"search": "测试", "region": "330000", "kind": "enterprise"})
    ) == ["诸暨测试机械有限公司"]


def test_list_page_says_when_nothing_matches(client, three):
    response = client.get(LIST_URL, {"search": "四川"}, HTTP_ACCEPT_LANGUAGE="en")

    assert listed(response) == []
    assert "No organisation matches these filters." in response.content.decode()


def test_list_page_for_htmx_returns_only_the_results_fragment(client, three):
    response = client.get(LIST_URL, {"search": "三元"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    content = response.content.decode()
    assert "<html" not in content
    assert "<form" not in content
    assert "绍兴三元石化有限公司" in content
    assert "诸暨测试机械有限公司" not in content
    assert response.templates[0].name == "organizations/_organization_results.html"


def test_list_page_for_a_boosted_htmx_request_is_the_whole_page(client, three):
    response = client.get(LIST_URL, HTTP_HX_REQUEST="true", HTTP_HX_BOOSTED="true")

    assert "<html" in response.content.decode()


def test_list_page_fragment_shows_filter_errors(client, three):
    response = client.get(
        LIST_URL, {"region": "999999"}, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en"
    )

    content = response.content.decode()
    assert "<html" not in content
    assert escape("Unknown region “999999”") in content or "Unknown region “999999”" in content
    assert "绍兴三元石化有限公司" not in content


def test_list_page_shows_add_and_import_buttons_to_staff_only(staff_client, three):
    import_url = reverse("organizations:import")

    anonymous = Client().get(LIST_URL).content.decode()
    staff = staff_client.get(LIST_URL).content.decode()

    assert CREATE_URL not in anonymous
    assert import_url not in anonymous
    assert CREATE_URL in staff
    assert import_url in staff


def test_list_page_paginates(client):
    OrganizationFactory.create_batch(21)

    first = client.get(LIST_URL)
    second = client.get(LIST_URL, {"page": 2})

    assert len(first.context["table"].paginated_rows) == 20
    assert len(second.context["table"].paginated_rows) == 1


@pytest.mark.parametrize("count", [1, 3])
def test_list_page_query_count_does_not_grow_with_results(client, django_assert_num_queries, count):
    OrganizationFactory.create_batch(count, region_id="330681")

    with django_assert_num_queries(2):  # the paginator's count and the page
        response = client.get(LIST_URL)

    assert len(response.context["table"].paginated_rows) == count


@pytest.mark.parametrize("count", [1, 3])
def test_filtered_list_fragment_query_count_does_not_grow_with_results(
    staff_client, django_assert_num_queries, count
):
    OrganizationFactory.create_batch(count, region_id="330681")

    # the region, the count and the page; the fragment never needs the user
    with django_assert_num_queries(3):
        response = staff_client.get(
            LIST_URL, {"region": "330600", "search": "测试"}, HTTP_HX_REQUEST="true"
        )

    assert len(response.context["table"].paginated_rows) == count


# The detail page -----------------------------------------------------------------------------


@pytest.fixture
def detailed(staff):
    return OrganizationFactory(
        name="绍兴三元石化有限公司",
        name_en="Shaoxing Sanyuan Petrochemical Co., Ltd.",
        credit_code="91330100716105852F",
        region_id="330681",
        website="https://sanyuan.example.com/",
        actor=staff,
        contacts=[{"name": "王伟", "title": "经理", "phone": "0575-1234567"}],
    )


def test_detail_page_shows_the_record_and_its_region_path(client, detailed):
    response = client.get(detailed.get_absolute_url())

    assert response.status_code == 200
    content = response.content.decode()
    assert "绍兴三元石化有限公司" in content
    assert "Shaoxing Sanyuan Petrochemical Co., Ltd." in content
    assert "<code>91330100716105852F</code>" in content
    assert [r.code for r in response.context["region_path"]] == ["330000", "330600", "330681"]
    assert f'href="{LIST_URL}?region=330600"' in content
    assert "https://sanyuan.example.com/" in content


def test_detail_page_hides_contacts_from_anonymous_visitors(client, detailed):
    response = client.get(detailed.get_absolute_url())

    assert "王伟" not in response.content.decode()
    assert "0575-1234567" not in response.content.decode()
    assert "contacts" not in response.context


def test_detail_page_shows_contacts_to_signed_in_users(client, user, detailed):
    client.force_login(user)

    response = client.get(detailed.get_absolute_url())

    assert "王伟" in response.content.decode()
    assert "0575-1234567" in response.content.decode()


def test_detail_page_shows_the_history_to_staff(staff_client, staff, detailed):
    registry.update_organization(
        detailed, {"name_en": "Sanyuan Petrochemical"}, actor=staff, source=Source.API
    )

    response = staff_client.get(detailed.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")

    content = response.content.decode()
    assert 'id="history"' in content
    history = content[content.index('id="history"') :]
    assert "secretariat" in history
    assert "Shaoxing Sanyuan Petrochemical Co., Ltd." in history
    assert "Sanyuan Petrochemical" in history
    assert "API" in history
    assert len(response.context["history"]) == 2


def test_detail_page_hides_the_history_from_non_staff(client, user, detailed):
    anonymous = client.get(detailed.get_absolute_url())
    client.force_login(user)
    signed_in = client.get(detailed.get_absolute_url())

    for response in (anonymous, signed_in):
        assert 'id="history"' not in response.content.decode()
        assert "history" not in response.context
    assert update_url(detailed) not in signed_in.content.decode()


def test_detail_page_of_an_unknown_organisation_is_404(client):
    response = client.get(reverse("organizations:detail", kwargs={"pk": 999999}))

    assert response.status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_detail_page_query_count_does_not_grow_with_history(
    staff_client, staff, django_assert_num_queries, count
):
    organization = OrganizationFactory(region_id="330681", contacts=[{"name": "王伟"}])
    for n in range(count - 1):
        registry.update_organization(
            organization, {"description": str(n)}, actor=staff, source=Source.WEB
        )

    # session, user, organisation, contacts, history, and the regions named in the history
    with django_assert_num_queries(6):
        response = staff_client.get(organization.get_absolute_url())

    assert len(response.context["history"]) == count


# Creating through the page -------------------------------------------------------------------


def test_create_page_requires_sign_in(client):
    for response in (client.get(CREATE_URL), client.post(CREATE_URL, form_data(name="x"))):
        assert response.status_code == 302
        assert response.url == f"{reverse('login')}?next={CREATE_URL}"
    assert not Organization.objects.exists()


def test_create_page_is_forbidden_to_non_staff(client, user):
    client.force_login(user)

    assert client.get(CREATE_URL).status_code == 403
    assert client.post(CREATE_URL, form_data(name="宁波测试有限公司")).status_code == 403
    assert not Organization.objects.exists()


def test_create_page_shows_an_empty_form_to_staff(staff_client):
    response = staff_client.get(CREATE_URL)

    assert response.status_code == 200
    assert response.context["form"].instance.pk is None
    assert 'name="contacts-TOTAL_FORMS"' in response.content.decode()


def test_staff_creates_an_organisation_with_a_contact(staff_client, staff):
    response = staff_client.post(
        CREATE_URL,
        form_data(
            name="诸暨测试机械有限公司",
            name_en="Zhuji Test Machinery",
            credit_code=make_credit_code(5, "330681").lower(),
            region="诸暨市",
            industry="38",
            founded_on="2001-05-20",
            contacts=[{"name": "张三", "title": "经理", "phone": "1", "email": "z@example.org"}],
        ),
    )

    organization = Organization.objects.get()
    assert response.status_code == 302
    assert response.url == organization.get_absolute_url()
    assert (
        organization.name,
        organization.credit_code,
        organization.region_id,
        organization.industry_id,
        str(organization.founded_on),
        organization.created_by,
    ) == (
        "诸暨测试机械有限公司",
        make_credit_code(5, "330681"),
        "330681",
        "38",
        "2001-05-20",
        staff,
    )
    assert list(Contact.objects.values_list("name", "title")) == [("张三", "经理")]
    [entry] = audit.history(organization)
    assert (entry.action, entry.source, entry.actor) == (Action.CREATE, Source.WEB, staff)
    assert entry.changes["region"] == [None, "330681"]
    assert entry.changes["contacts"] == [None, ["张三 (经理)"]]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required."),
        (
            {"name": "宁波测试", "credit_code": "913301007161058520"},
            "credit_code",
            "The check character of this unified social credit code is wrong; please check for a typo.",
        ),
        (
            {"name": "宁波测试", "credit_code": "9133010071610585"},
            "credit_code",
            "A unified social credit code has 18 characters; this one has 16.",
        ),
        (
            {"name": "宁波测试", "region": "火星"},
            "region",
            "Unknown region “火星”: enter a six-digit administrative division code or a region name.",
        ),
        ({"name": "宁波测试", "website": "not a url"}, "website", "Enter a valid URL."),
        ({"name": "宁波测试", "founded_on": "2001-13-45"}, "founded_on", "Enter a valid date."),
    ],
)
def test_create_page_shows_errors_and_saves_nothing(staff_client, fields, field, message):
    response = staff_client.post(CREATE_URL, form_data(**fields), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert escape(message) in response.content.decode()
    assert not Organization.objects.exists()
    assert not AuditLogEntry.objects.exists()


def test_create_page_errors_are_in_the_visitors_language(staff_client):
    english = staff_client.post(CREATE_URL, form_data(), HTTP_ACCEPT_LANGUAGE="en")
    chinese = staff_client.post(CREATE_URL, form_data(), HTTP_ACCEPT_LANGUAGE="zh-hans")

    with translation.override("zh-hans"):
        required = gettext("This field is required.")
    assert required != "This field is required."  # Django (and DRF) ship it in Chinese
    assert "This field is required." in english.content.decode()
    assert required not in english.content.decode()
    assert required in chinese.content.decode()
    assert "This field is required." not in chinese.content.decode()


def test_create_page_refuses_a_duplicate_and_links_to_the_existing_record(staff_client, sanyuan):
    response = staff_client.post(
        CREATE_URL, form_data(name="紹興三元石化有限公司"), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 400
    assert response.context["duplicate"] == sanyuan
    assert response.context["form"].errors["name"] == [
        f"An organisation with the same name is already registered: 绍兴三元石化有限公司 (No. {sanyuan.pk})."
    ]
    assert f'href="{sanyuan.get_absolute_url()}"' in response.content.decode()
    assert Organization.objects.count() == 1


def test_create_page_refuses_a_duplicate_credit_code(staff_client):
    existing = OrganizationFactory(credit_code="91330100716105852F")

    response = staff_client.post(
        CREATE_URL, form_data(name="另一家有限公司", credit_code="91330100716105852f")
    )

    assert response.status_code == 400
    assert response.context["duplicate"] == existing
    assert list(response.context["form"].errors) == ["credit_code"]
    assert Organization.objects.count() == 1


# Editing and deleting through the page -------------------------------------------------------


def test_edit_page_shows_the_current_values(staff_client, detailed):
    response = staff_client.get(update_url(detailed))

    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="330681"' in content
    assert 'value="王伟"' in content


def test_staff_edits_an_organisation_and_its_contacts(staff_client, staff, detailed):
    contact = detailed.contacts.get()
    data = form_data(
        name="紹興三元石化有限公司",  # its own name in Traditional: not a duplicate of itself
        name_en="Sanyuan Petrochemical",
        credit_code="91330100716105852F",
        region="330600",
        website="https://sanyuan.example.com/",
        initial_contacts=1,
        contacts=[
            {"id": contact.pk, "organization": detailed.pk, "name": "王伟", "title": "总经理"},
            {"name": "李娜"},
        ],
    )

    response = staff_client.post(update_url(detailed), data)

    assert response.status_code == 302
    assert response.url == detailed.get_absolute_url()
    detailed.refresh_from_db()
    assert (detailed.name, detailed.region_id) == ("紹興三元石化有限公司", "330600")
    entry = audit.history(detailed).first()
    assert (entry.action, entry.source, entry.actor) == (Action.UPDATE, Source.WEB, staff)
    assert entry.changes == {
        "name": ["绍兴三元石化有限公司", "紹興三元石化有限公司"],
        "name_en": ["Shaoxing Sanyuan Petrochemical Co., Ltd.", "Sanyuan Petrochemical"],
        "region": ["330681", "330600"],
        "contacts": [["王伟 (经理)"], ["王伟 (总经理)", "李娜"]],
    }


def test_staff_removes_a_contact_on_the_edit_page(staff_client, detailed):
    contact = detailed.contacts.get()
    data = form_data(
        name=detailed.name,
        credit_code=detailed.credit_code,
        region="330681",
        initial_contacts=1,
        contacts=[{"id": contact.pk, "organization": detailed.pk, "name": "王伟", "DELETE": "on"}],
    )

    response = staff_client.post(update_url(detailed), data)

    assert response.status_code == 302
    assert not Contact.objects.exists()


def test_edit_page_refuses_another_organisations_name(staff_client, sanyuan):
    other = OrganizationFactory(name="宁波测试有限公司")

    response = staff_client.post(update_url(other), form_data(name="绍兴 三元石化有限公司"))

    assert response.status_code == 400
    assert response.context["duplicate"] == sanyuan
    other.refresh_from_db()
    assert other.name == "宁波测试有限公司"
    assert [e.action for e in audit.history(other)] == [Action.CREATE]


def test_edit_page_with_bad_input_changes_nothing(staff_client, detailed):
    response = staff_client.post(
        update_url(detailed), form_data(name=detailed.name, credit_code="913301007161058520")
    )

    assert response.status_code == 400
    detailed.refresh_from_db()
    assert detailed.credit_code == "91330100716105852F"
    assert [e.action for e in audit.history(detailed)] == [Action.CREATE]


def test_edit_and_delete_pages_require_staff(client, user, detailed):
    urls = [update_url(detailed), delete_url(detailed)]

    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    client.force_login(user)
    for url in urls:
        assert client.get(url).status_code == 403
        assert client.post(url, form_data(name="改名")).status_code == 403
    detailed.refresh_from_db()
    assert detailed.name == "绍兴三元石化有限公司"


def test_edit_and_delete_pages_of_an_unknown_organisation_are_404(staff_client):
    for name in ("organizations:update", "organizations:delete"):
        url = reverse(name, kwargs={"pk": 999999})
        assert staff_client.get(url).status_code == 404
        assert staff_client.post(url).status_code == 404


def test_delete_page_asks_for_confirmation(staff_client, detailed):
    response = staff_client.get(delete_url(detailed))

    assert response.status_code == 200
    assert "绍兴三元石化有限公司" in response.content.decode()
    assert Organization.objects.filter(pk=detailed.pk).exists()


def test_staff_deletes_an_organisation(staff_client, staff, detailed):
    pk = detailed.pk

    response = staff_client.post(delete_url(detailed))

    assert response.status_code == 302
    assert response.url == LIST_URL
    assert not Organization.objects.filter(pk=pk).exists()
    entry = AuditLogEntry.objects.get(object_id=str(pk), action=Action.DELETE)
    assert (entry.source, entry.actor) == (Source.WEB, staff)
    assert entry.changes["name"] == ["绍兴三元石化有限公司", None]


# The admin -----------------------------------------------------------------------------------


@pytest.fixture
def superuser_client(client):
    superuser = UserFactory(username="admin", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    client.superuser = superuser
    return client


def admin_data(**fields) -> dict[str, str]:
    data = {
        "name": "",
        "name_en": "",
        "credit_code": "",
        "kind": "enterprise",
        "region": "",
        "industry": "",
        "size": "",
        "founded_on": "",
        "website": "",
        "description": "",
        "created_by": "",
        "_save": "Save",
    }
    return data | fields


def test_admin_create_goes_through_the_registry_and_is_audited(superuser_client):
    response = superuser_client.post(
        reverse("admin:organizations_organization_add"),
        admin_data(name="紹興三元石化有限公司", region="330600", credit_code="91330100716105852F"),
    )

    assert response.status_code == 302
    organization = Organization.objects.get()
    assert organization.name_normalized == "绍兴三元石化有限公司"
    assert "三元" in organization.search_tokens.split()
    [entry] = audit.history(organization)
    assert (entry.action, entry.source, entry.actor) == (
        Action.CREATE,
        Source.ADMIN,
        superuser_client.superuser,
    )
    assert entry.changes["region"] == [None, "330600"]


def test_admin_refuses_a_duplicate_with_a_form_error(superuser_client, sanyuan):
    response = superuser_client.post(
        reverse("admin:organizations_organization_add"),
        admin_data(name="紹興三元石化有限公司"),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["name"] == [
        f"An organisation with the same name is already registered: 绍兴三元石化有限公司 (No. {sanyuan.pk})."
    ]
    assert Organization.objects.count() == 1


def test_admin_upper_cases_the_credit_code(superuser_client):
    response = superuser_client.post(
        reverse("admin:organizations_organization_add"),
        admin_data(name="宁波测试有限公司", credit_code="91330100716105852f"),
    )

    assert response.status_code == 302
    assert Organization.objects.get().credit_code == "91330100716105852F"


def test_admin_change_may_keep_its_own_name(superuser_client, detailed):
    response = superuser_client.post(
        reverse("admin:organizations_organization_change", args=[detailed.pk]),
        admin_data(name="紹興三元石化有限公司", credit_code=detailed.credit_code),
    )

    assert response.status_code == 302
    detailed.refresh_from_db()
    assert detailed.name == "紹興三元石化有限公司"


def test_admin_change_records_before_and_after(superuser_client, detailed):
    url = reverse("admin:organizations_organization_change", args=[detailed.pk])

    response = superuser_client.post(
        url,
        admin_data(
            name=detailed.name,
            name_en="Sanyuan Petrochemical",
            credit_code=detailed.credit_code,
            region="330681",
            website=detailed.website,
            created_by=str(detailed.created_by_id),
        ),
    )

    assert response.status_code == 302
    detailed.refresh_from_db()
    assert detailed.name_en == "Sanyuan Petrochemical"
    assert "shaoxing" not in detailed.search_tokens.split()
    entry = audit.history(detailed).first()
    assert (entry.action, entry.source, entry.actor) == (
        Action.UPDATE,
        Source.ADMIN,
        superuser_client.superuser,
    )
    assert entry.changes == {
        "name_en": ["Shaoxing Sanyuan Petrochemical Co., Ltd.", "Sanyuan Petrochemical"]
    }


def test_admin_delete_is_audited(superuser_client, detailed):
    pk = detailed.pk

    response = superuser_client.post(
        reverse("admin:organizations_organization_delete", args=[pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Organization.objects.filter(pk=pk).exists()
    entry = AuditLogEntry.objects.get(object_id=str(pk), action=Action.DELETE)
    assert (entry.source, entry.actor) == (Source.ADMIN, superuser_client.superuser)


def test_admin_bulk_delete_is_audited_per_organisation(superuser_client, three):
    pks = list(Organization.objects.values_list("pk", flat=True))

    response = superuser_client.post(
        reverse("admin:organizations_organization_changelist"),
        {"action": "delete_selected", "_selected_action": pks, "post": "yes"},
    )

    assert response.status_code == 302
    assert not Organization.objects.exists()
    deleted = AuditLogEntry.objects.filter(action=Action.DELETE, source=Source.ADMIN)
    assert sorted(deleted.values_list("object_id", flat=True)) == sorted(map(str, pks))


# Region suggestions --------------------------------------------------------------------------

REGION_OPTIONS_URL = reverse("organizations:region-options")


def options(response) -> list[str]:
    return [region.code for region in response.context["regions"]]


def test_region_options_match_a_typed_name(client):
    response = client.get(REGION_OPTIONS_URL, {"region": "诸暨"})

    assert response.status_code == 200
    assert options(response) == ["330681"]
    assert '<option value="330681">浙江省 绍兴市 诸暨市</option>' in response.content.decode()


def test_region_options_match_a_typed_code_prefix(client):
    response = client.get(REGION_OPTIONS_URL, {"region": "3306"})

    codes = options(response)
    assert codes[0] == "330600"
    assert "330681" in codes
    assert all(code.startswith("3306") for code in codes)


def test_region_options_match_english_and_traditional_names(client):
    assert options(client.get(REGION_OPTIONS_URL, {"region": "zhuji"})) == ["330681"]
    assert options(client.get(REGION_OPTIONS_URL, {"region": "紹興"})) == ["330600"]


def test_region_options_use_the_named_field(client):
    response = client.get(REGION_OPTIONS_URL, {"field": "place", "place": "诸暨"})

    assert options(response) == ["330681"]


def test_region_options_without_input_are_the_provinces(client):
    codes = options(client.get(REGION_OPTIONS_URL))

    assert "330000" in codes
    assert all(code.endswith("0000") for code in codes)
    assert len(codes) <= 20


def test_region_options_are_in_the_visitors_language(client):
    response = client.get(REGION_OPTIONS_URL, {"region": "诸暨"}, HTTP_ACCEPT_LANGUAGE="en")

    assert "Zhejiang Shaoxing Zhuji" in response.content.decode()


def test_region_options_for_unmatched_input_are_empty(client):
    assert options(client.get(REGION_OPTIONS_URL, {"region": "火星"})) == []
