"""The chain pages: map, a link's organisations, gaps, risks and candidates, and an
organisation's positions (kept by staff or by the organisation's representative)."""

import json
import re
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, reverse

from alliancehub import urls as project_urls
from alliancehub.alliances.domain import membership
from alliancehub.alliances.models import Alliance
from alliancehub.chains.domain import positions
from alliancehub.chains.enums import PositionSource, PositionStatus
from alliancehub.chains.models import Link, Position
from alliancehub.common.domain.audit import Source
from tests.factories import OrganizationFactory, UserFactory

# The project includes the chain pages at /chains/; until it does, these tests add them.
urlpatterns = list(project_urls.urlpatterns)
if not any(getattr(p, "pattern", None) and str(p.pattern) == "chains/" for p in urlpatterns):
    urlpatterns.append(path("chains/", include("alliancehub.chains.urls")))
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500

pytestmark = pytest.mark.urls(__name__)

SHAOXING, KEQIAO, HANGZHOU = "330600", "330603", "330100"
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
# ``chains`` (the three shipped templates, loaded) comes from tests/chains/conftest.py.


def link(chain, code):
    return Link.objects.get(chain=chain, code=code)


def place(organization, chain_link, **kwargs):
    return positions.add_position(
        organization,
        chain_link,
        actor=None,
        source=Source.SYSTEM,
        entered_by=PositionSource.SECRETARIAT,
        **kwargs,
    )


def chart_of(response):
    found = re.search(
        r'<script id="ah-chain-data" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert found, "the map page carries no chart data"
    return json.loads(found.group(1))


# The chain list and map -------------------------------------------------------------------


def test_chain_list_links_every_chain(client, chains):
    response = client.get(reverse("chains:list"))

    assert response.status_code == 200
    for slug in ("hydrogen", "photovoltaic", "nev"):
        assert reverse("chains:map", args=[slug]) in response.content.decode()


@pytest.mark.parametrize("slug", ["hydrogen", "photovoltaic", "nev"])
@pytest.mark.parametrize("region", ["", SHAOXING])
def test_map_page_draws_every_link_of_the_chain(client, chains, slug, region):
    response = client.get(reverse("chains:map", args=[slug]), {"region": region})

    assert response.status_code == 200
    chart = chart_of(response)
    links = chains[slug].links.filter(retired=False).order_by("order")
    assert [node["code"] for node in chart["nodes"]] == [item.code for item in links]
    assert {node["stage"] for node in chart["nodes"]} <= {"upstream", "midstream", "downstream"}


def test_map_nodes_carry_names_parents_and_organisation_links(client, chains):
    response = client.get(reverse("chains:map", args=["hydrogen"]), {"region": SHAOXING})

    nodes = {node["code"]: node for node in chart_of(response)["nodes"]}
    mea = nodes["fuelcell.mea"]
    assert mea["name"] == "膜电极"
    assert mea["parent"] == "fuelcell"
    assert mea["url"] == (
        reverse("chains:link-organizations", args=["hydrogen", "fuelcell.mea"])
        + f"?region={SHAOXING}"
    )


def test_map_page_shows_the_counts_of_the_region(client, chains):
    hydrogen = chains["hydrogen"]
    place(OrganizationFactory(region_id=KEQIAO), link(hydrogen, "fuelcell.mea"))
    place(OrganizationFactory(region_id=HANGZHOU), link(hydrogen, "fuelcell.mea"))

    response = client.get(reverse("chains:map", args=["hydrogen"]), {"region": SHAOXING})

    nodes = {node["code"]: node for node in chart_of(response)["nodes"]}
    assert nodes["fuelcell.mea"]["count"] == 1


def test_unknown_chain_is_not_found(client, chains):
    for name in ("chains:map", "chains:gaps", "chains:candidates"):
        assert client.get(reverse(name, args=["uranium"])).status_code == 404
    address = reverse("chains:link-organizations", args=["uranium", "fuelcell.mea"])
    assert client.get(address).status_code == 404


def test_unknown_link_is_not_found(client, chains):
    address = reverse("chains:link-organizations", args=["hydrogen", "fuelcell.nothing"])

    assert client.get(address).status_code == 404


@pytest.mark.parametrize("name", ["chains:map", "chains:gaps", "chains:candidates"])
def test_unknown_region_code_is_refused_with_a_clear_message(client, chains, name):
    response = client.get(reverse(name, args=["hydrogen"]), {"region": "999999"}, **ENGLISH)

    assert response.status_code == 400
    assert "Unknown region “999999”" in response.content.decode()


def test_unknown_region_in_the_organisation_list_is_refused(client, chains):
    address = reverse("chains:link-organizations", args=["hydrogen", "fuelcell.mea"])

    response = client.get(address, {"region": "999999"}, headers={"HX-Request": "true"}, **ENGLISH)

    assert response.status_code == 400
    assert "Unknown region “999999”" in response.content.decode()


# A link's organisations -------------------------------------------------------------------


@pytest.fixture
def mea_makers(chains):
    hydrogen = chains["hydrogen"]
    mea = link(hydrogen, "fuelcell.mea")
    keqiao = OrganizationFactory(name="绍兴膜电极科技有限公司", region_id=KEQIAO)
    hangzhou = OrganizationFactory(name="杭州膜电极材料有限公司", region_id=HANGZHOU)
    stack = OrganizationFactory(name="绍兴电堆有限公司", region_id=SHAOXING)
    suggested = OrganizationFactory(name="绍兴待确认有限公司", region_id=SHAOXING)
    place(keqiao, mea, products="MEA")
    place(hangzhou, mea)
    place(stack, link(hydrogen, "fuelcell.stack"))
    place(suggested, mea, suggested=True, score=0.5)
    return {"keqiao": keqiao, "hangzhou": hangzhou, "stack": stack, "suggested": suggested}


def listed(response):
    return re.findall(r'<a href="/organizations/\d+/">([^<]+)</a>', response.content.decode())


def test_organisation_list_names_the_confirmed_organisations_on_the_link_in_the_region(
    client, mea_makers
):
    address = reverse("chains:link-organizations", args=["hydrogen", "fuelcell.mea"])

    response = client.get(address, {"region": SHAOXING}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert listed(response) == ["绍兴膜电极科技有限公司"]
    assert "<html" not in response.content.decode()
    assert "MEA" in response.content.decode()


def test_organisation_list_without_a_region_covers_the_country(client, mea_makers):
    address = reverse("chains:link-organizations", args=["hydrogen", "fuelcell.mea"])

    response = client.get(address)

    assert response.status_code == 200
    assert "<html" in response.content.decode()  # a page of its own without htmx
    assert sorted(listed(response)) == ["杭州膜电极材料有限公司", "绍兴膜电极科技有限公司"]


def test_organisation_list_for_an_alliance_names_only_its_members(client, mea_makers):
    alliance = Alliance.objects.create(name="杭州氢能联盟", slug="hz-h2")
    membership.admit(alliance, mea_makers["hangzhou"], "member", on=date(2021, 1, 1),
                     actor=None, source=Source.SYSTEM)  # fmt: skip
    address = reverse("chains:link-organizations", args=["hydrogen", "fuelcell.mea"])

    response = client.get(address, {"alliance": "hz-h2"}, headers={"HX-Request": "true"})

    assert listed(response) == ["杭州膜电极材料有限公司"]


# Gaps, risks, candidates ------------------------------------------------------------------


@pytest.mark.parametrize("slug", ["hydrogen", "photovoltaic", "nev"])
def test_gap_page_asks_for_a_region_first(client, chains, slug):
    response = client.get(reverse("chains:gaps", args=[slug]))

    assert response.status_code == 200
    assert 'id="gaps"' not in response.content.decode()


@pytest.mark.parametrize("slug", ["hydrogen", "photovoltaic", "nev"])
def test_gap_page_lists_every_link_of_a_region_with_an_export(client, chains, slug):
    response = client.get(reverse("chains:gaps", args=[slug]), {"region": SHAOXING})

    assert response.status_code == 200
    page = response.content.decode()
    rows = re.search(r'<table[^>]*id="gaps".*?<tbody>(.*?)</tbody>', page, re.S)
    assert rows
    assert rows.group(1).count("<tr>") == chains[slug].links.filter(retired=False).count()
    assert f'href="/api/v1/chains/{slug}/gaps.xlsx?region={SHAOXING}"' in page


def test_gap_page_compares_two_regions_side_by_side(client, chains):
    response = client.get(
        reverse("chains:gaps", args=["hydrogen"]), {"region": SHAOXING, "compare": HANGZHOU}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('scope="colgroup"') == 2
    assert f"gaps.xlsx?region={SHAOXING}&amp;compare={HANGZHOU}" in page


def test_unknown_comparison_region_is_refused(client, chains):
    response = client.get(
        reverse("chains:gaps", args=["hydrogen"]),
        {"region": SHAOXING, "compare": "999999"},
        **ENGLISH,
    )

    assert response.status_code == 400
    assert "Unknown region “999999”" in response.content.decode()


@pytest.mark.parametrize("slug", ["hydrogen", "photovoltaic", "nev"])
@pytest.mark.parametrize("region", ["", SHAOXING])
def test_candidate_page_renders(client, chains, slug, region):
    response = client.get(
        reverse("chains:candidates", args=[slug]), {"region": region} if region else {}
    )

    assert response.status_code == 200


def test_candidate_page_for_one_link(client, mea_makers):
    response = client.get(
        reverse("chains:candidates", args=["hydrogen"]),
        {"region": SHAOXING, "link": "fuelcell.mea"},
    )

    assert response.status_code == 200
    assert 'id="candidates"' in response.content.decode()


def test_candidate_page_refuses_a_link_of_another_chain(client, chains):
    response = client.get(
        reverse("chains:candidates", args=["hydrogen"]), {"region": SHAOXING, "link": "cell"}
    )

    assert response.status_code == 400


# An organisation's positions --------------------------------------------------------------


@pytest.fixture
def company(chains):
    return OrganizationFactory(
        name="绍兴氢途科技有限公司", region_id=KEQIAO, description="生产膜电极和电堆。"
    )


@pytest.fixture
def representative(company):
    return UserFactory(username="qingtu-rep", organization=company)


def add_form(chain_link):
    return {"link": chain_link.pk, "products": "膜电极", "role": "manufacturer",
            "capacity": "10万片/年", "since": "2020-05-01"}  # fmt: skip


def test_place_page_lists_positions_and_partners(client, chains, company):
    hydrogen = chains["hydrogen"]
    place(company, link(hydrogen, "fuelcell.mea"), products="膜电极")
    place(company, link(hydrogen, "fuelcell.stack"), suggested=True, score=0.8)

    response = client.get(reverse("chains:organization", args=[company.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "膜电极" in page
    assert 'id="suggested-positions"' in page
    assert 'id="partners"' in page
    assert 'id="add-position"' not in page  # visitors see no form


def test_staff_adds_a_position_entered_by_the_secretariat(staff_client, chains, company):
    mea = link(chains["hydrogen"], "fuelcell.mea")

    response = staff_client.post(reverse("chains:add-position", args=[company.pk]), add_form(mea))

    assert response.status_code == 302
    position = Position.objects.get(organization=company)
    assert (position.link, position.source, position.status, position.since) == (
        mea, PositionSource.SECRETARIAT, PositionStatus.CONFIRMED, date(2020, 5, 1)
    )  # fmt: skip


def test_representative_adds_a_position_entered_by_the_organisation(
    client, chains, company, representative
):
    client.force_login(representative)
    mea = link(chains["hydrogen"], "fuelcell.mea")

    response = client.post(reverse("chains:add-position", args=[company.pk]), add_form(mea))

    assert response.status_code == 302
    assert Position.objects.get(organization=company).source == PositionSource.ORGANIZATION


def test_representative_sees_the_position_form(client, chains, company, representative):
    client.force_login(representative)

    response = client.get(reverse("chains:organization", args=[company.pk]))

    assert 'id="add-position"' in response.content.decode()


def test_other_people_may_not_add_positions(client, chains, company):
    client.force_login(UserFactory(username="stranger"))
    mea = link(chains["hydrogen"], "fuelcell.mea")

    response = client.post(reverse("chains:add-position", args=[company.pk]), add_form(mea))

    assert response.status_code == 403
    assert not Position.objects.filter(organization=company).exists()


def test_visitors_are_asked_to_sign_in_before_adding(client, chains, company):
    mea = link(chains["hydrogen"], "fuelcell.mea")

    response = client.post(reverse("chains:add-position", args=[company.pk]), add_form(mea))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Position.objects.filter(organization=company).exists()


def test_adding_the_same_link_twice_is_refused(staff_client, chains, company):
    mea = link(chains["hydrogen"], "fuelcell.mea")
    place(company, mea)

    response = staff_client.post(
        reverse("chains:add-position", args=[company.pk]), add_form(mea), **ENGLISH
    )

    assert response.status_code == 400
    assert "already sits on this link" in response.content.decode()


def test_representative_confirms_a_suggestion(client, chains, company, representative):
    suggestion = place(company, link(chains["hydrogen"], "fuelcell.mea"), suggested=True)
    client.force_login(representative)

    response = client.post(reverse("chains:confirm-position", args=[company.pk, suggestion.pk]))

    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.confirmed_by) == (
        PositionStatus.CONFIRMED, representative
    )  # fmt: skip


def test_other_people_may_not_confirm_or_remove(client, chains, company):
    suggestion = place(company, link(chains["hydrogen"], "fuelcell.mea"), suggested=True)
    client.force_login(UserFactory(username="stranger"))

    confirm = client.post(reverse("chains:confirm-position", args=[company.pk, suggestion.pk]))
    remove = client.post(reverse("chains:remove-position", args=[company.pk, suggestion.pk]))

    assert (confirm.status_code, remove.status_code) == (403, 403)
    suggestion.refresh_from_db()
    assert suggestion.status == PositionStatus.SUGGESTED


def test_staff_removes_a_position(staff_client, chains, company):
    position = place(company, link(chains["hydrogen"], "fuelcell.mea"))

    response = staff_client.post(reverse("chains:remove-position", args=[company.pk, position.pk]))

    assert response.status_code == 302
    assert not Position.objects.filter(pk=position.pk).exists()


def test_a_representative_cannot_reach_another_organisations_position(
    client, chains, company, representative
):
    other = place(OrganizationFactory(region_id=SHAOXING), link(chains["hydrogen"], "fuelcell.mea"))
    client.force_login(representative)

    response = client.post(reverse("chains:remove-position", args=[company.pk, other.pk]))

    assert response.status_code == 404
    assert Position.objects.filter(pk=other.pk).exists()


def test_positions_change_only_by_post(staff_client, chains, company):
    position = place(company, link(chains["hydrogen"], "fuelcell.mea"))

    response = staff_client.get(reverse("chains:remove-position", args=[company.pk, position.pk]))

    assert response.status_code == 405


# Cost ---------------------------------------------------------------------------------------


def map_queries(client, region):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("chains:map", args=["hydrogen"]), {"region": region})
        assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("region", ["", SHAOXING])
def test_map_page_costs_the_same_queries_as_positions_grow(client, chains, region):
    hydrogen = chains["hydrogen"]
    codes = ["fuelcell.mea", "fuelcell.stack", "production.byproduct", "storage.gas_cylinder"]
    place(OrganizationFactory(region_id=KEQIAO), link(hydrogen, codes[0]))
    few = map_queries(client, region)

    for index, code in enumerate(codes * 3):
        place(OrganizationFactory(region_id=[KEQIAO, HANGZHOU, SHAOXING][index % 3]),
              link(hydrogen, code))  # fmt: skip
    cache.clear()  # the cached national baseline would save queries the first run paid for
    many = map_queries(client, region)

    assert many == few


def test_representative_gets_suggestions_from_the_profile_to_confirm(
    client, chains, company, representative
):
    client.force_login(representative)

    response = client.post(reverse("chains:suggest-positions", args=[company.pk]))

    assert response.status_code == 302
    suggested = Position.objects.filter(organization=company)
    assert suggested.exists()
    assert {p.status for p in suggested} == {PositionStatus.SUGGESTED}
    assert "fuelcell.mea" in {p.link.code for p in suggested}


def test_other_people_may_not_ask_for_suggestions(client, chains, company):
    client.force_login(UserFactory(username="stranger"))

    response = client.post(reverse("chains:suggest-positions", args=[company.pk]))

    assert response.status_code == 403
    assert not Position.objects.filter(organization=company).exists()
