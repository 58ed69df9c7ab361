"""The talent and financing boards' pages: who sees which posting, application and financing
need, the forms and their refusals, and the lists' query counts.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from alliancehub.chains.models import Link
from alliancehub.memberservices.domain import boards
from alliancehub.memberservices.models import FinancingNeed, JobApplication, JobPosting
from alliancehub.organizations.models import Region
from tests.chains.conftest import chains, hydrogen  # noqa: F401  (fixtures)
from tests.factories.memberservices import WEB, Boards, build_boards, file, post


@pytest.fixture
def world(db) -> Boards:
    return build_boards()


def region(code):
    return Region.objects.get(code=code)


def talent(world, tail=""):
    return f"/services/{world.alliance.slug}/talent/{tail}"


def financing(world, tail=""):
    return f"/services/{world.alliance.slug}/financing/{tail}"


def listed(response):
    """The rows of a list page: postings by title, needs by id."""
    assert response.status_code == 200
    return sorted(getattr(row, "title", row.pk) for row in response.context["page"].object_list)


# The talent board ------------------------------------------------------------------------------


def test_anyone_reads_the_open_positions_only(client, world):
    post(world, title="在招岗位")
    closed = post(world, title="已关闭岗位")
    boards.close_job(closed, actor=world.member, source=WEB)
    expired = post(world, title="已过期岗位")
    JobPosting.objects.filter(pk=expired.pk).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )

    assert listed(client.get(talent(world))) == ["在招岗位"]
    assert client.get(talent(world, f"{closed.pk}/")).status_code == 404
    client.force_login(world.member)
    assert client.get(talent(world, f"{closed.pk}/")).status_code == 200


def test_the_board_filters_by_chain_link_and_place_of_work(client, world, hydrogen):  # noqa: F811
    mea = Link.objects.get(chain=hydrogen, code="fuelcell.mea")
    storage = Link.objects.get(chain=hydrogen, code="storage")
    post(world, title="膜电极工程师", link=mea, region=region("330602"))
    post(world, title="储氢工程师", link=storage, region=region("320505"))

    assert listed(client.get(talent(world), {"link": "hydrogen:fuelcell"})) == ["膜电极工程师"]
    assert listed(client.get(talent(world), {"region": "330600"})) == ["膜电极工程师"]
    assert listed(client.get(talent(world), {"region": "江苏省"})) == ["储氢工程师"]


@pytest.mark.parametrize("count", [1, 3])
def test_the_board_query_count_does_not_grow_with_rows(
    client,
    world,
    hydrogen,  # noqa: F811
    django_assert_num_queries,
    count,
):
    mea = Link.objects.get(chain=hydrogen, code="fuelcell.mea")
    for n in range(count):
        post(world, title=f"岗位{n}", link=mea, region=region("330602"))

    # alliance, the links for the filter, the count, the page
    with django_assert_num_queries(4):
        response = client.get(talent(world))

    assert len(response.context["page"].object_list) == count


def test_an_anonymous_candidate_applies_once(client, world):
    posting = post(world)
    candidate = {"name": "张三", "email": "zhang@example.com", "phone": "13800000000",
                 "message": "五年燃料电池测试经验。"}  # fmt: skip

    sent = client.post(talent(world, f"{posting.pk}/"), candidate)
    again = client.post(talent(world, f"{posting.pk}/"), candidate | {"email": "Zhang@Example.com"},
                        HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip

    assert sent.status_code == 302
    made = JobApplication.objects.get()
    assert (made.name, made.email, made.applicant, made.status) == (
        "张三", "zhang@example.com", None, "received",
    )  # fmt: skip
    assert again.status_code == 400
    assert "You have already applied for this position." in again.content.decode()


def test_a_member_posts_a_position_but_never_with_a_past_date(client, world):
    client.force_login(world.member)
    assert client.get(talent(world, "new/")).status_code == 200
    form = {"title": "氢能销售经理", "description": "负责华东市场。", "openings": "2", "salary": "面议",
            "region": "越城区", "valid_until": (timezone.localdate() + timedelta(days=10)).isoformat()}  # fmt: skip

    past = client.post(talent(world, "new/"), form | {"valid_until": "2020-01-01"},
                       HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    made_response = client.post(talent(world, "new/"), form)

    assert past.status_code == 400
    assert past.context["form"].errors["valid_until"] == ["The valid-until date is in the past."]
    made = JobPosting.objects.get()
    assert made_response["Location"] == talent(world, f"{made.pk}/")
    assert (made.organization, made.region_id, made.openings) == (world.unit, "330602", 2)


def test_someone_of_no_member_organisation_cannot_post(client, world):
    client.force_login(world.provider)

    assert client.get(talent(world, "new/")).status_code == 403


def test_the_posting_organisation_moves_its_candidates_along(client, world):
    posting = post(world)
    application = boards.apply_for_job(posting, {"name": "李四", "email": "li@example.com"},
                                       actor=None, source=WEB)  # fmt: skip
    client.force_login(world.member)

    page = client.get(talent(world, f"{posting.pk}/applications/"))
    client.post(talent(world, f"applications/{application.pk}/status/"), {"status": "shortlisted"})

    assert [row.name for row, _form in page.context["rows"]] == ["李四"]
    application.refresh_from_db()
    assert application.status == "shortlisted"


def test_nobody_else_reads_or_moves_the_candidates(client, world):
    posting = post(world)
    application = boards.apply_for_job(posting, {"name": "李四", "email": "li@example.com"},
                                       actor=None, source=WEB)  # fmt: skip
    client.force_login(world.neighbour)

    assert client.get(talent(world, f"{posting.pk}/applications/")).status_code == 404
    response = client.post(talent(world, f"applications/{application.pk}/status/"),
                           {"status": "hired"})  # fmt: skip

    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == "received"


def test_the_posting_organisation_closes_its_position(client, world):
    posting = post(world)
    client.force_login(world.neighbour)
    assert client.post(talent(world, f"{posting.pk}/close/")).status_code == 404
    client.force_login(world.member)

    client.post(talent(world, f"{posting.pk}/close/"))

    posting.refresh_from_db()
    assert posting.status == "closed"
    mine = client.get(talent(world, "mine/"))
    assert [(p.title, p.received) for p in mine.context["page"].object_list] == [
        ("电化学工程师", 0)
    ]


def test_the_secretariat_follows_the_talent_activity(client, world):
    posting = post(world, openings=3)
    boards.apply_for_job(posting, {"name": "王五", "email": "wang@example.com"}, actor=None,
                         source=WEB)  # fmt: skip
    client.force_login(world.secretariat)

    response = client.get(talent(world, "activity/"))

    activity = response.context["activity"]
    assert (activity["postings"], activity["openings"], activity["applications"]) == (1, 3, 1)
    client.force_login(world.member)
    assert client.get(talent(world, "activity/")).status_code == 403


# The financing board ---------------------------------------------------------------------------


def test_a_member_sees_only_its_own_financing_needs(client, world):
    own = file(world, amount="5000000")
    neighbours = file(world, who="neighbour", amount="800000")
    client.force_login(world.member)

    assert listed(client.get(financing(world))) == [own.pk]
    assert client.get(financing(world, f"{own.pk}/")).status_code == 200
    assert client.get(financing(world, f"{neighbours.pk}/")).status_code == 404


def test_institutions_see_the_open_needs_and_only_their_own_answers(client, world):
    need = file(world)
    closed = file(world, who="neighbour", amount="800000")
    boards.close_need(closed, actor=world.neighbour, source=WEB)
    boards.respond(need, status="in_talks", message="请提供近三年财报。", actor=world.fund,
                   source=WEB)  # fmt: skip
    client.force_login(world.bank)

    assert listed(client.get(financing(world))) == [need.pk]
    page = client.get(financing(world, f"{need.pk}/"))
    assert list(page.context["responses"]) == []  # not the fund's answer
    assert page.context["can_answer"] is True
    assert client.get(financing(world, f"{closed.pk}/")).status_code == 404


def test_an_institution_of_another_alliance_sees_nothing(client, world):
    need = file(world)
    client.force_login(world.other_bank)

    assert client.get(financing(world)).status_code == 403
    assert client.get(financing(world, f"{need.pk}/")).status_code == 404
    assert client.post(financing(world, f"{need.pk}/respond/"),
                       {"status": "interested"}).status_code == 404  # fmt: skip


def test_the_secretariat_sees_every_need_and_the_pipeline(client, world):
    need = file(world)
    closed = file(world, who="neighbour", amount="800000")
    boards.close_need(closed, actor=world.neighbour, source=WEB)
    boards.respond(need, status="funded", actor=world.bank, source=WEB)
    client.force_login(world.secretariat)

    assert listed(client.get(financing(world))) == [need.pk, closed.pk]
    assert len(client.get(financing(world, f"{need.pk}/")).context["responses"]) == 1
    pipeline = client.get(financing(world, "pipeline/")).context["pipeline"]
    assert (pipeline["needs"], pipeline["needs_funded"]) == (2, 1)
    client.force_login(world.member)
    assert client.get(financing(world, "pipeline/")).status_code == 403


def test_others_are_refused_the_board(client, world):
    need = file(world)
    client.force_login(world.provider)
    assert client.get(financing(world)).status_code == 403
    assert client.get(financing(world, "new/")).status_code == 403
    assert client.get(financing(world, f"{need.pk}/")).status_code == 404
    client.logout()
    assert client.get(financing(world)).status_code == 302


def test_a_member_files_a_need_and_a_zero_amount_is_refused(client, world):
    client.force_login(world.member)
    assert client.get(financing(world, "new/")).status_code == 200
    form = {"amount": "0", "stage": "loan", "use_of_funds": "流动资金"}

    zero = client.post(financing(world, "new/"), form, HTTP_ACCEPT_LANGUAGE="en")
    made_response = client.post(financing(world, "new/"), form | {"amount": "3000000"})

    assert zero.status_code == 400
    assert zero.context["form"].errors["amount"] == ["The amount must be more than zero."]
    made = FinancingNeed.objects.get()
    assert made_response["Location"] == financing(world, f"{made.pk}/")
    assert (made.organization, made.amount, made.stage) == (world.unit, Decimal("3000000"), "loan")


def test_an_institution_answers_and_the_member_reads_every_answer(client, world):
    need = file(world)
    boards.respond(need, status="interested", actor=world.fund, source=WEB)
    client.force_login(world.bank)

    client.post(financing(world, f"{need.pk}/respond/"), {"status": "term_sheet",
                                                          "message": "已出具授信意向。"})  # fmt: skip
    client.force_login(world.member)
    page = client.get(financing(world, f"{need.pk}/"))

    answers = sorted((r.institution.name, r.status) for r in page.context["responses"])
    assert answers == [("绍兴市产业基金", "interested"), ("绍兴银行", "term_sheet")]
    assert page.context["can_answer"] is False


def test_a_member_cannot_answer_and_closes_its_need(client, world):
    need = file(world)
    client.force_login(world.member)

    refused = client.post(financing(world, f"{need.pk}/respond/"), {"status": "funded"},
                          follow=True, HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    client.post(financing(world, f"{need.pk}/close/"))

    assert [str(m) for m in refused.context["messages"]] == [
        "Only the alliance's financial institutions may answer."
    ]
    need.refresh_from_db()
    assert (need.status, need.responses.count()) == ("closed", 0)


@pytest.mark.parametrize("count", [1, 3])
def test_the_needs_query_count_does_not_grow_with_rows(
    client, world, django_assert_num_queries, count
):
    for n in range(count):
        boards.respond(file(world, amount=f"{n + 1}000000"), actor=world.bank, source=WEB)
    client.force_login(world.secretariat)

    # session, user, alliance, roles, member roles, the count, the page
    with django_assert_num_queries(7):
        response = client.get(financing(world))

    assert [need.answers for need in response.context["page"].object_list] == [1] * count


def test_an_institution_keeps_seeing_the_needs_it_filed_or_answered_once_closed(client, world):
    answered = file(world)
    boards.respond(answered, actor=world.bank, source=WEB)
    boards.close_need(answered, actor=world.member, source=WEB)
    own = file(world, who="bank", amount="900000")
    boards.close_need(own, actor=world.bank, source=WEB)
    client.force_login(world.bank)

    assert listed(client.get(financing(world))) == [answered.pk, own.pk]
