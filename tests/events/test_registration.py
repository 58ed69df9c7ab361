"""Registering for an event: seats, the waiting list, duplicates, the open window, approval,
the form's questions."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from alliancehub.accounts.models import AllianceRole
from alliancehub.common.domain.audit import Source, history
from alliancehub.events.domain import answers, programme
from alliancehub.events.domain import registration as registrations
from alliancehub.events.domain.registration import moment
from alliancehub.events.enums import EventStatus, QuestionKind, RegistrationStatus, Visibility
from alliancehub.events.models import Registration
from tests.factories import OrganizationFactory, UserFactory
from tests.factories.events import EventFactory, register, secretariat_of

WEB = Source.WEB
Status = RegistrationStatus


@pytest.fixture(autouse=True)
def _english():
    """The assertions below match the English wording of the domain's messages."""
    with translation.override("en"):
        yield


def statuses(event) -> dict[str, str]:
    return dict(Registration.objects.filter(event=event).values_list("name", "status"))


# Seats and the waiting list


def test_registrations_beyond_the_capacity_go_to_the_waiting_list(db):
    event = EventFactory(capacity=2)

    for name in ["Ann", "Bo", "Chen"]:
        register(event, name)

    assert statuses(event) == {"Ann": Status.CONFIRMED, "Bo": Status.CONFIRMED,
                               "Chen": Status.WAITING}  # fmt: skip
    assert registrations.seats_left(event) == 0


def test_an_event_without_capacity_confirms_everyone(db):
    event = EventFactory(capacity=None)

    for index in range(5):
        register(event, f"P{index}")

    assert set(statuses(event).values()) == {Status.CONFIRMED}
    assert registrations.seats_left(event) is None


def test_a_cancellation_gives_the_seat_to_the_first_on_the_waiting_list(db):
    event = EventFactory(capacity=1)
    ann = register(event, "Ann")
    register(event, "Bo")
    register(event, "Chen")

    registrations.cancel_registration(ann, actor=None, source=WEB)

    assert statuses(event) == {"Ann": Status.CANCELLED, "Bo": Status.CONFIRMED,
                               "Chen": Status.WAITING}  # fmt: skip


def test_the_waiting_list_is_served_in_the_order_people_joined_it(db):
    event = EventFactory(capacity=1)
    ann = register(event, "Ann")
    bo, chen = register(event, "Bo"), register(event, "Chen")
    # Bo's row was written first, but Chen joined the list earlier.
    Registration.objects.filter(pk=chen.pk).update(waiting_since=bo.waiting_since - timedelta(1))

    registrations.cancel_registration(ann, actor=None, source=WEB)

    assert statuses(event)["Chen"] == Status.CONFIRMED
    assert statuses(event)["Bo"] == Status.WAITING


def test_cancelling_a_place_on_the_waiting_list_promotes_nobody(db):
    event = EventFactory(capacity=1)
    register(event, "Ann")
    bo = register(event, "Bo")
    register(event, "Chen")

    registrations.cancel_registration(bo, actor=None, source=WEB)

    assert statuses(event) == {"Ann": Status.CONFIRMED, "Bo": Status.CANCELLED,
                               "Chen": Status.WAITING}  # fmt: skip


def test_more_seats_go_to_the_waiting_list_first_come_first_served(db):
    event = EventFactory(capacity=1)
    for name in ["Ann", "Bo", "Chen", "Dai"]:
        register(event, name)
    secretariat = secretariat_of(event.alliance)

    registrations.change_capacity(event, 3, actor=secretariat, source=WEB)

    assert statuses(event) == {"Ann": Status.CONFIRMED, "Bo": Status.CONFIRMED,
                               "Chen": Status.CONFIRMED, "Dai": Status.WAITING}  # fmt: skip


def test_removing_the_limit_through_update_event_confirms_the_whole_waiting_list(db):
    event = EventFactory(capacity=1)
    for name in ["Ann", "Bo", "Chen"]:
        register(event, name)

    programme.update_event(event, {"capacity": None, "venue": "安亭"}, actor=None, source=WEB)

    assert set(statuses(event).values()) == {Status.CONFIRMED}


def test_the_capacity_cannot_drop_below_the_seats_taken(db):
    event = EventFactory(capacity=3)
    for name in ["Ann", "Bo"]:
        register(event, name)

    with pytest.raises(ValidationError) as refusal:
        registrations.change_capacity(event, 1, actor=None, source=WEB)

    assert refusal.value.messages == ["2 seats are already taken; the event cannot have fewer."]


def test_no_one_is_promoted_once_the_event_is_cancelled(db):
    event = EventFactory(capacity=1)
    ann = register(event, "Ann")
    register(event, "Bo")
    programme.set_status(event, EventStatus.CANCELLED, actor=None, source=WEB)

    registrations.cancel_registration(ann, actor=None, source=WEB)

    assert statuses(event)["Bo"] == Status.WAITING


# Duplicates


def test_a_second_registration_with_the_same_email_is_refused(db):
    event = EventFactory()
    register(event, "Ann", email="ann@example.org")

    with pytest.raises(ValidationError) as refusal:
        register(event, "Ann Again", email=" ANN@example.org ")

    assert refusal.value.messages == ["You are already registered for this event."]


def test_a_signed_in_user_cannot_register_twice_even_with_another_address(db):
    event, user = EventFactory(), UserFactory(email="li@example.org", display_name="李雷")
    first = registrations.register(event, actor=user, source=WEB)

    with pytest.raises(ValidationError):
        registrations.register(event, actor=user, source=WEB, email="other@example.org")

    assert (first.name, first.email, first.user) == ("李雷", "li@example.org", user)


def test_the_database_refuses_a_duplicate_that_slips_past_the_check(db):
    event = EventFactory()
    ann = register(event, "Ann")

    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, name="Ann", email=ann.email,
                                    status=Status.CONFIRMED)  # fmt: skip


def test_one_may_register_again_after_cancelling(db):
    event = EventFactory()
    ann = register(event, "Ann")
    registrations.cancel_registration(ann, actor=None, source=WEB)

    again = register(event, "Ann")

    assert again.status == Status.CONFIRMED
    assert Registration.objects.filter(event=event).count() == 2


def test_a_signed_in_user_registers_with_the_profile_copied(db):
    unit = OrganizationFactory(name="上海同济经济园区发展有限公司")
    user = UserFactory(display_name="郑磊", email="zheng@example.org", organization=unit)

    registration = registrations.register(EventFactory(), actor=user, source=WEB, phone="123")

    assert (registration.name, registration.email, registration.organization_name,
            registration.phone) == ("郑磊", "zheng@example.org", "上海同济经济园区发展有限公司",
                                    "123")  # fmt: skip


# The open window


def test_registration_before_it_opens_is_refused_with_the_opening_time(db):
    opens = timezone.now() + timedelta(days=2)
    event = EventFactory(registration_opens_at=opens)

    with pytest.raises(ValidationError) as refusal:
        register(event, "Ann")

    assert refusal.value.messages == [f"Registration opens on {moment(opens)}."]
    assert not Registration.objects.exists()


def test_registration_after_the_deadline_is_refused(db):
    closed = timezone.now() - timedelta(hours=1)
    event = EventFactory(registration_opens_at=closed - timedelta(days=3),
                         registration_closes_at=closed)  # fmt: skip

    with pytest.raises(ValidationError) as refusal:
        register(event, "Ann")

    assert refusal.value.messages == [f"Registration closed on {moment(closed)}."]


def test_without_a_deadline_registration_closes_when_the_event_starts(db):
    start = timezone.now() - timedelta(minutes=5)
    event = EventFactory(starts_at=start, registration_closes_at=None,
                         registration_opens_at=start - timedelta(days=1))  # fmt: skip

    with pytest.raises(ValidationError) as refusal:
        register(event, "Ann")

    assert refusal.value.messages == [f"Registration closed on {moment(start)}."]


def test_a_cancelled_event_takes_no_registrations(db):
    event = EventFactory()
    programme.set_status(event, EventStatus.CANCELLED, actor=None, source=WEB)

    with pytest.raises(ValidationError) as refusal:
        register(event, "Ann")

    assert refusal.value.messages == ["The event was cancelled; it takes no registrations."]


def test_a_draft_event_takes_no_registrations(db):
    event = EventFactory(status=EventStatus.DRAFT)

    with pytest.raises(ValidationError) as refusal:
        register(event, "Ann")

    assert refusal.value.messages == ["The event is not published yet."]


def test_a_members_only_event_refuses_outsiders_and_takes_members(db):
    event = EventFactory(visibility=Visibility.MEMBERS)
    outsider = UserFactory()
    expert = UserFactory()
    AllianceRole.objects.create(user=expert, alliance=event.alliance, role=AllianceRole.Kind.EXPERT)

    with pytest.raises(ValidationError) as refusal:
        registrations.register(event, actor=outsider, source=WEB)
    with pytest.raises(ValidationError):
        register(event, "Anonymous")
    registration = registrations.register(event, actor=expert, source=WEB)

    assert refusal.value.messages == ["This event is open to the alliance's members only."]
    assert registration.status == Status.CONFIRMED


# Approval


def test_with_approval_a_registration_waits_for_the_secretariat(db):
    event = EventFactory(requires_approval=True, capacity=1)
    secretariat = secretariat_of(event.alliance)
    ann, bo, chen = register(event, "Ann"), register(event, "Bo"), register(event, "Chen")
    assert {ann.status, bo.status, chen.status} == {Status.PENDING}

    registrations.approve_registration(ann, actor=secretariat, source=WEB)
    registrations.approve_registration(bo, actor=secretariat, source=WEB)
    registrations.reject_registration(chen, reason="名额有限", actor=secretariat, source=WEB)

    assert statuses(event) == {"Ann": Status.CONFIRMED, "Bo": Status.WAITING,
                               "Chen": Status.REJECTED}  # fmt: skip
    ann.refresh_from_db()
    assert ann.decided_by == secretariat


def test_a_decided_registration_cannot_be_decided_again(db):
    event = EventFactory(requires_approval=True)
    ann = register(event, "Ann")
    registrations.approve_registration(ann, actor=None, source=WEB)

    with pytest.raises(ValidationError) as refusal:
        registrations.approve_registration(ann, actor=None, source=WEB)

    assert refusal.value.messages == ["This registration has already been decided."]


def test_a_rejection_needs_a_reason(db):
    ann = register(EventFactory(requires_approval=True), "Ann")

    with pytest.raises(ValidationError):
        registrations.reject_registration(ann, reason=" ", actor=None, source=WEB)


def test_an_approved_registration_on_the_waiting_list_is_promoted_later(db):
    event = EventFactory(requires_approval=True, capacity=1)
    ann, bo = register(event, "Ann"), register(event, "Bo")
    registrations.approve_registration(ann, actor=None, source=WEB)
    registrations.approve_registration(bo, actor=None, source=WEB)

    registrations.cancel_registration(ann, actor=None, source=WEB)

    assert statuses(event)["Bo"] == Status.CONFIRMED


# Cancelling


def test_a_checked_in_registration_cannot_be_cancelled(db):
    from alliancehub.events.domain.tickets import check_in

    event = EventFactory()
    ann = register(event, "Ann")
    check_in(event, registration=ann, actor=None, source=WEB)

    with pytest.raises(ValidationError) as refusal:
        registrations.cancel_registration(ann, actor=None, source=WEB)

    assert refusal.value.messages == ["You have already checked in at the event."]


def test_every_change_of_a_registration_is_audited(db):
    event = EventFactory(capacity=1)
    ann, bo = register(event, "Ann"), register(event, "Bo")

    registrations.cancel_registration(ann, actor=None, source=WEB)

    assert [entry.changes.get("status") for entry in history(ann)] == [
        [Status.CONFIRMED, Status.CANCELLED], [None, Status.CONFIRMED]]  # fmt: skip
    assert history(bo)[0].changes["status"] == [Status.WAITING, Status.CONFIRMED]


# The form's questions


@pytest.fixture
def form(db):
    event = EventFactory()
    make = answers.add_question
    return event, {
        "diet": make(event, text="Dietary needs", kind=QuestionKind.SHORT_TEXT, actor=None,
                     source=WEB),
        "topic": make(event, text="Topics", kind=QuestionKind.MULTIPLE_CHOICE, required=True,
                      choices=["制氢", "储运", "燃料电池"], actor=None, source=WEB),
        "lunch": make(event, text="Lunch?", kind=QuestionKind.YES_NO, required=True, actor=None,
                      source=WEB),
    }  # fmt: skip


def test_answers_are_stored_with_the_registration(form):
    event, q = form

    ann = register(event, "Ann", answers={q["topic"].pk: ["燃料电池", "制氢"], q["lunch"]: "yes"})

    stored = {a.question_id: a.value for a in ann.answers.all()}
    assert stored == {q["topic"].pk: ["制氢", "燃料电池"], q["lunch"].pk: True}


def test_a_missing_required_answer_or_a_foreign_option_is_refused_and_nothing_saved(form):
    event, q = form

    with pytest.raises(ValidationError) as refusal:
        register(event, "Ann", answers={q["topic"].pk: ["光伏"]})

    assert refusal.value.message_dict == {
        f"question_{q['topic'].pk}": ["Choose among the options given."],
        f"question_{q['lunch'].pk}": ["This question needs an answer."],
    }
    assert not Registration.objects.exists()


def test_a_choice_question_needs_two_options(db):
    with pytest.raises(ValidationError):
        answers.add_question(EventFactory(), text="?", kind=QuestionKind.SINGLE_CHOICE,
                             choices=["只有一个"], actor=None, source=WEB)  # fmt: skip


# Who sees an event


def test_a_public_event_is_seen_by_anyone_once_published_and_a_draft_by_the_secretariat(db):
    from django.contrib.auth.models import AnonymousUser

    public, draft = EventFactory(), EventFactory(status=EventStatus.DRAFT)
    members_only = EventFactory(alliance=public.alliance, visibility=Visibility.MEMBERS)
    secretariat, anonymous = secretariat_of(public.alliance), AnonymousUser()

    assert anonymous.has_perm("events.view", public)
    assert anonymous.has_perm("events.register", public)
    assert not anonymous.has_perm("events.view", draft)
    assert not anonymous.has_perm("events.view", members_only)
    assert secretariat.has_perm("events.view", members_only)
    assert secretariat_of(draft.alliance).has_perm("events.view", draft)
    assert not secretariat.has_perm("events.view", draft)  # another alliance's draft


def test_a_registration_is_cancelled_by_its_registrant_or_the_secretariat(db):
    event, user = EventFactory(), UserFactory()
    mine = registrations.register(event, actor=user, source=WEB)

    assert user.has_perm("events.cancel_registration", mine)
    assert secretariat_of(event.alliance).has_perm("events.cancel_registration", mine)
    assert not UserFactory().has_perm("events.cancel_registration", mine)
