"""An investor who judged a pitch asks to meet the team; contacts only after acceptance."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from alliancehub.accounts.models import AllianceRole
from alliancehub.common.domain.audit import Source
from alliancehub.events.domain import interest, judging
from alliancehub.events.enums import InterestStatus, JudgeRole
from alliancehub.events.models import InvestorInterest
from tests.factories import UserFactory
from tests.factories.events import build_roadshow

SYSTEM = Source.SYSTEM


@pytest.fixture
def pitched(db):
    setup = build_roadshow(pitches=1, judges=1)  # one expert judge
    pitch = setup.pitches[0]
    investor = UserFactory(username="investor", email="vc@example.com")
    AllianceRole.objects.create(user=investor, alliance=setup.event.alliance,
                                role=AllianceRole.Kind.EXPERT)  # fmt: skip
    judging.assign_judge(pitch, investor, role=JudgeRole.INVESTOR, actor=setup.secretariat,
                         source=SYSTEM)  # fmt: skip
    presenter = UserFactory(username="founder", email="founder@example.com")
    pitch.project.submitted_by = presenter
    pitch.project.save(update_fields=["submitted_by"])
    return setup, pitch, investor, presenter


def test_an_investor_judge_asks_and_the_team_accepts_then_both_see_contacts(client, pitched):
    setup, pitch, investor, presenter = pitched
    client.force_login(investor)

    client.post(reverse("events:pitch-interest", args=[setup.event.pk, pitch.pk]),
                {"message": "想进一步了解"})  # fmt: skip
    asked = InvestorInterest.objects.get()
    assert interest.contacts(asked, presenter) is None
    client.force_login(presenter)
    page = client.get(reverse("events:project", args=[pitch.project.pk])).content.decode()
    assert "想进一步了解" in page
    assert "vc@example.com" not in page
    client.post(reverse("events:interest-answer", args=[asked.pk, "accept"]), {"reply": "欢迎"})

    asked.refresh_from_db()
    assert asked.status == InterestStatus.ACCEPTED
    assert interest.contacts(asked, presenter)["email"] == "vc@example.com"
    assert interest.contacts(asked, investor)["email"] == "founder@example.com"
    page = client.get(reverse("events:project", args=[pitch.project.pk])).content.decode()
    assert "vc@example.com" in page
    assert interest.contacts(asked, UserFactory(username="nosy")) is None


def test_an_expert_judge_is_not_an_investor_and_nobody_asks_twice(pitched):
    setup, pitch, investor, _presenter = pitched

    with pytest.raises(PermissionDenied):
        interest.ask_for_introduction(pitch.project, actor=setup.judges[0], source=SYSTEM)
    interest.ask_for_introduction(pitch.project, actor=investor, source=SYSTEM)
    with pytest.raises(ValidationError):
        interest.ask_for_introduction(pitch.project, actor=investor, source=SYSTEM)
    assert InvestorInterest.objects.count() == 1


def test_only_the_team_answers_and_only_once(client, pitched):
    _setup, pitch, investor, presenter = pitched
    asked = interest.ask_for_introduction(pitch.project, actor=investor, source=SYSTEM)
    client.force_login(UserFactory(username="stranger"))

    refused = client.post(reverse("events:interest-answer", args=[asked.pk, "accept"]))

    assert refused.status_code == 403
    interest.answer(asked, accept=False, actor=presenter, source=SYSTEM)
    with pytest.raises(ValidationError):
        interest.answer(asked, accept=True, actor=presenter, source=SYSTEM)
