"""The talent and financing boards: who may post, apply, see and answer."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from alliancehub.accounts.models import AllianceRole
from alliancehub.alliances.domain import membership
from alliancehub.alliances.enums import MembershipTier
from alliancehub.alliances.models import Alliance
from alliancehub.common.domain.audit import Source
from alliancehub.memberservices.domain import boards
from alliancehub.memberservices.models import FinancingNeed, JobApplication, JobPosting
from tests.factories import OrganizationFactory, UserFactory


@pytest.fixture
def board(db):
    alliance = Alliance.objects.create(name="绍兴市科技创新促进会", name_en="STIPA", slug="stipa")
    people = {}
    for key, name, kind in [("maker", "绍兴制造公司", "enterprise"), ("bank", "绍兴银行", "financial"),
                            ("outsider", "外地公司", "enterprise")]:  # fmt: skip
        organization = OrganizationFactory(name=name, kind=kind, region_id="330602")
        if key != "outsider":
            membership.admit(alliance, organization, MembershipTier.MEMBER, on=date(2024, 1, 1),
                             actor=None, source=Source.SYSTEM)  # fmt: skip
        people[key] = UserFactory(username=key, organization=organization)
    secretariat = UserFactory(username="secretary")
    AllianceRole.objects.create(user=secretariat, alliance=alliance,
                                role=AllianceRole.Kind.SECRETARIAT)  # fmt: skip
    return alliance, people, secretariat


def job(alliance, person, **extra):
    data = {"title": "电化学工程师", "description": "燃料电池测试",
            "valid_until": timezone.localdate() + timedelta(days=30), **extra}  # fmt: skip
    return boards.post_job(alliance, data, actor=person, source=Source.WEB)


def test_only_a_member_posts_a_position_and_never_with_a_past_date(board):
    alliance, people, _secretariat = board

    with pytest.raises(PermissionDenied):
        job(alliance, people["outsider"])
    with pytest.raises(ValidationError):
        job(alliance, people["maker"], valid_until=timezone.localdate() - timedelta(days=1))
    assert JobPosting.objects.count() == 0
    assert job(alliance, people["maker"]).organization == people["maker"].organization


def test_a_candidate_applies_once_and_not_to_a_closed_position(board):
    alliance, people, _secretariat = board
    posting = job(alliance, people["maker"])
    candidate = {"name": "张三", "email": "Zhang@example.com"}

    boards.apply_for_job(posting, candidate, actor=None, source=Source.WEB)
    with pytest.raises(ValidationError):
        boards.apply_for_job(posting, candidate | {"email": "zhang@example.com"}, actor=None,
                             source=Source.WEB)  # fmt: skip
    boards.close_job(posting, actor=people["maker"], source=Source.WEB)
    with pytest.raises(ValidationError):
        boards.apply_for_job(posting, {"name": "李四", "email": "li@example.com"}, actor=None,
                             source=Source.WEB)  # fmt: skip
    assert JobApplication.objects.count() == 1
    assert boards.talent_activity(alliance)["applications"] == 1


def test_financing_needs_are_seen_by_the_filer_the_secretariat_and_institutions_only(board):
    alliance, people, secretariat = board
    need = boards.file_need(
        alliance, {"amount": Decimal("5000000"), "stage": "a", "use_of_funds": "扩产"},
        actor=people["maker"], source=Source.WEB,
    )  # fmt: skip

    def sees(user):
        return boards.visible_needs(user, alliance).filter(pk=need.pk).exists()

    assert sees(people["maker"])
    assert sees(secretariat)
    assert sees(people["bank"])
    assert not sees(people["outsider"])


def test_only_institutions_answer_and_the_pipeline_follows_them(board):
    alliance, people, _secretariat = board
    need = boards.file_need(
        alliance, {"amount": Decimal("5000000"), "stage": "loan", "use_of_funds": "流动资金"},
        actor=people["maker"], source=Source.WEB,
    )  # fmt: skip

    with pytest.raises(PermissionDenied):
        boards.respond(need, actor=people["maker"], source=Source.WEB)
    boards.respond(need, actor=people["bank"], source=Source.WEB)
    boards.respond(need, actor=people["bank"], source=Source.WEB, status="funded")

    pipeline = boards.pipeline(alliance)
    assert (pipeline["needs_funded"], pipeline["responses_by_status"]["funded"]) == (1, 1)
    assert pipeline["amount_funded_needs"] == Decimal("5000000")


def test_a_financing_need_of_zero_or_less_is_refused(board):
    alliance, people, _secretariat = board

    with pytest.raises(ValidationError) as error:
        boards.file_need(alliance, {"amount": Decimal("0"), "stage": "a", "use_of_funds": "x"},
                         actor=people["maker"], source=Source.WEB)  # fmt: skip

    assert "amount" in error.value.message_dict
    assert FinancingNeed.objects.count() == 0
