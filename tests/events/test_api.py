"""The events API: events and their visibility, registering (anonymous, no CSRF), cancelling,
check-in, roadshow projects, judges' scores and the ranking. Whole payloads are compared."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework import serializers
from rest_framework.test import APIClient

from alliancehub.common.domain.audit import Source
from alliancehub.events.domain import answers, judging, programme, tickets
from alliancehub.events.domain import registration as registrations_domain
from alliancehub.events.domain.receipts import receipt_token
from alliancehub.events.enums import BodyRole, QuestionKind, RegistrationStatus
from alliancehub.events.models import Project, Registration, Score
from tests.factories import UserFactory
from tests.factories.events import (
    AllianceFactory,
    EventFactory,
    build_roadshow,
    deck,
    register,
    secretariat_of,
)

SYSTEM = Source.SYSTEM
Status = RegistrationStatus


def english_api(user=None) -> APIClient:
    """An API client reading English, signed in as ``user`` if given."""
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def iso(moment) -> str | None:
    return serializers.DateTimeField().to_representation(moment) if moment else None


def events_url(event=None, action: str = "") -> str:
    path = "/api/v1/events/"
    if event is not None:
        path += f"{event.pk}/"
    return path + (f"{action}/" if action else "")


def page(results: list) -> dict:
    return {"count": len(results), "count_capped": False, "next": None, "previous": None,
            "results": results}  # fmt: skip


def event_payload(event, *, seats_left=None) -> dict:
    return {
        "id": event.pk, "alliance": event.alliance.slug, "kind": event.kind, "title": event.title,
        "theme": event.theme, "starts_at": iso(event.starts_at), "ends_at": iso(event.ends_at),
        "venue": event.venue, "capacity": event.capacity, "seats_left": seats_left,
        "registration_opens_at": iso(event.registration_opens_at),
        "registration_closes_at": iso(event.registration_closes_at),
        "requires_approval": event.requires_approval, "visibility": event.visibility,
        "status": event.status, "part_of": None, "url": f"/events/{event.pk}/",
    }  # fmt: skip


def registration_payload(registration, **changes) -> dict:
    registration.refresh_from_db()
    ticket = None
    if registration.status == Status.CONFIRMED:
        ticket = reverse("events:ticket", kwargs={"token": tickets.ticket_token(registration)})
    return {
        "id": registration.pk, "event": registration.event_id, "name": registration.name,
        "email": registration.email, "phone": registration.phone,
        "organization_name": registration.organization_name,
        "job_title": registration.job_title, "status": registration.status,
        "waiting_position": None, "answers": {},
        "created_at": iso(registration.created_at),
        "checked_in_at": iso(registration.checked_in_at),
        "receipt": reverse("events:registration",
                           kwargs={"token": receipt_token(registration)}),
        "ticket": ticket,
    } | changes  # fmt: skip


# Events ------------------------------------------------------------------------------------


def test_the_events_list_shows_what_the_caller_may_see(db):
    alliance = AllianceFactory()
    public = EventFactory(alliance=alliance, title="公开论坛", capacity=100)
    EventFactory(alliance=alliance, title="会员年会", visibility="members")
    register(public, "Ann")

    response = english_api().get(events_url())

    assert response.status_code == 200
    assert response.json() == page([event_payload(public, seats_left=99)])


def test_the_event_detail_holds_its_programme_and_questions(db):
    event = EventFactory(title="氢能论坛", theme="比学赶超")
    programme.add_body(event, BodyRole.ORGANIZER, name="嘉定区归国留学人员联合会", actor=None,
                       source=SYSTEM)  # fmt: skip
    programme.add_body(event, BodyRole.GUIDING_UNIT, name="嘉定区侨联", actor=None, source=SYSTEM)
    session = programme.add_session(event, title="主旨演讲", actor=None, source=SYSTEM)
    programme.add_speaker(session, name="张焰峰", title="秘书长", talk="氢能概况", keynote=True,
                          actor=None, source=SYSTEM)  # fmt: skip
    diet = answers.add_question(event, text="饮食", kind=QuestionKind.SINGLE_CHOICE,
                                choices=["素食", "清真"], actor=None, source=SYSTEM)  # fmt: skip

    response = english_api().get(events_url(event))

    assert response.json() == event_payload(event) | {
        "description": "",
        "registration_closed": None,
        "bodies": [
            {"role": "guiding", "name": "嘉定区侨联", "organization": None},
            {"role": "organizer", "name": "嘉定区归国留学人员联合会", "organization": None},
        ],
        "sessions": [{
            "order": 1, "title": "主旨演讲", "starts_at": None, "ends_at": None, "room": "",
            "description": "",
            "speakers": [{"name": "张焰峰", "title": "秘书长", "talk": "氢能概况", "keynote": True}],
        }],
        "questions": [{"id": diet.pk, "text": "饮食", "kind": "single_choice",
                       "choices": ["素食", "清真"], "required": False}],
    }  # fmt: skip


def test_a_members_only_event_is_not_found_for_outsiders(db):
    event = EventFactory(visibility="members")
    outsider = secretariat_of(AllianceFactory())

    assert english_api().get(events_url(event)).status_code == 404
    assert english_api(outsider).get(events_url(event)).status_code == 404
    assert english_api(outsider).post(events_url(event, "registrations"),
                                      {"name": "A", "email": "a@example.org"}).status_code == 404  # fmt: skip
    assert english_api(secretariat_of(event.alliance)).get(events_url(event)).status_code == 200


# Registering -------------------------------------------------------------------------------


def test_an_anonymous_caller_registers_without_a_csrf_token(db, django_capture_on_commit_callbacks,
                                                           mailoutbox):  # fmt: skip
    event = EventFactory(capacity=100)
    diet = answers.add_question(event, text="饮食", kind=QuestionKind.SINGLE_CHOICE,
                                choices=["素食", "清真"], actor=None, source=SYSTEM)  # fmt: skip
    caller = APIClient(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")

    with django_capture_on_commit_callbacks(execute=True):
        response = caller.post(events_url(event, "registrations"), {
            "name": "王明", "email": "Wang@Example.org", "phone": "13800000000",
            "organization_name": "绍兴氢能有限公司", "job_title": "总经理",
            "answers": {str(diet.pk): "素食"},
        }, format="json")  # fmt: skip

    registration = Registration.objects.get()
    assert response.status_code == 201
    assert response.json() == registration_payload(registration, answers={str(diet.pk): "素食"})
    assert registration.email == "wang@example.org"
    assert registration.user is None
    assert mailoutbox[0].to == ["wang@example.org"]


def test_a_signed_in_session_must_send_the_csrf_token(db):
    event = EventFactory()
    caller = APIClient(enforce_csrf_checks=True)
    caller.force_login(UserFactory(username="li"))

    response = caller.post(events_url(event, "registrations"), {"name": "李"}, format="json")

    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_a_full_event_answers_with_the_place_on_the_waiting_list(db):
    event = EventFactory(capacity=1)
    register(event, "Ann")
    register(event, "Bo")

    response = english_api().post(events_url(event, "registrations"),
                                  {"name": "Chen", "email": "chen@example.org"})  # fmt: skip

    chen = Registration.objects.get(name="Chen")
    assert response.status_code == 201
    assert response.json() == registration_payload(chen, status="waiting", waiting_position=2)


def test_an_event_needing_approval_answers_pending(db):
    event = EventFactory(requires_approval=True)

    response = english_api().post(events_url(event, "registrations"),
                                  {"name": "Ann", "email": "ann@example.org"})  # fmt: skip

    assert response.status_code == 201
    assert response.json()["status"] == "pending"
    assert response.json()["ticket"] is None


def closed_event():
    return EventFactory(registration_opens_at=timezone.now() - timedelta(days=3),
                        registration_closes_at=timezone.now() - timedelta(days=1))  # fmt: skip


def event_with_ann():
    return register(EventFactory(), "Ann").event


@pytest.mark.parametrize(
    ("make", "body"),
    [
        (closed_event, {"detail": ["Registration closed on {deadline}."], "code": "closed"}),
        (event_with_ann,
         {"detail": ["You are already registered for this event."], "code": "duplicate"}),
    ],
)  # fmt: skip
def test_a_closed_event_and_a_second_registration_are_refused_with_a_clear_message(db, make, body):
    event = make()
    deadline = timezone.localtime(event.registration_closes_at).strftime("%Y-%m-%d %H:%M")

    response = english_api().post(events_url(event, "registrations"),
                                  {"name": "Ann", "email": "ann@example.org"})  # fmt: skip

    assert response.status_code == 400
    assert response.json() == {**body, "detail": [body["detail"][0].format(deadline=deadline)]}


def test_faulty_answers_are_named_by_their_question(db):
    event = EventFactory()
    diet = answers.add_question(event, text="饮食", kind=QuestionKind.SINGLE_CHOICE,
                                choices=["素食", "清真"], required=True, actor=None,
                                source=SYSTEM)  # fmt: skip
    person = {"name": "Ann", "email": "ann@example.org"}

    missing = english_api().post(events_url(event, "registrations"), person, format="json")
    wrong = english_api().post(events_url(event, "registrations"),
                               {**person, "answers": {str(diet.pk): "海鲜"}}, format="json")  # fmt: skip
    unkeyed = english_api().post(events_url(event, "registrations"),
                                 {**person, "answers": {"diet": "素食"}}, format="json")  # fmt: skip

    assert missing.json() == {"answers": {str(diet.pk): ["This question needs an answer."]}}
    assert wrong.json() == {"answers": {str(diet.pk): ["Choose among the options given."]}}
    assert unkeyed.json() == {"answers": ["Give the answers keyed by their question ids."]}
    assert not Registration.objects.exists()


def test_the_secretariat_lists_the_registrations_with_their_places(db):
    event = EventFactory(capacity=1)
    ann, bo = register(event, "Ann"), register(event, "Bo")

    response = english_api(secretariat_of(event.alliance)).get(events_url(event, "registrations"))
    searched = english_api(secretariat_of(event.alliance)).get(
        events_url(event, "registrations"), {"status": "waiting"}
    )

    assert response.json() == page([registration_payload(ann),
                                     registration_payload(bo, waiting_position=1)])  # fmt: skip
    assert [row["name"] for row in searched.json()["results"]] == ["Bo"]
    assert english_api().get(events_url(event, "registrations")).status_code == 401
    assert english_api(UserFactory()).get(events_url(event, "registrations")).status_code == 403


def test_cancelling_with_the_registrations_code_or_as_the_secretariat(db):
    event = EventFactory(capacity=1)
    ann, bo = register(event, "Ann"), register(event, "Bo")
    cancel = events_url(event, f"registrations/{ann.pk}/cancel")

    without = english_api().post(cancel)
    wrong = english_api().post(cancel, {"receipt": receipt_token(bo)})
    response = english_api().post(cancel, {"receipt": receipt_token(ann)})
    secretariat = english_api(secretariat_of(event.alliance)).post(
        events_url(event, f"registrations/{bo.pk}/cancel")
    )

    assert (without.status_code, wrong.status_code) == (401, 403)
    assert response.status_code == 200
    assert response.json() == registration_payload(ann, status="cancelled", ticket=None)
    assert secretariat.json()["status"] == "cancelled"


# Check-in ----------------------------------------------------------------------------------


def test_check_in_by_ticket_code_and_a_second_scan(db):
    event = EventFactory()
    ann = register(event, "Ann")
    desk = english_api(secretariat_of(event.alliance))
    code = tickets.ticket_token(ann)

    first = desk.post(events_url(event, "check-in"), {"token": code})
    second = desk.post(events_url(event, "check-in"), {"token": code})

    ann.refresh_from_db()
    at = timezone.localtime(ann.checked_in_at).strftime("%H:%M")
    assert first.status_code == 200
    assert first.json() == registration_payload(ann)
    assert first.json()["checked_in_at"] is not None
    assert second.status_code == 400
    assert second.json() == {"detail": [f"Already checked in at {at}."], "code": "reused"}


def test_check_in_refusals_carry_their_code(db):
    event = EventFactory()
    other = EventFactory(alliance=event.alliance)
    desk = english_api(secretariat_of(event.alliance))
    elsewhere = tickets.ticket_token(register(other, "Bo"))
    ann = register(event, "Ann")

    forged = desk.post(events_url(event, "check-in"), {"token": "abc"})
    foreign = desk.post(events_url(event, "check-in"), {"token": elsewhere})
    by_id = desk.post(events_url(event, "check-in"), {"registration": ann.pk})

    assert forged.json() == {"detail": ["This code is not a valid ticket."], "code": "forged"}
    assert foreign.json() == {"detail": ["This ticket is for another event."],
                              "code": "other_event"}  # fmt: skip
    assert by_id.json()["checked_in_at"] is not None
    assert english_api().post(events_url(event, "check-in"), {"token": "x"}).status_code == 401
    assert english_api(UserFactory()).post(events_url(event, "check-in"),
                                           {"token": "x"}).status_code == 403  # fmt: skip


# Roadshows ---------------------------------------------------------------------------------


@pytest.fixture
def show(db):
    return build_roadshow(pitches=2, judges=2)


def test_a_signed_in_applicant_submits_a_project_with_its_deck(show):
    applicant = UserFactory(username="applicant")

    response = english_api(applicant).post(events_url(show.event, "projects"), {
        "title": "离网制氢", "organization_name": "氢维科技", "stage": "angel",
        "financing_sought": "5000000.00", "deck": deck("pitch.pdf"),
    }, format="multipart")  # fmt: skip

    project = Project.objects.get(title="离网制氢")
    assert response.status_code == 201
    assert response.json() == {
        "id": project.pk, "title": "离网制氢", "presenter": "氢维科技", "organization": None,
        "organization_name": "氢维科技", "team": "", "link": None, "stage": "angel",
        "financing_sought": "5000000.00", "summary": "",
        "deck": f"/events/projects/{project.pk}/deck/", "submitted_at": iso(project.submitted_at),
        "status": "submitted", "reason": "", "pitch": None,
    }  # fmt: skip
    assert project.submitted_by == applicant


def test_a_project_with_a_wrong_deck_is_refused_and_only_the_secretariat_lists_projects(show):
    refused = english_api(UserFactory(username="applicant")).post(
        events_url(show.event, "projects"), {"title": "x", "deck": deck("x.doc")},
        format="multipart",
    )  # fmt: skip
    listed = english_api(show.secretariat).get(events_url(show.event, "projects"))

    assert refused.json() == {"detail": ["Upload the pitch deck as a PDF, PPT or PPTX file."],
                              "code": "type"}  # fmt: skip
    assert [p["title"] for p in listed.json()] == ["项目1", "项目2"]
    assert listed.json()[0]["pitch"]["order"] == 1
    assert english_api(show.judges[0]).get(events_url(show.event, "projects")).status_code == 403
    assert english_api().post(events_url(show.event, "projects"), {"title": "x"}).status_code == 401


def scores_url(setup, pitch) -> str:
    return events_url(setup.event, f"pitches/{pitch.pk}/scores")


def test_a_judge_scores_a_pitch(show):
    judge, pitch = show.judges[0], show.pitches[0]
    technology, market = show.criteria

    response = english_api(judge).post(scores_url(show, pitch), {
        "scores": {str(technology.pk): "8.5", str(market.pk): 7}, "feedback": "技术扎实",
    }, format="json")  # fmt: skip

    assignment = pitch.assignments.get(judge=judge)
    assert response.status_code == 200
    assert response.json() == {
        "pitch": pitch.pk, "judge": judge.username, "role": "expert",
        "scores": {str(technology.pk): "8.50", str(market.pk): "7.00"}, "feedback": "技术扎实",
        "scored_at": iso(assignment.scored_at), "conflicted": False,
    }  # fmt: skip


def test_a_score_out_of_scale_is_refused_and_nothing_saved(show):
    technology, market = show.criteria

    response = english_api(show.judges[0]).post(scores_url(show, show.pitches[0]), {
        "scores": {str(technology.pk): 11, str(market.pk): 0}, "feedback": "好",
    }, format="json")  # fmt: skip

    assert response.status_code == 400
    assert response.json() == {"scores": {str(technology.pk): ["Score between 1 and 10."],
                                          str(market.pk): ["Score between 1 and 10."]}}  # fmt: skip
    assert not Score.objects.exists()


def test_an_unassigned_or_conflicted_judge_cannot_score(show):
    stranger = UserFactory(username="stranger")
    judging.declare_conflict(show.pitches[0], note="顾问", actor=show.judges[1], source=SYSTEM)
    body = {"scores": {str(c.pk): 5 for c in show.criteria}}

    unassigned = english_api(stranger).post(scores_url(show, show.pitches[0]), body, format="json")
    conflicted = english_api(show.judges[1]).post(scores_url(show, show.pitches[0]), body,
                                                  format="json")  # fmt: skip

    assert unassigned.status_code == 404
    assert conflicted.status_code == 403
    assert conflicted.json() == {"detail": "You declared a conflict of interest with this project."}


def test_before_the_release_a_judge_reads_only_their_own_scores(show):
    first, second = show.judges
    pitch = show.pitches[0]
    for judge, value in ((first, 8), (second, 4)):
        judging.submit_scores(pitch, {c.pk: value for c in show.criteria}, actor=judge,
                              source=SYSTEM)  # fmt: skip

    before = english_api(first).get(scores_url(show, pitch)).json()
    judging.release_scores(show.roadshow, actor=None, source=SYSTEM)
    after = english_api(first).get(scores_url(show, pitch)).json()
    secretariat = english_api(show.secretariat).get(scores_url(show, pitch)).json()

    assert [(card["judge"], card["scores"][str(show.criteria[0].pk)]) for card in before] == [
        (first.username, "8.00")]  # fmt: skip
    assert [card["judge"] for card in after] == [first.username, None]
    assert [card["judge"] for card in secretariat] == [first.username, second.username]


def test_the_ranking_is_released_to_the_judges(show):
    first, second = show.judges
    for judge, values in ((first, (9, 3)), (second, (6, 5))):
        for pitch, value in zip(show.pitches, values, strict=True):
            judging.submit_scores(pitch, {c.pk: value for c in show.criteria}, actor=judge,
                                  source=SYSTEM)  # fmt: skip

    before = english_api(first).get(events_url(show.event, "ranking"))
    response = english_api(show.secretariat).get(events_url(show.event, "ranking"))
    judging.release_scores(show.roadshow, actor=None, source=SYSTEM)
    after = english_api(first).get(events_url(show.event, "ranking"))

    assert before.status_code == 403
    first_pitch, second_pitch = show.pitches
    assert response.json() == [
        {"rank": 1, "pitch": first_pitch.pk, "order": 1, "project": first_pitch.project_id,
         "title": "项目1", "presenter": "路演企业1", "normalised": 1.0, "raw_mean": "7.50",
         "judges": 2},
        {"rank": 2, "pitch": second_pitch.pk, "order": 2, "project": second_pitch.project_id,
         "title": "项目2", "presenter": "路演企业2", "normalised": -1.0, "raw_mean": "4.00",
         "judges": 2},
    ]  # fmt: skip
    assert after.json() == response.json()
    assert english_api().get(events_url(show.event, "ranking")).status_code == 401


def test_the_schema_documents_the_events_endpoints(db):
    schema = english_api().get("/api/v1/schema/", {"format": "json"}).json()

    paths = schema["paths"]
    assert "post" in paths["/api/v1/events/{id}/registrations/"]
    assert "post" in paths["/api/v1/events/{id}/check-in/"]
    assert "post" in paths["/api/v1/events/{id}/pitches/{pitch_id}/scores/"]
    assert "get" in paths["/api/v1/events/{id}/ranking/"]


def test_the_roadshow_api_knows_no_call_for_a_forum(db):
    event = EventFactory()

    assert (
        english_api(secretariat_of(event.alliance)).get(events_url(event, "ranking")).status_code
        == 404
    )


# Bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        (QuestionKind.SINGLE_CHOICE, 5, "Choose among the options given."),
        (QuestionKind.MULTIPLE_CHOICE, {"素食": True}, "Choose among the options given."),
        (QuestionKind.MULTIPLE_CHOICE, ["素食", 3], "Choose among the options given."),
        (QuestionKind.SHORT_TEXT, ["素食", "清真"], "Answer with text."),
        (QuestionKind.LONG_TEXT, {"text": "素食"}, "Answer with text."),
        (QuestionKind.SHORT_TEXT, True, "Answer with text."),
        (QuestionKind.YES_NO, ["yes"], "Answer yes or no."),
    ],
)
def test_an_answer_of_the_wrong_shape_is_refused_under_its_question_and_nothing_saved(
    db, kind, value, message
):
    event = EventFactory()
    choices = ["素食", "清真"] if kind in (QuestionKind.SINGLE_CHOICE,
                                        QuestionKind.MULTIPLE_CHOICE) else []  # fmt: skip
    question = answers.add_question(event, text="饮食", kind=kind, choices=choices, actor=None,
                                    source=SYSTEM)  # fmt: skip

    response = english_api().post(events_url(event, "registrations"), {
        "name": "Ann", "email": "ann@example.org", "answers": {str(question.pk): value},
    }, format="json")  # fmt: skip

    assert response.status_code == 400
    assert response.json() == {"answers": {str(question.pk): [message]}}
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e30", "Score between 1 and 10."),
        ("-1e30", "Score between 1 and 10."),
        ("NaN", "Give a number."),
        ("Infinity", "Give a number."),
        ("八", "Give a number."),
        ("7.555", "Give a number with at most two decimals."),
    ],
)
def test_a_score_that_is_no_usable_number_says_why_and_nothing_is_saved(show, value, message):
    technology, market = show.criteria

    response = english_api(show.judges[0]).post(scores_url(show, show.pitches[0]), {
        "scores": {str(technology.pk): value, str(market.pk): "5"},
    }, format="json")  # fmt: skip

    assert response.status_code == 400
    assert response.json() == {"scores": {str(technology.pk): [message]}}
    assert not Score.objects.exists()


def test_a_project_naming_no_presenting_organisation_is_refused(show):
    response = english_api(UserFactory(username="applicant")).post(
        events_url(show.event, "projects"), {"title": "离网制氢", "deck": deck()},
        format="multipart",
    )  # fmt: skip

    assert response.status_code == 400
    assert response.json() == {
        "organization_name": ["Name the organisation that presents the project."]
    }
    assert not Project.objects.filter(title="离网制氢").exists()


def test_an_unknown_registration_status_filter_is_refused_not_ignored(db):
    event = EventFactory()
    register(event, "Ann")

    response = english_api(secretariat_of(event.alliance)).get(
        events_url(event, "registrations"), {"status": "lost"}
    )

    assert response.status_code == 400
    assert list(response.json()) == ["status"]


# Query counts ------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_the_events_list_query_count_does_not_grow_with_events(
    db, django_assert_num_queries, count
):
    for n in range(count):
        register(EventFactory(title=f"论坛{n}", capacity=10), f"P{n}")
    client = english_api()

    # the count, the page (with the alliance and the confirmed seats)
    with django_assert_num_queries(2):
        response = client.get(events_url())

    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_the_registrations_list_query_count_does_not_grow_with_registrations(
    db, django_assert_num_queries, count
):
    event = EventFactory(capacity=1)
    question = answers.add_question(event, text="饮食", kind=QuestionKind.SHORT_TEXT, actor=None,
                                    source=SYSTEM)  # fmt: skip
    for n in range(count):
        registrations_domain.register(event, actor=None, source=SYSTEM, name=f"P{n}",
                                      email=f"p{n}@example.org",
                                      answers={question.pk: "素食"})  # fmt: skip
    client = english_api(secretariat_of(event.alliance))

    # the user's roles and secretariat roles (which events), the event, the user's roles in
    # its alliance, the count, the page, its answers, the waiting list
    with django_assert_num_queries(8):
        response = client.get(events_url(event, "registrations"))

    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_the_projects_list_query_count_does_not_grow_with_projects(
    db, django_assert_num_queries, count
):
    setup = build_roadshow(pitches=count, judges=1)
    client = english_api(setup.secretariat)

    # the user's roles and secretariat roles (which events), the event, the call, the user's
    # roles in its alliance, the projects (with their pitch and link)
    with django_assert_num_queries(6):
        response = client.get(events_url(setup.event, "projects"))

    assert len(response.json()) == count


@pytest.mark.parametrize("count", [1, 3])
def test_the_ranking_query_count_does_not_grow_with_pitches(db, django_assert_num_queries, count):
    setup = build_roadshow(pitches=count, judges=2)
    for judge in setup.judges:
        for pitch in setup.pitches:
            judging.submit_scores(pitch, {c.pk: 5 for c in setup.criteria}, actor=judge,
                                  source=SYSTEM)  # fmt: skip
    client = english_api(setup.secretariat)

    # the user's roles and secretariat roles (which events), the event, the call, the user's
    # roles in its alliance, the criteria, the scorecards, their scores, the pitches (with
    # their project)
    with django_assert_num_queries(9):
        response = client.get(events_url(setup.event, "ranking"))

    assert len(response.json()) == count
