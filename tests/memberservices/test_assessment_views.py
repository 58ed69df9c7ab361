"""The pre-assessment pages: the form, the saved report with verdicts, figures, citations and
advice, the PDF, bad input answered in the user's language, and the recognition-help request."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alliancehub.memberservices.domain import catalogue
from alliancehub.memberservices.domain.assessments import facts_from_data
from alliancehub.memberservices.models import Assessment, ServiceRequest
from tests.factories.memberservices import WEB, build_world
from tests.governance.test_documents import _embedded_font_names, _pdf_text


@pytest.fixture
def world(db):
    return build_world()


def years():
    this = timezone.localdate().year
    return [this - 3, this - 2, this - 1]


def form_data(**changes):
    """A comfortable applicant registered in 2018, as the browser posts it."""
    data = {
        "registered_on": "2018-03-01", "tech_field": "electronic_information",
        "ip_class_one": "2", "ip_class_two": "3", "ip_self_developed": "yes",
        "ip_advancement": "high", "ip_core_support": "strong", "ip_standards": "yes",
        "staff_in_service": "100", "staff_part_time_and_temporary": "0", "staff_sci_tech": "20",
        "total_revenue": "48000000", "high_tech_revenue": "40000000",
        "ip_backed_revenue": "30000000",
        "management_system_and_accounts": "full", "management_institution_and_cooperation": "full",
        "management_conversion_incentives": "full", "management_talent": "full",
    }  # fmt: skip
    figures = [("30000000", "2000000", "10000000"), ("40000000", "2500000", "13000000"),
               ("48000000", "3000000", "17000000")]  # fmt: skip
    for index, (sales, rd, net) in enumerate(figures):
        data |= {f"y{index}_sales_revenue": sales, f"y{index}_rd_expenses": rd,
                 f"y{index}_rd_expenses_in_china": rd, f"y{index}_net_assets": net,
                 f"y{index}_conversions": "5"}  # fmt: skip
    return data | changes


def url(world, tail=""):
    return f"/services/{world.alliance.slug}/assessments/{tail}"


def post(client, world, **changes):
    return client.post(url(world, "new/"), form_data(**changes), HTTP_ACCEPT_LANGUAGE="en")


def test_a_member_assesses_its_figures_and_the_assessment_is_saved(client, world):
    client.force_login(world.member)
    assert client.get(url(world, "new/")).status_code == 200

    response = post(client, world)

    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(world, f"{assessment.pk}/")
    assert (assessment.organization, assessment.on, assessment.verdict) == (
        world.unit,
        timezone.localdate(),
        "pass",
    )
    assert (assessment.score_low, assessment.score_high) == (76, 96)
    assert [y["year"] for y in assessment.facts["years"]] == years()
    assert assessment.facts["years"][0]["sales_revenue"] == "30000000"
    assert facts_from_data(assessment.facts).ip.self_developed is True


def test_the_report_shows_verdicts_figures_citations_and_the_score_range(client, world):
    client.force_login(world.member)
    post(client, world, staff_sci_tech="10.5")  # 10.5 % against 10 %: at risk
    assessment = Assessment.objects.get()

    response = client.get(url(world, f"{assessment.pk}/"), HTTP_ACCEPT_LANGUAGE="en")

    text = response.content.decode()
    assert response.status_code == 200
    assert 'data-verdict="at_risk">At risk</span>' in text
    assert "Science and technology staff" in text
    assert "10.5 %" in text
    assert "国科发火〔2016〕32号 第十一条（四）" in text
    assert "What would change the verdict:" in text
    assert "Expected between 76 and 96 of 100; more than 70 is required." in text


def test_zero_revenue_is_not_refused_but_cannot_be_judged_with_the_reason(client, world):
    client.force_login(world.member)
    zero = {f"y{i}_sales_revenue": "0" for i in range(3)}
    response = post(client, world, total_revenue="0", high_tech_revenue="0",
                    ip_backed_revenue="0", **zero)  # fmt: skip
    assert response.status_code == 302

    report = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").context["report"]

    rule = report.rule("rd_intensity")
    assert rule.verdict == "cannot_judge"
    assert rule.reason
    assert report.verdict == "cannot_judge"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"staff_in_service": "-3"}, "staff_in_service", "This figure cannot be negative."),
        ({"y2_rd_expenses": ""}, "y2_rd_expenses", "This figure is required."),
        ({"ip_class_two": "-1"}, "ip_class_two", "This figure cannot be negative."),
        ({"high_tech_revenue": "50000000"}, "high_tech_revenue",
         "High-tech revenue cannot exceed total revenue."),
        ({"staff_sci_tech": "120"}, "staff_sci_tech",
         "Science and technology staff cannot outnumber the employees."),
        ({"y1_rd_expenses_in_china": "9000000"}, "y1_rd_expenses_in_china",
         "R&D expenses in China cannot exceed the year's total R&D expenses ({year})."),
        ({"ip_self_developed": ""}, "ip_self_developed", "Answer yes or no."),
        ({"management_talent": ""}, "management_talent", "Choose one of the listed options."),
    ],
)  # fmt: skip
def test_bad_figures_are_answered_beside_their_input(client, world, changes, field, message):
    client.force_login(world.member)

    response = post(client, world, **changes)

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message.format(year=years()[1])]
    assert not Assessment.objects.exists()


def test_dates_in_the_future_are_refused(client, world):
    client.force_login(world.member)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    response = post(client, world, registered_on=tomorrow, incident0_kind="safety",
                    incident0_occurred_on=tomorrow)  # fmt: skip

    errors = response.context["form"].errors
    assert errors["registered_on"] == ["The registration date lies in the future."]
    assert errors["incident0_occurred_on"] == ["The date of the incident lies in the future."]


def test_messages_are_in_the_users_language(client, world):
    client.force_login(world.member)

    response = client.post(url(world, "new/"), form_data(staff_in_service="-3"),
                           HTTP_ACCEPT_LANGUAGE="zh-hans")  # fmt: skip

    message = response.context["form"].errors["staff_in_service"][0]
    assert message != "This figure cannot be negative."
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)


def test_a_recent_incident_fails_the_condition_with_the_date_to_wait_for(client, world):
    client.force_login(world.member)
    day = timezone.localdate() - timedelta(days=30)

    response = post(client, world, incident0_kind="quality", incident0_occurred_on=day.isoformat())

    report = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").context["report"]
    rule = report.rule("no_major_incident")
    assert rule.verdict == "fail"
    assert (day + timedelta(days=366)).isoformat() in rule.advice


def test_the_member_comes_back_and_revises_the_figures(client, world):
    client.force_login(world.member)
    post(client, world)
    assessment = Assessment.objects.get()
    page = client.get(url(world, f"{assessment.pk}/edit/"))
    assert page.context["form"].initial["y2_sales_revenue"] == "48000000"
    assert page.context["form"].initial["ip_self_developed"] == "yes"

    response = client.post(url(world, f"{assessment.pk}/edit/"), form_data(ip_class_one="0",
                           ip_class_two="0"))  # fmt: skip

    assessment.refresh_from_db()
    assert response.status_code == 302
    assert assessment.verdict == "fail"
    assert Assessment.objects.count() == 1


def test_the_report_as_pdf_embeds_the_cjk_font_and_the_verdicts(client, world):
    client.force_login(world.member)
    post(client, world)
    assessment = Assessment.objects.get()

    response = client.get(url(world, f"{assessment.pk}/report.pdf"), HTTP_ACCEPT_LANGUAGE="en")

    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    data = response.content
    assert data.startswith(b"%PDF-")
    assert any("CJK" in name for name in _embedded_font_names(data))
    text = _pdf_text(data)
    assert "浙江天洁环境科技股份有限公司" in text
    assert "国科发火〔2016〕32号 第十一条（四）" in text
    assert "Science and technology staff" in text
    assert "Expected between 76 and 96 of 100" in text


def test_nobody_else_reads_a_members_assessment(client, world):
    client.force_login(world.member)
    post(client, world)
    assessment = Assessment.objects.get()

    for person in (world.neighbour, world.provider, world.outsider, world.secretariat):
        client.force_login(person)
        assert client.get(url(world, f"{assessment.pk}/")).status_code == 404
        assert client.get(url(world, f"{assessment.pk}/report.pdf")).status_code == 404


def test_only_a_member_representative_opens_the_form(client, world):
    client.force_login(world.secretariat)

    assert client.get(url(world, "new/")).status_code == 403


def test_asking_for_help_files_a_recognition_request_with_the_summary(client, world):
    client.force_login(world.member)
    post(client, world, staff_sci_tech="8")  # fails the staff share
    assessment = Assessment.objects.get()
    report_page = client.get(url(world, f"{assessment.pk}/"), HTTP_ACCEPT_LANGUAGE="en")
    help_url = f"/services/{world.alliance.slug}/requests/new/?assessment={assessment.pk}"
    assert help_url in report_page.content.decode()

    form = client.get(help_url, HTTP_ACCEPT_LANGUAGE="en").context["form"]
    assert form.initial["service"] == world.service.pk
    assert form.initial["subject"] == "Help with high-tech enterprise recognition"
    assert "[Fail] Science and technology staff" in form.initial["description"]
    response = client.post(help_url, {
        "service": world.service.pk, "organization": world.unit.pk,
        "subject": form.initial["subject"], "description": form.initial["description"],
        "assessment": assessment.pk,
    })  # fmt: skip

    made = ServiceRequest.objects.get()
    assert response.status_code == 302
    assert made.service.kind == "high_tech_recognition"
    assessment.refresh_from_db()
    assert assessment.help_request == made
    client.force_login(world.secretariat)  # now the secretariat may read it
    assert client.get(url(world, f"{assessment.pk}/")).status_code == 200


def test_no_help_button_when_the_alliance_offers_no_recognition_service(client, world):
    catalogue.update_service(world.service, {"active": False}, actor=world.secretariat, source=WEB)
    client.force_login(world.member)
    post(client, world)
    assessment = Assessment.objects.get()

    response = client.get(url(world, f"{assessment.pk}/"))

    assert 'id="ask-for-help"' not in response.content.decode()
