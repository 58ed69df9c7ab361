from datetime import date
from io import BytesIO

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from openpyxl import load_workbook
from rest_framework.test import APIClient

from alliancehub import urls as project_urls
from alliancehub.accounts.models import AllianceRole
from alliancehub.alliances.domain import membership
from alliancehub.alliances.enums import MembershipTier
from alliancehub.alliances.models import Alliance
from alliancehub.chains.models import Position
from alliancehub.common.domain.audit import Source
from tests.chains.conftest import link, organization, place
from tests.factories import UserFactory

# The chains API first, whether or not the project's URLconf includes it yet.
urlpatterns = [path("api/v1/", include("alliancehub.chains.api.urls")), *project_urls.urlpatterns]
pytestmark = pytest.mark.urls(__name__)

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def figures(*rows):
    names = {"up": ("上游", "Upstream"), "up.a": ("甲环节", "Link A"), "up.b": ("乙环节", "Link B"),
             "mid": ("中游", "Midstream"), "down": ("下游", "Downstream")}  # fmt: skip
    stages = {"up": "upstream", "up.a": "upstream", "up.b": "upstream", "mid": "midstream",
              "down": "downstream"}  # fmt: skip
    return [
        {
            "code": code,
            "name": names[code][0],
            "name_en": names[code][1],
            "stage": stages[code],
            "parent": "up" if code.startswith("up.") else None,
            "count": count,
            "expected": 2.0,
            "status": status,
            **extra,
        }
        for code, count, status, extra in rows
    ]


def test_the_chain_list_and_a_chains_links(api, tiny):
    listed = api.get("/api/v1/chains/")
    detail = api.get("/api/v1/chains/tiny/")

    assert listed.json() == [
        {"slug": "tiny", "name": "测试链", "name_zh_hant": "測試鏈", "name_en": "Test chain"}
    ]
    assert detail.json()["links"][:2] == [
        {"code": "up", "name": "上游", "name_zh_hant": "上游", "name_en": "Upstream",
         "stage": "upstream", "parent": None, "keywords": []},
        {"code": "up.a", "name": "甲环节", "name_zh_hant": "甲環節", "name_en": "Link A",
         "stage": "upstream", "parent": "up", "keywords": []},
    ]  # fmt: skip


def test_the_map_of_a_prefecture(api, tiny_population):
    response = api.get("/api/v1/chains/tiny/map/?region=330600")

    assert response.status_code == 200
    assert response.json() == {
        "chain": "tiny",
        "region": "330600",
        "alliance": None,
        "links": figures(
            ("up", 0, "strong", {}),
            ("up.a", 1, "strong", {}),
            ("up.b", 2, "strong", {}),
            ("mid", 0, "missing", {}),
            ("down", 0, "missing", {}),
        ),
        "edges": [{"source": "up", "target": "mid"}, {"source": "mid", "target": "down"}],
    }


def test_the_map_of_an_alliances_members(api, tiny_population):
    alliance = Alliance.objects.create(name="测试联盟", slug="test-alliance")
    membership.admit(
        alliance, tiny_population.shaoxing[1], MembershipTier.MEMBER, on=date(2024, 1, 1),
        actor=None, source=Source.SYSTEM,
    )  # fmt: skip

    response = api.get("/api/v1/chains/tiny/map/?region=330600&alliance=test-alliance")

    body = response.json()
    assert body["alliance"] == "test-alliance"
    assert [(f["code"], f["count"], f["status"]) for f in body["links"]] == [
        ("up", 0, "strong"), ("up.a", 0, "missing"), ("up.b", 1, "strong"), ("mid", 0, "missing"),
        ("down", 0, "missing"),
    ]  # fmt: skip


def test_gaps_of_two_regions_side_by_side(api, tiny_population):
    response = api.get("/api/v1/chains/tiny/gaps/?region=330600&compare=330100")

    def other(count, share, status):
        return {"count": count, "expected": 2.0, "share": share, "status": status}

    assert response.json() == {
        "chain": "tiny",
        "region": "330600",
        "compare": "330100",
        "links": figures(
            ("up", 0, "strong", {"share": 0.0, "compare": other(0, 0.0, "strong")}),
            ("up.a", 1, "strong", {"share": 0.5, "compare": other(3, 1.5, "strong")}),
            ("up.b", 2, "strong", {"share": 1.0, "compare": other(2, 1.0, "strong")}),
            ("mid", 0, "missing", {"share": 0.0, "compare": other(4, 2.0, "strong")}),
            ("down", 0, "missing", {"share": 0.0, "compare": other(0, 0.0, "missing")}),
        ),
    }


def test_risks_in_english(api, tiny_population):
    response = api.get("/api/v1/chains/tiny/risks/?region=330600", **EN)

    s = tiny_population.shaoxing
    assert response.json() == {
        "chain": "tiny",
        "region": "330600",
        "risks": [
            {
                "link": "up.a", "link_name": "Link A", "kind": "concentrated",
                "detail": "Only 1 organisation in Shaoxing works on Link A.",
                "organizations": [
                    {"id": s[0].pk, "name": s[0].name, "name_en": "", "region": "330681", "size": ""}
                ],
            },
            {
                "link": "up.b", "link_name": "Link B", "kind": "concentrated",
                "detail": "Only 2 organisations in Shaoxing work on Link B.",
                "organizations": [
                    {"id": s[0].pk, "name": s[0].name, "name_en": "", "region": "330681", "size": ""},
                    {"id": s[1].pk, "name": s[1].name, "name_en": "", "region": "330602", "size": ""},
                ],
            },
        ],
    }  # fmt: skip


def test_candidates_for_one_link(api, population):
    response = api.get(
        "/api/v1/chains/hydrogen/candidates/?region=330600&link=fuelcell.stack", **EN
    )

    unit = population["杭州大型膜电极公司"]
    assert response.json() == {
        "chain": "hydrogen",
        "region": "330600",
        "candidates": [
            {
                "organization": {"id": unit.pk, "name": unit.name, "name_en": "", "region": "330100", "size": "large"},
                "link": "fuelcell.stack", "link_name": "Fuel-cell stacks", "score": 75.0,
                "reasons": ["Size: Large", "In the same province"],
            }
        ],
    }  # fmt: skip


def test_organisations_on_a_link_are_paginated(api, population):
    response = api.get(
        "/api/v1/chains/hydrogen/organizations/?link=fuelcell.mea&region=330000&page_size=2"
    )

    body = response.json()
    assert (body["count"], len(body["results"])) == (5, 2)


@pytest.mark.parametrize(
    ("url", "status", "body"),
    [
        ("/api/v1/chains/nope/", 404, {"detail": "Not found."}),
        ("/api/v1/chains/nope/map/", 404, {"detail": "Not found."}),
        ("/api/v1/chains/nope/gaps.xlsx?region=330600", 404, {"detail": "Not found."}),
        ("/api/v1/chains/tiny/map/?region=999999", 400, {"region": ["Unknown region code “999999”."]}),
        ("/api/v1/chains/tiny/gaps/", 400, {"region": ["Give a region code."]}),
        ("/api/v1/chains/tiny/gaps/?region=330600&compare=1", 400, {"compare": ["Unknown region code “1”."]}),
        ("/api/v1/chains/tiny/map/?alliance=nope", 400, {"alliance": ["Unknown alliance “nope”."]}),
        ("/api/v1/chains/tiny/candidates/?region=330600&link=nope", 400, {"link": ["The chain has no link “nope”."]}),
        ("/api/v1/chains/tiny/organizations/", 400, {"link": ["Give a link code."]}),
    ],
)  # fmt: skip
def test_unknown_chains_are_404_and_unknown_codes_400(api, tiny, url, status, body):
    response = api.get(url, **EN)

    assert (response.status_code, response.json()) == (status, body)


def test_the_maps_query_count_does_not_grow_with_positions(api, tiny_population):
    with CaptureQueriesContext(connection) as few:
        api.get("/api/v1/chains/tiny/map/?region=330600")
    for index in range(6):
        place(organization(f"接口新增{index}号公司", "330602"), tiny_population.chain, "down")
    cache.clear()  # the cached national baseline would save queries the first run paid for
    with CaptureQueriesContext(connection) as many:
        api.get("/api/v1/chains/tiny/map/?region=330600")

    assert len(many) == len(few)


def test_gaps_export_puts_two_regions_side_by_side(api, tiny_population):
    response = api.get("/api/v1/chains/tiny/gaps.xlsx?region=330600&compare=330100", **EN)

    rows = list(load_workbook(BytesIO(response.content)).active.values)
    assert rows[0][:4] == ("Code", "Link", "Stage", "Shaoxing: organisations")
    assert rows[2] == ("up.a", "Link A", "Upstream", 1, 2, 0.5, "Strong", 3, 2, 1.5, "Strong")


def test_candidates_export_keeps_formula_like_names_as_text(api, population, hydrogen):
    place(
        organization('=HYPERLINK("http://x")有限公司', "330100", "large"),
        hydrogen,
        "fuelcell.stack",
    )

    response = api.get("/api/v1/chains/hydrogen/candidates.xlsx?region=330600&link=fuelcell.stack")

    sheet = load_workbook(BytesIO(response.content)).active
    cell = sheet.cell(row=2, column=3)
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x")有限公司', "s")


def test_risks_export_lists_each_risk(api, tiny_population):
    response = api.get("/api/v1/chains/tiny/risks.xlsx?region=330600", **EN)

    rows = list(load_workbook(BytesIO(response.content)).active.values)
    assert [row[:3] for row in rows] == [
        ("Code", "Link", "Risk"), ("up.a", "Link A", "Concentrated"), ("up.b", "Link B", "Concentrated"),
    ]  # fmt: skip


# Positions ------------------------------------------------------------------------------------


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def unit(tiny):
    return organization("位置测试公司", "330602")


def create(client, unit, tiny):
    return client.post(
        "/api/v1/chains/positions/",
        {"organization": unit.pk, "link": link(tiny, "down").pk, "products": "电堆"},
        **EN,
    )


def test_an_organisations_own_user_enters_its_position(unit, tiny):
    response = create(client_for(UserFactory(organization=unit)), unit, tiny)

    position = Position.objects.get()
    assert response.status_code == 201
    assert response.json() == {
        "id": position.pk, "organization": unit.pk, "link": position.link_id, "link_key": "tiny:down",
        "products": "电堆", "role": "manufacturer", "capacity": "", "since": None,
        "status": "confirmed", "source": "organization", "score": None, "region_code": "330602",
    }  # fmt: skip


def test_the_secretariat_of_an_alliance_the_organisation_belongs_to_enters_positions(unit, tiny):
    alliance = Alliance.objects.create(name="测试联盟", slug="test-alliance")
    membership.admit(
        alliance, unit, MembershipTier.MEMBER, on=date(2024, 1, 1), actor=None, source=Source.SYSTEM
    )
    secretariat = UserFactory()
    AllianceRole.objects.create(
        user=secretariat, alliance=alliance, role=AllianceRole.Kind.SECRETARIAT
    )

    response = create(client_for(secretariat), unit, tiny)

    assert (response.status_code, response.json()["source"]) == (201, "secretariat")


def test_another_alliances_secretariat_or_organisation_may_not(unit, tiny):
    alliance = Alliance.objects.create(name="别的联盟", slug="other")
    secretariat = UserFactory()
    AllianceRole.objects.create(
        user=secretariat, alliance=alliance, role=AllianceRole.Kind.SECRETARIAT
    )
    stranger = UserFactory(organization=organization("别家公司", "330100"))

    responses = [create(client_for(user), unit, tiny) for user in (secretariat, stranger)]

    assert [(r.status_code, r.json()) for r in responses] == [
        (403, {"detail": "You may not change this organisation's positions."})
    ] * 2
    assert not Position.objects.exists()


def test_an_anonymous_caller_must_sign_in(api, unit, tiny):
    assert create(api, unit, tiny).status_code == 401


def test_a_suggestion_is_hidden_from_the_public_until_confirmed(api, unit, tiny):
    position = place(unit, tiny, "down", suggested=True)
    owner = client_for(UserFactory(organization=unit))

    hidden = api.get("/api/v1/chains/positions/").json()["count"]
    seen = owner.get("/api/v1/chains/positions/?status=suggested").json()["count"]
    confirmed = owner.post(f"/api/v1/chains/positions/{position.pk}/confirm/")
    shown = api.get(f"/api/v1/chains/positions/?organization={unit.pk}").json()["count"]

    assert (hidden, seen, confirmed.json()["status"], shown) == (0, 1, "confirmed", 1)
    down = api.get("/api/v1/chains/tiny/map/?region=330602").json()["links"][-1]
    assert down["count"] == 1


def test_only_those_who_act_for_the_organisation_change_or_remove_a_position(unit, tiny):
    position = place(unit, tiny, "down")
    stranger = client_for(UserFactory(organization=organization("别家公司", "330100")))
    staff = client_for(UserFactory(is_staff=True))
    url = f"/api/v1/chains/positions/{position.pk}/"

    refused = stranger.patch(url, {"capacity": "1000 套/年"})
    changed = staff.patch(url, {"capacity": "1000 套/年"})
    removed_by_stranger = stranger.delete(url)
    removed = client_for(UserFactory(organization=unit)).delete(url)

    assert (refused.status_code, changed.json()["capacity"]) == (403, "1000 套/年")
    assert (removed_by_stranger.status_code, removed.status_code) == (403, 204)
    assert not Position.objects.exists()


def test_the_api_schema_lists_the_chains_endpoints(api):
    schema = api.get("/api/v1/schema/?format=json").json()

    assert {
        "/api/v1/chains/{slug}/map/", "/api/v1/chains/{slug}/gaps.xlsx",
        "/api/v1/chains/positions/{id}/confirm/",
    } <= set(schema["paths"])  # fmt: skip
