"""Robustness of the registry: resumable imports, odd input (cells, dates, control characters,
credit codes, region names), races on the unique name, HTMX caching, stale forms, readable
history, the read-only admin, and API errors for a malformed body."""

import base64
import csv
import io
from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from alliancehub.common.domain import audit
from alliancehub.common.domain.audit import Action, Source
from alliancehub.common.models import AuditLogEntry
from alliancehub.common.text import normalize_name
from alliancehub.organizations.domain import importing, registry
from alliancehub.organizations.domain.regions import resolve
from alliancehub.organizations.enums import ImportStatus
from alliancehub.organizations.models import (
    Contact,
    ImportJob,
    Industry,
    Organization,
    Region,
)
from alliancehub.organizations.models.importing import STALLED_AFTER_MINUTES
from tests.factories import OrganizationFactory, UserFactory
from tests.factories.uploads import csv_bytes, form_data, xlsx_bytes

pytestmark = pytest.mark.django_db

LIST_URL = reverse("organizations:list")
CREATE_URL = reverse("organizations:create")
IMPORT_URL = reverse("organizations:import")
API_URL = "/api/v1/organizations/"

SANYUAN_CODE = "91330100716105852F"
TYPED_CODES = ["９１３３０１００７１６１０５８５２Ｆ", "9133 0100 7161 0585 2f"]


def new_job(content: bytes, name: str = "orgs.csv", *, user=None, **fields) -> ImportJob:
    return ImportJob.objects.create(
        content=content, original_name=name, created_by=user, language="en", **fields
    )


def run(content: bytes, name: str = "orgs.csv", *, user=None) -> ImportJob:
    return importing.run_import(new_job(content, name, user=user))


def reasons_by_row(job: ImportJob) -> dict[int, list[str]]:
    return {error.row_number: error.reasons for error in job.row_errors.all()}


def counters(job: ImportJob) -> tuple[int, int, int, int]:
    return job.total_rows, job.processed_rows, job.created_count, job.rejected_count


def upload(client, content: bytes, name: str):
    return client.post(
        IMPORT_URL, {"file": SimpleUploadedFile(name, content)}, HTTP_ACCEPT_LANGUAGE="en"
    )


def as_posted(page) -> dict[str, str]:
    """What the browser sends back for the organisation form on ``page`` left unchanged."""
    contacts = page.context["contacts"]
    data = {}
    for form in (page.context["form"], contacts.management_form, *contacts.forms):
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue  # an empty select or an unticked box is not sent
            data[field.html_name] = "on" if value is True else str(value)
    return data


def history_section(response) -> str:
    content = response.content.decode()
    return content[content.index('id="history"') :]


# Resuming an import --------------------------------------------------------------------------

# Batches of two (see ``BATCH_SIZE`` below): rows 2–3, 4–5, 6–7.
RESUMABLE_HEADER = ["name", "kind", "founded_on"]
RESUMABLE_ROWS = [
    ["甲测试有限公司", "enterprise", ""],  # 2
    ["乙测试有限公司", "spaceship", ""],  # 3 rejected: unknown kind
    ["丙测试有限公司", "enterprise", ""],  # 4
    ["丁测试有限公司", "enterprise", ""],  # 5
    ["戊测试有限公司", "enterprise", "2010-13-01"],  # 6 rejected: not a date
    ["己测试有限公司", "enterprise", ""],  # 7
]
RESUMABLE_GOOD = {"甲测试有限公司", "丙测试有限公司", "丁测试有限公司", "己测试有限公司"}
RESUMABLE_REASONS = {
    3: ["Unknown kind “spaceship”."],
    6: ["“2010-13-01” is not a date (use YYYY-MM-DD)."],
}


class WorkerKilled(BaseException):
    """The worker process dies mid-batch: no ``except Exception`` in the import sees it."""


def break_second_insert(monkeypatch, error: BaseException):
    """Batches of two, the second of which raises ``error`` before writing; returns the real
    ``_insert`` to put back."""
    monkeypatch.setattr(importing.jobs, "BATCH_SIZE", 2)
    real_insert = importing.saving._insert
    calls = []

    def insert(job, rows):
        calls.append(rows)
        if len(calls) == 2:
            raise error
        real_insert(job, rows)

    monkeypatch.setattr(importing.saving, "_insert", insert)
    return real_insert


def test_resume_after_an_internal_error_imports_every_good_row_exactly_once(
    monkeypatch, staff, django_capture_on_commit_callbacks
):
    real_insert = break_second_insert(monkeypatch, RuntimeError("connection lost"))
    job = run(csv_bytes(RESUMABLE_HEADER, RESUMABLE_ROWS), user=staff)
    assert (job.status, counters(job)) == (ImportStatus.FAILED, (6, 2, 1, 1))
    assert job.can_resume
    monkeypatch.setattr(importing.saving, "_insert", real_insert)

    with django_capture_on_commit_callbacks(execute=True):
        importing.resume_import(job, actor=staff)

    job.refresh_from_db()
    assert (job.status, job.error_message) == (ImportStatus.DONE, "")
    assert counters(job) == (6, 6, 4, 2)
    assert job.created_count + job.rejected_count == job.total_rows
    assert job.finished_at is not None
    names = list(Organization.objects.values_list("name", flat=True))
    assert sorted(names) == sorted(RESUMABLE_GOOD)
    # The rows of the first batch are not reported as duplicates of themselves.
    assert reasons_by_row(job) == RESUMABLE_REASONS
    creations = AuditLogEntry.objects.filter(action=Action.CREATE, source=Source.IMPORT)
    assert creations.count() == 4
    assert not job.can_resume


def test_a_redelivered_task_continues_after_the_last_committed_batch(monkeypatch):
    real_insert = break_second_insert(monkeypatch, WorkerKilled())
    job = new_job(csv_bytes(RESUMABLE_HEADER, RESUMABLE_ROWS))
    with pytest.raises(WorkerKilled):
        importing.run_import(job)
    monkeypatch.setattr(importing.saving, "_insert", real_insert)
    redelivered = ImportJob.objects.get(pk=job.pk)
    assert (redelivered.status, counters(redelivered)) == (ImportStatus.RUNNING, (6, 2, 1, 1))

    importing.run_import(redelivered)

    assert (redelivered.status, counters(redelivered)) == (ImportStatus.DONE, (6, 6, 4, 2))
    assert set(Organization.objects.values_list("name", flat=True)) == RESUMABLE_GOOD
    assert Organization.objects.count() == 4
    assert reasons_by_row(redelivered) == RESUMABLE_REASONS


def stalled_job(user, **fields) -> ImportJob:
    job = new_job(
        csv_bytes(["name"], [["宁波测试有限公司"], ["温州测试有限公司"]]),
        user=user,
        status=ImportStatus.RUNNING,
        **fields,
    )
    silent_since = timezone.now() - timedelta(minutes=STALLED_AFTER_MINUTES + 1)
    ImportJob.objects.filter(pk=job.pk).update(updated_at=silent_since)
    job.refresh_from_db()
    return job


def test_a_running_job_that_makes_progress_is_polled_and_cannot_be_resumed(staff_client, staff):
    job = new_job(csv_bytes(["name"], [["宁波测试有限公司"]]), user=staff)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)

    content = staff_client.get(job.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content

    assert 'hx-trigger="every 1s"' in content.decode()
    assert "Resume the import" not in content.decode()


def test_a_stalled_job_offers_to_resume_and_stops_polling(staff_client, staff):
    job = stalled_job(staff)
    assert job.is_stalled
    assert job.can_resume

    page = staff_client.get(job.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    fragment = staff_client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true")

    resume_url = reverse("organizations:import-resume", kwargs={"pk": job.pk})
    for response in (page, fragment):
        content = response.content.decode()
        assert response.status_code == 200
        assert 'hx-trigger="every 1s"' not in content
        assert f'action="{resume_url}"' in content
    assert "Resume the import" in page.content.decode()


def test_resuming_a_stalled_job_from_its_page_finishes_it(
    staff_client, staff, django_capture_on_commit_callbacks
):
    job = stalled_job(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("organizations:import-resume", kwargs={"pk": job.pk}))

    assert response.status_code == 302
    assert response.url == job.get_absolute_url()
    job.refresh_from_db()
    assert (job.status, counters(job)) == (ImportStatus.DONE, (2, 2, 2, 0))
    assert set(Organization.objects.values_list("name", flat=True)) == {
        "宁波测试有限公司",
        "温州测试有限公司",
    }
    assert all(e.actor == staff for e in AuditLogEntry.objects.all())


def test_resuming_a_finished_job_is_refused_with_a_message_and_changes_nothing(
    staff_client, staff, django_capture_on_commit_callbacks
):
    job = run(csv_bytes(["name"], [["宁波测试有限公司"]]), user=staff)
    before = ImportJob.objects.values().get(pk=job.pk)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("organizations:import-resume", kwargs={"pk": job.pk}),
            HTTP_ACCEPT_LANGUAGE="en",
            follow=True,
        )

    assert response.redirect_chain == [(job.get_absolute_url(), 302)]
    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["This import is not interrupted; there is nothing to resume."]
    assert ImportJob.objects.values().get(pk=job.pk) == before
    assert Organization.objects.count() == 1
    with pytest.raises(ValidationError):
        importing.resume_import(job, actor=staff)


def test_a_job_whose_file_is_unusable_cannot_be_resumed(staff):
    job = run(csv_bytes(["地区"], [["330681"]]), user=staff)

    assert job.status == ImportStatus.FAILED
    assert not job.can_resume
    with pytest.raises(ValidationError):
        importing.resume_import(job, actor=staff)


# Odd cells and files -------------------------------------------------------------------------


def test_xlsx_time_and_duration_cells_do_not_fail_the_import():
    rows = [
        ["宁波测试有限公司", time(12, 30), ""],
        ["温州测试有限公司", timedelta(days=1, hours=2), ""],
        ["台州测试有限公司", "", time(8, 0)],  # a time is not a founding date
    ]

    job = run(xlsx_bytes(["name", "description", "founded_on"], rows), "odd.xlsx")

    assert (job.status, job.error_message) == (ImportStatus.DONE, "")
    assert job.created_count + job.rejected_count == job.total_rows == 3
    assert dict(Organization.objects.values_list("name", "description")) == {
        "宁波测试有限公司": "12:30:00",
        "温州测试有限公司": "1 day, 2:00:00",
    }
    [reason] = reasons_by_row(job)[4]
    assert reason.endswith("is not a date (use YYYY-MM-DD).")
    assert job.row_errors.get().values == {"name": "台州测试有限公司", "founded_on": "08:00:00"}


def test_control_characters_in_a_csv_are_stripped_before_saving(
    staff_client, django_capture_on_commit_callbacks
):
    rows = [["测试\x00企业\x07有限\x1b公司", "张\x00三", "第一行\x0b\n第二行"]]

    with django_capture_on_commit_callbacks(execute=True):
        response = upload(staff_client, csv_bytes(["名称", "联系人", "简介"], rows), "nul.csv")

    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert (job.status, job.created_count) == (ImportStatus.DONE, 1)
    organization = Organization.objects.get()
    assert organization.name == "测试企业有限公司"
    assert organization.description == "第一行\n第二行"
    assert list(organization.contacts.values_list("name", flat=True)) == ["张三"]


def test_a_csv_field_longer_than_the_csv_limit_is_a_form_error_not_a_crash(staff_client):
    limit = csv.field_size_limit()
    content = csv_bytes(["name", "description"], [["宁波测试有限公司", "长" * (limit + 1)]])

    response = upload(staff_client, content, "long.csv")

    assert response.status_code == 400
    [message] = response.context["form"].errors["file"]
    assert message.startswith("The CSV file is malformed")
    assert ImportJob.objects.count() == 0
    assert Organization.objects.count() == 0


@pytest.mark.parametrize("written", ["2010-03-04", "2010/3/4", "2010.3.4", "2010年3月4日"])
def test_import_reads_the_usual_ways_of_writing_a_date(written):
    job = run(csv_bytes(["name", "founded_on"], [["宁波测试有限公司", written]]))

    assert (job.created_count, job.rejected_count) == (1, 0)
    assert Organization.objects.get().founded_on == date(2010, 3, 4)


@pytest.mark.parametrize("written", ["2010-13-01", "yesterday"])
def test_import_rejects_what_is_not_a_date(written):
    job = run(csv_bytes(["name", "founded_on"], [["宁波测试有限公司", written]]))

    assert (job.status, job.created_count) == (ImportStatus.DONE, 0)
    assert reasons_by_row(job) == {2: [f"“{written}” is not a date (use YYYY-MM-DD)."]}


def test_upload_accepts_an_xlsx_whose_rows_are_left_to_the_import(
    staff_client, django_capture_on_commit_callbacks
):
    rows = [["宁波测试有限公司"], ["温州测试有限公司"], ["台州测试有限公司"]]

    with django_capture_on_commit_callbacks(execute=True):
        response = upload(staff_client, xlsx_bytes(["名称"], rows), "three.xlsx")

    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert (job.status, counters(job)) == (ImportStatus.DONE, (3, 3, 3, 0))


@pytest.mark.parametrize(("name", "build"), [("many.csv", csv_bytes), ("many.xlsx", xlsx_bytes)])
def test_upload_still_refuses_too_many_rows_without_reading_them(
    staff_client, settings, name, build
):
    settings.IMPORT_MAX_ROWS = 2
    content = build(["name"], [[f"测试企业{n}有限公司"] for n in range(3)])

    response = upload(staff_client, content, name)

    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "The file has 3 rows; at most 2 can be imported at once."
    ]
    assert ImportJob.objects.count() == 0


def report_table(job: ImportJob) -> list[list[object]]:
    buffer = io.BytesIO()
    importing.report_workbook(job).save(buffer)
    return [list(row) for row in load_workbook(buffer).worksheets[0].iter_rows(values_only=True)]


def test_report_is_in_the_jobs_language_whatever_the_active_one():
    job = run(csv_bytes(["name", "kind"], [["台州测试有限公司", "spaceship"]]))

    with translation.override("zh-hans"):
        table = report_table(job)

    assert table == [
        ["Row", "Name", "Kind", "Reasons"],
        [2, "台州测试有限公司", "spaceship", "Unknown kind “spaceship”."],
    ]


# Credit codes as people type them ------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    TYPED_CODES,
)
def test_page_form_stores_a_typed_credit_code_in_its_canonical_form(staff_client, typed):
    response = staff_client.post(
        CREATE_URL, form_data(name="宁波测试有限公司", credit_code=typed), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 302, response.context["form"].errors
    assert Organization.objects.get().credit_code == SANYUAN_CODE


@pytest.mark.parametrize("typed", TYPED_CODES)
def test_api_stores_a_typed_credit_code_in_its_canonical_form(staff_api, typed):
    response = staff_api.post(API_URL, {"name": "宁波测试有限公司", "credit_code": typed})

    assert response.status_code == 201, response.json()
    assert response.json()["credit_code"] == SANYUAN_CODE
    assert Organization.objects.get().credit_code == SANYUAN_CODE


@pytest.mark.parametrize("typed", TYPED_CODES)
def test_import_stores_a_typed_credit_code_in_its_canonical_form(typed):
    job = run(csv_bytes(["name", "credit_code"], [["宁波测试有限公司", typed]]))

    assert (job.created_count, reasons_by_row(job)) == (1, {})
    assert Organization.objects.get().credit_code == SANYUAN_CODE


def test_a_full_width_credit_code_is_a_duplicate_of_the_registered_one(staff_client, staff_api):
    existing = OrganizationFactory(name="绍兴三元石化有限公司", credit_code=SANYUAN_CODE)
    full_width = TYPED_CODES[0]
    duplicate = (
        "An organisation with this unified social credit code is already registered: "
        f"绍兴三元石化有限公司 (No. {existing.pk})."
    )

    page = staff_client.post(
        CREATE_URL,
        form_data(name="另一家有限公司", credit_code=full_width),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    api = staff_api.post(
        API_URL, {"name": "另一家有限公司", "credit_code": full_width}, HTTP_ACCEPT_LANGUAGE="en"
    )
    job = run(csv_bytes(["name", "credit_code"], [["另一家有限公司", full_width]]))

    assert page.status_code == 400
    assert page.context["form"].errors["credit_code"] == [duplicate]
    assert page.context["duplicate"] == existing
    assert (api.status_code, api.json()) == (400, {"credit_code": [duplicate]})
    assert reasons_by_row(job) == {2: [duplicate]}
    assert list(Organization.objects.all()) == [existing]


# Region names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "codes"),
    [("诸暨", ["330681"]), ("绍兴", ["330600"]), ("Zhuji", ["330681"]), ("諸暨市", ["330681"])],
)
def test_resolve_finds_a_region_by_its_name_without_the_ending_or_in_english(typed, codes):
    assert resolve(typed) == codes


def test_resolve_returns_every_region_an_ambiguous_name_may_mean():
    codes = resolve("朝阳")

    assert len(codes) > 1
    assert {"110105", "211300"} <= set(codes)
    assert all(Region.objects.get(code=code).name.startswith("朝阳") for code in codes)


def test_api_region_filter_with_an_ambiguous_name_is_400_listing_the_codes(api):
    response = api.get(API_URL, {"region": "朝阳"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    [message] = response.json()["region"]
    assert message.startswith("“朝阳” could mean several regions (")
    assert message.endswith("please enter the code.")
    for code in resolve("朝阳"):
        assert code in message


def test_directory_page_filters_by_a_region_name_without_its_ending(client):
    OrganizationFactory(name="诸暨测试机械有限公司", region_id="330681")
    OrganizationFactory(name="绍兴测试纺织有限公司", region_id="330602")

    response = client.get(LIST_URL, {"region": "诸暨"})

    assert response.status_code == 200
    rows = response.context["table"].paginated_rows
    assert [row.record.name for row in rows] == ["诸暨测试机械有限公司"]


# The unique name in the database -------------------------------------------------------------


def test_database_refuses_two_organisations_with_the_same_normalised_name():
    Organization.objects.create(name="绍兴三元石化有限公司", name_normalized="绍兴三元石化有限公司")

    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.create(
            name="紹興 三元石化有限公司", name_normalized=normalize_name("紹興 三元石化有限公司")
        )

    assert Organization.objects.count() == 1


@pytest.fixture
def racing_writer(monkeypatch):
    """Another request registered 绍兴三元石化有限公司 after our duplicate check had looked:
    the check (the first call) does not see it; the winner is returned."""
    winner = Organization.objects.create(
        name="绍兴三元石化有限公司", name_normalized=normalize_name("绍兴三元石化有限公司")
    )
    real_find_duplicate = registry.find_duplicate
    calls = []

    def find_duplicate(**kwargs):
        calls.append(kwargs)
        return None if len(calls) == 1 else real_find_duplicate(**kwargs)

    monkeypatch.setattr(registry, "find_duplicate", find_duplicate)
    winner.calls = calls
    return winner


def test_create_losing_a_race_for_the_name_is_a_duplicate_not_an_integrity_error(
    racing_writer, staff
):
    with pytest.raises(registry.DuplicateOrganization) as raised:
        registry.create_organization(
            {"name": "紹興三元石化有限公司"}, actor=staff, source=Source.API
        )

    assert raised.value.existing == racing_writer
    assert list(raised.value.message_dict) == ["name"]
    assert len(racing_writer.calls) == 2  # the check, then the look after the refused insert
    assert list(Organization.objects.all()) == [racing_writer]
    assert not AuditLogEntry.objects.exists()


def test_create_page_losing_a_race_for_the_name_shows_the_duplicate(racing_writer, staff_client):
    response = staff_client.post(CREATE_URL, form_data(name="紹興三元石化有限公司"))

    assert response.status_code == 400
    assert response.context["duplicate"] == racing_writer
    assert list(response.context["form"].errors) == ["name"]
    assert list(Organization.objects.all()) == [racing_writer]


# HTMX and caches -----------------------------------------------------------------------------


def test_directory_answers_history_restore_with_the_page_and_htmx_with_the_fragment(client):
    OrganizationFactory(name="诸暨测试机械有限公司")

    restore = client.get(LIST_URL, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    fragment = client.get(LIST_URL, HTTP_HX_REQUEST="true")
    page = client.get(LIST_URL)

    assert "<html" in restore.content.decode()
    assert "<html" not in fragment.content.decode()
    assert "诸暨测试机械有限公司" in fragment.content.decode()
    for response in (restore, fragment, page):
        assert response.status_code == 200
        assert "HX-Request" in response["Vary"]


# The contacts formset ------------------------------------------------------------------------


def test_editing_twice_from_the_same_stale_form_succeeds_with_the_submitted_contacts(
    staff_client,
):
    organization = OrganizationFactory(
        name="绍兴三元石化有限公司",
        region_id="330681",
        contacts=[{"name": "王伟", "title": "经理"}],
    )
    url = reverse("organizations:update", kwargs={"pk": organization.pk})
    page = staff_client.get(url)
    assert "contacts-0-id" not in page.content.decode()
    stale = as_posted(page) | {"contacts-0-title": "总经理", "contacts-1-name": "李娜"}

    first = staff_client.post(url, stale)
    second = staff_client.post(url, stale)

    assert (first.status_code, second.status_code) == (302, 302)
    assert list(Contact.objects.values_list("organization", "name", "title")) == [
        (organization.pk, "王伟", "总经理"),
        (organization.pk, "李娜", ""),
    ]
    organization.refresh_from_db()
    assert (organization.name, organization.region_id) == ("绍兴三元石化有限公司", "330681")


# History on the detail page ------------------------------------------------------------------


def test_history_of_a_new_record_lists_only_the_fields_it_was_given(staff_client, staff):
    staff_client.post(
        CREATE_URL,
        form_data(name="诸暨测试机械有限公司", region="330681", contacts=[{"name": "张三"}]),
    )
    organization = Organization.objects.get()

    response = staff_client.get(organization.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")

    [(entry, changes)] = response.context["history"]
    assert entry.action == Action.CREATE
    labels = {label for label, _before, _after in changes}
    assert {"Name", "Region", "Contacts"} <= labels
    empty = {"English name", "Unified social credit code", "Industry class", "Size"}
    assert not labels & (empty | {"Founded on", "Website", "Description"})
    assert all(after is not None for _label, _before, after in changes)
    assert "— → —" not in history_section(response)


@pytest.mark.parametrize(
    ("language", "before", "after"), [("zh-hans", "诸暨市", "绍兴市"), ("en", "Zhuji", "Shaoxing")]
)
def test_history_names_the_regions_instead_of_their_codes(
    staff_client, staff, language, before, after
):
    organization = OrganizationFactory(name="绍兴三元石化有限公司", region_id="330681")
    registry.update_organization(
        organization,
        {"region": Region.objects.get(code="330600")},
        actor=staff,
        source=Source.WEB,
    )

    response = staff_client.get(organization.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language)

    history = history_section(response)
    assert f"{before} → {after}" in history
    assert "330681" not in history
    assert "330600" not in history


# The admin -----------------------------------------------------------------------------------


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    ("model", "pk", "data"),
    [("region", "330681", {"name": "改名市"}), ("industry", "26", {"name": "改名"})],
)
def test_admin_cannot_add_change_or_delete_reference_data(superuser_client, model, pk, data):
    url = f"admin:organizations_{model}_"
    manager = Region.objects if model == "region" else Industry.objects
    name = manager.get(pk=pk).name

    add = superuser_client.get(reverse(url + "add"))
    change = superuser_client.post(reverse(url + "change", args=[pk]), data)
    delete = superuser_client.post(reverse(url + "delete", args=[pk]), {"post": "yes"})

    assert (add.status_code, change.status_code, delete.status_code) == (403, 403, 403)
    assert manager.get(pk=pk).name == name
    assert superuser_client.get(reverse(url + "changelist")).status_code == 200


def test_admin_audit_log_lists_entries_and_is_read_only(superuser_client, staff):
    organization = OrganizationFactory(name="绍兴三元石化有限公司", actor=staff)
    entry = audit.history(organization).get()
    change_url = reverse("admin:common_auditlogentry_change", args=[entry.pk])

    listing = superuser_client.get(reverse("admin:common_auditlogentry_changelist"))
    add = superuser_client.get(reverse("admin:common_auditlogentry_add"))
    change = superuser_client.post(change_url, {"object_repr": "tampered"})
    delete = superuser_client.post(
        reverse("admin:common_auditlogentry_delete", args=[entry.pk]), {"post": "yes"}
    )

    assert listing.status_code == 200
    assert "绍兴三元石化有限公司" in listing.content.decode()
    assert (add.status_code, change.status_code, delete.status_code) == (403, 403, 403)
    entry.refresh_from_db()
    assert entry.object_repr == "绍兴三元石化有限公司"
    assert superuser_client.get(change_url).status_code == 200  # viewable


def test_admin_import_page_does_not_show_the_uploaded_file(superuser_client, staff):
    secret = "SECRET-UPLOAD-CONTENT-宁波测试有限公司"
    content = csv_bytes(["name"], [[secret]])
    job = new_job(content, "secret.csv", user=staff)

    response = superuser_client.get(reverse("admin:organizations_importjob_change", args=[job.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "secret.csv" in page
    assert "SECRET-UPLOAD-CONTENT" not in page
    assert base64.b64encode(content).decode() not in page
    assert content.hex() not in page


# Malformed API requests ----------------------------------------------------------------------


def test_malformed_json_is_400_with_a_message_in_the_callers_language(staff_api):
    def post(language):
        return staff_api.post(
            API_URL,
            data='{"name": "宁波测试有限公司",',
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE=language,
        )

    english, chinese = post("en"), post("zh-hans")

    assert (english.status_code, chinese.status_code) == (400, 400)
    english_message, chinese_message = english.json()["detail"], chinese.json()["detail"]
    assert english_message
    assert chinese_message
    assert "Expecting" not in english_message
    assert "JSON parse error" not in english_message
    assert english_message != chinese_message
    assert Organization.objects.count() == 0
