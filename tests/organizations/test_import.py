"""Bulk import of organisations: the domain, the upload page, the report and the command."""

import io
from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import gettext
from openpyxl import load_workbook

from alliancehub.common.domain import audit
from alliancehub.common.domain.audit import Action, Source
from alliancehub.common.models import AuditLogEntry
from alliancehub.organizations.domain import importing
from alliancehub.organizations.enums import ImportStatus
from alliancehub.organizations.models import (
    Contact,
    ImportJob,
    ImportRowError,
    Organization,
)
from tests.factories import OrganizationFactory, UserFactory, make_credit_code
from tests.factories.uploads import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

GOOD_CODE = make_credit_code(101, "330681")
BAD_CODE = "913301007161058520"  # wrong check character

HEADER_ZH = [
    "名称",
    "英文名称",
    "统一社会信用代码",
    "类型",
    "地区",
    "成立日期",
    "联系人",
    "联系电话",
]
HEADER_EN = [
    "name",
    "English name",
    "Unified social credit code",
    "kind",
    "region",
    "founded_on",
    "contact_name",
    "contact_phone",
]
# One good row, every kind of bad row, and another good row; row numbers as in the spreadsheet.
ROWS = [
    ["诸暨测试机械有限公司", "Zhuji Test Machinery", GOOD_CODE, "企业", "330681", "2001-05-20", "张三", "0575-1234567"],  # 2 good
    ["宁波测试有限公司", "", BAD_CODE, "enterprise", "330200", "", "", ""],  # 3 bad credit code
    ["火星测试有限公司", "", "", "enterprise", "999999", "", "", ""],  # 4 unknown region
    ["", "Nameless Co.", "", "enterprise", "330100", "", "", ""],  # 5 missing name
    ["紹興三元石化有限公司", "", "", "enterprise", "330600", "", "", ""],  # 6 already registered
    ["诸暨 测试机械有限公司", "", "", "enterprise", "330681", "", "", ""],  # 7 same name as row 2
    ["温州测试有限公司", "", "", "enterprise", "330300", "2001-13-45", "", ""],  # 8 bad date
    ["台州测试有限公司", "", "", "spaceship", "331000", "", "", ""],  # 9 unknown kind
    ["诸暨另一家机械有限公司", "", GOOD_CODE.lower(), "enterprise", "", "", "", ""],  # 10 same code as row 2
    ["浙江测试大学", "Zhejiang Test University", "", "University", "杭州市", "", "", ""],  # 11 good
]  # fmt: skip
IMPORTED = {"诸暨测试机械有限公司", "浙江测试大学"}
REJECTED_ROWS = [3, 4, 5, 6, 7, 8, 9, 10]


def expected_reasons(language: str, existing: Organization) -> dict[int, list[str]]:
    """The reasons for each rejected row of ``ROWS``, as the catalogue says them in ``language``."""
    _ = gettext
    with translation.override(language):
        return {
            3: [
                _("{field}: {message}").format(
                    field=capfirst(_("unified social credit code")),
                    message=_(
                        "The check character of this unified social credit code is wrong; please check for a typo."
                    ),
                )
            ],
            4: [_("Unknown region “{value}”.").format(value="999999")],
            5: [
                _("{field}: {message}").format(
                    field=capfirst(_("name")), message=_("This field cannot be blank.")
                )
            ],
            6: [
                _(
                    "An organisation with the same name is already registered: {name} (No. {id})."
                ).format(name=existing.name, id=existing.pk)
            ],
            7: [_("Same name as row {row}.").format(row=2)],
            8: [_("“{value}” is not a date (use YYYY-MM-DD).").format(value="2001-13-45")],
            9: [_("Unknown kind “{value}”.").format(value="spaceship")],
            10: [_("Same credit code as row {row}.").format(row=2)],
        }


def run(content: bytes, name: str, *, user=None, language: str = "en") -> ImportJob:
    job = ImportJob.objects.create(
        content=content, original_name=name, created_by=user, language=language
    )
    return importing.run_import(job)


def reasons_by_row(job: ImportJob) -> dict[int, list[str]]:
    return {error.row_number: error.reasons for error in job.row_errors.all()}


def imported_ids(source: str, actor=None) -> set[str]:
    """The ids of the organisations with a create entry from ``source`` (by ``actor``)."""
    entries = AuditLogEntry.objects.filter(source=source, action=Action.CREATE)
    if actor is not None:
        entries = entries.filter(actor=actor)
    return set(entries.values_list("object_id", flat=True))


def ids_of(names: set[str]) -> set[str]:
    return {
        str(pk) for pk in Organization.objects.filter(name__in=names).values_list("pk", flat=True)
    }


def imported_names() -> set[str]:
    return set(
        Organization.objects.exclude(name="绍兴三元石化有限公司").values_list("name", flat=True)
    )


# The domain ----------------------------------------------------------------------------------


def test_import_csv_with_chinese_headers_imports_good_rows_and_explains_the_rest(staff, sanyuan):
    job = run(csv_bytes(HEADER_ZH, ROWS), "orgs.csv", user=staff)

    assert (job.status, job.error_message) == (ImportStatus.DONE, "")
    assert (job.total_rows, job.processed_rows, job.created_count, job.rejected_count) == (
        10,
        10,
        2,
        8,
    )
    assert job.finished_at is not None
    assert imported_names() == IMPORTED
    assert reasons_by_row(job) == expected_reasons("en", sanyuan)


def test_import_xlsx_with_english_headers_reads_numbers_and_dates_from_cells(staff, sanyuan):
    rows = [list(row) for row in ROWS]
    rows[0][4] = 330681  # a region code typed as a number
    rows[0][5] = datetime(2001, 5, 20)  # a real date cell

    job = run(xlsx_bytes(HEADER_EN, rows), "orgs.xlsx", user=staff)

    assert job.status == ImportStatus.DONE
    assert imported_names() == IMPORTED
    assert reasons_by_row(job) == expected_reasons("en", sanyuan)
    zhuji = Organization.objects.get(name="诸暨测试机械有限公司")
    assert (zhuji.region_id, str(zhuji.founded_on), zhuji.credit_code) == (
        "330681",
        "2001-05-20",
        GOOD_CODE,
    )


def test_import_saves_every_value_of_a_good_row_with_its_contact(staff, sanyuan):
    run(csv_bytes(HEADER_ZH, ROWS), "orgs.csv", user=staff)

    zhuji = Organization.objects.get(name="诸暨测试机械有限公司")
    assert (
        zhuji.name_en,
        zhuji.credit_code,
        zhuji.kind,
        zhuji.region_id,
        str(zhuji.founded_on),
        zhuji.created_by,
    ) == ("Zhuji Test Machinery", GOOD_CODE, "enterprise", "330681", "2001-05-20", staff)
    assert "诸暨" in zhuji.search_tokens.split()
    assert [(c.name, c.phone) for c in zhuji.contacts.all()] == [("张三", "0575-1234567")]
    university = Organization.objects.get(name="浙江测试大学")
    assert (university.kind, university.region_id) == ("university", "330100")
    assert not university.contacts.exists()


def test_import_writes_a_create_entry_per_imported_row_with_source_import(staff, sanyuan):
    run(csv_bytes(HEADER_ZH, ROWS), "orgs.csv", user=staff)

    zhuji = Organization.objects.get(name="诸暨测试机械有限公司")
    [entry] = audit.history(zhuji)
    assert (entry.action, entry.source, entry.actor) == (Action.CREATE, Source.IMPORT, staff)
    assert entry.timestamp is not None
    assert entry.changes["name"] == [None, "诸暨测试机械有限公司"]
    assert entry.changes["credit_code"] == [None, GOOD_CODE]
    assert entry.changes["region"] == [None, "330681"]
    assert entry.changes["founded_on"] == [None, "2001-05-20"]
    assert imported_ids(Source.IMPORT) == ids_of(IMPORTED)


def test_import_keeps_the_values_of_rejected_rows(sanyuan):
    job = run(csv_bytes(HEADER_ZH, ROWS), "orgs.csv")

    error = job.row_errors.get(row_number=4)
    assert error.values == {"name": "火星测试有限公司", "kind": "enterprise", "region": "999999"}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_import_rejects_bad_rows_with_reasons_in_uploaders_language(sanyuan, language):
    job = run(csv_bytes(HEADER_ZH, ROWS), "orgs.csv", language=language)

    assert reasons_by_row(job) == expected_reasons(language, sanyuan)


def test_import_reasons_follow_the_job_language_not_the_active_one(sanyuan):
    with translation.override("en"):
        job = run(csv_bytes(HEADER_ZH, ROWS[3:4]), "orgs.csv", language="zh-hans")

    # Django ships this message in Chinese, whatever state our own catalogue is in.
    [reason] = job.row_errors.get().reasons
    assert reason.endswith("此字段不能为空。")


def test_import_reads_gb18030_csv(staff):
    rows = [["绍兴测试纺织有限公司", "330602"], ["紹興測試印染有限公司", "330603"]]

    job = run(csv_bytes(["名称", "所在地区"], rows, encoding="gb18030"), "gbk.csv", user=staff)

    assert (job.status, job.created_count) == (ImportStatus.DONE, 2)
    assert imported_names() == {"绍兴测试纺织有限公司", "紹興測試印染有限公司"}


def test_import_reads_utf8_csv_with_bom_and_semicolons():
    content = "\ufeff名称;类型\n宁波测试有限公司;高校\n".encode()

    job = run(content, "bom.csv")

    assert job.created_count == 1
    assert Organization.objects.get().kind == "university"


def test_import_rejects_unknown_region_with_reason_in_uploaders_language():
    job = run(csv_bytes(["name", "region"], [["火星测试有限公司", "火星"]]), "orgs.csv")

    assert reasons_by_row(job) == {2: ["Unknown region “火星”."]}


def test_import_rejects_an_ambiguous_region_name():
    job = run(csv_bytes(["name", "region"], [["朝阳测试有限公司", "朝阳区"]]), "orgs.csv")

    assert reasons_by_row(job) == {2: ["Region “朝阳区” is ambiguous; use its six-digit code."]}


def test_import_rejects_a_credit_code_already_registered():
    existing = OrganizationFactory(name="宁波已登记有限公司", credit_code=GOOD_CODE)

    job = run(csv_bytes(["name", "credit_code"], [["宁波新名称有限公司", GOOD_CODE]]), "o.csv")

    assert reasons_by_row(job) == {
        2: [
            "An organisation with this unified social credit code is already registered: "
            f"宁波已登记有限公司 (No. {existing.pk})."
        ]
    }


def test_import_rejects_a_row_whose_contact_is_invalid_instead_of_failing_the_batch():
    rows = [
        ["甲测试有限公司", "张三", "1" * 41, "zhang@example.org"],
        ["乙测试有限公司", "李四", "0575-1", "not an e-mail"],
        ["丙测试有限公司", "王五", "0575-2", "wang@example.org"],
    ]

    job = run(csv_bytes(["名称", "联系人", "联系电话", "邮箱"], rows), "orgs.csv")

    assert (job.status, job.created_count) == (ImportStatus.DONE, 1)
    assert reasons_by_row(job) == {
        2: ["Contact's phone: Ensure this value has at most 40 characters (it has 41)."],
        3: ["Contact's e-mail: Enter a valid email address."],
    }
    assert list(Contact.objects.values_list("name", "phone")) == [("王五", "0575-2")]


def test_import_skips_empty_rows_and_unknown_columns():
    rows = [["宁波测试有限公司", "ignored"], ["", ""], ["温州测试有限公司", ""]]

    job = run(csv_bytes(["名称", "备注"], rows), "orgs.csv")

    assert (job.total_rows, job.created_count, job.rejected_count) == (2, 2, 0)


def test_import_of_a_finished_job_does_nothing_again():
    job = run(csv_bytes(["name"], [["宁波测试有限公司"]]), "orgs.csv")

    importing.run_import(job)

    assert job.created_count == 1
    assert Organization.objects.count() == 1


def test_import_of_a_file_without_a_name_column_fails_with_a_message():
    job = run(csv_bytes(["地区"], [["330681"]]), "orgs.csv")

    assert job.status == ImportStatus.FAILED
    assert "No column for the organisation's name" in job.error_message
    assert Organization.objects.count() == 0


def test_import_failure_midway_keeps_confirmed_batches_and_no_half_written_row(monkeypatch, staff):
    """The third batch fails after writing its rows: they vanish, the first two stay."""
    monkeypatch.setattr(importing.jobs, "BATCH_SIZE", 2)
    real_insert = importing.saving._insert
    calls = []

    def insert_then_fail_on_third_batch(job, rows):
        calls.append([number for number, _org, _contact in rows])
        real_insert(job, rows)
        if len(calls) == 3:
            raise RuntimeError("disk full")

    monkeypatch.setattr(importing.saving, "_insert", insert_then_fail_on_third_batch)
    rows = [[f"测试企业{n}有限公司", f"联系人{n}"] for n in range(8)]

    job = run(csv_bytes(["名称", "联系人"], rows), "orgs.csv", user=staff)

    assert calls == [[2, 3], [4, 5], [6, 7]]
    assert job.status == ImportStatus.FAILED
    assert job.error_message.startswith("The import stopped because of an internal error")
    assert "after 4 rows" in job.error_message
    saved = {f"测试企业{n}有限公司" for n in range(4)}
    assert set(Organization.objects.values_list("name", flat=True)) == saved
    assert (job.processed_rows, job.created_count) == (4, 4)
    assert set(Contact.objects.values_list("organization__name", flat=True)) == saved
    assert Contact.objects.count() == 4
    assert imported_ids(Source.IMPORT, actor=staff) == ids_of(saved)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED


def test_import_again_after_a_failure_adds_the_rest_and_reports_the_first_as_duplicates(
    monkeypatch,
):
    content = csv_bytes(["名称"], [[f"测试企业{n}有限公司"] for n in range(4)])
    monkeypatch.setattr(importing.jobs, "BATCH_SIZE", 2)
    real_insert = importing.saving._insert
    calls = []

    def fail_second(job, rows):
        calls.append(rows)
        if len(calls) == 2:
            raise RuntimeError("connection lost")
        real_insert(job, rows)

    monkeypatch.setattr(importing.saving, "_insert", fail_second)
    assert run(content, "orgs.csv").status == ImportStatus.FAILED
    monkeypatch.setattr(importing.saving, "_insert", real_insert)

    second = run(content, "orgs.csv")

    assert (second.status, second.created_count, second.rejected_count) == (ImportStatus.DONE, 2, 2)
    assert Organization.objects.count() == 4
    assert sorted(reasons_by_row(second)) == [2, 3]


# The report ----------------------------------------------------------------------------------


def test_report_workbook_lists_rejected_rows_with_values_and_reasons(sanyuan):
    job = run(csv_bytes(HEADER_ZH, ROWS), "orgs.csv")

    with translation.override("en"):
        sheet = importing.report_workbook(job)
        buffer = io.BytesIO()
        sheet.save(buffer)
    table = [list(row) for row in load_workbook(buffer).worksheets[0].iter_rows(values_only=True)]

    assert table[0][0] == "Row"
    assert table[0][-1] == "Reasons"
    assert "Name" in table[0]
    assert [row[0] for row in table[1:]] == REJECTED_ROWS
    reasons = expected_reasons("en", sanyuan)
    assert [row[-1] for row in table[1:]] == ["；".join(reasons[n]) for n in REJECTED_ROWS]
    name_column = table[0].index("Name")
    assert table[1][name_column] == "宁波测试有限公司"


# The upload page -----------------------------------------------------------------------------


def upload(client, content: bytes, name: str, language: str = "en", **extra):
    return client.post(
        reverse("organizations:import"),
        {"file": SimpleUploadedFile(name, content)},
        HTTP_ACCEPT_LANGUAGE=language,
        **extra,
    )


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_upload_page_imports_and_shows_rejected_rows_in_uploaders_language(
    staff_client, staff, sanyuan, django_capture_on_commit_callbacks, language
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(staff_client, csv_bytes(HEADER_ZH, ROWS), "orgs.csv", language)

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("organizations:import-detail", kwargs={"pk": job.pk})
    assert (job.language, job.created_by, job.original_name) == (language, staff, "orgs.csv")
    assert (job.status, job.created_count, job.rejected_count) == (ImportStatus.DONE, 2, 8)
    assert imported_names() == IMPORTED
    assert reasons_by_row(job) == expected_reasons(language, sanyuan)
    assert imported_ids(Source.IMPORT, actor=staff) == ids_of(IMPORTED)

    page = staff_client.get(response.url, HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    assert [e.row_number for e in page.context["row_errors"]] == REJECTED_ROWS
    for reason in expected_reasons(language, sanyuan)[4]:
        assert reason in page.content.decode()


def test_upload_in_english_and_in_chinese_gives_different_reasons(
    staff_client, django_capture_on_commit_callbacks
):
    content = csv_bytes(HEADER_ZH, [ROWS[3]])  # only the row without a name: nothing imported

    for language in ("en", "zh-hans"):
        with django_capture_on_commit_callbacks(execute=True):
            upload(staff_client, content, "nameless.csv", language)

    english, chinese = (
        ImportRowError.objects.get(job__language=language).reasons for language in ("en", "zh-hans")
    )
    assert english == ["Name: This field cannot be blank."]
    assert chinese != english
    assert chinese[0].endswith("此字段不能为空。")  # Django's own translation


def test_upload_report_download_contains_the_rejected_rows(
    staff_client, sanyuan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(staff_client, xlsx_bytes(HEADER_EN, ROWS), "orgs.xlsx")
    job = ImportJob.objects.get()

    response = staff_client.get(
        reverse("organizations:import-report", kwargs={"pk": job.pk}), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f'filename="rejected-rows-{job.pk}.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    table = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert [row[0] for row in table[1:]] == REJECTED_ROWS
    reasons = expected_reasons("en", sanyuan)
    assert [row[-1] for row in table[1:]] == ["；".join(reasons[n]) for n in REJECTED_ROWS]


def test_upload_progress_fragment_for_htmx(staff_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(staff_client, csv_bytes(["name"], [["宁波测试有限公司"]]), "o.csv")

    fragment = staff_client.get(response.url, HTTP_HX_REQUEST="true")

    assert fragment.status_code == 200
    content = fragment.content.decode()
    assert "<html" not in content
    assert 'id="import-progress"' in content
    assert "hx-trigger" not in content  # finished: no more polling


def test_import_pages_are_only_for_the_uploader(
    staff_client, django_capture_on_commit_callbacks, client
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(staff_client, csv_bytes(["name"], [["宁波测试有限公司"]]), "o.csv")
    job = ImportJob.objects.get()
    other_staff = UserFactory(is_staff=True)
    client.force_login(other_staff)

    assert client.get(response.url).status_code == 404
    report = reverse("organizations:import-report", kwargs={"pk": job.pk})
    assert client.get(report).status_code == 404


def test_superuser_sees_every_import(staff_client, django_capture_on_commit_callbacks, client):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(staff_client, csv_bytes(["name"], [["宁波测试有限公司"]]), "o.csv")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    assert client.get(response.url).status_code == 200


def test_upload_page_requires_staff(client, user):
    url = reverse("organizations:import")

    anonymous = client.get(url)
    client.force_login(user)

    assert anonymous.status_code == 302
    assert anonymous.url.startswith(reverse("login"))
    assert client.get(url).status_code == 403
    assert upload(client, csv_bytes(["name"], [["宁波测试有限公司"]]), "o.csv").status_code == 403
    assert ImportJob.objects.count() == 0


def test_upload_page_shows_the_form_and_recent_imports(staff_client, staff):
    ImportJob.objects.create(content=b"", original_name="earlier.csv", created_by=staff)

    response = staff_client.get(reverse("organizations:import"))

    assert response.status_code == 200
    assert "earlier.csv" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "random.xlsx",
            bytes(range(256)) * 4,
            "The file could not be opened as an Excel .xlsx workbook.",
        ),
        ("empty.csv", b"", "The submitted file is empty."),
        (
            "no-name.csv",
            csv_bytes(["地区", "类型"], [["330681", "企业"]]),
            "No column for the organisation's name was found in the first row "
            "(expected a header such as “名称” or “name”).",
        ),
        (
            "no-name.xlsx",
            xlsx_bytes(["region"], [["330681"]]),
            "No column for the organisation's name was found in the first row "
            "(expected a header such as “名称” or “name”).",
        ),
        ("orgs.txt", b"name\nx\n", "Only .csv and .xlsx files can be imported."),
        (
            "binary.csv",
            b"\xff\xfe\x00\x81\xff" * 10,
            "The CSV file is neither UTF-8 nor GB18030 text.",
        ),
    ],
)
def test_upload_refuses_an_unusable_file_with_a_form_error(staff_client, name, content, message):
    response = upload(staff_client, content, name)

    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [message]
    assert escape(message) in response.content.decode()
    assert ImportJob.objects.count() == 0
    assert Organization.objects.count() == 0


def test_upload_refuses_an_oversized_file(staff_client, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 100
    content = csv_bytes(["name"], [[f"测试企业{n}有限公司"] for n in range(10)])

    response = upload(staff_client, content, "big.csv")

    assert response.status_code == 400
    [message] = response.context["form"].errors["file"]
    assert message.startswith(f"The file is {len(content)}\xa0bytes")
    assert message.endswith("the largest file accepted is 100\xa0bytes.")
    assert ImportJob.objects.count() == 0


def test_upload_refuses_a_file_with_too_many_rows(staff_client, settings):
    settings.IMPORT_MAX_ROWS = 2
    content = csv_bytes(["name"], [[f"测试企业{n}有限公司"] for n in range(3)])

    response = upload(staff_client, content, "many.csv")

    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "The file has 3 rows; at most 2 can be imported at once."
    ]
    assert ImportJob.objects.count() == 0


def test_upload_without_a_file_is_refused_in_chinese(staff_client):
    response = staff_client.post(
        reverse("organizations:import"), {}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )

    assert response.status_code == 400
    with translation.override("zh-hans"):
        required = gettext("This field is required.")
    assert required != "This field is required."  # Django and DRF ship it in Chinese
    assert response.context["form"].errors["file"] == [required]
    assert ImportJob.objects.count() == 0


# The management command ----------------------------------------------------------------------


def test_import_command_imports_a_file_and_writes_a_report(tmp_path, staff, sanyuan, capsys):
    path = tmp_path / "orgs.xlsx"
    path.write_bytes(xlsx_bytes(HEADER_EN, ROWS))

    with translation.override("en"):
        call_command("import_organizations", str(path), "--user", staff.username)

    out = capsys.readouterr().out
    report = tmp_path / "orgs.xlsx.rejected.xlsx"
    assert "10 rows, 2 imported, 8 rejected" in out
    assert str(report) in out
    assert imported_names() == IMPORTED
    job = ImportJob.objects.get()
    assert (job.created_by, job.original_name, job.status) == (
        staff,
        "orgs.xlsx",
        ImportStatus.DONE,
    )
    table = list(load_workbook(report).worksheets[0].iter_rows(values_only=True))
    assert [row[0] for row in table[1:]] == REJECTED_ROWS
    assert imported_ids(Source.IMPORT, actor=staff) == ids_of(IMPORTED)


def test_import_command_writes_the_report_where_asked(tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_bytes(csv_bytes(["name", "region"], [["火星测试有限公司", "999999"]]))
    report = tmp_path / "out" / "report.xlsx"
    report.parent.mkdir()

    call_command("import_organizations", str(path), "--report", str(report))

    assert report.exists()
    assert ImportJob.objects.get().created_by is None


def test_import_command_without_rejected_rows_writes_no_report(tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_bytes(csv_bytes(["name"], [["宁波测试有限公司"]]))

    call_command("import_organizations", str(path))

    assert not (tmp_path / "orgs.csv.rejected.xlsx").exists()
    assert Organization.objects.count() == 1


def test_import_command_fails_for_a_missing_file_or_user(tmp_path):
    path = tmp_path / "orgs.csv"

    with pytest.raises(CommandError, match="No such file"):
        call_command("import_organizations", str(path))
    path.write_bytes(csv_bytes(["name"], [["宁波测试有限公司"]]))
    with pytest.raises(CommandError, match="No such user: nobody"):
        call_command("import_organizations", str(path), "--user", "nobody")
    assert ImportJob.objects.count() == 0


def test_import_command_fails_for_an_unreadable_file(tmp_path, capsys):
    path = tmp_path / "orgs.xlsx"
    path.write_bytes(b"not a workbook")

    with translation.override("en"), pytest.raises(CommandError, match="The import failed"):
        call_command("import_organizations", str(path))

    assert "could not be opened as an Excel .xlsx workbook" in capsys.readouterr().err
    assert ImportJob.objects.get().status == ImportStatus.FAILED


@pytest.mark.django_db
def test_report_keeps_a_formula_like_value_as_text():
    job = ImportJob.objects.create(content=b"", original_name="members.csv")
    ImportRowError.objects.create(
        job=job, row_number=2, values={"name": '=HYPERLINK("http://x","y")'}, reasons=["r"]
    )
    stream = io.BytesIO()
    importing.report_workbook(job).save(stream)
    stream.seek(0)

    cell = load_workbook(stream).active["B2"]

    assert cell.value == '=HYPERLINK("http://x","y")'
    assert cell.data_type == "s"
