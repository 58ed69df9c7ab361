"""The API of the policy library and the talent and financing boards: whole payloads, who
sees and does what, the refusals, and the schema."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from rest_framework import serializers
from rest_framework.test import APIClient

from alliancehub.chains.models import Link
from alliancehub.memberservices.domain import boards, policies
from alliancehub.memberservices.models import FinancingNeed, JobApplication, JobPosting
from alliancehub.organizations.models import Region
from tests.chains.conftest import chains, hydrogen, place  # noqa: F401  (fixtures)
from tests.factories.memberservices import WEB, build_boards, file, post


@pytest.fixture
def world(db):
    return build_boards()


def api(user=None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def url(world, resource, tail=""):
    return f"/api/v1/alliances/{world.alliance.slug}/{resource}/{tail}"


def iso(value):
    return serializers.DateTimeField().to_representation(value) if value else None


def results(response, key="id"):
    assert response.status_code == 200, response.json()
    return sorted(row[key] for row in response.json()["results"])


# Policies --------------------------------------------------------------------------------------


def enter(world, title="高新技术企业培育奖励", *, publish=True, regions=(), links=(), **data):
    data = {"title": title, "issuer": "绍兴市科学技术局", "issued_on": date(2026, 3, 1),
            "summary": "对首次认定的高新技术企业给予奖励。", **data}  # fmt: skip
    return policies.create_policy(world.alliance, data, regions=regions, links=links,
                                  publish=publish, actor=world.secretariat, source=WEB)  # fmt: skip


def test_a_policy_comes_back_whole(world, hydrogen):  # noqa: F811
    fuelcell = Link.objects.get(chain=hydrogen, code="fuelcell")
    found = enter(
        world, document_number="绍市科〔2026〕5号", issuing_region=Region.objects.get(code="330600"),
        effective_from=date(2026, 3, 1), full_text="第一条 ……", source_url="https://kjj.sx.gov.cn/1",
        kinds=["enterprise"], sizes=["small", "micro"], min_age_years=3,
        regions=[Region.objects.get(code="330600")], links=[fuelcell],
    )  # fmt: skip

    response = api().get(url(world, "policies", f"{found.pk}/"))

    assert response.status_code == 200
    assert response.json() == {
        "id": found.pk, "title": "高新技术企业培育奖励", "issuer": "绍兴市科学技术局",
        "document_number": "绍市科〔2026〕5号", "issuing_region": "330600",
        "issued_on": "2026-03-01", "effective_from": "2026-03-01", "effective_until": None,
        "in_force": True, "summary": "对首次认定的高新技术企业给予奖励。",
        "source_url": "https://kjj.sx.gov.cn/1", "regions": ["330600"],
        "links": ["hydrogen:fuelcell"], "kinds": ["enterprise"], "sizes": ["small", "micro"],
        "high_tech_only": False, "min_age_years": 3, "max_age_years": None,
        "published_at": iso(found.published_at), "full_text": "第一条 ……",
    }  # fmt: skip
    listed = api().get(url(world, "policies")).json()["results"]
    assert [row["id"] for row in listed] == [found.pk]
    assert "full_text" not in listed[0]


def test_the_public_reads_published_policies_in_force_unless_it_asks_for_all(world):
    current = enter(world, "现行")
    draft = enter(world, "草稿", publish=False)
    expired = enter(world, "过期", effective_until=timezone.localdate() - timedelta(days=1))

    assert results(api().get(url(world, "policies"))) == [current.pk]
    assert results(api().get(url(world, "policies"), {"when": "all"})) == [current.pk, expired.pk]
    assert api().get(url(world, "policies", f"{expired.pk}/")).status_code == 200
    assert api().get(url(world, "policies", f"{draft.pk}/")).status_code == 404
    assert results(api(world.secretariat).get(url(world, "policies"))) == [current.pk, draft.pk]


def test_policies_for_me_are_those_my_organisation_meets(world):
    yes = enter(world, "绍兴", regions=[Region.objects.get(code="330600")])
    enter(world, "杭州", regions=[Region.objects.get(code="330100")])

    response = api(world.member).get(url(world, "policies", "for-me/"))

    assert results(response) == [yes.pk]
    assert response.json()["results"][0]["in_force"] is True
    assert api(world.provider).get(url(world, "policies", "for-me/")).status_code == 403
    assert api().get(url(world, "policies", "for-me/")).status_code == 401
    assert api(world.member).get(url(world, "policies", "for-me/"),
                                 {"organization": world.neighbour_unit.pk}).json() == {
        "organization": ["You do not represent this organisation here."]
    }  # fmt: skip


# Job postings ----------------------------------------------------------------------------------


def posting_payload(posting):
    posting = JobPosting.objects.select_related("organization", "link__chain").get(pk=posting.pk)
    return {
        "id": posting.pk, "organization": {"id": posting.organization_id,
                                           "name": posting.organization.name},
        "title": posting.title, "description": posting.description,
        "link": posting.link.key if posting.link else None, "region": posting.region_id,
        "openings": posting.openings, "salary": posting.salary,
        "valid_until": posting.valid_until.isoformat(), "status": posting.status,
        "created_at": iso(posting.created_at),
    }  # fmt: skip


def test_a_member_posts_a_position(world, hydrogen):  # noqa: F811
    valid_until = (timezone.localdate() + timedelta(days=20)).isoformat()

    response = api(world.member).post(url(world, "job-postings"), {
        "title": "电堆工程师", "description": "电堆设计。", "link": "hydrogen:fuelcell.stack",
        "region": "330602", "openings": 2, "salary": "20–30万元", "valid_until": valid_until,
    })  # fmt: skip

    assert response.status_code == 201
    made = JobPosting.objects.get()
    assert response.json() == posting_payload(made)
    assert (made.organization, made.link.key, made.region_id) == (
        world.unit, "hydrogen:fuelcell.stack", "330602",
    )  # fmt: skip
    assert results(api().get(url(world, "job-postings"))) == [made.pk]


def test_posting_refuses_a_past_date_an_unknown_link_a_non_member_and_no_account(world):
    body = {"title": "岗位", "description": "x", "valid_until": "2020-01-01"}

    past = api(world.member).post(url(world, "job-postings"), body)
    unknown = api(world.member).post(url(world, "job-postings"), body | {"link": "hydrogen:nope"})
    outsider = api(world.provider).post(url(world, "job-postings"),
                                        body | {"valid_until": "2099-01-01"})  # fmt: skip
    anonymous = api().post(url(world, "job-postings"), body)

    assert (past.status_code, past.json()) == (
        400,
        {"valid_until": ["The valid-until date is in the past."]},
    )
    assert unknown.json() == {"link": ["Unknown chain link: hydrogen:nope."]}
    assert (outsider.status_code, outsider.json()) == (
        403,
        {"detail": "Only a member organisation of the alliance may do this."},
    )
    assert anonymous.status_code == 401
    assert not JobPosting.objects.exists()


def test_anyone_applies_and_the_posting_organisation_reads_and_moves_the_candidates(world):
    posting = post(world)
    applications = url(world, "job-postings", f"{posting.pk}/applications/")

    sent = api().post(applications, {"name": "张三", "email": "zhang@example.com"})
    twice = api().post(applications, {"name": "张三", "email": "ZHANG@example.com"})
    made = JobApplication.objects.get()
    moved = api(world.member).post(
        url(world, "job-postings", f"{posting.pk}/applications/{made.pk}/status/"),
        {"status": "shortlisted"},
    )  # fmt: skip
    listed = api(world.member).get(applications)

    assert sent.status_code == 201
    assert twice.json() == {"detail": ["You have already applied for this position."]}
    payload = {"id": made.pk, "posting": posting.pk, "name": "张三", "email": "zhang@example.com",
               "phone": "", "message": "", "status": "shortlisted",
               "created_at": iso(made.created_at)}  # fmt: skip
    assert moved.json() == payload
    assert listed.json()["results"] == [payload]
    assert api(world.neighbour).get(applications).status_code == 403
    assert api().get(applications).status_code == 401


def test_the_posting_organisation_closes_its_position_and_it_leaves_the_board(world):
    posting = post(world)

    refused = api(world.neighbour).post(url(world, "job-postings", f"{posting.pk}/close/"))
    closed = api(world.member).post(url(world, "job-postings", f"{posting.pk}/close/"))

    assert (refused.status_code, refused.json()) == (
        403,
        {"detail": "Only the organisation that posted it may close it."},
    )
    assert closed.json()["status"] == "closed"
    assert results(api().get(url(world, "job-postings"))) == []
    assert api().get(url(world, "job-postings", f"{posting.pk}/")).status_code == 404
    late = api().post(url(world, "job-postings", f"{posting.pk}/applications/"),
                      {"name": "李四", "email": "li@example.com"})  # fmt: skip
    assert late.status_code == 404


# Financing needs -------------------------------------------------------------------------------


def test_a_financing_need_comes_back_whole(world, hydrogen):  # noqa: F811
    need = file(world, amount="5000000", stage="loan",
                link=Link.objects.get(chain=hydrogen, code="fuelcell.mea"))  # fmt: skip
    answer = boards.respond(need, status="in_talks", message="请提供近三年财报。", actor=world.bank,
                            source=WEB)  # fmt: skip

    response = api(world.member).get(url(world, "financing-needs", f"{need.pk}/"))

    assert response.status_code == 200
    assert response.json() == {
        "id": need.pk, "organization": {"id": world.unit.pk, "name": "浙江天洁环境科技股份有限公司"},
        "amount": "5000000.00", "stage": "loan", "use_of_funds": "扩建膜电极产线",
        "link": "hydrogen:fuelcell.mea", "status": "open", "created_at": iso(need.created_at),
        "responses": [{
            "id": answer.pk, "institution": {"id": world.bank_unit.pk, "name": "绍兴银行"},
            "status": "in_talks", "message": "请提供近三年财报。",
            "created_at": iso(answer.created_at), "updated_at": iso(answer.updated_at),
        }],
    }  # fmt: skip


def test_who_sees_which_financing_need(world):
    own = file(world)
    neighbours = file(world, who="neighbour", amount="800000")
    boards.close_need(neighbours, actor=world.neighbour, source=WEB)

    assert results(api(world.member).get(url(world, "financing-needs"))) == [own.pk]
    assert results(api(world.secretariat).get(url(world, "financing-needs"))) == [
        own.pk, neighbours.pk,
    ]  # fmt: skip
    assert results(api(world.bank).get(url(world, "financing-needs"))) == [own.pk]
    assert api(world.other_bank).get(url(world, "financing-needs")).status_code == 403
    assert api(world.other_bank).get(url(world, "financing-needs", f"{own.pk}/")).status_code == 404  # fmt: skip
    assert api(world.member).get(url(world, "financing-needs", f"{neighbours.pk}/")).status_code == 404  # fmt: skip
    assert api(world.other_secretariat).get(url(world, "financing-needs")).status_code == 403
    assert api().get(url(world, "financing-needs")).status_code == 401


def test_an_institution_sees_only_its_own_answer(world):
    need = file(world)
    boards.respond(need, status="interested", actor=world.fund, source=WEB)
    boards.respond(need, status="in_talks", actor=world.bank, source=WEB)

    def answers(user):
        found = api(user).get(url(world, "financing-needs", f"{need.pk}/")).json()["responses"]
        return sorted(row["institution"]["name"] for row in found)

    assert answers(world.bank) == ["绍兴银行"]
    assert answers(world.member) == ["绍兴市产业基金", "绍兴银行"]
    assert answers(world.secretariat) == ["绍兴市产业基金", "绍兴银行"]


def test_a_member_files_a_need_and_zero_is_refused(world):
    body = {"amount": "0", "stage": "a", "use_of_funds": "扩产"}

    zero = api(world.member).post(url(world, "financing-needs"), body)
    made = api(world.member).post(url(world, "financing-needs"), body | {"amount": "2000000"})
    outsider = api(world.other_bank).post(url(world, "financing-needs"), body | {"amount": "1"})

    assert (zero.status_code, zero.json()) == (400, {"amount": ["The amount must be more than zero."]})  # fmt: skip
    assert made.status_code == 201
    need = FinancingNeed.objects.get()
    assert made.json()["id"] == need.pk
    assert (need.organization, made.json()["amount"], made.json()["responses"]) == (
        world.unit, "2000000.00", [],
    )  # fmt: skip
    assert outsider.status_code == 403


def test_an_institution_answers_then_moves_its_answer_on(world):
    need = file(world)
    responses = url(world, "financing-needs", f"{need.pk}/responses/")

    first = api(world.bank).post(responses, {"status": "interested", "message": "可对接。"})
    then = api(world.bank).post(responses, {"status": "funded"})
    by_member = api(world.member).post(responses, {"status": "funded"})

    assert (first.status_code, first.json()["status"]) == (201, "interested")
    assert (then.status_code, then.json()["status"], then.json()["message"]) == (
        200, "funded", "可对接。",
    )  # fmt: skip
    assert (by_member.status_code, by_member.json()) == (
        403,
        {"detail": "Only the alliance's financial institutions may answer."},
    )
    assert boards.pipeline(world.alliance)["needs_funded"] == 1


def test_the_filing_member_closes_its_need(world):
    need = file(world)

    by_bank = api(world.bank).post(url(world, "financing-needs", f"{need.pk}/close/"))
    closed = api(world.member).post(url(world, "financing-needs", f"{need.pk}/close/"))

    assert by_bank.status_code == 403
    assert closed.json()["status"] == "closed"


@pytest.mark.parametrize("count", [1, 3])
def test_the_needs_list_query_count_does_not_grow_with_rows(
    world, django_assert_num_queries, count
):
    for n in range(count):
        boards.respond(file(world, amount=f"{n + 1}000000"), actor=world.bank, source=WEB)
    client = api(type(world.bank).objects.get(pk=world.bank.pk))  # no cached roles

    # alliance, roles, the institution (for the gate, then for the visibility rule), the
    # count, the page, the answers
    with django_assert_num_queries(7):
        response = client.get(url(world, "financing-needs"))

    assert len(response.json()["results"]) == count


def test_the_schema_describes_the_boards_routes(db):
    response = APIClient().get("/api/v1/schema/", {"format": "json"})

    paths = set(response.json()["paths"])
    prefix = "/api/v1/alliances/{slug}/"
    assert {
        f"{prefix}policies/", f"{prefix}policies/{{id}}/", f"{prefix}policies/for-me/",
        f"{prefix}job-postings/", f"{prefix}job-postings/{{id}}/",
        f"{prefix}job-postings/{{id}}/close/", f"{prefix}job-postings/{{id}}/applications/",
        f"{prefix}job-postings/{{id}}/applications/{{application}}/status/",
        f"{prefix}financing-needs/", f"{prefix}financing-needs/{{id}}/",
        f"{prefix}financing-needs/{{id}}/close/", f"{prefix}financing-needs/{{id}}/responses/",
    } <= paths  # fmt: skip
