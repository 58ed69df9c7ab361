"""The request workflow: submitted → accepted → in progress → resolved → closed, reopen;
who may take each step; comments; ratings; overdue flagging; the secretariat's figures."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from alliancehub.common.domain import audit
from alliancehub.common.models import Notification
from alliancehub.memberservices.domain import figures, requests
from alliancehub.memberservices.domain.overdue import is_overdue, notify_newly_overdue
from alliancehub.memberservices.enums import RequestStatus
from alliancehub.memberservices.models import ServiceRequest
from alliancehub.memberservices.tasks import notify_overdue_requests
from tests.factories.memberservices import WEB, build_world, submit


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def english(settings):
    """Messages in English: the active language, and the language notifications are written
    in for people who chose none."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


S = RequestStatus


def accepted(world):
    return requests.accept_request(submit(world), actor=world.secretariat, source=WEB)


def in_progress(world):
    return requests.start_request(accepted(world), actor=world.secretariat, source=WEB)


def resolved(world):
    return requests.resolve_request(in_progress(world), actor=world.secretariat, source=WEB)


def closed(world):
    return requests.close_request(resolved(world), actor=world.member, source=WEB)


def titles(user):
    return list(Notification.objects.filter(user=user).values_list("title", flat=True))


def test_the_whole_way_from_submission_to_closing(world, english):
    made = submit(world)
    assert (made.status, made.due_at) == (S.SUBMITTED, made.submitted_at + timedelta(hours=48))
    assert titles(world.secretariat) == ["New service request: 申请认定辅导"]

    made = requests.accept_request(made, actor=world.secretariat, source=WEB)
    made = requests.assign_request(made, provider=world.provider_unit, actor=world.secretariat,
                                   source=WEB)  # fmt: skip
    assert titles(world.provider) == ["A service request was assigned to you: 申请认定辅导"]
    made = requests.start_request(made, actor=world.provider, source=WEB)
    made = requests.resolve_request(made, actor=world.provider, source=WEB, note="材料已梳理完毕。")
    made = requests.rate_request(made, score=5, comment="很专业", actor=world.member, source=WEB)
    made = requests.close_request(made, actor=world.member, source=WEB)

    made.refresh_from_db()
    assert made.status == S.CLOSED
    assert made.first_response_at == made.accepted_at
    assert made.resolved_at <= made.closed_at
    assert (made.rating, made.rating_comment) == (5, "很专业")
    assert [c.body for c in made.comments.all()] == ["材料已梳理完毕。"]
    statuses = [entry.changes.get("status") for entry in audit.history(made).order_by("id")]
    assert [s for s in statuses if s] == [
        [None, "submitted"], ["submitted", "accepted"], ["accepted", "in_progress"],
        ["in_progress", "resolved"], ["resolved", "closed"],
    ]  # fmt: skip
    assert "Your service request is now “Resolved”: 申请认定辅导" in titles(world.member)


@pytest.mark.parametrize(
    ("build", "verb", "message"),
    [
        (accepted, requests.accept_request,
         "Only a submitted request can be accepted; this one is “Accepted”."),
        (submit, requests.start_request,
         "Only an accepted request can be started; this one is “Submitted”."),
        (accepted, requests.resolve_request,
         "Only a request in progress can be resolved; this one is “Accepted”."),
        (in_progress, requests.close_request,
         "Only a resolved request can be closed; this one is “In progress”."),
        (closed, requests.close_request,
         "Only a resolved request can be closed; this one is “Closed”."),
        (in_progress, requests.reopen_request,
         "Only a resolved or closed request can be reopened; this one is “In progress”."),
        (submit, requests.reopen_request,
         "Only a resolved or closed request can be reopened; this one is “Submitted”."),
    ],
)  # fmt: skip
def test_a_transition_from_the_wrong_state_is_refused_with_the_state_named(
    world, english, build, verb, message
):
    made = build(world)
    before = made.status

    with pytest.raises(ValidationError) as refused:
        verb(made, actor=world.secretariat, source=WEB)

    assert refused.value.messages == [message]
    made.refresh_from_db()
    assert made.status == before


def test_assigning_before_accepting_is_refused(world, english):
    with pytest.raises(ValidationError, match=re.escape("Accept the request before assigning it.")):
        requests.assign_request(submit(world), provider=world.provider_unit,
                                actor=world.secretariat, source=WEB)  # fmt: skip


def test_assigning_a_resolved_request_is_refused(world, english):
    with pytest.raises(
        ValidationError, match=re.escape("A request that is “Resolved” cannot be assigned.")
    ):
        requests.assign_request(resolved(world), provider=world.provider_unit,
                                actor=world.secretariat, source=WEB)  # fmt: skip


def test_assigning_needs_exactly_one_assignee(world, english):
    made = accepted(world)
    for people in ({}, {"assignee": world.expert, "provider": world.provider_unit}):
        with pytest.raises(
            ValidationError, match=re.escape("to a person or to a provider, not both")
        ):
            requests.assign_request(made, actor=world.secretariat, source=WEB, **people)


def test_only_the_services_providers_and_the_alliances_people_can_be_assigned(world, english):
    made = accepted(world)

    with pytest.raises(ValidationError) as not_provider:
        requests.assign_request(made, provider=world.neighbour_unit, actor=world.secretariat,
                                source=WEB)  # fmt: skip
    with pytest.raises(ValidationError) as not_staff:
        requests.assign_request(made, assignee=world.neighbour, actor=world.secretariat,
                                source=WEB)  # fmt: skip

    assert not_provider.value.message_dict == {
        "provider": ["This organisation does not provide this service."]
    }
    assert not_staff.value.message_dict == {
        "assignee": ["Assign the request to someone of the secretariat or an expert."]
    }


def test_an_assigned_expert_starts_and_resolves(world):
    made = requests.assign_request(accepted(world), assignee=world.expert,
                                   actor=world.secretariat, source=WEB)  # fmt: skip
    made = requests.start_request(made, actor=world.expert, source=WEB)
    made = requests.resolve_request(made, actor=world.expert, source=WEB)

    assert made.status == S.RESOLVED


@pytest.mark.parametrize(
    ("build", "verb", "who"),
    [
        (submit, requests.accept_request, "member"),
        (submit, requests.accept_request, "provider"),
        (submit, requests.accept_request, "other_secretariat"),
        (accepted, requests.start_request, "member"),
        (accepted, requests.start_request, "provider"),  # not assigned to it
        (in_progress, requests.resolve_request, "member"),
        (resolved, requests.close_request, "neighbour"),
        (resolved, requests.close_request, "provider"),
        (resolved, requests.reopen_request, "outsider"),
    ],
)
def test_a_step_by_someone_who_may_not_take_it_is_refused(world, build, verb, who):
    made = build(world)

    with pytest.raises(PermissionDenied):
        verb(made, actor=getattr(world, who), source=WEB)


def test_only_a_member_of_the_alliance_may_submit(world, english):
    with pytest.raises(PermissionDenied, match=re.escape("You do not represent this member")):
        requests.submit_request(world.service, organization=world.unit, subject="x",
                                description="y", actor=world.neighbour, source=WEB)  # fmt: skip
    with pytest.raises(PermissionDenied):
        requests.submit_request(world.service, organization=world.unit, subject="x",
                                description="y", actor=world.outsider, source=WEB)  # fmt: skip


def test_an_empty_subject_and_description_are_refused_together(world, english):
    with pytest.raises(ValidationError) as refused:
        submit(world, subject=" ", description="")

    assert refused.value.message_dict == {
        "subject": ["Give the request a subject."], "description": ["Describe what you need."],
    }  # fmt: skip


def test_attachments_are_kept_and_their_limits_named(world, english, settings):
    ok = SimpleUploadedFile("研发费用明细.xlsx", b"PK\x03\x04 data")
    made = submit(world, attachments=[ok])
    assert [(a.name, a.size) for a in made.attachments.all()] == [("研发费用明细.xlsx", 9)]

    bad = SimpleUploadedFile("setup.exe", b"MZ")
    big = SimpleUploadedFile("扫描件.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as refused:
        submit(world, attachments=[bad, big])

    assert refused.value.message_dict == {"attachments": [
        "“setup.exe” cannot be attached: upload a PDF, Word, Excel, PowerPoint, text, image (PNG, JPEG) or ZIP file.",
        "“扫描件.pdf” is larger than 10 MB.",
    ]}  # fmt: skip
    assert ServiceRequest.objects.count() == 1


def test_comments_come_from_the_member_the_secretariat_and_the_assignee(world, english):
    made = requests.assign_request(accepted(world), provider=world.provider_unit,
                                   actor=world.secretariat, source=WEB)  # fmt: skip
    for who in ("member", "secretariat", "provider"):
        requests.comment_on_request(made, f"{who} 的意见", actor=getattr(world, who), source=WEB)

    assert [c.author for c in made.comments.order_by("id")] == [
        world.member, world.secretariat, world.provider,
    ]  # fmt: skip
    assert "New comment on the service request “申请认定辅导”" in titles(world.member)
    with pytest.raises(PermissionDenied):
        requests.comment_on_request(made, "插话", actor=world.neighbour, source=WEB)


def test_a_closed_request_takes_no_comment(world, english):
    with pytest.raises(
        ValidationError, match=re.escape("The request is closed: reopen it to comment.")
    ):
        requests.comment_on_request(closed(world), "还有问题", actor=world.member, source=WEB)


def test_the_secretariats_first_comment_is_the_first_response(world):
    made = submit(world)
    requests.comment_on_request(made, "补充材料", actor=world.member, source=WEB)
    made.refresh_from_db()
    assert made.first_response_at is None

    comment = requests.comment_on_request(made, "收到", actor=world.secretariat, source=WEB)

    made.refresh_from_db()
    assert made.first_response_at == comment.created_at


def test_rating_waits_for_the_resolution_and_is_from_one_to_five(world, english):
    made = in_progress(world)
    with pytest.raises(ValidationError) as early:
        requests.rate_request(made, score=4, actor=world.member, source=WEB)
    assert early.value.messages == [
        "The outcome can be rated once the request is resolved; it is “In progress”."
    ]

    made = requests.resolve_request(made, actor=world.secretariat, source=WEB)
    with pytest.raises(ValidationError) as out_of_range:
        requests.rate_request(made, score=6, actor=world.member, source=WEB)
    assert out_of_range.value.message_dict == {"rating": ["Rate the outcome from 1 to 5."]}
    with pytest.raises(PermissionDenied):
        requests.rate_request(made, score=5, actor=world.secretariat, source=WEB)


def test_reopening_goes_back_to_in_progress_with_a_fresh_target(world):
    made = closed(world)
    requests.rate_request(made, score=2, actor=world.member, source=WEB)

    made = requests.reopen_request(made, actor=world.member, source=WEB, reason="问题未解决")

    made.refresh_from_db()
    assert (made.status, made.resolved_at, made.closed_at) == (S.IN_PROGRESS, None, None)
    assert made.due_at > made.submitted_at + timedelta(hours=48)
    assert made.comments.get().body == "问题未解决"
    made = requests.resolve_request(made, actor=world.secretariat, source=WEB)
    assert (
        requests.reopen_request(made, actor=world.secretariat, source=WEB).status == S.IN_PROGRESS
    )


# Overdue ---------------------------------------------------------------------------------------


def test_overdue_only_after_the_target_time_has_passed(world):
    made = accepted(world)
    due = made.submitted_at + timedelta(hours=48)

    assert not is_overdue(made, due - timedelta(seconds=1))
    assert not is_overdue(made, due)  # resolved at this very moment: within the target
    assert is_overdue(made, due + timedelta(seconds=1))


def test_a_resolved_request_is_never_overdue(world):
    made = resolved(world)

    assert not is_overdue(made, made.due_at + timedelta(days=30))


def test_the_task_tells_the_secretariat_once_of_newly_overdue_requests(world, english):
    first, second = submit(world, subject="甲"), submit(world, subject="乙")
    done = resolved(world)
    due = first.due_at

    assert notify_newly_overdue(due) == 0  # not yet
    ServiceRequest.objects.filter(pk=second.pk).update(due_at=due + timedelta(hours=1))
    assert notify_newly_overdue(due + timedelta(seconds=1)) == 1
    assert notify_newly_overdue(due + timedelta(minutes=30)) == 0  # already told
    assert notify_newly_overdue(due + timedelta(hours=2)) == 1  # the second one now

    assert titles(world.secretariat).count("A service request is overdue: 甲") == 1
    assert titles(world.secretariat).count("A service request is overdue: 乙") == 1
    assert ServiceRequest.objects.get(pk=done.pk).overdue_notified_at is None
    assert not titles(world.other_secretariat)


def test_the_periodic_task_groups_an_alliances_overdue_requests(world, english):
    for subject in ("甲", "乙"):
        made = submit(world, subject=subject)
        ServiceRequest.objects.filter(pk=made.pk).update(
            due_at=timezone.now() - timedelta(minutes=1)
        )

    assert notify_overdue_requests.apply().get() == 2

    assert titles(world.secretariat)[0] == "2 service requests are overdue"


# Figures ---------------------------------------------------------------------------------------


def test_figures_by_kind(world, english):
    now = timezone.now()
    for hours_to_answer, hours_to_resolve, rating in ((2, 10, 4), (4, 30, 5), (6, None, None)):
        made = in_progress(world)
        if hours_to_resolve is not None:
            made = requests.resolve_request(made, actor=world.secretariat, source=WEB)
            requests.rate_request(made, score=rating, actor=world.member, source=WEB)
        start = now - timedelta(hours=100)
        ServiceRequest.objects.filter(pk=made.pk).update(
            submitted_at=start, due_at=start + timedelta(hours=48),
            first_response_at=start + timedelta(hours=hours_to_answer),
            resolved_at=start + timedelta(hours=hours_to_resolve) if hours_to_resolve else None,
        )  # fmt: skip
    submit(world)  # fresh: not overdue, no response yet

    rows = figures.figures(world.alliance, now)

    assert [(r.label, r.requests, r.open, r.overdue, r.first_response_hours,
             r.resolution_hours, r.average_rating, r.ratings) for r in rows] == [
        ("High-tech enterprise recognition", 4, 2, 1, 4, 20, 4.5, 2),
        ("All kinds", 4, 2, 1, 4, 20, 4.5, 2),
    ]  # fmt: skip
    assert figures.figures(world.other, now) == []
