"""The call for projects: the window, what it seeks, pitch decks, screening, the programme."""

import io
import zipfile
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from alliancehub.chains.domain import templates
from alliancehub.chains.models import Link
from alliancehub.common.domain.audit import Source
from alliancehub.events.domain import programme, roadshow
from alliancehub.events.domain.uploads import OLE2_SIGNATURE, validate_pitch_deck
from alliancehub.events.enums import EventKind, EventStatus, FundingStage, ProjectStatus
from alliancehub.events.models import Project
from tests.factories.events import EventFactory, build_roadshow, deck, pdf_bytes

WEB = Source.WEB


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def call(db):
    return build_roadshow(pitches=0, judges=0).roadshow


def submit(call, **details):
    details.setdefault("title", "分布式离网水制氢项目")
    details.setdefault("organization_name", "氢维科技")
    return roadshow.submit_project(call, actor=None, source=WEB, **details)


def pptx_bytes(parts=("ppt/presentation.xml", "[Content_Types].xml")) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part in parts:
            archive.writestr(part, "<xml/>")
    return buffer.getvalue()


# Pitch decks


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("deck.pdf", pdf_bytes()),
        ("DECK.PDF", pdf_bytes()),
        ("deck.ppt", OLE2_SIGNATURE + b"\0" * 512),
        ("deck.pptx", pptx_bytes()),
    ],
)
def test_pdf_ppt_and_pptx_decks_are_accepted(call, name, content):
    project = submit(call, deck=SimpleUploadedFile(name, content))

    assert project.deck.name.endswith(name[name.index(".") :].lower())
    assert project.deck.read() == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("deck.docx", pptx_bytes(), "Upload the pitch deck as a PDF, PPT or PPTX file."),
        ("deck", pdf_bytes(), "Upload the pitch deck as a PDF, PPT or PPTX file."),
        ("deck.exe.txt", pdf_bytes(), "Upload the pitch deck as a PDF, PPT or PPTX file."),
        ("deck.pdf", b"MZ\x90\x00 a program renamed", "The file's content is not a PDF file."),
        ("deck.pdf", b"", "The file's content is not a PDF file."),
        ("deck.ppt", pdf_bytes(), "The file's content is not a PPT file."),
        # A Word document renamed: a zip, but without the presentation part.
        ("deck.pptx", pptx_bytes(("word/document.xml",)), "The file's content is not a PPTX file."),
        ("deck.pptx", b"PK\x03\x04 not really a zip", "The file's content is not a PPTX file."),
    ],
)
def test_other_files_and_renamed_files_are_refused(call, name, content, message):
    with pytest.raises(ValidationError) as refusal:
        submit(call, deck=SimpleUploadedFile(name, content))

    assert refusal.value.messages == [message]
    assert not Project.objects.exists()


def test_a_deck_over_the_size_limit_is_refused(call, settings):
    settings.EVENTS_PITCH_DECK_MAX_BYTES = 2 * 1024 * 1024

    with pytest.raises(ValidationError) as refusal:
        submit(call, deck=deck(content=pdf_bytes(2 * 1024 * 1024 + 1)))
    validate_pitch_deck(deck(content=pdf_bytes(2 * 1024 * 1024)))

    assert refusal.value.messages == ["The pitch deck is larger than 2 MB."]
    assert not Project.objects.exists()


def test_the_default_limit_is_20_mb(call):
    with pytest.raises(ValidationError) as refusal:
        validate_pitch_deck(deck(content=pdf_bytes(20 * 1024 * 1024 + 1)))

    assert refusal.value.messages == ["The pitch deck is larger than 20 MB."]


def test_a_deck_can_be_replaced_until_the_release(call):
    project = submit(call)

    roadshow.replace_deck(project, deck("v2.pdf", pdf_bytes(4096)), actor=None, source=WEB)

    project.refresh_from_db()
    assert project.deck.read() == pdf_bytes(4096)


# The call


def test_only_a_roadshow_takes_a_call(db):
    forum = EventFactory(kind=EventKind.FORUM)

    with pytest.raises(ValidationError):
        roadshow.open_call(forum, opens_at=timezone.now(), closes_at=timezone.now(), actor=None,
                           source=WEB)  # fmt: skip


def test_submissions_outside_the_window_are_refused(call):
    with pytest.raises(ValidationError) as refusal:
        submit(call, submitted_at=call.closes_at + timedelta(seconds=1))

    assert refusal.value.messages == ["The call for projects is closed."]


def test_the_call_takes_only_the_links_and_stages_it_seeks(db):
    templates.load_all()
    electrolysis = Link.objects.get(chain__slug="hydrogen", code="production.electrolysis")
    cylinders = Link.objects.get(chain__slug="hydrogen", code="storage.gas_cylinder")
    event = EventFactory(kind=EventKind.ROADSHOW)
    call = roadshow.open_call(event, opens_at=timezone.now() - timedelta(days=1),
                              closes_at=timezone.now() + timedelta(days=1), links=[electrolysis],
                              stages=[FundingStage.ANGEL, FundingStage.SERIES_A], actor=None,
                              source=WEB)  # fmt: skip

    accepted = submit(call, link=electrolysis, stage=FundingStage.ANGEL,
                      financing_sought=Decimal("5000000"))  # fmt: skip
    with pytest.raises(ValidationError) as wrong_link:
        submit(call, link=cylinders)
    with pytest.raises(ValidationError) as wrong_stage:
        submit(call, stage=FundingStage.PRE_IPO)

    assert accepted.financing_sought == Decimal("5000000")
    assert wrong_link.value.messages == ["This call does not look for projects on this chain link."]
    assert wrong_stage.value.messages == [
        "This call does not look for projects at this funding stage."]  # fmt: skip


def test_negative_financing_is_refused(call):
    with pytest.raises(ValidationError):
        submit(call, financing_sought=Decimal("-1"))


# Screening and the programme


def test_rejecting_a_project_needs_a_reason_and_a_rejected_one_is_not_scheduled(call):
    project = submit(call)

    with pytest.raises(ValidationError):
        roadshow.screen_project(project, accept=False, actor=None, source=WEB)
    roadshow.screen_project(project, accept=False, reason="不属于氢能产业链", actor=None,
                            source=WEB)  # fmt: skip

    assert project.status == ProjectStatus.REJECTED
    with pytest.raises(ValidationError):
        roadshow.schedule_pitch(project, actor=None, source=WEB)
    with pytest.raises(ValidationError):
        roadshow.screen_project(project, accept=True, actor=None, source=WEB)


def test_pitches_take_the_next_place_and_a_place_is_not_given_twice(call):
    first, second = submit(call, title="甲"), submit(call, title="乙")
    for project in (first, second):
        roadshow.screen_project(project, accept=True, actor=None, source=WEB)

    one = roadshow.schedule_pitch(first, actor=None, source=WEB)
    two = roadshow.schedule_pitch(second, actor=None, source=WEB)

    assert (one.order, two.order) == (1, 2)
    with pytest.raises(ValidationError):
        roadshow.schedule_pitch(second, order=1, actor=None, source=WEB)


def test_a_pitch_slot_lies_within_the_event(call):
    project = submit(call)
    roadshow.screen_project(project, accept=True, actor=None, source=WEB)
    event = call.event

    pitch = roadshow.schedule_pitch(project, starts_at=event.starts_at,
                                    ends_at=event.starts_at + timedelta(minutes=10), actor=None,
                                    source=WEB)  # fmt: skip
    with pytest.raises(ValidationError):
        roadshow.schedule_pitch(project, starts_at=event.ends_at + timedelta(hours=1),
                                actor=None, source=WEB)  # fmt: skip

    assert pitch.ends_at - pitch.starts_at == timedelta(minutes=10)


def test_a_cancelled_roadshow_takes_no_more_projects(call):
    programme.set_status(call.event, EventStatus.CANCELLED, actor=None, source=WEB)

    with pytest.raises(ValidationError) as refusal:
        submit(call)

    assert refusal.value.messages == ["The call for projects is closed."]
    assert not Project.objects.exists()


def test_an_applicants_project_names_its_presenter_and_a_record_may_lack_it(call):
    with pytest.raises(ValidationError) as refusal:
        submit(call, organization_name=" ")
    recorded = submit(call, organization_name="", submitted_at=call.opens_at)

    assert refusal.value.message_dict == {
        "organization_name": ["Name the organisation that presents the project."]
    }
    assert list(Project.objects.all()) == [recorded]
