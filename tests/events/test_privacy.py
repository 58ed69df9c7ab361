"""Who may read and change what: a ticket's code (printed on the badge people wear) opens
nothing more than the ticket, a pitch deck never sits at an address anyone can guess, a page
names no event its reader may not see, and nobody judges a project they present."""

from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from alliancehub.accounts.models import AllianceRole
from alliancehub.common.domain.audit import Source
from alliancehub.events.domain import judging, roadshow, tickets
from alliancehub.events.domain.receipts import receipt_token
from alliancehub.events.models import Project, Registration
from tests.factories import OrganizationFactory, UserFactory
from tests.factories.events import (
    AllianceFactory,
    EventFactory,
    build_roadshow,
    deck,
    register,
    secretariat_of,
)

SYSTEM = Source.SYSTEM


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def text(response) -> str:
    return response.content.decode()


# Tickets and receipts ----------------------------------------------------------------------


def test_a_ticket_code_read_off_a_badge_opens_neither_the_registration_nor_its_cancelling(
    client, db
):
    ann = register(EventFactory(), "Ann", phone="13800000000")
    ticket = reverse("events:ticket", kwargs={"token": tickets.ticket_token(ann)})

    page = text(client.get(ticket))

    assert "Ann" in page  # the ticket itself, as the badge shows it
    assert receipt_token(ann) not in page
    assert "ann@example.org" not in page
    assert "13800000000" not in page


def test_the_signed_in_registrant_finds_the_way_back_to_the_registration_from_the_ticket(
    client, db
):
    event = EventFactory()
    user: Any = UserFactory(username="ann", email="ann@example.org")
    client.force_login(user)
    client.post(reverse("events:register", args=[event.pk]), {"name": "Ann",
                                                              "email": "ann@example.org"})  # fmt: skip
    ann = Registration.objects.get()

    page = text(client.get(reverse("events:ticket", kwargs={"token": tickets.ticket_token(ann)})))

    assert reverse("events:registration", kwargs={"token": receipt_token(ann)}) in page


def test_the_ticket_email_holds_the_registrations_own_link_to_cancel_it(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ann = register(EventFactory(), "Ann")

    assert reverse("events:registration", kwargs={"token": receipt_token(ann)}) in (
        mailoutbox[0].body
    )


# Pitch decks -------------------------------------------------------------------------------


def test_a_pitch_deck_is_stored_under_a_name_nobody_can_guess(db):
    show = build_roadshow(pitches=0, judges=0)

    first, second = (
        roadshow.submit_project(show.roadshow, title=title, organization_name="氢维科技",
                                actor=None, source=SYSTEM, deck=deck("商业计划书.pdf"))
        for title in ("甲", "乙")
    )  # fmt: skip

    names = [Path(project.deck.name).name for project in (first, second)]
    assert all("商业计划书" not in name and name.endswith(".pdf") for name in names)
    assert names[0] != names[1]
    assert all(len(Path(name).stem) >= 20 for name in names)


def test_a_pitch_deck_downloads_under_its_projects_name(client, db):
    show = build_roadshow(pitches=0, judges=0)
    project = roadshow.submit_project(show.roadshow, title="分布式离网水制氢",
                                      organization_name="氢维科技", actor=None, source=SYSTEM,
                                      deck=deck("bp.pdf"))  # fmt: skip
    client.force_login(show.secretariat)

    response = client.get(reverse("events:deck", args=[project.pk]))

    assert response.status_code == 200
    assert "filename*=utf-8''%E5%88%86" in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith(".pdf")


# Pages naming other events -----------------------------------------------------------------


def test_a_segment_does_not_name_a_main_event_its_reader_may_not_see(client, db):
    alliance = AllianceFactory()
    main = EventFactory(alliance=alliance, title="会员内部年会", visibility="members")
    part = EventFactory(alliance=alliance, title="公开路演专场", part_of=main)

    anonymous = text(client.get(reverse("events:event", args=[part.pk])))
    client.force_login(secretariat_of(alliance))
    secretariat = text(client.get(reverse("events:event", args=[part.pk])))

    assert "公开路演专场" in anonymous
    assert "会员内部年会" not in anonymous
    assert "会员内部年会" in secretariat


# Judges ------------------------------------------------------------------------------------


def test_a_projects_presenter_is_not_assigned_to_judge_it(db):
    show = build_roadshow(pitches=1, judges=0)
    unit = OrganizationFactory(name="氢维科技有限公司")
    Project.objects.filter(pk=show.pitches[0].project_id).update(organization=unit)
    presenter: Any = UserFactory(username="presenter", organization=unit)
    AllianceRole.objects.create(user=presenter, alliance=show.event.alliance,
                                role=AllianceRole.Kind.EXPERT)  # fmt: skip
    pitch = show.pitches[0]
    pitch.project.refresh_from_db()

    with pytest.raises(ValidationError) as refused:
        judging.assign_judge(pitch, presenter, actor=show.secretariat, source=SYSTEM)

    assert refused.value.code == "presenter"
    assert not pitch.assignments.exists()


def test_only_an_expert_of_the_alliance_is_assigned_to_judge(db):
    show = build_roadshow(pitches=1, judges=0)
    stranger: Any = UserFactory(username="stranger")
    other_expert: Any = UserFactory(username="other-expert")
    AllianceRole.objects.create(user=other_expert, alliance=AllianceFactory(),
                                role=AllianceRole.Kind.EXPERT)  # fmt: skip

    for judge in (stranger, other_expert):
        with pytest.raises(ValidationError) as refused:
            judging.assign_judge(show.pitches[0], judge, actor=show.secretariat, source=SYSTEM)
        assert refused.value.code == "not_expert"
    assert not show.pitches[0].assignments.exists()


# Rules -------------------------------------------------------------------------------------


def test_the_events_rules_read_the_alliance_of_a_registration_not_an_alliance_with_its_id(db):
    alliance, other = AllianceFactory(), AllianceFactory()
    secretariat = secretariat_of(alliance)
    # An object of another alliance whose id happens to be this alliance's id.
    stranger = Registration(pk=alliance.pk, event=EventFactory(alliance=other))

    assert not secretariat.has_perm("events.manage", stranger)
    assert secretariat.has_perm("events.manage", alliance)
