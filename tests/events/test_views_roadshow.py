"""The roadshow pages: the call, submitting a project with its deck, screening and scheduling,
judges' pages (only their own pitches), scoring, conflicts, release, ranking and feedback."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from alliancehub.accounts.models import AllianceRole
from alliancehub.common.domain.audit import Source
from alliancehub.events.domain import judging, roadshow
from alliancehub.events.enums import EventKind, ProjectStatus
from alliancehub.events.models import JudgeAssignment, Pitch, Project, Score
from tests.factories import UserFactory
from tests.factories.events import EventFactory, build_roadshow, deck, pdf_bytes, secretariat_of

from .test_views import text

SYSTEM = Source.SYSTEM


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def show(db):
    return build_roadshow(pitches=3, judges=2)


def manage(name: str, setup, *args) -> str:
    return reverse(f"events:{name}", args=[setup.event.alliance.slug, setup.event.pk, *args])


def score_url(setup, pitch) -> str:
    return reverse("events:pitch", args=[setup.event.pk, pitch.pk])


def scorecard(setup, technology, market, feedback="") -> dict[str, str]:
    first, second = setup.criteria
    return {f"criterion_{first.pk}": technology, f"criterion_{second.pk}": market,
            "feedback": feedback}  # fmt: skip


def score_all(setup, judge, values: list[tuple[int, int]]) -> None:
    for pitch, (technology, market) in zip(setup.pitches, values, strict=True):
        judging.submit_scores(pitch, {setup.criteria[0].pk: technology,
                                      setup.criteria[1].pk: market},
                              actor=judge, source=SYSTEM, feedback=f"{judge}的点评")  # fmt: skip


# The call and submissions ------------------------------------------------------------------


def test_the_call_page_shows_the_window_and_the_rubric(client, show):
    page = text(client.get(reverse("events:call", args=[show.event.pk])))

    assert "技术创新" in page
    assert "市场前景" in page
    assert "Open" in page
    assert "Sign in to submit a project" in page


def test_an_applicant_submits_a_project_with_a_deck_and_reads_its_page(client, show):
    applicant = UserFactory(username="applicant")
    client.force_login(applicant)

    response = client.post(reverse("events:project-submit", args=[show.event.pk]), {
        "title": "分布式离网水制氢", "organization_name": "氢维科技", "stage": "angel",
        "financing_sought": "5000000", "summary": "离网制氢", "deck": deck("pitch.pdf"),
    })  # fmt: skip

    project = Project.objects.get(title="分布式离网水制氢")
    assert response["Location"] == reverse("events:project", args=[project.pk])
    assert (project.submitted_by, project.deck.name.endswith(".pdf")) == (applicant, True)
    page = text(client.get(response["Location"]))
    assert "Submitted" in page
    assert "The judges' feedback is shown here" in page


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (deck("pitch.docx"), "Upload the pitch deck as a PDF, PPT or PPTX file."),
        (deck("pitch.pdf", b"PK\x03\x04 not a pdf"), "The file's content is not a PDF file."),
    ],
)
def test_a_deck_of_the_wrong_kind_is_refused_under_its_field(client, show, upload, message):
    client.force_login(UserFactory(username="applicant"))

    response = client.post(reverse("events:project-submit", args=[show.event.pk]),
                           {"title": "项目", "deck": upload})  # fmt: skip

    assert response.status_code == 400
    assert response.context["form"].errors["deck"] == [message]
    assert not Project.objects.filter(title="项目").exists()


def test_a_deck_over_the_size_limit_is_refused(client, show, settings):
    settings.EVENTS_PITCH_DECK_MAX_BYTES = 2**20
    client.force_login(UserFactory(username="applicant"))

    response = client.post(reverse("events:project-submit", args=[show.event.pk]),
                           {"title": "项目", "deck": deck("big.pdf", pdf_bytes(2**20 + 1))})  # fmt: skip

    assert response.context["form"].errors["deck"] == ["The pitch deck is larger than 1 MB."]


def test_a_closed_call_takes_no_project(client, show):
    show.roadshow.closes_at = timezone.now() - timedelta(minutes=1)
    show.roadshow.save()
    client.force_login(UserFactory(username="applicant"))

    response = client.post(
        reverse("events:project-submit", args=[show.event.pk]), {"title": "迟到"}
    )

    assert response.status_code == 400
    assert "The call for projects is closed." in text(response)


# The secretariat ---------------------------------------------------------------------------


def test_the_secretariat_opens_a_call_and_writes_the_rubric(client, db):
    event = EventFactory(kind=EventKind.ROADSHOW)
    client.force_login(secretariat_of(event.alliance))
    slug, now = event.alliance.slug, timezone.localtime()
    fmt = "%Y-%m-%dT%H:%M"

    client.post(reverse("events:call-open", args=[slug, event.pk]), {
        "opens_at": now.strftime(fmt), "closes_at": (now + timedelta(days=9)).strftime(fmt),
        "stages": ["angel", "a"],
    })  # fmt: skip
    client.post(reverse("events:criterion-add", args=[slug, event.pk]),
                {"name": "团队", "weight": "1.5", "scale_min": "0", "scale_max": "5"})  # fmt: skip
    reversed_scale = client.post(reverse("events:criterion-add", args=[slug, event.pk]),
                                 {"name": "市场", "weight": "1", "scale_min": "9", "scale_max": "3"})  # fmt: skip

    call = event.roadshow
    assert call.stages == ["angel", "a"]
    assert [(c.name, c.weight, c.scale_max) for c in call.criteria.all()] == [
        ("团队", Decimal("1.500"), 5)]  # fmt: skip
    assert reversed_scale.status_code == 400


def test_screening_needs_a_reason_to_reject_and_scheduling_and_assigning_follow(client, show):
    client.force_login(show.secretariat)
    submitted = roadshow.submit_project(show.roadshow, title="新项目", organization_name="新企业",
                                        actor=None, source=SYSTEM)  # fmt: skip
    expert = UserFactory(username="expert")
    AllianceRole.objects.create(user=expert, alliance=show.event.alliance,
                                role=AllianceRole.Kind.EXPERT)  # fmt: skip

    no_reason = client.post(manage("project-screen", show, submitted.pk), {"accept": "0"},
                            follow=True)  # fmt: skip
    client.post(manage("project-screen", show, submitted.pk), {"accept": "1"})
    client.post(manage("pitch-schedule", show, submitted.pk), {"order": "7"})
    pitch = Pitch.objects.get(project=submitted)
    client.post(manage("judge-assign", show, pitch.pk), {"judge": expert.pk, "role": "investor"})
    page = text(client.get(manage("roadshow", show)))

    assert "Give the reason for rejecting the project." in text(no_reason)
    submitted.refresh_from_db()
    assert (submitted.status, pitch.order) == (ProjectStatus.ACCEPTED, 7)
    assert pitch.assignments.get().role == "investor"
    assert "expert · Investor" in page


@pytest.mark.parametrize("count", [1, 3])
def test_the_roadshow_page_query_count_does_not_grow_with_projects(
    client, db, django_assert_num_queries, count
):
    setup = build_roadshow(pitches=count, judges=2)
    client.force_login(setup.secretariat)

    # the alliance, session, user, roles, the event, the call, the experts, the criteria,
    # the projects (with their pitch), the pitches' judges
    with django_assert_num_queries(10):
        response = client.get(manage("roadshow", setup))

    assert len(response.context["projects"]) == count


# Judges ------------------------------------------------------------------------------------


def test_a_judge_lists_and_opens_only_the_pitches_assigned_to_them(client, show):
    outsider = UserFactory(username="outsider-judge")
    AllianceRole.objects.create(user=outsider, alliance=show.event.alliance,
                                role=AllianceRole.Kind.EXPERT)  # fmt: skip
    lone = show.pitches[0]
    JudgeAssignment.objects.filter(pitch__in=show.pitches[1:], judge=show.judges[0]).delete()
    judging.assign_judge(show.pitches[1], outsider, actor=None, source=SYSTEM)
    client.force_login(show.judges[0])

    listed = [
        p.pk for p in client.get(reverse("events:judging", args=[show.event.pk])).context["pitches"]
    ]

    assert listed == [lone.pk]
    assert client.get(score_url(show, lone)).status_code == 200
    assert client.get(score_url(show, show.pitches[1])).status_code == 404
    client.force_login(show.secretariat)  # the secretariat screens on its own page
    assert client.get(score_url(show, lone)).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_the_judges_list_query_count_does_not_grow_with_pitches(
    client, db, django_assert_num_queries, count
):
    setup = build_roadshow(pitches=count, judges=1)
    client.force_login(setup.judges[0])

    # session, user, the event, the judge's roles (may see it), the call, the pitches,
    # the judge's own assignments
    with django_assert_num_queries(7):
        response = client.get(reverse("events:judging", args=[setup.event.pk]))

    assert len(response.context["pitches"]) == count


def test_a_score_outside_its_scale_is_refused_and_nothing_is_saved(client, show):
    judge, pitch = show.judges[0], show.pitches[0]
    client.force_login(judge)

    response = client.post(score_url(show, pitch), scorecard(show, "11", "7", "好"))

    assert response.status_code == 400
    assert response.context["form"].errors[f"criterion_{show.criteria[0].pk}"] == [
        "Score between 1 and 10."
    ]
    assert not Score.objects.exists()
    assert JudgeAssignment.objects.get(pitch=pitch, judge=judge).feedback == ""


def test_a_judge_scores_and_before_the_release_sees_only_their_own_scores(client, show):
    first, second = show.judges
    pitch = show.pitches[0]
    judging.submit_scores(pitch, {show.criteria[0].pk: 3, show.criteria[1].pk: 4}, actor=second,
                          source=SYSTEM)  # fmt: skip
    client.force_login(first)

    client.post(score_url(show, pitch), scorecard(show, "8.5", "7", "技术扎实"))
    response = client.get(score_url(show, pitch))

    own = JudgeAssignment.objects.get(pitch=pitch, judge=first)
    assert {s.criterion.name: s.value for s in own.scores.all()} == {
        "技术创新": Decimal("8.50"), "市场前景": Decimal("7.00")}  # fmt: skip
    assert own.feedback == "技术扎实"
    cards = response.context["scorecards"]
    assert [assignment.judge for assignment, _scores in cards] == [first]


def test_a_judge_declaring_a_conflict_no_longer_scores(client, show):
    pitch = show.pitches[0]
    client.force_login(show.judges[0])
    client.post(score_url(show, pitch), scorecard(show, "8", "7"))

    client.post(reverse("events:pitch-conflict", args=[show.event.pk, pitch.pk]),
                {"note": "曾任该公司顾问"})  # fmt: skip
    page = client.get(score_url(show, pitch))
    refused = client.post(score_url(show, pitch), scorecard(show, "8", "7"))

    assert not Score.objects.filter(assignment__judge=show.judges[0]).exists()
    assert "You declared a conflict of interest: 曾任该公司顾问" in text(page)
    assert 'id="score-form"' not in text(page)
    assert "You declared a conflict of interest with this project." in text(refused)


# Release, ranking, feedback ----------------------------------------------------------------


def test_the_ranking_is_the_secretariats_and_after_the_release_the_judges_too(client, show):
    first, second = show.judges
    score_all(show, first, [(9, 9), (5, 5), (1, 1)])
    score_all(show, second, [(6, 6), (5, 5), (4, 4)])
    ranking_url = reverse("events:ranking", args=[show.event.pk])

    client.force_login(first)
    before = client.get(ranking_url).status_code
    client.force_login(show.secretariat)
    secretariat = client.get(ranking_url)
    client.post(manage("release", show))
    client.force_login(first)
    after = client.get(ranking_url)

    assert before == 403
    rows = secretariat.context["rows"]
    assert [row.pitch.project.title for row in rows] == ["项目1", "项目2", "项目3"]
    assert [round(row.normalised, 3) for row in rows] == [1.225, 0.0, -1.225]
    assert [row.raw_mean for row in rows] == [Decimal("7.5"), Decimal("5"), Decimal("2.5")]
    assert "mean of the judges' z-scores" in text(secretariat)
    assert '<td class="text-end">7.50</td>' in text(secretariat)
    assert after.status_code == 200


def test_a_member_who_judges_nothing_never_reads_the_ranking(client, show):
    judging.release_scores(show.roadshow, actor=None, source=SYSTEM)
    client.force_login(UserFactory(username="curious"))

    assert client.get(reverse("events:ranking", args=[show.event.pk])).status_code == 403


def test_the_applicant_reads_the_feedback_after_the_release_without_the_judges_names(client, show):
    applicant = UserFactory(username="applicant")
    project = show.pitches[0].project
    Project.objects.filter(pk=project.pk).update(submitted_by=applicant)
    judging.submit_scores(show.pitches[0], {show.criteria[0].pk: 8, show.criteria[1].pk: 8},
                          actor=show.judges[0], source=SYSTEM, feedback="商业模式清晰")  # fmt: skip
    client.force_login(applicant)
    project_url = reverse("events:project", args=[project.pk])

    before = text(client.get(project_url))
    judging.release_scores(show.roadshow, actor=None, source=SYSTEM)
    after = text(client.get(project_url))

    assert "商业模式清晰" not in before
    assert "商业模式清晰" in after
    assert "Industry expert" in after
    assert show.judges[0].username not in after


def test_another_user_cannot_open_a_project_or_its_deck(client, show):
    project = roadshow.submit_project(show.roadshow, title="带材料", organization_name="氢维科技",
                                      actor=None, source=SYSTEM, deck=deck())  # fmt: skip
    roadshow.screen_project(project, accept=True, actor=None, source=SYSTEM)
    pitch = roadshow.schedule_pitch(project, actor=None, source=SYSTEM)
    judging.assign_judge(pitch, show.judges[0], actor=None, source=SYSTEM)

    client.force_login(UserFactory(username="curious"))
    curious = (client.get(reverse("events:project", args=[project.pk])).status_code,
               client.get(reverse("events:deck", args=[project.pk])).status_code)  # fmt: skip
    client.force_login(show.judges[0])
    judge = client.get(reverse("events:deck", args=[project.pk]))

    assert curious == (404, 404)
    assert judge.status_code == 200
    assert b"".join(judge.streaming_content).startswith(b"%PDF-")


def test_the_scores_export_has_the_ranking_and_every_scorecard(client, show):
    score_all(show, show.judges[0], [(9, 8), (5, 5), (1, 2)])
    client.force_login(show.secretariat)

    response = client.get(manage("scores-export", show))

    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Ranking", "Scores"]
    assert [c.value for c in book["Ranking"][2]][:3] == [1, 1, "项目1"]
    card = [c.value for c in book["Scores"][2]]
    assert card[4:7] == [9, 8, pytest.approx(8.67)]


# What each reader finds on the pages ------------------------------------------------------


def test_the_call_page_lists_the_readers_own_projects_only(client, show):
    applicant = UserFactory(username="applicant")
    own = roadshow.submit_project(show.roadshow, title="我的项目", organization_name="氢维科技",
                                  actor=applicant, source=SYSTEM)  # fmt: skip
    call = reverse("events:call", args=[show.event.pk])

    client.force_login(applicant)
    applicants = client.get(call).context["mine"]
    client.force_login(show.secretariat)  # the secretariat's list is on the roadshow page
    secretariats = client.get(call).context["mine"]

    assert applicants == [own]
    assert secretariats == []


@pytest.mark.parametrize("count", [1, 3])
def test_the_call_page_query_count_does_not_grow_with_the_readers_projects(
    client, db, django_assert_num_queries, count
):
    setup = build_roadshow(pitches=0, judges=0)
    applicant = UserFactory(username="applicant")
    for n in range(count):
        roadshow.submit_project(setup.roadshow, title=f"项目{n}", organization_name="氢维科技",
                                actor=applicant, source=SYSTEM)  # fmt: skip
    client.force_login(applicant)

    # the event, session, user, the user's roles (may see it), its call, the links sought,
    # the user's projects, the criteria
    with django_assert_num_queries(8):
        response = client.get(reverse("events:call", args=[setup.event.pk]))

    assert len(response.context["mine"]) == count


def test_an_applicant_naming_no_organisation_is_asked_for_one_and_nothing_is_saved(client, show):
    client.force_login(UserFactory(username="applicant"))

    response = client.post(reverse("events:project-submit", args=[show.event.pk]),
                           {"title": "无名项目", "deck": deck()})  # fmt: skip

    assert response.status_code == 400
    assert response.context["form"].errors["organization_name"] == [
        "Name the organisation that presents the project."
    ]
    assert not Project.objects.filter(title="无名项目").exists()


def test_the_event_page_offers_judging_to_the_roadshows_judges_only(client, show):
    event_page = reverse("events:event", args=[show.event.pk])
    judging_link = reverse("events:judging", args=[show.event.pk])

    client.force_login(UserFactory(username="visitor"))
    visitor = text(client.get(event_page))
    client.force_login(show.judges[0])
    judge = text(client.get(event_page))

    assert judging_link not in visitor
    assert judging_link in judge


def test_a_pitch_offers_only_the_experts_not_judging_it_yet(client, show):
    newcomer = UserFactory(username="newcomer-expert")
    AllianceRole.objects.create(user=newcomer, alliance=show.event.alliance,
                                role=AllianceRole.Kind.EXPERT)  # fmt: skip
    client.force_login(show.secretariat)

    page = text(client.get(manage("roadshow", show)))

    select = page.split(f'id="judge-{show.pitches[0].pk}"', 1)[1].split("</select>", 1)[0]
    assert "newcomer-expert" in select
    assert show.judges[0].username not in select


def test_the_ranking_gives_no_place_to_a_pitch_nobody_scored(client, show):
    score_all(show, show.judges[0], [(9, 9), (5, 5), (1, 1)])
    JudgeAssignment.objects.filter(pitch=show.pitches[2]).update(scored_at=None)
    Score.objects.filter(assignment__pitch=show.pitches[2]).delete()
    client.force_login(show.secretariat)

    page = text(client.get(reverse("events:ranking", args=[show.event.pk])))

    ranks = [row.split("</td>", 1)[0] for row in page.split("<tr><td>")[1:]]
    assert ranks == ["1", "2", "—"]


@pytest.mark.parametrize("count", [1, 3])
def test_the_ranking_page_query_count_does_not_grow_with_pitches(
    client, db, django_assert_num_queries, count
):
    setup = build_roadshow(pitches=count, judges=2)
    for judge in setup.judges:
        for pitch in setup.pitches:
            judging.submit_scores(pitch, {c.pk: 5 for c in setup.criteria}, actor=judge,
                                  source=SYSTEM)  # fmt: skip
    client.force_login(setup.secretariat)

    # session, user, the event, the user's roles, the call, the criteria, the scorecards,
    # their scores, the pitches (with their project)
    with django_assert_num_queries(9):
        response = client.get(reverse("events:ranking", args=[setup.event.pk]))

    assert len(response.context["rows"]) == count
