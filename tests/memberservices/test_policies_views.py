"""The policy library's pages: what the public, a member and the secretariat see, the
"does it apply to my organisation" checklist, the secretariat's forms, and the list's query
count."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from alliancehub.chains.models import Link
from alliancehub.common.models import Notification
from alliancehub.memberservices.domain import policies
from alliancehub.memberservices.models import Policy
from alliancehub.organizations.models import Region
from tests.chains.conftest import chains, hydrogen, place  # noqa: F401  (fixtures)
from tests.factories.memberservices import WEB, build_world


@pytest.fixture
def world(db):
    return build_world()


def base(world, tail=""):
    return f"/services/{world.alliance.slug}/policies/{tail}"


def enter(world, title="高新技术企业培育奖励", *, publish=True, regions=(), links=(), **data):
    data = {"title": title, "issuer": "绍兴市科学技术局", "issued_on": date(2026, 3, 1),
            "summary": "对首次认定的高新技术企业给予奖励。", **data}  # fmt: skip
    return policies.create_policy(
        world.alliance, data, regions=regions, links=links, publish=publish,
        actor=world.secretariat, source=WEB,
    )  # fmt: skip


def titles(response):
    assert response.status_code == 200
    return sorted(policy.title for policy in response.context["page"].object_list)


# The library -----------------------------------------------------------------------------------


def test_the_public_reads_the_published_policies_in_force_only(client, world):
    enter(world, "现行政策")
    enter(world, "草稿政策", publish=False)
    enter(world, "过期政策", effective_until=timezone.localdate() - timedelta(days=1))

    assert titles(client.get(base(world))) == ["现行政策"]
    assert titles(client.get(base(world), {"when": "all"})) == ["现行政策", "过期政策"]


def test_the_secretariat_also_sees_its_drafts(client, world):
    enter(world, "现行政策")
    enter(world, "草稿政策", publish=False)
    client.force_login(world.secretariat)

    response = client.get(base(world))

    assert titles(response) == ["现行政策", "草稿政策"]
    assert "草稿政策" in response.content.decode()


def test_the_library_filters_by_issuer_region_and_words(client, world):
    enter(world, "越城区人才新政", issuer="越城区人民政府",
          issuing_region=Region.objects.get(code="330602"))  # fmt: skip
    enter(world, "浙江省首台套政策", issuer="浙江省经济和信息化厅",
          issuing_region=Region.objects.get(code="330000"), document_number="浙经信〔2026〕3号")  # fmt: skip

    assert titles(client.get(base(world), {"issuer": "越城区"})) == ["越城区人才新政"]
    assert titles(client.get(base(world), {"region": "330600"})) == ["越城区人才新政"]
    assert titles(client.get(base(world), {"search": "浙经信"})) == ["浙江省首台套政策"]


def test_another_alliances_policy_is_not_found_here(client, world):
    other = policies.create_policy(
        world.other, {"title": "苏州政策", "issuer": "苏州市", "issued_on": date(2026, 1, 1),
                      "summary": "x"}, publish=True, actor=world.other_secretariat, source=WEB,
    )  # fmt: skip

    assert titles(client.get(base(world))) == []
    assert client.get(base(world, f"{other.pk}/")).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_the_library_query_count_does_not_grow_with_rows(
    client, world, django_assert_num_queries, count
):
    for n in range(count):
        enter(world, f"政策{n}", issuing_region=Region.objects.get(code="330600"))
    client.force_login(world.member)

    # session, user, alliance, roles, member roles, the count, the page
    with django_assert_num_queries(7):
        response = client.get(base(world))

    assert len(response.context["page"].object_list) == count


# A policy's page and the checklist -------------------------------------------------------------


def test_a_draft_is_not_found_except_by_the_secretariat(client, world):
    draft = enter(world, publish=False)

    assert client.get(base(world, f"{draft.pk}/")).status_code == 404
    client.force_login(world.member)
    assert client.get(base(world, f"{draft.pk}/")).status_code == 404
    client.force_login(world.secretariat)
    assert client.get(base(world, f"{draft.pk}/")).status_code == 200


def test_a_member_sees_which_conditions_its_organisation_meets(client, world):
    found = enter(world, regions=[Region.objects.get(code="330600")], kinds=["enterprise"],
                  high_tech_only=True)  # fmt: skip
    client.force_login(world.member)

    response = client.get(base(world, f"{found.pk}/"), HTTP_ACCEPT_LANGUAGE="en")

    [(unit, conditions, applies)] = response.context["checklists"]
    assert unit == world.unit
    assert [(c.label, c.met) for c in conditions] == [
        ("Located in Shaoxing", True), ("Kind of organisation", True),
        ("Recognised high-tech enterprise", False),
    ]  # fmt: skip
    assert applies is False
    page = response.content.decode()
    assert f"Does it apply to {world.unit.name_en}?" in page
    assert "does not meet every condition" in page


def test_a_chain_link_condition_counts_the_members_confirmed_position(client, world, hydrogen):  # noqa: F811
    fuelcell = Link.objects.get(chain=hydrogen, code="fuelcell")
    found = enter(world, links=[fuelcell])
    place(world.unit, hydrogen, "fuelcell.mea")
    client.force_login(world.member)

    response = client.get(base(world, f"{found.pk}/"))

    [(_unit, conditions, applies)] = response.context["checklists"]
    assert [c.met for c in conditions] == [True]
    assert applies is True


def test_the_public_sees_the_conditions_but_no_checklist(client, world):
    found = enter(world, sizes=["small", "micro"], min_age_years=3)

    response = client.get(base(world, f"{found.pk}/"), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert response.context["checklists"] == []
    page = response.content.decode()
    assert "Enterprise size: Small、Micro" in page
    assert "Founded at least 3 years ago" in page


def test_policies_for_my_organisation_lists_those_it_meets(client, world):
    enter(world, "绍兴政策", regions=[Region.objects.get(code="330600")])
    enter(world, "杭州政策", regions=[Region.objects.get(code="330100")])
    enter(world, "草稿", publish=False)
    client.force_login(world.member)

    response = client.get(base(world, "mine/"))

    [(unit, found)] = response.context["groups"]
    assert (unit, [p.title for p in found]) == (world.unit, ["绍兴政策"])


def test_policies_for_my_organisation_is_for_member_representatives(client, world):
    client.force_login(world.provider)
    assert client.get(base(world, "mine/")).status_code == 403
    client.logout()
    assert client.get(base(world, "mine/")).status_code == 302


# The secretariat's forms ---------------------------------------------------------------------


def form_data(**changes):
    data = {
        "title": "首台套装备保险补偿", "issuer": "浙江省经济和信息化厅", "document_number": "",
        "issuing_region": "330000", "issued_on": "2026-02-01", "effective_from": "2026-02-01",
        "effective_until": "", "summary": "对首台套装备给予保费补贴。", "full_text": "",
        "source_url": "", "regions": ["330600"], "kinds": ["enterprise"],
        "sizes": ["small", "medium"], "min_age_years": "", "max_age_years": "",
    }  # fmt: skip
    return {key: value for key, value in {**data, **changes}.items() if value is not None}


def test_the_secretariat_enters_a_policy_with_its_conditions(client, world, hydrogen):  # noqa: F811
    fuelcell = Link.objects.get(chain=hydrogen, code="fuelcell")
    client.force_login(world.secretariat)
    assert client.get(base(world, "new/")).status_code == 200

    response = client.post(base(world, "new/"), form_data(links=[str(fuelcell.pk)]))

    made = Policy.objects.get()
    assert response.status_code == 302
    assert response["Location"] == base(world, f"{made.pk}/")
    assert (made.issuing_region_id, made.kinds, made.sizes, made.published_at) == (
        "330000", ["enterprise"], ["small", "medium"], None,
    )  # fmt: skip
    assert [r.code for r in made.regions.all()] == ["330600"]
    assert list(made.links.all()) == [fuelcell]


def test_publishing_tells_the_members_it_applies_to_with_a_link_to_the_page(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(base(world, "new/"), form_data(publish="1", sizes=None))

    made = Policy.objects.get()
    assert made.published_at is not None
    notes = Notification.objects.filter(user=world.member)
    assert [n.url for n in notes] == [base(world, f"{made.pk}/")]


def test_the_secretariat_edits_and_publishes_a_draft(client, world):
    draft = enter(world, publish=False)
    client.force_login(world.secretariat)
    assert client.get(base(world, f"{draft.pk}/edit/")).status_code == 200

    client.post(base(world, f"{draft.pk}/edit/"), form_data(title="改名后的政策", regions=None))
    client.post(base(world, f"{draft.pk}/publish/"))

    draft.refresh_from_db()
    assert (draft.title, draft.published_at is not None, draft.regions.count()) == (
        "改名后的政策", True, 0,
    )  # fmt: skip


def test_a_policy_that_ends_before_it_starts_is_refused_with_the_reason(client, world):
    client.force_login(world.secretariat)

    response = client.post(base(world, "new/"), form_data(effective_until="2026-01-01"),
                           HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip

    assert response.status_code == 400
    assert "A policy cannot end before it starts." in response.content.decode()
    assert not Policy.objects.exists()


def test_only_the_secretariat_keeps_the_library(client, world):
    found = enter(world)
    client.force_login(world.member)

    assert client.get(base(world, "new/")).status_code == 403
    assert client.get(base(world, f"{found.pk}/edit/")).status_code == 403
    assert client.post(base(world, f"{found.pk}/publish/")).status_code == 403


def test_changing_who_a_policy_is_for_is_audited(client, world):
    from alliancehub.common.domain import audit

    found = enter(world, regions=[Region.objects.get(code="330600")])
    client.force_login(world.secretariat)

    client.post(base(world, f"{found.pk}/edit/"), form_data(
        title=found.title, issuer=found.issuer, issuing_region="", issued_on="2026-03-01",
        effective_from="", summary=found.summary, kinds=None, sizes=None, regions=["330100"],
    ))  # fmt: skip

    entry = audit.history(found).filter(action="update").order_by("-id").first()
    assert entry.changes == {"regions": [["330600"], ["330100"]]}
