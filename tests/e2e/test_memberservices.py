"""Member services in a real browser: a member runs the high-tech pre-assessment, reads the
report, and asks the secretariat for help with recognition. The screenshot goes to
``test-results/memberservices-report-zh-hans.png``."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from alliancehub.memberservices.models import Assessment, ServiceRequest
from tests.memberservices.test_services import build_world

from .test_governance import sign_in

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# A company short of S&T staff: everything else comfortable.
FIGURES = {
    "ip_class_one": "1", "ip_class_two": "4", "staff_in_service": "95",
    "staff_part_time_and_temporary": "5", "staff_sci_tech": "8",
    "total_revenue": "48000000", "high_tech_revenue": "40000000",
    "ip_backed_revenue": "30000000",
}  # fmt: skip
YEARS = [("30000000", "2000000", "10000000"), ("40000000", "2500000", "13000000"),
         ("48000000", "3000000", "17000000")]  # fmt: skip


@pytest.fixture
def world():
    return build_world()


def test_a_member_runs_the_pre_assessment_and_asks_for_help_with_recognition(
    world, browser, live_server, results_dir
):
    page = sign_in(browser, live_server, "tengy")

    page.goto(f"/services/{world.alliance.slug}/assessments/new/")
    page.fill("input[name=registered_on]", "2018-03-01")
    page.select_option("select[name=tech_field]", "new_energy")
    for name, value in FIGURES.items():
        page.fill(f"input[name={name}]", value)
    for name in ("ip_self_developed", "ip_standards"):
        page.select_option(f"select[name={name}]", "yes")
    page.select_option("select[name=ip_advancement]", "high")
    page.select_option("select[name=ip_core_support]", "strong")
    for index, (sales, rd, net) in enumerate(YEARS):
        page.fill(f"input[name=y{index}_sales_revenue]", sales)
        page.fill(f"input[name=y{index}_rd_expenses]", rd)
        page.fill(f"input[name=y{index}_rd_expenses_in_china]", rd)
        page.fill(f"input[name=y{index}_net_assets]", net)
        page.fill(f"input[name=y{index}_conversions]", "5")
    for name in ("system_and_accounts", "institution_and_cooperation",
                 "conversion_incentives", "talent"):  # fmt: skip
        page.select_option(f"select[name=management_{name}]", "full")
    page.locator("#assessment-form button[type=submit]").click()
    page.wait_for_url("**/assessments/*/")

    staff = page.locator("[data-rule=sci_tech_staff]")
    expect(staff.locator("[data-verdict]")).to_have_attribute("data-verdict", "fail")
    expect(staff).to_contain_text("8 %")  # the figure behind the verdict
    expect(staff).to_contain_text("国科发火〔2016〕32号 第十一条（四）")
    expect(page.locator("#overall-verdict [data-verdict]")).to_have_attribute(
        "data-verdict", "fail"
    )
    page.screenshot(path=str(results_dir / "memberservices-report-zh-hans.png"), full_page=True)

    page.locator("#ask-for-help").click()
    page.wait_for_url("**/requests/new/?assessment=*")
    description = page.locator("textarea[name=description]").input_value()
    assert "8 %" in description
    page.fill("textarea[name=description]", description + "\n盼尽快联系。")
    page.locator("button[name=submit]").click()
    page.wait_for_url("**/requests/*/")
    expect(page.locator("#request-description")).to_contain_text("盼尽快联系。")

    assessment = Assessment.objects.get()
    made = ServiceRequest.objects.get()
    assert (assessment.organization, assessment.on) == (world.unit, timezone.localdate())
    assert assessment.help_request == made
    assert (made.service, made.organization, made.status) == (
        world.service,
        world.unit,
        "submitted",
    )
