"""Searching the directory the way a Chinese user types, and filtering by region.

The same cases run through the domain function, the API and the page, so both the PostgreSQL
(GIN) and the SQLite (FTS5) paths are covered whichever database the suite runs on.
"""

import pytest
from django.urls import reverse

from alliancehub.common.domain.audit import Source
from alliancehub.organizations.domain import registry, search
from alliancehub.organizations.models import Organization
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

SANYUAN = "绍兴三元石化有限公司"
ZHUJI = "诸暨测试机械有限公司"
HANGZHOU = "杭州测试科技有限公司"
BEIJING = "北京三元食品股份有限公司"

API_URL = "/api/v1/organizations/"


@pytest.fixture
def directory(sanyuan):
    """Sanyuan in Shaoxing, a company in Zhuji (a county of Shaoxing), one in Hangzhou, one in Beijing."""
    OrganizationFactory(name=ZHUJI, name_en="Zhuji Test Machinery Co., Ltd.", region_id="330681")
    OrganizationFactory(name=HANGZHOU, name_en="Hangzhou Test Technology", region_id="330106")
    OrganizationFactory(name=BEIJING, name_en="Beijing Sanyuan Foods Co., Ltd.", region_id="110108")
    return sanyuan


def _matching(query: str) -> set[str]:
    return set(search.matching(Organization.objects.all(), query).values_list("name", flat=True))


def _api_names(api, **params) -> set[str]:
    response = api.get(API_URL, params)
    assert response.status_code == 200, response.content
    return {row["name"] for row in response.json()["results"]}


def _page_names(client, **params) -> set[str]:
    response = client.get(reverse("organizations:list"), params)
    assert response.status_code == 200
    table = response.context["table"]
    return {row.record.name for row in table.paginated_rows}


SEARCH_CASES = [
    ("三元", {SANYUAN, BEIJING}),
    ("绍兴三元", {SANYUAN}),
    ("紹興三元", {SANYUAN}),  # Traditional
    ("石化", {SANYUAN}),
    ("Sanyuan", {SANYUAN, BEIJING}),
    ("sanyu", {SANYUAN, BEIJING}),  # prefix while typing
    ("SANYUAN petro", {SANYUAN}),
    ("ｓａｎｙｕａｎ　ｐｅｔｒｏ", {SANYUAN}),  # full-width
    ("诸暨", {ZHUJI}),
    ("有限公司", {SANYUAN, ZHUJI, HANGZHOU, BEIJING}),
    ("四川", set()),
    ("元三", set()),  # the characters, but not in that order
    ("sanyuanx", set()),
]


@pytest.mark.parametrize(("query", "expected"), SEARCH_CASES)
def test_search_matches_chinese_traditional_and_english_queries(directory, query, expected):
    assert _matching(query) == expected


@pytest.mark.parametrize(("query", "expected"), SEARCH_CASES)
def test_api_search_matches_chinese_traditional_and_english_queries(
    directory, api, query, expected
):
    assert _api_names(api, search=query) == expected


@pytest.mark.parametrize(("query", "expected"), SEARCH_CASES)
def test_page_search_matches_chinese_traditional_and_english_queries(
    directory, client, query, expected
):
    assert _page_names(client, search=query) == expected


def test_search_finds_by_credit_code(directory):
    coded = OrganizationFactory(name="宁波测试有限公司", credit_code="91330100716105852F")

    assert _matching("91330100716105852f") == {coded.name}


def test_search_without_searchable_characters_returns_everything(directory):
    assert len(_matching("，。 ")) == 4


def test_search_follows_a_renamed_organisation(directory):
    registry.update_organization(
        directory, {"name": "绍兴新名称有限公司"}, actor=None, source=Source.SYSTEM
    )

    assert _matching("三元") == {BEIJING}
    assert _matching("新名称") == {"绍兴新名称有限公司"}


def test_search_forgets_a_deleted_organisation(directory):
    registry.delete_organization(directory, actor=None, source=Source.SYSTEM)

    assert _matching("石化") == set()


REGION_CASES = [
    ("330600", {SANYUAN, ZHUJI}),  # Shaoxing and its counties
    ("330681", {ZHUJI}),  # Zhuji alone
    ("330100", {HANGZHOU}),
    ("330000", {SANYUAN, ZHUJI, HANGZHOU}),  # all of Zhejiang
    ("110000", {BEIJING}),
    ("绍兴市", {SANYUAN, ZHUJI}),  # by name
    ("Shaoxing", {SANYUAN, ZHUJI}),
    ("紹興市", {SANYUAN, ZHUJI}),
    ("浙江省绍兴市诸暨市", {ZHUJI}),
    ("320000", set()),
]


@pytest.mark.parametrize(("region", "expected"), REGION_CASES)
def test_api_region_filter_includes_sub_regions(directory, api, region, expected):
    assert _api_names(api, region=region) == expected


@pytest.mark.parametrize(("region", "expected"), REGION_CASES)
def test_page_region_filter_includes_sub_regions(directory, client, region, expected):
    assert _page_names(client, region=region) == expected


def test_api_search_and_region_combine(directory, api):
    assert _api_names(api, search="三元", region="330000") == {SANYUAN}
    assert _api_names(api, search="sanyuan", region="110000") == {BEIJING}


def test_api_kind_filter(directory, api):
    university = OrganizationFactory(name="浙江测试大学", kind="university", region_id="330100")

    assert _api_names(api, kind="university") == {university.name}
    assert _api_names(api, kind="university", region="330600") == set()


def test_api_refuses_an_unknown_region_with_a_clear_message(directory, api):
    response = api.get(API_URL, {"region": "999999"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response.json() == {
        "region": [
            "Unknown region “999999”: enter a six-digit administrative division code or a region name."
        ]
    }


def test_api_refuses_an_ambiguous_region_name_and_lists_the_candidates(directory, api):
    response = api.get(API_URL, {"region": "朝阳区"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    [message] = response.json()["region"]
    assert "110105" in message
    assert "220104" in message


def test_api_refuses_an_unknown_kind(directory, api):
    response = api.get(API_URL, {"kind": "spaceship"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert list(response.json()) == ["kind"]


def test_page_shows_an_unknown_region_as_a_message_instead_of_results(directory, client):
    response = client.get(
        reverse("organizations:list"), {"region": "999999"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "Unknown region “999999”" in content
    assert SANYUAN not in content
